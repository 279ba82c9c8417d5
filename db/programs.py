"""Strategic programs: the priorities the central humas sets, each with a timeline.

Admins and regency coordinators manage them; everybody can list the active ones.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Literal

import aiosqlite

from bot.core.numbers import parse_number
from db import audit, scope
from db.audit import Actor
from db.connection import Database
from db.officers import Officer
from db.timefmt import to_db

Horizon = Literal["pendek", "menengah", "panjang"]
HORIZONS: tuple[Horizon, ...] = ("pendek", "menengah", "panjang")
ProgramStatus = Literal["active", "done"]
MAX_NAME = 100
MAX_DESCRIPTION = 1000
MAX_PRIORITY = 99


class ProgramProblem(StrEnum):
    NAME_EMPTY = "name_empty"
    NAME_TOO_LONG = "name_too_long"
    NAME_TAKEN = "name_taken"
    DESCRIPTION_TOO_LONG = "description_too_long"
    PRIORITY = "priority"
    DATES = "dates"


class ProgramError(ValueError):
    def __init__(self, problem: ProgramProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


@dataclass(frozen=True)
class Program:
    id: int
    name: str
    description: str
    priority: int
    horizon: Horizon
    starts_on: date
    ends_on: date
    status: ProgramStatus


def program_from_row(row: aiosqlite.Row) -> Program:
    return Program(
        id=row["id"],
        name=row["name"],
        description=row["description"],
        priority=row["priority"],
        horizon=row["horizon"],
        starts_on=date.fromisoformat(row["starts_on"]),
        ends_on=date.fromisoformat(row["ends_on"]),
        status=row["status"],
    )


def clean_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise ProgramError(ProgramProblem.NAME_EMPTY)
    if len(name) > MAX_NAME:
        raise ProgramError(ProgramProblem.NAME_TOO_LONG)
    return name


def clean_description(text: str) -> str:
    text = text.strip()
    if len(text) > MAX_DESCRIPTION:
        raise ProgramError(ProgramProblem.DESCRIPTION_TOO_LONG)
    return text


def parse_priority(text: str) -> int:
    priority = parse_number(text, 1, MAX_PRIORITY)
    if priority is None:
        raise ProgramError(ProgramProblem.PRIORITY)
    return priority


def parse_period(text: str) -> tuple[date, date]:
    """``2026-12-01 2027-06-30`` (or with "s/d", "-" between): start and end dates."""
    parts = text.replace("s/d", " ").replace("—", " ").replace(" - ", " ").split()
    try:
        starts_on, ends_on = (date.fromisoformat(part) for part in parts)
    except ValueError:
        raise ProgramError(ProgramProblem.DATES) from None
    if ends_on < starts_on:
        raise ProgramError(ProgramProblem.DATES)
    return starts_on, ends_on


async def can_manage(db: Database, officer: Officer) -> bool:
    """Admins, and coordinators of the regency itself (see :mod:`db.scope`)."""
    return await scope.sees_everything(db, officer)


async def create(
    db: Database,
    *,
    name: str,
    description: str,
    priority: int,
    horizon: Horizon,
    starts_on: date,
    ends_on: date,
    actor: Actor,
    at: datetime,
) -> Program:
    name = clean_name(name)
    description = clean_description(description)
    if ends_on < starts_on:
        raise ProgramError(ProgramProblem.DATES)
    stamp = to_db(at)
    try:
        async with db.transaction() as conn:
            cursor = await conn.execute(
                "INSERT INTO programs (name, description, priority, horizon, starts_on, ends_on,"
                " created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    name,
                    description,
                    priority,
                    horizon,
                    starts_on.isoformat(),
                    ends_on.isoformat(),
                    actor.officer_id,
                    stamp,
                    stamp,
                ),
            )
            program_id = cursor.lastrowid or 0
            await audit.record(
                conn,
                actor,
                "program.create",
                f"program:{program_id}",
                at,
                name=name,
                priority=priority,
                horizon=horizon,
            )
    except sqlite3.IntegrityError:
        raise ProgramError(ProgramProblem.NAME_TAKEN) from None
    program = await by_id(db, program_id)
    assert program is not None
    return program


async def set_status(
    db: Database, program_id: int, status: ProgramStatus, actor: Actor, at: datetime
) -> Program | None:
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "UPDATE programs SET status = ?, updated_at = ? WHERE id = ? AND status != ?",
            (status, to_db(at), program_id, status),
        )
        if cursor.rowcount:
            await audit.record(conn, actor, f"program.{status}", f"program:{program_id}", at)
    return await by_id(db, program_id)


async def by_id(db: Database, program_id: int) -> Program | None:
    row = await db.fetchone("SELECT * FROM programs WHERE id = ?", (program_id,))
    return program_from_row(row) if row else None


async def list_active(db: Database) -> list[Program]:
    """Active programs, highest priority first."""
    rows = await db.fetchall(
        "SELECT * FROM programs WHERE status = 'active' ORDER BY priority, lower(name)"
    )
    return [program_from_row(row) for row in rows]
