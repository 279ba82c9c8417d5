"""Pushes of different scheduler passes due at the same minute to the same person are one
message (scheduler/jobs.py run_all_due): a coordinator's escalation and daily digest."""

from __future__ import annotations

import aiosqlite
import pytest

from bot.devtools.driver import BotDriver
from scheduler import jobs
from scheduler.digests import digest_pass
from scheduler.escalation import deadline_pass
from scheduler.jobs import run_all_due
from scheduler.push_batch import PushBatch
from scheduler.reminders import reminder_pass
from scheduler.screen import MAX_LINES, screen_lines
from scheduler.services import Services
from tests.factories import CIBINONG, PONDOK_RAJEG, add_officer, containing, publish, run, wib


async def test_the_daily_digest_and_an_escalation_at_one_minute_are_one_message(
    bot: BotDriver,
) -> None:
    coordinator = await add_officer(bot, "Dedi Cibinong", CIBINONG, "coordinator")
    ani = await add_officer(bot, "Ani Pondok", PONDOK_RAJEG)
    briefing_id = await publish(
        bot,
        coordinator.telegram_id,
        [PONDOK_RAJEG],
        deadline=wib(2026, 12, 3, 16) - bot.clock.now(),
    )
    before = len(bot.sandbox.messages(coordinator.telegram_id))
    bot.clock.set(wib(2026, 12, 3, 16, 0))  # Thursday: the deadline and the daily digest
    assert await run(bot, run_all_due) == 2  # Ani's overdue notice; the coordinator's one message
    [message] = bot.sandbox.messages(coordinator.telegram_id)[before:]
    assert "Belum melapor" in message.plain_text and "Ringkasan harian" in message.plain_text
    assert message.plain_text.index("Belum melapor") < message.plain_text.index("Ringkasan")
    assert screen_lines(message.text or "") <= MAX_LINES
    assert containing(bot, ani, "sudah lewat")
    outbox = await bot.db.fetchall("SELECT kind, ref FROM outbox_messages WHERE kind = 'merged'")
    assert [(row["kind"], row["ref"]) for row in outbox] == [
        ("merged", f"escalation:{briefing_id};digest:daily:2026-12-03")
    ]
    assert (
        await bot.db.fetchval(
            "SELECT outcome FROM digests_sent WHERE kind = 'daily' AND period = '2026-12-03'"
        )
        == "sent"
    )
    assert await run(bot, run_all_due) == 0, "each push is made once"


async def test_the_digest_and_the_escalation_go_apart_when_together_they_do_not_fit(
    bot: BotDriver,
) -> None:
    coordinator = await add_officer(bot, "Dedi Cibinong", CIBINONG, "coordinator")
    await add_officer(bot, "Ani Pondok", PONDOK_RAJEG)
    title = "Sosialisasi Program Percepatan Penurunan Stunting di Posyandu Desa"
    for number in range(6):
        await publish(
            bot,
            coordinator.telegram_id,
            [PONDOK_RAJEG],
            title=f"{title} {number}",
            deadline=wib(2026, 12, 4, 10) - bot.clock.now(),
        )
    await publish(
        bot,
        coordinator.telegram_id,
        [PONDOK_RAJEG],
        deadline=wib(2026, 12, 3, 16) - bot.clock.now(),
    )
    before = len(bot.sandbox.messages(coordinator.telegram_id))
    bot.clock.set(wib(2026, 12, 3, 16, 0))
    await run(bot, run_all_due)
    escalation, digest = bot.sandbox.messages(coordinator.telegram_id)[before:]
    assert "Belum melapor" in escalation.plain_text and "Ringkasan harian" in digest.plain_text
    assert "Ringkasan harian" not in escalation.plain_text
    assert all(screen_lines(m.text or "") <= MAX_LINES for m in (escalation, digest))
    joined = f"{escalation.text}\n\n{digest.text}"
    assert screen_lines(joined) > MAX_LINES, "together they would not fit on one screen"
    rows = await bot.db.fetchall("SELECT kind FROM outbox_messages WHERE ref LIKE '%digest:%'")
    assert [row["kind"] for row in rows] == ["digest"]


async def test_a_failing_pass_rolls_back_the_run_and_the_others_still_push(
    bot: BotDriver, monkeypatch: pytest.MonkeyPatch
) -> None:
    coordinator = await add_officer(bot, "Dedi Cibinong", CIBINONG, "coordinator")
    await add_officer(bot, "Ani Pondok", PONDOK_RAJEG)
    await publish(
        bot,
        coordinator.telegram_id,
        [PONDOK_RAJEG],
        deadline=wib(2026, 12, 3, 16) - bot.clock.now(),
    )

    async def broken(services: Services, conn: aiosqlite.Connection, batch: PushBatch) -> None:
        await deadline_pass(services, conn, batch)
        raise RuntimeError("the deadline pass broke after adding its pushes")

    monkeypatch.setattr(jobs, "PASSES", (reminder_pass, broken, digest_pass))
    before = len(bot.sandbox.messages(coordinator.telegram_id))
    bot.clock.set(wib(2026, 12, 3, 16, 0))
    assert await run(bot, jobs.run_all_due) == 1  # the digest alone
    [digest] = bot.sandbox.messages(coordinator.telegram_id)[before:]
    assert "Ringkasan harian" in digest.plain_text and "Belum melapor" not in digest.plain_text
    assert not await bot.db.fetchval("SELECT count(*) FROM deadline_passes")

    monkeypatch.setattr(jobs, "PASSES", (reminder_pass, deadline_pass, digest_pass))
    assert await run(bot, jobs.run_all_due) == 2, "the next tick makes the deadline pass"
    assert containing(bot, coordinator, "Belum melapor")
