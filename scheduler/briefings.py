"""Sending briefings: publishing a draft, its material on request, and notices of changes.

Publishing writes the briefing's new state, its assignments and the engine's outbox
message in ONE transaction: a briefing is never published without its delivery,
and a restart resumes the delivery where it stopped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Literal

import aiosqlite

from bot.core.texts import esc, fmt_datetime, t
from db import briefings as briefings_db
from db import captions as captions_db
from db import programs as programs_db
from db.audit import Actor
from db.briefings import Attachment, Briefing
from db.connection import Database
from db.officers import Officer
from scheduler.briefing_captions import (
    Personal,
    personal_variants,
    preview_content,
    reader_caption,
)
from scheduler.briefing_view import MATERIAL, briefing_parts, briefing_variants
from scheduler.content import Content
from scheduler.engine import DeliveryEngine
from scheduler.notices import notify

Change = Literal["deadline", "key_message"]


@dataclass(frozen=True)
class Published:
    briefing: Briefing
    recipients: int


async def program_name(db: Database, briefing: Briefing) -> str | None:
    if briefing.program_id is None:
        return None
    program = await programs_db.by_id(db, briefing.program_id)
    return program.name if program else None


async def publish(
    db: Database,
    engine: DeliveryEngine,
    briefing_id: int,
    *,
    unit_ids: Iterable[int],
    publish_at: datetime,
    now: datetime,
    actor: Actor,
    zone: tzinfo,
) -> Published:
    """Publish a draft to the active officers of ``unit_ids``, now or at ``publish_at``."""
    draft = await briefings_db.by_id(db, briefing_id)
    if draft is None:
        raise briefings_db.BriefingError(briefings_db.BriefingProblem.NOT_EDITABLE)
    program = await program_name(db, draft)
    attachments = await briefings_db.attachments(db, briefing_id)
    async with db.transaction() as conn:
        briefing = await briefings_db.publish_in(
            conn, briefing_id, unit_ids=unit_ids, publish_at=publish_at, now=now, actor=actor
        )
        officers = await briefings_db.recipients_in(conn, briefing_id)
        if officers:
            variants, variant_of = await _variants_in(
                conn, briefing, program, attachments, zone, officers
            )
            outbox_id = await engine.enqueue_in(
                conn,
                kind="briefing",
                ref=f"briefing:{briefing_id}",
                sender_id=actor.officer_id,
                recipients=officers,
                variants=variants,
                not_before=briefing.publish_at,
                report=True,
                variant_of=variant_of,
            )
            await briefings_db.set_outbox_in(conn, briefing_id, outbox_id)
    engine.wake()
    return Published(briefing, len(officers))


async def send_material(
    db: Database, engine: DeliveryEngine, officer: Officer, briefing: Briefing, zone: tzinfo
) -> None:
    """The whole briefing with its attachments, to one person who asked for it."""
    program = await program_name(db, briefing)
    attachments = await briefings_db.attachments(db, briefing.id)
    place = (await captions_db.places(db, [officer.unit_id])).get(officer.unit_id)
    await notify(
        engine,
        kind="material",
        ref=f"briefing:{briefing.id}",
        recipients=[officer],
        urgent=True,
        render=lambda lang: briefing_parts(
            briefing,
            program,
            attachments,
            lang,
            zone,
            caption=reader_caption(lang, briefing, place),
        ),
    )


async def preview(
    db: Database,
    engine: DeliveryEngine,
    author: Officer,
    briefing: Briefing,
    zone: tzinfo,
    closing: Content,
    unit_ids: Sequence[int] = (),
) -> None:
    """Show the author the briefing exactly as officers will get it, then ``closing``;
    in place of the caption, every variant of it with how many of ``unit_ids`` get it."""
    program = await program_name(db, briefing)
    attachments = await briefings_db.attachments(db, briefing.id)
    lang = author.language
    shown = captions_db.reach(briefing, await captions_db.places(db, unit_ids))
    caption = preview_content(lang, shown) if shown else None
    parts = [
        *briefing_parts(briefing, program, attachments, lang, zone, caption=caption),
        closing,
    ]
    await engine.enqueue(
        kind="preview",
        ref=f"briefing:{briefing.id}",
        sender_id=None,
        recipients=[author],
        variants={lang: parts},
        urgent=True,
    )


async def announce_change(
    db: Database,
    engine: DeliveryEngine,
    briefing: Briefing,
    change: Change,
    now: datetime,
    zone: tzinfo,
) -> int:
    """Tell the officers a briefing changed; returns how many are told.

    A scheduled briefing that nobody received yet is queued again with the new
    content instead (same time), so officers get it once, already up to date.
    """
    officers = await briefings_db.recipients(db, briefing.id)
    if not briefing.is_live(now) and briefing.outbox_id is not None:
        if await engine.cancel(briefing.outbox_id):
            await _requeue(db, engine, briefing, officers, zone)
            return 0

    def render(lang: str) -> list[Content]:
        assert briefing.deadline is not None
        what = (
            t(
                lang,
                "briefing.updated.deadline",
                deadline=fmt_datetime(briefing.deadline, lang, zone),
            )
            if change == "deadline"
            else t(lang, "briefing.updated.key_message", text=esc(briefing.key_message))
        )
        text = t(lang, "briefing.updated", id=briefing.id, title=esc(briefing.title), what=what)
        button = ((t(lang, "briefing.button.material"), MATERIAL.build(briefing.id)),)
        return [Content(text, buttons=(button,))]

    await notify(
        engine, kind="notice", ref=f"briefing:{briefing.id}", recipients=officers, render=render
    )
    return len(officers)


async def _requeue(
    db: Database, engine: DeliveryEngine, briefing: Briefing, officers: list[Officer], zone: tzinfo
) -> None:
    program = await program_name(db, briefing)
    attachments = await briefings_db.attachments(db, briefing.id)
    async with db.transaction() as conn:
        variants, variant_of = await _variants_in(
            conn, briefing, program, attachments, zone, officers
        )
        outbox_id = await engine.enqueue_in(
            conn,
            kind="briefing",
            ref=f"briefing:{briefing.id}",
            sender_id=briefing.author_id,
            recipients=officers,
            variants=variants,
            not_before=briefing.publish_at,
            report=True,
            variant_of=variant_of,
        )
        await briefings_db.set_outbox_in(conn, briefing.id, outbox_id)
    engine.wake()


async def _variants_in(
    conn: aiosqlite.Connection,
    briefing: Briefing,
    program: str | None,
    attachments: list[Attachment],
    zone: tzinfo,
    officers: list[Officer],
) -> Personal:
    """The broadcast's variants: per language, or per language and filled caption."""
    if not briefing.caption:
        return briefing_variants(briefing, program, attachments, zone), {}
    places = await captions_db.places(conn, {officer.unit_id for officer in officers})
    return personal_variants(briefing, program, attachments, zone, officers, places)


async def withdraw(engine: DeliveryEngine, briefing: Briefing) -> bool:
    """On closing: stop a delivery that has not started yet (a briefing closed before its time)."""
    return briefing.outbox_id is not None and await engine.cancel(briefing.outbox_id)
