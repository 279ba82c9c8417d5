"""Field issue reports (media monitoring): what officers see said about the government.

An officer reports a link or a screenshot with a short description and an
urgency; the coordinators of the scope get it at once and one of them marks it
handled with a note (the first one wins), which the reporter is told.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Literal

import aiosqlite

from db import audit, scope
from db.audit import Actor
from db.connection import Database
from db.officers import Officer
from db.timefmt import from_db, maybe_from_db, to_db

Urgency = Literal["biasa", "penting", "darurat"]
URGENCIES: tuple[Urgency, ...] = ("biasa", "penting", "darurat")
IssueStatus = Literal["open", "handled"]
MAX_DESCRIPTION = 800
MAX_NOTE = 500


class IssueProblem(StrEnum):
    EMPTY = "empty"
    TOO_LONG = "too_long"


class IssueError(ValueError):
    def __init__(self, problem: IssueProblem, limit: int = 0) -> None:
        super().__init__(problem.value)
        self.problem = problem
        self.limit = limit


@dataclass(frozen=True)
class IssueReport:
    id: int
    reporter_id: int
    unit_id: int
    url: str | None
    screenshot_file_id: str | None
    description: str
    urgency: Urgency
    status: IssueStatus
    handled_by: int | None
    note: str | None
    created_at: datetime
    handled_at: datetime | None

    @property
    def number(self) -> str:
        return f"ISU-{self.id:04d}"


def _report(row: aiosqlite.Row) -> IssueReport:
    return IssueReport(
        id=row["id"],
        reporter_id=row["reporter_id"],
        unit_id=row["unit_id"],
        url=row["url"],
        screenshot_file_id=row["screenshot_file_id"],
        description=row["description"],
        urgency=row["urgency"],
        status=row["status"],
        handled_by=row["handled_by"],
        note=row["note"],
        created_at=from_db(row["created_at"]),
        handled_at=maybe_from_db(row["handled_at"]),
    )


def clean(text: str, limit: int) -> str:
    text = text.strip()
    if not text:
        raise IssueError(IssueProblem.EMPTY)
    if len(text) > limit:
        raise IssueError(IssueProblem.TOO_LONG, limit)
    return text


async def create(
    db: Database,
    reporter: Officer,
    *,
    url: str | None,
    screenshot_file_id: str | None,
    description: str,
    urgency: Urgency,
    now: datetime,
) -> IssueReport:
    description = clean(description, MAX_DESCRIPTION)
    if url is None and screenshot_file_id is None:
        raise IssueError(IssueProblem.EMPTY)
    report_id = await db.execute(
        "INSERT INTO issue_reports (reporter_id, unit_id, url, screenshot_file_id, description,"
        " urgency, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (reporter.id, reporter.unit_id, url, screenshot_file_id, description, urgency, to_db(now)),
    )
    report = await by_id(db, report_id)
    assert report is not None
    return report


async def by_id(db: Database, report_id: int) -> IssueReport | None:
    row = await db.fetchone("SELECT * FROM issue_reports WHERE id = ?", (report_id,))
    return _report(row) if row else None


async def open_in_scope(db: Database, officer: Officer, limit: int = 20) -> list[IssueReport]:
    """Open reports from the officer's scope: most urgent first, then oldest first."""
    order = (
        " ORDER BY CASE r.urgency WHEN 'darurat' THEN 0 WHEN 'penting' THEN 1 ELSE 2 END, r.id"
        " LIMIT ?"
    )
    condition, params = scope.unit_condition(officer, "r.unit_id")
    rows = await db.fetchall(
        f"SELECT r.* FROM issue_reports r WHERE r.status = 'open' AND {condition}" + order,
        (*params, limit),
    )
    return [_report(row) for row in rows]


@dataclass(frozen=True)
class Handling:
    """``handled`` is False when another coordinator handled it first (named here)."""

    report: IssueReport
    handled: bool
    handler_name: str | None


async def mark_handled(
    db: Database, coordinator: Officer, report_id: int, note: str, now: datetime
) -> Handling | None:
    """Mark a report handled with ``note``; the first coordinator wins.

    The coordinator is read again in the transaction: one whose role, status or unit
    changed while typing the note no longer covers the report (:class:`scope.OutOfScope`).
    """
    note = clean(note, MAX_NOTE)
    async with db.transaction() as conn:
        cursor = await conn.execute("SELECT unit_id FROM issue_reports WHERE id = ?", (report_id,))
        found = await cursor.fetchone()
        if found is None:
            return None
        await scope.recheck(conn, coordinator, found["unit_id"])
        cursor = await conn.execute(
            "UPDATE issue_reports SET status = 'handled', handled_by = ?, note = ?, handled_at = ?"
            " WHERE id = ? AND status = 'open'",
            (coordinator.id, note, to_db(now), report_id),
        )
        handled = cursor.rowcount > 0
        cursor = await conn.execute(
            "SELECT r.*, o.full_name AS handler_name FROM issue_reports r"
            " LEFT JOIN officers o ON o.id = r.handled_by WHERE r.id = ?",
            (report_id,),
        )
        row = await cursor.fetchone()
        if row is None:
            return None
        if handled:
            await audit.record(
                conn,
                Actor.officer(coordinator.id, coordinator.telegram_id),
                "issue.handled",
                f"issue:{report_id}",
                now,
                note=note,
            )
    return Handling(_report(row), handled, row["handler_name"])
