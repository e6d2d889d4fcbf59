"""Realistic carrier status codes for the synthetic generator (feed 1.1 `status_codes.csv`).

Indonesian carriers each keep their own codes: operational numbers with a prefix, English
mnemonics, Indonesian words, bare numbers. Each generated carrier gets one style, picked from
its carrier_id (stable: no random draws, so a seed's network keeps its shape), with several
codes for the same status where carriers distinguish reasons (failed attempts, exceptions).
"""

from __future__ import annotations

import hashlib

from jalin.network.model import StatusCode

_STYLES: tuple[tuple[tuple[str, str, str], ...], ...] = (
    (  # operational numbers with a prefix
        ("OP-01", "picked_up", "Paket diambil dari pengirim"),
        ("OP-10", "departed", "Paket diberangkatkan dari gudang"),
        ("OP-21", "arrived", "Paket tiba di hub"),
        ("OP-22", "arrived", "Paket tiba di agen tujuan"),
        ("OP-30", "handed_over", "Paket diserahkan ke mitra kurir"),
        ("OP-40", "out_for_delivery", "Paket dibawa kurir untuk diantar"),
        ("OP-51", "delivery_failed", "Gagal antar: alamat tidak ditemukan"),
        ("OP-52", "delivery_failed", "Gagal antar: penerima tidak di tempat"),
        ("OP-60", "delivered", "Paket diterima"),
        ("OP-70", "returning", "Paket dalam proses retur"),
        ("OP-71", "returned", "Paket retur diterima pengirim"),
        ("OP-90", "exception", "Paket tertahan"),
        ("OP-91", "exception", "Paket rusak"),
    ),
    (  # English mnemonics
        ("PICKUP", "picked_up", "Picked up from shipper"),
        ("DEPART", "departed", "Departed from sorting center"),
        ("ARRIVE", "arrived", "Arrived at sorting center"),
        ("TRANSFER", "handed_over", "Transferred to partner carrier"),
        ("DELIVERING", "out_for_delivery", "Out for delivery"),
        ("PROBLEM", "delivery_failed", "Delivery attempt failed"),
        ("SIGNED", "delivered", "Signed by recipient"),
        ("RETURN", "returning", "Returning to shipper"),
        ("RETURNED", "returned", "Returned to shipper"),
        ("HOLD", "exception", "On hold"),
        ("DAMAGED", "exception", "Damaged"),
    ),
    (  # Indonesian words
        ("DIAMBIL", "picked_up", "Kiriman diambil"),
        ("DIKIRIM", "departed", "Kiriman dikirim"),
        ("TIBA", "arrived", "Kiriman tiba"),
        ("DISERAHKAN", "handed_over", "Diserahkan ke kurir lain"),
        ("ANTAR", "out_for_delivery", "Kiriman diantar"),
        ("GAGAL-ALAMAT", "delivery_failed", "Gagal antar: alamat kurang lengkap"),
        ("GAGAL-TUTUP", "delivery_failed", "Gagal antar: rumah tutup"),
        ("DITERIMA", "delivered", "Kiriman diterima"),
        ("RETUR", "returning", "Kiriman diretur"),
        ("KEMBALI", "returned", "Kiriman kembali ke pengirim"),
        ("TERTAHAN", "exception", "Kiriman tertahan"),
    ),
    (  # bare numbers
        ("100", "picked_up", "Pickup"),
        ("200", "departed", "Keluar gerai"),
        ("210", "arrived", "Masuk gerai"),
        ("250", "handed_over", "Serah terima mitra"),
        ("300", "out_for_delivery", "Dengan kurir"),
        ("410", "delivery_failed", "Antar ulang"),
        ("500", "delivered", "Terkirim"),
        ("600", "returning", "Proses retur"),
        ("610", "returned", "Retur selesai"),
        ("900", "exception", "Bermasalah"),
    ),
)


def style_of(carrier_id: str) -> int:
    """Which style a carrier gets (0-3), stable for its carrier_id."""
    return hashlib.sha256(carrier_id.encode()).digest()[0] % len(_STYLES)


def status_codes_for(carrier_id: str) -> list[StatusCode]:
    """The carrier's status_codes.csv rows."""
    return [StatusCode(code, status, text) for code, status, text in _STYLES[style_of(carrier_id)]]
