"""Webhooks end to end on SQLite and PostgreSQL: endpoints through the API (member only, secret
once, tenant line), SSRF refusals, signed delivery checked by the `standardwebhooks` library,
retries on the schedule with one webhook-id, timeouts, the delivery log, manual retry, the test
message, the streak that disables an endpoint and re-enabling, DNS rebinding at delivery, and
the events Jalin publishes itself (shipment.booked, handover.completed, handover.discrepancy)."""

from __future__ import annotations

import base64
import dataclasses
import json
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from jalin.api import create_app
from jalin.services.webhooks.delivery import Dispatcher, Options
from jalin.services.webhooks.outbox import publish
from jalin.services.webhooks.transport import make_client
from jalin.settings import Settings
from jalin.storage.db import make_engine
from jalin.storage.tables import audit_log, webhook_messages
from jalin.storage.uow import unit_of_work
from jalin.webhooks import DisableRule
from tests.shipping import World, build_world
from tests.shipping import body as booking_body
from tests.webhook_receiver import Receiver, receiver


@pytest.fixture(scope="module")
def hw(world_url: str, atlas: Any, small_network: Any) -> Iterator[World]:
    """The shipping world with `JALIN_WEBHOOKS_ALLOW_PRIVATE=true` (local receivers)."""
    mp = pytest.MonkeyPatch()
    mp.setenv("JALIN_WEBHOOKS_ALLOW_PRIVATE", "true")
    try:
        yield from build_world(world_url, atlas, small_network)
    finally:
        mp.undo()


@pytest.fixture(scope="module")
def eng(hw: World) -> Iterator[Engine]:
    e = make_engine(hw.url)
    yield e
    e.dispose()


@pytest.fixture
def rx(hw: World, eng: Engine) -> Iterator[Receiver]:
    """A fresh receiver; afterwards every endpoint goes and what is pending is delivered or
    dropped, so tests do not see each other's messages."""
    with receiver() as r:
        yield r
    for e in hw.client.get("/v1/webhooks", headers=hw.h("admin")).json()["items"]:
        assert hw.client.delete(f"/v1/webhooks/{e['id']}", headers=hw.h("admin")).status_code == 200


def options(**changes: Any) -> Options:
    base = Options(
        schedule=(0.0, 0.0), timeout=5.0, lease=30.0, allow_private=True, rule=DisableRule(5, 3), batch=20
    )
    return dataclasses.replace(base, **changes)


def dispatcher(engine: Engine, **changes: Any) -> Dispatcher:
    return Dispatcher(engine, options(**changes))


def register(hw: World, rx: Receiver, path: str, types: list[str], who: str = "seller") -> dict[str, Any]:
    r = hw.client.post("/v1/webhooks", json={"url": rx.url + path, "event_types": types}, headers=hw.h(who))
    assert r.status_code == 201, r.text
    made = r.json()
    rx.secrets[path] = made["secret"]
    return made


def drain(engine: Engine, **changes: Any) -> int:
    d = dispatcher(engine, **changes)
    try:
        return d.drain()
    finally:
        d.close()


def message_rows(engine: Engine, endpoint_id: str) -> list[Any]:
    with engine.connect() as conn:
        return list(
            conn.execute(
                select(webhook_messages)
                .where(webhook_messages.c.endpoint_id == endpoint_id)
                .order_by(webhook_messages.c.created_at)
            )
        )


def log_of(hw: World, endpoint_id: str, who: str = "seller", **params: Any) -> dict[str, Any]:
    r = hw.client.get(f"/v1/webhooks/{endpoint_id}/deliveries", headers=hw.h(who), params=params)
    assert r.status_code == 200, r.text
    return r.json()


