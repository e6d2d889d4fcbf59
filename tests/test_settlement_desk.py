"""The DPP's settlement desk in the portal (/portal/penyelesaian): closing a period after a
confirmation step and recording adjustments, through the same services as the API, with CSRF,
the API's roles, Indonesian errors naming the field, and the audit row naming the person."""

from __future__ import annotations

import re

from fastapi.routing import APIRoute
from sqlalchemy import text

from jalin.api import create_app
from jalin.http.auth import route_roles
from jalin.registry.access import Principal
from jalin.registry.rules import Role
from jalin.services.settlement import periods
from jalin.settings import Settings
from jalin.web.portal.common import parse_rupiah
from tests.portal_network_world import net_world
from tests.portal_world import csrf_of

__all__ = ["net_world"]


def _roles(method: str, path: str) -> frozenset[str]:
    app = create_app(Settings(database_url="sqlite://"))

    def walk(routes):  # type: ignore[no-untyped-def]
        for r in routes:
            if isinstance(r, APIRoute) and r.path == path and method in r.methods:
                return route_roles(r)
            if hasattr(r, "original_router"):
                found = walk(r.original_router.routes)
                if found is not None:
                    return found
        return None

    roles = walk(app.routes)
    assert roles is not None, (method, path)
    return frozenset(r.value for r in roles)


def test_the_pages_allow_exactly_the_roles_of_the_api_routes():
    close_api = _roles("POST", "/v1/settlement/periods/{period}/close")
    # Any member's statement: the API lets a member read its own too; the desk is the admin's.
    assert "admin" in _roles("GET", "/v1/settlement/periods/{period}/statements/{member}")
    adjust_api = _roles("POST", "/v1/settlement/adjustments")
    assert close_api == adjust_api == {"admin"}
    for method, path in (
        ("GET", "/portal/penyelesaian"),
        ("GET", "/portal/penyelesaian/{period}"),
        ("GET", "/portal/penyelesaian/{period}/laporan/{member}/{fmt}"),
        ("GET", "/portal/penyelesaian/{period}/tutup"),
        ("POST", "/portal/penyelesaian/{period}/tutup"),
        ("GET", "/portal/penyelesaian/penyesuaian"),
        ("POST", "/portal/penyelesaian/penyesuaian"),
    ):
        assert _roles(method, path) == close_api, path


def test_amounts_as_people_write_them():
    for written, amount in (
        ("25000", 25000),
        ("25.000", 25000),
        ("Rp25.000", 25000),
        ("Rp 1.250.000,-", 1250000),
    ):
        assert parse_rupiah(written) == amount, written
    for bad in ("", "25,5", "-5000", "2.50", "dua puluh", "25.00.0", "Rp"):
        assert parse_rupiah(bad) is None, bad


def _audit(w, action: str) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    with w.engine.connect() as conn:
        rows = conn.execute(
            text("SELECT actor, entity_id FROM audit_log WHERE action = :a ORDER BY id"), {"a": action}
        )
        return [(str(a), str(e)) for a, e in rows]


def _admin_user_id(w) -> int:  # type: ignore[no-untyped-def]
    with w.engine.connect() as conn:
        return int(conn.execute(text("SELECT id FROM users WHERE email = 'admin@contoh.co.id'")).scalar_one())


def test_closing_asks_first_then_freezes_the_period_and_audits_the_person(net_world):
    w = net_world
    period = w.ended_period()
    admin = w.client("admin")
    try:
        confirm = admin.get(f"/portal/penyelesaian/{period}/tutup")
        assert confirm.status_code == 200
        assert f"Tutup periode {period}?" in confirm.text and "tidak bisa dibatalkan" in confirm.text
        assert _audit(w, "settlement.close") == []  # opening the confirmation changes nothing
        # Without the session's CSRF token: the refusal page, nothing closed.
        forged = admin.post(
            f"/portal/penyelesaian/{period}/tutup", data={"csrf": "palsu"}, follow_redirects=False
        )
        assert forged.status_code == 403 and _audit(w, "settlement.close") == []
        done = admin.post(
            f"/portal/penyelesaian/{period}/tutup",
            data={"csrf": csrf_of(confirm.text)},
            follow_redirects=False,
        )
        assert done.status_code == 303
        assert done.headers["location"] == f"/portal/penyelesaian?ok=portal.clearing.closed#p-{period}"
        desk = admin.get(done.headers["location"])
        assert "Periode ditutup; angkanya sekarang beku." in desk.text
        assert "periode ditutup" in desk.text.split('id="riwayat"')[1]  # the history, translated
        assert _audit(w, "settlement.close") == [(f"user:{_admin_user_id(w)}", period)]
        assert periods.show(w.engine, Principal(Role.ADMIN), period)["status"] == "closed"
        # Closing again: the Indonesian sentence on the confirmation page, no second audit row.
        again = admin.post(f"/portal/penyelesaian/{period}/tutup", data={"csrf": csrf_of(confirm.text)})
        assert again.status_code == 409
        assert "sudah ditutup" in again.text and 'id="close-error"' in again.text
        assert "Ya, tutup periode" not in again.text
        assert len(_audit(w, "settlement.close")) == 1
    finally:
        admin.__exit__(None, None, None)


def test_the_current_week_cannot_be_closed_and_offers_no_button(net_world):
    w = net_world
    admin = w.client("admin")
    try:
        desk = admin.get("/portal/penyelesaian")
        current = re.search(r'<tr id="p-(\d{4}-W\d{2})">', desk.text).group(1)
        row = desk.text.split(f'<tr id="p-{current}">')[1].split("</tr>")[0]
        assert "/tutup" not in row  # the week is still running
        r = admin.post(f"/portal/penyelesaian/{current}/tutup", data={"csrf": csrf_of(desk.text)})
        assert r.status_code == 409 and "belum berakhir" in r.text
    finally:
        admin.__exit__(None, None, None)


