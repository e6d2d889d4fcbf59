"""Response schemas of the settlement routes (settlement-v1). Money is integer rupiah; instants
carry the WIB offset (+07:00), the zone periods are defined in."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Kind = Literal["leg", "handover_fee", "cod", "adjustment"]


class PeriodSummary(BaseModel):
    id: str = Field(description="ISO week in WIB, YYYY-Www")
    starts_at: str = Field(description="Monday 00:00 WIB (inclusive)")
    ends_at: str = Field(description="the next Monday 00:00 WIB (exclusive)")
    first_day: str
    last_day: str
    due_at: str = Field(description="when the period's transfers are due: its end + 7 days")
    status: Literal["open", "closed"]
    gross: int
    net_total: int


class PeriodList(BaseModel):
    items: list[PeriodSummary]
    next_cursor: str | None


class InstructionOut(BaseModel):
    direction: Literal["pay", "receive"] = Field(description="pay to / receive from the clearing account")
    amount: int


class MemberRow(BaseModel):
    member: int
    name: str
    receivable: int
    payable: int
    net: int
    instruction: InstructionOut | None


class PeriodDetail(PeriodSummary):
    closed_at: str | None
    netting_ratio: float = Field(description="1 - net_total / gross (0 for an empty period)")
    bilateral_total: int = Field(description="sum over member pairs of |A owes B - B owes A|")
    line_count: int
    transfers: int = Field(description="transfers with multilateral netting: one per member with a net")
    bilateral_transfers: int = Field(description="transfers settling each pair separately")
    members: list[MemberRow] = Field(description="the rows the caller may see (docs/settlement.md)")


class LineOut(BaseModel):
    id: int
    period: str
    number: str | None
    kind: Kind
    payer: int
    payee: int
    amount: int
    recorded_at: str
    description: str


class LinePage(BaseModel):
    items: list[LineOut]
    next_cursor: str | None


class AdjustmentOut(LineOut):
    reason: str
