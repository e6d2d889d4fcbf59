"""The HTTP client that delivers webhooks, with the SSRF rule enforced where it matters: when a
connection is opened.

`GuardedBackend` resolves the host itself, refuses the connection if any resolved address is not
allowed (`jalin.webhooks.addresses.blocked_reason`) and then connects to the addresses it checked,
so a DNS answer that changes between a check and the connection (DNS rebinding) cannot reach an
internal address. TLS still verifies the certificate against the host name. Redirects are not
followed (a 3xx is a failed attempt) and proxies from the environment are ignored, so nothing
routes a delivery around the check.
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FuturesTimeout
from typing import Any

import httpcore2
import httpx2

from jalin.webhooks.addresses import blocked_reason

#: (host, port) -> the addresses it resolves to, as text.
Resolver = Callable[[str, int], list[str]]


class BlockedTarget(Exception):
    """The target's host resolves to an address the SSRF rule refuses (not a network error)."""


#: Seconds a name may take to resolve; slower counts as not resolving. The system resolver has
#: no timeout of its own, so it runs on a small pool of threads and is waited for this long.
RESOLVE_TIMEOUT = 5.0
_resolvers = ThreadPoolExecutor(4, thread_name_prefix="resolve")


def _getaddrinfo(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return []
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def resolve(host: str, port: int) -> list[str]:
    """Every address `host` resolves to; empty if it does not resolve within `RESOLVE_TIMEOUT`."""
    try:
        return _resolvers.submit(_getaddrinfo, host, port).result(timeout=RESOLVE_TIMEOUT)
    except FuturesTimeout:
        return []


class GuardedBackend(httpcore2.SyncBackend):
    """A network backend that checks every address before it connects."""

    def __init__(self, *, allow_private: bool, resolver: Resolver = resolve) -> None:
        self.allow_private = allow_private
        self.resolver = resolver

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore2.NetworkStream:
        addresses = self.resolver(host, port)
        reason = blocked_reason(addresses, allow_private=self.allow_private)
        if reason is not None:
            raise BlockedTarget(reason)
        last: Exception | None = None
        for address in addresses:
            try:
                return super().connect_tcp(address, port, timeout, local_address, socket_options)
            except httpcore2.ConnectError as exc:  # try the next checked address
                last = exc
        assert last is not None
        raise last


def make_client(
    *, timeout: float, allow_private: bool, connections: int = 16, resolver: Resolver = resolve
) -> httpx2.Client:
    """A thread-safe client for deliveries: per-phase `timeout` seconds, keep-alive pool of
    `connections`, no redirects, no environment proxies, guarded connections."""
    transport = httpx2.HTTPTransport(
        trust_env=False,
        limits=httpx2.Limits(max_connections=connections, max_keepalive_connections=connections),
    )
    transport._pool = httpcore2.ConnectionPool(
        ssl_context=httpx2.create_ssl_context(trust_env=False),
        max_connections=connections,
        max_keepalive_connections=connections,
        keepalive_expiry=5.0,
        network_backend=GuardedBackend(allow_private=allow_private, resolver=resolver),
    )
    return httpx2.Client(
        transport=transport,
        timeout=httpx2.Timeout(timeout),
        follow_redirects=False,
        trust_env=False,
        headers={"user-agent": "Jalin-Webhooks/1"},
    )
