"""Recording lines in the caller's transaction, as the steps that earn them happen.

`record_handover` runs inside manifest confirmation (jalin.services.shipments.manifests) for
each handover it completes; `record_delivery` runs inside event ingest when the first
`delivered` event of a shipment is accepted. Both take the caller's `Connection` (its unit of
work): the lines commit with the step or not at all.

- `at` is when Jalin records the step (the confirmation or the event's arrival, not the
  event's `occurred_at`): it picks the period, so a late event lands in the open period.
- Idempotent: a step's line is unique on (shipment, kind, seq), so confirming again or a
  second delivered event records nothing (also under concurrency: the constraint decides).
- Nothing for sandbox (`test`) or cancelled shipments, when payer == payee, or amount 0.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection

from jalin.errors import JalinError
from jalin.i18n import t
from jalin.settlement.model import (
    HandoverFacts,
    LegFacts,
    Line,
    LineDraft,
    LineKind,
    PeriodStatus,
    SettlementErrorCode,
    ShipmentFacts,
)
from jalin.settlement.periods import period_of
from jalin.settlement.rules import delivery_lines, handover_fee_payee, handover_lines
from jalin.shipments.model import PlannedHandover
from jalin.storage import settlement as store

_TEXT = {
    LineKind.LEG: "settlement.line.leg",
    LineKind.HANDOVER_FEE: "settlement.line.handover_fee",
    LineKind.COD: "settlement.line.cod",
}


def describe(kind: LineKind, number: str, seq: int, carrier: str) -> str:
    """A line's description, in Indonesian (statements are Indonesian)."""
    return t(_TEXT[kind], lang="id", number=number, seq=seq, carrier=carrier)


def fee_payees(conn: Connection, planned: Sequence[PlannedHandover], today: date) -> dict[int, int | None]:
    """At booking: who is paid each handover's fee (handover seq -> member; see
    `rules.handover_fee_payee`), from the interline agreement that priced it; one statement per
    handover."""
    out: dict[int, int | None] = {}
    for h in planned:
        giving, receiving, payer = store.handover_parties(
            conn, h.from_carrier, h.to_carrier, h.district, h.fee, today
        )
        out[h.seq] = handover_fee_payee(receiving, giving, payer)
    return out


def facts(conn: Connection, shipment: Mapping[str, Any]) -> ShipmentFacts:
    legs, hos = store.legs_and_handovers(conn, shipment["id"])
    return ShipmentFacts(
        number=shipment["number"],
        booked_by=shipment["booked_by"],
        test=bool(shipment["test"]),
        cancelled=shipment["status"] == "cancelled",
        legs=tuple(LegFacts(g["seq"], g["carrier"], g["member"], int(g["price"])) for g in legs),
        handovers=tuple(HandoverFacts(h["seq"], int(h["fee"]), h["fee_payee"]) for h in hos),
    )


def record_lines(
    conn: Connection,
    shipment_id: int | None,
    drafts: list[LineDraft],
    at: datetime,
    *,
    reason: str | None = None,
    by: str | None = None,
) -> list[Line]:
    """Insert and post `drafts` in the period of `at` (which must be open: 409 `period_closed`).
    Returns the lines made now; a step that already has its line makes none."""
    if not drafts:
        return []
    period = period_of(at)
    store.ensure_period(conn, period)
    row = store.period_row(conn, period.id)
    if row is None or row["status"] != PeriodStatus.OPEN.value:
        raise JalinError(
            SettlementErrorCode.PERIOD_CLOSED,
            f"period {period.id} is closed; a line recorded at {at.isoformat()} cannot land in it",
            field="period",
        )
    ids = []
    for d in drafts:
        made = store.insert_line(
            conn, d, period=period.id, shipment_id=shipment_id, at=at, reason=reason, by=by
        )
        if made is not None:
            ids.append(made)
    return store.lines_by_ids(conn, ids)


def _shipment(conn: Connection, shipment: Mapping[str, Any] | str | int) -> dict[str, Any] | None:
    if isinstance(shipment, str):
        return store.shipment_row(conn, number=shipment)
    if isinstance(shipment, int):
        return store.shipment_row(conn, shipment_id=shipment)
    return store.shipment_row(conn, shipment_id=shipment["id"])


def record_handover(
    conn: Connection, *, shipment: Mapping[str, Any] | str | int, seq: int, at: datetime
) -> list[Line]:
    """Handover `seq` of `shipment` (a row with `id`, its id or its number) was confirmed at
    `at`: record the giving leg's line and the handover fee's. Returns the lines made now
    (none when they already existed)."""
    s = _shipment(conn, shipment)
    if s is None:
        return []
    return record_lines(conn, s["id"], handover_lines(facts(conn, s), seq, describe), at)


def record_delivery(
    conn: Connection, *, shipment: Mapping[str, Any] | str | int, cod_collected: int | None, at: datetime
) -> list[Line]:
    """`shipment` (a row with `id`, its id or its number) was delivered; Jalin accepted the
    event at `at`: record the last leg's line and, when cash was collected, the `cod` line.
    Returns the lines made now (none when they already existed)."""
    s = _shipment(conn, shipment)
    if s is None:
        return []
    return record_lines(conn, s["id"], delivery_lines(facts(conn, s), cod_collected, describe), at)
