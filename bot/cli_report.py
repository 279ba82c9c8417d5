"""``humas-bot report --month 2026-11 --out FOLDER [--unit CODE]``: the monthly evidence pack
from the shell, as /laporan_bulanan sends it (scheduler/recap_files.py): the workbook
with the charts embedded, and the charts as PNG. The operator of the shell sees the
whole regency, or the unit ``--unit`` and what lies below it.

Mistakes (an unknown month or unit) raise :class:`ReportError`, which ``bot.cli``
prints as one line with exit code 2.
"""

from __future__ import annotations

import argparse
import asyncio
from datetime import datetime, tzinfo
from pathlib import Path

from bot.core.clock import SystemClock
from bot.core.config import Settings
from bot.core.months import parse_month
from bot.core.periods import Span, today_in
from db import recap_area
from db import units as units_db
from db.connection import Database
from db.migrations import require_known_schema
from db.scope import OutOfScope
from scheduler import recap_files
from scheduler.recap_pack import pack_for_area

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
        help="write the monthly evidence pack (Excel with charts, and the charts as PNG)",
    )
    report.add_argument("--month", required=True, help='the month, e.g. 2026-11 or "November 2026"')
    report.add_argument("--out", type=Path, required=True, help="the folder to write into")
    report.add_argument("--unit", help="only this unit (code) and what lies below it")
    report.add_argument(
        "--lang", choices=["id", "en"], default="id", help="language of the files (default id)"
    )


def run_command(config: Settings, args: argparse.Namespace) -> int:
    """Write the pack; print each file's path; return the exit code."""
    files = asyncio.run(_report(config, args.month, args.unit, args.lang))
    for path in write_files(files, args.out):
        print(path)
    return 0


async def _report(
    config: Settings, month_text: str, unit_code: str | None, lang: str
) -> recap_files.MonthFiles:
    now = SystemClock().now()
    zone = config.tz
    span = parse_month(month_text, today_in(now, zone))
    if span is None:
        raise ReportError(f'not a month: {month_text!r} (write e.g. 2026-11 or "November 2026")')
    path = config.database.path
    require_known_schema(path)
    db = await Database.open(path, create=False)
    try:
        return await month_files(db, span, unit_code, lang, zone, now)
    finally:
        await db.close()


async def month_files(
    db: Database,
    span: Span,
    unit_code: str | None,
    lang: str,
    zone: tzinfo,
    now: datetime,
) -> recap_files.MonthFiles:
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
    pack = await pack_for_area(db, area, start, end, now, zone=zone)
    return await asyncio.to_thread(recap_files.month_files, pack, span.first, lang, zone)


def write_files(files: recap_files.MonthFiles, out: Path) -> list[Path]:
    """Write the workbook and the charts into ``out`` (made if missing); their paths."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for file in (files.workbook, *files.charts):
        path = out / file.name
        path.write_bytes(file.data)
        written.append(path)
    return written
