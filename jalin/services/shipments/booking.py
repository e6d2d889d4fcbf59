"""Booking: plan as `POST /v1/quotes` does, pick or verify an option, store it under one number.

Idempotency (the IETF Idempotency-Key draft, as shipments-v1 states it): keys are scoped to
the calling member and kept 24 hours; only a successful booking leaves a key, written in the
same transaction as the shipment, so a refused booking leaves nothing behind. Under any
concurrency one key makes at most one shipment:
- the unique constraint on (scope, key) is the guarantee;
- on PostgreSQL a transaction-scoped advisory lock per key answers a second request while the
  first runs with 409 `idempotency_in_progress` (instead of waiting on the unique index);
- on SQLite the unit of work begins with `BEGIN IMMEDIATE`, so it takes the database's write
  lock (waiting for it) and everything after reads the latest committed state: a request that
  waited replays the first one's answer;
- within one process a registry of keys being planned answers 409 at once on both databases.
Planning happens before the write transaction (it reads only the network snapshot), so
bookings do not hold the database's write lock while the planner runs.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from jalin.errors import JalinError
from jalin.geo import AddressResolver, zone_of
from jalin.registry.access import Principal
from jalin.registry.rules import Role
from jalin.routing import Option
from jalin.services.network_state import NetworkState, Snapshot
from jalin.services.quotes import (
    QuoteErrorCode,
    QuoteInput,
    build_request,
    no_route_message,
    render_option,
)
from jalin.services.settlement.recording import fee_payees
from jalin.services.shipments.views import member_ref, parse_member_ref, shipment_view
from jalin.services.webhooks import outbox
from jalin.settlement.periods import WIB
from jalin.shipments import plan, rules
from jalin.shipments.model import (
    Choose,
    HandoverStatus,
    LegStatus,
    Party,
    PlannedHandover,
    PlannedLeg,
    ShipmentErrorCode,
    ShipmentStatus,
)
from jalin.shipments.numbers import random_number
from jalin.storage import shipments as store
from jalin.storage.audit import record as audit_record
from jalin.storage.uow import UnitOfWork, unit_of_work

#: How long an Idempotency-Key is remembered.
KEY_TTL = timedelta(hours=24)

_running: set[tuple[str, str]] = set()
_running_lock = threading.Lock()


@dataclass(frozen=True, slots=True)
class BookingResult:
    """The answer to send: status, body, and whether it replays an earlier answer."""

    status_code: int
    body: dict[str, Any]
    replayed: bool


@dataclass(frozen=True, slots=True)
class Draft:
    """A checked and planned booking, ready to store."""

    booked_by: int | None
    test: bool
    origin: str
    destination: str
    origin_village: str | None
    destination_village: str | None
    weight_kg: str
    dims_cm: str | None
    ready_at: datetime
    cod_amount: int
    declared_value: int
    contents: str | None
    reference: str | None
    shipper: Party
    recipient: Party
    option: Option
    option_json: dict[str, Any]
    legs: list[PlannedLeg]
    handovers: list[PlannedHandover]


def scope_of(who: Principal) -> str:
    """Idempotency keys belong to the calling member (admins share one scope)."""
    return f"member:{who.member_id}" if who.member_id is not None else f"role:{who.role.value}"


@contextmanager
def _in_flight(scope: str, key: str) -> Iterator[None]:
    with _running_lock:
        if (scope, key) in _running:
            raise _in_progress()
        _running.add((scope, key))
    try:
        yield
    finally:
        with _running_lock:
            _running.discard((scope, key))


def member_for_carrier(engine: Engine, carrier_id: str) -> str | None:
    """The member reference (M0012) of the member that runs a carrier, or None."""
    with engine.connect() as conn:
        return member_ref(store.member_by_carrier(conn, carrier_id))


def _in_progress() -> JalinError:
    return JalinError(
        ShipmentErrorCode.IDEMPOTENCY_IN_PROGRESS,
        "Pemesanan dengan Idempotency-Key ini masih diproses; coba lagi sebentar lagi. / A booking with "
        "this Idempotency-Key is still being processed; retry in a moment.",
        field="Idempotency-Key",
    )


def _replay(found: dict[str, Any], fingerprint: str) -> BookingResult:
    if found["fingerprint"] != fingerprint:
        raise JalinError(
            ShipmentErrorCode.IDEMPOTENCY_KEY_REUSED,
            "Idempotency-Key ini sudah dipakai untuk pemesanan lain dengan isi berbeda; pakai kunci baru "
            "untuk kiriman baru. / This Idempotency-Key was used for another booking with a different "
            "body; use a new key for a new shipment.",
            field="Idempotency-Key",
        )
    return BookingResult(found["status_code"], json.loads(found["response"]), True)


def book(
    engine: Engine,
    state: NetworkState,
    resolver: AddressResolver,
    who: Principal,
    body: object,
    key: str | None,
    *,
    indicator: str = "JL",
    now: datetime | None = None,
) -> BookingResult:
    """Book one shipment (or replay the answer for a key already used with the same body).

    A key already answered is replayed before anything is planned; the booking's transaction
    checks it again (another request may have committed it meanwhile)."""
    key = rules.idempotency_key(key)
    scope = scope_of(who)
    fingerprint = rules.request_fingerprint(body)
    now = (now or datetime.now(UTC)).replace(microsecond=0)
    with engine.connect() as conn:  # one connection for the replay check and the snapshot's
        found = store.find_key(conn, scope, key)
        snapshot = state.snapshot(conn)
    if found is not None and found["created_at"] >= now - KEY_TTL:
        return _replay(found, fingerprint)
    with _in_flight(scope, key):
        draft = prepare(engine, snapshot, resolver, who, body, now)
        for _attempt in range(3):
            try:
                with unit_of_work(engine) as uow:
                    return _store(uow, who, scope, key, fingerprint, draft, indicator, now)
            except IntegrityError:
                # Another process committed this key first (we replay it on the next pass), or,
                # once in a hundred million, the drawn number is already taken (we draw again).
                continue
    raise _in_progress()


def _store(
    uow: UnitOfWork,
    who: Principal,
    scope: str,
    key: str,
    fingerprint: str,
    d: Draft,
    indicator: str,
    now: datetime,
) -> BookingResult:
    """Write the booking in the caller's unit of work; the answer is built from the rows as
    stored (RETURNING), so it equals what `GET /v1/shipments/{number}` shows."""
    conn = uow.conn
    locked, found = store.lock_and_find_key(conn, scope, key)
    if not locked:
        raise _in_progress()
    if found is not None:
        if found["created_at"] >= now - KEY_TTL:
            return _replay(found, fingerprint)
        store.drop_key(conn, found["id"])
    # A number already taken fails the insert (unique); `book` then retries with a new one.
    number = random_number(indicator)
    last = d.legs[-1]
    assert last.end.code == d.destination
    s = store.insert_shipment(
        conn,
        {
            "number": number,
            "status": ShipmentStatus.BOOKED.value,
            "test": d.test,
            "booked_by": d.booked_by,
            "created_at": now,
            "origin": d.origin,
            "destination": d.destination,
            "origin_village": d.origin_village,
            "destination_village": d.destination_village,
            "weight_kg": d.weight_kg,
            "dims_cm": d.dims_cm,
            "ready_at": d.ready_at,
            "cod_amount": d.cod_amount,
            "declared_value": d.declared_value,
            "contents": d.contents,
            "reference": d.reference,
            "price": d.option.price,
            "planned_delivery": d.option.delivered_at,
            "eta": d.option.delivered_at,
            "late": False,
            "shipper_name": d.shipper.name,
            "shipper_phone": d.shipper.phone,
            "shipper_address": d.shipper.address,
            "recipient_name": d.recipient.name,
            "recipient_phone": d.recipient.phone,
            "recipient_address": d.recipient.address,
            "option": json.dumps(d.option_json, ensure_ascii=False),
        },
    )
    sid = s["id"]
    legs = store.insert_legs(conn, sid, d.legs, LegStatus.PLANNED.value)
    payees = fee_payees(conn, d.handovers, now.astimezone(WIB).date()) if d.handovers else {}
    placed: list[tuple[PlannedHandover, str]] = []
    sheets: dict[str, dict[str, Any]] = {}
    for h in d.handovers:
        day = rules.local_date(h.planned_at, zone_of(h.district).tzinfo)
        mid = rules.manifest_id(h.to_facility, day, h.from_carrier, h.to_carrier)
        sheets[mid] = {
            "id": mid,
            "facility": h.to_facility,
            "date": day,
            "from_carrier": h.from_carrier,
            "to_carrier": h.to_carrier,
            "district": h.district,
            "created_at": now,
        }
        placed.append((h, mid))
    store.ensure_manifests(conn, list(sheets.values()))
    hos = store.insert_handovers(conn, sid, placed, HandoverStatus.PLANNED.value, payees)
    view = shipment_view(s, legs, hos)
    audit_record(
        conn, who.actor, "shipment.book", "shipment", number, after={"price": d.option.price, "test": d.test}
    )
    outbox.publish(conn, event_type="shipment.booked", number=number, data=booked_event(view), at=now)
    store.save_key(conn, scope, key, fingerprint, 201, view, sid, now)
    return BookingResult(201, view, False)


def booked_event(view: dict[str, Any]) -> dict[str, Any]:
    """The `shipment.booked` webhook data: the booking without the parties' personal data."""
    return {
        "number": view["number"],
        "status": view["status"],
        "test": view["test"],
        "reference": view.get("reference"),
        "from": view["from"],
        "to": view["to"],
        "planned_delivery": view["planned_delivery"],
        "legs": [{"seq": leg["seq"], "carrier": leg["carrier"]} for leg in view["legs"]],
    }


