"""`POST /v1/events`: a carrier's events, checked, stored once, and folded into the timeline.

Contract (tracking-v1, Ingest), and how it is kept:
- At most `MAX_BATCH` events; one result per event, in order (`accepted`, `duplicate`,
  `rejected` with a stable `EventCode`); no event is dropped without a result.
- Idempotent on (carrier, event_id): the unique constraint decides; an event already stored
  with the same fingerprint is a `duplicate`, with another an `event_id_conflict`. Two batches
  racing on one event: the loser's insert is skipped (ON CONFLICT DO NOTHING ... RETURNING
  tells which rows went in) and the stored row is compared like any earlier one.
- The whole batch is one unit of work committed before the answer is built, so every
  `accepted` is durable; rejections are results, not errors, so they never roll back the
  accepted events beside them.
- Only carriers on a shipment's legs post for it (admin: any, naming the event's `carrier`).
  `number` may be the master number or the carrier's own `carrier_ref`.
- An unmapped carrier code is stored with status null (result `accepted`, code
  `unmapped_code`) and does not change the shipment's status.
- After storing, each touched shipment's status and leg custody are derived again from its
  timeline (`refresh`: resumed when the new events only append to it, else walked whole);
  the ETA of a shipment whose latest event is at a facility is
  re-planned (`eta.replan`); each status or ETA change writes its webhooks to the outbox, the
  receiving carrier's `handed_over` completes its handover (as a manifest scan would) and the
  first `delivered` of a real shipment records its settlement lines, all in the same
  transaction as the events.
Everything is a fixed number of statements per batch, whatever its size.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine

from jalin.errors import JalinError
from jalin.geo import Atlas
from jalin.geo.atlas import Level
from jalin.registry.access import Principal
from jalin.services.network_state import NetworkState
from jalin.services.settlement.recording import record_delivery
from jalin.services.shipments.access import Caller, caller
from jalin.services.shipments.manifests import complete_by_event
from jalin.services.tracking.eta import EtaChange, replan
from jalin.services.tracking.network import NetworkIndex, network_index
from jalin.services.tracking.notify import Audience, announce
from jalin.services.tracking.refresh import StatusChange, refresh
from jalin.shipments.numbers import NUMBER
from jalin.storage import tracking as store
from jalin.storage.uow import unit_of_work
from jalin.tracking import (
    MAX_BATCH,
    EventCode,
    EventInput,
    Outcome,
    Rejection,
    Status,
    TrackingErrorCode,
    map_event,
    parse,
)


@dataclass(frozen=True, slots=True)
class IngestResult:
    """The answer (`body`) and what changed, for webhooks and tests."""

    body: dict[str, Any]
    changes: list[StatusChange]
    eta_changes: list[EtaChange]


def _batch(body: object) -> list[Any]:
    events = body.get("events") if isinstance(body, dict) else None
    if not isinstance(events, list):
        raise JalinError(
            TrackingErrorCode.INVALID_EVENTS,
            'Isi permintaan harus {"events": [...]}. / The body must be {"events": [...]}.',
            field="events",
        )
    if len(events) > MAX_BATCH:
        raise JalinError(
            TrackingErrorCode.TOO_MANY_EVENTS,
            f"Paling banyak {MAX_BATCH} event per permintaan; didapat {len(events)}. Kirim dalam beberapa "
            f"permintaan. / At most {MAX_BATCH} events per request; got {len(events)}. Send several "
            "requests.",
            field="events",
            limit=MAX_BATCH,
        )
    return events


def _result(
    event_id: object, outcome: Outcome, code: EventCode | None, message: str | None
) -> dict[str, Any]:
    return {
        "event_id": event_id if isinstance(event_id, str) else None,
        "result": outcome.value,
        "code": code.value if code else None,
        "message": message,
    }


def _reject(raw: object, why: Rejection) -> dict[str, Any]:
    event_id = raw.get("event_id") if isinstance(raw, dict) else None
    return _result(event_id, Outcome.REJECTED, why.code, why.message)


@dataclass(slots=True)
class _Placed:
    """One parsed event bound to its shipment and carrier."""

    index: int
    event: EventInput
    shipment: dict[str, Any]
    carrier: str
    area: str | None


class _Resolver:
    """Numbers -> shipments and the caller's carrier -> legs, read for the whole batch at once;
    the shipments are locked first (PostgreSQL), so what is read here stays true until commit."""

    def __init__(self, conn: Connection, c: Caller, events: list[EventInput]) -> None:
        masters = {e.number.upper() for e in events if NUMBER.match(e.number.upper())}
        master_ids = store.ids_by_number(conn, masters)
        refs = {e.number for e in events if e.number.upper() not in master_ids}
        self.by_ref: dict[str, list[tuple[str, int]]] = {}
        for r in store.legs_by_ref(conn, refs, None if c.admin else c.carrier):
            self.by_ref.setdefault(r["carrier_ref"], []).append((r["carrier"], r["shipment_id"]))
        ids = set(master_ids.values()) | {sid for found in self.by_ref.values() for _, sid in found}
        store.lock_shipments(conn, ids)
        self.by_id = store.shipments_by_id(conn, ids, lean=True)
        self.by_number = {n: self.by_id[i] for n, i in master_ids.items()}
        self.legs = store.legs_of(conn, ids)

    def shipment(self, e: EventInput, carrier: str | None) -> tuple[dict[str, Any] | None, str | None]:
        """The shipment and, when the number was a carrier_ref, whose ref it was."""
        s = self.by_number.get(e.number.upper())
        if s is not None:
            return s, None
        found = [(c, sid) for c, sid in self.by_ref.get(e.number, []) if carrier is None or c == carrier]
        if len(found) != 1:
            return None, None
        return self.by_id[found[0][1]], found[0][0]


def _place(
    atlas: Atlas, index: NetworkIndex, legs: list[dict[str, Any]], carrier: str, location: str | None
) -> str | Rejection | None:
    """The district an event happened in: its location is a district code, or a facility of
    the event's carrier (in the live network, or named on the shipment's own legs)."""
    if location is None:
        return None
    area = atlas.get(location)
    if area is not None and area.level == Level.DISTRICT:
        return location
    facility = location.split(":", 1)[1] if location.upper().startswith(carrier + ":") else location
    found = index.facilities.get((carrier, facility))
    if found is not None:
        return found
    for leg in legs:
        if leg["carrier"] != carrier:
            continue
        if leg["start_kind"] == "facility" and leg["start_code"] == facility:
            return str(leg["start_area"])[:8]
        if leg["end_kind"] == "facility" and leg["end_code"] == facility:
            return str(leg["end_area"])[:8]
    return Rejection(
        EventCode.UNKNOWN_LOCATION,
        f"location '{location}' bukan kode kecamatan (NN.NN.NN) atau fasilitas {carrier} di jaringan. / "
        f"location '{location}' is neither a district code (NN.NN.NN) nor a facility of {carrier} in "
        "the network.",
    )


def _bind(
    i: int, e: EventInput, c: Caller, r: _Resolver, atlas: Atlas, index: NetworkIndex
) -> _Placed | Rejection:
    """Find the event's shipment and carrier and check the caller may post it."""
    if not c.admin and (c.carrier is None or (e.carrier is not None and e.carrier != c.carrier)):
        return Rejection(
            EventCode.NOT_YOUR_LEG,
            "Hanya kurir pada leg kiriman yang mengirim event-nya. / Only a carrier on one of the "
            "shipment's legs posts its events.",
        )
    s, ref_carrier = r.shipment(e, c.carrier if not c.admin else e.carrier)
    if s is None:
        return Rejection(
            EventCode.UNKNOWN_SHIPMENT,
            f"Kiriman '{e.number}' tidak dikenal (nomor induk atau resi kurir). / Unknown shipment "
            f"'{e.number}' (master number or carrier_ref).",
        )
    legs = r.legs[s["id"]]
    carrier = c.carrier if not c.admin else (e.carrier or ref_carrier)
    if carrier is None:
        return Rejection(
            EventCode.CARRIER_REQUIRED,
            "Admin: sebutkan carrier pemilik event (salah satu kurir leg). / Admin: name the event's "
            "carrier (one of the legs' carriers).",
        )
    if not any(leg["carrier"] == carrier for leg in legs):
        return Rejection(
            EventCode.NOT_YOUR_LEG,
            f"{carrier} tidak membawa leg mana pun dari kiriman {s['number']}. / {carrier} carries no "
            f"leg of shipment {s['number']}.",
        )
    if s["cancelled_at"] is not None:
        return Rejection(
            EventCode.SHIPMENT_CANCELLED,
            f"Kiriman {s['number']} sudah dibatalkan. / Shipment {s['number']} was cancelled.",
        )
    area = _place(atlas, index, legs, carrier, e.location)
    if isinstance(area, Rejection):
        return area
    return _Placed(i, e, s, carrier, area)


