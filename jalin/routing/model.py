"""Quote requests and answers (quote-v1), independent of how they are computed.

Instants are timezone-aware; the planners work in UTC seconds and the answer keeps UTC
instants, which the presentation layer writes with the local offset of each place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import ROUND_CEILING, Decimal
from enum import StrEnum

HORIZON = timedelta(days=14)


def chargeable_kg(weight_kg: Decimal, dims_cm: tuple[Decimal, Decimal, Decimal] | None, divisor: int) -> int:
    """max(1, ceil(max(weight, L x W x H / divisor))) in exact decimal arithmetic (kg)."""
    w = weight_kg
    if dims_cm is not None:
        length, width, height = dims_cm
        w = max(w, length * width * height / Decimal(divisor))
    return max(1, int(w.to_integral_value(rounding=ROUND_CEILING)))


@dataclass(frozen=True, slots=True)
class QuoteRequest:
    origin: str  # district code NN.NN.NN
    destination: str  # district code NN.NN.NN
    weight_kg: Decimal
    ready_at: datetime  # timezone-aware
    dims_cm: tuple[Decimal, Decimal, Decimal] | None = None
    cod: bool = False
    max_handovers: int = 2
    handover_minutes: int = 120
    horizon: timedelta = HORIZON

    def __post_init__(self) -> None:
        if self.ready_at.tzinfo is None or self.ready_at.utcoffset() is None:
            raise ValueError("ready_at needs a UTC offset, e.g. 2026-11-27T09:00:00+07:00")
        if self.weight_kg <= 0:
            raise ValueError("weight_kg must be greater than 0")
        if not 0 <= self.max_handovers <= 4:
            raise ValueError("max_handovers must be between 0 and 4")
        if self.handover_minutes < 0:
            raise ValueError("handover_minutes must be 0 or more")


@dataclass(frozen=True, slots=True)
class RunLeg:
    carrier_id: str
    service_id: str
    run_id: str
    origin: str  # facility id, or "area:CODE" for a pickup
    destination: str  # facility id, or "area:CODE" for a delivery
    origin_area: str  # district or area code where the leg starts (its zone is the departure's)
    destination_area: str
    departure: datetime  # UTC
    arrival: datetime  # UTC
    chargeable_kg: int
    price: int


@dataclass(frozen=True, slots=True)
class HandoverLeg:
    from_carrier: str
    from_facility: str
    to_carrier: str
    to_facility: str
    area_code: str
    at: datetime  # UTC, when the parcel reaches the receiving facility
    fee: int


@dataclass(frozen=True, slots=True)
class Option:
    delivered_at: datetime  # UTC
    price: int
    handovers: int
    legs: tuple[RunLeg | HandoverLeg, ...] = field(default=(), compare=False)

    @property
    def key(self) -> tuple[datetime, int, int]:
        return (self.delivered_at, self.price, self.handovers)


class NoRoute(StrEnum):
    """Why a quote has no option."""

    NO_PICKUP = "no_pickup"  # no usable pickup run covers the origin
    NO_DELIVERY = "no_delivery"  # no usable delivery run covers the destination
    NOT_WITHIN_HORIZON = "not_within_horizon"  # both exist, but nothing connects them in time


@dataclass(frozen=True, slots=True)
class HandoverPolicy:
    """Which carrier pairs may hand over, where, and the fee per parcel (rupiah).

    `rules is None` means open: every pair, anywhere, for free (tests and offline use).
    Otherwise each unordered pair has one or more (fee, districts) rules, `districts` None meaning
    any district; a handover in a district takes the lowest fee among the rules that allow it.
    """

    rules: dict[frozenset[str], tuple[tuple[int, frozenset[str] | None], ...]] | None = None

    @classmethod
    def open(cls) -> HandoverPolicy:
        return cls(None)

    @classmethod
    def from_pairs(
        cls, pairs: list[tuple[str, str, int]] | list[tuple[str, str, int, frozenset[str] | None]]
    ) -> HandoverPolicy:
        """Agreements as (carrier_a, carrier_b, fee[, districts]); districts None = anywhere."""
        rules: dict[frozenset[str], list[tuple[int, frozenset[str] | None]]] = {}
        for pair in pairs:
            a, b, fee = pair[0], pair[1], pair[2]
            districts = pair[3] if len(pair) > 3 else None
            if a != b:
                rules.setdefault(frozenset((a, b)), []).append((fee, districts))
        return cls({k: tuple(sorted(v, key=lambda r: (r[0], sorted(r[1] or ())))) for k, v in rules.items()})

    def fee(self, a: str, b: str, district: str) -> int | None:
        """The fee for handing over between carriers a and b in `district`, or None when they may not."""
        if a == b:
            return None
        if self.rules is None:
            return 0
        best = None
        for fee, districts in self.rules.get(frozenset((a, b)), ()):
            if (districts is None or district in districts) and (best is None or fee < best):
                best = fee
        return best

    def key(self) -> object:
        """Hashable identity of the policy (for caches)."""
        if self.rules is None:
            return None
        return frozenset(self.rules.items())
