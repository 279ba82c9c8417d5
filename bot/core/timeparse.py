"""Times people type, in WIB: "sekarang", "besok 07:00", "Senin 08.30", "2026-12-01 07:00".

Accepted forms (Indonesian and English words, case-insensitive; an optional "pukul",
"jam", "at" before the time and "WIB" after it):

* ``sekarang`` / ``now``
* a time alone — today: ``07:00``, ``7.30``, ``jam 7``
* ``hari ini`` / ``today``, ``besok`` / ``tomorrow``, ``lusa`` with a time
* a weekday with a time — the next such moment: ``Senin 08:30``, ``monday 8:30``
* a date with a time: ``2026-12-01 07:00``, ``1/12/2026 07:00``, ``01-12-2026 07.00``,
  ``1 Desember 2026 07:00``, ``1 Des 07:00`` (without a year: the next such date)

A date without a time takes ``default_time`` when the caller gives one (deadlines),
and is refused otherwise. Times in the past are refused: the caller shows the
catalogue text named by :attr:`TimeParseError.key`.

:func:`parse_last_day` reads the last day of a period such as a leave: any date form
above without a time, ``hari ini``, ``besok``, ``lusa``, a weekday (the next such day,
today included), or a length counting today — ``3 hari``, ``1 minggu``, ``2 pekan``,
``7 days``, ``1 week`` — optionally after "sampai", "hingga" or "until".
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

_NOW_WORDS = {"sekarang", "now", "segera"}
_RELATIVE_DAYS = {"hari ini": 0, "today": 0, "besok": 1, "tomorrow": 1, "lusa": 2}
_WEEKDAYS = {
    "senin": 0,
    "selasa": 1,
    "rabu": 2,
    "kamis": 3,
    "jumat": 4,
    "jum'at": 4,
    "sabtu": 5,
    "minggu": 6,
    "ahad": 6,
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
_MONTHS = {
    "januari": 1,
    "jan": 1,
    "january": 1,
    "februari": 2,
    "feb": 2,
    "february": 2,
    "maret": 3,
    "mar": 3,
    "march": 3,
    "april": 4,
    "apr": 4,
    "mei": 5,
    "may": 5,
    "juni": 6,
    "jun": 6,
    "june": 6,
    "juli": 7,
    "jul": 7,
    "july": 7,
    "agustus": 8,
    "agu": 8,
    "agt": 8,
    "aug": 8,
    "august": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "oktober": 10,
    "okt": 10,
    "oct": 10,
    "october": 10,
    "november": 11,
    "nov": 11,
    "nopember": 11,
    "desember": 12,
    "des": 12,
    "dec": 12,
    "december": 12,
}
MONTHS = _MONTHS
"""Month names and abbreviations (Indonesian and English), lowercase, to numbers."""
_TIME = re.compile(r"(?:(?:pukul|jam|at)\s+)?([0-9]{1,2})(?:[:.]([0-9]{2}))?$")
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$")
_DMY_DATE = re.compile(r"([0-9]{1,2})[/-]([0-9]{1,2})(?:[/-]([0-9]{4}))?$")
_NAMED_DATE = re.compile(r"([0-9]{1,2})\s+([a-z]+)(?:\s+([0-9]{4}))?$")
_LENGTH = re.compile(r"([0-9]{1,3})\s*(hari|days?|minggu|pekan|weeks?)$")
_LENGTH_DAYS = {"hari": 1, "day": 1, "days": 1, "minggu": 7, "pekan": 7, "week": 7, "weeks": 7}
_UNTIL = re.compile(r"^(?:sampai|hingga|until|s/d)\s+")
_FILLER = re.compile(r"\b(?:wib|pada|tanggal|tgl|on)\b|\bhari\b(?!\s+ini)|,")


class TimeParseError(ValueError):
    """Not a time we understand (``key`` "time.invalid") or one already past ("time.past")."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def parse_when(
    text: str, now: datetime, zone: ZoneInfo, *, default_time: time | None = None
) -> datetime:
    """The moment ``text`` names, in UTC; "sekarang" is ``now`` itself."""
    raw = " ".join(_FILLER.sub(" ", text.lower()).split())
    if raw in _NOW_WORDS:
        return now.astimezone(UTC)
    local_now = now.astimezone(zone)
    day, cleaned = _split_day(raw, local_now.date())
    if day is None:
        day, cleaned = _split_date(cleaned, local_now.date())
    at = _parse_time(cleaned) if cleaned else default_time
    if at is None:
        raise TimeParseError("time.invalid")
    if day is None:
        day = local_now.date()
    elif isinstance(day, int):  # a weekday: the next such moment
        ahead = (day - local_now.weekday()) % 7
        day = local_now.date() + timedelta(days=ahead)
        if datetime.combine(day, at, tzinfo=zone) <= local_now:
            day += timedelta(days=7)
    moment = datetime.combine(day, at, tzinfo=zone)
    if moment < local_now - timedelta(minutes=1):
        raise TimeParseError("time.past")
    return moment.astimezone(UTC)


