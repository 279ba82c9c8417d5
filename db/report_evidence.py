"""The screenshots kept with reported links, and what archiving each one came to.

An officer may send a screenshot with a link report (``submissions.screenshot_file_id``);
the archive (scheduler/file_archive.py) records it in ``stored_files`` and downloads it
into the local store. The monthly evidence pack from the shell copies the stored ones
(scheduler/recap_evidence.py) and says why the others are not there.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from db.connection import Database
from db.files import FileStatus

_SCREENSHOTS = (
    "SELECT s.id, s.receipt, f.status, f.sha256, f.mime_type, f.media_type FROM submissions s"
    " LEFT JOIN stored_files f ON f.id ="
    " (SELECT min(g.id) FROM stored_files g WHERE g.file_id = s.screenshot_file_id)"
    " WHERE s.id IN (SELECT value FROM json_each(?)) AND s.screenshot_file_id IS NOT NULL"
)
"""The stored copy is the first row recorded under the file_id (db/files.by_file_id's)."""


@dataclass(frozen=True)
class Screenshot:
    submission_id: int
    receipt: str | None
    status: FileStatus | None
    """What archiving came to; ``None``: the file was never recorded for the archive."""
    sha256: str | None
    mime_type: str | None
    media_type: str | None


async def screenshots(db: Database, submission_ids: Iterable[int]) -> dict[int, Screenshot]:
    """The screenshot of each of these submissions that has one, by submission id."""
    rows = await db.fetchall(_SCREENSHOTS, (json.dumps(sorted(set(submission_ids))),))
    return {
        row["id"]: Screenshot(
            submission_id=row["id"],
            receipt=row["receipt"],
            status=row["status"],
            sha256=row["sha256"],
            mime_type=row["mime_type"],
            media_type=row["media_type"],
        )
        for row in rows
    }
