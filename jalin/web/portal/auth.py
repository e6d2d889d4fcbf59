"""Signing in and out, accepting an invitation, changing one's password, choosing the language.

The sign-in and invitation forms get a visitor session first (so their CSRF token belongs to a
session); signing in or accepting an invitation replaces that session with a new one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from jalin.errors import JalinError
from jalin.http.deps import UowDep
from jalin.http.session import AnyoneForm, AnyonePage, SignedForm, SignedPage
from jalin.i18n import t
from jalin.registry.people import UserErrorCode
from jalin.services import users as svc
from jalin.services.users.accounts import invited_user
from jalin.web.portal.common import (
    LANG_COOKIE,
    LANGS,
    clear_session_cookie,
    error_text,
    lang_of,
    page,
    redirect,
    safe_next,
    set_session_cookie,
)

router = APIRouter(include_in_schema=False)

#: How a refused sign-in answers (the same sentence for every reason but the lock).
_REFUSED_STATUS = {UserErrorCode.INVALID_CREDENTIALS: 401, UserErrorCode.TOO_MANY_ATTEMPTS: 429}


def _with_visitor_session(
    request: Request, uow: UowDep, visitor: svc.Visitor, render: Callable[[svc.Visitor], Response]
) -> Response:
    """Render a public form; a visitor without a session gets one (and its cookie) first."""
    if visitor.session_hash:
        return render(visitor)
    new = svc.start_visitor(uow)
    fresh = svc.Visitor(visitor.principal, "", new.csrf)
    response: Response = render(fresh)
    set_session_cookie(response, request, new)
    return response


@router.get("/portal/masuk", response_class=HTMLResponse)
def sign_in_form(
    request: Request,
    visitor: AnyonePage,
    uow: UowDep,
    lanjut: Annotated[str, Query(max_length=300)] = "",
) -> Response:
    """The sign-in form (a signed-in person goes straight on)."""
    if visitor.signed_in:
        return redirect(safe_next(lanjut))
    return _with_visitor_session(
        request,
        uow,
        visitor,
        lambda v: page(request, v, "portal/masuk.html", next=safe_next(lanjut), error=None),
    )


@router.post("/portal/masuk", response_class=HTMLResponse)
def sign_in(
    request: Request,
    visitor: AnyoneForm,
    uow: UowDep,
    email: Annotated[str, Form(max_length=254)] = "",
    password: Annotated[str, Form(max_length=200)] = "",
    lanjut: Annotated[str, Form(max_length=300)] = "",
) -> Response:
    """Check the password; a new session (new cookie, new CSRF token) on success."""
    result = svc.sign_in(uow, request.cookies.get(svc.COOKIE), email, password)
    if result.session is None:
        assert result.refusal is not None
        code = result.refusal.code
        return page(
            request,
            visitor,
            "portal/masuk.html",
            status_code=_REFUSED_STATUS.get(UserErrorCode(code), 401),
            next=safe_next(lanjut),
            email=email,
            error=error_text(code, lang_of(request), result.refusal.message),
        )
    response = redirect(safe_next(lanjut))
    set_session_cookie(response, request, result.session)
    return response


@router.post("/portal/keluar")
def sign_out(request: Request, visitor: SignedForm, uow: UowDep) -> Response:
    """End the session on the server and drop the cookie."""
    svc.sign_out(uow, visitor)
    response = redirect("/portal/masuk", notice="portal.signed_out")
    clear_session_cookie(response, request)
    return response


@router.get("/portal/akun", response_class=HTMLResponse)
def account(request: Request, visitor: SignedPage) -> Response:
    return page(request, visitor, "portal/akun.html", error=None)


@router.post("/portal/akun", response_class=HTMLResponse)
def change_password(
    request: Request,
    visitor: SignedForm,
    uow: UowDep,
    current: Annotated[str, Form(max_length=200)] = "",
    password: Annotated[str, Form(max_length=200)] = "",
    repeat: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    """A new password: every other session of the person ends; this browser gets a new one."""
    lang = lang_of(request)
    if password != repeat:
        error = {"text": t(lang=lang, key="portal.account.mismatch"), "detail": ""}
        return page(request, visitor, "portal/akun.html", status_code=422, error=error)
    try:
        new = svc.change_password(uow, visitor, current, password)
    except JalinError as exc:
        status = 401 if exc.code == UserErrorCode.INVALID_CREDENTIALS else 422
        return page(
            request,
            visitor,
            "portal/akun.html",
            status_code=status,
            error=error_text(exc.code, lang, exc.message),
        )
    response = redirect("/portal/akun", notice="portal.account.changed")
    set_session_cookie(response, request, new)
    return response


@router.get("/portal/undangan/{token}", response_class=HTMLResponse)
def invitation(
    request: Request, visitor: AnyonePage, uow: UowDep, token: Annotated[str, Path(max_length=100)]
) -> Response:
    """The invited person chooses a password (the link works once, for seven days)."""
    user = invited_user(uow, token)
    return _with_visitor_session(
        request,
        uow,
        visitor,
        lambda v: page(request, v, "portal/undangan.html", user=user, token=token, error=None),
    )


@router.post("/portal/undangan/{token}", response_class=HTMLResponse)
def accept_invitation(
    request: Request,
    visitor: AnyoneForm,
    uow: UowDep,
    token: Annotated[str, Path(max_length=100)],
    password: Annotated[str, Form(max_length=200)] = "",
    repeat: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    user = invited_user(uow, token)
    lang = lang_of(request)
    error = None
    if password != repeat:
        error = {"text": t(lang=lang, key="portal.account.mismatch"), "detail": ""}
    else:
        try:
            new = svc.accept_invite(uow, token, password, request.cookies.get(svc.COOKIE))
        except JalinError as exc:
            if exc.code != UserErrorCode.WEAK_PASSWORD:
                raise
            error = error_text(exc.code, lang, exc.message)
    if error is not None:
        return page(
            request, visitor, "portal/undangan.html", status_code=422, user=user, token=token, error=error
        )
    response = redirect("/portal", notice="portal.invite.welcome")
    set_session_cookie(response, request, new)
    return response


@router.get("/portal/bahasa/{code}")
def choose_language(
    _: AnyonePage,
    code: Annotated[str, Path(pattern="^(id|en)$")],
    lanjut: Annotated[str, Query(max_length=300)] = "",
) -> Response:
    """Remember the language for the portal (a cookie; nothing is written on the server)."""
    response = RedirectResponse(safe_next(lanjut), status_code=303)
    if code in LANGS:
        response.set_cookie(LANG_COOKIE, code, max_age=365 * 86400, samesite="lax", httponly=True)
    return response
