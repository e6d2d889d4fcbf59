"""Security and robustness regressions (issue 9), one block per hole found by probing the API.

Storage-touching checks run on SQLite and PostgreSQL through the `world` fixture.
"""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from jalin.registry.access import CLI_ADMIN, PUBLIC, Principal, Seat, may_act_on_agreement
from jalin.registry.rules import BoardLevel, Role
from jalin.services import registry as svc
from jalin.storage.tables import agreements
from tests.test_registry import COMPANY, h, world  # noqa: F401  (the shared two-region fixture)

# -- 1. officers act on agreements only when every party is in their region --------------------
DPW32 = Principal(Role.OFFICER, "jln_a", board_level=BoardLevel.DPW, region_code="32")
DPD3273 = Principal(Role.OFFICER, "jln_b", board_level=BoardLevel.DPD, region_code="32.73")
MEMBER = Principal(Role.MEMBER, "jln_c", member_id=1)
BANDUNG, BOGOR, KENDARI = Seat("32.73", "32"), Seat("32.01", "32"), Seat("74.71", "74")


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
    dpd = h(svc.create_key(engine, CLI_ADMIN, Role.OFFICER, board_code="32.73").secret)
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
