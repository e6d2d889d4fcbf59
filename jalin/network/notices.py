"""Validator notices: one per problem, capped per code (samples kept, every occurrence counted)."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    ERROR = "ERROR"  # the contract is broken; the feed cannot be published
    WARNING = "WARNING"  # legal but suspicious
    INFO = "INFO"


#: Every notice code with its severity and a short Indonesian / English title for reports.
CODES: dict[str, tuple[Severity, str, str]] = {
    "missing_required_file": (Severity.ERROR, "Berkas wajib tidak ada", "Required file missing"),
    "invalid_json": (Severity.ERROR, "JSON tidak valid", "Invalid JSON"),
    "invalid_csv": (Severity.ERROR, "CSV tidak terbaca", "Unreadable CSV"),
    "invalid_archive": (Severity.ERROR, "Arsip feed tidak aman atau rusak", "Unsafe or broken archive"),
    "missing_required_column": (Severity.ERROR, "Kolom wajib tidak ada", "Required column missing"),
    "missing_required_field": (Severity.ERROR, "Isian wajib kosong", "Required field empty"),
    "invalid_carrier_id": (Severity.ERROR, "carrier_id tidak valid", "Invalid carrier_id"),
    "invalid_currency": (Severity.ERROR, "Mata uang bukan IDR", "Currency is not IDR"),
    "invalid_date": (Severity.ERROR, "Tanggal tidak valid", "Invalid date"),
    "invalid_validity_period": (Severity.ERROR, "Masa berlaku terbalik", "Validity period reversed"),
    "duplicate_key": (Severity.ERROR, "ID ganda", "Duplicate key"),
    "foreign_key_violation": (Severity.ERROR, "Rujukan ke ID yang tidak ada", "Reference to a missing id"),
    "unknown_area_code": (Severity.ERROR, "Kode wilayah tidak dikenal", "Unknown area code"),
    "invalid_area_reference": (Severity.ERROR, "Rujukan wilayah salah bentuk", "Malformed area reference"),
    "invalid_run_endpoints": (Severity.ERROR, "Asal/tujuan rute tidak sah", "Invalid run endpoints"),
    "invalid_days_mask": (Severity.ERROR, "Pola hari tidak valid", "Invalid days mask"),
    "invalid_time": (Severity.ERROR, "Jam tidak valid", "Invalid time"),
    "invalid_number": (Severity.ERROR, "Angka tidak valid", "Invalid number"),
    "number_out_of_range": (Severity.ERROR, "Angka di luar batas", "Number out of range"),
    "invalid_enum_value": (Severity.ERROR, "Nilai tidak dikenal", "Unknown value"),
    "coordinates_outside_indonesia": (
        Severity.ERROR,
        "Koordinat di luar Indonesia",
        "Coordinates outside Indonesia",
    ),
    "invalid_calendar_exception": (Severity.ERROR, "Pengecualian kalender tidak valid", "Invalid exception"),
    "feed_expired": (Severity.WARNING, "Feed sudah kedaluwarsa", "Feed expired"),
    "unused_service": (Severity.WARNING, "Layanan tanpa rute", "Service without runs"),
    "isolated_facility": (Severity.WARNING, "Fasilitas tanpa rute", "Facility without runs"),
    "no_pickup_coverage": (Severity.WARNING, "Tidak ada rute jemput", "No pickup coverage"),
    "no_delivery_coverage": (Severity.WARNING, "Tidak ada rute antar", "No delivery coverage"),
    "duplicate_run": (Severity.WARNING, "Rute kembar", "Duplicate run"),
    "implausible_speed": (Severity.WARNING, "Kecepatan tidak masuk akal", "Implausible speed"),
    "unexpected_column": (Severity.INFO, "Kolom tambahan", "Unexpected column"),
    "unexpected_file": (Severity.INFO, "Berkas tambahan", "Unexpected file"),
}


@dataclass(frozen=True, slots=True)
class Notice:
    code: str
    severity: Severity
    file: str | None
    line: int | None
    field: str | None
    message: str

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["severity"] = self.severity.value
        return d


class NoticeLog:
    """Collects notices; keeps at most `samples_per_code` of each code but counts them all."""

    def __init__(self, samples_per_code: int = 100) -> None:
        self.samples_per_code = samples_per_code
        self.samples: list[Notice] = []
        self.totals: Counter[str] = Counter()

    def add(
        self,
        code: str,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        severity = CODES[code][0]
        self.totals[code] += 1
        if self.totals[code] <= self.samples_per_code:
            self.samples.append(Notice(code, severity, file, line, field, message))

    def count(self, severity: Severity) -> int:
        return sum(n for code, n in self.totals.items() if CODES[code][0] == severity)

    @property
    def has_errors(self) -> bool:
        return self.count(Severity.ERROR) > 0
