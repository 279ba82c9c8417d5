"""What a coordinator types while composing a briefing, read into values or a problem."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from db.briefings import BriefingError, BriefingProblem
from handlers.briefing_input import (
    MAX_HASHTAGS,
    MAX_POINT,
    MAX_POINTS,
    MAX_TAG,
    MAX_TAGS,
    MAX_TITLE,
    clean_hashtags,
    clean_title,
    parse_points,
    parse_tags,
)


def _problem(read: Callable[[str], object], text: str) -> tuple[BriefingProblem, int]:
    with pytest.raises(BriefingError) as refused:
        read(text)
    return refused.value.problem, refused.value.limit


def test_points_one_per_line_without_bullets_or_numbers() -> None:
    assert parse_points("- satu\n2. dua\n\n• tiga\n  * empat ") == ["satu", "dua", "tiga", "empat"]
    assert _problem(parse_points, " \n - \n") == (BriefingProblem.EMPTY, 0)
    many = "\n".join(f"poin {i}" for i in range(MAX_POINTS + 1))
    assert _problem(parse_points, many) == (BriefingProblem.TOO_MANY, MAX_POINTS)
    assert _problem(parse_points, "x" * (MAX_POINT + 1)) == (BriefingProblem.TOO_LONG, MAX_POINT)


def test_tags_lower_case_without_repeats() -> None:
    assert parse_tags("Ibu Rumah Tangga, 20-40 tahun\n3T, 3t") == [
        "ibu rumah tangga",
        "20-40 tahun",
        "3t",
    ]
    assert _problem(parse_tags, " , \n") == (BriefingProblem.EMPTY, 0)
    too_many = ",".join(f"tag{i}" for i in range(MAX_TAGS + 1))
    assert _problem(parse_tags, too_many) == (BriefingProblem.TOO_MANY, MAX_TAGS)
    assert _problem(parse_tags, "x" * (MAX_TAG + 1)) == (BriefingProblem.TOO_LONG, MAX_TAG)


def test_title_and_hashtags_on_one_line() -> None:
    assert clean_title("  Vaksinasi\n  gratis  ") == "Vaksinasi gratis"
    assert _problem(clean_title, "x" * (MAX_TITLE + 1)) == (BriefingProblem.TOO_LONG, MAX_TITLE)
    assert _problem(clean_title, "   ") == (BriefingProblem.EMPTY, 0)
    assert clean_hashtags("#BogorSehat\n #Vaksin") == "#BogorSehat #Vaksin"
    assert _problem(clean_hashtags, "#" * (MAX_HASHTAGS + 1)) == (
        BriefingProblem.TOO_LONG,
        MAX_HASHTAGS,
    )
