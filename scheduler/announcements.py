"""Announcements: how recipients see one, and sending, cancelling or moving it (audited).

An announcement is written, its outbox message queued and the audit entry made in
ONE transaction, so a crash leaves either nothing or everything.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from bot.core.callback_data import ID, Fixed, Route
from bot.core.texts import LANGUAGES, t, unit_label
from bot.core.texts import esc as escape
from db import announcements as announcements_db
from db import audience as audience_db
from db import audit, outbox
from db import units as units_db
from db.announcements import Announcement
from db.audience import Audience, Reach
from db.audit import Actor
from db.connection import Database
from db.officers import Officer
from scheduler.content import CAPTION_LIMIT, TEXT_LIMIT, Buttons, Content, Variants, visible_length
from scheduler.engine import DeliveryEngine

ACK = Route("an:ack", ID)
PREVIEW_ACK = Fixed("an:ackp")
STATUS = Route("an:st", ID)
SNIPPET = 60


class NobodyToReach(Exception):
    """The audience has no active officer (in the sender's scope)."""


@dataclass(frozen=True)
class Letter:
    """Everything a recipient sees, before it has an id."""

    body: str  # as the sender typed it (plain text; escaped here)
    media_type: Literal["photo", "document"] | None
    file_id: str | None
    urgent: bool
    ack: bool
    sender_name: str
    sender_role: str
    sender_unit: str  # the unit's display name, escaped

    def render(self, lang: str, announcement_id: int | None) -> Content:
        """The message in ``lang``; ``announcement_id`` None renders the preview's button."""
        header = t(lang, "announce.msg.header_urgent" if self.urgent else "announce.msg.header")
        parts = [header]
        if self.body:
            parts.append(escape(self.body))
        parts.append(
            t(
                lang,
                "announce.msg.signature",
                name=escape(self.sender_name),
                role=t(lang, f"role.{self.sender_role}"),
                unit=self.sender_unit,
            )
        )
        if self.ack:
            parts.append(t(lang, "announce.msg.ack_hint"))
        buttons: tuple[tuple[tuple[str, str], ...], ...] = ()
        if self.ack:
            data = PREVIEW_ACK.data if announcement_id is None else ACK.build(announcement_id)
            buttons = (((t(lang, "announce.button.ack"), data),),)
        return Content(
            "\n\n".join(parts), media_type=self.media_type, file_id=self.file_id, buttons=buttons
        )

    def body_limit(self) -> int:
        """How long the body may be so that every language's message fits Telegram's limit."""
        limit = CAPTION_LIMIT if self.media_type else TEXT_LIMIT
        empty = Letter(
            "",
            self.media_type,
            self.file_id,
            True,
            True,
            self.sender_name,
            self.sender_role,
            self.sender_unit,
        )
        overhead = max(visible_length(empty.render(lang, 10**9).text) for lang in LANGUAGES)
        return limit - overhead - 2  # the blank line that separates the body


async def sender_unit_label(db: Database, sender: Officer, lang: str) -> str:
    unit = await units_db.by_id(db, sender.unit_id)
    assert unit is not None
    return unit_label(lang, unit.kind, unit.name)


def snippet(body: str) -> str:
    """The start of an announcement's text on one line (escaped), for lists."""
    line = " ".join(body.split())
    return escape(line if len(line) <= SNIPPET else line[: SNIPPET - 1] + "…")


async def publish(
    db: Database,
    engine: DeliveryEngine,
    sender: Officer,
    letter: Letter,
    audience: Audience,
    send_at: datetime,
    now: datetime,
) -> tuple[Announcement, Reach]:
    """Resolve the audience (in the sender's scope), store and queue the announcement."""
    reach = await audience_db.resolve(db, sender, audience)
    if not reach.officers:
        raise NobodyToReach
    send_at = max(send_at, now)
    async with db.transaction() as conn:
        announcement_id = await announcements_db.create_in(
            conn,
            sender_id=sender.id,
            body=letter.body,
            media_type=letter.media_type,
            file_id=letter.file_id,
            audience=audience,
            unit_count=reach.reached_units,
            recipient_count=len(reach.officers),
            urgent=letter.urgent,
            ack_required=letter.ack,
            send_at=send_at,
            at=now,
        )
        variants: Variants = {lang: [letter.render(lang, announcement_id)] for lang in LANGUAGES}
        report_buttons: dict[str, Buttons] | None = (
            {
                lang: (((t(lang, "announce.button.status"), STATUS.build(announcement_id)),),)
                for lang in LANGUAGES
            }
            if letter.ack
            else None
        )
        outbox_id = await engine.enqueue_in(
            conn,
            kind="announcement",
            ref=f"announcement:{announcement_id}",
            sender_id=sender.id,
            recipients=reach.officers,
            variants=variants,
            not_before=send_at,
            urgent=letter.urgent,
            report=True,
            report_buttons=report_buttons,
        )
        await announcements_db.set_outbox_in(conn, announcement_id, outbox_id)
        await audit.record(
            conn,
            Actor.officer(sender.id, sender.telegram_id),
            "announcement.create",
            f"announcement:{announcement_id}",
            now,
            audience=audience.to_json(),
            recipients=len(reach.officers),
            units=reach.reached_units,
            urgent=letter.urgent,
            ack=letter.ack,
            send_at=send_at.isoformat(),
        )
    engine.wake()
    announcement = await announcements_db.by_id(db, announcement_id)
    assert announcement is not None
    return announcement, reach


def may_manage(officer: Officer, announcement: Announcement) -> bool:
    """The sender manages their announcement; administrators manage every one."""
    return officer.role == "admin" or officer.id == announcement.sender_id


async def cancel(
    db: Database, engine: DeliveryEngine, actor: Officer, announcement: Announcement, now: datetime
) -> bool:
    """Cancel a scheduled announcement; False once its sending started."""
    if announcement.outbox_id is None:
        return False
    async with db.transaction() as conn:
        if not await outbox.cancel_in(conn, announcement.outbox_id, now):
            return False
        await audit.record(
            conn,
            Actor.officer(actor.id, actor.telegram_id),
            "announcement.cancel",
            f"announcement:{announcement.id}",
            now,
        )
    engine.wake()
    return True


async def reschedule(
    db: Database,
    engine: DeliveryEngine,
    actor: Officer,
    announcement: Announcement,
    send_at: datetime,
    now: datetime,
) -> bool:
    """Move a scheduled announcement; False once its sending started."""
    if announcement.outbox_id is None:
        return False
    async with db.transaction() as conn:
        if not await outbox.reschedule_in(conn, announcement.outbox_id, send_at):
            return False
        await announcements_db.set_send_at_in(conn, announcement.id, send_at)
        await audit.record(
            conn,
            Actor.officer(actor.id, actor.telegram_id),
            "announcement.reschedule",
            f"announcement:{announcement.id}",
            now,
            before=announcement.send_at.isoformat(),
            after=send_at.isoformat(),
        )
    engine.wake()
    return True
