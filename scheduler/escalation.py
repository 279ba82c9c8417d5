"""At a briefing's deadline: the overdue notice to units still open, and escalation to coordinators.

Both are *passes* made once per briefing and deadline (``deadline_passes``), inside
ONE write transaction with the messages they queue, at the first sendable moment
at or after the deadline (days off and quiet hours wait, see scheduler/holidays.py);
the escalation waits ``schedule.escalation_delay`` more. A pass that the bot missed
by more than :data:`CATCH_UP` (it was down) is recorded as skipped and logged: the
daily coordinator digest still lists overdue units. Moving a deadline makes new
passes for the new one.

* **Overdue notice** — to the officers of each unit still open (officers on leave
  skipped, like reminders): one message, with the "Lapor unggahan" button. It never
  names other units: no public shaming.
* **Escalation** — one message per coordinator listing the missing units of their
  scope, grouped by kecamatan: a kecamatan coordinator gets their desa/kelurahan by
  name; the central desk (the regency's coordinators, or the administrators when
  the regency has none) gets the kecamatan offices and OPDs by name and one line per
  kecamatan with the count of missing desa and who coordinates that kecamatan, so it
  sees which kecamatan coordinators have units to chase. Briefings reaching their
  deadline in the same run share one message per coordinator.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta, tzinfo
from functools import partial

import aiosqlite

from bot.core.texts import esc, fmt_datetime, fmt_short, t
from db import reminders as reminders_db
from db.officers import Officer
from db.reminders import DueBriefing
from db.unit_tree import TreeUnit, UnitTree, load_tree_in
from scheduler.briefing_view import officer_buttons
from scheduler.content import TEXT_LIMIT, Content, visible_length
from scheduler.push_batch import Push, PushBatch, run_passes
from scheduler.reminders import Timing, load_timing, tell_unreachable, variants_for
from scheduler.screen import ESCALATION_DETAILS, fits
from scheduler.services import Services

log = logging.getLogger(__name__)

CATCH_UP = timedelta(hours=24)
_NAMES_LISTED = 30
_SUMMARIES_LISTED = 5
_TOP_KECAMATAN = 3


@dataclass
class Outcome:
    """One briefing at its deadline: the units it targeted and those still open."""

    briefing: DueBriefing
    targeted: list[int] = field(default_factory=list)
    open: dict[int, int] = field(default_factory=dict)  # unit id -> assignment id


async def run_due_deadlines(services: Services) -> int:
    """Make every overdue and escalation pass that is due, alone; returns messages queued."""
    return await run_passes(services, [deadline_pass])


async def deadline_pass(services: Services, conn: aiosqlite.Connection, batch: PushBatch) -> None:
    """The overdue and escalation passes due now, added to ``batch`` (a :data:`Pass`)."""
    timing = await load_timing(services)
    if not timing.can_send_now:
        return
    schedule = services.config.schedule
    # A coordinator's escalation and notice at one minute: one message.
    await _overdue_pass(conn, batch, timing)
    if schedule.escalation:
        await _escalation_pass(conn, batch, timing, schedule.escalation_delay)


async def _ready(
    conn: aiosqlite.Connection, kind: reminders_db.PassKind, timing: Timing, delay: timedelta
) -> list[Outcome]:
    """Briefings whose ``kind`` pass is due now, with their assignments; stale ones skipped."""
    now = timing.now
    ready: list[DueBriefing] = []
    for briefing in await reminders_db.due_passes_in(conn, kind, now, now - delay):
        moment = timing.sendable(briefing.deadline + delay)
        if moment > now:
            continue
        if now - moment > CATCH_UP:
            log.warning(
                "%s pass of briefing %d (deadline %s) skipped: the bot missed it by %s",
                kind,
                briefing.id,
                briefing.deadline.isoformat(),
                now - moment,
            )
            await reminders_db.record_pass_in(conn, briefing, kind, "skipped", 0, None, now)
            continue
        ready.append(briefing)
    outcomes = {briefing.id: Outcome(briefing) for briefing in ready}
    for assignment_id, briefing_id, unit_id, status in await reminders_db.assignments_in(
        conn, list(outcomes)
    ):
        outcome = outcomes[briefing_id]
        outcome.targeted.append(unit_id)
        if status == "open":
            outcome.open[unit_id] = assignment_id
    return list(outcomes.values())


# ---- the overdue notice --------------------------------------------------------------------


def overdue_content(briefing: DueBriefing, zone: tzinfo, lang: str) -> list[Content]:
    text = t(
        lang,
        "overdue.notice",
        id=briefing.id,
        title=esc(briefing.title),
        deadline=fmt_datetime(briefing.deadline, lang, zone),
    )
    return [Content(text, buttons=officer_buttons(briefing.id, lang))]


async def _overdue_pass(conn: aiosqlite.Connection, batch: PushBatch, timing: Timing) -> None:
    outcomes = await _ready(conn, "overdue", timing, timedelta(0))
    if not outcomes:
        return
    now = timing.now
    people = await reminders_db.people_in(
        conn, {unit_id for outcome in outcomes for unit_id in outcome.open}, now
    )
    for outcome in outcomes:
        briefing = outcome.briefing
        recipients = [officer for unit_id in outcome.open for officer in people[unit_id].recipients]
        push = None
        if recipients:
            push = batch.add(
                kind="overdue",
                ref=f"briefing:{briefing.id}",
                recipients=recipients,
                variants=variants_for(recipients, partial(overdue_content, briefing, timing.zone)),
            )

        async def record(outcome: Outcome = outcome, push: Push | None = push) -> None:
            outbox_id = push.outbox_id if push is not None else None
            await reminders_db.record_in(
                conn,
                [
                    (
                        assignment_id,
                        "overdue",
                        outcome.briefing.deadline,
                        outbox_id if people[unit_id].recipients else None,
                    )
                    for unit_id, assignment_id in outcome.open.items()
                ],
                now,
            )
            await reminders_db.record_pass_in(
                conn,
                outcome.briefing,
                "overdue",
                "sent" if outcome.open else "nothing",
                len(outcome.open),
                outbox_id,
                now,
            )

        batch.after(record)
    await tell_unreachable(conn, batch, people, now)


# ---- escalation ------------------------------------------------------------------------------


async def _escalation_pass(
    conn: aiosqlite.Connection, batch: PushBatch, timing: Timing, delay: timedelta
) -> None:
    outcomes = await _ready(conn, "escalation", timing, delay)
    if not outcomes:
        return
    now = timing.now
    tree = await load_tree_in(conn)
    overseers = await reminders_db.overseers_in(conn)
    coordinators = [officer for officer in overseers if officer.role == "coordinator"]
    central = [officer for officer in coordinators if tree.is_regency(officer.unit_id)]
    if not central:
        central = [officer for officer in overseers if officer.role == "admin"]
    central_ids = {officer.id for officer in central}
    by_kecamatan: dict[int, list[Officer]] = defaultdict(list)
    for officer in coordinators:
        by_kecamatan[officer.unit_id].append(officer)
    sections: dict[int, list[Section]] = defaultdict(list)
    recipients: dict[int, Officer] = {}
    missing = [outcome for outcome in outcomes if outcome.open]
    for outcome in missing:
        for officer in central:
            recipients[officer.id] = officer
            lang = officer.language
            sections[officer.id].append(
                Section(
                    outcome.briefing.id,
                    central_section(lang, tree, outcome, by_kecamatan, timing.zone),
                    central_summary(lang, tree, outcome, timing.zone),
                    brief_line(
                        lang,
                        outcome.briefing,
                        len(outcome.open),
                        len(outcome.targeted),
                        timing.zone,
                    ),
                )
            )
        for officer in coordinators:
            if officer.id in central_ids:
                continue
            open_here = [u for u in outcome.open if tree.in_scope(officer.unit_id, u)]
            if not open_here:
                continue
            targeted_here = [u for u in outcome.targeted if tree.in_scope(officer.unit_id, u)]
            recipients[officer.id] = officer
            lang = officer.language
            sections[officer.id].append(
                Section(
                    outcome.briefing.id,
                    scope_section(lang, tree, outcome, open_here, targeted_here, timing.zone),
                    scope_summary(lang, outcome, open_here, targeted_here, timing.zone),
                    brief_line(
                        lang, outcome.briefing, len(open_here), len(targeted_here), timing.zone
                    ),
                )
            )
    ref = "escalation:" + ",".join(str(outcome.briefing.id) for outcome in missing)
    for officer_id, officer_sections in sections.items():
        officer = recipients[officer_id]
        lang = officer.language
        batch.add(
            kind="escalation",
            ref=ref[:200],
            recipients=[officer],
            variants={lang: escalation_parts(lang, officer_sections)},
        )
    for outcome in outcomes:
        await reminders_db.record_pass_in(
            conn,
            outcome.briefing,
            "escalation",
            "sent" if outcome.open else "nothing",
            len(outcome.open),
            None,
            now,
        )


@dataclass(frozen=True)
class Section:
    """One briefing in a coordinator's escalation: the full list and its short summary."""

    briefing_id: int
    full: str
    summary: str
    brief: str
    """One line: the briefing and how many have not reported (many briefings at once)."""


