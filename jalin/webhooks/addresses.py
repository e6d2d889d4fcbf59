"""Which webhook targets are allowed (protection against server-side request forgery).

A target must be an `https` URL whose host resolves only to public addresses: no loopback,
private (RFC 1918, unique local), link-local (cloud metadata at 169.254.169.254), carrier-grade
NAT, multicast, reserved or unspecified address, and none of those hidden in an IPv4-mapped or
NAT64 IPv6 address. The switch `allow_private` (setting `JALIN_WEBHOOKS_ALLOW_PRIVATE=true`, for
tests and the demo) also allows `http` and every address. The host is resolved by the caller
(at registration and again at every delivery, against DNS rebinding); this module only judges.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from urllib.parse import urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_CGNAT = ipaddress.ip_network("100.64.0.0/10")
MAX_URL = 2000


@dataclass(frozen=True, slots=True)
class Target:
    """A URL that passed the shape rules: its host (without brackets) and port."""

    url: str
    scheme: str
    host: str
    port: int


def check_url(url: object, *, allow_private: bool) -> Target | str:
    """The target, or a sentence (English) saying why the URL is refused."""
    if not isinstance(url, str) or not url.strip():
        return "url is required: an https URL of your receiver"
    if len(url) > MAX_URL:
        return f"url is longer than {MAX_URL} characters"
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        return f"url is not a valid URL ({exc})"
    allowed = ("https", "http") if allow_private else ("https",)
    if parts.scheme not in allowed:
        return "url must start with https://" if not allow_private else "url must be http(s)"
    host = parts.hostname
    if not host:
        return "url has no host"
    if parts.username is not None or parts.password is not None:
        return "url must not carry a user name or password"
    if any(c.isspace() for c in url):
        return "url must not contain spaces"
    return Target(url, parts.scheme, host, port or (443 if parts.scheme == "https" else 80))


def _embedded_v4(ip: IPAddress) -> ipaddress.IPv4Address | None:
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return ip.ipv4_mapped
        if ip in _NAT64:
            return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if ip.sixtofour is not None:
            return ip.sixtofour
    return None


def is_public_address(ip: IPAddress) -> bool:
    """True for a globally routable unicast address (and so for any address it embeds)."""
    inner = _embedded_v4(ip)
    if inner is not None:
        return is_public_address(inner)  # the IPv6 wrapper itself is a reserved/special range
    if isinstance(ip, ipaddress.IPv4Address) and ip in _CGNAT:
        return False
    return ip.is_global and not (
        ip.is_multicast or ip.is_loopback or ip.is_link_local or ip.is_private or ip.is_reserved
    )


def blocked_reason(addresses: list[str], *, allow_private: bool) -> str | None:
    """None if every resolved address may be contacted, else a sentence naming the first that
    may not. An empty list (the host did not resolve) is refused."""
    if not addresses:
        return "the host does not resolve to any address"
    if allow_private:
        return None
    for text in addresses:
        try:
            ip = ipaddress.ip_address(text.split("%", 1)[0])
        except ValueError:
            return f"the host resolves to '{text}', which is not an IP address"
        if not is_public_address(ip):
            return f"the host resolves to {ip}, which is not a public address"
    return None
