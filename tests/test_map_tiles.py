"""The optional tile layer of the coverage map (JALIN_MAP_TILE_URL): off by default, and when set
the map page's CSP allows images from exactly that host, no other page's CSP changes."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from jalin.api import create_app
from jalin.api.middleware import csp_for
from jalin.settings import Settings, tile_origin

TILES = "https://tiles.contoh.id/osm/{z}/{x}/{y}.png"


def _img_src(csp: str) -> str:
    return next(d.strip() for d in csp.split(";") if d.strip().startswith("img-src"))


def test_tile_origin_takes_one_https_host_only():
    assert tile_origin(TILES) == "https://tiles.contoh.id"
    assert tile_origin("https://Tiles.Contoh.id:8443/{z}/{x}/{y}.png?key=1") == "https://tiles.contoh.id:8443"
    for bad in (
        "",
        "http://tiles.contoh.id/{z}/{x}/{y}.png",  # not https
        "https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png",  # a wildcard of hosts
        "https://tiles.contoh.id/{z}/{x}.png",  # no {y}
        "https://user:pw@tiles.contoh.id/{z}/{x}/{y}.png",
        "https://tiles.contoh.id;img-src */{z}/{x}/{y}.png",  # would smuggle a CSP directive
        "javascript:alert(1)//{z}{x}{y}",
    ):
        assert tile_origin(bad) is None, bad


def test_a_bad_setting_refuses_to_start():
    with pytest.raises(ValidationError, match="JALIN_MAP_TILE_URL"):
        Settings(database_url="sqlite://", map_tile_url="https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png")


def test_csp_shapes():
    plain = csp_for("/portal/peta", "text/html; charset=utf-8")
    assert _img_src(plain) == "img-src 'self' data:"
    widened = csp_for("/portal/peta", "text/html; charset=utf-8", "https://tiles.contoh.id")
    assert _img_src(widened) == "img-src 'self' data: https://tiles.contoh.id"
    assert widened.replace(" https://tiles.contoh.id", "") == plain  # nothing else changes
    assert _img_src(csp_for("/portal", "text/html", "https://tiles.contoh.id")) == "img-src 'self' data:"


def _get(settings: Settings, path: str):  # type: ignore[no-untyped-def]
    with TestClient(create_app(settings), base_url="https://testserver") as c:
        return c.get(path)


def test_off_by_default_the_map_page_has_no_tiles_and_the_strict_csp(published, db_url):
    r = _get(Settings(database_url=db_url), "/portal/peta")
    assert r.status_code == 200
    assert _img_src(r.headers["content-security-policy"]) == "img-src 'self' data:"
    assert "data-tiles" not in r.text


def test_when_set_only_the_map_page_allows_the_tile_host(published, db_url):
    settings = Settings(
        database_url=db_url, map_tile_url=TILES, map_tile_attribution="© OpenStreetMap <kontributor>"
    )
    r = _get(settings, "/portal/peta")
    assert _img_src(r.headers["content-security-policy"]) == "img-src 'self' data: https://tiles.contoh.id"
    assert f'data-tiles="{TILES}"' in r.text
    assert 'data-attribution="© OpenStreetMap &lt;kontributor&gt;"' in r.text
    for other in ("/portal/masuk", "/", "/direktori"):
        page = _get(settings, other)
        assert _img_src(page.headers["content-security-policy"]) == "img-src 'self' data:", other
    data = _get(settings, "/portal/peta/data")
    assert data.headers["content-security-policy"].startswith("default-src 'none'")