def _flag(value: object, field: str) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        raise JalinError(
            ShipmentErrorCode.INVALID_CHOICE,
            f"{field} harus true atau false. / {field} must be true or false.",
            field=field,
        )
    return value


def _int(value: object, field: str, default: int) -> int:
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int):
        raise JalinError(
            ShipmentErrorCode.INVALID_CHOICE,
            f"{field} harus bilangan bulat. / {field} must be an integer.",
            field=field,
        )
    return value


def _booked_by(engine: Engine, who: Principal, body: dict[str, Any]) -> int | None:
    """A member books for itself; an admin may book for a member (`booked_by`, e.g. M0012)."""
    if who.role is not Role.ADMIN:
        return who.member_id
    raw = body.get("booked_by")
    if raw is None:
        return None
    member_id = parse_member_ref(raw)
    with engine.connect() as conn:
        m = store.member(conn, member_id) if member_id else None
    if m is None or m["status"] != "active":
        raise JalinError(
            ShipmentErrorCode.UNKNOWN_MEMBER,
            f"booked_by '{raw}' bukan anggota aktif (tulis seperti M0012). / booked_by '{raw}' is not an "
            "active member (write it like M0012).",
            field="booked_by",
        )
    return member_id


def prepare(
    engine: Engine,
    snapshot: Snapshot,
    resolver: AddressResolver,
    who: Principal,
    body: object,
    now: datetime,
) -> Draft:
    """Check every field and plan the route; raises `JalinError` (nothing is written)."""
    if not isinstance(body, dict):
        raise JalinError(
            ShipmentErrorCode.INVALID_OPTION,
            "Isi permintaan harus objek JSON pemesanan. / The request body must be a booking JSON object.",
            field="body",
        )
    for field in ("from", "to"):
        if not isinstance(body.get(field), str) or not body[field].strip() or len(body[field]) > 500:
            raise JalinError(
                QuoteErrorCode.UNKNOWN_PLACE,
                f"{field} wajib: kode kecamatan/kelurahan, kode pos atau alamat. / {field} is required: a "
                "district or village code, a postal code or an address.",
                field=field,
            )
    shipper = rules.party(body.get("shipper"), "shipper")
    recipient = rules.party(body.get("recipient"), "recipient")
    cod_amount = rules.amount(body.get("cod_amount"), "cod_amount")
    declared_value = rules.amount(body.get("declared_value"), "declared_value")
    contents = rules.text_field(body.get("contents"), "contents", required=False)
    reference = rules.text_field(
        body.get("reference"), "reference", max_len=rules.MAX_REFERENCE, required=False
    )
    test = _flag(body.get("test"), "test")
    rule, wanted = _choice(body)
    max_handovers = _int(body.get("max_handovers"), "max_handovers", 2)
    handover_minutes = _int(body.get("handover_minutes"), "handover_minutes", 120)
    booked_by = _booked_by(engine, who, body)
    q = QuoteInput(
        body["from"],
        body["to"],
        body.get("weight_kg"),
        body.get("dims_cm"),
        body.get("ready_at"),
        cod_amount > 0,
        max_handovers,
        handover_minutes,
        False,
    )
    request, origin, destination = build_request(resolver, q, now)
    if not 2000 <= request.ready_at.year <= 2100:
        raise JalinError(
            QuoteErrorCode.INVALID_READY_AT,
            f"ready_at {request.ready_at.isoformat()} tidak masuk akal untuk pemesanan; tulis waktu siap "
            "paket, mis. 2026-12-01T09:00:00+07:00. / ready_at is not a plausible time for a booking; give "
            "when the parcel is ready, e.g. 2026-12-01T09:00:00+07:00.",
            field="ready_at",
        )
    planner = snapshot.planner(open_handovers=False)
    options, why = planner.quote(request)
    names, services = planner.net.carrier_names, planner.net.service_names
    if not options:
        reason = why.value if why else "no_route"
        raise JalinError(
            ShipmentErrorCode.NO_ROUTE,
            no_route_message(why) if why else "Tidak ada rute. / No route.",
            field="to",
            reason=reason,
        )
    if wanted is not None:
        index = plan.find(options, wanted)
        if index is None:
            raise JalinError(
                ShipmentErrorCode.OPTION_UNAVAILABLE,
                "Pilihan rute ini tidak lagi ditawarkan untuk masukan yang sama (jadwal, harga atau "
                "perjanjian berubah, atau pilihan dari permintaan lain); pilih dari options. / This option "
                "is no longer offered for the same inputs (schedules, prices or agreements changed, or it "
                "came from another request); pick one of options.",
                field="option",
                options=[render_option(request, o, names, services) for o in options],
            )
    else:
        index = plan.choose(options, rule)
    chosen = options[index]
    shown = render_option(request, chosen, names, services)
    legs, handovers = plan.cut_legs(chosen, shown["legs"], origin.code, destination.code)
    return Draft(
        booked_by=booked_by,
        test=test,
        origin=origin.code,
        destination=destination.code,
        origin_village=origin.village,
        destination_village=destination.village,
        weight_kg=str(request.weight_kg),
        dims_cm="x".join(str(d) for d in request.dims_cm) if request.dims_cm else None,
        ready_at=request.ready_at,
        cod_amount=cod_amount,
        declared_value=declared_value,
        contents=contents,
        reference=reference,
        shipper=shipper,
        recipient=recipient,
        option=chosen,
        option_json=shown,
        legs=legs,
        handovers=handovers,
    )


