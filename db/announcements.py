"""Announcements and their acknowledgements ("Sudah dibaca")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import aiosqlite

from db.audience import Audience
from db.connection import Database
from db.timefmt import from_db, maybe_from_db, to_db


@dataclass(frozen=True)
class Announcement:
    id: int
    sender_id: int
    body: str
    media_type: str | None
    file_id: str | None
    audience: Audience
    unit_count: int
    recipient_count: int
    urgent: bool
    ack_required: bool
    send_at: datetime
    outbox_id: int | None
    created_at: datetime


@dataclass(frozen=True)
class Scheduled:
    """An announcement whose sending has not started, with its sender's name."""

    announcement: Announcement
    sender_name: str


@dataclass(frozen=True)
class Reader:
    officer_id: int
    full_name: str
    acknowledged_at: datetime | None


@dataclass(frozen=True)
class UnitReaders:
    unit_id: int
    unit_kind: str
    unit_name: str
    readers: list[Reader]

    @property
    def acknowledged(self) -> int:
        return sum(1 for reader in self.readers if reader.acknowledged_at is not None)


def _announcement(row: aiosqlite.Row) -> Announcement:
    return Announcement(
        id=row["id"],
        sender_id=row["sender_id"],
        body=row["body"],
        media_type=row["media_type"],
        file_id=row["file_id"],
        audience=Audience.from_json(row["audience"]),
        unit_count=row["unit_count"],
        recipient_count=row["recipient_count"],
        urgent=bool(row["urgent"]),
        ack_required=bool(row["ack_required"]),
        send_at=from_db(row["send_at"]),
        outbox_id=row["outbox_id"],
        created_at=from_db(row["created_at"]),
    )


async def create_in(
    conn: aiosqlite.Connection,
    *,
    sender_id: int,
    body: str,
    media_type: str | None,
    file_id: str | None,
    audience: Audience,
    unit_count: int,
    recipient_count: int,
    urgent: bool,
    ack_required: bool,
    send_at: datetime,
    at: datetime,
) -> int:
    """Insert an announcement (its outbox message is attached in the same transaction)."""
    cursor = await conn.execute(
        "INSERT INTO announcements (sender_id, body, media_type, file_id, audience, unit_count,"
        " recipient_count, urgent, ack_required, send_at, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            sender_id,
            body,
            media_type,
            file_id,
            audience.to_json(),
            unit_count,
            recipient_count,
            int(urgent),
            int(ack_required),
            to_db(send_at),
            to_db(at),
        ),
    )
    assert cursor.lastrowid is not None
    return cursor.lastrowid


async def set_outbox_in(conn: aiosqlite.Connection, announcement_id: int, outbox_id: int) -> None:
    await conn.execute(
        "UPDATE announcements SET outbox_id = ? WHERE id = ?", (outbox_id, announcement_id)
    )


async def by_id(db: Database, announcement_id: int) -> Announcement | None:
    row = await db.fetchone("SELECT * FROM announcements WHERE id = ?", (announcement_id,))
    return _announcement(row) if row else None


async def set_send_at_in(
    conn: aiosqlite.Connection, announcement_id: int, send_at: datetime
) -> None:
    await conn.execute(
        "UPDATE announcements SET send_at = ? WHERE id = ?", (to_db(send_at), announcement_id)
    )


async def scheduled(db: Database, sender_id: int | None) -> list[Scheduled]:
    """Announcements not started yet, soonest first: one sender's, or everyone's (None)."""
    rows = await db.fetchall(
        "SELECT a.*, o.full_name AS sender_name FROM announcements a"
        " JOIN outbox_messages m ON m.id = a.outbox_id JOIN officers o ON o.id = a.sender_id"
        " WHERE m.status = 'queued' AND m.started_at IS NULL AND (? IS NULL OR a.sender_id = ?)"
        " ORDER BY m.not_before, a.id",
        (sender_id, sender_id),
    )
    return [Scheduled(_announcement(row), row["sender_name"]) for row in rows]


async def is_recipient(db: Database, announcement: Announcement, officer_id: int) -> bool:
    """Whether the announcement was sent to the officer (at least one attempt was made, so
    it may have reached them): a scheduled or cancelled one cannot be acknowledged."""
    if announcement.outbox_id is None:
        return False
    found = await db.fetchval(
        "SELECT 1 FROM deliveries WHERE message_id = ? AND officer_id = ? AND attempts > 0 LIMIT 1",
        (announcement.outbox_id, officer_id),
    )
    return found is not None


async def acknowledge(
    db: Database, announcement_id: int, officer_id: int, at: datetime
) -> tuple[bool, datetime]:
    """Record who read it, once. Returns (recorded now, when it was recorded)."""
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "INSERT INTO acknowledgements (announcement_id, officer_id, at) VALUES (?, ?, ?)"
            " ON CONFLICT (announcement_id, officer_id) DO NOTHING",
            (announcement_id, officer_id, to_db(at)),
        )
        if cursor.rowcount:
            return True, at
        row = await (
            await conn.execute(
                "SELECT at FROM acknowledgements WHERE announcement_id = ? AND officer_id = ?",
                (announcement_id, officer_id),
            )
        ).fetchone()
        assert row is not None  # the INSERT found this acknowledgement already there
        return False, from_db(row["at"])


async def readers_by_unit(db: Database, announcement: Announcement) -> list[UnitReaders]:
    """Every recipient, grouped by unit (code order), with when they acknowledged."""
    if announcement.outbox_id is None:
        return []
    rows = await db.fetchall(
        "SELECT DISTINCT o.id AS officer_id, o.full_name, u.id AS unit_id, u.kind, u.name, u.code,"
        " k.at FROM deliveries d JOIN officers o ON o.id = d.officer_id"
        " JOIN units u ON u.id = o.unit_id"
        " LEFT JOIN acknowledgements k ON k.announcement_id = ? AND k.officer_id = o.id"
        " WHERE d.message_id = ? AND d.status != 'cancelled' ORDER BY u.code, o.full_name",
        (announcement.id, announcement.outbox_id),
    )
    grouped: dict[int, UnitReaders] = {}
    for row in rows:
        unit = grouped.get(row["unit_id"])
        if unit is None:
            unit = grouped[row["unit_id"]] = UnitReaders(
                row["unit_id"], row["kind"], row["name"], []
            )
        unit.readers.append(Reader(row["officer_id"], row["full_name"], maybe_from_db(row["at"])))
    return list(grouped.values())
