"""The unit of work: one use case, one transaction.

Services take a `UnitOfWork` (not an Engine), so a use case, its audit rows and any line
it earns commit together or not at all. The API opens one per request, the CLI one per
command, tests one per call.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Connection, Engine


@dataclass(frozen=True, slots=True)
class UnitOfWork:
    """An open transaction. `conn` is valid only inside the `with unit_of_work(...)` block."""

    conn: Connection

    @property
    def dialect(self) -> str:
        """`sqlite` or `postgresql`: for the few statements that differ between them."""
        return self.conn.dialect.name


@contextmanager
def unit_of_work(engine: Engine) -> Iterator[UnitOfWork]:
    """Begin a transaction; commit when the block ends normally, roll back on any exception.

    On SQLite the transaction is begun explicitly with `BEGIN IMMEDIATE`: the Python driver
    would otherwise start it only at the first write, so the use case's reads would not belong
    to it and a savepoint (`conn.begin_nested()`) would commit on release. SQLite has one writer
    at a time anyway; under WAL, readers outside a unit of work are not blocked.
    """
    with engine.begin() as conn:
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        yield UnitOfWork(conn)
