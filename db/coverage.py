"""Coverage: the units of a person's scope that have no active officer yet (for /petugas)."""

from __future__ import annotations

from db import scope
from db.connection import Database
from db.officers import Officer
from db.units import Unit

_NOBODY = "NOT EXISTS (SELECT 1 FROM officers o WHERE o.unit_id = u.id AND o.status = 'active')"


async def uncovered(
    db: Database, viewer: Officer, *, offset: int, limit: int
) -> tuple[list[Unit], int]:
    """Active units in ``viewer``'s scope (the regency itself aside) without an active
    officer, by code; and how many there are in all."""
    where, params = scope.unit_condition(viewer, "u.id")
    condition = f" WHERE u.active = 1 AND u.kind != 'kabupaten' AND {where} AND {_NOBODY}"
    total = await db.fetchval(f"SELECT count(*) FROM units u{condition}", params)
    rows = await db.fetchall(
        "SELECT u.id, u.code, u.name, u.kind, u.parent_id, u.active FROM units u"
        f"{condition} ORDER BY u.code LIMIT ? OFFSET ?",
        (*params, limit, offset),
    )
    units = [
        Unit(
            row["id"], row["code"], row["name"], row["kind"], row["parent_id"], bool(row["active"])
        )
        for row in rows
    ]
    return units, int(total or 0)
