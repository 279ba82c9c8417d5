"""The catalogue: every text in both languages, with the same placeholders."""

from __future__ import annotations

import string
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.core.texts import CATALOGUE, LANGUAGES, fmt_datetime, unit_label
from handlers.commands import COMMANDS


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_text_exists_in_every_language_with_the_same_placeholders(key: str) -> None:
    versions = CATALOGUE[key]
    assert set(versions) == set(LANGUAGES), key
    assert all(versions[lang].strip() for lang in LANGUAGES), key
    assert placeholders(versions["id"]) == placeholders(versions["en"]), key


def test_every_command_has_a_description() -> None:
    for spec in COMMANDS:
        assert spec.text_key in CATALOGUE, spec.name
        for lang in LANGUAGES:
            assert len(CATALOGUE[spec.text_key][lang]) <= 256  # Telegram's menu limit


def test_dates_in_wib_for_each_language() -> None:
    zone = ZoneInfo("Asia/Jakarta")
    moment = datetime(2026, 12, 1, 0, 0, tzinfo=UTC)
    assert fmt_datetime(moment, "id", zone) == "Selasa, 1 Desember 2026 pukul 07.00 WIB"
    assert fmt_datetime(moment, "en", zone) == "Tuesday, 1 December 2026 at 07:00 WIB"


def test_unit_labels_escape_and_do_not_repeat_the_kind() -> None:
    assert unit_label("id", "kabupaten", "Kabupaten Bogor") == "Kabupaten Bogor"
    assert unit_label("id", "desa", "Wanaherang") == "Desa Wanaherang"
    assert unit_label("en", "kecamatan", "Cibinong") == "District Cibinong"
    assert unit_label("id", "opd", "Dinas <Kominfo>") == "Dinas &lt;Kominfo&gt;"
