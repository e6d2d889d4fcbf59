from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import text

from jalin.api.auth import Public
from jalin.api.deps import EngineDep
from jalin.api.problems import Problem

router = APIRouter(tags=["health"])


@router.get("/healthz")
def healthz(_: Public, engine: EngineDep) -> dict[str, str]:
    """Liveness plus a database round trip."""
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:
        raise Problem(
            503, "database_unavailable", f"Database is not reachable: {exc.__class__.__name__}"
        ) from None
    return {"status": "ok", "database": "ok"}
