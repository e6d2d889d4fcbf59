"""The public pages a seller or a company uses, rendered by the server in Indonesian."""

from __future__ import annotations

import re

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


def test_both_places_are_checked_at_once_and_a_city_is_a_choice_of_districts(client, atlas):
    r = client.get("/cek-ongkir", params={"dari": "kota kendari", "ke": "pekanbaru", "berat": "0"})
    assert r.status_code == 200
    for code in [d.code for d in atlas.children("74.71")] + [d.code for d in atlas.children("14.71")]:
        assert f"={code}&amp;" in r.text or f"={code}&" in r.text or f'={code}"' in r.text
    assert "Kota Kendari: pilih salah satu dari 11 kecamatannya" in r.text
    assert "Kota Pekanbaru: pilih salah satu dari 15 kecamatannya" in r.text
    assert "Berat harus lebih dari 0" in r.text


def test_results_have_badges_days_pickup_and_carrier_names(client):
    params = {"dari": "31.71.06", "ke": "95.01.01", "berat": "1"}
    text = client.get("/cek-ongkir", params=params).text
    assert "tercepat" in text and "termurah" in text and "Dijemput mulai" in text, text
    assert re.search(r"\d+ hari|hari ini", text)
    only_one = client.get("/cek-ongkir", params={**params, "serah": "0"}).text
    assert "serah terima antarkurir" not in only_one.split('<ol class="options">')[1]


@pytest.mark.parametrize("path", ["/", "/daftar", "/docs", "/redoc", "/cek-ongkir?dari=kota+kendari&ke=x"])
def test_pages_load_nothing_from_elsewhere_and_carry_no_inline_script_or_style(client, path):
    html = client.get(path).text
    assert "<style" not in html and " style=" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline script"
    assert not re.search(r"\son[a-z]+=", html), "inline event handler"
    for url in re.findall(r'(?:src|href)="([^"]+)"', html):
        assert url.startswith(("/", "?")), url


def test_docs_assets_are_served_from_the_package(client):
    for path in [
        "/static/vendor/swagger-ui/swagger-ui-bundle.js",
        "/static/vendor/swagger-ui/swagger-ui.css",
        "/static/vendor/swagger-ui/LICENSE",
        "/static/vendor/redoc/redoc.standalone.js",
        "/static/vendor/redoc/LICENSE",
        "/static/swagger-init.js",
        "/static/jalin.css",
    ]:
        assert client.get(path).status_code == 200, path
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in client.get("/docs").text


def test_membership_form_takes_a_regency_by_name(client):
    form = {
        "legal_name": "PT Antar Cepat",
        "brand": "Antar Cepat",
        "nib": "9120000000777",
        "type": "courier",
        "regency": "bandung",
        "contact_name": "Dewi",
    }
    r = client.post("/daftar", data=form)
    assert 'value="32.73"' in r.text and 'value="32.04"' in r.text
    assert "/v1/" not in r.text
    r = client.post("/daftar", data={**form, "regency": "Kota Bandung"})
    assert "tercatat" in r.text and "DPW Jawa Barat" in r.text
