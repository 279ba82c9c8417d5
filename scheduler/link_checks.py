"""Checking reported posts in the background (``links.verify``, off by default).

After a link report is recorded, the handler calls :meth:`LinkVerifier.keep`: the
check is queued in the database (db/link_checks.py) and a background task fetches
the post's public metadata — the platform's public oEmbed endpoint for YouTube,
TikTok and X, the page's Open Graph tags otherwise (scheduler/post_metadata.py) —
through :class:`scheduler.post_fetch.SafeFetcher` (https and public addresses only,
redirects re-checked, no cookies, one timeout, a size cap). Requests to one platform
are spaced ``links.interval`` seconds apart. Nothing here ever reaches the officer:
the report was recorded and answered before, and any failure is recorded as "could
not be checked". A passing failure (timeout, network, 429, 5xx) is tried again by the
scheduler's tick (:meth:`LinkVerifier.run_due`) after a growing pause, at most
``db.link_checks.MAX_ATTEMPTS`` times; checks still queued at a restart are picked up
by the tick too.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from datetime import timedelta

import aiohttp
from yarl import URL

from bot.core.clock import Clock
from bot.core.config import LinksConfig
from db import link_checks as checks_db
from db.connection import Database
from db.link_checks import Outcome, PendingCheck
from scheduler.background import BackgroundTasks
from scheduler.post_fetch import Refused, SafeFetcher, TooLarge, describe
from scheduler.post_metadata import from_oembed, from_page, judge, oembed_address

log = logging.getLogger(__name__)

FIRST_RETRY = timedelta(minutes=5)
_DUE_BATCH = 20
_NOT_FOUND = frozenset({404, 410})
_OEMBED_NOT_FOUND = frozenset({400, 401, 403, 404, 410})  # private or removed posts too
_JSON = "application/json"
_HTML = "text/html,application/xhtml+xml"


@dataclass(frozen=True)
class Examined:
    outcome: Outcome
    passing: bool  # a failure that may pass: try again later


def _unchecked(reason: str, exists: bool | None = None, passing: bool = False) -> Examined:
    return Examined(Outcome("unchecked", exists, reason=reason), passing)


class LinkVerifier:
    def __init__(self, db: Database, clock: Clock, config: LinksConfig) -> None:
        self._db = db
        self._clock = clock
        self._config = config
        self.fetcher = SafeFetcher(
            timeout=config.timeout,
            max_bytes=config.max_bytes,
            allow_hosts=config.verify_allow_hosts,
        )
        self._tasks: BackgroundTasks[int] = BackgroundTasks()  # by submission id
        self._spacing: dict[str, asyncio.Lock] = {}
        self._last: dict[str, float] = {}

    async def keep(self, submission_id: int) -> None:
        """Queue the report's check and start it; never raises (the report stands)."""
        try:
            if await checks_db.queue(self._db, submission_id, self._clock.now()):
                item = await checks_db.pending(self._db, submission_id)
                if item is not None:
                    self._start(item)
        except Exception:
            log.exception("queueing the check of report %s failed", submission_id)

    async def run_due(self) -> int:
        """Start the checks that are due (retries, and any left by a restart)."""
        started = 0
        for item in await checks_db.due(self._db, self._clock.now(), _DUE_BATCH):
            started += self._start(item)
        return started

    async def wait_idle(self) -> None:
        """Wait for the checks under way (tests, and stopping)."""
        await self._tasks.wait_idle()

    async def stop(self) -> None:
        """Cancel the checks under way (queued, they run after the next start)."""
        await self._tasks.cancel()
        await self.fetcher.close()

    def _start(self, item: PendingCheck) -> bool:
        name = f"link-check-{item.submission_id}"
        return self._tasks.start(item.submission_id, lambda: self._check(item), name)

    async def _check(self, item: PendingCheck) -> None:
        try:
            examined = await self.examine(item)
            retry = None
            if examined.passing and item.attempts + 1 < checks_db.MAX_ATTEMPTS:
                retry = self._clock.now() + FIRST_RETRY * 2**item.attempts
            await checks_db.record(
                self._db, item.submission_id, examined.outcome, self._clock.now(), retry
            )
        except asyncio.CancelledError:
            raise
        except Exception:  # a bug, or the database went away: the report stands
            log.exception("checking report %s failed", item.submission_id)

    async def examine(self, item: PendingCheck) -> Examined:
        """Fetch and judge one post; every failure is an outcome, never an exception."""
        oembed = oembed_address(item.platform, item.url, self._config.oembed)
        address = oembed or item.url
        try:
            await self._space(
                item.platform if item.platform != "website" else URL(item.url).host or ""
            )
            page = await self.fetcher.get(address, _JSON if oembed else _HTML)
        except Refused as error:
            return _unchecked(f"refused: {error}")
        except TooLarge as error:
            return _unchecked(f"too large: {error}")
        except (TimeoutError, aiohttp.ClientError, OSError, ValueError) as error:
            return _unchecked(describe(error), passing=True)
        if page.status in (_OEMBED_NOT_FOUND if oembed else _NOT_FOUND):
            return _unchecked(f"not found (HTTP {page.status})", exists=False)
        if page.status == 429 or page.status >= 500:
            return _unchecked(f"HTTP {page.status}", passing=True)
        if page.status != 200:
            return _unchecked(f"HTTP {page.status}")
        metadata = from_oembed(page.body) if oembed else from_page(page.body, page.charset)
        if metadata is None:
            return _unchecked("not an oEmbed answer")
        return Examined(judge(metadata, item.hashtags), False)

    async def _space(self, key: str) -> None:
        """Requests about one platform's posts (a website's: one host's) at least ``links.interval`` seconds apart."""
        lock = self._spacing.setdefault(key, asyncio.Lock())
        async with lock:
            wait = self._last.get(key, float("-inf")) + self._config.interval - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            self._last[key] = time.monotonic()
