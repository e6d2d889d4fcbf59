"""The member portal and association dashboard (docs/portal.md): people sign in and do their
work in the browser. One module per use case; every route declares its roles with `Page` or
`Form` (jalin.http.session), which resolve the session to the same `Principal` an API key gives.
"""

from __future__ import annotations

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from jalin.errors import JalinError
from jalin.http.session import Page, SignInRequired, visitor_of
from jalin.registry.rules import Role
from jalin.web.portal import (
    agreements,
    association,
    auth,
    company,
    coverage_map,
    feeds,
    home,
    impact,
    manifests,
    reports,
    settlement,
    settlement_desk,
    shipments,
    users,
    webhooks,
)
from jalin.web.portal.common import error_text, lang_of, page

router = APIRouter(include_in_schema=False)
for _module in (
    auth,
    home,
    users,
    shipments,
    manifests,
    association,
    agreements,
    impact,
    company,
    feeds,
    reports,
    coverage_map,
    webhooks,
    settlement,
    settlement_desk,
):
    router.include_router(_module.router)

PREFIX = "/portal"


def install(app: FastAPI) -> None:
    """Answer `SignInRequired` with a redirect to the sign-in page (coming back afterwards)."""

    @app.exception_handler(SignInRequired)
    async def _sign_in(request: Request, exc: SignInRequired) -> Response:
        return RedirectResponse(f"/portal/masuk?lanjut={exc.path}", status_code=303)


def refusal(request: Request, roles: frozenset[Role] | None) -> Response | None:
    """How a portal route refuses this visitor before looking at what they sent (sign in first, or
    the 403 page), or None when the visitor may call it."""
    if roles is None:
        return None
    try:
        Page(*roles)(request)
    except SignInRequired as exc:
        return RedirectResponse(f"/portal/masuk?lanjut={exc.path}", status_code=303)
    except JalinError as exc:
        return error_page(request, exc.code, exc.message, 403)
    return None


def is_portal(path: str) -> bool:
    return path == PREFIX or path.startswith(PREFIX + "/")


def error_page(request: Request, code: str, message: str, status: int) -> HTMLResponse:
    """A refusal on a portal page as a page (not problem+json): the sentence, the detail, a way back."""
    visitor = getattr(request.state, "visitor", None) or None
    if visitor is None:
        try:
            visitor = visitor_of(request)
        except Exception:  # the database may be the problem; the page still answers
            visitor = None
    return page(
        request,
        visitor,
        "portal/galat.html",
        status_code=status,
        status=status,
        error=error_text(code, lang_of(request), message),
    )


__all__ = ["PREFIX", "JalinError", "error_page", "install", "is_portal", "refusal", "router"]
