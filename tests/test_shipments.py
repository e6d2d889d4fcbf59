"""Shipments through the API on SQLite and PostgreSQL: booking, options, idempotency, access,
listing, cancelling, carrier references and public tracking (shipments-v1)."""

from __future__ import annotations

import json
import uuid
from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select, update

from jalin.shipments.numbers import NUMBER, check_digit, is_valid, make_number, random_number
from jalin.storage.db import make_engine
from jalin.storage.tables import (
    handovers,
    idempotency_keys,
    manifests,
    shipment_events,
    shipment_legs,
    shipments,
)
from tests.shipping import KENDARI, READY, WAMENA, body


# -- numbers ---------------------------------------------------------------------------------------
def _s10_reference(serial: str) -> int:
    """UPU S10 as written in the standard, digit by digit."""
    total = 0
    for digit, weight in zip(serial, [8, 6, 4, 2, 3, 5, 9, 7], strict=True):
        total += int(digit) * weight
    c = 11 - (total % 11)
    if c == 10:
        return 0
    if c == 11:
        return 5
    return c


def test_s10_check_digit_known_values():
    assert check_digit("12345678") == 5  # the standard's own example: RR 12345678 5 GB
    assert check_digit("48291305") == 6
    assert make_number("JL", "12345678") == "JL123456785ID"
    assert is_valid("JL123456785ID") and not is_valid("JL123456784ID")
    assert not is_valid("JL482913057ID")  # the contract's example number has a wrong check digit


def test_random_numbers_are_valid_distinct_and_not_sequential():
    numbers = [random_number("JL") for _ in range(2000)]
    assert all(NUMBER.match(n) and is_valid(n) for n in numbers)
    # 2,000 draws from 10^8 serials repeat one about 2 % of the time (the birthday bound): the
    # database's unique constraint, not the draw, keeps numbers unique. A counter or a narrow
    # range would repeat far more (or never spread).
    assert len(set(numbers)) >= len(numbers) - 3
    serials = sorted(int(n[2:10]) for n in numbers)
    assert serials[-1] - serials[0] > 10**7  # spread over the serial space, not a counter
    for n in numbers[:200]:
        assert check_digit(n[2:10]) == _s10_reference(n[2:10])


# -- booking ---------------------------------------------------------------------------------------
def _instant(text: str) -> datetime:
    return datetime.fromisoformat(text)


def test_booking_stores_the_chosen_option_as_legs_and_handovers(world):
    quote = world.client.post(
        "/v1/quotes",
        json={
            "from": "31.71.06",
            "to": KENDARI,
            "weight_kg": "2.5",
            "dims_cm": "30x20x10",
            "ready_at": READY,
            "cod": True,
        },
    ).json()
    s = world.book()
    fastest = min(quote["options"], key=lambda o: (_instant(o["delivered_at"]), o["price"], o["handovers"]))
    assert is_valid(s["number"]) and s["number"].startswith("JL")
    assert s["status"] == "booked" and s["booked_by"] == f"M{world.members['seller']:04d}"
    assert s["price"] == fastest["price"]
    assert (
        _instant(s["planned_delivery"]) == _instant(fastest["delivered_at"])
        and s["eta"] == s["planned_delivery"]
    )
    assert s["planned_delivery"].endswith("+08:00")  # Kendari is WITA
    assert (s["from"], s["to"], s["weight_kg"], s["dims_cm"]) == (
        "31.71.06",
        KENDARI,
        "2.5",
        ["30", "20", "10"],
    )
    assert s["shipper"]["phone"] == "+6281234567890" and s["recipient"]["phone"] == "+6281298765432"
    # Legs: maximal runs of one carrier; the runs are the quote's, in order.
    runs = [leg for leg in fastest["legs"] if leg["type"] == "run"]
    assert [r for leg in s["legs"] for r in leg["runs"]] == runs
    assert len(s["legs"]) == fastest["handovers"] + 1 == len(s["handovers"]) + 1
    for a, b in zip(s["legs"], s["legs"][1:], strict=False):
        assert a["carrier"] != b["carrier"]
    assert s["legs"][0]["from"] == {"district": "31.71.06"} and s["legs"][-1]["to"] == {"district": KENDARI}
    assert sum(leg["price"] for leg in s["legs"]) + sum(h["fee"] for h in s["handovers"]) == s["price"]
    for i, h in enumerate(s["handovers"]):
        assert (h["from_carrier"], h["to_carrier"]) == (s["legs"][i]["carrier"], s["legs"][i + 1]["carrier"])
        assert s["legs"][i]["to"] == {"facility": h["from_facility"]}
        assert s["legs"][i + 1]["from"] == {"facility": h["to_facility"]}
        assert h["status"] == "planned" and h["manifest"].startswith("MF-")
    assert all(leg["status"] == "planned" and leg["carrier_ref"] is None for leg in s["legs"])
    assert s["label_url"] == f"/v1/shipments/{s['number']}/label"
    got = world.client.get(f"/v1/shipments/{s['number']}", headers=world.h("seller"))
    assert got.status_code == 200 and got.json() == s


