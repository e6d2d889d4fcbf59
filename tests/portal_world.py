"""A portal world: one user per role (member staff, DPD officer, DPW officer, DPP admin), made as
an operator would (`jalin users add`), on the registry world's members and boards, and a helper
that signs a test client in through the sign-in form like a browser."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from jalin.api import create_app
from jalin.settings import Settings
from tests.registry_world import HOME_REGENCY, company

PASSWORD = "kata sandi yang panjang"
ROLES = ("member", "dpd", "dpw", "admin")
EMAILS = {r: f"{r}@contoh.co.id" for r in ROLES}

_CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def csrf_of(html: str) -> str:
    found = _CSRF.search(html)
    assert found, "no CSRF field on the page"
    return found.group(1)


def sign_in(client: TestClient, email: str, password: str = PASSWORD) -> object:
    form = client.get("/portal/masuk")
    assert form.status_code == 200, form.text[:300]
    return client.post(
        "/portal/masuk",
        data={"email": email, "password": password, "csrf": csrf_of(form.text)},
        follow_redirects=False,
    )


def new_client(db_url: str) -> TestClient:
    """A browser-like client over HTTPS (the session cookie is `Secure`)."""
    return TestClient(create_app(Settings(database_url=db_url)), base_url="https://testserver")


@dataclass
class PortalWorld:
    db_url: str
    admin_key: str
    ids: dict[str, int] = field(default_factory=dict)

    def client(self, role: str | None = None) -> TestClient:
        c = new_client(self.db_url)
        c.__enter__()
        if role is not None:
            r = sign_in(c, EMAILS[role])
            assert r.status_code == 303, r.text[:300]  # type: ignore[attr-defined]
        return c


def add_user(role: str, *args: str) -> None:
    from jalin.cli import app as cli

    out = CliRunner().invoke(
        cli, ["users", "add", EMAILS[role], "--name", f"Budi {role}", "--password", PASSWORD, *args]
    )
    assert out.exit_code == 0, out.output


@pytest.fixture
def portal_world(engine, db_url, monkeypatch):  # type: ignore[no-untyped-def]
    from jalin.cli import app as cli

    monkeypatch.setenv("JALIN_DATABASE_URL", db_url)
    out = CliRunner().invoke(cli, ["admin", "create-key", "--role", "admin"])
    assert out.exit_code == 0, out.output
    key = out.output.strip().splitlines()[-1]
    w = PortalWorld(db_url, key)
    with new_client(db_url) as c:
        headers = {"X-API-Key": key}
        r = c.post(
            "/v1/members", headers=headers, json=company("9120000000001", "TESTX", HOME_REGENCY, "Satu")
        )
        assert r.status_code == 201, r.text
        w.ids["member"] = r.json()["id"]
    add_user("member", "--role", "member", "--member", str(w.ids["member"]))
    add_user("dpd", "--role", "officer", "--board", HOME_REGENCY)
    add_user("dpw", "--role", "officer", "--board", "32")
    add_user("admin", "--role", "admin")
    return w
