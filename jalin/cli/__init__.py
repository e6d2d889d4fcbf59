"""`jalin`: the command line, thin over the services."""

from __future__ import annotations

import errno
import os
from typing import TYPE_CHECKING, Annotated

import typer

from jalin.cli.agreements import agreements_app, meetings_app, report_app
from jalin.cli.common import console
from jalin.cli.events import events_app
from jalin.cli.feeds import coverage, feed_app, network_app
from jalin.cli.geo import db_app, geo_app
from jalin.cli.impact import impact
from jalin.cli.manifests import manifests_app
from jalin.cli.quotes import quote
from jalin.cli.registry import admin_app, applications_app, members_app
from jalin.cli.settlement import settlement_app
from jalin.cli.shipments import shipments_app
from jalin.cli.users import users_app
from jalin.cli.webhooks import webhooks_app, worker
from jalin.i18n import t
from jalin.settings import Settings

if TYPE_CHECKING:
    from jalin.services.network_state import NetworkState

app = typer.Typer(
    no_args_is_help=True, help="Jalin: jaringan pengiriman nasional / national delivery network hub."
)
app.add_typer(db_app, name="db")
app.add_typer(geo_app, name="geo")
app.add_typer(feed_app, name="feed")
app.add_typer(network_app, name="network")
app.add_typer(agreements_app, name="agreements")
app.add_typer(admin_app, name="admin")
app.add_typer(members_app, name="members")
app.add_typer(applications_app, name="applications")
app.add_typer(meetings_app, name="meetings")
app.add_typer(report_app, name="report")
app.add_typer(shipments_app, name="shipments")
app.add_typer(manifests_app, name="manifests")
app.add_typer(webhooks_app, name="webhooks")
app.command("worker")(worker)
app.add_typer(events_app, name="events")
app.add_typer(settlement_app, name="settlement")
app.add_typer(users_app, name="users")
app.command("coverage")(coverage)
app.command("quote")(quote)
app.command("impact")(impact)


def default_workers() -> int:
    """One worker process per CPU (at most 8): each plans on its own core."""
    return max(1, min(8, os.cpu_count() or 1))


@app.command("serve")
def serve(
    host: Annotated[str | None, typer.Option()] = None,
    port: Annotated[int | None, typer.Option()] = None,
    workers: Annotated[
        int | None, typer.Option(min=1, max=64, help="Worker processes (default: one per CPU, at most 8)")
    ] = None,
) -> None:
    """Serve the HTTP API (OpenAPI UI at /docs) until Ctrl-C."""
    run_server(host, port, workers=workers)


def run_server(
    host: str | None, port: int | None, state: NetworkState | None = None, *, workers: int | None = None
) -> None:
    """Serve with `workers` processes sharing the memory-mapped snapshot files.

    One worker may be handed a network state already loaded (the demo); several workers each
    start the app from the environment (`create_served_app`), map the same snapshot and listen
    on their own socket of the port (`jalin.api.workers`).
    """
    import uvicorn

    from jalin.api.app import UVICORN_OPTIONS

    settings = Settings()
    host, port = host or settings.host, port or settings.port
    workers = workers or default_workers()
    console.print(t("serve.at", host=host, port=port))
    console.print(t("serve.workers", n=workers))
    if workers == 1:
        from jalin.api import create_app

        served = create_app(settings, network_state=state, warm=True)
        uvicorn.run(served, host=host, port=port, log_level="warning", **UVICORN_OPTIONS)  # type: ignore[arg-type]
    else:
        from jalin.api.workers import serve_workers

        try:
            code = serve_workers(host, port, workers, {"log_level": "warning", **UVICORN_OPTIONS})
        except OSError as exc:
            if exc.errno not in (errno.EADDRINUSE, errno.EACCES, errno.EADDRNOTAVAIL):
                raise
            console.print(t("serve.address_in_use", host=host, port=port, reason=exc.strerror or str(exc)))
            raise typer.Exit(1) from exc
        if code:
            raise typer.Exit(code)


@app.command("demo")
def demo(
    preset: Annotated[str, typer.Option(help="Synthetic network size")] = "national",
    seed: Annotated[int, typer.Option()] = 7,
    serve_api: Annotated[bool, typer.Option("--serve/--no-serve", help="Serve the API afterwards")] = True,
) -> None:
    """The main job: map of Indonesia, a synthetic national network published, coverage, then the API."""
    from jalin.cli.demo import run_demo

    state = run_demo(preset=preset, seed=seed)
    if serve_api:
        from jalin.cli.webhooks import worker_beside

        # The demo's receivers are local (tests, a laptop): the contract's switch for them.
        os.environ.setdefault("JALIN_WEBHOOKS_ALLOW_PRIVATE", "true")
        with worker_beside():
            run_server(None, None, state)
