"""Multilateral netting of one period through the association's clearing account.

The inputs are already aggregated (storage sums the lines in SQL, GROUP BY payer, payee): the
amount each ordered pair of members owes. Everything here is arithmetic on those sums:

- per member: `receivable` (as payee), `payable` (as payer), `net` = receivable - payable;
  the nets sum to 0;
- `gross` = the sum of all line amounts; `net_total` = the sum of the positive nets;
  `netting_ratio` = 1 - net_total / gross (0 for an empty period);
- `bilateral_total` = the sum over unordered pairs of |A owes B - B owes A|: what settling each
  pair separately would move;
- one instruction per member with a non-zero net: pay |net| to the clearing account (net < 0)
  or receive net from it (net > 0).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum


class Direction(StrEnum):
    PAY = "pay"
    RECEIVE = "receive"


@dataclass(frozen=True, slots=True)
class MemberPosition:
    member: int
    receivable: int
    payable: int

    @property
    def net(self) -> int:
        return self.receivable - self.payable


@dataclass(frozen=True, slots=True)
class Instruction:
    member: int
    direction: Direction
    amount: int  # > 0, rupiah


@dataclass(frozen=True, slots=True)
class Netting:
    gross: int
    net_total: int
    bilateral_total: int
    positions: tuple[MemberPosition, ...]  # by member id
    transfers_bilateral: int  # pairs with a non-zero balance: transfers without netting

    @property
    def netting_ratio(self) -> float:
        return 0.0 if self.gross == 0 else 1 - self.net_total / self.gross

    @property
    def instructions(self) -> tuple[Instruction, ...]:
        """At most one transfer per member: with the clearing account, never between members."""
        return tuple(
            Instruction(p.member, Direction.PAY if p.net < 0 else Direction.RECEIVE, abs(p.net))
            for p in self.positions
            if p.net != 0
        )


def instruction_for(net: int) -> Instruction | None:
    """The instruction for one member's net (None when it is 0); member id left 0."""
    if net == 0:
        return None
    return Instruction(0, Direction.PAY if net < 0 else Direction.RECEIVE, abs(net))


def net_positions(positions: Iterable[MemberPosition], pair_balances: Iterable[int], gross: int) -> Netting:
    """The period's figures from per-member sums and the per-unordered-pair balances
    (|A owes B - B owes A|, as storage computes them in SQL)."""
    ps = tuple(sorted(positions, key=lambda p: p.member))
    balances = [abs(b) for b in pair_balances]
    return Netting(
        gross=gross,
        net_total=sum(p.net for p in ps if p.net > 0),
        bilateral_total=sum(balances),
        positions=ps,
        transfers_bilateral=sum(1 for b in balances if b),
    )


def net_pairs(owed: Mapping[tuple[int, int], int]) -> Netting:
    """The same figures from the ordered pair sums {(payer, payee): amount} (small inputs)."""
    receivable: dict[int, int] = {}
    payable: dict[int, int] = {}
    for (payer, payee), amount in owed.items():
        payable[payer] = payable.get(payer, 0) + amount
        receivable[payee] = receivable.get(payee, 0) + amount
    members = sorted(set(receivable) | set(payable))
    pairs = {(min(a, b), max(a, b)) for a, b in owed}
    return net_positions(
        (MemberPosition(m, receivable.get(m, 0), payable.get(m, 0)) for m in members),
        (owed.get((a, b), 0) - owed.get((b, a), 0) for a, b in pairs),
        sum(owed.values()),
    )
