"""The DPP's settlement desk (docs/portal.md, docs/settlement.md): every period with its netting
figures and each member's position and statement, closing an ended period after a confirmation
step, and recording an adjustment.

The same services as `POST /v1/settlement/periods/{period}/close` and
`POST /v1/settlement/adjustments` (`jalin.services.settlement`), which check the role themselves
(`require_admin`) and write the audit row (`settlement.close`, `settlement.adjust`) naming the
person (`user:<id>`). The pages declare the same roles as those API routes; a test compares them.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import HTMLResponse, Response

from jalin.errors import CommonErrorCode, JalinError
from jalin.http.deps import EngineDep, UowDep
from jalin.http.session import AdminForm, AdminPage
from jalin.i18n import catalogue, t
from jalin.registry.people import User
from jalin.services import registry as reg
from jalin.services import users
from jalin.services.settlement import adjustments, periods, statements
from jalin.services.users import Visitor
from jalin.settlement.model import SettlementErrorCode
from jalin.web.portal.common import error_text, lang_of, page, parse_rupiah, redirect

router = APIRouter(include_in_schema=False)

PeriodId = Annotated[str, Path(min_length=8, max_length=8, pattern=r"^\d{4}-W\d{2}$")]
HOME = "/portal/penyelesaian"


def _history(uow: UowDep, visitor: Visitor, limit: int = 20) -> list[dict[str, Any]]:
    """The latest closings and adjustments from the audit log, with the person's name."""
    who = visitor.principal
    rows = reg.list_audit(uow, who, limit=limit, entity="settlement_period")
    rows += reg.list_audit(uow, who, limit=limit, entity="settlement_line")
    people: dict[str, User] = {f"user:{u.id}": u for u in users.list_users(uow, who)}
    rows.sort(key=lambda e: e.at, reverse=True)
    return [
        {
            "at": e.at,
            "action": e.action,
            "by": people[e.actor].name if e.actor in people else e.actor,
            "named": e.actor in people,
            "subject": e.entity_id,
            "after": e.after or {},
        }
        for e in rows[:limit]
    ]


@router.get(HOME, response_class=HTMLResponse)
def desk(request: Request, visitor: AdminPage, engine: EngineDep, uow: UowDep) -> HTMLResponse:
    """Every period, newest first, with gross, what netting leaves to transfer and the saving;
    a close button on each ended open period; the latest closings and adjustments."""
    now = datetime.now(UTC)
    items = [
        {**p, "ended": datetime.fromisoformat(p["ends_at"]) <= now}
        for p in periods.list_periods(engine, visitor.principal, now=now)["items"]
    ]
    return page(
        request,
        visitor,
        "portal/penyelesaian.html",
        items=items,
        history=_history(uow, visitor),
        names={m.id: m.brand for m in reg.list_members(uow, visitor.principal)},
    )


def _closing(
    request: Request, visitor: Visitor, engine: EngineDep, period: str, **extra: Any
) -> HTMLResponse:
    detail = periods.show(engine, visitor.principal, period)
    detail["ended"] = datetime.fromisoformat(detail["ends_at"]) <= datetime.now(UTC)
    return page(
        request,
        visitor,
        "portal/penyelesaian_tutup.html",
        status_code=extra.pop("status_code", 200),
        p=detail,
        error=extra.pop("error", None),
        confirming=extra.pop("confirming", True),
    )


@router.get(HOME + "/{period}/tutup", response_class=HTMLResponse)
def confirm_close(request: Request, visitor: AdminPage, engine: EngineDep, period: PeriodId) -> HTMLResponse:
    """The confirmation step: the figures that will be frozen, and what closing means."""
    return _closing(request, visitor, engine, period)


@router.get(HOME + "/{period}/laporan/{member}/{fmt}")
def member_statement(
    visitor: AdminPage,
    engine: EngineDep,
    period: PeriodId,
    member: Annotated[int, Path(ge=1, le=2_147_483_647)],
    fmt: Literal["pdf", "xlsx", "csv"],
) -> Response:
    """Any member's statement of `period` (as `GET /v1/settlement/periods/{id}/statements/{member}`
    for the admin), a download."""
    doc = statements.statement_document(engine, visitor.principal, period, member, fmt)
    return Response(
        doc.content,
        media_type=doc.media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{doc.filename}"',
            "Cache-Control": "no-store",
        },
    )


