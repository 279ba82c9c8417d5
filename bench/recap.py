"""Benchmark of the recap (issue 11): a year of data, the recaps' times and query plans.

A fresh database holds the regency's areas and agencies (520 units), 1,500 officers
(about 5 % of the units have none), 300 briefings over the year before 1 December 2026
(most for the whole regency, some for one kecamatan), about 150,000 assignments and
200,000 reported links (some units never report, some only have rejected links, some
report late, many report more than once). Everything is written with ``executemany``
in a few transactions.

Printed: the generation time, the median time of the regency recap of one briefing
and of November 2026, the kecamatan recap of both, the ranking of the month, the
picker's list, the database size, the peak memory, and the ``EXPLAIN QUERY PLAN`` of
each recap query, checked for a full scan of ``assignments`` or ``submissions``.

Files and charts: other modules time their own work on the same data by adding a
function to :data:`FILE_MEASURES` (it receives the :class:`BenchData` and returns the
lines to print). Run: ``python bench/recap.py`` from the repository root.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as ``python bench/recap.py`` this folder comes first on sys.path: look in the
# repository root first (as bench/scheduler.py does).
sys.path[0] = str(Path(__file__).resolve().parent.parent)

import asyncio  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections.abc import Awaitable, Callable, Sequence  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from datetime import UTC, datetime, timedelta  # noqa: E402
from typing import Any  # noqa: E402
from zoneinfo import ZoneInfo  # noqa: E402

from bot.core.clock import FakeClock  # noqa: E402
from bot.core.months import month_span  # noqa: E402
from db import recap, recap_lists  # noqa: E402
from db import units as units_db  # noqa: E402
from db.audit import Actor  # noqa: E402
from db.bootstrap import init_database  # noqa: E402
from db.connection import Database  # noqa: E402
from db.officers import Officer  # noqa: E402
from db.officers import by_id as officer_by_id  # noqa: E402
from db.recap_area import area_of  # noqa: E402
from db.timefmt import to_db  # noqa: E402
from scheduler import recap_files  # noqa: E402
from scheduler.recap_pack import span_pack  # noqa: E402

WIB = ZoneInfo("Asia/Jakarta")
NOW = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)  # Tuesday 1 December 2026, 08:00 WIB
MONTH_START = datetime(2026, 11, 1, tzinfo=WIB).astimezone(UTC)
MONTH_END = datetime(2026, 12, 1, tzinfo=WIB).astimezone(UTC)
NOVEMBER = month_span(2026, 11)
UNITS, OFFICERS, BRIEFINGS = 520, 1500, 300
RUNS = 7
TARGET_MS = 200.0


@dataclass(frozen=True)
class BenchData:
    """The generated database and who looks at it."""

    db: Database
    path: Path
    regency_coordinator: Officer
    kecamatan_coordinator: Officer
    briefing_id: int
    """A whole-regency briefing of November 2026."""
    month: tuple[datetime, datetime]
    now: datetime


FileMeasure = Callable[[BenchData], Awaitable[list[str]]]
FILE_MEASURES: list[FileMeasure] = []
"""The timings of files and charts built on the recap (added by their modules' benches)."""


def _stamp(moment: datetime) -> str:
    return to_db(moment)


async def _units(db: Database, clock: FakeClock) -> tuple[list[int], dict[int, list[int]]]:
    await init_database(db, clock, Actor.cli())
    areas = int(await db.fetchval("SELECT count(*) FROM units"))
    await units_db.add_opds(
        db, [f"Dinas {n:02d}" for n in range(UNITS - areas)], clock.now(), Actor.cli()
    )
    rows = await db.fetchall("SELECT id, kind, parent_id FROM units ORDER BY id")
    kecamatan: dict[int, list[int]] = {}
    for row in rows:
        if row["kind"] in ("desa", "kelurahan"):
            kecamatan.setdefault(row["parent_id"], []).append(row["id"])
    return [row["id"] for row in rows], kecamatan


async def _officers(
    db: Database, rng: random.Random, unit_ids: list[int], kecamatan: dict[int, list[int]]
) -> tuple[dict[int, list[int]], int, int]:
    """1,500 accounts: coordinators of the regency and of every kecamatan, officers
    spread over the units but about 5 % of them."""
    stamp = _stamp(NOW - timedelta(days=400))
    regency = unit_ids[0]
    rows: list[tuple[Any, ...]] = [(1, regency, "coordinator", "Koordinator Kabupaten")]
    rows += [
        (2 + n, kec, "coordinator", f"Koordinator {n}") for n, kec in enumerate(sorted(kecamatan))
    ]
    staffed = [unit for unit in unit_ids[1:] if rng.random() > 0.05]
    while len(rows) < OFFICERS:
        number = len(rows) + 1
        rows.append((number, staffed[number % len(staffed)], "officer", f"Petugas {number}"))
    await db.executemany(
        "INSERT INTO officers (telegram_id, chat_id, full_name, unit_id, role, status,"
        " created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'active', ?, ?)",
        [
            (800000 + tid, 800000 + tid, name, unit, role, stamp, stamp)
            for tid, unit, role, name in rows
        ],
    )
    people: dict[int, list[int]] = {}
    for row in await db.fetchall("SELECT id, unit_id FROM officers"):
        people.setdefault(row["unit_id"], []).append(row["id"])
    regency_id = int(await db.fetchval("SELECT id FROM officers WHERE telegram_id = 800001"))
    kecamatan_id = int(await db.fetchval("SELECT id FROM officers WHERE telegram_id = 800002"))
    return people, regency_id, kecamatan_id


def _plan(
    rng: random.Random, unit_ids: list[int], kecamatan: dict[int, list[int]], author: int
) -> tuple[list[tuple[Any, ...]], list[tuple[int, list[int], datetime]]]:
    """The briefings (rows) and, per briefing, its units and deadline."""
    briefings: list[tuple[Any, ...]] = []
    targets: list[tuple[int, list[int], datetime]] = []
    year_start = NOW - timedelta(days=365)
    whole = unit_ids[1:]
    kecamatan_ids = sorted(kecamatan)
    for number in range(1, BRIEFINGS + 1):
        publish = year_start + timedelta(hours=29 * number + rng.randint(0, 12))
        deadline = publish + timedelta(days=rng.choice((1, 2, 3, 5)))
        if rng.random() < 0.95:
            units = [unit for unit in whole if rng.random() > 0.015]
        else:
            kec = rng.choice(kecamatan_ids)
            units = [kec, *kecamatan[kec]]
        status = "closed" if deadline < NOW - timedelta(days=7) else "published"
        stamp = _stamp(publish)
        briefings.append(
            (number, author, f"Briefing {number}", _stamp(deadline), status, stamp, stamp, stamp)
        )
        targets.append((number, units, deadline))
    return briefings, targets


def _reports(
    rng: random.Random,
    targets: list[tuple[int, list[int], datetime]],
    people: dict[int, list[int]],
) -> list[tuple[Any, ...]]:
    rows: list[tuple[Any, ...]] = []
    for briefing_id, units, deadline in targets:
        for unit in units:
            officers = people.get(unit)
            roll = rng.random()
            if officers is None or roll < 0.10:
                continue
            late = rng.random() < 0.15
            first = deadline + (
                timedelta(hours=rng.randint(1, 30))
                if late
                else -timedelta(hours=rng.randint(1, 20))
            )
            links = 1 if roll < 0.13 else rng.choice((1, 1, 1, 2, 2, 2, 3))
            for extra in range(links):
                status = (
                    "ditolak"
                    if roll < 0.13
                    else rng.choice(("diterima", "disetujui", "disetujui", "perlu_revisi"))
                )
                number = len(rows) + 1
                rows.append(
                    (
                        f"R{number:06d}",
                        rng.choice(officers),
                        unit,
                        briefing_id,
                        f"https://www.instagram.com/p/Bench{number:07d}/",
                        status,
                        _stamp(first + timedelta(hours=3 * extra)),
                    )
                )
    return rows


async def generate(folder: Path, seed: int = 11) -> BenchData:
    """A year of data in a fresh database in ``folder``."""
    rng = random.Random(seed)
    path = folder / "recap.db"
    db = await Database.open(path)
    unit_ids, kecamatan = await _units(db, FakeClock(NOW - timedelta(days=400)))
    people, regency_id, kecamatan_id = await _officers(db, rng, unit_ids, kecamatan)
    briefings, targets = _plan(rng, unit_ids, kecamatan, regency_id)
    await db.executemany(
        "INSERT INTO briefings (id, author_id, title, deadline, status, publish_at, created_at,"
        " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        briefings,
    )
    await db.executemany(
        "INSERT INTO assignments (briefing_id, unit_id, opened_at) VALUES (?, ?, ?)",
        [
            (briefing_id, unit, briefings[briefing_id - 1][5])
            for briefing_id, units, _ in targets
            for unit in units
        ],
    )
    await db.executemany(
        "INSERT INTO submissions (receipt, officer_id, unit_id, briefing_id, kind, url,"
        " platform, status, created_at) VALUES (?, ?, ?, ?, 'link', ?, 'instagram', ?, ?)",
        _reports(rng, targets, people),
    )
    await db.execute("ANALYZE")
    regency = await officer_by_id(db, regency_id)
    kec = await officer_by_id(db, kecamatan_id)
    assert regency is not None and kec is not None
    month_briefing = next(
        number
        for number, units, deadline in reversed(targets)
        if MONTH_START <= deadline < MONTH_END and len(units) > 400
    )
    return BenchData(db, path, regency, kec, month_briefing, (MONTH_START, MONTH_END), NOW)


async def _median_ms(work: Callable[[], Awaitable[object]]) -> float:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        await work()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def _flag(ms: float) -> str:
    return "ok" if ms < TARGET_MS else f"OVER {TARGET_MS:.0f} ms"


async def _timings(data: BenchData) -> list[str]:
    db, now = data.db, data.now
    start, end = data.month
    cases: Sequence[tuple[str, Callable[[], Awaitable[object]]]] = (
        (
            "regency recap, one briefing",
            lambda: recap.briefing_recap(db, data.regency_coordinator, data.briefing_id, now),
        ),
        (
            "regency recap, November 2026",
            lambda: recap.period_recap(db, data.regency_coordinator, start, end, now, zone=WIB),
        ),
        (
            "kecamatan recap, one briefing",
            lambda: recap.briefing_recap(db, data.kecamatan_coordinator, data.briefing_id, now),
        ),
        (
            "kecamatan recap, November 2026",
            lambda: recap.period_recap(db, data.kecamatan_coordinator, start, end, now, zone=WIB),
        ),
        (
            "regency ranking, November 2026",
            lambda: recap_lists.ranking(db, data.regency_coordinator, start, end, now, zone=WIB),
        ),
        (
            "briefing picker (regency)",
            lambda: recap_lists.recent_briefings(db, data.regency_coordinator, now),
        ),
        (
            "links of November 2026 (regency)",
            lambda: recap.period_reports(db, data.regency_coordinator, start, end, now),
        ),
    )
    lines = []
    for label, work in cases:
        ms = await _median_ms(work)
        lines.append(f"{label:36} {ms:8.1f} ms  {_flag(ms)}")
    return lines


# ---- files and charts (scheduler/recap_files.py) ---------------------------------------

PACK_TARGET_S = 5.0
MEMORY_TARGET_MB = 300.0
FILE_RUNS = 3


async def _median_s(work: Callable[[], Awaitable[object]]) -> tuple[float, object]:
    times, result = [], None
    for _ in range(FILE_RUNS):
        started = time.perf_counter()
        result = await work()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


async def _month_pack(data: BenchData) -> recap_files.MonthFiles:
    """The regency's evidence pack of November 2026, as /laporan_bulanan builds it."""
    pack = await span_pack(data.db, data.regency_coordinator, NOVEMBER, data.now, zone=WIB)
    return await asyncio.to_thread(recap_files.month_files, pack, NOVEMBER.first, "id", WIB)


async def _briefing_chart(data: BenchData, viewer: Officer) -> bytes:
    found = await recap.briefing_recap(data.db, viewer, data.briefing_id, data.now)
    assert found is not None
    average = await recap_lists.regency_rate(data.db, [data.briefing_id], data.now)
    return recap_files.briefing_chart(found, "id", WIB, average).data


async def _briefing_excel(data: BenchData) -> bytes:
    found = await recap.briefing_recap(
        data.db, data.regency_coordinator, data.briefing_id, data.now
    )
    assert found is not None
    return recap_files.briefing_excel(found, "id", WIB, None).data


async def time_files(data: BenchData) -> list[str]:
    """The month's evidence pack (data, both charts, the workbook) and a briefing's chart
    and workbook, median of three; the peak memory after them."""
    seconds, files = await _median_s(lambda: _month_pack(data))
    assert isinstance(files, recap_files.MonthFiles)
    book = files.workbook.data
    flag = "ok" if seconds < PACK_TARGET_S else f"OVER {PACK_TARGET_S:.0f} s"
    lines = [
        f"{'evidence pack, November 2026 (regency)':36} {seconds * 1000:8.1f} ms  {flag}"
        f" ({len(book) / 2**20:.1f} MB .xlsx, {len(files.charts[0].data) // 1024} KB chart)"
    ]
    for label, work in (
        ("chart, one briefing (regency)", lambda: _briefing_chart(data, data.regency_coordinator)),
        (
            "chart, one briefing (kecamatan)",
            lambda: _briefing_chart(data, data.kecamatan_coordinator),
        ),
        ("Excel, one briefing (regency)", lambda: _briefing_excel(data)),
    ):
        seconds, _ = await _median_s(work)
        lines.append(f"{label:36} {seconds * 1000:8.1f} ms")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    flag = "ok" if peak < MEMORY_TARGET_MB else f"OVER {MEMORY_TARGET_MB:.0f} MB"
    lines.append(f"{'peak memory after the files':36} {peak:8.0f} MB  {flag}")
    return lines


FILE_MEASURES.append(time_files)


BIG_TABLES = {"a", "s", "assignments", "submissions"}


def _full_scan(detail: str) -> bool:
    """A plan step that reads every row of assignments or submissions."""
    words = detail.split()
    return (
        len(words) > 1 and words[0] == "SCAN" and words[1] in BIG_TABLES and "INDEX" not in detail
    )


async def _plans(data: BenchData) -> list[str]:
    """EXPLAIN QUERY PLAN of the recap's queries, and whether any scans a big table."""
    db, now = data.db, data.now
    area = await area_of(db, data.kecamatan_coordinator)
    month = await recap.briefings_between(db, *data.month, now)
    params = {"briefings": json.dumps(sorted(month)), "units": area.ids_json}
    queries: list[tuple[str, str, Any]] = [
        ("assignment states", recap.ASSIGNMENT_STATES, params),
        ("reports", recap.REPORTS, params),
        (
            "period briefings",
            recap.PERIOD_BRIEFINGS,
            (to_db(data.month[0]), to_db(data.month[1]), to_db(now)),
        ),
        (
            "picker",
            f"SELECT count(*){recap_lists.CONCERNS}",
            {"now": to_db(now), "units": area.ids_json},
        ),
        ("streak", recap_lists.STREAK, (area.root.id, to_db(now))),
    ]
    lines = []
    for label, sql, bound in queries:
        rows = await db.fetchall(f"EXPLAIN QUERY PLAN {sql}", bound)
        details = [row["detail"] for row in rows]
        scans = [detail for detail in details if _full_scan(detail)]
        lines.append(
            f"plan {label}: {'FULL SCAN ' + '; '.join(scans) if scans else 'no full scan'}"
        )
        lines.extend(f"    {detail}" for detail in details)
    return lines


async def run() -> None:
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        data = await generate(Path(folder))
        generated = time.perf_counter() - started
        counts = {
            table: int(await data.db.fetchval(f"SELECT count(*) FROM {table}"))  # noqa: S608
            for table in ("units", "officers", "briefings", "assignments", "submissions")
        }
        print(
            f"generated in {generated:.1f} s: " + ", ".join(f"{v:,} {k}" for k, v in counts.items())
        )
        for line in await _timings(data):
            print(line)
        for measure in FILE_MEASURES:
            for line in await measure(data):
                print(line)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak memory {peak:.0f} MB")
        for line in await _plans(data):
            print(line)
        await data.db.close()  # the last connection folds the write-ahead log into the file
        print(f"database size {data.path.stat().st_size / 2**20:.1f} MB")


if __name__ == "__main__":
    asyncio.run(run())
