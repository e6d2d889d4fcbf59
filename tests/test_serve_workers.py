"""`jalin serve --workers 2`: worker processes share the snapshot files and follow a publish live,
each listens on its own socket so connections spread over them, and the port stays theirs."""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx2 as httpx
import pytest

from jalin.api.workers import reserve
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


def _connections(workers: list[str], port: int) -> dict[str, int]:
    """Established connections to `port` each worker process holds (from /proc, IPv4 loopback)."""
    established = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if fields[3] == "01" and int(fields[1].split(":")[1], 16) == port:  # 01: ESTABLISHED
            established.add(fields[9])  # the socket's inode
    held = {}
    for pid in workers:
        inodes = []
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            try:
                inodes.append(os.readlink(fd).removeprefix("socket:[").removesuffix("]"))
            except OSError:
                continue
        held[pid] = len(established.intersection(inodes))
    return held


def _burst(base: str, n: int, look: Callable[[], dict[str, int]]) -> dict[str, int]:
    """Open `n` keep-alive connections at once (a connection pool filling up), then `look`.

    Threads, not asyncio: the browser tests' Playwright keeps an event loop running in this
    thread for the whole session."""
    clients = [httpx.Client(base_url=base, timeout=60) for _ in range(n)]
    start = threading.Barrier(n)

    def get(client: httpx.Client) -> int:
        start.wait()
        return client.get("/healthz").status_code

    try:
        with ThreadPoolExecutor(n) as pool:
            assert list(pool.map(get, clients)) == [200] * n
        return look()
    finally:
        for c in clients:
            c.close()


def _ended(pid: str) -> bool:
    """The process is gone, or a zombie its new parent has not reaped yet."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return True


def _until(ok: Callable[[], bool], what: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            if ok():
                return
        except (httpx.HTTPError, OSError):
            pass
        assert time.monotonic() < deadline, what
        time.sleep(0.2)


def test_the_supervisor_keeps_the_port_its_workers_share():
    guard = reserve("127.0.0.1", 0)
    port = guard.getsockname()[1]
    try:
        with pytest.raises(OSError) as taken:  # another supervisor, before any worker listens
            reserve("127.0.0.1", port)
        assert taken.value.errno == errno.EADDRINUSE
        with socket.socket() as worker:  # a worker joins the port beside the guard
            worker.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            worker.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
            worker.bind(("127.0.0.1", port))
            worker.listen()
            with pytest.raises(OSError):
                reserve("127.0.0.1", port)
    finally:
        guard.close()
    reserve("127.0.0.1", port).close()  # closed: the port is free again


def test_a_taken_port_is_refused_before_any_worker_starts(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [JALIN, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "2"],
            env={**os.environ, "JALIN_DATA_DIR": str(tmp_path), "JALIN_LANG": "en"},
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert done.returncode == 1
    assert f"Cannot serve on 127.0.0.1:{port}" in done.stdout and "another --port" in done.stdout


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
        held = _burst(base, 16, lambda: _connections(_workers(server.pid), port))
        assert sum(held.values()) == 16 and all(held.values()), held  # both workers hold some
        second = subprocess.run(  # the port is the running server's: a second one is refused
            [JALIN, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "2"],
            env={**env, "JALIN_LANG": "en"},
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert second.returncode == 1 and "Cannot serve on" in second.stdout, second.stdout + second.stderr
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
        killed = _workers(server.pid)[0]  # a worker killed is replaced, and the server answers
        os.kill(int(killed), signal.SIGKILL)
        _until(lambda: len(_workers(server.pid)) == 2 and killed not in _workers(server.pid), "no new worker")
        _until(lambda: httpx.get(f"{base}/healthz", timeout=5).status_code == 200, "no answer after restart")
        workers = _workers(server.pid)  # the supervisor killed: its workers stop by themselves
        server.kill()
        server.wait()
        _until(lambda: all(_ended(w) for w in workers), "workers outlived the supervisor")
    finally:
        left = _workers(server.pid) if server.poll() is None else []
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        for w in left:  # never leave a worker behind, whatever failed above
            with contextlib.suppress(ProcessLookupError):
                os.kill(int(w), signal.SIGKILL)
        log_file.close()
        engine.dispose()
