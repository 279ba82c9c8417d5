"""Shared steps of the scheduler tests: people set up directly, runs of the due-functions."""

from __future__ import annotations

import itertools
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from bot.devtools.driver import BotDriver
from db import officers as officers_db
from db import submissions as submissions_db
from db import units as units_db
from db.officers import Officer, Role
from db.timefmt import to_db
from handlers.context import Services
from tests.loop_helpers import settle

REGENCY = "32.01"
CIBINONG = "32.01.01"  # Kecamatan Cibinong (only kelurahan)
PONDOK_RAJEG = "32.01.01.1001"  # Kelurahan Pondok Rajeg, Cibinong
KARADENAN = "32.01.01.1002"  # Kelurahan Karadenan, Cibinong
GUNUNGPUTRI = "32.01.02"  # Kecamatan Gunungputri
WANAHERANG = "32.01.02.2001"  # Desa Wanaherang, Gunungputri

WIB = ZoneInfo("Asia/Jakarta")
_IDS = itertools.count(610001)
_POSTS = itertools.count(1)


def wib(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    """A WIB wall-clock time, as the aware UTC moment the FakeClock takes."""
    return datetime(year, month, day, hour, minute, tzinfo=WIB).astimezone(UTC)


async def add_officer(
    bot: BotDriver, name: str, unit_code: str, role: Role = "officer", language: str = "id"
) -> Officer:
    """An active officer set up directly (the scheduler is under test, not /start)."""
    unit = await units_db.by_code(bot.db, unit_code)
    assert unit is not None, unit_code
    user_id = bot.sandbox.add_user(name, language_code=language, user_id=next(_IDS))
    stamp = to_db(bot.clock.now())
    await bot.db.execute(
        "INSERT INTO officers (telegram_id, chat_id, full_name, unit_id, role, status, language,"
        " created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'active', ?, ?, ?)",
        (user_id, user_id, name, unit.id, role, language, stamp, stamp),
    )
    officer = await officers_db.by_telegram_id(bot.db, user_id)
    assert officer is not None
    return officer


async def report(bot: BotDriver, officer: Officer, briefing_id: int) -> None:
    """The officer reports a post for the briefing (closing the unit's assignment)."""
    url = f"https://www.instagram.com/p/C7xYz{next(_POSTS):05d}AbCd/"
    await submissions_db.report_link(bot.db, officer, briefing_id, url, bot.clock.now())


async def run(bot: BotDriver, due: Callable[[Services], Awaitable[int]]) -> int:
    """Call a due-function as the jobs do, then wait until the engine sent what it queued."""
    queued = await due(bot.services)
    await settle(bot)
    return queued


def received(bot: BotDriver, officer: Officer) -> list[str]:
    return [message.plain_text for message in bot.sandbox.messages(officer.telegram_id)]


def containing(bot: BotDriver, officer: Officer, words: str) -> list[str]:
    return [text for text in received(bot, officer) if words in text]
