"""What the health check, the metrics and /status read: does the database answer,
how much is waiting to be sent, when was the last backup made."""

from __future__ import annotations

import asyncio
from datetime import datetime
from pathlib import Path

from db.backup import backup_folder, copies, taken_at
from db.connection import Database

BACKLOG_STATUSES = ("pending", "sending")  # deliveries not finished yet
_ANSWER_TIMEOUT = 2.0  # seconds the database has to answer the health check


async def database_answers(db: Database | None) -> bool:
    """Whether the database is open and answers a trivial query in time."""
    if db is None:
        return False
    try:
        answer = await asyncio.wait_for(db.fetchval("SELECT 1"), _ANSWER_TIMEOUT)
        return bool(answer == 1)
    except Exception:  # closed, locked, gone: all mean "does not answer"
        return False


async def outbox_backlog(db: Database) -> dict[str, int]:
    """Deliveries waiting (``pending``) and under way (``sending``), each status present."""
    marks = ", ".join("?" for _ in BACKLOG_STATUSES)
    rows = await db.fetchall(
        f"SELECT status, count(*) AS n FROM deliveries WHERE status IN ({marks}) GROUP BY status",
        BACKLOG_STATUSES,
    )
    found = {str(row["status"]): int(row["n"]) for row in rows}
    return {status: found.get(status, 0) for status in BACKLOG_STATUSES}


def last_backup(db_path: Path, configured: Path | None) -> datetime | None:
    """When the newest copy in the backup folder was taken (``None``: there is none)."""
    found = copies(backup_folder(db_path, configured), db_path.stem)
    return taken_at(found[-1]) if found else None
