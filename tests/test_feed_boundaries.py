"""Boundary rows for every validator rule: the last valid value and the first invalid one.

Each rule gets a pair (or more) of rows on either side of its limit, written from the contract
(network-feed-v1) and docs/feed-spec.md, not from the validator's constants. The valid side must
give no notice of that code and no error at all; the invalid side must give exactly that code on
the right file, line and field.

`test_every_notice_code_in_the_catalogue_is_produced` runs every table of this module and of
test_feed_validator.py and fails if any code of the catalogue (jalin.network.notices.CODES) is
produced by none of them.
"""

from __future__ import annotations

import io
import math
import os
import zipfile
from datetime import date
from pathlib import Path

import pytest

from jalin.network.notices import CODES, Severity
from jalin.network.validator import validate_feed
from tests.feeds import VALID_FEED, replace_in, write
from tests.test_feed_validator import BREAKAGES

TODAY = date(2026, 11, 27)

# (file, old, new, code, field, present): present=False is the valid side of the boundary.
ROWS: list[tuple[str, str, str, str, str | None, bool]] = [
    # carrier_id: 2-16 of A-Z, 0-9, _
    ("feed.json", '"TESTX"', '"AB"', "invalid_carrier_id", "carrier_id", False),
    ("feed.json", '"TESTX"', '"A"', "invalid_carrier_id", "carrier_id", True),
    ("feed.json", '"TESTX"', '"ABCDEFGHIJ_12345"', "invalid_carrier_id", "carrier_id", False),
    ("feed.json", '"TESTX"', '"ABCDEFGHIJ_123456"', "invalid_carrier_id", "carrier_id", True),
    ("feed.json", '"TESTX"', '"TESTx"', "invalid_carrier_id", "carrier_id", True),
    ("feed.json", '"TESTX"', '"TEST-X"', "invalid_carrier_id", "carrier_id", True),
    # currency: exactly IDR
    ("feed.json", '"IDR"', '"idr"', "invalid_currency", "currency", True),
    # validity: a one-day validity is fine, a reversed one is not; expiring today is not expired
    ("feed.json", '"2026-01-01"', '"2027-12-31"', "invalid_validity_period", "valid_from", False),
    ("feed.json", '"2026-01-01"', '"2028-01-01"', "invalid_validity_period", "valid_from", True),
    ("feed.json", '"2027-12-31"', '"2026-11-27"', "feed_expired", "valid_until", False),
    ("feed.json", '"2027-12-31"', '"2026-11-26"', "feed_expired", "valid_until", True),
    ("feed.json", '"2026-01-01"', '"2024-02-29"', "invalid_date", "valid_from", False),
    ("feed.json", '"2026-01-01"', '"2026-02-29"', "invalid_date", "valid_from", True),
    ("feed.json", '"2026-01-01"', '"2026-1-01"', "invalid_date", "valid_from", True),
    ("feed.json", '"Uji Kurir"', '"   "', "missing_required_field", "carrier_name", True),
    ("feed.json", '"Uji Kurir"', "42", "invalid_json", "carrier_name", True),
    # departs_at: HH:MM from 00:00 to 23:59 local
    ("runs.csv", "1111100,15:00", "1111100,23:59", "invalid_time", "departs_at", False),
    ("runs.csv", "1111100,15:00", "1111100,24:00", "invalid_time", "departs_at", True),
    ("runs.csv", "1111100,15:00", "1111100,00:00", "invalid_time", "departs_at", False),
    ("runs.csv", "1111100,15:00", "1111100,23:60", "invalid_time", "departs_at", True),
    ("runs.csv", "1111100,15:00", "1111100,9:00", "invalid_time", "departs_at", True),
    ("runs.csv", "1111100,15:00", "1111100,15:00:00", "invalid_time", "departs_at", True),
    ("runs.csv", "1111100,15:00", "1111100,１5:00", "invalid_time", "departs_at", True),  # full-width 1
    # days: exactly 7 of 0/1
    ("runs.csv", "1111100,15:00", "0000001,15:00", "invalid_days_mask", "days", False),
    ("runs.csv", "1111100,15:00", "11111000,15:00", "invalid_days_mask", "days", True),
    ("runs.csv", "1111100,15:00", "1111102,15:00", "invalid_days_mask", "days", True),
    # whole numbers: cutoff and prices >= 0, duration >= 1
    ("runs.csv", "15:00,60,120", "15:00,0,120", "number_out_of_range", "cutoff_minutes", False),
    ("runs.csv", "15:00,60,120", "15:00,-1,120", "number_out_of_range", "cutoff_minutes", True),
    ("runs.csv", "15:00,60,120", "15:00,60,1", "number_out_of_range", "duration_minutes", False),
    ("runs.csv", "15:00,60,120", "15:00,60,0", "number_out_of_range", "duration_minutes", True),
    ("runs.csv", "120,5000,0", "120,0,0", "number_out_of_range", "base_price", False),
    ("runs.csv", "120,5000,0", "120,-1,0", "number_out_of_range", "base_price", True),
    ("runs.csv", "120,5000,0\n", "120,5000,-1\n", "number_out_of_range", "price_per_kg", True),
    ("runs.csv", "15:00,60,120", "15:00,60.0,120", "invalid_number", "cutoff_minutes", True),
    ("runs.csv", "15:00,60,120", "15:00,60,1e2", "invalid_number", "duration_minutes", True),
    ("runs.csv", "15:00,60,120", "15:00,,120", "missing_required_field", "cutoff_minutes", True),
    ("runs.csv", "15:00,60,120", "15:00,٦٠,120", "invalid_number", "cutoff_minutes", True),  # Arabic-Indic 60
    ("runs.csv", "15:00,60,120", "15:00,+60,120", "invalid_number", "cutoff_minutes", False),
    # decimals: max_weight_kg > 0
    ("services.csv", ",30,", ",0.001,", "number_out_of_range", "max_weight_kg", False),
    ("services.csv", ",30,", ",0.000,", "number_out_of_range", "max_weight_kg", True),
    ("services.csv", ",30,", ",-1,", "number_out_of_range", "max_weight_kg", True),
    ("services.csv", ",30,", ",NaN,", "invalid_number", "max_weight_kg", True),
    ("services.csv", ",30,", ",Infinity,", "invalid_number", "max_weight_kg", True),
    ("services.csv", ",30,", ',"2,5",', "invalid_number", "max_weight_kg", True),
    ("services.csv", ",30,", ",,", "missing_required_field", "max_weight_kg", True),
    ("services.csv", ",30,", ",٣٠,", "invalid_number", "max_weight_kg", True),  # Arabic-Indic 30
    ("services.csv", ",6000,", ",1,", "number_out_of_range", "volumetric_divisor", False),
    ("services.csv", ",6000,", ",0,", "number_out_of_range", "volumetric_divisor", True),
    # flags: exactly 0 or 1
    ("services.csv", ",6000,1", ",6000,0", "invalid_enum_value", "cod", False),
    ("services.csv", ",6000,1", ",6000,2", "invalid_enum_value", "cod", True),
    ("services.csv", ",6000,1", ",6000,true", "invalid_enum_value", "cod", True),
    ("services.csv", ",6000,1", ",6000,", "missing_required_field", "cod", True),
    ("facilities.csv", "106.83,1\n", "106.83,0\n", "invalid_enum_value", "handover", False),
    ("facilities.csv", "106.83,1\n", "106.83,y\n", "invalid_enum_value", "handover", True),
    # coordinates: lat -11.5..6.5, lon 94.5..141.5, both or neither
    ("facilities.csv", "-6.19,106.83", "-11.5,106.83", "coordinates_outside_indonesia", "lat", False),
    ("facilities.csv", "-6.19,106.83", "-11.51,106.83", "coordinates_outside_indonesia", "lat", True),
    ("facilities.csv", "-6.19,106.83", "6.5,106.83", "coordinates_outside_indonesia", "lat", False),
    ("facilities.csv", "-6.19,106.83", "6.51,106.83", "coordinates_outside_indonesia", "lat", True),
    ("facilities.csv", "-6.19,106.83", "-6.19,94.5", "coordinates_outside_indonesia", "lat", False),
    ("facilities.csv", "-6.19,106.83", "-6.19,94.49", "coordinates_outside_indonesia", "lat", True),
    ("facilities.csv", "-6.19,106.83", "-3.9,141.5", "coordinates_outside_indonesia", "lat", False),
    ("facilities.csv", "-6.19,106.83", "-3.9,141.51", "coordinates_outside_indonesia", "lat", True),
    ("facilities.csv", "-6.19,106.83", ",106.83", "missing_required_field", "lat", True),
    ("facilities.csv", "-6.19,106.83", "-6.19,abc", "invalid_number", "lon", True),
    # area references: area:NN, area:NN.NN, area:NN.NN.NN; facilities sit in a district
    ("runs.csv", "area:31.71,JKT", "area:31,JKT", "invalid_area_reference", "origin", False),
    ("runs.csv", "area:31.71,JKT", "area:31.71.06,JKT", "invalid_area_reference", "origin", False),
    ("runs.csv", "area:31.71,JKT", "area:31.71.06.1001,JKT", "invalid_area_reference", "origin", True),
    ("runs.csv", "area:31.71,JKT", "area:3171,JKT", "invalid_area_reference", "origin", True),
    ("runs.csv", "area:31.71,JKT", "area:99,JKT", "unknown_area_code", "origin", True),
    ("facilities.csv", "31.71.06,-6.19", "31.71.06.1001,-6.19", "invalid_area_reference", "area_code", True),
    ("facilities.csv", "31.71.06,-6.19", "31,-6.19", "invalid_area_reference", "area_code", True),
    ("facilities.csv", "31.71.06,-6.19", "３1.71.06,-6.19", "invalid_area_reference", "area_code", True),
    ("facilities.csv", ",hub,31", ",post_office,31", "invalid_enum_value", "kind", False),
    ("facilities.csv", ",hub,31", ",Hub,31", "invalid_enum_value", "kind", True),
    # calendar: both date spellings, existing dates, exception 1 or 2, one exception per day
    ("calendar_dates.csv", "REG,20261225", "REG,2026-12-25", "invalid_date", "date", False),
    ("calendar_dates.csv", "REG,20261225", "REG,20261232", "invalid_date", "date", True),
    ("calendar_dates.csv", "REG,20261225", "REG,2026/12/25", "invalid_date", "date", True),
    ("calendar_dates.csv", "REG,20261225,2", "REG,20261225,1", "invalid_calendar_exception",
     "exception_type", False),
    ("calendar_dates.csv", "REG,20261225,2", "REG,20261225,0", "invalid_calendar_exception",
     "exception_type", True),
    ("calendar_dates.csv", "EXP,2026-12-27", "REG,2026-12-25", "duplicate_key", "date", True),
    ("calendar_dates.csv", "EXP,2026-12-27", "EXP,2026-12-25", "duplicate_key", "date", False),
    # duplicate runs: the same service, ends, days and time; one minute apart is another run
    ("runs.csv", "P3,REG,area:31.71.06,LKR,1111111,09:00", "P3,REG,area:31.71,JKT,1111100,15:01",
     "duplicate_run", "run_id", False),
    ("runs.csv", "P3,REG,area:31.71.06,LKR,1111111,09:00", "P3,REG,area:31.71,JKT,1111100,15:00",
     "duplicate_run", "run_id", True),
    # run ends: one end a facility, not the same facility twice
    ("runs.csv", "L3,REG,LKR,JKT", "L3,REG,area:31.71.06,JKT", "invalid_run_endpoints", "destination", False),
    ("runs.csv", "L3,REG,LKR,JKT", "L3,REG,area:31.71.06,area:31", "invalid_run_endpoints",
     "destination", True),
]  # fmt: skip


