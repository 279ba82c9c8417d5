"""Press releases (/rilis): a draft saved answer by answer, finished, sent for review.

A release is composed step by step like a briefing (``step`` says where composing
stopped), so /batal, a timeout or a restart loses nothing. Finishing it fixes its
dateline's moment (``finished_at``). Sending it for review puts a draft submission
carrying the release's .docx and opening into the same /tinjau queue as every other
draft (db/submissions.py): the decision, its scope re-check and the officer's notice
are the queue's own. A release asked to be revised is reopened as a draft with its
answers kept; an approved one is in the bank (db/release_bank.py).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

import aiosqlite

from db import submissions as submissions_db
from db.connection import Database
from db.officers import Officer
from db.submissions import Submission, SubmissionStatus
from db.timefmt import from_db, maybe_from_db, to_db

MAX_PHOTOS = 5
MAX_QUOTES = 2
LIMITS: dict[str, int] = {
    "title": 150,
    "what": 1000,
    "who": 300,
    "happened_at": 200,
    "place": 200,
    "why": 1000,
    "how": 1500,
    "quote": 600,
    "speaker": 100,
    "position": 150,
    "contact": 200,
}
MULTILINE = frozenset({"what", "why", "how"})
TEXT_FIELDS = ("title", "what", "who", "happened_at", "place", "why", "how", "contact")
SELECT = (  # a release with the state of its latest review
    "SELECT r.*, s.status AS review_status, s.receipt AS receipt, s.review_note AS review_note"
    " FROM releases r LEFT JOIN submissions s ON s.id = r.submission_id"
)


class ReleaseProblem(StrEnum):
    EMPTY = "empty"
    TOO_LONG = "too_long"
    TOO_MANY_PHOTOS = "too_many_photos"
    NOT_FINISHED = "not_finished"  # sent for review before it was finished
    UNDER_REVIEW = "under_review"  # waiting in the queue, approved or rejected


class ReleaseError(ValueError):
    def __init__(self, problem: ReleaseProblem, limit: int = 0) -> None:
        super().__init__(problem.value)
        self.problem = problem
        self.limit = limit


@dataclass(frozen=True)
class Quote:
    text: str
    speaker: str
    position: str


@dataclass(frozen=True)
class Release:
    id: int
    author_id: int
    unit_id: int
    program_id: int | None
    status: str
    step: str | None
    title: str
    what: str
    who: str
    happened_at: str
    place: str
    why: str
    how: str
    quotes: tuple[Quote, ...]
    contact: str
    photos: tuple[str, ...]
    docx_file_id: str | None
    submission_id: int | None
    review_status: SubmissionStatus | None  # of its latest review, if it was sent
    receipt: str | None
    review_note: str | None
    finished_at: datetime | None
    created_at: datetime
    updated_at: datetime

    @property
    def approved(self) -> bool:
        return self.review_status == "disetujui"

    @property
    def sendable(self) -> bool:
        """Finished, and never sent for review or sent back to be revised (a release
        waiting in the queue, approved or rejected is not sent again)."""
        return self.status == "finished" and self.review_status in (None, "perlu_revisi")


def _quotes(raw: str) -> tuple[Quote, ...]:
    return tuple(Quote(item["text"], item["speaker"], item["position"]) for item in json.loads(raw))


def release_from_row(row: aiosqlite.Row) -> Release:
    return Release(
        id=row["id"],
        author_id=row["author_id"],
        unit_id=row["unit_id"],
        program_id=row["program_id"],
        status=row["status"],
        step=row["step"],
        title=row["title"],
        what=row["what"],
        who=row["who"],
        happened_at=row["happened_at"],
        place=row["place"],
        why=row["why"],
        how=row["how"],
        quotes=_quotes(row["quotes"]),
        contact=row["contact"],
        photos=tuple(json.loads(row["photos"])),
        docx_file_id=row["docx_file_id"],
        submission_id=row["submission_id"],
        review_status=row["review_status"],
        receipt=row["receipt"],
        review_note=row["review_note"],
        finished_at=maybe_from_db(row["finished_at"]),
        created_at=from_db(row["created_at"]),
        updated_at=from_db(row["updated_at"]),
    )


def clean(field: str, text: str) -> str:
    """An answer trimmed and checked against its field's limit; the long answers keep
    their line breaks (each line a paragraph of the body), the others become one line."""
    lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    text = ("\n" if field in MULTILINE else " ").join(lines)
    if not text:
        raise ReleaseError(ReleaseProblem.EMPTY)
    if len(text) > LIMITS[field]:
        raise ReleaseError(ReleaseProblem.TOO_LONG, LIMITS[field])
    return text


# ---- drafts -------------------------------------------------------------------------------


async def by_id(db: Database, release_id: int) -> Release | None:
    row = await db.fetchone(f"{SELECT} WHERE r.id = ?", (release_id,))
    return release_from_row(row) if row else None


async def for_submission(db: Database, submission_id: int) -> Release | None:
    """The release a submission in the review queue carries, if it carries one."""
    row = await db.fetchone(f"{SELECT} WHERE r.submission_id = ?", (submission_id,))
    return release_from_row(row) if row else None


async def draft_of(db: Database, author_id: int) -> Release | None:
    """The author's release still being composed (the newest), if any."""
    row = await db.fetchone(
        f"{SELECT} WHERE r.author_id = ? AND r.status = 'draft' ORDER BY r.id DESC LIMIT 1",
        (author_id,),
    )
    return release_from_row(row) if row else None


