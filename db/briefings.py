"""Briefings: a program's key message for the officers, composed as a draft, then published.

A briefing is composed step by step and saved after every step (``status='draft'``,
``step`` says where composing stopped), so it can be resumed after /batal or a
restart. Publishing opens one assignment per targeted unit; a briefing published
for a later time keeps ``status='scheduled'`` and is visible to officers from
``publish_at`` on: queries use :func:`live_condition`, objects
:meth:`Briefing.is_live`. Changing or closing a published briefing is in
``db/briefing_management.py``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, time
from enum import StrEnum
from typing import Any, Literal

import aiosqlite

from db import audit, scope
from db.audit import Actor
from db.connection import Database
from db.officers import Officer, officer_from_row
from db.timefmt import from_db, maybe_from_db, to_db

BriefingStatus = Literal["draft", "scheduled", "published", "closed"]
MediaType = Literal["photo", "video", "document"]
FORMATS = ("siaran_pers", "infografis", "videografis", "foto", "teks")
CHANNELS = (
    "instagram",
    "facebook",
    "tiktok",
    "x",
    "youtube",
    "website",
    "media_massa",
    "media_luar_ruang",
)
AUDIENCE_DIMENSIONS = ("demographic", "geographic", "psychographic")
# Which reported platform counts for which channel (a news site is "media massa" too).
PLATFORM_CHANNELS = {
    "instagram": {"instagram"},
    "facebook": {"facebook"},
    "tiktok": {"tiktok"},
    "x": {"x"},
    "youtube": {"youtube"},
    "threads": set(),
    "website": {"website", "media_massa"},
}

MAX_KEY_MESSAGE = 1500
MAX_ATTACHMENTS = 10
# A deadline given as a date alone ("2026-12-05", "Jumat") means the end of that day.
DEADLINE_TIME = time(23, 59)


class BriefingProblem(StrEnum):
    EMPTY = "empty"
    TOO_LONG = "too_long"
    TOO_MANY = "too_many"
    DEADLINE_PAST = "deadline_past"
    DEADLINE_BEFORE_PUBLISH = "deadline_before_publish"
    INCOMPLETE = "incomplete"
    NO_UNITS = "no_units"
    NOT_EDITABLE = "not_editable"
    CHANGED = "changed"  # somebody else changed it since the person was shown it


class BriefingError(ValueError):
    def __init__(self, problem: BriefingProblem, limit: int = 0) -> None:
        super().__init__(problem.value)
        self.problem = problem
        self.limit = limit


@dataclass(frozen=True)
class Attachment:
    id: int
    media_type: MediaType
    file_id: str


@dataclass(frozen=True)
class Briefing:
    id: int
    author_id: int
    program_id: int | None
    title: str
    key_message: str
    points: tuple[str, ...]
    formats: tuple[str, ...]
    hashtags: str
    channels: tuple[str, ...]
    audience: dict[str, tuple[str, ...]]
    targets: Any
    deadline: datetime | None
    status: BriefingStatus
    step: str | None
    publish_at: datetime | None
    outbox_id: int | None
    closed_at: datetime | None
    created_at: datetime
    updated_at: datetime
    caption: str = ""
    """The suggested caption ('' : none), with ``{unit}`` / ``{kecamatan}`` placeholders."""
    caption_variants: dict[str, str] = field(default_factory=dict)
    """Geographic class -> its caption (db/captions.py chooses one per unit)."""

    def is_live(self, now: datetime) -> bool:
        """Published and visible to officers (a scheduled one once its time came)."""
        return (
            self.status in ("scheduled", "published")
            and self.publish_at is not None
            and self.publish_at <= now
        )

    def was_published(self, now: datetime) -> bool:
        """Officers have received it (it may be closed since)."""
        return self.status != "draft" and self.publish_at is not None and self.publish_at <= now

    def is_overdue(self, now: datetime) -> bool:
        return self.deadline is not None and now > self.deadline

    def asks_for(self, platform: str) -> bool:
        """Whether a post on ``platform`` is on one of the channels the briefing asked for."""
        if not self.channels:
            return True
        return bool(PLATFORM_CHANNELS.get(platform, set()) & set(self.channels))


def live_condition(alias: str = "b") -> str:
    """SQL for "visible to officers at the time bound to the ``:now`` parameter"."""
    return (
        f"({alias}.status = 'published' OR ({alias}.status = 'scheduled'"
        f" AND {alias}.publish_at <= :now))"
    )


def briefing_from_row(row: aiosqlite.Row) -> Briefing:
    return Briefing(
        id=row["id"],
        author_id=row["author_id"],
        program_id=row["program_id"],
        title=row["title"],
        key_message=row["key_message"],
        points=tuple(json.loads(row["points"])),
        formats=tuple(json.loads(row["formats"])),
        hashtags=row["hashtags"],
        channels=tuple(json.loads(row["channels"])),
        audience={
            dimension: tuple(json.loads(row[f"audience_{dimension}"]))
            for dimension in AUDIENCE_DIMENSIONS
        },
        targets=json.loads(row["targets"]) if row["targets"] else None,
        deadline=maybe_from_db(row["deadline"]),
        status=row["status"],
        step=row["step"],
        publish_at=maybe_from_db(row["publish_at"]),
        outbox_id=row["outbox_id"],
        closed_at=maybe_from_db(row["closed_at"]),
        created_at=from_db(row["created_at"]),
        updated_at=from_db(row["updated_at"]),
        caption=row["caption"],
        caption_variants=json.loads(row["caption_variants"]),
    )


# ---- text limits ---------------------------------------------------------------------


def clean_text(text: str, limit: int) -> str:
    """Text without its surrounding spaces, neither empty nor longer than ``limit``."""
    text = text.strip()
    if not text:
        raise BriefingError(BriefingProblem.EMPTY)
    if len(text) > limit:
        raise BriefingError(BriefingProblem.TOO_LONG, limit)
    return text


# ---- drafts ------------------------------------------------------------------------------

CONTENT_COLUMNS = (
    "title",
    "key_message",
    "points",
    "formats",
    "hashtags",
    "channels",
    "audience_demographic",
    "audience_geographic",
    "audience_psychographic",
    "targets",
    "caption",
    "caption_variants",
)
"""A draft's own content: all it holds but its program and deadline (db/briefing_copy.py
copies these from an earlier briefing)."""
_DRAFT_COLUMNS = {"program_id", *CONTENT_COLUMNS, "deadline"}


async def start_draft(db: Database, author_id: int, at: datetime) -> Briefing:
    stamp = to_db(at)
    briefing_id = await db.execute(
        "INSERT INTO briefings (author_id, step, created_at, updated_at) VALUES (?, 'program', ?, ?)",
        (author_id, stamp, stamp),
    )
    briefing = await by_id(db, briefing_id)
    assert briefing is not None
    return briefing


async def draft_of(db: Database, author_id: int) -> Briefing | None:
    """The author's unfinished draft, if any (the newest one)."""
    row = await db.fetchone(
        "SELECT * FROM briefings WHERE author_id = ? AND status = 'draft' ORDER BY id DESC LIMIT 1",
        (author_id,),
    )
    return briefing_from_row(row) if row else None


