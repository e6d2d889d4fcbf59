"""Collaboration impact: gains known by hand, the baselines, proposals and the ranking."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings

from jalin.errors import JalinError
from jalin.impact import AgreementTerms, Grid, Joining, Network, Proposal, apply_proposal, compare
from jalin.impact.places import capital_districts, disadvantaged_regencies, frontier_regencies
from jalin.impact.ranking import RANKED_FIGURES
from jalin.network.model import Endpoint, Facility, FacilityKind, Feed, FeedInfo, Run, Service
from jalin.routing import CompiledNetwork, HandoverPolicy, Planner, QuoteRequest
from jalin.services.impact import ImpactInput, Today, one_to_all_grid, parse_terms, run_impact
from tests.planner_scenarios import DISTRICTS, Scenario, scenarios
from tests.uow import in_uow

WIB = timezone(timedelta(hours=7))
READY = "2026-12-01T08:00:00+07:00"  # a Tuesday
GAMBIR, WETAN, SUKASARI, CILEUNYI = "31.71.01", "32.73.09", "32.73.01", "32.04.05"


def _feed(cid: str, facilities: list[tuple[str, str, bool]], runs: list[tuple]) -> Feed:
    info = FeedInfo(cid, f"Kurir {cid}", "1", datetime(2026, 1, 1).date(), datetime(2027, 12, 31).date())
    services = {"REG": Service("REG", "Reguler", Decimal(30), 6000, False)}
    facs = {
        fid: Facility(fid, fid, FacilityKind.HUB, area, None, None, handover)
        for fid, area, handover in facilities
    }

    def ep(x: str) -> Endpoint:
        return Endpoint(area_code=x[5:]) if x.startswith("area:") else Endpoint(facility_id=x)

    return Feed(
        info,
        services,
        facs,
        [
            Run(f"R{i}", "REG", ep(o), ep(d), "1111111", dep, 0, dur, price, 0)
            for i, (o, d, dep, dur, price) in enumerate(runs)
        ],
    )


def _h(hours: int, minutes: int = 0) -> int:
    return hours * 60 + minutes


# AAA: Gambir -> Bandung Wetan the same day, delivers Bandung Wetan only.
AAA = _feed(
    "AAA",
    [("A1", GAMBIR, True), ("A2", WETAN, True)],
    [
        (f"area:{GAMBIR}", "A1", _h(10), 60, 1000),
        ("A1", "A2", _h(12), 180, 5000),
        ("A2", f"area:{WETAN}", _h(16), 120, 2000),
    ],
)
# BBB: local in Bandung: delivers Sukasari and Cileunyi from its hub in Bandung Wetan.
BBB = _feed(
    "BBB",
    [("B2", WETAN, True)],
    [
        (f"area:{WETAN}", "B2", _h(9), 30, 500),
        ("B2", f"area:{SUKASARI}", _h(18), 60, 3000),
        ("B2", f"area:{CILEUNYI}", _h(18), 120, 4000),
    ],
)
# CCC: Gambir -> Bandung in two days, delivers all of Kota Bandung (32.73), dear.
CCC = _feed(
    "CCC",
    [("C1", GAMBIR, True), ("C2", WETAN, True)],
    [
        (f"area:{GAMBIR}", "C1", _h(10), 60, 2000),
        ("C1", "C2", _h(12), 2 * 24 * 60, 20000),
        ("C2", "area:32.73", _h(13), 60, 4000),
    ],
)
TODAY = Today.of_feeds((AAA, BBB, CCC), ())


def _run(resolver, atlas, proposal: Proposal, **kw):  # type: ignore[no-untyped-def]
    q = ImpactInput(origins=[GAMBIR], ready_at=READY, **kw)
    return run_impact(TODAY, proposal, q, atlas=atlas, resolver=resolver, workers=1)


def _row(body, code):  # type: ignore[no-untyped-def]
    return next(d for d in body["districts"] if d["code"] == code)


def test_an_agreement_gains_what_a_hand_count_says(resolver, atlas):
    body = _run(resolver, atlas, Proposal(add=(AgreementTerms("AAA", "BBB", 1000),)), rank=0)
    # Sukasari: CCC alone took 2 days 6 h (54 h) for Rp26.000; AAA then BBB takes 11 h for
    # 1.000 + 5.000 + 1.000 fee + 3.000 = Rp10.000: 43 h (1.79 days) and Rp16.000 saved.
    s = _row(body, SUKASARI)
    assert (s["days_before"], s["price_before"]) == (2.25, 26000)
    assert (s["days_after"], s["price_after"]) == (0.46, 10000)
    assert (s["faster"], s["cheaper"], s["days_saved"], s["rupiah_saved"]) == (1, 1, 1.79, 16000)
    # Cileunyi: no route before; 12 h and Rp11.000 after.
    c = _row(body, CILEUNYI)
    assert (c["reach_before"], c["reach_after"], c["newly_reachable"]) == (0, 1, 1)
    assert (c["days_after"], c["price_after"]) == (0.5, 11000)
    # Bandung Wetan: AAA alone already best (10 h, Rp8.000): unchanged.
    w = _row(body, WETAN)
    assert (w["days_before"], w["price_before"], w["gains"]) == (0.42, 8000, False)
    n = body["national"]
    assert n["reachable_pairs_before"] == 30 and n["reachable_pairs_after"] == 31
    assert (n["newly_reachable_pairs"], n["newly_reachable_districts"], n["lost_pairs"]) == (1, 1, 0)
    assert (n["faster_pairs"], n["days_saved_median"], n["days_saved_p90"]) == (1, 1.79, 1.79)
    assert (n["cheaper_pairs"], n["rupiah_saved_median"], n["districts_gaining"]) == (1, 16000, 2)
    jabar = next(p for p in body["provinces"] if p["code"] == "32")
    assert jabar["districts_gaining"] == 2 and jabar["districts"] == len(atlas.districts_within("32"))
    assert body["proposal"]["agreements_after"] == 1
    # Baselines: alone equals today here (no agreements today); the ceiling adds CCC->BBB and more.
    sc = body["scenarios"]
    assert sc["alone"] == sc["today"] and sc["today"]["reachable_pairs"] == 30
    assert sc["ceiling"]["reachable_pairs"] == 31


def test_ending_an_agreement_shows_the_loss(resolver, atlas):
    today = Today.of_feeds((AAA, BBB, CCC), (("AAA", "BBB", 1000, None),))
    body = run_impact(
        today,
        Proposal(end=(("BBB", "AAA"),)),
        ImpactInput(origins=[GAMBIR], ready_at=READY, rank=0, baselines=False),
        atlas=atlas,
        resolver=resolver,
        workers=1,
    )
    n = body["national"]
    assert (n["lost_pairs"], n["lost_districts"], n["slower_pairs"], n["pricier_pairs"]) == (1, 1, 1, 1)
    assert n["districts_gaining"] == 0 and "ceiling" not in body["scenarios"]


def test_the_ranking_puts_the_pair_that_gains_most_first(resolver, atlas):
    body = _run(resolver, atlas, Proposal(), rank=3)
    pairs = [(r["carrier_a"], r["carrier_b"]) for r in body["ranking"]["pairs"]]
    # AAA-BBB and BBB-CCC both open Cileunyi; AAA-BBB also makes Sukasari faster. AAA-CCC
    # (AAA to Bandung, CCC's delivery the next day) only makes Kota Bandung faster and cheaper.
    assert pairs == [("AAA", "BBB"), ("BBB", "CCC"), ("AAA", "CCC")]
    first = body["ranking"]["pairs"][0]
    assert (first["newly_reachable_pairs"], first["faster_pairs"], first["fee_per_parcel"]) == (1, 1, 0)


def test_a_member_joining_with_its_neighbours(resolver, atlas):
    today = Today.of_feeds((AAA, CCC), ())
    body = run_impact(
        today,
        Proposal(join=(Joining(BBB, 500),)),
        ImpactInput(origins=[GAMBIR], ready_at=READY, rank=0, baselines=False),
        atlas=atlas,
        resolver=resolver,
        workers=1,
    )
    assert body["proposal"]["join"][0]["agreements_added"] == ["AAA", "CCC"]
    # Sukasari via AAA then BBB with a Rp500 fee: Rp9.500.
    assert _row(body, SUKASARI)["price_after"] == 9500
    assert body["national"]["newly_reachable_pairs"] == 1


def _best_of(grids: list[Grid]) -> tuple[np.ndarray, np.ndarray]:
    t = np.stack([g.time_s for g in grids]).astype(float)
    p = np.stack([g.price for g in grids]).astype(float)
    t[t < 0], p[p < 0] = np.inf, np.inf
    tm, pm = t.min(axis=0), p.min(axis=0)
    return np.where(np.isinf(tm), -1, tm).astype(np.int64), np.where(np.isinf(pm), -1, pm).astype(np.int64)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_each_carrier_alone_is_max_handovers_zero(scenario: Scenario):
    """The 'each carrier alone' baseline (max_handovers 0 on the whole network) is the best of
    each carrier planned on its own network."""
    feeds = scenario.feeds
    policy = (
        HandoverPolicy.open()
        if scenario.agreements is None
        else HandoverPolicy.from_pairs(list(scenario.agreements))
    )
    request = QuoteRequest(
        scenario.origin,
        scenario.destination,
        Decimal(scenario.weight_kg),
        scenario.ready_at,
        tuple(Decimal(d) for d in scenario.dims_cm) if scenario.dims_cm else None,  # type: ignore[arg-type]
        scenario.cod,
        scenario.max_handovers,
        scenario.handover_minutes,
        scenario.horizon,
    )
    origins, districts = (request.origin,), tuple(DISTRICTS)
    whole = one_to_all_grid(
        Planner(CompiledNetwork(feeds), policy),
        replace(request, max_handovers=0),
        origins,
        districts,
        workers=1,
    )
    each = [
        one_to_all_grid(
            Planner(CompiledNetwork([f]), HandoverPolicy.open()), request, origins, districts, workers=1
        )
        for f in feeds
    ]
    time_s, price = _best_of(each)
    assert np.array_equal(whole.time_s, time_s) and np.array_equal(whole.price, price)


def test_compare_sums_by_hand():
    """Three origins, four districts (two in province 11, two in 12; 12.01 is remote)."""
    d = ("11.01.01", "11.01.02", "12.01.01", "12.02.01")
    day = 86400
    before = Grid(
        ("o1", "o2", "o3"),
        d,
        np.array([[day, -1, 3 * day, 2 * day], [day, -1, -1, 2 * day], [day, -1, 4 * day, 2 * day]]),
        np.array([[100, -1, 300, 200], [100, -1, -1, 200], [100, -1, 400, 200]]),
    )
    after = Grid(
        before.origins,
        d,
        np.array(
            [[day, 2 * day, 2 * day, 2 * day], [day, -1, 3 * day, 2 * day], [day, -1, 2 * day, 3 * day]]
        ),
        np.array([[100, 250, 250, 200], [100, -1, 350, 200], [100, -1, 300, 150]]),
    )
    c = compare(before, after, remote={"12.01"})
    n = c.national
    assert (n.reachable_pairs_before, n.reachable_pairs_after) == (8, 10)
    assert (n.newly_reachable_pairs, n.newly_reachable_districts) == (2, 1)
    # Faster: o1->12.01.01 by 1 day, o3->12.01.01 by 2 days; slower: o3->12.02.01.
    assert (n.faster_pairs, n.slower_pairs, n.days_saved_median, n.days_saved_p90) == (2, 1, 1.5, 2.0)
    # Cheaper: o1->12.01.01 by 50, o3->12.01.01 by 100, o3->12.02.01 by 50.
    assert (n.cheaper_pairs, n.rupiah_saved_median) == (3, 50)
    assert (n.districts_gaining, n.remote_districts, n.remote_gaining, n.remote_share_gaining) == (
        3,
        1,
        1,
        1.0,
    )
    assert c.provinces["11"].districts_gaining == 1 and c.provinces["11"].remote_share_gaining is None
    row = c.rows[2]
    assert (row.reach_before, row.reach_after, row.newly_reachable, row.days_saved) == (2, 3, 1, 1.5)
    assert (row.days_before, row.days_after, row.price_before, row.price_after) == (3.5, 2.0, 350, 300)


def test_proposal_errors_name_the_change():
    with pytest.raises(JalinError) as exc:
        apply_proposal(Network.of_feeds([AAA, BBB], []), Proposal(add=(AgreementTerms("AAA", "XXX"),)))
    assert exc.value.code == "proposal_unknown_carrier" and "XXX" in exc.value.message
    with pytest.raises(JalinError) as exc:
        apply_proposal(Network.of_feeds([AAA, BBB], []), Proposal(end=(("AAA", "BBB"),)))
    assert exc.value.code == "invalid_proposal"
    with pytest.raises(JalinError):
        apply_proposal(Network.of_feeds([AAA, BBB], []), Proposal(change=(AgreementTerms("AAA", "BBB", 5),)))
    with pytest.raises(JalinError):
        apply_proposal(
            Network.of_feeds([AAA, BBB], [("AAA", "BBB", 0, None)]),
            Proposal(add=(AgreementTerms("BBB", "AAA"),)),
        )
    with pytest.raises(JalinError):
        apply_proposal(Network.of_feeds([AAA], []), Proposal(join=(Joining(AAA),)))
    with pytest.raises(JalinError):
        apply_proposal(Network.of_feeds([AAA], []), Proposal(leave=("BBB",)))
    with pytest.raises(JalinError):
        parse_terms("AAA", "add")
    with pytest.raises(JalinError):
        parse_terms("AAA:BBB:lima", "add")


def test_leaving_takes_its_agreements_along():
    after = apply_proposal(
        Network.of_feeds(
            [AAA, BBB, CCC], [("AAA", "BBB", 0, None), ("BBB", "CCC", 0, None), ("AAA", "CCC", 0, None)]
        ),
        Proposal(leave=("BBB",), change=(AgreementTerms("CCC", "AAA", 700, frozenset({WETAN})),)),
    )
    assert after.carrier_ids == ("AAA", "CCC") and after.left == ("BBB",)
    assert after.pairs == (("AAA", "CCC", 700, frozenset({WETAN})),)


def test_published_lists():
    caps = capital_districts()
    assert len(caps) == 38 and len({c[:2] for c in caps}) == 38
    assert "32.73.09" in caps and "95.01.01" in caps
    remote = disadvantaged_regencies()
    assert len(remote) == 62 and "95.01" in remote and "32.73" not in remote


def test_bad_input_is_one_clear_error(resolver, atlas):
    with pytest.raises(JalinError) as exc:
        run_impact(TODAY, Proposal(), ImpactInput(origins=[], ready_at=READY), atlas=atlas, resolver=resolver)
    assert exc.value.field == "origins"
    with pytest.raises(JalinError) as exc:
        run_impact(TODAY, Proposal(), ImpactInput(rank=11, ready_at=READY), atlas=atlas, resolver=resolver)
    assert exc.value.field == "rank"


def test_cli_offline_writes_json_csv_and_html(tmp_path, atlas):
    import csv
    import json

    from typer.testing import CliRunner

    from jalin.cli import app
    from jalin.network.writer import write_feed

    for f in (AAA, BBB, CCC):
        write_feed(f, tmp_path / "net" / f.carrier_id)
    (tmp_path / "net" / "agreements.csv").write_text("carrier_a,carrier_b,fee\n", encoding="utf-8")
    args = ["impact", "--feeds", str(tmp_path / "net"), "--from", GAMBIR, "--ready-at", READY, "--rank", "0"]
    out = CliRunner().invoke(
        app,
        [
            *args,
            "--add",
            "AAA:BBB:1000",
            "--json",
            "--csv",
            str(tmp_path / "x.csv"),
            "--html",
            str(tmp_path / "x.html"),
        ],
    )
    assert out.exit_code == 0, out.output
    body = json.loads(out.stdout.splitlines()[-1])
    assert body["national"]["newly_reachable_districts"] == 1
    text = (tmp_path / "x.csv").read_text(encoding="utf-8")
    rows = {r["code"]: r for r in csv.DictReader(text.splitlines())}
    assert len(rows) == len(atlas.districts()) and rows[SUKASARI]["rupiah_saved"] == "16000"
    html = (tmp_path / "x.html").read_text(encoding="utf-8")
    assert "Dampak kerja sama" in html and 'src="x_files/peta.js"' in html
    assert (tmp_path / "x_files" / "vendor" / "leaflet" / "leaflet.js").is_file()
    points = json.loads(html.split('id="peta-data">')[1].split("</script>")[0])["points"]
    cileunyi = next(p for p in points if p["tip"].startswith(atlas.get(CILEUNYI).name + ","))
    assert len(points) == len(atlas.districts()) and cileunyi["c"] == "new"
    assert "terjangkau baru dari 1 asal / newly reachable from 1 origin(s)" in cileunyi["tip"]
    table = CliRunner().invoke(app, [*args, "--add", "AAA:BBB:1000"])
    assert table.exit_code == 0 and "Waktu / time: " in table.output
    assert "{'" not in table.output  # the timing is a line for people, not a Python dict
    bad = CliRunner().invoke(app, [*args, "--add", "AAA:ZZZ"])
    assert bad.exit_code == 2 and "ZZZ" in bad.output
    # The ranking, in the printed summary, the ranking CSV and the report, best first.
    ranked = CliRunner().invoke(
        app, [*args[:-1], "3", "--csv", str(tmp_path / "y.csv"), "--html", str(tmp_path / "y.html")]
    )
    assert ranked.exit_code == 0, ranked.output
    assert "AAA – BBB" in ranked.stdout and "agreements that would gain most" in ranked.stdout
    pairs = list(csv.DictReader((tmp_path / "y-peringkat.csv").read_text(encoding="utf-8").splitlines()))
    assert [(r["rank"], r["carrier_a"], r["carrier_b"]) for r in pairs] == [
        ("1", "AAA", "BBB"),
        ("2", "BBB", "CCC"),
        ("3", "AAA", "CCC"),
    ]
    assert (pairs[0]["newly_reachable_pairs"], pairs[0]["faster_pairs"], pairs[0]["rupiah_saved_median"]) == (
        "1",
        "1",
        "17000",
    )
    report = (tmp_path / "y.html").read_text(encoding="utf-8")
    assert report.index("AAA – BBB") < report.index("BBB – CCC") < report.index("AAA – CCC")


def test_live_network_ranks_the_pipeline(published, atlas, resolver):  # type: ignore[no-untyped-def]
    """On the published small network: a pending agreement is ranked with its stage and fee."""
    from jalin.geo import get_atlas
    from jalin.registry.access import CLI_ADMIN
    from jalin.services import registry as reg
    from jalin.services.impact import run_live_impact
    from jalin.services.network_state import NetworkState
    from jalin.storage.db import make_engine

    engine = make_engine(published)
    try:
        state = NetworkState(engine, get_atlas)
        snapshot = state.snapshot()
        first = next(a for a in in_uow(engine, reg.list_agreements, CLI_ADMIN) if a.stage == "active")
        in_uow(engine, reg.move_agreement, CLI_ADMIN, first.id, "suspended")
        body = run_live_impact(
            state,
            Proposal(),
            ImpactInput(origins=["31.71.01", "74.71.01"], ready_at=READY, rank=10),
            atlas=atlas,
            resolver=resolver,
            workers=1,
        )
        assert len(state.snapshot().agreements) == len(snapshot.agreements) - 1
        assert body["national"]["districts_gaining"] == 0  # no change: today against itself
        stages = {(r["carrier_a"], r["carrier_b"]): r["stage"] for r in body["ranking"]["pairs"]}
        members = {m.id: m.carrier_id for m in in_uow(engine, reg.list_members, CLI_ADMIN)}
        suspended = tuple(sorted(members[i] for i in first.parties))
        assert stages.get(suspended, "suspended") == "suspended"
        from jalin.web.impact_report import render_impact_html

        html = render_impact_html(body, atlas)
        names = {"exploring": "Penjajakan", "negotiating": "Negosiasi", "signed": "Ditandatangani"}
        names |= {"suspended": "Ditangguhkan"}
        for stage in {s for s in stages.values() if s}:  # the stage in Indonesian, English beside it
            assert f"{names[stage]} / {stage}" in html
        assert (
            body["scenarios"]["ceiling"]["reachable_pairs"] >= body["scenarios"]["today"]["reachable_pairs"]
        )
    finally:
        engine.dispose()


def test_api_roles_answer_and_formats(published, atlas):  # type: ignore[no-untyped-def]
    """POST /v1/impact: officers and admins only; JSON by its schema, CSV and HTML on request."""
    from fastapi.testclient import TestClient

    from jalin.api import create_app
    from jalin.registry.access import CLI_ADMIN
    from jalin.registry.rules import Role
    from jalin.services import registry as reg
    from jalin.settings import Settings
    from jalin.storage.db import make_engine

    engine = make_engine(published)
    try:
        in_uow(engine, reg.add_officer, CLI_ADMIN, board_code="74", name="Ketua DPW", position="Ketua")
        member_id = in_uow(engine, reg.list_members, CLI_ADMIN)[0].id
        keys = {
            "admin": in_uow(engine, reg.create_key, CLI_ADMIN, Role.ADMIN).secret,
            "officer": in_uow(engine, reg.create_key, CLI_ADMIN, Role.OFFICER, board_code="74").secret,
            "member": in_uow(engine, reg.create_key, CLI_ADMIN, Role.MEMBER, member_id=member_id).secret,
        }
    finally:
        engine.dispose()
    body = {"origins": ["74.71.01"], "ready_at": READY, "rank": 1, "only_changed": True}
    with TestClient(create_app(Settings(database_url=published))) as client:
        spec = client.get("/openapi.json").json()
        assert spec["paths"]["/v1/impact"]["post"]["x-roles"] == ["admin", "officer"]
        assert client.post("/v1/impact", json=body).status_code == 401
        assert client.post("/v1/impact", json=body, headers={"X-API-Key": keys["member"]}).status_code == 403
        r = client.post("/v1/impact", json=body, headers={"X-API-Key": keys["officer"]})
        assert r.status_code == 200, r.text
        answer = r.json()
        assert answer["origins"][0]["code"] == "74.71.01" and answer["districts"] == []
        assert set(answer["scenarios"]) == {"today", "proposal", "alone", "ceiling"}
        admin = {"X-API-Key": keys["admin"]}
        pair = answer["ranking"]["pairs"][0] if answer["ranking"]["pairs"] else None
        if pair is not None:  # adding the best-ranked pair gives what the ranking said
            add = {
                **body,
                "rank": 0,
                "add": [{"carrier_a": pair["carrier_a"], "carrier_b": pair["carrier_b"]}],
            }
            national = client.post("/v1/impact", json=add, headers=admin).json()["national"]
            assert national["newly_reachable_pairs"] == pair["newly_reachable_pairs"]
            assert national["faster_pairs"] == pair["faster_pairs"]
        csv_text = client.post("/v1/impact?format=csv", json=body, headers=admin)
        assert csv_text.headers["content-type"].startswith("text/csv")
        assert len(csv_text.text.splitlines()) == len(atlas.districts()) + 1
        ranking_csv = client.post("/v1/impact?format=csv&table=ranking", json=body, headers=admin).text
        assert ranking_csv.splitlines()[0].startswith("rank,carrier_a,carrier_b,stage")
        assert len(ranking_csv.splitlines()) == 1 + len(answer["ranking"]["pairs"])
        html = client.post("/v1/impact?format=html", json=body, headers=admin)
        assert html.headers["content-type"].startswith("text/html") and 'src="/static/peta.js"' in html.text
        bad = client.post(
            "/v1/impact", json={**body, "add": [{"carrier_a": "POS", "carrier_b": "NOPE"}]}, headers=admin
        )
        assert bad.status_code == 422 and bad.json()["code"] == "proposal_unknown_carrier"
        bad = client.post("/v1/impact", json={**body, "join": [{"feed_version_id": 99999}]}, headers=admin)
        assert bad.status_code == 422 and bad.json()["code"] == "unknown_joining_feed"
        bad = client.post("/v1/impact", json={**body, "origins": ["zzqx wqxz"]}, headers=admin)
        assert bad.status_code == 422 and bad.json()["field"] == "origins"


def test_a_regional_post_feed_is_valid_and_meets_its_neighbours(small_network, atlas, tmp_path):
    from jalin.impact.proposal import Carrier, neighbours
    from jalin.network.regional_post import regional_post_feed
    from jalin.network.validator import validate_feed
    from jalin.network.writer import write_feed

    network, _ = small_network
    post = next(f for f in network.feeds if f.carrier_id == "POS")
    feed = regional_post_feed(post, "74", carrier_id="POSST", name="Pos Regional Sulawesi Tenggara")
    result = validate_feed(write_feed(feed, tmp_path / "POSST"), atlas)
    assert result.valid, result.to_dict()["summary"]
    regencies = {f.area_code[:5] for f in post.facilities.values() if f.area_code.startswith("74")}
    delivered = {r.destination.area_code for r in feed.runs if r.destination.area_code}
    assert delivered == regencies
    assert "POS" in neighbours(Carrier.of_feed(feed), [Carrier.of_feed(f) for f in network.feeds])
    with pytest.raises(ValueError):
        regional_post_feed(post, "32", carrier_id="POSJB", name="x")


def _request(scenario: Scenario) -> QuoteRequest:
    return QuoteRequest(
        scenario.origin,
        scenario.destination,
        Decimal(scenario.weight_kg),
        scenario.ready_at,
        tuple(Decimal(d) for d in scenario.dims_cm) if scenario.dims_cm else None,  # type: ignore[arg-type]
        scenario.cod,
        scenario.max_handovers,
        scenario.handover_minutes,
        scenario.horizon,
    )


def _policy(scenario: Scenario) -> HandoverPolicy:
    if scenario.agreements is None:
        return HandoverPolicy.open()
    return HandoverPolicy.from_pairs(list(scenario.agreements))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_the_grid_reads_one_to_all_as_the_tariff_does(scenario: Scenario):
    """The per-district grid (array operations over the runs covering each district) equals
    `Planner.tariff`, the planner's own reading of a one-to-all answer."""
    planner = Planner(CompiledNetwork(scenario.feeds), _policy(scenario))
    request = _request(scenario)
    grid = one_to_all_grid(planner, request, (request.origin,), tuple(DISTRICTS), workers=1)
    ready = int(request.ready_at.timestamp())
    rows = planner.tariff(request, list(DISTRICTS))
    assert grid.time_s[0].tolist() == [-1 if t is None else int(t.timestamp()) - ready for _, t, _ in rows]
    assert grid.price[0].tolist() == [-1 if p is None else p for _, _, p in rows]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_a_composed_network_plans_as_one_compiled_from_the_feeds(scenario: Scenario):
    """Today's compiled network with a carrier leaving and another joining (composed from arrays,
    as a what-if on the live snapshot does) answers quotes and one-to-all searches exactly as the
    network compiled from the resulting feeds."""
    from jalin.routing.compose import compose

    feeds = scenario.feeds
    if len(feeds) < 2:
        feeds = [*feeds, replace(feeds[0], info=replace(feeds[0].info, carrier_id="ZZZ"))]
    leaving, joining = feeds[0], feeds[-1]
    today = CompiledNetwork(feeds[:-1])
    composed = compose(today, drop=frozenset({leaving.carrier_id}), add=[CompiledNetwork([joining])])
    compiled = CompiledNetwork(feeds[1:])
    assert composed.carriers == compiled.carriers and composed.n_runs == compiled.n_runs
    policy, request = _policy(scenario), _request(scenario)
    a, b = Planner(composed, policy), Planner(compiled, policy)
    assert [o.key for o in a.quote(request)[0]] == [o.key for o in b.quote(request)[0]]
    districts = tuple(DISTRICTS)
    ga = one_to_all_grid(a, request, (request.origin,), districts, workers=1)
    gb = one_to_all_grid(b, request, (request.origin,), districts, workers=1)
    assert np.array_equal(ga.time_s, gb.time_s) and np.array_equal(ga.price, gb.price)


