"""Whole shipment journeys through the HTTP API only, as an outside integrator's suite drives them,
on SQLite and PostgreSQL, each step held to the contracts (shared/spec: shipments-v1, tracking-v1,
settlement-v1): an interline COD booking (shape, master number, Idempotency-Key replay), its label,
the handover manifest, the carriers' events, a cancellation refused after custody, the manifest
confirmed by scanning, delivery with COD, the timeline and the public view without personal data,
the EPCIS 2.0 export against GS1's schema, the settlement lines and the period's netting, and the
Standard Webhooks messages a receiver verified with the `standardwebhooks` library."""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from tests.shipping import KENDARI, World, body
from tests.test_tracking import _ev
from tests.test_tracking_epcis import _errors
from tests.test_webhooks_delivery import drain, eng, hw, register, rx

__all__ = ["eng", "hw", "rx"]  # fixtures

NUMBER = re.compile(r"^[A-Z]{2}[0-9]{9}ID$")
OFFSET = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?[+-]\d\d:\d\d$")
PROBLEM = "application/problem+json"
ALL_TYPES = [
    "shipment.booked",
    "shipment.status_changed",
    "shipment.delivered",
    "shipment.exception",
    "shipment.eta_changed",
    "handover.completed",
    "handover.discrepancy",
]


def _s10(serial: str) -> int:
    """UPU S10's check digit, written out here as the contract states it (not Jalin's code)."""
    c = 11 - sum(int(d) * w for d, w in zip(serial, (8, 6, 4, 2, 3, 5, 9, 7), strict=True)) % 11
    return {10: 0, 11: 5}.get(c, c)


def _problem(r: Any, status: int, code: str) -> dict[str, Any]:
    """An RFC 9457 problem with the contract's status and stable code."""
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith(PROBLEM)
    p = r.json()
    assert p["status"] == status and p["code"] == code and p["title"] and p["type"]
    return p


def _events(w: World, who: str, events: list[dict[str, Any]]) -> dict[str, Any]:
    r = w.client.post("/v1/events", json={"events": events}, headers=w.h(who))
    assert r.status_code == 200, r.text
    answer = r.json()
    assert set(answer) == {"results", "accepted", "duplicates", "rejected"}
    assert [x["event_id"] for x in answer["results"]] == [e["event_id"] for e in events]
    return answer


def _book(w: World, **changes: Any) -> tuple[dict[str, Any], str]:
    key = str(uuid.uuid4())
    r = w.client.post("/v1/shipments", json=body(**changes), headers=w.h("seller", key))
    assert r.status_code == 201, r.text
    assert "Idempotent-Replayed" not in r.headers
    return r.json(), key


def _assert_booking_shape(s: dict[str, Any], w: World) -> None:
    """The 201 answer of shipments-v1, field by field."""
    assert NUMBER.match(s["number"]) and _s10(s["number"][2:10]) == int(s["number"][10])
    assert s["status"] == "booked" and s["booked_by"] == f"M{w.members['seller']:04d}"
    assert s["from"] == "31.71.06" and s["to"] == KENDARI
    assert s["weight_kg"] == "2.5" and s["dims_cm"] == ["30", "20", "10"]
    assert s["cod_amount"] == 150000 and s["reference"] == "INV-001"
    assert s["shipper"] == {"name": "Toko Sari", "phone": "+6281234567890", "address": "Jl. Sudirman 5"}
    assert s["recipient"]["phone"] == "+6281298765432"  # E.164
    for instant in (s["created_at"], s["planned_delivery"], s["eta"]):
        assert OFFSET.match(instant), instant
    assert s["eta"] == s["planned_delivery"] and s["late"] is False
    assert s["label_url"] == f"/v1/shipments/{s['number']}/label"
    legs, handovers = s["legs"], s["handovers"]
    assert [leg["seq"] for leg in legs] == list(range(1, len(legs) + 1))
    assert len(handovers) == len(legs) - 1 >= 1  # interline
    assert legs[0]["from"] == {"district": "31.71.06"} and legs[-1]["to"] == {"district": KENDARI}
    for leg in legs:
        assert {"seq", "carrier", "carrier_ref", "status", "from", "to", "price", "planned_departure",
                "planned_arrival", "runs"} <= set(leg)  # fmt: skip
        assert leg["status"] == "planned" and leg["carrier_ref"] is None
        assert (
            isinstance(leg["price"], int)
            and leg["runs"]
            and all(r["carrier"] == leg["carrier"] for r in leg["runs"])
        )
        assert OFFSET.match(leg["planned_departure"]) and OFFSET.match(leg["planned_arrival"])
    for h, (give, take) in zip(handovers, itertools.pairwise(legs), strict=True):
        assert h["from_carrier"] == give["carrier"] != take["carrier"] == h["to_carrier"]
        assert give["to"] == {"facility": h["from_facility"]} and take["from"] == {
            "facility": h["to_facility"]
        }
        assert h["status"] == "planned" and isinstance(h["fee"], int) and h["manifest"]
        assert re.match(r"^\d\d\.\d\d\.\d\d$", h["district"]) and OFFSET.match(h["planned_at"])
    assert s["price"] == sum(leg["price"] for leg in legs) + sum(h["fee"] for h in handovers)


