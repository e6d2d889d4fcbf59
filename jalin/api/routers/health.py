from __future__ import annotations

from fastapi import APIRouter

from jalin.api.models import Health
from jalin.errors import CommonErrorCode, JalinError
from jalin.http.auth import Public
from jalin.http.deps import EngineDep
from jalin.storage.db import ping

router = APIRouter(tags=["health"])


@router.get("/healthz")
def healthz(_: Public, engine: EngineDep) -> Health:
    """Liveness plus a database round trip."""
    try:
        ping(engine)
    except Exception as exc:
        raise JalinError(
            CommonErrorCode.DATABASE_UNAVAILABLE, f"Database is not reachable: {exc.__class__.__name__}"
        ) from None
    return Health(status="ok", database="ok")
