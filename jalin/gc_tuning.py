"""The cyclic garbage collector in short processes: paused where it only costs time.

A CLI call that answers one question imports a few hundred thousand long-lived objects (numba,
SQLAlchemy, the geography) and makes little garbage. CPython's collector nevertheless walks the
long-lived objects again and again while they are created (0.07-0.23 s of a warm `jalin quote`,
`coverage` or `geo resolve`) and once more for every module while the interpreter shuts down
(0.2-0.6 s of a quote); docs/benchmarks.md has the figures. Garbage made meanwhile is still freed
by reference counting; only reference cycles wait (for the collector's next pass, or the exit).
"""

from __future__ import annotations

import atexit
import gc
from collections.abc import Iterator
from contextlib import contextmanager

_frozen_at_exit = False


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection inside (it is switched back on after, if it was on)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def no_collection_at_exit() -> None:
    """At interpreter exit, leave every object alive then to the operating system rather than
    to the collector's final passes (`gc.freeze`); exit handlers and flushing still run."""
    global _frozen_at_exit
    if not _frozen_at_exit:
        atexit.register(gc.freeze)
        _frozen_at_exit = True


@contextmanager
def one_answer() -> Iterator[None]:
    """For a command that starts, answers and exits: no collection while it runs, none at exit."""
    no_collection_at_exit()
    with gc_paused():
        yield
