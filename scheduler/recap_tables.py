"""The recap's tables, as the workbook and the CSV show them, built once from db/recap.py.

A table is typed cells under headers (the catalogue's, in the reader's language):
text, whole numbers, shares (0..1, shown as percentages), dates and datetimes
(already in the configured zone, WIB, without a zone: what Excel stores) and links.
:mod:`scheduler.recap_excel` writes them as sheets, :mod:`scheduler.recap_csv` one
of them as CSV. Nothing here counts: the figures are :mod:`db.recap`'s.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo

from bot.core.texts import CATALOGUE, t, unit_label
from db.recap import Counts, GroupRow, Recap, ReportLine, Status
from db.recap_area import UnitRef
from scheduler.recap_evidence import Evidence
from scheduler.recap_pack import PeriodPack, StatusRow


@dataclass(frozen=True)
class Link:
    url: str
    text: str | None = None
    """What the cell shows; the address itself when ``None``."""


@dataclass(frozen=True)
class Share:
    """A fraction 0..1, shown as a percentage."""

    value: float


Cell = str | int | Share | datetime | date | Link | None


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    filtered: bool = True
    """An autofilter on the header row (not for a list of key and value)."""


@dataclass(frozen=True)
class Sheet:
    name: str
    tables: tuple[Table, ...]
    images: tuple[bytes, ...] = field(default=())
    """PNG charts placed to the right of the tables."""


def plain_unit(lang: str, unit: UnitRef) -> str:
    """ "Desa Wanaherang", as plain text (the catalogue's label is HTML)."""
    return html.unescape(unit_label(lang, unit.kind, unit.name))


def local(moment: datetime | None, zone: tzinfo) -> datetime | None:
    """The moment in ``zone`` without its zone: an Excel datetime."""
    return None if moment is None else moment.astimezone(zone).replace(tzinfo=None)


def _yes(lang: str, value: bool) -> str:
    return t(lang, "rfile.yes" if value else "rfile.no")


def _headers(lang: str, *keys: str) -> tuple[str, ...]:
    return tuple(t(lang, f"rfile.col.{key}") for key in keys)


def _counts(counts: Counts) -> tuple[Cell, ...]:
    return (
        counts.targeted,
        counts.on_time,
        counts.late,
        counts.missing,
        counts.rejected_only,
        counts.no_officer,
        Share(counts.rate),
    )


_COUNT_KEYS = ("targeted", "on_time", "late", "missing", "rejected_only", "no_officer", "percent")


def _summary(lang: str, items: Sequence[tuple[str, Cell]]) -> Table:
    return Table(_headers(lang, "item", "value"), tuple(items), filtered=False)


def _totals(lang: str, counts: Counts) -> list[tuple[str, Cell]]:
    return [
        (t(lang, f"rfile.col.{key}"), value)
        for key, value in zip(_COUNT_KEYS, _counts(counts), strict=True)
    ]


def _groups(lang: str, scope: UnitRef, groups: Sequence[GroupRow]) -> Table:
    column = "group_kecamatan" if scope.kind == "kecamatan" else "group_regency"
    return Table(
        _headers(lang, column, *_COUNT_KEYS),
        tuple((plain_unit(lang, row.unit), *_counts(row.counts)) for row in groups),
    )


def _kecamatan(unit: UnitRef) -> str:
    return unit.kecamatan_name or ""


def _report_status(lang: str, status: str) -> str:
    key = f"rfile.report.{status}"
    return t(lang, key) if key in CATALOGUE else status


def _platform(lang: str, platform: str | None) -> str:
    key = f"platform.{platform}"
    return t(lang, key) if key in CATALOGUE else (platform or "")


def _briefing_status(lang: str, status: str) -> str:
    key = f"rfile.briefing.{status}"
    return t(lang, key) if key in CATALOGUE else status


def _unit_status(lang: str, unit: UnitRef, status: Status, has_officer: bool) -> tuple[Cell, ...]:
    """A unit and how it stands: code, name, kecamatan, status, whether it has an officer."""
    return (
        unit.code,
        plain_unit(lang, unit),
        _kecamatan(unit),
        t(lang, f"rfile.status.{status}"),
        _yes(lang, has_officer),
    )


# ---- one briefing ---------------------------------------------------------------------


def briefing_per_unit(recap: Recap, lang: str, zone: tzinfo) -> Table:
    """Every targeted unit of the briefing's recap (also the CSV)."""
    return Table(
        _headers(lang, "code", "unit", "kecamatan", "status", "has_officer", "first_report")
        + _headers(lang, "links"),
        tuple(
            (
                *_unit_status(lang, unit.unit, unit.status, unit.has_active_officer),
                local(unit.first_report_at, zone),
                len(unit.reports),
            )
            for unit in recap.units
        ),
    )


def _evidence(lang: str, item: Evidence | None) -> Cell:
    """A report's screenshot copied next to the workbook (a relative link), or why not."""
    if item is None:
        return None
    if item.path is None:
        return t(lang, f"rfile.evidence.{item.missing}")
    return Link(f"external:{item.path}", item.path)


def _report_rows(
    lang: str,
    zone: tzinfo,
    reports: Sequence[ReportLine],
    units: dict[int, UnitRef],
    titles: dict[int, str] | None = None,
    evidence: Mapping[int, Evidence] | None = None,
) -> Table:
    keys: tuple[str, ...] = (
        "time",
        "code",
        "unit",
        "kecamatan",
        "officer",
        "platform",
        "link",
        "report_status",
    )
    keys += ("late",)
    checked = any(line.check for line in reports)  # links.verify: the "Pemeriksaan" column
    if checked:
        keys += ("check",)
    if evidence is not None:
        keys += ("evidence",)
    headers = _headers(lang, *keys)
    if titles is not None:
        headers = headers[:1] + _headers(lang, "briefing") + headers[1:]
    rows = []
    for line in reports:
        unit = units[line.unit_id]
        row: tuple[Cell, ...] = (
            local(line.submitted_at, zone),
            unit.code,
            plain_unit(lang, unit),
            _kecamatan(unit),
            line.officer_name,
            _platform(lang, line.platform),
            Link(line.url),
            _report_status(lang, line.status),
            _yes(lang, line.late),
        )
        if checked:
            row += (t(lang, f"check.mark.{line.check}") if line.check else "",)
        if evidence is not None:
            row += (_evidence(lang, evidence.get(line.submission_id)),)
        if titles is not None:
            row = row[:1] + (titles[line.briefing_id],) + row[1:]
        rows.append(row)
    return Table(headers, tuple(rows))


def briefing_sheets(
    recap: Recap, lang: str, zone: tzinfo, regency_rate: float | None = None
) -> list[Sheet]:
    """Ringkasan, Per unit, Laporan, Belum melapor."""
    items: list[tuple[str, Cell]] = [
        (t(lang, "rfile.col.briefing"), recap.briefing.title),
        (t(lang, "rfile.col.briefing_id"), recap.briefing.id),
        (t(lang, "rfile.sum.scope"), plain_unit(lang, recap.scope)),
        (t(lang, "rfile.col.deadline"), local(recap.briefing.deadline, zone)),
        (t(lang, "rfile.sum.generated"), local(recap.generated_at, zone)),
        *_totals(lang, recap.totals),
    ]
    if regency_rate is not None:
        items.append((t(lang, "rfile.sum.average"), Share(regency_rate)))
    items.append((t(lang, "rfile.sum.rules"), None))
    units = {unit.unit.id: unit.unit for unit in recap.units}
    reports = [line for unit in recap.units for line in unit.reports]
    reports.sort(key=lambda line: (line.submitted_at, line.submission_id))
    missing = Table(
        _headers(lang, "code", "unit", "kecamatan", "status", "has_officer"),
        tuple(
            _unit_status(lang, unit.unit, unit.status, unit.has_active_officer)
            for unit in recap.unreported
        ),
    )
    return [
        Sheet(
            t(lang, "rfile.sheet.summary"),
            (_summary(lang, items), _groups(lang, recap.scope, recap.groups)),
        ),
        Sheet(t(lang, "rfile.sheet.per_unit"), (briefing_per_unit(recap, lang, zone),)),
        Sheet(t(lang, "rfile.sheet.reports"), (_report_rows(lang, zone, reports, units),)),
        Sheet(t(lang, "rfile.sheet.missing"), (missing,)),
    ]


# ---- a period (the monthly evidence pack) ---------------------------------------------


def period_per_unit(pack: PeriodPack, lang: str) -> Table:
    """Every unit targeted in the period, with its figures (also the CSV)."""
    return Table(
        _headers(lang, "code", "unit", "kecamatan", "has_officer", *_COUNT_KEYS),
        tuple(
            (
                unit.unit.code,
                plain_unit(lang, unit.unit),
                _kecamatan(unit.unit),
                _yes(lang, unit.has_active_officer),
                *_counts(unit.counts),
            )
            for unit in pack.period.units
        ),
    )


def _status_cells(lang: str, zone: tzinfo, row: StatusRow) -> tuple[Cell, ...]:
    """A unit's status in one briefing: briefing, deadline, unit, status, officer."""
    return (
        row.briefing.id,
        row.briefing.title,
        local(row.briefing.deadline, zone),
        *_unit_status(lang, row.unit, row.status, row.has_active_officer),
    )


def period_sheets(
    pack: PeriodPack,
    lang: str,
    zone: tzinfo,
    charts: tuple[bytes, ...] = (),
    evidence: Mapping[int, Evidence] | None = None,
) -> list[Sheet]:
    """Ringkasan (with the charts), Briefing, Per unit, Status per briefing, Laporan,
    Belum melapor. With ``evidence`` (the shell's pack, scheduler/recap_evidence.py) the
    Laporan sheet has a column linking each report to its screenshot."""
    period = pack.period
    items: list[tuple[str, Cell]] = [
        (t(lang, "rfile.sum.scope"), plain_unit(lang, period.scope)),
        (t(lang, "rfile.sum.start"), local(period.start, zone)),
        (t(lang, "rfile.sum.end"), local(period.end, zone)),
        (t(lang, "rfile.sum.generated"), local(period.generated_at, zone)),
        (t(lang, "rfile.sum.briefings"), len(period.briefings)),
        *_totals(lang, period.totals),
        (t(lang, "rfile.sum.average"), Share(pack.regency_rate)),
        (t(lang, "rfile.sum.rules"), None),
    ]
    weeks = Table(
        _headers(lang, "week", *_COUNT_KEYS),
        tuple((week.week_start, *_counts(week.counts)) for week in period.weeks),
    )
    briefings = Table(
        _headers(lang, "briefing_id", "title", "published", "deadline", "briefing_status")
        + _headers(lang, *_COUNT_KEYS),
        tuple(
            (
                line.briefing.id,
                line.briefing.title,
                local(line.briefing.publish_at, zone),
                local(line.briefing.deadline, zone),
                _briefing_status(lang, line.briefing.status),
                *_counts(line.counts),
            )
            for line in period.briefings
        ),
    )
    status_keys = ("briefing_id", "briefing", "deadline", "code", "unit", "kecamatan", "status")
    statuses = Table(
        _headers(lang, *status_keys, "has_officer", "first_report"),
        tuple(
            (*_status_cells(lang, zone, row), local(row.first_report_at, zone))
            for row in pack.statuses
        ),
    )
    missing = Table(
        _headers(lang, *status_keys, "has_officer"),
        tuple(_status_cells(lang, zone, row) for row in pack.unreported),
    )
    titles = {briefing_id: info.title for briefing_id, info in pack.briefings.items()}
    return [
        Sheet(
            t(lang, "rfile.sheet.summary"),
            (_summary(lang, items), _groups(lang, period.scope, period.groups), weeks),
            charts,
        ),
        Sheet(t(lang, "rfile.sheet.briefings"), (briefings,)),
        Sheet(t(lang, "rfile.sheet.per_unit"), (period_per_unit(pack, lang),)),
        Sheet(t(lang, "rfile.sheet.statuses"), (statuses,)),
        Sheet(
            t(lang, "rfile.sheet.reports"),
            (_report_rows(lang, zone, pack.reports, pack.units, titles, evidence),),
        ),
        Sheet(t(lang, "rfile.sheet.missing"), (missing,)),
    ]
