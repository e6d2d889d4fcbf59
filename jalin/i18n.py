"""Operator-facing text in Bahasa Indonesia (default) and English (`JALIN_LANG=en`)."""

from __future__ import annotations

import os
from datetime import datetime

_MESSAGES: dict[str, dict[str, str]] = {
    "db.upgraded": {
        "id": "Basis data mutakhir (revisi {rev}).",
        "en": "Database is up to date (revision {rev}).",
    },
    "geo.loaded": {
        "id": "Geografi: {provinces} provinsi, {regencies} kabupaten/kota, {districts} kecamatan, "
        "{villages} kelurahan/desa, {postal} kode pos.",
        "en": "Geography: {provinces} provinces, {regencies} regencies/cities, {districts} districts, "
        "{villages} villages, {postal} postal codes.",
    },
    "geo.points": {
        "id": "Titik koordinat: {exact} kecamatan cocok nama, {approx} perkiraan (dari kabupaten/provinsi).",
        "en": "Coordinates: {exact} districts matched by name, {approx} approximate (regency/province).",
    },
    "geo.stored": {"id": "Tabel wilayah: {added} baris baru.", "en": "Regions table: {added} new rows."},
    "geo.unknown": {"id": "Kode wilayah {code} tidak dikenal.", "en": "Unknown region code {code}."},
    "geo.no_match": {"id": "Tidak ada wilayah bernama '{q}'.", "en": "No region named '{q}'."},
    "serve.at": {
        "id": "Jalin berjalan di http://{host}:{port} (cek ongkir: /, daftar anggota: /daftar, API: /docs). "
        "Tekan Ctrl-C untuk berhenti.",
        "en": "Jalin serving on http://{host}:{port} (price check: /, apply: /daftar, API docs: /docs). "
        "Press Ctrl-C to stop.",
    },
    "resolve.outside": {
        "id": "{place} tidak terletak di {scope} yang disebut dalam alamat.",
        "en": "{place} does not lie in {scope}, which the address names.",
    },
    "resolve.renamed": {
        "id": "Kecamatan {old} ({regency}) kini bernama {new} (sumber: {source}).",
        "en": "District {old} ({regency}) is now called {new} (source: {source}).",
    },
    "resolve.split": {
        "id": "Kecamatan {old} ({regency}) sudah dimekarkan menjadi {new} (sumber: {source}): "
        "pilih salah satunya.",
        "en": "District {old} ({regency}) was split into {new} (source: {source}): choose one of them.",
    },
    "resolve.choose": {
        "id": "Alamat hanya cocok sampai {place}: pilih salah satu dari {count} {level}nya.",
        "en": "The address only matches {place}: choose one of its {count} {level} entries.",
    },
    "resolve.nothing_known": {
        "id": "Tidak ada nama wilayah yang dikenali dalam alamat ini.",
        "en": "No region name in this address is known.",
    },
    "confidence.high": {"id": "tinggi", "en": "high"},
    "confidence.medium": {"id": "sedang", "en": "medium"},
    "confidence.low": {"id": "rendah", "en": "low"},
    "confidence.none": {"id": "tidak cocok", "en": "none"},
    "quote.invalid_weight": {
        "id": "Berat harus lebih dari 0 dan paling banyak 1.000 kg, misalnya 2,5.",
        "en": "Weight must be more than 0 and at most 1,000 kg, e.g. 2.5.",
    },
    "quote.invalid_dimensions": {
        "id": "Ukuran ditulis panjang x lebar x tinggi dalam cm, misalnya 30x20x10.",
        "en": "Size is length x width x height in cm, e.g. 30x20x10.",
    },
    "quote.invalid_ready_at": {
        "id": "Waktu siap harus memakai zona waktu, misalnya 2026-11-27T09:00+07:00.",
        "en": "The ready time needs its time zone, e.g. 2026-11-27T09:00+07:00.",
    },
    "quote.invalid_max_handovers": {
        "id": "Serah terima maksimum antara 0 dan 4.",
        "en": "Maximum handovers is between 0 and 4.",
    },
    "quote.invalid_handover_minutes": {
        "id": "Waktu serah terima antara 0 dan 1.440 menit.",
        "en": "Handover time is between 0 and 1,440 minutes.",
    },
    "quote.unknown_place": {
        "id": "Alamat tidak dikenali: tulis nama kecamatan/kelurahan atau kode pos.",
        "en": "Address not recognised: give the district/village name or the postal code.",
    },
    "quote.ambiguous_place": {
        "id": "Alamat cocok dengan beberapa tempat: pilih kecamatan yang dimaksud.",
        "en": "The address matches several places: choose the district you mean.",
    },
    "quote.field.from": {"id": "Asal", "en": "From"},
    "quote.field.to": {"id": "Tujuan", "en": "To"},
    "quote.candidates": {
        "id": "Pilih salah satu dan ulangi dengan kodenya, misalnya --{flag} {code}",
        "en": "Choose one and repeat with its code, e.g. --{flag} {code}",
    },
    "col.regency": {"id": "Kabupaten/kota", "en": "Regency/city"},
    "col.province": {"id": "Provinsi", "en": "Province"},
    "col.code": {"id": "Kode", "en": "Code"},
    "col.name": {"id": "Nama", "en": "Name"},
    "col.level": {"id": "Tingkat", "en": "Level"},
    "col.place": {"id": "Wilayah", "en": "Place"},
    "col.district": {"id": "Kecamatan", "en": "District"},
    "col.village": {"id": "Kel/Desa", "en": "Village"},
    "col.confidence": {"id": "Keyakinan", "en": "Confidence"},
    "col.zone": {"id": "Zona", "en": "Zone"},
    "col.notes": {"id": "Catatan", "en": "Notes"},
    "level.province": {"id": "provinsi", "en": "province"},
    "level.regency": {"id": "kabupaten/kota", "en": "regency/city"},
    "level.district": {"id": "kecamatan", "en": "district"},
    "level.village": {"id": "kelurahan/desa", "en": "village"},
    "file.missing": {"id": "Berkas {path} tidak ada.", "en": "File {path} does not exist."},
    "resolve.nothing": {
        "id": "Tidak ada alamat: berikan TEXT atau --file.",
        "en": "No address given: pass TEXT or --file.",
    },
}


def lang() -> str:
    return "en" if os.environ.get("JALIN_LANG", "id").lower().startswith("en") else "id"


def t(key: str, **values: object) -> str:
    """The message `key` in the operator's language, formatted with `values`."""
    return _MESSAGES[key][lang()].format(**values)


_DAYS = ["Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min"]
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]
_ZONES = {7: "WIB", 8: "WITA", 9: "WIT"}


def when(iso: str) -> str:
    """'Sen 30 Nov 10:00 WIT' from an ISO instant carrying its local offset."""
    dt = datetime.fromisoformat(iso)
    offset = dt.utcoffset()
    zone = _ZONES.get(int(offset.total_seconds() // 3600), "") if offset is not None else ""
    return f"{_DAYS[dt.weekday()]} {dt.day} {_MONTHS[dt.month - 1]} {dt:%H:%M} {zone}".strip()


def thousands(n: int) -> str:
    """12.500: the Indonesian thousands separator."""
    return f"{n:,}".replace(",", ".")


def rupiah(amount: int) -> str:
    """Rp12.500."""
    return "Rp" + thousands(amount)
