"""How the bot is doing, in one place: the health check's reasons and the admins' /status.

:func:`problems` is what ``/healthz`` answers (bot/health.py) and what /status shows
first; :func:`status_report` gathers the rest of /status from the same metrics the
Prometheus endpoint serves, read fresh from the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from importlib import metadata
from typing import Literal

from db import files as files_db
from db.files import FileStatus
from db.health import database_answers
from scheduler.metrics import LastError
from scheduler.services import Services

PACKAGE = "humas-bot"


@dataclass(frozen=True)
class Problem:
    """One reason the bot is not healthy; /status shows it from the catalogue."""

    code: Literal["database", "delivery", "telegram_never", "telegram_silent"]
    seconds: int = 0  # telegram_silent: how long Telegram has not answered

    def describe(self) -> str:
        """The line ``/healthz`` answers (for monitors, in English)."""
        if self.code == "database":
            return "database does not answer"
        if self.code == "delivery":
            return "delivery engine is not running"
        if self.code == "telegram_never":
            return "Telegram has not answered any call yet"
        return f"Telegram has not answered for {self.seconds} s"


async def problems(services: Services) -> list[Problem]:
    """Why the bot is not healthy (empty: it is)."""
    found = []
    if not await database_answers(services.db):
        found.append(Problem("database"))
    if services.delivery is None or not services.delivery.running:
        found.append(Problem("delivery"))
    answered = services.metrics.telegram_ok_at
    if answered is None:
        found.append(Problem("telegram_never"))
    else:
        silent = services.clock.now() - answered
        if silent > services.config.health.telegram_stale:
            found.append(Problem("telegram_silent", int(silent.total_seconds())))
    return found


def version() -> str:
    try:
        return metadata.version(PACKAGE)
    except metadata.PackageNotFoundError:
        return "unknown"


@dataclass(frozen=True)
class StatusReport:
    version: str
    uptime: timedelta
    problems: list[Problem]
    backlog: dict[str, int]  # deliveries by status: pending, sending
    backup_at: datetime | None
    last_error: LastError | None
    updates: int
    deliveries: dict[str, int]  # sent, blocked, failed, ambiguous since the start
    retry_after: int  # 429s since the start
    reminders: int  # reminder messages queued since the start
    errors: int  # errors since the start
    files: dict[FileStatus, int]  # the store's files by status


async def status_report(services: Services) -> StatusReport:
    metrics = services.metrics
    found = await problems(services)
    readings = await metrics.refresh(services.db, services.config)
    files = await files_db.status_counts(services.db) if services.db is not None else {}

    def value(name: str, **labels: str) -> int:
        return int(metrics.registry.get_sample_value(name, labels) or 0)

    errors = sum(
        int(sample.value)
        for family in metrics.errors.collect()
        for sample in family.samples
        if sample.name == "humas_errors_total"
    )
    return StatusReport(
        version=version(),
        uptime=services.clock.now() - metrics.started_at,
        problems=found,
        backlog=readings.backlog,
        backup_at=readings.backup_at,
        last_error=metrics.last_error,
        updates=value("humas_updates_handled_total"),
        deliveries={
            result: value("humas_deliveries_total", result=result)
            for result in ("sent", "blocked", "failed", "ambiguous")
        },
        retry_after=value("humas_telegram_retry_after_total"),
        reminders=value("humas_reminders_queued_total"),
        errors=errors,
        files=files,
    )
