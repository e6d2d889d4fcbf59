"""What every CLI module shares: consoles, settings, the engine, and the one way to fail."""

from __future__ import annotations

import typer
from rich.console import Console
from sqlalchemy import Engine

from jalin.settings import Settings

console = Console()
err = Console(stderr=True)


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print one clear message and return the exit to raise (2 = usage error, 1 = the input failed)."""
    err.print(f"[bold red]✗[/] {message}", highlight=False)
    return typer.Exit(code)


def engine() -> Engine:
    from jalin.storage.db import make_engine

    return make_engine(Settings().database_url)


def rupiah(amount: int) -> str:
    """Rp12.500: Indonesian thousands separator."""
    return "Rp" + f"{amount:,}".replace(",", ".")


def thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")
