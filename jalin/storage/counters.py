"""Change counters: bump inside the writing transaction, read to see whether anything changed."""

from __future__ import annotations

from sqlalchemy import Connection, select

from jalin.storage.tables import change_counters


def bump(conn: Connection, name: str) -> None:
    if not conn.execute(
        change_counters.update()
        .where(change_counters.c.name == name)
        .values(value=change_counters.c.value + 1)
    ).rowcount:
        conn.execute(change_counters.insert().values(name=name, value=1))


def read_counters(conn: Connection) -> dict[str, int]:
    return dict(conn.execute(select(change_counters.c.name, change_counters.c.value)).all())