# -- endpoints through the API -------------------------------------------------------------------
def test_register_shows_the_secret_once_and_lists_never(hw, rx):
    made = register(hw, rx, "/ok/a", ["shipment.delivered", "shipment.booked"])
    assert made["id"].startswith("ep_") and made["enabled"] is True and made["failure_streak"] == 0
    assert made["event_types"] == ["shipment.booked", "shipment.delivered"]  # the contract's order
    assert made["secret"].startswith("whsec_")
    assert len(base64.b64decode(made["secret"].removeprefix("whsec_"), validate=True)) == 32
    listed = hw.client.get("/v1/webhooks", headers=hw.h("seller")).json()
    assert made["id"] in [e["id"] for e in listed["items"]] and listed["next_cursor"] is None
    assert all("secret" not in e for e in listed["items"])
    assert made["secret"] not in json.dumps(listed)
    admin = hw.client.get("/v1/webhooks", headers=hw.h("admin")).json()
    assert made["id"] in [e["id"] for e in admin["items"]]


def test_another_member_cannot_see_or_touch_an_endpoint(hw, rx):
    made = register(hw, rx, "/ok/b", ["shipment.booked"])
    other = next(k for k in hw.members if k != "seller")
    assert made["id"] not in [
        e["id"] for e in hw.client.get("/v1/webhooks", headers=hw.h(other)).json()["items"]
    ]
    for method, url in [
        ("DELETE", f"/v1/webhooks/{made['id']}"),
        ("POST", f"/v1/webhooks/{made['id']}/test"),
        ("POST", f"/v1/webhooks/{made['id']}/enable"),
        ("GET", f"/v1/webhooks/{made['id']}/deliveries"),
        ("POST", f"/v1/webhooks/{made['id']}/deliveries/msg_x/retry"),
    ]:
        assert hw.client.request(method, url, headers=hw.h(other)).status_code == 404, (method, url)
    assert hw.client.post("/v1/webhooks", json={"url": rx.url, "event_types": ["shipment.booked"]},
                          headers=hw.h("admin")).status_code == 403  # fmt: skip
    assert (
        hw.client.post("/v1/webhooks", json={"url": rx.url, "event_types": ["shipment.booked"]}).status_code
        == 401
    )


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"url": "ftp://example.com/x", "event_types": ["shipment.booked"]}, "invalid_webhook_url"),
        ({"url": "https://example.com/x", "event_types": ["shipment.teleported"]}, "invalid_event_types"),
        ({"url": "https://example.com/x", "event_types": ["webhook.test"]}, "invalid_event_types"),
        ({"url": "https://example.com/x"}, "invalid_request"),
    ],
)
def test_bad_registrations_name_the_field(hw, body, code):
    r = hw.client.post("/v1/webhooks", json=body, headers=hw.h("seller"))
    assert r.status_code == 422 and r.json()["code"] == code, r.text


@pytest.mark.parametrize(
    "url",
    [
        "http://8.8.8.8/hook",  # http
        "https://127.0.0.1/hook",
        "https://10.0.0.5/hook",
        "https://169.254.169.254/latest/meta-data",
        "https://[::1]/hook",
        "https://[::ffff:192.168.0.1]/hook",
        "https://localhost/hook",
    ],
)
def test_without_the_switch_only_https_on_public_addresses(hw, url):
    with TestClient(create_app(Settings(database_url=hw.url, webhooks_allow_private=False))) as strict:
        r = strict.post(
            "/v1/webhooks", json={"url": url, "event_types": ["shipment.booked"]}, headers=hw.h("seller")
        )
        assert r.status_code == 422, r.text
        assert (
            r.json()["code"] in ("invalid_webhook_url", "webhook_url_not_allowed")
            and r.json()["field"] == "url"
        )
        ok = strict.post(
            "/v1/webhooks",
            json={"url": "https://8.8.8.8/jalin", "event_types": ["shipment.booked"]},
            headers=hw.h("seller"),
        )
        assert ok.status_code == 201, ok.text
        assert strict.delete(f"/v1/webhooks/{ok.json()['id']}", headers=hw.h("seller")).status_code == 200