def test_an_interline_cod_journey_from_booking_to_netting(hw: World, eng: Any, rx: Any) -> None:
    w, c = hw, hw.client
    register(w, rx, "/seller", ALL_TYPES)

    # Booking: the contract's shape; the same key and body replay the first answer.
    s, key = _book(w)
    _assert_booking_shape(s, w)
    number, legs, (h, *_) = s["number"], s["legs"], s["handovers"]
    giver, taker = h["from_carrier"], h["to_carrier"]
    again = c.post("/v1/shipments", json=body(), headers=w.h("seller", key))
    assert again.status_code == 201 and again.headers["Idempotent-Replayed"] == "true"
    assert again.json() == s
    _problem(
        c.post("/v1/shipments", json=body(reference="X"), headers=w.h("seller", key)),
        422,
        "idempotency_key_reused",
    )
    _problem(c.post("/v1/shipments", json=body(), headers=w.h("seller")), 400, "idempotency_key_missing")
    assert c.get(f"/v1/shipments/{number}", headers=w.h(taker)).json() == s  # a carrier on a leg reads it

    # Label: A6 PDF and ZPL.
    pdf = c.get(s["label_url"], headers=w.h("seller"))
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    zpl = c.get(s["label_url"] + "?format=zpl", headers=w.h(giver))
    assert zpl.status_code == 200 and zpl.text.startswith("^XA") and number in zpl.text

    # The handover manifest, as both carriers see it.
    listed = c.get(
        f"/v1/manifests?facility={h['to_facility']}&date={h['planned_at'][:10]}", headers=w.h(taker)
    )
    assert listed.status_code == 200 and set(listed.json()) == {"items", "next_cursor"}
    assert h["manifest"] in [m["id"] for m in listed.json()["items"]]
    m = c.get(f"/v1/manifests/{h['manifest']}", headers=w.h(giver)).json()
    assert {"id", "facility", "date", "from_carrier", "to_carrier", "status", "lines", "totals"} <= set(m)
    assert (m["facility"], m["date"], m["from_carrier"], m["to_carrier"]) == (
        h["to_facility"], h["planned_at"][:10], giver, taker,
    )  # fmt: skip
    (line,) = [x for x in m["lines"] if x["number"] == number]
    assert {k: line[k] for k in ("weight_kg", "dims_cm", "cod_amount", "planned_at", "status")} == {
        "weight_kg": "2.5", "dims_cm": ["30", "20", "10"], "cod_amount": 150000,
        "planned_at": h["planned_at"], "status": "planned",
    }  # fmt: skip

    # The first carrier collects: from then on the booking cannot be cancelled.
    now = datetime.now(UTC).replace(microsecond=0)
    first = _events(w, giver, [
        _ev(number, "picked_up", now - timedelta(hours=5), location="31.71.06"),
        _ev(number, "departed", now - timedelta(hours=4), location="31.71.06"),
        _ev(number, "arrived", now - timedelta(hours=3), location=h["from_facility"]),
    ])  # fmt: skip
    assert (first["accepted"], first["duplicates"], first["rejected"]) == (3, 0, 0)
    _problem(c.post(f"/v1/shipments/{number}/cancel", headers=w.h("seller")), 409, "already_moving")

    # The receiving carrier scans: this number is handed over; a stranger's number is unexpected.
    stray = "JL000000000ID"
    scan = c.post(
        f"/v1/manifests/{h['manifest']}/confirm", json={"scanned": [number, stray]}, headers=w.h(taker)
    )
    assert scan.status_code == 200, scan.text
    answer = scan.json()
    assert (
        number in answer["handed_over"]
        and answer["unexpected"] == [stray]
        and number not in answer["missing"]
    )
    rescan = c.post(f"/v1/manifests/{h['manifest']}/confirm", json={"scanned": [number]}, headers=w.h(taker))
    assert rescan.status_code == 200 and rescan.json()["lines"] == answer["lines"]  # nothing changes

    # The last carrier delivers and collects the COD.
    later = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=1)
    last = _events(w, taker, [
        _ev(number, "arrived", later, location=h["to_facility"]),
        _ev(number, "out_for_delivery", later + timedelta(seconds=1), location=KENDARI),
        _ev(number, "delivered", later + timedelta(seconds=2), location=KENDARI, received_by="Budi",
            cod_collected=150000),
    ])  # fmt: skip
    assert last["accepted"] == 3 and last["rejected"] == 0

    # The timeline, ordered by occurred_at, each event in the contract's fields.
    tl = c.get(f"/v1/shipments/{number}/events", headers=w.h("seller")).json()
    assert tl["number"] == number
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
    for e in tl["events"]:
        assert {"status", "occurred_at", "location", "carrier", "code", "description"} <= set(e)
        assert OFFSET.match(e["occurred_at"])
    times = [datetime.fromisoformat(e["occurred_at"]) for e in tl["events"]]
    assert times == sorted(times)
    shown = c.get(f"/v1/shipments/{number}", headers=w.h("seller")).json()
    assert shown["status"] == "delivered" and [x["status"] for x in shown["handovers"]] == ["completed"]

    # The public view: places and the timeline, no personal data.
    public = c.get(f"/v1/track/{number}")
    assert public.status_code == 200 and public.json()["status"] == "delivered"
    text = public.text
    for private in ("Toko Sari", "Budi", "Sudirman", "Ahmad Yani", "81234567890", "81298765432"):
        assert private not in text
    track = public.json()
    assert track["to"] == {"district": "Mandonga", "regency": "Kota Kendari", "province": "Sulawesi Tenggara"}
    assert all(OFFSET.match(x["at"]) and x["zone"] in ("WIB", "WITA", "WIT") for x in track["timeline"])
    wrong = number[:10] + str((int(number[10]) + 1) % 10) + "ID"
    _problem(c.get(f"/v1/track/{wrong}"), 422, "invalid_number")

    # EPCIS 2.0: valid against GS1's schema; one ObjectEvent per event; the handover passes custody.
    doc = c.get(f"/v1/shipments/{number}/epcis", headers=w.h(giver)).json()
    assert _errors(doc) == [] and doc["type"] == "EPCISDocument" and doc["schemaVersion"] == "2.0"
    events = doc["epcisBody"]["eventList"]
    assert len(events) == len(statuses) and {e["type"] for e in events} == {"ObjectEvent"}
    assert all(e["epcList"] == [events[0]["epcList"][0]] and number in e["epcList"][0] for e in events)
    handover = next(e for e in events if "sourceList" in e)
    assert (
        handover["sourceList"][0]["type"] == "possessing_party"
        and giver in handover["sourceList"][0]["source"]
    )
    assert taker in handover["destinationList"][0]["destination"]

    # Settlement: each leg to its carrier, the handover fee to the receiving carrier, the COD back.
    mine = []
    periods = c.get("/v1/settlement/periods", headers=w.h("admin")).json()["items"]
    for p in periods:
        page = c.get(f"/v1/settlement/periods/{p['id']}/lines", headers=w.h("admin")).json()
        mine += [x for x in page["items"] if x["number"] == number]
    seller, members = w.members["seller"], w.members
    got = sorted((x["kind"], x["payer"], x["payee"], x["amount"]) for x in mine)
    assert got == sorted([
        *(("leg", seller, members[leg["carrier"]], leg["price"]) for leg in legs),
        ("handover_fee", seller, members[taker], h["fee"]),
        ("cod", members[taker], seller, 150000),
    ])  # fmt: skip
    for x in mine:
        assert re.match(r"^\d{4}-W\d\d$", x["period"]) and OFFSET.match(x["recorded_at"]) and x["description"]
    period = mine[0]["period"]
    figures = c.get(f"/v1/settlement/periods/{period}", headers=w.h("admin")).json()
    assert sum(r["net"] for r in figures["members"]) == 0
    assert all(r["net"] == r["receivable"] - r["payable"] for r in figures["members"])
    assert figures["net_total"] == sum(r["net"] for r in figures["members"] if r["net"] > 0)
    own = c.get(f"/v1/settlement/periods/{period}", headers=w.h("seller")).json()
    assert [r["member"] for r in own["members"]] == [seller] and own["gross"] == figures["gross"]
    rows = list(csv.DictReader(io.StringIO(
        c.get(f"/v1/settlement/periods/{period}/lines?format=csv", headers=w.h(taker)).text
    )))  # fmt: skip
    columns = "id,period,number,kind,payer,payee,amount,recorded_at,description"
    assert rows and list(rows[0]) == columns.split(",")
    assert all(members[taker] in (int(r["payer"]), int(r["payee"])) for r in rows)  # a member's own lines

    # Webhooks: signed, verified by the standardwebhooks library, one per change.
    drain(eng)
    arrived = [a for a in rx.completed("/seller") if json.loads(a.body)["data"].get("number") == number]
    assert arrived and all(a.verified for a in arrived)
    kinds = [json.loads(a.body)["type"] for a in arrived]
    for kind in ("shipment.booked", "shipment.status_changed", "handover.completed", "shipment.delivered"):
        assert kind in kinds
    assert kinds.count("shipment.booked") == 1 and kinds.count("shipment.delivered") == 1
    for a in arrived:
        message = json.loads(a.body)
        assert set(message) == {"type", "timestamp", "data"} and a.timestamp.isdigit()


