"""People management: who serves where, with which role, and whether they may use the bot.

Every change re-reads the person acting and the person acted upon inside the
write transaction, so the rules below are decided against the database and
never against what a button said:

- the actor is an active coordinator or administrator, and the person lies in
  the actor's scope (administrators: everywhere; coordinators: their unit and below);
- nobody manages their own account here (another administrator does that);
- coordinators manage officers only, not other coordinators or administrators,
  and move them only to units inside their scope; only administrators change roles.

Together these keep an active administrator in place: only an administrator can
demote or deactivate one, and never themselves, so the one acting remains.

Every change is written to the audit log in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

import aiosqlite

from db import audit, scope
from db.audit import Actor
from db.connection import Database
from db.officers import ROLE_RANK, Language, Officer, Role, fetch_in, officer_from_row
from db.timefmt import to_db


class PeopleProblem(StrEnum):
    NOT_FOUND = "not_found"
    NOT_ALLOWED = "not_allowed"
    SCOPE = "scope"
    RANK = "rank"
    SELF = "self"
    ADMIN_ONLY = "admin_only"
    UNIT = "unit"
    UNCHANGED = "unchanged"
    ERASED = "erased"


class PeopleError(Exception):
    def __init__(self, problem: PeopleProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


@dataclass(frozen=True)
class Person:
    """An officer with the name and kind of their unit, for lists."""

    officer: Officer
    unit_name: str
    unit_kind: str


@dataclass(frozen=True)
class Change:
    """The person after a change, and what they were before it."""

    officer: Officer
    before: Officer


_CENTRAL_KINDS = ("kabupaten", "opd")


async def list_people(
    db: Database, root_id: int, *, central_only: bool = False, offset: int = 0, limit: int = 10
) -> tuple[list[Person], int]:
    """Officers of ``root_id`` and every unit below it, by unit code then name; and the total.

    ``central_only`` keeps the regency itself and its agencies (OPD), leaving out the areas.
    """
    where = f" WHERE {scope.below_condition('o.unit_id')}"
    if central_only:
        where += f" AND u.kind IN ({', '.join('?' * len(_CENTRAL_KINDS))})"
    params: tuple[object, ...] = (root_id, *(_CENTRAL_KINDS if central_only else ()))
    joins = " FROM officers o JOIN units u ON u.id = o.unit_id"
    total = await db.fetchval(f"SELECT count(*){joins}{where}", params)
    rows = await db.fetchall(
        f"SELECT o.*, u.name AS unit_name, u.kind AS unit_kind{joins}{where}"
        " ORDER BY u.code, o.full_name, o.id LIMIT ? OFFSET ?",
        (*params, limit, offset),
    )
    people = [Person(officer_from_row(row), row["unit_name"], row["unit_kind"]) for row in rows]
    return people, int(total or 0)


def _rank_problem(actor: Officer, target: Officer) -> PeopleProblem | None:
    if actor.id == target.id:
        return PeopleProblem.SELF
    if actor.role != "admin" and ROLE_RANK[target.role] >= ROLE_RANK[actor.role]:
        return PeopleProblem.RANK
    return None


async def manage_problem(
    conn_or_db: aiosqlite.Connection | Database, actor: Officer | None, target: Officer
) -> PeopleProblem | None:
    """Why ``actor`` may not manage ``target`` (None: they may). Read-only."""
    if actor is None or not actor.is_active or ROLE_RANK[actor.role] < ROLE_RANK["coordinator"]:
        return PeopleProblem.NOT_ALLOWED
    if target.is_erased:
        return PeopleProblem.ERASED
    if not await scope.may_act_on(conn_or_db, actor, target.unit_id):
        return PeopleProblem.SCOPE
    return _rank_problem(actor, target)


async def _load(
    conn: aiosqlite.Connection, actor_telegram_id: int, target_id: int
) -> tuple[Officer, Officer]:
    actor = await fetch_in(conn, actor_telegram_id)
    cursor = await conn.execute("SELECT * FROM officers WHERE id = ?", (target_id,))
    row = await cursor.fetchone()
    if row is None:
        raise PeopleError(PeopleProblem.NOT_FOUND)
    target = officer_from_row(row)
    problem = await manage_problem(conn, actor, target)
    if problem is not None:
        raise PeopleError(problem)
    assert actor is not None
    return actor, target


async def _reload(conn: aiosqlite.Connection, officer_id: int) -> Officer:
    cursor = await conn.execute("SELECT * FROM officers WHERE id = ?", (officer_id,))
    row = await cursor.fetchone()
    assert row is not None
    return officer_from_row(row)


def _actor(officer: Officer) -> Actor:
    return Actor.officer(officer.id, officer.telegram_id)


async def change_role(
    db: Database, actor_telegram_id: int, target_id: int, role: Role, at: datetime
) -> Change:
    """An administrator gives ``target_id`` another role."""
    async with db.transaction() as conn:
        actor, target = await _load(conn, actor_telegram_id, target_id)
        if actor.role != "admin":
            raise PeopleError(PeopleProblem.ADMIN_ONLY)
        if target.role == role:
            raise PeopleError(PeopleProblem.UNCHANGED)
        await conn.execute(
            "UPDATE officers SET role = ?, updated_at = ? WHERE id = ?",
            (role, to_db(at), target.id),
        )
        await audit.record(
            conn,
            _actor(actor),
            "officer.change_role",
            f"officer:{target.id}",
            at,
            old=target.role,
            new=role,
        )
        return Change(await _reload(conn, target.id), target)


async def move_unit(
    db: Database, actor_telegram_id: int, target_id: int, unit_id: int, at: datetime
) -> Change:
    """Bind ``target_id`` to another unit, inside the actor's scope."""
    async with db.transaction() as conn:
        actor, target = await _load(conn, actor_telegram_id, target_id)
        cursor = await conn.execute("SELECT active FROM units WHERE id = ?", (unit_id,))
        unit = await cursor.fetchone()
        if unit is None or not unit["active"]:
            raise PeopleError(PeopleProblem.UNIT)
        if not await scope.may_act_on(conn, actor, unit_id):
            raise PeopleError(PeopleProblem.SCOPE)
        if target.unit_id == unit_id:
            raise PeopleError(PeopleProblem.UNCHANGED)
        await conn.execute(
            "UPDATE officers SET unit_id = ?, updated_at = ? WHERE id = ?",
            (unit_id, to_db(at), target.id),
        )
        await audit.record(
            conn,
            _actor(actor),
            "officer.move",
            f"officer:{target.id}",
            at,
            old_unit_id=target.unit_id,
            new_unit_id=unit_id,
        )
        return Change(await _reload(conn, target.id), target)


