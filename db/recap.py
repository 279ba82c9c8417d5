"""The recap: which targeted units reported, on time or late, and which did not.

Counting rules (the one place they are written; the README repeats them):

- the units a briefing **targets** are its assignments, opened when it was
  published: a unit added afterwards is not targeted; a **deactivated** unit
  (``units.active = 0``) is left out of every figure;
- only **links** count as reports (a draft sent for review is not a post); a unit
  has **reported** when it has at least one link for the briefing that was not
  rejected (``ditolak``); it is **on time** when the first such link came at or
  before the briefing's current deadline, **late** when after;
- a unit whose links were all rejected is **rejected_only**; a unit with no link at
  all is **missing** (before the deadline too: "not yet");
- a unit without any active account is marked ``has_active_officer = False``
  ("belum ada petugas") so it is not taken for one that ignored the briefing;
- a recap covers the viewer's scope (:mod:`db.scope`): an administrator and the
  regency's coordinator see the regency, grouped per kecamatan (agencies each on
  their own row); a kecamatan's coordinator sees the kecamatan, grouped per
  desa/kelurahan; an officer sees their own unit. ``area_id`` narrows a recap to one
  unit in scope and what lies below it (the drill-down); outside scope raises
  :class:`db.scope.OutOfScope`.
- a period holds the briefings whose deadline falls in ``[start, end)`` and that
  were published by ``now`` (closed ones included); its weeks start on Monday in
  the ``zone`` given.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Literal

import aiosqlite

from db.connection import Database
from db.officers import Officer
from db.recap_area import Area, UnitRef, area_of, units_with_officers
from db.timefmt import from_db, maybe_from_db, to_db

Status = Literal["on_time", "late", "missing", "rejected_only"]
ReportStatus = Literal["diterima", "disetujui", "perlu_revisi", "ditolak"]
STATUSES: tuple[Status, ...] = ("on_time", "late", "missing", "rejected_only")


@dataclass(frozen=True)
class Counts:
    targeted: int = 0
    on_time: int = 0
    late: int = 0
    missing: int = 0
    rejected_only: int = 0
    no_officer: int = 0
    """Targeted units (assignments, for a period) whose unit has no active account."""

    @property
    def reported(self) -> int:
        return self.on_time + self.late

    @property
    def unreported(self) -> int:
        return self.missing + self.rejected_only

    @property
    def rate(self) -> float:
        """Reported / targeted, 0..1 (0 when nothing was targeted)."""
        return self.reported / self.targeted if self.targeted else 0.0

    @property
    def on_time_rate(self) -> float:
        return self.on_time / self.targeted if self.targeted else 0.0

    @property
    def percent(self) -> int:
        """The reported share as a whole percentage, halves rounded up."""
        return (200 * self.reported + self.targeted) // (2 * self.targeted) if self.targeted else 0

    @classmethod
    def tally(cls, items: Iterable[tuple[Status, bool]]) -> Counts:
        """The counts of (status, unit has an active account) pairs, one per assignment."""
        seen = {status: 0 for status in STATUSES}
        targeted = no_officer = 0
        for status, has_officer in items:
            seen[status] += 1
            targeted += 1
            no_officer += not has_officer
        return cls(
            targeted=targeted,
            on_time=seen["on_time"],
            late=seen["late"],
            missing=seen["missing"],
            rejected_only=seen["rejected_only"],
            no_officer=no_officer,
        )


@dataclass(frozen=True)
class ReportLine:
    """One reported link (rejected ones too: the recap shows why a unit is rejected_only)."""

    submission_id: int
    briefing_id: int
    unit_id: int
    url: str
    platform: str | None
    officer_name: str
    submitted_at: datetime
    status: ReportStatus
    late: bool
    """Submitted after the briefing's current deadline."""
    check: str | None = None
    """The automatic check's result (db/link_checks.py; None: not checked, or queued)."""


@dataclass(frozen=True)
class UnitStatus:
    """One targeted unit in a briefing's recap."""

    unit: UnitRef
    status: Status
    has_active_officer: bool
    first_report_at: datetime | None
    """The first link that was not rejected."""
    reports: tuple[ReportLine, ...]