@router.post(HOME + "/{period}/tutup", response_class=HTMLResponse)
def close(request: Request, visitor: AdminForm, engine: EngineDep, period: PeriodId) -> Response:
    """Close the period (the service refuses one not ended yet or already closed: shown on the
    confirmation page, nothing changed)."""
    try:
        periods.close(engine, visitor.principal, period)
    except JalinError as exc:
        if exc.code not in (SettlementErrorCode.PERIOD_NOT_ENDED, SettlementErrorCode.PERIOD_CLOSED):
            raise
        error = error_text(exc.code, lang_of(request), exc.message)
        return _closing(request, visitor, engine, period, status_code=409, error=error)
    return redirect(f"{HOME}#p-{period}", notice="portal.clearing.closed")


def _adjust_error(exc: JalinError, lang: str) -> dict[str, Any]:
    """A refusal in the person's language, naming the field to fix (marked on the form)."""
    key = f"portal.clearing.error.{exc.code}.{exc.field}"
    text = t(key, lang=lang) if key in catalogue() else error_text(exc.code, lang, exc.message)["text"]
    return {"text": text, "detail": exc.message, "field": exc.field}


def _adjust_page(
    request: Request, visitor: Visitor, engine: EngineDep, status_code: int = 200, **extra: Any
) -> HTMLResponse:
    context: dict[str, Any] = {"form": {}, "error": None, **extra}
    members = adjustments.parties(engine, visitor.principal)
    return page(
        request, visitor, "portal/penyesuaian.html", status_code=status_code, members=members, **context
    )


@router.get(HOME + "/penyesuaian", response_class=HTMLResponse)
def adjustment_form(request: Request, visitor: AdminPage, engine: EngineDep) -> HTMLResponse:
    return _adjust_page(request, visitor, engine)


#: What the form could not read before asking the service (the English detail under the sentence).
_UNREADABLE = {
    "payer": "payer must be chosen from the members",
    "payee": "payee must be chosen from the members",
    "amount": "amount must be whole rupiah, e.g. 25000 or 25.000",
}


@router.post(HOME + "/penyesuaian", response_class=HTMLResponse)
def adjust(
    request: Request,
    visitor: AdminForm,
    engine: EngineDep,
    payer: Annotated[str, Form(max_length=12)] = "",
    payee: Annotated[str, Form(max_length=12)] = "",
    amount: Annotated[str, Form(max_length=30)] = "",
    reason: Annotated[str, Form(max_length=500)] = "",
    number: Annotated[str, Form(max_length=20)] = "",
    description: Annotated[str, Form(max_length=300)] = "",
) -> Response:
    """Record the adjustment in the open period of now, then back to the desk, whose history
    shows the line. A refusal comes back on the form with the field marked, nothing recorded."""
    form = {"payer": payer, "payee": payee, "amount": amount, "reason": reason}
    form.update({"number": number, "description": description})
    body: dict[str, Any] = {"reason": reason, "amount": parse_rupiah(amount)}
    for name in ("payer", "payee"):
        value = form[name].strip()
        body[name] = int(value) if value.isdigit() else None
    for name in ("number", "description"):
        if form[name].strip():
            body[name] = form[name].strip()
    try:
        for name, wrong in _UNREADABLE.items():
            if body[name] is None:
                raise JalinError(SettlementErrorCode.INVALID_ADJUSTMENT, wrong, field=name)
        adjustments.record_adjustment(engine, visitor.principal, body)
    except JalinError as exc:
        if exc.code not in (SettlementErrorCode.INVALID_ADJUSTMENT, CommonErrorCode.NOT_FOUND):
            raise
        error = _adjust_error(exc, lang_of(request))
        return _adjust_page(request, visitor, engine, 422, form=form, error=error)
    return redirect(HOME + "#riwayat", notice="portal.clearing.adjusted")


# Last: `{period}` would otherwise take /penyesuaian (routes match in the order they are added).
@router.get(HOME + "/{period}", response_class=HTMLResponse)
def period_page(request: Request, visitor: AdminPage, engine: EngineDep, period: PeriodId) -> HTMLResponse:
    """One period: its figures, each member's position and statement to download."""
    return _closing(request, visitor, engine, period, confirming=False)
