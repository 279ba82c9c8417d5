"""/metrics after a known sequence of events: updates and their latency by command, a
broadcast with a blocked and a failed recipient and a forced 429, reminders queued,
an error, the backlog read at scrape time and the last backup's age."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import aiohttp
from prometheus_client.parser import text_string_to_metric_families

from bot.devtools.driver import BotDriver
from db.backup import make_backup
from scheduler.metrics import Metrics
from scheduler.reminders import run_due_reminders
from tests.conftest import ADMIN_ID
from tests.factories import (
    CIBINONG,
    WANAHERANG,
    add_officers,
    insert_officer,
    publish,
    run,
    settle,
)

Samples = dict[tuple[str, tuple[tuple[str, str], ...]], float]


async def scrape(bot: BotDriver) -> Samples:
    health = bot.services.health
    assert health is not None
    async with aiohttp.ClientSession() as session, session.get(f"{health.url}/metrics") as got:
        assert got.status == 200
        text = await got.text()
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def value(samples: Samples, name: str, **labels: str) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


async def test_updates_are_counted_and_timed_per_command(bot: BotDriver) -> None:
    before = await scrape(bot)
    await bot.say(ADMIN_ID, "/start")
    for _ in range(3):
        await bot.say(ADMIN_ID, "/bantuan")
    await bot.say(ADMIN_ID, "halo")
    await bot.say(ADMIN_ID, "/tidakada")
    after = await scrape(bot)
    handled = "humas_updates_handled_total"
    assert value(after, handled) - value(before, handled) == 6
    count = "humas_update_duration_seconds_count"
    assert value(after, count, command="bantuan") == 3
    assert value(after, count, command="start") == 1
    assert value(after, count, command="message") == 1
    assert value(after, count, command="other_command") == 1
    assert value(after, "humas_update_duration_seconds_sum", command="bantuan") > 0


async def test_a_broadcast_a_429_reminders_an_error_and_a_backup(
    bot: BotDriver, db_path: Path
) -> None:
    coordinator = await bot.join("Rudi", CIBINONG, "coordinator")
    officers = await add_officers(bot, 3, WANAHERANG)
    bot.sandbox.block_bot(officers[0].telegram_id)
    await insert_officer(bot.db, "Tanpa Telegram", WANAHERANG)  # chat not found: 400
    bot.sandbox.force_retry_after(1)
    await publish(bot, coordinator, [WANAHERANG])
    await settle(bot)
    samples = await scrape(bot)
    rows = await bot.db.fetchall("SELECT status, count(*) AS n FROM deliveries GROUP BY status")
    in_db = {row["status"]: row["n"] for row in rows}
    assert in_db["blocked"] == 1 and in_db["failed"] == 1
    for result in ("sent", "blocked", "failed"):
        assert value(samples, "humas_deliveries_total", result=result) == in_db[result], result
    assert value(samples, "humas_deliveries_total", result="ambiguous") == 0
    assert value(samples, "humas_telegram_retry_after_total") == 1
    assert value(samples, "humas_outbox_backlog", status="pending") == 0
    assert value(samples, "humas_outbox_backlog", status="sending") == 0
    assert ("humas_last_backup_age_seconds", ()) not in samples  # no backup yet

    bot.clock.advance(timedelta(days=1))  # 24 hours before the deadline
    queued = await run(bot, run_due_reminders)
    assert queued > 0
    assert bot.app is not None
    await bot.app.process_error(None, RuntimeError("a bug"))
    make_backup(db_path, db_path.parent / "backups", 3, bot.clock.now() - timedelta(hours=1))
    samples = await scrape(bot)
    assert value(samples, "humas_reminders_queued_total") == queued
    assert value(samples, "humas_errors_total", kind="RuntimeError") == 1
    assert value(samples, "humas_last_backup_age_seconds") == 3600
    assert value(samples, "humas_uptime_seconds") == timedelta(days=1).total_seconds()
    assert value(samples, "humas_files_waiting") == 0


def test_each_application_has_its_own_registry(bot: BotDriver) -> None:
    other = Metrics(bot.clock)
    other.updates.inc(5)
    own = bot.services.metrics.registry.get_sample_value("humas_updates_handled_total")
    assert own is not None and own < 5
    assert other.registry.get_sample_value("humas_updates_handled_total") == 5
