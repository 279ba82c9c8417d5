"""Approving in bulk the link reports that passed every automatic check (/tinjau).

A link report *passed* when the checks made as it was reported found nothing to look
at: the link is a post on a known platform and nobody reported it before (otherwise it
was refused), it is on one of the channels the briefing asked for (``off_channel`` 0)
and it came in time (``late`` 0). Drafts are never approved in bulk: a person reads
each one.

With ``links.verify`` on, the reviewer may approve instead only the passed reports whose
post was also checked and *verified* (it exists and carries the briefing's hashtags:
db/link_checks.py).

The reviewer is shown how many there are and confirms; the ids shown are approved
in one transaction that reads the reviewer again (:func:`db.scope.recheck`) and
approves each report with a conditional UPDATE — still waiting, still passed, still in
the reviewer's scope — so one decided by someone else meanwhile (or moved out of
scope) is skipped and counted, never decided twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from db import audit, scope
from db.audit import Actor
from db.connection import Database
from db.link_checks import VERIFIED
from db.officers import Officer
from db.submissions import Submission, by_id
from db.timefmt import to_db

PASSED = "s.kind = 'link' AND s.status = 'diterima' AND s.off_channel = 0 AND s.late = 0"
"""SQL over ``submissions s``: a link report waiting for review that passed every check."""


@dataclass(frozen=True)
class BulkResult:
    approved: tuple[Submission, ...]
    skipped: int  # decided by someone else meanwhile, or no longer in scope


def _passed(verified: bool) -> str:
    return f"{PASSED} AND {VERIFIED}" if verified else PASSED


async def passed_links(db: Database, reviewer: Officer, *, verified: bool = False) -> list[int]:
    """The ids of the passed (``verified``: and verified) link reports in the reviewer's
    scope, oldest first."""
    condition, params = scope.unit_condition(reviewer, "s.unit_id")
    rows = await db.fetchall(
        f"SELECT s.id FROM submissions s WHERE {_passed(verified)} AND {condition} ORDER BY s.id",
        params,
    )
    return [row["id"] for row in rows]


async def approve_passed(
    db: Database,
    reviewer: Officer,
    submission_ids: Sequence[int],
    now: datetime,
    *,
    verified: bool = False,
) -> BulkResult:
    """Approve those of ``submission_ids`` that still passed (``verified``: and are
    verified), wait and are in scope.

    Raises :class:`db.scope.OutOfScope` (nothing recorded) when the reviewer is no
    longer an active coordinator or administrator.
    """
    actor = Actor.officer(reviewer.id, reviewer.telegram_id)
    approved: list[int] = []
    async with db.transaction() as conn:
        current = await scope.recheck(conn, reviewer, None)
        condition, params = scope.unit_condition(current, "s.unit_id")
        for submission_id in submission_ids:
            cursor = await conn.execute(
                "UPDATE submissions SET status = 'disetujui', reviewer_id = ?, review_note = NULL,"
                " reviewed_at = ? WHERE id = ? AND id IN"
                f" (SELECT s.id FROM submissions s WHERE {_passed(verified)} AND {condition})",
                (current.id, to_db(now), submission_id, *params),
            )
            if cursor.rowcount:
                approved.append(submission_id)
                await audit.record(
                    conn,
                    actor,
                    "submission.disetujui",
                    f"submission:{submission_id}",
                    now,
                    bulk="verified" if verified else "passed",
                )
    decided = [submission for i in approved if (submission := await by_id(db, i)) is not None]
    return BulkResult(tuple(decided), len(submission_ids) - len(approved))