def test_each_ranked_pair_gains_what_adding_it_alone_gains(resolver, atlas):
    """The ranking's figures for a pair are the comparison of the proposal with and without that
    pair; worked by hand for AAA-BBB from Gambir (see the first test; a pair outside the pipeline
    is evaluated at no fee): Cileunyi newly reachable, Sukasari 1,79 days faster and
    Rp26.000 - (1.000 + 5.000 + 3.000) = Rp17.000 cheaper. A second origin the ceiling cannot improve
    (Kendari: no carrier picks up there) is skipped by the search and changes nothing."""
    body = run_impact(
        TODAY,
        Proposal(),
        ImpactInput(origins=[GAMBIR, "74.71.01"], ready_at=READY, rank=3),
        atlas=atlas,
        resolver=resolver,
        workers=1,
    )
    ranked = {(r["carrier_a"], r["carrier_b"]): r for r in body["ranking"]["pairs"]}
    first = ranked["AAA", "BBB"]
    assert (first["newly_reachable_pairs"], first["faster_pairs"], first["cheaper_pairs"]) == (1, 1, 1)
    assert (first["days_saved_median"], first["rupiah_saved_median"], first["districts_gaining"]) == (
        1.79,
        17000,
        2,
    )
    assert first["stage"] is None and first["fee_per_parcel"] == 0
    for (a, b), r in ranked.items():
        # Outside the pipeline, a pair is listed only when it gains something.
        assert r["stage"] is not None or r["newly_reachable_pairs"] or r["faster_pairs"] or r["cheaper_pairs"]
        alone = run_impact(
            TODAY,
            Proposal(add=(AgreementTerms(a, b),)),
            ImpactInput(origins=[GAMBIR, "74.71.01"], ready_at=READY, rank=0, baselines=False),
            atlas=atlas,
            resolver=resolver,
            workers=1,
        )["national"]
        for key in ("newly_reachable_pairs", "faster_pairs", "days_saved_median", "cheaper_pairs"):
            assert r[key] == alone[key], (a, b, key)
        for key in ("rupiah_saved_median", "districts_gaining", "remote_gaining", "frontier_gaining"):
            assert r[key] == alone[key], (a, b, key)