def test_a_host_name_that_resolves_to_a_private_address_is_refused():
    from jalin.errors import JalinError
    from jalin.services.webhooks.endpoints import check_target

    def fake(host: str, port: int) -> list[str]:
        return {"public.example": ["93.184.215.14"], "sneaky.example": ["93.184.215.14", "10.0.0.7"]}.get(
            host, []
        )

    assert (
        check_target("https://public.example/h", allow_private=False, resolver=fake)
        == "https://public.example/h"
    )
    for url in ("https://sneaky.example/h", "https://nowhere.example/h"):
        with pytest.raises(JalinError) as e:
            check_target(url, allow_private=False, resolver=fake)
        assert e.value.code == "webhook_url_not_allowed"


# -- delivery --------------------------------------------------------------------------------------
def test_booking_delivers_a_signed_shipment_booked(hw, eng, rx):
    ep = register(hw, rx, "/ok/booked", ["shipment.booked"])
    s = hw.book()
    assert drain(eng) >= 1
    got = [a for a in rx.completed("/ok/booked")]
    assert len(got) == 1 and got[0].verified
    body = json.loads(got[0].body)
    assert body["type"] == "shipment.booked" and body["data"]["number"] == s["number"]
    assert body["data"]["legs"] and "shipper" not in body["data"] and "recipient" not in body["data"]
    assert abs(int(got[0].timestamp) - time.time()) < 60
    (row,) = message_rows(eng, ep["id"])
    assert row.id == got[0].webhook_id and row.status == "delivered" and row.attempts == 1
    log = log_of(hw, ep["id"])
    assert [(i["message_id"], i["attempt"], i["outcome"], i["status_code"]) for i in log["items"]] == [
        (row.id, 1, "delivered", 204)
    ]


def test_the_carriers_of_the_legs_receive_too(hw, eng, rx):
    s = hw.book()
    carrier = s["legs"][0]["carrier"]
    ep = register(hw, rx, "/ok/carrier", ["shipment.status_changed"], who=carrier)
    with unit_of_work(eng) as uow:
        ids = publish(uow.conn, event_type="shipment.status_changed", number=s["number"],
                      data={"status": "picked_up"}, at=datetime.now(UTC))  # fmt: skip
    assert len(ids) >= 1
    drain(eng)
    assert [a.webhook_id for a in rx.completed("/ok/carrier")] == [message_rows(eng, ep["id"])[0].id]


def test_failures_retry_on_the_schedule_with_one_webhook_id_then_fail(hw, eng, rx):
    ep = register(hw, rx, "/fail/x", ["shipment.booked"])
    hw.book()
    drain(eng, schedule=(0.0, 0.0))  # three attempts in all
    arrivals = [a for a in rx.started() if a.path == "/fail/x"]
    assert len(arrivals) == 3 and len({a.webhook_id for a in arrivals}) == 1
    assert all(a.verified for a in arrivals)
    (row,) = message_rows(eng, ep["id"])
    assert row.status == "failed" and row.attempts == 3 and row.next_attempt_at is None
    items = log_of(hw, ep["id"])["items"]
    assert [(i["attempt"], i["outcome"], i["status_code"]) for i in items] == [
        (3, "http_error", 500), (2, "http_error", 500), (1, "http_error", 500)
    ]  # fmt: skip
    listed = {e["id"]: e for e in hw.client.get("/v1/webhooks", headers=hw.h("seller")).json()["items"]}
    assert listed[ep["id"]]["failure_streak"] == 1 and listed[ep["id"]]["failing_since"] is not None


def test_a_retry_waits_its_turn(hw, eng, rx):
    ep = register(hw, rx, "/fail/wait", ["shipment.booked"])
    hw.book()
    drain(eng, schedule=(300.0,))
    (row,) = message_rows(eng, ep["id"])
    assert row.status == "pending" and row.attempts == 1
    assert timedelta(seconds=290) < row.next_attempt_at - datetime.now(UTC) <= timedelta(seconds=300)
    drain(eng, schedule=(300.0,))
    assert len([a for a in rx.started() if a.path == "/fail/wait"]) == 1  # not due yet


