"""Webhook dispatch: messages per second from the outbox to a local receiver, against bare
signed POSTs with the same HTTP client in the same run.

    .venv/bin/python benchmarks/bench_webhooks.py [--messages 5000] [--pg postgresql://...] [--json]

A receiver (uvicorn, a minimal ASGI app answering 204) runs in its own process on a free local
port. On a fresh SQLite database (and a throwaway PostgreSQL schema with --pg): one member, one
endpoint at the receiver, MESSAGES outbox rows written in bulk (untimed). Then:
1. baseline: the same bodies signed and POSTed with the worker's client (`make_client`) and the
   same number of threads, no database: the HTTP ceiling of this machine;
2. dispatch: `Dispatcher.drain()`, what `jalin worker --once` runs: claim batches under a lease
   (SKIP LOCKED on PostgreSQL), sign, POST, record every attempt and the messages' states.
The ratio is dispatch / baseline. The last line is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import create_engine, func, select, text

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from jalin.geo import get_atlas  # noqa: E402
from jalin.registry.access import CLI_ADMIN  # noqa: E402
from jalin.services import registry as reg  # noqa: E402
from jalin.services.webhooks import endpoints  # noqa: E402
from jalin.services.webhooks.delivery import Dispatcher, Options, drain_body  # noqa: E402
from jalin.services.webhooks.transport import make_client  # noqa: E402
from jalin.storage import webhooks as store  # noqa: E402
from jalin.storage.db import make_engine, normalize_url, upgrade  # noqa: E402
from jalin.storage.tables import webhook_messages  # noqa: E402
from jalin.storage.uow import unit_of_work  # noqa: E402
from jalin.webhooks import DisableRule, EventType, message_body, new_message_id, signed_headers  # noqa: E402

MEMBER = {
    "legal_name": "PT Bench Kirim",
    "brand": "Bench",
    "nib": "9120000000888",
    "type": "logistics",
    "carrier_id": None,
    "regency_code": "31.71",
    "contact_name": "Bench",
}


async def receiver_app(scope, receive, send):  # type: ignore[no-untyped-def]
    """Answer every POST with 204 after reading its body."""
    if scope["type"] != "http":
        return
    more = True
    while more:
        message = await receive()
        more = message.get("more_body", False)
    await send({"type": "http.response.start", "status": 204, "headers": [(b"content-length", b"0")]})
    await send({"type": "http.response.body", "body": b""})


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_receiver(port: int) -> subprocess.Popen[bytes]:
    code = (
        f"import uvicorn, sys; sys.path.insert(0, {str(ROOT)!r}); "
        "from benchmarks.bench_webhooks import receiver_app; "
        f"uvicorn.run(receiver_app, host='127.0.0.1', port={port}, log_level='warning', access_log=False)"
    )
    proc = subprocess.Popen([sys.executable, "-c", code])
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("the receiver did not start")


def setup(url: str, target: str, n: int) -> tuple[object, str, list[tuple[str, str]]]:
    """Schema, one member and endpoint, `n` pending messages; (engine, secret, [(id, body)])."""
    engine = make_engine(url)
    upgrade(engine)
    atlas = get_atlas()
    with unit_of_work(engine) as uow:
        reg.ensure_structure(uow, atlas)
        member = reg.create_member(uow, CLI_ADMIN, atlas, MEMBER).id
    with unit_of_work(engine) as uow:
        made = endpoints.create(
            uow, CLI_ADMIN, target, ["shipment.status_changed"], allow_private=True, member_id=member
        )
    now = datetime.now(UTC)
    rows, bodies = [], []
    for i in range(n):
        mid = new_message_id()
        body = message_body(
            EventType.SHIPMENT_STATUS_CHANGED, now, {"number": f"JL{i:08d}0ID", "status": "departed"}
        )
        bodies.append((mid, body))
        rows.append({"id": mid, "endpoint_id": made.endpoint.id, "event_type": "shipment.status_changed",
                     "number": None, "body": body, "created_at": now})  # fmt: skip
    with unit_of_work(engine) as uow:
        for start in range(0, n, 1000):
            store.insert_messages(uow.conn, rows[start : start + 1000])
    return engine, made.secret, bodies


def baseline(target: str, secret: str, bodies: list[tuple[str, str]], concurrency: int) -> float:
    """Bare signed POSTs with the worker's client and thread count; messages per second."""
    client = make_client(timeout=15, allow_private=True, connections=concurrency)

    def post(item: tuple[str, str]) -> int:
        mid, body = item
        raw = body.encode()
        with client.stream(
            "POST", target, content=raw, headers=signed_headers(secret, mid, int(time.time()), raw)
        ) as r:
            drain_body(r)
            return r.status_code

    with ThreadPoolExecutor(concurrency) as pool:
        started = time.perf_counter()
        codes = list(pool.map(post, bodies))
        elapsed = time.perf_counter() - started
    client.close()
    assert set(codes) == {204}, set(codes)
    return len(bodies) / elapsed


