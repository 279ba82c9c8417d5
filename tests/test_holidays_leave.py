"""Holidays and days off pause pushes; /libur adds days off; /cuti mutes one officer's reminders."""

from __future__ import annotations

from datetime import date

from bot.devtools.driver import BotDriver
from db import briefings as briefings_db
from db import programs as programs_db
from db import units as units_db
from db.audit import Actor
from scheduler.digests import run_due_digests
from scheduler.escalation import run_due_deadlines
from scheduler.holidays import deadline_warning, holiday_name
from scheduler.reminders import run_due_reminders
from tests.conftest import ADMIN_ID
from tests.factories import (
    CIBINONG,
    KARADENAN,
    PONDOK_RAJEG,
    WIB,
    add_officer,
    containing,
    joined,
    publish,
    run,
    wib,
)


async def test_a_reminder_due_on_a_holiday_waits_until_the_holiday_and_quiet_hours_end(
    bot: BotDriver,
) -> None:
    coordinator = await add_officer(bot, "Dedi", CIBINONG, "coordinator")
    ani = await add_officer(bot, "Ani", PONDOK_RAJEG)
    briefing_id = await publish(  # Saturday 26 December 08:00, the day after Christmas
        bot,
        coordinator.telegram_id,
        [PONDOK_RAJEG],
        deadline=wib(2026, 12, 26, 8) - bot.clock.now(),
    )
    bot.clock.set(wib(2026, 12, 25, 8, 0))  # the 24 h moment falls on Christmas
    assert await run(bot, run_due_reminders) == 0
    bot.clock.set(wib(2026, 12, 26, 0, 0))  # the holiday is over, but quiet hours are not
    assert await run(bot, run_due_reminders) == 0
    bot.clock.set(wib(2026, 12, 26, 6, 0))
    assert await run(bot, run_due_reminders) == 1
    [text] = containing(bot, ani, "Pengingat")
    assert "2 jam" in text
    kinds = await bot.db.fetchall(
        "SELECT kind, outbox_id IS NOT NULL AS sent FROM reminders_sent ORDER BY kind"
    )
    assert [tuple(row) for row in kinds] == [("before:10800", 1), ("before:86400", 0)]
    assert briefing_id


async def test_deadline_on_a_holiday_is_named_for_the_composing_coordinator(bot: BotDriver) -> None:
    assert await holiday_name(bot.db, date(2026, 12, 25)) == "Hari Raya Natal"
    assert await holiday_name(bot.db, date(2026, 12, 24)) == "Cuti Bersama Hari Raya Natal"
    assert await holiday_name(bot.db, date(2026, 12, 25), "en") == "Christmas Day"
    assert await holiday_name(bot.db, date(2026, 12, 23)) is None
    warning = await deadline_warning(bot.db, wib(2026, 12, 25, 17), "id", WIB)
    assert warning is not None and "Hari Raya Natal" in warning
    assert await deadline_warning(bot.db, wib(2026, 12, 23, 17), "id", WIB) is None


