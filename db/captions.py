"""Suggested captions: one per briefing, with variants per geographic class of the units.

A briefing may carry a suggested caption and variants of it for the geographic classes
the unit tags name (``kota``, ``desa``, ``pinggiran``, ``3t``; tags are stored lower-case,
db/units.py). Each unit gets the variant of its class — a unit tagged with several gets
the most specific one (3T, then pinggiran, desa, kota) the briefing has a variant for —
else the default caption. ``{unit}`` and ``{kecamatan}`` in a caption are filled with the
unit's and its kecamatan's names (the regency's name for the regency and the agencies);
anything else in braces stays as typed (no format string is ever evaluated).

A draft sent for review is compared with the caption its unit was given (token-set
similarity, :func:`similarity`): the humas guidance asks for one narrative in each
account's own words, not 435 accounts posting the same text.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from bot.core.texts import unit_label
from db import scope
from db.briefings import Briefing, BriefingError, BriefingProblem
from db.connection import Database
from db.units import MAX_NAME, REGENCY_CODE

CLASSES = ("kota", "desa", "pinggiran", "3t")
"""The geographic classes a caption has variants for, in the order they are shown."""
_MOST_SPECIFIC_FIRST = ("3t", "pinggiran", "desa", "kota")
DEFAULT = ""
"""The class key of the default caption (units of no class, or of one without variant)."""
PLACEHOLDERS = ("{unit}", "{kecamatan}")
MAX_CAPTION = 700
"""Characters of one caption as typed (the preview shows the default and four variants)."""
MAX_FILLED = 2000
"""Characters of one caption with its placeholders filled with the longest names."""
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass(frozen=True)
class Place:
    """What a caption is filled with for one unit, and the unit's geographic class."""

    unit_id: int
    unit: str  # "Desa Wanaherang", plain text
    kecamatan: str  # "Kecamatan Gunungputri" (the regency for the regency and agencies)
    klass: str  # one of CLASSES, or DEFAULT


@dataclass(frozen=True)
class VariantReach:
    klass: str  # one of CLASSES, or DEFAULT
    caption: str
    units: int


def clean_caption(text: str) -> str:
    """A caption as typed, without surrounding spaces; refused when empty or too long
    (also when filling its placeholders with the longest names could make it so)."""
    text = text.strip()
    if not text:
        raise BriefingError(BriefingProblem.EMPTY)
    filled = len(text) + sum(text.count(mark) * (MAX_NAME + 12) for mark in PLACEHOLDERS)
    if len(text) > MAX_CAPTION or filled > MAX_FILLED:
        raise BriefingError(BriefingProblem.TOO_LONG, MAX_CAPTION)
    return text


def class_of(tags: Iterable[str]) -> str:
    """The geographic class of a unit with these tags (the most specific), or DEFAULT."""
    present = {tag.strip().lower() for tag in tags}
    return next((klass for klass in _MOST_SPECIFIC_FIRST if klass in present), DEFAULT)


def chosen_class(briefing: Briefing, klass: str) -> str:
    """The class whose caption a unit of ``klass`` gets: its own if the briefing has a
    variant for it, else DEFAULT."""
    return klass if klass in briefing.caption_variants else DEFAULT


def caption_for(briefing: Briefing, klass: str) -> str:
    """The caption (placeholders unfilled) a unit of ``klass`` gets; '' when none."""
    if not briefing.caption:
        return ""
    return briefing.caption_variants.get(chosen_class(briefing, klass), briefing.caption)


def fill(caption: str, place: Place) -> str:
    """The caption with ``{unit}`` and ``{kecamatan}`` filled in (plain text: the view
    escapes it)."""
    return caption.replace("{unit}", place.unit).replace("{kecamatan}", place.kecamatan)


def caption_of_place(briefing: Briefing, place: Place) -> str:
    """What one unit is given: its class's caption, filled; '' when the briefing has none."""
    return fill(caption_for(briefing, place.klass), place)


_PLACES = (
    "SELECT u.id, u.kind, u.name, k.kind AS k_kind, k.name AS k_name,"
    " (SELECT json_group_array(t.tag) FROM unit_tags t WHERE t.unit_id = u.id) AS tags"
    " FROM units u LEFT JOIN units k ON k.id = CASE"
    "  WHEN u.kind = 'kecamatan' THEN u.id"
    "  WHEN u.kind IN ('desa', 'kelurahan') THEN u.parent_id"
    "  ELSE (SELECT r.id FROM units r WHERE r.code = ?) END"
    " WHERE u.id IN (SELECT value FROM json_each(?))"
)


def _plain(kind: str, name: str) -> str:
    return html.unescape(unit_label("id", kind, name))


async def places(source: scope.Source, unit_ids: Iterable[int]) -> dict[int, Place]:
    """Every unit's names and class, in one query (a broadcast reads them once)."""
    ids = sorted(set(unit_ids))
    if not ids:
        return {}
    params = (REGENCY_CODE, json.dumps(ids))
    if isinstance(source, Database):
        rows = await source.fetchall(_PLACES, params)
    else:
        rows = list(await (await source.execute(_PLACES, params)).fetchall())
    found: dict[int, Place] = {}
    for row in rows:
        unit = _plain(row["kind"], row["name"])
        kecamatan = _plain(row["k_kind"], row["k_name"]) if row["k_name"] else unit
        klass = class_of(json.loads(row["tags"]))
        found[row["id"]] = Place(row["id"], unit, kecamatan, klass)
    return found


def reach(briefing: Briefing, unit_places: Mapping[int, Place]) -> list[VariantReach]:
    """Every caption of the briefing and how many of the units get it (the preview):
    the default first, then the variants in :data:`CLASSES` order."""
    if not briefing.caption:
        return []
    counts = Counter(chosen_class(briefing, place.klass) for place in unit_places.values())
    shown = [VariantReach(DEFAULT, briefing.caption, counts[DEFAULT])]
    shown += [
        VariantReach(klass, briefing.caption_variants[klass], counts[klass])
        for klass in CLASSES
        if klass in briefing.caption_variants
    ]
    return shown


# ---- how close a draft is to the suggested caption -----------------------------------------


def tokens(text: str) -> set[str]:
    """The words of ``text``, normalised: Unicode NFKC, case folded, punctuation and
    the marks of hashtags and mentions dropped."""
    return set(_WORD.findall(unicodedata.normalize("NFKC", text).casefold()))


def similarity(first: str, second: str) -> float:
    """Token-set (Jaccard) similarity, 0..1: shared words over all words of either."""
    a, b = tokens(first), tokens(second)
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def too_similar(value: float | None, threshold: float) -> bool:
    """Whether a draft this close to its suggested caption is a near-verbatim copy
    (``content.similarity_threshold``)."""
    return value is not None and value >= threshold


async def draft_similarity(
    source: scope.Source, briefing: Briefing | None, unit_id: int, text: str | None
) -> float | None:
    """How close a draft of ``unit_id`` is to the caption the unit was given (None when
    the briefing suggested none, or the draft has no text)."""
    if briefing is None or not briefing.caption or not text:
        return None
    place = (await places(source, [unit_id])).get(unit_id)
    if place is None:
        return None
    return round(similarity(text, caption_of_place(briefing, place)), 3)
