"""The durable outbox of the delivery engine: messages and their deliveries (SQL only).

Statuses of a delivery: ``pending`` (waiting), ``sending`` (claimed just before its
HTTP call), and the final ones ``sent``, ``failed``, ``blocked`` (Telegram said 403),
``ambiguous`` (timed out on the last attempt: it may have arrived) and ``cancelled``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import aiosqlite

from db.connection import Database
from db.officers import Officer, officer_from_row
from db.timefmt import from_db, maybe_from_db, to_db

ACTIVE = ("pending", "sending")
FINAL = ("sent", "failed", "blocked", "ambiguous", "cancelled")


@dataclass(frozen=True)
class OutboxMessage:
    id: int
    kind: str
    ref: str | None
    sender_id: int | None
    not_before: datetime
    urgent: bool
    report: bool
    status: str
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    report_sent_at: datetime | None


@dataclass(frozen=True)
class Head:
    """The next delivery of one chat, with what the engine needs to send it."""

    id: int
    message_id: int
    officer_id: int
    telegram_id: int
    chat_id: int
    language: str
    part: int
    errors: int
    possible_duplicate: bool
    reachable: bool
    active: bool


@dataclass(frozen=True)
class Summary:
    counts: dict[str, int]
    failed_units: list[str]
    recipients: int


def _message(row: aiosqlite.Row) -> OutboxMessage:
    return OutboxMessage(
        id=row["id"],
        kind=row["kind"],
        ref=row["ref"],
        sender_id=row["sender_id"],
        not_before=from_db(row["not_before"]),
        urgent=bool(row["urgent"]),
        report=bool(row["report"]),
        status=row["status"],
        created_at=from_db(row["created_at"]),
        started_at=maybe_from_db(row["started_at"]),
        finished_at=maybe_from_db(row["finished_at"]),
        report_sent_at=maybe_from_db(row["report_sent_at"]),
    )


async def insert_message(
    conn: aiosqlite.Connection,
    *,
    kind: str,
    ref: str | None,
    sender_id: int | None,
    variants_json: str,
    report_buttons_json: str | None,
    not_before: datetime,
    urgent: bool,
    report: bool,
    rows: Iterable[tuple[int, int, str, int]],
    at: datetime,
) -> int:
    """Insert a message and its deliveries ``(officer_id, chat_id, language, part)``."""
    cursor = await conn.execute(
        "INSERT INTO outbox_messages (kind, ref, sender_id, variants, report_buttons, not_before,"
        " urgent, report, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            kind,
            ref,
            sender_id,
            variants_json,
            report_buttons_json,
            to_db(not_before),
            int(urgent),
            int(report),
            to_db(at),
        ),
    )
    message_id = cursor.lastrowid
    assert message_id is not None
    due = to_db(not_before)
    await conn.executemany(
        "INSERT INTO deliveries (message_id, officer_id, chat_id, language, part, next_attempt_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [
            (message_id, officer_id, chat_id, language, part, due)
            for officer_id, chat_id, language, part in rows
        ],
    )
    return message_id


async def by_id(db: Database, message_id: int) -> OutboxMessage | None:
    row = await db.fetchone("SELECT * FROM outbox_messages WHERE id = ?", (message_id,))
    return _message(row) if row else None


async def variants_json(db: Database, message_id: int) -> str | None:
    found = await db.fetchval("SELECT variants FROM outbox_messages WHERE id = ?", (message_id,))
    return None if found is None else str(found)


async def recover_in_flight(db: Database) -> int:
    """Rows left 'sending' by a crash go back to 'pending', marked as possible duplicates."""
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "UPDATE deliveries SET status = 'pending', possible_duplicate = 1,"
            " last_error = 'in flight at a stop or crash' WHERE status = 'sending'"
        )
        return cursor.rowcount


async def interrupted(db: Database) -> bool:
    """Whether a broadcast was under way (started, not finished) when the last run stopped."""
    found = await db.fetchval(
        "SELECT 1 FROM outbox_messages WHERE status = 'queued' AND started_at IS NOT NULL LIMIT 1"
    )
    return found is not None


async def due_messages(db: Database, now: datetime) -> list[OutboxMessage]:
    rows = await db.fetchall(
        "SELECT * FROM outbox_messages WHERE status = 'queued' AND not_before <= ? ORDER BY id",
        (to_db(now),),
    )
    return [_message(row) for row in rows]


async def heads(db: Database, message_ids: Sequence[int], now: datetime) -> list[Head]:
    """Per chat, its first active delivery among ``message_ids`` if that one is due now.

    Order inside a chat is (message id, part): a chat whose first delivery is claimed
    or waiting for a retry gets nothing else, so one person's messages keep their order.
    """
    if not message_ids:
        return []
    marks = ",".join("?" * len(message_ids))
    rows = await db.fetchall(
        "WITH active AS ("
        " SELECT d.*, ROW_NUMBER() OVER (PARTITION BY d.chat_id ORDER BY d.message_id, d.part) AS rn"
        f" FROM deliveries d WHERE d.status IN ('pending', 'sending') AND d.message_id IN ({marks}))"
        " SELECT a.*, o.telegram_id, o.reachable, o.status AS officer_status"
        " FROM active a JOIN officers o ON o.id = a.officer_id"
        " WHERE a.rn = 1 AND a.status = 'pending' AND a.next_attempt_at <= ?"
        " ORDER BY a.message_id, a.id",
        (*message_ids, to_db(now)),
    )
    return [
        Head(
            id=row["id"],
            message_id=row["message_id"],
            officer_id=row["officer_id"],
            telegram_id=row["telegram_id"],
            chat_id=row["chat_id"],
            language=row["language"],
            part=row["part"],
            errors=row["errors"],
            possible_duplicate=bool(row["possible_duplicate"]),
            reachable=bool(row["reachable"]),
            active=row["officer_status"] == "active",
        )
        for row in rows
    ]


async def claim(db: Database, delivery_id: int, message_id: int, at: datetime) -> bool:
    """Mark a delivery 'sending' right before its HTTP call.

    False when it is no longer pending, or its message was cancelled or moved later.
    """
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "UPDATE deliveries SET status = 'sending', attempts = attempts + 1"
            " WHERE id = ? AND status = 'pending' AND EXISTS (SELECT 1 FROM outbox_messages m"
            " WHERE m.id = ? AND m.status = 'queued' AND m.not_before <= ?)",
            (delivery_id, message_id, to_db(at)),
        )
        if cursor.rowcount == 0:
            return False
        await conn.execute(
            "UPDATE outbox_messages SET started_at = ? WHERE id = ? AND started_at IS NULL",
            (to_db(at), message_id),
        )
        return True


async def mark_sent(db: Database, delivery_id: int, tg_message_id: int, at: datetime) -> None:
    """Sent, together with Telegram's message id, in one step."""
    await db.execute(
        "UPDATE deliveries SET status = 'sent', tg_message_id = ?, sent_at = ? WHERE id = ?",
        (tg_message_id, to_db(at), delivery_id),
    )


