"""What every CLI module shares: consoles, settings, the engine, the unit of work, and the one
way to fail."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import typer
from rich.console import Console

from jalin.errors import JalinError
from jalin.i18n import lang, message_of, rupiah, t, thousands
from jalin.settings import Settings

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from jalin.storage.uow import UnitOfWork

__all__ = ["console", "engine", "err", "fail", "fail_on", "rupiah", "thousands", "uow"]

#: Width when output goes to a file or a pipe (no terminal to measure): wide enough that a
#: quote table is never wrapped at Rich's default of 80 columns. $COLUMNS still wins.
REDIRECTED_WIDTH = 200


def _console(*, stderr: bool = False) -> Console:
    c = Console(stderr=stderr)
    if not c.is_terminal and "COLUMNS" not in os.environ:
        c.width = REDIRECTED_WIDTH
    return c


console = _console()
err = _console(stderr=True)


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print one clear message and return the exit to raise: 2 when the input was wrong (a usage
    error), 1 when the command ran and the answer is no (nothing found, refused, invalid feed)."""
    err.print(f"[bold red]✗[/] {message}", highlight=False)
    return typer.Exit(code)


def fail_on(exc: JalinError, code: int | None = None) -> typer.Exit:
    """The one way a `JalinError` ends a command: its code (and field), the catalogue's sentence
    in the operator's language, the specifics, and the exit status: `code`, or by what the API
    would answer (docs/errors.md): 2 when the input was wrong (400, 413, 422), 1 when the stored
    state refused it (403, 404, 409, ...). 0 is success."""
    if code is None:
        from jalin.api.problems import STATUS  # only on failure: keeps the web stack off start-up

        code = 2 if STATUS.get(exc.code.value, 422) in (400, 413, 422) else 1
    where = f" ({exc.field})" if exc.field else ""
    sentence = message_of(exc.code)
    text = exc.message if lang() == "en" else f"{sentence} {exc.message}"
    if "allowed" in exc.extra:
        text += " " + t("cli.allowed", values=", ".join(map(str, exc.extra["allowed"])) or "-")
    return fail(f"{exc.code.value}{where}: {text}", code)


@contextmanager
def uow() -> Iterator[UnitOfWork]:
    """One unit of work for one command on the configured database."""
    from jalin.storage.uow import unit_of_work

    with engine() as eng, unit_of_work(eng) as work:
        yield work


@contextmanager
def engine(*, schema: bool = True) -> Iterator[Engine]:
    """The configured database for one command; its connections are closed afterwards.

    With `schema` (every command but `jalin db upgrade`), a database that was never upgraded
    ends the command with one sentence saying what to run, not a driver traceback."""
    from jalin.storage.db import ever_upgraded, make_engine

    eng = make_engine(Settings().database_url)
    try:
        if schema and not ever_upgraded(eng):
            raise fail(t("db.not_upgraded"), 1)
        yield eng
    finally:
        eng.dispose()
