"""Reminders before a deadline, to the officers of every unit that has not reported yet.

For each open assignment of a live briefing and each configured offset (default
24 h and 3 h) the reminder's moment is ``deadline - offset``, moved to the first
moment that is neither on a day off nor in quiet hours (see scheduler/holidays.py).
It is not sent at all when that moment is at or after the deadline, or when it would
come within an hour of the briefing itself (a briefing published 20 h before its
deadline gets no "24 h left" reminder).

:func:`reminder_pass` is the only thing that sends them. It runs from the timed
jobs, from the safety tick and at start-up (scheduler/jobs.py, in the write
transaction and push batch it shares with the deadline and digest passes;
:func:`run_due_reminders` runs it alone), and looks only at the injected clock
and the database: inside ONE write transaction it finds every (assignment, offset)
whose moment has come and that ``reminders_sent`` does not hold for the current
deadline, queues the messages with the delivery engine and records them. So a
reminder is sent once whatever restarts happen around its moment; one that came due
while the bot was down is sent at start if the deadline has not passed, and skipped
otherwise (the overdue notice supersedes it). When several offsets of one assignment
are due at once (after downtime) only the one nearest the deadline is sent; the
others are recorded as superseded.

Units that reported get nothing. An officer on leave (/cuti) is skipped; the others
of the unit still get it. When nobody of a unit can be reached (all on leave,
blocked the bot, or no officer at all) its nearest coordinators are told once, until
someone there can be reached again.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from functools import partial

import aiosqlite
from babel.dates import format_timedelta

from bot.core.texts import LANGUAGES, esc, fmt_datetime, t
from db import reminders as reminders_db
from db.officers import Officer
from db.reminders import Candidate, UnitPeople
from db.timefmt import to_db
from db.unit_tree import UnitTree, load_tree_in
from scheduler.briefing_view import officer_buttons
from scheduler.content import Content
from scheduler.holidays import Calendar, load_calendar
from scheduler.push_batch import Push, PushBatch, run_passes
from scheduler.quiet_hours import QuietHours
from scheduler.screen import UNREACHED_DETAILS, fits
from scheduler.services import Services

MIN_GAP = timedelta(hours=1)  # no reminder within this time after the briefing arrived
_UNITS_LISTED = 30
_UNITS_SUMMARISED = 10


@dataclass(frozen=True)
class Timing:
    """The clock reading, zone, quiet hours and days off one scheduler run decides with."""

    now: datetime
    zone: tzinfo
    quiet: QuietHours
    calendar: Calendar

    def sendable(self, moment: datetime) -> datetime:
        return self.calendar.sendable(moment, self.quiet, self.zone)

    @property
    def can_send_now(self) -> bool:
        """False on a day off and in quiet hours: pushes wait for the next sendable moment."""
        return self.sendable(self.now) == self.now


async def load_timing(services: Services) -> Timing:
    config = services.config
    assert services.db is not None
    return Timing(
        now=services.clock.now(),
        zone=config.tz,
        quiet=services.quiet,
        calendar=await load_calendar(services.db),
    )


def offset_kind(offset: timedelta) -> str:
    return f"before:{int(offset.total_seconds())}"


def reminder_moment(
    deadline: datetime, publish_at: datetime, offset: timedelta, timing: Timing
) -> datetime | None:
    """When the reminder ``offset`` before ``deadline`` goes, or None when it never does."""
    nominal = deadline - offset
    if nominal < publish_at + MIN_GAP:
        return None
    moment = timing.sendable(nominal)
    return moment if moment < deadline else None


def time_left(delta: timedelta, lang: str) -> str:
    """``24 jam``, ``3 jam``, ``90 menit``."""
    return format_timedelta(delta, threshold=2, add_direction=False, locale=lang)


def variants_for(
    recipients: Sequence[Officer], render: Callable[[str], list[Content]]
) -> dict[str, list[Content]]:
    """``render(lang)`` for every language among the recipients (and Indonesian)."""
    languages = {officer.language for officer in recipients} | {"id"}
    return {lang: render(lang) for lang in LANGUAGES if lang in languages}


def reminder_content(candidate: Candidate, now: datetime, zone: tzinfo, lang: str) -> list[Content]:
    text = t(
        lang,
        "reminder.before",
        id=candidate.briefing_id,
        title=esc(candidate.title),
        left=time_left(candidate.deadline - now, lang),
        deadline=fmt_datetime(candidate.deadline, lang, zone),
    )
    return [Content(text, buttons=officer_buttons(candidate.briefing_id, lang))]


async def run_due_reminders(services: Services) -> int:
    """Queue every reminder that is due now, alone; returns how many messages were queued."""
    return await run_passes(services, [reminder_pass])


async def reminder_pass(services: Services, conn: aiosqlite.Connection, batch: PushBatch) -> None:
    """The reminders due now (and the unreachable notices), added to ``batch`` (a :data:`Pass`)."""
    timing = await load_timing(services)
    if not timing.can_send_now:
        return
    now = timing.now
    offsets = services.config.reminders.offsets
    if not offsets:
        return
    candidates = await reminders_db.candidates_in(conn, now, now + max(offsets))
    due_offsets: dict[int, list[timedelta]] = {}  # per briefing: its offsets due now
    for candidate in candidates:
        if candidate.briefing_id not in due_offsets:
            due_offsets[candidate.briefing_id] = [
                offset
                for offset in offsets
                if (
                    moment := reminder_moment(
                        candidate.deadline, candidate.publish_at, offset, timing
                    )
                )
                is not None
                and moment <= now
            ]
    candidates = [c for c in candidates if due_offsets[c.briefing_id]]
    recorded = await reminders_db.recorded_in(conn, [c.assignment_id for c in candidates])
    plan: dict[tuple[int, timedelta], list[Candidate]] = defaultdict(list)
    records: list[tuple[int, str, datetime, int | None]] = []
    for candidate in candidates:
        deadline = to_db(candidate.deadline)
        due = [
            offset
            for offset in due_offsets[candidate.briefing_id]
            if (candidate.assignment_id, offset_kind(offset), deadline) not in recorded
        ]
        if not due:
            continue
        nearest = min(due)
        plan[(candidate.briefing_id, nearest)].append(candidate)
        records += [
            (candidate.assignment_id, offset_kind(offset), candidate.deadline, None)
            for offset in due
            if offset != nearest
        ]
    if not plan:
        return
    people = await reminders_db.people_in(
        conn, {c.unit_id for items in plan.values() for c in items}, now
    )
    reminded: list[tuple[timedelta, list[Candidate], Push | None]] = []
    first_push = len(batch.pushes)  # reminders of several briefings to one unit: one message
    for (_, offset), items in plan.items():
        recipients = [officer for c in items for officer in people[c.unit_id].recipients]
        push = None
        if recipients:
            first = items[0]
            push = batch.add(
                kind="reminder",
                ref=f"briefing:{first.briefing_id}",
                recipients=recipients,
                variants=variants_for(
                    recipients, partial(reminder_content, first, now, timing.zone)
                ),
            )
        reminded.append((offset, items, push))

    async def record() -> None:
        for offset, items, push in reminded:
            outbox_id = push.outbox_id if push is not None else None
            records.extend(
                (
                    c.assignment_id,
                    offset_kind(offset),
                    c.deadline,
                    outbox_id if people[c.unit_id].recipients else None,
                )
                for c in items
            )
        await reminders_db.record_in(conn, records, now)
        services.metrics.reminders.inc(len({push.outbox_id for push in mine}))

    batch.after(record)
    await tell_unreachable(conn, batch, people, now)
    mine = batch.pushes[first_push:]


# ---- nobody in a unit can be reached ---------------------------------------------------


def nearest_coordinators(
    tree: UnitTree, overseers: Sequence[Officer], unit_id: int, exclude: set[int]
) -> list[Officer]:
    """The coordinators of the nearest level above (or at) the unit; administrators if none."""
    for ancestor in tree.chain(unit_id):
        found = [
            officer
            for officer in overseers
            if officer.role == "coordinator"
            and officer.unit_id == ancestor
            and officer.id not in exclude
        ]
        if found:
            return found
    return [
        officer for officer in overseers if officer.role == "admin" and officer.id not in exclude
    ]


async def tell_unreachable(
    conn: aiosqlite.Connection,
    batch: PushBatch,
    people: Mapping[int, UnitPeople],
    now: datetime,
) -> None:
    """Tell coordinators once about units a push reached nobody in (added to ``batch``)."""
    reached = [unit_id for unit_id, group in people.items() if group.recipients]
    await reminders_db.clear_notices_in(conn, reached)
    unreached = [unit_id for unit_id, group in people.items() if not group.recipients]
    told = await reminders_db.noticed_in(conn, unreached)
    fresh = [unit_id for unit_id in unreached if unit_id not in told]
    if not fresh:
        return
    overseers = await reminders_db.overseers_in(conn)
    tree = await load_tree_in(conn)
    by_coordinator: dict[int, list[int]] = defaultdict(list)
    coordinators: dict[int, Officer] = {}
    for unit_id in fresh:
        group = people[unit_id]
        own = {officer.id for officer in group.on_leave + group.unreachable}
        for coordinator in nearest_coordinators(tree, overseers, unit_id, own):
            coordinators[coordinator.id] = coordinator
            by_coordinator[coordinator.id].append(unit_id)
    pushes: list[tuple[Push, list[int]]] = []
    for coordinator_id, unit_ids in by_coordinator.items():
        coordinator = coordinators[coordinator_id]
        lang = coordinator.language
        push = batch.add(
            kind="notice",
            ref="unreachable",
            recipients=[coordinator],
            variants={lang: [unreachable_content(lang, tree, people, unit_ids)]},
        )
        pushes.append((push, unit_ids))

    async def record() -> None:
        notices: dict[int, int | None] = {unit_id: None for unit_id in fresh}
        for push, unit_ids in pushes:
            for unit_id in unit_ids:
                notices[unit_id] = push.outbox_id
        await reminders_db.add_notices_in(
            conn,
            [(unit_id, people[unit_id].reason, outbox) for unit_id, outbox in notices.items()],
            now,
        )

    batch.after(record)


def unreachable_content(
    lang: str, tree: UnitTree, people: Mapping[int, UnitPeople], unit_ids: Sequence[int]
) -> Content:
    """The units by name when they fit on one screen; else the first few and "Rincian"."""
    text = unreachable_text(lang, tree, people, unit_ids, _UNITS_LISTED)
    if fits(text):
        return Content(text)
    text = unreachable_text(lang, tree, people, unit_ids, _UNITS_SUMMARISED)
    button = (t(lang, "details.button_units"), UNREACHED_DETAILS.build(0))
    return Content(text, buttons=((button,),))


def unreachable_text(
    lang: str,
    tree: UnitTree,
    people: Mapping[int, UnitPeople],
    unit_ids: Sequence[int],
    listed: int,
) -> str:
    ordered = sorted(unit_ids, key=lambda unit_id: tree[unit_id].code)
    lines = [
        t(
            lang,
            "unreachable.line",
            unit=tree[unit_id].label(lang),
            reason=t(lang, f"unreachable.reason.{people[unit_id].reason}"),
        )
        for unit_id in ordered[:listed]
    ]
    if len(ordered) > listed:
        lines.append(t(lang, "sched.more", count=len(ordered) - listed))
    return t(lang, "unreachable.header", count=len(ordered)) + "\n" + "\n".join(lines)
