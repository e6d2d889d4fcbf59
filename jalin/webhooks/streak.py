"""When an endpoint that keeps failing is disabled.

The streak counts messages that ended failed (every attempt of the schedule refused) with no
successful delivery to the endpoint in between; `failing_since` is the first failed attempt
after the last success. An endpoint is disabled when both hold: at least `min_failed_messages`
failed messages in the streak, and failing for at least `min_days` days. Any delivered message
resets both (so does re-enabling by hand).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True, slots=True)
class DisableRule:
    """Defaults: 5 days and 3 failed messages (settings `JALIN_WEBHOOK_DISABLE_AFTER_DAYS`,
    `JALIN_WEBHOOK_DISABLE_AFTER_FAILURES`)."""

    min_days: float = 5.0
    min_failed_messages: int = 3


def should_disable(streak: int, failing_since: datetime | None, now: datetime, rule: DisableRule) -> bool:
    """True when the endpoint's failure streak has lasted long enough to disable it."""
    if failing_since is None or streak < rule.min_failed_messages:
        return False
    return now - failing_since >= timedelta(days=rule.min_days)
