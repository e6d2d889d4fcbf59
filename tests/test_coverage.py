"""Merged-network coverage against a brute-force reading of the contract, and the API/CLI on top."""

from __future__ import annotations

import json
import random

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from jalin.api import create_app
from jalin.cli import app as cli_app
from jalin.network.merged import MergedNetwork
from jalin.settings import Settings


def covers(area: str, district: str) -> bool:
    """The contract's rule, literally: the area code is a segment-wise prefix of the district code."""
    a, d = area.split("."), district.split(".")
    return d[: len(a)] == a


def brute_force(feeds, district, end):
    out = {}
    for feed in feeds:
        services = {
            r.service_id
            for r in feed.runs
            if (ep := getattr(r, end)).is_area
            and covers(ep.area_code, district)
            and (r.kind.value == ("pickup" if end == "origin" else "delivery"))
        }
        if services:
            out[feed.carrier_id] = tuple(sorted(services))
    return out


def test_coverage_matches_brute_force(atlas, small_network):
    network, _ = small_network
    merged = MergedNetwork(network.feeds, atlas)
    rng = random.Random(5)
    districts = [d.code for d in atlas.districts()]
    sample = rng.sample(districts, 150) + [d for d in districts if d.startswith(("31.", "95.01"))]
    for d in sample:
        cov = merged.coverage(d)
        assert {c.carrier_id: c.services for c in cov["pickup"]} == brute_force(network.feeds, d, "origin")
        assert {c.carrier_id: c.services for c in cov["delivery"]} == brute_force(
            network.feeds, d, "destination"
        )


def test_summary_counts_every_district_once(atlas, small_network):
    network, _ = small_network
    rows = MergedNetwork(network.feeds, atlas).summary()
    assert len(rows) == 38 and sum(r["districts"] for r in rows) == 7285
    for r in rows:
        assert sum(r["delivery"].values()) == r["districts"] == sum(r["pickup"].values())
    papua = next(r for r in rows if r["code"] == "95")
    assert papua["delivery"]["0"] == 0 and papua["delivery"]["1"] > 0  # remote: only the post


def test_coverage_api(published):
    with TestClient(create_app(Settings(database_url=published))) as client:
        body = client.get("/v1/coverage/95.01.01").json()
        assert body["district"]["zone"] == "WIT"
        assert "POS" in [c["carrier_id"] for c in body["delivery"]]
        summary = client.get("/v1/coverage/summary").json()
        assert summary["carriers"] == 8 and summary["total"]["districts"] == 7285
        r = client.get("/v1/coverage/95.01")
        assert r.status_code == 422 and r.json()["code"] == "not_a_district"
        assert client.get("/v1/coverage/99.99.99").json()["code"] == "unknown_area"


def test_coverage_cli(published, monkeypatch):
    monkeypatch.setenv("JALIN_DATABASE_URL", published)
    runner = CliRunner()
    r = runner.invoke(cli_app, ["coverage", "95.01.01", "--json"])
    assert r.exit_code == 0, r.output
    assert "POS" in [c["carrier_id"] for c in json.loads(r.stdout)["delivery"]]
    r = runner.invoke(cli_app, ["coverage", "summary", "--json"])
    assert len(json.loads(r.stdout)["provinces"]) == 38
    assert runner.invoke(cli_app, ["coverage", "95.01"]).exit_code == 2