def escalation_parts(lang: str, sections: Sequence[Section]) -> list[Content]:
    """The full lists when they fit on one screen; else the summaries with "Rincian" buttons."""
    header, footer = t(lang, "escalation.header"), t(lang, "escalation.footer")
    full = pack(header, [section.full for section in sections], footer)
    if len(full) == 1 and fits(full[0]):
        return [Content(full[0])]
    footer = t(lang, "escalation.footer_summary")
    # The summaries if they fit; else one line per briefing, as many as fit (at least one).
    candidates = [("summary", count) for count in (len(sections), _SUMMARIES_LISTED)]
    candidates += [("brief", count) for count in range(_SUMMARIES_LISTED, 0, -1)]
    for which, count in candidates:
        shown = sections[:count]
        lines = [getattr(section, which) for section in shown]
        if len(sections) > len(shown):
            lines.append(t(lang, "sched.more", count=len(sections) - len(shown)))
        text = "\n\n".join([header, *lines, footer])
        if fits(text):
            break
    buttons = tuple(
        (
            (
                t(lang, "details.button", id=section.briefing_id),
                ESCALATION_DETAILS.build(section.briefing_id, 0),
            ),
        )
        for section in shown
    )
    return [Content(text, buttons=buttons)]


def brief_line(lang: str, briefing: DueBriefing, open_: int, total: int, zone: tzinfo) -> str:
    return t(
        lang,
        "escalation.brief",
        id=briefing.id,
        title=esc(briefing.title),
        deadline=fmt_short(briefing.deadline, lang, zone),
        open=open_,
        total=total,
    )


