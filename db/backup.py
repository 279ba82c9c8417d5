"""Online copies of the database: consistent while the bot writes, verified, rotated.

A copy is taken with SQLite's online backup API inside one read transaction of a
connection of its own, so it is the database as of one moment (WAL lets the bot go
on writing meanwhile); the rows of every table are counted in that same snapshot.
The copy is written to ``<name>.partial`` (created 0600), switched to a rollback
journal so it is one self-contained file, checked (``PRAGMA integrity_check`` and
the row counts) and only then renamed to its final name,
``<database stem>-YYYYMMDDTHHMMSSZ.db`` (UTC; ``-2``, ``-3``... if that second is
taken). The newest ``keep`` copies of the folder are kept; older ones are deleted.

These functions block (they copy a file): the bot calls them in a thread.
"""

from __future__ import annotations

import os
import re
import sqlite3
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from db.connection import PRIVATE_MODE, DatabaseUnavailable
from db.file_store import Mirrored, mirror

STAMP_FORMAT = "%Y%m%dT%H%M%SZ"
FOLDER_MODE = 0o700
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}T\d{6}Z)(?:-(?P<n>\d+))?\.db$")


class BackupError(DatabaseUnavailable):
    """A copy could not be made or is not sound; the message is one line."""


@dataclass(frozen=True)
class Backup:
    path: Path
    size: int  # bytes
    seconds: float  # how long copying and checking took
    rows: dict[str, int]  # table -> rows, as copied
    removed: tuple[Path, ...]  # older copies deleted to keep the newest ``keep``
    files: Mirrored | None = None  # the file store's copy (``<folder>/files``), when asked


def backup_folder(db_path: Path, configured: Path | None) -> Path:
    """Where copies go: the configured folder, else ``backups`` next to the database."""
    return configured if configured is not None else db_path.parent / "backups"


def table_rows(conn: sqlite3.Connection) -> dict[str, int]:
    """Rows in every table of the connection's current snapshot."""
    names = [
        name
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'"
            " AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    counts: dict[str, int] = {}
    for name in names:
        quoted = name.replace('"', '""')
        (counts[name],) = conn.execute(f'SELECT count(*) FROM "{quoted}"').fetchone()
    return counts


def integrity_problems(conn: sqlite3.Connection) -> list[str]:
    """What ``PRAGMA integrity_check`` finds (empty when the file is sound)."""
    found = [str(row[0]) for row in conn.execute("PRAGMA integrity_check")]
    return [] if found == ["ok"] else found


def verify_copy(conn: sqlite3.Connection, expected: dict[str, int]) -> None:
    """The copy is sound and holds exactly the rows counted in the source snapshot."""
    problems = integrity_problems(conn)
    if problems:
        raise BackupError(f"the copy failed its integrity check: {problems[0]}")
    copied = table_rows(conn)
    if copied != expected:
        differing = sorted(
            name for name in set(copied) | set(expected) if copied.get(name) != expected.get(name)
        )
        raise BackupError(f"the copy's row counts differ from the database's: {differing}")


def copy_database(source: Path, target: Path) -> dict[str, int]:
    """Copy ``source`` into the existing file ``target`` as of one moment; verify it.

    Returns the rows per table. ``target`` ends as a rollback-journal database.
    """
    if not source.is_file():
        raise BackupError(f"database {source} does not exist: nothing to copy")
    try:
        with closing(sqlite3.connect(source, isolation_level=None)) as src:
            src.execute("PRAGMA busy_timeout=5000")
            with closing(sqlite3.connect(target, isolation_level=None)) as dst:
                src.execute("BEGIN")
                try:
                    rows = table_rows(src)  # the snapshot the copy below is taken from
                    src.backup(dst)
                finally:
                    src.execute("COMMIT")
                dst.execute("PRAGMA journal_mode=DELETE")
                verify_copy(dst, rows)
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"copying {source} failed: {exc}") from None
    return rows


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime(STAMP_FORMAT)


def _free_name(folder: Path, stem: str, moment: datetime) -> Path:
    base = f"{stem}-{_stamp(moment)}"
    candidate, number = folder / f"{base}.db", 1
    while candidate.exists() or candidate.with_name(candidate.name + ".partial").exists():
        number += 1
        candidate = folder / f"{base}-{number}.db"
    return candidate


def copies(folder: Path, stem: str) -> list[Path]:
    """The copies of database ``stem`` in ``folder``, oldest first."""
    if not folder.is_dir():
        return []
    found: list[tuple[str, int, Path]] = []
    for path in folder.iterdir():
        match = _NAME.match(path.name)
        if match and match["stem"] == stem and path.is_file():
            found.append((match["stamp"], int(match["n"] or 1), path))
    return [path for _, _, path in sorted(found)]


def taken_at(path: Path) -> datetime | None:
    """When a copy was taken, read from its name."""
    match = _NAME.match(path.name)
    if match is None:
        return None
    return datetime.strptime(match["stamp"], STAMP_FORMAT).replace(tzinfo=UTC)


def rotate(folder: Path, stem: str, keep: int) -> tuple[Path, ...]:
    """Delete all but the newest ``keep`` copies; return what was deleted."""
    found = copies(folder, stem)
    removed = tuple(found[: max(len(found) - keep, 0)])
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


@contextmanager
def _partial_file(target: Path) -> Iterator[Path]:
    """A new empty 0600 file next to ``target``, removed unless renamed to it."""
    partial = target.with_name(target.name + ".partial")
    os.close(os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_MODE))
    try:
        yield partial
    finally:
        partial.unlink(missing_ok=True)
        for suffix in ("-journal", "-wal", "-shm"):
            partial.with_name(partial.name + suffix).unlink(missing_ok=True)


def make_backup(
    db_path: Path, folder: Path, keep: int, at: datetime, *, store: Path | None = None
) -> Backup:
    """Copy the database into ``folder``, named with the time ``at``; keep the newest ``keep``.

    With ``store`` (the file store, db/file_store.py) its files are copied into
    ``folder/files`` too, after the database: only those the copy lacks (files never
    change), so every database copy finds the files it names there.
    """
    started = time.monotonic()
    try:
        folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
        target = _free_name(folder, db_path.stem, at)
        with _partial_file(target) as partial:
            rows = copy_database(db_path, partial)
            os.chmod(partial, PRIVATE_MODE)
            with open(partial, "rb") as written:
                os.fsync(written.fileno())
            os.replace(partial, target)
    except OSError as exc:
        raise BackupError(f"cannot write a copy in {folder}: {exc.strerror or exc}") from None
    removed = rotate(folder, db_path.stem, keep)
    try:
        files = mirror(store, folder / "files") if store is not None else None
    except OSError as exc:
        raise BackupError(f"cannot copy the file store into {folder}: {exc}") from None
    return Backup(
        path=target,
        size=target.stat().st_size,
        seconds=time.monotonic() - started,
        rows=rows,
        removed=removed,
        files=files,
    )