@pytest.mark.parametrize(
    ("rule", "key"),
    [
        ("fastest", lambda o: (_instant(o["delivered_at"]), o["price"], o["handovers"])),
        ("cheapest", lambda o: (o["price"], _instant(o["delivered_at"]), o["handovers"])),
        ("fewest_handovers", lambda o: (o["handovers"], _instant(o["delivered_at"]), o["price"])),
    ],
)
def test_choose_picks_as_the_contract_orders(world, rule, key):
    q = {"from": "31.71.06", "to": WAMENA, "weight_kg": "2.5", "dims_cm": "30x20x10", "ready_at": READY}
    options = world.client.post("/v1/quotes", json=q).json()["options"]
    best = min(options, key=key)
    s = world.book(to=WAMENA, cod_amount=0, choose=rule)
    assert (s["price"], _instant(s["planned_delivery"]), len(s["handovers"])) == (
        best["price"],
        _instant(best["delivered_at"]),
        best["handovers"],
    )


def test_booking_a_given_option_and_refusing_one_not_offered(world):
    q = {"from": "31.71.06", "to": WAMENA, "weight_kg": "2.5", "dims_cm": "30x20x10", "ready_at": READY}
    options = world.client.post("/v1/quotes", json=q).json()["options"]
    wanted = next(o for o in options if o["handovers"] == 1)
    s = world.book(to=WAMENA, cod_amount=0, choose=None, option=wanted)
    assert s["price"] == wanted["price"] and len(s["legs"]) == 2
    assert [r for leg in s["legs"] for r in leg["runs"]] == [
        leg for leg in wanted["legs"] if leg["type"] == "run"
    ]
    # An option from another request (Kendari), a tampered price, a shifted departure: 409 with the options.
    kendari = world.client.post("/v1/quotes", json={**q, "to": KENDARI}).json()["options"][0]
    tampered = {**wanted, "price": wanted["price"] - 1000}
    shifted = json.loads(json.dumps(wanted))
    shifted["legs"][0]["departure"] = "2026-12-01T23:59:00+07:00"
    for option in (kendari, tampered, shifted):
        r = world.client.post(
            "/v1/shipments",
            json=body(to=WAMENA, cod_amount=0, choose=None, option=option),
            headers=world.h("seller", str(uuid.uuid4())),
        )
        assert r.status_code == 409, r.text
        problem = r.json()
        assert problem["code"] == "option_unavailable" and problem["field"] == "option"
        assert problem["options"] == options
        assert r.headers["content-type"].startswith("application/problem+json")


def _counts(url: str) -> dict[str, int]:
    engine = make_engine(url)
    with engine.connect() as conn:
        out = {
            t.name: conn.scalar(select(func.count()).select_from(t))
            for t in (shipments, shipment_legs, handovers, manifests, idempotency_keys, shipment_events)
        }
    engine.dispose()
    return out


