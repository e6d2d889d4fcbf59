"""The home page: what needs the signed-in person's attention today (`services.attention`).

Member staff: today's handovers in and out, late shipments, open follow-ups. Officers: the
association's queue. The DPP: both. Each number links to the page that deals with it.
"""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from jalin.http.deps import EngineDep
from jalin.http.session import SignedPage
from jalin.registry.rules import Role
from jalin.services.attention import member_attention, staff_attention
from jalin.web.portal.common import page
from jalin.web.portal.manifests import today_wib

router = APIRouter(include_in_schema=False)


@router.get("/portal", response_class=HTMLResponse)
def home(request: Request, visitor: SignedPage, engine: EngineDep) -> HTMLResponse:
    today = today_wib()
    who = visitor.principal
    day = date.fromisoformat(today)
    member = member_attention(engine, who, day) if who.role in (Role.MEMBER, Role.ADMIN) else None
    staff = staff_attention(engine, who, day) if who.role in (Role.OFFICER, Role.ADMIN) else None
    return page(request, visitor, "portal/beranda.html", member=member, staff=staff, today=today)
