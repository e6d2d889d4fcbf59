"""Reading and writing settlement periods, lines and the journal (settlement-v1).

Lines are only ever inserted (with their journal entry and its two postings, in the caller's
transaction); nothing here updates or deletes a line or a journal row, and triggers refuse it
(migration 0007). Netting figures are computed by the database (GROUP BY), never by looping over
lines in Python.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Connection,
    Date,
    Integer,
    Select,
    String,
    and_,
    bindparam,
    case,
    func,
    literal,
    or_,
    select,
    union_all,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite

from jalin.registry.records import AgreementKind, AgreementStage
from jalin.settlement.model import Line, LineDraft, LineKind, PeriodStatus
from jalin.settlement.netting import MemberPosition, Netting, net_positions
from jalin.settlement.periods import Period
from jalin.storage.tables import (
    agreement_districts,
    agreement_parties,
    agreements,
    handovers,
    journal_entries,
    journal_postings,
    members,
    settlement_lines,
    settlement_periods,
    shipment_legs,
    shipments,
)


def _dialect(conn: Connection) -> Any:
    return postgresql if conn.dialect.name == "postgresql" else sqlite


# -- booking: the handover fee's payer ------------------------------------------------------------
def _handover_parties_statement() -> Select[Any]:
    """The lookup behind `handover_parties`, built once (it runs for every handover of every
    booking, and building and keying a statement of this shape costs more than running it)."""
    giving, receiving = members.alias("giving"), members.alias("receiving")
    a1, a2 = agreement_parties.alias("a1"), agreement_parties.alias("a2")
    today = bindparam("today", type_=Date)
    fee = bindparam("fee", type_=Integer)
    anywhere = (
        ~select(agreement_districts.c.agreement_id)
        .where(agreement_districts.c.agreement_id == agreements.c.id)
        .exists()
    )
    here = (
        select(agreement_districts.c.agreement_id)
        .where(
            agreement_districts.c.agreement_id == agreements.c.id,
            agreement_districts.c.district_code == bindparam("district", type_=String),
        )
        .exists()
    )
    payer = (
        select(agreements.c.fee_payer_member_id)
        .join(a1, and_(a1.c.agreement_id == agreements.c.id, a1.c.member_id == giving.c.id))
        .join(a2, and_(a2.c.agreement_id == agreements.c.id, a2.c.member_id == receiving.c.id))
        .where(
            fee > 0,
            agreements.c.kind == AgreementKind.INTERLINE_HANDOVER.value,
            agreements.c.stage == AgreementStage.ACTIVE.value,
            agreements.c.fee_per_parcel == fee,
            or_(agreements.c.valid_from.is_(None), agreements.c.valid_from <= today),
            or_(agreements.c.valid_until.is_(None), agreements.c.valid_until >= today),
            or_(anywhere, here),
        )
        .order_by(agreements.c.id)
        .limit(1)
        .scalar_subquery()
    )
    one = select(literal(1).label("one")).subquery()
    both = one.outerjoin(giving, giving.c.carrier_id == bindparam("from_carrier", type_=String)).outerjoin(
        receiving, receiving.c.carrier_id == bindparam("to_carrier", type_=String)
    )
    return select(
        giving.c.id.label("giving"), receiving.c.id.label("receiving"), payer.label("payer")
    ).select_from(both)


_HANDOVER_PARTIES = _handover_parties_statement()


def handover_parties(
    conn: Connection, from_carrier: str, to_carrier: str, district: str, fee: int, today: date
) -> tuple[int | None, int | None, int | None]:
    """At booking, in one statement: (giving member, receiving member, fee payer) of a handover
    from `from_carrier` to `to_carrier` in `district` at `fee` rupiah. The members are those that
    run the carriers (None: no member does); the fee payer is the `fee_payer_member_id` of the
    interline agreement between the two that priced it (active, valid `today`, allowing that
    district, at that fee; the lowest id when several match), None when the fee is 0, no such
    agreement names a payer or none matches (open handovers)."""
    row = conn.execute(
        _HANDOVER_PARTIES,
        {
            "from_carrier": from_carrier,
            "to_carrier": to_carrier,
            "district": district,
            "fee": fee,
            "today": today,
        },
    ).one()
    return row.giving, row.receiving, row.payer


# -- the facts of one shipment --------------------------------------------------------------------
def shipment_row(
    conn: Connection, *, shipment_id: int | None = None, number: str | None = None
) -> dict[str, Any] | None:
    q = select(
        shipments.c.id,
        shipments.c.number,
        shipments.c.booked_by,
        shipments.c.test,
        shipments.c.status,
        shipments.c.price,
    )
    q = (
        q.where(shipments.c.id == shipment_id)
        if shipment_id is not None
        else q.where(shipments.c.number == number)
    )
    r = conn.execute(q).mappings().first()
    return dict(r) if r else None


def legs_and_handovers(
    conn: Connection, shipment_id: int
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The shipment's legs (seq, carrier, member, price) and handovers (seq, fee, fee_payee)."""
    legs = conn.execute(
        select(
            shipment_legs.c.seq, shipment_legs.c.carrier, shipment_legs.c.price, members.c.id.label("member")
        )
        .outerjoin(members, members.c.carrier_id == shipment_legs.c.carrier)
        .where(shipment_legs.c.shipment_id == shipment_id)
        .order_by(shipment_legs.c.seq)
    ).mappings()
    hos = conn.execute(
        select(handovers.c.seq, handovers.c.fee, handovers.c.fee_payee)
        .where(handovers.c.shipment_id == shipment_id)
        .order_by(handovers.c.seq)
    ).mappings()
    return [dict(r) for r in legs], [dict(r) for r in hos]


