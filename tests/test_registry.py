"""The registry over the API on SQLite and PostgreSQL: roles on every route, tenants, state machines."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from jalin.api import create_app
from jalin.registry.access import CLI_ADMIN, PUBLIC
from jalin.registry.rules import Role, nib_problem
from jalin.services import registry as svc
from jalin.settings import Settings
from jalin.storage.tables import api_keys, members
from tests.feeds import VALID_FEED, publish, replace_in, write
from tests.uow import in_uow

COMPANY = {
    "legal_name": "PT Uji Satu",
    "brand": "Uji Satu",
    "nib": "9120000000001",
    "type": "courier",
    "carrier_id": "TESTX",
    "regency_code": "32.73",
    "contact_name": "Budi",
}


@pytest.mark.parametrize(
    ("nib", "ok"),
    [
        ("9120000000001", True),
        ("912000000000", False),
        ("91200000000012", False),
        ("912000000000a", False),
        ("", False),
    ],
)
def test_nib_is_thirteen_digits(nib, ok):
    assert (nib_problem(nib) is None) is ok


@pytest.fixture
def world(engine, db_url, atlas):
    """Two regions (Jawa Barat 32, Sulawesi Tenggara 74) with members, keys, an application each,
    agreements, meetings and actions."""
    in_uow(engine, svc.ensure_structure, atlas)
    a = in_uow(engine, svc.create_member, CLI_ADMIN, atlas, COMPANY)
    c = in_uow(
        engine,
        svc.create_member,
        CLI_ADMIN,
        atlas,
        {
            **COMPANY,
            "legal_name": "PT Uji Tiga",
            "brand": "Tiga",
            "nib": "9120000000003",
            "carrier_id": "TESTZ",
        },
    )
    b = in_uow(
        engine,
        svc.create_member,
        CLI_ADMIN,
        atlas,
        {
            **COMPANY,
            "legal_name": "PT Uji Dua",
            "brand": "Dua",
            "nib": "9120000000002",
            "carrier_id": "TESTY",
            "regency_code": "74.71",
        },
    )
    d = in_uow(
        engine,
        svc.create_member,
        CLI_ADMIN,
        atlas,
        {
            **COMPANY,
            "legal_name": "PT Uji Empat",
            "brand": "Empat",
            "nib": "9120000000004",
            "carrier_id": None,
            "regency_code": "74.01",
        },
    )
    keys = {
        "admin": in_uow(engine, svc.create_key, CLI_ADMIN, Role.ADMIN).secret,
        "officer": in_uow(engine, svc.create_key, CLI_ADMIN, Role.OFFICER, board_code="32").secret,
        "officer74": in_uow(engine, svc.create_key, CLI_ADMIN, Role.OFFICER, board_code="74").secret,
        "member": in_uow(engine, svc.create_key, CLI_ADMIN, Role.MEMBER, member_id=a.id).secret,
        "memberB": in_uow(engine, svc.create_key, CLI_ADMIN, Role.MEMBER, member_id=b.id).secret,
    }
    spare = in_uow(engine, svc.create_key, CLI_ADMIN, Role.MEMBER, member_id=a.id, label="spare")
    app32 = in_uow(
        engine,
        svc.submit_application,
        CLI_ADMIN,
        atlas,
        {**COMPANY, "nib": "9120000000010", "carrier_id": "NEWJB"},
    )
    app74 = in_uow(
        engine,
        svc.submit_application,
        CLI_ADMIN,
        atlas,
        {**COMPANY, "nib": "9120000000011", "carrier_id": "NEWST", "regency_code": "74.71"},
    )
    ag32 = in_uow(
        engine,
        svc.create_agreement,
        CLI_ADMIN,
        atlas,
        title="A-C",
        kind="interline_handover",
        parties=[a.id, c.id],
        province_code="32",
    )
    ag74 = in_uow(
        engine,
        svc.create_agreement,
        CLI_ADMIN,
        atlas,
        title="B-D",
        kind="data_sharing",
        parties=[b.id, d.id],
        province_code="74",
    )
    m32 = in_uow(
        engine,
        svc.create_meeting,
        CLI_ADMIN,
        held_on=date(2026, 10, 1),
        place="Bandung",
        host="32",
        member_ids=[a.id, c.id],
        partners="Pos Regional Jawa Barat",
        topics="x",
        outcomes="y",
    )
    m74 = in_uow(
        engine,
        svc.create_meeting,
        CLI_ADMIN,
        held_on=date(2026, 10, 2),
        place="Kendari",
        host="74",
        member_ids=[b.id],
        partners="",
        topics="x",
        outcomes="y",
    )
    act32 = in_uow(
        engine,
        svc.add_action,
        CLI_ADMIN,
        m32.id,
        description="draft MoU",
        owner="DPW Jabar",
        due_on=date.today() - timedelta(days=3),
    )
    act74 = in_uow(
        engine,
        svc.add_action,
        CLI_ADMIN,
        m74.id,
        description="survey",
        owner="DPW Sultra",
        due_on=date.today() + timedelta(days=30),
    )
    ids = {
        "member": a.id,
        "memberB": b.id,
        "app32": app32.id,
        "app74": app74.id,
        "ag32": ag32.id,
        "ag74": ag74.id,
        "m32": m32.id,
        "m74": m74.id,
        "act32": act32.id,
        "act74": act74.id,
        "spare": spare.id,
    }
    with TestClient(create_app(Settings(database_url=db_url))) as client:
        yield client, keys, ids


def h(key):
    return {"X-API-Key": key} if key else {}


def test_every_route_declares_roles_and_the_matrix_holds(world):
    client, keys, ids = world
    spec = client.get("/openapi.json").json()
    fill = {
        "member_id": ids["member"],
        "application_id": ids["app32"],
        "agreement_id": ids["ag32"],
        "meeting_id": ids["m32"],
        "action_id": ids["act32"],
        "key_id": ids["spare"],
        "code": "32",
        "district": "74.71.01",
        "document_id": 1,
        "number": "JL123456785ID",
        "seq": 1,
        "manifest_id": "MF-20261201-0000000000",
        "endpoint_id": "ep_000000000000",
        "message_id": "msg_" + "0" * 32,
        "period": "2026-W49",
        "member": ids["member"],
    }
    checked = 0
    for path, ops in spec["paths"].items():
        url = re.sub(r"\{(\w+)\}", lambda m: str(fill[m.group(1)]), path)
        if path == "/v1/areas/{code}":
            url = "/v1/areas/74.01"
        for method, op in ops.items():
            roles = op.get("x-roles")
            assert roles, f"{method.upper()} {path} declares no roles"
            for role, key in (
                ("public", None),
                ("admin", keys["admin"]),
                ("officer", keys["officer"]),
                ("member", keys["member"]),
            ):
                kwargs = {"headers": h(key)}
                if method in ("post", "put", "patch"):
                    kwargs["json"] = {}
                r = client.request(method.upper(), url, **kwargs)
                if role in roles:
                    assert r.status_code not in (401, 403), (method, path, role, r.status_code, r.text[:200])
                else:
                    assert r.status_code == (401 if role == "public" else 403), (
                        method,
                        path,
                        role,
                        r.status_code,
                    )
                checked += 1
    assert checked >= 4 * 40


def test_bad_and_revoked_keys_are_401(world):
    client, keys, _ = world
    assert client.get("/v1/members", headers=h("jln_00000000.nope")).status_code == 401
    assert client.get("/v1/members", headers={"Authorization": f"Bearer {keys['member']}"}).status_code == 200
    prefix = keys["member"].split(".")[0]
    r = client.get("/v1/keys", headers=h(keys["member"]))
    mine = next(k for k in r.json()["items"] if k["prefix"] == prefix)
    assert "secret" not in str(r.json()) and keys["member"].split(".")[1] not in r.text
    assert client.delete(f"/v1/keys/{mine['id']}", headers=h(keys["member"])).json()["revoked_at"]
    assert client.get("/v1/members", headers=h(keys["member"])).status_code == 401


def test_keys_are_stored_hashed(world, engine):
    _, keys, _ = world
    secret = keys["admin"].split(".")[1]
    with engine.connect() as conn:
        stored = [r.secret_hash for r in conn.execute(select(api_keys))]
    assert secret not in stored and all(len(s) == 64 for s in stored)


def test_a_member_never_reads_another_members_data(world):
    client, keys, ids = world
    mk = h(keys["member"])
    assert [m["id"] for m in client.get("/v1/members", headers=mk).json()["items"]] == [ids["member"]]
    assert client.get(f"/v1/members/{ids['memberB']}", headers=mk).status_code == 404
    assert client.get(f"/v1/agreements/{ids['ag74']}", headers=mk).status_code == 404
    assert [a["id"] for a in client.get("/v1/agreements", headers=mk).json()["items"]] == [ids["ag32"]]
    assert client.get(f"/v1/meetings/{ids['m74']}", headers=mk).status_code == 404
    assert all(k["member_id"] == ids["member"] for k in client.get("/v1/keys", headers=mk).json()["items"])
    other_key = next(
        k
        for k in client.get("/v1/keys", headers=h(keys["admin"])).json()["items"]
        if k["member_id"] == ids["memberB"]
    )
    assert client.delete(f"/v1/keys/{other_key['id']}", headers=mk).status_code == 404
    r = client.post("/v1/keys", headers=mk, json={"role": "member", "member_id": ids["memberB"]})
    assert r.status_code == 403
    r = client.post("/v1/keys", headers=mk, json={"role": "admin"})
    assert r.status_code == 403


def test_an_officer_sees_only_their_region(world):
    client, keys, ids = world
    ok = h(keys["officer"])
    assert {m["province_code"] for m in client.get("/v1/members", headers=ok).json()["items"]} == {"32"}
    assert client.get(f"/v1/members/{ids['memberB']}", headers=ok).status_code == 404
    assert [a["id"] for a in client.get("/v1/applications", headers=ok).json()["items"]] == [ids["app32"]]
    assert client.get(f"/v1/applications/{ids['app74']}", headers=ok).status_code == 404
    r = client.post(f"/v1/applications/{ids['app74']}/decision", headers=ok, json={"action": "recommend"})
    assert r.status_code == 404
    assert client.get(f"/v1/meetings/{ids['m74']}", headers=ok).status_code == 404
    assert client.patch(f"/v1/actions/{ids['act74']}", headers=ok, json={"status": "done"}).status_code == 404
    overdue = client.get("/v1/reports/overdue-actions", headers=ok).json()["items"]
    assert [a["id"] for a in overdue] == [ids["act32"]] and overdue[0]["days_overdue"] == 3
    assert client.get("/v1/audit", headers=ok).status_code == 403


def test_application_state_machine_with_audit_trail(world, engine):
    client, keys, ids = world
    app_id = ids["app32"]
    officer, admin = h(keys["officer"]), h(keys["admin"])
    r = client.post(f"/v1/applications/{app_id}/decision", headers=officer, json={"action": "approve"})
    assert r.status_code == 409 and r.json()["allowed"] == ["recommend", "reject"]
    r = client.post(f"/v1/applications/{app_id}/decision", headers=officer, json={"action": "reject"})
    assert r.status_code == 422  # a rejection needs a reason
    r = client.post(
        f"/v1/applications/{app_id}/decision",
        headers=officer,
        json={"action": "recommend", "reason": "dokumen lengkap"},
    )
    assert r.json()["status"] == "recommended"
    r = client.post(f"/v1/applications/{app_id}/decision", headers=officer, json={"action": "approve"})
    assert r.status_code == 403  # only the DPP approves
    r = client.post(f"/v1/applications/{app_id}/decision", headers=admin, json={"action": "approve"})
    body = r.json()
    assert body["status"] == "approved" and body["api_key"]["key"].startswith(body["api_key"]["prefix"])
    new_key = h(body["api_key"]["key"])
    me = client.get("/v1/members", headers=new_key).json()["items"]
    assert [m["carrier_id"] for m in me] == ["NEWJB"] and me[0]["status"] == "active"
    r = client.post(
        f"/v1/applications/{app_id}/decision", headers=admin, json={"action": "reject", "reason": "x"}
    )
    assert r.status_code == 409 and r.json()["allowed"] == []
    trail = client.get(f"/v1/applications/{app_id}", headers=admin).json()["history"]
    assert [t["action"] for t in trail] == [
        "application.submit",
        "application.recommend",
        "application.approve",
    ]
    assert trail[1]["actor"].startswith("key:jln_")
    assert trail[1]["before"] == {"status": "submitted"} and trail[1]["after"]["reason"] == "dokumen lengkap"
    assert client.get("/v1/directory").json()["items"]  # public directory lists active members


def test_public_form_application(world):
    client, _, _ = world
    r = client.post(
        "/v1/applications/form",
        data={
            "legal_name": "PT Pos Regional Jabar",
            "brand": "Pos Jabar",
            "nib": "9120000000099",
            "type": "post",
            "regency_code": "32.73",
            "contact_name": "Kepala Regional",
        },
    )
    assert r.status_code == 201 and r.json()["status"] == "submitted"


@pytest.mark.parametrize(
    ("change", "status", "code"),
    [
        ({"nib": "12345"}, 422, "invalid_nib"),
        ({"regency_code": "32.99"}, 422, "unknown_region"),
        ({"regency_code": "32"}, 422, "unknown_region"),
        ({"carrier_id": "TESTX", "nib": "9120000000077"}, 409, "duplicate_carrier_id"),
        ({"carrier_id": "bad id"}, 422, "invalid_carrier_id"),
        ({"nib": "9120000000001", "carrier_id": "FRESH"}, 409, "duplicate_nib"),
    ],
)
def test_bad_members_are_refused_and_nothing_is_written(world, engine, change, status, code):
    client, keys, _ = world
    with engine.connect() as conn:
        before = conn.scalar(select(func.count()).select_from(members))
    r = client.post("/v1/members", headers=h(keys["admin"]), json={**COMPANY, **change})
    assert r.status_code == status and r.json()["code"] == code and r.json()["detail"]
    with engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(members)) == before


def test_agreement_rules(world, monkeypatch):
    client, keys, ids = world
    admin = h(keys["admin"])
    base = {"title": "Uji", "kind": "interline_handover", "parties": [ids["member"], ids["memberB"]]}
    r = client.post("/v1/agreements", headers=admin, json={**base, "parties": [ids["member"]]})
    assert r.status_code == 422 and r.json()["code"] == "invalid_agreement", r.json()
    r = client.post(
        "/v1/agreements",
        headers=admin,
        json={**base, "valid_from": "2027-01-01", "valid_until": "2026-01-01"},
    )
    assert r.status_code == 422 and "swap" in r.json()["detail"]
    r = client.post("/v1/agreements", headers=admin, json={**base, "districts": ["74.71"]})
    assert r.json()["code"] == "unknown_region"
    assert len(client.get("/v1/agreements", headers=admin).json()["items"]) == 2  # nothing half-written
    deal = client.post("/v1/agreements", headers=admin, json={**base, "districts": ["74.71.01"]}).json()
    r = client.post(f"/v1/agreements/{deal['id']}/stage", headers=admin, json={"stage": "active"})
    assert r.status_code == 409 and r.json()["allowed"] == ["ended", "negotiating"]
    monkeypatch.setattr(svc.agreements, "MAX_DOCUMENT_BYTES", 100)
    r = client.post(
        f"/v1/agreements/{deal['id']}/documents",
        headers=admin,
        files={"file": ("mou.pdf", b"%PDF" + b"x" * 200, "application/pdf")},
    )
    assert r.status_code == 413 and r.json()["code"] == "upload_too_large"
    r = client.post(
        f"/v1/agreements/{deal['id']}/documents",
        headers=admin,
        files={"file": ("mou.pdf", b"%PDF-1.4 ok", "application/pdf")},
    )
    assert r.status_code == 201 and len(r.json()["sha256"]) == 64
    assert (
        client.get(f"/v1/agreements/{deal['id']}", headers=admin).json()["documents"][0]["filename"]
        == "mou.pdf"
    )
    doc_id = r.json()["id"]
    got = client.get(f"/v1/agreements/{deal['id']}/documents/{doc_id}", headers=admin)
    assert got.content == b"%PDF-1.4 ok" and got.headers["x-content-sha256"] == r.json()["sha256"]
    assert client.get(f"/v1/agreements/{deal['id']}/documents/{doc_id + 1}", headers=admin).status_code == 404
    # a party may fetch it; on another agreement, a member that is not a party may not
    assert (
        client.get(f"/v1/agreements/{deal['id']}/documents/{doc_id}", headers=h(keys["memberB"])).status_code
        == 200
    )
    minutes = client.post(
        f"/v1/agreements/{ids['ag74']}/documents",
        headers=admin,
        files={"file": ("notulen.pdf", b"%PDF-1.4 rapat", "application/pdf")},
    ).json()
    url = f"/v1/agreements/{ids['ag74']}/documents/{minutes['id']}"
    assert client.get(url, headers=h(keys["memberB"])).status_code == 200
    assert client.get(url, headers=h(keys["member"])).status_code == 404


def _zip(files):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, text in files.items():
            zf.writestr(name, text)
    return buf.getvalue()


def test_member_publishes_only_its_own_feed(world):
    client, keys, _ = world
    own = _zip(VALID_FEED)
    other = _zip(replace_in("feed.json", '"TESTX"', '"TESTY"'))
    r = client.post(
        "/v1/feeds", headers=h(keys["member"]), files={"file": ("f.zip", other, "application/zip")}
    )
    assert r.status_code == 403 and r.json()["code"] == "carrier_mismatch"
    r = client.post("/v1/feeds", headers=h(keys["member"]), files={"file": ("f.zip", own, "application/zip")})
    assert r.status_code == 201 and r.json()["status"] == "published"
    r = client.post("/v1/feeds", headers=h(keys["member"]), files={"file": ("f.zip", own, "application/zip")})
    assert r.json()["status"] == "unchanged"
    bad = _zip(replace_in("runs.csv", "15:00", "25:00"))
    r = client.post("/v1/feeds", headers=h(keys["member"]), files={"file": ("f.zip", bad, "application/zip")})
    assert r.status_code == 422 and r.json()["report"]["notices"][0]["code"] == "invalid_time"
    assert [v["carrier_id"] for v in client.get("/v1/feeds", headers=h(keys["member"])).json()["items"]] == [
        "TESTX"
    ]
    assert client.post("/v1/feeds", files={"file": ("f.zip", own, "application/zip")}).status_code == 401


def test_officer_meeting_followups_and_activation_change_the_next_quote(engine, db_url, atlas, tmp_path):
    """Done when: a DPW officer records a meeting and its follow-ups, moves an agreement to active,
    and the next quote between those two carriers includes the handover."""
    in_uow(engine, svc.ensure_structure, atlas)
    x = in_uow(engine, svc.create_member, CLI_ADMIN, atlas, {**COMPANY, "regency_code": "74.71"})
    y = in_uow(
        engine,
        svc.create_member,
        CLI_ADMIN,
        atlas,
        {**COMPANY, "nib": "9120000000002", "carrier_id": "TESTY", "regency_code": "74.71"},
    )
    officer = h(in_uow(engine, svc.create_key, CLI_ADMIN, Role.OFFICER, board_code="74").secret)
    publish(engine, write(VALID_FEED, tmp_path / "x"), atlas)
    y_feed = {
        **replace_in("feed.json", '"TESTX"', '"TESTY"'),
        "facilities.csv": "facility_id,name,kind,area_code,lat,lon,handover\nKDI,Hub Y,hub,74.71.01,,,1\n",
        "runs.csv": "run_id,service_id,origin,destination,days,departs_at,cutoff_minutes,duration_minutes,"
        "base_price,price_per_kg\nP1,REG,area:74.71.02,KDI,1111111,10:00,0,60,1000,0\n"
        "D1,REG,KDI,area:74.71.02,1111111,11:00,0,60,1000,0\n",
        "calendar_dates.csv": "service_id,date,exception_type\n",
    }
    publish(engine, write(y_feed, tmp_path / "y"), atlas)
    quote = {"from": "74.71.02", "to": "74.71.01", "weight_kg": "1", "ready_at": "2026-12-01T08:00:00+08:00"}
    with TestClient(create_app(Settings(database_url=db_url))) as client:
        assert client.post("/v1/quotes", json=quote).json()["options"] == []
        m = client.post(
            "/v1/meetings",
            headers=officer,
            json={
                "held_on": "2026-11-20",
                "place": "Kantor Pos Kendari",
                "host": "74",
                "members": [x.id, y.id],
                "partners": "Pos Indonesia Regional Sulawesi Tenggara",
                "topics": "serah terima Kendari",
                "outcomes": "sepakat uji coba",
            },
        ).json()
        act = client.post(
            f"/v1/meetings/{m['id']}/actions",
            headers=officer,
            json={"description": "tanda tangan MoU", "owner": "DPW Sultra", "due_on": "2026-12-15"},
        ).json()
        assert (
            client.patch(f"/v1/actions/{act['id']}", headers=officer, json={"status": "done"}).json()[
                "status"
            ]
            == "done"
        )
        deal = client.post(
            "/v1/agreements",
            headers=officer,
            json={
                "title": "Serah terima Kendari",
                "kind": "interline_handover",
                "parties": [x.id, y.id],
                "fee_per_parcel": 1800,
                "districts": ["74.71.01"],
            },
        ).json()
        assert deal["province_code"] == "74" and deal["stage"] == "exploring"
        for stage in ("negotiating", "signed", "active"):
            assert (
                client.post(
                    f"/v1/agreements/{deal['id']}/stage", headers=officer, json={"stage": stage}
                ).json()["stage"]
                == stage
            )
        options = client.post("/v1/quotes", json=quote).json()["options"]
        assert options and options[0]["handovers"] == 1
        ho = next(leg for leg in options[0]["legs"] if leg["type"] == "handover")
        assert ho["fee"] == 1800 and {ho["from"]["carrier"], ho["to"]["carrier"]} == {"TESTX", "TESTY"}
        pipeline = client.get("/v1/reports/agreement-pipeline", headers=officer).json()["items"]
        assert pipeline == [
            {
                "province_code": "74",
                "exploring": 0,
                "negotiating": 0,
                "signed": 0,
                "active": 1,
                "suspended": 0,
                "ended": 0,
            }
        ]
        # Restricting the handover to another district removes it from the next quote.
        client.put(
            f"/v1/agreements/{deal['id']}/terms",
            headers=officer,
            json={"fee_per_parcel": 1800, "districts": ["74.71.02"]},
        )
        assert client.post("/v1/quotes", json=quote).json()["options"] == []
        audit = client.get(
            "/v1/audit", headers=h(in_uow(engine, svc.create_key, CLI_ADMIN, Role.ADMIN).secret)
        ).json()["items"]
        assert {
            "meeting.create",
            "action.create",
            "action.status",
            "agreement.create",
            "agreement.stage",
            "agreement.terms",
        } <= {a["action"] for a in audit}
        terms = next(a for a in audit if a["action"] == "agreement.terms")
        assert terms["before"]["districts"] == ["74.71.01"] and terms["after"]["districts"] == ["74.71.02"]


def test_a_suspended_members_keys_stop_working(world):
    client, keys, ids = world
    assert client.get("/v1/members", headers=h(keys["memberB"])).status_code == 200
    r = client.patch(
        f"/v1/members/{ids['memberB']}/status", headers=h(keys["admin"]), json={"status": "suspended"}
    )
    assert r.json()["status"] == "suspended"
    assert client.get("/v1/members", headers=h(keys["memberB"])).status_code == 401
    client.patch(f"/v1/members/{ids['memberB']}/status", headers=h(keys["admin"]), json={"status": "active"})
    assert client.get("/v1/members", headers=h(keys["memberB"])).status_code == 200


def test_two_overlapping_submits_of_one_company_make_one_application(engine, atlas):
    """The first submit's transaction is still open when the second runs its check and insert:
    the second must wait and then be refused as a duplicate (on PostgreSQL the check alone
    cannot see the uncommitted row; a partial unique index over open applications holds it)."""
    import threading

    from jalin.errors import JalinError
    from jalin.storage.tables import applications
    from jalin.storage.uow import unit_of_work

    in_uow(engine, svc.ensure_structure, atlas)
    form = {**COMPANY, "nib": "9120000000555", "carrier_id": "RACEY"}
    second: list[object] = []
    first_inserted = threading.Event()

    def later() -> None:
        first_inserted.wait(10)
        try:
            second.append(in_uow(engine, svc.submit_application, PUBLIC, atlas, dict(form)))
        except JalinError as e:
            second.append(e)

    thread = threading.Thread(target=later)
    thread.start()
    with unit_of_work(engine) as uow:
        first = svc.submit_application(uow, PUBLIC, atlas, dict(form))
        first_inserted.set()
        thread.join(1.0)  # the second runs (and, without the index, commits) meanwhile
    thread.join(30)
    assert not thread.is_alive()
    assert len(second) == 1 and isinstance(second[0], JalinError), second
    assert second[0].code in ("duplicate_nib", "duplicate_carrier_id")
    with engine.connect() as conn:
        n = conn.scalar(
            select(func.count()).select_from(applications).where(applications.c.nib == form["nib"])
        )
    assert n == 1 and first.nib == form["nib"]