def test_a_slow_receiver_times_out(hw, eng, rx):
    rx.slow_seconds = 1.5
    ep = register(hw, rx, "/slow/t", ["shipment.booked"])
    hw.book()
    drain(eng, schedule=(), timeout=0.5, lease=5.0)
    (item,) = log_of(hw, ep["id"])["items"]
    assert item["outcome"] == "timeout" and item["status_code"] is None
    assert message_rows(eng, ep["id"])[0].status == "failed"


def test_manual_retry_sends_the_same_message_again(hw, eng, rx):
    ep = register(hw, rx, "/ok/retry", ["shipment.booked"])
    rx.fail_paths.add("/ok/retry")
    hw.book()
    drain(eng, schedule=())
    (row,) = message_rows(eng, ep["id"])
    assert row.status == "failed"
    rx.fail_paths.discard("/ok/retry")
    r = hw.client.post(f"/v1/webhooks/{ep['id']}/deliveries/{row.id}/retry", headers=hw.h("seller"))
    assert r.status_code == 202 and r.json() == {
        "message_id": row.id, "endpoint_id": ep["id"], "event_type": "shipment.booked", "status": "pending"
    }  # fmt: skip
    drain(eng, schedule=())
    (again,) = message_rows(eng, ep["id"])
    assert again.status == "delivered" and again.body == row.body
    assert [a.webhook_id for a in rx.completed("/ok/retry")] == [row.id]
    assert [(i["attempt"], i["outcome"]) for i in log_of(hw, ep["id"])["items"]] == [
        (2, "delivered"), (1, "http_error")
    ]  # fmt: skip
    missing = hw.client.post(f"/v1/webhooks/{ep['id']}/deliveries/msg_nope/retry", headers=hw.h("seller"))
    assert missing.status_code == 404 and missing.json()["code"] == "message_not_found"


def test_the_test_route_queues_a_webhook_test(hw, eng, rx):
    ep = register(hw, rx, "/ok/test", ["shipment.exception"])
    r = hw.client.post(f"/v1/webhooks/{ep['id']}/test", headers=hw.h("seller"))
    assert r.status_code == 202 and r.json()["event_type"] == "webhook.test"
    drain(eng)
    (a,) = rx.completed("/ok/test")
    assert a.webhook_id == r.json()["message_id"] and a.verified
    assert json.loads(a.body)["type"] == "webhook.test"


def test_connections_are_kept_alive(hw, eng, rx):
    """The worker reads each answer to its end, so one connection carries many messages."""
    ep = register(hw, rx, "/ok/alive", ["shipment.booked"])
    for _ in range(8):
        hw.client.post(f"/v1/webhooks/{ep['id']}/test", headers=hw.h("seller"))
    drain(eng, concurrency=1)
    arrivals = rx.completed("/ok/alive")
    assert len(arrivals) == 8 and len({a.peer for a in arrivals}) == 1


def test_the_log_pages_with_a_cursor(hw, eng, rx):
    ep = register(hw, rx, "/ok/pages", ["shipment.booked"])
    for _ in range(3):
        hw.client.post(f"/v1/webhooks/{ep['id']}/test", headers=hw.h("seller"))
    drain(eng)
    first = log_of(hw, ep["id"], limit=2)
    assert len(first["items"]) == 2 and first["next_cursor"]
    second = log_of(hw, ep["id"], limit=2, cursor=first["next_cursor"])
    assert len(second["items"]) == 1 and second["next_cursor"] is None
    ids = [i["id"] for i in first["items"] + second["items"]]
    assert ids == sorted(ids, reverse=True) and len(set(ids)) == 3
    bad = hw.client.get(f"/v1/webhooks/{ep['id']}/deliveries", headers=hw.h("seller"), params={"cursor": "x"})
    assert bad.status_code == 422


