""" "🔔 Ingatkan yang belum": a coordinator reminds, from a briefing's recap, every unit of
their scope that has not reported (missing, or every link rejected).

One write transaction reads the coordinator again (:func:`db.scope.recheck`), checks
that they did not remind for this briefing in the last :data:`INTERVAL`, queues one
message with the delivery engine to the reachable officers of those units (officers
on leave are skipped, as for the scheduled reminders) and records the press in
``recap_reminders``. So two presses, or two coordinators' devices, never send twice
within the interval; a press that finds nobody to tell records nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from bot.core.texts import esc, fmt_datetime, t
from db import audit, recap, scope
from db import reminders as reminders_db
from db.audit import Actor
from db.officers import Officer
from db.timefmt import from_db, to_db
from scheduler.briefing_view import officer_buttons
from scheduler.content import Content
from scheduler.reminders import variants_for
from scheduler.services import Services

INTERVAL = timedelta(hours=2)


class TooSoon(Exception):
    """This coordinator already reminded for this briefing within the interval."""

    def __init__(self, sent_at: datetime) -> None:
        super().__init__("too soon")
        self.sent_at = sent_at
        self.again_at = sent_at + INTERVAL


class NothingToRemind(Exception):
    """The briefing is closed, or every unit of the scope reported."""


@dataclass(frozen=True)
class Reminded:
    units: int
    """Units that had not reported."""
    people: int
    """Officers the reminder was queued for."""
    unreachable_units: int
    """Units among them where nobody could be reached (no officer, on leave, blocked)."""


def _content(recap_: recap.Recap, lang: str, zone: tzinfo) -> list[Content]:
    briefing = recap_.briefing
    text = t(
        lang,
        "rekap.remind.message",
        id=briefing.id,
        title=esc(briefing.title),
        deadline=fmt_datetime(briefing.deadline, lang, zone),
    )
    return [Content(text, buttons=officer_buttons(briefing.id, lang))]


async def last_sent(services: Services, briefing_id: int, coordinator_id: int) -> datetime | None:
    assert services.db is not None
    text = await services.db.fetchval(
        "SELECT sent_at FROM recap_reminders WHERE briefing_id = ? AND coordinator_id = ?",
        (briefing_id, coordinator_id),
    )
    return from_db(text) if text else None


async def remind_unreported(
    services: Services, coordinator: Officer, briefing_id: int, now: datetime
) -> Reminded:
    """Queue the reminder; :class:`TooSoon`, :class:`NothingToRemind` or
    :class:`db.scope.OutOfScope` when nothing was queued."""
    db, engine = services.db, services.delivery
    assert db is not None and engine is not None
    found = await recap.briefing_recap(db, coordinator, briefing_id, now)
    if found is None:
        raise scope.OutOfScope  # not published, or it targets nobody in the scope
    if found.briefing.status == "closed" or not found.unreported:
        raise NothingToRemind
    unit_ids = [unit.unit.id for unit in found.unreported]
    async with db.transaction() as conn:
        await scope.recheck(conn, coordinator, None)
        cursor = await conn.execute(
            "SELECT sent_at FROM recap_reminders WHERE briefing_id = ? AND coordinator_id = ?",
            (briefing_id, coordinator.id),
        )
        row = await cursor.fetchone()
        if row is not None and from_db(row["sent_at"]) + INTERVAL > now:
            raise TooSoon(from_db(row["sent_at"]))
        people = await reminders_db.people_in(conn, unit_ids, now)
        recipients: Sequence[Officer] = [
            officer for group in people.values() for officer in group.recipients
        ]
        unreachable = sum(1 for group in people.values() if not group.recipients)
        if not recipients:
            return Reminded(len(unit_ids), 0, unreachable)
        outbox_id = await engine.enqueue_in(
            conn,
            kind="reminder",
            ref=f"recap:{briefing_id}",
            sender_id=coordinator.id,
            recipients=recipients,
            variants=variants_for(
                recipients, lambda lang: _content(found, lang, services.config.tz)
            ),
        )
        await conn.execute(
            "INSERT INTO recap_reminders (briefing_id, coordinator_id, sent_at, units,"
            " recipients, outbox_id) VALUES (?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (briefing_id, coordinator_id) DO UPDATE SET sent_at = excluded.sent_at,"
            " units = excluded.units, recipients = excluded.recipients,"
            " outbox_id = excluded.outbox_id",
            (briefing_id, coordinator.id, to_db(now), len(unit_ids), len(recipients), outbox_id),
        )
        await audit.record(
            conn,
            Actor.officer(coordinator.id, coordinator.telegram_id),
            "recap.remind",
            f"briefing:{briefing_id}",
            now,
            units=len(unit_ids),
            recipients=len(recipients),
        )
    engine.wake()
    return Reminded(len(unit_ids), len(recipients), unreachable)
