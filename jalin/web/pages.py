"""Public pages for sellers and companies (Bahasa Indonesia first): check a price, apply to join."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, select_autoescape

from jalin.errors import JalinError
from jalin.http.auth import Public
from jalin.http.deps import AtlasDep, ResolverDep, StateDep, UowDep
from jalin.i18n import message_of, rupiah, t, when
from jalin.services import registry as svc
from jalin.services.quotes import QuoteInput, answer, build_request

router = APIRouter(include_in_schema=False)
_env = Environment(loader=PackageLoader("jalin.web"), autoescape=select_autoescape())
_env.filters["when"] = when
_env.filters["rupiah"] = rupiah


def _page(name: str, **context: Any) -> HTMLResponse:
    return HTMLResponse(_env.get_template(name).render(**context))


@router.get("/", response_class=HTMLResponse)
def home(_: Public) -> HTMLResponse:
    """The price check form."""
    return _page("cek_ongkir.html", form={}, body=None, error=None)


@router.get("/cek-ongkir", response_class=HTMLResponse)
def check_price(
    _: Public,
    resolver: ResolverDep,
    state: StateDep,
    origin: Annotated[str, Query(alias="dari", max_length=500)] = "",
    destination: Annotated[str, Query(alias="ke", max_length=500)] = "",
    weight: Annotated[str, Query(alias="berat", max_length=20)] = "1",
    dims: Annotated[str, Query(alias="ukuran", max_length=40)] = "",
    cod: bool = False,
) -> HTMLResponse:
    """Every option between two places, in a table a seller can read."""
    form = {"dari": origin, "ke": destination, "berat": weight, "ukuran": dims, "cod": cod}
    try:
        request, o, d = build_request(
            resolver, QuoteInput(origin, destination, weight, dims or None, None, cod)
        )
    except JalinError as exc:
        error = {
            "id": exc.extra["notes"][-1] if exc.extra.get("notes") else message_of(exc.code, "id"),
            "en": exc.message,
            "field": exc.field,
            "candidates": exc.extra.get("candidates", []),
        }
        return _page("cek_ongkir.html", form=form, body=None, error=error)
    body = answer(state.snapshot().planner(open_handovers=False), request, o, d, open_handovers=False)
    return _page("cek_ongkir.html", form=form, body=body, error=None)


@router.get("/daftar", response_class=HTMLResponse)
def application_form(_: Public) -> HTMLResponse:
    return _page("daftar.html", done=None, error=None, form={})


@router.post("/daftar", response_class=HTMLResponse)
def apply(
    request: Request,
    who: Public,
    uow: UowDep,
    atlas: AtlasDep,
    legal_name: Annotated[str, Form(max_length=200)] = "",
    brand: Annotated[str, Form(max_length=200)] = "",
    nib: Annotated[str, Form(max_length=20)] = "",
    type: Annotated[str, Form(max_length=20)] = "courier",
    regency_code: Annotated[str, Form(max_length=10)] = "",
    contact_name: Annotated[str, Form(max_length=200)] = "",
    contact_email: Annotated[str, Form(max_length=200)] = "",
    carrier_id: Annotated[str, Form(max_length=16)] = "",
) -> HTMLResponse:
    """The membership application as a plain HTML form; errors come back on the same page."""
    form = {
        "legal_name": legal_name,
        "brand": brand,
        "nib": nib,
        "type": type,
        "regency_code": regency_code,
        "contact_name": contact_name,
        "contact_email": contact_email,
        "carrier_id": carrier_id,
    }
    if len(legal_name.strip()) < 2 or not brand.strip() or len(contact_name.strip()) < 2:
        return _page(
            "daftar.html",
            done=None,
            form=form,
            error=f"{t('apply.required', lang='id')} / {t('apply.required', lang='en')}",
        )
    try:
        # Refusals come before any write, so the request's unit of work keeps nothing half-done.
        done = svc.submit_application(
            uow,
            who,
            atlas,
            {**form, "carrier_id": carrier_id.strip() or None, "contact_email": contact_email or None},
        )
    except JalinError as exc:
        return _page(
            "daftar.html", done=None, form=form, error=f"{message_of(exc.code, 'id')} / {exc.message}"
        )
    return _page("daftar.html", done=done, form={}, error=None)