def dispatch(engine, n: int, batch: int, concurrency: int) -> float:  # type: ignore[no-untyped-def]
    options = Options(schedule=(5.0,), timeout=15, lease=60, allow_private=True, rule=DisableRule(),
                      batch=batch, concurrency=concurrency)  # fmt: skip
    d = Dispatcher(engine, options)
    started = time.perf_counter()
    sent = d.drain()
    elapsed = time.perf_counter() - started
    d.close()
    with engine.connect() as conn:
        delivered = conn.scalar(
            select(func.count()).select_from(webhook_messages).where(webhook_messages.c.status == "delivered")
        )
    assert sent == n and delivered == n, (sent, delivered)
    return n / elapsed


def run_one(label: str, url: str, target: str, args: argparse.Namespace) -> dict[str, object]:
    engine, secret, bodies = setup(url, target, args.messages)
    base = baseline(target, secret, bodies, args.concurrency)
    rate = dispatch(engine, args.messages, args.batch, args.concurrency)
    engine.dispose()  # type: ignore[attr-defined]
    out = {"database": label, "messages": args.messages, "baseline_per_s": round(base, 1),
           "dispatch_per_s": round(rate, 1), "ratio": round(rate / base, 3)}  # fmt: skip
    if not args.json:
        print(f"{label:10s} baseline {base:8.1f}/s   dispatch {rate:8.1f}/s   ratio {rate / base:.2f}")
    return out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--messages", type=int, default=5000, help="outbox messages per database")
    p.add_argument("--batch", type=int, default=50)
    p.add_argument("--concurrency", type=int, default=8)
    p.add_argument("--pg", help="a PostgreSQL URL; a throwaway schema is created in it")
    p.add_argument("--json", action="store_true", help="print only the JSON line")
    args = p.parse_args()
    port = free_port()
    receiver = start_receiver(port)
    target = f"http://127.0.0.1:{port}/hook"
    results = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            results.append(run_one("sqlite", f"sqlite:///{Path(tmp) / 'bench.db'}", target, args))
        if args.pg:
            schema = f"bench_hooks_{uuid.uuid4().hex[:8]}"
            admin = create_engine(normalize_url(args.pg), isolation_level="AUTOCOMMIT")
            with admin.connect() as conn:
                conn.execute(text(f'CREATE SCHEMA "{schema}"'))
            sep = "&" if "?" in args.pg else "?"
            try:
                url = f"{normalize_url(args.pg)}{sep}options=-csearch_path%3D{schema}"
                results.append(run_one("postgresql", url, target, args))
            finally:
                with admin.connect() as conn:
                    conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
                admin.dispose()
    finally:
        receiver.terminate()
        receiver.wait(10)
    load = os.getloadavg()
    print(json.dumps({"results": results, "loadavg": [round(x, 2) for x in load]}))


if __name__ == "__main__":
    main()
