"""What reminders, overdue notices and escalations need from the database (SQL only).

Every function taking ``conn`` runs inside the scheduler's write transaction: the
scheduler reads what is due, queues the messages and records them in that one
transaction, so a push is made exactly once whatever restarts happen around it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

import aiosqlite

from db.connection import Database
from db.officers import Officer, officer_from_row
from db.timefmt import from_db, to_db

PassKind = Literal["overdue", "escalation"]
PassOutcome = Literal["sent", "nothing", "skipped"]
UnreachableReason = Literal["no_officer", "on_leave", "unreachable"]


@dataclass(frozen=True)
class Candidate:
    """An open assignment of a live briefing, with the briefing's times."""

    assignment_id: int
    briefing_id: int
    unit_id: int
    title: str
    deadline: datetime
    publish_at: datetime


@dataclass(frozen=True)
class DueBriefing:
    id: int
    title: str
    deadline: datetime
    author_id: int


@dataclass
class UnitPeople:
    """A unit's active officers: who a reminder reaches now, and why the others are not."""

    recipients: list[Officer] = field(default_factory=list)
    on_leave: list[Officer] = field(default_factory=list)
    unreachable: list[Officer] = field(default_factory=list)

    @property
    def reason(self) -> UnreachableReason:
        if self.unreachable:
            return "unreachable"
        return "on_leave" if self.on_leave else "no_officer"


async def _rows(
    conn: aiosqlite.Connection, sql: str, params: Sequence[object] | dict[str, object] = ()
) -> list[aiosqlite.Row]:
    cursor = await conn.execute(sql, params)
    return list(await cursor.fetchall())


def _marks(values: Sequence[object]) -> str:
    return ",".join("?" * len(values))


_LIVE = "(b.status = 'published' OR (b.status = 'scheduled' AND b.publish_at <= :now))"


async def candidates_in(
    conn: aiosqlite.Connection, now: datetime, horizon: datetime
) -> list[Candidate]:
    """Open assignments of live briefings whose deadline is after ``now`` and by ``horizon``."""
    rows = await _rows(
        conn,
        "SELECT a.id AS assignment_id, a.briefing_id, a.unit_id, b.title, b.deadline, b.publish_at"
        " FROM briefings b JOIN assignments a ON a.briefing_id = b.id"
        f" WHERE b.status IN ('published', 'scheduled') AND {_LIVE}"
        " AND b.deadline > :now AND b.deadline <= :horizon AND a.status = 'open'"
        " ORDER BY b.id, a.unit_id",
        {"now": to_db(now), "horizon": to_db(horizon)},
    )
    moments: dict[str, datetime] = {}  # one briefing's times repeat on each of its rows

    def moment(text: str) -> datetime:
        if text not in moments:
            moments[text] = from_db(text)
        return moments[text]

    return [
        Candidate(
            row["assignment_id"],
            row["briefing_id"],
            row["unit_id"],
            row["title"],
            moment(row["deadline"]),
            moment(row["publish_at"]),
        )
        for row in rows
    ]


async def recorded_in(
    conn: aiosqlite.Connection, assignment_ids: Sequence[int]
) -> set[tuple[int, str, str]]:
    """(assignment, kind, deadline) of the pushes already recorded for these assignments."""
    found: set[tuple[int, str, str]] = set()
    for start in range(0, len(assignment_ids), 500):
        chunk = assignment_ids[start : start + 500]
        rows = await _rows(
            conn,
            "SELECT assignment_id, kind, deadline FROM reminders_sent"
            f" WHERE assignment_id IN ({_marks(chunk)})",
            chunk,
        )
        found.update((row["assignment_id"], row["kind"], row["deadline"]) for row in rows)
    return found


async def record_in(
    conn: aiosqlite.Connection, rows: Iterable[tuple[int, str, datetime, int | None]], at: datetime
) -> None:
    """Record pushes: (assignment id, kind, deadline, outbox id or None when not sent)."""
    await conn.executemany(
        "INSERT INTO reminders_sent (assignment_id, kind, deadline, outbox_id, created_at)"
        " VALUES (?, ?, ?, ?, ?)",
        [
            (assignment, kind, to_db(deadline), outbox, to_db(at))
            for assignment, kind, deadline, outbox in rows
        ],
    )


async def people_in(
    conn: aiosqlite.Connection, unit_ids: Iterable[int], now: datetime
) -> dict[int, UnitPeople]:
    """Each unit's active officers sorted into recipients, on leave (/cuti) and unreachable."""
    units = sorted(set(unit_ids))
    people = {unit_id: UnitPeople() for unit_id in units}
    for start in range(0, len(units), 500):
        chunk = units[start : start + 500]
        rows = await _rows(
            conn,
            "SELECT o.*, (l.until IS NOT NULL AND l.until > ?) AS on_leave FROM officers o"
            " LEFT JOIN officer_leave l ON l.officer_id = o.id"
            f" WHERE o.status = 'active' AND o.unit_id IN ({_marks(chunk)}) ORDER BY o.id",
            [to_db(now), *chunk],
        )
        for row in rows:
            officer = officer_from_row(row)
            group = people[officer.unit_id]
            if row["on_leave"]:
                group.on_leave.append(officer)
            elif not officer.reachable:
                group.unreachable.append(officer)
            else:
                group.recipients.append(officer)
    return people


