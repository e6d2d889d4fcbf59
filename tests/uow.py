"""Running use cases from tests the way the CLI does: each in its own unit of work."""

from __future__ import annotations

from typing import Any

from jalin.storage.uow import unit_of_work


def in_uow(engine, fn, *args: Any, **kwargs: Any) -> Any:  # type: ignore[no-untyped-def]
    """`fn(uow, *args, **kwargs)` in one unit of work, committed when it returns."""
    with unit_of_work(engine) as uow:
        return fn(uow, *args, **kwargs)
