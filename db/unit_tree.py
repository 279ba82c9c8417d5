"""The whole unit hierarchy in memory, for work over many units at once (escalation, digests).

About 520 rows: loading them once per scheduler run is cheaper than a recursive
query per unit, and lets scope checks be plain dictionary walks.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import aiosqlite

from bot.core.texts import unit_label
from db.connection import Database
from db.units import REGENCY_CODE, UnitKind


@dataclass(frozen=True)
class TreeUnit:
    id: int
    code: str
    name: str
    kind: UnitKind
    parent_id: int | None

    def label(self, lang: str) -> str:
        """The escaped display name, e.g. "Desa Wanaherang"."""
        return unit_label(lang, self.kind, self.name)


class UnitTree:
    def __init__(self, units: Iterable[TreeUnit]) -> None:
        self.units = {unit.id: unit for unit in units}
        self.regency = next((u for u in self.units.values() if u.code == REGENCY_CODE), None)

    def __getitem__(self, unit_id: int) -> TreeUnit:
        return self.units[unit_id]

    def chain(self, unit_id: int) -> list[int]:
        """The unit and every unit above it, nearest first."""
        found: list[int] = []
        current: int | None = unit_id
        while current is not None and current in self.units and current not in found:
            found.append(current)
            current = self.units[current].parent_id
        return found

    def in_scope(self, root_id: int, unit_id: int) -> bool:
        return root_id in self.chain(unit_id)

    def kecamatan_of(self, unit_id: int) -> TreeUnit | None:
        """The kecamatan a unit lies in (itself for a kecamatan); None for the regency and OPDs."""
        for ancestor in self.chain(unit_id):
            if self.units[ancestor].kind == "kecamatan":
                return self.units[ancestor]
        return None

    def is_regency(self, unit_id: int) -> bool:
        return self.regency is not None and unit_id == self.regency.id


_SELECT = "SELECT id, code, name, kind, parent_id FROM units"


def _tree(rows: Iterable[aiosqlite.Row]) -> UnitTree:
    return UnitTree(
        TreeUnit(row["id"], row["code"], row["name"], row["kind"], row["parent_id"]) for row in rows
    )


async def load_tree(db: Database) -> UnitTree:
    return _tree(await db.fetchall(_SELECT))


async def load_tree_in(conn: aiosqlite.Connection) -> UnitTree:
    """The tree, read inside an open write transaction."""
    cursor = await conn.execute(_SELECT)
    return _tree(await cursor.fetchall())