async def start_draft(db: Database, author: Officer, first_step: str, at: datetime) -> Release:
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "INSERT INTO releases (author_id, unit_id, step, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (author.id, author.unit_id, first_step, to_db(at), to_db(at)),
        )
        release_id = cursor.lastrowid
    found = await by_id(db, release_id or 0)
    assert found is not None
    return found


def _encode(column: str, value: Any) -> Any:
    if column == "quotes":
        return json.dumps(
            [{"text": q.text, "speaker": q.speaker, "position": q.position} for q in value],
            ensure_ascii=False,
        )
    return value


async def save_draft(
    db: Database, release_id: int, author_id: int, at: datetime, *, step: str, **fields: Any
) -> Release | None:
    """Save answers (``program_id``, a text field, ``quotes``) and the step reached; None
    when the release is no longer the author's draft."""
    allowed = {*TEXT_FIELDS, "program_id", "quotes"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"not a release field: {sorted(unknown)}")
    columns = ", ".join(f"{name} = ?" for name in fields)
    sets = f"{columns}, " if columns else ""
    values = [_encode(name, value) for name, value in fields.items()]
    async with db.transaction() as conn:
        cursor = await conn.execute(
            f"UPDATE releases SET {sets}step = ?, updated_at = ?"
            " WHERE id = ? AND author_id = ? AND status = 'draft'",
            (*values, step, to_db(at), release_id, author_id),
        )
        if cursor.rowcount == 0:
            return None
    return await by_id(db, release_id)


async def add_photo(
    db: Database, release_id: int, author_id: int, file_id: str, at: datetime
) -> int:
    """Keep a photo by its Telegram file id (the archive keeps its bytes); how many now."""
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "SELECT photos FROM releases WHERE id = ? AND author_id = ? AND status = 'draft'",
            (release_id, author_id),
        )
        row = await cursor.fetchone()
        if row is None:
            return 0
        photos = json.loads(row["photos"])
        if len(photos) >= MAX_PHOTOS:
            raise ReleaseError(ReleaseProblem.TOO_MANY_PHOTOS, MAX_PHOTOS)
        photos.append(file_id)
        await conn.execute(
            "UPDATE releases SET photos = ?, updated_at = ? WHERE id = ?",
            (json.dumps(photos), to_db(at), release_id),
        )
        return len(photos)


async def discard_draft(db: Database, release_id: int, author_id: int) -> bool:
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "DELETE FROM releases WHERE id = ? AND author_id = ? AND status = 'draft'"
            " AND submission_id IS NULL",
            (release_id, author_id),
        )
        return cursor.rowcount > 0


async def finish(db: Database, release_id: int, author_id: int, at: datetime) -> Release | None:
    """The draft is complete: its dateline is ``at``; None if it is not the author's draft."""
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "UPDATE releases SET status = 'finished', step = NULL, finished_at = ?, updated_at = ?"
            " WHERE id = ? AND author_id = ? AND status = 'draft'",
            (to_db(at), to_db(at), release_id, author_id),
        )
        if cursor.rowcount == 0:
            return None
    return await by_id(db, release_id)


async def set_docx(db: Database, release_id: int, file_id: str) -> None:
    """The Telegram file id of the .docx the bot sent last (what a briefing can carry)."""
    await db.execute("UPDATE releases SET docx_file_id = ? WHERE id = ?", (file_id, release_id))


async def to_revise(db: Database, author_id: int) -> Release | None:
    """The author's newest finished release a reviewer asked to revise, if any."""
    row = await db.fetchone(
        f"{SELECT} WHERE r.author_id = ? AND r.status = 'finished'"
        " AND s.status = 'perlu_revisi' ORDER BY r.id DESC LIMIT 1",
        (author_id,),
    )
    return release_from_row(row) if row else None


async def reopen(
    db: Database, release_id: int, author_id: int, first_step: str, at: datetime
) -> Release | None:
    """A finished release back to a draft, its answers kept (to revise it)."""
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "UPDATE releases SET status = 'draft', step = ?, updated_at = ?"
            " WHERE id = ? AND author_id = ? AND status = 'finished' AND (submission_id IS NULL"
            " OR (SELECT status FROM submissions WHERE id = submission_id) = 'perlu_revisi')",
            (first_step, to_db(at), release_id, author_id),
        )
        if cursor.rowcount == 0:
            return None
    return await by_id(db, release_id)


# ---- review -------------------------------------------------------------------------------


async def send_for_review(
    db: Database, author: Officer, release_id: int, summary: str, now: datetime
) -> Submission:
    """Put the finished release into its coordinators' /tinjau queue: a new draft
    submission of the author's unit carrying the release's .docx, with ``summary`` (the
    release's opening, at most a caption long) as its text. Refused unless it is
    :attr:`Release.sendable` and its .docx was sent."""
    async with db.transaction() as conn:
        cursor = await conn.execute(
            f"{SELECT} WHERE r.id = ? AND r.author_id = ?", (release_id, author.id)
        )
        row = await cursor.fetchone()
        release = release_from_row(row) if row else None
        if release is None or release.status != "finished" or release.docx_file_id is None:
            raise ReleaseError(ReleaseProblem.NOT_FINISHED)
        if not release.sendable:
            raise ReleaseError(ReleaseProblem.UNDER_REVIEW)
        text = summary[: submissions_db.MAX_DRAFT_CAPTION]
        submission = await submissions_db.insert_draft_in(
            conn, author, None, text, "document", release.docx_file_id, now
        )
        await conn.execute(
            "UPDATE releases SET submission_id = ?, unit_id = ?, updated_at = ? WHERE id = ?",
            (submission.id, author.unit_id, to_db(now), release_id),
        )
        return submission
