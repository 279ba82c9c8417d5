"""What a push's "Rincian" pages list, read again with the viewer's scope (never the button's word).

A push that would not fit on one screen is sent as a summary; its "Rincian" button
names only what to list (a briefing, or the units reminders did not reach) and a
page. The rows come from here, limited to the units the viewer may act on now
(:func:`db.scope.unit_condition`), so forged or stale buttons show nothing more.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from db import scope
from db.connection import Database
from db.officers import Officer


@dataclass(frozen=True)
class ListedUnit:
    """One unit of a details page, with the unit above it (its kecamatan, for a desa)."""

    code: str
    kind: str
    name: str
    parent_kind: str | None
    parent_name: str | None
    reason: str | None = None
    """Why nobody there was reached (the unreachable list only)."""


_UNIT_COLUMNS = (
    "u.code, u.kind, u.name, p.kind AS parent_kind, p.name AS parent_name"
    " FROM units u LEFT JOIN units p ON p.id = u.parent_id"
)


def _unit(row: sqlite3.Row, reason: str | None = None) -> ListedUnit:
    return ListedUnit(
        row["code"], row["kind"], row["name"], row["parent_kind"], row["parent_name"], reason
    )


async def briefing_title(db: Database, briefing_id: int) -> str | None:
    value = await db.fetchval("SELECT title FROM briefings WHERE id = ?", (briefing_id,))
    return None if value is None else str(value)


async def open_units(
    db: Database, viewer: Officer, briefing_id: int, *, offset: int, limit: int
) -> tuple[list[ListedUnit], int]:
    """Units in ``viewer``'s scope that have not reported on the briefing, by code; the total."""
    where, params = scope.unit_condition(viewer, "a.unit_id")
    condition = f" WHERE a.briefing_id = ? AND a.status = 'open' AND {where}"
    values = (briefing_id, *params)
    total = await db.fetchval(f"SELECT count(*) FROM assignments a{condition}", values)
    rows = await db.fetchall(
        f"SELECT {_UNIT_COLUMNS} JOIN assignments a ON a.unit_id = u.id{condition}"
        " ORDER BY u.code LIMIT ? OFFSET ?",
        (*values, limit, offset),
    )
    return [_unit(row) for row in rows], int(total or 0)


async def unreached_units(
    db: Database, viewer: Officer, *, offset: int, limit: int
) -> tuple[list[ListedUnit], int]:
    """Units in ``viewer``'s scope that reminders reach nobody in now, by code; the total."""
    where, params = scope.unit_condition(viewer, "n.unit_id")
    condition = f" WHERE {where}"
    total = await db.fetchval(f"SELECT count(*) FROM unreachable_notices n{condition}", params)
    rows = await db.fetchall(
        f"SELECT n.reason, {_UNIT_COLUMNS} JOIN unreachable_notices n ON n.unit_id = u.id"
        f"{condition} ORDER BY u.code LIMIT ? OFFSET ?",
        (*params, limit, offset),
    )
    return [_unit(row, row["reason"]) for row in rows], int(total or 0)
