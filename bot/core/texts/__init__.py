"""The text catalogue: every user-facing string, Indonesian first, English too.

Each feature keeps its strings in a module of this package as
``TEXTS = {"key": {"id": "...", "en": "..."}}``; this module merges them and
formats placeholders. Dates and times are shown in the configured zone (WIB)
and formatted by Babel for the reader's language.
"""

from __future__ import annotations

import html
from datetime import datetime, tzinfo
from typing import Any, Literal

from babel.dates import format_date as babel_format_date
from babel.dates import format_datetime as babel_format_datetime

from bot.core.texts import (
    announce,
    audience,
    briefings,
    captions,
    common,
    compose,
    delivery,
    invitations,
    issues,
    onboarding,
    people,
    personal_data,
    recap,
    recap_files,
    release,
    schedule,
    status,
    submissions,
    timeparse,
    unit_picker,
    webapp,
)
from bot.core.texts.plural import format_text

Lang = Literal["id", "en"]
LANGUAGES: tuple[Lang, ...] = ("id", "en")
DEFAULT_LANGUAGE: Lang = "id"

_MODULES = (
    common,
    onboarding,
    delivery,
    unit_picker,
    invitations,
    people,
    personal_data,
    briefings,
    compose,
    submissions,
    issues,
    timeparse,
    announce,
    audience,
    schedule,
    recap,
    recap_files,
    status,
    release,
    webapp,
    captions,
)


def _merge() -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for module in _MODULES:
        for key, versions in module.TEXTS.items():
            if key in merged:
                raise RuntimeError(f"text key {key!r} is defined twice")
            merged[key] = versions
    return merged


CATALOGUE = _merge()


def lang_of(code: str | None) -> Lang:
    """Map a Telegram language_code or a stored language to a catalogue language."""
    return "en" if code and code.lower().startswith("en") else "id"


def t(lang: str, key: str, **params: Any) -> str:
    """The text ``key`` in ``lang`` with ``params`` filled in (already-escaped values)."""
    versions = CATALOGUE[key]
    template = versions.get(lang) or versions[DEFAULT_LANGUAGE]
    return format_text(lang, template, params) if params else template


def unit_label(lang: str, kind: str, name: str) -> str:
    """How a unit is named to people, escaped: "Desa Wanaherang", "Kabupaten Bogor", an OPD's name."""
    if kind in ("kabupaten", "opd") or name.lower().startswith(kind):
        return esc(name)
    return f"{t(lang, 'kind.' + kind)} {esc(name)}"


def esc(value: object) -> str:
    """Escape what a person typed before it goes into an HTML message."""
    return html.escape(str(value), quote=False)


def fmt_datetime(moment: datetime, lang: str, zone: tzinfo) -> str:
    """E.g. ``Senin, 1 Desember 2026 pukul 07.00 WIB`` / ``Monday, 1 December 2026 at 07:00 WIB``."""
    local = moment.astimezone(zone)
    label = local.tzname() or ""
    if lang == "en":
        text = babel_format_datetime(local, "EEEE, d MMMM y 'at' HH:mm", tzinfo=zone, locale="en")
    else:
        text = babel_format_datetime(
            local, "EEEE, d MMMM y 'pukul' HH.mm", tzinfo=zone, locale="id"
        )
    return f"{text} {label}".strip()


def fmt_date(moment: datetime, lang: str, zone: tzinfo) -> str:
    """E.g. ``Senin, 1 Desember 2026``."""
    return babel_format_date(moment.astimezone(zone).date(), "EEEE, d MMMM y", locale=lang)


def fmt_short(moment: datetime, lang: str, zone: tzinfo) -> str:
    """E.g. ``1 Des 07.00 WIB`` — for lists where space is short."""
    local = moment.astimezone(zone)
    pattern = "d MMM HH:mm" if lang == "en" else "d MMM HH.mm"
    return f"{babel_format_datetime(local, pattern, tzinfo=zone, locale=lang)} {local.tzname()}"
