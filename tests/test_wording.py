"""Wording: Indonesian texts in Indonesian, one term per thing; English texts in English."""

from __future__ import annotations

import re
import string

import pytest

from bot.core.texts import CATALOGUE, t

# English words (and Indonesian variants) the Indonesian catalogue does not use: "tenggat" is
# the deadline, "unggahan" a post, "label" a unit's tag, "ringkasan" a digest.
BANNED_IN_INDONESIAN = {
    r"\bdigest\b": "ringkasan",
    r"\bdeadline\b": "tenggat",
    r"\bbatas waktu\b": "tenggat",
    r"\bposting\b": "unggahan",
    r"\bpostingan": "unggahan",
    r"\btag\b": "label",
    r"\bhashtag": "tagar",
    r"\burgent\b": "mendesak",
    r"\blink\b": "tautan",
    r"\bdraft\b": "draf",
}
# Indonesian examples an English reader should not be shown.
BANNED_IN_ENGLISH = {
    r"\w\(s\)": "{count:form|forms}, a real plural",
    r"/batal\b": "/cancel",
    r"<code>besok\b": "tomorrow",
    r"<code>Jumat\b": "Friday",
}


def _text(template: str) -> str:
    """The words of a template, placeholders left out (``{link}`` is not a word)."""
    return "".join(literal for literal, *_ in string.Formatter().parse(template)).lower()


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_indonesian_texts_use_the_chosen_terms(key: str) -> None:
    words = _text(CATALOGUE[key]["id"])
    for pattern, instead in BANNED_IN_INDONESIAN.items():
        assert not re.search(pattern, words, re.IGNORECASE), f"{key}: use {instead!r}"


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_english_texts_give_english_examples(key: str) -> None:
    words = "".join(literal for literal, *_ in string.Formatter().parse(CATALOGUE[key]["en"]))
    for pattern, instead in BANNED_IN_ENGLISH.items():
        assert not re.search(pattern, words), f"{key}: use {instead!r}"


def test_issue_levels_have_their_own_words_not_the_announcements_mendesak() -> None:
    issue_texts = [v["id"] for k, v in CATALOGUE.items() if k.startswith("issue.")]
    assert not any("mendesak" in text for text in issue_texts)
    assert "mendesak" in CATALOGUE["announce.button.urgent"]["id"]


def test_english_plurals_follow_the_count() -> None:
    assert (
        t("en", "leave.others", count=1) == "1 other officer of your unit still gets the reminders."
    )
    assert (
        t("en", "leave.others", count=3) == "3 other officers of your unit still get the reminders."
    )
    assert "1 of 1 target unit in your area has not" in t(
        "en", "escalation.count_scope", open=1, total=1
    )
    assert ": 1 unit (page" in t("en", "details.unreached", total=1, page=1, pages=1)
    assert t("id", "leave.others", count=1).startswith("1 petugas lain")
    assert t("en", "review.alert", count=1).startswith("📝 1 new draft waits for your review.")
    assert t("en", "review.alert", count=2).startswith("📝 2 new drafts wait for your review.")
    assert t("en", "rfile.evidence.summary", copied=1, missing=2) == (
        "evidence: 1 file copied, 2 not stored"
    )


def test_people_error_self_names_who_can_change_the_account() -> None:
    assert "hanya dapat diubah oleh administrator lain" in CATALOGUE["people.error.self"]["id"]
