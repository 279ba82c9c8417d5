"""At the deadline: the overdue notice to open units, and escalation lists per coordinator scope."""

from __future__ import annotations

import logging

import pytest

from bot.devtools.driver import BotDriver
from db import units as units_db
from db.audit import Actor
from scheduler.escalation import run_due_deadlines
from tests.factories import (
    CIBINONG,
    GUNUNGPUTRI,
    KARADENAN,
    PONDOK_RAJEG,
    REGENCY,
    WANAHERANG,
    add_officer,
    containing,
    publish,
    received,
    report,
    run,
    wib,
)


async def test_escalation_lists_missing_units_per_coordinator_scope(bot: BotDriver) -> None:
    [dinas], _ = await units_db.add_opds(bot.db, ["Dinas Kesehatan"], bot.clock.now(), Actor.cli())
    central = await add_officer(bot, "Rina Pusat", REGENCY, "coordinator")
    cibinong = await add_officer(bot, "Dedi Cibinong", CIBINONG, "coordinator")
    gunungputri_office = await add_officer(bot, "Gina Kantor", GUNUNGPUTRI)
    pondok = await add_officer(bot, "Ani Pondok", PONDOK_RAJEG)
    karadenan = await add_officer(bot, "Budi Karadenan", KARADENAN)
    wanaherang = await add_officer(bot, "Wawan Wanaherang", WANAHERANG)
    health = await add_officer(bot, "Hana Dinkes", dinas.code)
    briefing_id = await publish(
        bot,
        central.telegram_id,
        [CIBINONG, PONDOK_RAJEG, KARADENAN, GUNUNGPUTRI, WANAHERANG, dinas.code],
        deadline=wib(2026, 12, 3, 17) - bot.clock.now(),
    )
    await report(bot, karadenan, briefing_id)
    await report(bot, gunungputri_office, briefing_id)

    bot.clock.set(wib(2026, 12, 3, 16, 59))
    assert await run(bot, run_due_deadlines) == 0
    bot.clock.set(wib(2026, 12, 3, 17, 0))
    assert await run(bot, run_due_deadlines) == 3  # one overdue notice + two coordinators

    # The overdue notice: to every open unit's officers, naming no other unit.
    for person in (pondok, wanaherang, health):
        [notice] = containing(bot, person, "sudah lewat")
        assert (
            f"#{briefing_id}" in notice and "Karadenan" not in notice and "Wanaherang" not in notice
        )
    for person in (karadenan, gunungputri_office):
        assert not containing(bot, person, "sudah lewat")
    # The kecamatan coordinator (an officer of the Cibinong office too) gets their desa by name.
    [scope] = containing(bot, cibinong, "Belum melapor")
    assert "2 dari 3 unit sasaran di wilayah Anda" in scope
    assert "• Kelurahan Pondok Rajeg" in scope and "• Kecamatan Cibinong (kantor)" in scope
    assert "Karadenan" not in scope and "Wanaherang" not in scope and "Dinas" not in scope
    # The central desk: offices and OPDs by name, one line per kecamatan with its coordinator.
    [desk] = containing(bot, central, "Belum melapor")
    assert "4 dari 6 unit sasaran belum melapor" in desk
    assert "Kantor kecamatan (1): Kecamatan Cibinong" in desk
    assert "Perangkat daerah (1): Dinas Kesehatan" in desk
    assert "• Kecamatan Cibinong: 1 dari 2 — koordinator: Dedi Cibinong" in desk
    assert "• Kecamatan Gunungputri: 1 dari 1 — belum ada koordinator kecamatan" in desk
    assert "Pondok Rajeg" not in desk, "the central desk gets counts for desa, not names"
    # Nobody else saw a list.
    for person in (pondok, karadenan, wanaherang, health, gunungputri_office):
        assert not containing(bot, person, "Belum melapor")

    assert await run(bot, run_due_deadlines) == 0, "each pass is made once"
    passes = await bot.db.fetchall(
        "SELECT kind, outcome, units FROM deadline_passes WHERE briefing_id = ? ORDER BY kind",
        (briefing_id,),
    )
    assert [tuple(row) for row in passes] == [("escalation", "sent", 4), ("overdue", "sent", 4)]
    told = await bot.db.fetchval(
        "SELECT count(*) FROM reminders_sent WHERE kind = 'overdue' AND outbox_id IS NOT NULL"
    )
    assert told == 4


async def test_escalation_waits_for_the_configured_delay_and_units_that_report_meanwhile_drop_out(
    bot: BotDriver,
) -> None:
    bot.services.config.schedule.escalation_delay = wib(2026, 12, 3, 19) - wib(2026, 12, 3, 17)
    cibinong = await add_officer(bot, "Dedi Cibinong", CIBINONG, "coordinator")
    pondok = await add_officer(bot, "Ani Pondok", PONDOK_RAJEG)
    karadenan = await add_officer(bot, "Budi Karadenan", KARADENAN)
    briefing_id = await publish(
        bot,
        cibinong.telegram_id,
        [PONDOK_RAJEG, KARADENAN],
        deadline=wib(2026, 12, 3, 17) - bot.clock.now(),
    )
    bot.clock.set(wib(2026, 12, 3, 17, 0))
    assert await run(bot, run_due_deadlines) == 1  # the overdue notice only
    assert containing(bot, karadenan, "sudah lewat")
    await report(bot, karadenan, briefing_id)  # late, before the escalation
    bot.clock.set(wib(2026, 12, 3, 19, 0))
    assert await run(bot, run_due_deadlines) == 1
    [scope] = containing(bot, cibinong, "Belum melapor")
    assert "Pondok Rajeg" in scope and "Karadenan" not in scope
    assert pondok


async def test_a_pass_missed_for_more_than_a_day_is_skipped_and_logged(
    bot: BotDriver, caplog: pytest.LogCaptureFixture
) -> None:
    cibinong = await add_officer(bot, "Dedi Cibinong", CIBINONG, "coordinator")
    pondok = await add_officer(bot, "Ani Pondok", PONDOK_RAJEG)
    briefing_id = await publish(
        bot,
        cibinong.telegram_id,
        [PONDOK_RAJEG],
        deadline=wib(2026, 12, 2, 17) - bot.clock.now(),
    )
    await bot.stop()
    bot.clock.set(wib(2026, 12, 3, 17, 30))
    with caplog.at_level(logging.WARNING, logger="scheduler.escalation"):
        await bot.start()
        await run(bot, run_due_deadlines)
    assert not containing(bot, pondok, "sudah lewat")
    assert not containing(bot, cibinong, "Belum melapor")
    assert any(f"briefing {briefing_id}" in record.getMessage() for record in caplog.records)
    outcomes = await bot.db.fetchall(
        "SELECT kind, outcome FROM deadline_passes WHERE briefing_id = ? ORDER BY kind",
        (briefing_id,),
    )
    assert [tuple(row) for row in outcomes] == [("escalation", "skipped"), ("overdue", "skipped")]
    assert received(bot, pondok)  # the briefing itself arrived earlier
