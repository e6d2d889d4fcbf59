"""Validator rules that the mutation run found untested (docs/testing.md, "Validator survivors")."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from jalin.network import validator
from jalin.network.validator import MAX_SPEED_KMH, expand_area, validate_files
from tests.feeds import VALID_FEED, replace_in

TODAY = date(2026, 11, 27)
RUNS_HEADER = VALID_FEED["runs.csv"].splitlines()[0]


def _validate(atlas, files: dict[str, str]):  # type: ignore[no-untyped-def]
    return validate_files({k: v.encode() for k, v in files.items()}, atlas, today=TODAY)


def _slow(atlas, files: dict[str, str]):  # type: ignore[no-untyped-def]
    """The same validation with the fast path for plain run rows turned off."""
    original = validator._Validator._plain_reader
    try:
        validator._Validator._plain_reader = lambda self, columns: lambda values, seen: None  # type: ignore[method-assign]
        return _validate(atlas, files)
    finally:
        validator._Validator._plain_reader = original  # type: ignore[method-assign]


def _found(result, code: str) -> list[tuple[str | None, int | None, str | None]]:  # type: ignore[no-untyped-def]
    return [(n.file, n.line, n.field) for n in result.notices.samples if n.code == code]


# -- calendar_dates.csv: every row is checked, also after a row with an error ---------------------


def test_calendar_rows_after_a_row_with_an_error_are_still_checked(atlas):
    calendar = (
        "service_id,date,exception_type\n"
        "NOPE,20261225,2\n"  # 2: unknown service
        "REG,20261301,2\n"  # 3: no 13th month
        "REG,20261225,2\n"  # 4: valid
        "REG,2026-12-25,1\n"  # 5: the same date again
        "EXP,20261226,3\n"  # 6: no exception type 3
        "EXP,20261227,1\n"  # 7: valid
    )
    result = _validate(atlas, {**VALID_FEED, "calendar_dates.csv": calendar})
    codes = [(n.code, n.line, n.field) for n in result.notices.samples]
    assert codes == [
        ("foreign_key_violation", 2, "service_id"),
        ("invalid_date", 3, "date"),
        ("duplicate_key", 5, "date"),
        ("invalid_calendar_exception", 6, "exception_type"),
    ]


def test_a_valid_calendar_row_after_an_invalid_one_is_read(atlas):
    # A feed with an error has no parsed Feed, so the calendar's own result is read here.
    v = validator._Validator(atlas, TODAY, validator.NoticeLog())
    table = v.table(
        "calendar_dates.csv",
        b"service_id,date,exception_type\nREG,20261301,2\nREG,2026-12-24,1\nREG,20261224,2\nEXP,20261225,2\n",
    )
    v.service_ids = {"REG", "EXP"}
    calendar = v.calendar(table)
    assert [(c.service_id, c.date, c.exception_type) for c in calendar] == [
        ("REG", date(2026, 12, 24), 1),
        ("EXP", date(2026, 12, 25), 2),
    ]


# -- the fast path for plain run rows reads what the full checks read -------------------------


def test_fast_path_keeps_each_runs_id(atlas):
    fast, slow = _validate(atlas, VALID_FEED), _slow(atlas, VALID_FEED)
    assert fast.feed is not None and fast.feed == slow.feed
    assert [r.run_id for r in fast.feed.runs] == ["P1", "L1", "D1", "P2", "L2", "D2", "P3", "L3"]


@pytest.mark.parametrize(
    ("origin", "malformed"),
    [
        ("area:X31.71", True),
        ("area:031.71", True),
        ("area:331", True),
        ("area::31.71", True),
        ("area:x31", True),
        ("area:31.71", False),
        ("area: 31.71", False),
    ],
)
def test_fast_path_reads_an_area_endpoint_like_the_full_checks(atlas, origin, malformed):
    files = replace_in("runs.csv", "P1,REG,area:31.71,", f"P1,REG,{origin},")
    fast, slow = _validate(atlas, files), _slow(atlas, files)
    assert fast.to_dict() == slow.to_dict()
    assert fast.feed == slow.feed
    assert _found(fast, "invalid_area_reference") == ([("runs.csv", 2, "origin")] if malformed else [])


def test_fast_path_reads_plain_rows_when_services_csv_is_missing(atlas, monkeypatch):
    """Without services.csv a run's service cannot be checked, so it is not: the fast path takes
    the plain rows (the full checks are for rows with something to say)."""
    files = {k: v for k, v in VALID_FEED.items() if k != "services.csv"}
    slow_rows: list[int] = []
    original = validator._Validator._run

    def counted(self, r, seen):  # type: ignore[no-untyped-def]
        slow_rows.append(r.line)
        return original(self, r, seen)

    monkeypatch.setattr(validator._Validator, "_run", counted)
    result = _validate(atlas, files)
    assert [(n.code, n.file) for n in result.notices.samples] == [("missing_required_file", "services.csv")]
    assert slow_rows == []


# -- runs.csv --------------------------------------------------------------------------------


def test_capacity_kg_is_kept_on_the_run(atlas):
    runs = VALID_FEED["runs.csv"].replace(RUNS_HEADER, RUNS_HEADER + ",capacity_kg")
    lines = runs.splitlines()
    lines = [lines[0]] + [line + (",1500.5" if line.startswith("L1,") else ",") for line in lines[1:]]
    result = _validate(atlas, {**VALID_FEED, "runs.csv": "\n".join(lines) + "\n"})
    assert result.feed is not None
    capacity = {r.run_id: r.capacity_kg for r in result.feed.runs}
    assert capacity["L1"] == Decimal("1500.5")
    assert capacity["L2"] is None


def test_a_run_with_an_invalid_days_mask_is_not_kept(atlas):
    # EXP's only run has a bad days mask: EXP is then a service without runs.
    runs = "\n".join(
        [*VALID_FEED["runs.csv"].splitlines()[:4], "X1,EXP,JKT,KDI,11111,20:00,60,240,15000,3000", ""]
    )
    result = _validate(atlas, {**VALID_FEED, "runs.csv": runs})
    assert _found(result, "invalid_days_mask") == [("runs.csv", 5, "days")]
    assert [n.message for n in result.notices.samples if n.code == "unused_service"] == [
        "service EXP has no run; remove it or add runs."
    ]


@pytest.mark.parametrize(("written", "fix"), [("9.59", "09:59"), ("23.59", "23:59"), ("0,00", "00:00")])
def test_the_time_hint_spells_a_real_time(atlas, written, fix):
    result = _validate(atlas, replace_in("runs.csv", "1111100,15:00", f'1111100,"{written}"'))
    (notice,) = [n for n in result.notices.samples if n.code == "invalid_time"]
    assert (
        notice.message
        == f"departs_at {written!r} must be written HH:MM with a colon and two-digit hour: {fix}."
    )


@pytest.mark.parametrize("written", ["9.60", "24.00", "9.99"])
def test_the_time_hint_does_not_offer_a_time_that_does_not_exist(atlas, written):
    result = _validate(atlas, replace_in("runs.csv", "1111100,15:00", f'1111100,"{written}"'))
    (notice,) = [n for n in result.notices.samples if n.code == "invalid_time"]
    assert notice.message == f"departs_at {written!r} must be HH:MM between 00:00 and 23:59."
    assert (notice.line, notice.field) == (2, "departs_at")


@pytest.mark.parametrize(("km", "too_fast"), [(4500.0, False), (4500.001, True), (4499.9, False)])
def test_exactly_the_speed_limit_is_allowed_and_above_it_is_not(atlas, monkeypatch, km, too_fast):
    # L1 and L2 are the linehauls between the two hubs with coordinates: 300 and 240 minutes.
    monkeypatch.setattr(validator, "great_circle_km", lambda *coordinates: km)
    assert (km / (300 / 60) > MAX_SPEED_KMH) == too_fast  # 4500 km in 300 min is exactly 900 km/h
    result = _validate(
        atlas, replace_in("runs.csv", "KDI,1111111,20:00,60,240,", "KDI,1111111,20:00,60,300,")
    )
    notices = [(n.line, n.field, n.message) for n in result.notices.samples if n.code == "implausible_speed"]
    if too_fast:
        message = "4500 km in 300 min is 900 km/h, faster than 900."
        assert notices == [(3, "duration_minutes", message), (6, "duration_minutes", message)]
    else:
        assert notices == []
        assert result.valid


# -- validate_files ----------------------------------------------------------------------------


def test_validate_files_lists_the_files_it_read(atlas):
    files = {k: v.encode() for k, v in VALID_FEED.items()}
    result = validate_files(files, atlas, today=TODAY)
    assert result.files == files


# -- each notice says what, where (line) and which field --------------------------------------


def _notice(result, code: str):  # type: ignore[no-untyped-def]
    (n,) = [n for n in result.notices.samples if n.code == code]
    return n.file, n.line, n.field, n.message


def test_whole_feed_notices_carry_their_message_and_field(atlas):
    runs = "\n".join([*VALID_FEED["runs.csv"].splitlines()[:3], ""])  # P1 and L1 only
    result = _validate(atlas, {**VALID_FEED, "runs.csv": runs})
    assert _notice(result, "unused_service") == (
        "services.csv",
        None,
        "service_id",
        "service EXP has no run; remove it or add runs.",
    )
    assert _notice(result, "isolated_facility") == (
        "facilities.csv",
        None,
        "facility_id",
        "facility LKR is not the origin or destination of any run.",
    )
    assert _notice(result, "no_delivery_coverage") == (
        "runs.csv",
        None,
        None,
        "no delivery run (facility -> area:CODE): nothing is delivered.",
    )
    runs = "\n".join([RUNS_HEADER, *VALID_FEED["runs.csv"].splitlines()[2:4], ""])  # L1 and D1
    result = _validate(atlas, {**VALID_FEED, "runs.csv": runs})
    assert _notice(result, "no_pickup_coverage") == (
        "runs.csv",
        None,
        None,
        "no pickup run (area:CODE -> facility): parcels cannot enter.",
    )


def test_file_and_header_notices_carry_their_message_line_and_field(atlas):
    files = {k: v for k, v in VALID_FEED.items() if k != "calendar_dates.csv"}
    files["services.csv"] = VALID_FEED["services.csv"].replace(",cod\n", ",cod,note\n", 1)
    files["services.csv"] = files["services.csv"].replace(",1\n", ",1,x\n").replace(",0\n", ",0,y\n")
    files.pop("facilities.csv")
    result = _validate(atlas, files)
    assert _notice(result, "missing_required_file") == (
        "facilities.csv",
        None,
        None,
        "facilities.csv is missing; every feed needs it.",
    )
    assert _notice(result, "unexpected_column") == (
        "services.csv",
        1,
        "note",
        "column 'note' is not in the contract; it is ignored.",
    )


@pytest.mark.parametrize(
    ("feed_json", "expected"),
    [
        (
            '{"carrier_id": 42}',
            ("feed.json", None, "carrier_id", "carrier_id must be a JSON string, not int."),
        ),
        ("[1, 2]", ("feed.json", None, None, "feed.json must hold one JSON object {...}.")),
    ],
)
def test_feed_json_notices_carry_their_message_and_field(atlas, feed_json, expected):
    result = _validate(atlas, {**VALID_FEED, "feed.json": feed_json})
    assert [
        (n.file, n.line, n.field, n.message) for n in result.notices.samples if n.code == "invalid_json"
    ] == [expected]


def test_a_duplicate_run_notice_names_its_line(atlas):
    runs = VALID_FEED["runs.csv"] + "L9,REG,JKT,KDI,1111111,22:00,30,300,9000,1000\n"
    result = _validate(atlas, {**VALID_FEED, "runs.csv": runs})
    assert _notice(result, "duplicate_run") == (
        "runs.csv",
        10,
        "run_id",
        "run L9 repeats run L1 (same service, ends, days and time).",
    )


# -- expand_area ----------------------------------------------------------------------------


def test_expand_area_gives_the_districts_an_area_covers(atlas):
    assert expand_area(atlas, "31.71.06") == ["31.71.06"]
    regency = expand_area(atlas, "31.71")
    assert "31.71.06" in regency and len(regency) > 1
    assert all(code.startswith("31.71.") and len(code) == 8 for code in regency)
    assert regency == atlas.districts_within("31.71")
    province = expand_area(atlas, "31")
    assert set(regency) < set(province)
    assert all(code.startswith("31.") and len(code) == 8 for code in province)
    assert expand_area(atlas, "99") == []
    assert expand_area(atlas, "31.71.99") == []
