"""Ordered, named migrations: ``db/migrations/NNNN_name.sql``, applied once each.

Applied names are recorded in ``schema_migrations``; each file runs in its own
``BEGIN IMMEDIATE`` transaction so a failure leaves the previous state intact.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from importlib import resources
from pathlib import Path

from bot.core.clock import Clock
from db.connection import Database, DatabaseUnavailable, require_usable
from db.timefmt import maybe_from_db, to_db


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


async def apply_migrations(db: Database, clock: Clock) -> list[str]:
    """Apply the migrations not yet recorded; return the names applied now."""
    await db.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
    )
    done = {row["name"] for row in await db.fetchall("SELECT name FROM schema_migrations")}
    applied = []
    for migration in load_migrations():
        if migration.name in done:
            continue
        async with db.transaction() as conn:
            for statement in _statements(migration.sql):
                await conn.execute(statement)
            await conn.execute(
                "INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)",
                (migration.name, to_db(clock.now())),
            )
        applied.append(migration.name)
    return applied


def require_known_schema(path: Path) -> None:
    """Refuse a file that is missing, read-only, never initialised or migrated by a
    newer program — looking only, so a refused file stays exactly as it was."""
    require_usable(path)
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
    done = {name for (name,) in rows}
    if not done:
        raise DatabaseUnavailable(
            f"database {path} was never initialised: jalankan `humas-bot init`"
            " (run humas-bot init)"
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
