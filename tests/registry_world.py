"""A registry world for access and state-machine tests, set up as an operator would: the first
admin key from the CLI, everything else over the HTTP API (never through internal modules).

Regions: Kota Bandung (32.73) and Kab. Bogor (32.01) in Jawa Barat (32), and Kota Kendari (74.71)
in Sulawesi Tenggara (74). The DPD officer is Kota Bandung's, the DPW officer Jawa Barat's, the
member a company in Kota Bandung.
"""

from __future__ import annotations

import io
import itertools
import zipfile
from dataclasses import dataclass, field
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from jalin.api import create_app
from jalin.settings import Settings

CALLERS = ("public", "member", "dpd", "dpw", "admin")

HOME_REGENCY, OTHER_REGENCY_SAME_PROVINCE, OTHER_PROVINCE_REGENCY = "32.73", "32.01", "74.71"


def company(nib: str, carrier: str | None, regency: str, name: str) -> dict[str, Any]:
    return {
        "legal_name": f"PT {name}",
        "brand": name,
        "nib": nib,
        "type": "courier",
        "carrier_id": carrier,
        "regency_code": regency,
        "contact_name": "Budi Santoso",
    }


@dataclass
class World:
    client: TestClient
    root: str  # the operator's admin key, for setting up; never revoked
    keys: dict[str, str | None]
    ids: dict[str, int] = field(default_factory=dict)
    counter: itertools.count = field(default_factory=lambda: itertools.count(100))

    def admin(self, method: str, url: str, **kwargs: Any) -> Any:
        r = self.client.request(method, url, headers={"X-API-Key": self.root}, **kwargs)
        assert r.status_code in (200, 201), (method, url, r.status_code, r.text[:300])
        return r.json()

    def every(self, url: str, **params: Any) -> list[Any]:
        """Every item of a list, following `next_cursor` page by page."""
        items: list[Any] = []
        cursor = None
        while True:
            page = self.admin(
                "GET", url, params={**params, "limit": 500, **({"cursor": cursor} if cursor else {})}
            )
            items += page["items"]
            cursor = page["next_cursor"]
            if cursor is None:
                return items

    def nib(self) -> str:
        return f"91200000{next(self.counter):05d}"

    # Fresh objects, so that one call never depends on another (a revoked key, a moved stage).
    def agreement(self, parties: list[int], province: str | None = "32", **extra: Any) -> int:
        body = {"title": "Serah terima", "kind": "interline_handover", "parties": parties, **extra}
        if province:
            body["province_code"] = province
        return self.admin("POST", "/v1/agreements", json=body)["id"]

    def meeting(self, host: str, members: list[int]) -> int:
        body = {"held_on": "2026-11-20", "place": "Kantor Pos", "host": host, "members": members}
        return self.admin("POST", "/v1/meetings", json={**body, "topics": "serah terima"})["id"]

    def action(self, meeting_id: int) -> int:
        body = {"description": "tanda tangan MoU", "owner": "DPW", "due_on": "2026-12-15"}
        return self.admin("POST", f"/v1/meetings/{meeting_id}/actions", json=body)["id"]

    def application(self, regency: str) -> int:
        body = company(self.nib(), None, regency, f"Pemohon {next(self.counter)}")
        return self.admin("POST", "/v1/applications", json=body)["id"]

    def document(self, agreement_id: int) -> int:
        files = {"file": ("mou.pdf", b"%PDF-1.4 mou", "application/pdf")}
        return self.admin("POST", f"/v1/agreements/{agreement_id}/documents", files=files)["id"]

    def key_for(self, caller: str) -> tuple[int, str]:
        """A fresh key of the caller's kind (id, secret), which that caller may revoke."""
        body = {
            "member": {"role": "member", "member_id": self.ids["member"]},
            "dpd": {"role": "officer", "board": HOME_REGENCY},
            "dpw": {"role": "officer", "board": "32"},
            "admin": {"role": "admin"},
        }.get(caller, {"role": "member", "member_id": self.ids["member"]})
        made = self.admin("POST", "/v1/keys", json={**body, "label": "spare"})
        return made["id"], made["key"]


def zip_of(files: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, text in files.items():
            zf.writestr(name, text)
    return buf.getvalue()


@pytest.fixture
def world(engine, db_url, monkeypatch):  # type: ignore[no-untyped-def]
    """Bootstrapped as an operator would: the first admin key from the CLI, then the API only."""
    from jalin.cli import app as cli

    monkeypatch.setenv("JALIN_DATABASE_URL", db_url)
    out = CliRunner().invoke(cli, ["admin", "create-key", "--role", "admin"])
    assert out.exit_code == 0, out.output
    admin_key = out.output.strip().splitlines()[-1]
    with TestClient(create_app(Settings(database_url=db_url))) as client:
        w = World(client, admin_key, {"public": None})
        w.ids["member"] = w.admin(
            "POST", "/v1/members", json=company(w.nib(), "TESTX", HOME_REGENCY, "Satu")
        )["id"]
        w.ids["partner"] = w.admin(
            "POST", "/v1/members", json=company(w.nib(), "TESTZ", HOME_REGENCY, "Mitra")
        )["id"]
        w.ids["bogor"] = w.admin(
            "POST", "/v1/members", json=company(w.nib(), "TESTB", OTHER_REGENCY_SAME_PROVINCE, "Bogor")
        )["id"]
        w.ids["bogor2"] = w.admin(
            "POST", "/v1/members", json=company(w.nib(), "TESTC", OTHER_REGENCY_SAME_PROVINCE, "Bogor Dua")
        )["id"]
        w.ids["kendari"] = w.admin(
            "POST", "/v1/members", json=company(w.nib(), "TESTY", OTHER_PROVINCE_REGENCY, "Kendari")
        )["id"]
        w.ids["kendari2"] = w.admin(
            "POST", "/v1/members", json=company(w.nib(), "TESTK", OTHER_PROVINCE_REGENCY, "Kendari Dua")
        )["id"]
        for caller in ("member", "dpd", "dpw", "admin"):
            w.keys[caller] = w.key_for(caller)[1]
        yield w
