"""Quotes through the service, the API and the CLI: answers, bad input, live updates."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import datetime

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from jalin.api import create_app
from jalin.cli import app as cli_app
from jalin.errors import JalinError
from jalin.network.validator import validate_feed
from jalin.registry.access import CLI_ADMIN
from jalin.services.quotes import QuoteErrorCode, QuoteInput, build_request
from jalin.services.registry import create_agreement, move_agreement
from jalin.services.registry_import import members_for_feeds
from jalin.settings import Settings
from tests.feeds import VALID_FEED, activate, publish, replace_in, write
from tests.uow import in_uow

READY = "2026-11-27T09:00:00+07:00"


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"weight": "0"}, QuoteErrorCode.INVALID_WEIGHT),
        ({"weight": "-2"}, QuoteErrorCode.INVALID_WEIGHT),
        ({"weight": "1000.5"}, QuoteErrorCode.INVALID_WEIGHT),
        ({"weight": "dua"}, QuoteErrorCode.INVALID_WEIGHT),
        ({"weight": "NaN"}, QuoteErrorCode.INVALID_WEIGHT),
        ({"dims": "30x20"}, QuoteErrorCode.INVALID_DIMENSIONS),
        ({"dims": "30x0x10"}, QuoteErrorCode.INVALID_DIMENSIONS),
        ({"dims": "axbxc"}, QuoteErrorCode.INVALID_DIMENSIONS),
        ({"ready_at": "2026-11-27T09:00"}, QuoteErrorCode.INVALID_READY_AT),
        ({"ready_at": "besok pagi"}, QuoteErrorCode.INVALID_READY_AT),
        ({"max_handovers": 5}, QuoteErrorCode.INVALID_MAX_HANDOVERS),
        ({"max_handovers": -1}, QuoteErrorCode.INVALID_MAX_HANDOVERS),
        ({"origin": "zzqx wqxz"}, QuoteErrorCode.UNKNOWN_PLACE),
        ({"origin": "99.99.99"}, QuoteErrorCode.UNKNOWN_PLACE),
        ({"destination": "kab kolaka"}, QuoteErrorCode.AMBIGUOUS_PLACE),
    ],
)
def test_bad_input_is_one_clear_error(resolver, changes, code):
    q = QuoteInput(origin="31.71.06", destination="74.71.01", weight="2", dims=None, ready_at=READY)
    for k, v in changes.items():
        setattr(q, k, v)
    with pytest.raises(JalinError) as exc:
        build_request(resolver, q)
    assert exc.value.code is code and exc.value.message


def test_places_resolve_from_codes_postal_codes_and_text(resolver):
    q = QuoteInput("3171061001", "kel lalombaa kolaka sultra", "2,5", "30x20x10", READY)
    request, origin, destination = build_request(resolver, q)
    assert (origin.code, origin.resolved_by) == ("31.71.06", "village_code")
    assert (destination.code, destination.resolved_by, destination.village) == (
        "74.01.04",
        "text",
        "Lalombaa",
    )
    assert str(request.weight_kg) == "2.5" and [str(d) for d in request.dims_cm] == ["30", "20", "10"]
    _, by_postal, _ = build_request(resolver, QuoteInput("93518", "74.71.01", "1", ready_at=READY))
    assert (by_postal.code, by_postal.resolved_by) == ("74.01.04", "postal_code")


def test_shared_postal_code_lists_the_candidate_districts(resolver, atlas):
    shared = next(
        pc
        for pc in sorted({v.postal_code for v in atlas.areas(4) if v.postal_code})
        if len(atlas.districts_with_postal_code(pc)) > 1
    )
    with pytest.raises(JalinError) as exc:
        build_request(resolver, QuoteInput(shared, "74.71.01", "1", ready_at=READY))
    assert exc.value.code is QuoteErrorCode.AMBIGUOUS_PLACE
    assert {c["code"] for c in exc.value.extra["candidates"]} == {
        d.code for d in atlas.districts_with_postal_code(shared)
    }


@pytest.fixture
def client(published):
    with TestClient(create_app(Settings(database_url=published))) as c:
        yield c


def test_api_quote_jakarta_to_papua_pegunungan(client):
    r = client.post(
        "/v1/quotes",
        json={
            "from": "31.71.06",
            "to": "95.01.01",
            "weight_kg": "2.5",
            "dims_cm": "30x20x10",
            "ready_at": READY,
        },
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["origin"], body["destination"]) == ("31.71.06", "95.01.01")
    places = body["resolution"]
    assert places["origin"]["zone"] == "WIB" and places["destination"]["zone"] == "WIT"
    options = body["options"]
    assert options and body["no_route"] is None
    assert [o["delivered_at"] for o in options] == sorted(o["delivered_at"] for o in options)
    assert all(o["delivered_at"].endswith("+09:00") for o in options)
    assert any(o["handovers"] == 0 for o in options)
    first = options[0]["legs"][0]
    assert first["type"] == "run" and first["departure"].endswith("+07:00")
    assert set(first) >= {
        "carrier",
        "service",
        "origin",
        "destination",
        "departure",
        "arrival",
        "chargeable_kg",
        "price",
    }
    interline = [o for o in options if o["handovers"] > 0]
    if interline:
        ho = next(leg for leg in interline[0]["legs"] if leg["type"] == "handover")
        assert set(ho) >= {"from", "to", "at", "fee"} and ho["from"]["carrier"] != ho["to"]["carrier"]


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"weight_kg": "0"}, "invalid_weight"),
        ({"weight_kg": "1500"}, "invalid_weight"),
        ({"dims_cm": "10x10"}, "invalid_dimensions"),
        ({"ready_at": "2026-11-27T09:00:00"}, "invalid_ready_at"),
        ({"to": "negeri antah berantah"}, "unknown_place"),
        ({"max_handovers": 7}, "invalid_max_handovers"),
    ],
)
def test_api_bad_input_is_422_problem(client, body, code):
    r = client.post(
        "/v1/quotes", json={"from": "31.71.06", "to": "95.01.01", "weight_kg": "1", "ready_at": READY, **body}
    )
    assert r.status_code == 422
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["code"] == code and r.json()["detail"]


def test_api_a_city_alone_answers_with_its_districts_as_candidates(client, atlas):
    r = client.post(
        "/v1/quotes", json={"from": "31.71.06", "to": "kota kendari", "weight_kg": "1", "ready_at": READY}
    )
    assert r.status_code == 422
    problem = r.json()
    assert problem["code"] == "ambiguous_place" and problem["field"] == "to"
    assert "Kota Kendari" in problem["detail"] and "11 districts" in problem["detail"]
    assert [c["code"] for c in problem["candidates"]] == [d.code for d in atlas.children("74.71")]
    assert {c["level"] for c in problem["candidates"]} == {"district"}
    # Any candidate is a valid answer to the question.
    r = client.post(
        "/v1/quotes",
        json={
            "from": "31.71.06",
            "to": problem["candidates"][0]["code"],
            "weight_kg": "1",
            "ready_at": READY,
        },
    )
    assert r.status_code == 200


def test_api_no_route_says_why(client):
    # Aceh is outside the small network: nobody picks up there.
    r = client.post(
        "/v1/quotes", json={"from": "11.01.01", "to": "95.01.01", "weight_kg": "1", "ready_at": READY}
    )
    assert r.json()["options"] == [] and r.json()["no_route"]["reason"] == "no_pickup"
    r = client.post(
        "/v1/quotes", json={"from": "31.71.06", "to": "11.01.01", "weight_kg": "1", "ready_at": READY}
    )
    assert r.json()["no_route"]["reason"] == "no_delivery"


def test_api_one_to_all_json_and_csv(client):
    r = client.get("/v1/quotes/one-to-all", params={"from": "31.71.06", "weight": "1", "ready_at": READY})
    body = r.json()
    assert len(body["districts"]) == 7285
    row = next(d for d in body["districts"] if d["code"] == "95.01.01")
    quote = client.post(
        "/v1/quotes", json={"from": "31.71.06", "to": "95.01.01", "weight_kg": "1", "ready_at": READY}
    ).json()
    assert row["cheapest_price"] == min(o["price"] for o in quote["options"])
    assert row["earliest_delivery"] == quote["options"][0]["delivered_at"]
    assert next(d for d in body["districts"] if d["code"] == "11.01.01")["cheapest_price"] is None
    r = client.get(
        "/v1/quotes/one-to-all",
        params={"from": "31.71.06", "weight": "1", "ready_at": READY, "format": "csv"},
    )
    assert r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == 7285 and set(rows[0]) >= {"code", "cheapest_price", "earliest_delivery"}


def test_cli_quote_offline_over_feed_folders(small_network):
    _, folder = small_network
    runner = CliRunner()
    r = runner.invoke(
        cli_app,
        [
            "quote",
            "--from",
            "jl sudirman kec menteng jakarta pusat",
            "--to",
            "95.01.01",
            "--weight",
            "2.5",
            "--dims",
            "30x20x10",
            "--ready-at",
            READY,
            "--feeds",
            str(folder),
            "--json",
        ],
    )
    assert r.exit_code == 0, r.output
    body = json.loads(r.stdout)
    assert body["origin"] == "31.71.06" and body["options"]
    assert body["resolution"]["origin"]["resolved_by"] == "text"
    r = runner.invoke(
        cli_app,
        [
            "quote",
            "--from",
            "31.71.06",
            "--to",
            "95.01.01",
            "--weight",
            "2.5",
            "--ready-at",
            READY,
            "--feeds",
            str(folder),
        ],
    )
    assert r.exit_code == 0 and "Tiba" in r.output and "Harga" in r.output and "Rp" in r.output
    r = runner.invoke(
        cli_app, ["quote", "--from", "31.71.06", "--to", "95.01.01", "--weight", "0", "--feeds", str(folder)]
    )
    assert r.exit_code == 2 and "weight" in r.output
    r = runner.invoke(
        cli_app,
        ["quote", "--from", "kab kolaka", "--to", "95.01.01", "--weight", "1", "--feeds", str(folder)],
    )
    assert r.exit_code == 2 and "74.01" in r.output


def _two_carriers(tmp_path):
    """TESTX delivers in Kendari; TESTY picks up in Kendari's neighbour and can only meet TESTX there."""
    a = write(VALID_FEED, tmp_path / "a")
    b_files = {
        **replace_in("feed.json", '"TESTX"', '"TESTY"'),
        "facilities.csv": "facility_id,name,kind,area_code,lat,lon,handover\n"
        "KDI,Hub Y Kendari,hub,74.71.01,,,1\n",
        "runs.csv": "run_id,service_id,origin,destination,days,departs_at,cutoff_minutes,duration_minutes,"
        "base_price,price_per_kg\nP1,REG,area:74.71.02,KDI,1111111,10:00,0,60,1000,0\n"
        "D1,REG,KDI,area:74.71.02,1111111,11:00,0,60,1000,0\n",
        "calendar_dates.csv": "service_id,date,exception_type\n",
    }
    return a, write(b_files, tmp_path / "b")


