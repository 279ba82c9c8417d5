"""A briefing's life after composing: publish, change, close — each reschedules its own jobs.

Handlers call these, never :func:`scheduler.jobs.reschedule_briefing`: every change
that moves a deadline or ends a briefing derives the timed jobs again and cancels
the officer-facing pushes queued for the old state, in one place. The database
functions (``db/briefing_management.py``) decide first; a refusal (:class:`BriefingError`,
:class:`db.scope.OutOfScope`) leaves the jobs as they were.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from db import briefing_management as management
from db.audit import Actor
from db.briefings import Briefing
from db.connection import Database
from scheduler import briefings as sending
from scheduler.engine import DeliveryEngine
from scheduler.jobs import reschedule_briefing
from scheduler.services import Services


@dataclass(frozen=True)
class Changed:
    """The briefing after a change, and how many officers are told about it."""

    briefing: Briefing
    told: int


@dataclass(frozen=True)
class Closed:
    """The closed briefing; ``withdrawn`` when it closed before anyone received it."""

    briefing: Briefing
    withdrawn: bool


def _running(services: Services) -> tuple[Database, DeliveryEngine]:
    if services.db is None or services.delivery is None:
        raise RuntimeError("the database and the delivery engine are not open")
    return services.db, services.delivery


async def publish(
    services: Services,
    briefing_id: int,
    *,
    unit_ids: Iterable[int],
    publish_at: datetime,
    now: datetime,
    actor: Actor,
) -> sending.Published:
    """Publish a draft (now or at ``publish_at``) and arm its reminders and deadline."""
    db, engine = _running(services)
    published = await sending.publish(
        db,
        engine,
        briefing_id,
        unit_ids=unit_ids,
        publish_at=publish_at,
        now=now,
        actor=actor,
        zone=services.config.tz,
    )
    await reschedule_briefing(services, briefing_id)
    return published


async def change_deadline(
    services: Services,
    briefing_id: int,
    deadline: datetime,
    *,
    actor: Actor,
    now: datetime,
    seen: datetime | None = None,
) -> Changed:
    """Move the deadline (see :func:`db.briefing_management.change_deadline`), re-arm the jobs and
    tell the officers."""
    db, engine = _running(services)
    changed = await management.change_deadline(
        db, briefing_id, deadline, actor=actor, now=now, seen=seen
    )
    await reschedule_briefing(services, briefing_id)
    told = await sending.announce_change(db, engine, changed, "deadline", now, services.config.tz)
    return Changed(changed, told)


async def change_key_message(
    services: Services,
    briefing_id: int,
    text: str,
    *,
    actor: Actor,
    now: datetime,
    seen: str | None = None,
) -> Changed:
    """Replace the key message (see :func:`db.briefing_management.change_key_message`) and tell the
    officers; the deadline, and so the jobs, stay."""
    db, engine = _running(services)
    changed = await management.change_key_message(
        db, briefing_id, text, actor=actor, now=now, seen=seen
    )
    told = await sending.announce_change(
        db, engine, changed, "key_message", now, services.config.tz
    )
    return Changed(changed, told)


async def close(services: Services, briefing_id: int, *, actor: Actor, now: datetime) -> Closed:
    """Close (see :func:`db.briefing_management.close`): withdraw a delivery that has not started,
    drop the pushes still queued and the jobs."""
    db, engine = _running(services)
    closed = await management.close(db, briefing_id, actor=actor, now=now)
    withdrawn = await sending.withdraw(engine, closed)
    await reschedule_briefing(services, briefing_id)
    return Closed(closed, withdrawn)
