"""Quotes as users ask for them: places as typed, weight and size as written, answers in local time.

Input checking lives here (not in the API or CLI) so both give the same errors, each with a
stable code. The answer is the JSON shape of `jalin quote --json` and `POST /v1/quotes`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from jalin.errors import JalinError
from jalin.geo import AddressResolver, Level, QueryError, zone_of
from jalin.i18n import t
from jalin.routing import HandoverLeg, NoRoute, Option, Planner, QuoteRequest, RunLeg

MAX_WEIGHT_KG = Decimal(1000)
MAX_SIDE_CM = Decimal(1000)


class QuoteErrorCode(StrEnum):
    """Why a quote request was refused: every code names the input field it concerns."""

    INVALID_WEIGHT = "invalid_weight"
    INVALID_DIMENSIONS = "invalid_dimensions"
    INVALID_READY_AT = "invalid_ready_at"
    INVALID_MAX_HANDOVERS = "invalid_max_handovers"
    INVALID_HANDOVER_MINUTES = "invalid_handover_minutes"
    UNKNOWN_PLACE = "unknown_place"
    AMBIGUOUS_PLACE = "ambiguous_place"


def _invalid(
    code: QuoteErrorCode,
    field: str,
    message: str,
    candidates: list[dict[str, str]] | None = None,
    notes: list[str] | None = None,
) -> JalinError:
    """A quote input error; `candidates` (places an ambiguous text may mean) is always present,
    `notes` are what the resolver said about the place, in the operator's language (JALIN_LANG)."""
    return JalinError(code, message, field=field, candidates=candidates or [], notes=notes or [])


@dataclass(frozen=True, slots=True)
class Place:
    """A place as resolved for a quote, with how it was read."""

    query: str
    code: str
    name: str
    regency: str | None
    province: str
    zone: str
    resolved_by: str  # district_code, village_code, postal_code or text
    confidence: str
    village: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "code": self.code,
            "name": self.name,
            "regency": self.regency,
            "province": self.province,
            "zone": self.zone,
            "resolved_by": self.resolved_by,
            "confidence": self.confidence,
            "village": self.village,
        }


def parse_weight(value: object) -> Decimal:
    """Kilograms, > 0 and <= 1,000; "2,5" (Indonesian decimal comma) reads as 2.5."""
    text = str(value).strip().replace(",", ".") if value is not None else ""
    try:
        w = Decimal(text)
    except InvalidOperation:
        raise _invalid(
            QuoteErrorCode.INVALID_WEIGHT,
            "weight_kg",
            f"weight '{value}' is not a number of kilograms, e.g. 2.5",
        ) from None
    if not w.is_finite() or w <= 0 or w > MAX_WEIGHT_KG:
        raise _invalid(
            QuoteErrorCode.INVALID_WEIGHT,
            "weight_kg",
            f"weight must be more than 0 and at most {MAX_WEIGHT_KG} kg, got {value}",
        )
    return w


_DIMS = re.compile(r"^\s*([0-9.,]+)\s*[x×X*]\s*([0-9.,]+)\s*[x×X*]\s*([0-9.,]+)\s*(cm)?\s*$")


def parse_dims(value: object) -> tuple[Decimal, Decimal, Decimal] | None:
    """ "LxWxH" in cm (or three numbers); all three > 0 and <= 1,000 cm, or none at all."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, (list, tuple)):
        parts = [str(v) for v in value]
    else:
        m = _DIMS.match(str(value))
        parts = list(m.groups()[:3]) if m else []
    if len(parts) != 3:
        raise _invalid(
            QuoteErrorCode.INVALID_DIMENSIONS,
            "dims_cm",
            f"dimensions '{value}' must be length x width x height in cm, e.g. 30x20x10",
        )
    try:
        dims = tuple(Decimal(p.replace(",", ".")) for p in parts)
    except InvalidOperation:
        raise _invalid(
            QuoteErrorCode.INVALID_DIMENSIONS,
            "dims_cm",
            f"dimensions '{value}' must be numbers, e.g. 30x20x10",
        ) from None
    if any(not d.is_finite() or d <= 0 or d > MAX_SIDE_CM for d in dims):
        raise _invalid(
            QuoteErrorCode.INVALID_DIMENSIONS,
            "dims_cm",
            f"each side must be more than 0 and at most {MAX_SIDE_CM} cm, got {value}",
        )
    return dims  # type: ignore[return-value]


#: How far from now a parcel's ready time may lie (either way): timetables repeat weekly, and the
#: planner's calendar arithmetic must stay far from the ends of Python's date range.
READY_AT_WINDOW = timedelta(days=366)


def parse_ready_at(value: object, now: datetime | None = None) -> datetime:
    """An ISO instant with its UTC offset (2026-11-27T09:00+07:00 or ...Z), within `READY_AT_WINDOW`
    of now; default now."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return (now or datetime.now(UTC)).replace(microsecond=0)
    if isinstance(value, datetime):
        dt = value
    else:
        try:
            dt = datetime.fromisoformat(str(value).strip().replace("Z", "+00:00"))
        except ValueError:
            raise _invalid(
                QuoteErrorCode.INVALID_READY_AT,
                "ready_at",
                f"ready_at '{value}' is not an ISO date-time such as 2026-11-27T09:00+07:00",
            ) from None
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise _invalid(
            QuoteErrorCode.INVALID_READY_AT,
            "ready_at",
            f"ready_at '{value}' has no UTC offset; add one, e.g. +07:00 (WIB), +08:00 (WITA), +09:00 (WIT)",
        )
    try:
        off = abs(dt - (now or datetime.now(UTC)))
    except OverflowError:
        off = READY_AT_WINDOW * 2
    if off > READY_AT_WINDOW:
        raise _invalid(
            QuoteErrorCode.INVALID_READY_AT,
            "ready_at",
            f"ready_at '{value}' is more than {READY_AT_WINDOW.days} days from now; "
            "quotes are for parcels ready within a year",
        )
    return dt


