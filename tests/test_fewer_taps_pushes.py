"""Pushes that fit on one screen: long lists become a summary with "Rincian" pages; pushes due
at the same minute to the same people are one message."""

from __future__ import annotations

from bot.devtools.driver import BotDriver
from scheduler.digests import run_due_digests
from scheduler.escalation import run_due_deadlines
from scheduler.reminders import run_due_reminders
from scheduler.screen import ESCALATION_DETAILS, MAX_LINES, screen_lines
from tests.factories import (
    CIBINONG,
    PONDOK_RAJEG,
    REGENCY,
    add_officer,
    containing,
    publish,
    run,
    wib,
)


async def _desa_codes(bot: BotDriver, count: int) -> list[str]:
    rows = await bot.db.fetchall(
        "SELECT code FROM units WHERE kind IN ('desa', 'kelurahan') ORDER BY code LIMIT ?",
        (count,),
    )
    return [row["code"] for row in rows]


async def test_the_regency_escalation_is_a_summary_whose_rincian_pages(bot: BotDriver) -> None:
    central = await add_officer(bot, "Rina Pusat", REGENCY, "coordinator")
    codes = await _desa_codes(bot, 1000)  # every desa and kelurahan: 40 kecamatan
    briefing_id = await publish(
        bot, central.telegram_id, codes, deadline=wib(2026, 12, 3, 17) - bot.clock.now()
    )
    bot.clock.set(wib(2026, 12, 3, 17, 0))
    await run(bot, run_due_deadlines)
    n, pages = len(codes), (len(codes) + 19) // 20
    [push] = [
        m for m in bot.sandbox.messages(central.telegram_id) if "Belum melapor" in (m.text or "")
    ]
    assert screen_lines(push.text or "") <= MAX_LINES
    assert f"{n} dari {n} unit sasaran belum melapor" in push.plain_text
    assert "Kantor kecamatan: 0" in push.plain_text
    assert push.button_labels() == [[f"📋 Rincian #{briefing_id}"]]

    [first] = await bot.press(
        central.telegram_id, f"📋 Rincian #{briefing_id}", message_id=push.message_id
    )
    assert f"{n} unit belum melapor (halaman 1/{pages})" in first.plain_text
    assert screen_lines(first.text or "") <= MAX_LINES
    assert first.button_labels() == [["Berikutnya ▶"]]
    await bot.press(central.telegram_id, "Berikutnya ▶", message_id=first.message_id)
    turned = bot.sandbox.messages(central.telegram_id)[-1]
    assert turned.message_id == first.message_id and f"halaman 2/{pages}" in turned.plain_text
    assert turned.button_labels() == [["◀ Sebelumnya", "Berikutnya ▶"]]


async def test_rincian_reads_the_scope_again_and_not_the_button(bot: BotDriver) -> None:
    central = await add_officer(bot, "Rina Pusat", REGENCY, "coordinator")
    cibinong = await add_officer(bot, "Dedi Cibinong", CIBINONG, "coordinator")
    codes = await _desa_codes(bot, 60)
    briefing_id = await publish(
        bot, central.telegram_id, codes, deadline=wib(2026, 12, 3, 17) - bot.clock.now()
    )
    bot.clock.set(wib(2026, 12, 3, 17, 0))
    await run(bot, run_due_deadlines)
    # The Cibinong coordinator forges the regency's details button: only Cibinong is listed.
    last = bot.sandbox.messages(cibinong.telegram_id)[-1]
    [page] = await bot.press_data(
        cibinong.telegram_id, last.message_id, ESCALATION_DETAILS.build(briefing_id, 0)
    )
    marks = ",".join("?" * len(codes))
    cibinong_units = await bot.db.fetchval(
        "SELECT count(*) FROM units u JOIN units p ON p.id = u.parent_id WHERE p.code = ?"
        f" AND u.code IN ({marks})",
        (CIBINONG, *codes),
    )
    assert f"{cibinong_units} unit belum melapor" in page.plain_text
    assert "Kecamatan Cibinong" in page.plain_text and "Gunungputri" not in page.plain_text


