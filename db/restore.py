"""Putting a copy back: ``humas-bot restore FILE``, only while the bot is stopped.

The file is checked first, looking only (opened read-only): it must be an SQLite
database that passes ``PRAGMA integrity_check`` and whose ``schema_migrations`` are
all known to this program. Then, holding the database's run lock, the current
database (if any) is itself copied to the backup folder (or, too damaged to be copied,
renamed aside), and the file is copied into
the database with SQLite's backup API (so a leftover write-ahead log can never be
applied to the restored content), switched back to WAL and verified row by row.
With the file store given, the files kept next to the copy (``<its folder>/files``,
see db/backup.py) that the store lacks are copied back into it.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from db.backup import Backup, BackupError, integrity_problems, make_backup, table_rows, verify_copy
from db.connection import PRIVATE_MODE
from db.file_store import Mirrored, mirror
from db.migrations import load_migrations
from db.run_lock import RunLock


@dataclass(frozen=True)
class Restored:
    rows: dict[str, int]  # table -> rows now in the database
    previous: Backup | None  # the copy of the database as it was (None: there was none)
    damaged: Path | None = None  # where a database too damaged to copy was renamed to
    files: Mirrored | None = None  # files copied back into the store, when it was given


def check_backup_file(path: Path) -> dict[str, int]:
    """Raise :class:`BackupError` unless ``path`` is a sound copy this program can run;
    return its rows per table."""
    if not path.is_file():
        raise BackupError(f"{path}: no such file")
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
            problems = integrity_problems(conn)
            if problems:
                raise BackupError(f"{path} failed its integrity check: {problems[0]}")
            rows = table_rows(conn)
            if "schema_migrations" not in rows:
                raise BackupError(f"{path} is not a humas-bot database (no schema_migrations)")
            names = {name for (name,) in conn.execute("SELECT name FROM schema_migrations")}
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path} is not a readable SQLite database: {exc}") from None
    if not names:
        raise BackupError(f"{path} was never initialised: nothing to restore")
    unknown = sorted(names - {migration.name for migration in load_migrations()})
    if unknown:
        raise BackupError(
            f"{path} has a newer schema than this program ({', '.join(unknown)}): upgrade humas-bot"
        )
    return rows


def _keep_current(
    db_path: Path, folder: Path, keep: int, at: datetime
) -> tuple[Backup | None, Path | None]:
    """Copy the database about to be replaced into the backups; one too damaged to be
    copied is renamed whole (with its WAL) to ``<name>.damaged-<UTC time>``."""
    if not db_path.is_file():
        return None, None
    if _sound(db_path):
        return make_backup(db_path, folder, keep, at), None
    aside = db_path.with_name(f"{db_path.name}.damaged-{at.astimezone(UTC):%Y%m%dT%H%M%SZ}")
    for suffix in ("", "-wal", "-shm"):
        damaged = db_path.with_name(db_path.name + suffix)
        if damaged.exists():
            damaged.rename(aside.with_name(aside.name + suffix))
    return None, aside


def _sound(path: Path) -> bool:
    """Whether SQLite can read the file and finds nothing wrong in it."""
    try:
        with closing(sqlite3.connect(path, isolation_level=None)) as conn:
            return not integrity_problems(conn)
    except sqlite3.DatabaseError:
        return False


def restore_backup(
    db_path: Path, file: Path, folder: Path, keep: int, at: datetime, *, store: Path | None = None
) -> Restored:
    """Replace the database's content by the file's (see the module's docstring)."""
    expected = check_backup_file(file)
    if file.resolve() == db_path.resolve():
        raise BackupError(f"{file} is the database itself: give a backup file")
    with RunLock(db_path):
        previous, damaged = _keep_current(db_path, folder, keep, at)
        if not db_path.is_file():
            db_path.parent.mkdir(parents=True, exist_ok=True)
            os.close(os.open(db_path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_MODE))
        try:
            with closing(sqlite3.connect(f"{file.resolve().as_uri()}?mode=ro", uri=True)) as src:
                with closing(sqlite3.connect(db_path, isolation_level=None)) as dst:
                    dst.execute("PRAGMA busy_timeout=5000")
                    src.backup(dst)
                    dst.execute("PRAGMA journal_mode=WAL")
                    verify_copy(dst, expected)
        except sqlite3.DatabaseError as exc:
            raise BackupError(f"restoring {file} into {db_path} failed: {exc}") from None
        os.chmod(db_path, PRIVATE_MODE)
        try:
            files = mirror(file.parent / "files", store) if store is not None else None
        except OSError as exc:
            raise BackupError(f"cannot copy the files back into {store}: {exc}") from None
    return Restored(rows=expected, previous=previous, damaged=damaged, files=files)
