"""Reminders before a deadline: offsets, open units only, exactly once over restarts,
catch-up after downtime, a moved deadline, quiet hours. The clock is moved, never slept."""

from __future__ import annotations

from collections import Counter

from bot.devtools.driver import BotDriver
from db import briefing_management as management
from db.audit import Actor
from db.officers import Officer
from scheduler.jobs import reschedule_briefing, run_all_due
from scheduler.reminders import run_due_reminders
from tests.factories import (
    CIBINONG,
    KARADENAN,
    PONDOK_RAJEG,
    add_officer,
    containing,
    engine,
    publish,
    received,
    report,
    run,
    settle,
    wib,
)

REMINDER = "Pengingat"


async def _setup(
    bot: BotDriver, deadline_wib: tuple[int, int, int, int]
) -> tuple[int, list[Officer], list[Officer]]:
    """A kecamatan coordinator's briefing for two kelurahan; returns (id, [A's officers], [B's])."""
    coordinator = await add_officer(bot, "Koordinator Cibinong", CIBINONG, "coordinator")
    a = [
        await add_officer(bot, "Ani", PONDOK_RAJEG),
        await add_officer(bot, "Asep", PONDOK_RAJEG, language="en"),
    ]
    b = [await add_officer(bot, "Budi", KARADENAN)]
    briefing_id = await publish(
        bot,
        coordinator.telegram_id,
        [PONDOK_RAJEG, KARADENAN],
        deadline=wib(*deadline_wib) - bot.clock.now(),
    )
    return briefing_id, a, b


async def test_reminders_go_at_each_offset_to_open_units_only(bot: BotDriver) -> None:
    briefing_id, unit_a, unit_b = await _setup(bot, (2026, 12, 3, 10))  # Thursday 10:00 WIB
    await report(bot, unit_b[0], briefing_id)

    bot.clock.set(wib(2026, 12, 2, 9, 59))
    assert await run(bot, run_due_reminders) == 0
    bot.clock.set(wib(2026, 12, 2, 10, 0))
    assert await run(bot, run_due_reminders) == 1
    ani, asep = unit_a
    [first] = containing(bot, ani, REMINDER)
    assert f"#{briefing_id}" in first and "Vaksinasi Anak" in first and "24 jam" in first
    assert "Kamis, 3 Desember 2026 pukul 10.00 WIB" in first
    assert bot.sandbox.messages(ani.telegram_id)[-1].button_labels() == [
        ["📤 Lapor unggahan", "📎 Lihat materi"]
    ]
    [english] = containing(bot, asep, "Reminder")
    assert "24 hours" in english
    assert not containing(bot, unit_b[0], REMINDER), "a unit that reported gets nothing"

    assert await run(bot, run_due_reminders) == 0, "the same reminder is never queued twice"
    bot.clock.set(wib(2026, 12, 3, 7, 0))
    assert await run(bot, run_due_reminders) == 1
    assert [("24 jam" in text, "3 jam" in text) for text in containing(bot, ani, REMINDER)] == [
        (True, False),
        (False, True),
    ]
    assert not containing(bot, unit_b[0], REMINDER)
    rows = await bot.db.fetchall(
        "SELECT r.kind, r.outbox_id IS NOT NULL AS sent, a.unit_id FROM reminders_sent r"
        " JOIN assignments a ON a.id = r.assignment_id ORDER BY r.id"
    )
    assert [(row["kind"], row["sent"]) for row in rows] == [
        ("before:86400", 1),
        ("before:10800", 1),
    ]