def check_handovers(max_handovers: int, handover_minutes: int) -> None:
    if not 0 <= max_handovers <= 4:
        raise _invalid(
            QuoteErrorCode.INVALID_MAX_HANDOVERS,
            "max_handovers",
            f"max_handovers must be between 0 and 4, got {max_handovers}",
        )
    if not 0 <= handover_minutes <= 24 * 60:
        raise _invalid(
            QuoteErrorCode.INVALID_HANDOVER_MINUTES,
            "handover_minutes",
            f"handover_minutes must be between 0 and 1440, got {handover_minutes}",
        )


def _folded(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def resolve_place(resolver: AddressResolver, text: str, field: str) -> Place:
    """A district for a quote from a district or village code, a postal code or free text."""
    try:
        res = resolver.resolve(text)
    except QueryError as exc:
        raise _invalid(QuoteErrorCode.UNKNOWN_PLACE, field, str(exc)) from None
    stripped = text.strip()
    how = (
        "postal_code"
        if re.fullmatch(r"\d{5}", stripped)
        else "village_code"
        if res.village is not None and res.village.code.replace(".", "") == stripped.replace(".", "")
        else "district_code"
        if res.district is not None and res.district.code.replace(".", "") == stripped.replace(".", "")
        else "text"
    )
    districts = {a.code[:8] for a in res.alternatives if a.level >= Level.DISTRICT}
    if res.district is not None:
        districts.discard(res.district.code)
    # A low-confidence guess is only trusted when the text names the district itself.
    named = res.district is not None and _folded(res.district.name) in _folded(text)
    ambiguous = (res.district is None and bool(districts or res.alternatives)) or (
        res.district is not None and res.confidence == "low" and bool(districts) and not named
    )
    if ambiguous:
        cands = [
            {
                "code": a.code,
                "name": a.name,
                "level": a.level.label,
                "regency": a.regency or "",
                "province": a.province,
            }
            for a in res.alternatives
        ]
        names = "; ".join(
            f"{c['code']} {c['name']} ({c['province'] if c['level'] == 'regency' else c['regency']})"
            for c in cands[:8]
        )
        more = f" and {len(cands) - 8} more" if len(cands) > 8 else ""
        parents = {c["code"].rsplit(".", 1)[0] for c in cands}
        parent = resolver.atlas.get(parents.pop()) if len(parents) == 1 else None
        if parent is not None and len(resolver.atlas.children(parent.code)) != len(cands):
            parent = None  # some of a regency's districts (a split district's successors), not all
        level = "districts" if cands and cands[0]["level"] == "district" else "regencies"
        what = (
            f"'{text}' names {parent.name}, not one district: choose one of its {len(cands)} {level}"
            if parent is not None and res.district is None
            else f"'{text}' matches more than one place"
        )
        raise _invalid(
            QuoteErrorCode.AMBIGUOUS_PLACE,
            field,
            f"{what}: {names}{more}. Give the district (kecamatan) or its code.",
            cands,
            res.issues,
        )
    if res.district is None:
        hint = f" ({res.issues[0]})" if res.issues else ""
        raise _invalid(
            QuoteErrorCode.UNKNOWN_PLACE,
            field,
            f"'{text}' is not a known district, village, postal code or address{hint}",
            notes=res.issues,
        )
    d = res.district
    return Place(
        text,
        d.code,
        d.name,
        d.regency,
        d.province,
        d.zone,
        how,
        res.confidence,
        res.village.name if res.village else None,
    )


@dataclass(slots=True)
class QuoteInput:
    """What a user asks, before checking."""

    origin: str
    destination: str | None  # None for one-to-all
    weight: object
    dims: object = None
    ready_at: object = None
    cod: bool = False
    max_handovers: int = 2
    handover_minutes: int = 120
    open_handovers: bool = False


def build_request(
    resolver: AddressResolver, q: QuoteInput, now: datetime | None = None
) -> tuple[QuoteRequest, Place, Place]:
    weight = parse_weight(q.weight)
    dims = parse_dims(q.dims)
    ready = parse_ready_at(q.ready_at, now)
    check_handovers(q.max_handovers, q.handover_minutes)
    origin = resolve_place(resolver, q.origin, "from")
    # No destination (the one-to-all tariff book): the request's destination is unused; reuse the origin.
    destination = origin if q.destination is None else resolve_place(resolver, q.destination, "to")
    request = QuoteRequest(
        origin.code, destination.code, weight, ready, dims, q.cod, q.max_handovers, q.handover_minutes
    )
    return request, origin, destination


def local(dt: datetime, area_code: str) -> str:
    """ISO instant with the offset of the place (WIB/WITA/WIT by province)."""
    return dt.astimezone(zone_of(area_code).tzinfo).isoformat()


def _leg(
    leg: RunLeg | HandoverLeg, carrier_names: dict[str, str], service_names: dict[tuple[str, str], str]
) -> dict[str, Any]:
    if isinstance(leg, HandoverLeg):
        return {
            "type": "handover",
            "from": {"carrier": leg.from_carrier, "facility": leg.from_facility},
            "to": {"carrier": leg.to_carrier, "facility": leg.to_facility},
            "area_code": leg.area_code,
            "at": local(leg.at, leg.area_code),
            "fee": leg.fee,
        }
    return {
        "type": "run",
        "carrier": leg.carrier_id,
        "carrier_name": carrier_names.get(leg.carrier_id),
        "service": leg.service_id,
        "service_name": service_names.get((leg.carrier_id, leg.service_id)),
        "run_id": leg.run_id,
        "origin": leg.origin,
        "destination": leg.destination,
        "departure": local(leg.departure, leg.origin_area),
        "arrival": local(leg.arrival, leg.destination_area),
        "chargeable_kg": leg.chargeable_kg,
        "price": leg.price,
    }


def no_route_message(why: NoRoute) -> str:
    """Why there is no option, in Indonesian then English (one string, as the contract shows it)."""
    return f"{t(f'no_route.{why.value}', lang='id')} / {t(f'no_route.{why.value}', lang='en')}"


def answer(
    planner: Planner, request: QuoteRequest, origin: Place, destination: Place, *, open_handovers: bool
) -> dict[str, Any]:
    options, why = planner.quote(request)
    return render(
        request,
        origin,
        destination,
        options,
        why,
        planner.net.carrier_names,
        open_handovers=open_handovers,
        service_names=planner.net.service_names,
    )


def render_option(
    request: QuoteRequest,
    o: Option,
    carrier_names: dict[str, str],
    service_names: dict[tuple[str, str], str] | None = None,
    shown: dict[int, dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """One option as the quote contract shows it (times in the places' own zones).

    `shown`: legs already rendered for other options of the same answer, by `id` of the leg
    (options share leg objects, see `Planner._options`); each option gets its own copy.
    """
    shown = {} if shown is None else shown
    legs = []
    for leg in o.legs:
        done = shown.get(id(leg))
        if done is None:
            done = shown[id(leg)] = _leg(leg, carrier_names, service_names or {})
        legs.append(dict(done))
    return {
        "delivered_at": local(o.delivered_at, request.destination),
        "price": o.price,
        "handovers": o.handovers,
        "legs": legs,
    }


def render(
    request: QuoteRequest,
    origin: Place,
    destination: Place,
    options: list[Option],
    why: NoRoute | None,
    carrier_names: dict[str, str],
    *,
    open_handovers: bool,
    service_names: dict[tuple[str, str], str] | None = None,
) -> dict[str, Any]:
    shown: dict[int, dict[str, Any]] = {}  # legs the options share, rendered once
    return {
        "origin": origin.code,
        "destination": destination.code,
        "resolution": {"origin": origin.to_dict(), "destination": destination.to_dict()},
        "ready_at": local(request.ready_at, request.origin),
        "weight_kg": str(request.weight_kg),
        "dims_cm": [str(d) for d in request.dims_cm] if request.dims_cm else None,
        "cod": request.cod,
        "max_handovers": request.max_handovers,
        "handover_minutes": request.handover_minutes,
        "handovers_allowed": "open" if open_handovers else "agreements",
        "options": [render_option(request, o, carrier_names, service_names, shown) for o in options],
        "no_route": None if why is None else {"reason": why.value, "message": no_route_message(why)},
    }
