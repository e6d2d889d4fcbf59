"""The validator's fast paths for plain facility rows and for CSV text without quotes change no
answer: the same notices (code, file, line, field, message), the same feed, the same records."""

from __future__ import annotations

import csv
import io
from dataclasses import fields
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jalin.network import csvtable, validator
from jalin.network.csvtable import MAX_FIELD_CHARS, read_csv
from jalin.network.model import Endpoint, Run
from jalin.network.notices import NoticeLog
from jalin.network.validator import validate_files
from tests.feeds import VALID_FEED

TODAY = date(2026, 11, 27)

# -- facilities.csv ------------------------------------------------------------------------

# Per column: plain values, and the ways real feeds get it wrong (or right, unusually written).
# JKT and KDI are the ends of the valid feed's linehauls: far-apart coordinates for them make
# the speed check speak, so coordinates read differently would change its notices.
FACILITY_VALUES = {
    "facility_id": (["JKT", "KDI", "LKR", "X1"], [" JKT", ""]),
    "name": (["Hub Jakarta"], [" Loker ", ""]),
    "kind": (["hub", "locker"], [" agent", "Hub", "depot", ""]),
    "area_code": (["31.71.06", "74.71.01"], [" 31.71.06", "31.71.6", "99.99.99", "31.71", ""]),
    "lat": (
        ["-6.19", "5.9", "-3.97000", "0", ""],
        [
            *("6.5", "6.5000001", "-11.5", "-11.51", "-0", "+1.5", "1e0", "abc", "-6,19", "٣", "NaN"),
            *(" -6.19", "-6.1900000000000000001", "1234.5"),
            *("6.50000000000000001", "-11.50000000000000001"),  # past a limit, rounding onto it
        ],
    ),
    "lon": (
        ["106.83", "141.0", "122.59", ""],
        [
            *("94.5", "94.4999", "141.5", "141.50001", "106,83", "1.0683e2", "Infinity", "106.83 "),
            *("141.50000000000001", "94.49999999999999999"),  # past a limit, rounding onto it
        ],
    ),
    "handover": (["1", "0"], [" 1", "2", "true", ""]),
}
# Headers with and without the optional coordinates (and with only one of them).
FACILITY_HEADERS = [
    ("facility_id", "name", "kind", "area_code", "lat", "lon", "handover"),
    ("handover", "lon", "lat", "area_code", "kind", "name", "facility_id"),
    ("facility_id", "name", "kind", "area_code", "handover"),
    ("facility_id", "name", "kind", "area_code", "lat", "handover"),
]


def _csv_field(value: str) -> str:
    return f'"{value}"' if "," in value else value


@st.composite
def facilities_csv(draw: st.DrawFn, odd: tuple[str, ...] = tuple(FACILITY_VALUES)) -> str:
    """A facilities.csv whose columns in `odd` may hold odd values, the others plain ones."""
    header = draw(st.sampled_from(FACILITY_HEADERS if "lat" in odd else FACILITY_HEADERS[:1]))
    value = {
        c: st.one_of(st.sampled_from(plain), st.sampled_from(others)) if c in odd else st.sampled_from(plain)
        for c, (plain, others) in FACILITY_VALUES.items()
    }
    rows = draw(st.lists(st.tuples(*(value[c] for c in header)), min_size=1, max_size=8))
    lines = [",".join(header), *(",".join(_csv_field(v) for v in row) for row in rows)]
    return "\n".join(lines) + "\n"


def _result(files: dict[str, bytes]):  # type: ignore[no-untyped-def]
    from jalin.geo import get_atlas

    r = validate_files(dict(files), get_atlas(), today=TODAY)
    return r.to_dict(), r.feed


def _without_the_fast_path(check):  # type: ignore[no-untyped-def]
    original = validator._Validator._plain_facility_reader
    try:
        validator._Validator._plain_facility_reader = lambda self, columns: lambda values, seen: None  # type: ignore[method-assign]
        return check()
    finally:
        validator._Validator._plain_facility_reader = original  # type: ignore[method-assign]


def _facilities(text: str):  # type: ignore[no-untyped-def]
    """The facilities read and every notice (none left out of the samples)."""
    from jalin.geo import get_atlas

    log = NoticeLog(samples_per_code=100_000)
    v = validator._Validator(get_atlas(), TODAY, log)
    facilities = v.facilities(v.table("facilities.csv", text.encode()))
    return facilities, v.facility_ids, [n.to_dict() for n in log.samples]


def _same_with_and_without_the_fast_path(facilities: str) -> None:
    files = {k: v.encode() for k, v in VALID_FEED.items()}
    files["facilities.csv"] = facilities.encode()
    assert _result(files) == _without_the_fast_path(lambda: _result(files))
    assert _facilities(facilities) == _without_the_fast_path(lambda: _facilities(facilities))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(facilities=facilities_csv())
