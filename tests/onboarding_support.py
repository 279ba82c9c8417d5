"""Helpers shared by the onboarding, registration, people and authorization tests."""

from __future__ import annotations

from typing import Any

from bot.core.texts import CATALOGUE
from bot.devtools.driver import BotDriver
from bot.devtools.sandbox import SentMessage
from db.connection import Database

CIBINONG = "32.01.01"  # kecamatan whose units are kelurahan (page 1 of the kecamatan list)
PAKANSARI = "32.01.01.1007"  # Kelurahan Pakansari, Cibinong
KARADENAN = "32.01.01.1002"  # Kelurahan Karadenan, Cibinong
GUNUNGPUTRI = "32.01.02"
WANAHERANG = "32.01.02.2001"  # Desa Wanaherang, Gunungputri
REGENCY = "32.01"


async def dump(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table: compare before and after to prove nothing changed."""
    tables = await db.fetchall(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        " ORDER BY name"
    )
    return {
        table["name"]: [
            tuple(row)
            for row in await db.fetchall(f'SELECT * FROM "{table["name"]}" ORDER BY rowid')
        ]
        for table in tables
    }


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
    return bool(text) and any(text.startswith(prefix) for prefix in refusal_prefixes())


def texts(messages: list[SentMessage]) -> str:
    return "\n---\n".join(message.plain_text for message in messages)


async def unit_id(bot: BotDriver, code: str) -> int:
    value = await bot.db.fetchval("SELECT id FROM units WHERE code = ?", (code,))
    assert value is not None, code
    return int(value)


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