def _split_day(raw: str, today: date) -> tuple[date | int | None, str]:
    """A leading relative day ("besok") or weekday ("Senin"); the rest of the text."""
    for words, offset in _RELATIVE_DAYS.items():
        if raw == words or raw.startswith(words + " "):
            return today + timedelta(days=offset), raw[len(words) :].strip()
    first, _, rest = raw.partition(" ")
    if first in _WEEKDAYS:
        return _WEEKDAYS[first], rest.strip()
    return None, raw


def _split_date(text: str, today: date) -> tuple[date | None, str]:
    """A date at the start of ``text`` (several shapes); the rest of the text."""
    words = text.split(" ")
    for size in (3, 2, 1):
        if len(words) < size:
            continue
        head, rest = " ".join(words[:size]), " ".join(words[size:])
        found = _date_of(head, today)
        if found is not None:
            return found, rest
    return None, text


def _date_of(text: str, today: date) -> date | None:
    match = _ISO_DATE.match(text)
    if match:
        return _make_date(int(match[1]), int(match[2]), int(match[3]))
    match = _DMY_DATE.match(text)
    if match and (match[3] or "/" in text):
        return _with_year(int(match[1]), int(match[2]), match[3], today)
    match = _NAMED_DATE.match(text)
    if match and match[2] in _MONTHS:
        return _with_year(int(match[1]), _MONTHS[match[2]], match[3], today)
    return None


def _with_year(day: int, month: int, year: str | None, today: date) -> date:
    if year is not None:
        return _make_date(int(year), month, day)
    candidate = _make_date(today.year, month, day)
    return candidate if candidate >= today else _make_date(today.year + 1, month, day)


def _make_date(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise TimeParseError("time.invalid") from None


def _parse_time(text: str) -> time | None:
    match = _TIME.match(text)
    if not match:
        return None
    hour, minute = int(match[1]), int(match[2] or 0)
    if hour > 23 or minute > 59:
        raise TimeParseError("time.invalid")
    return time(hour, minute)


def parse_last_day(text: str, today: date) -> date:
    """The last day ``text`` names, counting from ``today`` (local); never before today.

    Raises :class:`TimeParseError` ("time.invalid", or "time.past" for an earlier date).
    """
    raw = " ".join(_UNTIL.sub("", " ".join(text.lower().split())).split())
    length = _LENGTH.match(raw)
    if length is not None:
        days = int(length[1]) * _LENGTH_DAYS[length[2]]
        if days < 1:
            raise TimeParseError("time.invalid")
        return today + timedelta(days=days - 1)
    raw = " ".join(_FILLER.sub(" ", raw).split())
    day, rest = _split_day(raw, today)
    if day is None:
        day, rest = _split_date(raw, today)
    if day is None or rest:
        raise TimeParseError("time.invalid")
    if isinstance(day, int):
        return today + timedelta(days=(day - today.weekday()) % 7)
    if day < today:
        raise TimeParseError("time.past")
    return day