async def overseers_in(conn: aiosqlite.Connection) -> list[Officer]:
    """Active coordinators and administrators (to route escalations and notices)."""
    rows = await _rows(
        conn,
        "SELECT * FROM officers WHERE status = 'active' AND role IN ('coordinator', 'admin')"
        " ORDER BY id",
    )
    return [officer_from_row(row) for row in rows]


# ---- units nobody can be reached in ----------------------------------------------------


async def noticed_in(conn: aiosqlite.Connection, unit_ids: Sequence[int]) -> set[int]:
    if not unit_ids:
        return set()
    rows = await _rows(
        conn,
        f"SELECT unit_id FROM unreachable_notices WHERE unit_id IN ({_marks(unit_ids)})",
        unit_ids,
    )
    return {row["unit_id"] for row in rows}


async def add_notices_in(
    conn: aiosqlite.Connection,
    notices: Iterable[tuple[int, UnreachableReason, int | None]],
    at: datetime,
) -> None:
    await conn.executemany(
        "INSERT INTO unreachable_notices (unit_id, reason, outbox_id, notified_at)"
        " VALUES (?, ?, ?, ?)"
        " ON CONFLICT (unit_id) DO NOTHING",
        [(unit_id, reason, outbox, to_db(at)) for unit_id, reason, outbox in notices],
    )


async def clear_notices_in(conn: aiosqlite.Connection, unit_ids: Sequence[int]) -> None:
    """Someone in these units can be reached again: a later outage is told again."""
    for start in range(0, len(unit_ids), 500):
        chunk = unit_ids[start : start + 500]
        await conn.execute(
            f"DELETE FROM unreachable_notices WHERE unit_id IN ({_marks(chunk)})", chunk
        )


# ---- deadline passes -------------------------------------------------------------------


async def due_passes_in(
    conn: aiosqlite.Connection, kind: PassKind, now: datetime, reached_by: datetime
) -> list[DueBriefing]:
    """Live briefings whose deadline is at or before ``reached_by`` without a ``kind`` pass yet."""
    rows = await _rows(
        conn,
        "SELECT b.id, b.title, b.deadline, b.author_id FROM briefings b"
        f" WHERE b.status IN ('published', 'scheduled') AND {_LIVE} AND b.deadline <= :reached"
        " AND NOT EXISTS (SELECT 1 FROM deadline_passes p WHERE p.briefing_id = b.id"
        " AND p.deadline = b.deadline AND p.kind = :kind)"
        " ORDER BY b.deadline, b.id",
        {"now": to_db(now), "reached": to_db(reached_by), "kind": kind},
    )
    return [
        DueBriefing(row["id"], row["title"], from_db(row["deadline"]), row["author_id"])
        for row in rows
    ]


async def assignments_in(
    conn: aiosqlite.Connection, briefing_ids: Sequence[int]
) -> list[tuple[int, int, int, str]]:
    """(assignment id, briefing id, unit id, status) of every assignment of these briefings."""
    if not briefing_ids:
        return []
    rows = await _rows(
        conn,
        "SELECT id, briefing_id, unit_id, status FROM assignments"
        f" WHERE briefing_id IN ({_marks(briefing_ids)}) ORDER BY briefing_id, unit_id",
        briefing_ids,
    )
    return [(row["id"], row["briefing_id"], row["unit_id"], row["status"]) for row in rows]


async def record_pass_in(
    conn: aiosqlite.Connection,
    briefing: DueBriefing,
    kind: PassKind,
    outcome: PassOutcome,
    units: int,
    outbox_id: int | None,
    at: datetime,
) -> None:
    await conn.execute(
        "INSERT INTO deadline_passes"
        " (briefing_id, deadline, kind, outcome, units, outbox_id, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (briefing.id, to_db(briefing.deadline), kind, outcome, units, outbox_id, to_db(at)),
    )


# ---- after a briefing changed ------------------------------------------------------------


async def queued_for(db: Database, briefing_id: int, keep_deadline: datetime | None) -> list[int]:
    """Outbox ids of the officer-facing pushes of a briefing made for another deadline
    (all of them when ``keep_deadline`` is None), that the engine has not started."""
    keep = to_db(keep_deadline) if keep_deadline is not None else ""
    rows = await db.fetchall(
        "SELECT DISTINCT m.id FROM outbox_messages m WHERE m.status = 'queued'"
        " AND m.started_at IS NULL AND m.id IN ("
        " SELECT r.outbox_id FROM reminders_sent r JOIN assignments a ON a.id = r.assignment_id"
        " WHERE a.briefing_id = :briefing AND r.deadline != :keep AND r.outbox_id IS NOT NULL"
        " UNION SELECT p.outbox_id FROM deadline_passes p WHERE p.briefing_id = :briefing"
        " AND p.kind = 'overdue' AND p.deadline != :keep AND p.outbox_id IS NOT NULL)",
        {"briefing": briefing_id, "keep": keep},
    )
    return [row["id"] for row in rows]