async def test_the_unreachable_list_is_a_summary_with_rincian(bot: BotDriver) -> None:
    central = await add_officer(bot, "Rina Pusat", REGENCY, "coordinator")
    codes = await _desa_codes(bot, 65)
    await publish(bot, central.telegram_id, codes, deadline=wib(2026, 12, 3, 17) - bot.clock.now())
    bot.clock.set(wib(2026, 12, 2, 17, 0))  # the 24 h reminder
    await run(bot, run_due_reminders)
    [notice] = [
        m for m in bot.sandbox.messages(central.telegram_id) if "tidak sampai" in m.plain_text
    ]
    assert "65 unit" in notice.plain_text and screen_lines(notice.text or "") <= MAX_LINES
    assert "… dan 55 lainnya" in notice.plain_text
    [page] = await bot.press(central.telegram_id, "📋 Rincian", message_id=notice.message_id)
    assert "65 unit (halaman 1/4)" in page.plain_text
    assert "belum ada petugas terdaftar" in page.plain_text


async def test_reminders_due_at_the_same_minute_to_one_unit_are_one_message(
    bot: BotDriver,
) -> None:
    coordinator = await add_officer(bot, "Dedi", CIBINONG, "coordinator")
    ani = await add_officer(bot, "Ani", PONDOK_RAJEG)
    deadline = wib(2026, 12, 4, 10) - bot.clock.now()
    first = await publish(bot, coordinator.telegram_id, [PONDOK_RAJEG], deadline=deadline)
    second = await publish(
        bot, coordinator.telegram_id, [PONDOK_RAJEG], title="Pajak Daerah", deadline=deadline
    )
    bot.clock.set(wib(2026, 12, 3, 10, 0))
    assert await run(bot, run_due_reminders) == 1
    [reminder] = containing(bot, ani, "Pengingat")
    assert "Vaksinasi Anak" in reminder and "Pajak Daerah" in reminder
    message = bot.sandbox.messages(ani.telegram_id)[-1]
    labels = [label for row in message.button_labels() for label in row]
    assert len(labels) == 4  # each briefing keeps its buttons
    rows = await bot.db.fetchall("SELECT outbox_id FROM reminders_sent")
    assert len(rows) == 2 and len({row["outbox_id"] for row in rows}) == 1
    assert first != second


async def test_the_daily_digest_leaves_out_empty_sections_and_old_overdue_briefings(
    bot: BotDriver,
) -> None:
    cibinong = await add_officer(bot, "Dedi Cibinong", CIBINONG, "coordinator")
    await add_officer(bot, "Ani", PONDOK_RAJEG)
    old = await publish(
        bot,
        cibinong.telegram_id,
        [PONDOK_RAJEG],
        title="Lama Sekali",
        deadline=wib(2026, 12, 2, 12) - bot.clock.now(),
    )
    bot.clock.set(wib(2026, 12, 9, 9, 0))
    recent = await publish(
        bot,
        cibinong.telegram_id,
        [PONDOK_RAJEG],
        title="Baru Lewat",
        deadline=wib(2026, 12, 10, 12) - bot.clock.now(),
    )
    bot.clock.set(wib(2026, 12, 10, 16, 0))  # Thursday
    assert await run(bot, run_due_digests) == 1
    [text] = containing(bot, cibinong, "Ringkasan harian")
    assert f"#{recent} Baru Lewat" in text
    assert "Lama Sekali" not in text, f"#{old} is overdue by more than 7 days"
    for empty in ("Laporan hari ini", "Draf menunggu", "Laporan isu", "besok"):
        assert empty not in text, empty
    assert "—" not in text.splitlines(), "no section that says only 'none'"
    assert screen_lines(text) <= MAX_LINES
