import pytest
from fastapi.testclient import TestClient

from jalin.api import create_app
from jalin.settings import Settings


@pytest.fixture
def client(engine, db_url):
    with TestClient(create_app(Settings(database_url=db_url))) as c:
        yield c


def test_healthz(client):
    assert client.get("/healthz").json() == {"status": "ok", "database": "ok"}


def test_area_detail(client):
    body = client.get("/v1/areas/7401").json()
    assert body["code"] == "74.01" and body["zone"] == "WITA"
    assert [p["code"] for p in body["parents"]] == ["74"]
    assert body["children_count"] == 12
    assert "93518" in body["postal_codes"]
    assert set(body["coordinate"]) == {"lat", "lon", "approximate", "source"}


def test_unknown_area_is_problem_json(client):
    r = client.get("/v1/areas/99.99")
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["code"] == "unknown_area"


def test_search(client):
    body = client.get("/v1/areas", params={"q": "kolaka", "level": "district"}).json()
    assert body["results"][0]["code"] == "74.01.04"


@pytest.mark.parametrize("params", [{}, {"q": ""}, {"q": "x" * 501}, {"q": "a", "level": "planet"}])
def test_bad_search_is_422(client, params):
    r = client.get("/v1/areas", params=params)
    assert r.status_code == 422 and r.json()["code"] == "invalid_query"


def test_resolve(client):
    body = client.get("/v1/areas/resolve", params={"text": "jl merdeka 12 kel lalombaa kolaka sultra"}).json()
    assert body["district"]["code"] == "74.01.04" and body["village"]["code"] == "74.01.04.1004"


@pytest.mark.parametrize("text", ["", "   ", "y" * 501])
def test_resolve_refuses_empty_and_long_text(client, text):
    r = client.get("/v1/areas/resolve", params={"text": text})
    assert r.status_code == 422
    assert r.json()["code"] == "invalid_query"


def test_unexpected_errors_are_problem_json_without_a_traceback(engine, db_url, monkeypatch):
    from jalin.geo.atlas import Atlas

    def broken(self, query, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(Atlas, "search", broken)
    with TestClient(create_app(Settings(database_url=db_url)), raise_server_exceptions=False) as c:
        r = c.get("/v1/areas", params={"q": "bogor"})
    assert r.status_code == 500 and r.json()["code"] == "internal_error"
    assert "secret internals" not in r.text