async def test_each_reminder_is_sent_exactly_once_over_ten_restarts(bot: BotDriver) -> None:
    """Stop and start the whole bot ten times around the due moments: start-up catches up,
    the tick and a job run the same function; each officer gets each push once."""
    briefing_id, unit_a, unit_b = await _setup(bot, (2026, 12, 3, 10))
    await report(bot, unit_b[0], briefing_id)
    moments = [
        wib(2026, 12, 2, 9, 59),
        wib(2026, 12, 2, 10, 0),
        wib(2026, 12, 2, 10, 0),
        wib(2026, 12, 2, 10, 1),
        wib(2026, 12, 3, 6, 59),
        wib(2026, 12, 3, 7, 0),
        wib(2026, 12, 3, 7, 0),
        wib(2026, 12, 3, 9, 59),
        wib(2026, 12, 3, 10, 0),
        wib(2026, 12, 3, 10, 1),
    ]
    for number, moment in enumerate(moments):
        # A restart as in production (post_stop lets sends in flight finish; what is still
        # queued stays in the outbox). A crash mid-send is the engine's case: it flags the
        # resend as a possible duplicate (tests/test_delivery_engine.py).
        await engine(bot).stop()
        await bot.stop()
        bot.clock.set(moment)
        await bot.start()  # start-up runs everything due (catch-up)
        if number % 2:
            await run_all_due(bot.services)  # a timed job firing right after start
        else:
            await settle(bot)
    await settle(bot)
    for officer in unit_a:
        kinds = Counter(
            "24h"
            if ("24 jam" in text or "24 hours" in text)
            else "3h"
            if ("3 jam" in text or "3 hours" in text)
            else "overdue"
            if ("sudah lewat" in text or "has passed" in text)
            else "other"
            for text in received(bot, officer)
        )
        assert (kinds["24h"], kinds["3h"], kinds["overdue"]) == (1, 1, 1), kinds
    assert [text for text in received(bot, unit_b[0]) if "BRIEFING" not in text] == [], (
        "the unit that reported got nothing but the briefing"
    )
    pushes = await bot.db.fetchall(
        "SELECT kind, count(*) AS n FROM outbox_messages WHERE kind IN"
        " ('reminder', 'overdue', 'escalation') GROUP BY kind ORDER BY kind"
    )
    assert [tuple(row) for row in pushes] == [("escalation", 1), ("overdue", 1), ("reminder", 2)]
    duplicates = await bot.db.fetchval(
        "SELECT count(*) FROM deliveries WHERE possible_duplicate = 1"
    )
    assert duplicates == 0


async def test_catch_up_after_downtime(bot: BotDriver) -> None:
    """Down over both offsets: one reminder at start (the nearest); down over a deadline: none,
    the overdue notice supersedes."""
    briefing_id, unit_a, _ = await _setup(bot, (2026, 12, 3, 10))
    coordinator = await add_officer(bot, "Pusat", "32.01", "coordinator")
    past_id = await publish(
        bot,
        coordinator.telegram_id,
        [PONDOK_RAJEG],
        title="Hari Disabilitas",
        deadline=wib(2026, 12, 2, 20) - bot.clock.now(),
    )
    await bot.stop()
    bot.clock.set(wib(2026, 12, 3, 8, 30))
    await bot.start()
    await settle(bot)
    ani = unit_a[0]
    reminders = containing(bot, ani, REMINDER)
    assert len(reminders) == 1 and "Vaksinasi Anak" in reminders[0] and "90 menit" in reminders[0]
    assert not any("Hari Disabilitas" in text for text in reminders)
    assert any("Hari Disabilitas" in text and "sudah lewat" in text for text in received(bot, ani))
    rows = await bot.db.fetchall(
        "SELECT r.kind, r.outbox_id FROM reminders_sent r"
        " JOIN assignments a ON a.id = r.assignment_id"
        " WHERE a.briefing_id = ? AND a.unit_id = (SELECT id FROM units WHERE code = ?)"
        " ORDER BY r.kind",
        (briefing_id, PONDOK_RAJEG),
    )
    assert [(row["kind"], row["outbox_id"] is not None) for row in rows] == [
        ("before:10800", True),
        ("before:86400", False),  # the 24 h one recorded as superseded
    ]
    assert past_id