def test_dns_rebinding_is_caught_at_delivery(hw, eng, rx):
    """Registered while the name resolved to a public address; at delivery it resolves to
    loopback: the worker refuses to connect (outcome `blocked`), nothing reaches the receiver."""
    from jalin.services.webhooks import endpoints

    def public(host: str, port: int) -> list[str]:
        return ["93.184.215.14"]

    def rebound(host: str, port: int) -> list[str]:
        return ["127.0.0.1"]

    with unit_of_work(eng) as uow:
        made = endpoints.create(
            uow,
            _seller(hw),
            "https://rebind.example/h",
            ["shipment.booked"],
            allow_private=False,
            resolver=public,
        )
    hw.book()
    opts = options(schedule=(), allow_private=False)
    d = Dispatcher(eng, opts, client=make_client(timeout=2, allow_private=False, resolver=rebound))
    try:
        d.drain()
    finally:
        d.close()
    (item,) = log_of(hw, made.endpoint.id)["items"]
    assert item["outcome"] == "blocked" and "127.0.0.1" in item["error"]
    assert rx.started() == []


def _seller(hw: World):  # type: ignore[no-untyped-def]
    from jalin.registry.access import Principal
    from jalin.registry.rules import Role

    return Principal(Role.MEMBER, key_prefix="test", member_id=hw.members["seller"])


# -- the streak ------------------------------------------------------------------------------------
def test_a_streak_over_days_disables_the_endpoint_and_enabling_resets_it(hw, eng, rx):
    bad = register(hw, rx, "/fail/streak", ["shipment.booked"])
    register(hw, rx, "/ok/notices", ["shipment.exception"])  # hears of it anyway
    start = datetime.now(UTC) + timedelta(minutes=1)  # each message is due at its "day"
    for day in (0, 1, 6):  # three failed messages, failing for six days
        hw.book()
        d = Dispatcher(eng, options(schedule=()), clock=lambda day=day: start + timedelta(days=day))
        try:
            d.drain()
        finally:
            d.close()
        state = {e["id"]: e for e in hw.client.get("/v1/webhooks", headers=hw.h("seller")).json()["items"]}
        if day < 6:
            assert state[bad["id"]]["enabled"] and state[bad["id"]]["failure_streak"] == day + 1
    ep = state[bad["id"]]
    assert ep["enabled"] is False and ep["failure_streak"] == 3 and ep["disabled_at"] is not None
    assert "3 messages failed" in ep["disabled_reason"]
    assert log_of(hw, bad["id"])["items"][0]["outcome"] == "endpoint_disabled"
    with eng.connect() as conn:
        audit = conn.execute(
            select(audit_log).where(
                audit_log.c.action == "webhook.disabled", audit_log.c.entity_id == bad["id"]
            )
        ).all()
    assert len(audit) == 1
    drain(eng)
    (notice,) = [a for a in rx.completed("/ok/notices") if json.loads(a.body)["type"] == "webhook.disabled"]
    assert json.loads(notice.body)["data"]["endpoint_id"] == bad["id"] and notice.verified
    # disabled: nothing new is queued, tests and retries are refused until it is enabled
    hw.book()
    assert len(message_rows(eng, bad["id"])) == 3
    refused = hw.client.post(f"/v1/webhooks/{bad['id']}/test", headers=hw.h("seller"))
    assert refused.status_code == 409 and refused.json()["code"] == "webhook_disabled"
    r = hw.client.post(f"/v1/webhooks/{bad['id']}/enable", headers=hw.h("seller"))
    assert r.status_code == 200
    assert (r.json()["enabled"], r.json()["failure_streak"], r.json()["failing_since"]) == (True, 0, None)
    assert r.json()["disabled_at"] is None and r.json()["disabled_reason"] is None


