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
    "unknown_status": (Severity.ERROR, "Status pelacakan tidak dikenal", "Unknown tracking status"),
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


#: How to fix each kind of problem, in Indonesian, for the carrier's operations staff.
FIX_ID: dict[str, str] = {
    "missing_required_file": "Tambahkan berkas yang disebut ke folder atau .zip feed.",
    "invalid_json": "Perbaiki feed.json: satu objek JSON {...} dengan nilai berupa teks.",
    "invalid_csv": "Simpan ulang sebagai 'CSV UTF-8 (Comma delimited)'; samakan jumlah kolom tiap baris.",
    "invalid_archive": "Buat ulang .zip dari folder feed saja: tanpa path absolut, '..' atau tautan.",
    "missing_required_column": "Tambahkan nama kolom yang disebut ke baris judul (baris 1).",
    "missing_required_field": "Isi nilai yang kosong pada baris dan kolom yang disebut.",
    "invalid_carrier_id": "Pakai 2-16 karakter huruf besar A-Z, angka 0-9 atau _.",
    "invalid_currency": 'Tulis currency "IDR".',
    "invalid_date": "Tulis tanggal sebagai YYYY-MM-DD (atau YYYYMMDD di calendar_dates.csv).",
    "invalid_validity_period": "valid_from harus sebelum atau sama dengan valid_until.",
    "duplicate_key": "Setiap ID hanya boleh muncul sekali; ganti atau hapus baris ganda.",
    "foreign_key_violation": "Rujuk service_id/facility_id yang ada di feed ini, atau tulis area:KODE.",
    "unknown_area_code": "Pakai kode wilayah Kemendagri yang ada; cari dengan 'jalin geo search NAMA'.",
    "invalid_area_reference": "Tulis area:NN, area:NN.NN atau area:NN.NN.NN; area_code fasilitas: NN.NN.NN.",
    "invalid_run_endpoints": "Salah satu ujung rute harus fasilitas; asal tidak boleh sama dengan tujuan.",
    "invalid_days_mask": "Tulis 7 angka 0/1 mulai Senin, misalnya 1111100 untuk hari kerja.",
    "invalid_time": "Tulis jam HH:MM antara 00:00 dan 23:59, waktu setempat asal.",
    "invalid_number": "Tulis angka tanpa pemisah ribuan; desimal memakai titik (2.5).",
    "number_out_of_range": "Periksa batas: berat > 0, durasi > 0, cutoff dan harga >= 0.",
    "invalid_enum_value": "Pakai salah satu nilai yang disebut dalam pesan.",
    "coordinates_outside_indonesia": "Periksa lat/lon (sering tertukar); lat -11.5..6.5, lon 94.5..141.5.",
    "invalid_calendar_exception": "exception_type 1 = tambah tanggal, 2 = hapus tanggal.",
    "unknown_status": "Pakai status kosakata pelacakan: picked_up, departed, arrived, handed_over, "
    "out_for_delivery, delivery_failed, delivered, returning, returned, exception (juga booked, cancelled).",
    "feed_expired": "Terbitkan feed baru dengan valid_until yang belum lewat.",
    "unused_service": "Hapus layanan yang tidak dipakai atau tambahkan rutenya.",
    "isolated_facility": "Tambahkan rute yang menyinggahi fasilitas ini atau hapus fasilitasnya.",
    "no_pickup_coverage": "Tambahkan rute jemput area:KODE -> fasilitas agar paket bisa masuk.",
    "no_delivery_coverage": "Tambahkan rute antar fasilitas -> area:KODE agar paket bisa sampai.",
    "duplicate_run": "Hapus rute kembar atau bedakan hari/jamnya.",
    "implausible_speed": "Periksa durasi dan koordinat: lebih cepat dari 900 km/jam tidak masuk akal.",
    "unexpected_column": "Kolom ini diabaikan; hapus bila tidak diperlukan.",
    "unexpected_file": "Berkas ini diabaikan; hapus bila tidak diperlukan.",
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
