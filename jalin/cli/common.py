"""What every CLI module shares: consoles, settings, the engine, and the one way to fail."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import typer
from rich.console import Console
from sqlalchemy import Engine

from jalin.i18n import rupiah, thousands
from jalin.settings import Settings

__all__ = ["console", "engine", "err", "fail", "rupiah", "thousands"]

console = Console()
err = Console(stderr=True)


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print one clear message and return the exit to raise (2 = usage error, 1 = the input failed)."""
    err.print(f"[bold red]✗[/] {message}", highlight=False)
    return typer.Exit(code)


@contextmanager
def engine() -> Iterator[Engine]:
    """The configured database for one command; its connections are closed afterwards."""
    from jalin.storage.db import make_engine

    eng = make_engine(Settings().database_url)
    try:
        yield eng
    finally:
        eng.dispose()