def test_a_delivery_ends_the_streak(hw, eng, rx):
    ep = register(hw, rx, "/ok/flaky", ["shipment.booked"])
    rx.fail_paths.add("/ok/flaky")
    hw.book()
    drain(eng, schedule=())
    rx.fail_paths.discard("/ok/flaky")
    hw.book()
    drain(eng, schedule=())
    state = {e["id"]: e for e in hw.client.get("/v1/webhooks", headers=hw.h("seller")).json()["items"]}
    assert state[ep["id"]]["failure_streak"] == 0 and state[ep["id"]]["failing_since"] is None


def test_deleting_an_endpoint_removes_its_messages_and_log(hw, eng, rx):
    ep = register(hw, rx, "/fail/gone", ["shipment.booked"])
    hw.book()
    drain(eng, schedule=(600.0,))
    assert message_rows(eng, ep["id"])
    assert hw.client.delete(f"/v1/webhooks/{ep['id']}", headers=hw.h("seller")).status_code == 200
    assert message_rows(eng, ep["id"]) == []
    assert hw.client.get(f"/v1/webhooks/{ep['id']}/deliveries", headers=hw.h("seller")).status_code == 404


# -- events Jalin publishes itself: manifest confirmation --------------------------------------------
def test_confirming_a_manifest_publishes_completed_and_discrepancies(hw, eng, rx):
    a = hw.book()
    b = hw.book()  # the same route: the same manifest
    (h,) = [x for x in a["handovers"] if x["seq"] == 1]
    assert [x["manifest"] for x in b["handovers"] if x["seq"] == 1] == [h["manifest"]]
    receiving = h["to_carrier"]
    seller = register(hw, rx, "/ok/seller-ho", ["handover.completed", "handover.discrepancy"])
    carrier = register(hw, rx, "/ok/carrier-ho", ["handover.completed"], who=receiving)
    stranger = "JL123456785ID"  # scanned, not on the manifest (and no such shipment)
    r = hw.client.post(
        f"/v1/manifests/{h['manifest']}/confirm",
        json={"scanned": [a["number"], stranger]},
        headers=hw.h(receiving),
    )
    assert r.status_code == 200, r.text
    assert b["number"] in r.json()["missing"] and stranger in r.json()["unexpected"]
    drain(eng)
    seen = {}
    for arrival in rx.completed():
        body = json.loads(arrival.body)
        assert arrival.verified
        seen.setdefault(arrival.path, []).append(
            (body["type"], body["data"]["number"], body["data"].get("discrepancy"))
        )
    assert sorted(seen["/ok/carrier-ho"]) == [("handover.completed", a["number"], None)]
    assert ("handover.completed", a["number"], None) in seen["/ok/seller-ho"]
    assert ("handover.discrepancy", b["number"], "missing") in seen["/ok/seller-ho"]
    completed = next(json.loads(x.body)["data"] for x in rx.completed("/ok/carrier-ho"))
    assert completed["manifest_id"] == h["manifest"] and completed["to_carrier"] == receiving
    assert completed["seq"] == 1 and completed["completed_at"].endswith("Z")
    before = len(message_rows(eng, seller["id"])) + len(message_rows(eng, carrier["id"]))
    again = hw.client.post(
        f"/v1/manifests/{h['manifest']}/confirm",
        json={"scanned": [a["number"], stranger]},
        headers=hw.h(receiving),
    )
    assert again.status_code == 200
    after = len(message_rows(eng, seller["id"])) + len(message_rows(eng, carrier["id"]))
    assert after == before  # the same scans again send nothing


