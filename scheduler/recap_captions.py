"""The captions under the recap's files, one wording wherever a file is sent: the chat's
buttons (handlers/recap_files.py) and the dashboard's "⬇️ Excel" (bot/webapp/excel.py)."""

from __future__ import annotations

from babel.dates import format_date

from bot.core.periods import Span
from bot.core.texts import esc, t, unit_label
from db.recap import Recap
from scheduler.recap_pack import PeriodPack


def scope_label(lang: str, found: Recap | PeriodPack) -> str:
    """The area a recap covers, as "Kecamatan Cibinong" or "Kabupaten Bogor"."""
    scope = found.scope if isinstance(found, Recap) else found.period.scope
    return unit_label(lang, scope.kind, scope.name)


def briefing_title(found: Recap) -> str:
    return esc(found.briefing.title)


def period_title(lang: str, span: Span) -> str:
    return t(
        lang,
        "rfile.period_title",
        start=format_date(span.first, "d MMM y", locale=lang),
        end=format_date(span.last, "d MMM y", locale=lang),
    )


def excel_caption(lang: str, title: str, found: Recap | PeriodPack) -> str:
    return t(lang, "rfile.excel_caption", title=title, scope=scope_label(lang, found))


def chart_caption(lang: str, title: str, found: Recap | PeriodPack) -> str:
    return t(lang, "rfile.chart_caption", title=title, scope=scope_label(lang, found))


def csv_caption(lang: str, found: Recap | PeriodPack) -> str:
    return t(lang, "rfile.csv_caption", scope=scope_label(lang, found))
