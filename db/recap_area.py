"""The units a recap covers: the viewer's scope (db/scope.py), or one unit in it, with
the row of the recap each unit falls in; deactivated units are left out (with what
lies below them). See :mod:`db.recap` for the counting rules."""

from __future__ import annotations

import json
from dataclasses import dataclass

import aiosqlite

from db import scope
from db.connection import Database
from db.officers import Officer
from db.units import REGENCY_CODE, UnitKind


@dataclass(frozen=True)
class UnitRef:
    """A unit as a recap names it, with the kecamatan it lies in (itself for a
    kecamatan; ``None`` for the regency and agencies)."""

    id: int
    code: str
    name: str
    kind: UnitKind
    parent_id: int | None
    kecamatan_id: int | None
    kecamatan_name: str | None


@dataclass(frozen=True)
class Area:
    """The units of one scope root: every active unit at or below it, in code order."""

    root: UnitRef
    units: dict[int, UnitRef]
    group_of: dict[int, int]
    """unit id -> the id of its row in the recap (the root's child it lies under)."""

    def group_ref(self, unit_id: int) -> UnitRef:
        group = self.group_of[unit_id]
        return self.units[group] if group in self.units else self.root

    @property
    def ids_json(self) -> str:
        return json.dumps(sorted(self.units))


_UNITS = "SELECT id, code, name, kind, parent_id, active FROM units"


async def regency_area(db: Database) -> Area:
    """The whole regency, whoever asks (for figures that name no unit: an average, a rank)."""
    rows = await db.fetchall(_UNITS)
    by_id = {row["id"]: row for row in rows}
    regency = next((row for row in rows if row["code"] == REGENCY_CODE), None)
    if regency is None:
        raise scope.OutOfScope
    return _area(by_id, regency["id"])


async def unit_area(db: Database, unit_id: int) -> Area:
    """The unit ``unit_id`` and what lies below it, whoever asks (the shell's
    ``humas-bot report --unit``, run by the operator); :class:`scope.OutOfScope` for an
    unknown or deactivated unit."""
    rows = await db.fetchall(_UNITS)
    by_id = {row["id"]: row for row in rows}
    if unit_id not in by_id or not by_id[unit_id]["active"]:
        raise scope.OutOfScope
    return _area(by_id, unit_id)


async def area_of(db: Database, viewer: Officer, area_id: int | None = None) -> Area:
    """The viewer's scope, or the unit ``area_id`` in it; :class:`scope.OutOfScope` otherwise."""
    if not viewer.is_active:
        raise scope.OutOfScope
    rows = await db.fetchall(_UNITS)
    by_id = {row["id"]: row for row in rows}
    if area_id is None:
        if viewer.role == "admin":
            regency = next((row for row in rows if row["code"] == REGENCY_CODE), None)
            if regency is None:
                raise scope.OutOfScope
            area_id = int(regency["id"])
        else:
            area_id = viewer.unit_id
    elif not await scope.may_act_on(db, viewer, area_id):
        raise scope.OutOfScope
    if area_id not in by_id:
        raise scope.OutOfScope
    return _area(by_id, area_id)


def _kecamatan(by_id: dict[int, aiosqlite.Row], unit_id: int) -> aiosqlite.Row | None:
    current: int | None = unit_id
    seen: set[int] = set()
    while current is not None and current in by_id and current not in seen:
        seen.add(current)
        if by_id[current]["kind"] == "kecamatan":
            return by_id[current]
        current = by_id[current]["parent_id"]
    return None


def _ref(by_id: dict[int, aiosqlite.Row], row: aiosqlite.Row) -> UnitRef:
    kecamatan = _kecamatan(by_id, row["id"])
    return UnitRef(
        id=row["id"],
        code=row["code"],
        name=row["name"],
        kind=row["kind"],
        parent_id=row["parent_id"],
        kecamatan_id=kecamatan["id"] if kecamatan else None,
        kecamatan_name=kecamatan["name"] if kecamatan else None,
    )


def _area(by_id: dict[int, aiosqlite.Row], root_id: int) -> Area:
    children: dict[int, list[int]] = {}
    for row in by_id.values():
        if row["parent_id"] is not None:
            children.setdefault(row["parent_id"], []).append(row["id"])
    units: dict[int, UnitRef] = {}
    group_of: dict[int, int] = {}
    # Walk down from the root; a deactivated unit is left out, and so is what lies below it.
    stack = [(root_id, root_id)]
    while stack:
        unit_id, group = stack.pop()
        row = by_id[unit_id]
        if not row["active"] or unit_id in units:
            continue
        units[unit_id] = _ref(by_id, row)
        group_of[unit_id] = group
        for child in children.get(unit_id, []):
            stack.append((child, child if unit_id == root_id else group))
    root = units.get(root_id) or _ref(by_id, by_id[root_id])
    ordered = dict(sorted(units.items(), key=lambda item: item[1].code))
    return Area(root=root, units=ordered, group_of=group_of)


async def units_with_officers(db: Database) -> set[int]:
    """Units that have at least one active account (any role)."""
    rows = await db.fetchall("SELECT DISTINCT unit_id FROM officers WHERE status = 'active'")
    return {row["unit_id"] for row in rows}
