"""What the tests set up and read: units, officers, programs, briefings, submissions,
waiting for the bot and the delivery engine, and what people were sent."""

from __future__ import annotations

import itertools
from collections.abc import Awaitable, Callable
from contextlib import closing
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.core.texts import CATALOGUE
from bot.devtools.driver import BotDriver
from bot.devtools.sandbox import SentMessage
from db import briefings as briefings_db
from db import officers as officers_db
from db import programs as programs_db
from db import releases as releases_db
from db import submissions as submissions_db
from db import units as units_db
from db.audience import Audience
from db.audit import Actor
from db.connection import Database
from db.officers import Officer, Role
from db.programs import Horizon
from db.timefmt import to_db
from scheduler import announcements, briefing_lifecycle
from scheduler.engine import DeliveryEngine
from scheduler.services import Services
from tests.db_snapshot import every_row, read_only

# ---- units ----------------------------------------------------------------------------

REGENCY = "32.01"
CIBINONG = "32.01.01"  # Kecamatan Cibinong: only kelurahan (page 1 of the kecamatan list)
PONDOK_RAJEG = "32.01.01.1001"  # Kelurahan Pondok Rajeg, Cibinong
KARADENAN = "32.01.01.1002"  # Kelurahan Karadenan, Cibinong
PAKANSARI = "32.01.01.1007"  # Kelurahan Pakansari, Cibinong
GUNUNGPUTRI = "32.01.02"  # Kecamatan Gunungputri
WANAHERANG = "32.01.02.2001"  # Desa Wanaherang, Gunungputri
BOJONGKULUR = "32.01.02.2002"  # Desa Bojongkulur, Gunungputri
CITEUREUP = "32.01.03"  # Kecamatan Citeureup

WIB = ZoneInfo("Asia/Jakarta")


def wib(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    """A WIB wall-clock time, as the aware UTC moment the FakeClock takes."""
    return datetime(year, month, day, hour, minute, tzinfo=WIB).astimezone(UTC)


async def unit_id_in(db: Database, code: str) -> int:
    unit = await units_db.by_code(db, code)
    assert unit is not None, code
    return unit.id


async def unit_id(bot: BotDriver, code: str) -> int:
    return await unit_id_in(bot.db, code)


# ---- officers -------------------------------------------------------------------------

JOINED = datetime(2026, 11, 1, tzinfo=UTC)  # officers set up without a bot: a month before
_TELEGRAM_IDS = itertools.count(5000)  # ... and their Telegram ids


async def insert_officer(
    db: Database,
    name: str,
    unit_code: str,
    role: Role = "officer",
    *,
    telegram_id: int | None = None,
    language: str = "id",
    status: str = "active",
    at: datetime = JOINED,
) -> Officer:
    """An officer row written directly (what is under test is not /start)."""
    user_id = next(_TELEGRAM_IDS) if telegram_id is None else telegram_id
    stamp = to_db(at)
    await db.execute(
        "INSERT INTO officers (telegram_id, chat_id, full_name, unit_id, role, status, language,"
        " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            user_id,
            user_id,
            name,
            await unit_id_in(db, unit_code),
            role,
            status,
            language,
            stamp,
            stamp,
        ),
    )
    officer = await officers_db.by_telegram_id(db, user_id)
    assert officer is not None
    return officer


async def add_officer(
    bot: BotDriver,
    name: str,
    unit_code: str,
    role: Role = "officer",
    language: str = "id",
    status: str = "active",
) -> Officer:
    """A person in the sandbox who is already an officer (joined now, set up directly)."""
    user_id = bot.sandbox.add_user(name, language_code=language)
    return await insert_officer(
        bot.db,
        name,
        unit_code,
        role,
        telegram_id=user_id,
        language=language,
        status=status,
        at=bot.clock.now(),
    )


async def add_officers(
    bot: BotDriver, count: int, unit_code: str = WANAHERANG, language: str = "id"
) -> list[Officer]:
    """``count`` officers of one unit, "Petugas 0", "Petugas 1", ..."""
    return [
        await add_officer(bot, f"Petugas {number}", unit_code, language=language)
        for number in range(count)
    ]


