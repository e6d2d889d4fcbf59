"""FastAPI application factory."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError

from jalin import __version__
from jalin.api import problems
from jalin.api.middleware import BodyLimit, SecurityHeaders
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
from jalin.web import pages


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
        dependencies=[Depends(single_query_values)],
    )
    app.state.settings = settings
    if network_state is not None:
        app.state.engine = network_state.engine
    else:
        app.state.engine = make_engine(settings.database_url)
    app.state.network = network_state or NetworkState(app.state.engine, get_atlas, settings.snapshots)
    problems.install(app)
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
    ):
        declare_roles(module.router.routes)
        app.include_router(module.router)
    app.add_middleware(BodyLimit)
    app.add_middleware(SecurityHeaders)
    return app
