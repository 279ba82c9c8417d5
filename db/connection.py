"""One place that opens, prepares and writes to the SQLite database.

The discipline (after datasette's ``database.py``): every connection is prepared
by :func:`prepare_connection`; all SQL is parameterised; every write runs inside
``BEGIN IMMEDIATE`` on the single writer connection, serialised by a lock so that
concurrent handlers never interleave statements inside one transaction. Reads use
a second connection, which WAL lets proceed while a write is under way.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiosqlite

BUSY_TIMEOUT_MS = 5000


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
        self._writer = writer
        self._reader = reader
        self._write_lock = asyncio.Lock()

    @classmethod
    async def open(cls, path: Path | str) -> Database:
        path = Path(path)
        if path.parent and not path.parent.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
        writer = await aiosqlite.connect(path, isolation_level=None)
        await prepare_connection(writer)
        reader = await aiosqlite.connect(path, isolation_level=None)
        await prepare_connection(reader)
        return cls(path, writer, reader)

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
        async with self._reader.execute(sql, params) as cursor:
            return list(await cursor.fetchall())

    async def fetchone(
        self, sql: str, params: Sequence[Any] | dict[str, Any] = ()
    ) -> sqlite3.Row | None:
        async with self._reader.execute(sql, params) as cursor:
            return await cursor.fetchone()

    async def fetchval(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Any:
        row = await self.fetchone(sql, params)
        return None if row is None else row[0]
