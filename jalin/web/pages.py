"""Public pages for sellers and companies (Bahasa Indonesia first): check a price, apply to join.

Plain HTML forms that work without JavaScript; `static/cek-ongkir.js` only adds name
suggestions from /v1/areas. No inline script or style (the pages keep a strict CSP).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse

from jalin.errors import JalinError
from jalin.geo import Atlas, Level
from jalin.http.auth import Public
from jalin.http.deps import AtlasDep, ResolverDep, StateDep, UowDep
from jalin.i18n import message_of, t
from jalin.services import registry as svc
from jalin.services.quote_views import (
    SORT_KEYS,
    SortKey,
    carriers_in,
    filter_views,
    option_views,
    sort_views,
)
from jalin.services.quotes import QuoteInput, answer, build_request, parse_dims, parse_weight, resolve_place
from jalin.web.render import page

router = APIRouter(include_in_schema=False)

_FIELDS = {"from": "dari", "to": "ke", "weight_kg": "berat", "dims_cm": "ukuran"}


@router.get("/", response_class=HTMLResponse)
def home(_: Public) -> HTMLResponse:
    """The price check form."""
    return page("cek_ongkir.html", form={}, body=None, errors={})


def _error(exc: JalinError, form: dict[str, Any], name: str) -> dict[str, Any]:
    """What the page shows under a field: the sentence, the detail, and candidates as links."""
    notes = exc.extra.get("notes") or []
    links = []
    for c in exc.extra.get("candidates", []):
        query = {**{k: v for k, v in form.items() if v not in ("", None, False)}, name: c["code"]}
        where = c["province"] if c.get("level") == "regency" else c["regency"]
        links.append({"href": "/cek-ongkir?" + urlencode(query), "name": c["name"], "where": where})
    return {"id": notes[-1] if notes else message_of(exc.code, "id"), "en": exc.message, "choices": links}


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
    sort: Annotated[Literal["arrival", "price", "handovers"], Query(alias="urut")] = "arrival",
    max_handovers: Annotated[Literal["", "0", "1", "2"], Query(alias="serah")] = "",
    carrier: Annotated[str, Query(alias="kurir", max_length=16)] = "",
) -> HTMLResponse:
    """Every option between two places as cards a seller can compare, sort and filter.

    Both places (and the weight and size) are checked at once, so one visit shows every fix;
    a regency or city alone comes back as a choice of its districts.
    """
    form = {"dari": origin, "ke": destination, "berat": weight, "ukuran": dims, "cod": cod}
    errors: dict[str, dict[str, Any]] = {}
    for name, text, field in (("dari", origin, "from"), ("ke", destination, "to")):
        try:
            resolve_place(resolver, text, field)
        except JalinError as exc:
            errors[name] = _error(exc, form, name)
    try:
        parse_weight(weight)
    except JalinError as exc:
        errors["berat"] = _error(exc, form, "berat")
    try:
        parse_dims(dims or None)
    except JalinError as exc:
        errors["ukuran"] = _error(exc, form, "ukuran")
    if not errors:
        try:
            request, o, d = build_request(
                resolver, QuoteInput(origin, destination, weight, dims or None, None, cod)
            )
        except JalinError as exc:
            name = _FIELDS.get(exc.field or "", "dari")
            errors[name] = _error(exc, form, name)
    if errors:
        return page("cek_ongkir.html", form=form, body=None, errors=errors)
    body = answer(state.snapshot().planner(open_handovers=False), request, o, d, open_handovers=False)
    views = option_views(body)
    shown = filter_views(
        views,
        max_handovers=int(max_handovers) if max_handovers else None,
        carrier=carrier or None,
    )
    view_state = {"urut": sort, "serah": max_handovers, "kurir": carrier}
    return page(
        "cek_ongkir.html",
        form=form,
        body=body,
        errors={},
        options=sort_views(shown, _sort_key(sort)),
        total=len(views),
        carriers=carriers_in(views),
        view=view_state,
        sort_keys=SORT_KEYS,
    )


def _sort_key(value: str) -> SortKey:
    return next((k for k in SORT_KEYS if k == value), "arrival")


@router.get("/daftar", response_class=HTMLResponse)
def application_form(_: Public) -> HTMLResponse:
    return page("daftar.html", done=None, error=None, form={}, regencies=[])


def _regency(atlas: Atlas, text: str) -> tuple[str | None, list[dict[str, str]]]:
    """A regency code from what a person typed (a name, "Kota Bandung", or a code), or the choices.

    One exact name (or a code) gives its code; otherwise every regency whose name matches is
    offered, with its province, so the person picks one on the form.
    """
    text = text.strip()
    area = atlas.get(text) if text else None
    if area is not None and area.level == Level.REGENCY:
        return area.code, []
    found = atlas.search(text, level=Level.REGENCY, limit=30) if text else []
    exact = [a for a in found if a.name.lower() == text.lower()]
    if len(exact) == 1:
        return exact[0].code, []
    if len(found) == 1:
        return found[0].code, []
    return None, [
        {"code": a.code, "name": a.name, "province": atlas.lineage(a)[0].name} for a in (exact or found)
    ]


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
    regency: Annotated[str, Form(max_length=200)] = "",
    regency_code: Annotated[str, Form(max_length=10)] = "",
    contact_name: Annotated[str, Form(max_length=200)] = "",
    contact_email: Annotated[str, Form(max_length=200)] = "",
    carrier_id: Annotated[str, Form(max_length=16)] = "",
) -> HTMLResponse:
    """The membership application as a plain HTML form; errors come back on the same page.

    The regency is typed by name (or chosen among the matches shown after a first try);
    `regency_code` is what a choice (or an older client) sends.
    """
    form = {
        "legal_name": legal_name,
        "brand": brand,
        "nib": nib,
        "type": type,
        "regency": regency,
        "contact_name": contact_name,
        "contact_email": contact_email,
        "carrier_id": carrier_id,
    }
    code, choices = (regency_code.strip(), []) if regency_code.strip() else _regency(atlas, regency)
    if not code:
        key = "apply.choose_regency" if choices else "apply.unknown_regency"
        error = f"{t(key, lang='id')} / {t(key, lang='en')}"
        return page("daftar.html", done=None, form=form, regencies=choices, error=error)
    try:
        # Refusals come before any write, so the request's unit of work keeps nothing half-done.
        done = svc.submit_application(
            uow,
            who,
            atlas,
            {
                **form,
                "regency_code": code,
                "carrier_id": carrier_id.strip() or None,
                "contact_email": contact_email or None,
            },
        )
    except JalinError as exc:
        return page(
            "daftar.html",
            done=None,
            form=form,
            regencies=[],
            error=f"{message_of(exc.code, 'id')} / {exc.message}",
        )
    province = atlas.get(done.province_code)
    regency_area = atlas.get(done.regency_code)
    return page(
        "daftar.html",
        done=done,
        board=f"DPW {province.name}" if province else f"DPW {done.province_code}",
        regency_name=regency_area.name if regency_area else done.regency_code,
        form={},
        regencies=[],
        error=None,
    )
