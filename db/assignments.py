"""Assignments: one per briefing and targeted unit, closed by the unit's first valid link."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

import aiosqlite

from db.briefings import live_condition
from db.connection import Database
from db.timefmt import from_db, maybe_from_db, to_db

AssignmentStatus = Literal["open", "done"]
UnitStatus = Literal["belum", "terlambat", "sudah", "sudah_terlambat"]
DEADLINE_WINDOW = timedelta(days=14)


@dataclass(frozen=True)
class UnitBriefing:
    """A live briefing as one unit sees it: its deadline and the unit's assignment."""

    briefing_id: int
    title: str
    deadline: datetime
    status: AssignmentStatus
    closed_at: datetime | None
    late: bool

    def unit_status(self, now: datetime) -> UnitStatus:
        if self.status == "done":
            return "sudah_terlambat" if self.late else "sudah"
        return "terlambat" if now > self.deadline else "belum"


def _unit_briefing(row: aiosqlite.Row) -> UnitBriefing:
    return UnitBriefing(
        briefing_id=row["briefing_id"],
        title=row["title"],
        deadline=from_db(row["deadline"]),
        status=row["status"],
        closed_at=maybe_from_db(row["closed_at"]),
        late=bool(row["late"]),
    )


_SELECT = (
    "SELECT a.briefing_id, b.title, b.deadline, a.status, a.closed_at, a.late"
    " FROM assignments a JOIN briefings b ON b.id = a.briefing_id"
    f" WHERE a.unit_id = :unit AND {live_condition('b')}"
)


async def open_briefings(db: Database, unit_id: int, now: datetime) -> list[UnitBriefing]:
    """The unit's live briefings that are not closed, nearest deadline first."""
    rows = await db.fetchall(
        f"{_SELECT} ORDER BY b.deadline, b.id", {"unit": unit_id, "now": to_db(now)}
    )
    return [_unit_briefing(row) for row in rows]


async def deadlines(db: Database, unit_id: int, now: datetime) -> list[UnitBriefing]:
    """Deadlines of the next 14 days (done or not) and every overdue open one, in time order."""
    rows = await db.fetchall(
        f"{_SELECT} AND ((b.deadline >= :now AND b.deadline <= :until)"
        " OR (b.deadline < :now AND a.status = 'open'))"
        " ORDER BY b.deadline, b.id",
        {"unit": unit_id, "now": to_db(now), "until": to_db(now + DEADLINE_WINDOW)},
    )
    return [_unit_briefing(row) for row in rows]


async def for_unit(db: Database, briefing_id: int, unit_id: int) -> UnitBriefing | None:
    """The unit's assignment for a briefing, whatever the briefing's state."""
    row = await db.fetchone(
        "SELECT a.briefing_id, b.title, b.deadline, a.status, a.closed_at, a.late"
        " FROM assignments a JOIN briefings b ON b.id = a.briefing_id"
        " WHERE a.briefing_id = ? AND a.unit_id = ?",
        (briefing_id, unit_id),
    )
    return _unit_briefing(row) if row else None


@dataclass(frozen=True)
class Progress:
    total: int
    done: int
    late: int


async def progress(db: Database, briefing_id: int) -> Progress:
    row = await db.fetchone(
        "SELECT count(*) AS total, coalesce(sum(status = 'done'), 0) AS done,"
        " coalesce(sum(status = 'done' AND late), 0) AS late"
        " FROM assignments WHERE briefing_id = ?",
        (briefing_id,),
    )
    assert row is not None
    return Progress(row["total"], row["done"], row["late"])


async def close_in(
    conn: aiosqlite.Connection, briefing_id: int, unit_id: int, at: datetime, late: bool
) -> bool:
    """Inside the submitting transaction: close the unit's open assignment; True if it was open."""
    cursor = await conn.execute(
        "UPDATE assignments SET status = 'done', closed_at = ?, late = ?"
        " WHERE briefing_id = ? AND unit_id = ? AND status = 'open'",
        (to_db(at), int(late), briefing_id, unit_id),
    )
    return cursor.rowcount > 0


async def resettle_in(
    conn: aiosqlite.Connection, briefing_id: int, unit_id: int, deadline: datetime
) -> None:
    """Inside a review transaction: judge the assignment again from the links that still count.

    A rejected link does not count: the assignment is closed by the unit's earliest
    link that was not rejected, or open again when there is none.
    """
    await conn.execute(
        "UPDATE assignments SET status = CASE WHEN f.first IS NULL THEN 'open' ELSE 'done' END,"
        " closed_at = f.first, late = coalesce(f.first > :deadline, 0)"
        " FROM (SELECT min(created_at) AS first FROM submissions WHERE briefing_id = :briefing"
        " AND unit_id = :unit AND kind = 'link' AND status != 'ditolak') AS f"
        " WHERE assignments.briefing_id = :briefing AND assignments.unit_id = :unit",
        {"briefing": briefing_id, "unit": unit_id, "deadline": to_db(deadline)},
    )