def test_a_cancelled_booking_moves_nothing_and_settles_nothing(hw: World) -> None:
    w, c = hw, hw.client
    s, _ = _book(w, cod_amount=0)
    number = s["number"]
    carrier = s["legs"][0]["carrier"]
    _problem(c.post(f"/v1/shipments/{number}/cancel", headers=w.h(carrier)), 403, "not_booking_member")
    r = c.post(f"/v1/shipments/{number}/cancel", headers=w.h("seller"))
    assert r.status_code == 200 and r.json()["status"] == "cancelled"
    assert {leg["status"] for leg in r.json()["legs"]} == {"cancelled"}
    assert c.get(f"/v1/track/{number}").json()["status"] == "cancelled"
    refused = _events(w, carrier, [_ev(number, "picked_up", location="31.71.06")])
    assert refused["rejected"] == 1 and refused["results"][0]["result"] == "rejected"
    for p in c.get("/v1/settlement/periods", headers=w.h("admin")).json()["items"]:
        lines = c.get(f"/v1/settlement/periods/{p['id']}/lines", headers=w.h("admin")).json()["items"]
        assert number not in {x["number"] for x in lines}


def test_settlement_names_a_member_as_shipments_do(hw: World) -> None:
    """A shipment names its booking member `M0012` (shipments-v1); settlement's member ids are the
    same members, so the statement route and adjustments take that reference as well as the bare id."""
    w, c = hw, hw.client
    s, _ = _book(w)
    ref, seller = s["booked_by"], w.members["seller"]
    carrier = s["legs"][0]["carrier"]
    period = c.get("/v1/settlement/periods", headers=w.h("admin")).json()["items"][0]["id"]
    by_id = c.get(f"/v1/settlement/periods/{period}/statements/{seller}?format=csv", headers=w.h("seller"))
    by_ref = c.get(f"/v1/settlement/periods/{period}/statements/{ref}?format=csv", headers=w.h("seller"))
    assert by_id.status_code == 200 and by_ref.status_code == 200, by_ref.text
    assert by_ref.content == by_id.content
    _problem(
        c.get(f"/v1/settlement/periods/{period}/statements/X12", headers=w.h("seller")), 422, "invalid_query"
    )
    made = c.post(
        "/v1/settlement/adjustments",
        json={"payer": f"M{w.members[carrier]:04d}", "payee": ref, "amount": 700, "reason": "koreksi ongkos"},
        headers=w.h("admin"),
    )
    assert made.status_code == 201, made.text
    assert (made.json()["payer"], made.json()["payee"]) == (w.members[carrier], seller)
    for bad in (True, "M0", "seller", 1.5):
        r = c.post(
            "/v1/settlement/adjustments",
            json={"payer": bad, "payee": seller, "amount": 700, "reason": "x"},
            headers=w.h("admin"),
        )
        assert r.status_code == 422 and r.json()["code"] == "invalid_request", (bad, r.text)


