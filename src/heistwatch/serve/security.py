"""Security helpers of the serve stage: URL checks for ingest-by-URL, signed session cookies,
request body limits.

Document text and submitted URLs are attacker-controlled. Ingest-by-URL must not become a way
to make the server fetch from its own network (SSRF): only http(s) is allowed, and every address
the host name resolves to must be public unless an allow-list names the host, the address or a
network that holds it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import json
import socket
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

ALLOWED_SCHEMES = ("http", "https")


class UnsafeURL(ValueError):
    """The URL may not be fetched (scheme, address or name)."""


@dataclass(frozen=True, slots=True)
class URLAllowList:
    """Hosts and networks that may be fetched although their addresses are not public.

    ``hosts`` holds lower-case host names; ``networks`` holds IP networks ("127.0.0.1/32",
    "10.0.0.0/8"). Empty by default: nothing private is allowed.
    """

    hosts: frozenset[str] = frozenset()
    networks: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = ()

    @classmethod
    def parse(cls, entries: Iterable[str] | None) -> "URLAllowList":
        hosts: set[str] = set()
        nets: list[ipaddress.IPv4Network | ipaddress.IPv6Network] = []
        for entry in entries or ():
            entry = entry.strip()
            if not entry:
                continue
            try:
                nets.append(ipaddress.ip_network(entry, strict=False))
            except ValueError:
                hosts.add(entry.lower().rstrip("."))
        return cls(frozenset(hosts), tuple(nets))

    def allows_host(self, host: str) -> bool:
        return host.lower().rstrip(".") in self.hosts

    def allows_address(self, addr: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
        return any(addr in net for net in self.networks if net.version == addr.version)


def _is_public(addr: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        return _is_public(addr.ipv4_mapped)
    return not (
        addr.is_private
        or addr.is_loopback
        or addr.is_link_local
        or addr.is_multicast
        or addr.is_reserved
        or addr.is_unspecified
        or not addr.is_global
    )


def resolve_host(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (sorted, deduplicated)."""
    infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    return sorted({str(info[4][0]).split("%", 1)[0] for info in infos})


def check_url(url: str, allow: URLAllowList | None = None, *, resolver=resolve_host) -> str:
    """Return ``url`` if it may be fetched, else raise :class:`UnsafeURL` saying why.

    The host is resolved and *every* address is checked, so a name with one public and one
    private address is refused. (The fetch itself must then not follow redirects blindly: the
    caller checks each redirect target with this function too.)
    """
    allow = allow or URLAllowList()
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        raise UnsafeURL(f"{url!r}: scheme {scheme or '(none)'!r} is not allowed (http or https only)")
    host = parts.hostname
    if not host:
        raise UnsafeURL(f"{url!r}: no host")
    if parts.username or parts.password:
        raise UnsafeURL(f"{url!r}: credentials in URLs are not allowed")
    if allow.allows_host(host):
        return url
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError as exc:
        raise UnsafeURL(f"{url!r}: bad port") from exc
    try:
        literal = ipaddress.ip_address(host)
        addresses = [str(literal)]
    except ValueError:
        try:
            addresses = resolver(host, port)
        except (socket.gaierror, UnicodeError, OSError) as exc:
            raise UnsafeURL(f"{url!r}: host {host!r} does not resolve") from exc
    if not addresses:
        raise UnsafeURL(f"{url!r}: host {host!r} has no address")
    for text in addresses:
        addr = ipaddress.ip_address(text)
        if allow.allows_address(addr):
            continue
        if not _is_public(addr):
            raise UnsafeURL(f"{url!r}: {host} resolves to non-public address {addr}")
    return url


# ---------------------------------------------------------------- signed session cookies


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def sign_session(payload: dict[str, Any], secret: bytes) -> str:
    """A cookie value carrying ``payload`` with an HMAC-SHA256 signature."""
    body = _b64(json.dumps(payload, sort_keys=True, separators=(",", ":")).encode())
    mac = hmac.new(secret, body.encode(), hashlib.sha256).digest()
    return f"{body}.{_b64(mac)}"


def read_session(value: str | None, secret: bytes, *, max_age: int) -> dict[str, Any] | None:
    """The payload of a cookie made by :func:`sign_session`, or None if forged, broken or expired."""
    if not value or value.count(".") != 1:
        return None
    body, mac = value.split(".")
    expected = hmac.new(secret, body.encode(), hashlib.sha256).digest()
    try:
        if not hmac.compare_digest(expected, _unb64(mac)):
            return None
        payload = json.loads(_unb64(body))
    except (ValueError, json.JSONDecodeError):
        return None
    if not isinstance(payload, dict):
        return None
    issued = payload.get("iat")
    if not isinstance(issued, (int, float)) or time.time() - issued > max_age:
        return None
    return payload


# ---------------------------------------------------------------- request body limits


class BodySizeLimit:
    """ASGI middleware answering 413 when a request body exceeds ``max_bytes``.

    Checks Content-Length up front and counts streamed bytes too (chunked uploads).
    ``overrides`` maps path prefixes to larger limits (document upload).
    """

    def __init__(self, app, max_bytes: int, overrides: Sequence[tuple[str, int]] = ()) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.overrides = tuple(overrides)

    def limit_for(self, path: str) -> int:
        for prefix, limit in self.overrides:
            if path.startswith(prefix):
                return limit
        return self.max_bytes

    async def __call__(self, scope, receive, send):  # type: ignore[no-untyped-def]
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope.get("path", ""))
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    if int(value) > limit:
                        await _too_large(send, limit)
                        return
                except ValueError:
                    pass
        seen = 0
        started = False

        async def limited_receive():  # type: ignore[no-untyped-def]
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise _BodyTooLarge()
            return message

        async def tracking_send(message):  # type: ignore[no-untyped-def]
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except _BodyTooLarge:
            if not started:
                await _too_large(send, limit)


class _BodyTooLarge(Exception):
    pass


async def _too_large(send, limit: int) -> None:  # type: ignore[no-untyped-def]
    body = json.dumps({"detail": f"request body larger than {limit} bytes"}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})