async def set_active(
    db: Database, actor_telegram_id: int, target_id: int, active: bool, at: datetime
) -> Change:
    """Deactivate (``active=False``) or reactivate an account."""
    status = "active" if active else "inactive"
    async with db.transaction() as conn:
        actor, target = await _load(conn, actor_telegram_id, target_id)
        if target.status == status:
            raise PeopleError(PeopleProblem.UNCHANGED)
        await conn.execute(
            "UPDATE officers SET status = ?, updated_at = ? WHERE id = ?",
            (status, to_db(at), target.id),
        )
        action = "officer.reactivate" if active else "officer.deactivate"
        await audit.record(conn, _actor(actor), action, f"officer:{target.id}", at)
        return Change(await _reload(conn, target.id), target)


async def set_language(db: Database, telegram_id: int, language: Language, at: datetime) -> Officer:
    """The person chooses the language of every later text (self-service, audited)."""
    async with db.transaction() as conn:
        officer = await fetch_in(conn, telegram_id)
        if officer is None:
            raise PeopleError(PeopleProblem.NOT_FOUND)
        if officer.language != language:
            await conn.execute(
                "UPDATE officers SET language = ?, updated_at = ? WHERE id = ?",
                (language, to_db(at), officer.id),
            )
            await audit.record(
                conn,
                _actor(officer),
                "officer.set_language",
                f"officer:{officer.id}",
                at,
                old=officer.language,
                new=language,
            )
        return await _reload(conn, officer.id)


# ---- erasure (UU PDP 27/2022) -----------------------------------------------------------

ERASED_NAME = "(dihapus)"
ERASED_LABEL = "erased"
"""The audit log's actor label for entries once labelled with an erased Telegram id."""


@dataclass(frozen=True)
class Erasure:
    """What erasing a person removed: ids and counts only."""

    officer_id: int | None  # None: the account had applied, never joined
    chat_id: int | None  # the private chat the person had (its command menu is cleared)
    registrations: int
    deliveries: int


