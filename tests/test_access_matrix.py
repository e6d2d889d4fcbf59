"""Who may call what: every route, every kind of caller, with the expected answer written here by hand.

The expectations below are NOT read from the app (its `x-roles` come from the same `Allow` the
route uses, so checking a route against them proves nothing). They follow docs/registry.md and
docs/security.md: the public reads areas, coverage, quotes, the directory and the boards and may
apply; members see their own company, agreements and meetings; a DPW officer acts in their
province, a DPD officer in their regency (and only a DPW officer recommends applications); the
admin (DPP) does everything.

Every allowed call sends a valid body for an object inside the caller's own tenant, so it runs
the service layer to the end and must succeed (2xx), not stop at validation (422) or a missing
object (404). A route added to the app without a row here fails `test_every_route_has_a_row`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from fastapi.routing import APIRoute

from jalin.api import create_app
from jalin.settings import Settings
from jalin.web.portal import is_portal
from tests.feeds import VALID_FEED
from tests.registry_world import (
    CALLERS,
    HOME_REGENCY,
    OTHER_PROVINCE_REGENCY,
    OTHER_REGENCY_SAME_PROVINCE,
    World,
    company,
    world,
    zip_of,
)

__all__ = ["world"]  # the fixture


@dataclass(frozen=True)
class Call:
    method: str
    url: str
    kwargs: dict[str, Any] = field(default_factory=dict)


Builder = Callable[[World, str], Call]


def ok(success: int, *callers: str) -> dict[str, int]:
    """`success` for the callers named, 401 for the public otherwise, 403 for any other key."""
    return {c: success if c in callers else (401 if c == "public" else 403) for c in CALLERS}


EVERYONE = CALLERS
SIGNED = ("member", "dpd", "dpw", "admin")
STAFF = ("dpd", "dpw", "admin")


def _home_agreement(w: World) -> int:
    """An agreement of the member and a partner, both in Kota Bandung, carried by DPW Jawa Barat."""
    return w.agreement([w.ids["member"], w.ids["partner"]])


def _quote_body() -> dict[str, Any]:
    return {"from": "32.73.01", "to": "74.71.01", "weight_kg": "1", "ready_at": "2026-12-01T08:00:00+07:00"}


def _feed_upload(w: World, caller: str) -> Call:
    return Call("POST", "/v1/feeds", {"files": {"file": ("f.zip", zip_of(VALID_FEED), "application/zip")}})


def _new_member(w: World, caller: str) -> Call:
    return Call("POST", "/v1/members", {"json": company(w.nib(), None, HOME_REGENCY, "Baru")})


def _revoke_own_key(w: World, caller: str) -> Call:
    """Each caller revokes a key of its own: an officer the very key it calls with (the test then
    gives it a fresh one), a member or admin a spare key."""
    key_id, secret = w.key_for(caller)
    if caller in ("dpd", "dpw"):
        w.keys[caller] = secret
    return Call("DELETE", f"/v1/keys/{key_id}")


def _decision(w: World, caller: str) -> Call:
    return Call(
        "POST",
        f"/v1/applications/{w.application(HOME_REGENCY)}/decision",
        {"json": {"action": "recommend", "reason": "dokumen lengkap"}},
    )


def _document(w: World, caller: str) -> Call:
    ag = _home_agreement(w)
    return Call("GET", f"/v1/agreements/{ag}/documents/{w.document(ag)}")


def _action(w: World, caller: str) -> Call:
    action = w.action(w.meeting(HOME_REGENCY, [w.ids["member"]]))
    return Call("PATCH", f"/v1/actions/{action}", {"json": {"status": "done"}})


def _booking() -> dict[str, Any]:
    return {
        "from": "31.71.06",
        "to": "74.71.01",
        "weight_kg": "1",
        "ready_at": "2026-12-01T09:00:00+07:00",
        "choose": "fastest",
        "contents": "pakaian",
        "shipper": {"name": "Toko Sari", "phone": "081234567890", "address": "Jl. Sudirman 5"},
        "recipient": {"name": "Budi", "phone": "081298765432", "address": "Jl. Ahmad Yani 12"},
    }


def _shipment(w: World, caller: str = "admin") -> str:
    """A shipment on the member's own network (the member carries every leg), booked by the member
    when the member is the caller (only the booking member cancels), by the admin otherwise."""
    if "feed" not in w.ids:
        files = {"file": ("f.zip", zip_of(VALID_FEED), "application/zip")}
        w.ids["feed"] = 1 if w.admin("POST", "/v1/feeds", files=files) else 0
    key = {"Idempotency-Key": f"acc-{next(w.counter)}"}
    booker = w.keys["member"] if caller == "member" else w.root
    r = w.client.post("/v1/shipments", headers={"X-API-Key": booker, **key}, json=_booking())
    assert r.status_code == 201, r.text[:300]
    return str(r.json()["number"])


def _events(w: World, caller: str) -> Call:
    """A valid event of the member's own carrier (TESTX, on every leg) on a fresh shipment; the
    admin names the carrier. Every allowed caller gets 200 with the event accepted."""
    number = _shipment(w)
    event = {
        "event_id": f"acc-ev-{next(w.counter)}",
        "number": number,
        "status": "picked_up",
        "occurred_at": "2026-12-01T10:00:00+07:00",
        "location": "31.71.06",
        "carrier": "TESTX",
    }
    return Call("POST", "/v1/events", {"json": {"events": [event]}})


def _simulate(w: World, caller: str) -> Call:
    """A sandbox walk of a test shipment the caller booked (member) or the admin booked."""
    _shipment(w)  # the network is published
    booker = w.keys["member"] if caller == "member" else w.root
    headers = {"X-API-Key": booker, "Idempotency-Key": f"sim-{next(w.counter)}"}
    r = w.client.post("/v1/shipments", headers=headers, json={**_booking(), "test": True})
    assert r.status_code == 201, r.text[:300]
    return Call("POST", f"/v1/shipments/{r.json()['number']}/simulate")


def _book(w: World, caller: str) -> Call:
    _shipment(w)  # the network is published
    return Call(
        "POST", "/v1/shipments", {"json": _booking(), "headers": {"Idempotency-Key": f"b-{next(w.counter)}"}}
    )


def _webhook(w: World, *, fresh: bool = False) -> str:
    """An endpoint of the member (a public address, so no private-address switch is needed); one
    shared endpoint unless `fresh` (a member has at most 20)."""
    if not fresh and "webhook" in w.ids:
        return str(w.ids["webhook"])
    r = w.client.post(
        "/v1/webhooks",
        headers={"X-API-Key": w.keys["member"]},
        json={"url": f"https://8.8.8.8/jalin/{next(w.counter)}", "event_types": ["shipment.delivered"]},
    )
    assert r.status_code == 201, r.text[:300]
    if not fresh:
        w.ids["webhook"] = r.json()["id"]
    return str(r.json()["id"])


def _webhook_message(w: World) -> tuple[str, str]:
    """An endpoint of the member with one queued message (its test message)."""
    endpoint = _webhook(w)
    r = w.client.post(f"/v1/webhooks/{endpoint}/test", headers={"X-API-Key": w.keys["member"]})
    assert r.status_code == 202, r.text[:300]
    return endpoint, str(r.json()["message_id"])


def _retry(w: World, caller: str) -> Call:
    endpoint, message = _webhook_message(w)
    return Call("POST", f"/v1/webhooks/{endpoint}/deliveries/{message}/retry")


#: (method, path) -> (how to build a valid call inside the caller's tenant, expected status per caller)
EXPECTED: dict[tuple[str, str], tuple[Builder, dict[str, int]]] = {
    ("GET", "/healthz"): (lambda w, c: Call("GET", "/healthz"), ok(200, *EVERYONE)),
    ("GET", "/"): (lambda w, c: Call("GET", "/"), ok(200, *EVERYONE)),
    ("GET", "/cek-ongkir"): (
        lambda w, c: Call("GET", "/cek-ongkir", {"params": {"dari": "32.73.01", "ke": "74.71.01"}}),
        ok(200, *EVERYONE),
    ),
    ("GET", "/daftar"): (lambda w, c: Call("GET", "/daftar"), ok(200, *EVERYONE)),
    # The public member directory page, like GET /v1/directory: anyone.
    ("GET", "/direktori"): (
        lambda w, c: Call("GET", "/direktori", {"params": {"provinsi": "32", "cari": "a"}}),
        ok(200, *EVERYONE),
    ),
    ("POST", "/daftar"): (
        lambda w, c: Call("POST", "/daftar", {"data": company(w.nib(), None, HOME_REGENCY, "Formulir")}),
        ok(200, *EVERYONE),
    ),
    ("GET", "/v1/areas"): (
        lambda w, c: Call("GET", "/v1/areas", {"params": {"q": "kendari"}}),
        ok(200, *EVERYONE),
    ),
    ("GET", "/v1/areas/resolve"): (
        lambda w, c: Call("GET", "/v1/areas/resolve", {"params": {"text": "74.71.01"}}),
        ok(200, *EVERYONE),
    ),
    ("GET", "/v1/areas/{code}"): (lambda w, c: Call("GET", "/v1/areas/74.71"), ok(200, *EVERYONE)),
    ("GET", "/v1/coverage/summary"): (lambda w, c: Call("GET", "/v1/coverage/summary"), ok(200, *EVERYONE)),
    ("GET", "/v1/coverage/{district}"): (
        lambda w, c: Call("GET", "/v1/coverage/74.71.01"),
        ok(200, *EVERYONE),
    ),
    ("POST", "/v1/quotes"): (
        lambda w, c: Call("POST", "/v1/quotes", {"json": _quote_body()}),
        ok(200, *EVERYONE),
    ),
    ("GET", "/v1/quotes/one-to-all"): (
        lambda w, c: Call("GET", "/v1/quotes/one-to-all", {"params": {"from": "32.73.01", "weight": "1"}}),
        ok(200, *EVERYONE),
    ),
    ("GET", "/v1/directory"): (lambda w, c: Call("GET", "/v1/directory"), ok(200, *EVERYONE)),
    ("GET", "/v1/boards"): (lambda w, c: Call("GET", "/v1/boards"), ok(200, *EVERYONE)),
    ("POST", "/v1/boards/{code}/officers"): (
        lambda w, c: Call(
            "POST", "/v1/boards/32.73/officers", {"json": {"name": "Siti", "position": "Ketua"}}
        ),
        ok(201, "admin"),
    ),
    ("GET", "/v1/members"): (lambda w, c: Call("GET", "/v1/members"), ok(200, *SIGNED)),
    ("POST", "/v1/members"): (_new_member, ok(201, "admin")),
    ("GET", "/v1/members/{member_id}"): (
        lambda w, c: Call("GET", f"/v1/members/{w.ids['member']}"),
        ok(200, *SIGNED),
    ),
    ("PATCH", "/v1/members/{member_id}/status"): (
        lambda w, c: Call("PATCH", f"/v1/members/{w.ids['bogor2']}/status", {"json": {"status": "active"}}),
        ok(200, "admin"),
    ),
    ("POST", "/v1/members/{member_id}/units"): (
        lambda w, c: Call(
            "POST",
            f"/v1/members/{w.ids['member']}/units",
            {"json": {"name": "Unit Bandung", "region_code": "32.73"}},
        ),
        ok(201, "admin"),
    ),
    ("POST", "/v1/applications"): (
        lambda w, c: Call(
            "POST", "/v1/applications", {"json": company(w.nib(), None, HOME_REGENCY, "Pemohon")}
        ),
        ok(201, *EVERYONE),
    ),
    ("POST", "/v1/applications/form"): (
        lambda w, c: Call(
            "POST", "/v1/applications/form", {"data": company(w.nib(), None, HOME_REGENCY, "Form")}
        ),
        ok(201, *EVERYONE),
    ),
    ("GET", "/v1/applications"): (lambda w, c: Call("GET", "/v1/applications"), ok(200, *STAFF)),
    ("GET", "/v1/applications/{application_id}"): (
        lambda w, c: Call("GET", f"/v1/applications/{w.application(HOME_REGENCY)}"),
        ok(200, *STAFF),
    ),
    # Only the province's DPW (or the DPP) recommends: a DPD officer is refused even at home.
    ("POST", "/v1/applications/{application_id}/decision"): (_decision, ok(200, "dpw", "admin")),
    ("GET", "/v1/agreements"): (lambda w, c: Call("GET", "/v1/agreements"), ok(200, *SIGNED)),
    ("POST", "/v1/agreements"): (
        lambda w, c: Call(
            "POST",
            "/v1/agreements",
            {"json": {"title": "Baru", "kind": "co_loading", "parties": [w.ids["member"], w.ids["partner"]]}},
        ),
        ok(201, *STAFF),
    ),
    ("GET", "/v1/agreements/{agreement_id}"): (
        lambda w, c: Call("GET", f"/v1/agreements/{_home_agreement(w)}"),
        ok(200, *SIGNED),
    ),
    ("POST", "/v1/agreements/{agreement_id}/stage"): (
        lambda w, c: Call(
            "POST", f"/v1/agreements/{_home_agreement(w)}/stage", {"json": {"stage": "negotiating"}}
        ),
        ok(200, *STAFF),
    ),
    ("PUT", "/v1/agreements/{agreement_id}/terms"): (
        lambda w, c: Call(
            "PUT",
            f"/v1/agreements/{_home_agreement(w)}/terms",
            {"json": {"fee_per_parcel": 1500, "districts": ["32.73.01"]}},
        ),
        ok(200, *STAFF),
    ),
    ("POST", "/v1/agreements/{agreement_id}/documents"): (
        lambda w, c: Call(
            "POST",
            f"/v1/agreements/{_home_agreement(w)}/documents",
            {"files": {"file": ("mou.pdf", b"%PDF-1.4 mou", "application/pdf")}},
        ),
        ok(201, *STAFF),
    ),
    ("GET", "/v1/agreements/{agreement_id}/documents/{document_id}"): (_document, ok(200, *SIGNED)),
    ("GET", "/v1/keys"): (lambda w, c: Call("GET", "/v1/keys"), ok(200, *SIGNED)),
    ("POST", "/v1/keys"): (
        lambda w, c: Call("POST", "/v1/keys", {"json": {"role": "member", "member_id": w.ids["member"]}}),
        ok(201, "member", "admin"),
    ),
    ("DELETE", "/v1/keys/{key_id}"): (_revoke_own_key, ok(200, *SIGNED)),
    ("GET", "/v1/audit"): (lambda w, c: Call("GET", "/v1/audit"), ok(200, "admin")),
    ("GET", "/v1/meetings"): (lambda w, c: Call("GET", "/v1/meetings"), ok(200, *SIGNED)),
    ("POST", "/v1/meetings"): (
        lambda w, c: Call(
            "POST",
            "/v1/meetings",
            {
                "json": {
                    "held_on": "2026-11-20",
                    "place": "Kantor Pos Bandung",
                    "host": HOME_REGENCY,
                    "members": [w.ids["member"]],
                    "topics": "serah terima",
                }
            },
        ),
        ok(201, *STAFF),
    ),
    ("GET", "/v1/meetings/{meeting_id}"): (
        lambda w, c: Call("GET", f"/v1/meetings/{w.meeting(HOME_REGENCY, [w.ids['member']])}"),
        ok(200, *SIGNED),
    ),
    ("POST", "/v1/meetings/{meeting_id}/actions"): (
        lambda w, c: Call(
            "POST",
            f"/v1/meetings/{w.meeting(HOME_REGENCY, [w.ids['member']])}/actions",
            {"json": {"description": "survei", "owner": "DPD", "due_on": "2026-12-01"}},
        ),
        ok(201, *STAFF),
    ),
    ("PATCH", "/v1/actions/{action_id}"): (_action, ok(200, *STAFF)),
    ("GET", "/v1/reports/agreement-pipeline"): (
        lambda w, c: Call("GET", "/v1/reports/agreement-pipeline"),
        ok(200, *STAFF),
    ),
    ("GET", "/v1/reports/overdue-actions"): (
        lambda w, c: Call("GET", "/v1/reports/overdue-actions"),
        ok(200, *STAFF),
    ),
    ("GET", "/v1/reports/members-per-province"): (
        lambda w, c: Call("GET", "/v1/reports/members-per-province"),
        ok(200, *STAFF),
    ),
    ("GET", "/v1/feeds"): (lambda w, c: Call("GET", "/v1/feeds"), ok(200, "member", "admin")),
    ("POST", "/v1/feeds"): (_feed_upload, ok(201, "member", "admin")),
    # Shipments are the members' business (and the DPP's); officers of the association do not see them.
    ("POST", "/v1/shipments"): (_book, ok(201, "member", "admin")),
    ("GET", "/v1/shipments"): (lambda w, c: Call("GET", "/v1/shipments"), ok(200, "member", "admin")),
    ("GET", "/v1/shipments/{number}"): (
        lambda w, c: Call("GET", f"/v1/shipments/{_shipment(w)}"),
        ok(200, "member", "admin"),
    ),
    ("POST", "/v1/shipments/{number}/cancel"): (
        lambda w, c: Call("POST", f"/v1/shipments/{_shipment(w, c)}/cancel"),
        ok(200, "member", "admin"),
    ),
    ("PUT", "/v1/shipments/{number}/legs/{seq}/carrier-ref"): (
        lambda w, c: Call(
            "PUT",
            f"/v1/shipments/{_shipment(w)}/legs/1/carrier-ref",
            {"json": {"carrier_ref": f"TX{next(w.counter)}"}},
        ),
        ok(200, "member", "admin"),
    ),
    # Webhooks: a member registers its own endpoints; the admin (DPP) sees and acts on all of them.
    ("POST", "/v1/webhooks"): (
        lambda w, c: Call(
            "POST",
            "/v1/webhooks",
            {"json": {"url": f"https://8.8.8.8/h/{next(w.counter)}", "event_types": ["shipment.booked"]}},
        ),
        ok(201, "member"),
    ),
    ("GET", "/v1/webhooks"): (lambda w, c: Call("GET", "/v1/webhooks"), ok(200, "member", "admin")),
    ("DELETE", "/v1/webhooks/{endpoint_id}"): (
        lambda w, c: Call("DELETE", f"/v1/webhooks/{_webhook(w, fresh=True)}"),
        ok(200, "member", "admin"),
    ),
    ("POST", "/v1/webhooks/{endpoint_id}/enable"): (
        lambda w, c: Call("POST", f"/v1/webhooks/{_webhook(w)}/enable"),
        ok(200, "member", "admin"),
    ),
    ("POST", "/v1/webhooks/{endpoint_id}/test"): (
        lambda w, c: Call("POST", f"/v1/webhooks/{_webhook(w)}/test"),
        ok(202, "member", "admin"),
    ),
    ("GET", "/v1/webhooks/{endpoint_id}/deliveries"): (
        lambda w, c: Call("GET", f"/v1/webhooks/{_webhook(w)}/deliveries"),
        ok(200, "member", "admin"),
    ),
    ("POST", "/v1/webhooks/{endpoint_id}/deliveries/{message_id}/retry"): (
        _retry,
        ok(202, "member", "admin"),
    ),
    ("GET", "/v1/track/{number}"): (
        lambda w, c: Call("GET", f"/v1/track/{_shipment(w)}"),
        ok(200, *EVERYONE),
    ),
    # Tracking: carriers post events for their legs; the shipment's parties read the timeline.
    ("POST", "/v1/events"): (_events, ok(200, "member", "admin")),
    ("GET", "/v1/shipments/{number}/events"): (
        lambda w, c: Call("GET", f"/v1/shipments/{_shipment(w)}/events"),
        ok(200, "member", "admin"),
    ),
    ("GET", "/v1/shipments/{number}/epcis"): (
        lambda w, c: Call("GET", f"/v1/shipments/{_shipment(w)}/epcis"),
        ok(200, "member", "admin"),
    ),
    ("POST", "/v1/shipments/{number}/simulate"): (_simulate, ok(200, "member", "admin")),
    # The public tracking page, like /v1/track: anyone.
    ("GET", "/lacak"): (
        lambda w, c: Call("GET", "/lacak", {"params": {"nomor": _shipment(w)}}),
        ok(200, *EVERYONE),
    ),
    ("GET", "/lacak/{number}"): (lambda w, c: Call("GET", f"/lacak/{_shipment(w)}"), ok(200, *EVERYONE)),
    # Data quality of a carrier's own events: its member (own row) and the DPP (every carrier).
    ("GET", "/v1/reports/tracking-quality"): (
        lambda w, c: Call("GET", "/v1/reports/tracking-quality"),
        ok(200, "member", "admin"),
    ),
    ("GET", "/v1/shipments/{number}/label"): (
        lambda w, c: Call("GET", f"/v1/shipments/{_shipment(w)}/label", {"params": {"format": "zpl"}}),
        ok(200, "member", "admin"),
    ),
    # The member's manifests (none yet in this world: its network has one carrier); officers
    # of the association do not see carriers' handovers.
    ("GET", "/v1/manifests"): (lambda w, c: Call("GET", "/v1/manifests"), ok(200, "member", "admin")),
    # Officers weigh proposals: the answer shows every carrier's reach and prices side by side,
    # so members (competitors of each other) may not ask.
    ("POST", "/v1/impact"): (
        lambda w, c: Call(
            "POST",
            "/v1/impact",
            {"json": {"origins": ["32.73.01"], "rank": 0, "baselines": False, "only_changed": True}},
        ),
        ok(200, *STAFF),
    ),
    ("GET", "/docs"): (lambda w, c: Call("GET", "/docs"), ok(200, *EVERYONE)),
    ("GET", "/redoc"): (lambda w, c: Call("GET", "/redoc"), ok(200, *EVERYONE)),
    # Settlement (docs/settlement.md): period totals for everyone signed in (a member sees its own
    # row, an officer its region's rows); lines and statements are the member's own books (and
    # the DPP's); closing and adjusting are the DPP's.
    ("GET", "/v1/settlement/periods"): (
        lambda w, c: Call("GET", "/v1/settlement/periods"),
        ok(200, *SIGNED),
    ),
    ("GET", "/v1/settlement/periods/{period}"): (
        lambda w, c: Call("GET", "/v1/settlement/periods/2026-W49"),
        ok(200, *SIGNED),
    ),
    ("GET", "/v1/settlement/periods/{period}/lines"): (
        lambda w, c: Call("GET", "/v1/settlement/periods/2026-W49/lines"),
        ok(200, "member", "admin"),
    ),
    ("GET", "/v1/settlement/periods/{period}/statements/{member}"): (
        lambda w, c: Call("GET", f"/v1/settlement/periods/2026-W49/statements/{w.ids['member']}?format=csv"),
        ok(200, "member", "admin"),
    ),
    ("POST", "/v1/settlement/periods/{period}/close"): (
        # a past week of its own for each call (a closed period cannot be closed again)
        lambda w, c: Call("POST", f"/v1/settlement/periods/2024-W{next(w.counter) % 52 + 1:02d}/close"),
        ok(200, "admin"),
    ),
    ("POST", "/v1/settlement/adjustments"): (
        lambda w, c: Call(
            "POST",
            "/v1/settlement/adjustments",
            {
                "json": {
                    "payer": w.ids["member"],
                    "payee": w.ids["partner"],
                    "amount": 1500,
                    "reason": "koreksi",
                }
            },
        ),
        ok(201, "admin"),
    ),
}


def _app_routes() -> set[tuple[str, str]]:
    """Every (method, path) the app serves, pages included (they are not in the OpenAPI), but the
    portal's, which sign in with a session, not a key (tests/test_portal_matrix.py walks those)."""
    found: set[tuple[str, str]] = set()

    def walk(routes) -> None:  # type: ignore[no-untyped-def]
        for r in routes:
            if isinstance(r, APIRoute):
                path = re.sub(r"\{(\w+):\w+\}", r"{\1}", r.path)  # {id:int} is {id} to a client
                if is_portal(path):
                    continue  # the portal's pages have their own table: tests/test_portal_matrix.py
                found.update((m, path) for m in r.methods if m not in ("HEAD", "OPTIONS"))
            elif hasattr(r, "original_router"):  # FastAPI >= 0.16x includes routers lazily
                walk(r.original_router.routes)

    walk(create_app(Settings(database_url="sqlite://")).routes)
    return found


