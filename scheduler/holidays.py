"""Holidays and days off: what pauses digests and non-urgent reminders.

A *day off* is an Indonesian national holiday or cuti bersama (from the maintained
``holidays`` package, categories "public" and "government") or a day an
administrator added with /libur. A *working day* is Monday to Friday and not a day
off. What "pause" means, decided once for every push (:meth:`Calendar.sendable`):
a push whose moment falls on a day off or in quiet hours waits for the first
moment that is neither (the day off ends at 00:00 of the next day that is not
one, then quiet hours end at 06:00), and is decided only then, with what is true
at that moment (a unit that reported during the holiday is not reminded).

* A reminder that would then arrive at or after its deadline is not sent at all;
  the overdue notice follows the deadline (scheduler/reminders.py).
* The overdue notice and the escalation of a deadline on a day off wait until the
  day off is over (scheduler/escalation.py); the coordinator is warned about such
  a deadline while composing the briefing (:func:`deadline_warning`).
* The daily coordinator digest is only sent on working days; the weekly digest
  moves to the next working day of the same ISO week (scheduler/digests.py).

Weekends pause nothing but the daily digest: posting on social media does not stop
on Saturday, and deadlines may fall on one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import lru_cache

import holidays

from bot.core.texts import esc, t
from db import days_off as days_off_db
from db.connection import Database
from scheduler.quiet_hours import QuietHours

_LANGUAGES = {"id": "id", "en": "en_US"}
_MAX_HOPS = 800  # a day off and a quiet window per hop: far more than any real calendar
_DAY = re.compile(r"^\s*([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]([0-9]{4})\s*$")


@lru_cache(maxsize=32)
def national_holidays(year: int, lang: str = "id") -> Mapping[date, str]:
    """National holidays and cuti bersama of ``year``, named in ``lang``."""
    calendar = holidays.country_holidays(
        "ID", years=year, categories=("public", "government"), language=_LANGUAGES.get(lang, "id")
    )
    return dict(calendar.items())


@dataclass(frozen=True)
class Calendar:
    """National holidays plus the days off administrators added (loaded once per run)."""

    extra: Mapping[date, str]

    def holiday_name(self, day: date, lang: str = "id") -> str | None:
        """The name of the holiday or day off on ``day``; None on an ordinary day."""
        if day in self.extra:
            return self.extra[day]
        return national_holidays(day.year, lang).get(day)

    def is_day_off(self, day: date) -> bool:
        return self.holiday_name(day) is not None

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and not self.is_day_off(day)

    def hold(self, moment: datetime, zone: tzinfo) -> datetime:
        """``moment``, or the start (00:00 local) of the first day after it that is not off."""
        day = moment.astimezone(zone).date()
        if not self.is_day_off(day):
            return moment
        while self.is_day_off(day):
            day += timedelta(days=1)
        return datetime.combine(day, time(0), tzinfo=zone)

    def sendable(self, moment: datetime, quiet: QuietHours, zone: tzinfo) -> datetime:
        """The first moment at or after ``moment`` neither on a day off nor in quiet hours."""
        for _ in range(_MAX_HOPS):
            later = quiet.release(self.hold(moment, zone))
            if later == moment:
                return moment.astimezone(UTC)
            moment = later
        raise RuntimeError("no moment outside days off and quiet hours within a year")

    def days_off_between(self, first: date, last: date, lang: str) -> list[tuple[date, str]]:
        """Every day off from ``first`` to ``last`` (inclusive), in order, named in ``lang``."""
        found = []
        day = first
        while day <= last:
            name = self.holiday_name(day, lang)
            if name is not None:
                found.append((day, name))
            day += timedelta(days=1)
        return found


async def load_calendar(db: Database) -> Calendar:
    return Calendar(await days_off_db.all_days(db))


async def holiday_name(db: Database, day: date, lang: str = "id") -> str | None:
    """The holiday or day off on ``day`` (for warnings such as a deadline on a holiday)."""
    return (await load_calendar(db)).holiday_name(day, lang)


async def deadline_warning(db: Database, deadline: datetime, lang: str, zone: tzinfo) -> str | None:
    """A line warning a coordinator that a deadline falls on a day off, else None."""
    name = await holiday_name(db, deadline.astimezone(zone).date(), lang)
    return None if name is None else t(lang, "holiday.deadline_warning", name=esc(name))


def parse_day(text: str) -> date | None:
    """``2026-12-31``, ``31-12-2026`` or ``31/12/2026``; None when it is not a date."""
    text = text.strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    match = _DAY.match(text)
    if match is None:
        return None
    try:
        return date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
    except ValueError:
        return None
