"""Days off administrators add with /libur, on top of the national holidays."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from db import audit
from db.audit import Actor
from db.connection import Database
from db.timefmt import to_db

MAX_NOTE = 100


class DayOffProblem(StrEnum):
    PAST = "past"
    NOTE_EMPTY = "note_empty"
    NOTE_TOO_LONG = "note_too_long"
    EXISTS = "exists"
    UNKNOWN = "unknown"


class DayOffError(ValueError):
    def __init__(self, problem: DayOffProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


@dataclass(frozen=True)
class DayOff:
    day: date
    note: str


def clean_note(note: str) -> str:
    note = " ".join(note.split())
    if not note:
        raise DayOffError(DayOffProblem.NOTE_EMPTY)
    if len(note) > MAX_NOTE:
        raise DayOffError(DayOffProblem.NOTE_TOO_LONG)
    return note


async def add(
    db: Database, day: date, note: str, *, today: date, actor: Actor, at: datetime
) -> DayOff:
    """Declare ``day`` (today or later, local date) a day off."""
    note = clean_note(note)
    if day < today:
        raise DayOffError(DayOffProblem.PAST)
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "INSERT INTO days_off (day, note, created_by, created_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (day) DO NOTHING",
            (day.isoformat(), note, actor.officer_id, to_db(at)),
        )
        if cursor.rowcount == 0:
            raise DayOffError(DayOffProblem.EXISTS)
        await audit.record(conn, actor, "days_off.add", day.isoformat(), at, note=note)
    return DayOff(day, note)


async def remove(db: Database, day: date, *, actor: Actor, at: datetime) -> None:
    async with db.transaction() as conn:
        cursor = await conn.execute("DELETE FROM days_off WHERE day = ?", (day.isoformat(),))
        if cursor.rowcount == 0:
            raise DayOffError(DayOffProblem.UNKNOWN)
        await audit.record(conn, actor, "days_off.remove", day.isoformat(), at)


async def all_days(db: Database) -> dict[date, str]:
    rows = await db.fetchall("SELECT day, note FROM days_off ORDER BY day")
    return {date.fromisoformat(row["day"]): row["note"] for row in rows}
