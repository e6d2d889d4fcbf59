"""FastAPI application factory."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.concurrency import run_in_threadpool

from jalin import __version__
from jalin.api import problems
from jalin.api.middleware import BodyLimit, SecurityHeaders
from jalin.api.routers import (
    agreements,
    areas,
    coverage,
    events,
    feeds,
    health,
    impact,
    keys,
    manifests,
    meetings,
    quotes,
    registry,
    settlement,
    shipments,
    track,
    webhooks,
)
from jalin.geo import get_atlas, get_resolver
from jalin.http.auth import declare_roles
from jalin.services import impact_runs
from jalin.services.network_state import NetworkState
from jalin.settings import Settings, tile_origin
from jalin.storage.db import make_engine
from jalin.web import directory_page, docs, pages, portal, tracking_page

log = logging.getLogger("jalin.api")


def single_query_values(request: Request) -> None:
    """No route takes a list in its query: a repeated parameter (`?entity=a&entity=b`) is a 422,
    not silently the last value. Raised as a validation error, so the caller's key is checked first."""
    seen: set[str] = set()
    for key, _ in request.query_params.multi_items():
        if key in seen:
            raise RequestValidationError(
                [
                    {
                        "loc": ("query", key),
                        "msg": f"{key} is given more than once; give it once",
                        "type": "value_error",
                    }
                ]
            )
        seen.add(key)


#: Options for every uvicorn that serves the app: no `server: uvicorn` header (it names the stack).
UVICORN_OPTIONS: dict[str, object] = {"server_header": False}


def create_app(
    settings: Settings | None = None, *, network_state: NetworkState | None = None, warm: bool = False
) -> FastAPI:
    """Build the app; the engine is created here, per app, never at import.

    `network_state` lets a caller that already loaded the network (the demo) hand it over warm.
    `warm`: before serving, load the atlas and the current snapshot with its default planner
    (memory-mapped from the snapshot files, or built once for all workers), so the first
    requests do not pay for it.
    """
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if warm:
            await run_in_threadpool(_warm_up, app.state.network)
        yield
        app.state.engine.dispose()

    app = FastAPI(
        lifespan=lifespan,
        title="Jalin",
        version=__version__,
        description="Open interoperability hub for Indonesia's couriers and the national post.",
        dependencies=[Depends(single_query_values)],
        docs_url=None,  # served by jalin.web.docs from vendored assets (no CDN)
        redoc_url=None,
    )
    app.state.settings = settings
    if network_state is not None:
        app.state.engine = network_state.engine
    else:
        app.state.engine = make_engine(settings.database_url)
    app.state.network = network_state or NetworkState(app.state.engine, get_atlas, settings.snapshots)
    engine, state = app.state.engine, app.state.network
    # The portal's impact comparisons run in the background in this process (see the module).
    app.state.impact_runs = impact_runs.Runner(
        lambda run_id: impact_runs.execute(engine, state, get_atlas(), get_resolver(), run_id)
    )
    problems.install(app)
    portal.install(app)
    app.mount("/static", docs.static_files(), name="static")
    for module in (
        health,
        areas,
        coverage,
        quotes,
        impact,
        registry,
        agreements,
        meetings,
        keys,
        feeds,
        shipments,
        manifests,
        track,
        webhooks,
        events,
        settlement,
        pages,
        tracking_page,
        directory_page,
        portal,
        docs,
    ):
        declare_roles(module.router.routes)
        app.include_router(module.router)
    app.add_middleware(BodyLimit)
    app.add_middleware(SecurityHeaders, tile_origin=tile_origin(settings.map_tile_url))
    return app


def _warm_up(state: NetworkState) -> None:
    try:
        get_resolver().resolve("31.71.06")
        state.snapshot().planner(open_handovers=False)
    except Exception:  # a server without a database yet still starts; requests will say why
        log.exception("warming up the network snapshot failed; serving without it")


def create_served_app() -> FastAPI:
    """The app each `jalin serve` worker runs: settings from the environment, warmed up."""
    return create_app(Settings(), warm=True)
