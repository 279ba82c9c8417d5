"""Every file people send is downloaded into the local store, in the background.

A handler that accepts a material, a draft, a screenshot or an announcement's media
calls :meth:`FileArchive.keep`: the file is recorded (once per ``file_unique_id``)
and a background task downloads it (``getFile``, then the file itself) into the
store (db/file_store.py) — the person's reply never waits for it. A download that
fails for a passing reason (Telegram unreachable, a timeout, 429) is tried again by
the scheduler's tick (:meth:`FileArchive.run_due`, from scheduler/jobs.py) after a
growing pause; a file over ``files.max_bytes`` (Telegram lets bots download 20 MB)
or one Telegram refuses is marked so and not tried again.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import mimetypes
from datetime import timedelta

from telegram import Bot
from telegram.error import BadRequest, Forbidden, TelegramError

from bot.core.clock import Clock
from bot.core.config import Settings
from db import file_store
from db import files as files_db
from db.connection import Database
from db.files import FileRef, StoredFile
from scheduler.background import BackgroundTasks
from scheduler.metrics import Metrics

log = logging.getLogger(__name__)

FIRST_RETRY = timedelta(minutes=1)
LONGEST_RETRY = timedelta(hours=6)
_DUE_BATCH = 20  # files started per tick at most
_TELEGRAM_TOO_BIG = "file is too big"  # Telegram's words for a file over the bots' limit


class FileArchive:
    def __init__(
        self, db: Database, bot: Bot, clock: Clock, config: Settings, metrics: Metrics
    ) -> None:
        self._db = db
        self._bot = bot
        self._clock = clock
        self._metrics = metrics
        self.folder = file_store.store_folder(config.database.path, config.files.dir)
        self.max_bytes = config.files.max_bytes
        self._tasks: BackgroundTasks[str] = BackgroundTasks()  # by file_unique_id

    async def keep(self, ref: FileRef, source: str) -> None:
        """Record the file (``source``: what it came with) and start downloading it."""
        row = await files_db.record(self._db, ref, source, self._clock.now())
        if row.status == "waiting" and row.attempts == 0:
            self._start(row)

    async def run_due(self) -> int:
        """Start the downloads whose retry is due; return how many were started."""
        started = 0
        for row in await files_db.due(self._db, self._clock.now(), _DUE_BATCH):
            started += self._start(row)
        return started

    async def wait_idle(self) -> None:
        """Wait for the downloads under way (tests, and stopping)."""
        await self._tasks.wait_idle()

    async def stop(self) -> None:
        """Cancel the downloads under way; they are tried again after the next start."""
        await self._tasks.cancel()

    def _start(self, row: StoredFile) -> bool:
        return self._tasks.start(
            row.file_unique_id, lambda: self._archive(row), f"archive-{row.id}"
        )

    async def _archive(self, row: StoredFile) -> None:
        try:
            await self._download(row)
        except asyncio.CancelledError:
            raise
        except Exception:  # a bug, or the database went away: the tick tries again
            log.exception("archiving file %s failed", row.id)
            with contextlib.suppress(Exception):
                await self._later(row, "internal error")

    async def _download(self, row: StoredFile) -> None:
        if row.size is not None and row.size > self.max_bytes:
            await self._too_big(row, row.size)
            return
        try:
            telegram_file = await self._bot.get_file(row.file_id)
            if telegram_file.file_size is not None and telegram_file.file_size > self.max_bytes:
                await self._too_big(row, telegram_file.file_size)
                return
            data = bytes(await telegram_file.download_as_bytearray())
        except (BadRequest, Forbidden) as error:
            if _TELEGRAM_TOO_BIG in str(error).lower():
                await self._too_big(row, row.size)
                return
            await files_db.mark_not_stored(self._db, row.id, "refused", _reason(error), None)
            self._metrics.files.labels(result="refused").inc()
            log.warning("file %s not archived: Telegram refused it (%s)", row.id, error)
            return
        except (TelegramError, OSError) as error:
            await self._later(row, _reason(error))
            return
        if len(data) > self.max_bytes:
            await self._too_big(row, len(data))
            return
        sha256 = await asyncio.to_thread(file_store.put, self.folder, data)
        mime = row.mime_type or mimetypes.guess_type(telegram_file.file_path or "")[0]
        await files_db.mark_stored(self._db, row.id, sha256, len(data), mime, self._clock.now())
        self._metrics.files.labels(result="stored").inc()

    async def _too_big(self, row: StoredFile, size: int | None) -> None:
        reason = f"larger than files.max_bytes ({self.max_bytes} bytes)"
        await files_db.mark_not_stored(self._db, row.id, "too_big", reason, size)
        self._metrics.files.labels(result="too_big").inc()
        log.warning("file %s not archived: %s", row.id, reason)

    async def _later(self, row: StoredFile, reason: str) -> None:
        pause = min(FIRST_RETRY * 2 ** min(row.attempts, 16), LONGEST_RETRY)
        await files_db.retry_later(self._db, row.id, reason, self._clock.now() + pause)
        self._metrics.files.labels(result="retry").inc()
        log.info("file %s: download failed (%s); trying again in %s", row.id, reason, pause)


def _reason(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"