async def erase(db: Database, actor_telegram_id: int, target_id: int, at: datetime) -> Erasure:
    """An administrator erases a person: see :func:`_erase_in` for what is kept."""
    async with db.transaction() as conn:
        actor, target = await _load(conn, actor_telegram_id, target_id)
        if actor.role != "admin":
            raise PeopleError(PeopleProblem.ADMIN_ONLY)
        return await _erase_in(conn, target, target.telegram_id, _actor(actor), at)


async def erase_account(db: Database, telegram_id: int, at: datetime) -> Erasure:
    """The shell erases whatever the bot holds about a Telegram account (an officer,
    an applicant, or both); NOT_FOUND when it holds nothing."""
    async with db.transaction() as conn:
        target = await fetch_in(conn, telegram_id)
        erasure = await _erase_in(conn, target, telegram_id, Actor.cli(), at)
        if erasure.officer_id is None and not erasure.registrations:
            raise PeopleError(PeopleProblem.NOT_FOUND)
        return erasure


async def _erase_in(
    conn: aiosqlite.Connection, target: Officer | None, telegram_id: int, actor: Actor, at: datetime
) -> Erasure:
    """Remove what identifies the person; keep what belongs to their unit.

    The account's row stays (reports, decisions and the audit log point at it by id)
    with the name "(dihapus)", no position or chat, and a tombstone Telegram id (the
    negative of its id: the column is NOT NULL UNIQUE and Telegram ids are positive);
    it is inactive and can be neither managed nor reactivated. Applications, leave,
    pending deliveries to the person and the records of their chat go; their unit's
    reports and press releases stay, attributed to "(dihapus)" (a release loses the contact
    line they typed). The audit log keeps ids only: entries
    labelled with the Telegram id are relabelled, and the erasure is logged with ids.
    """
    if target is not None and target.is_erased:
        raise PeopleError(PeopleProblem.ERASED)
    officer_id = target.id if target is not None else None
    cursor = await conn.execute(
        "SELECT id FROM registrations WHERE telegram_id = ? OR officer_id = ? ORDER BY id",
        (telegram_id, officer_id),
    )
    registration_ids = [row["id"] for row in await cursor.fetchall()]
    marks = ", ".join("?" * len(registration_ids))
    if registration_ids:
        await conn.execute(
            f"DELETE FROM registration_notices WHERE registration_id IN ({marks})",
            registration_ids,
        )
        await conn.execute(f"DELETE FROM registrations WHERE id IN ({marks})", registration_ids)
    for table in ("invitation_failures", "invitation_lockouts"):
        await conn.execute(f"DELETE FROM {table} WHERE telegram_id = ?", (telegram_id,))
    await conn.execute(
        "UPDATE audit_log SET actor_label = ? WHERE actor_label = ?",
        (ERASED_LABEL, f"tg:{telegram_id}"),
    )
    deliveries = 0
    if target is not None:
        cursor = await conn.execute(
            "DELETE FROM deliveries WHERE officer_id = ? AND status = 'pending'", (target.id,)
        )
        deliveries = cursor.rowcount
        await conn.execute("UPDATE deliveries SET chat_id = 0 WHERE officer_id = ?", (target.id,))
        for table, column in (
            ("registration_notices", "officer_id"),
            ("officer_leave", "officer_id"),
            ("review_alerts", "coordinator_id"),
        ):
            await conn.execute(f"DELETE FROM {table} WHERE {column} = ?", (target.id,))
        # Their press releases stay with the unit; the contact line they typed goes.
        await conn.execute("UPDATE releases SET contact = '' WHERE author_id = ?", (target.id,))
        await conn.execute(
            "UPDATE officers SET telegram_id = -id, chat_id = NULL, full_name = ?, position = NULL,"
            " status = 'inactive', reachable = 0, menu_signature = NULL, updated_at = ?"
            " WHERE id = ?",
            (ERASED_NAME, to_db(at), target.id),
        )
    await audit.record(
        conn,
        actor,
        "person.erase",
        f"officer:{officer_id}" if officer_id is not None else None,
        at,
        registration_ids=registration_ids,
        deliveries_dropped=deliveries,
    )
    return Erasure(
        officer_id, target.chat_id if target else None, len(registration_ids), deliveries
    )
