"""The home page: what needs the signed-in person's attention today."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from jalin.http.deps import UowDep
from jalin.http.session import SignedPage
from jalin.web.portal.common import page

router = APIRouter(include_in_schema=False)


@router.get("/portal", response_class=HTMLResponse)
def home(request: Request, visitor: SignedPage, uow: UowDep) -> HTMLResponse:
    return page(request, visitor, "portal/beranda.html")
