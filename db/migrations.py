"""Ordered, named migrations: ``db/migrations/NNNN_name.sql``, applied once each.

Applied names are recorded in ``schema_migrations``; each file runs in its own
``BEGIN IMMEDIATE`` transaction so a failure leaves the previous state intact.
Before migrating a database that already holds an installation, a verified copy is
made (db/backup.py), so an upgrade can always be undone with ``humas-bot restore``.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from importlib import resources
from pathlib import Path

from bot.core.clock import Clock
from bot.core.config import BackupConfig
from db.backup import Backup, backup_folder, make_backup
from db.connection import Database, DatabaseUnavailable, require_usable
from db.timefmt import maybe_from_db, to_db

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Migration:
    name: str
    sql: str


def load_migrations() -> list[Migration]:
    folder = resources.files("db") / "migrations"
    files = sorted(
        (entry for entry in folder.iterdir() if entry.name.endswith(".sql")),
        key=lambda entry: entry.name,
    )
    return [Migration(entry.name.removesuffix(".sql"), entry.read_text("utf-8")) for entry in files]


def _statements(sql: str) -> list[str]:
    """Split a migration file into statements.

    Rule for migration files: ``--`` starts a comment to the end of the line, and
    neither ``--`` nor ``;`` appears inside a string literal or a trigger body.
    """
    lines = [line.split("--", 1)[0] for line in sql.splitlines()]
    return [stmt.strip() for stmt in "\n".join(lines).split(";") if stmt.strip()]


@dataclass(frozen=True)
class Migrated:
    applied: list[str]  # the names applied now, in order
    backup: Backup | None  # the copy made first (None: nothing to apply, or a new database)


async def _ensure_table(db: Database) -> None:
    await db.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
    )


async def pending_migrations(db: Database) -> list[Migration]:
    """The migrations not yet recorded, in the order they would be applied."""
    await _ensure_table(db)
    done = {row["name"] for row in await db.fetchall("SELECT name FROM schema_migrations")}
    return [migration for migration in load_migrations() if migration.name not in done]


async def migrate(db: Database, clock: Clock, backup: BackupConfig | None = None) -> Migrated:
    """Apply the pending migrations; copy the database first if it holds an installation.

    ``backup`` says where the copy goes and how many are kept (default: the defaults).
    """
    pending = await pending_migrations(db)
    made = None
    if pending and await db.fetchval("SELECT count(*) FROM schema_migrations"):
        settings = backup or BackupConfig()
        made = await asyncio.to_thread(
            make_backup,
            db.path,
            backup_folder(db.path, settings.dir),
            settings.keep,
            clock.now(),
        )
        log.info("database copied to %s before migrating (%d bytes)", made.path, made.size)
    for migration in pending:
        async with db.transaction() as conn:
            for statement in _statements(migration.sql):
                await conn.execute(statement)
            await conn.execute(
                "INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)",
                (migration.name, to_db(clock.now())),
            )
    return Migrated([migration.name for migration in pending], made)


async def apply_migrations(
    db: Database, clock: Clock, backup: BackupConfig | None = None
) -> list[str]:
    """Apply the migrations not yet recorded (after a copy, see :func:`migrate`);
    return the names applied now."""
    return (await migrate(db, clock, backup)).applied


def recorded_migrations(path: Path) -> set[str]:
    """The migrations the file records as applied (read-only; empty if none)."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            table = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
            ).fetchone()
            rows = conn.execute("SELECT name FROM schema_migrations").fetchall() if table else []
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseUnavailable(f"database {path} cannot be read: {exc}") from None
    return {name for (name,) in rows}


def require_known_schema(path: Path) -> None:
    """Refuse a file that is missing, read-only, never initialised or migrated by a
    newer program — looking only, so a refused file stays exactly as it was."""
    require_usable(path)
    done = recorded_migrations(path)
    if not done:
        raise DatabaseUnavailable(
            f"database {path} was never initialised: jalankan `humas-bot init` (run humas-bot init)"
        )
    unknown = sorted(done - {migration.name for migration in load_migrations()})
    if unknown:
        raise DatabaseUnavailable(
            f"database {path} has a newer schema than this program"
            f" ({', '.join(unknown)}): upgrade humas-bot"
        )


async def installed_at(db: Database) -> datetime | None:
    """When the first migration ran: the moment this installation began."""
    text = await db.fetchval("SELECT min(applied_at) FROM schema_migrations")
    return maybe_from_db(text)
