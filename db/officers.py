"""Officers: one Telegram account, bound to one unit, with a role and a status."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

import aiosqlite

from db import audit
from db.audit import Actor
from db.connection import Database
from db.timefmt import from_db, to_db

Role = Literal["officer", "coordinator", "admin"]
Status = Literal["pending", "active", "inactive"]
Language = Literal["id", "en"]
ROLES: tuple[Role, ...] = ("officer", "coordinator", "admin")
ROLE_RANK = {"officer": 0, "coordinator": 1, "admin": 2}


@dataclass(frozen=True)
class Officer:
    id: int
    telegram_id: int
    chat_id: int | None
    full_name: str
    position: str | None
    unit_id: int
    role: Role
    status: Status
    language: Language
    reachable: bool
    created_at: datetime
    updated_at: datetime

    @property
    def is_active(self) -> bool:
        return self.status == "active"

    @property
    def is_erased(self) -> bool:
        """Erased on request (db/people.py erase): the Telegram id is a tombstone, -id."""
        return self.telegram_id < 0


def officer_from_row(row: aiosqlite.Row) -> Officer:
    return Officer(
        id=row["id"],
        telegram_id=row["telegram_id"],
        chat_id=row["chat_id"],
        full_name=row["full_name"],
        position=row["position"],
        unit_id=row["unit_id"],
        role=row["role"],
        status=row["status"],
        language=row["language"],
        reachable=bool(row["reachable"]),
        created_at=from_db(row["created_at"]),
        updated_at=from_db(row["updated_at"]),
    )


async def by_telegram_id(db: Database, telegram_id: int) -> Officer | None:
    row = await db.fetchone("SELECT * FROM officers WHERE telegram_id = ?", (telegram_id,))
    return officer_from_row(row) if row else None


async def by_id(db: Database, officer_id: int) -> Officer | None:
    row = await db.fetchone("SELECT * FROM officers WHERE id = ?", (officer_id,))
    return officer_from_row(row) if row else None


async def fetch_in(conn: aiosqlite.Connection, telegram_id: int) -> Officer | None:
    """Read an officer inside an open write transaction."""
    cursor = await conn.execute("SELECT * FROM officers WHERE telegram_id = ?", (telegram_id,))
    row = await cursor.fetchone()
    return officer_from_row(row) if row else None


async def set_language(db: Database, officer_id: int, language: Language, at: datetime) -> None:
    await db.execute(
        "UPDATE officers SET language = ?, updated_at = ? WHERE id = ?",
        (language, to_db(at), officer_id),
    )


async def set_reachable(db: Database, telegram_id: int, reachable: bool, at: datetime) -> bool:
    """Record whether Telegram lets us write to this person; True if it changed."""
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "UPDATE officers SET reachable = ?, updated_at = ? WHERE telegram_id = ? AND reachable != ?",
            (int(reachable), to_db(at), telegram_id, int(reachable)),
        )
        return cursor.rowcount > 0


async def active_in_units(db: Database, unit_ids: list[int]) -> list[Officer]:
    if not unit_ids:
        return []
    marks = ",".join("?" * len(unit_ids))
    rows = await db.fetchall(
        f"SELECT * FROM officers WHERE status = 'active' AND unit_id IN ({marks}) ORDER BY id",
        unit_ids,
    )
    return [officer_from_row(row) for row in rows]


async def admins(db: Database) -> list[Officer]:
    rows = await db.fetchall(
        "SELECT * FROM officers WHERE role = 'admin' AND status = 'active' ORDER BY id"
    )
    return [officer_from_row(row) for row in rows]


async def count_by_status(db: Database) -> dict[str, int]:
    rows = await db.fetchall("SELECT status, count(*) AS n FROM officers GROUP BY status")
    return {row["status"]: row["n"] for row in rows}


async def bootstrap_admin(
    db: Database,
    telegram_id: int,
    chat_id: int,
    full_name: str,
    language: Language,
    regency_id: int,
    at: datetime,
) -> Officer:
    """Register a person named in the config's ``admins`` as an administrator at the regency."""
    stamp = to_db(at)
    async with db.transaction() as conn:
        await conn.execute(
            "INSERT INTO officers (telegram_id, chat_id, full_name, unit_id, role, status, language,"
            " created_at, updated_at) VALUES (?, ?, ?, ?, 'admin', 'active', ?, ?, ?)"
            " ON CONFLICT (telegram_id) DO NOTHING",
            (telegram_id, chat_id, full_name, regency_id, language, stamp, stamp),
        )
        officer = await fetch_in(conn, telegram_id)
        assert officer is not None
        await audit.record(
            conn, Actor.system(), "officer.bootstrap_admin", f"officer:{officer.id}", at
        )
    return officer
