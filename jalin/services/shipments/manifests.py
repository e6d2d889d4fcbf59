"""Handover manifests: the shipments one carrier hands to another at one facility on one local date.

The receiving carrier confirms a manifest by scanning: every scanned number on it completes its
handover (custody passes: the giving leg is completed, the next leg becomes active, and a
`handed_over` event is recorded at the confirmation time); numbers on it that were not scanned
are `missing`, scanned numbers not on it are `unexpected`. Confirming the same scans again
changes nothing.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, Engine

from jalin.errors import CommonErrorCode, JalinError
from jalin.geo import Atlas
from jalin.registry.access import Principal
from jalin.services.paging import bad_cursor, check_limit, decode_cursor, page
from jalin.services.settlement.recording import record_handover
from jalin.services.shipments.access import Caller, caller
from jalin.services.shipments.views import dims_list, local, place_names, utc
from jalin.services.webhooks import outbox
from jalin.shipments import rules
from jalin.shipments.model import HandoverStatus, LegStatus, ShipmentErrorCode, ShipmentStatus
from jalin.shipments.numbers import normalize
from jalin.storage import shipments as store
from jalin.storage.audit import record as audit_record
from jalin.storage.uow import unit_of_work

MAX_SCANS = 10_000


#: The most manifests one page holds (portal pages and the CLI ask for this many).
MAX_MANIFESTS = 1000


def _not_found(manifest_id: str) -> JalinError:
    return JalinError(
        CommonErrorCode.NOT_FOUND,
        f"Manifest {manifest_id} tidak ditemukan. / Manifest {manifest_id} not found.",
        field="manifest_id",
    )


def _visible(c: Caller, m: dict[str, Any]) -> bool:
    return c.admin or (c.carrier is not None and c.carrier in (m["from_carrier"], m["to_carrier"]))


def _status(m: dict[str, Any], lines: list[dict[str, Any]]) -> str:
    """`open` until confirmed; then `confirmed` when every live line was handed over, else `partial`."""
    if m["confirmed_at"] is None:
        return "open"
    live = [line for line in lines if line["status"] != HandoverStatus.CANCELLED.value]
    return (
        "confirmed" if all(line["status"] == HandoverStatus.COMPLETED.value for line in live) else "partial"
    )


def manifest_view(m: dict[str, Any], lines: list[dict[str, Any]]) -> dict[str, Any]:
    """The manifest in its API shape (shipments-v1)."""
    shown = [
        {
            "number": line["number"],
            "weight_kg": line["weight_kg"],
            "dims_cm": dims_list(line["dims_cm"]),
            "cod_amount": line["cod_amount"],
            "planned_at": local(line["planned_at"], line["district"]),
            "status": line["status"],
            "from_facility": line["from_facility"],
            "test": line["test"],
        }
        for line in lines
    ]
    live = [line for line in shown if line["status"] != HandoverStatus.CANCELLED.value]
    return {
        "id": m["id"],
        "facility": m["facility"],
        "district": m["district"],
        "date": m["date"].isoformat() if isinstance(m["date"], date) else str(m["date"]),
        "from_carrier": m["from_carrier"],
        "to_carrier": m["to_carrier"],
        "status": _status(m, lines),
        "confirmed_at": local(m["confirmed_at"], m["district"]) if m["confirmed_at"] else None,
        "lines": shown,
        "totals": {
            "shipments": len(live),
            "weight_kg": str(sum((Decimal(line["weight_kg"]) for line in live), Decimal(0))),
            "cod_amount": sum(line["cod_amount"] for line in live),
            "handed_over": sum(1 for line in live if line["status"] == HandoverStatus.COMPLETED.value),
            "cancelled": len(shown) - len(live),
        },
    }


def list_manifests(
    engine: Engine,
    who: Principal,
    *,
    facility: str | None = None,
    day: str | None = None,
    carrier: str | None = None,
    cursor: str | None = None,
    limit: int = MAX_MANIFESTS,
) -> dict[str, Any]:
    """The manifests the caller's carrier gives or receives (admin: all), newest date first
    (then by id), `limit` of them after `cursor`."""
    check_limit(limit, MAX_MANIFESTS)
    after = decode_cursor(cursor, "manifest", (str, str))
    after_key = None
    if after is not None:
        try:
            after_key = (date.fromisoformat(after[0]), after[1])
        except ValueError:
            raise bad_cursor() from None
    parsed: date | None = None
    if day:
        try:
            parsed = date.fromisoformat(day)
        except ValueError:
            raise JalinError(
                ShipmentErrorCode.INVALID_FILTER,
                f"date '{day}' harus YYYY-MM-DD. / date '{day}' must be YYYY-MM-DD.",
                field="date",
            ) from None
    with unit_of_work(engine) as uow:
        c = caller(uow.conn, who)
        if not c.admin and c.carrier is None:
            return {"items": [], "next_cursor": None}
        rows = store.list_manifests(
            uow.conn,
            carrier=None if c.admin else c.carrier,
            facility=facility,
            day=parsed,
            other=carrier.upper() if carrier else None,
            after=after_key,
            limit=limit + 1,
        )
    found = page(rows, limit, "manifest", lambda r: (_day(r["date"]), r["id"]))
    found["items"] = [
        {
            "id": r["id"],
            "facility": r["facility"],
            "district": r["district"],
            "date": _day(r["date"]),
            "from_carrier": r["from_carrier"],
            "to_carrier": r["to_carrier"],
            "confirmed_at": local(r["confirmed_at"], r["district"]) if r["confirmed_at"] else None,
            "lines": r["lines"],
        }
        for r in found["items"]
    ]
    return found


def _day(value: Any) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def show(engine: Engine, who: Principal, manifest_id: str) -> dict[str, Any]:
    with unit_of_work(engine) as uow:
        m = store.get_manifest(uow.conn, manifest_id)
        if m is None or not _visible(caller(uow.conn, who), m):
            raise _not_found(manifest_id)
        return manifest_view(m, store.manifest_lines(uow.conn, manifest_id))


def facility_place(atlas: Atlas, manifest: dict[str, Any]) -> str:
    names = place_names(atlas, manifest["district"])
    return ", ".join(n for n in (names["district"], names["regency"]) if n)


def _scans(scanned: object) -> list[str]:
    if (
        not isinstance(scanned, list)
        or len(scanned) > MAX_SCANS
        or not all(isinstance(s, str) for s in scanned)
    ):
        raise JalinError(
            ShipmentErrorCode.INVALID_CHOICE,
            f"scanned harus daftar nomor kiriman (paling banyak {MAX_SCANS}). / scanned must be a list of "
            f"shipment numbers (at most {MAX_SCANS}).",
            field="scanned",
        )
    return [normalize(s) for s in scanned if s.strip()]


def _publish(
    conn: Connection,
    m: dict[str, Any],
    by_number: dict[str, dict[str, Any]],
    completed: list[str],
    result: rules.ScanResult,
    *,
    first: bool,
    now: datetime,
) -> None:
    """Webhooks of a confirmation, in its transaction: `handover.completed` per handover it
    completed; `handover.discrepancy` per missing or unexpected number when the confirmation is
    the manifest's first or changed something (confirming the same scans again sends nothing)."""
    base = {
        "manifest_id": m["id"],
        "facility": m["facility"],
        "from_carrier": m["from_carrier"],
        "to_carrier": m["to_carrier"],
    }
    for number in completed:
        data = {**base, "seq": by_number[number]["seq"], "completed_at": now}
        outbox.publish(conn, event_type="handover.completed", number=number, data=data, at=now)
    if not (first or completed):
        return
    for kind, numbers in (("missing", result.missing), ("unexpected", result.unexpected)):
        for number in numbers:
            data = {**base, "discrepancy": kind}
            outbox.publish(conn, event_type="handover.discrepancy", number=number, data=data, at=now)


