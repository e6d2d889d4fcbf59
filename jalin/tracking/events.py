"""The rules one posted event must meet before Jalin looks anything up (tracking-v1, Ingest).

`parse` turns a JSON object into an `EventInput` or a `Rejection` with a stable code and one
sentence (Indonesian, then English) naming the field and the fix. Nothing here reads storage:
whether the shipment, the leg and the location exist is the service's business.

Rules:
- `event_id`: 1-128 printable ASCII characters (the carrier's own id; unique per carrier).
- `number`: the master number or the carrier's `carrier_ref` (1-64 characters).
- `occurred_at`: ISO 8601 with an offset, not more than `MAX_AHEAD` (10 minutes) after now,
  not before `EARLIEST`.
- `code` (1-64 characters) or `status` (a word of the vocabulary a carrier may report), at
  least one.
- `location` (optional): up to 100 characters, a district code or a facility id.
- `description` <= 500, `reason` and `received_by` <= 200 characters; `cod_collected` whole
  rupiah >= 0; `carrier` (admins only) 2-16 characters.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from jalin.tracking.vocabulary import EVENT_STATUSES, EventCode, Status

#: How far ahead of Jalin's clock an event may claim to have happened (carriers' clocks drift).
MAX_AHEAD = timedelta(minutes=10)
#: Nothing Jalin tracks happened before this.
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
MAX_COD = 1_000_000_000

_PRINTABLE = re.compile(r"^[\x21-\x7e]+$")


@dataclass(frozen=True, slots=True)
class EventInput:
    """One posted event, checked; `occurred_at` keeps the offset it was written with."""

    event_id: str
    number: str
    code: str | None
    status: Status | None
    occurred_at: datetime
    location: str | None
    description: str | None
    reason: str | None
    received_by: str | None
    cod_collected: int | None
    carrier: str | None  # admins name the carrier the event belongs to

    def fingerprint(self, master_number: str) -> str:
        """sha256 of what the event says (not of how it named the shipment): equal content,
        equal fingerprint, so a resend is a duplicate and a changed resend a conflict."""
        doc = [
            master_number,
            self.code,
            self.status.value if self.status else None,
            self.occurred_at.astimezone(UTC).isoformat(),
            self.location,
            self.description,
            self.reason,
            self.received_by,
            self.cod_collected,
        ]
        return hashlib.sha256(json.dumps(doc, ensure_ascii=False).encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class Rejection:
    code: EventCode
    message: str


def _text(raw: dict[str, Any], key: str, max_len: int) -> str | None:
    """Optional trimmed text; raises ValueError naming the key when it is not."""
    value = raw.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > max_len or any(ord(c) < 32 for c in value):
        raise ValueError(key)
    value = value.strip()
    return value or None


def _bad(field: str, rule: str, rule_en: str) -> Rejection:
    return Rejection(EventCode.INVALID_EVENT, f"{field}: {rule}. / {field}: {rule_en}.")


def occurred_at(value: object, now: datetime) -> datetime | Rejection:
    """The instant with its offset, or `invalid_time`."""
    try:
        if not isinstance(value, str) or len(value) > 40:
            raise ValueError
        dt = datetime.fromisoformat(value)
    except ValueError:
        return Rejection(
            EventCode.INVALID_TIME,
            f"occurred_at '{value}' harus waktu ISO 8601 dengan offset, mis. 2026-12-02T14:05:00+08:00. / "
            f"occurred_at '{value}' must be ISO 8601 with an offset, e.g. 2026-12-02T14:05:00+08:00.",
        )
    if dt.tzinfo is None or dt.utcoffset() is None:
        return Rejection(
            EventCode.INVALID_TIME,
            f"occurred_at '{value}' tanpa offset; tambahkan +07:00 (WIB), +08:00 (WITA) atau +09:00 "
            f"(WIT). / occurred_at '{value}' has no offset; add +07:00, +08:00 or +09:00.",
        )
    if dt > now + MAX_AHEAD:
        return Rejection(
            EventCode.INVALID_TIME,
            f"occurred_at {value} lebih dari 10 menit di masa depan; periksa jam perangkat. / "
            f"occurred_at {value} is more than 10 minutes in the future; check the device clock.",
        )
    if dt < EARLIEST:
        return Rejection(
            EventCode.INVALID_TIME,
            f"occurred_at {value} sebelum tahun 2000. / occurred_at {value} is before 2000.",
        )
    return dt


def parse(raw: object, now: datetime) -> EventInput | Rejection:
    """Check one posted event against the rules in the module docstring."""
    if not isinstance(raw, dict):
        return Rejection(
            EventCode.INVALID_EVENT,
            "Setiap event harus objek JSON. / Each event must be a JSON object.",
        )
    event_id = raw.get("event_id")
    if not isinstance(event_id, str) or not 1 <= len(event_id) <= 128 or not _PRINTABLE.match(event_id):
        return _bad(
            "event_id",
            "wajib, 1-128 karakter ASCII tanpa spasi",
            "required, 1-128 ASCII characters without spaces",
        )
    number = raw.get("number")
    if not isinstance(number, str) or not 1 <= len(number.strip()) <= 64:
        return _bad("number", "wajib: nomor induk atau resi kurir", "required: master number or carrier_ref")
    when = occurred_at(raw.get("occurred_at"), now)
    if isinstance(when, Rejection):
        return when
    try:
        code = _text(raw, "code", 64)
        location = _text(raw, "location", 100)
        description = _text(raw, "description", 500)
        reason = _text(raw, "reason", 200)
        received_by = _text(raw, "received_by", 200)
        carrier = _text(raw, "carrier", 16)
    except ValueError as exc:
        limits = {"code": 64, "location": 100, "description": 500, "carrier": 16}
        n = limits.get(str(exc), 200)
        return _bad(str(exc), f"teks paling banyak {n} karakter", f"text of at most {n} characters")
    status: Status | None = None
    given = raw.get("status")
    if given is not None:
        try:
            status = Status(given) if isinstance(given, str) else None
        except ValueError:
            status = None
        if status is None or status not in EVENT_STATUSES:
            allowed = ", ".join(sorted(s.value for s in EVENT_STATUSES))
            return Rejection(
                EventCode.INVALID_STATUS,
                f"status '{given}' tidak dikenal; pakai salah satu dari: {allowed}. / Unknown status "
                f"'{given}'; use one of: {allowed}.",
            )
    if code is None and status is None:
        return Rejection(
            EventCode.MISSING_CODE_OR_STATUS,
            "Beri code (kode status kurir) atau status. / Give code (the carrier's status code) or status.",
        )
    cod = raw.get("cod_collected")
    if cod is not None and (isinstance(cod, bool) or not isinstance(cod, int) or not 0 <= cod <= MAX_COD):
        return _bad("cod_collected", "rupiah bulat 0 atau lebih", "whole rupiah, 0 or more")
    return EventInput(
        event_id=event_id,
        number=number.strip(),
        code=code,
        status=status,
        occurred_at=when,
        location=location,
        description=description,
        reason=reason,
        received_by=received_by,
        cod_collected=cod,
        carrier=carrier.upper() if carrier else None,
    )