async def mark_final(db: Database, delivery_id: int, status: str, error: str | None) -> None:
    await db.execute(
        "UPDATE deliveries SET status = ?, last_error = ? WHERE id = ?",
        (status, error, delivery_id),
    )


async def mark_blocked(db: Database, head: Head, error: str) -> None:
    """403: this delivery and the person's other parts of the same message are blocked."""
    await db.execute(
        "UPDATE deliveries SET status = 'blocked', last_error = ?"
        " WHERE message_id = ? AND officer_id = ? AND status IN ('pending', 'sending')",
        (error, head.message_id, head.officer_id),
    )


async def skip_heads(db: Database, items: Sequence[tuple[Head, str, str]]) -> None:
    """Close deliveries that will not be tried: ``(head, status, reason)`` for every part."""
    await db.executemany(
        "UPDATE deliveries SET status = ?, last_error = ?"
        " WHERE message_id = ? AND officer_id = ? AND status = 'pending'",
        [(status, reason, head.message_id, head.officer_id) for head, status, reason in items],
    )


async def give_up(
    db: Database, delivery_id: int, status: str, error: str, *, possible_duplicate: bool
) -> None:
    """The last allowed attempt failed too: 'failed', or 'ambiguous' if it may have arrived."""
    await db.execute(
        "UPDATE deliveries SET status = ?, last_error = ?, errors = errors + 1,"
        " possible_duplicate = MAX(possible_duplicate, ?) WHERE id = ?",
        (status, error, int(possible_duplicate), delivery_id),
    )


async def release(
    db: Database,
    delivery_id: int,
    *,
    next_attempt_at: datetime,
    error: str,
    count_error: bool,
    possible_duplicate: bool,
) -> None:
    """Back to 'pending' for another attempt later."""
    await db.execute(
        "UPDATE deliveries SET status = 'pending', next_attempt_at = ?, last_error = ?,"
        " errors = errors + ?, possible_duplicate = MAX(possible_duplicate, ?) WHERE id = ?",
        (to_db(next_attempt_at), error, int(count_error), int(possible_duplicate), delivery_id),
    )


async def finishable(db: Database, now: datetime) -> list[int]:
    """Queued, due messages none of whose deliveries is still active."""
    rows = await db.fetchall(
        "SELECT m.id FROM outbox_messages m WHERE m.status = 'queued' AND m.not_before <= ?"
        " AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.message_id = m.id"
        " AND d.status IN ('pending', 'sending')) ORDER BY m.id",
        (to_db(now),),
    )
    return [row["id"] for row in rows]


