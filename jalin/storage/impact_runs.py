"""Rows of impact_runs: portal impact comparisons and their answers. Callers own the transaction.

State changes are conditional updates (`... WHERE status IN (...)`), so two processes never both
claim a run, and a run marked failed as stale is not overwritten by a late answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, and_, or_, select

from jalin.storage.db import insert_id
from jalin.storage.tables import impact_runs

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"


@dataclass(frozen=True, slots=True)
class RunRow:
    """A run without its answer (`result` is read on its own: it can be megabytes)."""

    id: int
    requested_by: str
    proposal: str
    status: str
    error: str | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None


_COLUMNS = [c for c in impact_runs.c if c.name != "result"]


def _row(r) -> RunRow:
    return RunRow(**{c.name: getattr(r, c.name) for c in _COLUMNS})


def insert_run(conn: Connection, *, requested_by: str, proposal: str, now: datetime) -> int:
    return insert_id(
        conn,
        impact_runs.insert().values(
            requested_by=requested_by, proposal=proposal, status=QUEUED, created_at=now
        ),
    )


def get_run(conn: Connection, run_id: int) -> RunRow | None:
    r = conn.execute(select(*_COLUMNS).where(impact_runs.c.id == run_id)).first()
    return _row(r) if r else None


def get_result(conn: Connection, run_id: int) -> str | None:
    """The answer's JSON text of a finished run (None before)."""
    value: str | None = conn.execute(
        select(impact_runs.c.result).where(impact_runs.c.id == run_id)
    ).scalar_one_or_none()
    return value


def recent_runs(conn: Connection, limit: int) -> list[RunRow]:
    """The newest runs first."""
    q = select(*_COLUMNS).order_by(impact_runs.c.created_at.desc(), impact_runs.c.id.desc()).limit(limit)
    return [_row(r) for r in conn.execute(q)]


def claim_run(conn: Connection, run_id: int, now: datetime) -> bool:
    """queued -> running; False if the run was not queued (claimed elsewhere, or failed)."""
    done = conn.execute(
        impact_runs.update()
        .where(impact_runs.c.id == run_id, impact_runs.c.status == QUEUED)
        .values(status=RUNNING, started_at=now)
    )
    return bool(done.rowcount)


def finish_run(conn: Connection, run_id: int, result: str, now: datetime) -> bool:
    """running -> done with the answer; False if the run is no longer running (marked stale)."""
    done = conn.execute(
        impact_runs.update()
        .where(impact_runs.c.id == run_id, impact_runs.c.status == RUNNING)
        .values(status=DONE, result=result, finished_at=now)
    )
    return bool(done.rowcount)


def fail_run(conn: Connection, run_id: int, error: str, now: datetime) -> bool:
    """queued or running -> failed with the reason; False if the run had already ended."""
    done = conn.execute(
        impact_runs.update()
        .where(impact_runs.c.id == run_id, impact_runs.c.status.in_([QUEUED, RUNNING]))
        .values(status=FAILED, error=error, finished_at=now)
    )
    return bool(done.rowcount)


def fail_stale_runs(
    conn: Connection, error: str, now: datetime, started_before: datetime, created_before: datetime
) -> int:
    """Every run running since before `started_before` or queued since before `created_before`
    -> failed; how many."""
    done = conn.execute(
        impact_runs.update()
        .where(
            or_(
                and_(impact_runs.c.status == RUNNING, impact_runs.c.started_at < started_before),
                and_(impact_runs.c.status == QUEUED, impact_runs.c.created_at < created_before),
            )
        )
        .values(status=FAILED, error=error, finished_at=now)
    )
    return int(done.rowcount)
