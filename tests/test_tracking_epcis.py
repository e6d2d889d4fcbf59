"""EPCIS 2.0 export on SQLite and PostgreSQL: a shipment walked across two carriers exports an
EPCISDocument that validates against GS1's EPCIS 2.0 JSON Schema (vendored in
tests/standards/epcis, see SOURCE.md), with CBV 2.0 bizSteps and dispositions and the handover
as possessing_party in sourceList/destinationList."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlparse

import jsonschema
import pytest

from jalin.tracking import Status
from jalin.tracking.epcis import CBV
from tests.shipping import KENDARI
from tests.test_tracking import _ev, _post

HERE = Path(__file__).with_name("standards") / "epcis"
SCHEMA = json.loads((HERE / "EPCIS-JSON-Schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft7Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
BIZ_STEPS = set(SCHEMA["definitions"]["bizStep"]["anyOf"][1]["enum"])
DISPOSITIONS = set(SCHEMA["definitions"]["disposition"]["anyOf"][1]["enum"])


def _errors(doc: dict) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(doc)]


def test_the_validator_is_not_vacuous():
    example = json.loads((HERE / "Example_9.6.1-ObjectEvent.jsonld").read_text(encoding="utf-8"))
    assert _errors(example) == []
    broken = json.loads(json.dumps(example))
    del broken["epcisBody"]["eventList"][0]["action"]
    assert _errors(broken)
    broken = json.loads(json.dumps(example))
    broken["epcisBody"]["eventList"][0]["eventTime"] = 7
    assert _errors(broken)


def test_the_mapping_uses_cbv_standard_names_for_every_event_status():
    assert set(CBV) == set(Status) - {Status.BOOKED, Status.CANCELLED}
    for step, disposition in CBV.values():
        assert step in BIZ_STEPS and disposition in DISPOSITIONS


def _uri(value: str) -> bool:
    u = urlparse(value)
    return bool(u.scheme and u.netloc and " " not in value)


@pytest.fixture(scope="module")
def walked(world):
    """A COD shipment across two carriers: picked up, departed, arrived, handed over by manifest,
    arrived, out for delivery, delivered; plus one unmapped code."""
    s = world.book()
    number, h = s["number"], s["handovers"][0]
    a, b = s["legs"][0]["carrier"], s["legs"][1]["carrier"]
    now = datetime.now(UTC).replace(microsecond=0)
    _post(
        world,
        a,
        [
            _ev(number, "picked_up", now - timedelta(hours=5), location="31.71.06"),
            _ev(number, "departed", now - timedelta(hours=4), location="31.71.06"),
            _ev(number, "arrived", now - timedelta(hours=3), location=h["from_facility"]),
            _ev(number, None, now - timedelta(hours=2), code="ZZ-1"),
        ],
    )
    r = world.client.post(
        f"/v1/manifests/{h['manifest']}/confirm", json={"scanned": [number]}, headers=world.h(b)
    )
    assert r.status_code == 200
    later = datetime.now(UTC) + timedelta(seconds=5)
    _post(
        world,
        b,
        [
            _ev(number, "arrived", later, location=h["to_facility"]),
            _ev(number, "out_for_delivery", later + timedelta(seconds=30), location=KENDARI),
            _ev(number, "delivered", later + timedelta(seconds=60), location=KENDARI, cod_collected=150000),
        ],
    )
    return s, a, b


def test_export_validates_against_the_epcis_schema(world, walked):
    s, a, b = walked
    r = world.client.get(f"/v1/shipments/{s['number']}/epcis", headers=world.h("seller"))
    assert r.status_code == 200, r.text
    doc = r.json()
    assert _errors(doc) == []
    assert doc["type"] == "EPCISDocument" and doc["schemaVersion"] == "2.0" and doc["@context"]
    events = doc["epcisBody"]["eventList"]
    # One ObjectEvent per event with a status (the unmapped one is left out), in timeline order.
    assert [(e["bizStep"], e["disposition"]) for e in events] == [
        CBV[Status(x)]
        for x in (
            "picked_up",
            "departed",
            "arrived",
            "handed_over",
            "arrived",
            "out_for_delivery",
            "delivered",
        )
    ]
    times = [datetime.fromisoformat(e["eventTime"]) for e in events]
    assert times == sorted(times)
    for e in events:
        assert e["type"] == "ObjectEvent" and e["action"] == "OBSERVE"
        assert e["epcList"] == [e["epcList"][0]] and e["epcList"][0].endswith(f"/id/shipment/{s['number']}")
        assert e["eventTime"].endswith(e["eventTimeZoneOffset"])
        assert e["bizStep"] in BIZ_STEPS and e["disposition"] in DISPOSITIONS
        assert _uri(e["eventID"]) and _uri(e["readPoint"]["id"])
    assert events[0]["eventTimeZoneOffset"] == "+07:00" and events[-1]["eventTimeZoneOffset"] == "+08:00"
    assert len({e["eventID"] for e in events}) == len(events)
    hand = events[3]
    assert hand["sourceList"] == [{"type": "possessing_party", "source": hand["sourceList"][0]["source"]}]
    assert hand["sourceList"][0]["source"].endswith(f"/id/party/{a}")
    assert hand["destinationList"][0]["type"] == "possessing_party"
    assert hand["destinationList"][0]["destination"].endswith(f"/id/party/{b}")
    assert "sourceList" not in events[0] and "bizLocation" not in events[1] and "bizLocation" in events[-1]
    # Stable: the same ids on a second export; the parties only.
    again = world.client.get(f"/v1/shipments/{s['number']}/epcis", headers=world.h(a)).json()
    assert [e["eventID"] for e in again["epcisBody"]["eventList"]] == [e["eventID"] for e in events]
    outsider = next(k for k in world.members if k not in ("seller", a, b))
    assert (
        world.client.get(f"/v1/shipments/{s['number']}/epcis", headers=world.h(outsider)).status_code == 404
    )


def test_cli_epcis(world, walked, monkeypatch):
    from typer.testing import CliRunner

    from jalin.cli import app

    monkeypatch.setenv("JALIN_DATABASE_URL", world.url)
    r = CliRunner().invoke(app, ["events", "epcis", walked[0]["number"]])
    assert r.exit_code == 0, r.output
    doc = json.loads(r.output)
    assert _errors(doc) == [] and len(doc["epcisBody"]["eventList"]) == 7