def test_an_adjustment_is_recorded_in_the_open_period_and_shown_in_the_history(net_world):
    w = net_world
    admin = w.client("admin")
    try:
        form = admin.get("/portal/penyelesaian/penyesuaian")
        assert form.status_code == 200
        assert (
            f'<option value="{w.member_id}"' in form.text and f'<option value="{w.partner_id}"' in form.text
        )
        done = admin.post(
            "/portal/penyelesaian/penyesuaian",
            data={
                "csrf": csrf_of(form.text),
                "payer": str(w.member_id),
                "payee": str(w.partner_id),
                "amount": "Rp25.000",
                "reason": "Ongkos leg 2 salah hitung",
                "number": w.number.lower(),
            },
            follow_redirects=False,
        )
        assert done.status_code == 303, done.text[:500]
        desk = admin.get(done.headers["location"])
        history = desk.text.split('id="riwayat"')[1]
        assert "penyesuaian dicatat" in history and "Rp25.000" in history
        assert "Penyesuaian: Ongkos leg 2 salah hitung" in history
        [(actor, line_id)] = _audit(w, "settlement.adjust")
        assert actor == f"user:{_admin_user_id(w)}"
        # The member sees the line among its own, as the payer.
        member = w.client("member")
        try:
            period = w.period()
            lines = member.get(f"/portal/tagihan/{period}/csv").text
            assert "adjustment" in lines and "25000" in lines and w.number in lines
        finally:
            member.__exit__(None, None, None)
        assert line_id
    finally:
        admin.__exit__(None, None, None)


def test_refusals_name_the_field_in_indonesian_and_record_nothing(net_world):
    w = net_world
    admin = w.client("admin")
    try:
        token = csrf_of(admin.get("/portal/penyelesaian/penyesuaian").text)
        good = {
            "csrf": token,
            "payer": str(w.member_id),
            "payee": str(w.partner_id),
            "amount": "5000",
            "reason": "x",
        }
        cases = [
            ({"amount": "5.000,50"}, "amount", "rupiah bulat"),
            ({"amount": "0"}, "amount", "rupiah bulat"),
            ({"payee": str(w.member_id)}, "payee", "dua anggota yang berbeda"),
            ({"payer": ""}, "payer", "Pilih anggota pembayar"),
            ({"payee": "999999"}, "payee", "Anggota penerima ini tidak ada"),
            ({"reason": "  "}, "reason", "Tulis alasan"),
            ({"number": "JL000000000ID"}, "number", "Tidak ada kiriman dengan nomor ini"),
        ]
        for change, field, sentence in cases:
            r = admin.post("/portal/penyelesaian/penyesuaian", data={**good, **change})
            assert r.status_code == 422, (change, r.status_code)
            assert sentence in r.text, (change, r.text[:2000])
            marked = re.search(rf'id="{field}"[^>]*aria-invalid="true"', r.text)
            assert marked, (field, r.text[:3000])
            assert r.text.count('aria-invalid="true"') == 1
        # What was typed stays on the form.
        r = admin.post(
            "/portal/penyelesaian/penyesuaian", data={**good, "amount": "lima ribu", "reason": "Salah tarif"}
        )
        assert 'value="lima ribu"' in r.text and 'value="Salah tarif"' in r.text
        assert f'<option value="{w.partner_id}" selected' in r.text
        assert _audit(w, "settlement.adjust") == []
    finally:
        admin.__exit__(None, None, None)


def test_officers_and_members_are_refused_even_with_a_valid_token(net_world):
    w = net_world
    for role in ("member", "dpw"):
        c = w.client(role)
        try:
            token = csrf_of(c.get("/portal/akun").text)
            r = c.post(
                "/portal/penyelesaian/penyesuaian",
                data={
                    "csrf": token,
                    "payer": str(w.member_id),
                    "payee": str(w.partner_id),
                    "amount": "1",
                    "reason": "x",
                },
            )
            assert r.status_code == 403
            assert "/portal/penyelesaian" not in c.get("/portal").text  # not in their menu either
        finally:
            c.__exit__(None, None, None)
    assert _audit(w, "settlement.adjust") == []


def test_the_dpp_reads_every_members_position_and_downloads_its_statement(net_world):
    w = net_world
    from jalin.registry.access import CLI_ADMIN
    from jalin.services.settlement import adjustments

    adjustments.record_adjustment(
        w.engine, CLI_ADMIN, {"payer": w.member_id, "payee": w.partner_id, "amount": 4321, "reason": "uji"}
    )
    period = w.period()
    admin = w.client("admin")
    try:
        desk = admin.get("/portal/penyelesaian")
        assert f'href="/portal/penyelesaian/{period}"' in desk.text
        detail = admin.get(f"/portal/penyelesaian/{period}")
        assert detail.status_code == 200 and f"Periode {period}" in detail.text
        assert "Ya, tutup periode" not in detail.text  # the running week: neither form nor link
        assert "membayar Rp4.321" in detail.text and "menerima Rp4.321" in detail.text
        link = f"/portal/penyelesaian/{period}/laporan/{w.partner_id}/csv"
        assert f'href="{link}"' in detail.text
        csv = admin.get(link)
        assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
        assert "4321" in csv.text and csv.headers["cache-control"] == "no-store"
    finally:
        admin.__exit__(None, None, None)
