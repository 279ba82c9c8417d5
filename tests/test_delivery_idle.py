"""The delivery engine's idle point (``wait_idle``), which the tests and the demo rely on:
it is reached only when nothing due is pending or in flight."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import pytest

from bot.devtools.driver import BotDriver
from db import outbox
from db.connection import Database
from scheduler.content import Content
from tests.factories import add_officers, engine


async def statuses(bot: BotDriver, message_id: int) -> list[str]:
    rows = await bot.db.fetchall(
        "SELECT status FROM deliveries WHERE message_id = ? ORDER BY id", (message_id,)
    )
    return [row["status"] for row in rows]


async def test_a_send_ending_during_a_rounds_reads_does_not_make_it_idle(
    bot: BotDriver, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The race behind an early ``wait_idle``, made certain: each part's send waits to be
    recorded until a round has read the heads while it was 'sending' (so the next part
    was not a head yet), and that round then lets it end before deciding. Such a round
    must not count as idle, or the later parts would still be pending."""
    [person] = await add_officers(bot, 1)
    delivery_engine = engine(bot)
    read_heads, record_sent = outbox.heads, outbox.mark_sent
    seen_sending = asyncio.Event()

    async def heads_then_let_sends_end(
        db: Database, message_ids: Sequence[int], now: datetime
    ) -> list[outbox.Head]:
        found = await read_heads(db, message_ids, now)
        sending = await db.fetchval("SELECT count(*) FROM deliveries WHERE status = 'sending'")
        in_flight = list(delivery_engine._in_flight.values())
        if sending and in_flight:
            seen_sending.set()
            await asyncio.gather(*in_flight)
        return found

    async def mark_sent_once_seen(*args: Any) -> None:
        await asyncio.wait_for(seen_sending.wait(), 5)
        seen_sending.clear()
        await record_sent(*args)

    monkeypatch.setattr("scheduler.engine.outbox.heads", heads_then_let_sends_end)
    monkeypatch.setattr("scheduler.engine.outbox.mark_sent", mark_sent_once_seen)
    message_id = await delivery_engine.enqueue(
        kind="notice",
        ref=None,
        sender_id=None,
        recipients=[person],
        variants={"id": [Content("satu"), Content("dua"), Content("tiga")]},
    )
    await delivery_engine.wait_idle()
    assert await statuses(bot, message_id) == ["sent", "sent", "sent"]