async def officer(bot: BotDriver, telegram_id: int) -> Officer:
    found = await officers_db.by_telegram_id(bot.db, telegram_id)
    assert found is not None
    return found


async def officer_row(bot: BotDriver, telegram_id: int) -> Any:
    return await bot.db.fetchone("SELECT * FROM officers WHERE telegram_id = ?", (telegram_id,))


async def apply_by_taps(
    bot: BotDriver,
    user: int,
    kecamatan: str = "Cibinong",
    unit: str = "Kel. Pakansari",
    position: str = "Pengelola Media Sosial",
) -> tuple[int, int, list[SentMessage]]:
    """Apply to join with taps only: returns (taps, typed messages, the bot's last replies)."""
    taps = typed = 0
    replies = await bot.say(user, "/start")
    taps += 1  # the START button, or /start from the menu
    for label in ("📝 Ajukan pendaftaran", kecamatan, unit):
        await bot.press(user, label)
        taps += 1
    name_button = next(
        label for label, _ in bot.sandbox.messages(user)[-1].buttons() if label.startswith("Pakai:")
    )
    await bot.press(user, name_button)
    taps += 1
    replies = await bot.press(user, position)
    taps += 1
    return taps, typed, replies


# ---- programs and briefings -----------------------------------------------------------


def actor(author: Officer) -> Actor:
    return Actor.officer(author.id, author.telegram_id)


async def create_program(
    db: Database,
    author: Officer,
    at: datetime,
    name: str,
    *,
    description: str = "Layanan kesehatan",
    horizon: Horizon = "menengah",
    ends_on: date = date(2027, 6, 30),
) -> int:
    made = await programs_db.create(
        db,
        name=name,
        description=description,
        priority=1,
        horizon=horizon,
        starts_on=date(2026, 12, 1),
        ends_on=ends_on,
        actor=actor(author),
        at=at,
    )
    return made.id


async def program(bot: BotDriver, author: Officer, name: str = "Bogor Sehat") -> int:
    """The program called ``name`` (made by ``author`` if there is none yet)."""
    existing = await bot.db.fetchval("SELECT id FROM programs WHERE name = ?", (name,))
    if existing:
        return int(existing)
    return await create_program(bot.db, author, bot.clock.now(), name)


async def draft(db: Database, author: Officer, at: datetime, **fields: Any) -> int:
    """A briefing draft composed straight in the database, up to its preview."""
    made = await briefings_db.start_draft(db, author.id, at)
    await briefings_db.save_draft(db, made.id, at, step="preview", **fields)
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
    """A briefing composed in the database and published through the engine."""
    author = await officer(bot, author_telegram_id)
    now = bot.clock.now()
    briefing_id = await draft(
        bot.db,
        author,
        now,
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
            bot.db, briefing_id, "photo", f"AgACAgQAAxkBAAIBmateri{number:02d}", now
        )
    await briefing_lifecycle.publish(
        bot.services,
        briefing_id,
        unit_ids=[await unit_id(bot, code) for code in unit_codes],
        publish_at=publish_at or now,
        now=now,
        actor=actor(author),
    )
    await settle(bot)
    return briefing_id


# ---- submissions ----------------------------------------------------------------------

_POSTS = itertools.count(1)


async def report(bot: BotDriver, reporter: Officer, briefing_id: int) -> None:
    """The officer reports a post for the briefing (closing the unit's assignment)."""
    url = f"https://www.instagram.com/p/C7xYz{next(_POSTS):05d}AbCd/"
    await submissions_db.report_link(bot.db, reporter, briefing_id, url, bot.clock.now())


async def approved_release(bot: BotDriver, author: int, reviewer: int, title: str) -> int:
    """A release of ``author`` approved by ``reviewer``, made in the database."""
    writer, judge = await officer(bot, author), await officer(bot, reviewer)
    now = bot.clock.now()
    made = await releases_db.start_draft(bot.db, writer, "photos", now)
    fields = {name: f"{name} {title}" for name in releases_db.TEXT_FIELDS}
    await releases_db.save_draft(
        bot.db, made.id, writer.id, now, step="photos", **{**fields, "title": title}
    )
    await releases_db.finish(bot.db, made.id, writer.id, now)
    await releases_db.set_docx(bot.db, made.id, f"BQACAgQAAxkBAAIDOCXrilis{made.id:04d}")
    sent = await releases_db.send_for_review(bot.db, writer, made.id, title, now)
    await submissions_db.decide(bot.db, judge, sent.id, "disetujui", None, now)
    return made.id


