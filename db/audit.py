"""The audit log: who did what to what, and when. Written inside the caller's transaction."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import aiosqlite

from db.connection import Database
from db.timefmt import from_db, to_db


@dataclass(frozen=True)
class Actor:
    """Who acts: an officer (by id), the shell, or the system itself."""

    officer_id: int | None
    label: str

    @classmethod
    def cli(cls) -> Actor:
        return cls(None, "cli")

    @classmethod
    def system(cls) -> Actor:
        return cls(None, "system")

    @classmethod
    def officer(cls, officer_id: int, telegram_id: int) -> Actor:
        return cls(officer_id, f"tg:{telegram_id}")


@dataclass(frozen=True)
class AuditEntry:
    id: int
    actor_id: int | None
    actor_label: str
    action: str
    target: str | None
    details: dict[str, Any]
    created_at: datetime


async def record(
    conn: aiosqlite.Connection,
    actor: Actor,
    action: str,
    target: str | None,
    at: datetime,
    **details: Any,
) -> None:
    """Append one entry; call it inside the transaction that makes the change."""
    await conn.execute(
        "INSERT INTO audit_log (actor_id, actor_label, action, target, details, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (
            actor.officer_id,
            actor.label,
            action,
            target,
            json.dumps(details, ensure_ascii=False, default=str) if details else None,
            to_db(at),
        ),
    )


async def recent(db: Database, limit: int = 50) -> list[AuditEntry]:
    rows = await db.fetchall("SELECT * FROM audit_log ORDER BY id DESC LIMIT ?", (limit,))
    return [
        AuditEntry(
            id=row["id"],
            actor_id=row["actor_id"],
            actor_label=row["actor_label"],
            action=row["action"],
            target=row["target"],
            details=json.loads(row["details"]) if row["details"] else {},
            created_at=from_db(row["created_at"]),
        )
        for row in rows
    ]
