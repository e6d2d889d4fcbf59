"""Who may open which portal page: every portal route, every kind of visitor, with the expected
answer written here by hand (as tests/test_access_matrix.py does for the API).

Visitors: the public (no session), member staff, a DPD officer (Kota Bandung), a DPW officer
(Jawa Barat) and the DPP admin, each signed in through the sign-in form. Expected answers follow
docs/portal.md: `SIGNIN` is the redirect to the sign-in page (303 to /portal/masuk?lanjut=...);
a signed-in person without the role gets the 403 page. Allowed calls send a valid form with the
session's CSRF token, so they run the service to the end. A portal route without a row fails
`test_every_portal_route_has_a_row`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from jalin.api import create_app
from jalin.settings import Settings
from jalin.web.portal import is_portal
from tests.feeds import VALID_FEED
from tests.portal_network_world import NetWorld, net_world
from tests.portal_world import EMAILS, ROLES, csrf_of
from tests.registry_world import zip_of

__all__ = ["net_world"]

CALLERS = ("public", *ROLES)
SIGNIN = "signin"
Expected = int | str


@dataclass(frozen=True)
class Call:
    method: str
    url: str
    data: dict[str, Any] = field(default_factory=dict)
    fresh: bool = False  # the call ends or replaces the caller's session: use a client of its own
    files: dict[str, Any] = field(default_factory=dict)


Builder = Callable[[NetWorld, str], Call]


def signed(success: int, *callers: str) -> dict[str, Expected]:
    """`success` for the callers named, the sign-in redirect for the public, 403 for the rest."""
    return {c: success if c in callers else (SIGNIN if c == "public" else 403) for c in CALLERS}


def everyone(status: Expected) -> dict[str, Expected]:
    return dict.fromkeys(CALLERS, status)


SIGNED = ROLES
STAFF = ("dpd", "dpw", "admin")


PW = "kata sandi yang panjang"
BOOKING = {
    "from": "31.71.06",
    "to": "74.71.01",
    "weight_kg": "1",
    "choose": "fastest",
    "shipper_name": "Toko Sari",
    "shipper_phone": "081234567890",
    "shipper_address": "Jl. Sudirman 5",
    "recipient_name": "Budi",
    "recipient_phone": "081298765432",
    "recipient_address": "Jl. Ahmad Yani 12",
}
MEMBER_ONLY = ("member",)
MEMBER_AND_DPP = ("member", "admin")


def _new_key(w: NetWorld) -> int:
    from jalin.registry.rules import Role
    from jalin.services import registry as reg
    from tests.uow import in_uow

    return int(in_uow(w.engine, reg.create_key, w.member, Role.MEMBER, label="spare").id)


EXPECTED: dict[tuple[str, str], tuple[Builder, dict[str, Expected]]] = {
    # -- signing in, out, accounts, users
    ("GET", "/portal/masuk"): (
        lambda w, c: Call("GET", "/portal/masuk"),
        {"public": 200, **dict.fromkeys(SIGNED, 303)},
    ),
    ("POST", "/portal/masuk"): (
        # Everyone signs in with their own address; the public has none, so its password is wrong.
        lambda w, c: Call(
            "POST",
            "/portal/masuk",
            {"email": EMAILS.get(c, "nobody@contoh.co.id"), "password": PW},
            fresh=True,
        ),
        {"public": 401, **dict.fromkeys(SIGNED, 303)},
    ),
    ("POST", "/portal/keluar"): (
        lambda w, c: Call("POST", "/portal/keluar", fresh=True),
        signed(303, *SIGNED),
    ),
    ("GET", "/portal"): (lambda w, c: Call("GET", "/portal"), signed(200, *SIGNED)),
    ("GET", "/portal/akun"): (lambda w, c: Call("GET", "/portal/akun"), signed(200, *SIGNED)),
    ("POST", "/portal/akun"): (
        # A wrong current password: the service runs and refuses (401) without changing anything.
        lambda w, c: Call(
            "POST", "/portal/akun", {"current": "bukan ini", "password": PW + "!", "repeat": PW + "!"}
        ),
        signed(401, *SIGNED),
    ),
    ("GET", "/portal/undangan/{token}"): (
        lambda w, c: Call("GET", f"/portal/undangan/{w.invite_token()}"),
        everyone(200),
    ),
    ("POST", "/portal/undangan/{token}"): (
        lambda w, c: Call(
            "POST", f"/portal/undangan/{w.invite_token()}", {"password": PW, "repeat": PW}, fresh=True
        ),
        everyone(303),
    ),
    ("GET", "/portal/bahasa/{code}"): (lambda w, c: Call("GET", "/portal/bahasa/en"), everyone(303)),
    ("GET", "/portal/pengguna"): (lambda w, c: Call("GET", "/portal/pengguna"), signed(200, *MEMBER_AND_DPP)),
    ("POST", "/portal/pengguna"): (
        lambda w, c: Call(
            "POST",
            "/portal/pengguna",
            {"email": f"baru{next(w.counter)}@contoh.co.id", "role": "member", "member_id": str(w.member_id)},
        ),
        signed(200, *MEMBER_AND_DPP),
    ),
    ("POST", "/portal/pengguna/{user_id}/status"): (
        lambda w, c: Call("POST", f"/portal/pengguna/{w.staff_user()}/status", {"disabled": "ya"}),
        signed(303, *MEMBER_AND_DPP),
    ),
    # -- shipments and manifests: member staff and the DPP (booking: member staff only)
    ("GET", "/portal/kiriman"): (lambda w, c: Call("GET", "/portal/kiriman"), signed(200, *MEMBER_AND_DPP)),
    ("GET", "/portal/kiriman/pesan"): (
        lambda w, c: Call("GET", "/portal/kiriman/pesan"),
        signed(200, *MEMBER_ONLY),
    ),
    ("POST", "/portal/kiriman/pesan"): (
        lambda w, c: Call("POST", "/portal/kiriman/pesan", {**BOOKING, "key": f"k-{next(w.counter)}"}),
        signed(303, *MEMBER_ONLY),
    ),
    ("GET", "/portal/kiriman/{number}"): (
        lambda w, c: Call("GET", f"/portal/kiriman/{w.number}"),
        signed(200, *MEMBER_AND_DPP),
    ),
    ("POST", "/portal/kiriman/{number}/batal"): (
        lambda w, c: Call("POST", f"/portal/kiriman/{w.own_shipment()}/batal"),
        signed(303, *MEMBER_AND_DPP),
    ),
    ("GET", "/portal/kiriman/{number}/label"): (
        lambda w, c: Call("GET", f"/portal/kiriman/{w.number}/label"),
        signed(200, *MEMBER_AND_DPP),
    ),
    ("GET", "/portal/manifest"): (lambda w, c: Call("GET", "/portal/manifest"), signed(200, *MEMBER_AND_DPP)),
    ("GET", "/portal/manifest/{manifest_id}"): (
        lambda w, c: Call("GET", f"/portal/manifest/{w.manifest_id}"),
        signed(200, *MEMBER_AND_DPP),
    ),
    ("POST", "/portal/manifest/{manifest_id}"): (
        lambda w, c: Call("POST", f"/portal/manifest/{w.manifest_id}", {"scanned": ""}),
        signed(200, *MEMBER_AND_DPP),
    ),
    # -- the association: officers and the DPP
    ("GET", "/portal/permohonan"): (lambda w, c: Call("GET", "/portal/permohonan"), signed(200, *STAFF)),
    ("GET", "/portal/permohonan/{app_id}"): (
        lambda w, c: Call("GET", f"/portal/permohonan/{w.application()}"),
        signed(200, *STAFF),
    ),
    ("POST", "/portal/permohonan/{app_id}"): (
        # Only the DPW of the province (or the DPP) recommends; the DPD officer sees but may not.
        lambda w, c: Call("POST", f"/portal/permohonan/{w.application()}", {"action": "recommend"}),
        signed(303, "dpw", "admin"),
    ),
    ("GET", "/portal/anggota"): (lambda w, c: Call("GET", "/portal/anggota"), signed(200, *STAFF)),
    ("GET", "/portal/perjanjian"): (lambda w, c: Call("GET", "/portal/perjanjian"), signed(200, *STAFF)),
    ("POST", "/portal/perjanjian/{agreement_id}/tahap"): (
        # Both parties in the DPD's regency, carried by its province: every officer there may act.
        lambda w, c: Call("POST", f"/portal/perjanjian/{w.agreement()}/tahap", {"stage": "negotiating"}),
        signed(303, *STAFF),
    ),
    ("GET", "/portal/rapat"): (lambda w, c: Call("GET", "/portal/rapat"), signed(200, *STAFF)),
    # -- collaboration impact: officers and the DPP, as POST /v1/impact (the run is computed
    # in the background; the test waits for every client's runs before closing it)
    ("GET", "/portal/dampak"): (lambda w, c: Call("GET", "/portal/dampak"), signed(200, *STAFF)),
    ("POST", "/portal/dampak"): (
        lambda w, c: Call("POST", "/portal/dampak", {"asal": "ketik", "kecamatan_asal": "31.71.06"}),
        signed(303, *STAFF),
    ),
    ("GET", "/portal/dampak/{run_id}"): (
        lambda w, c: Call("GET", f"/portal/dampak/{w.impact_run()}"),
        signed(200, *STAFF),
    ),
    ("GET", "/portal/dampak/{run_id}/{fmt}"): (
        lambda w, c: Call("GET", f"/portal/dampak/{w.impact_run()}/csv"),
        signed(200, *STAFF),
    ),
    ("GET", "/portal/laporan"): (lambda w, c: Call("GET", "/portal/laporan"), signed(200, *STAFF)),
    # -- the coverage map: public, like GET /v1/coverage and /v1/quotes/one-to-all
    ("GET", "/portal/peta"): (lambda w, c: Call("GET", "/portal/peta?asal=31.71.06"), everyone(200)),
    ("GET", "/portal/peta/data"): (
        lambda w, c: Call("GET", "/portal/peta/data?asal=31.71.06"),
        everyone(200),
    ),
    ("POST", "/portal/rapat/tindak-lanjut/{action_id}"): (
        lambda w, c: Call("POST", f"/portal/rapat/tindak-lanjut/{w.action()}", {"status": "done"}),
        signed(303, *STAFF),
    ),
    # -- my network feed: member staff
    ("GET", "/portal/jaringan"): (lambda w, c: Call("GET", "/portal/jaringan"), signed(200, *MEMBER_ONLY)),
    ("POST", "/portal/jaringan"): (
        lambda w, c: Call(
            "POST",
            "/portal/jaringan",
            {"action": "periksa"},
            files={"file": ("feed.zip", zip_of(VALID_FEED), "application/zip")},
        ),
        signed(200, *MEMBER_ONLY),
    ),
    ("POST", "/portal/jaringan/{feed_version}/aktifkan"): (
        lambda w, c: Call("POST", f"/portal/jaringan/{w.feed_version()}/aktifkan"),
        signed(303, *MEMBER_ONLY),
    ),
    # -- webhooks: member staff (the DPP registers for a member on the command line)
    ("GET", "/portal/webhook"): (lambda w, c: Call("GET", "/portal/webhook"), signed(200, *MEMBER_ONLY)),
    ("POST", "/portal/webhook"): (
        lambda w, c: Call(
            "POST",
            "/portal/webhook",
            {"url": "https://127.0.0.1/jalin", "event_types": ["shipment.delivered"]},
        ),
        signed(200, *MEMBER_ONLY),
    ),
    ("POST", "/portal/webhook/{endpoint_id}/{action}"): (
        lambda w, c: Call("POST", f"/portal/webhook/{w.webhook()}/tes"),
        signed(303, *MEMBER_ONLY),
    ),
    ("POST", "/portal/webhook/{endpoint_id}/kirim-ulang/{message_id}"): (
        lambda w, c: Call("POST", "/portal/webhook/{}/kirim-ulang/{}".format(*w.webhook_message())),
        signed(303, *MEMBER_ONLY),
    ),
    # -- settlement statements: member staff
    ("GET", "/portal/tagihan"): (lambda w, c: Call("GET", "/portal/tagihan"), signed(200, *MEMBER_ONLY)),
    ("GET", "/portal/tagihan/{period}/{fmt}"): (
        lambda w, c: Call("GET", f"/portal/tagihan/{w.period()}/csv"),
        signed(200, *MEMBER_ONLY),
    ),
    # -- the DPP's settlement desk: the admin only, as POST /v1/settlement/periods/{period}/close
    # and POST /v1/settlement/adjustments
    ("GET", "/portal/penyelesaian"): (lambda w, c: Call("GET", "/portal/penyelesaian"), signed(200, "admin")),
    ("GET", "/portal/penyelesaian/{period}"): (
        lambda w, c: Call("GET", f"/portal/penyelesaian/{w.period()}"),
        signed(200, "admin"),
    ),
    ("GET", "/portal/penyelesaian/{period}/laporan/{member}/{fmt}"): (
        lambda w, c: Call("GET", f"/portal/penyelesaian/{w.period()}/laporan/{w.partner_id}/csv"),
        signed(200, "admin"),
    ),
    ("GET", "/portal/penyelesaian/{period}/tutup"): (
        lambda w, c: Call("GET", f"/portal/penyelesaian/{w.ended_period()}/tutup"),
        signed(200, "admin"),
    ),
    ("POST", "/portal/penyelesaian/{period}/tutup"): (
        lambda w, c: Call("POST", f"/portal/penyelesaian/{w.ended_period()}/tutup"),
        signed(303, "admin"),
    ),
    ("GET", "/portal/penyelesaian/penyesuaian"): (
        lambda w, c: Call("GET", "/portal/penyelesaian/penyesuaian"),
        signed(200, "admin"),
    ),
    ("POST", "/portal/penyelesaian/penyesuaian"): (
        lambda w, c: Call(
            "POST",
            "/portal/penyelesaian/penyesuaian",
            {"payer": str(w.member_id), "payee": str(w.partner_id), "amount": "Rp12.500", "reason": "uji"},
        ),
        signed(303, "admin"),
    ),
    # -- my company: member staff
    ("GET", "/portal/perusahaan"): (
        lambda w, c: Call("GET", "/portal/perusahaan"),
        signed(200, *MEMBER_ONLY),
    ),
    ("POST", "/portal/perusahaan/kunci"): (
        lambda w, c: Call("POST", "/portal/perusahaan/kunci", {"label": "gudang"}),
        signed(200, *MEMBER_ONLY),
    ),
    ("POST", "/portal/perusahaan/kunci/{key_id}/cabut"): (
        lambda w, c: Call("POST", f"/portal/perusahaan/kunci/{_new_key(w)}/cabut"),
        signed(303, *MEMBER_ONLY),
    ),
}


def portal_routes() -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()

    def walk(routes) -> None:  # type: ignore[no-untyped-def]
        for r in routes:
            if isinstance(r, APIRoute):
                path = re.sub(r"\{(\w+):\w+\}", r"{\1}", r.path)
                if is_portal(path):
                    found.update((m, path) for m in r.methods if m not in ("HEAD", "OPTIONS"))
            elif hasattr(r, "original_router"):
                walk(r.original_router.routes)

    walk(create_app(Settings(database_url="sqlite://")).routes)
    return found


def test_every_portal_route_has_a_row():
    routes = portal_routes()
    assert routes - set(EXPECTED) == set(), "add these pages to EXPECTED in tests/test_portal_matrix.py"
    assert set(EXPECTED) - routes == set(), "these rows name pages the portal no longer has"


def _answer(r: Any) -> Expected:
    if r.status_code == 303 and r.headers["location"].startswith("/portal/masuk?lanjut="):
        return SIGNIN
    return int(r.status_code)


def _csrf(client: TestClient) -> str:
    page = client.get("/portal/akun", follow_redirects=False)
    if page.status_code != 200:
        page = client.get("/portal/masuk", follow_redirects=False)
    return csrf_of(page.text) if page.status_code == 200 else ""


def test_page_by_visitor_matrix(net_world, monkeypatch):
    monkeypatch.setenv("JALIN_WEBHOOKS_ALLOW_PRIVATE", "true")  # the test receiver is 127.0.0.1
    w = net_world
    clients = {c: w.client(None if c == "public" else c) for c in CALLERS}
    failures = []
    try:
        for (method, path), (build, expected) in EXPECTED.items():
            for caller in CALLERS:
                call = build(w, caller)
                assert call.method == method
                client = w.client(None if caller == "public" else caller) if call.fresh else clients[caller]
                data = dict(call.data)
                if method == "POST":
                    data["csrf"] = _csrf(client)
                r = client.request(
                    method, call.url, data=data or None, files=call.files or None, follow_redirects=False
                )
                if call.fresh:
                    client.__exit__(None, None, None)
                got = _answer(r)
                if got != expected[caller]:
                    failures.append(
                        f"{method} {path} as {caller}: {got} != {expected[caller]} {r.text[:200]}"
                    )
    finally:
        for c in clients.values():
            assert c.app.state.impact_runs.wait(120), "an impact run did not end"  # type: ignore[attr-defined]
            c.__exit__(None, None, None)
    assert not failures, "\n".join(failures)
