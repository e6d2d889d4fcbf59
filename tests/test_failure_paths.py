"""Paths that only run when something goes wrong or happens at the same time:

- an audit write that fails: the change it records must roll back with it (a database trigger
  makes every audit insert fail, on SQLite and PostgreSQL alike);
- a concurrent insert that loses the race at the unique index (IntegrityError), made
  deterministic on PostgreSQL by holding the winning row in an open transaction;
- quotes answered while agreements change and the snapshot is swapped underneath them.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from tests.feeds import VALID_FEED, replace_in
from tests.registry_world import HOME_REGENCY, World, company, world, zip_of

__all__ = ["world"]


def _break_audit(engine) -> None:  # type: ignore[no-untyped-def]
    with engine.begin() as conn:
        if engine.dialect.name == "sqlite":
            conn.execute(
                text(
                    "CREATE TRIGGER audit_down BEFORE INSERT ON audit_log "
                    "BEGIN SELECT RAISE(ABORT, 'audit log unavailable'); END"
                )
            )
        else:
            conn.execute(
                text(
                    "CREATE FUNCTION audit_down() RETURNS trigger AS $$ "
                    "BEGIN RAISE EXCEPTION 'audit log unavailable'; END $$ LANGUAGE plpgsql"
                )
            )
            conn.execute(
                text(
                    "CREATE TRIGGER audit_down BEFORE INSERT ON audit_log "
                    "FOR EACH ROW EXECUTE FUNCTION audit_down()"
                )
            )


def _counts(engine) -> dict[str, int]:  # type: ignore[no-untyped-def]
    with engine.connect() as conn:
        return {
            t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()
            for t in (
                "members",
                "agreements",
                "meetings",
                "api_keys",
                "applications",
                "feed_versions",
                "audit_log",
            )
        }


def test_a_failing_audit_write_rolls_the_change_back(world, engine):
    w: World = world
    ag = w.agreement([w.ids["member"], w.ids["partner"]])
    before_stage = w.admin("GET", f"/v1/agreements/{ag}")["stage"]
    _break_audit(engine)
    before = _counts(engine)
    client = TestClient(w.client.app, raise_server_exceptions=False)
    admin = {"X-API-Key": w.root}
    calls = [
        ("POST", "/v1/members", {"json": company(w.nib(), "AUDX", HOME_REGENCY, "Audit")}),
        ("POST", f"/v1/agreements/{ag}/stage", {"json": {"stage": "negotiating"}}),
        ("POST", "/v1/keys", {"json": {"role": "admin"}}),
        ("POST", "/v1/applications", {"json": company(w.nib(), None, HOME_REGENCY, "Pemohon")}),
        (
            "POST",
            "/v1/meetings",
            {"json": {"held_on": "2026-11-20", "place": "Bandung", "host": HOME_REGENCY, "topics": "xx"}},
        ),
        ("POST", "/v1/feeds", {"files": {"file": ("f.zip", zip_of(VALID_FEED), "application/zip")}}),
    ]
    for method, url, kwargs in calls:
        r = client.request(method, url, headers=admin, **kwargs)
        assert r.status_code == 500, (url, r.status_code, r.text[:200])
        assert r.headers["content-type"].startswith("application/problem+json")
        assert "audit log unavailable" not in r.text  # no internals in the answer
    assert _counts(engine) == before
    assert w.admin("GET", f"/v1/agreements/{ag}")["stage"] == before_stage


@pytest.mark.postgres
def test_a_member_insert_that_loses_the_race_is_a_409_naming_the_duplicate(world, engine):
    """The pre-check sees nothing (the winner has not committed yet); the insert then waits on the
    unique index and fails when the winner commits: the answer is the same 409 as a plain duplicate."""
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite serialises writers, so the race cannot happen there")
    w: World = world
    nib = w.nib()
    winner = engine.connect()
    tx = winner.begin()
    winner.execute(
        text(
            "INSERT INTO members (legal_name, brand, nib, type, carrier_id, regency_code, province_code, "
            "status, created_at) VALUES ('PT Pemenang', 'Menang', :nib, 'courier', 'RACEX', '32.73', '32', "
            "'active', now())"
        ),
        {"nib": nib},
    )
    results = {}

    def loser() -> None:
        body = company(nib, "RACEY", HOME_REGENCY, "Kalah")
        results["r"] = w.client.post("/v1/members", headers={"X-API-Key": w.root}, json=body)

    t = threading.Thread(target=loser)
    t.start()
    time.sleep(1.5)  # the loser is now blocked on the unique index
    tx.commit()
    winner.close()
    t.join(30)
    r = results["r"]
    assert r.status_code == 409 and r.json()["code"] == "duplicate_nib", r.text
    members = w.every("/v1/members")
    assert [m["carrier_id"] for m in members if m["nib"] == nib] == ["RACEX"]


@pytest.mark.postgres
def test_a_publish_that_loses_the_race_reports_unchanged(world, engine):
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite serialises writers, so the race cannot happen there")
    w: World = world
    files = {"file": ("f.zip", zip_of(VALID_FEED), "application/zip")}
    with ThreadPoolExecutor(4) as pool:
        answers = list(
            pool.map(
                lambda _: w.client.post("/v1/feeds", headers={"X-API-Key": w.root}, files=files), range(4)
            )
        )
    assert sorted(r.status_code for r in answers) == [201] * 4, [r.text for r in answers]
    assert sorted(r.json()["status"] for r in answers) == ["published"] + ["unchanged"] * 3
    assert len(w.admin("GET", "/v1/feeds")["items"]) == 1


def _two_carrier_network(w: World) -> int:
    """TESTX (Jakarta -> Kendari hub) and TESTZ (Kendari hub -> Kendari), joined by an agreement that
    is active; returns its id."""
    w.admin("POST", "/v1/feeds", files={"file": ("x.zip", zip_of(VALID_FEED), "application/zip")})
    z = {
        **replace_in("feed.json", '"TESTX"', '"TESTZ"'),
        "facilities.csv": "facility_id,name,kind,area_code,lat,lon,handover\nKDI,Hub Z,hub,74.71.01,,,1\n",
        "runs.csv": "run_id,service_id,origin,destination,days,departs_at,cutoff_minutes,duration_minutes,"
        "base_price,price_per_kg\nP1,REG,area:74.71.02,KDI,1111111,10:00,0,60,1000,0\n"
        "D1,REG,KDI,area:74.71.02,1111111,11:00,0,60,1000,0\n",
        "calendar_dates.csv": "service_id,date,exception_type\n",
    }
    w.admin("POST", "/v1/feeds", files={"file": ("z.zip", zip_of(z), "application/zip")})
    ag = w.agreement([w.ids["member"], w.ids["partner"]], fee_per_parcel=1800)
    for stage in ("negotiating", "signed", "active"):
        w.admin("POST", f"/v1/agreements/{ag}/stage", json={"stage": stage})
    return ag


def test_quotes_during_snapshot_swaps_see_one_whole_state(world):
    """While the agreement flips between active and suspended, every concurrent quote succeeds and
    answers exactly as with the agreement on, or exactly as with it off: never an error, never a mix."""
    w: World = world
    ag = _two_carrier_network(w)
    quote = {"from": "31.71.06", "to": "74.71.02", "weight_kg": "1", "ready_at": "2026-12-01T08:00:00+07:00"}
    with_handover = w.client.post("/v1/quotes", json=quote).json()["options"]
    w.admin("POST", f"/v1/agreements/{ag}/stage", json={"stage": "suspended"})
    without = w.client.post("/v1/quotes", json=quote).json()["options"]
    assert any(o["handovers"] for o in with_handover) and not any(o["handovers"] for o in without)
    stop = threading.Event()
    errors: list[str] = []
    seen = {"on": 0, "off": 0}

    def flip() -> None:
        stage = "active"
        while not stop.is_set():
            w.admin("POST", f"/v1/agreements/{ag}/stage", json={"stage": stage})
            stage = "suspended" if stage == "active" else "active"

    def ask(_: int) -> None:
        r = w.client.post("/v1/quotes", json=quote)
        if r.status_code != 200:
            errors.append(f"{r.status_code} {r.text[:200]}")
            return
        options = r.json()["options"]
        if options == with_handover:
            seen["on"] += 1
        elif options == without:
            seen["off"] += 1
        else:
            errors.append(f"a mixed answer: {options}")

    flipper = threading.Thread(target=flip)
    flipper.start()
    try:
        with ThreadPoolExecutor(4) as pool:
            list(pool.map(ask, range(60)))
    finally:
        stop.set()
        flipper.join(30)
    assert not errors, errors[:3]
    assert seen["on"] + seen["off"] == 60
