"""The tracking sandbox on SQLite and PostgreSQL: a test shipment walked to delivery through the
real ingest (statuses, handover, delivery, webhooks), never settled; real shipments refused."""

from __future__ import annotations

import json
import uuid
from collections import Counter
from datetime import UTC, datetime

from sqlalchemy import func, select

from jalin.storage.db import make_engine


def test_simulate_walks_a_test_shipment_through_the_real_ingest(world, monkeypatch):
    from jalin.storage import webhooks as hooks
    from jalin.storage.tables import settlement_lines, webhook_messages
    from jalin.storage.uow import unit_of_work
    from jalin.webhooks import new_secret

    s = world.book(test=True)  # COD 150000, two carriers
    number = s["number"]
    a, b = s["legs"][0]["carrier"], s["legs"][1]["carrier"]
    engine = make_engine(world.url)
    with unit_of_work(engine) as uow:
        hooks.insert_endpoint(
            uow.conn,
            id=f"ep_sim{uuid.uuid4().hex[:12]}",
            member_id=world.members["seller"],
            url="https://example.com/hook",
            event_types=["shipment.status_changed", "shipment.delivered", "handover.completed"],
            secret=new_secret(),
            now=datetime.now(UTC),
        )
    r = world.client.post(f"/v1/shipments/{number}/simulate", headers=world.h("seller"))
    assert r.status_code == 200, r.text
    got = r.json()
    assert got["status"] == "delivered" and got["rejected"] == 0 and got["accepted"] == len(got["results"])
    tl = world.client.get(f"/v1/shipments/{number}/events", headers=world.h(b)).json()
    statuses = [e["status"] for e in tl["events"]]
    assert statuses[0] == "picked_up" and statuses[-2:] == ["out_for_delivery", "delivered"]
    assert "handed_over" in statuses and {"departed", "arrived"} <= set(statuses)
    assert tl["events"][0]["carrier"] == a and tl["events"][-1]["carrier"] == b
    assert tl["events"][-1]["cod_collected"] == 150000
    assert [c["status"] for c in tl["custody"]] == ["completed", "completed"]
    # Walking again changes nothing; a carrier on the shipment may ask too.
    again = world.client.post(f"/v1/shipments/{number}/simulate", headers=world.h(a)).json()
    assert again["accepted"] == 0 and again["duplicates"] == len(got["results"])
    with engine.connect() as conn:
        types = Counter(
            t
            for (t,) in conn.execute(
                select(webhook_messages.c.event_type).where(webhook_messages.c.number == number)
            )
        )
        lines = conn.scalar(select(func.count()).where(settlement_lines.c.number == number))
    engine.dispose()
    assert types["shipment.delivered"] == 1 and types["shipment.status_changed"] >= 4
    assert types["handover.completed"] == len(s["handovers"]) == 1  # once, though walked twice
    shown = world.client.get(f"/v1/shipments/{number}", headers=world.h("seller")).json()
    assert [h["status"] for h in shown["handovers"]] == ["completed"]
    assert [leg["status"] for leg in shown["legs"]] == ["completed", "completed"]  # delivered
    assert lines == 0, "sandbox shipments are never settled"
    # A real shipment: 409; someone not on it: 404.
    real = world.book()
    r = world.client.post(f"/v1/shipments/{real['number']}/simulate", headers=world.h("seller"))
    assert r.status_code == 409 and r.json()["code"] == "not_a_test_shipment"
    outsider = next(k for k in world.members if k not in ("seller", a, b))
    assert world.client.post(f"/v1/shipments/{number}/simulate", headers=world.h(outsider)).status_code == 404
    # The command line does the same.
    from typer.testing import CliRunner

    from jalin.cli import app

    monkeypatch.setenv("JALIN_DATABASE_URL", world.url)
    other = world.book(test=True, cod_amount=0)
    out = CliRunner().invoke(app, ["events", "simulate", other["number"], "--json"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.output)["status"] == "delivered"
    refused = CliRunner().invoke(app, ["events", "simulate", real["number"]])
    assert refused.exit_code == 1 and "not_a_test_shipment" in refused.output
