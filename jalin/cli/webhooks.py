"""`jalin webhooks add|list|delete|test|deliveries|retry|enable` (as admin) and `jalin worker`."""

from __future__ import annotations

import json
import logging
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from typing import Annotated, Any, TypeVar

import typer
from rich.table import Table

from jalin.cli.common import console, engine, fail, fail_on
from jalin.errors import JalinError
from jalin.i18n import t
from jalin.registry.access import CLI_ADMIN
from jalin.settings import Settings

T = TypeVar("T")

webhooks_app = typer.Typer(
    no_args_is_help=True,
    help="Webhook anggota / members' webhooks: tambah, daftar, hapus, uji, log kiriman, ulangi, aktifkan.",
)


def _run(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """A webhooks use case as the CLI admin, in one unit of work; a refusal exits 2 (bad input)
    or 1 (the stored state refused it), as `fail_on` says."""
    from jalin.storage.uow import unit_of_work

    with engine() as eng:
        try:
            with unit_of_work(eng) as work:
                return fn(work, CLI_ADMIN, *args, **kwargs)
        except JalinError as exc:
            raise fail_on(exc) from None


def _member(ref: str) -> int:
    from jalin.services.shipments.views import parse_member_ref

    member_id = parse_member_ref(ref)
    if member_id is None:
        raise fail(t("webhooks.bad_member", ref=ref))
    return member_id


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


@webhooks_app.command("add")
def add(
    url: Annotated[str, typer.Argument(help="https URL of the member's receiver")],
    member: Annotated[str, typer.Option("--member", help="The member, e.g. M0012")],
    events: Annotated[
        str, typer.Option("--events", help="Comma separated, e.g. shipment.status_changed,shipment.delivered")
    ],
) -> None:
    """Register an endpoint for a member; prints its id and signing secret (shown once)."""
    from jalin.services.webhooks import endpoints

    types = [e.strip() for e in events.split(",") if e.strip()]
    made = _run(
        endpoints.create,
        url,
        types,
        allow_private=Settings().webhooks_allow_private,
        member_id=_member(member),
    )
    console.print(t("webhooks.created", id=made.endpoint.id, url=made.endpoint.url))
    console.print(f"secret: {made.secret}", highlight=False)


@webhooks_app.command("list")
def list_cmd(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Every endpoint: member, URL, event types, enabled, failure streak."""
    from jalin.services.webhooks import endpoints

    items = _run(endpoints.list_endpoints)
    if as_json:
        print(_json([asdict(e) for e in items]))
        return
    table = Table("Id", "Anggota", "URL", "Jenis / types", "Aktif", "Gagal beruntun / streak")
    for e in items:
        table.add_row(
            e.id,
            f"M{e.member_id:04d}",
            e.url,
            ", ".join(e.event_types),
            "ya" if e.enabled else f"tidak ({e.disabled_reason})",
            str(e.failure_streak),
        )
    console.print(table)


@webhooks_app.command("delete")
def delete(endpoint_id: str) -> None:
    """Remove an endpoint with its pending messages and delivery log."""
    from jalin.services.webhooks import endpoints

    _run(endpoints.delete, endpoint_id)
    console.print(t("webhooks.deleted", id=endpoint_id))


@webhooks_app.command("enable")
def enable(endpoint_id: str) -> None:
    """Re-enable an endpoint (e.g. disabled after a failure streak); resets the streak."""
    from jalin.services.webhooks import endpoints

    e = _run(endpoints.enable, endpoint_id)
    console.print(t("webhooks.enabled", id=e.id))


@webhooks_app.command("test")
def test(endpoint_id: str) -> None:
    """Queue a signed webhook.test message (the worker delivers it)."""
    from jalin.services.webhooks import endpoints

    q = _run(endpoints.send_test, endpoint_id)
    console.print(t("webhooks.queued", message=q.message_id, id=q.endpoint_id))


@webhooks_app.command("retry")
def retry(endpoint_id: str, message_id: str) -> None:
    """Send a message again now (same webhook-id and body)."""
    from jalin.services.webhooks import endpoints

    q = _run(endpoints.retry, endpoint_id, message_id)
    console.print(t("webhooks.queued", message=q.message_id, id=q.endpoint_id))


@webhooks_app.command("deliveries")
def deliveries(
    endpoint_id: str,
    limit: Annotated[int, typer.Option("--limit", min=1, max=200)] = 50,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """The endpoint's delivery log, newest first."""
    from jalin.services.webhooks import endpoints

    items, _ = _run(endpoints.deliveries, endpoint_id, limit=limit)
    if as_json:
        print(_json([asdict(a) for a in items]))
        return
    table = Table("Waktu / at (UTC)", "Pesan / message", "Jenis / type", "#", "Hasil / outcome", "HTTP", "ms")
    for a in items:
        table.add_row(
            a.at.strftime("%Y-%m-%d %H:%M:%S"),
            a.message_id,
            a.event_type,
            str(a.attempt or ""),
            a.outcome.value + (f": {a.error}" if a.error and a.outcome.value != "http_error" else ""),
            str(a.status_code or ""),
            str(a.duration_ms if a.duration_ms is not None else ""),
        )
    console.print(table)


@contextmanager
def worker_beside() -> Iterator[subprocess.Popen[bytes]]:
    """`jalin worker` as a child process for as long as the block runs (the demo serves the API
    in the block); stopped with SIGTERM afterwards, so it finishes the batch in hand."""
    proc = subprocess.Popen([sys.executable, "-c", "from jalin.cli import app; app()", "worker"])
    console.print(t("worker.beside", pid=proc.pid))
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def worker(
    once: Annotated[bool, typer.Option("--once", help="Deliver everything due now, then exit")] = False,
    poll: Annotated[
        float, typer.Option("--poll", min=0.05, help="Seconds to wait when nothing is due")
    ] = 1.0,
) -> None:
    """Deliver the webhook outbox until SIGTERM (or, with --once, until nothing is due)."""
    from jalin.services.webhooks.delivery import Options
    from jalin.worker import run

    try:
        options = Options.from_settings(Settings())
    except ValueError as exc:  # a setting that does not parse (schedule, lease <= timeout)
        raise fail(str(exc)) from None
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)  # its set-up chatter is not the worker's news
    with engine() as eng:
        total = run(eng, options, once=once, poll=poll)
    console.print(t("worker.done", n=total))
