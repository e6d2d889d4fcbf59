"""The worker as a process, on SQLite and PostgreSQL: several dispatchers at once never deliver
one message twice at the same time; a worker killed with SIGKILL in the middle of deliveries to
a slow receiver loses nothing (another worker sends every message, at least once); `jalin worker`
stops cleanly on SIGTERM and `jalin worker --once` delivers what is due and exits."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select

from jalin.registry.access import CLI_ADMIN
from jalin.services import registry as svc
from jalin.services.webhooks import endpoints
from jalin.services.webhooks.delivery import Dispatcher, Options
from jalin.storage.tables import webhook_messages
from jalin.webhooks import DisableRule
from tests.shipping import SELLER
from tests.uow import in_uow
from tests.webhook_receiver import Receiver, receiver

ROOT = Path(__file__).resolve().parent.parent


def _endpoint_with_messages(
    engine: Engine, atlas: Any, rx: Receiver, path: str, n: int
) -> tuple[str, list[str]]:
    """A member with one endpoint at `rx.url + path` and `n` queued messages (webhook.test)."""
    in_uow(engine, svc.ensure_structure, atlas)
    member = in_uow(engine, svc.create_member, CLI_ADMIN, atlas, SELLER).id
    made = in_uow(
        engine,
        endpoints.create,
        CLI_ADMIN,
        rx.url + path,
        ["shipment.booked"],
        allow_private=True,
        member_id=member,
    )
    rx.secrets[path] = made.secret
    ids = [in_uow(engine, endpoints.send_test, CLI_ADMIN, made.endpoint.id).message_id for _ in range(n)]
    return made.endpoint.id, ids


def _statuses(engine: Engine, ids: list[str]) -> dict[str, str]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(webhook_messages.c.id, webhook_messages.c.status).where(webhook_messages.c.id.in_(ids))
        )
        return dict(rows.all())


def test_several_workers_never_deliver_one_message_at_the_same_time(engine, atlas):
    with receiver() as rx:
        rx.slow_seconds = 0.03
        _, ids = _endpoint_with_messages(engine, atlas, rx, "/slow/many", 60)
        opts = Options(schedule=(1.0,), timeout=10, lease=60, allow_private=True, rule=DisableRule(), batch=4,
                       concurrency=2)  # fmt: skip
        stop = threading.Event()
        errors: list[BaseException] = []

        def work() -> None:
            d = Dispatcher(engine, opts)
            try:
                while not stop.is_set():
                    if d.run_once() == 0:
                        time.sleep(0.02)
            except BaseException as exc:  # pragma: no cover - reported below
                errors.append(exc)
            finally:
                d.close()

        threads = [threading.Thread(target=work) for _ in range(3)]
        for t in threads:
            t.start()
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and set(_statuses(engine, ids).values()) != {"delivered"}:
            time.sleep(0.1)
        stop.set()
        for t in threads:
            t.join()
        assert errors == []
        assert set(_statuses(engine, ids).values()) == {"delivered"}
        got = [a.webhook_id for a in rx.started()]
        assert rx.overlaps == []
        assert sorted(got) == sorted(ids)  # each exactly once: no failure, no lease ran out
        assert all(a.verified for a in rx.started())
        workers = {a.worker for a in _log(engine, ids)}
        assert len(workers) >= 2  # the work was really shared


def _log(engine: Engine, ids: list[str]) -> list[Any]:
    from jalin.storage.tables import webhook_attempts

    with engine.connect() as conn:
        return list(conn.execute(select(webhook_attempts).where(webhook_attempts.c.message_id.in_(ids))))


def _worker(url: str, *args: str, **env: str) -> subprocess.Popen[str]:
    environ = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "JALIN_DATABASE_URL": url,
        "JALIN_WEBHOOKS_ALLOW_PRIVATE": "true",
        "JALIN_WEBHOOK_TIMEOUT_SECONDS": "5",
        "JALIN_WEBHOOK_LEASE_SECONDS": "6",
        "JALIN_WEBHOOK_BATCH": "2",
        "JALIN_WEBHOOK_CONCURRENCY": "2",
        "JALIN_WEBHOOK_RETRY_SCHEDULE": "1,1,1,1,1",
        **env,
    }
    return subprocess.Popen(
        [sys.executable, "-c", "from jalin.cli import app; app()", "worker", *args],
        env=environ,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _wait(condition, seconds: float, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def test_a_worker_killed_mid_delivery_loses_no_message(engine, db_url, atlas):
    with receiver() as rx:
        rx.slow_seconds = 2.0
        _, ids = _endpoint_with_messages(engine, atlas, rx, "/slow/kill", 6)
        first = _worker(db_url, "--poll", "0.2")
        try:
            _wait(lambda: len(rx.started()) >= 1, 120, "the first delivery to start")
            in_flight = {a.webhook_id for a in rx.started() if a.finished is None}
            first.send_signal(signal.SIGKILL)
            first.communicate(timeout=10)
        finally:
            if first.poll() is None:
                first.kill()
                first.communicate()
        assert first.returncode == -signal.SIGKILL
        assert in_flight and set(_statuses(engine, ids).values()) <= {"pending", "delivered"}
        second = _worker(db_url, "--poll", "0.2")
        try:
            _wait(
                lambda: set(_statuses(engine, ids).values()) == {"delivered"}, 180, "every message delivered"
            )
            second.send_signal(signal.SIGTERM)
            out, _ = second.communicate(timeout=60)
        finally:
            if second.poll() is None:
                second.kill()
                second.communicate()
        assert second.returncode == 0, out
        assert "stopped after" in out
        received = [a.webhook_id for a in rx.started()]
        assert set(received) == set(ids)  # every message arrived at least once
        for mid in in_flight:  # what the killed worker was sending was sent again
            assert received.count(mid) >= 2
        assert all(a.verified for a in rx.started())


def test_worker_once_delivers_what_is_due_and_exits(engine, db_url, atlas):
    with receiver() as rx:
        _, ids = _endpoint_with_messages(engine, atlas, rx, "/ok/once", 3)
        proc = _worker(db_url, "--once")
        out, _ = proc.communicate(timeout=120)
        assert proc.returncode == 0, out
        assert set(_statuses(engine, ids).values()) == {"delivered"}
        assert sorted(a.webhook_id for a in rx.started()) == sorted(ids)
        assert "alembic" not in out, out  # the worker's log says what it does, not its libraries' set-up


def test_a_lease_not_longer_than_the_timeout_is_refused(db_url):
    proc = _worker(db_url, "--once", JALIN_WEBHOOK_LEASE_SECONDS="5")
    out, _ = proc.communicate(timeout=120)
    assert proc.returncode == 2 and "LEASE" in out


@pytest.mark.parametrize("schedule", ["5,x", "-3"])
def test_a_bad_retry_schedule_is_refused(db_url, schedule):
    proc = _worker(db_url, "--once", JALIN_WEBHOOK_RETRY_SCHEDULE=schedule)
    out, _ = proc.communicate(timeout=120)
    assert proc.returncode == 2 and "retry delay" in out


def test_the_demo_runs_a_worker_beside_the_server_and_stops_it(engine, db_url, atlas, monkeypatch):
    """`jalin demo` serves inside `worker_beside()`: a real worker delivers while the block runs
    and exits cleanly (status 0, after SIGTERM) when it ends."""
    from jalin.cli.webhooks import worker_beside

    monkeypatch.setenv("JALIN_DATABASE_URL", db_url)
    monkeypatch.setenv("JALIN_WEBHOOKS_ALLOW_PRIVATE", "true")
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    with receiver() as rx:
        _, ids = _endpoint_with_messages(engine, atlas, rx, "/ok/demo", 2)
        with worker_beside() as proc:
            _wait(lambda: set(_statuses(engine, ids).values()) == {"delivered"}, 120, "the demo worker")
        assert proc.returncode == 0


def test_the_webhooks_commands(engine, db_url, atlas, monkeypatch):
    """`jalin webhooks add|list|test|deliveries|retry|enable|delete` as the operator (admin)."""
    import json as _json

    from typer.testing import CliRunner

    from jalin.cli import app

    monkeypatch.setenv("JALIN_DATABASE_URL", db_url)
    monkeypatch.setenv("JALIN_WEBHOOKS_ALLOW_PRIVATE", "true")
    monkeypatch.setenv("JALIN_LANG", "en")
    runner = CliRunner()
    in_uow(engine, svc.ensure_structure, atlas)
    member = in_uow(engine, svc.create_member, CLI_ADMIN, atlas, SELLER).id
    with receiver() as rx:
        r = runner.invoke(app, ["webhooks", "add", rx.url + "/ok/cli", "--member", f"M{member:04d}",
                                "--events", "shipment.delivered,shipment.booked"])  # fmt: skip
        assert r.exit_code == 0, r.output
        secret = next(line.split()[-1] for line in r.output.splitlines() if line.startswith("secret:"))
        assert secret.startswith("whsec_")
        rx.secrets["/ok/cli"] = secret
        listed = _json.loads(runner.invoke(app, ["webhooks", "list", "--json"]).output)
        (ep,) = listed
        assert ep["event_types"] == ["shipment.booked", "shipment.delivered"] and "secret" not in ep
        assert runner.invoke(app, ["webhooks", "test", ep["id"]]).exit_code == 0
        assert runner.invoke(app, ["worker", "--once"]).exit_code == 0
        (a,) = rx.completed("/ok/cli")
        assert a.verified
        log = _json.loads(runner.invoke(app, ["webhooks", "deliveries", ep["id"], "--json"]).output)
        assert [(x["message_id"], x["outcome"]) for x in log] == [(a.webhook_id, "delivered")]
        assert runner.invoke(app, ["webhooks", "deliveries", ep["id"]]).exit_code == 0
        assert runner.invoke(app, ["webhooks", "retry", ep["id"], a.webhook_id]).exit_code == 0
        assert runner.invoke(app, ["worker", "--once"]).exit_code == 0
        assert [x.webhook_id for x in rx.completed("/ok/cli")] == [a.webhook_id] * 2
        assert runner.invoke(app, ["webhooks", "enable", ep["id"]]).exit_code == 0
        assert runner.invoke(app, ["webhooks", "delete", ep["id"]]).exit_code == 0
        assert _json.loads(runner.invoke(app, ["webhooks", "list", "--json"]).output) == []
    bad = runner.invoke(
        app, ["webhooks", "add", "ftp://x", "--member", f"M{member:04d}", "--events", "shipment.booked"]
    )
    assert bad.exit_code == 2 and "invalid_webhook_url" in bad.output
    gone = runner.invoke(app, ["webhooks", "delete", "ep_nope"])
    assert gone.exit_code == 1 and "not_found" in gone.output  # the stored state refused it
    assert (
        runner.invoke(
            app, ["webhooks", "add", "https://8.8.8.8/", "--member", "X", "--events", "a"]
        ).exit_code
        == 2
    )
