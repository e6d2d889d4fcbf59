"""A member's statement for one period, as data (settlement-v1 `statements`).

Every line of the period the member pays or is paid, signed from the member's side (+ it
receives, - it pays), the totals, the net, and the one instruction: pay |net| to the clearing
account (net < 0) or receive net from it (net > 0), due at the period's end + 7 days. The text is
Indonesian (the catalogue's `id` entries): statements are for the members' finance staff.
Renderers (`jalin.settlement.render`) turn this into PDF, XLSX and CSV.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from jalin.i18n import rupiah, t
from jalin.settlement.model import Line, LineKind
from jalin.settlement.periods import WIB, Period

LANG = "id"


@dataclass(frozen=True, slots=True)
class StatementLine:
    line_id: int
    number: str | None
    kind: LineKind
    counterparty: int
    counterparty_name: str
    amount: int  # signed: + the member receives, - the member pays
    recorded_at: datetime
    description: str

    @property
    def kind_text(self) -> str:
        return t(f"settlement.kind.{self.kind.value}", lang=LANG)


@dataclass(frozen=True, slots=True)
class Statement:
    period: Period
    closed: bool
    member: int
    member_name: str
    lines: tuple[StatementLine, ...]
    receivable: int
    payable: int

    @property
    def net(self) -> int:
        return self.receivable - self.payable

    @property
    def due_on(self) -> date:
        """The instruction's due date (WIB): the period's end + 7 days."""
        return self.period.due_at.astimezone(WIB).date()

    @property
    def instruction(self) -> str:
        """'Bayar Rp1.234.500 ke rekening kliring', 'Terima Rp... dari rekening kliring' or none."""
        if self.net < 0:
            return t("settlement.instruction.pay", lang=LANG, amount=rupiah(-self.net))
        if self.net > 0:
            return t("settlement.instruction.receive", lang=LANG, amount=rupiah(self.net))
        return t("settlement.instruction.none", lang=LANG)

    @property
    def due_text(self) -> str:
        return t("settlement.due", lang=LANG, date=long_date(self.due_on))

    @property
    def filename_stem(self) -> str:
        return f"laporan-kliring-{self.period.id}-{self.member}"


_MONTHS = [
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
]  # fmt: skip


def long_date(d: date) -> str:
    """'14 Desember 2026'."""
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


def period_text(p: Period) -> str:
    """'2026-W49 (30 November 2026 - 6 Desember 2026, WIB)'."""
    return f"{p.id} ({long_date(p.first_day)} - {long_date(p.last_day)}, WIB)"


def build(
    period: Period,
    closed: bool,
    member: int,
    names: Mapping[int, str],
    lines: Iterable[Line],
    receivable: int,
    payable: int,
) -> Statement:
    """The statement of `member` from its lines (payer or payee) and its totals (summed in SQL)."""
    out = []
    for line in lines:
        receives = line.payee == member
        other = line.payer if receives else line.payee
        out.append(
            StatementLine(
                line.id,
                line.number,
                line.kind,
                other,
                names.get(other, str(other)),
                line.amount if receives else -line.amount,
                line.recorded_at,
                line.description,
            )
        )
    return Statement(period, closed, member, names.get(member, str(member)), tuple(out), receivable, payable)