@dataclass(frozen=True)
class GroupRow:
    """A kecamatan (regency view) or desa (kecamatan view) and what its units did."""

    unit: UnitRef
    counts: Counts


@dataclass(frozen=True)
class BriefingInfo:
    id: int
    title: str
    deadline: datetime
    publish_at: datetime
    status: str
    closed_at: datetime | None
    program_id: int | None

    def running(self, now: datetime) -> bool:
        """Not closed and its deadline still ahead: units may still report in time."""
        return self.status != "closed" and self.deadline > now


@dataclass(frozen=True)
class Recap:
    """One briefing for the scope ``scope`` (the viewer's area or the one drilled into)."""

    scope: UnitRef
    briefing: BriefingInfo
    generated_at: datetime
    totals: Counts
    groups: tuple[GroupRow, ...]
    units: tuple[UnitStatus, ...]

    @property
    def deadline_passed(self) -> bool:
        return self.generated_at > self.briefing.deadline

    def with_status(self, *statuses: Status) -> tuple[UnitStatus, ...]:
        return tuple(unit for unit in self.units if unit.status in statuses)

    @property
    def unreported(self) -> tuple[UnitStatus, ...]:
        """The units a reminder is for: missing, or every link rejected."""
        return self.with_status("missing", "rejected_only")


@dataclass(frozen=True)
class BriefingLine:
    briefing: BriefingInfo
    counts: Counts


@dataclass(frozen=True)
class UnitPeriod:
    """One unit over a period: its targeted assignments and what became of them."""

    unit: UnitRef
    has_active_officer: bool
    counts: Counts


@dataclass(frozen=True)
class WeekRow:
    week_start: date
    """The Monday (in the recap's zone) of the week the deadlines fell in."""
    counts: Counts


@dataclass(frozen=True)
class PeriodRecap:
    scope: UnitRef
    start: datetime
    end: datetime
    generated_at: datetime
    totals: Counts
    groups: tuple[GroupRow, ...]
    units: tuple[UnitPeriod, ...]
    briefings: tuple[BriefingLine, ...]
    weeks: tuple[WeekRow, ...]

    @property
    def with_missing(self) -> tuple[UnitPeriod, ...]:
        """Units that left at least one targeted briefing unreported."""
        return tuple(unit for unit in self.units if unit.counts.unreported)


# ---- one briefing ---------------------------------------------------------------------

_BRIEFING = (
    "SELECT id, title, deadline, publish_at, status, closed_at, program_id FROM briefings"
    " WHERE id = ? AND status != 'draft' AND publish_at IS NOT NULL AND publish_at <= ?"
    " AND deadline IS NOT NULL"
)
# Per assignment of the briefings in json_each(:briefings) to the units in json_each(:units):
# the first link that counts, and whether any link at all was reported.
ASSIGNMENT_STATES = (
    "SELECT a.briefing_id, a.unit_id,"
    " (SELECT min(s.created_at) FROM submissions s WHERE s.briefing_id = a.briefing_id"
    "  AND s.unit_id = a.unit_id AND s.kind = 'link' AND s.status != 'ditolak') AS first_ok,"
    " EXISTS (SELECT 1 FROM submissions s WHERE s.briefing_id = a.briefing_id"
    "  AND s.unit_id = a.unit_id AND s.kind = 'link') AS any_link"
    " FROM assignments a"
    " WHERE a.briefing_id IN (SELECT value FROM json_each(:briefings))"
    " AND a.unit_id IN (SELECT value FROM json_each(:units))"
)
REPORTS = (
    "SELECT s.id, s.briefing_id, s.unit_id, s.url, s.platform, s.status, s.created_at,"
    " o.full_name, c.status AS check_status FROM submissions s"
    " JOIN officers o ON o.id = s.officer_id"
    " LEFT JOIN link_checks c ON c.submission_id = s.id AND c.status != 'queued'"
    " WHERE s.briefing_id IN (SELECT value FROM json_each(:briefings)) AND s.kind = 'link'"
    " AND s.unit_id IN (SELECT value FROM json_each(:units))"
)
"""In index order: :func:`reports` sorts by time itself (cheaper than SQLite's temporary
B-tree over a month of links)."""


