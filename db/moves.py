"""Requests to move an active account to another unit or role, kept as registrations.

An invitation never moves an account by itself: an active person who opens the link
of another unit or role asks for the move (a ``registrations`` row of kind 'move'
whose ``officer_id`` is their account), and the deciders of a registration for the
new unit approve or reject it (see :mod:`db.registrations`). Both steps run inside
the caller's write transaction.
"""

from __future__ import annotations

from datetime import datetime

import aiosqlite

from db import audit
from db.audit import Actor
from db.officers import Officer, Role, officer_from_row
from db.timefmt import to_db


async def insert(
    conn: aiosqlite.Connection,
    officer: Officer,
    unit_id: int,
    role: Role,
    invitation_id: int,
    at: datetime,
) -> int | None:
    """Store the request and return its id; None when the account already has one waiting."""
    cursor = await conn.execute(
        "SELECT 1 FROM registrations WHERE telegram_id = ? AND status = 'pending'",
        (officer.telegram_id,),
    )
    if await cursor.fetchone() is not None:
        return None
    cursor = await conn.execute(
        "INSERT INTO registrations (telegram_id, chat_id, unit_id, full_name, position, language,"
        " officer_id, created_at, kind, role, invitation_id)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'move', ?, ?)",
        (
            officer.telegram_id,
            officer.chat_id or officer.telegram_id,
            unit_id,
            officer.full_name,
            officer.position or "-",
            officer.language,
            officer.id,
            to_db(at),
            role,
            invitation_id,
        ),
    )
    registration_id = cursor.lastrowid or 0
    await audit.record(
        conn,
        Actor.officer(officer.id, officer.telegram_id),
        "registration.submit",
        f"registration:{registration_id}",
        at,
        kind="move",
        unit_id=unit_id,
        role=role,
        moved_from=officer.unit_id,
        previous_role=officer.role,
        invitation_id=invitation_id,
    )
    return registration_id


async def decide(
    conn: aiosqlite.Connection, registration_id: int, decider: Officer, approve: bool, at: datetime
) -> bool:
    """Approve (change the account's unit and role) or reject a pending move.

    Returns False, withdrawing the request, when the account is no longer active:
    an approval never brings a deactivated account back.
    """
    cursor = await conn.execute(
        "SELECT r.unit_id AS new_unit, r.role AS new_role, o.* FROM registrations r"
        " JOIN officers o ON o.id = r.officer_id WHERE r.id = ? AND r.status = 'pending'",
        (registration_id,),
    )
    row = await cursor.fetchone()
    actor = Actor.officer(decider.id, decider.telegram_id)
    stamp = to_db(at)
    account = officer_from_row(row) if row is not None else None
    if row is None or account is None or not account.is_active:
        await conn.execute(
            "UPDATE registrations SET status = 'withdrawn', decided_at = ?"
            " WHERE id = ? AND status = 'pending'",
            (stamp, registration_id),
        )
        await audit.record(
            conn,
            actor,
            "registration.withdraw",
            f"registration:{registration_id}",
            at,
            reason="account_inactive",
        )
        return False
    if approve:
        await conn.execute(
            "UPDATE officers SET unit_id = ?, role = ?, updated_at = ? WHERE id = ?",
            (row["new_unit"], row["new_role"], stamp, account.id),
        )
    cursor = await conn.execute(
        "UPDATE registrations SET status = ?, decided_by = ?, decided_at = ?"
        " WHERE id = ? AND status = 'pending'",
        ("approved" if approve else "rejected", decider.id, stamp, registration_id),
    )
    assert cursor.rowcount == 1
    await audit.record(
        conn,
        actor,
        "registration.approve" if approve else "registration.reject",
        f"registration:{registration_id}",
        at,
        kind="move",
        unit_id=row["new_unit"],
        role=row["new_role"],
        officer_id=account.id,
        moved_from=account.unit_id,
        previous_role=account.role,
    )
    return True
