"""A period's evidence pack: every briefing, every unit's status and every link of an area.

The figures are :mod:`db.recap`'s (its docstring holds the counting rules): the
period recap, each targeted unit's status per briefing and the links reported, for
the briefings whose deadline falls in ``[start, end)``. The monthly pack
(``/laporan_bulanan``, ``humas-bot report --month``) is a period of one calendar
month in the configured zone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo

from bot.core.periods import Span
from db import recap, recap_area, recap_lists
from db.connection import Database
from db.officers import Officer
from db.recap import BriefingInfo, PeriodRecap, ReportLine, Status
from db.recap_area import Area, UnitRef


@dataclass(frozen=True)
class StatusRow:
    """One targeted unit in one briefing of the period."""

    briefing: BriefingInfo
    unit: UnitRef
    status: Status
    has_active_officer: bool
    first_report_at: datetime | None


@dataclass(frozen=True)
class PeriodPack:
    period: PeriodRecap
    statuses: tuple[StatusRow, ...]
    """By briefing (deadline order), then unit code."""
    reports: tuple[ReportLine, ...]
    """Every link of the period's briefings in the area (rejected ones too), oldest first."""
    units: dict[int, UnitRef]
    regency_rate: float
    """The whole regency's reported share over the same briefings (0..1)."""

    @property
    def briefings(self) -> dict[int, BriefingInfo]:
        return {line.briefing.id: line.briefing for line in self.period.briefings}

    @property
    def unreported(self) -> tuple[StatusRow, ...]:
        return tuple(row for row in self.statuses if row.status in ("missing", "rejected_only"))


async def pack_for_area(
    db: Database, area: Area, start: datetime, end: datetime, now: datetime, *, zone: tzinfo
) -> PeriodPack:
    """The pack of an area already resolved: by :func:`pack_for` (scope checked) or by the
    shell's operator (``humas-bot report``)."""
    period = await recap.period_for_area(db, area, start, end, now, zone=zone)
    briefings = {line.briefing.id: line.briefing for line in period.briefings}
    if not briefings:
        return PeriodPack(period, (), (), area.units, 0.0)
    staffed = await recap_area.units_with_officers(db)
    order = {briefing_id: index for index, briefing_id in enumerate(briefings)}
    states = sorted(
        await recap.assignment_states(db, area, briefings),
        key=lambda state: (order[state.briefing_id], area.units[state.unit_id].code),
    )
    statuses = tuple(
        StatusRow(
            briefing=briefings[state.briefing_id],
            unit=area.units[state.unit_id],
            status=state.status,
            has_active_officer=state.unit_id in staffed,
            first_report_at=recap.moment(state.first_ok) if state.first_ok else None,
        )
        for state in states
    )
    reports = tuple(await recap.reports(db, area, briefings))
    rate = await recap_lists.regency_rate(db, list(briefings), now)
    return PeriodPack(period, statuses, reports, area.units, rate)


async def pack_for(
    db: Database,
    viewer: Officer,
    start: datetime,
    end: datetime,
    now: datetime,
    *,
    zone: tzinfo,
    area_id: int | None = None,
) -> PeriodPack:
    """The pack of the viewer's scope (or ``area_id`` in it); :class:`db.scope.OutOfScope`
    outside it."""
    area = await recap_area.area_of(db, viewer, area_id)
    return await pack_for_area(db, area, start, end, now, zone=zone)


async def span_pack(
    db: Database,
    viewer: Officer,
    span: Span,
    now: datetime,
    *,
    zone: tzinfo,
    area_id: int | None = None,
) -> PeriodPack:
    """The pack of the viewer's scope for the days of ``span`` in ``zone`` (a month for the
    monthly evidence pack, see bot/core/months.py)."""
    start, end = span.bounds(zone)
    return await pack_for(db, viewer, start, end, now, zone=zone, area_id=area_id)