# FFF: a hub in Bandung Wetan that delivers Bandung Wetan only, at 17:00 for 55 min and Rp3.000.
# Handed over from AAA (at A2 15:00, plus 2 h), it delivers 5 min sooner than AAA's own van
# (17:55 against 18:00) and dearer (Rp9.000 against Rp8.000). It picks up nowhere.
FFF = _feed(
    "FFF",
    [("F2", WETAN, True)],
    [("F2", f"area:{WETAN}", _h(17), 55, 3000)],
)


def _screened(monkeypatch):  # type: ignore[no-untyped-def]
    """The pairs `run_impact`'s screen picks, recorded as it picks them."""
    from jalin.services import impact as service

    picked: list[tuple[str, str]] = []
    real = service.screen

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        chosen = real(*args, **kwargs)
        picked.extend((c.carrier_a, c.carrier_b) for c in chosen)
        return chosen

    monkeypatch.setattr(service, "screen", spy)
    return picked


def test_the_ranking_leaves_out_a_screened_pair_that_alone_changes_nothing(resolver, atlas, monkeypatch):
    """FFF meets AAA, BBB and CCC in Bandung Wetan, where the ceiling delivers sooner than today
    (AAA then FFF), so the screen picks all three of its pairs. BBB-FFF gains nothing alone (no
    carrier brings parcels from Gambir to either without another agreement): it is left out.
    CCC-FFF gains nothing either (CCC reaches Bandung on the third day, when AAA has delivered
    since the first), but it is in the pipeline: listed at its stage and fee with zero figures.
    AAA-FFF saves 5 minutes on one pair, under a hundredth of a day (shown as 0 days saved): it
    changes something, so it is listed."""
    today = Today.of_feeds((AAA, BBB, CCC, FFF), ())
    picked = _screened(monkeypatch)
    q = ImpactInput(origins=[GAMBIR], ready_at=READY, rank=10)
    pending = {frozenset(("CCC", "FFF")): ("negotiating", 500)}
    body = run_impact(today, Proposal(), q, atlas=atlas, resolver=resolver, pending=pending, workers=1)
    assert sorted(picked) == [
        ("AAA", "BBB"),
        ("AAA", "CCC"),
        ("AAA", "FFF"),
        ("BBB", "CCC"),
        ("BBB", "FFF"),
        ("CCC", "FFF"),
    ]
    assert body["ranking"]["screened"] == 6
    ranked = {(r["carrier_a"], r["carrier_b"]): r for r in body["ranking"]["pairs"]}
    assert ("BBB", "FFF") not in ranked
    assert set(ranked) == {("AAA", "BBB"), ("AAA", "CCC"), ("AAA", "FFF"), ("BBB", "CCC"), ("CCC", "FFF")}
    pipeline = ranked["CCC", "FFF"]
    assert (pipeline["stage"], pipeline["fee_per_parcel"]) == ("negotiating", 500)
    assert all(pipeline[k] in (0, None) for k in RANKED_FIGURES), pipeline
    tiny = ranked["AAA", "FFF"]
    assert (tiny["faster_pairs"], tiny["days_saved_median"], tiny["districts_gaining"]) == (1, 0.0, 1)
    assert [(r["carrier_a"], r["carrier_b"]) for r in body["ranking"]["pairs"]][-2:] == [
        ("AAA", "FFF"),
        ("CCC", "FFF"),
    ]
    for (a, b), r in ranked.items():
        if r["stage"] is not None:
            continue
        assert r["newly_reachable_pairs"] + r["faster_pairs"] + r["cheaper_pairs"] > 0, (a, b)
        alone = run_impact(
            today,
            Proposal(add=(AgreementTerms(a, b),)),
            ImpactInput(origins=[GAMBIR], ready_at=READY, rank=0, baselines=False),
            atlas=atlas,
            resolver=resolver,
            workers=1,
        )["national"]
        assert {k: r[k] for k in RANKED_FIGURES} == {k: alone[k] for k in RANKED_FIGURES}, (a, b)
    # The pair left out gains nothing when added alone, and the pipeline pair at its fee neither.
    for a, b, fee in (("BBB", "FFF", 0), ("CCC", "FFF", 500)):
        alone = run_impact(
            today,
            Proposal(add=(AgreementTerms(a, b, fee),)),
            ImpactInput(origins=[GAMBIR], ready_at=READY, rank=0, baselines=False),
            atlas=atlas,
            resolver=resolver,
            workers=1,
        )["national"]
        assert alone["districts_gaining"] == 0 and alone["newly_reachable_pairs"] == 0, (a, b)


