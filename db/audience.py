"""Who an announcement (or a briefing) reaches: an audience choice resolved to units and people.

An :class:`Audience` is what the sender chose — everyone in my scope; by level (OPD,
kecamatan offices, desa/kelurahan); one or more kecamatan, each with its
desa/kelurahan; units with a tag; or hand-picked units. :func:`resolve` turns it
into units and their active officers, ALWAYS intersected with the sender's scope
on the server, whatever ids the client sent: a coordinator reaches only their unit
and the units below it, an administrator the whole regency.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from db import scope
from db.connection import Database
from db.officers import Officer, officer_from_row
from db.units import Unit

AudienceKind = Literal["scope", "level", "kecamatan", "tag", "units"]
Level = Literal["opd", "kecamatan", "village"]
KINDS: tuple[AudienceKind, ...] = ("scope", "level", "kecamatan", "tag", "units")
LEVELS: tuple[Level, ...] = ("opd", "kecamatan", "village")
_LEVEL_KINDS: dict[str, tuple[str, ...]] = {
    "opd": ("opd",),
    "kecamatan": ("kecamatan",),
    "village": ("desa", "kelurahan"),
}
MAX_TAG = 40


class AudienceError(ValueError):
    """An audience that cannot be right (unknown kind or level, empty choice)."""


@dataclass(frozen=True)
class Audience:
    kind: AudienceKind
    levels: tuple[Level, ...] = ()
    unit_ids: tuple[int, ...] = ()  # kecamatan ids (kind "kecamatan") or chosen units ("units")
    tag: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise AudienceError(f"unknown audience kind {self.kind!r}")
        if self.kind == "level" and (not self.levels or set(self.levels) - set(LEVELS)):
            raise AudienceError("choose at least one known level")
        if self.kind in ("kecamatan", "units") and not self.unit_ids:
            raise AudienceError("choose at least one unit")
        if self.kind == "tag" and not (self.tag and self.tag.strip()):
            raise AudienceError("a tag is needed")

    def to_json(self) -> str:
        data: dict[str, object] = {"kind": self.kind}
        if self.levels:
            data["levels"] = list(self.levels)
        if self.unit_ids:
            data["unit_ids"] = list(self.unit_ids)
        if self.tag:
            data["tag"] = self.tag
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Audience:
        data = json.loads(text)
        return cls(
            kind=data["kind"],
            levels=tuple(data.get("levels", ())),
            unit_ids=tuple(int(unit_id) for unit_id in data.get("unit_ids", ())),
            tag=data.get("tag"),
        )


@dataclass(frozen=True)
class Reach:
    """The units an audience targets (in scope) and the active people it reaches."""

    unit_ids: tuple[int, ...]
    officers: tuple[Officer, ...]

    @property
    def reached_units(self) -> int:
        """Units with at least one recipient."""
        return len({officer.unit_id for officer in self.officers})


def clean_tag(text: str) -> str:
    """Tags are stored lower-case (see ``units.set_tags``)."""
    return " ".join(text.split()).lower()[:MAX_TAG]


async def scope_unit_ids(db: Database, sender: Officer, *, own_unit: bool = True) -> set[int]:
    """The active units ``sender`` may address (their scope, see :mod:`db.scope`);
    without their own unit when ``own_unit`` is false (:func:`db.scope.below_own_condition`)."""
    condition, params = (
        scope.unit_condition(sender, "id") if own_unit else scope.below_own_condition(sender, "id")
    )
    rows = await db.fetchall(f"SELECT id FROM units WHERE active = 1 AND {condition}", params)
    return {row["id"] for row in rows}


def matching(units: list[Unit], text: str) -> list[Unit]:
    """The units whose name contains ``text`` (any case, spaces ignored)."""
    wanted = "".join(text.split()).casefold()
    return [unit for unit in units if wanted in "".join(unit.name.split()).casefold()]


async def kecamatans_in_scope(db: Database, sender: Officer) -> list[Unit]:
    scope = await scope_unit_ids(db, sender)
    rows = await db.fetchall(
        "SELECT id, code, name, kind, parent_id, active FROM units WHERE kind = 'kecamatan'"
        " AND active = 1 ORDER BY name"
    )
    return [
        Unit(
            row["id"], row["code"], row["name"], row["kind"], row["parent_id"], bool(row["active"])
        )
        for row in rows
        if row["id"] in scope
    ]


async def tags_in_scope(db: Database, sender: Officer) -> list[str]:
    scope = await scope_unit_ids(db, sender)
    rows = await db.fetchall("SELECT DISTINCT tag, unit_id FROM unit_tags ORDER BY tag")
    return sorted({row["tag"] for row in rows if row["unit_id"] in scope})


async def target_unit_ids(
    db: Database, sender: Officer, audience: Audience, *, briefing: bool = False
) -> list[int]:
    """The units ``audience`` names, intersected with the sender's scope, in code order.
    For a ``briefing``, "everyone in my scope" leaves the author's own unit out."""
    scope = await scope_unit_ids(db, sender)
    chosen: Iterable[int]
    if audience.kind == "scope":
        chosen = await scope_unit_ids(db, sender, own_unit=False) if briefing else scope
    elif audience.kind == "level":
        kinds = [kind for level in audience.levels for kind in _LEVEL_KINDS[level]]
        rows = await db.fetchall(
            f"SELECT id FROM units WHERE kind IN ({','.join('?' * len(kinds))})", kinds
        )
        chosen = [row["id"] for row in rows]
    elif audience.kind == "kecamatan":
        marks = ",".join("?" * len(audience.unit_ids))
        rows = await db.fetchall(
            f"SELECT id FROM units WHERE (id IN ({marks}) AND kind = 'kecamatan')"
            f" OR (parent_id IN ({marks}) AND kind IN ('desa', 'kelurahan')"
            f" AND parent_id IN (SELECT id FROM units WHERE kind = 'kecamatan'))",
            [*audience.unit_ids, *audience.unit_ids],
        )
        chosen = [row["id"] for row in rows]
    elif audience.kind == "tag":
        rows = await db.fetchall(
            "SELECT unit_id FROM unit_tags WHERE tag = ?", (clean_tag(audience.tag or ""),)
        )
        chosen = [row["unit_id"] for row in rows]
    else:
        chosen = audience.unit_ids
    allowed = scope.intersection(chosen)
    if not allowed:
        return []
    rows = await db.fetchall(
        f"SELECT id FROM units WHERE id IN ({','.join('?' * len(allowed))}) ORDER BY code",
        list(allowed),
    )
    return [row["id"] for row in rows]


async def resolve(
    db: Database, sender: Officer, audience: Audience, *, briefing: bool = False
) -> Reach:
    """Units and active officers ``audience`` reaches; the sender is not among them."""
    unit_ids = await target_unit_ids(db, sender, audience, briefing=briefing)
    if not unit_ids:
        return Reach((), ())
    rows = await db.fetchall(
        "SELECT o.* FROM officers o JOIN units u ON u.id = o.unit_id WHERE o.status = 'active'"
        f" AND o.id != ? AND o.unit_id IN ({','.join('?' * len(unit_ids))}) ORDER BY u.code, o.id",
        (sender.id, *unit_ids),
    )
    return Reach(tuple(unit_ids), tuple(officer_from_row(row) for row in rows))
