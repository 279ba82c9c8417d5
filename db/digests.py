"""What the weekly priorities digest and the daily coordinator digest read (SQL only).

Each reads the whole regency in a few queries; the scheduler splits the rows per
unit or per coordinator's scope in memory (see scheduler/digests.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

import aiosqlite

from db.connection import Database
from db.officers import Officer, officer_from_row
from db.timefmt import from_db, to_db

DigestKind = Literal["weekly", "daily"]

_LIVE = "(b.status IN ('published', 'closed') OR (b.status = 'scheduled' AND b.publish_at <= :now))"


@dataclass(frozen=True)
class UnitDeadline:
    """One unit's assignment for a briefing, with the briefing's title and deadline."""

    unit_id: int
    briefing_id: int
    title: str
    deadline: datetime
    done: bool
    late: bool


def _deadline(row: aiosqlite.Row) -> UnitDeadline:
    return UnitDeadline(
        row["unit_id"],
        row["briefing_id"],
        row["title"],
        from_db(row["deadline"]),
        row["status"] == "done",
        bool(row["late"]),
    )


_SELECT = (
    "SELECT a.unit_id, a.briefing_id, b.title, b.deadline, a.status, a.late"
    " FROM assignments a JOIN briefings b ON b.id = a.briefing_id"
)


async def recorded(db: Database, kind: DigestKind, period: str) -> bool:
    return bool(
        await db.fetchval(
            "SELECT 1 FROM digests_sent WHERE kind = ? AND period = ?", (kind, period)
        )
    )


async def record_in(
    conn: aiosqlite.Connection,
    kind: DigestKind,
    period: str,
    outcome: str,
    messages: int,
    at: datetime,
) -> bool:
    """Record a digest period; False when it was recorded already (nothing must be sent)."""
    cursor = await conn.execute(
        "INSERT INTO digests_sent (kind, period, outcome, messages, created_at)"
        " VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT (kind, period) DO NOTHING",
        (kind, period, outcome, messages, to_db(at)),
    )
    return cursor.rowcount > 0


async def active_officers(db: Database) -> list[Officer]:
    rows = await db.fetchall("SELECT * FROM officers WHERE status = 'active' ORDER BY unit_id, id")
    return [officer_from_row(row) for row in rows]


async def open_deadlines(db: Database, now: datetime) -> list[UnitDeadline]:
    """Every open assignment of a live briefing that is not closed, by deadline."""
    rows = await db.fetchall(
        f"{_SELECT} WHERE b.status IN ('published', 'scheduled') AND {_LIVE} AND a.status = 'open'"
        " ORDER BY b.deadline, b.id",
        {"now": to_db(now)},
    )
    return [_deadline(row) for row in rows]


async def deadlines_between(
    db: Database, start: datetime, end: datetime, now: datetime, *, include_closed: bool = True
) -> list[UnitDeadline]:
    """Every assignment of a live (by default also closed) briefing due in [start, end)."""
    closed = "" if include_closed else " AND b.status != 'closed'"
    rows = await db.fetchall(
        f"{_SELECT} WHERE {_LIVE}{closed} AND b.deadline >= :start AND b.deadline < :end"
        " ORDER BY b.deadline, b.id",
        {"now": to_db(now), "start": to_db(start), "end": to_db(end)},
    )
    return [_deadline(row) for row in rows]


async def links_between(db: Database, start: datetime, end: datetime) -> dict[int, int]:
    """Links reported per unit in [start, end)."""
    rows = await db.fetchall(
        "SELECT unit_id, count(*) AS n FROM submissions WHERE kind = 'link'"
        " AND created_at >= ? AND created_at < ? GROUP BY unit_id",
        (to_db(start), to_db(end)),
    )
    return {row["unit_id"]: row["n"] for row in rows}


async def drafts_waiting(db: Database) -> dict[int, int]:
    """Drafts not reviewed yet, per unit."""
    rows = await db.fetchall(
        "SELECT unit_id, count(*) AS n FROM submissions"
        " WHERE kind = 'draft' AND status = 'diterima'"
        " GROUP BY unit_id"
    )
    return {row["unit_id"]: row["n"] for row in rows}


async def open_issues(db: Database) -> list[tuple[int, str, int]]:
    """(unit id, urgency, count) of the issue reports nobody handled yet."""
    rows = await db.fetchall(
        "SELECT unit_id, urgency, count(*) AS n FROM issue_reports WHERE status = 'open'"
        " GROUP BY unit_id, urgency"
    )
    return [(row["unit_id"], row["urgency"], row["n"]) for row in rows]
