"""The dashboard's "⬇️ Excel": the chat button's workbook and caption
(scheduler/recap_files.py, scheduler/recap_captions.py, rendered in a thread as the chat
does), sent into the person's private chat as a document. The recap is read for the
person as they are now (scope checked)."""

from __future__ import annotations

import asyncio

from telegram import Bot

from bot.core.periods import Span
from db import recap, recap_lists
from db.officers import Officer
from scheduler import recap_captions, recap_files
from scheduler.recap_files import File
from scheduler.recap_pack import span_pack
from scheduler.services import Services


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
    title = recap_captions.briefing_title(found)
    await _send(bot, viewer, file, recap_captions.excel_caption(lang, title, found))
    return True


async def send_period_excel(
    services: Services, bot: Bot, viewer: Officer, span: Span, area_id: int | None
) -> bool:
    """Send the period's workbook (its charts embedded), as the chat's period button does."""
    assert services.db is not None
    lang, zone = viewer.language, services.config.tz
    pack = await span_pack(
        services.db, viewer, span, services.clock.now(), zone=zone, area_id=area_id
    )
    file = await asyncio.to_thread(recap_files.period_workbook, pack, lang, zone)
    title = recap_captions.period_title(lang, span)
    await _send(bot, viewer, file, recap_captions.excel_caption(lang, title, pack))
    return True
