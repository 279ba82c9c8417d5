"""Starting a draft from an earlier briefing of the same author ("Salin dari briefing
sebelumnya"): everything but the deadline is copied, the material too.

Only the author's own briefings that left the draft stage can be copied, and only into
the author's own draft: both are checked in the one transaction that copies, so ids
from a forged button copy nothing. A program that is no longer active is not copied
(the author chooses one again).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from db.briefings import CONTENT_COLUMNS, Briefing, fetch_in
from db.connection import Database
from db.timefmt import from_db, to_db

EARLIER_SHOWN = 8


@dataclass(frozen=True)
class Earlier:
    id: int
    title: str
    published_at: datetime | None


async def earlier_of(db: Database, author_id: int, limit: int = EARLIER_SHOWN) -> list[Earlier]:
    """The author's newest briefings past the draft stage, newest first."""
    rows = await db.fetchall(
        "SELECT id, title, publish_at FROM briefings WHERE author_id = ? AND status != 'draft'"
        " ORDER BY id DESC LIMIT ?",
        (author_id, limit),
    )
    return [
        Earlier(row["id"], row["title"], from_db(row["publish_at"]) if row["publish_at"] else None)
        for row in rows
    ]


async def copy_into_draft(
    db: Database, draft_id: int, source_id: int, author_id: int, at: datetime
) -> Briefing | None:
    """Fill the author's draft from their earlier briefing; None when either is not theirs
    (or the draft is no longer a draft). The draft's material is replaced by the source's."""
    columns = ", ".join(f"{column} = s.{column}" for column in CONTENT_COLUMNS)
    async with db.transaction() as conn:
        cursor = await conn.execute(
            f"UPDATE briefings SET {columns},"
            " program_id = (SELECT p.id FROM programs p WHERE p.id = s.program_id"
            " AND p.status = 'active'),"
            " deadline = NULL, updated_at = ?"
            " FROM (SELECT * FROM briefings WHERE id = ? AND author_id = ? AND status != 'draft') s"
            " WHERE briefings.id = ? AND briefings.author_id = ? AND briefings.status = 'draft'",
            (to_db(at), source_id, author_id, draft_id, author_id),
        )
        if cursor.rowcount != 1:
            return None
        await conn.execute("DELETE FROM briefing_attachments WHERE briefing_id = ?", (draft_id,))
        await conn.execute(
            "INSERT INTO briefing_attachments (briefing_id, media_type, file_id, created_at)"
            " SELECT ?, media_type, file_id, ? FROM briefing_attachments WHERE briefing_id = ?"
            " ORDER BY id",
            (draft_id, to_db(at), source_id),
        )
        return await fetch_in(conn, draft_id)