def _haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    (la1, lo1), (la2, lo2) = (tuple(math.radians(x) for x in p) for p in (a, b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _speed_rows() -> list[tuple[str, str, str, str, str | None, bool]]:
    """L1 (JKT -> KDI) just under and just over 900 km/h."""
    km = _haversine_km((-6.19, 106.83), (-3.97, 122.59))
    fastest_ok = math.ceil(km / 900 * 60)  # minutes: at or below 900 km/h
    too_fast = fastest_ok - 1
    assert km / (too_fast / 60) > 900 >= km / (fastest_ok / 60)
    return [
        (
            "runs.csv",
            "22:00,60,300",
            f"22:00,60,{fastest_ok}",
            "implausible_speed",
            "duration_minutes",
            False,
        ),
        ("runs.csv", "22:00,60,300", f"22:00,60,{too_fast}", "implausible_speed", "duration_minutes", True),
    ]


ALL_ROWS = ROWS + _speed_rows()


def _plain(text: str) -> str:
    """A test id in printable ASCII: pytest escapes other characters, and a second in-process run
    (mutmut's) escapes its own escapes again, so such ids are then not found."""
    return "".join(c if c.isascii() and c.isprintable() else f"<{ord(c):x}>" for c in text)


def check(atlas, folder: Path, files):  # type: ignore[no-untyped-def]
    return validate_feed(write(files, folder), atlas, today=TODAY)


@pytest.mark.parametrize(
    ("file", "old", "new", "code", "field", "present"),
    ALL_ROWS,
    ids=[f"{r[3]}-{'bad' if r[5] else 'ok'}-{_plain(r[2][:24])}" for r in ALL_ROWS],
)
def test_boundary(atlas, tmp_path, file, old, new, code, field, present):
    result = check(atlas, tmp_path / "feed", replace_in(file, old, new))
    found = [n for n in result.notices.samples if n.code == code]
    if present:
        assert found, [n.to_dict() for n in result.notices.samples]
        assert (found[0].file, found[0].field) == (file, field)
        assert found[0].line == (None if file == "feed.json" else _line_of(file, old))
        assert result.valid == (CODES[code][0] is not Severity.ERROR)
    else:
        assert not found, [n.to_dict() for n in found]
        assert result.valid, [n.to_dict() for n in result.notices.samples]


# -- status_codes.csv (feed 1.1): each status a word of the tracking vocabulary, each code once --
STATUS_CODES = (
    "code,status,description\nOP-21,arrived,Tiba di hub\nOP-60,delivered,Diterima\nOP-51,delivery_failed,\n"
)
STATUS_FEED = {**VALID_FEED, "status_codes.csv": STATUS_CODES}
# (old, new, code, field, present) within status_codes.csv
STATUS_ROWS: list[tuple[str, str, str, str, bool]] = [
    ("OP-21,arrived", "OP-21,teleported", "unknown_status", "status", True),
    ("OP-21,arrived", "OP-21,Arrived", "unknown_status", "status", True),
    ("OP-21,arrived", "OP-21,booked", "unknown_status", "status", False),  # in the vocabulary
    ("OP-21,arrived", "OP-21,cancelled", "unknown_status", "status", False),
    ("OP-60,delivered", "OP-21,delivered", "duplicate_key", "code", True),
    ("OP-60,delivered", "op-21,delivered", "duplicate_key", "code", False),  # codes are case-sensitive
    ("OP-21,arrived", "X" * 64 + ",arrived", "number_out_of_range", "code", False),
    ("OP-21,arrived", "X" * 65 + ",arrived", "number_out_of_range", "code", True),
    ("OP-21,arrived", ",arrived", "missing_required_field", "code", True),
    ("OP-21,arrived", "OP-21,", "missing_required_field", "status", True),
]


def _status_feed(old: str, new: str) -> dict[str, str]:
    assert old in STATUS_CODES
    return {**STATUS_FEED, "status_codes.csv": STATUS_CODES.replace(old, new, 1)}


@pytest.mark.parametrize(("old", "new", "code", "field", "present"), STATUS_ROWS)
def test_status_codes_boundary(atlas, tmp_path, old, new, code, field, present):
    result = check(atlas, tmp_path / "feed", _status_feed(old, new))
    found = [n for n in result.notices.samples if n.code == code]
    if present:
        assert found and (found[0].file, found[0].field) == ("status_codes.csv", field)
        assert found[0].line == STATUS_CODES[: STATUS_CODES.index(old)].count("\n") + 1
        assert not result.valid
    else:
        assert not found and result.valid, [n.to_dict() for n in result.notices.samples]


def test_status_codes_is_optional_and_parsed(atlas, tmp_path):
    from jalin.network.model import STATUS_VOCABULARY, StatusCode
    from jalin.tracking import Status

    assert tuple(s.value for s in Status) == STATUS_VOCABULARY  # the feed contract's copy of it
    assert check(atlas, tmp_path / "none", VALID_FEED).feed.status_codes == []  # type: ignore[union-attr]
    feed = check(atlas, tmp_path / "some", STATUS_FEED).feed
    assert feed is not None and feed.status_codes == [
        StatusCode("OP-21", "arrived", "Tiba di hub"),
        StatusCode("OP-60", "delivered", "Diterima"),
        StatusCode("OP-51", "delivery_failed", None),
    ]


def _line_of(file: str, old: str) -> int:
    """1-based line of the row the substitution touched (the header is line 1)."""
    return VALID_FEED[file][: VALID_FEED[file].index(old)].count("\n") + 1


# -- files and archives -----------------------------------------------------------------------
def _zip(path: Path, entries: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, text in entries.items():
            zf.writestr(name, text)
    return path


def _folder_with_extra(tmp: Path) -> Path:
    return write({**VALID_FEED, "README.txt": "catatan internal"}, tmp / "feed")


def _zip_with_extra(tmp: Path) -> Path:
    return _zip(tmp / "feed.zip", {**VALID_FEED, "notes/catatan.txt": "x"})


def _zip_in_a_folder_with_extra(tmp: Path) -> Path:
    return _zip(tmp / "feed.zip", {f"feed/{k}": v for k, v in {**VALID_FEED, "harga.xlsx": "x"}.items()})


def _zip_slip(tmp: Path) -> Path:
    return _zip(tmp / "feed.zip", {**VALID_FEED, "../../etc/cron.d/x": "boom"})


def _absolute_entry(tmp: Path) -> Path:
    return _zip(tmp / "feed.zip", {**VALID_FEED, "/tmp/evil": "boom"})


def _symlink(tmp: Path) -> Path:
    folder = write({k: v for k, v in VALID_FEED.items() if k != "services.csv"}, tmp / "feed")
    (tmp / "elsewhere.csv").write_text(VALID_FEED["services.csv"])
    os.symlink(tmp / "elsewhere.csv", folder / "services.csv")
    return folder


def _missing_services(tmp: Path) -> Path:
    return write({k: v for k, v in VALID_FEED.items() if k != "services.csv"}, tmp / "feed")


def _bad_utf8(tmp: Path) -> Path:
    return write({**VALID_FEED, "feed.json": b'{"carrier_id": "\xff"}'}, tmp / "feed")


def _json_array(tmp: Path) -> Path:
    return write({**VALID_FEED, "feed.json": "[1, 2]"}, tmp / "feed")


# (name, builder, code, still valid?)
FILE_CASES = [
    ("extra file in folder", _folder_with_extra, "unexpected_file", True),
    ("extra file in zip", _zip_with_extra, "unexpected_file", True),
    ("extra file in a zipped folder", _zip_in_a_folder_with_extra, "unexpected_file", True),
    ("zip slip", _zip_slip, "invalid_archive", False),
    ("absolute entry", _absolute_entry, "invalid_archive", False),
    ("symbolic link", _symlink, "invalid_archive", False),
    ("services missing", _missing_services, "missing_required_file", False),
    ("not utf-8", _bad_utf8, "invalid_json", False),
    ("json array", _json_array, "invalid_json", False),
]


@pytest.mark.parametrize(("name", "build", "code", "valid"), FILE_CASES, ids=[c[0] for c in FILE_CASES])
def test_files_and_archives(atlas, tmp_path, name, build, code, valid):
    result = validate_feed(build(tmp_path), atlas, today=TODAY)
    found = [n for n in result.notices.samples if n.code == code]
    assert found and found[0].message, [n.to_dict() for n in result.notices.samples]
    assert result.valid is valid
    if code == "unexpected_file":  # ignored, and the feed reads as if it were not there
        assert result.feed is not None and result.feed.carrier_id == "TESTX"
        assert found[0].severity is Severity.INFO
    if name in ("zip slip", "absolute entry"):  # the entry is never read, and nothing is written
        assert not (tmp_path / "etc").exists() and set(result.files) <= set(VALID_FEED)


def _produced_codes(atlas, tmp: Path) -> set[str]:  # type: ignore[no-untyped-def]
    codes: set[str] = set()
    for i, row in enumerate(ALL_ROWS):
        codes |= {n.code for n in check(atlas, tmp / f"b{i}", replace_in(*row[:3])).notices.samples}
    for i, (old, new, *_) in enumerate(STATUS_ROWS):
        codes |= {n.code for n in check(atlas, tmp / f"s{i}", _status_feed(old, new)).notices.samples}
    for i, (change, _) in enumerate(BREAKAGES):
        codes |= {n.code for n in check(atlas, tmp / f"k{i}", replace_in(*change)).notices.samples}
    for i, (_, build, _, _) in enumerate(FILE_CASES):
        (tmp / f"f{i}").mkdir()
        codes |= {n.code for n in validate_feed(build(tmp / f"f{i}"), atlas, today=TODAY).notices.samples}
    coverage = {
        **VALID_FEED,
        "runs.csv": "".join(
            line + "\n" for line in VALID_FEED["runs.csv"].splitlines() if not line.startswith(("P", "D"))
        ),
        "services.csv": VALID_FEED["services.csv"] + "ECO,Ekonomi,30,6000,0\n",
        "facilities.csv": VALID_FEED["facilities.csv"] + "BDG,Agen Bandung,agent,32.73.01,,,0\n",
    }
    codes |= {n.code for n in check(atlas, tmp / "cov", coverage).notices.samples}
    return codes


def test_every_notice_code_in_the_catalogue_is_produced(atlas, tmp_path):
    """Every code the catalogue defines (not a list kept here) comes out of at least one table row."""
    produced = _produced_codes(atlas, tmp_path)
    assert set(CODES) - produced == set(), "no test row produces these notice codes"
    assert produced <= set(CODES)


def test_a_zip_with_too_many_entries_is_refused_unread(atlas, tmp_path, monkeypatch):
    from jalin.network import source

    monkeypatch.setattr(source, "MAX_ZIP_ENTRIES", 5)
    entries = {**VALID_FEED, "a.txt": "", "b.txt": ""}
    result = validate_feed(_zip(tmp_path / "f.zip", entries), atlas, today=TODAY)
    assert [n.code for n in result.notices.samples if n.code == "invalid_archive"]
    assert result.files == {} and not result.valid
    monkeypatch.setattr(source, "MAX_ZIP_ENTRIES", 7)  # exactly at the limit: read
    result = validate_feed(_zip(tmp_path / "g.zip", entries), atlas, today=TODAY)
    assert "invalid_archive" not in {n.code for n in result.notices.samples} and result.valid


def test_a_zip_is_read_like_its_folder(atlas, tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for k, v in VALID_FEED.items():
            zf.writestr(k, v)
    (tmp_path / "f.zip").write_bytes(buf.getvalue())
    from_zip = validate_feed(tmp_path / "f.zip", atlas, today=TODAY)
    from_folder = check(atlas, tmp_path / "d", VALID_FEED)
    assert from_zip.valid and from_zip.files == from_folder.files


def test_calendar_dates_is_optional(atlas, tmp_path):
    files = {k: v for k, v in VALID_FEED.items() if k != "calendar_dates.csv"}
    result = check(atlas, tmp_path / "feed", files)
    assert result.valid and result.notices.samples == [] and result.feed.calendar == []  # type: ignore[union-attr]
