"""Signing in to the portal, on SQLite and PostgreSQL: sessions, CSRF, lockout, logout, password
change, invitations, and that a session is the same principal an API key gives."""

from __future__ import annotations

from datetime import timedelta

import pytest

from jalin.registry.people import MAX_FAILURES, Failures, after_failure, is_locked
from jalin.services.users import COOKIE
from tests.portal_world import EMAILS, PASSWORD, csrf_of, new_client, portal_world, sign_in

__all__ = ["portal_world"]


def test_sign_in_sets_a_hardened_cookie_and_opens_the_home_page(portal_world):
    with new_client(portal_world.db_url) as c:
        r = sign_in(c, EMAILS["member"])
        assert r.status_code == 303 and r.headers["location"] == "/portal"
        cookie = r.headers["set-cookie"]
        assert cookie.startswith(f"{COOKIE}=") and "HttpOnly" in cookie and "Secure" in cookie
        assert "samesite=lax" in cookie.lower() and "Max-Age" not in cookie
        home = c.get("/portal")
        assert home.status_code == 200 and "Budi member" in home.text
        assert home.headers["cache-control"] == "no-store"


def test_cookie_secure_can_be_turned_off_for_plain_http(portal_world):
    from fastapi.testclient import TestClient

    from jalin.api import create_app
    from jalin.settings import Settings

    app = create_app(Settings(database_url=portal_world.db_url, cookie_secure=False))
    with TestClient(app) as c:
        r = sign_in(c, EMAILS["member"])
        assert r.status_code == 303 and "Secure" not in r.headers["set-cookie"]
        assert c.get("/portal").status_code == 200


