"""Periods of calendar days in WIB: this week, last week, this month, last month, or a
range people type ("1-15 Nov 2026", "2026-11-01 s.d. 2026-11-15", "1/11 - 15/11",
"November 2026", "Nov").

A :class:`Span` holds its first and last day (both included); :meth:`Span.bounds`
gives the UTC moments ``[start, end)`` the recap queries take. A typed date without
a year is the most recent such day up to today (a recap looks back), and a span may
not be longer than :data:`MAX_DAYS` nor end in the future beyond today.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Literal

from bot.core.timeparse import MONTHS

Preset = Literal["this_week", "last_week", "this_month", "last_month"]
PRESETS: tuple[Preset, ...] = ("this_week", "last_week", "this_month", "last_month")
MAX_DAYS = 366
MIN_YEAR = 2000

_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$")
_DMY = re.compile(r"([0-9]{1,2})[/.-]([0-9]{1,2})(?:[/.-]([0-9]{4}))?$")
_NAMED = re.compile(r"([0-9]{1,2})(?:\s+([a-z]+))?(?:\s+([0-9]{4}))?$")
_MONTH = re.compile(r"([a-z]+)(?:\s+([0-9]{4}))?$")
_SEPARATOR = re.compile(r"\s+(?:s\.?\s?d\.?|s/d|sampai|hingga|to|until)\s+|\s*[–—]\s*|\s+-\s+")
_DAY_THEN_DATE = re.compile(r"([0-9]{1,2})-([0-9]{1,2}\s+[a-z]+(?:\s+[0-9]{4})?)$")


class PeriodError(ValueError):
    """Not a period we understand, or one too long or in the future."""


@dataclass(frozen=True)
class Span:
    first: date
    last: date

    def bounds(self, zone: tzinfo) -> tuple[datetime, datetime]:
        """``[start, end)`` in UTC: from the first day's midnight to the day after the last."""
        start = datetime.combine(self.first, time(0), zone).astimezone(UTC)
        end = datetime.combine(self.last + timedelta(days=1), time(0), zone).astimezone(UTC)
        return start, end

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def code(self) -> int:
        """One number for a button: the first day as YYYYMMDD, then the days in three digits
        (1 to 30 November 2026 is 20261101030)."""
        return int(f"{self.first:%Y%m%d}") * 1000 + self.days

    @classmethod
    def of_code(cls, code: int) -> Span | None:
        day, days = divmod(code, 1000)
        if not 1 <= days <= MAX_DAYS:
            return None
        try:
            first = date(day // 10000, day // 100 % 100, day % 100)
        except ValueError:
            return None
        return cls(first, first + timedelta(days=days - 1))


def today_in(now: datetime, zone: tzinfo) -> date:
    return now.astimezone(zone).date()


def preset(name: Preset, today: date) -> Span:
    monday = today - timedelta(days=today.weekday())
    if name == "this_week":
        return Span(monday, monday + timedelta(days=6))
    if name == "last_week":
        return Span(monday - timedelta(days=7), monday - timedelta(days=1))
    first = today.replace(day=1)
    if name == "this_month":
        return Span(first, _month_end(first))
    previous = (first - timedelta(days=1)).replace(day=1)
    return Span(previous, _month_end(previous))


def _month_end(first: date) -> date:
    following = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
    return following - timedelta(days=1)


def _recent(year: int | None, month: int, day: int, today: date) -> date:
    """The date; without a year this year's, unless that is over a week ahead (then last
    year's: a recap looks back)."""
    try:
        if year is not None:
            return date(year, month, day)
        found = date(today.year, month, day)
        return found if found <= today + timedelta(days=7) else date(today.year - 1, month, day)
    except ValueError:
        raise PeriodError("date") from None


def _month_of(word: str) -> int:
    if word not in MONTHS:
        raise PeriodError("month")
    return MONTHS[word]


def _one_date(text: str, today: date, month: int | None, year: int | None) -> date:
    match = _ISO.fullmatch(text)
    if match:
        return _recent(int(match[1]), int(match[2]), int(match[3]), today)
    match = _DMY.fullmatch(text)
    if match:
        found_year = int(match[3]) if match[3] else year
        return _recent(found_year, int(match[2]), int(match[1]), today)
    match = _NAMED.fullmatch(text)
    if match and (match[2] or month is not None):
        found_month = _month_of(match[2]) if match[2] else month
        assert found_month is not None
        found_year = int(match[3]) if match[3] else year
        return _recent(found_year, found_month, int(match[1]), today)
    raise PeriodError("date")


def _whole_month(text: str, today: date) -> Span | None:
    match = _MONTH.fullmatch(text)
    if match is None or match[1] not in MONTHS:
        return None
    month = MONTHS[match[1]]
    year = int(match[2]) if match[2] else (today.year if month <= today.month else today.year - 1)
    first = date(year, month, 1)
    return Span(first, _month_end(first))


def _tail(text: str) -> tuple[int | None, int | None]:
    """The month and year a range's last date names ("15 Nov 2026"), for its first date."""
    match = _NAMED.fullmatch(text)
    if match and match[2] in MONTHS:
        return MONTHS[match[2]], int(match[3]) if match[3] else None
    match = _DMY.fullmatch(text)
    if match:
        return int(match[2]), int(match[3]) if match[3] else None
    match = _ISO.fullmatch(text)
    if match:
        return int(match[2]), int(match[1])
    return None, None


def parse_span(text: str, today: date) -> Span:
    """A period typed by a person (see the module); :class:`PeriodError` otherwise."""
    cleaned = " ".join(text.lower().replace(",", " ").split())
    if not cleaned or len(cleaned) > 60:
        raise PeriodError("empty")
    try:
        span = _span(cleaned, today)
    except PeriodError:
        raise
    except ValueError:  # a year out of range, 29 February a year earlier, ...
        raise PeriodError("date") from None
    if span.first.year < MIN_YEAR:
        raise PeriodError("date")
    if span.last < span.first:
        raise PeriodError("order")
    if span.days > MAX_DAYS:
        raise PeriodError("long")
    if span.first > today:
        raise PeriodError("future")
    return span


def _span(cleaned: str, today: date) -> Span:
    """The span ``cleaned`` names, before its checks (ValueError for impossible dates)."""
    month = _whole_month(cleaned, today)
    if month is not None:
        return month
    short = _DAY_THEN_DATE.fullmatch(cleaned)  # "1-15 nov 2026"
    parts = [short[1], short[2]] if short else _SEPARATOR.split(cleaned, maxsplit=1)
    parts = [part.strip() for part in parts]
    last_month, last_year = _tail(parts[-1])
    last = _one_date(parts[-1], today, None, None)
    if last_year is None:
        last_year = last.year
    first = _one_date(parts[0], today, last_month, last_year) if len(parts) == 2 else last
    if first > last and len(parts) == 2 and not re.search(r"[0-9]{4}", parts[0]):
        first = first.replace(year=first.year - 1)  # "25 Des - 5 Jan"
    return Span(first, last)
