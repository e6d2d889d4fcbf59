"""`jalin serve --workers N`: N worker processes, each listening on its own socket of one port.

uvicorn's own supervisor hands every worker the same listening socket. Whichever worker wakes
first accepts every connection waiting, so a burst of keep-alive clients (a load balancer's
connection pool, a load test) lands on one worker while the others idle: 16 clients against 2
workers were all served by one process, at the throughput of one. Here every worker binds its
own socket with `SO_REUSEPORT` and Linux spreads new connections over the listening sockets by
a hash of their addresses, so each worker gets its share.

The supervisor first makes sure nothing else holds the port (a second `jalin serve` on the same
port fails with "address in use" instead of silently sharing it), then keeps a bound,
non-listening socket with `SO_REUSEPORT` for as long as it runs, so the port stays reserved
for its own workers (Linux only lets sockets of the same user join). It starts a worker that
ends (killed, crashed) again, pausing longer while it keeps ending, stops when a worker's app
could not start (the same would happen again), and stops all workers on SIGINT, SIGTERM or
SIGHUP; a worker whose supervisor died (even by SIGKILL) stops by itself. Workers are not
health-checked beyond being alive (uvicorn's supervisor pings them). `SO_REUSEPORT` spreading is Linux's
(the platform Jalin runs on); elsewhere the option may be missing or not spread connections.
"""

from __future__ import annotations

import logging
import multiprocessing
import multiprocessing.connection
import os
import signal
import socket
import sys
import threading
import time
from typing import Any

log = logging.getLogger("jalin.serve")

#: Connections waiting to be accepted, per worker (uvicorn's default).
BACKLOG = 2048
#: A worker's exit code when its app could not start (uvicorn's own code for it).
STARTUP_FAILURE = 3


def _address(host: str, port: int) -> tuple[socket.AddressFamily, Any]:
    family, _, _, _, address = socket.getaddrinfo(
        host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
    )[0]
    return family, address


def _bound(host: str, port: int, *, reuse_address: bool, share: bool) -> socket.socket:
    """A TCP socket bound to (host, port), with SO_REUSEADDR and SO_REUSEPORT (`share`) as asked."""
    family, address = _address(host, port)
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        if reuse_address:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if share:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind(address)
    except BaseException:
        sock.close()
        raise
    return sock


def reserve(host: str, port: int) -> socket.socket:
    """Fail with OSError (address in use) if anything holds the port; else a socket that keeps it.

    The returned socket is bound with SO_REUSEPORT only and never listens: it receives no
    connections, the workers (SO_REUSEPORT, same user) can still join the port, and another
    program or another `jalin serve` cannot bind it while it is open (without SO_REUSEADDR on
    this socket, a second one's SO_REUSEADDR probe is refused too).
    """
    _bound(host, port, reuse_address=True, share=False).close()  # anything else holds it: refused
    return _bound(host, port, reuse_address=False, share=True)


def _exit_with_parent() -> None:
    """SIGTERM this worker (uvicorn then shuts down cleanly) if the supervisor dies, even by SIGKILL."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, name="jalin-parent-watch", daemon=True).start()


def _worker(host: str, port: int, options: dict[str, Any]) -> None:
    """One worker process: its own listening socket, the app from the environment."""
    import uvicorn

    _exit_with_parent()
    sock = _bound(host, port, reuse_address=True, share=True)
    sock.listen(BACKLOG)
    config = uvicorn.Config("jalin.api.app:create_served_app", factory=True, **options)
    server = uvicorn.Server(config)
    server.run(sockets=[sock])
    if not server.started:  # the app did not start (uvicorn logged why): do not restart it
        sys.exit(STARTUP_FAILURE)


class _Workers:
    """The worker processes, started again when they end (after a pause if they keep ending)."""

    def __init__(self, host: str, port: int, options: dict[str, Any]) -> None:
        self._args = (host, port, options)
        self._spawn = multiprocessing.get_context("spawn")  # fresh interpreters: no threads inherited
        self.processes: list[Any] = []
        self._started: list[float] = []  # time.monotonic() of each start
        self._pause: list[float] = []  # seconds waited before each one's last restart

    def start(self, i: int | None = None) -> None:
        process = self._spawn.Process(target=_worker, args=self._args, daemon=False)
        process.start()
        if i is None:
            self.processes.append(process)
            self._started.append(time.monotonic())
            self._pause.append(0.0)
        else:
            self.processes[i], self._started[i] = process, time.monotonic()

    def check(self, stop: threading.Event) -> int:
        """Start ended workers again; returns STARTUP_FAILURE (and sets `stop`) when one could not
        start, else 0. A worker that ran for a minute or more is replaced at once; one that ended
        sooner after a pause that doubles each time (1 s, 2 s, ... at most a minute)."""
        for i, process in enumerate(self.processes):
            if process.is_alive():
                continue
            if process.exitcode == STARTUP_FAILURE:
                log.error("worker %s could not start; stopping", process.pid)
                stop.set()
                return STARTUP_FAILURE
            lived = time.monotonic() - self._started[i]
            pause = self._pause[i] = 0.0 if lived >= 60 else min(60.0, max(1.0, self._pause[i] * 2))
            log.warning(
                "worker %s ended (exit code %s); another in %.0f s", process.pid, process.exitcode, pause
            )
            if stop.wait(pause):
                return 0
            self.start(i)
        return 0

    def stop(self) -> None:
        for process in self.processes:
            if process.is_alive():
                process.terminate()  # SIGTERM: uvicorn finishes the requests in flight
        for process in self.processes:
            process.join(30)
            if process.is_alive():
                process.kill()
                process.join()


def serve_workers(host: str, port: int, workers: int, options: dict[str, Any]) -> int:
    """Run `workers` worker processes until SIGINT, SIGTERM or SIGHUP; returns the exit code.

    0: stopped by a signal; STARTUP_FAILURE: a worker's app could not start. `options` are
    uvicorn.Config's (log level, server header). Raises OSError when the port is taken, before
    any worker starts. A worker that ends otherwise (killed, crashed) is started again, after a
    pause that doubles while it keeps ending; workers are not health-checked beyond being alive.
    """
    guard = reserve(host, port)
    stop = threading.Event()
    signals = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
    previous = {sig: signal.signal(sig, lambda *_: stop.set()) for sig in signals}
    pool = _Workers(host, port, options)
    code = 0
    try:
        for _ in range(workers):
            pool.start()
        while not stop.wait(0.5):
            code = pool.check(stop)
    finally:
        pool.stop()
        guard.close()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return code
