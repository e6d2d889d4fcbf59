"""Periods: list, show (netting figures and the member rows the caller may see), close.

Figures are summed by the database (GROUP BY payer/payee; see `jalin.storage.settlement`). A
closed period answers the totals frozen at close; its member rows are summed from its lines,
which can no longer change (triggers refuse new lines in it and any update), so they are frozen
too.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine

from jalin.errors import JalinError
from jalin.registry.access import Principal
from jalin.services.paging import decode_cursor, page_of
from jalin.services.settlement.access import require_admin, sees_row
from jalin.settlement.model import PeriodStatus, SettlementErrorCode
from jalin.settlement.netting import Netting, instruction_for
from jalin.settlement.periods import WIB, Period, parse_period, period_of
from jalin.storage import settlement as store
from jalin.storage.audit import record as audit_record
from jalin.storage.uow import unit_of_work


def iso(at: datetime | None) -> str | None:
    """An instant in WIB with its offset (the periods' zone)."""
    return at.astimezone(WIB).isoformat() if at is not None else None


def _dates(p: Period) -> dict[str, Any]:
    return {
        "starts_at": iso(p.starts_at),
        "ends_at": iso(p.ends_at),
        "first_day": p.first_day.isoformat(),
        "last_day": p.last_day.isoformat(),
        "due_at": iso(p.due_at),
    }


def list_periods(
    engine: Engine,
    who: Principal,
    *,
    now: datetime | None = None,
    cursor: str | None = None,
    limit: int | None = None,
) -> dict[str, Any]:
    """Every period with lines (and the current week), newest first (by id, descending): id,
    dates, status, gross, net_total; `limit` of them after `cursor` (None: all). Everyone signed
    in sees these totals."""
    decode_cursor(cursor, "period", str)  # a bad cursor is refused before any work
    now = now or datetime.now(UTC)
    with engine.connect() as conn:
        rows = store.period_rows(conn)
    items = []
    current = period_of(now)
    if current.id not in {r["id"] for r in rows}:
        items.append({"id": current.id, **_dates(current), "status": "open", "gross": 0, "net_total": 0})
    for r in rows:
        closed = r["status"] == PeriodStatus.CLOSED.value
        items.append(
            {
                "id": r["id"],
                **_dates(parse_period(r["id"])),
                "status": r["status"],
                "gross": int(r["gross"] if closed else r["live_gross"]),
                "net_total": int(r["net_total"] if closed else r["live_net_total"]),
            }
        )
    items.sort(key=lambda i: i["id"], reverse=True)
    return page_of(
        items, tag="period", key=lambda i: i["id"], cursor=cursor, limit=limit, shape=str, descending=True
    )


def _figures(n: Netting, row: dict[str, Any] | None, line_count: int) -> dict[str, Any]:
    closed = row is not None and row["status"] == PeriodStatus.CLOSED.value
    gross = int(row["gross"]) if closed and row is not None else n.gross
    net_total = int(row["net_total"]) if closed and row is not None else n.net_total
    return {
        "gross": gross,
        "net_total": net_total,
        "netting_ratio": round(0.0 if gross == 0 else 1 - net_total / gross, 6),
        "bilateral_total": int(row["bilateral_total"]) if closed and row is not None else n.bilateral_total,
        "line_count": int(row["line_count"]) if closed and row is not None else line_count,
        "transfers": len(n.instructions),
        "bilateral_transfers": n.transfers_bilateral,
    }


def view(conn: Connection, who: Principal, p: Period) -> dict[str, Any]:
    row = store.period_row(conn, p.id)
    n = store.netting(conn, p.id)
    _gross, count = store.gross_and_count(conn, p.id)
    info = store.member_names(conn, [x.member for x in n.positions])
    members = []
    for pos in n.positions:
        if not sees_row(who, pos.member, info.get(pos.member)):
            continue
        ins = instruction_for(pos.net)
        members.append(
            {
                "member": pos.member,
                "name": (info.get(pos.member) or {}).get("brand") or str(pos.member),
                "receivable": pos.receivable,
                "payable": pos.payable,
                "net": pos.net,
                "instruction": {"direction": ins.direction.value, "amount": ins.amount} if ins else None,
            }
        )
    return {
        "id": p.id,
        **_dates(p),
        "status": row["status"] if row else PeriodStatus.OPEN.value,
        "closed_at": iso(row["closed_at"]) if row else None,
        **_figures(n, row, count),
        "members": members,
    }


def show(engine: Engine, who: Principal, period: str) -> dict[str, Any]:
    p = parse_period(period)
    with engine.connect() as conn:
        return view(conn, who, p)


def close(engine: Engine, who: Principal, period: str, *, now: datetime | None = None) -> dict[str, Any]:
    """Close an ended period (admin): its totals are frozen and no line lands in it again.
    Before its end: 409 `period_not_ended`; already closed: 409 `period_closed`."""
    require_admin(who)
    p = parse_period(period)
    now = now or datetime.now(UTC)
    if not p.ended(now):
        raise JalinError(
            SettlementErrorCode.PERIOD_NOT_ENDED,
            f"period {p.id} ends at {iso(p.ends_at)}; close it after that",
            field="period",
        )
    with unit_of_work(engine) as uow:
        conn = uow.conn
        store.ensure_period(conn, p)
        row = store.period_row(conn, p.id, lock=True)  # waits for lines being recorded in it
        assert row is not None
        if row["status"] == PeriodStatus.CLOSED.value:
            raise JalinError(
                SettlementErrorCode.PERIOD_CLOSED, f"period {p.id} is already closed", field="period"
            )
        n = store.netting(conn, p.id)
        _gross, count = store.gross_and_count(conn, p.id)
        store.close_period(conn, p.id, now, who.actor, n, count)
        audit_record(
            conn, who.actor, "settlement.close", "settlement_period", p.id,
            after={"gross": n.gross, "net_total": n.net_total, "lines": count},
        )  # fmt: skip
        return view(conn, who, p)
