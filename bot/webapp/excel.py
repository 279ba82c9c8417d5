"""The dashboard's "⬇️ Excel": the chat button's workbook (scheduler/recap_files.py, built
in a thread as the chat does), sent into the person's private chat as a document with
the chat's caption. The recap is read for the person as they are now (scope checked)."""

from __future__ import annotations

import asyncio

from babel.dates import format_date
from telegram import Bot

from bot.core.periods import Span
from bot.core.texts import esc, t, unit_label
from db import recap, recap_lists
from db.officers import Officer
from db.recap_area import UnitRef
from scheduler import recap_files
from scheduler.recap_files import File
from scheduler.recap_pack import PeriodPack, span_pack
from scheduler.services import Services


def _scope(lang: str, scope: UnitRef) -> str:
    return unit_label(lang, scope.kind, scope.name)


async def _send(bot: Bot, viewer: Officer, file: File, caption: str) -> None:
    chat_id = viewer.chat_id if viewer.chat_id is not None else viewer.telegram_id
    await bot.send_document(
        chat_id, file.data, filename=file.name, caption=caption, parse_mode="HTML"
    )


async def send_briefing_excel(
    services: Services, bot: Bot, viewer: Officer, briefing_id: int, area_id: int | None
) -> bool:
    """Send the briefing's workbook; False when there is no recap for the person."""
    assert services.db is not None
    lang, zone, now = viewer.language, services.config.tz, services.clock.now()
    found = await recap.briefing_recap(services.db, viewer, briefing_id, now, area_id=area_id)
    if found is None:
        return False
    average = await recap_lists.regency_rate(services.db, [briefing_id], now)
    file = await asyncio.to_thread(recap_files.briefing_excel, found, lang, zone, average)
    caption = t(
        lang,
        "rfile.excel_caption",
        title=esc(found.briefing.title),
        scope=_scope(lang, found.scope),
    )
    await _send(bot, viewer, file, caption)
    return True


def _period_excel(pack: PeriodPack, lang: str, services: Services) -> File:
    zone = services.config.tz
    return recap_files.period_excel(pack, lang, zone, recap_files.period_charts(pack, lang, zone))


async def send_period_excel(
    services: Services, bot: Bot, viewer: Officer, span: Span, area_id: int | None
) -> bool:
    """Send the period's workbook (its charts embedded), as the chat's period button does."""
    assert services.db is not None
    lang, zone = viewer.language, services.config.tz
    pack = await span_pack(
        services.db, viewer, span, services.clock.now(), zone=zone, area_id=area_id
    )
    file = await asyncio.to_thread(_period_excel, pack, lang, services)
    title = t(
        lang,
        "rfile.period_title",
        start=format_date(span.first, "d MMM y", locale=lang),
        end=format_date(span.last, "d MMM y", locale=lang),
    )
    caption = t(lang, "rfile.excel_caption", title=title, scope=_scope(lang, pack.period.scope))
    await _send(bot, viewer, file, caption)
    return True
