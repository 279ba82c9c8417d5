"""The 'nothing changed' proof of tests/db_snapshot.py sees every committed change, and
only those, as comparing two dumps would."""

from __future__ import annotations

from pathlib import Path

from db.connection import Database
from tests.db_snapshot import Snapshot
from tests.factories import dump


async def test_a_snapshot_sees_every_committed_change_and_nothing_else(db_path: Path) -> None:
    db = await Database.open(db_path)
    try:
        first = await dump(db)
        untouched = Snapshot(db)
        assert not untouched.changed()
        await db.execute("CREATE TABLE probe (x INTEGER)")
        await db.execute("INSERT INTO probe (x) VALUES (1)")
        inserted = Snapshot(db)
        await db.execute("INSERT INTO probe (x) VALUES (2)")
        assert inserted.changed()
        rewritten = Snapshot(db)  # a write that leaves every row as it was
        await db.execute("UPDATE probe SET x = x")
        assert not rewritten.changed()
        updated = Snapshot(db)
        await db.execute("UPDATE probe SET x = 5 WHERE x = 2")
        assert updated.changed()
        deleted = Snapshot(db)
        await db.execute("DELETE FROM probe")
        assert deleted.changed()
        released = Snapshot(db)
        released.release()
        await db.execute("DROP TABLE probe")
        assert await dump(db) == first
    finally:
        await db.close()
