"""The synthetic network: valid, deterministic, shaped like Indonesia's carriers."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest

from jalin.network.agreements import read_agreements
from jalin.network.archive import content_hash
from jalin.network.generator import generate, write_network
from jalin.network.model import FacilityKind, RunKind
from jalin.network.notices import NoticeLog
from jalin.network.source import read_feed_files
from jalin.network.validator import validate_feed

TODAY = date(2026, 11, 27)


def folder_hashes(root):
    out = {}
    for d in sorted(p for p in root.iterdir() if p.is_dir()):
        out[d.name] = content_hash(read_feed_files(d, NoticeLog()))
    out["agreements.csv"] = hashlib.sha256((root / "agreements.csv").read_bytes()).hexdigest()
    return out


@pytest.mark.parametrize("preset", ["small", "regional", "national"])
def test_every_generated_feed_has_zero_errors(atlas, tmp_path, preset):
    network = generate(atlas, preset=preset, seed=3)
    write_network(network, tmp_path)
    for folder in sorted(p for p in tmp_path.iterdir() if p.is_dir()):
        result = validate_feed(folder, atlas, today=TODAY)
        assert result.valid, (folder.name, result.to_dict()["notices"][:5])
    if preset == "national":
        assert len(network.feeds) >= 340
        assert sum(len(f.facilities) for f in network.feeds) >= 40_000
        assert sum(len(f.runs) for f in network.feeds) >= 200_000


def test_same_seed_same_bytes_other_seed_other_network(atlas, tmp_path, small_network):
    _, first = small_network
    write_network(generate(atlas, preset="small", seed=7), tmp_path / "again")
    write_network(generate(atlas, preset="small", seed=8), tmp_path / "other")
    assert folder_hashes(first) == folder_hashes(tmp_path / "again")
    assert folder_hashes(first) != folder_hashes(tmp_path / "other")


def test_post_reaches_every_district_with_a_post_office(atlas, small_network):
    network, _ = small_network
    post = next(f for f in network.feeds if f.carrier_id == "POS")
    districts = {d for p in ("31", "36", "74", "95") for d in atlas.districts_within(p)}
    offices = {f.area_code for f in post.facilities.values() if f.kind is FacilityKind.POST_OFFICE}
    delivered = {r.destination.area_code for r in post.runs if r.kind is RunKind.DELIVERY}
    assert offices == districts and delivered == districts
    # the most remote districts get delivery only a few days a week
    remote = [r for r in post.runs if r.kind is RunKind.DELIVERY and r.destination.area_code.startswith("95")]
    assert any(r.days.count("1") <= 3 for r in remote)
    assert post.calendar, "the post does not run on national holidays"


def test_hubs_are_handover_points_shared_between_carriers(small_network):
    network, _ = small_network
    by_area = {}
    for feed in network.feeds:
        for f in feed.facilities.values():
            if f.handover:
                by_area.setdefault(f.area_code, set()).add(feed.carrier_id)
    assert any(len(c) >= 3 for c in by_area.values())
    for a in network.agreements:
        assert a.fee > 0 and a.carrier_a != a.carrier_b


def test_interisland_linehauls_fly_or_sail_and_prices_grow_with_distance(atlas, small_network):
    network, _ = small_network
    express = next(f for f in network.feeds if f.carrier_id.endswith("X1"))
    hubs = {f.facility_id: f for f in express.facilities.values()}
    jkt_to = {
        r.destination.facility_id: r
        for r in express.runs
        if r.kind is RunKind.LINEHAUL and r.origin.facility_id == "H31" and r.service_id == "REG"
    }
    assert jkt_to["H36"].price_per_kg < jkt_to["H74"].price_per_kg  # Banten is nearer than Kendari
    assert jkt_to["H74"].duration_minutes < 24 * 60  # by air
    assert hubs["H74"].handover


def test_agreements_round_trip(small_network):
    network, folder = small_network
    assert read_agreements(folder / "agreements.csv") == network.agreements
