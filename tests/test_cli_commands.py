"""The commands an operator runs, end to end on a fresh database: network generate, agreements
import, admin revoke-key / add-officer, members status, geo load / search, serve and demo.

Effects are checked through the HTTP API or the commands' own --json output, not through the
services' internals."""

from __future__ import annotations

import hashlib
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from jalin.api import create_app
from jalin.cli import app
from jalin.settings import Settings

runner = CliRunner()


@pytest.fixture
def cli_db(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'j.db'}"
    monkeypatch.setenv("JALIN_DATABASE_URL", url)
    monkeypatch.setenv("JALIN_DATA_DIR", str(tmp_path / "var"))
    assert runner.invoke(app, ["db", "upgrade"]).exit_code == 0
    return url


def _ok(args: list[str]) -> str:
    r = runner.invoke(app, args)
    assert r.exit_code == 0, (args, r.output)
    return r.stdout


def _admin_key() -> str:
    return _ok(["admin", "create-key", "--role", "admin"]).strip().splitlines()[-1]


def _tree_hash(folder: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            h.update(str(p.relative_to(folder)).encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


@pytest.fixture(scope="module")
def generated(tmp_path_factory):  # type: ignore[no-untyped-def]
    out = tmp_path_factory.mktemp("net") / "small"
    r = runner.invoke(app, ["network", "generate", "--out", str(out), "--preset", "small", "--seed", "3"])
    assert r.exit_code == 0, r.output
    return out


def test_network_generate_writes_valid_feeds_deterministically(generated, tmp_path, atlas):
    from jalin.network.validator import validate_feed

    feeds = [p for p in generated.iterdir() if p.is_dir()]
    assert len(feeds) >= 2 and (generated / "agreements.csv").is_file()
    assert all(validate_feed(f, atlas).valid for f in feeds)
    again = tmp_path / "again"
    _ok(["network", "generate", "--out", str(again), "--preset", "small", "--seed", "3"])
    assert _tree_hash(again) == _tree_hash(generated)
    r = runner.invoke(app, ["network", "generate", "--out", str(tmp_path / "x"), "--preset", "huge"])
    assert r.exit_code != 0 and "huge" in r.output and not (tmp_path / "x").exists()


def test_agreements_import_registers_active_handovers_once(cli_db, generated):
    pairs = (generated / "agreements.csv").read_text().strip().splitlines()[1:]
    out = _ok(["agreements", "import", str(generated / "agreements.csv"), "--feeds", str(generated)])
    assert str(len(pairs)) in out
    agreements = json.loads(_ok(["agreements", "list", "--json"]))
    assert len(agreements) == len(pairs)
    assert {a["stage"] for a in agreements} == {"active"} and {a["kind"] for a in agreements} == {
        "interline_handover"
    }
    members = json.loads(_ok(["members", "list", "--json"]))
    assert {m["carrier_id"] for m in members} == {p.name for p in generated.iterdir() if p.is_dir()}
    # Running the same import again (a retry) duplicates nothing.
    _ok(["agreements", "import", str(generated / "agreements.csv"), "--feeds", str(generated)])
    assert len(json.loads(_ok(["agreements", "list", "--json"]))) == len(pairs)
    assert len(json.loads(_ok(["members", "list", "--json"]))) == len(members)


def test_agreements_import_refuses_a_bad_file(cli_db, generated, tmp_path):
    bad = tmp_path / "a.csv"
    bad.write_text("carrier_a,carrier_b,fee\nA,B,seribu\n")
    r = runner.invoke(app, ["agreements", "import", str(bad), "--feeds", str(generated)])
    assert r.exit_code != 0 and "fee" in r.output
    r = runner.invoke(app, ["agreements", "import", str(tmp_path / "none.csv"), "--feeds", str(generated)])
    assert r.exit_code != 0 and "none.csv" in r.output
    assert json.loads(_ok(["agreements", "list", "--json"])) == []


def test_admin_revoke_key_stops_the_key(cli_db):
    admin = _admin_key()
    second = _admin_key()
    with TestClient(create_app(Settings(database_url=cli_db))) as client:
        keys = client.get("/v1/keys", headers={"X-API-Key": admin}).json()["items"]
        target = next(k for k in keys if second.startswith(k["prefix"]))
        assert client.get("/v1/audit", headers={"X-API-Key": second}).status_code == 200
        out = _ok(["admin", "revoke-key", str(target["id"])])
        assert target["prefix"] in out
        assert client.get("/v1/audit", headers={"X-API-Key": second}).status_code == 401
        assert client.get("/v1/audit", headers={"X-API-Key": admin}).status_code == 200
        entries = client.get("/v1/audit", headers={"X-API-Key": admin}, params={"entity": "api_key"}).json()[
            "items"
        ]
        assert any(e["action"] == "key.revoke" and e["actor"] == "cli" for e in entries)
    r = runner.invoke(app, ["admin", "revoke-key", "999"])
    assert r.exit_code == 1 and "not_found" in r.output


def _member(args: list[str]) -> None:
    base = ["members", "add", "--legal-name", "PT Uji", "--brand", "Uji", "--type", "courier"]
    _ok([*base, *args])


def test_admin_add_officer_and_members_status(cli_db):
    admin = _admin_key()
    _member(["--regency", "32.73", "--nib", "9120000000001", "--carrier-id", "UJI"])
    out = _ok(["admin", "add-officer", "--board", "32", "--name", "Siti Rahma", "--position", "Ketua"])
    assert "Siti Rahma" in out
    _ok(["admin", "add-officer", "--board", "32.73", "--name", "Agus", "--position", "Sekretaris"])
    r = runner.invoke(app, ["admin", "add-officer", "--board", "99", "--name", "X Y"])
    assert r.exit_code == 2 and "unknown_region" in r.output
    with TestClient(create_app(Settings(database_url=cli_db))) as client:
        boards = {
            b["code"] if "code" in b else b["region_code"]: b
            for b in client.get("/v1/boards?limit=500").json()["items"]
        }
        counts = {k: v.get("officers") for k, v in boards.items() if k in ("32", "32.73")}
        assert counts == {"32": 1, "32.73": 1}, counts
        member_key = client.post(
            "/v1/keys", headers={"X-API-Key": admin}, json={"role": "member", "member_id": 1}
        ).json()["key"]
        assert client.get("/v1/members", headers={"X-API-Key": member_key}).status_code == 200
        assert "suspended" in _ok(["members", "status", "1", "suspended"])
        assert client.get("/v1/members", headers={"X-API-Key": member_key}).status_code == 401
        assert [
            m["status"] for m in client.get("/v1/members", headers={"X-API-Key": admin}).json()["items"]
        ] == ["suspended"]
    r = runner.invoke(app, ["members", "status", "1", "sleeping"])
    assert r.exit_code == 2 and "status" in r.output  # not a status: wrong input
    r = runner.invoke(app, ["members", "status", "42", "active"])
    assert r.exit_code == 1 and "not_found" in r.output


def test_geo_load_is_idempotent(cli_db):
    first = _ok(["geo", "load"])
    assert "38" in first  # provinces in the summary
    second = _ok(["geo", "load"])
    assert first.splitlines()[:2] == second.splitlines()[:2]
    with TestClient(create_app(Settings(database_url=cli_db))) as client:
        assert client.get("/v1/areas/74.71").json()["code"] == "74.71"


def test_geo_search():
    out = _ok(["geo", "search", "kendari"])
    assert "74.71" in out and "Kendari" in out.title()
    out = _ok(["geo", "search", "kendari", "--level", "district", "--limit", "3"])
    assert "74.71." in out
    r = runner.invoke(app, ["geo", "search", "kendari", "--level", "planet"])
    assert r.exit_code != 0 and "planet" in r.output
    r = runner.invoke(app, ["geo", "search", "qqqzzzxxx"])
    assert r.exit_code == 1


JALIN = [sys.executable, "-c", "from jalin.cli import app; app()"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_answers_over_http(tmp_path):
    port = _free_port()
    env = {
        **os.environ,
        "JALIN_DATABASE_URL": f"sqlite:///{tmp_path / 's.db'}",
        "JALIN_DATA_DIR": str(tmp_path),
    }
    subprocess.run([*JALIN, "db", "upgrade"], env=env, check=True, capture_output=True)
    proc = subprocess.Popen(
        [*JALIN, "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                    status = r.status
                break
            except (urllib.error.URLError, ConnectionError):
                assert proc.poll() is None, proc.stdout.read()  # type: ignore[union-attr]
                assert time.monotonic() < deadline, "serve did not answer within 60 s"
                time.sleep(0.3)
        assert status == 200
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/openapi.json", timeout=5) as r:
            assert json.loads(r.read())["info"]["title"] == "Jalin"
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        proc.stdout.close()  # type: ignore[union-attr]


@pytest.mark.slow
def test_demo_runs_on_a_small_network(cli_db, tmp_path):
    out = _ok(["demo", "--preset", "small", "--seed", "3", "--no-serve"])
    assert "small" in out and "Rp" in out  # the network was written and a sample quote printed
    with TestClient(create_app(Settings(database_url=cli_db))) as client:
        directory = client.get("/v1/directory").json()
        assert directory["items"]  # the carriers became members
        assert client.get("/v1/coverage/summary").status_code == 200
        _ok(["demo", "--preset", "small", "--seed", "3", "--no-serve"])  # a second run adds nothing
        assert client.get("/v1/directory").json() == directory
