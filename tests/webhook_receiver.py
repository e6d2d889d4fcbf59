"""A local webhook receiver for tests and benchmarks: a threaded HTTP server that verifies every
request with the `standardwebhooks` library (an implementation independent of Jalin's) and
records what arrived.

Paths choose the behaviour: `/ok/<name>` answers 204, `/fail/<name>` 500, `/slow/<name>` waits
`slow_seconds` then answers 204. `secrets` maps a path to the endpoint's secret; a request whose
signature does not verify is recorded with `verified=False` and answered 401.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from standardwebhooks import Webhook, WebhookVerificationError


@dataclass
class Arrival:
    path: str
    webhook_id: str
    timestamp: str
    body: bytes
    verified: bool
    started: float
    finished: float | None = None
    status: int | None = None
    peer: int = 0  # the client's port: one per connection


@dataclass
class Receiver:
    url: str
    secrets: dict[str, str] = field(default_factory=dict)
    arrivals: list[Arrival] = field(default_factory=list)
    slow_seconds: float = 1.0
    fail_paths: set[str] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)
    in_flight: dict[str, int] = field(default_factory=dict)
    overlaps: list[str] = field(default_factory=list)  # ids received while already in flight

    def completed(self, path: str | None = None) -> list[Arrival]:
        with self.lock:
            return [
                a
                for a in self.arrivals
                if a.finished is not None and a.status == 204 and (path is None or a.path == path)
            ]

    def started(self) -> list[Arrival]:
        with self.lock:
            return list(self.arrivals)


def _handler(rx: Receiver) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # quiet
            pass

        def do_POST(self) -> None:
            length = int(self.headers.get("content-length", "0"))
            body = self.rfile.read(length)
            if len(body) < length:
                return  # the sender died mid-request (a killed worker): nothing was delivered
            headers = {k.lower(): v for k, v in self.headers.items()}
            secret = rx.secrets.get(self.path)
            verified = False
            if secret is not None:
                try:
                    Webhook(secret).verify(body, headers, json_parse=False)
                    verified = True
                except WebhookVerificationError:
                    verified = False
            a = Arrival(
                self.path,
                headers.get("webhook-id", ""),
                headers.get("webhook-timestamp", ""),
                body,
                verified,
                time.monotonic(),
                peer=self.client_address[1],
            )
            with rx.lock:
                rx.arrivals.append(a)
                if rx.in_flight.get(a.webhook_id):
                    rx.overlaps.append(a.webhook_id)
                rx.in_flight[a.webhook_id] = rx.in_flight.get(a.webhook_id, 0) + 1
            try:
                if self.path.startswith("/slow/"):
                    time.sleep(rx.slow_seconds)
                status = 204
                if self.path.startswith("/fail/") or self.path in rx.fail_paths:
                    status = 500
                elif not verified:
                    status = 401
                self.send_response(status)
                self.send_header("content-length", "0")
                self.end_headers()
            finally:
                with rx.lock:
                    rx.in_flight[a.webhook_id] -= 1
                    a.finished = time.monotonic()
                    a.status = status

    return Handler


@contextmanager
def receiver() -> Iterator[Receiver]:
    """A receiver on a free local port, stopped afterwards."""
    rx = Receiver("")
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(rx))
    server.daemon_threads = True
    rx.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield rx
    finally:
        server.shutdown()
        server.server_close()
