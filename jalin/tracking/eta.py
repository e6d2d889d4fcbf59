"""The ETA rule (tracking-v1, "Timeline and ETA").

At booking `eta` is the planned delivery. After an event at a facility Jalin re-plans from that
facility and that time over the live network along the booked carriers' remaining legs; `eta`
is the earliest delivery found, and `late` is true when it is after `planned_delivery`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime


def is_late(eta: datetime, planned_delivery: datetime) -> bool:
    """Late means strictly after the planned delivery (on time is not late)."""
    return eta > planned_delivery


def earliest(deliveries: Iterable[datetime]) -> datetime | None:
    """The earliest delivery among the re-planned options (None when none delivers)."""
    return min(deliveries, default=None)
