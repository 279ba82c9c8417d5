"""Fewer taps for officers: the reply keyboard, a short welcome, /cuti by buttons and words."""

from __future__ import annotations

from datetime import timedelta

from bot.devtools.driver import BotDriver
from db import leave as leave_db
from handlers.commands import commands_for
from tests.conftest import ADMIN_ID
from tests.factories import (
    CIBINONG,
    PONDOK_RAJEG,
    add_officer,
    joined,
    last_text,
    publish,
    wib,
)

KEYS = ["📣 Briefing", "📤 Lapor", "⏰ Tenggat"]


def _keyboard_labels(markup: dict | None) -> list[str]:
    assert markup is not None and markup.get("is_persistent") is True
    return [button["text"] for row in markup["keyboard"] for button in row]


def _inline_labels(markup: dict | None) -> list[str]:
    assert markup is not None
    return [button["text"] for row in markup["inline_keyboard"] for button in row]


async def test_an_officer_joins_with_a_short_welcome_and_the_daily_keys(bot: BotDriver) -> None:
    user = bot.sandbox.add_user("Siti")
    token = await bot.invitation(PONDOK_RAJEG)
    [welcome] = await bot.say(user, f"/start {token}")
    assert "Selamat bergabung" in (welcome.text or "")
    assert len(welcome.plain_text.splitlines()) <= 8
    assert "/bantuan" in welcome.plain_text and "/laporanku" not in welcome.plain_text
    assert _keyboard_labels(welcome.reply_markup) == KEYS
    [again] = await bot.say(user, "/start")
    assert _keyboard_labels(again.reply_markup) == KEYS


async def test_a_coordinator_welcome_is_short_and_has_no_officer_keys(bot: BotDriver) -> None:
    user = bot.sandbox.add_user("Rudi")
    token = await bot.invitation(CIBINONG, "coordinator")
    [welcome] = await bot.say(user, f"/start {token}")
    assert len(welcome.plain_text.splitlines()) <= 8
    assert "/brief_baru" in welcome.plain_text and "/bantuan" in welcome.plain_text
    assert welcome.reply_markup is None or "keyboard" not in welcome.reply_markup


def test_brief_and_lapor_open_the_command_menu_of_officers_and_coordinators() -> None:
    for role in ("officer", "coordinator", "admin"):
        assert [spec.name for spec in commands_for(role)][:2] == ["brief", "lapor"]
    assert commands_for(None)[0].name == "start"


async def test_the_keys_run_their_commands_even_inside_a_dialogue(bot: BotDriver) -> None:
    coordinator = await add_officer(bot, "Dedi", CIBINONG, "coordinator")
    siti = await add_officer(bot, "Siti", PONDOK_RAJEG)
    briefing_id = await publish(bot, coordinator.telegram_id, [PONDOK_RAJEG])
    listing = joined(await bot.say(siti.telegram_id, "📣 Briefing"))
    assert "Vaksinasi Anak" in listing and briefing_id
    assert "Lapor" in joined(await bot.say(siti.telegram_id, "📤 Lapor"))
    # Inside /cuti's "Pilih tanggal" (waiting for a typed day), a key is not the day typed.
    await bot.say(siti.telegram_id, "/cuti")
    await bot.press(siti.telegram_id, "📅 Pilih tanggal")
    deadlines = joined(await bot.say(siti.telegram_id, "⏰ Tenggat"))
    assert "Tanggal tidak dikenali" not in deadlines and "Vaksinasi Anak" in deadlines
    # ... and the dialogue still takes the day afterwards.
    assert "Cuti dicatat" in joined(await bot.say(siti.telegram_id, "besok"))


async def test_cuti_by_a_button_in_two_interactions(bot: BotDriver) -> None:
    siti = await add_officer(bot, "Siti", PONDOK_RAJEG)  # now: Tuesday 1 December 2026
    start = bot.interactions
    [status] = await bot.say(siti.telegram_id, "/cuti")
    labels = _inline_labels(status.reply_markup)
    assert labels == ["3 hari", "1 minggu", "2 minggu", "📅 Pilih tanggal"]
    await bot.press(siti.telegram_id, "1 minggu")
    assert bot.interactions - start == 2
    assert "sampai akhir Senin, 7 Desember 2026" in last_text(bot, siti.telegram_id)
    until = await leave_db.leave_until(bot.db, siti.id, bot.clock.now())
    assert until == wib(2026, 12, 8, 0)
    [status] = await bot.say(siti.telegram_id, "/cuti")
    assert "Akhiri cuti" in _inline_labels(status.reply_markup)
    await bot.press(siti.telegram_id, "Akhiri cuti")
    assert await leave_db.leave_until(bot.db, siti.id, bot.clock.now()) is None


async def test_cuti_accepts_indonesian_dates(bot: BotDriver) -> None:
    siti = await add_officer(bot, "Siti", PONDOK_RAJEG)
    for typed, last in [
        ("/cuti 31 Desember", wib(2026, 12, 31, 0)),
        ("/cuti besok", wib(2026, 12, 2, 0)),
        ("/cuti 7 hari", wib(2026, 12, 7, 0)),
    ]:
        assert "Cuti dicatat" in joined(await bot.say(siti.telegram_id, typed)), typed
        until = await leave_db.leave_until(bot.db, siti.id, bot.clock.now())
        assert until == last + timedelta(days=1), typed
    await bot.say(siti.telegram_id, "/cuti")
    await bot.press(siti.telegram_id, "📅 Pilih tanggal")
    assert "Tanggal tidak dikenali" in joined(await bot.say(siti.telegram_id, "kemarin"))
    assert "Cuti dicatat" in joined(await bot.say(siti.telegram_id, "Jumat"))
    until = await leave_db.leave_until(bot.db, siti.id, bot.clock.now())
    assert until == wib(2026, 12, 5, 0)
    assert ADMIN_ID
