"""Proving that something changed nothing in the database, without reading every table
twice when nothing was written.

A :class:`Snapshot` opens a read transaction, which in WAL mode keeps seeing the database
as committed at that moment, and a second connection notes SQLite's ``data_version``,
which changes whenever any other connection commits a write. :meth:`Snapshot.changed`
answers at once when no write was committed since; otherwise it compares every row of
every table as the snapshot saw them with the rows committed now (what
:func:`tests.factories.dump` compares).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from db.connection import Database

Rows = dict[str, list[tuple[Any, ...]]]


def read_only(path: Path) -> sqlite3.Connection:
    """A connection that never writes and starts no transaction of its own."""
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)


def every_row(conn: sqlite3.Connection) -> Rows:
    """Every row of every table, in rowid order, as ``conn`` sees them."""
    tables = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        " ORDER BY name"
    ).fetchall()
    return {
        name: conn.execute(f'SELECT * FROM "{name}" ORDER BY rowid').fetchall()
        for (name,) in tables
    }


def _data_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA data_version").fetchone()[0])


class Snapshot:
    """The database as committed when this was made (see the module's docstring)."""

    def __init__(self, db: Database) -> None:
        self._path = db.path
        self._held = read_only(db.path)
        self._held.execute("BEGIN")
        self._held.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the moment
        self._watch = read_only(db.path)
        self._version = _data_version(self._watch)

    def changed(self) -> bool:
        """Whether any row differs now from the snapshot; the snapshot is released."""
        try:
            if _data_version(self._watch) == self._version:
                return False
            before = every_row(self._held)
            now = read_only(self._path)
            try:
                return every_row(now) != before
            finally:
                now.close()
        finally:
            self.release()

    def release(self) -> None:
        """Let the moment go (when it is not compared after all)."""
        self._held.close()
        self._watch.close()
