"""Tracking (tracking-v1): the status vocabulary, carrier code mapping, event rules, the
timeline with custody per leg, the ETA rule and the EPCIS 2.0 mapping.

Pure domain code: no framework, no storage. Services (`jalin.services.tracking`) combine these
rules with storage in one unit of work.
"""

from jalin.tracking.codes import CodeTables, Mapped, map_event, table_from_rows
from jalin.tracking.events import MAX_AHEAD, EventInput, Rejection, parse
from jalin.tracking.timeline import Custody, Moment, custody, ordered, shipment_status
from jalin.tracking.vocabulary import (
    EVENT_STATUSES,
    MEANING,
    EventCode,
    Outcome,
    Status,
    TrackingErrorCode,
    aftership_tag,
)

#: At most this many events in one `POST /v1/events`.
MAX_BATCH = 1000

__all__ = [
    "EVENT_STATUSES",
    "MAX_AHEAD",
    "MAX_BATCH",
    "MEANING",
    "CodeTables",
    "Custody",
    "EventCode",
    "EventInput",
    "Mapped",
    "Moment",
    "Outcome",
    "Rejection",
    "Status",
    "TrackingErrorCode",
    "aftership_tag",
    "custody",
    "map_event",
    "ordered",
    "parse",
    "shipment_status",
    "table_from_rows",
]
