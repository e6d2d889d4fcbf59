"""My network feed (member staff): upload a feed .zip, read the validation report (notices
grouped by code with the fix), publish it, see the versions, what changed between two, and make
an earlier version active again (roll back). The same validator and publishing service as
`POST /v1/feeds` and `jalin feed`; a member publishes its own carrier_id only."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, Response

from jalin.errors import CommonErrorCode, JalinError
from jalin.http.deps import AtlasDep, UowDep
from jalin.http.session import StaffOfMemberForm, StaffOfMemberPage
from jalin.network.errors import FeedErrorCode
from jalin.network.source import MAX_TOTAL_BYTES, FeedSourceError
from jalin.network.validator import validate_feed
from jalin.services import publishing
from jalin.services.registry import member_carrier
from jalin.web.feed_report import notice_groups
from jalin.web.portal.common import error_text, lang_of, page, redirect

router = APIRouter(include_in_schema=False)

Version = Annotated[str, PathParam(min_length=1, max_length=64)]


def _page(request: Request, visitor: Any, uow: UowDep, status_code: int = 200, **extra: Any) -> HTMLResponse:
    carrier = member_carrier(uow, visitor.principal)
    versions = publishing.list_versions(uow, carrier)
    context: dict[str, Any] = {"report": None, "outcome": None, "error": None, "diff": None, **extra}
    return page(
        request,
        visitor,
        "portal/jaringan.html",
        status_code=status_code,
        carrier=carrier,
        versions=versions,
        **context,
    )


@router.get("/portal/jaringan", response_class=HTMLResponse)
def network(
    request: Request,
    visitor: StaffOfMemberPage,
    uow: UowDep,
    atlas: AtlasDep,
    dari: Annotated[str, Query(max_length=64)] = "",
    ke: Annotated[str, Query(max_length=64)] = "",
) -> HTMLResponse:
    """The versions of the member's feed; with `dari` and `ke`, what changed between the two."""
    diff = None
    if dari and ke:
        diff = publishing.diff_versions(
            uow, atlas, member_carrier(uow, visitor.principal), dari, ke
        ).to_dict()
    return _page(request, visitor, uow, diff=diff)


@router.post("/portal/jaringan", response_class=HTMLResponse)
def upload(
    request: Request,
    visitor: StaffOfMemberForm,
    uow: UowDep,
    atlas: AtlasDep,
    file: Annotated[UploadFile, File()],
    action: Annotated[str, Form(pattern="^(periksa|terbitkan)$")] = "periksa",
) -> HTMLResponse:
    """Validate the upload (always) and publish it when asked and valid. Validation is CPU work:
    this is a plain `def`, run in the thread pool."""
    carrier = member_carrier(uow, visitor.principal)
    data = file.file.read(MAX_TOTAL_BYTES + 1)
    lang = lang_of(request)
    if len(data) > MAX_TOTAL_BYTES:
        exc = JalinError(CommonErrorCode.UPLOAD_TOO_LARGE, f"feeds are limited to {MAX_TOTAL_BYTES:,} bytes")
        return _page(request, visitor, uow, 413, error=error_text(exc.code, lang, exc.message))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "feed.zip"
        path.write_bytes(data)
        try:
            result = validate_feed(path, atlas)
        except FeedSourceError:
            exc = JalinError(FeedErrorCode.INVALID_ARCHIVE, "upload a .zip of the feed folder")
            return _page(request, visitor, uow, 422, error=error_text(exc.code, lang, exc.message))
    report = {"summary": result.to_dict()["summary"], "valid": result.valid, "groups": notice_groups(result)}
    if action != "terbitkan" or not result.valid:
        return _page(request, visitor, uow, 200 if result.valid else 422, report=report)
    try:
        outcome = publishing.publish_validated(uow, visitor.principal, result, carrier_id=carrier)
    except JalinError as exc:
        return _page(request, visitor, uow, 422, report=report, error=error_text(exc.code, lang, exc.message))
    done = {"status": outcome.status.value, "feed_version": outcome.version.feed_version}
    return _page(request, visitor, uow, report=report, outcome=done)


@router.post("/portal/jaringan/{feed_version}/aktifkan")
def activate(visitor: StaffOfMemberForm, uow: UowDep, feed_version: Version) -> Response:
    """Make a stored version the active one again (the roll back)."""
    publishing.activate(uow, visitor.principal, member_carrier(uow, visitor.principal), feed_version)
    return redirect("/portal/jaringan", notice="portal.feeds.activated")