def _status_changed(conn: Connection, m: dict[str, Any], line: dict[str, Any], now: datetime) -> None:
    """`shipment.status_changed` to `handed_over`, in the shape event ingest gives it (the
    confirmation is the receiving carrier's event at the handover facility)."""
    data = {
        "status": ShipmentStatus.HANDED_OVER.value,
        "previous_status": line["shipment_status"],
        "occurred_at": now,
        "carrier": m["to_carrier"],
        "code": None,
        "location": m["facility"],
        "district": line["district"],
        "event_id": None,
    }
    outbox.publish(conn, event_type="shipment.status_changed", number=line["number"], data=data, at=now)


def confirm(
    engine: Engine, who: Principal, manifest_id: str, scanned: object, *, now: datetime | None = None
) -> dict[str, Any]:
    """The receiving carrier (or an admin) confirms what it received; see the module docstring."""
    scans = _scans(scanned)
    now = (now or datetime.now(UTC)).replace(microsecond=0)
    with engine.connect() as conn:
        m = store.get_manifest(conn, manifest_id)
        c = caller(conn, who)
    if m is None or not _visible(c, m):
        raise _not_found(manifest_id)
    if not c.admin and c.carrier != m["to_carrier"]:
        raise JalinError(
            ShipmentErrorCode.NOT_RECEIVING_CARRIER,
            f"Hanya {m['to_carrier']} (penerima) yang mengonfirmasi manifest ini. / Only {m['to_carrier']} "
            "(the receiving carrier) confirms this manifest.",
        )
    with unit_of_work(engine) as uow:
        conn = uow.conn
        # The first statement writes, so on SQLite this transaction holds the write lock from here.
        store.confirm_manifest(conn, manifest_id, now)
        lines = store.manifest_lines(conn, manifest_id)
        result = rules.reconcile({line["number"]: line["status"] for line in lines}, scans)
        by_number = {line["number"]: line for line in lines}
        completed = []
        for number in result.complete:
            line = by_number[number]
            if not store.complete_handover(conn, line["id"], now):
                continue  # a concurrent confirmation completed it first
            completed.append(number)
            sid, seq = line["shipment_id"], line["seq"]
            # The giving leg and the handover fee are earned now, in this transaction.
            record_handover(conn, shipment=sid, seq=seq, at=now)
            store.set_legs(conn, sid, [seq], status=LegStatus.COMPLETED.value, gave_at=now)
            store.set_legs(conn, sid, [seq + 1], status=LegStatus.ACTIVE.value, took_at=now)
            store.insert_event(
                conn,
                {
                    "shipment_id": sid,
                    "carrier": m["to_carrier"],
                    "event_id": None,
                    "code": None,
                    "status": ShipmentStatus.HANDED_OVER.value,
                    "occurred_at": now,
                    "received_at": now,
                    "location": m["facility"],
                    "area": line["district"],
                    "description": f"Diserahkan {m['from_carrier']} ke {m['to_carrier']} ({manifest_id})",
                },
            )
            latest = store.latest_event_time(conn, sid)
            if latest is None or utc(latest) <= now:
                store.set_shipment(conn, sid, status=ShipmentStatus.HANDED_OVER.value)
                if line["shipment_status"] != ShipmentStatus.HANDED_OVER.value:
                    _status_changed(conn, m, line, now)
        if completed:
            audit_record(
                conn, who.actor, "manifest.confirm", "manifest", manifest_id, after={"handed_over": completed}
            )
        _publish(conn, m, by_number, completed, result, first=m["confirmed_at"] is None, now=now)
        fresh = store.get_manifest(conn, manifest_id)
        assert fresh is not None
        view = manifest_view(fresh, store.manifest_lines(conn, manifest_id))
    return {
        **view,
        "handed_over": [n for n in dict.fromkeys(scans) if n in set(result.complete) | set(result.already)],
        "missing": list(result.missing),
        "unexpected": list(result.unexpected),
    }