def _names(lang: str, units: Sequence[TreeUnit]) -> str:
    ordered = sorted(units, key=lambda unit: unit.code)
    names = [unit.label(lang) for unit in ordered[:_NAMES_LISTED]]
    if len(ordered) > _NAMES_LISTED:
        names.append(t(lang, "sched.more", count=len(ordered) - _NAMES_LISTED))
    return ", ".join(names)


def _section_header(lang: str, briefing: DueBriefing, zone: tzinfo) -> str:
    return t(
        lang,
        "escalation.briefing",
        id=briefing.id,
        title=esc(briefing.title),
        deadline=fmt_short(briefing.deadline, lang, zone),
    )


def central_section(
    lang: str, tree: UnitTree, outcome: Outcome, by_unit: dict[int, list[Officer]], zone: tzinfo
) -> str:
    """The central desk's view: offices and OPDs by name, desa counted per kecamatan."""
    lines = [
        _section_header(lang, outcome.briefing, zone),
        t(lang, "escalation.count", open=len(outcome.open), total=len(outcome.targeted)),
    ]
    regency = [tree[u] for u in outcome.open if tree[u].kind == "kabupaten"]
    offices = [tree[u] for u in outcome.open if tree[u].kind == "kecamatan"]
    agencies = [tree[u] for u in outcome.open if tree[u].kind == "opd"]
    if regency:
        lines.append(t(lang, "escalation.regency_office", names=_names(lang, regency)))
    if offices:
        lines.append(t(lang, "escalation.offices", count=len(offices), names=_names(lang, offices)))
    if agencies:
        lines.append(
            t(lang, "escalation.agencies", count=len(agencies), names=_names(lang, agencies))
        )
    villages_open: dict[int, int] = defaultdict(int)
    villages_total: dict[int, int] = defaultdict(int)
    for unit_id in outcome.targeted:
        kecamatan = tree.kecamatan_of(unit_id)
        if kecamatan is None or tree[unit_id].kind not in ("desa", "kelurahan"):
            continue
        villages_total[kecamatan.id] += 1
        if unit_id in outcome.open:
            villages_open[kecamatan.id] += 1
    if villages_open:
        lines.append(t(lang, "escalation.villages"))
        for kecamatan_id in sorted(villages_open, key=lambda k: tree[k].code):
            people = by_unit.get(kecamatan_id, [])
            who = (
                t(
                    lang,
                    "escalation.coordinated_by",
                    names=", ".join(esc(o.full_name) for o in people),
                )
                if people
                else t(lang, "escalation.no_coordinator")
            )
            lines.append(
                t(
                    lang,
                    "escalation.kecamatan_line",
                    kecamatan=tree[kecamatan_id].label(lang),
                    open=villages_open[kecamatan_id],
                    total=villages_total[kecamatan_id],
                    who=who,
                )
            )
    return "\n".join(lines)


