"""Last week's compliance in the weekly digest of coordinators and administrators: for
the reader's scope (db/recap.py), the share reported and on time, then one line per
kecamatan for the regency (lowest first) or the desa/kelurahan that missed a briefing
for a kecamatan. Officers' digests have no such section."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, tzinfo

from bot.core.texts import t, unit_label
from db import recap
from db.connection import Database
from db.officers import Officer
from db.recap_area import area_of

Section = Callable[[str, int], str]
"""``section(lang, listed)``: the text, with at most ``listed`` lines of units."""


def _section(found: recap.PeriodRecap) -> Section:
    regency_view = found.scope.kind == "kabupaten"

    def render(lang: str, listed: int) -> str:
        totals = found.totals
        lines = [
            t(
                lang,
                "digest.compliance.header",
                area=unit_label(lang, found.scope.kind, found.scope.name),
            ),
            t(
                lang,
                "digest.compliance.totals",
                reported=totals.reported,
                targeted=totals.targeted,
                percent=totals.percent,
                on_time=round(100 * totals.on_time_rate),
            ),
        ]
        if regency_view:
            rows = sorted(found.groups, key=lambda row: (row.counts.rate, row.unit.code))
            items = [
                t(
                    lang,
                    "digest.compliance.group",
                    label=unit_label(lang, row.unit.kind, row.unit.name),
                    percent=row.counts.percent,
                )
                for row in rows
            ]
        else:
            items = [
                t(
                    lang,
                    "digest.compliance.missed",
                    label=unit_label(lang, unit.unit.kind, unit.unit.name),
                    missed=unit.counts.unreported,
                    targeted=unit.counts.targeted,
                )
                for unit in found.with_missing
            ]
            if not items:
                items = [t(lang, "digest.compliance.all_reported")]
        lines.extend(items[:listed])
        if len(items) > listed:
            lines.append(t(lang, "sched.more", count=len(items) - listed))
        return "\n".join(lines)

    return render


async def sections(
    db: Database,
    readers: Sequence[Officer],
    start: datetime,
    end: datetime,
    now: datetime,
    zone: tzinfo,
) -> dict[int, tuple[int, Section]]:
    """Per coordinator or administrator among ``readers`` (by officer id): the root unit of
    their scope and its section over the briefings with a deadline in ``[start, end)``;
    none when no briefing of that week targeted their scope."""
    by_root: dict[int, Section | None] = {}
    result: dict[int, tuple[int, Section]] = {}
    for reader in readers:
        if reader.role == "officer" or not reader.is_active:
            continue
        area = await area_of(db, reader)
        root = area.root.id
        if root not in by_root:
            period = await recap.period_for_area(db, area, start, end, now, zone=zone)
            by_root[root] = _section(period) if period.totals.targeted else None
        section = by_root[root]
        if section is not None:
            result[reader.id] = (root, section)
    return result
