"""Reading shipments: one, a page of the caller's, and the public tracking view."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Engine

from jalin.errors import JalinError
from jalin.geo import Atlas
from jalin.geo.zones import Zone
from jalin.registry.access import Principal
from jalin.services.paging import check_limit, decode_cursor, page
from jalin.services.shipments.access import caller, load_visible, not_found
from jalin.services.shipments.views import shipment_view, track_view
from jalin.shipments.model import ShipmentErrorCode, ShipmentStatus
from jalin.shipments.numbers import NUMBER, is_valid, normalize
from jalin.storage import shipments as store
from jalin.storage.uow import unit_of_work

MAX_LIMIT = 500  # the shared paging.MAX_LIMIT


def show(engine: Engine, who: Principal, number: str) -> dict[str, Any]:
    with unit_of_work(engine) as uow:
        _, s, legs, hos = load_visible(uow.conn, who, number)
        return shipment_view(s, legs, hos)


def _bound(value: str | None, field: str, *, end: bool) -> datetime | None:
    """A date (a whole WIB day; `booked_to` includes it) or an instant with offset."""
    if not value:
        return None
    try:
        if len(value) == 10:
            d = date.fromisoformat(value)
            start = datetime(d.year, d.month, d.day, tzinfo=Zone.WIB.tzinfo)
            return (start + timedelta(days=1) if end else start).astimezone(UTC)
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
        if dt.tzinfo is None:
            raise ValueError
        return dt.astimezone(UTC)  # stored instants are UTC (SQLite compares them as text)
    except (ValueError, OverflowError):
        raise JalinError(
            ShipmentErrorCode.INVALID_FILTER,
            f"{field} '{value}' harus tanggal (2026-12-01) atau waktu dengan offset. / {field} '{value}' "
            "must be a date (2026-12-01) or a date-time with offset.",
            field=field,
        ) from None


def list_page(
    engine: Engine,
    who: Principal,
    *,
    status: str | None = None,
    carrier: str | None = None,
    booked_from: str | None = None,
    booked_to: str | None = None,
    cursor: str | None = None,
    limit: int = 50,
) -> dict[str, Any]:
    """The caller's shipments (booked or carried; admin: all), newest first, a page at a time."""
    if status is not None and status not in {s.value for s in ShipmentStatus}:
        raise JalinError(
            ShipmentErrorCode.INVALID_FILTER,
            f"status '{status}' tidak dikenal; pakai {', '.join(s.value for s in ShipmentStatus)}. / "
            f"Unknown status '{status}'.",
            field="status",
        )
    check_limit(limit, MAX_LIMIT)
    after = decode_cursor(cursor, "s")
    start, end = _bound(booked_from, "booked_from", end=False), _bound(booked_to, "booked_to", end=True)
    with unit_of_work(engine) as uow:
        c = caller(uow.conn, who)
        if not c.admin and c.who.member_id is None:
            return {"items": [], "next_cursor": None}
        rows = store.list_shipments(
            uow.conn,
            member_id=None if c.admin else c.who.member_id,
            carrier_of_member=c.carrier,
            status=status,
            carrier=carrier.upper() if carrier else None,
            booked_from=start,
            booked_to=end,
            after_id=after,
            limit=limit + 1,
        )
        found = page(rows, limit, "s", lambda r: r["id"])
        ids = [r["id"] for r in found["items"]]
        legs, hos = store.legs_of(uow.conn, ids), store.handovers_of(uow.conn, ids)
        found["items"] = [shipment_view(r, legs[r["id"]], hos[r["id"]]) for r in found["items"]]
    return found


def check_number(number: str) -> str:
    """A typed number, normalised; 422 `invalid_number` when its shape or check digit is wrong."""
    n = normalize(number)
    if not NUMBER.match(n) or not is_valid(n):
        raise JalinError(
            ShipmentErrorCode.INVALID_NUMBER,
            f"Nomor kiriman '{number}' tidak sah (format JL123456785ID, digit periksa S10); periksa "
            f"kembali ketikannya. / '{number}' is not a valid shipment number (format JL123456785ID, "
            "S10 check digit); check for a typo.",
            field="number",
        )
    return n


def track(engine: Engine, atlas: Atlas, number: str) -> dict[str, Any]:
    """The public tracking view: no names, phones or street addresses; sandbox shipments are not public."""
    n = check_number(number)
    with unit_of_work(engine) as uow:
        s = store.get_shipment(uow.conn, n)
        if s is None or s["test"]:
            raise not_found(n)
        events = store.events_of(uow.conn, s["id"])
        brands = store.carrier_brands(uow.conn, [e["carrier"] for e in events if e["carrier"]])
    return track_view(atlas, s, events, brands)
