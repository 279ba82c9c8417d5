"""Fetching a public page for the link checks, safely: no request forgery through a link.

Officers choose the links the bot fetches, so every request is held to these rules:
https only; the host's every address must be a public one — loopback, private,
link-local, shared, multicast and reserved addresses are refused, checked by the
resolver the connection itself uses (so a name cannot resolve to one address for the
check and to another for the connection) and for literal addresses before any
connection; redirects are followed by hand, at most :data:`MAX_REDIRECTS`, each
target held to the same rules; no cookies are kept or sent, no proxy from the
environment is used; the whole fetch has one timeout and the body is read streamed
up to a size cap (after decompression). ``allow_hosts`` names hosts exempt from the
address and https rules — for tests against a local fake server only; it is empty
unless ``links.verify_allow_hosts`` says otherwise.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Iterable
from dataclasses import dataclass

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult
from yarl import URL

MAX_REDIRECTS = 3
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHUNK = 16 * 1024
_USER_AGENT = "humas-bot/1 (link check; +https://bogorkab.go.id)"


class Refused(Exception):
    """A target the fetcher does not touch (not https, not a public address, too many
    redirects): the link cannot be checked, and trying again will not change that."""


class TooLarge(Exception):
    """The page is larger than the size cap."""


@dataclass(frozen=True)
class Page:
    status: int
    body: bytes
    content_type: str
    charset: str | None
    url: str


def public_address(text: str) -> bool:
    """Whether an IP address is a public (globally routable, unicast) one."""
    try:
        address = ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


class _GuardedResolver(AbstractResolver):
    """The system resolver, refusing a name with any address that is not public."""

    def __init__(self, allow_hosts: frozenset[str]) -> None:
        self._inner = aiohttp.ThreadedResolver()
        self._allow = allow_hosts

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        results = await self._inner.resolve(host, port, family)
        if host.lower() not in self._allow and not all(
            public_address(result["host"]) for result in results
        ):
            raise Refused(f"{host} resolves to an address that is not public")
        return results

    async def close(self) -> None:
        await self._inner.close()


class SafeFetcher:
    def __init__(self, *, timeout: float, max_bytes: int, allow_hosts: Iterable[str] = ()) -> None:
        self.timeout = timeout
        self.max_bytes = max_bytes
        self._allow = frozenset(host.lower() for host in allow_hosts)
        self._session: aiohttp.ClientSession | None = None

    def _client(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(
                resolver=_GuardedResolver(self._allow), use_dns_cache=False, limit=8
            )
            self._session = aiohttp.ClientSession(
                connector=connector,
                cookie_jar=aiohttp.DummyCookieJar(),
                trust_env=False,
                headers={"User-Agent": _USER_AGENT},
            )
        return self._session

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    def check_target(self, url: URL) -> None:
        """Refuse an address the fetcher must not touch (before any connection)."""
        host = (url.host or "").lower()
        if not host:
            raise Refused("no host")
        if host in self._allow:
            if url.scheme not in ("http", "https"):
                raise Refused(f"scheme {url.scheme!r}")
            return
        if url.scheme != "https":
            raise Refused(f"not https: {url.scheme!r}")
        try:
            ipaddress.ip_address(host.strip("[]").split("%", 1)[0])
        except ValueError:
            return  # a name: the resolver checks its addresses
        if not public_address(host.strip("[]")):
            raise Refused(f"{host} is not a public address")

    async def get(self, address: str, accept: str) -> Page:
        """GET ``address`` under the rules above. Raises :class:`Refused`,
        :class:`TooLarge`, ``TimeoutError`` or ``aiohttp.ClientError``/``OSError``."""
        url = URL(address)
        async with asyncio.timeout(self.timeout):
            for _ in range(MAX_REDIRECTS + 1):
                self.check_target(url)
                async with self._client().get(
                    url, allow_redirects=False, headers={"Accept": accept}
                ) as response:
                    location = response.headers.get("Location")
                    if response.status in _REDIRECTS and location:
                        url = response.url.join(URL(location))
                        continue
                    body = await self._read(response)
                    return Page(
                        response.status,
                        body,
                        response.content_type,
                        response.charset,
                        str(response.url),
                    )
        raise Refused(f"more than {MAX_REDIRECTS} redirects")

    async def _read(self, response: aiohttp.ClientResponse) -> bytes:
        declared = response.content_length
        if declared is not None and declared > self.max_bytes:
            raise TooLarge(f"{declared} bytes")
        chunks: list[bytes] = []
        size = 0
        async for chunk in response.content.iter_chunked(_CHUNK):
            size += len(chunk)
            if size > self.max_bytes:
                raise TooLarge(f"over {self.max_bytes} bytes")
            chunks.append(chunk)
        return b"".join(chunks)


def describe(error: BaseException) -> str:
    """A short reason for the record (never a secret: these are public pages)."""
    name = type(error).__name__
    return f"{name}: {error}"[:200] if str(error) else name
