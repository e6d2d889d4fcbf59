"""A carrier's network as the feed contract describes it (network-feed-v1), parsed and typed.

Facilities are scoped by carrier: the planner and the merged network use `CARRIER:FACILITY`.
Prices are integer rupiah; durations and cutoffs are minutes; weights are kilograms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

#: A carrier's id, as the feed contract defines it and the registry stores it: 2-16 of A-Z, 0-9, _.
CARRIER_ID = re.compile(r"^[A-Z0-9_]{2,16}\Z")  # \Z: "$" would also accept a trailing newline


class FacilityKind(StrEnum):
    HUB = "hub"
    BRANCH = "branch"
    AGENT = "agent"
    POST_OFFICE = "post_office"
    LOCKER = "locker"


class RunKind(StrEnum):
    PICKUP = "pickup"  # area -> facility
    LINEHAUL = "linehaul"  # facility -> facility
    DELIVERY = "delivery"  # facility -> area


@dataclass(frozen=True, slots=True)
class FeedInfo:
    carrier_id: str
    carrier_name: str
    feed_version: str
    valid_from: date
    valid_until: date
    currency: str = "IDR"


@dataclass(frozen=True, slots=True)
class Service:
    service_id: str
    name: str
    max_weight_kg: Decimal
    volumetric_divisor: int  # cm3 per kg
    cod: bool


@dataclass(frozen=True, slots=True)
class Facility:
    facility_id: str
    name: str
    kind: FacilityKind
    area_code: str  # a district code NN.NN.NN
    lat: float | None
    lon: float | None
    handover: bool


@dataclass(frozen=True, slots=True)
class Endpoint:
    """One end of a run: a facility of the same feed, or an area (province, regency or district)."""

    facility_id: str | None = None
    area_code: str | None = None

    @property
    def is_area(self) -> bool:
        return self.area_code is not None

    def __str__(self) -> str:
        return f"area:{self.area_code}" if self.area_code is not None else str(self.facility_id)


@dataclass(frozen=True, slots=True)
class Run:
    run_id: str
    service_id: str
    origin: Endpoint
    destination: Endpoint
    days: str  # 7 chars of 0/1, Monday first
    departs_at: int  # minutes after local midnight at the origin
    cutoff_minutes: int
    duration_minutes: int
    base_price: int
    price_per_kg: int
    capacity_kg: Decimal | None = None

    @property
    def kind(self) -> RunKind:
        if self.origin.is_area:
            return RunKind.PICKUP
        return RunKind.DELIVERY if self.destination.is_area else RunKind.LINEHAUL


@dataclass(frozen=True, slots=True)
class CalendarDate:
    service_id: str
    date: date
    exception_type: int  # 1 added, 2 removed


@dataclass(frozen=True, slots=True)
class StatusCode:
    """One row of `status_codes.csv` (feed 1.1): the carrier's own code and the status it means."""

    code: str
    status: str  # a word of the tracking vocabulary (STATUS_VOCABULARY)
    description: str | None


#: The tracking vocabulary (tracking-v1) that `status_codes.csv` maps codes to. Kept here with
#: the feed contract (the network package imports no tracking code); a test pins it to
#: `jalin.tracking.Status`.
STATUS_VOCABULARY: tuple[str, ...] = (
    "booked",
    "picked_up",
    "departed",
    "arrived",
    "handed_over",
    "out_for_delivery",
    "delivery_failed",
    "delivered",
    "returning",
    "returned",
    "exception",
    "cancelled",
)


@dataclass(slots=True)
class Feed:
    info: FeedInfo
    services: dict[str, Service] = field(default_factory=dict)
    facilities: dict[str, Facility] = field(default_factory=dict)
    runs: list[Run] = field(default_factory=list)
    calendar: list[CalendarDate] = field(default_factory=list)
    status_codes: list[StatusCode] = field(default_factory=list)  # feed 1.1, optional

    @property
    def carrier_id(self) -> str:
        return self.info.carrier_id
