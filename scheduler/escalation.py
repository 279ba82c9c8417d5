"""At a briefing's deadline: the overdue notice to units still open, and escalation to coordinators.

Both are *passes* made once per briefing and deadline (``deadline_passes``), inside
ONE write transaction with the messages they queue, at the first sendable moment
at or after the deadline (days off and quiet hours wait, see scheduler/holidays.py);
the escalation waits ``schedule.escalation_delay`` more. A pass that the bot missed
by more than :data:`CATCH_UP` (it was down) is recorded as skipped and logged: the
daily coordinator digest still lists overdue units. Moving a deadline makes new
passes for the new one.

* **Overdue notice** — to the officers of each unit still open (officers on leave
  skipped, like reminders): one message, with the "Lapor posting" button. It never
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

import aiosqlite

from bot.core.texts import esc, fmt_datetime, fmt_short, t
from db import reminders as reminders_db
from db.officers import Officer
from db.reminders import DueBriefing
from db.unit_tree import TreeUnit, UnitTree, load_tree_in
from scheduler.briefing_view import officer_buttons
from scheduler.content import TEXT_LIMIT, Content, visible_length
from scheduler.engine import DeliveryEngine
from scheduler.reminders import Timing, load_timing, tell_unreachable, variants_for
from scheduler.services import Services

log = logging.getLogger(__name__)

CATCH_UP = timedelta(hours=24)
_NAMES_LISTED = 30


@dataclass
class Outcome:
    """One briefing at its deadline: the units it targeted and those still open."""

    briefing: DueBriefing
    targeted: list[int] = field(default_factory=list)
    open: dict[int, int] = field(default_factory=dict)  # unit id -> assignment id


async def run_due_deadlines(services: Services) -> int:
    """Make every overdue and escalation pass that is due; returns messages queued."""
    db, engine = services.db, services.delivery
    assert db is not None and engine is not None
    timing = await load_timing(services)
    if not timing.can_send_now:
        return 0
    schedule = services.config.schedule
    async with db.transaction() as conn:
        queued = await _overdue_pass(conn, engine, timing)
        if schedule.escalation:
            queued += await _escalation_pass(conn, engine, timing, schedule.escalation_delay)
    if queued:
        engine.wake()
    return queued


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


async def _overdue_pass(conn: aiosqlite.Connection, engine: DeliveryEngine, timing: Timing) -> int:
    outcomes = await _ready(conn, "overdue", timing, timedelta(0))
    if not outcomes:
        return 0
    now = timing.now
    people = await reminders_db.people_in(
        conn, {unit_id for outcome in outcomes for unit_id in outcome.open}, now
    )
    queued = 0
    for outcome in outcomes:
        briefing = outcome.briefing
        recipients = [officer for unit_id in outcome.open for officer in people[unit_id].recipients]
        outbox_id = None
        if recipients:
            outbox_id = await engine.enqueue_in(
                conn,
                kind="overdue",
                ref=f"briefing:{briefing.id}",
                sender_id=None,
                recipients=recipients,
                variants=variants_for(
                    recipients, lambda lang, b=briefing: overdue_content(b, timing.zone, lang)
                ),
            )
            queued += 1
        await reminders_db.record_in(
            conn,
            [
                (
                    assignment_id,
                    "overdue",
                    briefing.deadline,
                    outbox_id if people[unit_id].recipients else None,
                )
                for unit_id, assignment_id in outcome.open.items()
            ],
            now,
        )
        await reminders_db.record_pass_in(
            conn,
            briefing,
            "overdue",
            "sent" if outcome.open else "nothing",
            len(outcome.open),
            outbox_id,
            now,
        )
    return queued + await tell_unreachable(conn, engine, people, now)


# ---- escalation ------------------------------------------------------------------------------


async def _escalation_pass(
    conn: aiosqlite.Connection, engine: DeliveryEngine, timing: Timing, delay: timedelta
) -> int:
    outcomes = await _ready(conn, "escalation", timing, delay)
    if not outcomes:
        return 0
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
    sections: dict[int, list[str]] = defaultdict(list)
    recipients: dict[int, Officer] = {}
    missing = [outcome for outcome in outcomes if outcome.open]
    for outcome in missing:
        for officer in central:
            recipients[officer.id] = officer
            sections[officer.id].append(
                central_section(officer.language, tree, outcome, by_kecamatan, timing.zone)
            )
        for officer in coordinators:
            if officer.id in central_ids:
                continue
            open_here = [u for u in outcome.open if tree.in_scope(officer.unit_id, u)]
            if not open_here:
                continue
            targeted_here = [u for u in outcome.targeted if tree.in_scope(officer.unit_id, u)]
            recipients[officer.id] = officer
            sections[officer.id].append(
                scope_section(
                    officer.language, tree, outcome, open_here, targeted_here, timing.zone
                )
            )
    ref = "escalation:" + ",".join(str(outcome.briefing.id) for outcome in missing)
    for officer_id, officer_sections in sections.items():
        officer = recipients[officer_id]
        lang = officer.language
        parts = pack(t(lang, "escalation.header"), officer_sections, t(lang, "escalation.footer"))
        await engine.enqueue_in(
            conn,
            kind="escalation",
            ref=ref[:200],
            sender_id=None,
            recipients=[officer],
            variants={lang: [Content(part) for part in parts]},
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
    return len(sections)


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
    offices = [tree[u] for u in outcome.open if tree[u].kind in ("kabupaten", "kecamatan")]
    agencies = [tree[u] for u in outcome.open if tree[u].kind == "opd"]
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
