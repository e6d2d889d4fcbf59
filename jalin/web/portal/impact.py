"""For officers and the DPP: "Dampak kerja sama", what an agreement, a member joining or one
leaving would change (docs/impact.md), asked on a form and answered by a background run.

The form is read into a `Question` here (field names and rupiah as people type them); checking
it, storing and running it is `jalin.services.impact_runs`. A question with a mistake comes back
on the form with one sentence naming the field; a good one is stored and the browser goes to the
run's page, which refreshes itself every few seconds until the answer is there.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import HTMLResponse, Response

from jalin.errors import CommonErrorCode, JalinError
from jalin.geo import Atlas
from jalin.http.deps import AtlasDep, EngineDep, ResolverDep, StateDep
from jalin.http.session import StaffForm, StaffPage
from jalin.i18n import message_of, t
from jalin.impact import ImpactErrorCode
from jalin.services import impact_runs as runs
from jalin.services.users import Visitor
from jalin.web.impact_report import FORMATS, render_impact_csv, report_parts
from jalin.web.portal.common import lang_of, page, parse_rupiah, redirect

router = APIRouter(include_in_schema=False)

HOME = "/portal/dampak"
RunId = Annotated[int, Path(ge=1, le=2_147_483_647)]
Text = Annotated[str, Form(max_length=100)]
#: Seconds between the run page's reloads while the answer is being computed.
REFRESH_S = 3
#: The service's field names as the form names them (where a mistake is shown).
_FIELDS = {
    "add": "kurir_b",
    "add.carrier_a": "kurir_a",
    "add.carrier_b": "kurir_b",
    "districts": "kecamatan",
    "end": "akhiri",
    "join": "gabung",
    "join.feed_version_id": "gabung",
    "leave": "keluar",
    "origins": "kecamatan_asal",
    "provinces": "provinsi",
    "rank": "peringkat",
}


def _refuse(field: str, message: str, words: str) -> JalinError:
    return JalinError(ImpactErrorCode.INVALID_PROPOSAL, message, field=field, words=words)


def _fee(text: str, field: str) -> int:
    if not text.strip():
        return 0
    fee = parse_rupiah(text)
    if fee is None:
        raise _refuse(
            field, f"{field} '{text}' is not whole rupiah, e.g. 1500 or 1.500", "portal.impact.bad_fee"
        )
    return fee


def _codes(text: str) -> tuple[str, ...]:
    return tuple(c for c in (p.strip() for p in text.replace("\n", ",").split(",")) if c)


def question_of(form: dict[str, Any]) -> runs.Question:
    """The question a submitted form asks (`form`: the fields as sent); JalinError naming the
    field for what cannot be read (the rest is checked by `impact_runs.check`)."""
    a, b = form["kurir_a"].strip().upper(), form["kurir_b"].strip().upper()
    add: tuple[runs.Terms, ...] = ()
    if a or b:
        if not (a and b):
            missing = "kurir_b" if a else "kurir_a"
            raise _refuse(
                missing, "an agreement needs two carriers: choose both", "portal.impact.pair_incomplete"
            )
        if a == b:
            raise _refuse(
                "kurir_b", f"carrier {a} is chosen twice; choose two carriers", "portal.impact.same_carrier"
            )
        add = (runs.Terms(a, b, _fee(form["biaya"], "biaya"), _codes(form["kecamatan"]) or None),)
    elif form["kecamatan"].strip():
        raise _refuse("kurir_a", "handover districts need the two carriers", "portal.impact.pair_incomplete")
    end = []
    for pair in form["akhiri"]:
        x, _, y = pair.partition(":")
        if not (x and y):
            raise _refuse("akhiri", f"'{pair}' is not a pair like POS:KNEX1", "portal.impact.bad_pair")
        end.append((x.upper(), y.upper()))
    join = None
    if form["gabung"]:
        if not form["gabung"].isdigit():
            raise _refuse("gabung", "choose a feed from the list", "portal.impact.bad_join")
        join = int(form["gabung"])
    fee = _fee(form["biaya_tetangga"], "biaya_tetangga") if form["biaya_tetangga"].strip() else None
    return runs.Question(
        add=add,
        end=tuple(end),
        join=join,
        join_fee=fee if join is not None else None,
        leave=(form["keluar"].upper(),) if form["keluar"] else (),
        origins={"provinsi": "provinces", "ketik": "typed"}.get(form["asal"], "capitals"),
        provinces=tuple(form["provinsi"]),
        typed=_codes(form["kecamatan_asal"]),
        rank=3 if form["peringkat"] else 0,
    )


def _error(exc: JalinError, lang: str) -> dict[str, str]:
    """One sentence in the visitor's language naming the field, and the English detail."""
    field = _FIELDS.get(exc.field or "", exc.field or "kurir_a")
    words = exc.extra.get("words")
    label = t(f"portal.impact.field.{field}", lang=lang)
    text = t(words, lang=lang) if words else message_of(exc.code, lang)
    return {"field": field, "text": f"{label}: {text}", "detail": exc.message}


_EMPTY: dict[str, Any] = {
    "kurir_a": "",
    "kurir_b": "",
    "biaya": "",
    "kecamatan": "",
    "akhiri": [],
    "gabung": "",
    "biaya_tetangga": "",
    "keluar": "",
    "asal": "semua",
    "provinsi": [],
    "kecamatan_asal": "",
    "peringkat": "ya",
}


