"""The validator on a known-good feed and on that feed broken one way at a time."""

from __future__ import annotations

import json
from datetime import date

import pytest

from jalin.network.notices import CODES, Severity
from jalin.network.validator import validate_feed
from tests.feeds import VALID_FEED, replace_in, write

TODAY = date(2026, 11, 27)


def check(atlas, tmp_path, files):
    return validate_feed(write(files, tmp_path / "feed"), atlas, today=TODAY)


def test_valid_feed_has_no_notice_and_parses(atlas, tmp_path):
    result = check(atlas, tmp_path, VALID_FEED)
    assert result.notices.samples == []
    feed = result.feed
    assert feed.carrier_id == "TESTX"
    assert set(feed.services) == {"REG", "EXP"}
    assert str(feed.services["EXP"].max_weight_kg) == "20.5"
    assert feed.facilities["LKR"].lat is None
    assert [r.kind.value for r in feed.runs[:3]] == ["pickup", "linehaul", "delivery"]
    assert feed.runs[1].departs_at == 22 * 60
    assert {(c.service_id, c.date, c.exception_type) for c in feed.calendar} == {
        ("REG", date(2026, 12, 25), 2),
        ("EXP", date(2026, 12, 27), 1),
    }


# (file, old, new) -> (code, file, line, field)
BREAKAGES = [
    (("feed.json", '"TESTX"', '"test-x"'), ("invalid_carrier_id", "feed.json", None, "carrier_id")),
    (("feed.json", '"IDR"', '"USD"'), ("invalid_currency", "feed.json", None, "currency")),
    (("feed.json", '"2026-01-01"', '"2026-13-01"'), ("invalid_date", "feed.json", None, "valid_from")),
    (
        ("feed.json", '"2026-01-01"', '"2028-01-01"'),
        ("invalid_validity_period", "feed.json", None, "valid_from"),
    ),
    (("feed.json", '"Uji Kurir"', '""'), ("missing_required_field", "feed.json", None, "carrier_name")),
    (("feed.json", "}", ""), ("invalid_json", "feed.json", 3, None)),
    (("feed.json", '"2027-12-31"', '"2026-06-30"'), ("feed_expired", "feed.json", None, "valid_until")),
    (
        ("feed.json", '"currency"', '"channel": "x", "currency"'),
        ("unexpected_column", "feed.json", None, "channel"),
    ),
    (("services.csv", "EXP,Kilat", "REG,Kilat"), ("duplicate_key", "services.csv", 3, "service_id")),
    (("services.csv", ",30,", ",0,"), ("number_out_of_range", "services.csv", 2, "max_weight_kg")),
    (("services.csv", ",6000,", ",6000.5,"), ("invalid_number", "services.csv", 2, "volumetric_divisor")),
    (("services.csv", ",6000,1", ",6000,yes"), ("invalid_enum_value", "services.csv", 2, "cod")),
    (("services.csv", ",cod\n", ",cood\n"), ("missing_required_column", "services.csv", 1, "cod")),
    (("facilities.csv", ",hub,31", ",warehouse,31"), ("invalid_enum_value", "facilities.csv", 2, "kind")),
    (
        ("facilities.csv", "31.71.06,-6.19", "31.71.99,-6.19"),
        ("unknown_area_code", "facilities.csv", 2, "area_code"),
    ),
    (
        ("facilities.csv", "31.71.06,-6.19", "31.71,-6.19"),
        ("invalid_area_reference", "facilities.csv", 2, "area_code"),
    ),
    (
        ("facilities.csv", "-6.19,106.83", "106.83,-6.19"),
        ("coordinates_outside_indonesia", "facilities.csv", 2, "lat"),
    ),
    (("facilities.csv", "-6.19,106.83", "-6.19,"), ("missing_required_field", "facilities.csv", 2, "lon")),
    (("facilities.csv", "-6.19,106.83", "-6.19,106,83"), ("invalid_csv", "facilities.csv", 2, None)),
    (("facilities.csv", "KDI,Hub", "JKT,Hub"), ("duplicate_key", "facilities.csv", 3, "facility_id")),
    (("runs.csv", "L1,REG,JKT", "L1,XXX,JKT"), ("foreign_key_violation", "runs.csv", 3, "service_id")),
    (
        ("runs.csv", "L1,REG,JKT,KDI", "L1,REG,JKT,SBY"),
        ("foreign_key_violation", "runs.csv", 3, "destination"),
    ),
    (("runs.csv", "area:31.71,JKT", "area:31.7,JKT"), ("invalid_area_reference", "runs.csv", 2, "origin")),
    (("runs.csv", "area:31.71,JKT", "area:31.79,JKT"), ("unknown_area_code", "runs.csv", 2, "origin")),
    (
        ("runs.csv", "area:31.71,JKT", "area:31.71,area:74"),
        ("invalid_run_endpoints", "runs.csv", 2, "destination"),
    ),
    (("runs.csv", "1111100,15:00", "111110,15:00"), ("invalid_days_mask", "runs.csv", 2, "days")),
    (("runs.csv", "1111100,15:00", "1111100,24:00"), ("invalid_time", "runs.csv", 2, "departs_at")),
    (("runs.csv", "15:00,60,120", "15:00,-5,120"), ("number_out_of_range", "runs.csv", 2, "cutoff_minutes")),
    (("runs.csv", "15:00,60,120", "15:00,60,0"), ("number_out_of_range", "runs.csv", 2, "duration_minutes")),
    (("runs.csv", "120,5000,0", "120,5.000,0"), ("invalid_number", "runs.csv", 2, "base_price")),
    (("runs.csv", "P2,EXP", "P1,EXP"), ("duplicate_key", "runs.csv", 5, "run_id")),
    (("runs.csv", "22:00,60,300", "22:00,60,30"), ("implausible_speed", "runs.csv", 3, "duration_minutes")),
    (
        ("runs.csv", "P3,REG,area:31.71.06,LKR,1111111,09:00", "P3,REG,area:31.71,JKT,1111100,15:00"),
        ("duplicate_run", "runs.csv", 8, "run_id"),
    ),
    (
        ("runs.csv", "L3,REG,LKR,JKT", "L3,REG,LKR,LKR"),
        ("invalid_run_endpoints", "runs.csv", 9, "destination"),
    ),
    (
        ("calendar_dates.csv", "REG,20261225,2", "REG,20261225,3"),
        ("invalid_calendar_exception", "calendar_dates.csv", 2, "exception_type"),
    ),
    (
        ("calendar_dates.csv", "REG,20261225", "REG,20260230"),
        ("invalid_date", "calendar_dates.csv", 2, "date"),
    ),
    (
        ("calendar_dates.csv", "REG,20261225", "NOPE,20261225"),
        ("foreign_key_violation", "calendar_dates.csv", 2, "service_id"),
    ),
    (
        ("calendar_dates.csv", "EXP,2026-12-27", "REG,2026-12-25"),
        ("duplicate_key", "calendar_dates.csv", 3, "date"),
    ),
    (("runs.csv", ",price_per_kg\n", ",price_per_kg,note\n"), ("invalid_csv", "runs.csv", 2, None)),
]