async def test_libur_adds_a_day_off_that_moves_the_weekly_digest_and_skips_the_daily(
    bot: BotDriver,
) -> None:
    await bot.say(ADMIN_ID, "/start")
    coordinator = await add_officer(bot, "Dedi", CIBINONG, "coordinator")
    ani = await add_officer(bot, "Ani", PONDOK_RAJEG)
    await publish(
        bot,
        coordinator.telegram_id,
        [PONDOK_RAJEG],
        deadline=wib(2026, 12, 7, 10) - bot.clock.now(),
    )

    reply = joined(await bot.say(ADMIN_ID, "/libur 2026-12-07 Hari Jadi <Bogor>"))
    assert "✅" in reply and "Senin, 7 Desember 2026" in reply and "Hari Jadi <Bogor>" in reply
    listing = joined(await bot.say(ADMIN_ID, "/libur"))
    assert "Hari Jadi <Bogor> (ditambahkan admin)" in listing and "Hari Raya Natal" in listing
    # Mistakes change nothing (typed by two more administrators: Telegram paces one chat).
    first = await add_officer(bot, "Adi", "32.01", "admin")
    second = await add_officer(bot, "Ayu", "32.01", "admin")
    for person, typed, expected in [
        (first, "/libur besok Rapat", "Tanggal tidak dikenali"),
        (first, "/libur 2026-11-01 Rapat", "sudah lewat"),
        (first, "/libur 2026-12-25 Natal", "sudah hari libur nasional: Hari Raya Natal"),
        (second, "/libur 08-12-2026", "Tulis keterangannya"),
        (second, "/libur 2026-12-07 Lagi", "sudah menjadi hari libur tambahan"),
        (second, "/libur hapus 2026-12-09", "bukan hari libur tambahan"),
    ]:
        assert expected in joined(await bot.say(person.telegram_id, typed)), typed
    assert "hanya untuk administrator" in joined(await bot.say(coordinator.telegram_id, "/libur"))
    rows = await bot.db.fetchall("SELECT day, note FROM days_off")
    assert [tuple(row) for row in rows] == [("2026-12-07", "Hari Jadi <Bogor>")]

    bot.clock.set(wib(2026, 12, 7, 7, 0))  # Monday, now a day off
    assert await run(bot, run_due_digests) == 0
    bot.clock.set(wib(2026, 12, 7, 10, 0))  # the deadline passes on the day off: notices wait
    assert await run(bot, run_due_deadlines) == 0
    bot.clock.set(wib(2026, 12, 7, 16, 0))
    assert await run(bot, run_due_digests) == 0
    bot.clock.set(wib(2026, 12, 8, 7, 0))  # Tuesday
    # The overdue notice, and the escalation to the kecamatan coordinator and to the three
    # administrators (the central desk while the regency has no coordinator).
    assert await run(bot, run_due_deadlines) == 5
    assert await run(bot, run_due_digests) >= 1
    [digest] = containing(bot, ani, "Prioritas pekan ini")
    assert "Selasa, 8 Desember 2026" in digest
    assert not await bot.db.fetchval(
        "SELECT 1 FROM digests_sent WHERE kind = 'daily' AND period = '2026-12-07'"
    )

    assert "bukan lagi hari libur tambahan" in joined(
        await bot.say(ADMIN_ID, "/libur hapus 2026-12-07")
    )
    assert await bot.db.fetchval("SELECT count(*) FROM days_off") == 0
    actions = [row["action"] for row in await bot.db.fetchall("SELECT action FROM audit_log")]
    assert "days_off.add" in actions and "days_off.remove" in actions


