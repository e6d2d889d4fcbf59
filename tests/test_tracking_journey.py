"""One shipment's whole journey through the public API, on SQLite and PostgreSQL: booked across two
carriers, events from each leg, the handover confirmed by scanning, delivered with COD; then the
timeline, the EPCIS 2.0 export (validated against GS1's schema) and the signed webhooks a real
receiver got (verified with the `standardwebhooks` library) are checked together."""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, datetime, timedelta

from tests.shipping import KENDARI
from tests.test_tracking import _ev, _post
from tests.test_tracking_epcis import _errors
from tests.test_webhooks_delivery import drain, eng, hw, register, rx

__all__ = ["eng", "hw", "rx"]  # fixtures

SELLER_TYPES = [
    "shipment.booked",
    "shipment.status_changed",
    "shipment.delivered",
    "handover.completed",
]


def test_a_shipment_across_two_carriers_to_delivery_timeline_epcis_and_signed_webhooks(hw, eng, rx):
    register(hw, rx, "/seller", SELLER_TYPES)
    s = hw.book()  # COD 150000, two carriers
    number, h = s["number"], s["handovers"][0]
    a, b = s["legs"][0]["carrier"], s["legs"][1]["carrier"]
    register(hw, rx, "/receiving", ["handover.completed", "shipment.status_changed"], who=b)
    now = datetime.now(UTC).replace(microsecond=0)
    first = _post(
        hw,
        a,
        [
            _ev(number, "picked_up", now - timedelta(hours=5), location="31.71.06"),
            _ev(number, "departed", now - timedelta(hours=4), location="31.71.06"),
            _ev(number, "arrived", now - timedelta(hours=3), location=h["from_facility"]),
        ],
    )
    assert first["accepted"] == 3 and first["rejected"] == 0
    confirmed = hw.client.post(
        f"/v1/manifests/{h['manifest']}/confirm", json={"scanned": [number]}, headers=hw.h(b)
    )
    assert confirmed.status_code == 200 and confirmed.json()["handed_over"] == [number]
    later = datetime.now(UTC) + timedelta(seconds=5)
    last = _post(
        hw,
        b,
        [
            _ev(number, "arrived", later, location=h["to_facility"]),
            _ev(number, "out_for_delivery", later + timedelta(seconds=30), location=KENDARI),
            _ev(number, "delivered", later + timedelta(seconds=60), location=KENDARI, cod_collected=150000),
        ],
    )
    assert last["accepted"] == 3 and last["rejected"] == 0

    # The timeline: one order by occurred_at, each carrier's events under its name, custody per leg.
    tl = hw.client.get(f"/v1/shipments/{number}/events", headers=hw.h("seller")).json()
    statuses = [e["status"] for e in tl["events"]]
    assert statuses == [
        "picked_up",
        "departed",
        "arrived",
        "handed_over",
        "arrived",
        "out_for_delivery",
        "delivered",
    ]
    assert [e["carrier"] for e in tl["events"]][:3] == [a, a, a] and tl["events"][-1]["carrier"] == b
    assert [c["status"] for c in tl["custody"]] == ["completed", "completed"]
    shown = hw.client.get(f"/v1/shipments/{number}", headers=hw.h("seller")).json()
    assert shown["status"] == "delivered" and [x["status"] for x in shown["handovers"]] == ["completed"]

    # EPCIS 2.0: valid against GS1's schema; the handover passes custody from a to b.
    doc = hw.client.get(f"/v1/shipments/{number}/epcis", headers=hw.h(b)).json()
    assert _errors(doc) == []
    events = doc["epcisBody"]["eventList"]
    assert len(events) == len(statuses)
    handover = next(e for e in events if "sourceList" in e)
    assert any(a in x["source"] for x in handover["sourceList"])
    assert any(b in x["destination"] for x in handover["destinationList"])

    # Signed webhooks, as a receiver using the standardwebhooks library sees them.
    drain(eng)
    got = [json.loads(x.body) for x in rx.completed("/seller")]
    assert all(x.verified for x in rx.completed())
    mine = [g for g in got if g["data"]["number"] == number]
    kinds = Counter(g["type"] for g in mine)
    assert kinds["shipment.booked"] == 1 and kinds["handover.completed"] == 1
    assert kinds["shipment.delivered"] == 1
    # One change per step that moved the status (a batch, the confirmation), in any arrival order.
    changes = sorted(g["data"]["status"] for g in mine if g["type"] == "shipment.status_changed")
    assert changes == ["arrived", "delivered", "handed_over"]
    ids = [x.webhook_id for x in rx.completed()]
    assert len(ids) == len(set(ids))  # one message, one webhook-id; nothing delivered twice
    receiving = [json.loads(x.body) for x in rx.completed("/receiving")]
    assert {g["type"] for g in receiving if g["data"]["number"] == number} == {
        "handover.completed",
        "shipment.status_changed",
    }