# TTT carries from its hub in Bandung Wetan to its hub in Sukasari and delivers nowhere; EEE
# delivers Cileunyi from its hub in Sukasari. TTT and EEE have an agreement today; AAA meets TTT
# in Bandung Wetan only.
TTT = _feed(
    "TTT",
    [("T1", WETAN, True), ("T2", SUKASARI, True)],
    [("T1", "T2", _h(18), 60, 1000)],
)
EEE = _feed(
    "EEE",
    [("E2", SUKASARI, True)],
    [("E2", f"area:{CILEUNYI}", _h(21), 60, 2000)],
)


def test_the_screen_counts_what_a_pair_delivers_through_the_agreements_it_joins(resolver, atlas, monkeypatch):
    """AAA-TTT opens Gambir -> Cileunyi: AAA to Bandung Wetan (15:00), TTT to Sukasari (19:00), EEE
    to Cileunyi (22:00), two handovers. Neither AAA (Bandung Wetan, already best) nor TTT (nothing)
    delivers where the ceiling beats today: the districts of EEE, which TTT hands over to, count
    too. With one handover allowed the route is out of reach and the pair scores nothing."""
    today = Today.of_feeds((AAA, TTT, EEE), (("EEE", "TTT", 0, None),))
    picked = _screened(monkeypatch)
    body = run_impact(
        today,
        Proposal(),
        ImpactInput(origins=[GAMBIR], ready_at=READY, rank=3),
        atlas=atlas,
        resolver=resolver,
        workers=1,
    )
    assert picked == [("AAA", "TTT")] and body["ranking"]["screened"] == 1
    [pair] = body["ranking"]["pairs"]
    assert (pair["carrier_a"], pair["carrier_b"], pair["newly_reachable_pairs"]) == ("AAA", "TTT", 1)
    assert pair["screen_score"] == 0  # its own deliveries gain nothing: EEE's do
    assert _row(body, CILEUNYI)["reach_after"] == 0  # the proposal (nothing) does not reach it
    picked.clear()
    one = run_impact(
        today,
        Proposal(),
        ImpactInput(origins=[GAMBIR], ready_at=READY, rank=3, max_handovers=1),
        atlas=atlas,
        resolver=resolver,
        workers=1,
    )
    assert picked == [] and one["ranking"] == {"screened": 0, "pairs": []}