@pytest.mark.parametrize(
    ("changes", "status", "code", "field"),
    [
        (
            {"shipper": {"name": "A", "phone": "12345", "address": "Jl. X"}},
            422,
            "invalid_phone",
            "shipper.phone",
        ),
        (
            {"recipient": {"name": "B", "phone": "+12025550123", "address": "Jl. Y"}},
            422,
            "invalid_phone",
            "recipient.phone",
        ),
        (
            {"recipient": {"name": "B", "phone": "0212345678", "address": "Jl. Y"}},
            422,
            "invalid_phone",
            "recipient.phone",
        ),
        (
            {"recipient": {"name": "", "phone": "081298765432", "address": "Jl. Y"}},
            422,
            "invalid_text",
            "recipient.name",
        ),
        (
            {"shipper": {"name": "A", "phone": "081234567890", "address": "x" * 201}},
            422,
            "invalid_text",
            "shipper.address",
        ),
        ({"shipper": "Toko Sari"}, 422, "invalid_party", "shipper"),
        ({"weight_kg": "0"}, 422, "invalid_weight", "weight_kg"),
        ({"weight_kg": "dua"}, 422, "invalid_weight", "weight_kg"),
        ({"weight_kg": "5000"}, 422, "invalid_weight", "weight_kg"),
        ({"dims_cm": "30x20"}, 422, "invalid_dimensions", "dims_cm"),
        ({"ready_at": "besok"}, 422, "invalid_ready_at", "ready_at"),
        ({"ready_at": "9999-12-31T23:00:00+07:00"}, 422, "invalid_ready_at", "ready_at"),
        ({"to": "negeri antah berantah"}, 422, "unknown_place", "to"),
        ({"from": "99.99.99"}, 422, "unknown_place", "from"),
        ({"to": ""}, 422, "unknown_place", "to"),
        ({"cod_amount": -5}, 422, "invalid_amount", "cod_amount"),
        ({"cod_amount": "150rb"}, 422, "invalid_amount", "cod_amount"),
        ({"declared_value": 1.5}, 422, "invalid_amount", "declared_value"),
        ({"choose": "termurah"}, 422, "invalid_choice", "choose"),
        ({"option": {"price": 1}}, 422, "invalid_choice", "choose"),
        ({"choose": None, "option": {"price": 1}}, 422, "invalid_option", "option"),
        ({"choose": None, "option": "the cheap one"}, 422, "invalid_option", "option"),
        ({"test": "ya"}, 422, "invalid_choice", "test"),
        ({"from": "11.01.01"}, 422, "no_route", "to"),
    ],
)
def test_bad_bookings_are_one_clear_problem_and_leave_nothing(world, changes, status, code, field):
    before = _counts(world.url)
    r = world.client.post("/v1/shipments", json=body(**changes), headers=world.h("seller", str(uuid.uuid4())))
    assert r.status_code == status, r.text
    problem = r.json()
    assert r.headers["content-type"].startswith("application/problem+json")
    assert (problem["code"], problem.get("field")) == (code, field)
    assert " / " in problem["detail"] or code in (
        "invalid_weight",
        "invalid_dimensions",
        "invalid_ready_at",
        "unknown_place",
    )
    assert _counts(world.url) == before


def test_no_route_names_the_reason(world):
    r = world.client.post(
        "/v1/shipments", json=body(**{"from": "11.01.01"}), headers=world.h("seller", "nr-1")
    )
    assert r.json()["reason"] == "no_pickup"


