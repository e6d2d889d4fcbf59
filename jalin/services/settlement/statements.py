"""Lines of a period (JSON pages or CSV) and members' statements (PDF, XLSX, CSV).

An admin reads every line; a member the lines it pays or is paid. A statement is the member's
own (admin: any member's); anyone else's answers 404. Lines stream from the database in id
order (batches), so a large period is never held in memory as a whole for CSV.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from itertools import groupby
from typing import Any

from sqlalchemy import Engine

from jalin.errors import CommonErrorCode, JalinError, choice
from jalin.registry.access import Principal
from jalin.services.paging import check_limit, decode_cursor, page
from jalin.services.settlement.access import lines_scope, require_admin, statement_allowed
from jalin.services.settlement.periods import iso
from jalin.settlement import render
from jalin.settlement.model import Line, PeriodStatus, SettlementErrorCode
from jalin.settlement.periods import parse_period
from jalin.settlement.statements import Statement, build
from jalin.storage import settlement as store

CSV_COLUMNS = ["id", "period", "number", "kind", "payer", "payee", "amount", "recorded_at", "description"]
MAX_PAGE = 10_000


def line_json(line: Line) -> dict[str, Any]:
    return {
        "id": line.id,
        "period": line.period,
        "number": line.number,
        "kind": line.kind.value,
        "payer": line.payer,
        "payee": line.payee,
        "amount": line.amount,
        "recorded_at": iso(line.recorded_at),
        "description": line.description,
    }


def lines_page(
    engine: Engine, who: Principal, period: str, *, cursor: str | None = None, limit: int = 1000
) -> dict[str, Any]:
    """`{"items": [...], "next_cursor": ...}`: the lines the caller sees, by id."""
    member = lines_scope(who)
    p = parse_period(period)
    check_limit(limit, MAX_PAGE)
    after = decode_cursor(cursor, "line") or 0
    with engine.connect() as conn:
        rows = store.lines_page(conn, p.id, member, after, limit + 1)
    found = page(rows, limit, "line", lambda x: x.id)
    found["items"] = [line_json(x) for x in found["items"]]
    return found


def lines_csv(engine: Engine, who: Principal, period: str) -> Iterator[bytes]:
    """The same lines as CSV (`CSV_COLUMNS`), streamed. Access is checked before the first byte."""
    member = lines_scope(who)
    p = parse_period(period)

    def rows() -> Iterator[bytes]:
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(CSV_COLUMNS)
        with engine.connect() as conn:
            for i, x in enumerate(store.iter_lines(conn, p.id, member)):
                w.writerow(
                    [x.id, x.period, x.number or "", x.kind.value, x.payer, x.payee, x.amount,
                     iso(x.recorded_at), x.description]
                )  # fmt: skip
                if i % 2000 == 1999:
                    yield buf.getvalue().encode("utf-8")
                    buf.seek(0)
                    buf.truncate()
        yield buf.getvalue().encode("utf-8")

    return rows()


@dataclass(frozen=True, slots=True)
class Document:
    content: bytes
    media_type: str
    filename: str


class StatementFormat(StrEnum):
    PDF = "pdf"
    XLSX = "xlsx"
    CSV = "csv"


MEDIA = {
    StatementFormat.PDF: "application/pdf",
    StatementFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    StatementFormat.CSV: "text/csv; charset=utf-8",
}


def statement(engine: Engine, who: Principal, period: str, member: int) -> Statement:
    """The member's statement as data (see `jalin.settlement.statements`)."""
    p = parse_period(period)
    if not statement_allowed(who, member):
        raise JalinError(
            CommonErrorCode.NOT_FOUND, f"no statement of member {member} for you", field="member"
        )
    with engine.connect() as conn:
        info = store.member_names(conn, [member])
        if member not in info:
            raise JalinError(CommonErrorCode.NOT_FOUND, f"member {member} not found", field="member")
        lines = list(store.iter_lines(conn, p.id, member))
        pos = store.positions(conn, p.id, member)
        row = store.period_row(conn, p.id)
        others = store.member_names(conn, [x.payer for x in lines] + [x.payee for x in lines])
    names = {m: (v.get("brand") or str(m)) for m, v in {**others, **info}.items()}
    receivable = pos[0].receivable if pos else 0
    payable = pos[0].payable if pos else 0
    closed = row is not None and row["status"] == PeriodStatus.CLOSED.value
    return build(p, closed, member, names, lines, receivable, payable)


def statement_document(engine: Engine, who: Principal, period: str, member: int, fmt: str) -> Document:
    """The statement rendered as `fmt` (pdf, xlsx or csv)."""
    kind = choice(StatementFormat, fmt, SettlementErrorCode.INVALID_EXPORT_FORMAT, "format")
    s = statement(engine, who, period, member)
    content = {
        StatementFormat.PDF: render.statement_pdf,
        StatementFormat.XLSX: render.statement_xlsx,
        StatementFormat.CSV: render.statement_csv,
    }[kind](s)
    return Document(content, MEDIA[kind], f"{s.filename_stem}.{kind.value}")


def all_statements(engine: Engine, who: Principal, period: str, fmt: str) -> Iterator[Document]:
    """Every member's statement of the period (admin), in one pass over the lines ordered by
    member (`store.iter_lines_by_member`) with the totals of every member summed in one query:
    what the DPP sends out after closing a week. Members without a line have no statement."""
    require_admin(who)
    kind = choice(StatementFormat, fmt, SettlementErrorCode.INVALID_EXPORT_FORMAT, "format")
    render_one = {
        StatementFormat.PDF: render.statement_pdf,
        StatementFormat.XLSX: render.statement_xlsx,
        StatementFormat.CSV: render.statement_csv,
    }[kind]
    p = parse_period(period)
    with engine.connect() as conn:
        row = store.period_row(conn, p.id)
        closed = row is not None and row["status"] == PeriodStatus.CLOSED.value
        totals = {pos.member: pos for pos in store.positions(conn, p.id)}
        names = {m: (v.get("brand") or str(m)) for m, v in store.member_names(conn, list(totals)).items()}
        for member, group in groupby(store.iter_lines_by_member(conn, p.id), key=lambda x: x[0]):
            pos = totals[member]
            s = build(p, closed, member, names, (line for _, line in group), pos.receivable, pos.payable)
            yield Document(render_one(s), MEDIA[kind], f"{s.filename_stem}.{kind.value}")
