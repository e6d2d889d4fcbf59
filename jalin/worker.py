"""`jalin worker`: the long-running process that delivers the webhook outbox.

It claims due messages, delivers them and records the attempts (`services.webhooks.delivery`),
then waits `poll` seconds when nothing is due. SIGTERM or SIGINT stops it after the batch in
hand is recorded, so a clean stop loses no attempt; a killed worker loses none either (its leases
run out and another worker sends again). `once=True` delivers everything due now and returns.
Several workers may run against one PostgreSQL database (claims skip rows another worker
holds); on SQLite they take turns at the one write lock.
"""

from __future__ import annotations

import logging
import signal
import threading
from types import FrameType
from typing import Any

from sqlalchemy import Engine

from jalin.services.webhooks.delivery import Dispatcher, Options

log = logging.getLogger("jalin.worker")


def run(
    engine: Engine,
    options: Options,
    *,
    once: bool = False,
    poll: float = 1.0,
    stop: threading.Event | None = None,
) -> int:
    """Deliver until stopped (or, with `once`, until nothing is due); the number of attempts."""
    stop = stop or threading.Event()
    dispatcher = Dispatcher(engine, options)
    previous = _install_signals(stop) if threading.current_thread() is threading.main_thread() else {}
    log.info("worker %s started (%s)", dispatcher.name, "once" if once else f"poll {poll}s")
    total = 0
    try:
        if once:
            total = dispatcher.drain(stop.is_set)
        else:
            while not stop.is_set():
                n = dispatcher.drain(stop.is_set)
                total += n
                if n == 0:
                    stop.wait(poll)
    finally:
        dispatcher.close()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        log.info("worker %s stopped after %d attempts", dispatcher.name, total)
    return total


def _install_signals(stop: threading.Event) -> dict[int, Any]:
    def handle(signum: int, _frame: FrameType | None) -> None:
        log.info("signal %d: stopping after the batch in hand", signum)
        stop.set()

    previous: dict[int, Any] = {}
    for sig in (signal.SIGTERM, signal.SIGINT):
        previous[sig] = signal.getsignal(sig)
        signal.signal(sig, handle)
    return previous
