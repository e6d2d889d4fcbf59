"""Feed upload by member keys: a member publishes its own carrier's feed only."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, File, UploadFile

from jalin.api.models import FeedVersionOut, FeedVersionPage, Published, ValidationSummary
from jalin.api.types import DEFAULT_PAGE, Cursor, Limit
from jalin.errors import CommonErrorCode, JalinError
from jalin.http.auth import AdminOrMember
from jalin.http.deps import AtlasDep, UowDep
from jalin.network.errors import FeedErrorCode
from jalin.network.source import MAX_TOTAL_BYTES, FeedSourceError
from jalin.network.validator import validate_feed
from jalin.registry.rules import Role
from jalin.services import publishing
from jalin.services.registry import member_carrier

router = APIRouter(prefix="/v1/feeds", tags=["feeds"])


@router.get("", response_model=FeedVersionPage)
def list_feed_versions(
    who: AdminOrMember, uow: UowDep, cursor: Cursor = None, limit: Limit = DEFAULT_PAGE
) -> dict[str, Any]:
    """Published versions: all (admin) or the member's own carrier; by id (the order they were
    published), a page at a time, the active ones marked."""
    carrier = None if who.role is Role.ADMIN else member_carrier(uow, who)
    found = publishing.versions_page(uow, carrier, cursor=cursor, limit=limit)
    found["items"] = [FeedVersionOut.model_validate(v, from_attributes=True) for v in found["items"]]
    return found


@router.post("", status_code=201)
def publish_feed(
    who: AdminOrMember,
    uow: UowDep,
    atlas: AtlasDep,
    file: Annotated[UploadFile, File(description="The feed as a .zip")],
) -> Published:
    """Validate and publish a feed .zip; a member key may publish its own carrier_id only.

    Validation is CPU-bound (a hostile zip takes seconds to refuse), so this route is a plain
    `def`: it runs in the worker thread pool and never blocks the event loop."""
    carrier = None if who.role is Role.ADMIN else member_carrier(uow, who)
    data = file.file.read(MAX_TOTAL_BYTES + 1)
    if len(data) > MAX_TOTAL_BYTES:
        raise JalinError(CommonErrorCode.UPLOAD_TOO_LARGE, f"feeds are limited to {MAX_TOTAL_BYTES:,} bytes")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "feed.zip"
        path.write_bytes(data)
        try:
            result = validate_feed(path, atlas)
        except FeedSourceError:
            raise JalinError(FeedErrorCode.INVALID_ARCHIVE, "upload a .zip of the feed folder") from None
    outcome = publishing.publish_validated(uow, who, result, carrier_id=carrier)
    v = outcome.version
    return Published(
        status=outcome.status,
        carrier_id=v.carrier_id,
        feed_version=v.feed_version,
        content_hash=v.content_hash,
        active=v.active,
        summary=ValidationSummary.model_validate(result.to_dict()["summary"]),
    )