def ingest(
    engine: Engine,
    state: NetworkState | None,
    atlas: Atlas,
    who: Principal,
    body: object,
    *,
    now: datetime | None = None,
) -> IngestResult:
    """Check, store and fold in a batch of events (see the module docstring)."""
    raws = _batch(body)
    now = now or datetime.now(UTC)
    parsed = [parse(raw, now) for raw in raws]
    index = network_index(state)
    results: list[dict[str, Any] | None] = [None] * len(raws)
    for i, p in enumerate(parsed):
        if isinstance(p, Rejection):
            results[i] = _reject(raws[i], p)
    with unit_of_work(engine) as uow:
        conn = uow.conn
        c = caller(conn, who)
        good = [(i, p) for i, p in enumerate(parsed) if isinstance(p, EventInput)]
        resolver = _Resolver(conn, c, [p for _, p in good])
        placed: list[_Placed] = []
        for i, p in good:
            bound = _bind(i, p, c, resolver, atlas, index)
            if isinstance(bound, Rejection):
                results[i] = _reject(raws[i], bound)
            else:
                placed.append(bound)
        known = store.known_events(conn, [(b.carrier, b.event.event_id) for b in placed])
        rows: list[dict[str, Any]] = []
        fresh: list[tuple[_Placed, str, bool]] = []
        batch_seen: dict[tuple[str, str], str] = {}
        for b in placed:
            key = (b.carrier, b.event.event_id)
            fp = b.event.fingerprint(b.shipment["number"])
            if key in known or key in batch_seen:
                earlier = known[key] if key in known else batch_seen[key]
                results[b.index] = _same_or_conflict(b, fp, earlier)
                continue
            batch_seen[key] = fp
            mapped = map_event(b.carrier, b.event.code, b.event.status, index.codes)
            rows.append(
                {
                    "shipment_id": b.shipment["id"],
                    "carrier": b.carrier,
                    "event_id": b.event.event_id,
                    "code": b.event.code,
                    "status": mapped.status.value if mapped.status else None,
                    "occurred_at": b.event.occurred_at,
                    "received_at": now,
                    "location": b.event.location,
                    "area": b.area,
                    "description": b.event.description,
                    "reason": b.event.reason,
                    "received_by": b.event.received_by,
                    "cod_collected": b.event.cod_collected,
                    "fingerprint": fp,
                }
            )
            fresh.append((b, fp, mapped.unmapped))
        frontier = store.frontiers(conn, {b.shipment["id"] for b, _, _ in fresh})
        inserted = store.insert_events(conn, rows)
        lost = [(b, fp) for b, fp, _ in fresh if (b.carrier, b.event.event_id) not in inserted]
        stored_now = store.known_events(conn, [(b.carrier, b.event.event_id) for b, _ in lost])
        for b, fp in lost:  # a concurrent batch stored it first
            results[b.index] = _same_or_conflict(b, fp, stored_now.get((b.carrier, b.event.event_id)))
        for b, _, unmapped in fresh:
            if (b.carrier, b.event.event_id) not in inserted:
                continue
            if unmapped:
                results[b.index] = _result(
                    b.event.event_id,
                    Outcome.ACCEPTED,
                    EventCode.UNMAPPED_CODE,
                    f"Kode '{b.event.code}' belum dipetakan ke status; event disimpan tanpa status. / Code "
                    f"'{b.event.code}' has no status mapping; the event is kept without a status.",
                )
            else:
                results[b.index] = _result(b.event.event_id, Outcome.ACCEPTED, None, None)
        new: dict[int, list[dict[str, Any]]] = {}
        for (b, _, _), row in zip(fresh, rows, strict=True):
            row_id = inserted.get((b.carrier, b.event.event_id))
            if row_id is not None:
                new.setdefault(b.shipment["id"], []).append({**row, "id": row_id})
        appended = {
            sid
            for sid, got in new.items()
            if sid not in frontier or min(r["occurred_at"] for r in got) >= frontier[sid]
        }
        changes = refresh(conn, resolver.by_id, resolver.legs, new, appended)
        audience = Audience(conn)
        announce(conn, changes, now, audience)
        at_facility = {
            b.shipment["id"]
            for (b, _, _), row in zip(fresh, rows, strict=True)
            if (b.carrier, b.event.event_id) in inserted
            and row["location"]
            and row["location"] != row["area"]
        }
        eta_changes = replan(conn, index, at_facility, now, audience)
        stored = [(b, row) for (b, _, _), row in zip(fresh, rows, strict=True)]
        _hand_over(conn, stored, inserted, now)
        _settle(conn, stored, inserted, now)
    answered = [r for r in results if r is not None]
    assert len(answered) == len(raws), "every event has a result"
    counts = {o: sum(1 for r in answered if r["result"] == o.value) for o in Outcome}
    return IngestResult(
        {
            "results": answered,
            "accepted": counts[Outcome.ACCEPTED],
            "duplicates": counts[Outcome.DUPLICATE],
            "rejected": counts[Outcome.REJECTED],
        },
        changes,
        eta_changes,
    )