def complete_by_event(
    conn: Connection, shipment: dict[str, Any], carrier: str, occurred_at: datetime, now: datetime
) -> bool:
    """A `handed_over` event from `carrier` (posted through `POST /v1/events`, in the caller's
    unit of work) completes the shipment's next planned handover to that carrier, as its scan on
    the manifest would: the handover (the manifest's line) is completed at `occurred_at`, the
    giving leg and the handover fee are earned at `now` (sandbox shipments earn nothing) and
    `handover.completed` is announced. The event itself is already stored; custody follows from
    it. Only the receiving carrier's event completes a handover (the giving carrier's says it
    let go, not that it was taken). False when no handover to `carrier` is planned."""
    planned = [
        h
        for h in store.handovers_of(conn, [shipment["id"]])[shipment["id"]]
        if h["to_carrier"] == carrier and h["status"] == HandoverStatus.PLANNED.value
    ]
    if not planned or not store.complete_handover(conn, planned[0]["id"], occurred_at):
        return False
    h = planned[0]
    if not shipment["test"]:
        record_handover(conn, shipment=shipment["id"], seq=h["seq"], at=now)
    m = store.get_manifest(conn, h["manifest_id"])
    assert m is not None
    data = {
        "manifest_id": m["id"],
        "facility": m["facility"],
        "from_carrier": m["from_carrier"],
        "to_carrier": m["to_carrier"],
        "seq": h["seq"],
        "completed_at": occurred_at,
    }
    outbox.publish(conn, event_type="handover.completed", number=shipment["number"], data=data, at=now)
    return True
