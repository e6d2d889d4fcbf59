"""Feed upload by member keys: a member publishes its own carrier's feed only."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, File, UploadFile

from jalin.api.models import FeedVersionOut, Published, ValidationSummary
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


@router.get("")
def list_feed_versions(who: AdminOrMember, uow: UowDep) -> list[FeedVersionOut]:
    """Published versions: all (admin) or the member's own carrier."""
    carrier = None if who.role is Role.ADMIN else member_carrier(uow, who)
    return [
        FeedVersionOut.model_validate(v, from_attributes=True) for v in publishing.list_versions(uow, carrier)
    ]


@router.post("", status_code=201)
async def publish_feed(
    who: AdminOrMember,
    uow: UowDep,
    atlas: AtlasDep,
    file: Annotated[UploadFile, File(description="The feed as a .zip")],
) -> Published:
    """Validate and publish a feed .zip; a member key may publish its own carrier_id only."""
    carrier = None if who.role is Role.ADMIN else member_carrier(uow, who)
    data = await file.read(MAX_TOTAL_BYTES + 1)
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
