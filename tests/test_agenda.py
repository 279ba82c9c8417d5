"""/agenda and /peringkat through the real bot."""

from __future__ import annotations

from datetime import date, timedelta

from bot.devtools.driver import BotDriver
from tests.factories import (
    GUNUNGPUTRI,
    KARADENAN,
    PONDOK_RAJEG,
    REGENCY,
    WANAHERANG,
    add_officer,
    create_program,
    publish,
    report,
)


async def test_agenda_by_horizon_with_briefings_and_compliance(bot: BotDriver) -> None:
    regency = await add_officer(bot, "Koordinator Kab", REGENCY, "coordinator")
    officer = await add_officer(bot, "Siti Pondok", PONDOK_RAJEG)
    now = bot.clock.now()
    await create_program(bot.db, regency, now, "Bogor Sehat", horizon="pendek")
    finished = await create_program(
        bot.db, regency, now, "Pasar Murah", horizon="panjang", ends_on=date(2026, 12, 31)
    )
    await bot.db.execute("UPDATE programs SET status = 'done' WHERE id = ?", (finished,))
    briefing = await publish(bot, regency.telegram_id, [PONDOK_RAJEG, KARADENAN])
    await report(bot, officer, briefing)
    replies = await bot.say(regency.telegram_id, "/agenda")
    text = replies[-1].plain_text
    assert text.index("Jangka pendek") < text.index("Bogor Sehat") < text.index("Jangka panjang")
    assert "✅ Pasar Murah" in text and "selesai" in text
    assert f"• #{briefing} Vaksinasi Anak" in text
    assert "Kepatuhan: 1/2 (50%)" in text
    mine = (await bot.say(officer.telegram_id, "/agenda"))[-1].plain_text
    assert f"• #{briefing} Vaksinasi Anak" in mine and "Kepatuhan" not in mine


async def test_ranking_for_coordinators_and_an_officers_own_standing(bot: BotDriver) -> None:
    regency = await add_officer(bot, "Koordinator Kab", REGENCY, "coordinator")
    gunungputri = await add_officer(bot, "Koordinator GP", GUNUNGPUTRI, "coordinator")
    pondok = await add_officer(bot, "Siti Pondok", PONDOK_RAJEG)
    wanaherang = await add_officer(bot, "Budi Wanaherang", WANAHERANG)
    units = [PONDOK_RAJEG, KARADENAN, WANAHERANG]
    for _ in range(2):
        briefing = await publish(bot, regency.telegram_id, units, deadline=timedelta(hours=5))
        await report(bot, pondok, briefing)
        bot.clock.advance(timedelta(hours=6))
        await report(bot, wanaherang, briefing)
    text = (await bot.say(regency.telegram_id, "/peringkat"))[-1].plain_text
    assert text.index("1. Kelurahan Pondok Rajeg") < text.index("2. Desa Wanaherang")
    assert "tepat waktu 2/2 · lapor 2" in text and "tepat waktu 0/2 · lapor 2" in text
    assert "3. Kelurahan Karadenan" in text
    mine = (await bot.say(gunungputri.telegram_id, "/peringkat"))[-1].plain_text
    assert "1. Desa Wanaherang" in mine and "Pondok" not in mine
    own = (await bot.say(pondok.telegram_id, "/peringkat"))[-1].plain_text
    assert "peringkat 1 dari 3 unit" in own
    assert "🔥 2 briefing berturut-turut tepat waktu" in own
    assert "Wanaherang" not in own and "Karadenan" not in own
    late = (await bot.say(wanaherang.telegram_id, "/peringkat"))[-1].plain_text
    assert "peringkat 2 dari 3 unit" in late and "🔥" not in late