def test_a_confirmed_handover_is_a_status_change_too(hw, eng, rx):
    """Manifest confirmation moves the shipment to `handed_over`: its listeners hear
    `shipment.status_changed` as for an ingested event, once (confirming again sends nothing)."""
    s = hw.book()
    (h,) = [x for x in s["handovers"] if x["seq"] == 1]
    listener = register(hw, rx, "/ok/seller-status", ["shipment.status_changed"])
    scan = {"scanned": [s["number"]]}
    for _ in range(2):
        r = hw.client.post(f"/v1/manifests/{h['manifest']}/confirm", json=scan, headers=hw.h(h["to_carrier"]))
        assert r.status_code == 200, r.text
    drain(eng)
    bodies = [json.loads(x.body) for x in rx.completed("/ok/seller-status")]
    mine = [b for b in bodies if b["data"]["number"] == s["number"]]
    assert [(b["type"], b["data"]["status"], b["data"]["previous_status"]) for b in mine] == [
        ("shipment.status_changed", "handed_over", "booked")
    ]
    assert mine[0]["data"]["carrier"] == h["to_carrier"] and mine[0]["data"]["district"] == h["district"]
    assert len(message_rows(eng, listener["id"])) == 1


def _outbox_down(engine: Engine) -> None:
    """Every insert into the outbox fails from now on (a database trigger)."""
    from sqlalchemy import text

    with engine.begin() as conn:
        if conn.dialect.name == "sqlite":
            conn.execute(
                text(
                    "CREATE TRIGGER outbox_down BEFORE INSERT ON webhook_messages "
                    "BEGIN SELECT RAISE(ABORT, 'outbox unavailable'); END"
                )
            )
        else:
            conn.execute(
                text(
                    "CREATE FUNCTION outbox_down() RETURNS trigger AS $$ "
                    "BEGIN RAISE EXCEPTION 'outbox unavailable'; END $$ LANGUAGE plpgsql"
                )
            )
            conn.execute(
                text(
                    "CREATE TRIGGER outbox_down BEFORE INSERT ON webhook_messages "
                    "FOR EACH ROW EXECUTE FUNCTION outbox_down()"
                )
            )


def _outbox_up(engine: Engine) -> None:
    from sqlalchemy import text

    with engine.begin() as conn:
        conn.execute(
            text(
                "DROP TRIGGER outbox_down" + ("" if conn.dialect.name == "sqlite" else " ON webhook_messages")
            )
        )
        if conn.dialect.name != "sqlite":
            conn.execute(text("DROP FUNCTION outbox_down()"))


def test_a_booking_whose_message_cannot_be_written_is_not_stored(hw, eng, rx):
    """The outbox is part of the booking's transaction: if its message cannot be written, the
    booking fails and leaves nothing (no shipment without its webhook)."""
    from sqlalchemy import func

    from jalin.storage.tables import shipments

    register(hw, rx, "/ok/tx", ["shipment.booked"])
    with eng.connect() as conn:
        before = conn.scalar(select(func.count()).select_from(shipments))
    _outbox_down(eng)
    try:
        with TestClient(hw.client.app, raise_server_exceptions=False) as client:
            r = client.post(
                "/v1/shipments",
                json=booking_body(),
                headers=hw.h("seller", "tx-outbox-down"),
            )
        # SQLite reports the trigger as a constraint error, which booking retries then answers
        # 409; PostgreSQL's raised exception is a 500. Either way nothing is stored.
        assert r.status_code in (409, 500), r.text
    finally:
        _outbox_up(eng)
    with eng.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(shipments)) == before
    again = hw.client.post(
        "/v1/shipments",
        json=booking_body(),
        headers=hw.h("seller", "tx-outbox-down"),
    )
    assert again.status_code == 201  # the key was not spent on the failed attempt


def test_a_name_that_takes_too_long_to_resolve_counts_as_not_resolving(monkeypatch):
    import socket

    from jalin.services.webhooks import transport

    def stuck(*args: Any, **kwargs: Any) -> Any:
        time.sleep(1.0)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.215.14", 443))]

    monkeypatch.setattr(transport.socket, "getaddrinfo", stuck)
    monkeypatch.setattr(transport, "RESOLVE_TIMEOUT", 0.1)
    assert transport.resolve("slow.example", 443) == []
    monkeypatch.setattr(transport, "RESOLVE_TIMEOUT", 5.0)
    assert transport.resolve("slow.example", 443) == ["93.184.215.14"]
