"""The validator's fast path for plain run rows changes no answer: same notices, same feed."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jalin.network import validator
from jalin.network.validator import validate_files
from tests.feeds import VALID_FEED

TODAY = date(2026, 11, 27)
HEADER = (
    "run_id,service_id,origin,destination,days,departs_at,cutoff_minutes,duration_minutes,"
    "base_price,price_per_kg,capacity_kg"
)
# Plain values, and the ways real feeds get each column wrong (or right, unusually written).
VALUES = {
    "run_id": ["R1", "R2", "R3", " R1 ", ""],
    "service_id": ["REG", "EXP", "NOPE", " REG", ""],
    "origin": [
        "JKT",
        "KDI",
        "LKR",
        "area:31.71",
        "area:74",
        "area: 74.71.01",
        "area:99",
        "area:7",
        "XXX",
        "",
    ],
    "destination": ["KDI", "JKT", "area:74.71", "area:74.71.01", "area:31.71.06", "area:1", "NOPE", ""],
    "days": ["1111111", "1111100", "0000001", "111111", "11111x1", " 1111111", ""],
    "departs_at": ["08:00", "23:59", "24:00", "7:00", "08:60", " 09:30", ""],
    "cutoff_minutes": ["0", "60", "-1", "+5", "1.5", "٣", ""],
    "duration_minutes": ["1", "240", "0", "1", "x", "", "100000"],
    "base_price": ["0", "5000", "-3", "5,000", ""],
    "price_per_kg": ["0", "2000", "+10", ""],
    "capacity_kg": ["", "", "100", "0", "abc"],
}
COLUMNS = HEADER.split(",")
row = st.tuples(*(st.sampled_from(VALUES[c]) for c in COLUMNS)).map(
    lambda vs: ",".join(f'"{v}"' if "," in v else v for v in vs)
)


def _result(files: dict[str, bytes]):  # type: ignore[no-untyped-def]
    r = validate_files(dict(files), _atlas(), today=TODAY)
    return r.to_dict(), r.feed


def _atlas():  # type: ignore[no-untyped-def]
    from jalin.geo import get_atlas

    return get_atlas()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(row, min_size=1, max_size=12))
def test_fast_path_gives_the_same_notices_and_feed(rows):
    files = {k: v.encode() for k, v in VALID_FEED.items()}
    files["runs.csv"] = (HEADER + "\n" + "\n".join(rows) + "\n").encode()
    fast = _result(files)
    original = validator._Validator._plain_reader
    try:
        validator._Validator._plain_reader = lambda self, columns: lambda values, seen: None  # type: ignore[method-assign]
        slow = _result(files)
    finally:
        validator._Validator._plain_reader = original  # type: ignore[method-assign]
    assert fast == slow
