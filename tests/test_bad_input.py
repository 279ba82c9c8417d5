"""Unexpected updates get a helpful reply or silence, never an unhandled exception."""

from __future__ import annotations

import logging

import pytest

from bot.devtools.driver import BotDriver

DESA = "32.01.02.2001"


@pytest.fixture
def errors(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.ERROR)
    return caplog


def assert_no_errors(caplog: pytest.LogCaptureFixture) -> None:
    failures = [record for record in caplog.records if record.levelno >= logging.ERROR]
    assert not failures, [record.getMessage() for record in failures]


async def test_stranger_and_officer_get_helpful_replies(
    bot: BotDriver, errors: pytest.LogCaptureFixture
) -> None:
    stranger = bot.sandbox.add_user("Asing")
    officer = await bot.join("Siti", DESA)
    for user in (stranger, officer):
        [reply] = await bot.say(user, "halo")
        assert "/bantuan" in reply.plain_text
        [reply] = await bot.say(user, "x" * 5000)
        assert "5000" in reply.plain_text and "4096" in reply.plain_text
        [reply] = await bot.say(user, "/tidakada")
        assert "/bantuan" in reply.plain_text
        before = len(bot.sandbox.messages(user))
        bot.sandbox.send_sticker(user)
        await bot.idle()
        assert len(bot.sandbox.messages(user)) == before + 1
    assert_no_errors(errors)


async def test_edited_messages_and_unknown_buttons(
    bot: BotDriver, errors: pytest.LogCaptureFixture
) -> None:
    officer = await bot.join("Siti", DESA)
    replies = await bot.say(officer, "/profil")
    count = len(bot.sandbox.messages(officer))
    own = [m for m in bot.sandbox.history(officer) if m.get("text") == "/profil"][-1]
    bot.sandbox.edit_text(officer, own["message_id"], "/profil")
    await bot.idle()
    assert len(bot.sandbox.messages(officer)) == count
    await bot.press_data(officer, replies[0].message_id, "zz:forged:123")
    answer = bot.sandbox.callback_answers[-1]
    assert answer["show_alert"] and "tidak berlaku" in answer["text"]
    await bot.press_data(officer, replies[0].message_id, "inv:move:yes")
    assert "tidak berlaku" in bot.sandbox.callback_answers[-1]["text"]
    assert_no_errors(errors)


async def test_group_chats_point_to_private_chat_or_stay_quiet(
    bot: BotDriver, errors: pytest.LogCaptureFixture
) -> None:
    officer = await bot.join("Siti", DESA)
    group = bot.sandbox.add_group("Humas Gunungputri", [officer])
    replies = await bot.say(officer, "/profil", chat_id=group)
    assert len(replies) == 1
    assert f"https://t.me/{bot.sandbox.bot_username}" in replies[0].plain_text
    assert await bot.say(officer, "selamat pagi semua", chat_id=group) == []
    assert await bot.say(officer, "/tidakada", chat_id=group) == []
    assert_no_errors(errors)


async def test_internal_error_is_logged_and_the_user_told(
    bot: BotDriver, caplog: pytest.LogCaptureFixture
) -> None:
    from tests.conftest import ADMIN_ID

    await bot.say(ADMIN_ID, "/start")
    officer = await bot.join("Siti", DESA)
    await bot.db.close()  # the next database call fails: an error we cause
    replies = await bot.say(officer, "/profil")
    assert any("kesalahan" in message.plain_text for message in replies)
    assert any("error while handling update" in record.getMessage() for record in caplog.records)
    assert "Galat" in bot.sandbox.messages(ADMIN_ID)[-1].plain_text
    bot.services.db = None  # already closed; keep post_shutdown from closing it twice
