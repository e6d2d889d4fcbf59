"""The strict feed validator: every contract rule of network-feed-v1 as a notice.

`validate_feed(path, atlas)` reads a folder or .zip, checks each file, each row and the
cross-file rules, and returns the notices together with the parsed `Feed` (only when there is
no ERROR). Area codes are checked against the Kemendagri atlas.

Why one module past 500 lines: it is the contract, rule by rule, in the contract's order (one
function per file, then the cross-file rules); a reader checks it against
docs/feed-spec.md side by side, and splitting it per file would scatter the shared row
helpers and the cross-file rules that need every file at once.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from math import asin, cos, radians, sin, sqrt
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import Any

from jalin.gc_tuning import gc_paused
from jalin.geo.atlas import Atlas, Level
from jalin.network.csvtable import CsvTable, read_csv
from jalin.network.model import (
    CARRIER_ID,
    STATUS_VOCABULARY,
    CalendarDate,
    Endpoint,
    Facility,
    FacilityKind,
    Feed,
    FeedInfo,
    Run,
    Service,
    StatusCode,
)
from jalin.network.notices import NoticeLog, Severity
from jalin.network.source import REQUIRED_FILES, read_feed_files

DISTRICT_CODE = re.compile(r"^\d{2}\.\d{2}\.\d{2}$", re.ASCII)
AREA_CODE = re.compile(r"^\d{2}(\.\d{2}(\.\d{2})?)?$", re.ASCII)
DAYS = re.compile(r"^[01]{7}$")
HHMM = re.compile(r"^(\d{2}):(\d{2})$", re.ASCII)
INTEGER = re.compile(r"^[+-]?\d+$", re.ASCII)
MAX_SPEED_KMH = 900.0
_RUN_COLUMNS = (
    "run_id",
    "service_id",
    "origin",
    "destination",
    "days",
    "departs_at",
    "cutoff_minutes",
    "duration_minutes",
    "base_price",
    "price_per_kg",
    "capacity_kg",
)
_FACILITY_COLUMNS = ("facility_id", "name", "kind", "area_code", "handover", "lat", "lon")
_FACILITY_KINDS = frozenset(k.value for k in FacilityKind)
#: A coordinate as plainly as feeds write it: ASCII digits, an optional minus and decimals.
_PLAIN_DECIMAL = re.compile(r"-?\d{1,3}(?:\.\d{1,17})?", re.ASCII)
LAT_RANGE = (-11.5, 6.5)
LON_RANGE = (94.5, 141.5)

COLUMNS = {
    "services.csv": (("service_id", "name", "max_weight_kg", "volumetric_divisor", "cod"), ()),
    "facilities.csv": (("facility_id", "name", "kind", "area_code", "handover"), ("lat", "lon")),
    "runs.csv": (
        (
            "run_id",
            "service_id",
            "origin",
            "destination",
            "days",
            "departs_at",
            "cutoff_minutes",
            "duration_minutes",
            "base_price",
            "price_per_kg",
        ),
        ("capacity_kg",),
    ),
    "calendar_dates.csv": (("service_id", "date", "exception_type"), ()),
    "status_codes.csv": (("code", "status"), ("description",)),
}
MAX_STATUS_CODE = 64  # an event's `code` is at most 64 characters (tracking-v1)
FEED_KEYS = ("carrier_id", "carrier_name", "feed_version", "valid_from", "valid_until", "currency")


@dataclass(slots=True)
class ValidationResult:
    notices: NoticeLog
    carrier_id: str | None = None
    feed: Feed | None = None
    files: dict[str, bytes] = field(default_factory=dict)

    @property
    def valid(self) -> bool:
        return not self.notices.has_errors

    def to_dict(self) -> dict[str, Any]:
        """The `jalin feed validate --json` shape."""
        return {
            "valid": self.valid,
            "carrier_id": self.carrier_id,
            "summary": {
                "errors": self.notices.count(Severity.ERROR),
                "warnings": self.notices.count(Severity.WARNING),
                "infos": self.notices.count(Severity.INFO),
            },
            "notices": [n.to_dict() for n in self.notices.samples],
            "totals": dict(self.notices.totals),
        }


class _Row:
    """Typed access to one CSV row; each bad value becomes one notice and reads as None."""

    __slots__ = ("file", "line", "log", "table", "values")

    def __init__(self, table: CsvTable, line: int, values: list[str], log: NoticeLog) -> None:
        self.table, self.file, self.line, self.values, self.log = table, table.name, line, values, log

    def raw(self, name: str) -> str:
        i = self.table.column(name)
        return self.values[i].strip() if i is not None else ""

    def add(self, code: str, field: str, message: str) -> None:
        self.log.add(code, message, file=self.file, line=self.line, field=field)

    def text(self, name: str) -> str | None:
        v = self.raw(name)
        if not v:
            self.add("missing_required_field", name, f"{name} is empty; every row needs one.")
            return None
        return v

    def integer(self, name: str, *, minimum: int, required: bool = True) -> int | None:
        v = self.raw(name)
        if not v:
            if required:
                self.add("missing_required_field", name, f"{name} is empty; give a whole number.")
            return None
        if not INTEGER.match(v):
            self.add(
                "invalid_number", name, f"{name} '{v}' is not a whole number (no decimals or separators)."
            )
            return None
        n = int(v)
        if n < minimum:
            self.add("number_out_of_range", name, f"{name} is {n}; it must be at least {minimum}.")
            return None
        return n

    def decimal(self, name: str, *, positive: bool, required: bool = True) -> Decimal | None:
        v = self.raw(name)
        if not v:
            if required:
                self.add("missing_required_field", name, f"{name} is empty; give a number such as 30 or 2.5.")
            return None
        try:
            d = Decimal(v) if v.isascii() else None  # Decimal also reads other scripts' digits
        except InvalidOperation:
            d = None
        if d is None or not d.is_finite():
            self.add("invalid_number", name, f"{name} '{v}' is not a decimal number (use a dot: 2.5).")
            return None
        if positive and d <= 0:
            self.add("number_out_of_range", name, f"{name} is {v}; it must be greater than 0.")
            return None
        return d

    def flag(self, name: str) -> bool | None:
        v = self.raw(name)
        if not v:
            self.add("missing_required_field", name, f"{name} is empty; write 0 or 1.")
            return None
        if v not in ("0", "1"):
            self.add("invalid_enum_value", name, f"{name} '{v}' must be 0 or 1.")
            return None
        return v == "1"


def _parse_date(text: str) -> date | None:
    t = text.strip()
    try:
        if re.fullmatch(r"\d{8}", t):
            return date(int(t[:4]), int(t[4:6]), int(t[6:]))
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", t):
            return date.fromisoformat(t)
    except ValueError:
        return None
    return None


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    la1, lo1, la2, lo2 = radians(lat1), radians(lon1), radians(lat2), radians(lon2)
    h = sin((la2 - la1) / 2) ** 2 + cos(la1) * cos(la2) * sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * asin(min(1.0, sqrt(h)))


class _Memo(dict[str, Any]):
    """`read(value)` per distinct value: a dictionary that computes a missing entry once."""

    __slots__ = ("read",)

    def __init__(self, read: Callable[[str], Any]) -> None:
        super().__init__()
        self.read = read

    def __missing__(self, value: str) -> Any:
        result = self[value] = self.read(value)
        return result


def _run_builder() -> Callable[..., Run]:
    """`Run(run_id, ..., price_per_kg)` (no capacity) for the plain reader, at half the cost.

    A frozen dataclass's __init__ sets each of the 11 fields through object.__setattr__; this
    sets the same slots through their descriptors, which is what that call ends in. Equal to
    the Run the constructor makes (the fast-path tests compare the two); should Run gain a
    field, unpacking its slots below fails at import."""
    new = object.__new__
    (s_id, s_svc, s_o, s_d, s_days, s_dep, s_cut, s_dur, s_base, s_kg, s_cap) = (
        getattr(Run, name).__set__ for name in Run.__slots__
    )

    def build(
        run_id: str,
        service_id: str,
        origin: Endpoint,
        destination: Endpoint,
        days: str,
        departs_at: int,
        cutoff_minutes: int,
        duration_minutes: int,
        base_price: int,
        price_per_kg: int,
    ) -> Run:
        run = new(Run)
        s_id(run, run_id)
        s_svc(run, service_id)
        s_o(run, origin)
        s_d(run, destination)
        s_days(run, days)
        s_dep(run, departs_at)
        s_cut(run, cutoff_minutes)
        s_dur(run, duration_minutes)
        s_base(run, base_price)
        s_kg(run, price_per_kg)
        s_cap(run, None)
        return run

    return build


_new_run = _run_builder()


def _too_fast(km: float, duration_minutes: int) -> str | None:
    """The notice's message when a linehaul of `km` in `duration_minutes` would be faster than
    `MAX_SPEED_KMH`, else None."""
    kmh = km / (duration_minutes / 60)
    if kmh > MAX_SPEED_KMH:
        limit = f"{MAX_SPEED_KMH:.0f}"
        return f"{km:.0f} km in {duration_minutes} min is {kmh:.0f} km/h, faster than {limit}."
    return None


class _Validator:
    def __init__(self, atlas: Atlas, today: date, log: NoticeLog) -> None:
        self.atlas, self.today, self.log = atlas, today, log
        self.broken: set[str] = set()
        self.service_ids: set[str] = set()
        self.facility_ids: set[str] = set()

    # -- feed.json ---------------------------------------------------------------------------
    def feed_info(self, data: bytes | None) -> FeedInfo | None:
        f = "feed.json"
        if data is None:
            return None
        try:
            obj = json.loads(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            line = getattr(exc, "lineno", None)
            self.log.add("invalid_json", f"feed.json is not valid UTF-8 JSON: {exc}.", file=f, line=line)
            return None
        if not isinstance(obj, dict):
            self.log.add("invalid_json", "feed.json must hold one JSON object {...}.", file=f)
            return None
        errors_before = self.log.count(Severity.ERROR)
        values: dict[str, str] = {}
        for key in FEED_KEYS:
            v = obj.get(key)
            if v is None or (isinstance(v, str) and not v.strip()):
                self.log.add(
                    "missing_required_field", f"feed.json needs a non-empty {key}.", file=f, field=key
                )
            elif not isinstance(v, str):
                self.log.add(
                    "invalid_json", f"{key} must be a JSON string, not {type(v).__name__}.", file=f, field=key
                )
            else:
                values[key] = v.strip()
        for key in obj:
            if key not in FEED_KEYS:
                self.log.add(
                    "unexpected_column",
                    f"feed.json key {key!r} is not in the contract; ignored.",
                    file=f,
                    field=key,
                )
        cid = values.get("carrier_id")
        if cid is not None and not CARRIER_ID.match(cid):
            self.log.add(
                "invalid_carrier_id",
                f"carrier_id {cid!r} must be 2-16 characters of A-Z, 0-9 or _ (upper case).",
                file=f,
                field="carrier_id",
            )
        if "currency" in values and values["currency"] != "IDR":
            self.log.add(
                "invalid_currency",
                f"currency {values['currency']!r} is not supported; v1 uses IDR.",
                file=f,
                field="currency",
            )
        dates: dict[str, date] = {}
        for key in ("valid_from", "valid_until"):
            if key in values:
                try:
                    dates[key] = date.fromisoformat(values[key])
                except ValueError:
                    self.log.add(
                        "invalid_date",
                        f"{key} {values[key]!r} is not an ISO date (YYYY-MM-DD).",
                        file=f,
                        field=key,
                    )
        if len(dates) == 2:
            if dates["valid_from"] > dates["valid_until"]:
                self.log.add(
                    "invalid_validity_period",
                    f"valid_from {dates['valid_from']} is after valid_until {dates['valid_until']}.",
                    file=f,
                    field="valid_from",
                )
            elif dates["valid_until"] < self.today:
                self.log.add(
                    "feed_expired",
                    f"the feed ended on {dates['valid_until']}; publish a current one.",
                    file=f,
                    field="valid_until",
                )
        if self.log.count(Severity.ERROR) == errors_before:
            return FeedInfo(
                values["carrier_id"],
                values["carrier_name"],
                values["feed_version"],
                dates["valid_from"],
                dates["valid_until"],
                values["currency"],
            )
        return None

    # -- tables ------------------------------------------------------------------------------
    def table(self, name: str, data: bytes | None) -> CsvTable | None:
        if data is None:
            return None
        table = read_csv(name, data, self.log)
        if table is None:
            self.broken.add(name)
            return None
        required, optional = COLUMNS[name]
        missing = [c for c in required if c not in table.header]
        for c in missing:
            self.log.add(
                "missing_required_column",
                f"{name} has no column {c!r}; add it to the header.",
                file=name,
                line=1,
                field=c,
            )
        for c in table.header:
            if c not in required and c not in optional:
                self.log.add(
                    "unexpected_column",
                    f"column {c!r} is not in the contract; it is ignored.",
                    file=name,
                    line=1,
                    field=c,
                )
        if missing:
            self.broken.add(name)
            return None
        return table

    def services(self, table: CsvTable | None) -> dict[str, Service]:
        out: dict[str, Service] = {}
        seen: set[str] = set()
        for line, values in table.rows if table else []:
            r = _Row(table, line, values, self.log)  # type: ignore[arg-type]
            sid = r.text("service_id")
            if sid is not None:
                if sid in seen:
                    r.add("duplicate_key", "service_id", f"service_id {sid!r} appears more than once.")
                    sid = None
                else:
                    seen.add(sid)
            name = r.text("name")
            weight = r.decimal("max_weight_kg", positive=True)
            divisor = r.integer("volumetric_divisor", minimum=1)
            cod = r.flag("cod")
            if (
                sid is not None
                and name is not None
                and weight is not None
                and divisor is not None
                and cod is not None
            ):
                out[sid] = Service(sid, name, weight, divisor, cod)
        self.service_ids = seen
        return out

    def facilities(self, table: CsvTable | None) -> dict[str, Facility]:
        """Every valid facility. Like the runs, each row goes through a plain reader first
        (`_plain_facility_reader`) and, when it is not plain, through `_facility`, the checks
        that say what is wrong; both read a plain row the same way."""
        out: dict[str, Facility] = {}
        seen: set[str] = set()
        self.facility_ids = seen
        if table is None:
            return out
        plain = self._plain_facility_reader([table.column(c) for c in _FACILITY_COLUMNS])
        for line, values in table.rows:
            facility = plain(values, seen)
            if facility is None:
                facility = self._facility(_Row(table, line, values, self.log), seen)
                if facility is None:
                    continue
            seen.add(facility.facility_id)
            out[facility.facility_id] = facility
        return out

    def _plain_facility_reader(
        self, columns: list[int | None]
    ) -> Callable[[list[str], set[str]], Facility | None]:
        """A reader of plain facility rows: a new id, a name, a kind, a district of the atlas,
        0 or 1, and no coordinates or both as plain decimals strictly inside Indonesia's box.
        None = not plain. Kinds, districts and flags are memoised per written value."""
        i_id, i_name, i_kind, i_area, i_handover, i_lat, i_lon = columns
        fields = itemgetter(i_id, i_name, i_kind, i_area, i_handover)
        kinds = {k.value: k for k in FacilityKind}
        flags = {"0": False, "1": True}  # as `_Row.flag` reads them

        def district(v: str) -> str | None:
            code = v.strip()
            return code if DISTRICT_CODE.match(code) and code in self.atlas else None

        kind_of = _Memo(lambda v: kinds.get(v.strip()))
        district_of = _Memo(district)
        flag_of = _Memo(lambda v: flags.get(v.strip()))
        (lat_min, lat_max), (lon_min, lon_max) = LAT_RANGE, LON_RANGE

        def read(values: list[str], seen: set[str]) -> Facility | None:
            fid, name, kind, area, handover = fields(values)
            fid, name = fid.strip(), name.strip()
            if not fid or fid in seen or not name:
                return None
            kind, area, handover = kind_of[kind], district_of[area], flag_of[handover]
            if kind is None or area is None or handover is None:
                return None
            lat = values[i_lat].strip() if i_lat is not None else ""
            lon = values[i_lon].strip() if i_lon is not None else ""
            if not lat and not lon:
                return Facility(fid, name, kind, area, None, None, handover)
            if not (_PLAIN_DECIMAL.fullmatch(lat) and _PLAIN_DECIMAL.fullmatch(lon)):
                return None
            # float() rounds the decimal to the nearest float, as float(Decimal) does, and
            # rounding keeps order; the limits are floats, so strictly inside as floats is
            # inside as decimals. A value on a limit goes to the full checks.
            y, x = float(lat), float(lon)
            if not (lat_min < y < lat_max and lon_min < x < lon_max):
                return None
            return Facility(fid, name, kind, area, y, x, handover)

        return read

    def _facility(self, r: _Row, seen: set[str]) -> Facility | None:
        """One facility row with every check and its notices; None when it cannot be used."""
        kinds = _FACILITY_KINDS
        fid = r.text("facility_id")
        if fid is not None:
            if fid in seen:
                r.add("duplicate_key", "facility_id", f"facility_id {fid!r} appears more than once.")
                fid = None
            else:
                seen.add(fid)
        name = r.text("name")
        kind = r.text("kind")
        if kind is not None and kind not in kinds:
            r.add("invalid_enum_value", "kind", f"kind {kind!r} must be one of {', '.join(sorted(kinds))}.")
            kind = None
        area = r.text("area_code")
        if area is not None:
            if not DISTRICT_CODE.match(area):
                r.add(
                    "invalid_area_reference",
                    "area_code",
                    f"area_code {area!r} must be a district (kecamatan) code NN.NN.NN.",
                )
                area = None
            elif area not in self.atlas:
                r.add(
                    "unknown_area_code",
                    "area_code",
                    f"district {area} does not exist in Kemendagri's list; check the code.",
                )
                area = None
        lat = r.decimal("lat", positive=False, required=False)
        lon = r.decimal("lon", positive=False, required=False)
        if (r.raw("lat") == "") != (r.raw("lon") == ""):
            missing = "lon" if r.raw("lon") == "" else "lat"
            r.add("missing_required_field", missing, "give both lat and lon, or neither.")
            lat = lon = None
        if (
            lat is not None
            and lon is not None
            and not (LAT_RANGE[0] <= lat <= LAT_RANGE[1] and LON_RANGE[0] <= lon <= LON_RANGE[1])
        ):
            r.add(
                "coordinates_outside_indonesia",
                "lat",
                f"({lat}, {lon}) is outside Indonesia (lat -11.5..6.5, lon 94.5..141.5); "
                "are lat and lon swapped?",
            )
            lat = lon = None
        handover = r.flag("handover")
        if fid is None or name is None or kind is None or area is None or handover is None:
            return None
        return Facility(
            fid,
            name,
            FacilityKind(kind),
            area,
            float(lat) if lat is not None else None,
            float(lon) if lon is not None else None,
            handover,
        )

    def endpoint(self, r: _Row, name: str) -> Endpoint | None:
        v = r.text(name)
        if v is None:
            return None
        if v.startswith("area:"):
            code = v[5:].strip()
            if not AREA_CODE.match(code):
                r.add(
                    "invalid_area_reference",
                    name,
                    f"{v!r}: an area is area:NN (province), area:NN.NN (regency) "
                    "or area:NN.NN.NN (district).",
                )
                return None
            if code not in self.atlas:
                r.add("unknown_area_code", name, f"{v!r}: no Kemendagri region has code {code}.")
                return None
            return Endpoint(area_code=code)
        if "facilities.csv" not in self.broken and v not in self.facility_ids:
            r.add(
                "foreign_key_violation",
                name,
                f"{name} {v!r} is neither a facility_id of facilities.csv nor an area:CODE.",
            )
            return None
        return Endpoint(facility_id=v)

    def runs(self, table: CsvTable | None, facilities: dict[str, Facility]) -> list[Run]:
        """Every valid run. Each row goes through the plain reader (`_plain_reader`) first,
        which accepts only rows whose every value is in its plainest valid form (most rows of
        real feeds) and otherwise leaves the row to `_run`, the checks that say what is wrong.
        Both read a plain row the same way, so the fast path changes no answer, only the time.

        Two runs repeat each other when service, ends, days and departure are equal; the
        signature holds each end as (facility_id, area_code), which is as distinct as the
        written `area:CODE` / facility id (a facility id never starts with `area:`)."""
        out: list[Run] = []
        seen: set[str] = set()
        signatures: dict[tuple[str | int | None, ...], str] = {}
        distances: dict[
            tuple[str | None, str | None], float | None
        ] = {}  # great-circle km per (origin, destination)
        if table is None:
            return out
        columns = [table.column(c) for c in _RUN_COLUMNS]
        plain = None if None in columns[:10] else self._plain_reader(columns)
        for line, values in table.rows:
            run = plain(values, seen) if plain is not None else None
            r = None
            if run is None:
                r = _Row(table, line, values, self.log)
                run = self._run(r, seen)
                if run is None:
                    continue
            rid = run.run_id
            seen.add(rid)
            origin, destination = run.origin, run.destination
            o_fid, o_area, d_fid, d_area = (
                origin.facility_id,
                origin.area_code,
                destination.facility_id,
                destination.area_code,
            )
            key = (run.service_id, o_fid, o_area, d_fid, d_area, run.days, run.departs_at)
            first = signatures.setdefault(key, rid)
            if first != rid:  # the key was there: `first` is the earlier run's id (ids are unique)
                (r or _Row(table, line, values, self.log)).add(
                    "duplicate_run",
                    "run_id",
                    f"run {rid} repeats run {first} (same service, ends, days and time).",
                )
            if o_area is None and d_area is None:  # a linehaul
                pair = (o_fid, d_fid)
                if pair not in distances:
                    distances[pair] = self._distance(facilities, o_fid, d_fid)
                km = distances[pair]
                if km is not None and (too_fast := _too_fast(km, run.duration_minutes)) is not None:
                    (r or _Row(table, line, values, self.log)).add(
                        "implausible_speed", "duration_minutes", too_fast
                    )
            out.append(run)
        return out

    def _plain_reader(self, columns: list[int | None]) -> Callable[[list[str], set[str]], Run | None]:
        """A reader of plain run rows: ids known, endpoints seen before, masks and times as
        written by most feeds, prices and minutes as ASCII digits, no capacity. None = not plain.

        Each column's verdicts are memoised by the value as written (feeds repeat their
        services, ends, masks, times and prices thousands of times), so a plain row costs a
        handful of dictionary look-ups; a value is stripped and checked once."""
        i_run, i_svc, i_o, i_d, i_days, i_dep, i_cut, i_dur, i_base, i_kg, i_cap = columns
        fields = itemgetter(i_run, i_svc, i_o, i_d, i_days, i_dep, i_cut, i_dur, i_base, i_kg)
        services = self.service_ids if "services.csv" not in self.broken else None

        def service(v: str) -> str | None:
            sid = v.strip()
            return sid if sid and (services is None or sid in services) else None

        def days(v: str) -> str | None:
            mask = v.strip()
            return mask if DAYS.match(mask) else None

        def minutes(v: str) -> int | None:
            m = HHMM.match(v.strip())
            return int(m[1]) * 60 + int(m[2]) if m and int(m[1]) <= 23 and int(m[2]) <= 59 else None

        def whole(least: int) -> Callable[[str], int | None]:
            def read(v: str) -> int | None:
                v = v.strip()
                return int(v) if v.isascii() and v.isdigit() and int(v) >= least else None

            return read

        service_of = _Memo(service)
        endpoint_of = _Memo(lambda v: self._plain_endpoint(v.strip()))
        days_of = _Memo(days)
        minutes_of = _Memo(minutes)
        at_least_0, at_least_1 = _Memo(whole(0)), _Memo(whole(1))

        def read(values: list[str], seen: set[str]) -> Run | None:
            rid, sid, o, d, mask, dep, cut, dur, base, kg = fields(values)
            rid = rid.strip()
            if not rid or rid in seen or (sid := service_of[sid]) is None:
                return None
            origin, destination = endpoint_of[o], endpoint_of[d]
            if origin is None or destination is None:
                return None
            if origin.area_code is not None:
                if destination.area_code is not None:
                    return None
            elif destination.area_code is None and origin.facility_id == destination.facility_id:
                return None
            if (mask := days_of[mask]) is None or (departs := minutes_of[dep]) is None:
                return None
            if i_cap is not None and values[i_cap].strip():
                return None
            cutoff, duration = at_least_0[cut], at_least_1[dur]
            base, per_kg = at_least_0[base], at_least_0[kg]
            if cutoff is None or duration is None or base is None or per_kg is None:
                return None
            return _new_run(rid, sid, origin, destination, mask, departs, cutoff, duration, base, per_kg)

        return read

    def _plain_endpoint(self, v: str) -> Endpoint | None:
        """What `endpoint` reads from `v` when it reads it without a notice, else None."""
        if v.startswith("area:"):
            code = v[5:].strip()
            return Endpoint(area_code=code) if AREA_CODE.match(code) and code in self.atlas else None
        if v and ("facilities.csv" in self.broken or v in self.facility_ids):
            return Endpoint(facility_id=v)
        return None

    def _run(self, r: _Row, seen: set[str]) -> Run | None:
        """One run row with every check and its notices; None when it cannot be used."""
        rid = r.text("run_id")
        if rid is not None:
            if rid in seen:
                r.add("duplicate_key", "run_id", f"run_id {rid!r} appears more than once.")
                rid = None
            else:
                seen.add(rid)
        sid = r.text("service_id")
        if sid is not None and "services.csv" not in self.broken and sid not in self.service_ids:
            r.add("foreign_key_violation", "service_id", f"service_id {sid!r} is not in services.csv.")
            sid = None
        origin = self.endpoint(r, "origin")
        destination = self.endpoint(r, "destination")
        if origin is not None and destination is not None:
            if origin.is_area and destination.is_area:
                r.add(
                    "invalid_run_endpoints",
                    "destination",
                    "a run cannot go from an area to an area; one end must be a facility.",
                )
                origin = destination = None
            elif origin == destination:
                r.add(
                    "invalid_run_endpoints",
                    "destination",
                    "origin and destination are the same facility.",
                )
                origin = destination = None
        days = r.text("days")
        if days is not None and not DAYS.match(days):
            r.add(
                "invalid_days_mask",
                "days",
                f"days {days!r} must be 7 characters of 0/1, Monday first (1111100 = weekdays).",
            )
            days = None
        departs = self._time(r)
        cutoff = r.integer("cutoff_minutes", minimum=0)
        duration = r.integer("duration_minutes", minimum=1)
        base = r.integer("base_price", minimum=0)
        per_kg = r.integer("price_per_kg", minimum=0)
        capacity = r.decimal("capacity_kg", positive=True, required=False)
        if (
            rid is None
            or sid is None
            or origin is None
            or destination is None
            or days is None
            or departs is None
            or cutoff is None
            or duration is None
            or base is None
            or per_kg is None
        ):
            return None
        return Run(rid, sid, origin, destination, days, departs, cutoff, duration, base, per_kg, capacity)

    def _time(self, r: _Row) -> int | None:
        v = r.text("departs_at")
        if v is None:
            return None
        m = HHMM.match(v)
        if not m or int(m[1]) > 23 or int(m[2]) > 59:
            r.add("invalid_time", "departs_at", _time_hint(v))
            return None
        return int(m[1]) * 60 + int(m[2])

    @staticmethod
    def _distance(
        facilities: dict[str, Facility], origin: str | None, destination: str | None
    ) -> float | None:
        """Great-circle km between two facilities, None when either lacks coordinates (or a
        valid row)."""
        a, b = facilities.get(origin or ""), facilities.get(destination or "")
        if a is None or b is None or None in (a.lat, a.lon, b.lat, b.lon):
            return None
        return great_circle_km(a.lat, a.lon, b.lat, b.lon)  # type: ignore[arg-type]

    def calendar(self, table: CsvTable | None) -> list[CalendarDate]:
        out: list[CalendarDate] = []
        seen: set[tuple[str, date]] = set()
        check_services = "services.csv" not in self.broken
        for line, values in table.rows if table else []:
            r = _Row(table, line, values, self.log)  # type: ignore[arg-type]
            sid = r.text("service_id")
            if sid is not None and check_services and sid not in self.service_ids:
                r.add("foreign_key_violation", "service_id", f"service_id {sid!r} is not in services.csv.")
                sid = None
            raw = r.text("date")
            day = _parse_date(raw) if raw is not None else None
            if raw is not None and day is None:
                r.add("invalid_date", "date", f"date {raw!r} must be YYYYMMDD or YYYY-MM-DD and exist.")
            kind = r.text("exception_type")
            if kind is not None and kind not in ("1", "2"):
                r.add(
                    "invalid_calendar_exception",
                    "exception_type",
                    f"exception_type {kind!r} must be 1 (runs that date) or 2 (does not run).",
                )
                kind = None
            if sid is None or day is None or kind is None:
                continue
            if (sid, day) in seen:
                r.add("duplicate_key", "date", f"service {sid} has more than one exception on {day}.")
                continue
            seen.add((sid, day))
            out.append(CalendarDate(sid, day, int(kind)))
        return out

    def status_codes(self, table: CsvTable | None) -> list[StatusCode]:
        """Feed 1.1: each code once, each status a word of the tracking vocabulary."""
        out: list[StatusCode] = []
        seen: set[str] = set()
        for line, values in table.rows if table else []:
            r = _Row(table, line, values, self.log)  # type: ignore[arg-type]
            code = r.text("code")
            status = r.text("status")
            if code is not None and len(code) > MAX_STATUS_CODE:
                r.add(
                    "number_out_of_range",
                    "code",
                    f"code {code[:20]!r}... is {len(code)} characters; events carry at most "
                    f"{MAX_STATUS_CODE}.",
                )
                code = None
            if status is not None and status not in STATUS_VOCABULARY:
                r.add(
                    "unknown_status",
                    "status",
                    f"status {status!r} is not in the tracking vocabulary ({', '.join(STATUS_VOCABULARY)}).",
                )
                status = None
            if code is None or status is None:
                continue
            if code in seen:
                r.add(
                    "duplicate_key",
                    "code",
                    f"code {code!r} appears more than once; give each code one status.",
                )
                continue
            seen.add(code)
            out.append(StatusCode(code, status, r.raw("description") or None))
        return out

    # -- whole-feed warnings -----------------------------------------------------------------
    def coverage_warnings(
        self, services: dict[str, Service], facilities: dict[str, Facility], runs: list[Run]
    ) -> None:
        if {"services.csv", "facilities.csv", "runs.csv"} & self.broken:
            return
        used_services = set(map(attrgetter("service_id"), runs))
        for sid in services:
            if sid not in used_services:
                self.log.add(
                    "unused_service",
                    f"service {sid} has no run; remove it or add runs.",
                    file="services.csv",
                    field="service_id",
                )
        # An area end has no facility_id (None), which no facility id equals.
        touched = set(map(attrgetter("origin.facility_id"), runs))
        touched.update(map(attrgetter("destination.facility_id"), runs))
        for fid in facilities:
            if fid not in touched:
                self.log.add(
                    "isolated_facility",
                    f"facility {fid} is not the origin or destination of any run.",
                    file="facilities.csv",
                    field="facility_id",
                )
        starts = list(map(attrgetter("origin.area_code"), runs))
        ends = map(attrgetter("destination.area_code"), runs)
        if starts.count(None) == len(starts):  # no run starts in an area: no pickup
            self.log.add(
                "no_pickup_coverage",
                "no pickup run (area:CODE -> facility): parcels cannot enter.",
                file="runs.csv",
            )
        if not any(end is not None for start, end in zip(starts, ends, strict=True) if start is None):
            self.log.add(
                "no_delivery_coverage",
                "no delivery run (facility -> area:CODE): nothing is delivered.",
                file="runs.csv",
            )


def validate_feed(
    path: Path, atlas: Atlas, *, today: date | None = None, samples_per_code: int = 100
) -> ValidationResult:
    """Validate the feed at `path` (folder or .zip). Raises FeedSourceError if it is neither."""
    log = NoticeLog(samples_per_code)
    files = read_feed_files(path, log)
    return validate_files(files, atlas, today=today, log=log)


def validate_files(
    files: dict[str, bytes], atlas: Atlas, *, today: date | None = None, log: NoticeLog | None = None
) -> ValidationResult:
    """Validate a feed already read into memory (file name -> bytes)."""
    log = log or NoticeLog()
    for name in REQUIRED_FILES:
        if name not in files:
            log.add("missing_required_file", f"{name} is missing; every feed needs it.", file=name)
    v = _Validator(atlas, today or date.today(), log)
    v.broken.update(name for name in REQUIRED_FILES[1:] if name not in files)
    info = v.feed_info(files.get("feed.json"))
    carrier_id = info.carrier_id if info else _carrier_id_guess(files.get("feed.json"))
    # Reading a national feed allocates about a million rows and records that all live until
    # the end; the cycle collector, triggered by the allocations, rescanned them again and again
    # (3.3 of 6.8 s CPU at 335,849 runs) while finding nothing: the validator builds no
    # reference cycles, so its temporaries are still freed by reference counting.
    with gc_paused():
        services = v.services(v.table("services.csv", files.get("services.csv")))
        facilities = v.facilities(v.table("facilities.csv", files.get("facilities.csv")))
        runs = v.runs(v.table("runs.csv", files.get("runs.csv")), facilities)
        calendar = v.calendar(v.table("calendar_dates.csv", files.get("calendar_dates.csv")))
        status_codes = v.status_codes(v.table("status_codes.csv", files.get("status_codes.csv")))
        v.coverage_warnings(services, facilities, runs)
    result = ValidationResult(notices=log, carrier_id=carrier_id, files=files)
    if not log.has_errors and info is not None:
        result.feed = Feed(info, services, facilities, runs, calendar, status_codes)
    return result


def _carrier_id_guess(data: bytes | None) -> str | None:
    """The carrier_id as written, for the report header, even when feed.json has other errors."""
    if data is None:
        return None
    try:
        obj = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    cid = obj.get("carrier_id") if isinstance(obj, dict) else None
    return cid if isinstance(cid, str) else None


def expand_area(atlas: Atlas, code: str) -> list[str]:
    """District codes an area covers (the area itself when it is a district)."""
    area = atlas.get(code)
    if area is None:
        return []
    return [code] if area.level == Level.DISTRICT else atlas.districts_within(code)


_TIME_LIKE = re.compile(r"^(\d{1,2})\s*[.,:;h]\s*(\d{2})$")


def _time_hint(value: str) -> str:
    """What is wrong with a departure time, with the HH:MM spelling when the intent is clear.

    Excel in Indonesian locale writes 9.30 or 9,30 for half past nine; a single-digit hour
    needs its leading zero.
    """
    m = _TIME_LIKE.match(value.strip())
    if m and int(m[1]) <= 23 and int(m[2]) <= 59:
        fixed = f"{int(m[1]):02d}:{m[2]}"
        return f"departs_at {value!r} must be written HH:MM with a colon and two-digit hour: {fixed}."
    return f"departs_at {value!r} must be HH:MM between 00:00 and 23:59."