async def test_cuti_mutes_one_officer_and_the_coordinator_is_told_once_when_nobody_is_left(
    bot: BotDriver,
) -> None:
    coordinator = await add_officer(bot, "Dedi", CIBINONG, "coordinator")
    ani = await add_officer(bot, "Ani", PONDOK_RAJEG)
    asep = await add_officer(bot, "Asep", PONDOK_RAJEG)
    budi = await add_officer(bot, "Budi", KARADENAN)
    bot.sandbox.block_bot(budi.telegram_id)  # Budi blocked the bot: the briefing finds out
    briefing_id = await publish(
        bot,
        coordinator.telegram_id,
        [PONDOK_RAJEG, KARADENAN],
        deadline=wib(2026, 12, 4, 10) - bot.clock.now(),
    )

    assert "Anda tidak sedang cuti" in joined(await bot.say(ani.telegram_id, "/cuti"))
    # Mistakes change nothing (typed by two officers elsewhere: Telegram paces one chat).
    cici = await add_officer(bot, "Cici", "32.01.03.2001")
    dodi = await add_officer(bot, "Dodi", "32.01.03.2001")
    for person, typed, expected in [
        (cici, "/cuti kemarin", "Tanggal tidak dikenali"),
        (cici, "/cuti 2026-11-30", "sudah lewat"),
        (dodi, "/cuti 2027-06-01", "paling lama 60 hari"),
        (dodi, "/cuti selesai", "tidak sedang cuti"),
    ]:
        assert expected in joined(await bot.say(person.telegram_id, typed)), typed
    assert await bot.db.fetchval("SELECT count(*) FROM officer_leave") == 0
    reply = joined(await bot.say(ani.telegram_id, "/cuti 10-12-2026"))
    assert "sampai akhir Kamis, 10 Desember 2026" in reply and "1 petugas lain" in reply
    assert "Anda sedang cuti" in joined(await bot.say(ani.telegram_id, "/cuti"))

    bot.clock.set(wib(2026, 12, 3, 10, 0))
    await run(bot, run_due_reminders)
    assert not containing(bot, ani, "Pengingat") and len(containing(bot, asep, "Pengingat")) == 1
    [notice] = containing(bot, coordinator, "tidak sampai")
    assert "Kelurahan Karadenan — petugas memblokir bot" in notice and "Pondok Rajeg" not in notice

    reply = joined(await bot.say(asep.telegram_id, "/cuti 2026-12-10"))
    assert "Tidak ada petugas lain di unit Anda" in reply
    bot.clock.set(wib(2026, 12, 4, 7, 0))
    await run(bot, run_due_reminders)
    assert len(containing(bot, asep, "Pengingat")) == 1 and not containing(bot, ani, "Pengingat")
    notices = containing(bot, coordinator, "tidak sampai")
    assert len(notices) == 2 and "Kelurahan Pondok Rajeg — semua petugas sedang cuti" in notices[1]
    assert "Karadenan" not in notices[1], "a unit is told about once"

    bot.clock.set(wib(2026, 12, 4, 10, 0))
    await run(bot, run_due_deadlines)
    assert not containing(bot, ani, "Tenggat briefing") and not containing(
        bot, asep, "Tenggat briefing"
    )
    assert len(containing(bot, coordinator, "tidak sampai")) == 2, "still told only once"

    assert "Selamat bekerja kembali" in joined(await bot.say(ani.telegram_id, "/cuti selesai"))
    until = await bot.db.fetchval(
        "SELECT count(*) FROM officer_leave WHERE officer_id = ?", (ani.id,)
    )
    assert until == 0
    actions = [row["action"] for row in await bot.db.fetchall("SELECT action FROM audit_log")]
    assert actions.count("leave.set") == 2 and "leave.end" in actions
    assert briefing_id


async def test_composing_a_briefing_due_on_a_holiday_warns_the_coordinator(bot: BotDriver) -> None:
    coordinator = await add_officer(bot, "Dedi", CIBINONG, "coordinator")
    pondok = await units_db.by_code(bot.db, PONDOK_RAJEG)
    assert pondok is not None
    now = bot.clock.now()
    program = await programs_db.create(
        bot.db,
        name="Bogor Sehat",
        description="",
        priority=1,
        horizon="pendek",
        starts_on=date(2026, 12, 1),
        ends_on=date(2027, 1, 31),
        actor=Actor.officer(coordinator.id, coordinator.telegram_id),
        at=now,
    )
    draft = await briefings_db.start_draft(bot.db, coordinator.id, now)
    await briefings_db.save_draft(  # composed up to the deadline step, then left
        bot.db,
        draft.id,
        now,
        step="deadline",
        program_id=program.id,
        title="Natal aman",
        key_message="Jaga keamanan saat Natal.",
        formats=["infografis"],
        channels=["instagram"],
        targets={"kind": "units", "unit_ids": [pondok.id]},
    )
    await bot.say(coordinator.telegram_id, "/brief_baru")
    await bot.press(coordinator.telegram_id, "▶️ Lanjutkan")
    reply = joined(await bot.say(coordinator.telegram_id, "2026-12-25 17:00"))
    assert "Tenggat ini jatuh pada hari libur: Hari Raya Natal" in reply
    saved = await briefings_db.by_id(bot.db, draft.id)
    assert saved is not None and saved.deadline == wib(2026, 12, 25, 17), "a warning, not a refusal"
