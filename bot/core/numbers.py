"""The one reader of numbers people type or buttons carry: ASCII digits only, in a range.

``str.isdigit()`` and ``\\d`` accept far more than 0-9 (``'²'``, ``'١'``, ``'߁'``), and
``int()`` then either fails or reads a number nobody meant; a number with thousands
of digits makes ``int()`` refuse too. :func:`parse_number` reads ``[0-9]+`` (leading
zeros allowed, surrounding spaces ignored) and checks the range before converting,
so any text gives a number in ``low..high`` or ``None``, never an exception.
"""

from __future__ import annotations

import re

MAX_ID = 2**63 - 1
"""The largest row id SQLite stores (a signed 64-bit integer)."""

_DIGITS = re.compile(r"[0-9]+")


def is_digits(text: str) -> bool:
    """Is ``text`` ASCII digits only (at least one)? ``str.isdigit()`` also says yes to ``'²'``."""
    return _DIGITS.fullmatch(text) is not None


def parse_number(text: str, low: int, high: int) -> int | None:
    """``text`` as a whole number in ``low..high``, or ``None`` if it is anything else."""
    digits = text.strip()
    if not _DIGITS.fullmatch(digits):
        return None
    significant = digits.lstrip("0") or "0"
    if len(significant) > len(str(high)):
        return None
    value = int(significant)
    return value if low <= value <= high else None
