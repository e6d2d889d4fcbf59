"""Tracking through the API on SQLite and PostgreSQL (tracking-v1): ingest with per-event
results, idempotency, access by leg, carrier references, unmapped codes, the timeline with
custody per leg, the public view, and a shipment driven across two carriers to delivery."""

from __future__ import annotations

import json
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import httpx2
from sqlalchemy import func, select

from jalin.storage.db import make_engine
from jalin.storage.tables import shipment_events
from tests.shipping import KENDARI, World
from tests.test_shipments_concurrency import server

__all__ = ["server"]  # the fixture


def _at(dt: datetime, offset_hours: int = 7) -> str:
    return dt.astimezone(timezone(timedelta(hours=offset_hours))).isoformat()


def _ev(number: str, status: str | None = None, at: datetime | None = None, **more: Any) -> dict[str, Any]:
    e: dict[str, Any] = {
        "event_id": more.pop("event_id", f"E-{uuid.uuid4().hex[:12]}"),
        "number": number,
        "occurred_at": _at(at or datetime.now(UTC) - timedelta(hours=1)),
    }
    if status is not None:
        e["status"] = status
    e.update(more)
    return e


def _post(world: World, who: str, events: list[dict[str, Any]]) -> dict[str, Any]:
    r = world.client.post("/v1/events", json={"events": events}, headers=world.h(who))
    assert r.status_code == 200, r.text
    return r.json()


def _stored(world: World, carrier: str, event_id: str) -> int:
    engine = make_engine(world.url)
    with engine.connect() as conn:
        n = conn.scalar(
            select(func.count()).where(
                shipment_events.c.carrier == carrier, shipment_events.c.event_id == event_id
            )
        )
    engine.dispose()
    return int(n or 0)


def test_a_shipment_across_two_carriers_to_delivery(world):
    """Book across two carriers, post events for each leg, confirm the manifest, deliver: the
    timeline, the status, custody per leg and the public view agree."""
    s = world.book()
    number = s["number"]
    assert len(s["legs"]) == 2, "the fastest Menteng-Kendari option crosses two carriers"
    a, b = s["legs"][0]["carrier"], s["legs"][1]["carrier"]
    h = s["handovers"][0]
    now = datetime.now(UTC).replace(microsecond=0)
    t_pick, t_dep, t_arr = now - timedelta(hours=5), now - timedelta(hours=4), now - timedelta(hours=3)
    first = _post(
        world,
        a,
        [
            _ev(number, "arrived", t_arr, location=h["from_facility"], event_id="A-3"),  # out of order
            _ev(number, "picked_up", t_pick, location="31.71.06", event_id="A-1"),
            _ev(number, "departed", t_dep, location="31.71.06", event_id="A-2"),
        ],
    )
    assert (first["accepted"], first["duplicates"], first["rejected"]) == (3, 0, 0), first
    assert [r["event_id"] for r in first["results"]] == ["A-3", "A-1", "A-2"]
    tl = world.client.get(f"/v1/shipments/{number}/events", headers=world.h("seller")).json()
    assert [e["status"] for e in tl["events"]] == ["picked_up", "departed", "arrived"]
    assert tl["status"] == "arrived"
    leg1, leg2 = tl["custody"]
    assert datetime.fromisoformat(leg1["took_at"]) == t_pick and leg1["gave_at"] is None
    assert leg1["status"] == "active" and leg2["status"] == "planned" and leg2["took_at"] is None
    # The receiving carrier confirms the manifest: custody passes, handed_over recorded.
    r = world.client.post(
        f"/v1/manifests/{h['manifest']}/confirm", json={"scanned": [number]}, headers=world.h(b)
    )
    assert r.status_code == 200 and number in r.json()["handed_over"]
    t_hand = datetime.fromisoformat(
        next(x for x in world.client.get(f"/v1/shipments/{number}", headers=world.h(b)).json()["handovers"])[
            "completed_at"
        ]
    )
    t_hub, t_out, t_done = (t_hand + timedelta(seconds=k) for k in (30, 60, 90))
    second = _post(
        world,
        b,
        [
            _ev(number, "arrived", t_hub, location=h["to_facility"], event_id="B-1"),
            _ev(number, "out_for_delivery", t_out, location=KENDARI, event_id="B-2"),
            _ev(
                number,
                "delivered",
                t_done,
                location=KENDARI,
                event_id="B-3",
                received_by="Budi Santoso",
                cod_collected=150000,
            ),
        ],
    )
    assert second["accepted"] == 3, second
    tl = world.client.get(f"/v1/shipments/{number}/events", headers=world.h(a)).json()
    assert [(e["status"], e["carrier"]) for e in tl["events"]] == [
        ("picked_up", a),
        ("departed", a),
        ("arrived", a),
        ("handed_over", b),
        ("arrived", b),
        ("out_for_delivery", b),
        ("delivered", b),
    ]
    assert tl["status"] == "delivered"
    leg1, leg2 = tl["custody"]
    assert datetime.fromisoformat(leg1["gave_at"]) == t_hand == datetime.fromisoformat(leg2["took_at"])
    assert datetime.fromisoformat(leg2["gave_at"]) == t_done
    assert leg1["status"] == leg2["status"] == "completed"
    delivered = tl["events"][-1]
    assert delivered["received_by"] == "Budi Santoso" and delivered["cod_collected"] == 150000
    assert delivered["occurred_at"].endswith("+08:00") and delivered["zone"] == "WITA"  # Kendari
    shown = world.client.get(f"/v1/shipments/{number}", headers=world.h("seller")).json()
    assert shown["status"] == "delivered" and [leg["status"] for leg in shown["legs"]] == ["completed"] * 2
    # The public view: the same timeline, no personal data.
    pub = world.client.get(f"/v1/track/{number}")
    assert pub.status_code == 200 and "Budi" not in pub.text and "150000" not in pub.text
    t = pub.json()
    assert t["status"] == "delivered"
    assert [m["status"] for m in t["timeline"]] == [
        "booked",
        "picked_up",
        "departed",
        "arrived",
        "handed_over",
        "arrived",
        "out_for_delivery",
        "delivered",
    ]
    assert t["timeline"][-1]["place"] and t["timeline"][-1]["zone"] == "WITA"