def test_a_sandbox_shipment_walks_the_real_path_but_is_never_public_or_settled(
    hw: World, eng: Any, rx: Any
) -> None:
    w, c = hw, hw.client
    register(w, rx, "/sandbox", ["shipment.booked", "shipment.status_changed", "shipment.delivered"])
    real, _ = _book(w)
    _problem(
        c.post(f"/v1/shipments/{real['number']}/simulate", headers=w.h("seller")), 409, "not_a_test_shipment"
    )
    t, _ = _book(w, test=True)
    number = t["number"]
    assert t["test"] is True and NUMBER.match(number)
    _problem(c.get(f"/v1/track/{number}"), 404, "not_found")  # never on public pages
    walked = c.post(f"/v1/shipments/{number}/simulate", headers=w.h(t["legs"][0]["carrier"]))
    assert walked.status_code == 200, walked.text
    assert walked.json()["status"] == "delivered" and walked.json()["rejected"] == 0
    again = c.post(f"/v1/shipments/{number}/simulate", headers=w.h("seller")).json()
    assert again["accepted"] == 0 and again["duplicates"] == walked.json()["accepted"]  # nothing changes
    statuses = [
        e["status"] for e in c.get(f"/v1/shipments/{number}/events", headers=w.h("seller")).json()["events"]
    ]
    assert statuses[0] == "picked_up" and statuses[-1] == "delivered" and "handed_over" in statuses
    shown = c.get(f"/v1/shipments/{number}", headers=w.h("seller")).json()
    assert {x["status"] for x in shown["handovers"]} == {"completed"}
    for p in c.get("/v1/settlement/periods", headers=w.h("admin")).json()["items"]:
        lines = c.get(f"/v1/settlement/periods/{p['id']}/lines", headers=w.h("admin")).json()["items"]
        assert number not in {x["number"] for x in lines}
    drain(eng)
    got = [a for a in rx.completed("/sandbox") if json.loads(a.body)["data"].get("number") == number]
    assert got and all(a.verified for a in got)
    assert {json.loads(a.body)["type"] for a in got} == {
        "shipment.booked",
        "shipment.status_changed",
        "shipment.delivered",
    }