#: Routes that landed after this table was last written; each needs a row with a valid call.
#: Listed by name so that nothing else can slip in unnoticed.
#: The two manifest routes need a handover between two members' carriers, which this world (one
#: member network) does not have; tests/test_shipment_documents.py walks them for the giving and
#: receiving carriers, an outsider and a member without a carrier.
WITHOUT_A_ROW_YET = {
    ("GET", "/v1/manifests/{manifest_id}"),
    ("POST", "/v1/manifests/{manifest_id}/confirm"),
}


def test_every_route_has_a_row():
    """A new route needs a row in EXPECTED (who may call it, decided by a person, not read from it)."""
    routes = _app_routes()
    missing = routes - set(EXPECTED) - WITHOUT_A_ROW_YET
    assert missing == set(), "add these routes to EXPECTED in tests/test_access_matrix.py"
    assert routes >= WITHOUT_A_ROW_YET and not WITHOUT_A_ROW_YET & set(EXPECTED)
    assert set(EXPECTED) - routes == set(), "these rows name routes the app no longer has"


def test_route_by_caller_matrix(world):
    w = world
    failures = []
    for (method, path), (build, expected) in EXPECTED.items():
        for caller in CALLERS:
            call = build(w, caller)
            assert call.method == method
            key = w.keys[caller]
            kwargs = dict(call.kwargs)
            headers = {**kwargs.pop("headers", {}), **({"X-API-Key": key} if key else {})}
            r = w.client.request(call.method, call.url, headers=headers, **kwargs)
            if method == "DELETE" and caller in ("dpd", "dpw"):
                w.keys[caller] = w.key_for(caller)[1]
            if r.status_code != expected[caller]:
                failures.append(
                    f"{method} {path} as {caller}: {r.status_code} != {expected[caller]} {r.text[:160]}"
                )
    assert not failures, "\n".join(failures)


