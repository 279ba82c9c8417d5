"""The durable queue and the results of the automatic checks of reported posts.

While ``links.verify`` is on, every link report gets a row here as it is recorded
(``queued``); scheduler/link_checks.py fetches the post's public metadata in the
background and records the outcome:

* ``verified`` — the post exists and its title or caption carries every hashtag of
  the briefing (or the briefing asked for none);
* ``hashtag_missing`` — the post exists, but a hashtag of the briefing is not there;
* ``unchecked`` — the post could not be checked (the platform said it is not there,
  the page was refused, too large, or did not answer); a passing failure is tried
  again later (``next_attempt_at``), at most :data:`MAX_ATTEMPTS` times.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

import aiosqlite

from db.connection import Database
from db.timefmt import to_db

CheckStatus = Literal["queued", "verified", "hashtag_missing", "unchecked"]
MAX_ATTEMPTS = 3
MAX_AUTHOR = 200
MAX_TITLE = 1000
MAX_REASON = 200

VERIFIED = (
    "EXISTS (SELECT 1 FROM link_checks c WHERE c.submission_id = s.id AND c.status = 'verified')"
)
"""SQL over ``submissions s``: the post was checked and verified."""


@dataclass(frozen=True)
class PendingCheck:
    """A report to check, with what the check needs."""

    submission_id: int
    url: str
    platform: str
    hashtags: str  # the briefing's hashtags and accounts as typed ('' : konten mandiri)
    attempts: int


@dataclass(frozen=True)
class Outcome:
    status: CheckStatus
    post_exists: bool | None
    author: str | None = None
    title: str | None = None
    reason: str | None = None


async def queue(db: Database, submission_id: int, at: datetime) -> bool:
    """Queue a link report's check (once); False when it was queued before."""
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "INSERT OR IGNORE INTO link_checks (submission_id, next_attempt_at)"
            " SELECT id, ? FROM submissions WHERE id = ? AND kind = 'link'",
            (to_db(at), submission_id),
        )
        return cursor.rowcount > 0


_PENDING = (
    "SELECT c.submission_id, c.attempts, s.url, s.platform, coalesce(b.hashtags, '') AS hashtags"
    " FROM link_checks c JOIN submissions s ON s.id = c.submission_id"
    " LEFT JOIN briefings b ON b.id = s.briefing_id"
)


def _pending(row: aiosqlite.Row) -> PendingCheck:
    return PendingCheck(
        submission_id=row["submission_id"],
        url=row["url"],
        platform=row["platform"],
        hashtags=row["hashtags"],
        attempts=row["attempts"],
    )


async def pending(db: Database, submission_id: int) -> PendingCheck | None:
    """The report's check if one is to come."""
    row = await db.fetchone(
        f"{_PENDING} WHERE c.submission_id = ? AND c.next_attempt_at IS NOT NULL",
        (submission_id,),
    )
    return _pending(row) if row else None


async def due(db: Database, now: datetime, limit: int) -> list[PendingCheck]:
    """Checks whose (next) attempt is due, oldest first."""
    rows = await db.fetchall(
        f"{_PENDING} WHERE c.next_attempt_at IS NOT NULL AND c.next_attempt_at <= ?"
        " ORDER BY c.next_attempt_at, c.submission_id LIMIT ?",
        (to_db(now), limit),
    )
    return [_pending(row) for row in rows]


def _cut(text: str | None, limit: int) -> str | None:
    return None if text is None else text[:limit]


async def record(
    db: Database,
    submission_id: int,
    outcome: Outcome,
    now: datetime,
    retry_at: datetime | None = None,
) -> None:
    """Store an attempt's outcome; ``retry_at``: when to try again (a passing failure)."""
    await db.execute(
        "UPDATE link_checks SET status = ?, post_exists = ?, author = ?, title = ?, reason = ?,"
        " attempts = attempts + 1, checked_at = ?, next_attempt_at = ? WHERE submission_id = ?",
        (
            outcome.status,
            None if outcome.post_exists is None else int(outcome.post_exists),
            _cut(outcome.author, MAX_AUTHOR),
            _cut(outcome.title, MAX_TITLE),
            _cut(outcome.reason, MAX_REASON),
            to_db(now),
            to_db(retry_at) if retry_at is not None else None,
            submission_id,
        ),
    )


@dataclass(frozen=True)
class Check:
    submission_id: int
    status: CheckStatus
    author: str | None


async def checks_of(db: Database, submission_ids: Iterable[int]) -> dict[int, Check]:
    """The checks of these reports that have a mark to show."""
    ids = sorted(set(submission_ids))
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = await db.fetchall(
        f"SELECT submission_id, status, author FROM link_checks WHERE submission_id IN ({marks})"
        " AND status != 'queued'",
        ids,
    )
    return {
        row["submission_id"]: Check(row["submission_id"], row["status"], row["author"])
        for row in rows
    }