def test_the_cli_answers_the_apis_json(hw: World, monkeypatch: Any) -> None:
    """`jalin shipments|manifests|events|settlement ... --json` print what the API answers an
    admin for the same thing (the CLI acts as the DPP on the same database)."""
    from typer.testing import CliRunner

    from jalin.cli import app

    w, c = hw, hw.client
    monkeypatch.setenv("JALIN_DATABASE_URL", w.url)
    s, _ = _book(w)
    number, h = s["number"], s["handovers"][0]
    now = datetime.now(UTC).replace(microsecond=0)
    _events(w, h["from_carrier"], [_ev(number, "picked_up", now - timedelta(hours=2), location="31.71.06")])
    runner = CliRunner()

    def cli(*args: str) -> Any:
        r = runner.invoke(app, [*args])
        assert r.exit_code == 0, r.output
        return json.loads(r.output)

    def api(path: str) -> Any:
        r = c.get(path, headers=w.h("admin"))
        assert r.status_code == 200, r.text
        return r.json()

    period = api("/v1/settlement/periods")["items"][0]["id"]
    pairs = [
        (("shipments", "show", number, "--json"), f"/v1/shipments/{number}"),
        (("shipments", "list", "--limit", "5", "--json"), "/v1/shipments?limit=5"),
        (("events", "show", number, "--json"), f"/v1/shipments/{number}/events"),
        (("manifests", "show", h["manifest"], "--json"), f"/v1/manifests/{h['manifest']}"),
        (
            ("manifests", "list", "--facility", h["to_facility"], "--json"),
            f"/v1/manifests?facility={h['to_facility']}",
        ),
        (("settlement", "periods", "--json"), "/v1/settlement/periods"),
        (("settlement", "show", period, "--json"), f"/v1/settlement/periods/{period}"),
    ]
    for args, path in pairs:
        assert cli(*args) == api(path), args
    printed, served = cli("events", "epcis", number), api(f"/v1/shipments/{number}/epcis")
    printed.pop("creationDate"), served.pop("creationDate")
    assert printed == served
