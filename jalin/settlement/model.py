"""Settlement records and the stable error codes of the settlement domain (settlement-v1).

A **line** is one obligation between two members: `payer` owes `payee` `amount` rupiah (> 0)
for one step of one shipment (`leg`, `handover_fee`, `cod`) or for an admin's correction
(`adjustment`). A line never has payer == payee. Lines are grouped into **periods** (ISO weeks
in WIB, `jalin.settlement.periods`) by the instant Jalin recorded them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class SettlementErrorCode(StrEnum):
    """Every refusal of the settlement domain (the API's problem+json `code`)."""

    INVALID_PERIOD = "invalid_period"
    PERIOD_NOT_ENDED = "period_not_ended"
    PERIOD_CLOSED = "period_closed"
    INVALID_EXPORT_FORMAT = "invalid_export_format"
    INVALID_ADJUSTMENT = "invalid_adjustment"


class LineKind(StrEnum):
    LEG = "leg"  # booking member -> the leg's carrier: the leg's price
    HANDOVER_FEE = "handover_fee"  # booking member -> the fee's payee: the booked fee
    COD = "cod"  # the last leg's carrier -> booking member: the cash collected
    ADJUSTMENT = "adjustment"  # as an admin gives it, with a reason


class PeriodStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


@dataclass(frozen=True, slots=True)
class LegFacts:
    """What the line rules need of a leg: its order, its carrier's member and its price."""

    seq: int
    carrier: str  # the carrier id (feed id), for descriptions
    member: int | None  # the member that runs the carrier (None: no member known)
    price: int


@dataclass(frozen=True, slots=True)
class HandoverFacts:
    """A handover between leg `seq` and leg `seq + 1`, its fee and who is paid it.

    `fee_payee` is recorded at booking (`handover_fee_payee`): the receiving carrier's member,
    or the giving carrier's member when the agreement names the receiving member as fee payer.
    """

    seq: int
    fee: int
    fee_payee: int | None


@dataclass(frozen=True, slots=True)
class ShipmentFacts:
    """A shipment as settlement sees it. `booked_by` is the booking member (None: booked by an
    admin for nobody, which settles nothing)."""

    number: str
    booked_by: int | None
    test: bool
    cancelled: bool
    legs: tuple[LegFacts, ...]  # by seq, 1..n
    handovers: tuple[HandoverFacts, ...]  # by seq, 1..n-1


@dataclass(frozen=True, slots=True)
class LineDraft:
    """A line about to be recorded. (`number`, `kind`, `seq`) identifies the step that earned
    it, so recording the same step twice makes one line (a unique constraint in storage)."""

    number: str | None
    kind: LineKind
    seq: int  # leg seq, handover seq, 0 for cod
    payer: int
    payee: int
    amount: int
    description: str


@dataclass(frozen=True, slots=True)
class Line:
    """A recorded line (settlement-v1 `Lines`)."""

    id: int
    period: str
    number: str | None
    kind: LineKind
    payer: int
    payee: int
    amount: int
    recorded_at: datetime
    description: str
