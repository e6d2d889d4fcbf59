"""Shipment records and the stable error codes of the shipments domain.

A shipment is one parcel under one master number. It is carried by one or more **legs**
(a leg is a maximal run of consecutive runs of one carrier) joined by **handovers** (custody
passes from one carrier to the next at a facility). Money is integer rupiah; instants are
timezone-aware (stored in UTC, shown in the zone of the place).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any


class ShipmentErrorCode(StrEnum):
    """Every refusal of the shipments domain (the API's problem+json `code`)."""

    IDEMPOTENCY_KEY_MISSING = "idempotency_key_missing"
    INVALID_IDEMPOTENCY_KEY = "invalid_idempotency_key"
    IDEMPOTENCY_KEY_REUSED = "idempotency_key_reused"
    IDEMPOTENCY_IN_PROGRESS = "idempotency_in_progress"
    INVALID_PHONE = "invalid_phone"
    INVALID_PARTY = "invalid_party"
    INVALID_AMOUNT = "invalid_amount"
    INVALID_TEXT = "invalid_text"
    INVALID_CHOICE = "invalid_choice"
    INVALID_OPTION = "invalid_option"
    OPTION_UNAVAILABLE = "option_unavailable"
    NO_ROUTE = "no_route"
    INVALID_NUMBER = "invalid_number"
    INVALID_CARRIER_REF = "invalid_carrier_ref"
    CARRIER_REF_TAKEN = "carrier_ref_taken"
    INVALID_FILTER = "invalid_filter"
    UNKNOWN_MEMBER = "unknown_member"
    ALREADY_MOVING = "already_moving"
    NOT_YOUR_LEG = "not_your_leg"
    NOT_RECEIVING_CARRIER = "not_receiving_carrier"
    NOT_BOOKING_MEMBER = "not_booking_member"


class ShipmentStatus(StrEnum):
    """The tracking vocabulary (tracking-v1); a shipment starts `booked`."""

    BOOKED = "booked"
    PICKED_UP = "picked_up"
    DEPARTED = "departed"
    ARRIVED = "arrived"
    HANDED_OVER = "handed_over"
    OUT_FOR_DELIVERY = "out_for_delivery"
    DELIVERY_FAILED = "delivery_failed"
    DELIVERED = "delivered"
    RETURNING = "returning"
    RETURNED = "returned"
    EXCEPTION = "exception"
    CANCELLED = "cancelled"


#: Statuses that show a carrier has (or had) the parcel: a shipment in one may not be cancelled.
CUSTODY = frozenset(ShipmentStatus) - {ShipmentStatus.BOOKED, ShipmentStatus.CANCELLED}


class LegStatus(StrEnum):
    PLANNED = "planned"  # its carrier has not taken the parcel yet
    ACTIVE = "active"  # its carrier holds the parcel
    COMPLETED = "completed"  # handed on (or delivered)
    CANCELLED = "cancelled"


class HandoverStatus(StrEnum):
    PLANNED = "planned"
    COMPLETED = "completed"  # the receiving carrier scanned it on the manifest
    CANCELLED = "cancelled"


class Choose(StrEnum):
    """How a booking picks among the quote's options."""

    FASTEST = "fastest"  # delivered_at, then price, then handovers
    CHEAPEST = "cheapest"  # price, then delivered_at, then handovers
    FEWEST_HANDOVERS = "fewest_handovers"  # handovers, then delivered_at, then price


@dataclass(frozen=True, slots=True)
class Party:
    """Shipper or recipient as stored: the phone in E.164 (+62...)."""

    name: str
    phone: str
    address: str

    def to_dict(self) -> dict[str, str]:
        return {"name": self.name, "phone": self.phone, "address": self.address}


@dataclass(frozen=True, slots=True)
class Endpoint:
    """Where a leg starts or ends: the shipper's or recipient's district, or a facility."""

    kind: str  # "district" or "facility"
    code: str

    def to_dict(self) -> dict[str, str]:
        return {self.kind: self.code}


@dataclass(frozen=True, slots=True)
class PlannedLeg:
    """One carrier's part of the route, as booked."""

    seq: int
    carrier: str
    start: Endpoint
    end: Endpoint
    price: int  # sum of its runs' prices
    planned_departure: datetime  # UTC
    planned_arrival: datetime  # UTC
    start_area: str  # district or area code of the first departure (for its zone)
    end_area: str
    runs: tuple[dict[str, Any], ...]  # the quote's run legs, exactly as quoted


@dataclass(frozen=True, slots=True)
class PlannedHandover:
    """Custody passing from leg `seq` to leg `seq + 1`."""

    seq: int
    from_carrier: str
    from_facility: str
    to_carrier: str
    to_facility: str
    district: str
    planned_at: datetime  # UTC: when the parcel is due at the receiving facility
    fee: int