def test_agreements_and_publishing_change_the_next_quote_without_restart(engine, db_url, atlas, tmp_path):
    a, b = _two_carriers(tmp_path)
    publish(engine, a, atlas)
    publish(engine, b, atlas)
    payload = {
        "from": "74.71.02",
        "to": "74.71.01",
        "weight_kg": "1",
        "ready_at": "2026-12-01T08:00:00+08:00",
    }
    with TestClient(create_app(Settings(database_url=db_url))) as client:
        assert client.post("/v1/quotes", json=payload).json()["no_route"]["reason"] == "not_within_horizon"
        ids = in_uow(
            engine, members_for_feeds, CLI_ADMIN, atlas, [validate_feed(p, atlas).feed for p in (a, b)]
        )
        deal = in_uow(
            engine,
            create_agreement,
            CLI_ADMIN,
            atlas,
            title="X-Y Kendari",
            kind="interline_handover",
            parties=[ids["TESTX"], ids["TESTY"]],
            fee_per_parcel=2500,
            stage="signed",
        )
        assert client.post("/v1/quotes", json=payload).json()["options"] == []  # signed is not active yet
        in_uow(engine, move_agreement, CLI_ADMIN, deal.id, "active")
        options = client.post("/v1/quotes", json=payload).json()["options"]
        assert options and all(o["handovers"] == 1 for o in options)
        ho = next(leg for leg in options[0]["legs"] if leg["type"] == "handover")
        assert ho["fee"] == 2500 and ho["area_code"] == "74.71.01"
        assert (
            client.post("/v1/quotes", json={**payload, "open_handovers": True}).json()["options"][0]["price"]
            == options[0]["price"] - 2500
        )
        # A new TESTX version without its Kendari delivery run: the next quote has no route.
        runs = (
            "\n".join(x for x in VALID_FEED["runs.csv"].splitlines() if not x.startswith(("D1", "D2"))) + "\n"
        )
        v2 = write({**replace_in("feed.json", "2026.11.1", "2026.12.1"), "runs.csv": runs}, tmp_path / "a2")
        publish(engine, v2, atlas)
        assert client.post("/v1/quotes", json=payload).json()["no_route"]["reason"] == "no_delivery"
        activate(engine, "TESTX", "2026.11.1")
        assert client.post("/v1/quotes", json=payload).json()["options"]
        in_uow(engine, move_agreement, CLI_ADMIN, deal.id, "ended")
        assert client.post("/v1/quotes", json=payload).json()["options"] == []


