"""Settlement periods: ISO weeks in WIB (UTC+07:00), Monday 00:00 WIB to the next Monday.

A period's id is `YYYY-Www` (the ISO year and week of its Monday). A line belongs to the period
of the instant Jalin recorded it, so a late event lands in the current (open) period and never in
a closed one. The instruction of a period is due at its end + 7 days.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone

from jalin.errors import CommonErrorCode, JalinError
from jalin.settlement.model import SettlementErrorCode

WIB = timezone(timedelta(hours=7), "WIB")
DUE_AFTER = timedelta(days=7)
_ID = re.compile(r"^(\d{4})-W(\d{2})$")


@dataclass(frozen=True, slots=True)
class Period:
    """One week: `starts_at` inclusive, `ends_at` exclusive (both aware, in WIB)."""

    id: str
    starts_at: datetime
    ends_at: datetime

    @property
    def due_at(self) -> datetime:
        """When the period's transfers are due: its end + 7 days."""
        return self.ends_at + DUE_AFTER

    @property
    def first_day(self) -> date:
        return self.starts_at.date()

    @property
    def last_day(self) -> date:
        return (self.ends_at - timedelta(days=1)).date()

    def ended(self, now: datetime) -> bool:
        return now >= self.ends_at


def period_id(at: datetime) -> str:
    """The id of the period holding the instant `at` (aware; a naive one is taken as UTC)."""
    aware = at if at.tzinfo is not None else at.replace(tzinfo=UTC)
    year, week, _ = aware.astimezone(WIB).isocalendar()
    return f"{year:04d}-W{week:02d}"


def period_of(at: datetime) -> Period:
    return parse_period(period_id(at))


def parse_period(text: str) -> Period:
    """The period with id `text`, or `invalid_period` naming the expected form."""
    m = _ID.match(text or "")
    monday: date | None = None
    if m:
        try:
            monday = date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        except ValueError:
            monday = None
    if m and monday is None:
        raise JalinError(CommonErrorCode.NOT_FOUND, f"week {text} does not exist", field="period")
    if monday is None:
        raise JalinError(
            SettlementErrorCode.INVALID_PERIOD,
            f"period '{text}' must be an ISO week YYYY-Www (for example 2026-W49)",
            field="period",
        )
    start = datetime(monday.year, monday.month, monday.day, tzinfo=WIB)
    return Period(f"{int(m.group(1)):04d}-W{int(m.group(2)):02d}", start, start + timedelta(days=7))  # type: ignore[union-attr]
