"""The retry schedule: after a failed attempt, wait, then try again; after the last, give up.

The default (tracking-v1): 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, so a message is tried
eight times over about 27.6 hours before it is marked failed.
"""

from __future__ import annotations

DEFAULT_SCHEDULE: tuple[float, ...] = (5, 300, 1800, 7200, 18000, 36000, 36000)


def parse_schedule(text: str) -> tuple[float, ...]:
    """`"5,300,1800"` -> (5.0, 300.0, 1800.0): seconds, comma separated, each >= 0.

    An empty text means no retries (one attempt). Raises ValueError naming the bad entry.
    """
    out: list[float] = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        try:
            value = float(part)
        except ValueError:
            raise ValueError(f"retry delay '{part}' is not a number of seconds") from None
        if not value >= 0 or value == float("inf"):
            raise ValueError(f"retry delay '{part}' must be a finite number of seconds >= 0")
        out.append(value)
    return tuple(out)


def next_delay(attempts_made: int, schedule: tuple[float, ...]) -> float | None:
    """Seconds to wait after the `attempts_made`-th failed attempt, or None: give up (failed)."""
    if attempts_made < 1:
        raise ValueError("attempts_made counts the attempts already made (>= 1)")
    index = attempts_made - 1
    return schedule[index] if index < len(schedule) else None