def _hand_over(
    conn: Connection,
    stored: list[tuple[_Placed, dict[str, Any]]],
    inserted: dict[tuple[str, str], int],
    now: datetime,
) -> None:
    """Each stored `handed_over` event completes the next planned handover to its carrier (the
    receiving one), as a manifest scan would: handover row, settlement lines, `handover.completed`
    (`manifests.complete_by_event`). Taken in event time order, so one batch may walk a
    parcel through several handovers."""
    handed = [
        (b, row)
        for b, row in stored
        if row["status"] == Status.HANDED_OVER.value and (b.carrier, b.event.event_id) in inserted
    ]
    for b, row in sorted(handed, key=lambda br: br[1]["occurred_at"]):
        complete_by_event(conn, b.shipment, b.carrier, row["occurred_at"], now)


def _settle(
    conn: Connection,
    stored: list[tuple[_Placed, dict[str, Any]]],
    inserted: dict[tuple[str, str], int],
    now: datetime,
) -> None:
    """The first `delivered` event of a shipment earns its settlement lines (last leg, COD),
    recorded in this transaction at the time Jalin accepted it. Sandbox shipments earn none;
    a shipment delivered before already has its lines (recording is idempotent)."""
    done: set[int] = set()
    for b, row in stored:
        sid = b.shipment["id"]
        if (
            row["status"] != Status.DELIVERED.value
            or (b.carrier, b.event.event_id) not in inserted
            or b.shipment["test"]
            or sid in done
        ):
            continue
        done.add(sid)
        record_delivery(conn, shipment=sid, cod_collected=row["cod_collected"], at=now)


def _same_or_conflict(b: _Placed, fp: str, earlier: str | None) -> dict[str, Any]:
    if earlier == fp:
        return _result(b.event.event_id, Outcome.DUPLICATE, None, None)
    return _result(
        b.event.event_id,
        Outcome.REJECTED,
        EventCode.EVENT_ID_CONFLICT,
        f"{b.carrier} sudah mengirim event_id '{b.event.event_id}' dengan isi lain; pakai event_id baru "
        f"untuk event baru. / {b.carrier} already sent event_id '{b.event.event_id}' with other content; "
        "use a new event_id for a new event.",
    )
