"""The programs' timeline for /agenda: every program (finished ones too) by horizon
(jangka pendek, menengah, panjang), then start date, with the briefings published
under each."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from db.connection import Database
from db.programs import Program, program_from_row
from db.recap import BriefingInfo, info_from_row
from db.timefmt import to_db

BRIEFINGS_SHOWN = 5
_ORDER = "CASE horizon WHEN 'pendek' THEN 0 WHEN 'menengah' THEN 1 ELSE 2 END"


@dataclass(frozen=True)
class AgendaItem:
    program: Program
    briefings: tuple[BriefingInfo, ...]
    """The newest :data:`BRIEFINGS_SHOWN` published under it, newest first."""
    briefing_count: int


async def agenda(
    db: Database, now: datetime, *, offset: int = 0, limit: int = 4
) -> tuple[list[AgendaItem], int]:
    """One page of the timeline, and how many programs there are."""
    total = int(await db.fetchval("SELECT count(*) FROM programs") or 0)
    rows = await db.fetchall(
        f"SELECT * FROM programs ORDER BY {_ORDER}, status = 'done', starts_on, lower(name)"
        " LIMIT ? OFFSET ?",
        (limit, offset),
    )
    programs = [program_from_row(row) for row in rows]
    if not programs:
        return [], total
    briefings = await db.fetchall(
        "SELECT id, title, deadline, publish_at, status, closed_at, program_id FROM briefings"
        " WHERE program_id IN (SELECT value FROM json_each(?)) AND status != 'draft'"
        " AND publish_at IS NOT NULL AND publish_at <= ? AND deadline IS NOT NULL"
        " ORDER BY publish_at DESC, id DESC",
        (json.dumps([program.id for program in programs]), to_db(now)),
    )
    per_program: dict[int, list[BriefingInfo]] = {}
    for row in briefings:
        per_program.setdefault(row["program_id"], []).append(info_from_row(row))
    return [
        AgendaItem(
            program,
            tuple(per_program.get(program.id, [])[:BRIEFINGS_SHOWN]),
            len(per_program.get(program.id, [])),
        )
        for program in programs
    ], total
