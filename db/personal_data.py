"""Personal data (UU PDP 27/2022): what the bot holds about one person, and retention.

:func:`export` gathers everything held about a Telegram account — the profile, its
unit, applications, reports, decisions, announcements sent and acknowledged,
messages received, leave, the audit log — in :data:`SECTIONS`, one query each.
Every table of the schema is either read by a section (:data:`SECTIONS` names it)
or listed in :data:`NOT_PERSONAL` with the reason; a test checks that nothing is
left out when a migration adds a table. Rows about other people the person acted
on (a report they reviewed, an application they decided) carry ids, units and the
decision, never the other person's name or account.

:func:`purge_refused_registrations` deletes rejected and withdrawn applications
some days after their decision (``privacy.registration_retention_days``); running
it again deletes nothing more.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from typing import Any

from db import audit
from db.audit import Actor
from db.connection import Database
from db.timefmt import from_db, to_db


@dataclass(frozen=True)
class Section:
    name: str
    tables: tuple[str, ...]
    sql: str  # named parameters :officer (the account's officer id, or NULL) and :telegram


_UNIT = "(SELECT name FROM units WHERE id = {0}) AS {1}"

SECTIONS: tuple[Section, ...] = (
    Section(
        "profile",
        ("officers",),
        "SELECT o.id, o.telegram_id, o.chat_id, o.full_name, o.position, o.role, o.status,"
        " o.language, o.reachable, o.created_at, o.updated_at FROM officers o WHERE o.id = :officer",
    ),
    Section(
        "membership",
        ("officers",),
        "SELECT u.id AS unit_id, u.code AS unit_code, u.kind AS unit_kind, u.name AS unit_name,"
        f" {_UNIT.format('u.parent_id', 'parent_unit')}"
        " FROM officers o JOIN units u ON u.id = o.unit_id WHERE o.id = :officer",
    ),
    Section(
        "registrations",
        ("registrations",),
        "SELECT r.id, r.kind, r.telegram_id, r.chat_id, r.full_name, r.position, r.role,"
        f" r.language, r.status, r.unit_id, {_UNIT.format('r.unit_id', 'unit')},"
        " r.created_at, r.decided_at FROM registrations r"
        " WHERE r.telegram_id = :telegram OR r.officer_id = :officer ORDER BY r.id",
    ),
    Section(
        "reports",
        ("submissions",),
        f"SELECT s.id, s.receipt, s.kind, {_UNIT.format('s.unit_id', 'unit')}, s.briefing_id,"
        " s.url, s.platform, s.off_channel, s.late, s.screenshot_file_id, s.draft_text,"
        " s.draft_media_type, s.draft_file_id, s.status, s.review_note, s.reviewed_at,"
        " s.caption_similarity, s.created_at FROM submissions s WHERE s.officer_id = :officer"
        " ORDER BY s.id",
    ),
    Section(
        "report_checks",
        ("link_checks",),
        # What the public page of each reported post showed (links.verify).
        "SELECT c.submission_id, c.status, c.post_exists, c.author, c.title, c.reason,"
        " c.checked_at FROM link_checks c JOIN submissions s ON s.id = c.submission_id"
        " WHERE s.officer_id = :officer ORDER BY c.submission_id",
    ),
    Section(
        "issue_reports",
        ("issue_reports",),
        f"SELECT i.id, {_UNIT.format('i.unit_id', 'unit')}, i.url, i.screenshot_file_id,"
        " i.description, i.urgency, i.status, i.note, i.created_at, i.handled_at"
        " FROM issue_reports i WHERE i.reporter_id = :officer ORDER BY i.id",
    ),
    Section(
        "decisions_on_registrations",
        ("registrations",),
        f"SELECT r.id, {_UNIT.format('r.unit_id', 'unit')}, r.status, r.decided_at"
        " FROM registrations r WHERE r.decided_by = :officer ORDER BY r.id",
    ),
    Section(
        "decisions_on_reports",
        ("submissions",),
        f"SELECT s.id, s.receipt, {_UNIT.format('s.unit_id', 'unit')}, s.status, s.review_note,"
        " s.reviewed_at FROM submissions s WHERE s.reviewer_id = :officer ORDER BY s.id",
    ),
    Section(
        "decisions_on_issue_reports",
        ("issue_reports",),
        f"SELECT i.id, {_UNIT.format('i.unit_id', 'unit')}, i.status, i.note, i.handled_at"
        " FROM issue_reports i WHERE i.handled_by = :officer ORDER BY i.id",
    ),
    Section(
        "registration_requests_received",
        ("registration_notices",),
        "SELECT n.registration_id, n.chat_id, n.message_id FROM registration_notices n"
        " WHERE n.officer_id = :officer ORDER BY n.registration_id",
    ),
    Section(
        "announcements_sent",
        ("announcements",),
        "SELECT a.id, a.body, a.media_type, a.file_id, a.audience, a.unit_count,"
        " a.recipient_count, a.urgent, a.ack_required, a.send_at, a.created_at"
        " FROM announcements a WHERE a.sender_id = :officer ORDER BY a.id",
    ),
    Section(
        "announcements_acknowledged",
        ("acknowledgements",),
        "SELECT k.announcement_id, k.at FROM acknowledgements k"
        " WHERE k.officer_id = :officer ORDER BY k.announcement_id",
    ),
    Section(
        "messages_queued",
        ("outbox_messages",),
        "SELECT m.id, m.kind, m.ref, m.status, m.not_before, m.created_at, m.finished_at"
        " FROM outbox_messages m WHERE m.sender_id = :officer ORDER BY m.id",
    ),
    Section(
        "messages_received",
        ("deliveries", "outbox_messages"),
        "SELECT d.id, m.kind, m.ref, d.chat_id, d.language, d.part, d.status, d.attempts,"
        " d.tg_message_id, d.sent_at FROM deliveries d JOIN outbox_messages m ON m.id = d.message_id"
        " WHERE d.officer_id = :officer ORDER BY d.id",
    ),
    Section(
        "leave",
        ("officer_leave",),
        "SELECT l.until, l.created_at FROM officer_leave l WHERE l.officer_id = :officer",
    ),
    Section(
        "review_alerts",
        ("review_alerts",),
        "SELECT r.due_at, r.pending FROM review_alerts r WHERE r.coordinator_id = :officer",
    ),
    Section(
        "recap_reminders_sent",
        ("recap_reminders",),
        "SELECT r.briefing_id, r.sent_at, r.units, r.recipients FROM recap_reminders r"
        " WHERE r.coordinator_id = :officer ORDER BY r.briefing_id",
    ),
    Section(
        "press_releases",
        ("releases",),
        f"SELECT r.id, {_UNIT.format('r.unit_id', 'unit')}, r.program_id, r.status, r.title,"
        " r.what, r.who, r.happened_at AS happened_when, r.place, r.why, r.how, r.quotes, r.contact, r.photos,"
        " r.submission_id, r.finished_at, r.created_at, r.updated_at FROM releases r"
        " WHERE r.author_id = :officer ORDER BY r.id",
    ),
    Section(
        "briefings_written",
        ("briefings",),
        "SELECT b.id, b.title, b.status, b.deadline, b.publish_at, b.created_at"
        " FROM briefings b WHERE b.author_id = :officer ORDER BY b.id",
    ),
    Section(
        "programs_created",
        ("programs",),
        "SELECT p.id, p.name, p.status, p.created_at FROM programs p"
        " WHERE p.created_by = :officer ORDER BY p.id",
    ),
    Section(
        "days_off_declared",
        ("days_off",),
        "SELECT d.day, d.note, d.created_at FROM days_off d WHERE d.created_by = :officer"
        " ORDER BY d.day",
    ),
    Section(
        "invitations_created",
        ("invitations",),
        f"SELECT i.id, {_UNIT.format('i.unit_id', 'unit')}, i.role, i.max_uses, i.uses,"
        " i.expires_at, i.revoked_at, i.created_at FROM invitations i"
        " WHERE i.created_by = :officer ORDER BY i.id",
    ),
    Section(
        "invitation_failures",
        ("invitation_failures",),
        "SELECT f.token_hint, f.failed_at FROM invitation_failures f"
        " WHERE f.telegram_id = :telegram ORDER BY f.id",
    ),
    Section(
        "invitation_lockout",
        ("invitation_lockouts",),
        "SELECT l.locked_until FROM invitation_lockouts l WHERE l.telegram_id = :telegram",
    ),
    Section(
        "audit_log",
        ("audit_log",),
        # Who acted is "self", "cli", "system" or "other": never another person's account.
        "SELECT a.id, CASE WHEN a.actor_id = :officer OR a.actor_label = 'tg:' || :telegram"
        " THEN 'self' WHEN a.actor_label IN ('cli', 'system') THEN a.actor_label ELSE 'other'"
        " END AS actor, a.action, a.target, a.details, a.created_at FROM audit_log a"
        " WHERE a.actor_id = :officer OR a.target = 'officer:' || :officer"
        " OR a.actor_label = 'tg:' || :telegram ORDER BY a.id",
    ),
)

NOT_PERSONAL: dict[str, str] = {
    "schema_migrations": "which migrations ran",
    "units": "the area directory and agencies (a person's unit is in membership)",
    "unit_tags": "tags of units",
    "briefing_attachments": "files of briefings (the briefings a person wrote are listed)",
    "assignments": "which units a briefing asks for",
    "reminders_sent": "reminders to units",
    "deadline_passes": "a briefing's deadline passes",
    "digests_sent": "which digests went out, for everybody at once",
    "unreachable_notices": "units nobody could be reached in",
    "stored_files": "copies of the files of reports, drafts and issues (listed with them)",
}

_TIME_COLUMNS = frozenset({"at", "until", "deadline", "not_before", "locked_until"})
_JSON_COLUMNS = frozenset({"details", "audience", "quotes", "photos"})


@dataclass(frozen=True)
class PersonalData:
    telegram_id: int
    generated_at: datetime
    sections: dict[str, list[dict[str, Any]]]

    @property
    def empty(self) -> bool:
        return not any(self.sections.values())

    def counts(self) -> dict[str, int]:
        """Rows per section that has any, in :data:`SECTIONS` order."""
        return {name: len(rows) for name, rows in self.sections.items() if rows}

    def to_json(self) -> bytes:
        document = {
            "telegram_id": self.telegram_id,
            "generated_at": self.generated_at.isoformat(),
            **self.sections,
        }
        return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


def _value(column: str, value: Any, zone: tzinfo) -> Any:
    """Stored UTC times become ISO times in ``zone`` (WIB); JSON columns are decoded."""
    if value is None:
        return None
    if column in _TIME_COLUMNS or column.endswith("_at"):
        return from_db(value).astimezone(zone).isoformat()
    if column in _JSON_COLUMNS:
        return json.loads(value)
    return value


async def export(db: Database, telegram_id: int, zone: tzinfo, at: datetime) -> PersonalData:
    """Everything the bot holds about the Telegram account ``telegram_id``."""
    officer_id = await db.fetchval("SELECT id FROM officers WHERE telegram_id = ?", (telegram_id,))
    params = {"officer": officer_id, "telegram": telegram_id}
    sections: dict[str, list[dict[str, Any]]] = {}
    for section in SECTIONS:
        rows = await db.fetchall(section.sql, params)
        sections[section.name] = [
            {key: _value(key, row[key], zone) for key in row.keys()} for row in rows
        ]
    return PersonalData(telegram_id, at.astimezone(zone), sections)


async def purge_refused_registrations(db: Database, now: datetime, days: int) -> int:
    """Delete rejected and withdrawn applications decided more than ``days`` ago; how many.

    Idempotent: a second run finds nothing more to delete and logs nothing.
    """
    cutoff = to_db(now - timedelta(days=days))
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "SELECT id FROM registrations WHERE status IN ('rejected', 'withdrawn')"
            " AND coalesce(decided_at, created_at) < ? ORDER BY id",
            (cutoff,),
        )
        ids = [row["id"] for row in await cursor.fetchall()]
        if not ids:
            return 0
        marks = ", ".join("?" * len(ids))
        await conn.execute(
            f"DELETE FROM registration_notices WHERE registration_id IN ({marks})", ids
        )
        await conn.execute(f"DELETE FROM registrations WHERE id IN ({marks})", ids)
        await audit.record(
            conn,
            Actor.system(),
            "registration.purge",
            None,
            now,
            registration_ids=ids,
            retention_days=days,
        )
    return len(ids)
