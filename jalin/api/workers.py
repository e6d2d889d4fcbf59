"""`jalin serve --workers N`: N worker processes, each listening on its own socket of one port.

uvicorn's own supervisor hands every worker the same listening socket. Whichever worker wakes
first accepts every connection waiting, so a burst of keep-alive clients (a load balancer's
connection pool, a load test) lands on one worker while the others idle: 16 clients against 2
workers were all served by one process, at the throughput of one. Here every worker binds its
own socket with `SO_REUSEPORT` and Linux spreads new connections over the listening sockets by
a hash of their addresses, so each worker gets its share.

The supervisor first makes sure nothing else listens on the port (a second `jalin serve` on the
same port fails with "address in use" instead of silently sharing it), then keeps a bound,
non-listening socket with `SO_REUSEPORT` for as long as it runs, so the port stays reserved
for its own workers (Linux only lets sockets of the same user join). It restarts a worker
killed by a signal, stops when a worker exits on its own (it could not start: the same would
happen again), and stops all workers on SIGINT or SIGTERM. `SO_REUSEPORT` spreading is Linux's
(the platform Jalin runs on); elsewhere the option may be missing or not spread connections.
"""

from __future__ import annotations

import logging
import multiprocessing
import signal
import socket
import sys
import threading
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


def _bound(host: str, port: int, *, share: bool) -> socket.socket:
    """A TCP socket bound to (host, port); `share`: with SO_REUSEPORT, so the workers can join."""
    family, address = _address(host, port)
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
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

    The returned socket is bound with SO_REUSEPORT and never listens: it receives no connections,
    and another program (or another `jalin serve`) cannot bind the port while it is open.
    """
    _bound(host, port, share=False).close()  # fails if anything else, sharing or not, holds it
    return _bound(host, port, share=True)


def _worker(host: str, port: int, options: dict[str, Any]) -> None:
    """One worker process: its own listening socket, the app from the environment."""
    import uvicorn

    sock = _bound(host, port, share=True)
    sock.listen(BACKLOG)
    config = uvicorn.Config("jalin.api.app:create_served_app", factory=True, **options)
    server = uvicorn.Server(config)
    server.run(sockets=[sock])
    if not server.started:  # the app did not start (uvicorn logged why): do not restart it
        sys.exit(STARTUP_FAILURE)


def serve_workers(host: str, port: int, workers: int, options: dict[str, Any]) -> int:
    """Run `workers` worker processes until SIGINT or SIGTERM; returns the exit code (0: stopped).

    `options` are uvicorn.Config's (log level, server header). Raises OSError when the port is
    taken, before any worker starts.
    """
    guard = reserve(host, port)
    spawn = multiprocessing.get_context("spawn")  # a fresh interpreter: no threads or numba state inherited
    stop = threading.Event()

    def start() -> Any:
        process = spawn.Process(target=_worker, args=(host, port, options), daemon=False)
        process.start()
        return process

    previous = {sig: signal.signal(sig, lambda *_: stop.set()) for sig in (signal.SIGINT, signal.SIGTERM)}
    processes = [start() for _ in range(workers)]
    code = 0
    try:
        while not stop.wait(0.5):
            for i, process in enumerate(processes):
                if process.is_alive():
                    continue
                if process.exitcode is not None and process.exitcode > 0:
                    log.error("worker %s exited with code %s; stopping", process.pid, process.exitcode)
                    code = process.exitcode
                    stop.set()
                    break
                log.warning("worker %s ended (exit code %s); starting another", process.pid, process.exitcode)
                processes[i] = start()
    finally:
        for process in processes:
            if process.is_alive():
                process.terminate()  # SIGTERM: uvicorn finishes the requests in flight
        for process in processes:
            process.join(30)
            if process.is_alive():
                process.kill()
                process.join()
        guard.close()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return code
