"""/rekap through the real bot: the figures, the drill-down, scope, paging and
"🔔 Ingatkan yang belum" (the figures themselves: tests/test_recap_data.py)."""

from __future__ import annotations

from datetime import timedelta

from bot.core.texts import t
from bot.devtools.driver import BotDriver
from db import units as units_db
from db.officers import Officer
from handlers.recap_view import BRIEFING, PERIOD
from tests.factories import (
    BOJONGKULUR,
    CIBINONG,
    GUNUNGPUTRI,
    KARADENAN,
    PONDOK_RAJEG,
    REGENCY,
    WANAHERANG,
    add_officer,
    containing,
    publish,
    report,
    settle,
    unit_id,
)

LIMIT = 4096
REMINDER = "Pengingat dari koordinator"


def last(bot: BotDriver, person: Officer) -> str:
    return bot.sandbox.messages(person.telegram_id)[-1].plain_text


def labels(bot: BotDriver, person: Officer) -> list[str]:
    return [label for label, _ in bot.sandbox.messages(person.telegram_id)[-1].buttons()]


def alert(bot: BotDriver) -> str:
    return str(bot.sandbox.callback_answers[-1].get("text"))


class People:
    def __init__(self, bot: BotDriver) -> None:
        self.bot = bot

    async def build(self) -> People:
        bot = self.bot
        self.regency = await add_officer(bot, "Koordinator Kab", REGENCY, "coordinator")
        self.gunungputri = await add_officer(bot, "Koordinator GP", GUNUNGPUTRI, "coordinator")
        self.pondok = await add_officer(bot, "Siti Pondok", PONDOK_RAJEG)
        self.karadenan = await add_officer(bot, "Rina Karadenan", KARADENAN)
        self.wanaherang = await add_officer(bot, "Budi Wanaherang", WANAHERANG)
        self.wanaherang2 = await add_officer(bot, "Andi Wanaherang", WANAHERANG)
        self.cibinong = await add_officer(bot, "Joko Cibinong", CIBINONG)
        return self


async def briefing_with_figures(bot: BotDriver, people: People) -> int:
    """Five units: Pondok Rajeg on time, Karadenan late, Kecamatan Cibinong only a
    rejected link, Wanaherang missing, Bojongkulur missing with no officer."""
    briefing = await publish(
        bot,
        people.regency.telegram_id,
        [PONDOK_RAJEG, KARADENAN, CIBINONG, WANAHERANG, BOJONGKULUR],
        deadline=timedelta(days=2),
    )
    await report(bot, people.pondok, briefing)
    await report(bot, people.cibinong, briefing)
    await bot.db.execute(
        "UPDATE submissions SET status = 'ditolak' WHERE officer_id = ?", (people.cibinong.id,)
    )
    bot.clock.advance(timedelta(days=2, hours=1))
    await report(bot, people.karadenan, briefing)
    return briefing


async def test_regency_recap_figures_and_drill_down(bot: BotDriver) -> None:
    people = await People(bot).build()
    briefing = await briefing_with_figures(bot, people)
    coordinator = people.regency.telegram_id
    replies = await bot.say(coordinator, "/rekap")
    assert "Pilih briefing atau periode" in replies[-1].plain_text
    await bot.press(coordinator, f"#{briefing} Vaksinasi Anak")
    text = last(bot, people.regency)
    assert "Dituju: 5 unit" in text
    assert "✅ Tepat waktu: 1" in text and "⏰ Terlambat: 1" in text
    assert "❌ Belum: 2" in text and "(1 belum ada petugas)" in text
    assert "🚫 Semua ditolak: 1" in text
    assert "Melapor: 2/5 (40%)" in text
    assert "Kecamatan Cibinong: 2/3 (67%)" in text
    assert "Kecamatan Gunungputri: 0/2 (0%)" in text
    assert "Belum melapor (3)" in text
    assert "Kec. Gunungputri\n• Desa Wanaherang\n• Desa Bojongkulur — belum ada petugas" in text
    assert "• Kecamatan Cibinong — semua ditolak" in text
    assert max(len(line) for line in text.splitlines()) <= 45
    await bot.press(coordinator, "Kecamatan Gunungputri 0%")
    text = last(bot, people.regency)
    assert "Kecamatan Gunungputri" in text and "Cibinong" not in text
    assert "❌ Desa Bojongkulur — belum ada petugas" in text
    await bot.press(coordinator, "❌ Desa Wanaherang")
    text = last(bot, people.regency)
    assert "Status: ❌ belum melapor" in text and "Belum ada laporan." in text
    assert "• Andi Wanaherang: bisa dihubungi" in text
    assert "• Budi Wanaherang: bisa dihubungi" in text
    await bot.press(coordinator, "⬆️ Kecamatan Gunungputri")
    await bot.press(coordinator, "⬆️ Kabupaten Bogor")
    await bot.press(coordinator, "Kecamatan Cibinong 67%")
    await bot.press(coordinator, "⏰ Kelurahan Karadenan")
    text = last(bot, people.regency)
    assert "Status: ⏰ terlambat" in text and "Laporan (1)" in text
    assert "disetujui" not in text and "terlambat · Rina Karadenan" in text