# -- periods --------------------------------------------------------------------------------------
def ensure_period(conn: Connection, period: Period) -> None:
    """Create the period's row (open) unless it exists; concurrent writers may race to create it."""
    conn.execute(
        _dialect(conn)
        .insert(settlement_periods)
        .values(
            id=period.id, starts_at=period.starts_at, ends_at=period.ends_at, status=PeriodStatus.OPEN.value
        )
        .on_conflict_do_nothing(index_elements=["id"])
    )


def period_row(conn: Connection, period_id: str, *, lock: bool = False) -> dict[str, Any] | None:
    q = select(settlement_periods).where(settlement_periods.c.id == period_id)
    if lock and conn.dialect.name == "postgresql":
        q = q.with_for_update()
    r = conn.execute(q).mappings().first()
    return dict(r) if r else None


def period_rows(conn: Connection) -> list[dict[str, Any]]:
    """Every period with its gross and net total (frozen ones as stored, open ones computed in SQL)."""
    nets = _nets_by_period().subquery()
    live = (
        select(
            nets.c.period,
            func.sum(case((nets.c.net > 0, nets.c.net), else_=0)).label("net_total"),
        )
        .group_by(nets.c.period)
        .subquery()
    )
    gross = (
        select(settlement_lines.c.period, func.sum(settlement_lines.c.amount).label("gross"))
        .group_by(settlement_lines.c.period)
        .subquery()
    )
    q = (
        select(
            settlement_periods,
            func.coalesce(gross.c.gross, 0).label("live_gross"),
            func.coalesce(live.c.net_total, 0).label("live_net_total"),
        )
        .outerjoin(gross, gross.c.period == settlement_periods.c.id)
        .outerjoin(live, live.c.period == settlement_periods.c.id)
        .order_by(settlement_periods.c.id.desc())
    )
    return [dict(r) for r in conn.execute(q).mappings()]


def _signed() -> Any:
    """(period, member, signed amount): + as payee, - as payer, one row per line side."""
    return union_all(
        select(
            settlement_lines.c.period,
            settlement_lines.c.payee.label("member"),
            settlement_lines.c.amount.label("receivable"),
            literal(0).label("payable"),
        ),
        select(
            settlement_lines.c.period,
            settlement_lines.c.payer.label("member"),
            literal(0).label("receivable"),
            settlement_lines.c.amount.label("payable"),
        ),
    )


def _nets_by_period() -> Any:
    s = _signed().subquery()
    return select(
        s.c.period, s.c.member, (func.sum(s.c.receivable) - func.sum(s.c.payable)).label("net")
    ).group_by(s.c.period, s.c.member)


def close_period(
    conn: Connection, period_id: str, at: datetime, by: str, netting: Netting, line_count: int
) -> None:
    conn.execute(
        update(settlement_periods)
        .where(settlement_periods.c.id == period_id, settlement_periods.c.status == PeriodStatus.OPEN.value)
        .values(
            status=PeriodStatus.CLOSED.value,
            closed_at=at,
            closed_by=by,
            gross=netting.gross,
            net_total=netting.net_total,
            bilateral_total=netting.bilateral_total,
            line_count=line_count,
        )
    )


