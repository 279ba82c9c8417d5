"""Submissions: links to posts officers report, and drafts they send for review.

A link is checked and normalised (:mod:`bot.core.links`) and is unique across all
units: the same post reported twice is refused, naming who reported it first.
The first valid link of a unit closes its assignment, on time or late. Every
submission waits in its coordinators' review queue; the first decision wins.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Literal

import aiosqlite

from bot.core.links import Platform, Problem, check_link
from db import assignments as assignments_db
from db import audit, captions, scope
from db import briefings as briefings_db
from db.audit import Actor
from db.connection import Database
from db.officers import Officer
from db.timefmt import from_db, maybe_from_db, to_db

SubmissionKind = Literal["link", "draft"]
SubmissionStatus = Literal["diterima", "disetujui", "perlu_revisi", "ditolak"]
Decision = Literal["disetujui", "perlu_revisi", "ditolak"]
DraftMedia = Literal["photo", "video", "document"]
MAX_DRAFT_TEXT = 3500
MAX_DRAFT_CAPTION = 1000
MAX_NOTE = 500


class SubmitProblem(StrEnum):
    DUPLICATE = "duplicate"  # another unit (or person) reported this post first
    OWN_DUPLICATE = "own_duplicate"  # the unit already reported it
    NOT_TARGETED = "not_targeted"  # the briefing is not (yet) for this unit
    CLOSED = "closed"  # the briefing was closed
    DRAFT_EMPTY = "draft_empty"
    DRAFT_TOO_LONG = "draft_too_long"
    NOTE_EMPTY = "note_empty"
    NOTE_TOO_LONG = "note_too_long"


@dataclass(frozen=True)
class Submission:
    id: int
    receipt: str
    officer_id: int
    unit_id: int
    briefing_id: int | None
    kind: SubmissionKind
    url: str | None
    platform: Platform | None
    off_channel: bool
    late: bool
    screenshot_file_id: str | None
    draft_text: str | None
    draft_media_type: DraftMedia | None
    draft_file_id: str | None
    status: SubmissionStatus
    reviewer_id: int | None
    review_note: str | None
    reviewed_at: datetime | None
    created_at: datetime
    caption_similarity: float | None = None
    """A draft's similarity (0..1) to the caption its unit was given (db/captions.py)."""


@dataclass(frozen=True)
class FirstReport:
    """Which unit reported a post first, for the refusal of a duplicate (never who: a
    refusal names units, not people)."""

    receipt: str
    unit_kind: str
    unit_name: str
    at: datetime


class SubmissionRefused(Exception):
    def __init__(
        self,
        problem: SubmitProblem | Problem,
        *,
        platform: str | None = None,
        first: FirstReport | None = None,
    ) -> None:
        super().__init__(problem.value)
        self.problem = problem
        self.platform = platform
        self.first = first


@dataclass(frozen=True)
class LinkReport:
    submission: Submission
    closed_assignment: bool


def _submission(row: aiosqlite.Row) -> Submission:
    return Submission(
        id=row["id"],
        receipt=row["receipt"],
        officer_id=row["officer_id"],
        unit_id=row["unit_id"],
        briefing_id=row["briefing_id"],
        kind=row["kind"],
        url=row["url"],
        platform=row["platform"],
        off_channel=bool(row["off_channel"]),
        late=bool(row["late"]),
        screenshot_file_id=row["screenshot_file_id"],
        draft_text=row["draft_text"],
        draft_media_type=row["draft_media_type"],
        draft_file_id=row["draft_file_id"],
        status=row["status"],
        reviewer_id=row["reviewer_id"],
        review_note=row["review_note"],
        reviewed_at=maybe_from_db(row["reviewed_at"]),
        created_at=from_db(row["created_at"]),
        caption_similarity=row["caption_similarity"],
    )


async def _fetch(conn: aiosqlite.Connection, submission_id: int) -> Submission:
    cursor = await conn.execute("SELECT * FROM submissions WHERE id = ?", (submission_id,))
    row = await cursor.fetchone()
    assert row is not None
    return _submission(row)


async def reportable(
    source: scope.Source, unit_id: int, briefing_id: int | None, now: datetime
) -> briefings_db.Briefing | None:
    """May ``unit_id`` report on ``briefing_id`` now? The one rule, for the buttons and the
    recording alike: the briefing exists, targets the unit, is live and not closed.

    Returns the briefing (None for konten mandiri, ``briefing_id`` None); raises
    :class:`SubmissionRefused` otherwise.
    """
    if briefing_id is None:
        return None
    briefing = await briefings_db.fetch(source, briefing_id)
    if briefing is None:
        raise SubmissionRefused(SubmitProblem.NOT_TARGETED)
    if briefing.status == "closed":
        raise SubmissionRefused(SubmitProblem.CLOSED)
    assigned = await scope.fetchone(
        source,
        "SELECT 1 FROM assignments WHERE briefing_id = ? AND unit_id = ?",
        (briefing_id, unit_id),
    )
    if not briefing.is_live(now) or assigned is None:
        raise SubmissionRefused(SubmitProblem.NOT_TARGETED)
    return briefing


