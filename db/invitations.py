"""Invitations: random tokens (stored only as a SHA-256 hash) that bind an account to a unit."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

import aiosqlite

from db import audit
from db.audit import Actor
from db.connection import Database
from db.officers import Officer, Role, fetch_in
from db.timefmt import from_db, to_db

TOKEN_BYTES = 24  # 192 bits; token_urlsafe gives 32 characters, within deep-link limits
TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{32}$")
MAX_USES = 1000
MAX_DAYS = 90


class InvitationProblem(StrEnum):
    MALFORMED = "malformed"
    UNKNOWN = "unknown"
    EXPIRED = "expired"
    USED_UP = "used_up"
    REVOKED = "revoked"
    UNIT_INACTIVE = "unit_inactive"


class InvitationError(Exception):
    def __init__(self, problem: InvitationProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


@dataclass(frozen=True)
class Invitation:
    id: int
    unit_id: int
    role: Role
    expires_at: datetime
    max_uses: int
    uses: int
    created_by: int | None


@dataclass(frozen=True)
class Identity:
    """The Telegram account redeeming an invitation."""

    telegram_id: int
    chat_id: int
    full_name: str
    language: str = "id"


@dataclass(frozen=True)
class RedeemResult:
    officer: Officer | None
    """The officer after joining; None when a move must be confirmed first."""
    previous: Officer | None
    """The account as it was before, when it was already registered."""
    invitation: Invitation

    @property
    def needs_confirmation(self) -> bool:
        return self.officer is None


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def validate_limits(max_uses: int, days: int) -> None:
    if not 1 <= max_uses <= MAX_USES:
        raise ValueError(f"uses must be between 1 and {MAX_USES}")
    if not 1 <= days <= MAX_DAYS:
        raise ValueError(f"days must be between 1 and {MAX_DAYS}")


async def create(
    db: Database,
    *,
    unit_id: int,
    role: Role,
    max_uses: int,
    days: int,
    actor: Actor,
    at: datetime,
) -> tuple[str, Invitation]:
    """Create an invitation and return the token, which is shown once and never stored."""
    validate_limits(max_uses, days)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    expires = at + timedelta(days=days)
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "INSERT INTO invitations (token_hash, unit_id, role, expires_at, max_uses, created_by,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                hash_token(token),
                unit_id,
                role,
                to_db(expires),
                max_uses,
                actor.officer_id,
                to_db(at),
            ),
        )
        invitation_id = cursor.lastrowid or 0
        await audit.record(
            conn,
            actor,
            "invitation.create",
            f"invitation:{invitation_id}",
            at,
            unit_id=unit_id,
            role=role,
            max_uses=max_uses,
            days=days,
        )
    return token, Invitation(invitation_id, unit_id, role, expires, max_uses, 0, actor.officer_id)


def _invitation(row: aiosqlite.Row) -> Invitation:
    return Invitation(
        id=row["id"],
        unit_id=row["unit_id"],
        role=row["role"],
        expires_at=from_db(row["expires_at"]),
        max_uses=row["max_uses"],
        uses=row["uses"],
        created_by=row["created_by"],
    )


async def _usable(conn: aiosqlite.Connection, token: str, at: datetime) -> Invitation:
    if not TOKEN_PATTERN.match(token):
        raise InvitationError(InvitationProblem.MALFORMED)
    cursor = await conn.execute(
        "SELECT i.*, u.active AS unit_active FROM invitations i JOIN units u ON u.id = i.unit_id"
        " WHERE token_hash = ?",
        (hash_token(token),),
    )
    row = await cursor.fetchone()
    if row is None:
        raise InvitationError(InvitationProblem.UNKNOWN)
    if row["revoked_at"] is not None:
        raise InvitationError(InvitationProblem.REVOKED)
    if from_db(row["expires_at"]) <= at:
        raise InvitationError(InvitationProblem.EXPIRED)
    if row["uses"] >= row["max_uses"]:
        raise InvitationError(InvitationProblem.USED_UP)
    if not row["unit_active"]:
        raise InvitationError(InvitationProblem.UNIT_INACTIVE)
    return _invitation(row)


async def redeem(
    db: Database, token: str, who: Identity, at: datetime, *, confirm_move: bool = False
) -> RedeemResult:
    """Bind the account to the invitation's unit and role, counting one use.

    An account that is already registered is not changed unless ``confirm_move``:
    the caller asks the person first, so nobody is silently moved or demoted.
    Raises :class:`InvitationError` for a token that cannot be used; nothing changes then.
    """
    async with db.transaction() as conn:
        invitation = await _usable(conn, token, at)
        previous = await fetch_in(conn, who.telegram_id)
        if previous is not None and not confirm_move:
            return RedeemResult(None, previous, invitation)
        await conn.execute("UPDATE invitations SET uses = uses + 1 WHERE id = ?", (invitation.id,))
        stamp = to_db(at)
        if previous is None:
            await conn.execute(
                "INSERT INTO officers (telegram_id, chat_id, full_name, unit_id, role, status,"
                " language, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'active', ?, ?, ?)",
                (
                    who.telegram_id,
                    who.chat_id,
                    who.full_name,
                    invitation.unit_id,
                    invitation.role,
                    who.language if who.language in ("id", "en") else "id",
                    stamp,
                    stamp,
                ),
            )
        else:
            await conn.execute(
                "UPDATE officers SET unit_id = ?, role = ?, status = 'active', chat_id = ?,"
                " reachable = 1, updated_at = ? WHERE id = ?",
                (invitation.unit_id, invitation.role, who.chat_id, stamp, previous.id),
            )
        officer = await fetch_in(conn, who.telegram_id)
        assert officer is not None
        await audit.record(
            conn,
            Actor.officer(officer.id, who.telegram_id),
            "invitation.redeem",
            f"invitation:{invitation.id}",
            at,
            unit_id=invitation.unit_id,
            role=invitation.role,
            moved_from=previous.unit_id if previous else None,
            previous_role=previous.role if previous else None,
        )
    return RedeemResult(officer, previous, invitation)
