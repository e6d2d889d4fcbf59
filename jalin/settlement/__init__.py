"""The settlement domain (settlement-v1): line rules as pure functions of a shipment's completed
steps, periods (ISO weeks in WIB), multilateral netting, and the statement as data. Free of HTTP
and storage."""

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
from jalin.settlement.netting import Direction, Instruction, MemberPosition, Netting, net_pairs, net_positions
from jalin.settlement.periods import WIB, Period, parse_period, period_id, period_of
from jalin.settlement.rules import delivery_lines, handover_fee_payee, handover_lines

__all__ = [
    "WIB",
    "Direction",
    "HandoverFacts",
    "Instruction",
    "LegFacts",
    "Line",
    "LineDraft",
    "LineKind",
    "MemberPosition",
    "Netting",
    "Period",
    "PeriodStatus",
    "SettlementErrorCode",
    "ShipmentFacts",
    "delivery_lines",
    "handover_fee_payee",
    "handover_lines",
    "net_pairs",
    "net_positions",
    "parse_period",
    "period_id",
    "period_of",
]