# -- the tenant line: the same routes on objects just outside each officer's and member's region --
def _outside(w: World, caller: str) -> dict[str, int]:
    """Objects the caller may not touch: for the DPD officer, in another regency of the same
    province; for the DPW officer and the member, in another province."""
    if caller == "dpd":
        regency, a, b = OTHER_REGENCY_SAME_PROVINCE, w.ids["bogor"], w.ids["bogor2"]
        province = "32"
    else:
        regency, a, b = OTHER_PROVINCE_REGENCY, w.ids["kendari"], w.ids["kendari2"]
        province = "74"
    agreement = w.agreement([a, b], province=province)
    meeting = w.meeting(regency, [a])
    return {
        "member": a,
        "agreement": agreement,
        "document": w.document(agreement),
        "application": w.application(regency),
        "meeting": meeting,
        "action": w.action(meeting),
    }


def _outside_calls(w: World, caller: str) -> list[tuple[Call, int]]:
    o = _outside(w, caller)
    regency = OTHER_REGENCY_SAME_PROVINCE if caller == "dpd" else OTHER_PROVINCE_REGENCY
    calls = [
        (Call("GET", f"/v1/members/{o['member']}"), 404),
        (Call("GET", f"/v1/agreements/{o['agreement']}"), 404),
        (Call("GET", f"/v1/agreements/{o['agreement']}/documents/{o['document']}"), 404),
        (Call("GET", f"/v1/meetings/{o['meeting']}"), 404),
    ]
    if caller == "member":  # another member's settlement statement does not exist for it
        calls.append((Call("GET", f"/v1/settlement/periods/2026-W49/statements/{o['member']}"), 404))
    if caller != "member":
        calls += [
            (Call("GET", f"/v1/applications/{o['application']}"), 404),
            (
                Call(
                    "POST",
                    f"/v1/applications/{o['application']}/decision",
                    {"json": {"action": "recommend", "reason": "x"}},
                ),
                404,
            ),
            (Call("POST", f"/v1/agreements/{o['agreement']}/stage", {"json": {"stage": "negotiating"}}), 404),
            (Call("PUT", f"/v1/agreements/{o['agreement']}/terms", {"json": {"fee_per_parcel": 1}}), 404),
            (
                Call(
                    "POST",
                    f"/v1/agreements/{o['agreement']}/documents",
                    {"files": {"file": ("x.pdf", b"%PDF-1.4 x", "application/pdf")}},
                ),
                404,
            ),
            (
                Call(
                    "POST",
                    f"/v1/meetings/{o['meeting']}/actions",
                    {"json": {"description": "x y", "owner": "x y", "due_on": "2026-12-01"}},
                ),
                404,
            ),
            (Call("PATCH", f"/v1/actions/{o['action']}", {"json": {"status": "done"}}), 404),
            (
                Call(
                    "POST",
                    "/v1/meetings",
                    {"json": {"held_on": "2026-11-20", "place": "Kantor", "host": regency, "topics": "xx"}},
                ),
                403,
            ),
            (
                Call(
                    "POST",
                    "/v1/agreements",
                    {
                        "json": {
                            "title": "Luar",
                            "kind": "co_loading",
                            "parties": [
                                o["member"],
                                w.ids["bogor2"] if caller == "dpd" else w.ids["kendari2"],
                            ],
                        }
                    },
                ),
                403,
            ),
        ]
    return calls


