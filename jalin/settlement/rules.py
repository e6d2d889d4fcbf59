"""The line rules of settlement-v1 as pure functions of a shipment's completed steps.

- handover `k` confirmed: a `leg` line for leg `k` (booking member -> leg k's carrier, its
  price) and a `handover_fee` line (booking member -> the fee's payee, the booked fee);
- delivered: a `leg` line for the last leg, and a `cod` line (the last leg's carrier -> booking
  member, `cod_collected`) when cash was collected.

No line for a sandbox (`test`) or cancelled shipment, for a shipment without a booking member,
when payer == payee, or for an amount of 0 (lines are > 0). Every rule is a function of the
facts alone: recording the same step again gives the same drafts, and storage keeps one.
"""

from __future__ import annotations

from collections.abc import Callable

from jalin.settlement.model import HandoverFacts, LegFacts, LineDraft, LineKind, ShipmentFacts

Describe = Callable[[LineKind, str, int, str], str]


def _plain(kind: LineKind, number: str, seq: int, carrier: str) -> str:
    return f"{kind.value} {number} #{seq} {carrier}"


def handover_fee_payee(
    receiving_member: int | None, giving_member: int | None, fee_payer: int | None
) -> int | None:
    """Who is paid a handover's fee: the receiving carrier's member, or the giving carrier's when
    the agreement names the receiving carrier's member as fee payer."""
    if fee_payer is not None and fee_payer == receiving_member:
        return giving_member
    return receiving_member


def _draft(
    s: ShipmentFacts, kind: LineKind, seq: int, payer: int | None, payee: int | None, amount: int, text: str
) -> list[LineDraft]:
    if payer is None or payee is None or payer == payee or amount <= 0:
        return []
    return [LineDraft(s.number, kind, seq, payer, payee, amount, text)]


def settles(s: ShipmentFacts) -> bool:
    """Whether the shipment earns lines at all."""
    return not s.test and not s.cancelled and s.booked_by is not None


def _leg(s: ShipmentFacts, leg: LegFacts, describe: Describe) -> list[LineDraft]:
    return _draft(
        s,
        LineKind.LEG,
        leg.seq,
        s.booked_by,
        leg.member,
        leg.price,
        describe(LineKind.LEG, s.number, leg.seq, leg.carrier),
    )


def handover_lines(s: ShipmentFacts, seq: int, describe: Describe = _plain) -> list[LineDraft]:
    """The lines earned when handover `seq` is confirmed: the giving leg and the fee."""
    if not settles(s):
        return []
    leg = next((g for g in s.legs if g.seq == seq), None)
    h: HandoverFacts | None = next((x for x in s.handovers if x.seq == seq), None)
    out = _leg(s, leg, describe) if leg is not None else []
    if h is not None:
        receiver = next((g for g in s.legs if g.seq == seq + 1), None)
        out += _draft(
            s,
            LineKind.HANDOVER_FEE,
            seq,
            s.booked_by,
            h.fee_payee,
            h.fee,
            describe(LineKind.HANDOVER_FEE, s.number, seq, receiver.carrier if receiver else ""),
        )
    return out


def delivery_lines(
    s: ShipmentFacts, cod_collected: int | None, describe: Describe = _plain
) -> list[LineDraft]:
    """The lines earned when the shipment is delivered: the last leg and the COD cash."""
    if not settles(s) or not s.legs:
        return []
    last = max(s.legs, key=lambda g: g.seq)
    out = _leg(s, last, describe)
    out += _draft(
        s,
        LineKind.COD,
        0,
        last.member,
        s.booked_by,
        cod_collected or 0,
        describe(LineKind.COD, s.number, last.seq, last.carrier),
    )
    return out
