"""People's names and titles (jabatan), cleaned the same way wherever they enter.

A name is typed during registration or taken from the Telegram profile (the
"Pakai: <name>" button, an administrator's first /start, an invitation). Either way
it may carry characters nobody sees: control characters and NUL, format characters
(zero-width spaces and joiners, right-to-left overrides and isolates, the BOM, tag
characters), private-use and surrogate code points, line and paragraph separators,
and fillers that render as nothing (the Hangul fillers, the blank Braille pattern,
variation selectors). :func:`clean_name` removes them, collapses whitespace and
refuses a name with nothing visible left.
"""

from __future__ import annotations

import unicodedata

# Unicode general categories removed outright: control (Cc, incl. NUL), format (Cf:
# zero-width characters, RTL/LTR overrides and isolates, BOM, tags), private use (Co),
# surrogates (Cs), line and paragraph separators (Zl, Zp) and unassigned (Cn).
_REMOVED_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs", "Zl", "Zp", "Cn"})
# Letters and symbols that render as blank space.
_INVISIBLE = frozenset(
    {
        "\u115f",  # HANGUL CHOSEONG FILLER
        "\u1160",  # HANGUL JUNGSEONG FILLER
        "\u3164",  # HANGUL FILLER
        "\uffa0",  # HALFWIDTH HANGUL FILLER
        "\u2800",  # BRAILLE PATTERN BLANK
        "\u034f",  # COMBINING GRAPHEME JOINER
    }
)
# A visible name holds at least one letter, digit, punctuation mark or symbol.
_VISIBLE_CATEGORIES = ("L", "N", "P", "S")


def _is_variation_selector(char: str) -> bool:
    code = ord(char)
    return 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF or 0x180B <= code <= 0x180F


def _kept(char: str) -> str:
    if char.isspace():
        return " "
    if char in _INVISIBLE or _is_variation_selector(char):
        return ""
    if unicodedata.category(char) in _REMOVED_CATEGORIES:
        return ""
    return char


def clean_name(text: str) -> str | None:
    """``text`` without invisible characters, whitespace collapsed; None if nothing visible is left."""
    normalized = unicodedata.normalize("NFC", text)
    cleaned = " ".join("".join(_kept(char) for char in normalized).split())
    # A combining mark left at the start has nothing to sit on.
    while cleaned and unicodedata.category(cleaned[0]).startswith("M"):
        cleaned = cleaned[1:].lstrip()
    if not any(unicodedata.category(char).startswith(_VISIBLE_CATEGORIES) for char in cleaned):
        return None
    return cleaned
