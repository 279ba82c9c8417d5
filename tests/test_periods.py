"""Periods typed or picked for a recap (bot/core/periods.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.periods import MAX_DAYS, PeriodError, Span, parse_span, preset

TODAY = date(2026, 12, 1)  # a Tuesday
WIB = ZoneInfo("Asia/Jakarta")


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("1-15 Nov 2026", date(2026, 11, 1), date(2026, 11, 15)),
        ("2026-11-01 s.d. 2026-11-15", date(2026, 11, 1), date(2026, 11, 15)),
        ("2026-11-01 sampai 2026-11-15", date(2026, 11, 1), date(2026, 11, 15)),
        ("1/11 - 15/11", date(2026, 11, 1), date(2026, 11, 15)),
        ("1 nov to 15 nov", date(2026, 11, 1), date(2026, 11, 15)),
        ("November 2026", date(2026, 11, 1), date(2026, 11, 30)),
        ("Februari 2026", date(2026, 2, 1), date(2026, 2, 28)),
        ("okt", date(2026, 10, 1), date(2026, 10, 31)),
        ("jan", date(2026, 1, 1), date(2026, 1, 31)),
        ("25 Des – 5 Jan", date(2025, 12, 25), date(2026, 1, 5)),
        ("1/11/2026", date(2026, 11, 1), date(2026, 11, 1)),
        ("30 Nov", date(2026, 11, 30), date(2026, 11, 30)),
        ("1 Des - 5 Des", date(2026, 12, 1), date(2026, 12, 5)),
    ],
)
def test_ranges_people_type(text: str, first: date, last: date) -> None:
    assert parse_span(text, TODAY) == Span(first, last)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "empty"),
        ("kapan saja", "date"),
        ("1-40 nov", "date"),
        ("31/2/2026", "date"),
        ("15/11/2026 - 1/11/2026", "order"),
        ("3 Des", "future"),
        ("2025-01-01 - 2026-11-30", "long"),
        ("2027-01-05", "future"),
        ("x" * 61, "empty"),
    ],
)
def test_ranges_refused(text: str, problem: str) -> None:
    with pytest.raises(PeriodError) as refused:
        parse_span(text, TODAY)
    assert str(refused.value) == problem


def test_presets_and_bounds_in_wib() -> None:
    assert preset("this_week", TODAY) == Span(date(2026, 11, 30), date(2026, 12, 6))
    assert preset("last_week", TODAY) == Span(date(2026, 11, 23), date(2026, 11, 29))
    assert preset("this_month", TODAY) == Span(date(2026, 12, 1), date(2026, 12, 31))
    assert preset("last_month", TODAY) == Span(date(2026, 11, 1), date(2026, 11, 30))
    assert preset("last_month", date(2026, 1, 15)) == Span(date(2025, 12, 1), date(2025, 12, 31))
    start, end = Span(date(2026, 11, 1), date(2026, 11, 30)).bounds(WIB)
    assert start == datetime(2026, 10, 31, 17, 0, tzinfo=UTC)
    assert end == datetime(2026, 11, 30, 17, 0, tzinfo=UTC)


def test_a_span_in_one_number_for_a_button() -> None:
    november = Span(date(2026, 11, 1), date(2026, 11, 30))
    assert november.code == 20261101030
    assert Span.of_code(november.code) == november
    assert Span.of_code(20261131030) is None  # 31 November
    assert Span.of_code(20261101000) is None
    assert Span.of_code(20261101000 + MAX_DAYS + 1) is None


@settings(max_examples=500, deadline=None)
@given(
    st.one_of(
        st.text(max_size=70),
        st.from_regex(
            r"[0-9]{1,4}[ /.-][0-9a-z]{1,9}( [0-9]{4})?( - [0-9]{1,2} [a-z]{3})?", fullmatch=True
        ),
        st.sampled_from(["0000", "feb 0000", "29 feb - 1 jan", "29/2/2028 - 1/1/2028", "1-1 x"]),
    )
)
def test_any_text_is_a_span_or_refused(text: str) -> None:
    try:
        span = parse_span(text, TODAY)
    except PeriodError:
        return
    assert span.first <= span.last and span.days <= MAX_DAYS and span.first <= TODAY