@pytest.mark.parametrize("caller", ["member", "dpd", "dpw"])
def test_objects_outside_the_tenant_are_invisible_and_untouchable(world, caller):
    w = world
    failures = []
    for call, status in _outside_calls(w, caller):
        r = w.client.request(call.method, call.url, headers={"X-API-Key": w.keys[caller]}, **call.kwargs)
        if r.status_code != status:
            failures.append(
                f"{call.method} {call.url} as {caller}: {r.status_code} != {status} {r.text[:160]}"
            )
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("caller", ["member", "dpd", "dpw"])
def test_lists_hold_exactly_the_callers_tenant(world, caller):
    """Lists show everything inside the tenant and nothing outside it."""
    w = world
    home = w.meeting(HOME_REGENCY, [w.ids["member"]])
    bogor = w.meeting(OTHER_REGENCY_SAME_PROVINCE, [w.ids["bogor"]])
    kendari = w.meeting(OTHER_PROVINCE_REGENCY, [w.ids["kendari"]])
    ag_home = _home_agreement(w)
    ag_bogor = w.agreement([w.ids["bogor"], w.ids["bogor2"]])
    ag_kendari = w.agreement([w.ids["kendari"], w.ids["kendari2"]], province="74")
    expected_members = {
        "member": {w.ids["member"]},
        "dpd": {w.ids["member"], w.ids["partner"]},
        "dpw": {w.ids["member"], w.ids["partner"], w.ids["bogor"], w.ids["bogor2"]},
    }[caller]
    expected_meetings = {"member": {home}, "dpd": {home}, "dpw": {home, bogor}}[caller]
    expected_agreements = {"member": {ag_home}, "dpd": {ag_home}, "dpw": {ag_home, ag_bogor}}[caller]
    headers = {"X-API-Key": w.keys[caller]}

    def ids(url: str) -> list[int]:
        """Every id of the caller's list, a page of one at a time (the tenant filter holds across pages)."""
        out, cursor = [], None
        while True:
            page = w.client.get(url, headers=headers, params={"limit": 1, "cursor": cursor or ""}).json()
            out += [item["id"] for item in page["items"]]
            if (cursor := page["next_cursor"]) is None:
                return out

    for url, expected in [
        ("/v1/members", expected_members),
        ("/v1/meetings", expected_meetings),
        ("/v1/agreements", expected_agreements),
    ]:
        found = ids(url)
        assert found == sorted(expected), (url, found)
    assert kendari not in expected_meetings and ag_kendari not in expected_agreements


@pytest.mark.parametrize(
    ("change", "code"),
    [({"nib": "9120000000999\n"}, "invalid_nib"), ({"carrier_id": "TESTX\n"}, "invalid_carrier_id")],
)
def test_a_trailing_newline_does_not_slip_past_the_identifier_rules(world, change, code):
    """Regression: `$` in the NIB and carrier_id patterns also matched before a final newline, so
    "TESTX\n" registered as a second, different TESTX."""
    w = world
    body = {**company(w.nib(), "FRESH", HOME_REGENCY, "Baris Baru"), **change}
    r = w.client.post("/v1/members", headers={"X-API-Key": w.root}, json=body)
    assert r.status_code == 422 and r.json()["code"] == code
