"""`/lacak`: the public tracking page, in Indonesian (tracking-v1 and shipments-v1).

The same public view as `GET /v1/track/{number}`: status, from and to as district, regency and
province, planned delivery and ETA (late or not), and the timeline newest first with local
times and zones, place names and carrier brands. No names, phones, street addresses, receivers
or amounts; sandbox shipments are not public. A plain GET form, no script.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from fastapi.responses import HTMLResponse

from jalin.errors import CommonErrorCode, JalinError
from jalin.http.auth import Public
from jalin.http.deps import AtlasDep, EngineDep
from jalin.i18n import message_of
from jalin.services.shipments import reading
from jalin.web.render import page

router = APIRouter(include_in_schema=False)


def _lookup(engine: Any, atlas: Any, number: str) -> tuple[dict[str, Any] | None, str | None, int]:
    try:
        return reading.track(engine, atlas, number), None, 200
    except JalinError as exc:
        if exc.code is CommonErrorCode.NOT_FOUND:
            return None, "Nomor kiriman ini tidak ditemukan. Periksa kembali nomornya.", 404
        return None, message_of(exc.code, "id"), 422


@router.get("/lacak", response_class=HTMLResponse)
def track_form(
    _: Public,
    engine: EngineDep,
    atlas: AtlasDep,
    nomor: Annotated[str, Query(max_length=40)] = "",
) -> HTMLResponse:
    """The form; with `nomor`, the shipment's public timeline under it."""
    if not nomor.strip():
        return page("lacak.html", number="", view=None, error=None)
    view, error, status = _lookup(engine, atlas, nomor.strip())
    return page("lacak.html", status_code=status, number=nomor.strip(), view=view, error=error)


@router.get("/lacak/{number}", response_class=HTMLResponse)
def track_page(
    _: Public, engine: EngineDep, atlas: AtlasDep, number: Annotated[str, Path(min_length=1, max_length=40)]
) -> HTMLResponse:
    """The public timeline of one shipment (a link to share)."""
    view, error, status = _lookup(engine, atlas, number)
    return page("lacak.html", status_code=status, number=number, view=view, error=error)
