"""The weekly priorities digest (to every active officer) and the daily coordinator digest.

**When.** The weekly digest is due on the configured weekday and time (default
Monday 07:00 WIB); when that day is a day off it moves to the next working day of
the same ISO week (none left: no digest that week). The daily digest is due at its
time (default 16:00 WIB) on working days only. Both wait for a moment outside quiet
hours. :func:`digest_pass` runs from the timed jobs, the safety tick and at
start (scheduler/jobs.py; :func:`run_due_digests` runs it alone); it looks at the current and the previous period: a due digest not yet in
``digests_sent`` is sent when it is less than ``schedule.digest_catch_up`` (2 h)
late, otherwise recorded as skipped and logged. The messages and the record are
written in ONE transaction: a digest goes out once per period, whatever restarts.
The messages go through the run's push batch (scheduler/push_batch.py), so a
coordinator's daily digest and an escalation due at the same minute are one
message when together they fit on one screen.

**Weekly** — one message per unit (all its active officers get it, each in their
language): the active strategic programs by priority with their horizon, the
unit's open briefings and deadlines, and last week's result for the unit per
briefing whose deadline fell in that week (on time / late / missing); coordinators
and administrators also get last week's compliance of their scope
(scheduler/digest_compliance.py).

**Daily** — one message per coordinator (the central desk: the regency's
coordinators, or the administrators when it has none), over their scope: links
reported today, deadlines tomorrow with the units still open, units overdue by at
most :data:`OVERDUE_SHOWN`, drafts waiting for review and open issue reports; a
section with nothing in it is left out, and a digest that would not fit on one
screen lists counts instead of names. A coordinator with nothing in any of these
gets no message that day.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

import aiosqlite

from bot.core.texts import LANGUAGES, esc, fmt_date, fmt_short, t
from db import digests as digests_db
from db import programs as programs_db
from db.digests import DigestKind, UnitDeadline
from db.migrations import installed_at
from db.officers import Officer
from db.programs import Program
from db.unit_tree import UnitTree, load_tree
from scheduler import digest_compliance
from scheduler.content import Content
from scheduler.escalation import pack
from scheduler.push_batch import PushBatch, run_passes
from scheduler.reminders import Timing, load_timing
from scheduler.screen import fits
from scheduler.services import Services

log = logging.getLogger(__name__)

_PROGRAMS_LISTED = 10
_BRIEFINGS_LISTED = 15
_NAMES_LISTED = 10
_SHORT_LISTED = 5
_FEWEST_LISTED = 2
OVERDUE_SHOWN = timedelta(days=7)
"""The daily digest lists briefings overdue by at most this long (older ones are in /rekap)."""

Message = tuple[list[Officer], dict[str, list[Content]]]
"""One digest message: its recipients and its variants per language."""


@dataclass(frozen=True)
class Period:
    kind: DigestKind
    key: str  # '2026-W49' or '2026-12-01'
    due: datetime  # UTC
    day: date  # the local day it is sent on


def _at(day: date, moment: time, timing: Timing) -> datetime:
    return timing.sendable(datetime.combine(day, moment, tzinfo=timing.zone))


def weekly_period(monday: date, services: Services, timing: Timing) -> Period | None:
    """The weekly digest of the ISO week starting ``monday``; None when no day of it is left."""
    weekday, moment = services.config.schedule.weekly_digest
    day = monday + timedelta(days=weekday)
    while timing.calendar.is_day_off(day) or (day.weekday() >= 5 and day.weekday() != weekday):
        day += timedelta(days=1)
        if day >= monday + timedelta(days=7):
            return None
    year, week, _ = monday.isocalendar()
    return Period("weekly", f"{year}-W{week:02d}", _at(day, moment, timing), day)


def daily_period(day: date, services: Services, timing: Timing) -> Period | None:
    if not timing.calendar.is_working_day(day):
        return None
    return Period(
        "daily", day.isoformat(), _at(day, services.config.schedule.daily_digest, timing), day
    )


def _previous_working_day(day: date, timing: Timing) -> date:
    day -= timedelta(days=1)
    for _ in range(60):
        if timing.calendar.is_working_day(day):
            return day
        day -= timedelta(days=1)
    return day


def periods(services: Services, timing: Timing) -> list[Period]:
    """The previous and the current period of each digest (those that have a due moment)."""
    today = timing.now.astimezone(timing.zone).date()
    monday = today - timedelta(days=today.weekday())
    found = [
        weekly_period(monday - timedelta(days=7), services, timing),
        weekly_period(monday, services, timing),
        daily_period(_previous_working_day(today, timing), services, timing),
        daily_period(today, services, timing),
    ]
    return [period for period in found if period is not None]


def next_due(services: Services, timing: Timing, kind: DigestKind) -> datetime | None:
    """The next due moment of a digest after now (for the timed job)."""
    today = timing.now.astimezone(timing.zone).date()
    for days in range(0, 60):
        day = today + timedelta(days=days)
        if kind == "weekly":
            if day.weekday() != 0 and days != 0:
                continue
            period = weekly_period(day - timedelta(days=day.weekday()), services, timing)
        else:
            period = daily_period(day, services, timing)
        if period is not None and period.due > timing.now:
            return period.due
    return None


async def run_due_digests(services: Services) -> int:
    """Send the digests that are due (or record the ones missed too long ago), alone."""
    return await run_passes(services, [digest_pass])


async def digest_pass(services: Services, conn: aiosqlite.Connection, batch: PushBatch) -> None:
    """The digests due now added to ``batch``, each period recorded in ``conn`` (a :data:`Pass`)."""
    db = services.db
    assert db is not None
    timing = await load_timing(services)
    if not timing.can_send_now:
        return
    catch_up = services.config.schedule.digest_catch_up
    installed = await installed_at(db)
    for period in periods(services, timing):
        if period.due > timing.now or await digests_db.recorded(db, period.kind, period.key):
            continue
        late = timing.now - period.due
        if late > catch_up:
            if installed is not None and period.due < installed:
                log.info("%s digest %s was due before this installation", period.kind, period.key)
            else:
                log.warning(
                    "%s digest %s skipped: the bot missed it by %s", period.kind, period.key, late
                )
            await digests_db.record_in(conn, period.kind, period.key, "skipped", 0, timing.now)
            continue
        if period.kind == "weekly":
            messages = await weekly_messages(services, timing, period)
        else:
            messages = await daily_messages(services, timing, period)
        if await digests_db.record_in(
            conn, period.kind, period.key, "sent", len(messages), timing.now
        ):
            for recipients, variants in messages:
                batch.add(
                    kind="digest",
                    ref=f"digest:{period.kind}:{period.key}",
                    recipients=recipients,
                    variants=variants,
                )


# ---- weekly -----------------------------------------------------------------------------


async def weekly_messages(services: Services, timing: Timing, period: Period) -> list[Message]:
    db = services.db
    assert db is not None
    now, zone = timing.now, timing.zone
    tree = await load_tree(db)
    programs = await programs_db.list_active(db)
    officers = await digests_db.active_officers(db)
    open_by_unit: dict[int, list[UnitDeadline]] = defaultdict(list)
    for item in await digests_db.open_deadlines(db, now):
        open_by_unit[item.unit_id].append(item)
    monday = period.day - timedelta(days=period.day.weekday())
    week_start = datetime.combine(monday - timedelta(days=7), time(0), tzinfo=zone)
    week_end = datetime.combine(monday, time(0), tzinfo=zone)
    results_by_unit: dict[int, list[UnitDeadline]] = defaultdict(list)
    for item in await digests_db.deadlines_between(db, week_start, week_end, now):
        results_by_unit[item.unit_id].append(item)
    compliance = await digest_compliance.sections(
        db, officers, week_start.astimezone(UTC), week_end.astimezone(UTC), now, zone
    )
    by_unit: dict[tuple[int, int], list[Officer]] = defaultdict(list)
    for officer in officers:
        by_unit[(officer.unit_id, compliance.get(officer.id, (0, None))[0])].append(officer)
    messages: list[Message] = []
    for (unit_id, _), recipients in by_unit.items():
        extra = compliance.get(recipients[0].id)
        languages = {officer.language for officer in recipients} | {"id"}
        variants: dict[str, list[Content]] = {
            lang: [
                Content(part)
                for part in weekly_parts(
                    lang,
                    tree,
                    unit_id,
                    programs,
                    open_by_unit[unit_id],
                    results_by_unit[unit_id],
                    period.day,
                    week_start,
                    week_end,
                    now,
                    zone,
                    extra[1] if extra else None,
                )
            ]
            for lang in LANGUAGES
            if lang in languages
        }
        messages.append((recipients, variants))
    return messages


def weekly_parts(
    lang: str,
    tree: UnitTree,
    unit_id: int,
    programs: Sequence[Program],
    open_items: Sequence[UnitDeadline],
    results: Sequence[UnitDeadline],
    day: date,
    week_start: datetime,
    week_end: datetime,
    now: datetime,
    zone: tzinfo,
    compliance: digest_compliance.Section | None = None,
) -> list[str]:
    header = t(
        lang,
        "digest.weekly.header",
        date=fmt_date(datetime.combine(day, time(12), tzinfo=zone), lang, zone),
        unit=tree[unit_id].label(lang),
    )
    footer = t(lang, "digest.weekly.footer")
    # Everything when it fits on one screen; else the first few of each list.
    for listed in (_BRIEFINGS_LISTED, _SHORT_LISTED, _FEWEST_LISTED, 0):
        sections = [
            _programs_section(lang, programs, zone, min(listed, _PROGRAMS_LISTED)),
            _open_section(lang, open_items, now, zone, listed),
            _results_section(lang, results, week_start, week_end, zone, listed),
            *([compliance(lang, listed * 3)] if compliance else []),
        ]
        parts = pack(header, sections, footer)
        if len(parts) == 1 and fits(parts[0]):
            break
    return parts


def _programs_section(lang: str, programs: Sequence[Program], zone: tzinfo, listed: int) -> str:
    lines = [t(lang, "digest.weekly.programs")]
    if not programs:
        lines.append(t(lang, "digest.weekly.no_programs"))
    for number, program in enumerate(programs[:listed], start=1):
        lines.append(
            t(
                lang,
                "digest.weekly.program",
                number=number,
                name=esc(program.name),
                horizon=t(lang, f"digest.horizon.{program.horizon}"),
                ends=fmt_date(datetime.combine(program.ends_on, time(12), tzinfo=zone), lang, zone),
            )
        )
    if len(programs) > listed:
        lines.append(t(lang, "sched.more", count=len(programs) - listed))
    return "\n".join(lines)


def _open_section(
    lang: str, items: Sequence[UnitDeadline], now: datetime, zone: tzinfo, listed: int
) -> str:
    lines = [t(lang, "digest.weekly.open")]
    if not items:
        lines.append(t(lang, "digest.weekly.no_open"))
    for item in items[:listed]:
        key = "digest.weekly.open_overdue" if item.deadline <= now else "digest.weekly.open_line"
        lines.append(
            t(
                lang,
                key,
                id=item.briefing_id,
                title=esc(item.title),
                deadline=fmt_short(item.deadline, lang, zone),
            )
        )
    if len(items) > listed:
        lines.append(t(lang, "sched.more", count=len(items) - listed))
    return "\n".join(lines)


def _results_section(
    lang: str,
    results: Sequence[UnitDeadline],
    week_start: datetime,
    week_end: datetime,
    zone: tzinfo,
    listed: int,
) -> str:
    last_day = week_end - timedelta(days=1)
    lines = [
        t(
            lang,
            "digest.weekly.results",
            start=fmt_date(week_start, lang, zone),
            end=fmt_date(last_day, lang, zone),
        )
    ]
    if not results:
        lines.append(t(lang, "digest.weekly.no_results"))
        return "\n".join(lines)
    counts = {"on_time": 0, "late": 0, "missing": 0}
    for item in results:
        outcome = "missing" if not item.done else ("late" if item.late else "on_time")
        counts[outcome] += 1
    for item in results[:listed]:
        outcome = "missing" if not item.done else ("late" if item.late else "on_time")
        lines.append(
            t(lang, f"digest.weekly.result.{outcome}", id=item.briefing_id, title=esc(item.title))
        )
    if len(results) > listed:
        lines.append(t(lang, "sched.more", count=len(results) - listed))
    lines.append(t(lang, "digest.weekly.tally", **counts))
    return "\n".join(lines)


# ---- daily --------------------------------------------------------------------------------


@dataclass
class DailyFacts:
    """Everything the daily digest reports, for the whole regency."""

    links: dict[int, int]
    tomorrow: list[UnitDeadline]
    overdue: list[UnitDeadline]
    drafts: dict[int, int]
    issues: list[tuple[int, str, int]]


async def daily_messages(services: Services, timing: Timing, period: Period) -> list[Message]:
    db = services.db
    assert db is not None
    now, zone = timing.now, timing.zone
    tree = await load_tree(db)
    day_start = datetime.combine(period.day, time(0), tzinfo=zone)
    tomorrow_start = day_start + timedelta(days=1)
    facts = DailyFacts(
        links=await digests_db.links_between(db, day_start, tomorrow_start),
        tomorrow=await digests_db.deadlines_between(
            db, tomorrow_start, tomorrow_start + timedelta(days=1), now, include_closed=False
        ),
        overdue=[
            item
            for item in await digests_db.open_deadlines(db, now)
            if now - OVERDUE_SHOWN < item.deadline <= now
        ],
        drafts=await digests_db.drafts_waiting(db),
        issues=await digests_db.open_issues(db),
    )
    messages: list[Message] = []
    for coordinator, root_id in await _daily_recipients(services, tree):
        text = daily_text(coordinator.language, tree, root_id, facts, period.day, zone)
        if text is not None:
            messages.append(
                ([coordinator], {coordinator.language: [Content(part) for part in text]})
            )
    return messages


async def _daily_recipients(services: Services, tree: UnitTree) -> list[tuple[Officer, int]]:
    """Each coordinator with their scope's root; the administrators if the regency has none."""
    db = services.db
    assert db is not None
    overseers = [
        o for o in await digests_db.active_officers(db) if o.role in ("coordinator", "admin")
    ]
    coordinators = [o for o in overseers if o.role == "coordinator"]
    chosen = [(o, o.unit_id) for o in coordinators]
    if tree.regency is not None and not any(tree.is_regency(o.unit_id) for o in coordinators):
        chosen += [(o, tree.regency.id) for o in overseers if o.role == "admin"]
    return chosen


