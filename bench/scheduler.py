"""Benchmark of the scheduler (issue 6): a burst of reminders due at one minute, and the tick.

1. 500 units (the 476 areas of the regency and 24 OPDs), one officer each; 300 open
   assignments across 20 briefings whose deadlines fall in the same minute. The
   clock is set to the moment the 24 h reminders are due and the reminder run is
   timed until it returns, i.e. until the last reminder was handed (committed) to
   the delivery engine.
2. 10,000 future items (open assignments of 100 briefings with deadlines spread
   every 7 hours from 2 hours ahead, so 20,000 reminder moments and 100 deadlines;
   the nearest four briefings are inside the 24 h window every tick looks at):
   the CPU time (process time, SQLite's thread included) of one tick — the same
   ``run_all_due`` the jobs and the safety tick call — when nothing is due, and the
   time to derive the timed jobs.

Nothing is sent to Telegram: the delivery engine is built but not started, so the
measure is the scheduler's own work. Run: ``python bench/scheduler.py`` (or
``python -m bench.scheduler``) from the repository root.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as ``python bench/scheduler.py`` this folder comes first on sys.path, and this
# file's name would hide the ``scheduler`` package: look in the repository root first.
sys.path[0] = str(Path(__file__).resolve().parent.parent)

import asyncio  # noqa: E402
import logging  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from datetime import datetime, timedelta  # noqa: E402
from zoneinfo import ZoneInfo  # noqa: E402

from telegram import Bot  # noqa: E402

from bot.core.clock import FakeClock  # noqa: E402
from bot.core.config import load_config  # noqa: E402
from db import units as units_db  # noqa: E402
from db.audit import Actor  # noqa: E402
from db.bootstrap import init_database  # noqa: E402
from db.connection import Database  # noqa: E402
from db.timefmt import to_db  # noqa: E402
from scheduler.engine import DeliveryEngine  # noqa: E402
from scheduler.jobs import Schedule, run_all_due  # noqa: E402
from scheduler.reminders import run_due_reminders  # noqa: E402
from scheduler.services import Services  # noqa: E402

WIB = ZoneInfo("Asia/Jakarta")
TICKS = 50


async def prepared(folder: Path, name: str, clock: FakeClock) -> Services:
    """A database with 500 units and one officer each, and services around it."""
    db_path = folder / f"{name}.db"
    db = await Database.open(db_path)
    await init_database(db, clock, Actor.cli())
    areas = int(await db.fetchval("SELECT count(*) FROM units"))
    await units_db.add_opds(
        db, [f"Dinas {n:02d}" for n in range(500 - areas)], clock.now(), Actor.cli()
    )
    stamp = to_db(clock.now())
    unit_ids = [row["id"] for row in await db.fetchall("SELECT id FROM units ORDER BY id")]
    await db.executemany(
        "INSERT INTO officers (telegram_id, chat_id, full_name, unit_id, role, status, created_at,"
        " updated_at) VALUES (?, ?, ?, ?, 'officer', 'active', ?, ?)",
        [
            (700000 + i, 700000 + i, f"Petugas {i}", unit_id, stamp, stamp)
            for i, unit_id in enumerate(unit_ids)
        ],
    )
    await db.execute(
        "INSERT INTO officers (telegram_id, chat_id, full_name, unit_id, role, status, created_at,"
        " updated_at) VALUES (1, 1, 'Pusat', ?, 'coordinator', 'active', ?, ?)",
        (unit_ids[0], stamp, stamp),
    )
    config = load_config(Path("/nonexistent/bench.toml"), database={"path": str(db_path)})
    services = Services(config=config, clock=clock, db=db)
    services.delivery = DeliveryEngine(db, Bot("123456:bench"), clock, services.quiet)
    return services


async def add_briefings(services: Services, deadlines: list[datetime], units_each: int) -> int:
    """Published briefings with ``units_each`` open assignments each; returns assignments."""
    db = services.db
    assert db is not None
    now = services.clock.now()
    author = await db.fetchval("SELECT id FROM officers WHERE telegram_id = 1")
    unit_ids = [row["id"] for row in await db.fetchall("SELECT id FROM units ORDER BY id")]
    made = 0
    async with db.transaction() as conn:
        for number, deadline in enumerate(deadlines):
            cursor = await conn.execute(
                "INSERT INTO briefings (author_id, title, key_message, deadline, status,"
                " publish_at,"
                " created_at, updated_at) VALUES (?, ?, 'Pesan kunci', ?, 'published', ?, ?, ?)",
                (
                    author,
                    f"Briefing {number}",
                    to_db(deadline),
                    to_db(now - timedelta(hours=2)),
                    to_db(now),
                    to_db(now),
                ),
            )
            chosen = [
                unit_ids[(number * units_each + i) % len(unit_ids)] for i in range(units_each)
            ]
            await conn.executemany(
                "INSERT INTO assignments (briefing_id, unit_id, opened_at) VALUES (?, ?, ?)",
                [(cursor.lastrowid, unit_id, to_db(now)) for unit_id in chosen],
            )
            made += len(chosen)
    return made


async def due_burst(folder: Path) -> str:
    clock = FakeClock(datetime(2026, 12, 1, 9, 0, tzinfo=WIB))
    services = await prepared(folder, "burst", clock)
    deadline = datetime(2026, 12, 3, 10, 0, tzinfo=WIB)
    assignments = await add_briefings(services, [deadline] * 20, units_each=15)
    clock.set(deadline - timedelta(hours=24))  # the 24 h reminders of all 20 are due now
    started = time.perf_counter()
    queued = await run_due_reminders(services)
    took = time.perf_counter() - started
    assert services.db is not None
    deliveries = await services.db.fetchval("SELECT count(*) FROM deliveries")
    await services.db.close()
    return (
        f"due burst: {assignments} open assignments across 20 briefings due at the same minute"
        f" -> {queued} reminder messages ({deliveries} deliveries) handed to the delivery engine"
        f" {took * 1000:.0f} ms after the due moment"
    )


async def tick_cost(folder: Path) -> list[str]:
    clock = FakeClock(datetime(2026, 12, 1, 9, 0, tzinfo=WIB))
    services = await prepared(folder, "tick", clock)
    start = clock.now()
    deadlines = [start + timedelta(hours=2 + 7 * n) for n in range(100)]
    items = await add_briefings(services, deadlines, units_each=100)
    # The first run sends what is already due (the 3 h reminders of the first briefing) and
    # records the digests missed before "now"; the measured ticks find everything done.
    await run_all_due(services)
    cpu, wall = [], []
    for _ in range(TICKS):
        started_cpu, started_wall = time.process_time(), time.perf_counter()
        queued = await run_all_due(services)
        cpu.append(time.process_time() - started_cpu)
        wall.append(time.perf_counter() - started_wall)
        assert queued == 0
    schedule = Schedule(services, None)
    started = time.perf_counter()
    jobs = await schedule.wanted()
    derive = time.perf_counter() - started
    assert services.db is not None
    await services.db.close()
    return [
        f"tick: {items:,} future items ({items * 2:,} reminder moments,"
        f" {len(deadlines)} deadlines ahead)"
        f" -> CPU {statistics.mean(cpu) * 1000:.1f} ms per tick (mean of {TICKS};"
        f" max {max(cpu) * 1000:.1f} ms), wall {statistics.mean(wall) * 1000:.1f} ms",
        f"jobs: deriving {len(jobs)} timed jobs from the database takes {derive * 1000:.1f} ms",
    ]


async def main() -> None:
    logging.basicConfig(level=logging.ERROR)
    with tempfile.TemporaryDirectory(prefix="humas-bench-") as folder:
        print("scheduler bench: 500 units, one officer each (engine not started: no sending)")
        print(await due_burst(Path(folder)))
        for line in await tick_cost(Path(folder)):
            print(line)


if __name__ == "__main__":
    asyncio.run(main())