async def finish(conn: aiosqlite.Connection, message_id: int, at: datetime) -> OutboxMessage | None:
    """Mark a message done (inside the caller's transaction); None if it already was."""
    cursor = await conn.execute(
        "UPDATE outbox_messages SET status = 'done', finished_at = ? WHERE id = ? AND status = 'queued'"
        " AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.message_id = ?"
        " AND d.status IN ('pending', 'sending'))",
        (to_db(at), message_id, message_id),
    )
    if cursor.rowcount == 0:
        return None
    row = await (
        await conn.execute("SELECT * FROM outbox_messages WHERE id = ?", (message_id,))
    ).fetchone()
    return _message(row) if row is not None else None


async def officer_in(conn: aiosqlite.Connection, officer_id: int) -> Officer | None:
    """An officer by id, inside the caller's transaction (the sender of a report)."""
    cursor = await conn.execute("SELECT * FROM officers WHERE id = ?", (officer_id,))
    row = await cursor.fetchone()
    return officer_from_row(row) if row else None


async def report_buttons(conn: aiosqlite.Connection, message_id: int) -> dict[str, Any]:
    row = await (
        await conn.execute("SELECT report_buttons FROM outbox_messages WHERE id = ?", (message_id,))
    ).fetchone()
    return json.loads(row["report_buttons"]) if row and row["report_buttons"] else {}


async def mark_report_sent(conn: aiosqlite.Connection, message_id: int, at: datetime) -> None:
    await conn.execute(
        "UPDATE outbox_messages SET report_sent_at = ? WHERE id = ?", (to_db(at), message_id)
    )


async def summary(conn: aiosqlite.Connection, message_id: int) -> Summary:
    """Per-person outcome of a message (a person counts once, by their worst part)."""
    cursor = await conn.execute(
        "SELECT d.officer_id, group_concat(d.status) AS statuses, u.name AS unit_name"
        " FROM deliveries d JOIN officers o ON o.id = d.officer_id JOIN units u ON u.id = o.unit_id"
        " WHERE d.message_id = ? GROUP BY d.officer_id ORDER BY u.code",
        (message_id,),
    )
    counts: dict[str, int] = {}
    failed_units: list[str] = []
    recipients = 0
    for row in await cursor.fetchall():
        recipients += 1
        statuses = set(row["statuses"].split(","))
        outcome = next(
            (
                status
                for status in ("blocked", "failed", "ambiguous", "cancelled")
                if status in statuses
            ),
            "sent",
        )
        counts[outcome] = counts.get(outcome, 0) + 1
        if outcome in ("failed", "ambiguous") and row["unit_name"] not in failed_units:
            failed_units.append(row["unit_name"])
    return Summary(counts=counts, failed_units=failed_units, recipients=recipients)


async def cancel(db: Database, message_id: int, at: datetime) -> bool:
    async with db.transaction() as conn:
        return await cancel_in(conn, message_id, at)


async def cancel_in(conn: aiosqlite.Connection, message_id: int, at: datetime) -> bool:
    """Cancel a message nothing of which was sent yet (the claim sets ``started_at``)."""
    cursor = await conn.execute(
        "UPDATE outbox_messages SET status = 'cancelled', finished_at = ?"
        " WHERE id = ? AND status = 'queued' AND started_at IS NULL",
        (to_db(at), message_id),
    )
    if cursor.rowcount == 0:
        return False
    await conn.execute(
        "UPDATE deliveries SET status = 'cancelled', last_error = 'cancelled'"
        " WHERE message_id = ? AND status = 'pending'",
        (message_id,),
    )
    return True


async def reschedule(db: Database, message_id: int, not_before: datetime) -> bool:
    async with db.transaction() as conn:
        return await reschedule_in(conn, message_id, not_before)


async def reschedule_in(conn: aiosqlite.Connection, message_id: int, not_before: datetime) -> bool:
    """Move a message nothing of which was sent yet to another time."""
    cursor = await conn.execute(
        "UPDATE outbox_messages SET not_before = ?"
        " WHERE id = ? AND status = 'queued' AND started_at IS NULL",
        (to_db(not_before), message_id),
    )
    if cursor.rowcount == 0:
        return False
    await conn.execute(
        "UPDATE deliveries SET next_attempt_at = ? WHERE message_id = ? AND status = 'pending'",
        (to_db(not_before), message_id),
    )
    return True


async def status_counts(db: Database, message_id: int) -> dict[str, int]:
    rows = await db.fetchall(
        "SELECT status, count(*) AS n FROM deliveries WHERE message_id = ? GROUP BY status",
        (message_id,),
    )
    return {row["status"]: row["n"] for row in rows}
