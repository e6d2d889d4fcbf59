"""One timeline per shipment: ordering, the shipment's status, and custody per leg.

Events arrive late and out of order; the timeline is ordered by `occurred_at`, ties by the
later received (`received_at`, then the order Jalin stored them). Pure functions over plain
records, so the rules are tested without a database.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from jalin.tracking.vocabulary import FINAL, Status


@dataclass(frozen=True, slots=True)
class Moment:
    """What the rules need of one stored event: its status (None when unmapped), the carrier
    that reported it, when it happened and when (and in what order) Jalin received it."""

    status: Status | None
    carrier: str | None
    occurred_at: datetime
    received_at: datetime
    seq: int  # storage order (the row id): the last tie-break


def order_key(m: Moment) -> tuple[datetime, datetime, int]:
    return (m.occurred_at, m.received_at, m.seq)


def ordered(moments: Iterable[Moment]) -> list[Moment]:
    """The timeline: by occurred_at; ties by the later received last."""
    return sorted(moments, key=order_key)


def shipment_status(moments: Iterable[Moment], *, cancelled: bool = False) -> Status:
    """`cancelled` for a cancelled booking; else the status of the latest event that has one;
    else `booked`. Unmapped events (status None) never change it."""
    if cancelled:
        return Status.CANCELLED
    latest: Moment | None = None
    for m in moments:
        if m.status is not None and (latest is None or order_key(m) > order_key(latest)):
            latest = m
    if latest is None or latest.status is None:
        return Status.BOOKED
    return latest.status


@dataclass(frozen=True, slots=True)
class Custody:
    """When one leg's carrier took the parcel and when it gave it up (None: not yet)."""

    took_at: datetime | None
    gave_at: datetime | None

    @property
    def leg_status(self) -> str:
        """`planned` (not taken yet), `active` (holding it) or `completed` (handed on or delivered)."""
        if self.took_at is None:
            return "planned"
        return "active" if self.gave_at is None else "completed"


def custody(carriers: Sequence[str], moments: Iterable[Moment]) -> list[Custody]:
    """Custody of each leg (`carriers[i]` carries leg i+1), walked along the timeline.

    - The first event with a status from the carrier of leg i, or a later leg j, moves custody
      forward to that leg: every leg before it that held the parcel gives it up then, and that
      leg takes it then (a leg that never reported takes and gives at the same instant).
    - A `handed_over` event from the carrier holding the parcel (the giving side) moves
      custody to the next leg.
    - `delivered` or `returned` ends the holding leg's custody.
    - Events of earlier legs that arrive late and unmapped events change nothing.
    Legs are maximal runs of one carrier, so neighbours differ; a carrier that comes back on a
    later leg is matched to the first such leg at or after the current one.
    """
    return resume(carriers, [Custody(None, None)] * len(carriers), moments)


def resume(carriers: Sequence[str], state: Sequence[Custody], moments: Iterable[Moment]) -> list[Custody]:
    """Continue the walk of `custody` from `state` (the custody after the events so far) over
    `moments` that all come after them in the timeline's order: the walk is a left fold, and
    its state is read back from the custody itself (the holding leg is the last one that took
    the parcel; the walk ended when that leg gave it up). `custody(c, a + b)` equals
    `resume(c, custody(c, a), b)` whenever every moment of `b` orders after every one of `a`."""
    n = len(carriers)
    took: list[datetime | None] = [c.took_at for c in state]
    gave: list[datetime | None] = [c.gave_at for c in state]
    current = max((i for i in range(n) if took[i] is not None), default=-1)
    ended = current >= 0 and gave[current] is not None
    for m in ordered(moments):
        if m.status is None or m.carrier is None or ended:
            continue
        t = m.occurred_at
        target = next((j for j in range(max(current, 0), n) if carriers[j] == m.carrier), None)
        if target is None:
            continue  # an earlier leg's late event (or a carrier not on the shipment)
        if m.status is Status.HANDED_OVER and target == current and current + 1 < n:
            target = current + 1  # the giving carrier reports the handover
        if target != current:
            for k in range(max(current, 0), target):
                if took[k] is None:
                    took[k] = t
                if gave[k] is None:
                    gave[k] = t
            if took[target] is None:
                took[target] = t
            current = target
        if m.status in FINAL and current >= 0:
            gave[current] = t
            ended = True
    return [Custody(a, b) for a, b in zip(took, gave, strict=True)]