def _choice(body: dict[str, Any]) -> tuple[Choose, plan.Signature | None]:
    """`choose` (default fastest) or a given `option`, never both."""
    raw_choose, raw_option = body.get("choose"), body.get("option")
    if raw_choose is not None and raw_option is not None:
        raise JalinError(
            ShipmentErrorCode.INVALID_CHOICE,
            "Berikan choose atau option, bukan keduanya. / Give either choose or option, not both.",
            field="choose",
        )
    if raw_option is not None:
        try:
            return Choose.FASTEST, plan.parse_signature(raw_option)
        except ValueError as exc:
            raise JalinError(
                ShipmentErrorCode.INVALID_OPTION,
                f"option tidak terbaca: {exc}. / option is unreadable: {exc}.",
                field="option",
            ) from None
    if raw_choose is None:
        return Choose.FASTEST, None
    try:
        return Choose(raw_choose), None
    except ValueError:
        allowed = ", ".join(c.value for c in Choose)
        raise JalinError(
            ShipmentErrorCode.INVALID_CHOICE,
            f"choose '{raw_choose}' tidak dikenal; pilih {allowed}. / Unknown choose '{raw_choose}'; "
            f"use {allowed}.",
            field="choose",
        ) from None


__all__ = ["KEY_TTL", "BookingResult", "book", "member_ref", "prepare"]
