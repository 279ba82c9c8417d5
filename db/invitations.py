"""Invitations: random tokens (stored only as a SHA-256 hash) that bind an account to a unit.

The rules, all enforced here inside the write transaction:

- an invitation makes a new account an active member of its unit and role;
- it never reactivates a deactivated account, and never moves an active account
  by itself: a move is asked for (:func:`request_move`) and decided by the deciders
  of a registration for the new unit (see :mod:`db.moves`);
- a revoked invitation is refused like an expired one;
- a kecamatan invitation (``pick_below``) admits an officer to the desa/kelurahan
  of that kecamatan they pick (:func:`village_choice`), never to another unit;
- after :data:`GUESS_LIMIT` unknown tokens from one account within
  :data:`GUESS_WINDOW`, that account's tokens are refused for :data:`LOCKOUT`
  without being looked up. Only a short hash of a failed token is stored.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

import aiosqlite

from db import audit, moves, scope
from db.audit import Actor
from db.connection import Database
from db.officers import Officer, Role, fetch_in
from db.timefmt import from_db, to_db

TOKEN_BYTES = 24  # 192 bits; token_urlsafe gives 32 characters, within deep-link limits
TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{32}$")
MAX_USES = 1000
MAX_DAYS = 90
MAX_LISTED = 1000
"""The most invitations one list shows (the shell's ``invite list``)."""
GUESS_LIMIT = 5
GUESS_WINDOW = timedelta(minutes=10)
LOCKOUT = timedelta(hours=1)
_MAX_ROW_ID = 2**63 - 1


class InvitationProblem(StrEnum):
    MALFORMED = "malformed"
    UNKNOWN = "unknown"
    EXPIRED = "expired"
    USED_UP = "used_up"
    REVOKED = "revoked"
    UNIT_INACTIVE = "unit_inactive"
    DEACTIVATED = "deactivated"
    """The account opening the link was deactivated: it stays so."""
    LOCKED = "locked"
    """Too many unknown tokens from this account lately: refused without a lookup."""
    MEMBER = "member"
    """The account already has this unit and role."""
    MOVE_PENDING = "move_pending"
    """The account already has a request waiting."""
    NOT_ALLOWED = "not_allowed"
    """Revoking: the invitation is outside the person's scope."""
    PICK_VILLAGE = "pick_village"
    """A kecamatan invitation: the person picks their desa/kelurahan first."""
    WRONG_VILLAGE = "wrong_village"
    """The unit picked is not an active desa/kelurahan of the invitation's kecamatan."""


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
    pick_below: bool = False
    """A kecamatan invitation: the officer picks a desa/kelurahan of the kecamatan."""


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
    """The new account after joining; None when an active account was offered a move."""
    previous: Officer | None
    """The active account that opened the link, when it was already registered."""
    invitation: Invitation

    @property
    def needs_confirmation(self) -> bool:
        return self.officer is None


@dataclass(frozen=True)
class LiveInvitation:
    """An invitation that can still be used, as a list shows it."""

    invitation: Invitation
    unit_code: str
    unit_kind: str
    unit_name: str
    creator_name: str | None
    """Who made it; None when it was made from the shell."""

    @property
    def uses_left(self) -> int:
        return self.invitation.max_uses - self.invitation.uses


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def token_hint(token: str) -> str:
    """A short hash to name a token in logs and in the attempts table (never the token)."""
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()[:8]


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
    pick_below: bool = False,
) -> tuple[str, Invitation]:
    """Create an invitation and return the token, which is shown once and never stored.

    ``pick_below``: a kecamatan invitation (``unit_id`` a kecamatan, role officer)."""
    validate_limits(max_uses, days)
    if pick_below and role != "officer":
        raise ValueError("a kecamatan invitation is for officers")
    token = secrets.token_urlsafe(TOKEN_BYTES)
    expires = at + timedelta(days=days)
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "INSERT INTO invitations (token_hash, unit_id, role, expires_at, max_uses, created_by,"
            " created_at, pick_below) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                hash_token(token),
                unit_id,
                role,
                to_db(expires),
                max_uses,
                actor.officer_id,
                to_db(at),
                int(pick_below),
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
            pick_below=pick_below,
        )
    return token, Invitation(
        invitation_id, unit_id, role, expires, max_uses, 0, actor.officer_id, pick_below
    )