def info_from_row(row: aiosqlite.Row) -> BriefingInfo:
    return BriefingInfo(
        id=row["id"],
        title=row["title"],
        deadline=from_db(row["deadline"]),
        publish_at=from_db(row["publish_at"]),
        status=row["status"],
        closed_at=maybe_from_db(row["closed_at"]),
        program_id=row["program_id"],
    )


def moment(text: str) -> datetime:
    """A stored time (db/timefmt.py's fixed UTC form), read fast: recaps read thousands."""
    return datetime.fromisoformat(text)


def judge(first_ok: str | None, any_link: bool, deadline: str) -> Status:
    """The counting rule for one assignment (see the module's docstring); times as stored,
    which sort as text."""
    if first_ok is not None:
        return "late" if first_ok > deadline else "on_time"
    return "rejected_only" if any_link else "missing"


@dataclass(frozen=True)
class AssignmentState:
    briefing_id: int
    unit_id: int
    status: Status
    first_ok: str | None
    """The first link that counts, as stored (see :func:`moment`)."""


async def assignment_states(
    db: Database, area: Area, briefings: dict[int, BriefingInfo]
) -> list[AssignmentState]:
    rows = await db.fetchall(
        ASSIGNMENT_STATES, {"briefings": json.dumps(sorted(briefings)), "units": area.ids_json}
    )
    deadlines = {briefing_id: to_db(info.deadline) for briefing_id, info in briefings.items()}
    return [
        AssignmentState(
            briefing_id=row["briefing_id"],
            unit_id=row["unit_id"],
            status=judge(row["first_ok"], bool(row["any_link"]), deadlines[row["briefing_id"]]),
            first_ok=row["first_ok"],
        )
        for row in rows
    ]


async def reports(db: Database, area: Area, briefings: dict[int, BriefingInfo]) -> list[ReportLine]:
    """Every link reported for ``briefings`` by the area's units, oldest first."""
    rows = await db.fetchall(
        REPORTS, {"briefings": json.dumps(sorted(briefings)), "units": area.ids_json}
    )
    deadlines = {briefing_id: to_db(info.deadline) for briefing_id, info in briefings.items()}
    rows.sort(key=lambda row: (row["created_at"], row["id"]))
    return [
        ReportLine(
            submission_id=row["id"],
            briefing_id=row["briefing_id"],
            unit_id=row["unit_id"],
            url=row["url"],
            platform=row["platform"],
            officer_name=row["full_name"],
            submitted_at=moment(row["created_at"]),
            status=row["status"],
            late=row["created_at"] > deadlines[row["briefing_id"]],
            check=row["check_status"],
        )
        for row in rows
    ]


def _groups(
    area: Area, items: Sequence[tuple[int, Status, bool]]
) -> tuple[Counts, tuple[GroupRow, ...]]:
    groups: dict[int, list[tuple[Status, bool]]] = {}
    for unit_id, status, has_officer in items:
        groups.setdefault(area.group_of[unit_id], []).append((status, has_officer))
    rows = [GroupRow(area.units[group], Counts.tally(pairs)) for group, pairs in groups.items()]
    totals = Counts.tally((status, has_officer) for _, status, has_officer in items)
    return totals, tuple(sorted(rows, key=lambda row: row.unit.code))


async def published_briefing(db: Database, briefing_id: int, now: datetime) -> BriefingInfo | None:
    row = await db.fetchone(_BRIEFING, (briefing_id, to_db(now)))
    return info_from_row(row) if row else None


