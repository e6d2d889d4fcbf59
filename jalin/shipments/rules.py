"""Field rules and state rules of a booking, free of HTTP and storage.

Each check raises `JalinError` with a `ShipmentErrorCode`, the field it concerns and one
sentence in Indonesian, then English, naming what is wrong and how to fix it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from jalin.errors import JalinError
from jalin.shipments.model import CUSTODY, Party, ShipmentErrorCode, ShipmentStatus

MAX_TEXT = 200
MAX_AMOUNT = 1_000_000_000  # rupiah: COD and declared value above this are typing mistakes
MAX_REFERENCE = 100
IDEMPOTENCY_KEY = re.compile(r"^[\x20-\x7e]{1,255}$")
CARRIER_REF = re.compile(r"^[\x21-\x7e]{1,64}$")
#: An Indonesian mobile number after the country code: 8, then 8 to 11 more digits.
_MOBILE = re.compile(r"^8[1-9][0-9]{7,10}$")
_PHONE_NOISE = re.compile(r"[\s\-().]")


def _fail(code: ShipmentErrorCode, field: str, message: str, **extra: Any) -> JalinError:
    return JalinError(code, message, field=field, **extra)


def phone_e164(value: object, field: str) -> str:
    """An Indonesian mobile number (`08...`, `+628...`, `628...`; spaces, dots, dashes allowed)
    as E.164 (`+628...`)."""
    text = _PHONE_NOISE.sub("", value) if isinstance(value, str) else ""
    if text.startswith("+62"):
        rest = text[3:]
    elif text.startswith("62"):
        rest = text[2:]
    elif text.startswith("0"):
        rest = text[1:]
    else:
        rest = ""
    if not _MOBILE.match(rest):
        raise _fail(
            ShipmentErrorCode.INVALID_PHONE,
            field,
            f"Nomor telepon '{value}' bukan nomor seluler Indonesia; tulis seperti 081234567890 atau "
            f"+6281234567890. / Phone '{value}' is not an Indonesian mobile number; write it like "
            "081234567890 or +6281234567890.",
        )
    return "+62" + rest


def text_field(value: object, field: str, *, max_len: int = MAX_TEXT, required: bool = True) -> str | None:
    """Trimmed text of 1..max_len characters without control characters (None when optional and absent)."""
    if value is None and not required:
        return None
    text = value.strip() if isinstance(value, str) else None
    if text is None or not text or len(text) > max_len or any(ord(c) < 32 for c in text):
        if not required and text == "":
            return None
        raise _fail(
            ShipmentErrorCode.INVALID_TEXT,
            field,
            f"{field} harus diisi 1 sampai {max_len} karakter tanpa karakter kontrol. / {field} must be "
            f"1 to {max_len} characters without control characters.",
        )
    return text


def party(value: object, field: str) -> Party:
    """Shipper or recipient: name and address 1-200 characters, an Indonesian phone."""
    if not isinstance(value, dict):
        raise _fail(
            ShipmentErrorCode.INVALID_PARTY,
            field,
            f"{field} harus berisi name, phone dan address. / {field} needs name, phone and address.",
        )
    name = text_field(value.get("name"), f"{field}.name")
    address = text_field(value.get("address"), f"{field}.address")
    assert name is not None and address is not None
    return Party(name, phone_e164(value.get("phone"), f"{field}.phone"), address)


def amount(value: object, field: str) -> int:
    """Whole rupiah, 0 or more (0 = none)."""
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_AMOUNT:
        raise _fail(
            ShipmentErrorCode.INVALID_AMOUNT,
            field,
            f"{field} harus bilangan bulat rupiah antara 0 dan {MAX_AMOUNT}, mis. 150000; didapat {value!r}. "
            f"/ {field} must be whole rupiah between 0 and {MAX_AMOUNT}, e.g. 150000; got {value!r}.",
        )
    return value


def idempotency_key(value: str | None) -> str:
    """The `Idempotency-Key` header: required, 1-255 printable ASCII characters."""
    if value is None:
        raise _fail(
            ShipmentErrorCode.IDEMPOTENCY_KEY_MISSING,
            "Idempotency-Key",
            "Header Idempotency-Key wajib untuk pemesanan, mis. UUID baru per kiriman; kirim ulang "
            "dengan kunci yang sama bila koneksi putus. / The Idempotency-Key header is required for "
            "bookings, e.g. a new UUID per shipment; retry with the same key if the connection drops.",
        )
    if not IDEMPOTENCY_KEY.match(value):
        raise _fail(
            ShipmentErrorCode.INVALID_IDEMPOTENCY_KEY,
            "Idempotency-Key",
            "Idempotency-Key harus 1-255 karakter ASCII yang tercetak. / Idempotency-Key must be "
            "1-255 printable ASCII characters.",
        )
    return value


def request_fingerprint(body: Any) -> str:
    """sha256 of the request body in canonical JSON: equal bodies, equal fingerprints."""
    import json

    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def may_cancel(status: ShipmentStatus) -> bool:
    """A booking can be cancelled until an event shows a carrier has the parcel."""
    return status not in CUSTODY


def manifest_id(facility: str, day: date, from_carrier: str, to_carrier: str) -> str:
    """The one manifest of (receiving facility, local date, giving carrier, receiving carrier):
    `MF-YYYYMMDD-` and 10 hex digits of a hash of the rest, URL-safe and stable."""
    digest = hashlib.sha256(f"{facility}\x1f{from_carrier}\x1f{to_carrier}".encode()).hexdigest()[:10]
    return f"MF-{day:%Y%m%d}-{digest.upper()}"


@dataclass(frozen=True, slots=True)
class ScanResult:
    """What one confirmation does: numbers to complete now, and the discrepancies."""

    complete: tuple[str, ...]  # on the manifest, scanned, not completed before
    already: tuple[str, ...]  # on the manifest, scanned, completed before (nothing changes)
    missing: tuple[str, ...]  # on the manifest, not completed, not scanned
    unexpected: tuple[str, ...]  # scanned, not on the manifest (or cancelled there)


def reconcile(lines: dict[str, str], scanned: list[str]) -> ScanResult:
    """Compare a manifest's lines (number -> handover status) with the scanned numbers.

    Scans are normalised and de-duplicated; a cancelled line counts as not on the manifest.
    Confirming the same scans twice gives the same missing and unexpected and completes nothing new.
    """
    seen: list[str] = []
    for s in scanned:
        if s not in seen:
            seen.append(s)
    live = {n: s for n, s in lines.items() if s != "cancelled"}
    complete = tuple(n for n in seen if live.get(n) == "planned")
    already = tuple(n for n in seen if live.get(n) == "completed")
    unexpected = tuple(n for n in seen if n not in live)
    missing = tuple(sorted(n for n, s in live.items() if s == "planned" and n not in seen))
    return ScanResult(complete, already, missing, unexpected)


def local_date(instant: datetime, tz: Any) -> date:
    """The local calendar date of an instant in a place's zone."""
    return instant.astimezone(tz).date()