# -- idempotency -----------------------------------------------------------------------------------
def test_idempotency_key_replays_refuses_reuse_and_is_required(world):
    key = f"order-{uuid.uuid4()}"
    first = world.client.post("/v1/shipments", json=body(), headers=world.h("seller", key))
    assert first.status_code == 201 and "Idempotent-Replayed" not in first.headers
    again = world.client.post("/v1/shipments", json=body(), headers=world.h("seller", key))
    assert again.status_code == 201 and again.headers["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    other = world.client.post("/v1/shipments", json=body(weight_kg="3"), headers=world.h("seller", key))
    assert other.status_code == 422 and other.json()["code"] == "idempotency_key_reused"
    # Keys are scoped to the member: another member may use the same key for its own booking.
    theirs = world.client.post("/v1/shipments", json=body(), headers=world.h("POS", key))
    assert theirs.status_code == 201 and theirs.json()["number"] != first.json()["number"]
    missing = world.client.post("/v1/shipments", json=body(), headers=world.h("seller"))
    assert missing.status_code == 400 and missing.json()["code"] == "idempotency_key_missing"
    bad = world.client.post(
        "/v1/shipments", json=body(), headers={**world.h("seller"), "Idempotency-Key": "k" * 256}
    )
    assert bad.status_code == 400 and bad.json()["code"] == "invalid_idempotency_key"


def _age_key(url: str, key: str, hours: int) -> None:
    """Move the key's creation `hours` into the past."""
    engine = make_engine(url)
    with engine.begin() as conn:
        at = conn.scalar(select(idempotency_keys.c.created_at).where(idempotency_keys.c.key == key))
        conn.execute(
            update(idempotency_keys)
            .where(idempotency_keys.c.key == key)
            .values(created_at=at - timedelta(hours=hours))
        )
    engine.dispose()


def test_a_key_is_kept_24_hours_then_books_anew(world):
    key = f"daily-{uuid.uuid4()}"
    first = world.client.post("/v1/shipments", json=body(), headers=world.h("seller", key)).json()
    _age_key(world.url, key, 23)
    # Within 24 hours: the same body replays, another body is refused.
    again = world.client.post("/v1/shipments", json=body(), headers=world.h("seller", key))
    assert again.headers.get("Idempotent-Replayed") == "true" and again.json() == first
    other = world.client.post("/v1/shipments", json=body(weight_kg="3"), headers=world.h("seller", key))
    assert other.status_code == 422
    _age_key(world.url, key, 2)
    # After 24 hours the key is forgotten: it books a new shipment and remembers the new answer.
    later = world.client.post("/v1/shipments", json=body(weight_kg="3"), headers=world.h("seller", key))
    assert later.status_code == 201 and "Idempotent-Replayed" not in later.headers
    assert later.json()["number"] != first["number"] and later.json()["weight_kg"] == "3"
    replay = world.client.post("/v1/shipments", json=body(weight_kg="3"), headers=world.h("seller", key))
    assert replay.headers.get("Idempotent-Replayed") == "true" and replay.json() == later.json()
    engine = make_engine(world.url)
    with engine.connect() as conn:
        kept = conn.scalar(
            select(func.count()).select_from(idempotency_keys).where(idempotency_keys.c.key == key)
        )
    engine.dispose()
    assert kept == 1


def test_a_failed_booking_does_not_burn_its_key(world):
    key = f"retry-{uuid.uuid4()}"
    r = world.client.post("/v1/shipments", json=body(weight_kg="0"), headers=world.h("seller", key))
    assert r.status_code == 422
    # The fixed request may reuse the key: nothing was remembered for the refused one.
    r = world.client.post("/v1/shipments", json=body(), headers=world.h("seller", key))
    assert r.status_code == 201 and "Idempotent-Replayed" not in r.headers


# -- access ----------------------------------------------------------------------------------------
def test_booking_member_carriers_on_the_legs_and_admin_see_it_everyone_else_404(world):
    s = world.book()
    carriers = {leg["carrier"] for leg in s["legs"]}
    assert len(carriers) >= 2
    url = f"/v1/shipments/{s['number']}"
    for who in ["seller", "admin", *carriers]:
        assert world.client.get(url, headers=world.h(who)).status_code == 200, who
    outsiders = [c for c in world.members if c not in carriers and c != "seller"]
    assert outsiders
    for who in outsiders:
        r = world.client.get(url, headers=world.h(who))
        assert r.status_code == 404 and r.json()["code"] == "not_found", who
        assert world.client.post(f"{url}/cancel", headers=world.h(who)).status_code == 404
        r = world.client.put(f"{url}/legs/1/carrier-ref", json={"carrier_ref": "X1"}, headers=world.h(who))
        assert r.status_code == 404
        listed = world.client.get("/v1/shipments?limit=500", headers=world.h(who)).json()["items"]
        assert s["number"] not in {i["number"] for i in listed}
    assert world.client.get(url, headers=world.h("officer")).status_code == 403
    assert world.client.get(url).status_code == 401
    assert world.client.get("/v1/shipments/JL000000000ID", headers=world.h("admin")).status_code == 404


def test_list_is_the_callers_newest_first_with_cursor_and_filters(world):
    made = [world.book(reference=f"LIST-{i}") for i in range(5)]
    numbers = [s["number"] for s in made]
    page1 = world.client.get("/v1/shipments?limit=3", headers=world.h("seller")).json()
    page2 = world.client.get(
        f"/v1/shipments?limit=3&cursor={page1['next_cursor']}", headers=world.h("seller")
    ).json()
    got = [i["number"] for i in page1["items"] + page2["items"]]
    assert got[:5] == numbers[::-1]
    carrier = made[0]["legs"][-1]["carrier"]
    carried = world.client.get("/v1/shipments?limit=500", headers=world.h(carrier)).json()
    assert set(numbers) <= {i["number"] for i in carried["items"]}
    by_filter = world.client.get(
        f"/v1/shipments?carrier={carrier}&status=booked&limit=500", headers=world.h("admin")
    ).json()
    assert set(numbers) <= {i["number"] for i in by_filter["items"]}
    assert all(i["status"] == "booked" for i in by_filter["items"])
    assert world.client.get("/v1/shipments?status=cancelled&limit=500", headers=world.h("seller")).json()[
        "items"
    ] == [
        i
        for i in world.client.get("/v1/shipments?limit=500", headers=world.h("seller")).json()["items"]
        if i["status"] == "cancelled"
    ]
    today = made[0]["created_at"][:10]
    dated = world.client.get(
        f"/v1/shipments?booked_from={today}&booked_to={today}&limit=500", headers=world.h("seller")
    )
    assert set(numbers) <= {i["number"] for i in dated.json()["items"]}
    for query, code in [
        ("status=lost", "invalid_filter"),
        ("cursor=zzz", "invalid_cursor"),
        ("booked_from=kemarin", "invalid_filter"),
    ]:
        r = world.client.get(f"/v1/shipments?{query}", headers=world.h("seller"))
        assert r.status_code == 422 and r.json()["code"] == code
    assert world.client.get("/v1/shipments?limit=501", headers=world.h("seller")).status_code == 422


# -- changes ---------------------------------------------------------------------------------------
def test_cancel_by_the_booking_member_until_custody(world):
    s = world.book()
    url = f"/v1/shipments/{s['number']}"
    carrier = s["legs"][0]["carrier"]
    r = world.client.post(f"{url}/cancel", headers=world.h(carrier))
    assert r.status_code == 403 and r.json()["code"] == "not_booking_member"
    r = world.client.post(f"{url}/cancel", headers=world.h("seller"))
    assert r.status_code == 200 and r.json()["status"] == "cancelled"
    assert {leg["status"] for leg in r.json()["legs"]} == {"cancelled"}
    assert {h["status"] for h in r.json()["handovers"]} <= {"cancelled"}
    again = world.client.post(f"{url}/cancel", headers=world.h("seller"))
    assert again.status_code == 200 and again.json() == r.json()
    # A picked-up parcel cannot be cancelled.
    moving = world.book()
    engine = make_engine(world.url)
    with engine.begin() as conn:
        sid = conn.scalar(select(shipments.c.id).where(shipments.c.number == moving["number"]))
        conn.execute(shipments.update().where(shipments.c.id == sid).values(status="picked_up"))
    engine.dispose()
    r = world.client.post(f"/v1/shipments/{moving['number']}/cancel", headers=world.h("admin"))
    assert r.status_code == 409 and r.json()["code"] == "already_moving"


def test_carrier_records_its_waybill_number_on_its_leg(world):
    s = world.book()
    first, second = s["legs"][0]["carrier"], s["legs"][1]["carrier"]
    url = f"/v1/shipments/{s['number']}/legs"
    r = world.client.put(f"{url}/1/carrier-ref", json={"carrier_ref": "GK-0001"}, headers=world.h(first))
    assert r.status_code == 200 and r.json()["legs"][0]["carrier_ref"] == "GK-0001"
    r = world.client.put(f"{url}/1/carrier-ref", json={"carrier_ref": "GK-0002"}, headers=world.h(second))
    assert r.status_code == 403 and r.json()["code"] == "not_your_leg"
    r = world.client.put(f"{url}/9/carrier-ref", json={"carrier_ref": "GK-0003"}, headers=world.h("admin"))
    assert r.status_code == 404
    r = world.client.put(f"{url}/1/carrier-ref", json={"carrier_ref": "has space"}, headers=world.h(first))
    assert r.status_code == 422 and r.json()["code"] == "invalid_carrier_ref"
    other = world.book()
    if other["legs"][0]["carrier"] == first:
        r = world.client.put(
            f"/v1/shipments/{other['number']}/legs/1/carrier-ref",
            json={"carrier_ref": "GK-0001"},
            headers=world.h(first),
        )
        assert r.status_code == 409 and r.json()["code"] == "carrier_ref_taken"
    again = world.client.put(f"{url}/1/carrier-ref", json={"carrier_ref": "GK-0001"}, headers=world.h(first))
    assert again.status_code == 200


# -- public tracking -------------------------------------------------------------------------------
def test_public_tracking_shows_no_personal_data(world):
    s = world.book(
        shipper={"name": "Sari Wulandari", "phone": "0812-3456-7890", "address": "Jl. Cempaka Putih Raya 17"},
        recipient={"name": "Budi Hartono", "phone": "+62 813 9876 5432", "address": "Jl. Sao-Sao 99 RT 02"},
    )
    r = world.client.get(f"/v1/track/{s['number']}")
    assert r.status_code == 200
    text = r.text
    for secret in [
        "Sari Wulandari",
        "Wulandari",
        "Budi Hartono",
        "Hartono",
        "Cempaka",
        "Sao-Sao",
        "Sao Sao",
        "81234567890",
        "8123456789",
        "81398765432",
        "3456",
        "5432",
        "Toko Sari",
    ]:
        assert secret not in text, secret
    t = r.json()
    assert t["number"] == s["number"] and t["status"] == "booked"
    assert t["from"] == {
        "district": "Menteng",
        "regency": "Kota Administrasi Jakarta Pusat",
        "province": "Daerah Khusus Ibukota Jakarta",
    }
    assert t["to"]["district"] and t["to"]["province"] == "Sulawesi Tenggara"
    assert t["planned_delivery"] == s["planned_delivery"] and t["late"] is False
    assert t["timeline"][0]["status"] == "booked" and t["timeline"][0]["zone"] == "WIB"
    assert set(t) == {"number", "status", "from", "to", "planned_delivery", "eta", "late", "timeline"}


def test_tracking_numbers_bad_unknown_and_sandbox(world):
    bad = world.client.get("/v1/track/JL482913057ID")
    assert bad.status_code == 422 and bad.json()["code"] == "invalid_number"
    assert world.client.get("/v1/track/hello").status_code == 422
    unknown = make_number("JL", "00000001")
    assert world.client.get(f"/v1/track/{unknown}").status_code == 404
    sandbox = world.book(test=True)
    assert sandbox["test"] is True and is_valid(sandbox["number"])
    assert world.client.get(f"/v1/track/{sandbox['number']}").status_code == 404
    assert (
        world.client.get(f"/v1/shipments/{sandbox['number']}", headers=world.h("seller")).status_code == 200
    )
    lower = world.book()["number"].lower()
    assert world.client.get(f"/v1/track/{lower}").status_code == 200


def test_the_labels_tracking_url_sends_a_browser_to_the_page(world):
    """The QR code holds /v1/track/{number}: a phone's browser (asking for HTML) is redirected to
    /lacak/{number}; an API client keeps getting JSON."""
    number = world.book()["number"]
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    r = world.client.get(f"/v1/track/{number}", headers={"Accept": browser}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/lacak/{number}"
    page = world.client.get(f"/v1/track/{number}", headers={"Accept": browser})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert number in page.text
    for accept in ("application/json", "*/*", "application/json, text/html"):
        r = world.client.get(f"/v1/track/{number}", headers={"Accept": accept})
        assert r.status_code == 200 and r.json()["number"] == number


# -- command line ----------------------------------------------------------------------------------
def test_cli_book_show_list_cancel(world, monkeypatch):
    from typer.testing import CliRunner

    from jalin.cli import app

    monkeypatch.setenv("JALIN_DATABASE_URL", world.url)
    runner = CliRunner()
    member = f"M{world.members['seller']:04d}"
    args = [
        "shipments", "book", "--from", "31.71.06", "--to", WAMENA, "--weight", "1,5", "--dims", "20x10x10",
        "--ready-at", READY, "--shipper-name", "Toko Sari", "--shipper-phone", "0812 3456 7890",
        "--shipper-address", "Jl. Sudirman 5", "--recipient-name", "Yosef",
        "--recipient-phone", "6281344556677", "--recipient-address", "Jl. Trikora 3",
        "--choose", "cheapest", "--member", member, "--key", "cli-1", "--json",
    ]  # fmt: skip
    r = runner.invoke(app, args)
    assert r.exit_code == 0, r.output
    s = json.loads(r.output)
    assert is_valid(s["number"]) and s["booked_by"] == f"M{world.members['seller']:04d}"
    assert s["recipient"]["phone"] == "+6281344556677" and s["weight_kg"] == "1.5"
    again = runner.invoke(app, args)
    assert json.loads(again.output)["number"] == s["number"]
    shown = runner.invoke(app, ["shipments", "show", s["number"]])
    assert shown.exit_code == 0 and s["number"] in shown.output
    listed = runner.invoke(app, ["shipments", "list", "--json", "--limit", "500"])
    assert s["number"] in {i["number"] for i in json.loads(listed.output)["items"]}
    cancelled = runner.invoke(app, ["shipments", "cancel", s["number"]])
    assert cancelled.exit_code == 0 and "cancelled" in cancelled.output
    bad = runner.invoke(app, [*args[:-3], "--key", "cli-2", "--weight", "0"])
    assert bad.exit_code == 2 and "invalid_weight" in bad.output


def test_a_drawn_number_already_taken_is_drawn_again(world, monkeypatch):
    """The number is left to the unique constraint (no read before the insert): a draw that hits
    a stored number fails that attempt's insert and the booking draws again, leaving nothing
    of the failed attempt behind."""
    from jalin.services.shipments import booking

    taken = world.book()["number"]
    unused = make_number("JL", f"{(int(taken[2:10]) + 1) % 10**8:08d}")
    draws = iter([taken, unused])
    monkeypatch.setattr(booking, "random_number", lambda indicator: next(draws))
    fresh = world.book()
    assert fresh["number"] == unused != taken
    assert world.client.get(f"/v1/shipments/{taken}", headers=world.h("seller")).json()["number"] == taken