def test_the_screen_follows_agreements_only_as_far_as_the_handovers_left():
    """A meets B; B has an agreement with C, C with D; only D delivers where the ceiling gains.
    A route through A-B reaches D's deliveries with two more handovers (B -> C -> D): max 3."""
    from jalin.impact.proposal import Carrier
    from jalin.impact.ranking import screen

    districts = (SUKASARI, CILEUNYI, WETAN)
    carriers = (
        Carrier("A", frozenset({WETAN}), frozenset({WETAN})),
        Carrier("B", frozenset({WETAN, SUKASARI}), frozenset()),
        Carrier("C", frozenset({SUKASARI}), frozenset({SUKASARI})),
        Carrier("D", frozenset({SUKASARI}), frozenset({CILEUNYI})),
    )
    network = Network(carriers, (("B", "C", 0, None), ("C", "D", 500, frozenset({SUKASARI}))))
    gap = np.array([0, 4, 0], np.int64)  # only Cileunyi, which D alone delivers
    scores = {
        n: [(c.carrier_a, c.carrier_b, c.score, c.through) for c in screen(network, gap, districts, 10, n)]
        for n in range(5)
    }
    # B-D (they meet in Sukasari) scores with one handover, D delivering; A-B needs B -> C -> D
    # after its own: it is screened from three handovers on, after B-D (its own score is 0).
    assert scores[0] == [] and scores[1] == scores[2] == [("B", "D", 4, 4)]
    assert scores[3] == scores[4] == [("B", "D", 4, 4), ("A", "B", 0, 4)]


