"""Adjustments: an admin's correction, with a reason, recorded as an `adjustment` line in the
open period of now (a closed period never changes; a correction to it lands in the current one).

Body: `{"payer": member id, "payee": member id, "amount": rupiah > 0, "reason": text,
"number": optional shipment number it concerns, "description": optional}`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine

from jalin.errors import CommonErrorCode, JalinError
from jalin.registry.access import Principal
from jalin.registry.records import Member
from jalin.registry.visibility import scope_of
from jalin.services.settlement.access import require_admin
from jalin.services.settlement.recording import record_lines
from jalin.services.settlement.statements import line_json
from jalin.settlement.model import LineDraft, LineKind, SettlementErrorCode
from jalin.storage import registry as registry_store
from jalin.storage import settlement as store
from jalin.storage.audit import record as audit_record
from jalin.storage.uow import unit_of_work

MAX_AMOUNT = 10**12


def _bad(field: str, message: str) -> JalinError:
    return JalinError(SettlementErrorCode.INVALID_ADJUSTMENT, message, field=field)


def _member(conn: Connection, body: dict[str, Any], field: str) -> int:
    v = body.get(field)
    if isinstance(v, bool) or not isinstance(v, int):
        raise _bad(field, f"{field} must be the id of a member")
    if not store.member_exists(conn, v):
        raise JalinError(CommonErrorCode.NOT_FOUND, f"no member {v}", field=field)
    return v


def _text(body: dict[str, Any], field: str, limit: int, required: bool) -> str | None:
    v = body.get(field)
    if v is None and not required:
        return None
    if not isinstance(v, str) or not v.strip() or len(v) > limit:
        raise _bad(field, f"{field} must be text of 1-{limit} characters")
    return v.strip()


def record_adjustment(
    engine: Engine, who: Principal, body: object, *, now: datetime | None = None
) -> dict[str, Any]:
    require_admin(who)
    if not isinstance(body, dict):
        raise _bad("body", "the adjustment is a JSON object with payer, payee, amount and reason")
    now = now or datetime.now(UTC)
    amount = body.get("amount")
    if isinstance(amount, bool) or not isinstance(amount, int) or not 0 < amount <= MAX_AMOUNT:
        raise _bad("amount", f"amount must be whole rupiah, 1 to {MAX_AMOUNT}")
    reason = _text(body, "reason", 500, True)
    description = _text(body, "description", 300, False)
    number = _text(body, "number", 13, False)
    with unit_of_work(engine) as uow:
        conn = uow.conn
        payer, payee = _member(conn, body, "payer"), _member(conn, body, "payee")
        if payer == payee:
            raise _bad("payee", "payer and payee must be two different members")
        if number is not None and store.shipment_id_of(conn, number.upper()) is None:
            raise JalinError(CommonErrorCode.NOT_FOUND, f"no shipment {number}", field="number")
        draft = LineDraft(
            number.upper() if number else None, LineKind.ADJUSTMENT, 0, payer, payee, amount,
            description or f"Penyesuaian: {reason}",
        )  # fmt: skip
        (line,) = record_lines(conn, None, [draft], now, reason=reason, by=who.actor)
        audit_record(conn, who.actor, "settlement.adjust", "settlement_line", line.id, after=line_json(line))
        return {**line_json(line), "reason": reason}


def parties(engine: Engine, who: Principal) -> list[Member]:
    """The members an adjustment may name (payer or payee), by brand: for the DPP's form."""
    require_admin(who)
    with engine.connect() as conn:
        found = registry_store.list_members(conn, scope_of(who))
    return sorted(found, key=lambda m: m.brand.casefold())
