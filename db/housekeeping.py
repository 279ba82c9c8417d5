"""Keeping a year of running small: old delivery rows pruned, totals kept; table sizes.

A broadcast (an outbox message) has one delivery row per recipient and part, needed
while it is sent and for its report. Once it finished more than the retention ago
(``housekeeping.outbox_retention_days``), its per-person outcome is written onto the
message row (``total_*``, counted like the sender's report: a person by their worst
part) and its deliveries are deleted, ``BATCH`` rows per transaction so the bot's
other writes never wait long. Announcements that ask for acknowledgement keep their
deliveries: the readers' list (who received, who read) is built from them.
:func:`message_totals` reads a message's outcome either way.
"""

from __future__ import annotations

import asyncio
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from db.connection import Database
from db.timefmt import to_db

BATCH = 500  # delivery rows deleted per transaction
MESSAGES_PER_TRANSACTION = 20  # messages whose totals are written per transaction
OUTCOMES = ("sent", "blocked", "failed", "ambiguous", "cancelled")
_WORST_FIRST = ("blocked", "failed", "ambiguous", "cancelled")

_PRUNABLE = (
    "SELECT m.id FROM outbox_messages m"
    " WHERE m.finished_at IS NOT NULL AND m.finished_at < ?"
    " AND m.status IN ('done', 'cancelled') AND m.deliveries_pruned_at IS NULL"
    " AND NOT EXISTS (SELECT 1 FROM announcements a"
    " WHERE a.outbox_id = m.id AND a.ack_required = 1)"
    " ORDER BY m.finished_at, m.id LIMIT ?"
)


@dataclass(frozen=True)
class Totals:
    recipients: int
    counts: dict[str, int]  # outcome -> people, for every outcome in OUTCOMES


@dataclass(frozen=True)
class Pruned:
    messages: int  # messages whose totals were written in this run
    deliveries: int  # delivery rows deleted in this run


_PER_PERSON = (
    "SELECT group_concat(status) AS statuses FROM deliveries"
    " WHERE message_id = ? GROUP BY officer_id"
)


def _count(rows: list[sqlite3.Row]) -> Totals:
    counts = dict.fromkeys(OUTCOMES, 0)
    for row in rows:
        statuses = set(row["statuses"].split(","))
        counts[next((status for status in _WORST_FIRST if status in statuses), "sent")] += 1
    return Totals(len(rows), counts)


async def message_totals(db: Database, message_id: int) -> Totals | None:
    """A message's outcome per person, from its deliveries or (pruned) its totals."""
    row = await db.fetchone(
        "SELECT deliveries_pruned_at, total_recipients, total_sent, total_blocked,"
        " total_failed, total_ambiguous, total_cancelled FROM outbox_messages WHERE id = ?",
        (message_id,),
    )
    if row is None:
        return None
    if row["deliveries_pruned_at"] is not None:
        return Totals(
            row["total_recipients"], {outcome: row[f"total_{outcome}"] for outcome in OUTCOMES}
        )
    return _count(await db.fetchall(_PER_PERSON, (message_id,)))


async def _write_totals(db: Database, cutoff: datetime, at: datetime) -> int:
    async with db.transaction() as conn:
        cursor = await conn.execute(_PRUNABLE, (to_db(cutoff), MESSAGES_PER_TRANSACTION))
        ids = [row["id"] for row in await cursor.fetchall()]
        for message_id in ids:
            per_person = await conn.execute(_PER_PERSON, (message_id,))
            totals = _count(list(await per_person.fetchall()))
            await conn.execute(
                "UPDATE outbox_messages SET total_recipients = ?, total_sent = ?,"
                " total_blocked = ?, total_failed = ?, total_ambiguous = ?,"
                " total_cancelled = ?, deliveries_pruned_at = ? WHERE id = ?",
                (
                    totals.recipients,
                    *(totals.counts[outcome] for outcome in OUTCOMES),
                    to_db(at),
                    message_id,
                ),
            )
    return len(ids)


async def _delete_batch(db: Database) -> int:
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "DELETE FROM deliveries WHERE id IN (SELECT d.id FROM deliveries d"
            " WHERE d.message_id IN (SELECT id FROM outbox_messages"
            " WHERE deliveries_pruned_at IS NOT NULL) LIMIT ?)",
            (BATCH,),
        )
        return cursor.rowcount


async def prune_deliveries(db: Database, now: datetime, retention_days: int) -> Pruned:
    """Write the totals of messages finished before the retention, then delete their
    deliveries in batches (also those a previous, interrupted run left)."""
    cutoff = now - timedelta(days=retention_days)
    messages = deliveries = 0
    while written := await _write_totals(db, cutoff, now):
        messages += written
        await asyncio.sleep(0)  # let handlers and the delivery engine write in between
    while deleted := await _delete_batch(db):
        deliveries += deleted
        await asyncio.sleep(0)
    return Pruned(messages, deliveries)


@dataclass(frozen=True)
class TableSize:
    name: str
    rows: int
    bytes: int | None  # its pages and its indexes' pages (None: SQLite lacks dbstat)


@dataclass(frozen=True)
class DatabaseSize:
    tables: list[TableSize]  # largest first
    file_bytes: int  # page_count * page_size
    free_pages: int


def table_sizes(path: Path) -> DatabaseSize:
    """Rows and bytes of every table of the database file (opened read-only)."""
    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
        owners = dict(
            conn.execute(
                "SELECT name, tbl_name FROM sqlite_master WHERE type IN ('table', 'index')"
            ).fetchall()
        )
        tables = sorted(
            name
            for name, owner in owners.items()
            if name == owner and not name.startswith("sqlite_")
        )
        sizes: dict[str, int] | None
        try:
            pages = conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name").fetchall()
        except sqlite3.OperationalError:  # built without SQLITE_ENABLE_DBSTAT_VTAB
            sizes = None
        else:
            sizes = {}
            for name, size in pages:
                table = owners.get(name, name)
                sizes[table] = sizes.get(table, 0) + size
        result = []
        for name in tables:
            quoted = name.replace('"', '""')
            (rows,) = conn.execute(f'SELECT count(*) FROM "{quoted}"').fetchone()
            result.append(TableSize(name, rows, None if sizes is None else sizes.get(name, 0)))
        (page_count,) = conn.execute("PRAGMA page_count").fetchone()
        (page_size,) = conn.execute("PRAGMA page_size").fetchone()
        (free,) = conn.execute("PRAGMA freelist_count").fetchone()
    result.sort(key=lambda table: (-(table.bytes or 0), -table.rows, table.name))
    return DatabaseSize(result, page_count * page_size, free)
