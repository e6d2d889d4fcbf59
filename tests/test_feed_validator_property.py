"""The validator on valid feeds perturbed at the boundaries, against rules restated here.

Each example takes the hand-written valid feed and rewrites one run's or one facility's fields
with values drawn around the contract's limits (times near 24:00, masks of 6-8 characters,
cutoffs and prices near 0, coordinates near Indonesia's box, weights near 0, flags and exception
types just outside their sets). The expected verdict per field comes from the contract's
wording, not from the validator's patterns.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from hypothesis import given, settings
from hypothesis import strategies as st

from jalin.network.validator import validate_files
from tests.budget import examples
from tests.feeds import VALID_FEED

TODAY = date(2026, 11, 27)


def _time_ok(v: str) -> bool:
    """HH:MM, two digits each, 00:00 to 23:59."""
    if len(v) != 5 or v[2] != ":" or not (v[:2].isdigit() and v[3:].isdigit()):
        return False
    return v[:2].isascii() and v[3:].isascii() and int(v[:2]) < 24 and int(v[3:]) < 60


def _days_ok(v: str) -> bool:
    return len(v) == 7 and set(v) <= {"0", "1"}


def _whole_at_least(v: str, minimum: int) -> bool:
    body = v[1:] if v[:1] in "+-" else v
    return body.isascii() and body.isdigit() and int(v) >= minimum


def _positive_decimal(v: str) -> bool:
    try:
        d = Decimal(v)
    except InvalidOperation:
        return False
    return d.is_finite() and d > 0


def _coordinate_ok(lat: str, lon: str) -> bool:
    try:
        a, b = Decimal(lat), Decimal(lon)
    except InvalidOperation:
        return False
    return a.is_finite() and b.is_finite() and -11.5 <= a <= 6.5 and 94.5 <= b <= 141.5


times = st.one_of(
    st.builds(lambda h, m: f"{h:02d}:{m:02d}", st.integers(0, 25), st.integers(0, 61)),
    st.sampled_from(["9:00", "09:0", "0900", "12:30:00", " 12:30", "２3:00", ""]),
)
days = st.text(st.sampled_from("012"), min_size=6, max_size=8)
whole = st.one_of(
    st.integers(-3, 3).map(str),
    st.sampled_from(["+5", "1.0", "1e2", "", "٣", " 7"]),
)
decimals = st.one_of(
    st.sampled_from(["0", "0.0", "-0.001", "0.001", "1e-3", "NaN", "Infinity", "2.5.1", "", "30"]),
    st.decimals(Decimal("-1"), Decimal("2"), places=3).map(str),
)
lats = st.one_of(
    st.sampled_from(["-11.5", "-11.51", "6.5", "6.51", "0", "abc"]),
    st.decimals(Decimal("-12"), Decimal("7"), places=2).map(str),
)
lons = st.one_of(
    st.sampled_from(["94.5", "94.49", "141.5", "141.51", "106.83"]),
    st.decimals(Decimal("94"), Decimal("142"), places=2).map(str),
)


@settings(max_examples=examples(200), deadline=None)
@given(departs=times, mask=days, cutoff=whole, duration=whole, price=whole, weight=decimals)
def test_a_perturbed_run_and_service(atlas, departs, mask, cutoff, duration, price, weight):
    runs = VALID_FEED["runs.csv"].replace(
        "L1,REG,JKT,KDI,1111111,22:00,60,300,10000,2000",
        f"L1,REG,JKT,KDI,{mask},{departs},{cutoff},{duration},{price},2000",
    )
    services = VALID_FEED["services.csv"].replace("REG,Reguler,30,", f"REG,Reguler,{weight},")
    files = {k: v.encode() for k, v in {**VALID_FEED, "runs.csv": runs, "services.csv": services}.items()}
    result = validate_files(files, atlas, today=TODAY)
    fields = {(n.file, n.field) for n in result.notices.samples if n.severity.value == "ERROR"}
    expect = {
        ("runs.csv", "departs_at"): _time_ok(departs.strip()),
        ("runs.csv", "days"): _days_ok(mask),
        ("runs.csv", "cutoff_minutes"): _whole_at_least(cutoff.strip(), 0),
        ("runs.csv", "duration_minutes"): _whole_at_least(duration.strip(), 1),
        ("runs.csv", "base_price"): _whole_at_least(price.strip(), 0),
        ("services.csv", "max_weight_kg"): _positive_decimal(weight.strip()),
    }
    for field, ok in expect.items():
        assert (field not in fields) is ok, (field, result.to_dict()["notices"])
    assert result.valid is all(expect.values())
    if result.valid:
        run = next(r for r in result.feed.runs if r.run_id == "L1")  # type: ignore[union-attr]
        h, m = departs.strip().split(":")
        assert (run.days, run.departs_at, run.cutoff_minutes) == (mask, int(h) * 60 + int(m), int(cutoff))


@settings(max_examples=examples(100), deadline=None)
@given(lat=lats, lon=lons, handover=st.sampled_from(["0", "1", "2", "", "true"]))
def test_a_perturbed_facility(atlas, lat, lon, handover):
    facilities = VALID_FEED["facilities.csv"].replace(
        "JKT,Hub Jakarta,hub,31.71.06,-6.19,106.83,1", f"JKT,Hub Jakarta,hub,31.71.06,{lat},{lon},{handover}"
    )
    files = {k: v.encode() for k, v in {**VALID_FEED, "facilities.csv": facilities}.items()}
    result = validate_files(files, atlas, today=TODAY)
    errors = [n for n in result.notices.samples if n.severity.value == "ERROR"]
    coordinates_ok = _coordinate_ok(lat, lon)
    flag_ok = handover in ("0", "1")
    assert result.valid is (coordinates_ok and flag_ok), [n.to_dict() for n in errors]
    if result.valid:
        jkt = result.feed.facilities["JKT"]  # type: ignore[union-attr]
        assert (jkt.lat, jkt.lon, jkt.handover) == (float(lat), float(lon), handover == "1")
