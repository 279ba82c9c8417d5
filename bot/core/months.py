"""Calendar months as people type them for /laporan_bulanan: ``2026-11``, ``11/2026``,
``November 2026``, ``Nov 2026`` (Indonesian or English names, any case) or a month's
name alone (the most recent such month up to today). A month is a
:class:`bot.core.periods.Span` of its days, whose bounds are taken in WIB.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from bot.core.periods import Span
from bot.core.timeparse import MONTHS

FIRST_YEAR, LAST_YEAR = 2000, 2999

_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})", re.ASCII)
_SLASHED = re.compile(r"([0-9]{1,2})/([0-9]{4})", re.ASCII)
_NAMED = re.compile(r"([a-z]+)\.?(?:\s+([0-9]{4}))?", re.ASCII)


def month_span(year: int, month: int) -> Span:
    first = date(year, month, 1)
    following = (first + timedelta(days=31)).replace(day=1)
    return Span(first, following - timedelta(days=1))


def this_and_last_month(today: date) -> tuple[Span, Span]:
    this = month_span(today.year, today.month)
    previous = this.first - timedelta(days=1)
    return this, month_span(previous.year, previous.month)


def _checked(year: int, month: int) -> Span | None:
    return month_span(year, month) if FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12 else None


def parse_month(text: str, today: date) -> Span | None:
    """The month ``text`` names, or ``None`` (ASCII digits only; may lie in the future)."""
    cleaned = " ".join(text.strip().lower().split())
    iso = _ISO.fullmatch(cleaned)
    if iso:
        return _checked(int(iso[1]), int(iso[2]))
    slashed = _SLASHED.fullmatch(cleaned)
    if slashed:
        return _checked(int(slashed[2]), int(slashed[1]))
    named = _NAMED.fullmatch(cleaned)
    if named is None or named[1] not in MONTHS:
        return None
    month = MONTHS[named[1]]
    if named[2]:
        return _checked(int(named[2]), month)
    return _checked(today.year if month <= today.month else today.year - 1, month)
