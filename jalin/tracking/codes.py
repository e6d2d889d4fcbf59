"""Carrier status codes -> the vocabulary, by table lookup (as karrio's per-carrier units do).

A carrier keeps its own codes; its feed's `status_codes.csv` (network feed 1.1) says which
status each code means. An event may give `status` itself; when it gives both, the explicit
status wins and the code is kept as the carrier wrote it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from jalin.tracking.vocabulary import EVENT_STATUSES, Status

#: carrier -> {code: status}
CodeTables = Mapping[str, Mapping[str, Status]]


@dataclass(frozen=True, slots=True)
class Mapped:
    """The status an event counts as, and whether its code was looked up in vain."""

    status: Status | None
    unmapped: bool = field(default=False)


def map_event(carrier: str, code: str | None, status: Status | None, tables: CodeTables) -> Mapped:
    """The event's status: the given one, else its code's in the carrier's table, else None
    (unmapped: the event is kept but does not change the shipment's status)."""
    if status is not None:
        return Mapped(status)
    if code is None:
        return Mapped(None)
    found = tables.get(carrier, {}).get(code)
    if found is None or found not in EVENT_STATUSES:
        return Mapped(None, unmapped=True)
    return Mapped(found)


def table_from_rows(rows: list[tuple[str, str]]) -> dict[str, Status]:
    """{code: status} from (code, status) pairs; unknown statuses and repeated codes (the
    validator reports both) are skipped, the first of a repeated code wins."""
    out: dict[str, Status] = {}
    for code, status in rows:
        if code in out:
            continue
        try:
            s = Status(status)
        except ValueError:
            continue
        if s in EVENT_STATUSES:
            out[code] = s
    return out
