"""One place that opens, prepares and writes to the SQLite database.

The discipline (after datasette's ``database.py``): every connection is prepared
by :func:`prepare_connection`; all SQL is parameterised; every write runs inside
``BEGIN IMMEDIATE`` on the single writer connection, serialised by a lock so that
concurrent handlers never interleave statements inside one transaction. Reads use
a second connection, which WAL lets proceed while a write is under way.
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiosqlite

BUSY_TIMEOUT_MS = 5000
PRIVATE_MODE = 0o600  # the database holds personal data: only its owner may read it
SIDE_FILES = ("-wal", "-shm")


class DatabaseUnavailable(Exception):
    """The database cannot be used as it is; the message is one line saying what to do."""


FileIdentity = tuple[int, int]  # (st_dev, st_ino)


def file_identity(path: Path) -> FileIdentity | None:
    """Which file ``path`` names now (``None`` if nothing does)."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return (stat.st_dev, stat.st_ino)


def _create_private(path: Path) -> None:
    """Create the file (0600) if it does not exist yet, so SQLite never makes it 0644."""
    if path.parent and not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_MODE))
    except FileExistsError:
        pass


def require_usable(path: Path) -> None:
    """The file exists and the bot may write it (and its folder, for the WAL files)."""
    if not path.is_file():
        raise DatabaseUnavailable(
            f"database {path} does not exist: jalankan `humas-bot init` (run humas-bot init)"
        )
    if not os.access(path, os.R_OK | os.W_OK) or not os.access(path.parent, os.W_OK):
        raise DatabaseUnavailable(
            f"database {path} is read-only: the bot needs to write it and its folder"
        )


def _make_private(path: Path) -> None:
    """The database and SQLite's WAL and shared-memory files: owner only."""
    for name in (path, *(path.with_name(path.name + suffix) for suffix in SIDE_FILES)):
        try:
            os.chmod(name, PRIVATE_MODE)
        except FileNotFoundError:
            continue


async def prepare_connection(conn: aiosqlite.Connection) -> None:
    """Set the pragmas every connection needs."""
    conn.row_factory = sqlite3.Row
    await conn.execute("PRAGMA journal_mode=WAL")
    await conn.execute("PRAGMA foreign_keys=ON")
    await conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    await conn.execute("PRAGMA synchronous=NORMAL")


class Database:
    """A writer connection (serialised) and a reader connection to one file."""

    def __init__(self, path: Path, writer: aiosqlite.Connection, reader: aiosqlite.Connection):
        self.path = path
        self.identity = file_identity(path)
        self._writer = writer
        self._reader = reader
        self._write_lock = asyncio.Lock()

    @classmethod
    async def open(cls, path: Path | str, *, create: bool = True) -> Database:
        """Open (with ``create``, first create) the file; its files are made 0600.

        Without ``create`` a missing or read-only file raises :class:`DatabaseUnavailable`.
        """
        path = Path(path)
        if create:
            _create_private(path)
        else:
            require_usable(path)
        writer = await aiosqlite.connect(path, isolation_level=None)
        try:
            await prepare_connection(writer)
            reader = await aiosqlite.connect(path, isolation_level=None)
        except sqlite3.OperationalError as exc:
            await writer.close()
            raise DatabaseUnavailable(f"database {path} cannot be opened: {exc}") from None
        await prepare_connection(reader)
        _make_private(path)
        return cls(path, writer, reader)

    def replaced(self) -> bool:
        """Whether the path no longer names the file that was opened (deleted or swapped)."""
        return file_identity(self.path) != self.identity

    async def close(self) -> None:
        async with self._write_lock:
            await self._writer.close()
        await self._reader.close()

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """``async with db.transaction() as conn:`` — BEGIN IMMEDIATE ... COMMIT."""
        async with self._write_lock:
            try:
                # Inside the try: a task cancelled while BEGIN is queued in aiosqlite's
                # thread must still roll back, or the writer stays inside a transaction.
                await self._writer.execute("BEGIN IMMEDIATE")
                yield self._writer
            except BaseException:
                await self._rollback_quietly()
                raise
            else:
                await self._writer.execute("COMMIT")

    async def _rollback_quietly(self) -> None:
        """Roll back if a transaction is open (BEGIN may never have run)."""
        try:
            await self._writer.execute("ROLLBACK")
        except sqlite3.OperationalError as exc:
            if "no transaction is active" not in str(exc):
                raise

    async def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> int:
        """Run one write statement in its own transaction; return lastrowid."""
        async with self.transaction() as conn:
            cursor = await conn.execute(sql, params)
            return cursor.lastrowid or 0

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        async with self.transaction() as conn:
            await conn.executemany(sql, rows)

    async def fetchall(
        self, sql: str, params: Sequence[Any] | dict[str, Any] = ()
    ) -> list[sqlite3.Row]:
        """In one trip to aiosqlite's thread (a cursor's execute, fetch and close are three)."""
        return list(await self._reader.execute_fetchall(sql, params))

    async def fetchone(
        self, sql: str, params: Sequence[Any] | dict[str, Any] = ()
    ) -> sqlite3.Row | None:
        """The first row, in one trip to aiosqlite's thread like :meth:`fetchall`: for
        queries that name one row (a key, ``LIMIT 1``, an aggregate)."""
        return next(iter(await self._reader.execute_fetchall(sql, params)), None)

    async def fetchval(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Any:
        row = await self.fetchone(sql, params)
        return None if row is None else row[0]