def _invitation(row: aiosqlite.Row) -> Invitation:
    return Invitation(
        id=row["id"],
        unit_id=row["unit_id"],
        role=row["role"],
        expires_at=from_db(row["expires_at"]),
        max_uses=row["max_uses"],
        uses=row["uses"],
        created_by=row["created_by"],
        pick_below=bool(row["pick_below"]),
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
    problem = _dead(row, at)
    if problem is not None:
        raise InvitationError(problem)
    if not row["unit_active"]:
        raise InvitationError(InvitationProblem.UNIT_INACTIVE)
    return _invitation(row)


def _dead(row: aiosqlite.Row, at: datetime) -> InvitationProblem | None:
    """Why the invitation can no longer be used at all, if it cannot."""
    if row["revoked_at"] is not None:
        return InvitationProblem.REVOKED
    if from_db(row["expires_at"]) <= at:
        return InvitationProblem.EXPIRED
    if row["uses"] >= row["max_uses"]:
        return InvitationProblem.USED_UP
    return None


async def _locked(conn: aiosqlite.Connection, telegram_id: int, at: datetime) -> bool:
    cursor = await conn.execute(
        "SELECT 1 FROM invitation_lockouts WHERE telegram_id = ? AND locked_until > ?",
        (telegram_id, to_db(at)),
    )
    return await cursor.fetchone() is not None


async def _record_failure(
    conn: aiosqlite.Connection, telegram_id: int, token: str, at: datetime
) -> None:
    """Count an unknown token; the limit reached locks the account out for :data:`LOCKOUT`."""
    since = to_db(at - GUESS_WINDOW)
    await conn.execute("DELETE FROM invitation_failures WHERE failed_at <= ?", (since,))
    await conn.execute(
        "INSERT INTO invitation_failures (telegram_id, token_hint, failed_at) VALUES (?, ?, ?)",
        (telegram_id, token_hint(token), to_db(at)),
    )
    cursor = await conn.execute(
        "SELECT count(*) FROM invitation_failures WHERE telegram_id = ? AND failed_at > ?",
        (telegram_id, since),
    )
    row = await cursor.fetchone()
    if row is None or row[0] < GUESS_LIMIT:
        return
    until = at + LOCKOUT
    await conn.execute(
        "INSERT OR REPLACE INTO invitation_lockouts (telegram_id, locked_until) VALUES (?, ?)",
        (telegram_id, to_db(until)),
    )
    await conn.execute("DELETE FROM invitation_failures WHERE telegram_id = ?", (telegram_id,))
    await audit.record(
        conn,
        Actor(None, f"tg:{telegram_id}"),
        "invitation.lockout",
        f"tg:{telegram_id}",
        at,
        until=to_db(until),
    )


async def _check(
    conn: aiosqlite.Connection, token: str, who: Identity, at: datetime, village: int | None
) -> tuple[Officer | None, Invitation]:
    """The account as it is and the usable invitation, for a kecamatan invitation turned to
    the ``village`` picked; raises :class:`InvitationError`.

    A deactivated account is refused before anything else (its links tell it nothing),
    a locked-out account before the token is looked up.
    """
    account = await fetch_in(conn, who.telegram_id)
    if account is not None and not account.is_active:
        raise InvitationError(InvitationProblem.DEACTIVATED)
    if await _locked(conn, who.telegram_id, at):
        raise InvitationError(InvitationProblem.LOCKED)
    invitation = await _usable(conn, token, at)
    if invitation.pick_below:
        if village is None:
            raise InvitationError(InvitationProblem.PICK_VILLAGE)
        if not await _village_of(conn, village, invitation.unit_id):
            raise InvitationError(InvitationProblem.WRONG_VILLAGE)
        invitation = replace(invitation, unit_id=village)
    if account is not None and (account.unit_id, account.role) == (
        invitation.unit_id,
        invitation.role,
    ):
        raise InvitationError(InvitationProblem.MEMBER)
    return account, invitation


async def _village_of(conn: aiosqlite.Connection, unit_id: int, kecamatan_id: int) -> bool:
    cursor = await conn.execute(
        "SELECT 1 FROM units WHERE id = ? AND parent_id = ? AND active = 1"
        " AND kind IN ('desa', 'kelurahan')",
        (unit_id, kecamatan_id),
    )
    return await cursor.fetchone() is not None


async def village_choice(db: Database, token: str, at: datetime) -> Invitation | None:
    """The usable kecamatan invitation behind ``token`` (whose villages to offer), else None."""
    async with db.transaction() as conn:
        try:
            invitation = await _usable(conn, token, at)
        except InvitationError:
            return None
    return invitation if invitation.pick_below else None


async def redeem(
    db: Database, token: str, who: Identity, at: datetime, *, village: int | None = None
) -> RedeemResult:
    """Make a new account an active member of the invitation's unit, counting one use.

    A kecamatan invitation needs the ``village`` picked (PICK_VILLAGE without one) and
    admits to it. An active account is not changed: the result offers it a move (see
    :func:`request_move`). Raises :class:`InvitationError` for a token that cannot be
    used; nothing changes then, except that an unknown token is counted.
    """
    refused: InvitationError | None = None
    async with db.transaction() as conn:
        try:
            previous, invitation = await _check(conn, token, who, at, village)
        except InvitationError as exc:
            if exc.problem is InvitationProblem.UNKNOWN:
                await _record_failure(conn, who.telegram_id, token, at)
            refused = exc
        else:
            if previous is not None:
                return RedeemResult(None, previous, invitation)
            officer = await _join(conn, invitation, who, at)
            return RedeemResult(officer, None, invitation)
    raise refused


async def _join(
    conn: aiosqlite.Connection, invitation: Invitation, who: Identity, at: datetime
) -> Officer:
    stamp = to_db(at)
    await conn.execute("UPDATE invitations SET uses = uses + 1 WHERE id = ?", (invitation.id,))
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
    )
    return officer