async def announce(bot: BotDriver, sender: Officer, body: str, send_at: datetime) -> int:
    """An announcement of ``sender`` to everyone in their scope, asking for acknowledgement."""
    letter = announcements.Letter(
        body=body,
        media_type=None,
        file_id=None,
        urgent=False,
        ack=True,
        sender_name=sender.full_name,
        sender_role=sender.role,
        sender_unit=await announcements.sender_unit_label(bot.db, sender, "id"),
    )
    made, _ = await announcements.publish(
        bot.db, engine(bot), sender, letter, Audience("scope"), send_at, bot.clock.now()
    )
    return made.id


# ---- waiting --------------------------------------------------------------------------


def engine(bot: BotDriver) -> DeliveryEngine:
    assert bot.services.delivery is not None
    return bot.services.delivery


# What the engine's round would look at (db/outbox.py due_messages and finishable): a
# queued message before its time has nothing of it sent or closed.
_DUE = "SELECT EXISTS (SELECT 1 FROM outbox_messages WHERE status = 'queued' AND not_before <= ?)"


def _sent(bot: BotDriver) -> int:
    return sum(len(bot.sandbox.messages(chat)) for chat in bot.sandbox.chats)


async def settle(bot: BotDriver) -> None:
    """Until the bot handled everything and the engine sent everything due, and what
    that led to (a delivery report): at once when the outbox holds nothing queued that
    is due by the bot's clock (a message and its deliveries are written in one
    transaction), else until a round of the engine sends nothing more (at most three)."""
    for _ in range(3):
        await bot.idle()
        if not await bot.db.fetchval(_DUE, (to_db(bot.clock.now()),)):
            return
        sent = _sent(bot)
        await engine(bot).wait_idle()
        await bot.idle()
        if _sent(bot) == sent:
            return


async def run(bot: BotDriver, due: Callable[[Services], Awaitable[int]]) -> int:
    """Call a due-function as the jobs do, then wait until the engine sent what it queued."""
    queued = await due(bot.services)
    await settle(bot)
    return queued


# ---- what was sent --------------------------------------------------------------------


def texts(bot: BotDriver, chat_id: int) -> list[str]:
    return [message.plain_text for message in bot.sandbox.messages(chat_id)]


def last_text(bot: BotDriver, chat_id: int) -> str:
    return bot.sandbox.messages(chat_id)[-1].plain_text


def joined(replies: list[SentMessage]) -> str:
    return "\n".join(message.plain_text for message in replies)


def received(bot: BotDriver, person: Officer) -> list[str]:
    return texts(bot, person.telegram_id)


def containing(bot: BotDriver, person: Officer, words: str) -> list[str]:
    return [text for text in received(bot, person) if words in text]


async def dump(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table as committed: compare before and after to prove nothing
    changed. Read on a connection of its own, in one go (a few milliseconds; a
    :class:`tests.db_snapshot.Snapshot` skips the reading when nothing was written)."""
    with closing(read_only(db.path)) as conn:
        return every_row(conn)


AUTHORIZATION_REFUSALS = (
    "denied.",
    "people.error.not_allowed",
    "people.error.scope",
    "people.error.rank",
    "people.error.self",
    "people.error.admin_only",
    "register.problem.not_allowed",
    "program.denied",
    "submit.refused.not_targeted",
    "rekap.not_found",
)


def refusal_prefixes() -> list[str]:
    """The opening words of every authorization refusal, in both languages."""
    return [
        versions[lang].split("{")[0]
        for key, versions in CATALOGUE.items()
        if key.startswith(AUTHORIZATION_REFUSALS)
        for lang in ("id", "en")
    ]


def is_refusal(text: str | None) -> bool:
    if not text:
        return False
    return any(text.startswith(prefix) for prefix in refusal_prefixes())
