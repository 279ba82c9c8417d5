"""Shared steps of the core-loop tests: people, a published briefing, waiting for deliveries."""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta

from bot.devtools.driver import BotDriver
from bot.devtools.sandbox import SentMessage
from db import briefings as briefings_db
from db import officers as officers_db
from db import programs as programs_db
from db import units as units_db
from db.audit import Actor
from db.officers import Officer, Role
from scheduler import briefing_lifecycle
from scheduler.engine import DeliveryEngine

KECAMATAN = "32.01.01"  # Kecamatan Cibinong
DESA_A = "32.01.01.1001"  # Kelurahan Pondok Rajeg
DESA_B = "32.01.01.1002"  # Kelurahan Karadenan
OTHER_DESA = "32.01.02.2001"  # Desa Wanaherang, Kecamatan Gunungputri


# Process-unique user ids: a person of one test is never the same Telegram user as a person
# of another (dialogues cannot leak either way: each application builds its own handlers).
_USER_IDS = itertools.count(300001)


async def join(
    bot: BotDriver, name: str, unit_code: str, role: Role = "officer", language: str = "id"
) -> int:
    """Like ``bot.join`` (a real invitation deep link), with a process-unique user id."""
    user_id = bot.sandbox.add_user(name, language_code=language, user_id=next(_USER_IDS))
    token = await bot.invitation(unit_code, role)
    replies = await bot.say(user_id, f"/start {token}")
    assert replies and "✅" in replies[-1].plain_text, replies
    return user_id


def engine(bot: BotDriver) -> DeliveryEngine:
    assert bot.services.delivery is not None
    return bot.services.delivery


async def settle(bot: BotDriver) -> None:
    """Until the bot handled everything and the engine sent everything due."""
    for _ in range(3):
        await bot.idle()
        await engine(bot).wait_idle()
    await bot.idle()


async def officer(bot: BotDriver, telegram_id: int) -> Officer:
    found = await officers_db.by_telegram_id(bot.db, telegram_id)
    assert found is not None
    return found


async def program(bot: BotDriver, author: Officer, name: str = "Bogor Sehat") -> int:
    existing = await bot.db.fetchval("SELECT id FROM programs WHERE name = ?", (name,))
    if existing:
        return int(existing)
    made = await programs_db.create(
        bot.db,
        name=name,
        description="Layanan kesehatan",
        priority=1,
        horizon="menengah",
        starts_on=date(2026, 12, 1),
        ends_on=date(2027, 6, 30),
        actor=Actor.officer(author.id, author.telegram_id),
        at=bot.clock.now(),
    )
    return made.id


async def publish(
    bot: BotDriver,
    author_telegram_id: int,
    unit_codes: list[str],
    *,
    title: str = "Vaksinasi Anak",
    deadline: timedelta = timedelta(days=2),
    channels: tuple[str, ...] = ("instagram", "facebook"),
    publish_at: datetime | None = None,
    photos: int = 0,
) -> int:
    """A briefing composed straight in the database and published through the engine."""
    author = await officer(bot, author_telegram_id)
    now = bot.clock.now()
    draft = await briefings_db.start_draft(bot.db, author.id, now)
    await briefings_db.save_draft(
        bot.db,
        draft.id,
        now,
        step="preview",
        program_id=await program(bot, author),
        title=title,
        key_message="Ayo lengkapi imunisasi anak di posyandu terdekat.",
        points=["Gratis", "Setiap Selasa"],
        formats=["infografis"],
        channels=list(channels),
        hashtags="#BogorSehat @pemkabbogor",
        audience_geographic=["perdesaan"],
        deadline=now + deadline,
    )
    for number in range(photos):
        await briefings_db.add_attachment(
            bot.db, draft.id, "photo", f"AgACAgQAAxkBAAIBmateri{number:02d}", now
        )
    unit_ids = []
    for code in unit_codes:
        unit = await units_db.by_code(bot.db, code)
        assert unit is not None
        unit_ids.append(unit.id)
    await briefing_lifecycle.publish(
        bot.services,
        draft.id,
        unit_ids=unit_ids,
        publish_at=publish_at or now,
        now=now,
        actor=Actor.officer(author.id, author.telegram_id),
    )
    await settle(bot)
    return draft.id


def texts(bot: BotDriver, chat_id: int) -> list[str]:
    return [message.plain_text for message in bot.sandbox.messages(chat_id)]


def last_text(bot: BotDriver, chat_id: int) -> str:
    return bot.sandbox.messages(chat_id)[-1].plain_text


def joined(replies: list[SentMessage]) -> str:
    return "\n".join(message.plain_text for message in replies)