async def test_a_kecamatan_coordinator_sees_the_regencys_briefing_for_their_desa_only(
    bot: BotDriver,
) -> None:
    people = await People(bot).build()
    briefing = await briefing_with_figures(bot, people)
    coordinator = people.gunungputri.telegram_id
    await bot.say(coordinator, "/rekap")
    await bot.press(coordinator, f"#{briefing} Vaksinasi Anak")
    text = last(bot, people.gunungputri)
    assert "Dituju: 2 unit" in text and "Melapor: 0/2 (0%)" in text
    for other in ("Cibinong", "Pondok Rajeg", "Karadenan", "Kabupaten"):
        assert other not in text
    assert not any("Cibinong" in label for label in labels(bot, people.gunungputri))
    # A forged button for another kecamatan is refused and shows nothing of it.
    message = bot.sandbox.messages(coordinator)[-1].message_id
    cibinong = await unit_id(bot, CIBINONG)
    await bot.press_data(coordinator, message, BRIEFING.build(briefing, cibinong, 0))
    assert alert(bot) == t("id", "denied.scope")
    assert "Cibinong" not in last(bot, people.gunungputri)
    december = 20261201031  # 1 December 2026 and 30 days after (Span.code)
    await bot.press_data(coordinator, message, PERIOD.build(december, cibinong, 0))
    assert alert(bot) == t("id", "denied.scope")
    await bot.press(coordinator, "📋 Pilih lagi")
    await bot.press(coordinator, "Bulan ini")
    text = last(bot, people.gunungputri)
    assert "1 briefing" in text and "Penugasan: 2" in text
    assert "Cibinong" not in text and "• Desa Wanaherang: 1 dari 1" in text


async def test_a_regency_wide_recap_is_paged_under_the_limit(bot: BotDriver) -> None:
    people = await People(bot).build()
    units = await units_db.list_units(bot.db)
    codes = [unit.code for unit in units if unit.kind in ("desa", "kelurahan")]
    briefing = await publish(bot, people.regency.telegram_id, codes)
    coordinator = people.regency.telegram_id
    await bot.say(coordinator, "/rekap")
    await bot.press(coordinator, f"⏳ #{briefing} Vaksinasi Anak")
    seen: list[str] = []
    pages = 0
    while True:
        text = last(bot, people.regency)
        assert len(text) < LIMIT
        pages += 1
        seen.extend(line for line in text.splitlines() if line.startswith("• "))
        if "Berikutnya »" not in labels(bot, people.regency):
            break
        await bot.press(coordinator, "Berikutnya »")
    assert pages > 1
    assert len(seen) == len(codes)  # every desa/kelurahan once (names repeat across kecamatan)


