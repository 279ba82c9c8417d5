"""Shared fixtures: a sandbox Bot API server, a prepared database, the real bot."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.core.clock import FakeClock
from bot.devtools.driver import BotDriver, sandbox_config
from bot.devtools.sandbox import LimitConfig, SandboxServer
from db.audit import Actor
from db.bootstrap import init_database
from db.connection import Database

ADMIN_ID = 900001
# Functional tests script people who type far faster than a human, so a private chat
# may take a long burst (and the bot's pacer is told so: delivery.chat_burst); the
# global and group limits stay as Telegram's, and bulk sends keep one per second per
# person. The Telegram-like defaults are exercised by tests/test_sandbox.py,
# tests/test_pacing.py, tests/test_delivery_engine.py and the benchmarks.
FUNCTIONAL_LIMITS = LimitConfig(private_burst=100)
# Tuesday 1 December 2026, 08:00 WIB: a working day, outside quiet hours.
START = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
def sandbox_limits() -> LimitConfig:
    """The sandbox's flood limits (a module may override this fixture with Telegram's)."""
    return FUNCTIONAL_LIMITS


@pytest.fixture
async def sandbox(sandbox_limits: LimitConfig) -> AsyncIterator[SandboxServer]:
    async with SandboxServer(limits=sandbox_limits) as server:
        yield server


@pytest.fixture
async def db_path(tmp_path: Path, clock: FakeClock) -> Path:
    """A database prepared like `humas-bot init` does (schema and every area)."""
    path = tmp_path / "humas.db"
    db = await Database.open(path)
    try:
        await init_database(db, clock, Actor.cli())
    finally:
        await db.close()
    return path


@pytest.fixture
async def bot(
    sandbox: SandboxServer, sandbox_limits: LimitConfig, db_path: Path, clock: FakeClock
) -> AsyncIterator[BotDriver]:
    """The real application, polling the sandbox; ADMIN_ID is an admin from the config.
    Its pacer allows a private chat the same burst as the sandbox does."""
    sandbox.add_user("Admin", last_name="Diskominfo", user_id=ADMIN_ID)
    config = sandbox_config(
        sandbox, db_path, admins=[ADMIN_ID], delivery={"chat_burst": sandbox_limits.private_burst}
    )
    async with BotDriver(sandbox, config, clock) as driver:
        yield driver