async def _first_report(conn: aiosqlite.Connection, url: str) -> tuple[int, FirstReport] | None:
    cursor = await conn.execute(
        "SELECT s.unit_id, s.receipt, s.created_at, u.kind, u.name"
        " FROM submissions s JOIN units u ON u.id = s.unit_id WHERE s.url = ?",
        (url,),
    )
    row = await cursor.fetchone()
    if row is None:
        return None
    return row["unit_id"], FirstReport(
        row["receipt"], row["kind"], row["name"], from_db(row["created_at"])
    )


async def report_link(
    db: Database, officer: Officer, briefing_id: int | None, raw: str, now: datetime
) -> LinkReport:
    """Record a link to a post for a briefing (or konten mandiri when ``briefing_id`` is None)."""
    verdict = check_link(raw)
    if not verdict.ok:
        assert verdict.problem is not None
        raise SubmissionRefused(verdict.problem, platform=verdict.platform)
    assert verdict.url is not None and verdict.platform is not None
    async with db.transaction() as conn:
        briefing = await reportable(conn, officer.unit_id, briefing_id, now)
        first = await _first_report(conn, verdict.url)
        if first is not None:
            unit_id, report = first
            problem = (
                SubmitProblem.OWN_DUPLICATE
                if unit_id == officer.unit_id
                else SubmitProblem.DUPLICATE
            )
            raise SubmissionRefused(problem, platform=verdict.platform, first=report)
        late = briefing is not None and briefing.is_overdue(now)
        off_channel = briefing is not None and not briefing.asks_for(verdict.platform)
        try:
            cursor = await conn.execute(
                "INSERT INTO submissions (officer_id, unit_id, briefing_id, kind, url, platform,"
                " off_channel, late, created_at) VALUES (?, ?, ?, 'link', ?, ?, ?, ?, ?)",
                (
                    officer.id,
                    officer.unit_id,
                    briefing_id,
                    verdict.url,
                    verdict.platform,
                    int(off_channel),
                    int(late),
                    to_db(now),
                ),
            )
        except sqlite3.IntegrityError:
            raise SubmissionRefused(SubmitProblem.DUPLICATE, platform=verdict.platform) from None
        submission_id = cursor.lastrowid or 0
        await conn.execute(
            "UPDATE submissions SET receipt = ? WHERE id = ?",
            (f"L{submission_id:04d}", submission_id),
        )
        closed = False
        if briefing is not None:
            closed = await assignments_db.close_in(conn, briefing.id, officer.unit_id, now, late)
        submission = await _fetch(conn, submission_id)
    return LinkReport(submission, closed)


async def submit_draft(
    db: Database,
    officer: Officer,
    briefing_id: int | None,
    *,
    text: str | None,
    media_type: DraftMedia | None,
    file_id: str | None,
    now: datetime,
) -> Submission:
    """Record a draft (text, or a photo/video/document with a caption) to be reviewed."""
    text = (text or "").strip() or None
    if text is None and file_id is None:
        raise SubmissionRefused(SubmitProblem.DRAFT_EMPTY)
    limit = MAX_DRAFT_CAPTION if file_id else MAX_DRAFT_TEXT
    if text is not None and len(text) > limit:
        raise SubmissionRefused(SubmitProblem.DRAFT_TOO_LONG)
    async with db.transaction() as conn:
        briefing = await reportable(conn, officer.unit_id, briefing_id, now)
        similarity = await captions.draft_similarity(conn, briefing, officer.unit_id, text)
        return await insert_draft_in(
            conn, officer, briefing_id, text, media_type, file_id, now, similarity=similarity
        )


async def insert_draft_in(
    conn: aiosqlite.Connection,
    officer: Officer,
    briefing_id: int | None,
    text: str | None,
    media_type: DraftMedia | None,
    file_id: str | None,
    now: datetime,
    *,
    similarity: float | None = None,
) -> Submission:
    """Write a checked draft into the review queue, inside the caller's transaction
    (a draft, or a press release sent for review: db/releases.py); ``similarity``: to
    the caption its unit was given."""
    cursor = await conn.execute(
        "INSERT INTO submissions (officer_id, unit_id, briefing_id, kind, draft_text,"
        " draft_media_type, draft_file_id, caption_similarity, created_at)"
        " VALUES (?, ?, ?, 'draft', ?, ?, ?, ?, ?)",
        (
            officer.id,
            officer.unit_id,
            briefing_id,
            text,
            media_type,
            file_id,
            similarity,
            to_db(now),
        ),
    )
    submission_id = cursor.lastrowid or 0
    await conn.execute(
        "UPDATE submissions SET receipt = ? WHERE id = ?",
        (f"D{submission_id:04d}", submission_id),
    )
    return await _fetch(conn, submission_id)


