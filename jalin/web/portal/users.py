"""People who may sign in: the DPP manages everyone, a member its own staff (as with API keys).

Inviting shows the one-time link on the page, once (there is no mail server); the admin passes
it on. Disabling ends every session of that person at once.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import HTMLResponse, Response

from jalin.errors import CommonErrorCode, JalinError, choice
from jalin.http.deps import UowDep
from jalin.http.session import MemberForm, MemberPage
from jalin.registry.rules import Role
from jalin.services import users as svc
from jalin.web.portal.common import error_text, lang_of, page, redirect

router = APIRouter(include_in_schema=False)


def _list(request: Request, visitor: svc.Visitor, uow: UowDep, **extra: object) -> HTMLResponse:
    context: dict[str, Any] = {"invited": None, "error": None, "form": {}, **extra}
    people = svc.list_users(uow, visitor.principal)
    return page(request, visitor, "portal/pengguna.html", people=people, **context)


@router.get("/portal/pengguna", response_class=HTMLResponse)
def users(request: Request, visitor: MemberPage, uow: UowDep) -> HTMLResponse:
    return _list(request, visitor, uow)


@router.post("/portal/pengguna", response_class=HTMLResponse)
def invite(
    request: Request,
    visitor: MemberForm,
    uow: UowDep,
    email: Annotated[str, Form(max_length=254)] = "",
    name: Annotated[str, Form(max_length=200)] = "",
    role: Annotated[str, Form(max_length=10)] = "member",
    board: Annotated[str, Form(max_length=10)] = "",
    member_id: Annotated[str, Form(max_length=10)] = "",
) -> HTMLResponse:
    """Invite a person (or send an existing one a new link); the link is shown once, here."""
    form = {"email": email, "name": name, "role": role, "board": board, "member_id": member_id}
    try:
        chosen = choice(Role, role, CommonErrorCode.INVALID_REQUEST, "role") if role else Role.MEMBER
        invited = svc.invite_user(
            uow,
            visitor.principal,
            email=email,
            name=name,
            role=chosen,
            board_code=board.strip() or None,
            member_id=int(member_id) if member_id.strip().isdigit() else None,
        )
    except JalinError as exc:
        err = error_text(exc.code, lang_of(request), exc.message)
        return _list(request, visitor, uow, error=err, form=form)
    link = str(request.base_url).rstrip("/") + invited.path
    return _list(
        request, visitor, uow, invited={"user": invited.user, "link": link, "expires": invited.expires_at}
    )


@router.post("/portal/pengguna/{user_id}/status")
def set_status(
    visitor: MemberForm,
    uow: UowDep,
    user_id: Annotated[int, Path(ge=1, le=2_147_483_647)],
    disabled: Annotated[str, Form(pattern="^(ya|tidak)$")] = "ya",
) -> Response:
    svc.set_user_disabled(uow, visitor.principal, user_id, disabled == "ya")
    return redirect(
        "/portal/pengguna", notice="portal.users.disabled" if disabled == "ya" else "portal.users.enabled"
    )
