"""Leave (/cuti): an officer mutes their own reminders until a moment; others still get them."""

from __future__ import annotations

from datetime import datetime

from db import audit
from db.audit import Actor
from db.connection import Database
from db.timefmt import from_db, to_db


async def set_leave(
    db: Database, officer_id: int, until: datetime, *, actor: Actor, at: datetime
) -> None:
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT INTO officer_leave (officer_id, until, created_at) VALUES (?, ?, ?)"
            " ON CONFLICT (officer_id) DO UPDATE SET until = excluded.until,"
            " created_at = excluded.created_at",
            (officer_id, to_db(until), to_db(at)),
        )
        await audit.record(
            conn, actor, "leave.set", f"officer:{officer_id}", at, until=to_db(until)
        )


async def end_leave(db: Database, officer_id: int, *, actor: Actor, at: datetime) -> bool:
    """End a leave now; False when the officer was not on leave."""
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "DELETE FROM officer_leave WHERE officer_id = ? RETURNING until", (officer_id,)
        )
        row = await cursor.fetchone()
        on_leave = row is not None and from_db(row["until"]) > at
        if on_leave:
            await audit.record(conn, actor, "leave.end", f"officer:{officer_id}", at)
        return on_leave


async def leave_until(db: Database, officer_id: int, now: datetime) -> datetime | None:
    """When the officer's leave ends, if they are on leave at ``now``."""
    value = await db.fetchval(
        "SELECT until FROM officer_leave WHERE officer_id = ? AND until > ?",
        (officer_id, to_db(now)),
    )
    return None if value is None else from_db(value)


async def others_reachable(db: Database, officer_id: int, unit_id: int, now: datetime) -> int:
    """How many other active, reachable officers of the unit are not on leave at ``now``."""
    return int(
        await db.fetchval(
            "SELECT count(*) FROM officers o"
            " WHERE o.unit_id = ? AND o.id != ? AND o.status = 'active'"
            " AND o.reachable = 1 AND NOT EXISTS (SELECT 1 FROM officer_leave l"
            " WHERE l.officer_id = o.id AND l.until > ?)",
            (unit_id, officer_id, to_db(now)),
        )
    )
