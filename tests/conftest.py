"""Shared fixtures: a sandbox Bot API server, a prepared database, the real bot."""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, closing
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from bot.core.clock import FakeClock
from bot.devtools.driver import BotDriver, sandbox_config
from bot.devtools.fast_time import FastTime
from bot.devtools.sandbox import LimitConfig, SandboxServer
from db.audit import Actor
from db.bootstrap import init_database
from db.connection import Database
from tests.demo_played import PlayedDemo, play_demo

ADMIN_ID = 900001
# Functional tests script people who type far faster than a human, so a private chat
# may take a long burst (and the bot's pacer is told so: delivery.chat_burst); the
# global and group limits stay as Telegram's, and bulk sends keep one per second per
# person. The Telegram-like defaults are exercised by tests/sandbox/,
# tests/test_pacing.py, tests/test_delivery_engine.py and the benchmarks.
FUNCTIONAL_LIMITS = LimitConfig(private_burst=100)
# Tuesday 1 December 2026, 08:00 WIB: a working day, outside quiet hours.
START = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)
# The pacer and the sandbox's limits count Telegram's seconds this many times faster than
# the wall clock in functional tests (one second per person would otherwise cost a real
# second per message); the pacing itself is tested in real seconds (tests/test_pacing.py,
# the broadcasts of tests/test_delivery_engine.py, the benchmarks).
FUNCTIONAL_PACE = 100.0


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
def sandbox_limits() -> LimitConfig:
    """The sandbox's flood limits (a module may override this fixture with Telegram's)."""
    return FUNCTIONAL_LIMITS


@pytest.fixture
def pace() -> FastTime | None:
    """The time of the bot's pacer and the sandbox's limits (``None``: real seconds;
    a module whose pacing is under test overrides this fixture so)."""
    return FastTime(FUNCTIONAL_PACE)


def sandbox_server(limits: LimitConfig, pace: FastTime | None) -> SandboxServer:
    if pace is None:
        return SandboxServer(limits=limits)
    return SandboxServer(limits=limits, time_source=pace.monotonic)


@pytest.fixture
async def sandbox(
    sandbox_limits: LimitConfig, pace: FastTime | None
) -> AsyncIterator[SandboxServer]:
    async with sandbox_server(sandbox_limits, pace) as server:
        yield server


async def _prepare(path: Path) -> None:
    db = await Database.open(path)
    try:
        await init_database(db, FakeClock(START), Actor.cli())
    finally:
        await db.close()


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database prepared like `humas-bot init` does (schema and every area), once per
    session, with its write-ahead log folded into the file so that one copy is whole."""
    path = tmp_path_factory.mktemp("template") / "humas.db"
    asyncio.run(_prepare(path))
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    wal = path.with_name(path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    return path


def copy_of(template_db: Path, folder: Path) -> Path:
    """The template's content and permissions (owner only, as `init` makes it)."""
    path = folder / "humas.db"
    shutil.copyfile(template_db, path)
    shutil.copymode(template_db, path)
    return path


@pytest.fixture(scope="session")
def played_demo(tmp_path_factory: pytest.TempPathFactory) -> PlayedDemo:
    """`humas-bot demo`, production exported, played once per session (tests/demo_played.py)."""
    return play_demo(tmp_path_factory.mktemp("demo"))


@pytest.fixture
def db_path(tmp_path: Path, template_db: Path) -> Path:
    """A fresh copy of the template database (as `humas-bot init` leaves it, on START)."""
    return copy_of(template_db, tmp_path)


@asynccontextmanager
async def running_bot(
    sandbox: SandboxServer,
    sandbox_limits: LimitConfig,
    db_path: Path,
    clock: FakeClock,
    pace: FastTime | None,
    **sections: Any,
) -> AsyncIterator[BotDriver]:
    """The real application, polling the sandbox; ADMIN_ID is an admin from the config.
    Its pacer allows a private chat the same burst as the sandbox does; ``sections`` are
    further configuration sections (``webapp={...}``)."""
    sandbox.add_user("Admin", last_name="Diskominfo", user_id=ADMIN_ID)
    config = sandbox_config(
        sandbox,
        db_path,
        admins=[ADMIN_ID],
        delivery={"chat_burst": sandbox_limits.private_burst},
        **sections,
    )
    async with BotDriver(sandbox, config, clock, pace=pace) as driver:
        yield driver


@pytest.fixture
async def bot(
    sandbox: SandboxServer,
    sandbox_limits: LimitConfig,
    db_path: Path,
    clock: FakeClock,
    pace: FastTime | None,
) -> AsyncIterator[BotDriver]:
    """The real application on this test's sandbox, database and clock (:func:`running_bot`)."""
    async with running_bot(sandbox, sandbox_limits, db_path, clock, pace) as driver:
        yield driver