def test_ready_at_defaults_to_now(resolver):
    request, _, _ = build_request(resolver, QuoteInput("31.71.06", "74.71.01", "1"))
    assert abs((datetime.now(request.ready_at.tzinfo) - request.ready_at).total_seconds()) < 5


def test_a_low_confidence_guess_is_kept_when_the_district_is_named(resolver):
    text = "perum griya asri blok c2 no 5 rt 03 rw 07 desa sukamaju kec cibadak kab sukabumi jabar"
    _, origin, _ = build_request(resolver, QuoteInput(text, "74.71.01", "1", ready_at=READY))
    assert origin.code == "32.02.11" and origin.confidence == "low"


def test_cli_quote_prints_one_row_per_option_and_legs_on_request(small_network, monkeypatch):
    _, folder = small_network
    monkeypatch.setenv("COLUMNS", "250")
    runner = CliRunner()
    args = ["quote", "--from", "31.71.06", "--to", "95.01.01", "--weight", "2,5", "--ready-at", READY]
    args += ["--feeds", str(folder)]
    body = json.loads(runner.invoke(cli_app, [*args, "--json"]).stdout)
    n = len(body["options"])
    r = runner.invoke(cli_app, args)
    assert r.exit_code == 0, r.output
    rows = [line for line in r.output.splitlines() if re.match(r"^│ \d+ ", line)]
    assert [int(line.split()[1]) for line in rows] == list(range(1, n + 1))
    names = {leg["carrier_name"] for o in body["options"] for leg in o["legs"] if leg["type"] == "run"}
    assert all(name in r.output for name in names)
    assert "tercepat" in r.output and "termurah" in r.output and " hari" in r.output
    assert "keyakinan" not in r.output or "keyakinan tinggi" in r.output
    facility = next(leg["origin"] for leg in body["options"][0]["legs"] if leg["type"] == "run")
    assert facility not in r.output
    with_legs = runner.invoke(cli_app, [*args, "--legs"])
    assert f"#{n} " in with_legs.output and facility in with_legs.output
