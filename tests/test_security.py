"""Security and robustness regressions (issue 9), one block per hole found by probing the API.

Storage-touching checks run on SQLite and PostgreSQL through the `world` fixture.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from sqlalchemy import func, select

from jalin.registry.access import CLI_ADMIN, PUBLIC, Principal, may_act_on_agreement
from jalin.registry.records import Party
from jalin.registry.rules import BoardLevel, Role
from jalin.services import registry as svc
from jalin.storage.tables import agreements
from tests.test_registry import COMPANY, _zip, h, world  # noqa: F401  (the shared two-region fixture)
from tests.uow import in_uow

# -- 1. officers act on agreements only when every party is in their region --------------------
DPW32 = Principal(Role.OFFICER, "jln_a", board_level=BoardLevel.DPW, region_code="32")
DPD3273 = Principal(Role.OFFICER, "jln_b", board_level=BoardLevel.DPD, region_code="32.73")
MEMBER = Principal(Role.MEMBER, "jln_c", member_id=1)
BANDUNG, BOGOR, KENDARI = Party(1, "32.73", "32"), Party(2, "32.01", "32"), Party(3, "74.71", "74")


@pytest.mark.parametrize(
    ("who", "carried_by", "parties", "may"),
    [
        (CLI_ADMIN, "74", [BANDUNG, KENDARI], True),
        (DPW32, "32", [BANDUNG, BOGOR], True),
        (DPW32, None, [BANDUNG, BOGOR], True),
        (DPW32, "32", [BANDUNG, KENDARI], False),  # one party elsewhere
        (DPW32, "74", [BANDUNG, BOGOR], False),  # carried by another DPW
        (DPW32, "32", [], False),
        (DPD3273, "32", [BANDUNG, BANDUNG], True),
        (DPD3273, "32", [BANDUNG, BOGOR], False),  # a DPD's region is its regency
        (MEMBER, "32", [BANDUNG, BOGOR], False),
        (PUBLIC, "32", [BANDUNG, BOGOR], False),
    ],
)
def test_agreement_rule_table(who, carried_by, parties, may):
    assert may_act_on_agreement(who, carried_by, parties) is may


def _count(engine) -> int:
    with engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(agreements))


def test_officer_acts_only_on_agreements_within_their_region(world, engine, atlas):  # noqa: F811
    client, keys, ids = world
    officer32, officer74, admin = h(keys["officer"]), h(keys["officer74"]), h(keys["admin"])
    before = _count(engine)
    cross = {"title": "Lintas", "kind": "interline_handover", "parties": [ids["member"], ids["memberB"]]}
    # creating an agreement with a party in another province: refused, nothing written
    r = client.post("/v1/agreements", headers=officer32, json=cross)
    assert r.status_code == 403 and r.json()["code"] == "forbidden", r.text
    r = client.post("/v1/agreements", headers=officer74, json=cross)
    assert r.status_code == 403
    r = client.post("/v1/agreements", headers=officer32, json={**cross, "province_code": "74"})
    assert r.status_code == 403
    assert _count(engine) == before
    # within the region: the officer records it and moves it to active
    ag32 = client.get(f"/v1/agreements/{ids['ag32']}", headers=admin).json()
    own = client.post("/v1/agreements", headers=officer32, json={**cross, "parties": ag32["parties"]})
    assert own.status_code == 201 and own.json()["province_code"] == "32"
    for stage in ("negotiating", "signed", "active"):
        r = client.post(f"/v1/agreements/{own.json()['id']}/stage", headers=officer32, json={"stage": stage})
        assert r.status_code == 200, r.text
    # a cross-province agreement the DPP carries: both DPWs see it, neither may change it
    dpp = client.post("/v1/agreements", headers=admin, json={**cross, "province_code": "32"}).json()
    for officer in (officer32, officer74):
        url = f"/v1/agreements/{dpp['id']}"
        assert client.get(url, headers=officer).status_code == 200
        assert client.post(f"{url}/stage", headers=officer, json={"stage": "negotiating"}).status_code == 403
        r = client.put(f"{url}/terms", headers=officer, json={"fee_per_parcel": 1})
        assert r.status_code == 403
        r = client.post(f"{url}/documents", headers=officer, files={"file": ("a.pdf", b"%PDF", "x/y")})
        assert r.status_code == 403
    after = client.get(f"/v1/agreements/{dpp['id']}", headers=admin).json()
    assert after["stage"] == "exploring" and after["fee_per_parcel"] == 0 and after["documents"] == []
    # another province's agreement stays invisible (404), so ids do not leak
    r = client.post(f"/v1/agreements/{ids['ag74']}/stage", headers=officer32, json={"stage": "negotiating"})
    assert r.status_code == 404
    # the DPP acts on anything
    r = client.post(f"/v1/agreements/{dpp['id']}/stage", headers=admin, json={"stage": "negotiating"})
    assert r.status_code == 200


def test_a_dpd_officer_acts_within_its_regency(world, engine):  # noqa: F811
    client, keys, ids = world
    dpd = h(in_uow(engine, svc.create_key, CLI_ADMIN, Role.OFFICER, board_code="32.73").secret)
    ag32 = client.get(f"/v1/agreements/{ids['ag32']}", headers=h(keys["admin"])).json()
    body = {"title": "Kota Bandung", "kind": "co_loading", "parties": ag32["parties"]}
    assert client.post("/v1/agreements", headers=dpd, json=body).status_code == 201
    assert client.post(f"/v1/agreements/{ids['ag32']}/stage", headers=dpd, json={"stage": "ended"}).json()[
        "stage"
    ] == ("ended")


# -- 2. ids beyond the integer columns are a 422, never a 500 ------------------------------------
HUGE = [2**31, 2**63 + 1, 99999999999999999999]


def test_huge_ids_are_refused_on_every_route(world):  # noqa: F811
    client, keys, _ = world
    spec = client.get("/openapi.json").json()
    checked = 0
    for path, ops in spec["paths"].items():
        if "_id}" not in path:
            continue
        for method in ops:
            for huge in HUGE:
                url = re.sub(r"\{\w+_id\}", str(huge), path)
                for key in (None, keys["admin"], keys["officer"], keys["member"]):
                    r = client.request(method.upper(), url, headers=h(key), json={})
                    assert r.status_code in (401, 403, 404, 422), (method, url, r.status_code, r.text[:200])
                    checked += 1
    assert checked >= 4 * 3 * 14
    admin = h(keys["admin"])
    for huge in HUGE:
        r = client.get(f"/v1/agreements/{huge}", headers=admin)
        assert r.status_code == 422 and r.json()["errors"][0]["field"] == "agreement_id", r.text
        body = {"title": "x" * 3, "kind": "co_loading", "parties": [1, huge]}
        r = client.post("/v1/agreements", headers=admin, json=body)
        assert r.status_code == 422 and r.json()["errors"][0]["field"].startswith("parties"), r.text
        r = client.post("/v1/keys", headers=admin, json={"role": "member", "member_id": huge})
        assert r.status_code == 422
        r = client.post(
            "/v1/meetings",
            headers=admin,
            json={
                "held_on": "2026-01-01",
                "place": "Kendari",
                "host": "74",
                "topics": "xx",
                "members": [huge],
            },
        )
        assert r.status_code == 422


# -- 3. an extreme ready_at is invalid_ready_at, not a planner overflow --------------------------
@pytest.mark.parametrize(
    "ready_at", ["9999-12-31T23:59:59+00:00", "0001-01-01T00:00:00+14:00", "2000-01-01T00:00:00+07:00"]
)
def test_extreme_ready_at_is_a_clear_422(ready_at):
    from fastapi.testclient import TestClient

    from jalin.api import create_app
    from jalin.settings import Settings

    with TestClient(create_app(Settings(database_url="sqlite://"))) as client:
        body = {"from": "31.71.06", "to": "74.71.01", "weight_kg": "1", "ready_at": ready_at}
        r = client.post("/v1/quotes", json=body)
        assert r.status_code == 422 and r.json()["code"] == "invalid_ready_at", r.text
        assert "within a year" in r.json()["detail"]
        r = client.get(
            "/v1/quotes/one-to-all", params={"from": "31.71.06", "weight": "1", "ready_at": ready_at}
        )
        assert r.status_code == 422 and r.json()["code"] == "invalid_ready_at", r.text


# -- 4. document names: any Unicode name downloads; control characters are refused -------------
def _multipart(filename: bytes, content: bytes) -> tuple[bytes, dict[str, str]]:
    """A multipart body built by hand, so the file name reaches the server byte for byte."""
    boundary = b"jalinboundary7"
    body = (
        b"--" + boundary + b"\r\n"
        b'Content-Disposition: form-data; name="file"; filename="' + filename + b'"\r\n'
        b"Content-Type: application/pdf\r\n\r\n" + content + b"\r\n--" + boundary + b"--\r\n"
    )
    return body, {"Content-Type": f"multipart/form-data; boundary={boundary.decode()}"}


def test_document_names_download_and_control_characters_are_refused(world):  # noqa: F811
    client, keys, ids = world
    admin = h(keys["admin"])
    url = f"/v1/agreements/{ids['ag32']}/documents"
    name = "kontrak-😀 final;x.pdf"
    r = client.post(url, headers=admin, files={"file": (name, b"%PDF-1.4 ok", "application/pdf")})
    assert r.status_code == 201 and r.json()["filename"] == name
    got = client.get(f"{url}/{r.json()['id']}", headers=admin)
    assert got.status_code == 200 and got.content == b"%PDF-1.4 ok"
    disposition = got.headers["content-disposition"]
    assert disposition.isascii()
    assert disposition.startswith('attachment; filename="kontrak-_ final;x.pdf"; ')
    encoded = disposition.split("filename*=UTF-8''")[1]
    assert unquote(encoded) == name
    before = len(client.get(f"/v1/agreements/{ids['ag32']}", headers=admin).json()["documents"])
    for bad in (b"a\x00b.pdf", b"mou\x1b[2J.pdf", b"a\x7fb.pdf", "\u202efdp.exe".encode(), b"   "):
        body, headers = _multipart(bad, b"%PDF-1.4")
        r = client.post(url, headers={**admin, **headers}, content=body)
        assert r.status_code == 422 and r.json()["code"] == "invalid_filename", (bad, r.text)
    after = client.get(f"/v1/agreements/{ids['ag32']}", headers=admin).json()["documents"]
    assert len(after) == before
    from jalin.api.downloads import content_disposition

    assert (
        content_disposition('a"b\\c.pdf')
        == "attachment; filename=\"a_b_c.pdf\"; filename*=UTF-8''a%22b%5Cc.pdf"
    )
    # a path is cut to its last part
    r = client.post(url, headers=admin, files={"file": ("C:\\Users\\budi\\mou.pdf", b"%PDF", "x/y")})
    assert r.json()["filename"] == "mou.pdf"


# -- 5. feed validation never blocks the event loop ---------------------------------------------
def test_feed_validation_runs_off_the_event_loop(world, monkeypatch):  # noqa: F811
    import asyncio
    import time
    from concurrent.futures import ThreadPoolExecutor

    import httpx2

    from jalin.api.routers import feeds as feeds_router
    from tests.feeds import VALID_FEED

    client, keys, _ = world
    real = feeds_router.validate_feed
    started: list[float] = []

    def slow_validate(path, atlas):  # a feed whose checks take 1.5 s of work
        started.append(time.monotonic())
        time.sleep(1.5)
        return real(path, atlas)

    monkeypatch.setattr(feeds_router, "validate_feed", slow_validate)
    feed = _zip(VALID_FEED)

    async def race() -> tuple[float, float]:
        transport = httpx2.ASGITransport(app=client.app)
        async with httpx2.AsyncClient(transport=transport, base_url="http://t") as ac:
            upload = asyncio.create_task(
                ac.post("/v1/feeds", headers=h(keys["admin"]), files={"file": ("f.zip", feed)})
            )
            for _ in range(1000):  # until the validation has started
                if started:
                    break
                await asyncio.sleep(0.01)
            health = await ac.get("/healthz")
            healthy_after = time.monotonic() - started[0]
            assert health.status_code == 200
            published = await upload
            assert published.status_code == 201, published.text
            return healthy_after, time.monotonic() - started[0]

    # in a thread of its own: another test's browser (sync Playwright) may hold this thread's loop
    with ThreadPoolExecutor(1) as pool:
        healthy_after, published_after = pool.submit(asyncio.run, race()).result()
    # /healthz answered while the feed was still being validated
    assert healthy_after < 1.0 < 1.5 <= published_after, (healthy_after, published_after)


# -- 7. request bodies are limited per route ----------------------------------------------------
def test_oversized_bodies_are_413_before_parsing(world):  # noqa: F811
    from jalin.api.middleware import MAX_BODY_BYTES, body_limit
    from jalin.network.source import MAX_TOTAL_BYTES

    client, keys, _ = world
    big = b'{"from": "31.71.06", "to": "74.71.01", "weight_kg": "1", "pad": "' + b"x" * (20 << 20) + b'"}'
    r = client.post("/v1/quotes", content=big, headers={"Content-Type": "application/json"})
    assert r.status_code == 413 and r.json()["code"] == "upload_too_large", r.text[:300]
    assert r.headers["content-type"] == "application/problem+json"

    def chunks():  # no Content-Length: counted as it streams in
        yield b'{"pad": "'
        for _ in range(40):
            yield b"x" * 65536
        yield b'"}'

    r = client.post(
        "/v1/members", content=chunks(), headers={**h(keys["admin"]), "Content-Type": "application/json"}
    )
    assert r.status_code == 413, r.text[:300]
    # just under the limit is parsed as usual (and refused for what it says, not for its size)
    small = b'{"pad": "' + b"x" * (MAX_BODY_BYTES - 100) + b'"}'
    r = client.post("/v1/quotes", content=small, headers={"Content-Type": "application/json"})
    assert r.status_code == 422
    assert body_limit("/v1/feeds") > MAX_TOTAL_BYTES and body_limit("/v1/agreements/3/documents") > 5 << 20
    r = client.post(
        "/v1/feeds", headers=h(keys["admin"]), files={"file": ("f.zip", b"x" * (MAX_TOTAL_BYTES + (1 << 20)))}
    )
    assert r.status_code == 413


# -- 8. security headers ------------------------------------------------------------------------
def test_security_headers_on_api_pages_and_docs(world):  # noqa: F811
    client, keys, _ = world
    for url in ("/healthz", "/", "/docs", "/openapi.json", "/v1/areas/nope"):
        r = client.get(url)
        assert r.headers["x-content-type-options"] == "nosniff", url
        assert r.headers["x-frame-options"] == "DENY"
        assert r.headers["referrer-policy"] == "no-referrer"
        assert "frame-ancestors 'none'" in r.headers["content-security-policy"]
        assert "server" not in r.headers
    page = client.get("/").headers["content-security-policy"]
    assert "script-src 'self';" in page and "default-src 'self'" in page
    assert client.get("/healthz").headers["content-security-policy"].startswith("default-src 'none'")
    assert "cache-control" not in client.get("/healthz").headers
    r = client.post("/v1/keys", headers=h(keys["admin"]), json={"role": "admin"})
    assert r.status_code == 201 and r.headers["cache-control"] == "no-store"


def test_the_served_app_does_not_name_its_server(tmp_path):
    """A real uvicorn with the options `jalin serve` uses: no `server` header on the wire."""
    import socket
    import threading
    import time

    import httpx2
    import uvicorn

    from jalin.api import create_app
    from jalin.api.app import UVICORN_OPTIONS
    from jalin.settings import Settings

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    app = create_app(Settings(database_url=f"sqlite:///{tmp_path / 'j.db'}"))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", **UVICORN_OPTIONS))  # type: ignore[arg-type]
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        for _ in range(100):
            if server.started:
                break
            time.sleep(0.05)
        r = httpx2.get(f"http://127.0.0.1:{port}/healthz")
        assert r.status_code == 200 and "server" not in r.headers
        assert r.headers["x-content-type-options"] == "nosniff"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


# -- 9. authentication comes before validation ---------------------------------------------------
def test_protected_routes_answer_401_before_422(world):  # noqa: F811
    client, keys, ids = world
    junk = {"content": b"{not json", "headers": {"Content-Type": "application/json"}}
    for method, url in (
        ("POST", "/v1/agreements"),
        ("POST", "/v1/members"),
        ("PUT", f"/v1/agreements/{ids['ag32']}/terms"),
        ("POST", "/v1/keys"),
    ):
        r = client.request(method, url, **junk)
        assert r.status_code == 401 and r.json()["code"] == "unauthorized", (url, r.text)
        bad_key = {**junk["headers"], "X-API-Key": "jln_00000000.nope"}
        r = client.request(method, url, content=junk["content"], headers=bad_key)
        assert r.status_code == 401 and r.json()["code"] == "invalid_api_key"
    r = client.post("/v1/members", content=b"{not json", headers={**junk["headers"], **h(keys["member"])})
    assert r.status_code == 403
    r = client.post("/v1/members", content=b"{not json", headers={**junk["headers"], **h(keys["admin"])})
    assert r.status_code == 422
    r = client.post("/v1/quotes", **junk)  # a public route: the body is simply invalid
    assert r.status_code == 422


# -- 11. the OpenAPI says what the API answers ---------------------------------------------------
def test_openapi_documents_problems_and_optional_keys(world):  # noqa: F811
    client, _, _ = world
    spec = client.get("/openapi.json").json()
    assert "Problem" in spec["components"]["schemas"]
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            public = "public" in op["x-roles"]
            codes = set(op["responses"])
            assert "401" in codes and ("403" in codes) is not public, (method, path)
            for code in codes:
                if code[0] in "23":  # success (200, 201, 202) or a redirect (/v1/track -> /lacak)
                    continue
                assert list(op["responses"][code]["content"]) == ["application/problem+json"], (path, code)
            if public:
                assert {} in op["security"], (method, path)
            if "{" in path:
                assert "404" in codes
            if "requestBody" in op:
                assert {"413", "422"} <= codes
    refs = str(spec["paths"]["/v1/agreements"]["post"]["requestBody"])
    assert "AgreementBody" in refs
    ids = spec["components"]["schemas"]["AgreementBody"]["properties"]["parties"]["items"]
    assert ids["minimum"] == 1 and ids["maximum"] == 2**31 - 1


def test_405_keeps_its_allow_header_and_no_loose_coercion(world):  # noqa: F811
    client, keys, ids = world
    r = client.request("TRACE", "/healthz")
    assert r.status_code == 405 and r.headers["allow"] == "GET"
    assert r.headers["content-type"] == "application/problem+json"
    assert client.request("OPTIONS", "/v1/agreements").headers["allow"] == "GET, POST"
    assert client.delete("/v1/agreements/1").headers["allow"] == "GET"
    base = {"from": "31.71.06", "to": "74.71.01", "weight_kg": "1"}
    for loose in ({"open_handovers": 0}, {"cod": "yes"}, {"max_handovers": "2"}, {"max_handovers": 1.5}):
        r = client.post("/v1/quotes", json={**base, **loose})
        assert r.status_code == 422 and r.json()["errors"][0]["field"] == next(iter(loose)), r.text
    r = client.post("/v1/keys", headers=h(keys["admin"]), json={"role": "member", "member_id": False})
    assert r.status_code == 422 and r.json()["errors"][0]["field"].startswith("member_id")
    r = client.patch(f"/v1/meetings/{ids['m32']}/actions", headers=h(keys["admin"]))
    assert r.status_code == 405 and r.headers["allow"] == "POST"
    r = client.get("/v1/applications/form", headers=h(keys["admin"]))
    assert r.status_code == 405 and r.headers["allow"] == "POST", r.text
    for when in (0, 1_700_000_000, True):
        body = {"description": "uji", "owner": "DPW", "due_on": when}
        r = client.post(f"/v1/meetings/{ids['m32']}/actions", headers=h(keys["admin"]), json=body)
        assert r.status_code == 422 and r.json()["errors"][0]["field"] == "due_on", r.text
        r = client.put(
            f"/v1/agreements/{ids['ag32']}/terms", headers=h(keys["admin"]), json={"valid_from": when}
        )
        assert r.status_code == 422
    r = client.get("/v1/audit?entity=a&entity=b", headers=h(keys["admin"]))
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "entity", r.text
    assert client.get("/v1/audit?entity=a&entity=b").status_code == 401  # the key still comes first
    r = client.get("/v1/areas/resolve", params={"text": ""})
    assert r.status_code == 422
    spec = client.get("/openapi.json").json()
    text = next(p for p in spec["paths"]["/v1/areas/resolve"]["get"]["parameters"] if p["name"] == "text")
    assert text["schema"]["minLength"] == 1


# -- 10. applications: real e-mail checks, one open application per NIB, every problem at once ---
def test_application_checks_every_field_at_once_and_refuses_a_second_open_one(world, engine):  # noqa: F811
    client, keys, _ = world
    form = {**COMPANY, "nib": "9120000000077", "carrier_id": "NEWAP", "regency_code": "74.71"}
    for email in ("budi@", "budi", "budi@@kilat.co.id", "budi@kilat", "budi @kilat.co.id"):
        r = client.post("/v1/applications", json={**form, "contact_email": email})
        assert r.status_code == 422 and r.json()["field"] == "contact_email", (email, r.text)
    # every invalid field in one answer
    bad = {**form, "nib": "123", "carrier_id": "x", "regency_code": "99.99", "contact_email": "budi@"}
    r = client.post("/v1/applications", json=bad)
    assert r.status_code == 422, r.text
    fields = [e["field"] for e in r.json()["errors"]]
    assert fields == ["nib", "carrier_id", "regency_code", "contact_email"]
    for word in ("NIB", "carrier_id", "regency_code", "contact_email"):
        assert word in r.json()["detail"]
    # the HTML form shows them all too, and names the board
    page = client.post("/daftar", data={**bad, "legal_name": "", "contact_name": ""})
    assert page.status_code == 200
    for word in ("legal_name", "contact_name", "NIB", "regency_code", "contact_email"):
        assert word in page.text, word
    ok = client.post("/v1/applications", json={**form, "contact_email": "budi@kilat.co.id"})
    assert ok.status_code == 201, ok.text
    page = client.post("/daftar", data={**form, "nib": "9120000000078", "carrier_id": ""})
    assert "DPW Sulawesi Tenggara" in page.text and "DPW 74" not in page.text
    # a second open application with the same NIB (or carrier_id) is refused, naming the first
    for twin in ({**form, "carrier_id": "OTHER"}, {**form, "nib": "9120000000079"}):
        r = client.post("/v1/applications", json=twin)
        assert r.status_code == 409 and f"number {ok.json()['id']}" in r.json()["detail"], r.text
        assert "DPW Sulawesi Tenggara" in r.json()["detail"]
    # once that application is rejected, the company may apply again
    app_id = ok.json()["id"]
    officer74 = h(keys["officer74"])
    r = client.post(
        f"/v1/applications/{app_id}/decision", headers=officer74, json={"action": "reject", "reason": "x"}
    )
    assert r.status_code == 200
    assert client.post("/v1/applications", json=form).status_code == 201


# -- 6. agreement imports: all-or-nothing and idempotent, even after kill -9 -------------------
def _agreement_count(engine) -> int:
    with engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(agreements))


def test_agreement_import_survives_kill_9_and_never_duplicates(engine, db_url, atlas, tmp_path):
    import itertools
    import os
    import signal
    import subprocess
    import sys

    in_uow(engine, svc.ensure_structure, atlas)
    carriers = [f"IMP{i:03d}" for i in range(30)]
    for i, carrier in enumerate(carriers):
        in_uow(
            engine,
            svc.create_member,
            CLI_ADMIN,
            atlas,
            {**COMPANY, "nib": f"91300000{i:05d}", "carrier_id": carrier, "brand": carrier},
        )
    pairs = list(itertools.combinations(carriers, 2))
    csv = tmp_path / "agreements.csv"
    rows = [f"{a},{b},{1000 + i}" for i, (a, b) in enumerate(pairs)]
    rows.append(f"{pairs[0][1]},{pairs[0][0]},5")  # the first pair again, reversed: the same agreement
    csv.write_text("carrier_a,carrier_b,fee\n" + "\n".join(rows) + "\n", encoding="utf-8")
    (tmp_path / "feeds").mkdir()
    cli = str(Path(sys.executable).with_name("jalin"))
    jalin = [cli, "agreements", "import", str(csv), "--feeds", str(tmp_path / "feeds")]
    env = {**os.environ, "JALIN_DATABASE_URL": db_url, "COLUMNS": "200"}

    # kill -9 as soon as the import reports its first written agreement
    with subprocess.Popen(
        jalin, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    ) as proc:
        assert proc.stderr is not None
        for line in proc.stderr:
            if f"1/{len(rows)}" in line:
                os.kill(proc.pid, signal.SIGKILL)
                break
        proc.wait(60)
    assert proc.returncode == -signal.SIGKILL, "the import finished before it could be killed"
    assert _agreement_count(engine) == 0  # nothing half-written

    done = subprocess.run(jalin, env=env, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    assert _agreement_count(engine) == len(pairs)
    again = subprocess.run(jalin, env=env, capture_output=True, text=True, timeout=600, check=False)
    assert again.returncode == 0 and again.stdout.startswith("0 "), again.stdout
    assert _agreement_count(engine) == len(pairs)