def scope_section(
    lang: str,
    tree: UnitTree,
    outcome: Outcome,
    open_here: Sequence[int],
    targeted_here: Sequence[int],
    zone: tzinfo,
) -> str:
    """A coordinator's own scope: every missing unit by name, grouped by kecamatan."""
    lines = [
        _section_header(lang, outcome.briefing, zone),
        t(lang, "escalation.count_scope", open=len(open_here), total=len(targeted_here)),
    ]
    groups: dict[int | None, list[TreeUnit]] = defaultdict(list)
    for unit_id in open_here:
        kecamatan = tree.kecamatan_of(unit_id)
        groups[kecamatan.id if kecamatan else None].append(tree[unit_id])
    for kecamatan_id in sorted(groups, key=lambda k: tree[k].code if k is not None else "~"):
        title = (
            tree[kecamatan_id].label(lang)
            if kecamatan_id is not None
            else t(lang, "escalation.other_units")
        )
        lines.append(f"<b>{title}</b>")
        units = sorted(groups[kecamatan_id], key=lambda unit: unit.code)
        lines += [
            f"• {unit.label(lang)}"
            + (t(lang, "escalation.office") if unit.kind == "kecamatan" else "")
            for unit in units[:_NAMES_LISTED]
        ]
        if len(units) > _NAMES_LISTED:
            lines.append(t(lang, "sched.more", count=len(units) - _NAMES_LISTED))
    return "\n".join(lines)


def _villages_open(tree: UnitTree, unit_ids: Sequence[int]) -> dict[int, int]:
    """Per kecamatan id: how many of ``unit_ids`` are its desa/kelurahan."""
    counts: dict[int, int] = defaultdict(int)
    for unit_id in unit_ids:
        kecamatan = tree.kecamatan_of(unit_id)
        if kecamatan is not None and tree[unit_id].kind in ("desa", "kelurahan"):
            counts[kecamatan.id] += 1
    return counts


def central_summary(lang: str, tree: UnitTree, outcome: Outcome, zone: tzinfo) -> str:
    """The central desk's view in a few lines: counts by kind and the kecamatan most behind."""
    open_units = list(outcome.open)
    offices = sum(1 for u in open_units if tree[u].kind == "kecamatan")
    agencies = sum(1 for u in open_units if tree[u].kind == "opd")
    villages = _villages_open(tree, open_units)
    lines = [
        _section_header(lang, outcome.briefing, zone),
        t(lang, "escalation.count", open=len(outcome.open), total=len(outcome.targeted)),
        t(
            lang,
            "escalation.summary_kinds",
            offices=offices,
            agencies=agencies,
            villages=sum(villages.values()),
            kecamatan=len(villages),
        ),
    ]
    behind = sorted(villages, key=lambda k: (-villages[k], tree[k].code))[:_TOP_KECAMATAN]
    if behind:
        names = ", ".join(f"{tree[k].label(lang)} ({villages[k]})" for k in behind)
        lines.append(t(lang, "escalation.summary_behind", names=names))
    return "\n".join(lines)


def scope_summary(
    lang: str,
    outcome: Outcome,
    open_here: Sequence[int],
    targeted_here: Sequence[int],
    zone: tzinfo,
) -> str:
    """A coordinator's own scope in two lines: the briefing and how many have not reported."""
    return "\n".join(
        [
            _section_header(lang, outcome.briefing, zone),
            t(lang, "escalation.summary_scope", open=len(open_here), total=len(targeted_here)),
        ]
    )


def pack(header: str, sections: Sequence[str], footer: str) -> list[str]:
    """Join sections into as few messages as fit Telegram's text limit (a section too long
    for one message is split between its lines); the header opens, the footer closes."""
    limit = TEXT_LIMIT - visible_length(footer) - 2
    parts: list[str] = []
    current = header

    def add(block: str, separator: str) -> None:
        nonlocal current
        candidate = f"{current}{separator}{block}"
        if visible_length(candidate) <= limit:
            current = candidate
        else:
            parts.append(current)
            current = block

    for section in sections:
        if visible_length(section) <= limit:
            add(section, "\n\n")
            continue
        first, *rest = section.split("\n")
        add(first, "\n\n")
        for line in rest:
            add(line, "\n")
    parts.append(f"{current}\n\n{footer}")
    return parts