# -- lines and the journal ------------------------------------------------------------------------
def insert_line(
    conn: Connection,
    draft: LineDraft,
    *,
    period: str,
    shipment_id: int | None,
    at: datetime,
    reason: str | None = None,
    by: str | None = None,
) -> int | None:
    """Insert one line and post it (a journal entry, a debit to the payer's account and an equal
    credit to the payee's). None when the step already has its line (the unique constraint on
    (shipment_id, kind, seq) decides, also under concurrency): nothing is posted twice."""
    values = {
        "period": period,
        "shipment_id": shipment_id,
        "number": draft.number,
        "kind": draft.kind.value,
        "seq": draft.seq,
        "payer": draft.payer,
        "payee": draft.payee,
        "amount": draft.amount,
        "recorded_at": at,
        "description": draft.description[:300],
        "reason": reason,
        "recorded_by": by,
    }
    stmt = _dialect(conn).insert(settlement_lines).values(**values)
    if shipment_id is not None:
        stmt = stmt.on_conflict_do_nothing(index_elements=["shipment_id", "kind", "seq"])
    line_id = conn.scalar(stmt.returning(settlement_lines.c.id))
    if line_id is None:
        return None
    entry_id = conn.scalar(
        journal_entries.insert()
        .values(line_id=line_id, period=period, amount=draft.amount, posted_at=at)
        .returning(journal_entries.c.id)
    )
    conn.execute(
        journal_postings.insert(),
        [
            {"entry_id": entry_id, "side": "debit", "member_id": draft.payer, "amount": draft.amount},
            {"entry_id": entry_id, "side": "credit", "member_id": draft.payee, "amount": draft.amount},
        ],
    )
    return int(line_id)


def _line(r: Any) -> Line:
    return Line(
        id=r["id"],
        period=r["period"],
        number=r["number"],
        kind=LineKind(r["kind"]),
        payer=r["payer"],
        payee=r["payee"],
        amount=int(r["amount"]),
        recorded_at=r["recorded_at"],
        description=r["description"],
    )


def lines_by_ids(conn: Connection, ids: Sequence[int]) -> list[Line]:
    if not ids:
        return []
    q = select(settlement_lines).where(settlement_lines.c.id.in_(list(ids))).order_by(settlement_lines.c.id)
    return [_line(r) for r in conn.execute(q).mappings()]


def _member_batch(conn: Connection, period_id: str, member: int, after: int, limit: int) -> list[Line]:
    """Up to `limit` of a member's lines with id > `after`, by id, in one round trip: the union of
    two index range scans, (period, payer) and (period, payee); a line never has payer == payee,
    so none comes twice."""
    here = (settlement_lines.c.period == period_id, settlement_lines.c.id > after)
    both = union_all(
        select(settlement_lines).where(*here, settlement_lines.c.payer == member),
        select(settlement_lines).where(*here, settlement_lines.c.payee == member),
    ).subquery()
    q = select(both).order_by(both.c.id).limit(limit)
    return [_line(r) for r in conn.execute(q).mappings()]


def iter_lines(
    conn: Connection, period_id: str, member: int | None = None, batch: int = 5000
) -> Iterator[Line]:
    """The period's lines (of one member as payer or payee, or all) by id, streamed in batches."""
    after = 0
    while True:
        if member is not None:
            rows = _member_batch(conn, period_id, member, after, batch)
        else:
            q = select(settlement_lines).where(
                settlement_lines.c.period == period_id, settlement_lines.c.id > after
            )
            rows = [_line(r) for r in conn.execute(q.order_by(settlement_lines.c.id).limit(batch)).mappings()]
        yield from rows
        if len(rows) < batch:
            return
        after = rows[-1].id


def lines_of_shipment(conn: Connection, shipment_id: int) -> list[Line]:
    q = (
        select(settlement_lines)
        .where(settlement_lines.c.shipment_id == shipment_id)
        .order_by(settlement_lines.c.id)
    )
    return [_line(r) for r in conn.execute(q).mappings()]


# -- netting (SQL aggregation) --------------------------------------------------------------------
def positions(conn: Connection, period_id: str, member: int | None = None) -> list[MemberPosition]:
    """Per member: receivable (sum as payee) and payable (sum as payer) in the period. For one
    member, two indexed sums in one round trip; for all, one GROUP BY over both sides."""
    if member is not None:
        here = settlement_lines.c.period == period_id
        side = select(func.sum(settlement_lines.c.amount)).where(here)
        receivable, payable = conn.execute(
            select(
                side.where(settlement_lines.c.payee == member).scalar_subquery(),
                side.where(settlement_lines.c.payer == member).scalar_subquery(),
            )
        ).one()
        if receivable is None and payable is None:
            return []
        return [MemberPosition(member, int(receivable or 0), int(payable or 0))]
    s = _signed().subquery()
    q = (
        select(s.c.member, func.sum(s.c.receivable), func.sum(s.c.payable))
        .where(s.c.period == period_id)
        .group_by(s.c.member)
        .order_by(s.c.member)
    )
    return [MemberPosition(int(m), int(r or 0), int(p or 0)) for m, r, p in conn.execute(q)]


