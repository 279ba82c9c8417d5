"""What the recap screens list around the figures of :mod:`db.recap`: the briefings a
viewer can pick, a unit's people and whether each can be reached, the month's most
reliable units, a unit's standing and streak, and each program's compliance.

The same counting rules apply (see :mod:`db.recap`). A ranking counts only
briefings whose deadline has passed: a briefing still running is nobody's failure.
Units are ranked by on-time rate, then by number of briefings reported, then by
code; an officer is told their unit's place among every unit of the regency that
was targeted, never the others' figures.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, tzinfo

from db import recap, recap_area, scope
from db.briefings import Briefing, briefing_from_row
from db.connection import Database
from db.officers import Officer, Role
from db.recap import BriefingInfo, Counts, Status, UnitPeriod
from db.timefmt import maybe_from_db, to_db

# ---- briefings to pick ----------------------------------------------------------------

CONCERNS = (
    " FROM briefings b WHERE b.status != 'draft' AND b.publish_at IS NOT NULL"
    " AND b.publish_at <= :now AND b.deadline IS NOT NULL AND EXISTS (SELECT 1 FROM assignments a"
    " WHERE a.briefing_id = b.id AND a.unit_id IN (SELECT value FROM json_each(:units)))"
)


_ENDED = "(b.status = 'closed' OR b.deadline <= :now)"


async def recent_briefings(
    db: Database, viewer: Officer, now: datetime, *, offset: int = 0, limit: int = 6
) -> tuple[list[BriefingInfo], int]:
    """Published briefings that target a unit in the viewer's scope (whoever wrote them:
    the regency's too); and how many there are. Those still running come first, the
    nearest deadline first (the ones to chase now), then the ended ones, the latest
    deadline first."""
    area = await recap_area.area_of(db, viewer)
    params = {"now": to_db(now), "units": area.ids_json}
    total = int(await db.fetchval(f"SELECT count(*){CONCERNS}", params) or 0)
    rows = await db.fetchall(
        "SELECT b.id, b.title, b.deadline, b.publish_at, b.status, b.closed_at, b.program_id"
        f"{CONCERNS} ORDER BY {_ENDED} ASC, CASE WHEN NOT {_ENDED} THEN b.deadline END ASC,"
        " b.deadline DESC, b.id DESC LIMIT :limit OFFSET :offset",
        {**params, "limit": limit, "offset": offset},
    )
    return [recap.info_from_row(row) for row in rows], total


_TOUCHES = (
    " FROM briefings b WHERE b.status != 'draft' AND EXISTS (SELECT 1 FROM assignments a"
    " WHERE a.briefing_id = b.id AND a.unit_id IN (SELECT value FROM json_each(:units)))"
)


async def briefings_in_scope(
    db: Database, viewer: Officer, *, offset: int = 0, limit: int = 5
) -> tuple[list[Briefing], int]:
    """Every briefing (scheduled, published or closed) that targets a unit in the viewer's
    scope, whoever wrote it, newest first; and how many there are (for /brief_kelola)."""
    area = await recap_area.area_of(db, viewer)
    params = {"units": area.ids_json}
    total = int(await db.fetchval(f"SELECT count(*){_TOUCHES}", params) or 0)
    rows = await db.fetchall(
        f"SELECT b.*{_TOUCHES} ORDER BY b.id DESC LIMIT :limit OFFSET :offset",
        {**params, "limit": limit, "offset": offset},
    )
    return [briefing_from_row(row) for row in rows], total


# ---- a unit's people ------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    """An active account of a unit, as a coordinator needs to know it."""

    id: int
    name: str
    position: str | None
    role: Role
    reachable: bool
    """The bot can write to them: a private chat, not blocked, not erased."""
    on_leave_until: datetime | None


async def unit_people(db: Database, viewer: Officer, unit_id: int, now: datetime) -> list[Person]:
    """The unit's active accounts, by name; :class:`scope.OutOfScope` outside the viewer's scope."""
    if not await scope.may_act_on(db, viewer, unit_id):
        raise scope.OutOfScope
    rows = await db.fetchall(
        "SELECT o.id, o.full_name, o.position, o.role, o.reachable, o.chat_id, o.telegram_id,"
        " l.until FROM officers o LEFT JOIN officer_leave l ON l.officer_id = o.id"
        " AND l.until > ? WHERE o.unit_id = ? AND o.status = 'active'"
        " ORDER BY o.full_name COLLATE NOCASE, o.id",
        (to_db(now), unit_id),
    )
    return [
        Person(
            id=row["id"],
            name=row["full_name"],
            position=row["position"],
            role=row["role"],
            reachable=bool(row["reachable"]) and row["telegram_id"] > 0,
            on_leave_until=maybe_from_db(row["until"]),
        )
        for row in rows
    ]


# ---- the month's most reliable units ----------------------------------------------------


@dataclass(frozen=True)
class Rank:
    position: int
    unit: UnitPeriod


def _key(unit: UnitPeriod) -> tuple[float, int, str]:
    return (-unit.counts.on_time_rate, -unit.counts.reported, unit.unit.code)


def _ranked(period: recap.PeriodRecap) -> list[Rank]:
    units = sorted((unit for unit in period.units if unit.counts.targeted), key=_key)
    return [Rank(position, unit) for position, unit in enumerate(units, start=1)]


async def ranking(
    db: Database, viewer: Officer, start: datetime, end: datetime, now: datetime, *, zone: tzinfo
) -> list[Rank]:
    """The units of the viewer's scope over ``[start, min(end, now))``, most reliable first."""
    area = await recap_area.area_of(db, viewer)
    period = await recap.period_for_area(db, area, start, min(end, now), now, zone=zone)
    return _ranked(period)


