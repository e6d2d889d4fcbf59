"""`/direktori`, the public member directory: what a seller looking for a courier sees, on both
databases. Members are made over the API as the DPP would; the page is read as the public."""

from __future__ import annotations

import re

import pytest

from tests.portal_world import new_client, portal_world
from tests.registry_world import company

__all__ = ["portal_world"]

#: (brand, carrier, regency, type); Kota Bandung and Kab. Bogor are in Jawa Barat, Kendari not.
COMPANIES = [
    ("Kilat Bandung", "KILATBDG", "32.73", "courier"),
    ("Pos Priangan", None, "32.73", "post"),
    ("Bogor Ekspres", "BGREKS", "32.01", "express"),
    ("Kendari Logistik", "KDILOG", "74.71", "logistics"),
    ("Anoa Kargo", None, "74.71", "freight_forwarder"),
]
SECRET = {"contact_name": "Sri Wahyuni", "contact_email": "sri@rahasia.co.id", "contact_phone": "0812999888"}


@pytest.fixture
def directory(portal_world):  # type: ignore[no-untyped-def]
    headers = {"X-API-Key": portal_world.admin_key}
    with new_client(portal_world.db_url) as c:
        for n, (brand, carrier, regency, kind) in enumerate(COMPANIES):
            body = {**company(f"913000000{n:04d}", carrier, regency, brand), **SECRET, "type": kind}
            r = c.post("/v1/members", headers=headers, json=body)
            assert r.status_code == 201, r.text
        suspended = c.post(
            "/v1/members", headers=headers, json=company("9120000009999", None, "32.73", "Dibekukan Kurir")
        ).json()["id"]
        r = c.patch(f"/v1/members/{suspended}/status", headers=headers, json={"status": "suspended"})
        assert r.status_code == 200, r.text
        yield c


def brands(html: str) -> list[str]:
    return re.findall(r"<h3>([^<]+)</h3>", html)


def test_lists_every_active_member_with_region_and_type_and_nothing_private(directory):
    r = directory.get("/direktori")
    assert r.status_code == 200
    shown = brands(r.text)
    # TESTX's "Satu" (the portal world's member) is active too; the suspended one is not listed.
    assert sorted(shown) == sorted([c[0] for c in COMPANIES] + ["Satu"])
    assert "Dibekukan Kurir" not in r.text
    for private in (*SECRET.values(), "PT Kilat Bandung", "913000000"):
        assert private not in r.text
    card = r.text.split("<h3>Kendari Logistik</h3>")[1].split("</li>")[0]
    assert "Logistik" in card and "KDILOG" in card and "Kota Kendari, Sulawesi Tenggara" in card
    assert "6 anggota aktif" in r.text
    # The same members the API publishes, no more.
    api = directory.get("/v1/directory").json()["items"]
    assert sorted(e["brand"] for e in api) == sorted(shown)


def test_search_by_name_or_carrier_code_any_case(directory):
    assert brands(directory.get("/direktori", params={"cari": "kilat"}).text) == ["Kilat Bandung"]
    assert brands(directory.get("/direktori", params={"cari": "bgreks"}).text) == ["Bogor Ekspres"]
    assert brands(directory.get("/direktori", params={"cari": "logistik kendari"}).text) == [
        "Kendari Logistik"
    ]
    none = directory.get("/direktori", params={"cari": "tidak ada"})
    assert brands(none.text) == [] and "Tidak ada anggota yang cocok" in none.text


def test_filter_by_province_regency_and_type(directory):
    jabar = brands(directory.get("/direktori", params={"provinsi": "32"}).text)
    assert sorted(jabar) == ["Bogor Ekspres", "Kilat Bandung", "Pos Priangan", "Satu"]
    bandung = directory.get("/direktori", params={"provinsi": "32", "kabupaten": "32.73"})
    assert sorted(brands(bandung.text)) == ["Kilat Bandung", "Pos Priangan", "Satu"]
    # With a province chosen the regency list offers only its regencies.
    select = bandung.text.split('id="kabupaten"')[1].split("</select>")[0]
    assert "Kota Bandung" in select and "Kabupaten Bogor" in select.replace("Kab.", "Kabupaten")
    assert "Kendari" not in select
    assert brands(directory.get("/direktori", params={"jenis": "post"}).text) == ["Pos Priangan"]
    both = directory.get("/direktori", params={"provinsi": "74", "jenis": "freight_forwarder"})
    assert brands(both.text) == ["Anoa Kargo"]
    # A type that is not a member type filters nothing rather than failing the page.
    assert len(brands(directory.get("/direktori", params={"jenis": "roket"}).text)) == 6


def test_pages_of_fifty_keep_the_filters(directory, monkeypatch):
    from jalin.web import directory_page

    monkeypatch.setattr(directory_page, "PER_PAGE", 2)
    first = directory.get("/direktori", params={"provinsi": "32"})
    assert len(brands(first.text)) == 2
    assert 'href="?provinsi=32&amp;hal=2" rel="next"' in first.text
    second = directory.get("/direktori", params={"provinsi": "32", "hal": 2})
    assert len(brands(second.text)) == 2 and set(brands(second.text)).isdisjoint(brands(first.text))
    assert 'rel="prev"' in second.text and 'rel="next"' not in second.text


def test_linked_from_the_public_navigation_in_both_languages(directory):
    for path in ("/", "/lacak", "/daftar", "/direktori"):
        assert 'href="/direktori"' in directory.get(path).text, path
    page = directory.get("/direktori")
    assert "Direktori anggota" in page.text and "Member directory" in page.text
    assert 'lang="en"' in page.text
    public_portal = directory.get("/portal/peta")
    assert 'href="/direktori"' in public_portal.text