def _encode(column: str, value: Any) -> Any:
    if column == "deadline":
        return to_db(value) if value is not None else None
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(list(value) if isinstance(value, tuple) else value, ensure_ascii=False)
    return value


async def save_draft(
    db: Database, briefing_id: int, at: datetime, *, step: str, **fields: Any
) -> Briefing:
    """Store fields of a draft and the step composing continues at."""
    unknown = set(fields) - _DRAFT_COLUMNS
    if unknown:
        raise ValueError(f"not a draft field: {', '.join(sorted(unknown))}")
    assignments = [f"{column} = ?" for column in fields]
    values = [_encode(column, value) for column, value in fields.items()]
    await db.execute(
        f"UPDATE briefings SET {', '.join([*assignments, 'step = ?', 'updated_at = ?'])}"
        " WHERE id = ? AND status = 'draft'",
        (*values, step, to_db(at), briefing_id),
    )
    briefing = await by_id(db, briefing_id)
    assert briefing is not None
    return briefing


async def discard_draft(db: Database, briefing_id: int, author_id: int) -> bool:
    async with db.transaction() as conn:
        await conn.execute(
            "DELETE FROM briefing_attachments WHERE briefing_id IN"
            " (SELECT id FROM briefings WHERE id = ? AND author_id = ? AND status = 'draft')",
            (briefing_id, author_id),
        )
        cursor = await conn.execute(
            "DELETE FROM briefings WHERE id = ? AND author_id = ? AND status = 'draft'",
            (briefing_id, author_id),
        )
        return cursor.rowcount > 0


async def add_attachment(
    db: Database, briefing_id: int, media_type: MediaType, file_id: str, at: datetime
) -> int:
    """Keep a photo, video or document by its Telegram file id; returns how many there are."""
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "SELECT count(*) FROM briefing_attachments WHERE briefing_id = ?", (briefing_id,)
        )
        row = await cursor.fetchone()
        count = int(row[0]) if row is not None else 0  # count(*) always gives a row
        if count >= MAX_ATTACHMENTS:
            raise BriefingError(BriefingProblem.TOO_MANY, MAX_ATTACHMENTS)
        await conn.execute(
            "INSERT INTO briefing_attachments (briefing_id, media_type, file_id, created_at)"
            " VALUES (?, ?, ?, ?)",
            (briefing_id, media_type, file_id, to_db(at)),
        )
        return count + 1