@dataclass(frozen=True)
class Standing:
    """One unit's place in the regency's ranking, and its streak."""

    position: int | None
    """None: no briefing with a passed deadline targeted it in the period."""
    of: int
    counts: Counts
    streak: int


STREAK = (
    "SELECT b.deadline, (SELECT min(s.created_at) FROM submissions s"
    " WHERE s.briefing_id = a.briefing_id AND s.unit_id = a.unit_id AND s.kind = 'link'"
    " AND s.status != 'ditolak') AS first_ok"
    " FROM assignments a JOIN briefings b ON b.id = a.briefing_id"
    " WHERE a.unit_id = ? AND b.status != 'draft' AND b.publish_at <= ?2 AND b.deadline < ?2"
    " ORDER BY b.deadline DESC, b.id DESC"
)


async def streak(db: Database, unit_id: int, now: datetime) -> int:
    """How many of the unit's latest briefings (deadline passed) it reported on time in a row."""
    rows = await db.fetchall(STREAK, (unit_id, to_db(now)))
    count = 0
    for row in rows:
        if row["first_ok"] is None or row["first_ok"] > row["deadline"]:
            break
        count += 1
    return count


async def standing(
    db: Database, officer: Officer, start: datetime, end: datetime, now: datetime, *, zone: tzinfo
) -> Standing:
    """The officer's own unit in the whole regency's ranking over the period."""
    if not officer.is_active:
        raise scope.OutOfScope
    area = await recap_area.regency_area(db)
    period = await recap.period_for_area(db, area, start, min(end, now), now, zone=zone)
    ranks = _ranked(period)
    mine = next((rank for rank in ranks if rank.unit.unit.id == officer.unit_id), None)
    return Standing(
        position=mine.position if mine else None,
        of=len(ranks),
        counts=mine.unit.counts if mine else Counts(),
        streak=await streak(db, officer.unit_id, now),
    )


# ---- programs -------------------------------------------------------------------------


async def program_compliance(
    db: Database, viewer: Officer, program_ids: list[int], now: datetime
) -> dict[int, Counts]:
    """Per program, every published briefing under it counted for the viewer's scope."""
    if not program_ids:
        return {}
    area = await recap_area.area_of(db, viewer)
    rows = await db.fetchall(
        "SELECT id, title, deadline, publish_at, status, closed_at, program_id FROM briefings"
        " WHERE program_id IN (SELECT value FROM json_each(?)) AND status != 'draft'"
        " AND publish_at IS NOT NULL AND publish_at <= ? AND deadline IS NOT NULL",
        (json.dumps(program_ids), to_db(now)),
    )
    briefings = {row["id"]: recap.info_from_row(row) for row in rows}
    if not briefings:
        return {}
    staffed = await recap_area.units_with_officers(db)
    per_program: dict[int, list[tuple[Status, bool]]] = {}
    for state in await recap.assignment_states(db, area, briefings):
        program = briefings[state.briefing_id].program_id
        assert program is not None
        per_program.setdefault(program, []).append((state.status, state.unit_id in staffed))
    return {program: Counts.tally(pairs) for program, pairs in per_program.items()}


async def regency_rate(db: Database, briefing_ids: list[int], now: datetime) -> float:
    """The whole regency's reported share (0..1) over these briefings: the chart's average."""
    area = await recap_area.regency_area(db)
    briefings = {
        info.id: info
        for info in [await recap.published_briefing(db, bid, now) for bid in briefing_ids]
        if info is not None
    }
    if not briefings:
        return 0.0
    states = await recap.assignment_states(db, area, briefings)
    reported = sum(state.status in ("on_time", "late") for state in states)
    return reported / len(states) if states else 0.0
