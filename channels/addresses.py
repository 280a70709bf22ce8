"""Which addresses a webhook may reach: public unicast ones only, unless WEBHOOK_ALLOW_PRIVATE says otherwise.

A tenant's admin chooses the URL and the service makes the request, so an endpoint on the service's own network
(a database, a cloud's metadata service at 169.254.169.254) would let that admin reach what it must not. The check
runs when an endpoint is registered, and again at each connection: a name may resolve elsewhere later, so the
connection goes to the very address that was checked (`PublicOnly`), never to a second resolution of the name.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from typing import Any

import anyio
import httpcore
import httpx

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
# NAT64's well-known prefix carries an IPv4 address in its last 32 bits (RFC 6052).
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
# A registration waits for the resolver this long at most (a delivery has its own deadline as well).
RESOLVE_SECONDS = 5.0


class Refused(Exception):
    """The endpoint resolves to an address webhooks may not reach; its message says which kind, not which host."""


class Unresolved(Exception):
    """The endpoint's name did not resolve (now: a delivery tries again later)."""


def refusal(address: Address) -> str | None:
    """Why `address` may not be reached (a kind of address), or None if it is public unicast."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour or (address.teredo or (None, None))[1]
        if embedded is None and address in _NAT64:
            embedded = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if embedded is not None:
            return refusal(embedded)
    for kind in ("unspecified", "loopback", "link_local", "multicast", "reserved", "private"):
        if getattr(address, f"is_{kind}"):
            return kind.replace("_", "-")
    if not address.is_global:  # shared (carrier-grade NAT), benchmarking, documentation ranges and the like
        return "non-global"
    return None


def checked(addresses: Iterable[str]) -> list[str]:
    """`addresses` if every one is public; a name resolving to any other is refused whole, since the resolver,
    not us, would pick among them."""
    found = list(dict.fromkeys(addresses))
    for text in found:
        kind = refusal(ipaddress.ip_address(text.partition("%")[0]))
        if kind is not None:
            raise Refused(f"the endpoint resolves to a {kind} address")
    return found


async def resolve(host: str, port: int) -> list[str]:
    """The addresses `host` resolves to (an address given as such: itself)."""
    try:
        with anyio.fail_after(RESOLVE_SECONDS):
            infos = await anyio.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM)
    except TimeoutError:
        raise Unresolved("the endpoint's host name did not resolve in time") from None
    except OSError:
        raise Unresolved("the endpoint's host name does not resolve") from None
    return [str(info[4][0]) for info in infos]


async def public(host: str, port: int) -> list[str]:
    return checked(await resolve(host, port))


class PublicOnly(httpcore.AnyIOBackend):
    """httpcore's network backend, connecting only to the checked public addresses of the host asked for. TLS is
    then started by httpcore with the host's own name, so certificates are verified as usual."""

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109 (httpcore's signature)
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        error: Exception | None = None
        for address in await public(host, port):
            try:
                return await super().connect_tcp(address, port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as failed:
                error = failed
        assert error is not None  # `public` returns at least one address or raises
        raise error


def client(timeout: float, *, allow_private: bool) -> httpx.AsyncClient:
    """A client that follows no redirect (a POST must not wander) and, unless `allow_private`, reaches public
    addresses only. No proxy from the environment: the guard must see the endpoint's own address."""
    limits = httpx.Limits(max_connections=100, max_keepalive_connections=20, keepalive_expiry=5.0)  # httpx's own
    transport = httpx.AsyncHTTPTransport(limits=limits)
    if not allow_private:
        # httpx takes no network backend; its transport's pool is an httpcore pool that does (httpx 0.27, 0.28).
        if not isinstance(getattr(transport, "_pool", None), httpcore.AsyncConnectionPool):
            raise RuntimeError("httpx's transport no longer keeps an httpcore pool: the address guard cannot apply")
        transport._pool = httpcore.AsyncConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=PublicOnly(),
        )
    return httpx.AsyncClient(transport=transport, timeout=timeout, follow_redirects=False, trust_env=False)
