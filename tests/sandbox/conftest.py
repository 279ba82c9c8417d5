"""Fixtures of the sandbox tests: a started sandbox on a hand-moved clock, a bot, a person."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import pytest_asyncio
import telegram

from bot.devtools.sandbox import SandboxServer
from tests.sandbox.support import LimitClock, make_bot


@pytest.fixture
def limit_clock() -> LimitClock:
    return LimitClock()


@pytest_asyncio.fixture
async def sb(limit_clock: LimitClock) -> AsyncIterator[SandboxServer]:
    async with SandboxServer(time_source=limit_clock) as server:
        yield server


@pytest_asyncio.fixture
async def tg(sb: SandboxServer) -> AsyncIterator[telegram.Bot]:
    async with make_bot(sb) as b:
        yield b


@pytest.fixture
def user(sb: SandboxServer) -> int:
    return sb.add_user("Budi", "Santoso", username="budi")
