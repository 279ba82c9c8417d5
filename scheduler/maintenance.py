"""The running bot looks after its database: a copy every night, old deliveries pruned.

* The daily backup is the timed job ``backup:daily`` (scheduler/jobs.py) at
  ``backup.time`` in the configured time zone, computed from the injected clock. A
  night the bot was down (or late by more than the jobs' misfire grace) is not made
  up: the next night's copy follows. The copy is taken in a thread with a connection
  of its own (db/backup.py), so the bot goes on handling updates and sending meanwhile.
* Pruning (db/housekeeping.py) runs at the scheduler's first run of each calendar day
  (start-up counts), like the retention of refused applications.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import date, datetime, timedelta

from db.backup import Backup, backup_folder, make_backup
from db.file_store import store_folder
from db.housekeeping import Pruned, prune_deliveries
from scheduler.services import Services

log = logging.getLogger(__name__)

BACKUP_JOB = "backup:daily"


def next_backup(services: Services) -> datetime:
    """The next moment (UTC) at ``backup.time`` local time, strictly after now."""
    tz = services.config.tz
    now = services.clock.now()
    local = now.astimezone(tz)
    moment = datetime.combine(local.date(), services.config.backup.time, tzinfo=tz)
    if moment <= local:
        moment = datetime.combine(
            local.date() + timedelta(days=1), services.config.backup.time, tzinfo=tz
        )
    return moment.astimezone(now.tzinfo)


async def daily_backup(services: Services) -> Backup | None:
    """Copy the database now into the configured folder; log, never raise."""
    db = services.db
    assert db is not None
    settings = services.config.backup
    try:
        made = await asyncio.to_thread(
            make_backup,
            db.path,
            backup_folder(db.path, settings.dir),
            settings.keep,
            services.clock.now(),
            store=store_folder(db.path, services.config.files.dir),
        )
    except Exception:
        log.exception("backup: the daily copy of the database failed; the next one is tomorrow")
        return None
    log.info(
        "backup: database copied to %s (%d bytes, %.1f s); %d older copies removed",
        made.path,
        made.size,
        made.seconds,
        len(made.removed),
    )
    return made


class DailyPrune:
    """Prune old deliveries at the first run of each calendar day (local time)."""

    def __init__(self) -> None:
        self._done_on: date | None = None

    async def run(self, services: Services) -> Pruned | None:
        db = services.db
        assert db is not None
        now = services.clock.now()
        today = now.astimezone(services.config.tz).date()
        if self._done_on == today:
            return None
        days = services.config.housekeeping.outbox_retention_days
        try:
            pruned = await prune_deliveries(db, now, days)
        except Exception:
            log.exception("housekeeping: pruning old deliveries failed; tried again next run")
            return None
        self._done_on = today
        if pruned.deliveries or pruned.messages:
            log.info(
                "housekeeping: %d deliveries of %d messages finished over %d days ago deleted"
                " (their totals kept)",
                pruned.deliveries,
                pruned.messages,
                days,
            )
        return pruned