def test_results_per_event_accepted_events_survive_rejections(world):
    s = world.book()
    number, a, b = s["number"], s["legs"][0]["carrier"], s["legs"][1]["carrier"]
    future = datetime.now(UTC) + timedelta(minutes=11)
    events = [
        _ev(number, "picked_up", location="31.71.06", event_id="ok-1"),
        _ev("JL000000015ID", "departed", event_id="unknown-1"),
        _ev(number, "departed", at=future, event_id="future-1"),
        {**_ev(number, "departed", event_id="naive-1"), "occurred_at": "2026-12-01T10:00:00"},
        _ev(number, "departed", location="99.99.99", event_id="nowhere-1"),
        _ev(number, None, event_id="empty-1"),
        _ev(number, "booked", event_id="booked-1"),
        _ev(number, "teleported", event_id="bad-status-1"),
        "not an object",
        {**_ev(number, "delivered", event_id="cod-1"), "cod_collected": -5},
    ]
    got = _post(world, a, events)
    codes = [(r["result"], r["code"]) for r in got["results"]]
    assert codes == [
        ("accepted", None),
        ("rejected", "unknown_shipment"),
        ("rejected", "invalid_time"),
        ("rejected", "invalid_time"),
        ("rejected", "unknown_location"),
        ("rejected", "missing_code_or_status"),
        ("rejected", "invalid_status"),
        ("rejected", "invalid_status"),
        ("rejected", "invalid_event"),
        ("rejected", "invalid_event"),
    ]
    assert (got["accepted"], got["duplicates"], got["rejected"]) == (1, 0, 9)
    assert all(r["message"] for r in got["results"][1:])
    assert _stored(world, a, "ok-1") == 1
    # Another carrier on the shipment may post; one that is not on it may not.
    outsider = next(k for k in world.members if k not in ("seller", a, b))
    assert _post(world, b, [_ev(number, "arrived", event_id="b-ok")])["accepted"] == 1
    refused = _post(world, outsider, [_ev(number, "arrived", event_id="x-1")])["results"][0]
    assert refused["code"] == "not_your_leg" and _stored(world, outsider, "x-1") == 0
    # A member without a carrier posts nothing.
    assert _post(world, "seller", [_ev(number, "arrived")])["results"][0]["code"] == "not_your_leg"


