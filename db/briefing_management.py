"""Briefings after publishing: who manages one, and changing or closing it.

A briefing belongs to the units it addresses: an administrator, or a coordinator
whose scope holds its author's unit and every unit it targets, manages it. Each
change reads the person again in its transaction (a role, status or unit changed
while they typed counts) and is conditional on what they were shown, so the
second of two managers is refused (:attr:`BriefingProblem.CHANGED`,
:attr:`BriefingProblem.NOT_EDITABLE`) and nothing changes. The scheduler's side
of each change is in ``scheduler/briefing_lifecycle.py``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import aiosqlite

from db import audit, scope
from db.audit import Actor
from db.briefings import (
    MAX_KEY_MESSAGE,
    Briefing,
    BriefingError,
    BriefingProblem,
    briefing_from_row,
    by_id,
    check_deadline,
    clean_text,
)
from db.connection import Database
from db.officers import Officer
from db.timefmt import to_db

_LIVE_STATUSES = "('scheduled', 'published')"


def _manage_condition(officer: Officer) -> tuple[str, list[Any]]:
    """SQL over ``b`` (a briefing): ``officer`` covers its author's unit and every unit it
    targets. The second half matters once an author moved elsewhere: a briefing stays
    with the units it addresses, not with the person who wrote it."""
    author, author_params = scope.unit_condition(officer, "o.unit_id")
    target, target_params = scope.unit_condition(officer, "a.unit_id")
    condition = (
        f"EXISTS (SELECT 1 FROM officers o WHERE o.id = b.author_id AND {author})"
        f" AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.briefing_id = b.id"
        f" AND NOT ({target}))"
    )
    return condition, [*author_params, *target_params]


async def can_manage(source: scope.Source, officer: Officer, briefing: Briefing) -> bool:
    """An active admin, or an active coordinator whose scope holds the briefing's author's
    unit and all the units it targets (see :mod:`db.scope`)."""
    if not officer.is_active or officer.role == "officer":
        return False
    condition, params = _manage_condition(officer)
    row = await scope.fetchone(
        source, f"SELECT 1 FROM briefings b WHERE b.id = ? AND {condition}", (briefing.id, *params)
    )
    return row is not None


async def managed_by(db: Database, officer: Officer, limit: int = 10) -> list[Briefing]:
    """Published or scheduled briefings the officer may manage, newest first."""
    if not officer.is_active or officer.role == "officer":
        return []
    condition, params = _manage_condition(officer)
    rows = await db.fetchall(
        f"SELECT b.* FROM briefings b WHERE b.status IN {_LIVE_STATUSES} AND {condition}"
        " ORDER BY b.id DESC LIMIT ?",
        (*params, limit),
    )
    return [briefing_from_row(row) for row in rows]


async def _editable(conn: aiosqlite.Connection, briefing_id: int, actor: Actor) -> Briefing:
    """The briefing, still open, and still the actor's to manage (read in the transaction:
    a role, status or unit changed while the actor typed counts)."""
    cursor = await conn.execute("SELECT * FROM briefings WHERE id = ?", (briefing_id,))
    row = await cursor.fetchone()
    if row is None:
        raise BriefingError(BriefingProblem.NOT_EDITABLE)
    briefing = briefing_from_row(row)
    if actor.officer_id is not None:
        manager = await scope.current(conn, actor.officer_id)
        if manager is None or not await can_manage(conn, manager, briefing):
            raise scope.OutOfScope
    if briefing.status not in ("scheduled", "published"):
        raise BriefingError(BriefingProblem.NOT_EDITABLE)
    return briefing


async def change_deadline(
    db: Database,
    briefing_id: int,
    deadline: datetime,
    *,
    actor: Actor,
    now: datetime,
    seen: datetime | None = None,
) -> Briefing:
    """Move the deadline; assignments already done are re-judged on time or late.

    ``seen`` is the deadline the person was shown when they started: when another
    change came first, :attr:`BriefingProblem.CHANGED` is raised and nothing changes.
    A person who may no longer manage the briefing gets :class:`scope.OutOfScope`.
    """
    async with db.transaction() as conn:
        briefing = await _editable(conn, briefing_id, actor)
        check_deadline(deadline, now, briefing.publish_at)
        cursor = await conn.execute(
            "UPDATE briefings SET deadline = ?, updated_at = ?"
            f" WHERE id = ? AND status IN {_LIVE_STATUSES} AND (? IS NULL OR deadline = ?)",
            (to_db(deadline), to_db(now), briefing_id, *([_seen(seen)] * 2)),
        )
        if cursor.rowcount == 0:
            raise BriefingError(BriefingProblem.CHANGED)
        await conn.execute(
            "UPDATE assignments SET late = (closed_at > ?) WHERE briefing_id = ? AND status = 'done'",
            (to_db(deadline), briefing_id),
        )
        await audit.record(
            conn,
            actor,
            "briefing.deadline",
            f"briefing:{briefing_id}",
            now,
            old=to_db(briefing.deadline) if briefing.deadline else None,
            new=to_db(deadline),
        )
    changed = await by_id(db, briefing_id)
    assert changed is not None
    return changed


def _seen(value: datetime | None) -> str | None:
    return to_db(value) if value is not None else None


async def change_key_message(
    db: Database,
    briefing_id: int,
    text: str,
    *,
    actor: Actor,
    now: datetime,
    seen: str | None = None,
) -> Briefing:
    """Replace the key message; ``seen`` (the text the person was shown) and refusals as
    for :func:`change_deadline`."""
    text = clean_text(text, MAX_KEY_MESSAGE)
    async with db.transaction() as conn:
        await _editable(conn, briefing_id, actor)
        cursor = await conn.execute(
            "UPDATE briefings SET key_message = ?, updated_at = ?"
            f" WHERE id = ? AND status IN {_LIVE_STATUSES} AND (? IS NULL OR key_message = ?)",
            (text, to_db(now), briefing_id, seen, seen),
        )
        if cursor.rowcount == 0:
            raise BriefingError(BriefingProblem.CHANGED)
        await audit.record(conn, actor, "briefing.key_message", f"briefing:{briefing_id}", now)
    changed = await by_id(db, briefing_id)
    assert changed is not None
    return changed


async def close(db: Database, briefing_id: int, *, actor: Actor, now: datetime) -> Briefing:
    """No more reports are taken; open assignments stay open (the recap shows them missing).

    Closing twice (two managers at once) raises :attr:`BriefingProblem.NOT_EDITABLE`
    for the second: the conditional UPDATE finds the briefing closed already.
    """
    async with db.transaction() as conn:
        await _editable(conn, briefing_id, actor)
        cursor = await conn.execute(
            "UPDATE briefings SET status = 'closed', closed_at = ?, updated_at = ?"
            f" WHERE id = ? AND status IN {_LIVE_STATUSES}",
            (to_db(now), to_db(now), briefing_id),
        )
        if cursor.rowcount == 0:
            raise BriefingError(BriefingProblem.NOT_EDITABLE)
        await audit.record(conn, actor, "briefing.close", f"briefing:{briefing_id}", now)
    closed = await by_id(db, briefing_id)
    assert closed is not None
    return closed