def test_a_page_without_a_session_sends_the_visitor_to_sign_in_and_back(portal_world):
    with new_client(portal_world.db_url) as c:
        r = c.get("/portal/akun", follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/portal/masuk?lanjut=/portal/akun"
        form = c.get(r.headers["location"])
        assert 'name="lanjut" value="/portal/akun"' in form.text
        done = c.post(
            "/portal/masuk",
            data={
                "email": EMAILS["dpw"],
                "password": PASSWORD,
                "csrf": csrf_of(form.text),
                "lanjut": "/portal/akun",
            },
            follow_redirects=False,
        )
        assert done.headers["location"] == "/portal/akun"


def test_next_never_leaves_the_portal(portal_world):
    with new_client(portal_world.db_url) as c:
        form = c.get("/portal/masuk?lanjut=//evil.example/x")
        assert 'name="lanjut" value="/portal"' in form.text


@pytest.mark.parametrize("csrf", [None, "", "wrong-token"])
def test_a_form_without_the_sessions_csrf_token_is_refused(portal_world, csrf):
    with new_client(portal_world.db_url) as c:
        assert sign_in(c, EMAILS["admin"]).status_code == 303
        data = {"email": "baru@contoh.co.id", "role": "admin"}
        if csrf is not None:
            data["csrf"] = csrf
        r = c.post("/portal/pengguna", data=data)
        assert r.status_code == 403 and "text/html" in r.headers["content-type"]
        assert "Formulir ini kedaluwarsa" in r.text
        assert "baru@contoh.co.id" not in c.get("/portal/pengguna").text


def test_the_sign_in_form_needs_its_csrf_token_too(portal_world):
    with new_client(portal_world.db_url) as c:
        c.get("/portal/masuk")
        r = c.post(
            "/portal/masuk", data={"email": EMAILS["admin"], "password": PASSWORD}, follow_redirects=False
        )
        assert r.status_code == 403 and COOKIE not in r.headers.get("set-cookie", "")


def test_another_sessions_csrf_token_does_not_work(portal_world):
    with new_client(portal_world.db_url) as a, new_client(portal_world.db_url) as b:
        sign_in(a, EMAILS["admin"])
        sign_in(b, EMAILS["admin"])
        token_of_b = csrf_of(b.get("/portal/pengguna").text)
        r = a.post("/portal/pengguna", data={"email": "x@contoh.co.id", "csrf": token_of_b})
        assert r.status_code == 403


def test_sign_in_rotates_the_session_so_a_planted_one_is_worthless(portal_world):
    """Session fixation: the id a visitor had before signing in opens nothing afterwards."""
    with new_client(portal_world.db_url) as c:
        c.get("/portal/masuk")
        before = c.cookies.get(COOKIE)
        assert before
        sign_in(c, EMAILS["admin"])
        after = c.cookies.get(COOKIE)
        assert after and after != before
    with new_client(portal_world.db_url) as attacker:
        r = attacker.get("/portal", follow_redirects=False, headers={"Cookie": f"{COOKIE}={before}"})
        assert r.status_code == 303 and r.headers["location"].startswith("/portal/masuk")


def test_logout_ends_the_session_on_the_server(portal_world):
    with new_client(portal_world.db_url) as c:
        sign_in(c, EMAILS["member"])
        token = c.cookies.get(COOKIE)
        r = c.post("/portal/keluar", data={"csrf": csrf_of(c.get("/portal").text)}, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/portal/masuk")
        assert f'{COOKIE}=""' in r.headers["set-cookie"] or "Max-Age=0" in r.headers["set-cookie"]
    with new_client(portal_world.db_url) as replay:
        r = replay.get("/portal", headers={"Cookie": f"{COOKIE}={token}"}, follow_redirects=False)
        assert r.status_code == 303


def test_wrong_password_and_unknown_address_answer_alike(portal_world):
    with new_client(portal_world.db_url) as c:
        wrong = sign_in(c, EMAILS["member"], "bukan kata sandinya")
        unknown = sign_in(c, "tidak.ada@contoh.co.id", "bukan kata sandinya")
        assert wrong.status_code == unknown.status_code == 401
        assert _alert(wrong.text) == _alert(unknown.text) != ""


def _alert(html: str) -> str:
    start = html.find('role="alert"')
    return html[start : html.find("</div>", start)] if start >= 0 else ""


def test_lockout_after_repeated_failures_even_with_the_right_password(portal_world):
    with new_client(portal_world.db_url) as c:
        for _ in range(MAX_FAILURES - 1):
            assert sign_in(c, EMAILS["dpd"], "salah salah salah").status_code == 401
        assert sign_in(c, EMAILS["dpd"], "salah salah salah").status_code == 429
        locked = sign_in(c, EMAILS["dpd"], PASSWORD)
        assert locked.status_code == 429 and "15 menit" in locked.text
        # Another account is not affected; an unknown address locks the same way (no enumeration).
        assert sign_in(c, EMAILS["dpw"]).status_code == 303
    with new_client(portal_world.db_url) as c:
        for _ in range(MAX_FAILURES):
            last = sign_in(c, "tidak.ada@contoh.co.id", "salah salah salah")
        assert last.status_code == 429  # type: ignore[attr-defined]


def test_lockout_rule_window_and_expiry():
    from datetime import UTC, datetime

    t0 = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)
    state = None
    for i in range(MAX_FAILURES):
        state = after_failure(state, t0 + timedelta(minutes=i))
    assert is_locked(state, t0 + timedelta(minutes=MAX_FAILURES))
    assert not is_locked(state, t0 + timedelta(minutes=MAX_FAILURES - 1 + 15))
    # Failures spread wider than the window never lock.
    spread = None
    for i in range(MAX_FAILURES * 3):
        spread = after_failure(spread, t0 + timedelta(minutes=16 * i))
        assert not is_locked(spread, t0 + timedelta(minutes=16 * i))
    # After a lock runs out, counting starts again.
    assert (
        after_failure(Failures(5, t0, t0 + timedelta(minutes=15)), t0 + timedelta(minutes=20)).failures == 1
    )


def test_password_change_ends_other_sessions_and_keeps_this_one(portal_world):
    with new_client(portal_world.db_url) as here, new_client(portal_world.db_url) as there:
        sign_in(here, EMAILS["member"])
        sign_in(there, EMAILS["member"])
        page = here.get("/portal/akun")
        new = "kata sandi baru yang panjang"
        bad = here.post(
            "/portal/akun",
            data={"csrf": csrf_of(page.text), "current": "salah", "password": new, "repeat": new},
        )
        assert bad.status_code == 401
        r = here.post(
            "/portal/akun",
            data={"csrf": csrf_of(page.text), "current": PASSWORD, "password": new, "repeat": new},
            follow_redirects=False,
        )
        assert r.status_code == 303
        assert here.get("/portal", follow_redirects=False).status_code == 200
        assert there.get("/portal", follow_redirects=False).status_code == 303
    with new_client(portal_world.db_url) as c:
        assert sign_in(c, EMAILS["member"]).status_code == 401
        assert sign_in(c, EMAILS["member"], new).status_code == 303


def test_a_weak_password_is_refused(portal_world):
    with new_client(portal_world.db_url) as c:
        sign_in(c, EMAILS["member"])
        page = c.get("/portal/akun")
        r = c.post(
            "/portal/akun",
            data={"csrf": csrf_of(page.text), "current": PASSWORD, "password": "pendek", "repeat": "pendek"},
        )
        assert r.status_code == 422 and "minimal 10 karakter" in r.text


def test_admin_invites_with_a_one_time_link(portal_world):
    with new_client(portal_world.db_url) as admin:
        sign_in(admin, EMAILS["admin"])
        page = admin.get("/portal/pengguna")
        r = admin.post(
            "/portal/pengguna",
            data={
                "csrf": csrf_of(page.text),
                "email": "Siti@Contoh.co.id",
                "name": "Siti",
                "role": "officer",
                "board": "32",
            },
        )
        assert r.status_code == 200 and "siti@contoh.co.id" in r.text
        link = r.text.split('class="link-once">', 1)[1].split("<", 1)[0]
        path = link.split("testserver", 1)[1]
        assert path.startswith("/portal/undangan/")
    with new_client(portal_world.db_url) as siti:
        form = siti.get(path)
        assert form.status_code == 200 and "Siti" in form.text
        pw = "siti punya kata sandi"
        r = siti.post(
            path, data={"csrf": csrf_of(form.text), "password": pw, "repeat": pw}, follow_redirects=False
        )
        assert r.status_code == 303
        assert "Siti" in siti.get("/portal").text
        again = siti.get(path)
        assert again.status_code == 404 and "undangan" in again.text.lower()
    with new_client(portal_world.db_url) as c:
        assert sign_in(c, "siti@contoh.co.id", "siti punya kata sandi").status_code == 303


def test_disabling_a_user_ends_their_sessions(portal_world):
    with new_client(portal_world.db_url) as admin, new_client(portal_world.db_url) as member:
        sign_in(admin, EMAILS["admin"])
        sign_in(member, EMAILS["member"])
        page = admin.get("/portal/pengguna")
        uid = page.text.split(EMAILS["member"], 1)[1].split("/portal/pengguna/", 1)[1].split("/", 1)[0]
        r = admin.post(
            f"/portal/pengguna/{uid}/status",
            data={"csrf": csrf_of(page.text), "disabled": "ya"},
            follow_redirects=False,
        )
        assert r.status_code == 303
        assert member.get("/portal", follow_redirects=False).status_code == 303
        assert sign_in(member, EMAILS["member"]).status_code == 401


def test_a_session_is_the_same_principal_an_api_key_gives(portal_world):
    """The session resolves to the `Principal` type with the key's role and tenant."""
    from jalin.registry.rules import BoardLevel, Role
    from jalin.services.users import resolve
    from jalin.storage.db import make_engine

    with new_client(portal_world.db_url) as c:
        sign_in(c, EMAILS["dpd"])
        token = c.cookies.get(COOKIE)
    engine = make_engine(portal_world.db_url)
    visitor = resolve(engine, token)
    engine.dispose()
    assert visitor is not None
    p = visitor.principal
    assert (p.role, p.board_level, p.region_code, p.member_id) == (
        Role.OFFICER,
        BoardLevel.DPD,
        "32.73",
        None,
    )
    assert p.actor == f"user:{visitor.user_id}"


def test_users_cli_lists_invites_and_disables(portal_world, monkeypatch):
    from typer.testing import CliRunner

    from jalin.cli import app as cli

    runner = CliRunner()
    out = runner.invoke(
        cli,
        [
            "users",
            "invite",
            "ani@contoh.co.id",
            "--role",
            "member",
            "--member",
            str(portal_world.ids["member"]),
        ],
    )
    assert out.exit_code == 0, out.output
    assert "/portal/undangan/" in out.output.strip().splitlines()[-1]
    listed = runner.invoke(cli, ["users", "list", "--json"])
    assert "ani@contoh.co.id" in listed.output and "password_hash" not in listed.output
    assert runner.invoke(cli, ["users", "disable", EMAILS["dpw"]]).exit_code == 0
    with new_client(portal_world.db_url) as c:
        assert sign_in(c, EMAILS["dpw"]).status_code == 401
    bad = runner.invoke(
        cli, ["users", "add", "x@contoh.co.id", "--role", "officer", "--board", "99", "--password", PASSWORD]
    )
    assert bad.exit_code == 2 and "unknown_region" in bad.output
