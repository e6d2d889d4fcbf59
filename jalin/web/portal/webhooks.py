"""Webhooks for member staff: register an endpoint (the signing secret shown once), send a test,
see the delivery log, send a message again, re-enable or delete. The same service as
`/v1/webhooks` (jalin.services.webhooks.endpoints), under the member's principal."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import HTMLResponse, Response

from jalin.errors import JalinError
from jalin.http.deps import SettingsDep, UowDep
from jalin.http.session import StaffOfMemberForm, StaffOfMemberPage
from jalin.services.webhooks import endpoints as svc
from jalin.web.portal.common import error_text, lang_of, page, redirect
from jalin.webhooks.events import EventType

router = APIRouter(include_in_schema=False)

EndpointId = Annotated[str, Path(min_length=1, max_length=40)]
MessageId = Annotated[str, Path(min_length=1, max_length=60)]
#: What a member may subscribe to (test and disabled notes are sent whatever it chose).
SUBSCRIBABLE = [e.value for e in EventType if e not in (EventType.WEBHOOK_TEST, EventType.WEBHOOK_DISABLED)]


def _page(request: Request, visitor: Any, uow: UowDep, status_code: int = 200, **extra: Any) -> HTMLResponse:
    context: dict[str, Any] = {
        "created": None,
        "error": None,
        "log": None,
        "chosen": None,
        "form": {},
        **extra,
    }
    return page(
        request,
        visitor,
        "portal/webhook.html",
        status_code=status_code,
        endpoints=svc.list_endpoints(uow, visitor.principal),
        types=SUBSCRIBABLE,
        **context,
    )


@router.get("/portal/webhook", response_class=HTMLResponse)
def webhooks(
    request: Request, visitor: StaffOfMemberPage, uow: UowDep, ep: Annotated[str, Query(max_length=40)] = ""
) -> HTMLResponse:
    """The member's endpoints; with `ep`, that endpoint's delivery log (newest first)."""
    log = svc.deliveries(uow, visitor.principal, ep)[0] if ep else None
    return _page(request, visitor, uow, log=log, chosen=ep or None)


@router.post("/portal/webhook", response_class=HTMLResponse)
def create(
    request: Request,
    visitor: StaffOfMemberForm,
    uow: UowDep,
    settings: SettingsDep,
    url: Annotated[str, Form(max_length=2000)] = "",
    event_types: Annotated[list[str], Form(max_length=20)] = [],  # noqa: B006 (FastAPI copies it)
) -> HTMLResponse:
    """Register an endpoint for the event types ticked; the secret is on this page once."""
    try:
        made = svc.create(
            uow, visitor.principal, url, event_types, allow_private=settings.webhooks_allow_private
        )
    except JalinError as exc:
        err = error_text(exc.code, lang_of(request), exc.message)
        return _page(request, visitor, uow, 422, error=err, form={"url": url, "event_types": event_types})
    return _page(request, visitor, uow, created={"endpoint": made.endpoint, "secret": made.secret})


@router.post("/portal/webhook/{endpoint_id}/{action}")
def act(
    visitor: StaffOfMemberForm,
    uow: UowDep,
    endpoint_id: EndpointId,
    action: Annotated[str, Path(pattern="^(tes|aktifkan|hapus)$")],
) -> Response:
    """Send a test message, re-enable, or delete the endpoint."""
    if action == "tes":
        svc.send_test(uow, visitor.principal, endpoint_id)
        return redirect(f"/portal/webhook?ep={endpoint_id}", notice="portal.webhooks.tested")
    if action == "aktifkan":
        svc.enable(uow, visitor.principal, endpoint_id)
        return redirect("/portal/webhook", notice="portal.webhooks.enabled")
    svc.delete(uow, visitor.principal, endpoint_id)
    return redirect("/portal/webhook", notice="portal.webhooks.deleted")


@router.post("/portal/webhook/{endpoint_id}/kirim-ulang/{message_id}")
def retry(
    visitor: StaffOfMemberForm, uow: UowDep, endpoint_id: EndpointId, message_id: MessageId
) -> Response:
    """Send one message again now (same id and body)."""
    svc.retry(uow, visitor.principal, endpoint_id, message_id)
    return redirect(f"/portal/webhook?ep={endpoint_id}", notice="portal.webhooks.retried")
