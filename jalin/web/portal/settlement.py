"""Settlement statements for member staff: the weekly periods (WIB weeks) with their totals, and
the member's own statement of a period to download (PDF, XLSX or CSV). The same services as
`/v1/settlement/periods` and `/v1/settlement/periods/{period}/statements/{member}`."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse, Response

from jalin.http.deps import EngineDep
from jalin.http.session import StaffOfMemberPage
from jalin.services.settlement import periods, statements
from jalin.web.portal.common import page

router = APIRouter(include_in_schema=False)

PeriodId = Annotated[str, Path(min_length=8, max_length=8, pattern=r"^\d{4}-W\d{2}$")]


@router.get("/portal/tagihan", response_class=HTMLResponse)
def settlement(request: Request, visitor: StaffOfMemberPage, engine: EngineDep) -> HTMLResponse:
    """Every period (the current week first), open or closed, with a download per format."""
    items = periods.list_periods(engine, visitor.principal)["items"]
    return page(request, visitor, "portal/tagihan.html", items=items)


@router.get("/portal/tagihan/{period}/{fmt}")
def statement(
    visitor: StaffOfMemberPage, engine: EngineDep, period: PeriodId, fmt: Literal["pdf", "xlsx", "csv"]
) -> Response:
    """The member's statement of `period` in `fmt` (a download)."""
    assert visitor.principal.member_id is not None
    doc = statements.statement_document(engine, visitor.principal, period, visitor.principal.member_id, fmt)
    return Response(
        doc.content,
        media_type=doc.media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{doc.filename}"',
            "Cache-Control": "no-store",
        },
    )
