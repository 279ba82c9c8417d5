"""Times people type, relative to the (fake) clock, all WIB."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from bot.core.texts import CATALOGUE
from bot.core.timeparse import TimeParseError, parse_last_day, parse_when

WIB = ZoneInfo("Asia/Jakarta")
# Tuesday 1 December 2026, 08:00 WIB.
NOW = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)


def wib(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=WIB).astimezone(UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sekarang", NOW),
        ("Now", NOW),
        ("09:00", wib(2026, 12, 1, 9)),
        ("9.30", wib(2026, 12, 1, 9, 30)),
        ("jam 17", wib(2026, 12, 1, 17)),
        ("pukul 13.15 WIB", wib(2026, 12, 1, 13, 15)),
        ("hari ini 20:00", wib(2026, 12, 1, 20)),
        ("today 20:00", wib(2026, 12, 1, 20)),
        ("besok 07:00", wib(2026, 12, 2, 7)),
        ("Besok pukul 07.00", wib(2026, 12, 2, 7)),
        ("tomorrow at 7:00", wib(2026, 12, 2, 7)),
        ("lusa 10:00", wib(2026, 12, 3, 10)),
        ("Senin 08:30", wib(2026, 12, 7, 8, 30)),
        ("senin, 08.30", wib(2026, 12, 7, 8, 30)),
        ("pada hari Senin 08:30", wib(2026, 12, 7, 8, 30)),
        ("Monday 8:30", wib(2026, 12, 7, 8, 30)),
        ("Selasa 09:00", wib(2026, 12, 1, 9)),  # today, still ahead
        ("Selasa 07:00", wib(2026, 12, 8, 7)),  # today but past: next week
        ("Jumat 16:00", wib(2026, 12, 4, 16)),
        ("2026-12-01 07:00", None),
        ("2026-12-05 07:00", wib(2026, 12, 5, 7)),
        ("5/12/2026 07:00", wib(2026, 12, 5, 7)),
        ("05-12-2026 07.00", wib(2026, 12, 5, 7)),
        ("5/12 07:00", wib(2026, 12, 5, 7)),
        ("1 Desember 2027 07:00", wib(2027, 12, 1, 7)),
        ("3 Des 07:00", wib(2026, 12, 3, 7)),
        ("15 Januari 09:00", wib(2027, 1, 15, 9)),  # no year: the next such date
        ("tanggal 3 des 2026 pukul 07.00 WIB", wib(2026, 12, 3, 7)),
    ],
)
def test_accepted_forms(text: str, expected: datetime | None) -> None:
    if expected is None:
        with pytest.raises(TimeParseError) as caught:
            parse_when(text, NOW, WIB)
        assert caught.value.key == "time.past"
    else:
        assert parse_when(text, NOW, WIB) == expected


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("07:00", "time.past"),
        ("kemarin 07:00", "time.invalid"),
        ("besok", "time.invalid"),
        ("25:00", "time.invalid"),
        ("besok 07:61", "time.invalid"),
        ("31/02/2027 07:00", "time.invalid"),
        ("2026-11-30 09:00", "time.past"),
        ("secepatnya", "time.invalid"),
        ("", "time.invalid"),
    ],
)
def test_refused_with_a_catalogue_reason(text: str, key: str) -> None:
    with pytest.raises(TimeParseError) as caught:
        parse_when(text, NOW, WIB)
    assert caught.value.key == key
    assert key in CATALOGUE


def test_a_date_alone_takes_the_default_time_when_given() -> None:
    assert parse_when("besok", NOW, WIB, default_time=time(23, 59)) == wib(2026, 12, 2, 23, 59)
    assert parse_when("5/12/2026", NOW, WIB, default_time=time(17, 0)) == wib(2026, 12, 5, 17)


def test_a_minute_of_slack_for_now_ish_times() -> None:
    assert parse_when("08:00", NOW, WIB) == NOW


TODAY = date(2026, 12, 1)  # a Tuesday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("31 Desember", date(2026, 12, 31)),
        ("sampai 31 Desember 2026", date(2026, 12, 31)),
        ("besok", date(2026, 12, 2)),
        ("Besok", date(2026, 12, 2)),
        ("lusa", date(2026, 12, 3)),
        ("hari ini", date(2026, 12, 1)),
        ("tomorrow", date(2026, 12, 2)),
        ("7 hari", date(2026, 12, 7)),
        ("3 hari", date(2026, 12, 3)),
        ("1 minggu", date(2026, 12, 7)),
        ("2 pekan", date(2026, 12, 14)),
        ("10 days", date(2026, 12, 10)),
        ("1 week", date(2026, 12, 7)),
        ("Jumat", date(2026, 12, 4)),
        ("selasa", date(2026, 12, 1)),  # today is a Tuesday
        ("minggu", date(2026, 12, 6)),  # alone, the weekday
        ("2026-12-31", date(2026, 12, 31)),
        ("31-12-2026", date(2026, 12, 31)),
        ("31/12", date(2026, 12, 31)),
        ("5 Jan", date(2027, 1, 5)),  # without a year: the next such date
        ("tanggal 10 des", date(2026, 12, 10)),
    ],
)
def test_last_day_forms(text: str, expected: date) -> None:
    assert parse_last_day(text, TODAY) == expected


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("kemarin", "time.invalid"),
        ("0 hari", "time.invalid"),
        ("besok 07:00", "time.invalid"),
        ("31/02/2027", "time.invalid"),
        ("30-11-2026", "time.past"),
        ("seminggu lagi", "time.invalid"),
        ("", "time.invalid"),
        ("٣ hari", "time.invalid"),
    ],
)
def test_last_day_refused(text: str, key: str) -> None:
    with pytest.raises(TimeParseError) as caught:
        parse_last_day(text, TODAY)
    assert caught.value.key == key
