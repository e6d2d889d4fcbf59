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


def pareto(options: list[Option]) -> list[Option]:
    """Keep options no other option beats; equal keys once; sorted by (delivered_at, price, handovers)."""
    best: dict[tuple[datetime, int, int], Option] = {}
    for o in options:
        best.setdefault(o.key, o)
    keys = sorted(best)
    kept: list[tuple[datetime, int, int]] = []
    for k in keys:
        if not any(o[0] <= k[0] and o[1] <= k[1] and o[2] <= k[2] for o in kept):
            kept.append(k)
    return [best[k] for k in kept]


@dataclass(frozen=True, slots=True)
class HandoverPolicy:
    """Which carrier pairs may hand over, and the fee per parcel (rupiah).

    `fees is None` means open: every pair may, for free (tests and offline use). Otherwise only
    the listed unordered pairs may, at their fee.
    """

    fees: dict[frozenset[str], int] | None = None

    @classmethod
    def open(cls) -> HandoverPolicy:
        return cls(None)

    @classmethod
    def from_pairs(cls, pairs: list[tuple[str, str, int]]) -> HandoverPolicy:
        """Agreements as (carrier_a, carrier_b, fee); a pair listed twice keeps its lower fee."""
        fees: dict[frozenset[str], int] = {}
        for a, b, fee in pairs:
            key = frozenset((a, b))
            if a != b:
                fees[key] = min(fee, fees.get(key, fee))
        return cls(fees)

    def fee(self, a: str, b: str) -> int | None:
        """The fee for handing over between carriers a and b, or None when they may not."""
        if a == b:
            return None
        if self.fees is None:
            return 0
        return self.fees.get(frozenset((a, b)))
