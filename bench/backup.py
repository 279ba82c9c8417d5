"""Benchmark of backups and housekeeping (issue 13) on a year of data.

1. The year of data of ``bench/recap.py`` (its generator: 520 units, 1,500 officers,
   300 briefings, their assignments and reported links): ``humas-bot backup`` run as
   a command, timed from start to exit, with the copy's size and check time.
2. The same year with its broadcasts: every briefing sent to all 1,500 officers (one
   outbox message and 1,500 deliveries each, finished when it was published). The
   database's size and backup, the daily pruning of deliveries older than 90 days
   (time, rows), and the size after ``VACUUM`` with the backup again.

Run: ``python bench/backup.py`` from the repository root.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as ``python bench/backup.py`` this folder comes first on sys.path: look in the
# repository root first (as bench/scheduler.py does).
sys.path[0] = str(Path(__file__).resolve().parent.parent)

import asyncio  # noqa: E402
import json  # noqa: E402
import sqlite3  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from contextlib import closing  # noqa: E402

from bench.recap import NOW, generate  # noqa: E402
from db.connection import Database  # noqa: E402
from db.housekeeping import BATCH, prune_deliveries  # noqa: E402
from db.timefmt import to_db  # noqa: E402

RETENTION_DAYS = 90


def _mb(size: int) -> str:
    return f"{size / 2**20:.1f} MB"


def _backup(config: Path) -> str:
    """``humas-bot backup`` as a command: its output line and wall time."""
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "bot", "--config", str(config), "backup"],
        capture_output=True,
        text=True,
        check=True,
    )
    seconds = time.perf_counter() - started
    path, _, rest = result.stdout.strip().partition("\t")
    return f"humas-bot backup: {seconds:.2f} s from start to exit; {Path(path).name}: {rest}"


async def _broadcasts(db: Database) -> int:
    """One finished outbox message per briefing, delivered to every active officer."""
    officers = await db.fetchall("SELECT id, chat_id FROM officers WHERE status = 'active'")
    briefings = await db.fetchall("SELECT id, publish_at FROM briefings ORDER BY id")
    variants = json.dumps({"id": [{"text": "Briefing", "media": None}]})
    rows = 0
    for briefing in briefings:
        at = briefing["publish_at"] or to_db(NOW)
        async with db.transaction() as conn:
            cursor = await conn.execute(
                "INSERT INTO outbox_messages (kind, ref, variants, not_before, status,"
                " created_at, started_at, finished_at) VALUES"
                " ('briefing', ?, ?, ?, 'done', ?, ?, ?)",
                (f"briefing:{briefing['id']}", variants, at, at, at, at),
            )
            message_id = cursor.lastrowid
            await conn.executemany(
                "INSERT INTO deliveries (message_id, officer_id, chat_id, language, part,"
                " status, attempts, next_attempt_at, tg_message_id, sent_at)"
                " VALUES (?, ?, ?, 'id', 0, 'sent', 1, ?, ?, ?)",
                [
                    (message_id, officer["id"], officer["chat_id"], at, index + 1, at)
                    for index, officer in enumerate(officers)
                ],
            )
        rows += len(officers)
    return rows


async def run() -> None:
    with tempfile.TemporaryDirectory() as folder:
        data = await generate(Path(folder))
        await data.db.close()
        path = data.path
        config = Path(folder) / "config.toml"
        config.write_text(
            f'[database]\npath = "{path}"\n[backup]\ndir = "{Path(folder) / "backups"}"\n',
            encoding="utf-8",
        )
        print(f"year of recap data: database {_mb(path.stat().st_size)}")
        print(_backup(config))

        db = await Database.open(path, create=False)
        try:
            deliveries = await _broadcasts(db)
        finally:
            await db.close()  # the last connection folds the write-ahead log into the file
        print(
            f"with a year of broadcasts ({deliveries:,} deliveries):"
            f" database {_mb(path.stat().st_size)}"
        )
        print(_backup(config))
        db = await Database.open(path, create=False)
        try:
            started = time.perf_counter()
            pruned = await prune_deliveries(db, NOW, RETENTION_DAYS)
            seconds = time.perf_counter() - started
            left = await db.fetchval("SELECT count(*) FROM deliveries")
        finally:
            await db.close()
        print(
            f"pruning deliveries older than {RETENTION_DAYS} days: {seconds:.1f} s,"
            f" {pruned.deliveries:,} rows of {pruned.messages} messages deleted"
            f" in batches of {BATCH} ({left:,} left, totals kept)"
        )
        with closing(sqlite3.connect(path)) as conn:
            conn.execute("VACUUM")
        print(f"after pruning and VACUUM: database {_mb(path.stat().st_size)}")
        print(_backup(config))


if __name__ == "__main__":
    asyncio.run(run())
