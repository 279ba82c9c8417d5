"""What the running bot counts, for ``/metrics`` (Prometheus text) and the admins' /status.

Each application has its own :class:`Metrics` with its own ``CollectorRegistry`` (never
the global one), so tests and the demo can run several bots in one process. Counters
are bumped where things happen, each in one place:

* updates handled and their latency: the update processor (bot/updates.py), labelled by
  command (``start``, ``lapor``... ; ``other_command``, ``button``, ``message``, ``other``);
* deliveries sent / blocked / failed / ambiguous: the delivery engine;
* 429s received and the last successful call to Telegram: the bot's HTTP request object
  (:class:`MeteredRequest`), through which every Bot API call and file download goes;
* reminders queued: scheduler/reminders.py; errors by kind (exception type): bot/errors.py;
* files archived: scheduler/file_archive.py.

The outbox backlog by status, the last backup's age and the files waiting to be
archived are read from the database and the disk at scrape time: the scraper awaits
:meth:`Metrics.refresh` (the database is asynchronous, Prometheus collectors are not),
then the collector reports what it read.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from http import HTTPStatus
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from telegram.request import BaseRequest, HTTPXRequest, RequestData

from bot.core.clock import Clock
from bot.core.config import Settings
from db import files as files_db
from db import health as health_db
from db.connection import Database

LATENCY_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


@dataclass(frozen=True)
class LastError:
    kind: str  # the exception's type, never its text (it may quote what a person typed)
    at: datetime


@dataclass
class Readings:
    """What the last :meth:`Metrics.refresh` read from the database and the disk."""

    backlog: dict[str, int] = field(default_factory=dict)
    backup_at: datetime | None = None
    files_waiting: int = 0
    read_at: datetime | None = None


class Metrics:
    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.started_at = clock.now()
        self.telegram_ok_at: datetime | None = None  # the last call Telegram answered
        self.last_error: LastError | None = None
        self.readings = Readings()
        # In the order a scrape lists them: the state first, the latency histogram last.
        registry = self.registry = CollectorRegistry()
        registry.register(_Readings(self))
        self.deliveries = Counter(
            "humas_deliveries",
            "Broadcast deliveries finished, by result",
            ["result"],
            registry=registry,
        )
        for result in ("sent", "blocked", "failed", "ambiguous"):
            self.deliveries.labels(result=result)
        self.retry_after = Counter(
            "humas_telegram_retry_after",
            "429 Too Many Requests answers from Telegram",
            registry=registry,
        )
        self.reminders = Counter(
            "humas_reminders_queued", "Reminder messages queued for sending", registry=registry
        )
        self.errors = Counter(
            "humas_errors", "Errors while handling updates, by kind", ["kind"], registry=registry
        )
        self.files = Counter(
            "humas_files_archived",
            "Files people sent, by what archiving them ended in",
            ["result"],
            registry=registry,
        )
        self.updates = Counter(
            "humas_updates_handled", "Updates the handlers processed", registry=registry
        )
        self.latency = Histogram(
            "humas_update_duration_seconds",
            "Time to handle one update, by command (or button, message)",
            ["command"],
            buckets=LATENCY_BUCKETS,
            registry=registry,
        )

    def handled(self, command: str, seconds: float) -> None:
        self.updates.inc()
        self.latency.labels(command=command).observe(seconds)

    def delivered(self, result: str) -> None:
        self.deliveries.labels(result=result).inc()

    def error(self, error: BaseException | None) -> None:
        kind = type(error).__name__ if error is not None else "None"
        self.errors.labels(kind=kind).inc()
        self.last_error = LastError(kind, self.clock.now())

    def telegram_answered(self) -> None:
        self.telegram_ok_at = self.clock.now()

    async def refresh(self, db: Database | None, config: Settings) -> Readings:
        """Read the backlog, the last backup and the files waiting; the next scrape shows them."""
        readings = Readings(read_at=self.clock.now())
        readings.backup_at = health_db.last_backup(config.database.path, config.backup.dir)
        if await health_db.database_answers(db):
            assert db is not None
            readings.backlog = await health_db.outbox_backlog(db)
            readings.files_waiting = await files_db.waiting_count(db)
        self.readings = readings
        return readings


class _Readings(Collector):
    """The values read at scrape time, and the ages measured on the bot's clock."""

    def __init__(self, metrics: Metrics) -> None:
        self._metrics = metrics

    def collect(self) -> Iterator[Metric]:
        metrics, readings = self._metrics, self._metrics.readings
        now = metrics.clock.now()
        backlog = GaugeMetricFamily(
            "humas_outbox_backlog", "Deliveries not finished yet, by status", labels=["status"]
        )
        for status, count in readings.backlog.items():
            backlog.add_metric([status], count)
        yield backlog
        yield GaugeMetricFamily(
            "humas_files_waiting",
            "Files people sent that are not archived yet",
            value=readings.files_waiting,
        )
        yield GaugeMetricFamily(
            "humas_uptime_seconds",
            "Seconds since the bot started",
            value=(now - metrics.started_at).total_seconds(),
        )
        if readings.backup_at is not None:
            yield GaugeMetricFamily(
                "humas_last_backup_age_seconds",
                "Seconds since the newest database copy was taken",
                value=(now - readings.backup_at).total_seconds(),
            )
        if metrics.telegram_ok_at is not None:
            yield GaugeMetricFamily(
                "humas_telegram_last_success_age_seconds",
                "Seconds since Telegram last answered a call",
                value=(now - metrics.telegram_ok_at).total_seconds(),
            )


class MeteredRequest(HTTPXRequest):
    """PTB's HTTP client, noting each call Telegram answers and each 429 it sends.

    Every Bot API call and file download ends in :meth:`do_request`: an HTTP answer
    below 500 means Telegram is reachable (a 400 or a 403 too); 5xx and network
    errors do not count.
    """

    def __init__(self, metrics: Metrics, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._metrics = metrics

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        code, payload = await super().do_request(
            url,
            method,
            request_data,
            read_timeout=read_timeout,
            write_timeout=write_timeout,
            connect_timeout=connect_timeout,
            pool_timeout=pool_timeout,
        )
        if code < HTTPStatus.INTERNAL_SERVER_ERROR:
            self._metrics.telegram_answered()
        if code == HTTPStatus.TOO_MANY_REQUESTS:
            self._metrics.retry_after.inc()
        return code, payload