def _form_page(
    request: Request,
    visitor: Visitor,
    engine: EngineDep,
    state: StateDep,
    atlas: Atlas,
    form: dict[str, Any],
    error: dict[str, str] | None = None,
) -> HTMLResponse:
    who = visitor.principal
    return page(
        request,
        visitor,
        "portal/dampak.html",
        status_code=422 if error else 200,
        choices=runs.choices(engine, who, state, atlas),
        recent=runs.recent(engine, who),
        form=form,
        error=error,
    )


@router.get("/portal/dampak", response_class=HTMLResponse)
def ask_form(
    request: Request,
    visitor: StaffPage,
    engine: EngineDep,
    state: StateDep,
    atlas: AtlasDep,
    a: Annotated[str, Query(max_length=16)] = "",
    b: Annotated[str, Query(max_length=16)] = "",
    biaya: Annotated[str, Query(max_length=30)] = "",
    kecamatan: Annotated[str, Query(max_length=2000)] = "",
) -> HTMLResponse:
    """The form (prefilled with a pair from the agreements page: `?a=POS&b=KNEX1&biaya=1500`) and
    the recent runs."""
    prefill = {"kurir_a": a, "kurir_b": b, "biaya": biaya, "kecamatan": kecamatan}
    return _form_page(request, visitor, engine, state, atlas, {**_EMPTY, **prefill})


@router.post("/portal/dampak", response_class=HTMLResponse)
def ask(
    request: Request,
    visitor: StaffForm,
    engine: EngineDep,
    state: StateDep,
    atlas: AtlasDep,
    resolver: ResolverDep,
    kurir_a: Text = "",
    kurir_b: Text = "",
    biaya: Text = "",
    kecamatan: Annotated[str, Form(max_length=2000)] = "",
    akhiri: Annotated[list[str] | None, Form(max_length=40)] = None,
    gabung: Text = "",
    biaya_tetangga: Text = "",
    keluar: Text = "",
    asal: Annotated[str, Form(pattern="^(semua|provinsi|ketik)$")] = "semua",
    provinsi: Annotated[list[str] | None, Form(max_length=38)] = None,
    kecamatan_asal: Annotated[str, Form(max_length=5000)] = "",
    peringkat: Text = "",
) -> Response:
    """Check and store the question, start its run, and go to the run's page (303); a mistake
    answers the form again (422) with the sentence naming the field."""
    form = {
        "kurir_a": kurir_a,
        "kurir_b": kurir_b,
        "biaya": biaya,
        "kecamatan": kecamatan,
        "akhiri": akhiri or [],
        "gabung": gabung,
        "biaya_tetangga": biaya_tetangga,
        "keluar": keluar,
        "asal": asal,
        "provinsi": provinsi or [],
        "kecamatan_asal": kecamatan_asal,
        "peringkat": peringkat,
    }
    try:
        run_id = runs.submit(engine, visitor.principal, state, atlas, resolver, question_of(form))
    except JalinError as exc:
        if exc.code in (CommonErrorCode.FORBIDDEN, CommonErrorCode.NOT_FOUND):
            raise
        return _form_page(request, visitor, engine, state, atlas, form, _error(exc, lang_of(request)))
    request.app.state.impact_runs.start(run_id)
    return redirect(f"{HOME}/{run_id}")


@router.get("/portal/dampak/{run_id}", response_class=HTMLResponse)
def show(
    request: Request, visitor: StaffPage, engine: EngineDep, atlas: AtlasDep, run_id: RunId
) -> HTMLResponse:
    """The run: "sedang dihitung" (the page reloads itself) until its answer or its failure."""
    run = runs.read(engine, visitor.principal, run_id)
    parts = report_parts(run.result, atlas) if run.result is not None else {}
    return page(
        request,
        visitor,
        "portal/dampak_hasil.html",
        run=run,
        body=run.result,
        f=FORMATS,
        refresh=None if run.ended else REFRESH_S,
        **parts,
    )


@router.get("/portal/dampak/{run_id}/{fmt}")
def download(
    visitor: StaffPage,
    engine: EngineDep,
    run_id: RunId,
    fmt: Annotated[str, Path(pattern="^(json|csv|peringkat)$")],
) -> Response:
    """The answer as JSON (as `POST /v1/impact`), CSV per district, or the ranking as CSV."""
    run = runs.read(engine, visitor.principal, run_id)
    if run.result is None:
        raise JalinError(CommonErrorCode.NOT_FOUND, f"impact run {run_id} has no answer yet ({run.status})")
    name = f"dampak-{run_id}"
    if fmt == "json":
        return Response(
            json.dumps(run.result, ensure_ascii=False),
            media_type="application/json",
            headers={
                "Content-Disposition": f'attachment; filename="{name}.json"',
                "Cache-Control": "no-store",
            },
        )
    table, suffix = ("ranking", "-peringkat") if fmt == "peringkat" else ("districts", "")
    return Response(
        render_impact_csv(run.result, table),
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{name}{suffix}.csv"',
            "Cache-Control": "no-store",
        },
    )
