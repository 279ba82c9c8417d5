"""Retention of personal data: refused applications are deleted once a day.

:class:`DailyPurge` runs :func:`db.personal_data.purge_refused_registrations` at the
scheduler's first run of each WIB calendar day (start-up counts), so a restart, a
tick every minute or a missed day never deletes anything twice or too early: the
purge itself is idempotent, and the day only decides how often it is asked.
"""

from __future__ import annotations

import logging
from datetime import date

from db.personal_data import purge_refused_registrations
from scheduler.services import Services

log = logging.getLogger(__name__)


class DailyPurge:
    def __init__(self) -> None:
        self._done_on: date | None = None

    async def run(self, services: Services) -> int:
        """Purge if not done yet today (WIB); return how many applications were deleted."""
        db = services.db
        assert db is not None
        now = services.clock.now()
        today = now.astimezone(services.config.tz).date()
        if self._done_on == today:
            return 0
        days = services.config.privacy.registration_retention_days
        try:
            purged = await purge_refused_registrations(db, now, days)
        except Exception:
            log.exception("retention: purging refused registrations failed; tried again next run")
            return 0
        self._done_on = today
        if purged:
            log.info("retention: %d refused registrations older than %d days deleted", purged, days)
        return purged
