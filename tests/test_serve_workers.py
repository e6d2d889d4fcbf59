"""`jalin serve --workers 2`: worker processes share the snapshot files and follow a publish live."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx2 as httpx
import pytest

from jalin.storage.db import make_engine, upgrade
from tests.feeds import VALID_FEED, publish, replace_in, write

JALIN = str(Path(sys.executable).parent / "jalin")
QUOTE = {"from": "31.71.06", "to": "74.01.01", "weight_kg": "1", "ready_at": "2026-11-27T09:00:00+07:00"}


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _workers(pid: int) -> list[str]:
    """The server's worker processes (its other child is multiprocessing's resource tracker)."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [c for c in children if b"spawn_main" in Path(f"/proc/{c}/cmdline").read_bytes()]


@pytest.mark.slow
def test_two_workers_share_the_snapshot_and_swap_it_live(tmp_path, atlas):
    url = f"sqlite:///{tmp_path / 'jalin.db'}"
    engine = make_engine(url)
    upgrade(engine)
    publish(engine, write(VALID_FEED, tmp_path / "v1"), atlas)
    env = {
        **os.environ,
        "JALIN_DATABASE_URL": url,
        "JALIN_DATA_DIR": str(tmp_path / "var"),
    }
    port = _port()
    log = tmp_path / "serve.log"
    log_file = log.open("wb")
    server = subprocess.Popen(
        [JALIN, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log_file,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 420  # generous: a loaded CI machine starts slowly
        while True:
            assert server.poll() is None, log.read_text(errors="replace")[-3000:]
            try:
                if (
                    httpx.get(f"{base}/healthz", timeout=5).status_code == 200
                    and len(_workers(server.pid)) == 2
                ):
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.5)
        with httpx.Client(base_url=base, timeout=60) as client:
            for _ in range(6):  # both workers answer (connections are spread over them)
                r = client.post("/v1/quotes", json=QUOTE, headers={"Connection": "close"})
                assert r.status_code == 200 and r.json()["no_route"]["reason"] == "no_delivery"
            snapshots = sorted(p.name for p in (tmp_path / "var" / "snapshots").glob("*.arr"))
            assert len(snapshots) == 2  # one network, one planner: built once, shared by both workers
            v2 = {**replace_in("feed.json", "2026.11.1", "2026.11.2")}
            v2["runs.csv"] = VALID_FEED["runs.csv"] + "D9,REG,KDI,area:74.01,1111111,08:00,30,240,4000,0\n"
            publish(engine, write(v2, tmp_path / "v2"), atlas)
            for _ in range(6):  # every worker notices the publish, without a restart
                r = client.post("/v1/quotes", json=QUOTE, headers={"Connection": "close"})
                assert r.status_code == 200 and r.json()["options"], r.text
        assert len(list((tmp_path / "var" / "snapshots").glob("*.arr"))) == 4
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log_file.close()
        engine.dispose()
