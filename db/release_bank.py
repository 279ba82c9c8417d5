"""The bank of press releases (/rilis_bank): the approved ones, as far as a person's scope
reaches, searched by unit, program and month, and attached to a briefing being composed.

A release is in the bank when its latest review approved it. Its unit is the author's
unit when it was sent for review; the scope rule is db/scope.py's. Months are the
dateline's month in the configured zone (WIB). Attaching re-checks the coordinator's
scope inside the transaction that records it, as every decision does, and adds the
release's .docx to the briefing's materials ("Siaran pers").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from typing import Any

from db import scope
from db.briefings import MAX_ATTACHMENTS, BriefingError, BriefingProblem
from db.connection import Database
from db.officers import Officer
from db.releases import SELECT, Release, release_from_row
from db.timefmt import from_db, to_db

PAGE_SIZE = 5
_JOINED = "FROM releases r JOIN submissions s ON s.id = r.submission_id"


@dataclass(frozen=True)
class BankFilter:
    unit_id: int | None = None
    program_id: int | None = None
    month: int | None = None  # yyyymm of the dateline, in the configured zone

    def to_json(self) -> dict[str, int | None]:
        return {"unit_id": self.unit_id, "program_id": self.program_id, "month": self.month}

    @classmethod
    def from_json(cls, value: object) -> BankFilter:
        if not isinstance(value, dict):
            return cls()
        return cls(value.get("unit_id"), value.get("program_id"), value.get("month"))


@dataclass(frozen=True)
class BankPage:
    releases: list[Release]
    total: int
    page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // PAGE_SIZE))


@dataclass(frozen=True)
class Choices:
    """What the bank in a person's scope can be narrowed to: (id, name) of units and
    programs that have releases, and the months (yyyymm) they are dated in, newest first."""

    units: list[tuple[int, str, str]]  # id, kind, name
    programs: list[tuple[int, str]]
    months: list[int]


def month_of(moment: datetime, zone: tzinfo) -> int:
    local = moment.astimezone(zone)
    return local.year * 100 + local.month


def _month_bounds(month: int, zone: tzinfo) -> tuple[str, str]:
    year, number = divmod(month, 100)
    start = datetime(year, number, 1, tzinfo=zone)
    end = datetime(year + (number == 12), number % 12 + 1, 1, tzinfo=zone)
    return to_db(start.astimezone(UTC)), to_db(end.astimezone(UTC))


def _where(viewer: Officer, chosen: BankFilter, zone: tzinfo) -> tuple[str, list[Any]]:
    condition, params = scope.unit_condition(viewer, "r.unit_id")
    parts = ["s.status = 'disetujui'", condition]
    if chosen.unit_id is not None:
        parts.append("r.unit_id = ?")
        params.append(chosen.unit_id)
    if chosen.program_id is not None:
        parts.append("r.program_id = ?")
        params.append(chosen.program_id)
    if chosen.month is not None:
        parts.append("r.finished_at >= ? AND r.finished_at < ?")
        params.extend(_month_bounds(chosen.month, zone))
    return " AND ".join(parts), params


async def search(
    db: Database, viewer: Officer, chosen: BankFilter, page: int, zone: tzinfo
) -> BankPage:
    """One page of the approved releases in the viewer's scope, newest first."""
    where, params = _where(viewer, chosen, zone)
    total = int(await db.fetchval(f"SELECT count(*) {_JOINED} WHERE {where}", params))
    rows = await db.fetchall(
        f"{SELECT} WHERE {where} ORDER BY r.finished_at DESC, r.id DESC LIMIT ? OFFSET ?",
        (*params, PAGE_SIZE, page * PAGE_SIZE),
    )
    return BankPage([release_from_row(row) for row in rows], total, page)


async def choices(db: Database, viewer: Officer, zone: tzinfo) -> Choices:
    where, params = _where(viewer, BankFilter(), zone)
    units = await db.fetchall(
        f"SELECT DISTINCT u.id, u.kind, u.name {_JOINED} JOIN units u ON u.id = r.unit_id"
        f" WHERE {where} ORDER BY u.name LIMIT 20",
        params,
    )
    programs = await db.fetchall(
        f"SELECT DISTINCT p.id, p.name {_JOINED} JOIN programs p ON p.id = r.program_id"
        f" WHERE {where} ORDER BY p.name LIMIT 20",
        params,
    )
    dated = await db.fetchall(f"SELECT DISTINCT r.finished_at {_JOINED} WHERE {where}", params)
    months = sorted({month_of(from_db(row[0]), zone) for row in dated}, reverse=True)[:12]
    return Choices(
        [(row[0], row[1], row[2]) for row in units],
        [(row[0], row[1]) for row in programs],
        months,
    )


async def in_bank(db: Database, viewer: Officer, release_id: int) -> Release | None:
    """The release, if it is approved and in the viewer's scope."""
    condition, params = scope.unit_condition(viewer, "r.unit_id")
    row = await db.fetchone(
        f"{SELECT} WHERE r.id = ? AND s.status = 'disetujui' AND {condition}",
        (release_id, *params),
    )
    return release_from_row(row) if row else None


async def draft_briefings(db: Database, author_id: int) -> list[tuple[int, str]]:
    """The briefings the coordinator is composing: (id, title), newest first."""
    rows = await db.fetchall(
        "SELECT id, title FROM briefings WHERE author_id = ? AND status = 'draft'"
        " ORDER BY id DESC LIMIT 10",
        (author_id,),
    )
    return [(row[0], row[1]) for row in rows]


async def attach(
    db: Database, coordinator: Officer, release_id: int, briefing_id: int, now: datetime
) -> bool:
    """Add the approved release's .docx to the coordinator's draft briefing as material.

    False when the release left the bank or the coordinator's scope, has no .docx yet,
    or the briefing is no longer their draft; :class:`BriefingError` when the briefing
    holds as much material as it may. The coordinator is read again here
    (:func:`scope.recheck`): a role or unit changed meanwhile counts.
    """
    async with db.transaction() as conn:
        cursor = await conn.execute(
            f"{SELECT} WHERE r.id = ? AND s.status = 'disetujui'", (release_id,)
        )
        row = await cursor.fetchone()
        if row is None:
            return False
        release = release_from_row(row)
        try:
            await scope.recheck(conn, coordinator, release.unit_id)
        except scope.OutOfScope:
            return False
        if release.docx_file_id is None:
            return False
        cursor = await conn.execute(
            "SELECT (SELECT count(*) FROM briefing_attachments WHERE briefing_id = b.id)"
            " FROM briefings b WHERE b.id = ? AND b.author_id = ? AND b.status = 'draft'",
            (briefing_id, coordinator.id),
        )
        found = await cursor.fetchone()
        if found is None:
            return False
        if found[0] >= MAX_ATTACHMENTS:
            raise BriefingError(BriefingProblem.TOO_MANY, MAX_ATTACHMENTS)
        await conn.execute(
            "INSERT INTO briefing_attachments (briefing_id, media_type, file_id, created_at)"
            " VALUES (?, 'document', ?, ?)",
            (briefing_id, release.docx_file_id, to_db(now)),
        )
        return True
