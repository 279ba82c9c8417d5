"""Attack: make the bot crash again and again to flood the administrators with alerts.

Each alert names the error type, where it happened and the update ids, never what the
person typed; one kind of error alerts at most once per 10 minutes (on the bot's
clock), and the next alert of that kind says how many were held back.
"""

from __future__ import annotations

from datetime import timedelta

from telegram import Update
from telegram.ext import TypeHandler

from bot.core.clock import FakeClock
from bot.devtools.driver import BotDriver
from handlers.context import HumasContext
from tests.conftest import ADMIN_ID

SECRET_WORDS = "Rahasia Budi 0812-3456-7890"


async def crash(update: Update, context: HumasContext) -> None:
    """A handler with a bug that quotes what the person typed in its error."""
    text = update.message.text if update.message else None
    if text and text.startswith("boom"):
        raise ValueError(f"cannot handle {text!r}")
    if text and text.startswith("kaboom"):
        raise KeyError(text)


def install_crash(bot: BotDriver) -> None:
    assert bot.app is not None
    bot.app.add_handler(TypeHandler(Update, crash), group=-3)


def alerts(bot: BotDriver) -> list[str]:
    return [m.text or "" for m in bot.sandbox.messages(ADMIN_ID) if "⚠️" in (m.text or "")]


async def test_crash_flood_sends_one_alert_per_kind_per_ten_minutes(
    bot: BotDriver, clock: FakeClock
) -> None:
    install_crash(bot)
    user = bot.sandbox.add_user("Penyerang")
    for _ in range(6):
        replies = await bot.say(user, f"boom {SECRET_WORDS}")
        assert any("kesalahan" in (reply.text or "") for reply in replies)  # still told
    first = alerts(bot)
    assert len(first) == 1
    assert "ValueError" in first[0] and "tests.test_attack_alerts:crash" in first[0]

    clock.advance(timedelta(minutes=9))
    await bot.say(user, f"boom {SECRET_WORDS}")
    assert len(alerts(bot)) == 1

    clock.advance(timedelta(minutes=1))
    await bot.say(user, f"boom {SECRET_WORDS}")
    later = alerts(bot)
    assert len(later) == 2
    assert "6 galat serupa" in later[1]


async def test_crash_alert_carries_no_personal_data(bot: BotDriver) -> None:
    install_crash(bot)
    user = bot.sandbox.add_user("Budi", last_name="Santoso")
    update_id = bot.sandbox.send_text(user, f"boom {SECRET_WORDS}")
    await bot.idle()
    (alert,) = alerts(bot)
    assert str(update_id) in alert
    for private in ("Rahasia", "0812", "Budi", "Santoso", str(user)):
        assert private not in alert


async def test_crash_of_another_kind_is_alerted_on_its_own(bot: BotDriver) -> None:
    install_crash(bot)
    user = bot.sandbox.add_user("Penyerang")
    await bot.say(user, "boom")
    await bot.say(user, "kaboom")
    await bot.say(user, "boom")
    await bot.say(user, "kaboom")
    sent = alerts(bot)
    assert len(sent) == 2
    assert "ValueError" in sent[0] and "KeyError" in sent[1]
