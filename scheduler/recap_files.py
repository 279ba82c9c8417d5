"""The recap's files with their names: what the bot sends, the shell and the demo write.

Pure functions of the recap dataclasses (db/recap.py, scheduler/recap_pack.py); the
rendering is CPU work, so callers on the event loop run them in a thread.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, tzinfo

from db.recap import Recap
from scheduler import recap_chart
from scheduler.recap_csv import csv_bytes
from scheduler.recap_evidence import Evidence
from scheduler.recap_excel import workbook_bytes
from scheduler.recap_pack import PeriodPack
from scheduler.recap_tables import (
    briefing_per_unit,
    briefing_sheets,
    period_per_unit,
    period_sheets,
)

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class File:
    name: str
    data: bytes


def _briefing_stem(recap: Recap) -> str:
    return f"rekap-briefing-{recap.briefing.id}-{recap.scope.code}"


def _period_stem(pack: PeriodPack, zone: tzinfo) -> str:
    period = pack.period
    first = period.start.astimezone(zone).date()
    last = date.fromordinal(period.end.astimezone(zone).date().toordinal() - 1)
    return f"rekap-{first:%Y%m%d}-{last:%Y%m%d}-{period.scope.code}"


def briefing_chart(recap: Recap, lang: str, zone: tzinfo, average: float | None) -> File:
    data = recap_chart.briefing_chart(recap, lang, zone, average)
    return File(f"{_briefing_stem(recap)}.png", data)


def briefing_excel(recap: Recap, lang: str, zone: tzinfo, average: float | None) -> File:
    data = workbook_bytes(briefing_sheets(recap, lang, zone, average), recap.generated_at)
    return File(f"{_briefing_stem(recap)}.xlsx", data)


def briefing_csv(recap: Recap, lang: str, zone: tzinfo) -> File:
    return File(
        f"{_briefing_stem(recap)}-per-unit.csv", csv_bytes(briefing_per_unit(recap, lang, zone))
    )


def period_trend(pack: PeriodPack, lang: str, zone: tzinfo) -> File:
    """The period's weekly trend (the chart a period's recap screen sends)."""
    period = pack.period
    label = recap_chart.period_label(period.start, period.end, lang, zone)
    data = recap_chart.trend_chart(period, lang, zone, pack.regency_rate, label)
    return File(f"{_period_stem(pack, zone)}-mingguan.png", data)


def period_charts(pack: PeriodPack, lang: str, zone: tzinfo) -> tuple[File, File]:
    """Compliance per kecamatan (or desa) over the period, and the weekly trend."""
    period = pack.period
    label = recap_chart.period_label(period.start, period.end, lang, zone)
    bars = recap_chart.period_chart(period, lang, zone, pack.regency_rate, label)
    return File(f"{_period_stem(pack, zone)}.png", bars), period_trend(pack, lang, zone)


def period_excel(
    pack: PeriodPack,
    lang: str,
    zone: tzinfo,
    charts: tuple[File, ...] = (),
    evidence: Mapping[int, Evidence] | None = None,
) -> File:
    sheets = period_sheets(pack, lang, zone, tuple(chart.data for chart in charts), evidence)
    return File(
        f"{_period_stem(pack, zone)}.xlsx", workbook_bytes(sheets, pack.period.generated_at)
    )


def period_workbook(pack: PeriodPack, lang: str, zone: tzinfo) -> File:
    """The workbook a period's "⬇️ Excel" sends, in the chat and from the dashboard: the
    period's sheets with its two charts embedded."""
    return period_excel(pack, lang, zone, period_charts(pack, lang, zone))


def period_csv(pack: PeriodPack, lang: str, zone: tzinfo) -> File:
    return File(f"{_period_stem(pack, zone)}-per-unit.csv", csv_bytes(period_per_unit(pack, lang)))


@dataclass(frozen=True)
class MonthFiles:
    workbook: File
    charts: tuple[File, File]


def month_files(
    pack: PeriodPack,
    month: date,
    lang: str,
    zone: tzinfo,
    evidence: Mapping[int, Evidence] | None = None,
) -> MonthFiles:
    """The monthly evidence pack: the workbook (charts embedded) and the charts; with
    ``evidence`` (the shell's pack) its reports link to their screenshots."""
    charts = period_charts(pack, lang, zone)
    stem = f"laporan-bulanan-{month:%Y-%m}-{pack.period.scope.code}"
    named = (File(f"{stem}.png", charts[0].data), File(f"{stem}-mingguan.png", charts[1].data))
    workbook = period_excel(pack, lang, zone, named, evidence)
    return MonthFiles(File(f"{stem}.xlsx", workbook.data), named)
