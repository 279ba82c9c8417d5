"""Who oversees a unit: the active coordinators of the unit and of the units above it."""

from __future__ import annotations

from db import officers as officers_db
from db import scope
from db.connection import Database
from db.officers import Officer, officer_from_row


async def coordinators_over(
    db: Database, unit_id: int, *, nearest_only: bool = False
) -> list[Officer]:
    """Coordinators whose scope holds the unit, nearest level first.

    ``nearest_only`` keeps the closest level that has a coordinator (e.g. the
    kecamatan humas for a desa, the central humas when the kecamatan has none).
    With nobody at any level the administrators are returned, so that nothing
    goes unseen.
    """
    rows = await db.fetchall(
        f"{scope.ABOVE} SELECT o.*, a.depth FROM officers o JOIN above a ON a.id = o.unit_id"
        " WHERE o.role = 'coordinator' AND o.status = 'active' ORDER BY a.depth, o.id",
        (unit_id,),
    )
    if not rows:
        return await officers_db.admins(db)
    if nearest_only:
        nearest = rows[0]["depth"]
        rows = [row for row in rows if row["depth"] == nearest]
    return [officer_from_row(row) for row in rows]