@pytest.mark.parametrize(
    ("change", "expected"), BREAKAGES, ids=[f"{e[0]}-{i}" for i, (_, e) in enumerate(BREAKAGES)]
)
def test_each_breakage_gives_its_notice(atlas, tmp_path, change, expected):
    result = check(atlas, tmp_path, replace_in(*change))
    code, file, line, field = expected
    found = [n for n in result.notices.samples if n.code == code]
    assert found, [n.to_dict() for n in result.notices.samples]
    n = found[0]
    assert (n.file, n.line, n.field) == (file, line, field)
    assert n.message
    assert n.severity is CODES[code][0]
    assert result.valid == (CODES[code][0] is not Severity.ERROR)


def test_unexpected_column_is_info_and_stays_valid(atlas, tmp_path):
    files = {
        **VALID_FEED,
        "services.csv": VALID_FEED["services.csv"]
        .replace(",cod\n", ",cod,color\n")
        .replace(",1\n", ",1,red\n")
        .replace(",0\n", ",0,blue\n"),
    }
    result = check(atlas, tmp_path, files)
    assert result.valid and [n.code for n in result.notices.samples] == ["unexpected_column"]


def test_missing_required_file(atlas, tmp_path):
    files = {k: v for k, v in VALID_FEED.items() if k != "runs.csv"}
    result = check(atlas, tmp_path, files)
    codes = {n.code for n in result.notices.samples}
    assert "missing_required_file" in codes and not result.valid
    # Without runs.csv nothing is reported as isolated: one clear error, not a cascade.
    assert "isolated_facility" not in codes


def test_coverage_warnings(atlas, tmp_path):
    runs = (
        "\n".join(line for line in VALID_FEED["runs.csv"].splitlines() if not line.startswith(("P", "D")))
        + "\n"
    )
    files = {
        **VALID_FEED,
        "runs.csv": runs,
        "services.csv": VALID_FEED["services.csv"] + "ECO,Ekonomi,30,6000,0\n",
        "facilities.csv": VALID_FEED["facilities.csv"] + "BDG,Agen Bandung,agent,32.73.01,,,0\n",
    }
    result = check(atlas, tmp_path, files)
    codes = {n.code for n in result.notices.samples}
    assert {"no_pickup_coverage", "no_delivery_coverage", "unused_service", "isolated_facility"} <= codes
    assert result.valid


