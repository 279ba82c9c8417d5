"""Housekeeping: old deliveries pruned in batches with per-message totals kept; stats."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from bot.cli import main
from bot.core.clock import FakeClock
from bot.devtools.driver import BotDriver
from db import housekeeping
from db.connection import Database
from db.housekeeping import BATCH, message_totals, prune_deliveries
from db.officers import Officer
from db.timefmt import to_db
from scheduler.content import Content
from tests.factories import add_officers, engine

RETENTION = timedelta(days=90)


async def broadcast(bot: BotDriver, people: list[Officer], parts: int = 2) -> int:
    message_id = await engine(bot).enqueue(
        kind="notice",
        ref=None,
        sender_id=None,
        recipients=people,
        variants={"id": [Content(f"bagian {part}") for part in range(parts)]},
    )
    await engine(bot).wait_idle()
    return message_id


async def deliveries_of(bot: BotDriver, message_id: int) -> int:
    return await bot.db.fetchval(
        "SELECT count(*) FROM deliveries WHERE message_id = ?", (message_id,)
    )


async def test_old_deliveries_go_and_their_totals_stay(bot: BotDriver, clock: FakeClock) -> None:
    people = await add_officers(bot, 6)
    for person in people[:2]:
        bot.sandbox.block_bot(person.telegram_id)
    old = await broadcast(bot, people)
    before = await message_totals(bot.db, old)
    assert before is not None and before.recipients == 6
    assert before.counts["blocked"] == 2 and before.counts["sent"] == 4
    clock.advance(timedelta(days=60))
    recent = await broadcast(bot, people[2:])
    waiting = await engine(bot).enqueue(
        kind="notice",
        ref=None,
        sender_id=None,
        recipients=people[2:],
        variants={"id": [Content("nanti")]},
        not_before=clock.now() + timedelta(days=400),
    )

    clock.advance(RETENTION - timedelta(days=60) + timedelta(minutes=1))
    pruned = await prune_deliveries(bot.db, clock.now(), 90)
    assert (pruned.messages, pruned.deliveries) == (1, 12)
    assert await deliveries_of(bot, old) == 0
    assert await message_totals(bot.db, old) == before
    row = await bot.db.fetchone("SELECT * FROM outbox_messages WHERE id = ?", (old,))
    assert (
        row is not None
        and row["status"] == "done"
        and row["deliveries_pruned_at"] == to_db(clock.now())
    )
    assert (row["total_recipients"], row["total_sent"], row["total_blocked"]) == (6, 4, 2)
    # A broadcast finished 30 days ago, and one still waiting, keep every delivery.
    assert await deliveries_of(bot, recent) == 8
    assert await deliveries_of(bot, waiting) == 4
    # Nothing left to do: a second run changes nothing.
    assert await prune_deliveries(bot.db, clock.now(), 90) == housekeeping.Pruned(0, 0)
    assert await message_totals(bot.db, old) == before


async def test_pruning_deletes_in_small_batches(
    bot: BotDriver, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    people = await add_officers(bot, 3)
    finished = to_db(clock.now() - RETENTION - timedelta(days=1))
    message_id = await bot.db.execute(
        "INSERT INTO outbox_messages (kind, variants, not_before, status, created_at,"
        " finished_at) VALUES ('notice', ?, ?, 'done', ?, ?)",
        (json.dumps({"id": []}), finished, finished, finished),
    )
    parts = (BATCH * 2 + 100) // len(people) + 1
    await bot.db.executemany(
        "INSERT INTO deliveries (message_id, officer_id, chat_id, language, part, status,"
        " next_attempt_at) VALUES (?, ?, ?, 'id', ?, 'sent', ?)",
        [
            (message_id, person.id, person.chat_id, part, finished)
            for person in people
            for part in range(parts)
        ],
    )
    total = len(people) * parts
    batches: list[int] = []
    delete_batch = housekeeping._delete_batch

    async def counted(db: Database) -> int:
        deleted = await delete_batch(db)
        batches.append(deleted)
        return deleted

    monkeypatch.setattr(housekeeping, "_delete_batch", counted)
    pruned = await prune_deliveries(bot.db, clock.now(), 90)
    assert pruned.deliveries == total > 2 * BATCH
    assert batches[:-1] == [BATCH, BATCH] + [total - 2 * BATCH] and batches[-1] == 0
    totals = await message_totals(bot.db, message_id)
    assert totals is not None and totals.recipients == 3 and totals.counts["sent"] == 3


async def test_announcements_that_ask_to_be_read_keep_their_deliveries(
    bot: BotDriver, clock: FakeClock
) -> None:
    people = await add_officers(bot, 2)
    message_id = await broadcast(bot, people, parts=1)
    sender = people[0]
    await bot.db.execute(
        "INSERT INTO announcements (sender_id, body, audience, unit_count, recipient_count,"
        " ack_required, send_at, outbox_id, created_at) VALUES (?, 'baca', '{}', 1, 2, 1, ?, ?, ?)",
        (sender.id, to_db(clock.now()), message_id, to_db(clock.now())),
    )
    clock.advance(RETENTION * 2)
    assert await prune_deliveries(bot.db, clock.now(), 90) == housekeeping.Pruned(0, 0)
    assert await deliveries_of(bot, message_id) == 2


async def test_the_scheduler_prunes_once_a_day(bot: BotDriver, clock: FakeClock) -> None:
    people = await add_officers(bot, 2)
    first = await broadcast(bot, people, parts=1)
    schedule = bot.services.schedule
    assert schedule is not None
    clock.advance(RETENTION + timedelta(days=1))
    await schedule.run()
    assert await deliveries_of(bot, first) == 0
    second = await broadcast(bot, people, parts=1)
    await bot.db.execute(
        "UPDATE outbox_messages SET finished_at = ? WHERE id = ?",
        (to_db(clock.now() - RETENTION - timedelta(minutes=1)), second),
    )
    await schedule.run()  # the same day: pruned already today
    assert await deliveries_of(bot, second) == 2
    clock.advance(timedelta(days=1))
    await schedule.run()
    assert await deliveries_of(bot, second) == 0


def test_stats_prints_rows_and_bytes_per_table(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'[database]\npath = "{db_path}"\n', encoding="utf-8")
    assert main(["--config", str(config), "stats"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "table\trows\tbytes"
    table = {line.split("\t")[0]: line.split("\t")[1:] for line in lines[1:-1]}
    assert table["units"][0] == "476" and int(table["units"][1]) > 4096
    assert table["deliveries"][0] == "0"
    assert lines[-1].startswith(f"database {db_path}: ")


def test_stats_of_a_missing_database_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'[database]\npath = "{tmp_path / "none.db"}"\n', encoding="utf-8")
    assert main(["--config", str(config), "stats"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "does not exist" in err[0]
