"""Plural forms in catalogue texts, by Babel's plural rules for the reader's language.

A number placeholder may name its forms after a colon, ``one`` first and ``other``
last: ``"{count} {count:unit|units}"`` reads "1 unit", "5 units" in English. Indonesian
has one form (``other``), so its texts simply write the noun once.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from functools import cache
from typing import Any

from babel import Locale


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(lang)


def form(lang: str, number: object, forms: str) -> str:
    """The form of ``forms`` ("one|other") that ``number`` takes in ``lang``."""
    choices = forms.split("|")
    try:
        count = int(str(number).replace(".", "").replace(",", ""))
    except ValueError:
        return choices[-1]
    return choices[0] if _locale(lang).plural_form(count) == "one" else choices[-1]


class _PluralFormatter(string.Formatter):
    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> Any:
        if "|" in format_spec:
            return form(self.lang, value, format_spec)
        return super().format_field(value, format_spec)


@cache
def _formatter(lang: str) -> _PluralFormatter:
    return _PluralFormatter(lang)


def format_text(lang: str, template: str, params: Mapping[str, Any]) -> str:
    """``template.format(**params)``, with plural specs read in ``lang``."""
    return _formatter(lang).vformat(template, (), params)