def test_every_code_has_fixing_advice_in_indonesian():
    """(That every code is produced by some test is checked in test_feed_boundaries.py.)"""
    from jalin.network.notices import FIX_ID

    assert set(FIX_ID) == set(CODES)
    assert all(FIX_ID[c].strip() for c in CODES)


def test_notices_are_capped_per_code_but_counted(atlas, tmp_path):
    rows = "".join(f"X{i},REG,JKT,KDI,1111111,25:00,60,300,10000,2000\n" for i in range(500))
    result = check(atlas, tmp_path, {**VALID_FEED, "runs.csv": VALID_FEED["runs.csv"] + rows})
    assert result.notices.totals["invalid_time"] == 500
    assert sum(1 for n in result.notices.samples if n.code == "invalid_time") == 100
    assert result.to_dict()["summary"]["errors"] == 500


def test_json_shape(atlas, tmp_path):
    d = check(atlas, tmp_path, replace_in("runs.csv", "24", "24")).to_dict()  # unchanged content
    assert set(d) >= {"valid", "carrier_id", "summary", "notices"}
    assert set(d["summary"]) == {"errors", "warnings", "infos"}
    json.dumps(d)


def test_an_excel_export_with_semicolons_gets_one_notice_per_file_that_says_so(atlas, tmp_path):
    semicolons = {
        name: text.replace(",", ";") if name.endswith(".csv") else text for name, text in VALID_FEED.items()
    }
    result = check(atlas, tmp_path, semicolons)
    csv_notices = [n for n in result.notices.samples if n.code == "invalid_csv"]
    assert sorted(n.file for n in csv_notices) == sorted(n for n in VALID_FEED if n.endswith(".csv"))
    assert all("semicolons" in n.message and n.line == 1 for n in csv_notices)
    assert not result.valid
    # A comma inside a quoted name is not mistaken for a separator the other way round.
    quoted = replace_in("facilities.csv", "Hub Jakarta", '"Hub Jakarta; Menteng"')
    assert check(atlas, tmp_path / "q", quoted).valid


@pytest.mark.parametrize(("written", "fix"), [("9.30", "09:30"), ("9,30", "09:30"), ("9:30", "09:30")])
def test_a_time_written_the_excel_way_is_told_its_hh_mm_spelling(atlas, tmp_path, written, fix):
    result = check(atlas, tmp_path, replace_in("runs.csv", "1111100,15:00", f'1111100,"{written}"'))
    notice = next(n for n in result.notices.samples if n.code == "invalid_time")
    assert "HH:MM" in notice.message and fix in notice.message


@pytest.mark.parametrize(
    ("feed_json", "carrier"),
    [
        ('\ufeff{"carrier_id": "TESTX", "currency": "USD"}', "TESTX"),  # other errors, BOM
        ('{"carrier_id": "lower case", "carrier_name": ""}', "lower case"),  # as written
        ('{"carrier_id": 42}', None),
        ("[1, 2]", None),
        ("{not json", None),
    ],
    ids=["other errors with a BOM", "lower case", "a number", "an array", "not json"],
)
def test_the_report_names_the_carrier_even_when_feed_json_is_wrong(atlas, tmp_path, feed_json, carrier):
    result = check(atlas, tmp_path, {**VALID_FEED, "feed.json": feed_json})
    assert not result.valid and result.carrier_id == carrier
    assert result.to_dict()["carrier_id"] == carrier


def test_report_counts_by_severity(atlas, tmp_path):
    files = {
        **replace_in("feed.json", '"2027-12-31"', '"2026-06-30"'),  # one warning (expired)
        "README.txt": "x",  # one info (unexpected file)
        "runs.csv": VALID_FEED["runs.csv"] + "X1,REG,JKT,KDI,1111111,25:00,60,300,1,1\n"
        "X2,REG,JKT,KDI,1111111,26:00,60,300,1,1\n",  # two errors
    }
    d = check(atlas, tmp_path, files).to_dict()
    assert d["summary"] == {"errors": 2, "warnings": 1, "infos": 1}
    assert d["totals"] == {"feed_expired": 1, "unexpected_file": 1, "invalid_time": 2}
    assert [n["code"] for n in d["notices"]].count("invalid_time") == 2
