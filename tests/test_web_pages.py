"""The public pages a seller or a company uses, rendered by the server in Indonesian."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from jalin.api import create_app
from jalin.settings import Settings


@pytest.fixture
def client(published):
    with TestClient(create_app(Settings(database_url=published))) as c:
        yield c


def test_price_check_page(client):
    assert "Cek ongkir" in client.get("/").text
    r = client.get(
        "/cek-ongkir",
        params={
            "dari": "jl sudirman kec menteng jakarta pusat",
            "ke": "wamena jayawijaya",
            "berat": "2,5",
            "ukuran": "30x20x10",
        },
    )
    assert r.status_code == 200
    assert "Menteng" in r.text and "Wamena" in r.text and "Rp" in r.text and "WIT" in r.text


def test_price_check_shows_errors_in_indonesian(client):
    r = client.get("/cek-ongkir", params={"dari": "31.71.06", "ke": "95.01.01", "berat": "0"})
    assert "Berat harus lebih dari 0" in r.text
    r = client.get("/cek-ongkir", params={"dari": "kab kolaka", "ke": "95.01.01"})
    assert "Kabupaten Kolaka: pilih salah satu dari" in r.text and "74.01.04" in r.text


def test_application_page(client):
    assert "Permohonan keanggotaan" in client.get("/daftar").text
    form = {
        "legal_name": "PT Kirim Cepat",
        "brand": "Kirim Cepat",
        "nib": "9120000000555",
        "type": "courier",
        "regency_code": "32.73",
        "contact_name": "Sari",
    }
    r = client.post("/daftar", data=form)
    assert "tercatat" in r.text
    r = client.post("/daftar", data={**form, "nib": "123"})
    assert "13 digits" in r.text and 'value="PT Kirim Cepat"' in r.text