def test_facility_fast_path_gives_the_same_notices_and_feed(facilities):
    _same_with_and_without_the_fast_path(facilities)


def test_facility_fast_path_reads_every_pair_of_coordinates_like_the_full_checks():
    """Every lat with every lon, each on its own otherwise plain row, and with one column."""
    lats = [v for group in FACILITY_VALUES["lat"] for v in group]
    lons = [v for group in FACILITY_VALUES["lon"] for v in group]
    rows = [(f"F{i}", lat, lon) for i, (lat, lon) in enumerate((a, b) for a in lats for b in lons)]
    both = "facility_id,name,kind,area_code,lat,lon,handover\n" + "".join(
        f"{fid},Hub,hub,31.71.06,{_csv_field(lat)},{_csv_field(lon)},1\n" for fid, lat, lon in rows
    )
    only_lat = "facility_id,name,kind,area_code,lat,handover\n" + "".join(
        f"F{i},Hub,hub,31.71.06,{_csv_field(lat)},1\n" for i, lat in enumerate(lats)
    )
    for text in (both, only_lat):
        _same_with_and_without_the_fast_path(text)


def test_the_fast_path_reads_the_plain_facilities_of_the_valid_feed(atlas, monkeypatch):
    """The property above would also hold if no row were ever plain; the valid feed's rows are."""
    slow_rows: list[int] = []
    original = validator._Validator._facility

    def counted(self, r, seen):  # type: ignore[no-untyped-def]
        slow_rows.append(r.line)
        return original(self, r, seen)

    monkeypatch.setattr(validator._Validator, "_facility", counted)
    result = validate_files({k: v.encode() for k, v in VALID_FEED.items()}, atlas, today=TODAY)
    assert result.valid and result.feed is not None
    assert slow_rows == []
    assert (result.feed.facilities["JKT"].lat, result.feed.facilities["JKT"].lon) == (-6.19, 106.83)
    assert result.feed.facilities["LKR"].lat is None


# -- runs.csv ----------------------------------------------------------------------------------


def test_the_plain_readers_run_is_the_run_the_constructor_makes():
    values = ("R1", "REG", Endpoint(area_code="31.71"), Endpoint(facility_id="JKT"), "1111100", 900, 60)
    made = validator._new_run(*values, 120, 5000, 0)
    assert made == Run(*values, 120, 5000, 0)
    assert [getattr(made, f.name) for f in fields(Run)] == [*values, 120, 5000, 0, None]
    assert hash(made) == hash(Run(*values, 120, 5000, 0))


# -- reading CSV text ------------------------------------------------------------------------


def _csv_module(text: str) -> list[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    return [(reader.line_num, row) for row in reader]


@settings(max_examples=300, deadline=None)
@given(text=st.text(st.sampled_from("ab ,\n\t;\ufeff\u2028\x85"), max_size=60))
def test_splitting_reads_the_records_the_csv_module_reads(text):
    split = csvtable._split_records(text)
    assert split is not None
    assert list(split) == _csv_module(text)


@pytest.mark.parametrize("text", ['a,b\n"1",2\n', "a,b\r\n1,2\r\n", "a,b\r1,2\r"])
def test_splitting_leaves_quotes_and_carriage_returns_to_the_csv_module(text):
    assert csvtable._split_records(text) is None
    assert list(csvtable._records(text)) == _csv_module(text)


def _read(text: str):  # type: ignore[no-untyped-def]
    log = NoticeLog()
    table = read_csv("runs.csv", text.encode(), log)
    return (table.header, table.rows) if table else None, [n.to_dict() for n in log.samples]


@settings(max_examples=300, deadline=None)
@given(text=st.text(st.sampled_from('ab ,\n\r"'), min_size=1, max_size=60))
def test_read_csv_gives_the_same_table_and_notices_with_and_without_splitting(text):
    fast = _read(text)
    original = csvtable._split_records
    try:
        csvtable._split_records = lambda text: None  # type: ignore[assignment]
        slow = _read(text)
    finally:
        csvtable._split_records = original
    assert fast == slow


def test_a_line_past_the_field_limit_is_left_to_the_csv_module():
    text = "a,b\n" + "x" * (MAX_FIELD_CHARS + 1) + ",1\n"
    assert csvtable._split_records(text) is None
    table, notices = _read(text)
    assert table is None
    assert [(n["code"], n["line"]) for n in notices] == [("invalid_csv", 2)]
    at_the_limit = "a,b\n" + "x" * (MAX_FIELD_CHARS - 2) + ",1\n"
    table, notices = _read(at_the_limit)
    assert notices == [] and table is not None and len(table[1]) == 1