async def test_moved_deadline_cancels_old_reminders_and_schedules_new_ones(bot: BotDriver) -> None:
    briefing_id, unit_a, _ = await _setup(bot, (2026, 12, 3, 10))
    schedule = bot.services.schedule
    assert schedule is not None
    await schedule.sync()
    assert bot.app is not None
    queue = bot.app.job_queue
    assert queue is not None
    jobs = {job.name for job in queue.jobs()}
    assert {
        "tick",
        "digest:weekly",
        "digest:daily",
        f"remind:{briefing_id}:86400",
        f"remind:{briefing_id}:10800",
        f"deadline:{briefing_id}",
    } <= jobs
    [job] = queue.get_jobs_by_name(f"remind:{briefing_id}:86400")
    assert job.job.id == job.name and job.job.misfire_grace_time == 3600 and job.job.coalesce

    # The 24 h reminder is queued while the engine is busy elsewhere (not started yet) ...
    await engine(bot).stop()
    bot.clock.set(wib(2026, 12, 2, 10, 0))
    assert await run_due_reminders(bot.services) == 1
    # ... and the coordinator moves the deadline to Saturday.
    author = await bot.db.fetchone("SELECT author_id FROM briefings WHERE id = ?", (briefing_id,))
    assert author is not None
    await management.change_deadline(
        bot.db,
        briefing_id,
        wib(2026, 12, 5, 10),
        actor=Actor.officer(author["author_id"], 0),
        now=bot.clock.now(),
    )
    await reschedule_briefing(bot.services, briefing_id)
    await engine(bot).start()
    await settle(bot)
    ani = unit_a[0]
    assert containing(bot, ani, REMINDER) == [], "the reminder for the old deadline was cancelled"
    status = await bot.db.fetchval(
        "SELECT m.status FROM outbox_messages m WHERE m.kind = 'reminder' AND m.ref = ?",
        (f"briefing:{briefing_id}",),
    )
    assert status == "cancelled"
    wanted = await schedule.wanted()
    assert wanted[f"remind:{briefing_id}:86400"] == wib(2026, 12, 4, 10)
    assert wanted[f"deadline:{briefing_id}"] == wib(2026, 12, 5, 10)
    assert len(queue.get_jobs_by_name(f"remind:{briefing_id}:86400")) == 1, "replaced, not added"

    bot.clock.set(wib(2026, 12, 3, 7, 0))  # the old 3 h moment: nothing
    assert await run(bot, run_due_reminders) == 0
    bot.clock.set(wib(2026, 12, 4, 10, 0))
    assert await run(bot, run_due_reminders) == 1
    [new] = containing(bot, ani, REMINDER)
    assert "24 jam" in new and "Sabtu, 5 Desember 2026 pukul 10.00 WIB" in new


async def test_quiet_hours_hold_a_reminder_until_they_end(bot: BotDriver) -> None:
    _, unit_a, _ = await _setup(bot, (2026, 12, 3, 8))  # the 3 h reminder falls at 05:00
    ani = unit_a[0]
    bot.clock.set(wib(2026, 12, 3, 5, 0))
    assert await run(bot, run_due_reminders) == 0
    assert not containing(bot, ani, "3 jam")
    bot.clock.set(wib(2026, 12, 3, 6, 0))
    assert await run(bot, run_due_reminders) == 1
    [text] = [t for t in containing(bot, ani, REMINDER) if "2 jam" in t]
    assert "Kamis, 3 Desember 2026 pukul 08.00 WIB" in text


async def test_a_closed_briefing_gets_no_more_pushes_and_loses_its_jobs(bot: BotDriver) -> None:
    briefing_id, unit_a, _ = await _setup(bot, (2026, 12, 3, 10))
    schedule = bot.services.schedule
    assert schedule is not None
    await schedule.sync()
    assert bot.app is not None
    queue = bot.app.job_queue
    assert queue is not None

    def jobs_of_briefing() -> list[str]:
        names = [job.name or "" for job in queue.jobs()]
        return sorted(name for name in names if name.split(":")[1:2] == [str(briefing_id)])

    assert jobs_of_briefing() == [
        f"deadline:{briefing_id}",
        f"remind:{briefing_id}:10800",
        f"remind:{briefing_id}:86400",
    ]
    author = await bot.db.fetchval("SELECT author_id FROM briefings WHERE id = ?", (briefing_id,))
    await management.close(bot.db, briefing_id, actor=Actor.officer(author, 0), now=bot.clock.now())
    await reschedule_briefing(bot.services, briefing_id)
    assert jobs_of_briefing() == []
    for moment in (wib(2026, 12, 2, 10), wib(2026, 12, 3, 7), wib(2026, 12, 3, 10)):
        bot.clock.set(moment)
        await run(bot, run_all_due)
    assert not containing(bot, unit_a[0], REMINDER) and not containing(bot, unit_a[0], "lewat")