def test_idempotent_on_carrier_and_event_id(world):
    s = world.book()
    number, a = s["number"], s["legs"][0]["carrier"]
    batch = [_ev(number, "picked_up", location="31.71.06", event_id="idem-1", description="Paket diambil")]
    assert _post(world, a, batch)["accepted"] == 1
    again = _post(world, a, batch)
    assert (again["accepted"], again["duplicates"]) == (0, 1) and again["results"][0]["result"] == "duplicate"
    changed = [{**batch[0], "description": "Paket diambil kurir"}]
    conflict = _post(world, a, changed)["results"][0]
    assert conflict["result"] == "rejected" and conflict["code"] == "event_id_conflict"
    # The same id twice in one batch: the second is a duplicate (or a conflict when it differs).
    twice = _post(world, a, [batch[0] | {"event_id": "idem-2"}, batch[0] | {"event_id": "idem-2"}])
    assert [r["result"] for r in twice["results"]] == ["accepted", "duplicate"]
    assert _stored(world, a, "idem-1") == 1 and _stored(world, a, "idem-2") == 1
    # The same event_id of another carrier is another event.
    b = s["legs"][1]["carrier"]
    assert _post(world, b, [_ev(number, "arrived", event_id="idem-1")])["accepted"] == 1


def test_carrier_ref_unmapped_codes_and_admin(world):
    s = world.book()
    number, a, b = s["number"], s["legs"][0]["carrier"], s["legs"][1]["carrier"]
    ref = f"REF{uuid.uuid4().hex[:10]}"
    r = world.client.put(
        f"/v1/shipments/{number}/legs/1/carrier-ref", json={"carrier_ref": ref}, headers=world.h(a)
    )
    assert r.status_code == 200
    by_ref = _post(world, a, [_ev(ref, "picked_up", location="31.71.06", event_id="ref-1")])
    assert by_ref["accepted"] == 1
    # Another carrier cannot use a's reference.
    assert _post(world, b, [_ev(ref, "arrived")])["results"][0]["code"] == "unknown_shipment"
    # An unmapped code is kept with status null and does not change the status.
    unmapped = _post(world, a, [_ev(number, None, code="ZZ-77", event_id="unm-1", at=datetime.now(UTC))])
    assert unmapped["results"][0] == {
        "event_id": "unm-1",
        "result": "accepted",
        "code": "unmapped_code",
        "message": unmapped["results"][0]["message"],
    }
    tl = world.client.get(f"/v1/shipments/{number}/events", headers=world.h("admin")).json()
    assert tl["status"] == "picked_up" and [e["status"] for e in tl["events"]] == ["picked_up", None]
    assert tl["events"][1]["code"] == "ZZ-77"
    # Admin posts for any carrier, naming it; without one it is refused.
    admin = _post(
        world,
        "admin",
        [
            _ev(number, "departed", carrier=a, event_id="adm-1", location="31.71.06"),
            _ev(number, "departed", event_id="adm-2"),
            _ev(number, "departed", carrier="NOPE", event_id="adm-3"),
        ],
    )
    assert [r["code"] for r in admin["results"]] == [None, "carrier_required", "not_your_leg"]
    # Timeline access: the shipment's parties; others 404.
    outsider = next(k for k in world.members if k not in ("seller", a, b))
    assert world.client.get(f"/v1/shipments/{number}/events", headers=world.h(outsider)).status_code == 404
    assert world.client.get(f"/v1/shipments/{number}/events").status_code == 401


def test_batch_limits_and_shape(world):
    s = world.book()
    a = s["legs"][0]["carrier"]
    too_many = [_ev(s["number"], "arrived") for _ in range(1001)]
    r = world.client.post("/v1/events", json={"events": too_many}, headers=world.h(a))
    assert r.status_code == 422 and r.json()["code"] == "too_many_events"
    r = world.client.post("/v1/events", json={"event": []}, headers=world.h(a))
    assert r.status_code == 422 and r.json()["code"] == "invalid_request"
    assert _post(world, a, []) == {"results": [], "accepted": 0, "duplicates": 0, "rejected": 0}
    full = [_ev(s["number"], "arrived", description="x" * 500, event_id=f"full-{i}") for i in range(1000)]
    got = _post(world, a, full)
    assert got["accepted"] == 1000


