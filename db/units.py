"""Units: the regency, its kecamatan and desa/kelurahan (Kemendagri areas) and agencies (OPD)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from importlib import resources
from typing import Literal

import aiosqlite

from db import audit
from db.audit import Actor
from db.connection import Database
from db.timefmt import to_db

UnitKind = Literal["kabupaten", "kecamatan", "desa", "kelurahan", "opd"]
AREA_KINDS: tuple[UnitKind, ...] = ("kabupaten", "kecamatan", "desa", "kelurahan")
REGENCY_CODE = "32.01"
OPD_PREFIX = "OPD."
MAX_NAME = 120


class UnitError(ValueError):
    """A unit request a person got wrong (unknown code, empty name, bad CSV)."""


@dataclass(frozen=True)
class Unit:
    id: int
    code: str
    name: str
    kind: UnitKind
    parent_id: int | None
    active: bool

    @property
    def is_village(self) -> bool:
        return self.kind in ("desa", "kelurahan")


@dataclass(frozen=True)
class AreaRow:
    code: str
    kind: UnitKind
    name: str
    parent_code: str | None


_COLUMNS = "id, code, name, kind, parent_id, active"


def _unit(row: aiosqlite.Row) -> Unit:
    return Unit(
        id=row["id"],
        code=row["code"],
        name=row["name"],
        kind=row["kind"],
        parent_id=row["parent_id"],
        active=bool(row["active"]),
    )


def bundled_areas() -> list[AreaRow]:
    """The Kabupaten Bogor area list shipped in ``bot/data`` (ODbL, see its README)."""
    text = (resources.files("bot") / "data" / "kabupaten_bogor_wilayah.csv").read_text("utf-8")
    return [
        AreaRow(row["code"], _area_kind(row["kind"]), row["name"], row["parent_code"] or None)
        for row in csv.DictReader(io.StringIO(text))
    ]


def _area_kind(text: str) -> UnitKind:
    for kind in AREA_KINDS:
        if kind == text:
            return kind
    raise ValueError(f"not an area kind: {text!r}")


async def import_areas(db: Database, rows: Iterable[AreaRow], at: datetime, actor: Actor) -> int:
    """Insert the areas that are missing (parents first); return how many were added.

    Running it again adds nothing and changes nothing: existing codes are kept as they are.
    """
    order = {kind: rank for rank, kind in enumerate(AREA_KINDS)}
    rows = sorted(rows, key=lambda row: order.get(row.kind, len(order)))
    added = 0
    async with db.transaction() as conn:
        cursor = await conn.execute("SELECT id, code FROM units")
        ids = {row["code"]: row["id"] for row in await cursor.fetchall()}
        for row in rows:
            if row.code in ids:
                continue
            parent_id = ids.get(row.parent_code) if row.parent_code else None
            if row.parent_code and parent_id is None:
                raise UnitError(f"{row.code}: parent {row.parent_code} is unknown")
            cursor = await conn.execute(
                "INSERT INTO units (code, name, kind, parent_id, created_at) VALUES (?, ?, ?, ?, ?)",
                (row.code, row.name, row.kind, parent_id, to_db(at)),
            )
            ids[row.code] = cursor.lastrowid
            added += 1
        if added:
            await audit.record(conn, actor, "units.import_areas", None, at, added=added)
    return added


async def _next_opd_code(conn: aiosqlite.Connection) -> str:
    cursor = await conn.execute(
        "SELECT code FROM units WHERE kind = 'opd' AND code LIKE ? ORDER BY code DESC LIMIT 1",
        (OPD_PREFIX + "%",),
    )
    row = await cursor.fetchone()
    number = int(row["code"].removeprefix(OPD_PREFIX)) + 1 if row else 1
    return f"{OPD_PREFIX}{number:03d}"


def clean_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise UnitError("the name is empty")
    if len(name) > MAX_NAME:
        raise UnitError(f"the name is longer than {MAX_NAME} characters")
    return name


async def add_opds(
    db: Database, names: Iterable[str], at: datetime, actor: Actor
) -> tuple[list[Unit], list[str]]:
    """Add agencies under the regency. Returns (added, names skipped because they exist)."""
    cleaned = [clean_name(name) for name in names]
    added: list[Unit] = []
    skipped: list[str] = []
    async with db.transaction() as conn:
        regency = await (
            await conn.execute("SELECT id FROM units WHERE code = ?", (REGENCY_CODE,))
        ).fetchone()
        if regency is None:
            raise UnitError("the area directory is empty: run `humas-bot init` first")
        for name in cleaned:
            existing = await (
                await conn.execute(
                    "SELECT 1 FROM units WHERE kind = 'opd' AND lower(name) = lower(?)", (name,)
                )
            ).fetchone()
            if existing:
                skipped.append(name)
                continue
            code = await _next_opd_code(conn)
            cursor = await conn.execute(
                "INSERT INTO units (code, name, kind, parent_id, created_at)"
                " VALUES (?, ?, 'opd', ?, ?)",
                (code, name, regency["id"], to_db(at)),
            )
            unit = Unit(cursor.lastrowid or 0, code, name, "opd", regency["id"], True)
            added.append(unit)
            await audit.record(conn, actor, "units.add_opd", code, at, name=name)
    return added, skipped


def read_opd_csv(text: str) -> list[str]:
    """Names from a CSV with a ``name`` column (or a single column without header)."""
    rows = list(csv.reader(io.StringIO(text)))
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        raise UnitError("the CSV file is empty")
    header = [cell.strip().lower() for cell in rows[0]]
    if "name" in header or "nama" in header:
        column = header.index("name") if "name" in header else header.index("nama")
        rows = rows[1:]
    elif len(header) == 1:
        column = 0
    else:
        raise UnitError('the CSV needs a "name" (or "nama") column')
    return [row[column] for row in rows if len(row) > column and row[column].strip()]


async def by_code(db: Database, code: str) -> Unit | None:
    row = await db.fetchone(f"SELECT {_COLUMNS} FROM units WHERE code = ?", (code.strip(),))
    return _unit(row) if row else None


async def by_id(db: Database, unit_id: int) -> Unit | None:
    row = await db.fetchone(f"SELECT {_COLUMNS} FROM units WHERE id = ?", (unit_id,))
    return _unit(row) if row else None


async def children(db: Database, parent_id: int, kinds: Iterable[str] | None = None) -> list[Unit]:
    kinds = tuple(kinds or AREA_KINDS + ("opd",))
    marks = ",".join("?" * len(kinds))
    rows = await db.fetchall(
        f"SELECT {_COLUMNS} FROM units WHERE parent_id = ? AND kind IN ({marks}) AND active = 1"
        " ORDER BY kind, name",
        (parent_id, *kinds),
    )
    return [_unit(row) for row in rows]


async def list_units(db: Database, kecamatan_code: str | None = None) -> list[Unit]:
    """All units in directory order, or one kecamatan with its desa/kelurahan."""
    if kecamatan_code:
        kecamatan = await by_code(db, kecamatan_code)
        if kecamatan is None or kecamatan.kind != "kecamatan":
            raise UnitError(f"{kecamatan_code} is not a kecamatan code")
        rows = await db.fetchall(
            f"SELECT {_COLUMNS} FROM units WHERE id = ? OR parent_id = ? ORDER BY code",
            (kecamatan.id, kecamatan.id),
        )
    else:
        rows = await db.fetchall(f"SELECT {_COLUMNS} FROM units ORDER BY kind = 'opd', code")
    return [_unit(row) for row in rows]


async def kecamatan_of(db: Database, unit: Unit) -> Unit | None:
    """The kecamatan a unit belongs to (itself for a kecamatan; None for regency and OPD)."""
    if unit.kind == "kecamatan":
        return unit
    if unit.is_village and unit.parent_id is not None:
        return await by_id(db, unit.parent_id)
    return None


async def set_tags(
    db: Database, unit_id: int, tags: Iterable[str], at: datetime, actor: Actor
) -> None:
    clean = sorted({tag.strip().lower() for tag in tags if tag.strip()})
    async with db.transaction() as conn:
        await conn.execute("DELETE FROM unit_tags WHERE unit_id = ?", (unit_id,))
        await conn.executemany(
            "INSERT INTO unit_tags (unit_id, tag) VALUES (?, ?)", [(unit_id, tag) for tag in clean]
        )
        await audit.record(conn, actor, "units.set_tags", str(unit_id), at, tags=clean)


async def tags_of(db: Database, unit_id: int) -> list[str]:
    rows = await db.fetchall("SELECT tag FROM unit_tags WHERE unit_id = ? ORDER BY tag", (unit_id,))
    return [row["tag"] for row in rows]


async def counts_by_kind(db: Database) -> dict[str, int]:
    rows = await db.fetchall("SELECT kind, count(*) AS n FROM units GROUP BY kind")
    return {row["kind"]: row["n"] for row in rows}
