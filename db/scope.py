"""Who may act on which unit: the one rule the guard, the handlers and the queries use.

- administrators act on every unit;
- a coordinator acts on their own unit and every unit below it: a coordinator of
  the regency (the kabupaten unit) on every unit, a kecamatan's on the kecamatan and
  its desa/kelurahan, an agency's on the agency;
- an officer acts on their own unit only;
- an inactive or pending account acts on nothing.

:func:`may_act_on` answers for one unit; :func:`unit_condition` is the same rule as
SQL for listing queries; :func:`below_own_condition` is the scope without the person's
own unit (a briefing's "everyone in my scope"); :func:`sees_everything` is "an
administrator or a regency coordinator"; :func:`refusal` says whether a person's role
and status let them in at all. A decision recorded after the person typed something (a note, a
reason, a new deadline) calls :func:`recheck` inside its transaction: the person is
read again there, so a role, status or unit changed in the meantime counts.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

import aiosqlite

from db.connection import Database
from db.officers import ROLE_RANK, Officer, Role, officer_from_row

Source = Database | aiosqlite.Connection
"""Where to read: the database (reader connection) or an open write transaction."""

REGENCY_KIND = "kabupaten"
_BELOW = (
    "WITH RECURSIVE below(id) AS (SELECT ? UNION SELECT u.id FROM units u"
    " JOIN below ON u.parent_id = below.id) SELECT id FROM below"
)
ABOVE = (
    "WITH RECURSIVE above(id, parent_id, depth) AS ("
    " SELECT id, parent_id, 0 FROM units WHERE id = ?"
    " UNION SELECT u.id, u.parent_id, a.depth + 1 FROM units u JOIN above a ON u.id = a.parent_id)"
)
"""The same rule seen from a unit (its ``?``): the table ``above`` holds the unit and every
unit over it, ``depth`` 0 for the unit itself; the coordinators of those units (and the
administrators) are the people who may act on it."""


class OutOfScope(Exception):
    """The person may not (or no longer) act there: nothing was recorded."""


async def fetchone(source: Source, sql: str, params: Sequence[Any] = ()) -> sqlite3.Row | None:
    """One row from ``source``, whichever kind it is."""
    if isinstance(source, Database):
        return await source.fetchone(sql, params)
    cursor = await source.execute(sql, params)
    return await cursor.fetchone()


async def unit_within(source: Source, root_id: int, unit_id: int) -> bool:
    """True when ``unit_id`` is ``root_id`` or lies below it."""
    row = await fetchone(source, f"{ABOVE} SELECT 1 FROM above WHERE id = ?", (unit_id, root_id))
    return row is not None


async def may_act_on(source: Source, officer: Officer | None, unit_id: int) -> bool:
    """May ``officer`` act on ``unit_id``? (See the module's rules.)"""
    if officer is None or not officer.is_active:
        return False
    if officer.role == "admin":
        return True
    if officer.role == "coordinator":
        return await unit_within(source, officer.unit_id, unit_id)
    return officer.unit_id == unit_id


async def is_regency_coordinator(source: Source, officer: Officer) -> bool:
    if not officer.is_active or officer.role != "coordinator":
        return False
    row = await fetchone(source, "SELECT kind FROM units WHERE id = ?", (officer.unit_id,))
    return row is not None and row["kind"] == REGENCY_KIND


async def sees_everything(source: Source, officer: Officer | None) -> bool:
    """An active administrator or a coordinator of the regency itself."""
    if officer is None or not officer.is_active:
        return False
    return officer.role == "admin" or await is_regency_coordinator(source, officer)


def below_condition(column: str) -> str:
    """SQL true when ``column`` is the unit bound to its one ``?`` or lies below it."""
    return f"{column} IN ({_BELOW})"


def unit_condition(officer: Officer, column: str) -> tuple[str, list[Any]]:
    """SQL (and its ``?`` parameters) true for the rows whose ``column`` is a unit in scope."""
    if not officer.is_active:
        return "0", []
    if officer.role == "admin":
        return "1", []
    if officer.role == "coordinator":
        return below_condition(column), [officer.unit_id]
    return f"{column} = ?", [officer.unit_id]


def below_own_condition(officer: Officer, column: str) -> tuple[str, list[Any]]:
    """SQL (and its parameters) for the units in scope other than the person's own: what
    "everyone in my scope" means as a briefing's targets. The author's own unit is left
    out, so that nobody there (the author first) is asked to report on the briefing."""
    condition, params = unit_condition(officer, column)
    return f"({condition}) AND {column} != ?", [*params, officer.unit_id]


def refusal(
    officer: Officer | None, min_role: Role | None, allow_inactive: bool = False
) -> str | None:
    """Why ``officer`` may not use something open to ``min_role`` and up (a text key:
    ``denied.not_registered``, ``denied.pending``, ``denied.inactive``, ``denied.role``),
    or None. The guard (chat) and the Mini App (bot/webapp/) both decide with this."""
    if min_role is None:
        return None
    if officer is None:
        return "denied.not_registered"
    if officer.status == "pending":
        return "denied.pending"
    if officer.status == "inactive" and not allow_inactive:
        return "denied.inactive"
    if ROLE_RANK[officer.role] < ROLE_RANK[min_role]:
        return "denied.role"
    return None


async def current(source: Source, officer_id: int) -> Officer | None:
    """The person as the database holds them now."""
    row = await fetchone(source, "SELECT * FROM officers WHERE id = ?", (officer_id,))
    return officer_from_row(row) if row else None


async def recheck(
    source: Source, officer: Officer, unit_id: int | None, min_role: Role = "coordinator"
) -> Officer:
    """The person read again, still active, of at least ``min_role`` and (when ``unit_id``
    is given) acting on that unit; :class:`OutOfScope` otherwise."""
    now = await current(source, officer.id)
    if now is None or not now.is_active or ROLE_RANK[now.role] < ROLE_RANK[min_role]:
        raise OutOfScope
    if unit_id is not None and not await may_act_on(source, now, unit_id):
        raise OutOfScope
    return now