def test_frontier_regencies_are_the_land_border_ones(atlas):
    frontier = frontier_regencies()
    assert len(frontier) == 17
    for code in frontier:
        area = atlas.get(code)
        assert area is not None and area.level.name == "REGENCY", code
    # Kalimantan (Malaysia), Timor (Timor-Leste) and Papua (Papua New Guinea), nothing elsewhere.
    assert {c[:2] for c in frontier} == {"61", "64", "65", "53", "91", "93", "95"}
    assert {"61.01", "65.03", "53.04", "91.71", "93.01"} <= frontier and "31.71" not in frontier


def test_frontier_shares_sum_by_hand():
    """Four districts, one origin; 53.04 (Belu) is frontier and gains, 61.01 (Sambas) is frontier
    and does not, 31.71 is neither."""
    d = ("31.71.01", "53.04.01", "53.04.02", "61.01.01")
    before = Grid(("o",), d, np.array([[86400, -1, 172800, 86400]]), np.array([[100, -1, 300, 100]]))
    after = Grid(("o",), d, np.array([[86400, 172800, 172800, 86400]]), np.array([[100, 500, 250, 100]]))
    c = compare(before, after, remote=(), frontier={"53.04", "61.01"})
    n = c.national
    assert (n.frontier_districts, n.frontier_gaining, n.frontier_share_gaining) == (3, 2, 0.6667)
    assert [r.frontier for r in c.rows] == [False, True, True, True]
    assert (
        c.provinces["53"].frontier_share_gaining == 1.0 and c.provinces["31"].frontier_share_gaining is None
    )


