"""API documentation pages (/docs, /redoc) and the static assets, served from the package.

Swagger UI and Redoc are vendored from their npm packages (swagger-ui-dist, redoc) with their
licences under `static/vendor/`, so the docs work without internet. The pages load only
scripts and styles from this origin, with no inline script (a strict Content-Security-Policy
holds): the small initialisers live in `static/`.
"""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse
from starlette.staticfiles import StaticFiles

from jalin.http.auth import Public
from jalin.web.render import page

router = APIRouter(include_in_schema=False)


@router.get("/docs", response_class=HTMLResponse)
def swagger_ui(_: Public) -> HTMLResponse:
    """Swagger UI over /openapi.json."""
    return page("docs.html", openapi_url="/openapi.json")


@router.get("/redoc", response_class=HTMLResponse)
def redoc(_: Public) -> HTMLResponse:
    """Redoc over /openapi.json."""
    return page("redoc.html", openapi_url="/openapi.json")


def static_files() -> StaticFiles:
    """`jalin/web/static` (stylesheet, page scripts, vendored Swagger UI and Redoc)."""
    return StaticFiles(packages=[("jalin.web", "static")])