async def briefing_recap(
    db: Database, viewer: Officer, briefing_id: int, now: datetime, *, area_id: int | None = None
) -> Recap | None:
    """The briefing's recap for the viewer's scope (or ``area_id`` in it); ``None`` when the
    briefing was not published by ``now`` or targets no unit there."""
    area = await area_of(db, viewer, area_id)
    info = await published_briefing(db, briefing_id, now)
    if info is None:
        return None
    briefings = {info.id: info}
    states = await assignment_states(db, area, briefings)
    if not states:
        return None
    staffed = await units_with_officers(db)
    by_unit: dict[int, list[ReportLine]] = {}
    for line in await reports(db, area, briefings):
        by_unit.setdefault(line.unit_id, []).append(line)
    units = tuple(
        sorted(
            (
                UnitStatus(
                    unit=area.units[state.unit_id],
                    status=state.status,
                    has_active_officer=state.unit_id in staffed,
                    first_report_at=moment(state.first_ok) if state.first_ok else None,
                    reports=tuple(by_unit.get(state.unit_id, ())),
                )
                for state in states
            ),
            key=lambda unit: unit.unit.code,
        )
    )
    totals, groups = _groups(
        area, [(unit.unit.id, unit.status, unit.has_active_officer) for unit in units]
    )
    return Recap(area.root, info, now, totals, groups, units)


# ---- a period -------------------------------------------------------------------------

PERIOD_BRIEFINGS = (
    "SELECT id, title, deadline, publish_at, status, closed_at, program_id FROM briefings"
    " WHERE deadline >= ? AND deadline < ? AND status != 'draft'"
    " AND publish_at IS NOT NULL AND publish_at <= ? ORDER BY deadline, id"
)


async def briefings_between(
    db: Database, start: datetime, end: datetime, now: datetime
) -> dict[int, BriefingInfo]:
    rows = await db.fetchall(PERIOD_BRIEFINGS, (to_db(start), to_db(end), to_db(now)))
    return {row["id"]: info_from_row(row) for row in rows}


def week_of(moment: datetime, zone: tzinfo) -> date:
    day = moment.astimezone(zone).date()
    return day - timedelta(days=day.weekday())


async def period_recap(
    db: Database,
    viewer: Officer,
    start: datetime,
    end: datetime,
    now: datetime,
    *,
    zone: tzinfo,
    area_id: int | None = None,
) -> PeriodRecap:
    """Every briefing with a deadline in ``[start, end)``, for the viewer's scope."""
    area = await area_of(db, viewer, area_id)
    return await period_for_area(db, area, start, end, now, zone=zone)


async def period_for_area(
    db: Database, area: Area, start: datetime, end: datetime, now: datetime, *, zone: tzinfo
) -> PeriodRecap:
    """:func:`period_recap` for an area already resolved (no scope check: callers in db/)."""
    briefings = await briefings_between(db, start, end, now)
    states = await assignment_states(db, area, briefings) if briefings else []
    staffed = await units_with_officers(db)
    per_unit: dict[int, list[tuple[Status, bool]]] = {}
    per_briefing: dict[int, list[tuple[Status, bool]]] = {}
    per_week: dict[date, list[tuple[Status, bool]]] = {}
    weeks_of = {bid: week_of(info.deadline, zone) for bid, info in briefings.items()}
    for state in states:
        item = (state.status, state.unit_id in staffed)
        per_unit.setdefault(state.unit_id, []).append(item)
        per_briefing.setdefault(state.briefing_id, []).append(item)
        per_week.setdefault(weeks_of[state.briefing_id], []).append(item)
    totals, groups = _groups(
        area, [(state.unit_id, state.status, state.unit_id in staffed) for state in states]
    )
    units = tuple(
        UnitPeriod(area.units[unit_id], unit_id in staffed, Counts.tally(items))
        for unit_id, items in sorted(per_unit.items(), key=lambda item: area.units[item[0]].code)
    )
    lines = tuple(
        BriefingLine(briefings[briefing_id], Counts.tally(per_briefing[briefing_id]))
        for briefing_id in briefings
        if briefing_id in per_briefing
    )
    weeks = tuple(WeekRow(week, Counts.tally(items)) for week, items in sorted(per_week.items()))
    return PeriodRecap(area.root, start, end, now, totals, groups, units, lines, weeks)


async def period_reports(
    db: Database,
    viewer: Officer,
    start: datetime,
    end: datetime,
    now: datetime,
    *,
    area_id: int | None = None,
) -> list[ReportLine]:
    """Every link reported in scope for the period's briefings (for files), oldest first."""
    area = await area_of(db, viewer, area_id)
    briefings = await briefings_between(db, start, end, now)
    return await reports(db, area, briefings) if briefings else []
