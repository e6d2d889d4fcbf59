"""Portal pages' counterpart of `Allow`: the principal comes from a session cookie, not a key.

`Page(*roles)` is an `Allow` (so `declare_roles` and the access tests read its roles the same
way) whose principal is the session's. The principal is the same type an API key gives, so a page
calls the same services under the same rules. What differs is how a refusal looks to a browser:
nobody signed in is sent to the sign-in page (`SignInRequired`, answered 303), a signed-in
person without the role gets the 403 page. `Form(*roles)` also checks the synchroniser CSRF
token: the form field `csrf` (or the `X-CSRF-Token` header, for htmx) must equal the session's.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool

from jalin.errors import CommonErrorCode, JalinError
from jalin.http.auth import Allow
from jalin.registry.access import PUBLIC
from jalin.registry.people import UserErrorCode
from jalin.registry.rules import Role
from jalin.services.users import COOKIE, Visitor, csrf_matches, resolve


class SignInRequired(Exception):
    """Raised for a page that needs a signed-in person; answered with a redirect to sign in."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.path = path


def visitor_of(request: Request) -> Visitor | None:
    """The request's visitor (resolved once per request, cached on its state)."""
    if not hasattr(request.state, "visitor"):
        request.state.visitor = resolve(request.app.state.engine, request.cookies.get(COOKIE))
    visitor: Visitor | None = request.state.visitor
    return visitor


class Page(Allow):
    """Dependency of a portal page: the visitor, refused unless its principal's role is allowed."""

    def __call__(self, request: Request) -> Visitor:  # type: ignore[override]
        visitor = visitor_of(request)
        if visitor is None or not visitor.signed_in:
            if Role.PUBLIC in self.roles:
                return visitor or _NOBODY
            raise SignInRequired(request.url.path)
        if visitor.principal.role not in self.roles:
            raise JalinError(
                CommonErrorCode.FORBIDDEN,
                f"A {visitor.principal.role} may not open this page; "
                f"allowed: {', '.join(sorted(self.roles))}.",
            )
        return visitor


class Form(Page):
    """Dependency of a portal form post: as `Page`, and the CSRF token must match the session's."""

    async def __call__(self, request: Request) -> Visitor:  # type: ignore[override]
        visitor = await run_in_threadpool(Page.__call__, self, request)
        presented = request.headers.get("x-csrf-token")
        if presented is None:
            form = await request.form()
            value = form.get("csrf")
            presented = value if isinstance(value, str) else None
        if not csrf_matches(visitor if visitor.session_hash else None, presented):
            raise JalinError(
                UserErrorCode.CSRF_FAILED,
                "The form's CSRF token is missing or does not belong to this session; reload the page.",
            )
        return visitor


#: The visitor without any session (a first visit): public, and no CSRF token can match.
_NOBODY = Visitor(PUBLIC, "", "")

SIGNED = (Role.ADMIN, Role.OFFICER, Role.MEMBER)
STAFF = (Role.ADMIN, Role.OFFICER)

AnyonePage = Annotated[Visitor, Depends(Page(Role.PUBLIC, *SIGNED))]
AnyoneForm = Annotated[Visitor, Depends(Form(Role.PUBLIC, *SIGNED))]
SignedPage = Annotated[Visitor, Depends(Page(*SIGNED))]
SignedForm = Annotated[Visitor, Depends(Form(*SIGNED))]
StaffPage = Annotated[Visitor, Depends(Page(*STAFF))]
StaffForm = Annotated[Visitor, Depends(Form(*STAFF))]
MemberPage = Annotated[Visitor, Depends(Page(Role.ADMIN, Role.MEMBER))]
MemberForm = Annotated[Visitor, Depends(Form(Role.ADMIN, Role.MEMBER))]
#: Member staff only (their own company's pages; the DPP has no company of its own).
StaffOfMemberPage = Annotated[Visitor, Depends(Page(Role.MEMBER))]
StaffOfMemberForm = Annotated[Visitor, Depends(Form(Role.MEMBER))]
AdminPage = Annotated[Visitor, Depends(Page(Role.ADMIN))]
AdminForm = Annotated[Visitor, Depends(Form(Role.ADMIN))]
