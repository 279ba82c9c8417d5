"""``humas-bot report --month 2026-11 --out FOLDER [--unit CODE]``: the monthly evidence pack
from the shell, as /laporan_bulanan sends it (scheduler/recap_files.py): the workbook
with the charts embedded, and the charts as PNG. The operator of the shell sees the
whole regency, or the unit ``--unit`` and what lies below it.

The folder is the month's evidence on its own: the reports' screenshots kept in the
local store are copied into ``FOLDER/bukti/`` (scheduler/recap_evidence.py) and the
workbook's Laporan sheet links each report to its copy, or says why there is none; the
last line printed counts them.

Mistakes (an unknown month or unit) raise :class:`ReportError`, which ``bot.cli``
prints as one line with exit code 2.
"""

from __future__ import annotations

import argparse
import asyncio
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from pathlib import Path

from bot.core.clock import SystemClock
from bot.core.config import Settings
from bot.core.months import parse_month
from bot.core.periods import Span, today_in
from bot.core.texts import t
from db import file_store, recap_area, report_evidence
from db import units as units_db
from db.connection import Database
from db.migrations import require_known_schema
from db.report_evidence import Screenshot
from db.scope import OutOfScope
from scheduler import recap_evidence, recap_files
from scheduler.recap_pack import PeriodPack, pack_for_area

COMMANDS = ("report",)


class ReportError(ValueError):
    """An unknown month or unit: nothing was written."""


def add_commands(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    parents: list[argparse.ArgumentParser],
) -> None:
    report = sub.add_parser(
        "report",
        parents=parents,
        help="write the monthly evidence pack (Excel with charts, the charts as PNG and"
        " the reports' screenshots in bukti/)",
    )
    report.add_argument("--month", required=True, help='the month, e.g. 2026-11 or "November 2026"')
    report.add_argument("--out", type=Path, required=True, help="the folder to write into")
    report.add_argument("--unit", help="only this unit (code) and what lies below it")
    report.add_argument(
        "--lang", choices=["id", "en"], default="id", help="language of the files (default id)"
    )


@dataclass(frozen=True)
class Written:
    files: recap_files.MonthFiles
    evidence: recap_evidence.Copied


def run_command(config: Settings, args: argparse.Namespace) -> int:
    """Write the pack; print each file's path, then what became of the screenshots;
    return the exit code."""
    written = asyncio.run(_report(config, args.month, args.unit, args.lang, args.out))
    for path in write_files(written.files, args.out):
        print(path)
    evidence = written.evidence
    print(
        t(
            args.lang,
            "rfile.evidence.summary",
            copied=evidence.copied,
            missing=evidence.not_copied,
        )
    )
    return 0


async def _report(
    config: Settings, month_text: str, unit_code: str | None, lang: str, out: Path
) -> Written:
    now = SystemClock().now()
    zone = config.tz
    span = parse_month(month_text, today_in(now, zone))
    if span is None:
        raise ReportError(f'not a month: {month_text!r} (write e.g. 2026-11 or "November 2026")')
    path = config.database.path
    require_known_schema(path)
    db = await Database.open(path, create=False)
    try:
        pack = await month_pack(db, span, unit_code, zone, now)
        shots = await report_evidence.screenshots(db, (line.submission_id for line in pack.reports))
    finally:
        await db.close()
    store = file_store.store_folder(path, config.files.dir)
    return await asyncio.to_thread(_build, pack, shots, store, out, span.first, lang, zone)


def _build(
    pack: PeriodPack,
    shots: dict[int, Screenshot],
    store: Path,
    out: Path,
    month: date,
    lang: str,
    zone: tzinfo,
) -> Written:
    """Copy the screenshots into ``out`` (made if missing), then render the files."""
    out.mkdir(parents=True, exist_ok=True)
    evidence = recap_evidence.copy_evidence(pack, shots, store, out)
    files = recap_files.month_files(pack, month, lang, zone, evidence.evidence)
    return Written(files, evidence)


async def month_pack(
    db: Database, span: Span, unit_code: str | None, zone: tzinfo, now: datetime
) -> PeriodPack:
    """The pack of the month ``span`` for the regency (or ``unit_code``)."""
    if unit_code is None:
        area = await recap_area.regency_area(db)
    else:
        unit = await units_db.by_code(db, unit_code)
        problem = ReportError(f"no active unit with code {unit_code!r}")
        if unit is None:
            raise problem
        try:
            area = await recap_area.unit_area(db, unit.id)
        except OutOfScope:
            raise problem from None
    start, end = span.bounds(zone)
    return await pack_for_area(db, area, start, end, now, zone=zone)


def write_files(files: recap_files.MonthFiles, out: Path) -> list[Path]:
    """Write the workbook and the charts into ``out`` (made if missing); their paths."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for file in (files.workbook, *files.charts):
        path = out / file.name
        path.write_bytes(file.data)
        written.append(path)
    return written