def test_cli_impact_reads_the_persisted_snapshot_and_a_publish_invalidates_it(
    engine, db_url, atlas, tmp_path, monkeypatch
):
    """`jalin impact` on the live network reads today's network from the snapshot files, as
    `jalin quote` does: a second command parses no feed (a member joining is read from its own
    folder only); after a publish the snapshot is rebuilt from the new data, never the stale one."""
    import json

    from typer.testing import CliRunner

    from jalin.cli import app
    from jalin.services import publishing
    from tests.feeds import VALID_FEED, publish, replace_in, write

    publish(engine, write(VALID_FEED, tmp_path / "v1"), atlas)
    monkeypatch.setenv("JALIN_DATABASE_URL", db_url)
    # A snapshot folder of its own: the files are keyed by content, so another test's (or the other
    # database's run of this one) would be read, rightly, without parsing.
    monkeypatch.setenv("JALIN_DATA_DIR", str(tmp_path / "data"))
    parses = []
    real = publishing.load_feed  # network_state imports it when it builds
    monkeypatch.setattr(publishing, "load_feed", lambda *a, **k: parses.append(a[1]) or real(*a, **k))
    args = ["impact", "--from", "31.71.06", "--ready-at", READY, "--rank", "0", "--no-baselines", "--json"]

    def ask(*extra: str) -> dict:
        out = CliRunner().invoke(app, [*args, *extra])
        assert out.exit_code == 0, out.output
        return json.loads(out.stdout.splitlines()[-1])

    first = ask()
    assert len(parses) == 1  # the first command builds the snapshot files
    again = ask()
    assert len(parses) == 1 and again["scenarios"] == first["scenarios"]  # read from the files
    joining = write(replace_in("feed.json", '"TESTX"', '"TESTZ"'), tmp_path / "z")
    joined = ask("--join", str(joining), "--join-fee", "0")
    assert len(parses) == 1 and joined["proposal"]["joined"] == ["TESTZ"]
    v2 = {**replace_in("feed.json", "2026.11.1", "2026.11.2"), "runs.csv": VALID_FEED["runs.csv"]}
    v2["runs.csv"] += "D9,REG,KDI,area:74.01,1111111,08:00,30,240,4000,0\n"
    publish(engine, write(v2, tmp_path / "v2"), atlas)
    after = ask()
    assert len(parses) == 2  # the new version, parsed once to build the new snapshot
    reached = after["scenarios"]["today"]["reachable_districts"]
    assert reached == first["scenarios"]["today"]["reachable_districts"] + len(
        atlas.districts_within("74.01")
    )