async def clear_attachments(db: Database, briefing_id: int) -> None:
    """Drop a draft's material (a published briefing keeps its own)."""
    await db.execute(
        "DELETE FROM briefing_attachments WHERE briefing_id IN"
        " (SELECT id FROM briefings WHERE id = ? AND status = 'draft')",
        (briefing_id,),
    )


async def attachments(db: Database, briefing_id: int) -> list[Attachment]:
    rows = await db.fetchall(
        "SELECT id, media_type, file_id FROM briefing_attachments WHERE briefing_id = ? ORDER BY id",
        (briefing_id,),
    )
    return [Attachment(row["id"], row["media_type"], row["file_id"]) for row in rows]


# ---- publishing --------------------------------------------------------------------------


def check_complete(briefing: Briefing) -> None:
    if not (briefing.program_id and briefing.title and briefing.key_message and briefing.deadline):
        raise BriefingError(BriefingProblem.INCOMPLETE)


def check_deadline(deadline: datetime, now: datetime, publish_at: datetime | None = None) -> None:
    if deadline <= now:
        raise BriefingError(BriefingProblem.DEADLINE_PAST)
    if publish_at is not None and deadline <= publish_at:
        raise BriefingError(BriefingProblem.DEADLINE_BEFORE_PUBLISH)


async def publish_in(
    conn: aiosqlite.Connection,
    briefing_id: int,
    *,
    unit_ids: Iterable[int],
    publish_at: datetime,
    now: datetime,
    actor: Actor,
) -> Briefing:
    """Inside the caller's transaction: publish a draft, opening one assignment per unit.

    The caller hands the briefing to the delivery engine in the same transaction
    (see ``scheduler/briefings.py``), so a briefing is never published undelivered.
    """
    units = sorted(set(unit_ids))
    if not units:
        raise BriefingError(BriefingProblem.NO_UNITS)
    publish_at = max(publish_at, now)
    briefing = await fetch_in(conn, briefing_id)
    if briefing is None or briefing.status != "draft":
        raise BriefingError(BriefingProblem.NOT_EDITABLE)
    check_complete(briefing)
    assert briefing.deadline is not None
    check_deadline(briefing.deadline, now, publish_at)
    status = "published" if publish_at <= now else "scheduled"
    await conn.execute(
        "UPDATE briefings SET status = ?, publish_at = ?, step = NULL, updated_at = ? WHERE id = ?",
        (status, to_db(publish_at), to_db(now), briefing_id),
    )
    await conn.executemany(
        "INSERT INTO assignments (briefing_id, unit_id, opened_at) VALUES (?, ?, ?)",
        [(briefing_id, unit_id, to_db(publish_at)) for unit_id in units],
    )
    await audit.record(
        conn,
        actor,
        "briefing.publish",
        f"briefing:{briefing_id}",
        now,
        units=len(units),
        publish_at=to_db(publish_at),
        deadline=to_db(briefing.deadline),
    )
    published = await fetch_in(conn, briefing_id)
    assert published is not None
    return published


async def set_outbox_in(conn: aiosqlite.Connection, briefing_id: int, outbox_id: int) -> None:
    await conn.execute("UPDATE briefings SET outbox_id = ? WHERE id = ?", (outbox_id, briefing_id))


_RECIPIENTS = (
    "SELECT o.* FROM officers o JOIN assignments a ON a.unit_id = o.unit_id"
    " JOIN briefings b ON b.id = a.briefing_id"
    " WHERE a.briefing_id = ? AND o.status = 'active' AND o.id != b.author_id ORDER BY o.id"
)


async def recipients(db: Database, briefing_id: int) -> list[Officer]:
    """Every active officer of every unit the briefing targets, but its author (who saw
    the preview), as db/audience.py counts them."""
    return [officer_from_row(row) for row in await db.fetchall(_RECIPIENTS, (briefing_id,))]


async def recipients_in(conn: aiosqlite.Connection, briefing_id: int) -> list[Officer]:
    cursor = await conn.execute(_RECIPIENTS, (briefing_id,))
    return [officer_from_row(row) for row in await cursor.fetchall()]


async def by_id(db: Database, briefing_id: int) -> Briefing | None:
    row = await db.fetchone("SELECT * FROM briefings WHERE id = ?", (briefing_id,))
    return briefing_from_row(row) if row else None


async def fetch(source: scope.Source, briefing_id: int) -> Briefing | None:
    """Read a briefing from the database or inside an open write transaction."""
    row = await scope.fetchone(source, "SELECT * FROM briefings WHERE id = ?", (briefing_id,))
    return briefing_from_row(row) if row else None


async def fetch_in(conn: aiosqlite.Connection, briefing_id: int) -> Briefing | None:
    """Read a briefing inside an open write transaction."""
    cursor = await conn.execute("SELECT * FROM briefings WHERE id = ?", (briefing_id,))
    row = await cursor.fetchone()
    return briefing_from_row(row) if row else None
