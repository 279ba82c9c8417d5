"""Self-registration: a person asks to serve a unit; a coordinator approves or rejects.

The rules, all enforced here inside the write transaction:

- an account that is already registered cannot apply; one pending request per
  account (also a unique index); after a rejection the same account may apply
  again only once :data:`REAPPLY_AFTER` has passed;
- who decides: an active coordinator whose scope holds the unit, or an
  administrator; :func:`deciders` says who is asked: every coordinator whose scope
  holds the unit (the unit's own, its kecamatan's and the regency's central desk),
  or, when there is none, the administrators;
- the first decision wins (``UPDATE ... WHERE status = 'pending'``); a later
  press learns who decided and changes nothing;
- on approval the account becomes an active officer of the unit, in the same
  transaction; the applicant's request keeps the id of that account;
- a *move* request (an active account opened an invitation of another unit or
  role) is decided the same way and, on approval, changes that account's unit and
  role; a move that gives or takes coordinator or administrator rank is decided by
  administrators only; nobody decides their own request.

The applicant has no officer row until approval, so "pending" is the status of
the request, and the guard refuses a pending applicant with ``denied.pending``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Literal

import aiosqlite

from bot.core.names import clean_name
from db import audit, moves, scope
from db.audit import Actor
from db.connection import Database
from db.officers import Language, Officer, Role, admins, by_id, fetch_in, officer_from_row
from db.timefmt import from_db, maybe_from_db, to_db

REAPPLY_AFTER = timedelta(hours=24)
REGISTRATION_KINDS = ("kecamatan", "desa", "kelurahan", "opd")
NAME_LENGTH = (3, 100)
POSITION_LENGTH = (2, 100)
RegistrationKind = Literal["join", "move"]


class RegistrationProblem(StrEnum):
    REGISTERED = "registered"
    PENDING = "pending"
    COOL_OFF = "cool_off"
    UNIT = "unit"
    NOT_ALLOWED = "not_allowed"
    UNKNOWN = "unknown"


class RegistrationError(Exception):
    def __init__(self, problem: RegistrationProblem, until: datetime | None = None) -> None:
        super().__init__(problem.value)
        self.problem = problem
        self.until = until
        """For COOL_OFF: when the account may apply again."""


@dataclass(frozen=True)
class Applicant:
    telegram_id: int
    chat_id: int
    language: Language


@dataclass(frozen=True)
class Registration:
    id: int
    telegram_id: int
    chat_id: int
    unit_id: int
    full_name: str
    position: str
    language: Language
    status: str
    officer_id: int | None
    decided_by: int | None
    decided_at: datetime | None
    created_at: datetime
    kind: RegistrationKind = "join"
    role: Role = "officer"
    """The role asked for (always officer for a join)."""
    invitation_id: int | None = None
    """For a move: the invitation that was opened."""


@dataclass(frozen=True)
class Decision:
    registration: Registration
    """The request as it is now."""
    decided_now: bool
    """False when somebody decided earlier (or the applicant joined another way)."""
    officer: Officer | None
    """The new account, when approved now."""


@dataclass(frozen=True)
class Notice:
    officer: Officer
    chat_id: int
    message_id: int


def _registration(row: aiosqlite.Row) -> Registration:
    return Registration(
        id=row["id"],
        telegram_id=row["telegram_id"],
        chat_id=row["chat_id"],
        unit_id=row["unit_id"],
        full_name=row["full_name"],
        position=row["position"],
        language=row["language"],
        status=row["status"],
        officer_id=row["officer_id"],
        decided_by=row["decided_by"],
        decided_at=maybe_from_db(row["decided_at"]),
        created_at=from_db(row["created_at"]),
        kind=row["kind"],
        role=row["role"],
        invitation_id=row["invitation_id"],
    )


def clean_text(text: str, limits: tuple[int, int]) -> str | None:
    """A name or title cleaned by :func:`clean_name`; None when nothing visible is left or
    the result is shorter or longer than ``limits``."""
    cleaned = clean_name(text)
    return cleaned if cleaned is not None and limits[0] <= len(cleaned) <= limits[1] else None


async def get(db: Database, registration_id: int) -> Registration | None:
    row = await db.fetchone("SELECT * FROM registrations WHERE id = ?", (registration_id,))
    return _registration(row) if row else None


async def pending_of(db: Database, telegram_id: int) -> Registration | None:
    row = await db.fetchone(
        "SELECT * FROM registrations WHERE telegram_id = ? AND status = 'pending'", (telegram_id,)
    )
    return _registration(row) if row else None


async def _one(
    source: aiosqlite.Connection | Database, sql: str, params: tuple[object, ...]
) -> aiosqlite.Row | None:
    if isinstance(source, Database):
        return await source.fetchone(sql, params)
    cursor = await source.execute(sql, params)
    return await cursor.fetchone()


async def _why_not(
    source: aiosqlite.Connection | Database, telegram_id: int, at: datetime
) -> RegistrationError | None:
    if await _one(source, "SELECT 1 FROM officers WHERE telegram_id = ?", (telegram_id,)):
        return RegistrationError(RegistrationProblem.REGISTERED)
    row = await _one(
        source,
        "SELECT status, decided_at FROM registrations WHERE telegram_id = ?"
        " AND status IN ('pending', 'rejected') ORDER BY status = 'pending' DESC, decided_at DESC"
        " LIMIT 1",
        (telegram_id,),
    )
    if row is not None and row["status"] == "pending":
        return RegistrationError(RegistrationProblem.PENDING)
    if row is not None:
        until = from_db(row["decided_at"]) + REAPPLY_AFTER
        if until > at:
            return RegistrationError(RegistrationProblem.COOL_OFF, until)
    return None


async def check_can_apply(db: Database, telegram_id: int, at: datetime) -> None:
    """Raise :class:`RegistrationError` when the account may not apply now."""
    problem = await _why_not(db, telegram_id, at)
    if problem is not None:
        raise problem


async def submit(
    db: Database, applicant: Applicant, unit_id: int, full_name: str, position: str, at: datetime
) -> Registration:
    """Store a request (checked again here: two quick submissions make one request)."""
    name = clean_text(full_name, NAME_LENGTH)
    job = clean_text(position, POSITION_LENGTH)
    if name is None or job is None:
        raise ValueError("the name or the position has the wrong length")
    async with db.transaction() as conn:
        problem = await _why_not(conn, applicant.telegram_id, at)
        if problem is not None:
            raise problem
        cursor = await conn.execute("SELECT kind, active FROM units WHERE id = ?", (unit_id,))
        unit = await cursor.fetchone()
        if unit is None or not unit["active"] or unit["kind"] not in REGISTRATION_KINDS:
            raise RegistrationError(RegistrationProblem.UNIT)
        cursor = await conn.execute(
            "INSERT INTO registrations (telegram_id, chat_id, unit_id, full_name, position,"
            " language, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                applicant.telegram_id,
                applicant.chat_id,
                unit_id,
                name,
                job,
                applicant.language,
                to_db(at),
            ),
        )
        registration_id = cursor.lastrowid or 0
        await audit.record(
            conn,
            Actor(None, f"tg:{applicant.telegram_id}"),
            "registration.submit",
            f"registration:{registration_id}",
            at,
            unit_id=unit_id,
            full_name=name,
            position=job,
        )
        cursor = await conn.execute("SELECT * FROM registrations WHERE id = ?", (registration_id,))
        row = await cursor.fetchone()
        assert row is not None
        return _registration(row)


def admins_decide(role: Role, current_role: Role | None) -> bool:
    """Only administrators decide a request that gives or takes coordinator or admin rank."""
    return role != "officer" or current_role not in (None, "officer")


async def deciders(db: Database, registration: Registration) -> list[Officer]:
    """Who is asked to decide ``registration`` (reachable in a private chat, not the applicant)."""
    current = await by_id(db, registration.officer_id or 0) if registration.kind == "move" else None
    if admins_decide(registration.role, current.role if current else None):
        rows = []
    else:
        rows = await db.fetchall(
            f"{scope.ABOVE} SELECT o.* FROM officers o JOIN above a ON o.unit_id = a.id"
            " WHERE o.role = 'coordinator' AND o.status = 'active' AND o.chat_id IS NOT NULL"
            " ORDER BY o.id",
            (registration.unit_id,),
        )
    found = [officer_from_row(row) for row in rows]
    if not found:
        found = [officer for officer in await admins(db) if officer.chat_id is not None]
    return [officer for officer in found if officer.telegram_id != registration.telegram_id]


async def add_notice(
    db: Database, registration_id: int, officer_id: int, chat_id: int, message_id: int
) -> None:
    await db.execute(
        "INSERT OR REPLACE INTO registration_notices (registration_id, officer_id, chat_id,"
        " message_id) VALUES (?, ?, ?, ?)",
        (registration_id, officer_id, chat_id, message_id),
    )


async def notices(db: Database, registration_id: int) -> list[Notice]:
    rows = await db.fetchall(
        "SELECT o.*, n.chat_id AS notice_chat, n.message_id AS notice_message"
        " FROM registration_notices n JOIN officers o ON o.id = n.officer_id"
        " WHERE n.registration_id = ? ORDER BY o.id",
        (registration_id,),
    )
    return [
        Notice(officer_from_row(row), row["notice_chat"], row["notice_message"]) for row in rows
    ]


async def _may_decide(
    conn: aiosqlite.Connection, decider: Officer | None, registration: Registration
) -> bool:
    if decider is None or not decider.is_active:
        return False
    if decider.telegram_id == registration.telegram_id:
        return False
    if decider.role == "admin":
        return True
    current = (
        await _officer_by_id(conn, registration.officer_id) if registration.kind == "move" else None
    )
    if admins_decide(registration.role, current.role if current else None):
        return False
    return decider.role == "coordinator" and await scope.may_act_on(
        conn, decider, registration.unit_id
    )


async def _officer_by_id(conn: aiosqlite.Connection, officer_id: int | None) -> Officer | None:
    cursor = await conn.execute("SELECT * FROM officers WHERE id = ?", (officer_id,))
    row = await cursor.fetchone()
    return officer_from_row(row) if row else None


async def _fetch(conn: aiosqlite.Connection, registration_id: int) -> Registration | None:
    cursor = await conn.execute("SELECT * FROM registrations WHERE id = ?", (registration_id,))
    row = await cursor.fetchone()
    return _registration(row) if row else None


async def decide(
    db: Database, registration_id: int, decider_telegram_id: int, approve: bool, at: datetime
) -> Decision:
    """Approve or reject; the first decision wins. Raises NOT_ALLOWED / UNKNOWN."""
    async with db.transaction() as conn:
        decider = await fetch_in(conn, decider_telegram_id)
        registration = await _fetch(conn, registration_id)
        if registration is None:
            raise RegistrationError(RegistrationProblem.UNKNOWN)
        if not await _may_decide(conn, decider, registration):
            raise RegistrationError(RegistrationProblem.NOT_ALLOWED)
        assert decider is not None
        if registration.status != "pending":
            return Decision(registration, False, None)
        actor = Actor.officer(decider.id, decider.telegram_id)
        if registration.kind == "move":
            decided_now = await moves.decide(conn, registration.id, decider, approve, at)
            fresh = await _fetch(conn, registration.id)
            assert fresh is not None
            moved = (
                await _officer_by_id(conn, fresh.officer_id) if approve and decided_now else None
            )
            return Decision(fresh, decided_now, moved)
        stamp = to_db(at)
        if approve and await fetch_in(conn, registration.telegram_id) is not None:
            # The applicant joined by an invitation meanwhile: nothing left to approve.
            await conn.execute(
                "UPDATE registrations SET status = 'withdrawn', decided_at = ? WHERE id = ?",
                (stamp, registration.id),
            )
            await audit.record(
                conn,
                actor,
                "registration.withdraw",
                f"registration:{registration.id}",
                at,
                reason="already_registered",
            )
            fresh = await _fetch(conn, registration.id)
            assert fresh is not None
            return Decision(fresh, False, None)
        officer_id: int | None = None
        if approve:
            cursor = await conn.execute(
                "INSERT INTO officers (telegram_id, chat_id, full_name, position, unit_id, role,"
                " status, language, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, 'officer', 'active', ?, ?, ?)",
                (
                    registration.telegram_id,
                    registration.chat_id,
                    registration.full_name,
                    registration.position,
                    registration.unit_id,
                    registration.language,
                    stamp,
                    stamp,
                ),
            )
            officer_id = cursor.lastrowid
        cursor = await conn.execute(
            "UPDATE registrations SET status = ?, officer_id = ?, decided_by = ?, decided_at = ?"
            " WHERE id = ? AND status = 'pending'",
            ("approved" if approve else "rejected", officer_id, decider.id, stamp, registration.id),
        )
        assert cursor.rowcount == 1
        await audit.record(
            conn,
            actor,
            "registration.approve" if approve else "registration.reject",
            f"registration:{registration.id}",
            at,
            unit_id=registration.unit_id,
            officer_id=officer_id,
        )
        fresh = await _fetch(conn, registration.id)
        officer = await fetch_in(conn, registration.telegram_id) if approve else None
        assert fresh is not None
        return Decision(fresh, True, officer)


async def withdraw_pending(db: Database, telegram_id: int, at: datetime) -> Registration | None:
    """Close the account's pending request (it joined another way); return it, if any."""
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "SELECT * FROM registrations WHERE telegram_id = ? AND status = 'pending'",
            (telegram_id,),
        )
        row = await cursor.fetchone()
        if row is None:
            return None
        await conn.execute(
            "UPDATE registrations SET status = 'withdrawn', decided_at = ? WHERE id = ?",
            (to_db(at), row["id"]),
        )
        await audit.record(
            conn,
            Actor.system(),
            "registration.withdraw",
            f"registration:{row['id']}",
            at,
            reason="joined_by_invitation",
        )
        fresh = await _fetch(conn, row["id"])
        assert fresh is not None
        return fresh
