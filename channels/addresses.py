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

import aiohttp
import aiohttp.abc
import anyio
import yarl

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
# NAT64's well-known prefix carries an IPv4 address in its last 32 bits (RFC 6052).
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
# IETF protocol assignments (RFC 6890), not reachable from everywhere; Python before 3.12.4 calls most of it global.
_PROTOCOL_ASSIGNMENTS = ipaddress.ip_network("192.0.0.0/24")
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
    # Site-local (fec0::/10) is deprecated, not gone: a network may still route it, and only IPv6 has it.
    for kind in ("unspecified", "loopback", "link_local", "site_local", "multicast", "reserved", "private"):
        if getattr(address, f"is_{kind}", False):
            return kind.replace("_", "-")
    # Shared (carrier-grade NAT), benchmarking, documentation ranges and the like.
    if not address.is_global or address in _PROTOCOL_ASSIGNMENTS:
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


class PublicOnly(aiohttp.abc.AbstractResolver):
    """aiohttp's resolver, answering only the checked public addresses of the host asked for: the connection goes
    to one of them, and TLS is started with the host's own name, so certificates are verified as usual. aiohttp asks
    no resolver for an address given as such (`guard` checks those)."""

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[aiohttp.abc.ResolveResult]:
        return [
            {
                "hostname": host,
                "host": address,
                "port": port,
                "family": socket.AF_INET6 if ":" in address else socket.AF_INET,
                "proto": 0,
                "flags": socket.AI_NUMERICHOST,
            }
            for address in await public(host, port)
        ]

    async def close(self) -> None:
        pass


def guard(url: str) -> None:
    """Refuse `url` if its host is an address given as such and not a public one (names: `PublicOnly`)."""
    host = yarl.URL(url).raw_host or ""
    try:
        address = ipaddress.ip_address(host.partition("%")[0])
    except ValueError:
        return
    checked([str(address)])


def session(timeout: float, *, allow_private: bool) -> aiohttp.ClientSession:
    """A session that follows no redirect (each request says so: a POST must not wander) and, unless
    `allow_private`, reaches public addresses only. No proxy from the environment: the guard must see the endpoint's
    own address. Names are resolved again at each new connection, never cached."""
    connector = aiohttp.TCPConnector(
        limit=100,
        keepalive_timeout=5.0,
        use_dns_cache=False,
        resolver=None if allow_private else PublicOnly(),
    )
    return aiohttp.ClientSession(
        connector=connector,
        timeout=aiohttp.ClientTimeout(total=timeout),
        trust_env=False,
    )
