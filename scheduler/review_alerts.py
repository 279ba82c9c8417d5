"""Telling coordinators that drafts wait for review: at most one alert per 15 minutes each.

The first draft is announced at once. Drafts arriving within the next 15 minutes
are gathered into one alert queued for the end of that window; while it waits,
each new draft cancels it and queues it again with the larger count (the engine
cancels only what has not started). Times come from the injected clock.
"""

from __future__ import annotations

import asyncio
import weakref
from datetime import datetime, timedelta

from bot.core.texts import t
from db import oversight
from db.connection import Database
from db.officers import Officer
from db.timefmt import from_db, to_db
from scheduler.content import Content
from scheduler.engine import DeliveryEngine

WINDOW = timedelta(minutes=15)
# One decision at a time per database: two drafts arriving together must not both
# find "no alert waiting" and send two alerts.
_locks: weakref.WeakKeyDictionary[Database, asyncio.Lock] = weakref.WeakKeyDictionary()


async def draft_arrived(db: Database, engine: DeliveryEngine, unit_id: int, now: datetime) -> None:
    """Alert the nearest coordinators of ``unit_id`` (batched per coordinator)."""
    async with _locks.setdefault(db, asyncio.Lock()):
        for coordinator in await oversight.coordinators_over(db, unit_id, nearest_only=True):
            await _alert(db, engine, coordinator, now)


async def _alert(db: Database, engine: DeliveryEngine, coordinator: Officer, now: datetime) -> None:
    state = await db.fetchone(
        "SELECT due_at, outbox_id, pending FROM review_alerts WHERE coordinator_id = ?",
        (coordinator.id,),
    )
    if state is not None and await engine.cancel(state["outbox_id"]):
        # The previous alert has not gone out yet: send one alert, counting both.
        due, count = from_db(state["due_at"]), state["pending"] + 1
    else:
        earliest = from_db(state["due_at"]) + WINDOW if state is not None else now
        due, count = max(now, earliest), 1
    lang = coordinator.language
    outbox_id = await engine.enqueue(
        kind="review_alert",
        ref=None,
        sender_id=None,
        recipients=[coordinator],
        variants={lang: [Content(t(lang, "review.alert", count=count))]},
        not_before=due,
    )
    await db.execute(
        "INSERT INTO review_alerts (coordinator_id, due_at, outbox_id, pending) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (coordinator_id) DO UPDATE SET due_at = excluded.due_at,"
        " outbox_id = excluded.outbox_id, pending = excluded.pending",
        (coordinator.id, to_db(due), outbox_id, count),
    )
