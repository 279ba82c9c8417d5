"""What the application opens in post_init and closes in post_shutdown, typed.

Handlers reach it as ``context.services``; the scheduler's functions take it as
their first argument. Nothing here is optional by accident: ``db`` and
``delivery`` are ``None`` only before post_init and after post_shutdown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import Protocol

from bot.core.clock import Clock
from bot.core.config import Settings
from db.connection import Database
from db.run_lock import RunLock
from scheduler.engine import DeliveryEngine
from scheduler.file_archive import FileArchive
from scheduler.link_checks import LinkVerifier
from scheduler.metrics import Metrics
from scheduler.quiet_hours import QuietHours


class Schedule(Protocol):
    """The timed jobs (``scheduler.jobs.Schedule``), as the rest of the bot uses them."""

    async def run(self) -> int: ...

    async def sync(self) -> None: ...

    async def wanted(self) -> dict[str, datetime]: ...

    def fired(self, job_id: str) -> None: ...


class Endpoint(Protocol):
    """An HTTP server of the application (``bot.health.HealthServer``, the Mini App's
    ``bot.webapp.server.WebAppServer``), as services see it."""

    @property
    def url(self) -> str: ...

    async def stop(self) -> None: ...


@dataclass
class Services:
    config: Settings
    clock: Clock
    db: Database | None = None
    run_lock: RunLock | None = None  # held from post_init to post_shutdown (db/run_lock.py)
    delivery: DeliveryEngine | None = None  # started in post_init, stopped in post_stop
    schedule: Schedule | None = None  # armed in post_init, after the delivery engine
    files: FileArchive | None = None  # started in post_init (scheduler/file_archive.py)
    links: LinkVerifier | None = None  # links.verify on: from post_init (scheduler/link_checks.py)
    health: Endpoint | None = None  # serving from post_init to post_shutdown (bot/health.py)
    webapp: Endpoint | None = None  # the Mini App, when webapp.url is set (bot/webapp/server.py)
    bot_username: str = ""
    stopped_for: str | None = None  # why the bot stopped itself; the process exits non-zero

    @cached_property
    def metrics(self) -> Metrics:
        """This application's counters and their registry (scheduler/metrics.py)."""
        return Metrics(self.clock)

    @cached_property
    def quiet(self) -> QuietHours:
        """The quiet-hours window of the configuration, built once."""
        window = self.config.quiet_hours
        return QuietHours(window.start, window.end, self.config.tz)


class BotData:
    """The application-wide ``bot_data``: the services, set before start-up."""

    services: Services
