"""Feed upload by member keys: a member publishes its own carrier's feed only."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, File, UploadFile

from jalin.api.auth import AdminOrMember
from jalin.api.deps import AtlasDep, EngineDep
from jalin.api.problems import Problem
from jalin.network.source import MAX_TOTAL_BYTES, FeedSourceError
from jalin.network.validator import validate_feed
from jalin.registry.rules import Role
from jalin.services.errors import FeedError, FeedErrorCode
from jalin.services.publishing import publish_validated
from jalin.services.registry import audit, member_carrier
from jalin.storage import feeds as store

router = APIRouter(prefix="/v1/feeds", tags=["feeds"])

_FEED_STATUS = {FeedErrorCode.CARRIER_MISMATCH: 403, FeedErrorCode.FEED_VERSION_CONFLICT: 409}


@router.get("")
def list_feed_versions(who: AdminOrMember, engine: EngineDep) -> list[dict[str, Any]]:
    """Published versions: all (admin) or the member's own carrier."""
    carrier = None if who.role is Role.ADMIN else member_carrier(engine, who)
    with engine.connect() as conn:
        return [
            {k: getattr(v, k) for k in v.__dataclass_fields__} for v in store.list_versions(conn, carrier)
        ]


@router.post("", status_code=201)
def publish_feed(
    who: AdminOrMember,
    engine: EngineDep,
    atlas: AtlasDep,
    file: Annotated[UploadFile, File(description="The feed as a .zip")],
) -> dict[str, Any]:
    """Validate and publish a feed .zip; a member key may publish its own carrier_id only.

    Validation is CPU-bound (a hostile zip takes seconds to refuse), so this route is a plain
    `def`: it runs in the worker thread pool and never blocks the event loop."""
    carrier = None if who.role is Role.ADMIN else member_carrier(engine, who)
    data = file.file.read(MAX_TOTAL_BYTES + 1)
    if len(data) > MAX_TOTAL_BYTES:
        raise Problem(413, "upload_too_large", f"feeds are limited to {MAX_TOTAL_BYTES:,} bytes")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "feed.zip"
        path.write_bytes(data)
        try:
            result = validate_feed(path, atlas)
        except FeedSourceError:
            raise Problem(422, "invalid_archive", "upload a .zip of the feed folder") from None
    report = result.to_dict()
    if not result.valid:
        raise Problem(
            422, "feed_invalid", f"the feed has {report['summary']['errors']} error(s)", report=report
        )
    try:
        outcome = publish_validated(engine, result, carrier_id=carrier)
    except FeedError as exc:
        raise Problem(_FEED_STATUS.get(exc.code, 422), exc.code.value, exc.message) from None
    with engine.begin() as conn:
        audit(
            conn,
            who,
            f"feed.{outcome.status.value}",
            "feed_version",
            outcome.version.id,
            None,
            {"carrier_id": outcome.version.carrier_id, "feed_version": outcome.version.feed_version},
        )
    v = outcome.version
    return {
        "status": outcome.status.value,
        "carrier_id": v.carrier_id,
        "feed_version": v.feed_version,
        "content_hash": v.content_hash,
        "active": v.active,
        "summary": report["summary"],
    }