def pair_balances(conn: Connection, period_id: str) -> list[int]:
    """Per unordered pair of members: what the lower id owes the higher minus the reverse."""
    low = case(
        (settlement_lines.c.payer < settlement_lines.c.payee, settlement_lines.c.payer),
        else_=settlement_lines.c.payee,
    )
    high = case(
        (settlement_lines.c.payer < settlement_lines.c.payee, settlement_lines.c.payee),
        else_=settlement_lines.c.payer,
    )
    signed = case(
        (settlement_lines.c.payer < settlement_lines.c.payee, settlement_lines.c.amount),
        else_=-settlement_lines.c.amount,
    )
    q = select(func.sum(signed)).where(settlement_lines.c.period == period_id).group_by(low, high)
    return [int(b) for (b,) in conn.execute(q)]


def gross_and_count(conn: Connection, period_id: str) -> tuple[int, int]:
    r = conn.execute(
        select(func.coalesce(func.sum(settlement_lines.c.amount), 0), func.count()).where(
            settlement_lines.c.period == period_id
        )
    ).one()
    return int(r[0]), int(r[1])


def netting(conn: Connection, period_id: str) -> Netting:
    gross, _count = gross_and_count(conn, period_id)
    return net_positions(positions(conn, period_id), pair_balances(conn, period_id), gross)


def journal_balances(conn: Connection) -> dict[int, int]:
    """Each member account's balance over the whole journal: credits - debits."""
    signed = case(
        (journal_postings.c.side == "credit", journal_postings.c.amount), else_=-journal_postings.c.amount
    )
    q = select(journal_postings.c.member_id, func.sum(signed)).group_by(journal_postings.c.member_id)
    return {int(m): int(b) for m, b in conn.execute(q)}


def member_names(conn: Connection, ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    q = select(
        members.c.id, members.c.brand, members.c.legal_name, members.c.carrier_id, members.c.regency_code
    ).where(members.c.id.in_(wanted))
    return {r["id"]: dict(r) for r in conn.execute(q).mappings()}


def lines_page(conn: Connection, period_id: str, member: int | None, after: int, limit: int) -> list[Line]:
    """Up to `limit` of the period's lines with id > `after` (of one member, or all), by id."""
    if member is not None:
        return _member_batch(conn, period_id, member, after, limit)
    q = select(settlement_lines).where(settlement_lines.c.period == period_id, settlement_lines.c.id > after)
    return [_line(r) for r in conn.execute(q.order_by(settlement_lines.c.id).limit(limit)).mappings()]


def member_exists(conn: Connection, member: int) -> bool:
    return conn.scalar(select(members.c.id).where(members.c.id == member)) is not None


def shipment_id_of(conn: Connection, number: str) -> int | None:
    return conn.scalar(select(shipments.c.id).where(shipments.c.number == number))


def iter_lines_by_member(conn: Connection, period_id: str, batch: int = 20_000) -> Iterator[tuple[int, Line]]:
    """Every line of the period once for each side (as its payer's and as its payee's), ordered by
    member then id, streamed (a server-side cursor on PostgreSQL): every member's statement in
    one pass, holding one member's lines at a time."""
    cols = [
        settlement_lines.c.id, settlement_lines.c.period, settlement_lines.c.number, settlement_lines.c.kind,
        settlement_lines.c.payer, settlement_lines.c.payee, settlement_lines.c.amount,
        settlement_lines.c.recorded_at, settlement_lines.c.description,
    ]  # fmt: skip
    here = settlement_lines.c.period == period_id
    both = union_all(
        select(settlement_lines.c.payer.label("member"), *cols).where(here),
        select(settlement_lines.c.payee.label("member"), *cols).where(here),
    ).subquery()
    q = select(both).order_by(both.c.member, both.c.id)
    result = conn.execution_options(stream_results=True, yield_per=batch).execute(q)
    for r in result:
        yield (
            int(r.member),
            Line(
                r.id,
                r.period,
                r.number,
                LineKind(r.kind),
                r.payer,
                r.payee,
                int(r.amount),
                r.recorded_at,
                r.description,
            ),
        )
