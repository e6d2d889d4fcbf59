"""FastAPI application factory."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from jalin import __version__
from jalin.api import problems
from jalin.api.routers import (
    agreements,
    areas,
    coverage,
    feeds,
    health,
    impact,
    keys,
    meetings,
    quotes,
    registry,
    shipments,
    track,
)
from jalin.geo import get_atlas
from jalin.http.auth import declare_roles
from jalin.services.network_state import NetworkState
from jalin.settings import Settings
from jalin.storage.db import make_engine
from jalin.web import docs, pages


def create_app(settings: Settings | None = None, *, network_state: NetworkState | None = None) -> FastAPI:
    """Build the app; the engine is created here, per app, never at import.

    `network_state` lets a caller that already loaded the network (the demo) hand it over warm.
    """
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        app.state.engine.dispose()

    app = FastAPI(
        lifespan=lifespan,
        title="Jalin",
        version=__version__,
        description="Open interoperability hub for Indonesia's couriers and the national post.",
        docs_url=None,  # served by jalin.web.docs from vendored assets (no CDN)
        redoc_url=None,
    )
    app.state.settings = settings
    if network_state is not None:
        app.state.engine = network_state.engine
    else:
        app.state.engine = make_engine(settings.database_url)
    app.state.network = network_state or NetworkState(app.state.engine, get_atlas, settings.snapshots)
    problems.install(app)
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
        track,
        pages,
        docs,
    ):
        declare_roles(module.router.routes)
        app.include_router(module.router)
    return app
