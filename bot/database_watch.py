"""Notice the database file being deleted or replaced while the bot runs, and stop.

SQLite keeps writing to the file it opened, so a deleted or swapped file would make
every later write vanish. A job compares the path with the open file regularly; on a
mismatch it logs, alerts the admins and stops the bot, which then exits non-zero.
"""

from __future__ import annotations

import html
import logging
from typing import Any

from telegram.error import TelegramError
from telegram.ext import Application

from bot.core.texts import t
from handlers.context import HumasContext

log = logging.getLogger(__name__)
JOB_NAME = "database-watch"
STOP_REASON = "the database file was deleted or replaced"


def watch_database(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Check the file every ``database.watch_seconds`` (at most a minute)."""
    assert application.job_queue is not None
    interval = application.bot_data.services.config.database.watch_seconds
    application.job_queue.run_repeating(_check, interval=interval, first=interval, name=JOB_NAME)


async def _check(context: HumasContext) -> None:
    services = context.services
    if services.db is None or not services.db.replaced() or services.stopped_for:
        return
    services.stopped_for = STOP_REASON
    path = str(services.db.path)
    log.critical("%s while the bot was running (%s); stopping", STOP_REASON, path)
    text = t("id", "error.database_lost", path=html.escape(path))
    for admin_id in services.config.admins:
        try:
            await context.bot.send_message(admin_id, text, parse_mode="HTML")
        except TelegramError as exc:
            log.warning("could not alert admin %s: %s", admin_id, type(exc).__name__)
    context.application.stop_running()
