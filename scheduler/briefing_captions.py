"""A briefing's suggested caption as each reader gets it, and as its author previews it.

The caption is its own message right after the briefing's text, so an officer can copy
it whole. Each recipient gets the variant of their unit's geographic class with
``{unit}`` and ``{kecamatan}`` filled in (db/captions.py): the broadcast carries one
variant per language and distinct filled caption, and the delivery engine is told
which one each officer gets (``variant_of``). The units' names and classes are read in
one query for the whole broadcast. The author's preview shows every variant with how
many of the target units get it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo

from bot.core.texts import LANGUAGES, esc, t
from db import captions as captions_db
from db.briefings import Attachment, Briefing
from db.captions import Place, VariantReach
from db.officers import Officer
from scheduler.briefing_view import briefing_parts
from scheduler.content import Content

Personal = tuple[dict[str, list[Content]], dict[int, str]]
"""The variants of a broadcast, and the variant each officer (by id) gets."""


def caption_content(lang: str, caption: str) -> Content:
    """The suggested caption one unit gets (already filled), escaped."""
    return Content(t(lang, "caption.view", caption=esc(caption)))


def preview_content(lang: str, shown: Sequence[VariantReach]) -> Content:
    """Every caption of the briefing, each with how many target units get it."""
    blocks = [
        t(
            lang,
            "caption.preview.variant",
            name=t(lang, f"caption.class.{item.klass or 'default'}"),
            units=item.units,
            caption=esc(item.caption),
        )
        for item in shown
    ]
    return Content("\n\n".join([t(lang, "caption.preview"), *blocks]))


def _language(officer: Officer) -> str:
    return officer.language if officer.language in LANGUAGES else LANGUAGES[0]


def personal_variants(
    briefing: Briefing,
    program: str | None,
    attachments: list[Attachment],
    zone: tzinfo,
    officers: Sequence[Officer],
    places: dict[int, Place],
) -> Personal:
    """The broadcast of a briefing with a caption: one variant per language and filled
    caption (units with the same filled caption share it)."""
    variants: dict[str, list[Content]] = {}
    keys: dict[tuple[str, str], str] = {}
    variant_of: dict[int, str] = {}
    for officer in officers:
        place = places.get(officer.unit_id)
        if place is None:
            continue
        lang = _language(officer)
        caption = captions_db.caption_of_place(briefing, place)
        found = (lang, caption)
        if found not in keys:
            key = keys[found] = f"{lang}~{len(keys)}"
            variants[key] = briefing_parts(
                briefing,
                program,
                attachments,
                lang,
                zone,
                caption=caption_content(lang, caption),
            )
        variant_of[officer.id] = keys[found]
    return variants, variant_of


def reader_caption(lang: str, briefing: Briefing, place: Place | None) -> Content | None:
    """The caption part one reader of ``place`` gets (None: the briefing has none)."""
    if place is None or not briefing.caption:
        return None
    return caption_content(lang, captions_db.caption_of_place(briefing, place))
