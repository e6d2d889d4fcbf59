"""Schemathesis over the whole OpenAPI, as the public and with an admin key, every check on.

A real uvicorn serves the app on a throwaway database (PostgreSQL when JALIN_TEST_DATABASE_URL
is set, else SQLite) seeded with the structure, members in two provinces, an agreement, a
meeting, an application and keys; `st run` then walks every operation through its examples,
coverage and fuzzing phases in deterministic mode (the same cases on every run, so CI is stable),
positive and negative data. Any server error, response-schema violation or other failed check
fails the test with schemathesis' own report.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path

import httpx2
import pytest
import uvicorn

from jalin.api import create_app
from jalin.api.app import UVICORN_OPTIONS
from jalin.registry.access import CLI_ADMIN
from jalin.registry.rules import Role
from jalin.services import registry as svc
from jalin.settings import Settings
from jalin.storage.db import make_engine, upgrade
from tests.conftest import PG_URL, _pg_schema_url
from tests.uow import in_uow

CONFIG = Path(__file__).with_name("schemathesis.toml")
#: Test cases per operation and phase: bounds the run to a few minutes on two cores.
MAX_EXAMPLES = 4

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def served(tmp_path_factory, atlas):  # type: ignore[no-untyped-def]
    """(base URL, admin key) of a live server on a seeded throwaway database."""
    urls = _pg_schema_url(PG_URL) if PG_URL else None
    url = next(urls) if urls else f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'jalin.db'}"
    engine = make_engine(url)
    upgrade(engine)
    in_uow(engine, svc.ensure_structure, atlas)
    company = {"legal_name": "PT Uji", "brand": "Uji", "type": "courier", "contact_name": "Budi"}
    a = in_uow(
        engine,
        svc.create_member,
        CLI_ADMIN,
        atlas,
        {**company, "nib": "9120000000001", "carrier_id": "FZA", "regency_code": "32.73"},
    )
    b = in_uow(
        engine,
        svc.create_member,
        CLI_ADMIN,
        atlas,
        {**company, "nib": "9120000000002", "carrier_id": "FZB", "regency_code": "74.71"},
    )
    in_uow(
        engine,
        svc.create_agreement,
        CLI_ADMIN,
        atlas,
        title="Uji",
        kind="interline_handover",
        parties=[a.id, b.id],
    )
    in_uow(
        engine,
        svc.create_meeting,
        CLI_ADMIN,
        held_on=date(2026, 10, 1),
        place="Bandung",
        host="32",
        member_ids=[a.id],
        partners="",
        topics="uji",
        outcomes="",
    )
    in_uow(
        engine,
        svc.submit_application,
        CLI_ADMIN,
        atlas,
        {**company, "nib": "9120000000003", "regency_code": "74.71"},
    )
    for _ in range(20):  # keys 1-20: the fuzzer may revoke these, not the admin key it uses
        in_uow(engine, svc.create_key, CLI_ADMIN, Role.MEMBER, member_id=a.id)
    admin = in_uow(engine, svc.create_key, CLI_ADMIN, Role.ADMIN).secret
    engine.dispose()

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    app = create_app(Settings(database_url=url))
    server = uvicorn.Server(uvicorn.Config(app, log_level="error", **UVICORN_OPTIONS))  # type: ignore[arg-type]
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    # warm up the address resolver, so the first fuzzed quote is not the one that loads it
    httpx2.get(f"{base}/v1/areas/resolve", params={"text": "kendari"}, timeout=120)
    try:
        yield base, admin
    finally:
        server.should_exit = True
        thread.join(30)
        sock.close()
        if urls:
            next(urls, None)


def _schemathesis(base: str, tmp_path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    st = shutil.which("st", path=str(Path(sys.executable).parent)) or "st"
    args = [st, "--config-file", str(CONFIG), "run", f"{base}/openapi.json", *extra]
    args += ["--checks", "all", "--mode", "all", "--generation-deterministic", "--workers", "1"]
    args += ["--max-examples", str(MAX_EXAMPLES), "--phases", "examples,coverage,fuzzing"]
    args += ["--request-timeout", "60", "--no-color", "--continue-on-failure", "--report", "junit"]
    args += ["--report-junit-path", str(tmp_path / "junit.xml")]
    env = {**os.environ, "SCHEMATHESIS_HOOKS": ""}
    return subprocess.run(
        args, capture_output=True, text=True, timeout=900, env=env, check=False, cwd=tmp_path
    )


@pytest.mark.parametrize("who", ["public", "admin"])
def test_the_whole_api_survives_schemathesis(served, tmp_path, who):
    base, admin = served
    # the public walks the public operations (the others only answer it 401, which the admin
    # run's ignored_auth check covers); the admin walks every operation
    extra = ["-H", f"X-API-Key: {admin}"] if who == "admin" else ["--include-by", '/x-roles/3 == "public"']
    started = time.monotonic()
    run = _schemathesis(base, tmp_path, *extra)
    summary = run.stdout[run.stdout.rfind("SUMMARY") :]
    print(f"schemathesis ({who}) {time.monotonic() - started:.0f} s\n{summary}")
    assert run.returncode == 0, run.stdout[-20000:] + run.stderr[-3000:]
    generated = re.search(r"(\d+) generated", summary)
    assert generated and int(generated.group(1)) > 100, summary