def test_events_on_a_cancelled_shipment_are_refused(world):
    s = world.book()
    assert (
        world.client.post(f"/v1/shipments/{s['number']}/cancel", headers=world.h("seller")).status_code == 200
    )
    got = _post(world, s["legs"][0]["carrier"], [_ev(s["number"], "picked_up")])
    assert got["results"][0]["code"] == "shipment_cancelled"


def test_concurrent_batches_store_each_event_once(world, server):
    """The same batch posted by eight clients at once: each event stored once; every answer
    says accepted or duplicate for it, and exactly one says accepted."""
    s = world.book()
    a = s["legs"][0]["carrier"]
    batch = {"events": [_ev(s["number"], "arrived", event_id=f"race-{i}") for i in range(20)]}

    def one(_: int) -> dict[str, Any]:
        with httpx2.Client(base_url=server, timeout=60) as client:
            r = client.post("/v1/events", json=batch, headers=world.h(a))
            assert r.status_code == 200, r.text
            return r.json()

    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(one, range(8)))
    for i in range(20):
        outcomes = Counter(ans["results"][i]["result"] for ans in answers)
        assert outcomes == Counter({"accepted": 1, "duplicate": 7}), outcomes
        assert _stored(world, a, f"race-{i}") == 1


def test_cli_ingest_and_show(world, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from jalin.cli import app

    s = world.book()
    number, a = s["number"], s["legs"][0]["carrier"]
    monkeypatch.setenv("JALIN_DATABASE_URL", world.url)
    lines = tmp_path / "events.jsonl"
    lines.write_text(
        "\n".join(json.dumps(_ev(number, st, event_id=f"cli-{st}")) for st in ("picked_up", "departed"))
        + "\n"
    )
    runner = CliRunner()
    r = runner.invoke(app, ["events", "ingest", str(lines), "--carrier", a, "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["accepted"] == 2
    csv_file = tmp_path / "events.csv"
    ev = _ev(number, "arrived", event_id="cli-csv-1", location="31.71.06")
    csv_file.write_text(
        "event_id,number,status,occurred_at,location,code\n"
        f"{ev['event_id']},{number},arrived,{ev['occurred_at']},31.71.06,\n"
    )
    r = runner.invoke(app, ["events", "ingest", str(csv_file), "--carrier", a])
    assert r.exit_code == 0, r.output
    assert "1" in r.output
    r = runner.invoke(app, ["events", "show", number, "--json"])
    assert r.exit_code == 0, r.output
    assert {e["event_id"] for e in json.loads(r.output)["events"]} >= {
        "cli-picked_up",
        "cli-departed",
        "cli-csv-1",
    }
    r = runner.invoke(app, ["events", "show", number])
    assert r.exit_code == 0 and "picked_up" in r.output


def test_the_migration_matches_the_event_table(engine):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from jalin.storage.tables import metadata

    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert [d for d in diff if "shipment_events" in repr(d) or "shipment_legs" in repr(d)] == []


def test_status_changes_queue_webhooks_and_a_cod_delivery_records_its_lines(world):
    from jalin.storage import webhooks as hooks
    from jalin.storage.tables import settlement_lines, webhook_messages
    from jalin.storage.uow import unit_of_work
    from jalin.webhooks import new_secret

    s = world.book()  # COD 150000
    number, a, b = s["number"], s["legs"][0]["carrier"], s["legs"][1]["carrier"]
    engine = make_engine(world.url)
    with unit_of_work(engine) as uow:
        hooks.insert_endpoint(
            uow.conn,
            id=f"ep_trk{uuid.uuid4().hex[:12]}",
            member_id=world.members["seller"],
            url="https://example.com/hook",
            event_types=["shipment.status_changed", "shipment.delivered", "shipment.exception"],
            secret=new_secret(),
            now=datetime.now(UTC),
        )
    now = datetime.now(UTC)
    _post(world, a, [_ev(number, "picked_up", now - timedelta(hours=3), location="31.71.06")])
    _post(world, b, [_ev(number, "exception", now - timedelta(hours=2), reason="alamat tidak jelas")])
    _post(world, b, [_ev(number, None, now - timedelta(hours=1), code="QQ-1")])  # unmapped: no webhook
    done = _post(
        world, b, [_ev(number, "delivered", now, location=KENDARI, cod_collected=150000, received_by="Budi")]
    )
    assert done["accepted"] == 1
    with engine.connect() as conn:
        msgs = conn.execute(
            select(webhook_messages.c.event_type, webhook_messages.c.body)
            .where(webhook_messages.c.number == number)
            .order_by(webhook_messages.c.created_at, webhook_messages.c.id)
        ).all()
        lines = conn.execute(
            select(settlement_lines.c.kind, settlement_lines.c.seq, settlement_lines.c.amount).where(
                settlement_lines.c.number == number
            )
        ).all()
    types = Counter(t for t, _ in msgs)
    assert types == Counter(
        {"shipment.status_changed": 3, "shipment.exception": 1, "shipment.delivered": 1}
    ), types
    changed = [json.loads(body)["data"] for t, body in msgs if t == "shipment.status_changed"]
    assert sorted((d["previous_status"], d["status"]) for d in changed) == sorted(
        [("booked", "picked_up"), ("picked_up", "exception"), ("exception", "delivered")]
    )
    delivered = next(json.loads(body) for t, body in msgs if t == "shipment.delivered")
    assert delivered["data"]["cod_collected"] == 150000 and delivered["data"]["number"] == number
    assert ("cod", 150000) in {(k, amount) for k, _, amount in lines}, lines
    assert ("leg", 2) in {(k, seq) for k, seq, _ in lines}, "the last leg's line"
    # A second delivered event records nothing more; a sandbox delivery records nothing at all.
    _post(world, b, [_ev(number, "delivered", now, location=KENDARI, cod_collected=150000)])
    sandbox = world.book(test=True)
    _post(
        world,
        sandbox["legs"][-1]["carrier"],
        [_ev(sandbox["number"], "delivered", now, cod_collected=150000)],
    )
    with engine.connect() as conn:
        again = conn.scalar(select(func.count()).where(settlement_lines.c.number == number))
        none = conn.scalar(select(func.count()).where(settlement_lines.c.number == sandbox["number"]))
    engine.dispose()
    assert again == len(lines) and none == 0


def test_feed_status_codes_map_carrier_codes_and_the_quality_report_counts_the_rest(world):
    from jalin.network.status_styles import status_codes_for

    s = world.book()
    number, a = s["number"], s["legs"][0]["carrier"]
    table = {c.status: c.code for c in reversed(status_codes_for(a))}  # the first code of each status
    now = datetime.now(UTC)
    got = _post(
        world,
        a,
        [
            _ev(number, None, now - timedelta(hours=2), code=table["picked_up"], location="31.71.06"),
            _ev(number, None, now - timedelta(hours=1), code="NOT-IN-FEED"),
            _ev(number, None, now - timedelta(minutes=30), code="NOT-IN-FEED"),
            _ev(number, "departed", now - timedelta(minutes=20), code="NOT-IN-FEED-EITHER"),
        ],
    )
    assert [r["code"] for r in got["results"]] == [None, "unmapped_code", "unmapped_code", None]
    tl = world.client.get(f"/v1/shipments/{number}/events", headers=world.h(a)).json()
    assert [(e["code"], e["status"]) for e in tl["events"]] == [
        (table["picked_up"], "picked_up"),
        ("NOT-IN-FEED", None),
        ("NOT-IN-FEED", None),
        ("NOT-IN-FEED-EITHER", "departed"),  # an explicit status wins over an unknown code
    ]
    assert tl["status"] == "departed"
    # The report: a member sees its own carrier; the admin sees every carrier.
    mine = world.client.get("/v1/reports/tracking-quality", headers=world.h(a)).json()["items"]
    assert [i["carrier"] for i in mine] == [a]
    row = mine[0]
    assert row["unmapped"] >= 2 and row["events"] >= 4 and 0 < row["unmapped_share"] < 1
    assert row["top_unmapped"][0] == {"code": "NOT-IN-FEED", "events": 2}  # the others appear once
    assert row["codes_in_feed"] == len(status_codes_for(a))
    every = world.client.get("/v1/reports/tracking-quality", headers=world.h("admin")).json()["items"]
    assert a in {i["carrier"] for i in every}
    assert world.client.get("/v1/reports/tracking-quality", headers=world.h("seller")).json()["items"] == []
    assert world.client.get("/v1/reports/tracking-quality", headers=world.h("officer")).status_code == 403


def test_the_receiving_carriers_handed_over_event_completes_the_handover(world):
    """A carrier that reports by events, not by scanning the manifest: the receiving carrier's
    `handed_over` completes the handover (its row, the giving leg's and the fee's settlement
    lines, `handover.completed`); the giving carrier's own `handed_over` does not; a later
    manifest confirmation and a repeated event change nothing."""
    from jalin.storage import webhooks as hooks
    from jalin.storage.tables import settlement_lines, webhook_messages
    from jalin.storage.uow import unit_of_work
    from jalin.webhooks import new_secret

    s = world.book()
    number, a, b = s["number"], s["legs"][0]["carrier"], s["legs"][1]["carrier"]
    h = s["handovers"][0]
    engine = make_engine(world.url)
    with unit_of_work(engine) as uow:
        hooks.insert_endpoint(
            uow.conn,
            id=f"ep_hnd{uuid.uuid4().hex[:12]}",
            member_id=world.members["seller"],
            url="https://example.com/hook",
            event_types=["handover.completed"],
            secret=new_secret(),
            now=datetime.now(UTC),
        )

    def state() -> tuple[dict[str, Any], list[tuple[str, int, int]], list[dict[str, Any]]]:
        shown = world.client.get(f"/v1/shipments/{number}", headers=world.h("seller")).json()["handovers"][0]
        with engine.connect() as conn:
            lines = conn.execute(
                select(settlement_lines.c.kind, settlement_lines.c.seq, settlement_lines.c.amount).where(
                    settlement_lines.c.number == number
                )
            ).all()
            msgs = conn.execute(
                select(webhook_messages.c.body).where(
                    webhook_messages.c.number == number, webhook_messages.c.event_type == "handover.completed"
                )
            ).all()
        return shown, sorted((k, q, amt) for k, q, amt in lines), [json.loads(m[0])["data"] for m in msgs]

    now = datetime.now(UTC).replace(microsecond=0)
    t_pick, t_let_go, t_taken = now - timedelta(hours=5), now - timedelta(hours=3), now - timedelta(hours=2)
    _post(world, a, [_ev(number, "picked_up", t_pick, location="31.71.06")])
    _post(world, a, [_ev(number, "handed_over", t_let_go, location=h["from_facility"], event_id="A-GIVE")])
    shown, lines, msgs = state()
    assert shown["status"] == "planned" and shown["completed_at"] is None, "the giver alone completes nothing"
    assert lines == [] and msgs == []

    taken = _ev(number, "handed_over", t_taken, location=h["to_facility"], event_id="B-TAKE")
    assert _post(world, b, [taken])["accepted"] == 1
    shown, lines, msgs = state()
    assert shown["status"] == "completed" and datetime.fromisoformat(shown["completed_at"]) == t_taken
    leg1 = s["legs"][0]["price"]
    assert ("leg", 1, leg1) in lines, lines
    assert [k for k, _, _ in lines].count("handover_fee") == (1 if h["fee"] else 0), lines
    assert [(m["seq"], m["manifest_id"], m["to_carrier"]) for m in msgs] == [(1, h["manifest"], b)]

    # The same event again, then the receiver's manifest scan: nothing more.
    assert _post(world, b, [taken])["duplicates"] == 1
    r = world.client.post(
        f"/v1/manifests/{h['manifest']}/confirm", json={"scanned": [number]}, headers=world.h(b)
    )
    assert r.status_code == 200 and number in r.json()["handed_over"]
    assert state()[1:] == (lines, msgs)
    tl = world.client.get(f"/v1/shipments/{number}/events", headers=world.h("seller")).json()
    assert [e["status"] for e in tl["events"]].count("handed_over") == 2  # the giver's and the taker's
    assert tl["custody"][1]["status"] == "active"
    engine.dispose()
