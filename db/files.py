"""The ``stored_files`` table: each file people sent, and what archiving it came to.

A file is recorded once per ``file_unique_id`` (Telegram's id of the bytes, the same
whenever and to whichever bot it is sent), as ``waiting``; the archive
(scheduler/file_archive.py) downloads it and marks it ``stored`` with its checksum,
size and type, or ``too_big`` (over ``files.max_bytes``) or ``refused`` (Telegram
will not give it). A failed download stays ``waiting`` with a later ``next_attempt_at``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

import aiosqlite

from db.connection import Database
from db.timefmt import from_db, maybe_from_db, to_db

MediaType = Literal["photo", "video", "document"]
FileStatus = Literal["waiting", "stored", "too_big", "refused"]
FILE_STATUSES: tuple[FileStatus, ...] = ("waiting", "stored", "too_big", "refused")


@dataclass(frozen=True)
class FileRef:
    """A file as a message carries it."""

    file_id: str
    file_unique_id: str
    media_type: MediaType
    size: int | None = None  # bytes, when Telegram says
    mime_type: str | None = None


@dataclass(frozen=True)
class StoredFile:
    id: int
    file_unique_id: str
    file_id: str
    media_type: str
    source: str
    status: FileStatus
    sha256: str | None
    size: int | None
    mime_type: str | None
    attempts: int
    next_attempt_at: datetime
    last_error: str | None
    created_at: datetime
    stored_at: datetime | None


def _row(row: aiosqlite.Row) -> StoredFile:
    return StoredFile(
        id=row["id"],
        file_unique_id=row["file_unique_id"],
        file_id=row["file_id"],
        media_type=row["media_type"],
        source=row["source"],
        status=row["status"],
        sha256=row["sha256"],
        size=row["size"],
        mime_type=row["mime_type"],
        attempts=row["attempts"],
        next_attempt_at=from_db(row["next_attempt_at"]),
        last_error=row["last_error"],
        created_at=from_db(row["created_at"]),
        stored_at=maybe_from_db(row["stored_at"]),
    )


async def record(db: Database, ref: FileRef, source: str, at: datetime) -> StoredFile:
    """Record the file as waiting unless it is known already; return its row."""
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT INTO stored_files (file_unique_id, file_id, media_type, source, size,"
            " mime_type, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (file_unique_id) DO NOTHING",
            (
                ref.file_unique_id,
                ref.file_id,
                ref.media_type,
                source,
                ref.size,
                ref.mime_type,
                to_db(at),
                to_db(at),
            ),
        )
        cursor = await conn.execute(
            "SELECT * FROM stored_files WHERE file_unique_id = ?", (ref.file_unique_id,)
        )
        row = await cursor.fetchone()
    assert row is not None
    return _row(row)


async def by_unique_id(db: Database, file_unique_id: str) -> StoredFile | None:
    row = await db.fetchone(
        "SELECT * FROM stored_files WHERE file_unique_id = ?", (file_unique_id,)
    )
    return None if row is None else _row(row)


async def by_file_id(db: Database, file_id: str) -> StoredFile | None:
    """The stored copy of a file a record names (a submission's screenshot, ...)."""
    row = await db.fetchone(
        "SELECT * FROM stored_files WHERE file_id = ? ORDER BY id LIMIT 1", (file_id,)
    )
    return None if row is None else _row(row)


async def due(db: Database, now: datetime, limit: int) -> list[StoredFile]:
    """Waiting files whose next attempt is due, oldest first."""
    rows = await db.fetchall(
        "SELECT * FROM stored_files WHERE status = 'waiting' AND next_attempt_at <= ?"
        " ORDER BY next_attempt_at, id LIMIT ?",
        (to_db(now), limit),
    )
    return [_row(row) for row in rows]


async def mark_stored(
    db: Database, file_id: int, sha256: str, size: int, mime_type: str | None, at: datetime
) -> None:
    await db.execute(
        "UPDATE stored_files SET status = 'stored', sha256 = ?, size = ?,"
        " mime_type = coalesce(mime_type, ?), attempts = attempts + 1, last_error = NULL,"
        " stored_at = ? WHERE id = ?",
        (sha256, size, mime_type, to_db(at), file_id),
    )


async def mark_not_stored(
    db: Database,
    file_id: int,
    status: Literal["too_big", "refused"],
    error: str,
    size: int | None,
) -> None:
    """The file will not be archived: too big, or Telegram refuses it."""
    await db.execute(
        "UPDATE stored_files SET status = ?, last_error = ?, size = coalesce(?, size),"
        " attempts = attempts + 1 WHERE id = ?",
        (status, error[:300], size, file_id),
    )


async def retry_later(db: Database, file_id: int, error: str, at: datetime) -> None:
    await db.execute(
        "UPDATE stored_files SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?"
        " WHERE id = ?",
        (error[:300], to_db(at), file_id),
    )


async def waiting_count(db: Database) -> int:
    return int(await db.fetchval("SELECT count(*) FROM stored_files WHERE status = 'waiting'"))


async def status_counts(db: Database) -> dict[FileStatus, int]:
    """Files per status, every status present."""
    rows = await db.fetchall("SELECT status, count(*) AS n FROM stored_files GROUP BY status")
    found = {row["status"]: int(row["n"]) for row in rows}
    return {status: found.get(status, 0) for status in FILE_STATUSES}