async def attach_screenshot(
    db: Database, submission_id: int, officer_id: int, file_id: str
) -> bool:
    """Keep a screenshot with the officer's own link report."""
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "UPDATE submissions SET screenshot_file_id = ?"
            " WHERE id = ? AND officer_id = ? AND kind = 'link'",
            (file_id, submission_id, officer_id),
        )
        return cursor.rowcount > 0


# ---- review ------------------------------------------------------------------------------


async def next_in_queue(db: Database, reviewer: Officer, after_id: int = 0) -> Submission | None:
    """The oldest submission waiting for review in the reviewer's scope (after ``after_id``)."""
    condition, params = scope.unit_condition(reviewer, "s.unit_id")
    row = await db.fetchone(
        f"SELECT s.* FROM submissions s WHERE s.status = 'diterima' AND {condition}"
        " AND s.id > ? ORDER BY s.id LIMIT 1",
        (*params, after_id),
    )
    return _submission(row) if row else None


async def queue_size(db: Database, reviewer: Officer) -> int:
    condition, params = scope.unit_condition(reviewer, "s.unit_id")
    count = await db.fetchval(
        f"SELECT count(*) FROM submissions s WHERE s.status = 'diterima' AND {condition}",
        params,
    )
    return int(count)


@dataclass(frozen=True)
class DecisionResult:
    """``decided`` is False when somebody else decided first (``submission`` shows what)."""

    submission: Submission
    decided: bool
    reviewer_name: str | None


def clean_note(text: str) -> str:
    text = text.strip()
    if not text:
        raise SubmissionRefused(SubmitProblem.NOTE_EMPTY)
    if len(text) > MAX_NOTE:
        raise SubmissionRefused(SubmitProblem.NOTE_TOO_LONG)
    return text


async def decide(
    db: Database,
    reviewer: Officer,
    submission_id: int,
    decision: Decision,
    note: str | None,
    now: datetime,
) -> DecisionResult | None:
    """Approve, ask for a revision (with a note) or reject; the first decision wins.

    The reviewer is read again in the transaction: one whose role, status or unit
    changed meanwhile (e.g. while typing the note) is refused with
    :class:`scope.OutOfScope` and nothing is recorded.
    """
    actor = Actor.officer(reviewer.id, reviewer.telegram_id)
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "SELECT unit_id FROM submissions WHERE id = ?", (submission_id,)
        )
        found = await cursor.fetchone()
        if found is None:
            return None
        await scope.recheck(conn, reviewer, found["unit_id"])
        cursor = await conn.execute(
            "UPDATE submissions SET status = ?, reviewer_id = ?, review_note = ?, reviewed_at = ?"
            " WHERE id = ? AND status = 'diterima'",
            (decision, reviewer.id, note, to_db(now), submission_id),
        )
        decided = cursor.rowcount > 0
        cursor = await conn.execute(
            "SELECT s.*, o.full_name AS reviewer_name FROM submissions s"
            " LEFT JOIN officers o ON o.id = s.reviewer_id WHERE s.id = ?",
            (submission_id,),
        )
        row = await cursor.fetchone()
        if row is None:
            return None
        submission = _submission(row)
        if decided:
            if decision == "ditolak" and submission.kind == "link" and submission.briefing_id:
                briefing = await briefings_db.fetch_in(conn, submission.briefing_id)
                assert briefing is not None and briefing.deadline is not None
                await assignments_db.resettle_in(
                    conn, submission.briefing_id, submission.unit_id, briefing.deadline
                )
            await audit.record(
                conn,
                actor,
                f"submission.{decision}",
                f"submission:{submission_id}",
                now,
                receipt=submission.receipt,
                note=note,
            )
    return DecisionResult(submission, decided, row["reviewer_name"])


# ---- reading -----------------------------------------------------------------------------


async def by_id(db: Database, submission_id: int) -> Submission | None:
    row = await db.fetchone("SELECT * FROM submissions WHERE id = ?", (submission_id,))
    return _submission(row) if row else None


async def recent_for_unit(db: Database, unit_id: int, limit: int = 10) -> list[Submission]:
    rows = await db.fetchall(
        "SELECT * FROM submissions WHERE unit_id = ? ORDER BY id DESC LIMIT ?", (unit_id, limit)
    )
    return [_submission(row) for row in rows]


async def for_briefing(db: Database, briefing_id: int) -> list[Submission]:
    rows = await db.fetchall(
        "SELECT * FROM submissions WHERE briefing_id = ? ORDER BY id", (briefing_id,)
    )
    return [_submission(row) for row in rows]