async def request_move(
    db: Database, token: str, who: Identity, at: datetime, *, village: int | None = None
) -> int:
    """An active account asks to move to the invitation's unit (or ``village``) and role;
    counts one use.

    Returns the id of the request (a registration of kind 'move') for its deciders.
    Everything is checked again: the link may have been revoked since it was opened.
    """
    async with db.transaction() as conn:
        account, invitation = await _check(conn, token, who, at, village)
        if account is None:
            raise InvitationError(InvitationProblem.UNKNOWN)
        registration_id = await moves.insert(
            conn, account, invitation.unit_id, invitation.role, invitation.id, at
        )
        if registration_id is None:
            raise InvitationError(InvitationProblem.MOVE_PENDING)
        await conn.execute("UPDATE invitations SET uses = uses + 1 WHERE id = ?", (invitation.id,))
        return registration_id


async def list_live(
    db: Database, at: datetime, viewer: Officer | None, *, offset: int = 0, limit: int = 100
) -> tuple[list[LiveInvitation], int]:
    """Invitations still usable, newest first, of the units in ``viewer``'s scope
    (``None``: the shell, everywhere); and how many there are in all."""
    where, params = scope.unit_condition(viewer, "i.unit_id") if viewer else ("1", [])
    where = f" WHERE i.revoked_at IS NULL AND i.expires_at > ? AND i.uses < i.max_uses AND {where}"
    values = (to_db(at), *params)
    total = await db.fetchval(f"SELECT count(*) FROM invitations i{where}", values)
    rows = await db.fetchall(
        "SELECT i.*, u.code AS unit_code, u.kind AS unit_kind, u.name AS unit_name,"
        " o.full_name AS creator_name FROM invitations i JOIN units u ON u.id = i.unit_id"
        f" LEFT JOIN officers o ON o.id = i.created_by{where}"
        " ORDER BY i.id DESC LIMIT ? OFFSET ?",
        (*values, limit, offset),
    )
    items = [
        LiveInvitation(
            _invitation(row),
            row["unit_code"],
            row["unit_kind"],
            row["unit_name"],
            row["creator_name"],
        )
        for row in rows
    ]
    return items, int(total or 0)


async def revoke(
    db: Database, invitation_id: int, at: datetime, *, by_telegram_id: int | None
) -> Invitation:
    """Revoke an invitation that can still be used; ``by_telegram_id`` None is the shell.

    The person revoking is read again here: an active administrator revokes any
    invitation, an active coordinator those of units in their scope.
    Raises :class:`InvitationError`: UNKNOWN, NOT_ALLOWED, or why it is already dead.
    """
    if not 1 <= invitation_id <= _MAX_ROW_ID:
        raise InvitationError(InvitationProblem.UNKNOWN)
    async with db.transaction() as conn:
        cursor = await conn.execute("SELECT * FROM invitations WHERE id = ?", (invitation_id,))
        row = await cursor.fetchone()
        if row is None:
            raise InvitationError(InvitationProblem.UNKNOWN)
        actor = Actor.cli()
        if by_telegram_id is not None:
            officer = await fetch_in(conn, by_telegram_id)
            if not await _may_revoke(conn, officer, row["unit_id"]):
                raise InvitationError(InvitationProblem.NOT_ALLOWED)
            assert officer is not None
            actor = Actor.officer(officer.id, officer.telegram_id)
        problem = _dead(row, at)
        if problem is not None:
            raise InvitationError(problem)
        await conn.execute(
            "UPDATE invitations SET revoked_at = ? WHERE id = ?", (to_db(at), invitation_id)
        )
        await audit.record(
            conn,
            actor,
            "invitation.revoke",
            f"invitation:{invitation_id}",
            at,
            unit_id=row["unit_id"],
            role=row["role"],
            uses=row["uses"],
            max_uses=row["max_uses"],
        )
        return _invitation(row)


async def _may_revoke(conn: aiosqlite.Connection, officer: Officer | None, unit_id: int) -> bool:
    """Administrators and coordinators revoke the invitations of units in their scope."""
    return (
        officer is not None
        and officer.role in ("admin", "coordinator")
        and await scope.may_act_on(conn, officer, unit_id)
    )