def daily_text(
    lang: str, tree: UnitTree, root_id: int, facts: DailyFacts, day: date, zone: tzinfo
) -> list[str] | None:
    """The daily digest for the scope below ``root_id``; None when there is nothing in it."""

    def here(unit_id: int) -> bool:
        return tree.in_scope(root_id, unit_id)

    links = {u: n for u, n in facts.links.items() if here(u)}
    tomorrow = [item for item in facts.tomorrow if here(item.unit_id)]
    overdue = [item for item in facts.overdue if here(item.unit_id)]
    drafts = sum(n for u, n in facts.drafts.items() if here(u))
    issues = [(u, urgency, n) for u, urgency, n in facts.issues if here(u)]
    if not (links or tomorrow or overdue or drafts or issues):
        return None
    header = t(
        lang,
        "digest.daily.header",
        date=fmt_date(datetime.combine(day, time(12), tzinfo=zone), lang, zone),
        scope=tree[root_id].label(lang),
    )
    footer = t(lang, "digest.daily.footer")
    # The full lists when they fit on one screen; else counts only, fewer briefings.
    for listed, names in ((_BRIEFINGS_LISTED, _NAMES_LISTED), (_SHORT_LISTED, 0)):
        sections = []
        if links:
            sections.append(
                t(lang, "digest.daily.links", links=sum(links.values()), units=len(links))
            )
        if tomorrow:
            sections.append(_by_briefing(lang, tree, tomorrow, "tomorrow", zone, listed, names))
        if overdue:
            sections.append(_by_briefing(lang, tree, overdue, "overdue", zone, listed, names))
        if drafts:
            sections.append(t(lang, "digest.daily.drafts", count=drafts))
        if issues:
            urgent = sum(n for _, urgency, n in issues if urgency == "darurat")
            sections.append(
                t(lang, "digest.daily.issues", count=sum(n for _, _, n in issues), urgent=urgent)
            )
        parts = pack(header, sections, footer)
        if len(parts) == 1 and fits(parts[0]):
            break
    return parts


def _by_briefing(
    lang: str,
    tree: UnitTree,
    items: Sequence[UnitDeadline],
    which: str,
    zone: tzinfo,
    listed: int,
    names_listed: int,
) -> str:
    lines = [t(lang, f"digest.daily.{which}")]
    grouped: dict[int, list[UnitDeadline]] = defaultdict(list)
    for item in items:
        grouped[item.briefing_id].append(item)
    for entries in list(grouped.values())[:listed]:
        first = entries[0]
        open_units = sorted((tree[e.unit_id] for e in entries if not e.done), key=lambda u: u.code)
        names = ", ".join(unit.label(lang) for unit in open_units[:names_listed])
        if names and len(open_units) > names_listed:
            names += ", " + t(lang, "sched.more", count=len(open_units) - names_listed)
        key = f"digest.daily.{which}_line" if names else f"digest.daily.{which}_count"
        lines.append(
            t(
                lang,
                key,
                id=first.briefing_id,
                title=esc(first.title),
                deadline=fmt_short(first.deadline, lang, zone),
                open=len(open_units),
                total=len(entries),
                names=names,
            )
        )
    if len(grouped) > listed:
        lines.append(t(lang, "sched.more", count=len(grouped) - listed))
    return "\n".join(lines)