async def test_remind_reaches_exactly_the_units_that_did_not_report_once(
    bot: BotDriver,
) -> None:
    people = await People(bot).build()
    briefing = await publish(
        bot, people.regency.telegram_id, [PONDOK_RAJEG, CIBINONG, WANAHERANG, BOJONGKULUR]
    )
    await report(bot, people.pondok, briefing)
    await report(bot, people.cibinong, briefing)
    await bot.db.execute(
        "UPDATE submissions SET status = 'ditolak' WHERE officer_id = ?", (people.cibinong.id,)
    )
    coordinator = people.regency.telegram_id
    await bot.say(coordinator, "/rekap")
    await bot.press(coordinator, f"⏳ #{briefing} Vaksinasi Anak")
    await bot.press(coordinator, "🔔 Ingatkan yang belum (3)")
    assert "ke 3 unit yang belum" in last(bot, people.regency)
    await bot.press(coordinator, "🔔 Ya, kirim")
    await settle(bot)
    text = last(bot, people.regency)
    assert "Pengingat diantrekan untuk 3 orang di 3 unit." in text
    assert "1 unit tidak bisa dihubungi" in text
    reminded = {
        person.full_name
        for person in (people.pondok, people.cibinong, people.wanaherang, people.wanaherang2)
        if containing(bot, person, REMINDER)
    }
    assert reminded == {"Joko Cibinong", "Budi Wanaherang", "Andi Wanaherang"}
    assert not containing(bot, people.karadenan, REMINDER)
    # A second press within two hours sends nothing.
    await bot.say(coordinator, "/rekap")
    await bot.press(coordinator, f"⏳ #{briefing} Vaksinasi Anak")
    await bot.press(coordinator, "🔔 Ingatkan yang belum (3)")
    await bot.press(coordinator, "🔔 Ya, kirim")
    await settle(bot)
    assert "Bisa lagi setelah" in alert(bot)
    assert len(containing(bot, people.wanaherang, REMINDER)) == 1
    rows = await bot.db.fetchall("SELECT recipients FROM recap_reminders")
    assert [row["recipients"] for row in rows] == [3]
    bot.clock.advance(timedelta(hours=2, minutes=1))
    await bot.press(coordinator, "🔔 Ya, kirim")
    await settle(bot)
    assert len(containing(bot, people.wanaherang, REMINDER)) == 2


async def test_a_typed_range(bot: BotDriver) -> None:
    people = await People(bot).build()
    await briefing_with_figures(bot, people)
    coordinator = people.regency.telegram_id
    await bot.say(coordinator, "/rekap")
    await bot.press(coordinator, "✏️ Rentang lain")
    replies = await bot.say(coordinator, "kapan saja")
    assert "tidak saya pahami" in replies[-1].plain_text
    replies = await bot.say(coordinator, "1-15 Des 2026")
    text = replies[-1].plain_text
    assert "Rekap 1 Des 2026 – 15 Des 2026" in text
    assert "Penugasan: 5" in text and "Melapor: 40%" in text


async def test_brief_kelola_pages_every_briefing_of_the_area_closed_ones_too(
    bot: BotDriver,
) -> None:
    people = await People(bot).build()
    regency_briefing = await briefing_with_figures(bot, people)
    own = [
        await publish(bot, people.gunungputri.telegram_id, [WANAHERANG], title=f"Desa {n}")
        for n in range(6)
    ]
    await bot.db.execute("UPDATE briefings SET status = 'closed' WHERE id = ?", (own[0],))
    coordinator = people.gunungputri.telegram_id
    first = (await bot.say(coordinator, "/brief_kelola"))[-1]
    assert "Briefing wilayah Anda (7)" in first.plain_text
    assert f"#{own[5]} Desa 5" in first.plain_text and f"⏰ Tenggat #{own[5]}" in labels(
        bot, people.gunungputri
    )
    await bot.press(coordinator, "Berikutnya »")
    text = last(bot, people.gunungputri)
    assert f"#{own[0]} Desa 0 · ditutup" in text and f"⏰ Tenggat #{own[0]}" not in labels(
        bot, people.gunungputri
    )
    assert f"#{regency_briefing} Vaksinasi Anak · terbit · dari kabupaten" in text
    assert "0/2 unit sudah melapor" in text
    assert f"⏰ Tenggat #{regency_briefing}" not in labels(bot, people.gunungputri)
    await bot.press(coordinator, f"📊 Rekap #{regency_briefing}")
    assert "Dituju: 2 unit" in last(bot, people.gunungputri)
