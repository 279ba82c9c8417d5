"""The buttons on sent announcements: "Sudah dibaca" for recipients, the preview's copy of
it, and who has read (paged, per unit) for the sender or an administrator.

Callback data: ``an:ack:<id>`` (recipients), ``an:ackp`` (the preview's button),
``an:st:<id>`` and ``an:sp:<id>:<page>`` (who has read). The composer is
handlers/announce.py.
"""

from __future__ import annotations

import math
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.core.callback_data import ID, INDEX, Pair, any_of
from bot.core.texts import esc, fmt_short, unit_label
from db import announcements as announcements_db
from db.officers import Officer
from handlers.buttons import button, page_turn
from handlers.context import HumasContext
from handlers.conversation import edit
from handlers.guard import guarded, refuse
from scheduler import announcements

STATUS_PAGE = 20
NAMES_SHOWN = 5
STATUS_AT = Pair("an:sp", ID, INDEX)


@guarded("officer")
async def on_acknowledge(update: Update, context: HumasContext) -> None:
    query = update.callback_query
    assert query is not None and query.data is not None
    officer = context.officer
    assert officer is not None
    announcement_id = announcements.ACK.parse(query.data)
    assert announcement_id is not None  # the handler's pattern
    announcement = await announcements_db.by_id(context.db, announcement_id)
    if (
        announcement is None
        or not announcement.ack_required
        or not await announcements_db.is_recipient(context.db, announcement, officer.id)
    ):
        await refuse(update, context, context.t("denied.button"))
        return
    recorded, at = await announcements_db.acknowledge(
        context.db, announcement.id, officer.id, context.clock.now()
    )
    key = "announce.ack_recorded" if recorded else "announce.ack_already"
    await query.answer(
        context.t(key, when=fmt_short(at, context.lang, context.tz)), show_alert=not recorded
    )


@guarded(min_role=None)
async def on_preview_ack(update: Update, context: HumasContext) -> None:
    assert update.callback_query is not None
    await update.callback_query.answer(context.t("announce.preview_ack"), show_alert=True)


@guarded("coordinator")
async def on_status(update: Update, context: HumasContext) -> None:
    query = update.callback_query
    assert query is not None and query.data is not None
    paged = STATUS_AT.parse(query.data)
    announcement_id, page = paged or (announcements.STATUS.parse(query.data), 0)
    assert announcement_id is not None  # the handler's pattern
    announcement = await announcements_db.by_id(context.db, announcement_id)
    if announcement is None or not announcements.may_manage(_officer(context), announcement):
        await refuse(update, context, context.t("denied.button"))
        return
    text, markup = await _status_page(context, announcement, page)
    await query.answer()
    if paged is not None:
        await edit(query, text, markup)
    else:
        assert update.effective_message is not None
        await update.effective_message.reply_html(text, reply_markup=markup)


async def _status_page(
    context: HumasContext, announcement: announcements_db.Announcement, page: int
) -> tuple[str, InlineKeyboardMarkup | None]:
    units = await announcements_db.readers_by_unit(context.db, announcement)
    people = sum(len(unit.readers) for unit in units)
    read = sum(unit.acknowledged for unit in units)
    complete = sum(1 for unit in units if unit.acknowledged == len(unit.readers))
    pages = max(1, math.ceil(len(units) / STATUS_PAGE))
    page = min(max(page, 0), pages - 1)
    lines = [
        context.t(
            "announce.status.header",
            id=announcement.id,
            snippet=announcements.snippet(announcement.body),
            read=read,
            people=people,
            complete=complete,
            units=len(units),
            page=page + 1,
            pages=pages,
        )
    ]
    for unit in units[page * STATUS_PAGE : (page + 1) * STATUS_PAGE]:
        label = unit_label(context.lang, unit.unit_kind, unit.unit_name)
        missing = [
            esc(reader.full_name) for reader in unit.readers if reader.acknowledged_at is None
        ]
        if not missing:
            lines.append(
                context.t(
                    "announce.status.unit_done",
                    unit=label,
                    read=unit.acknowledged,
                    total=len(unit.readers),
                )
            )
            continue
        shown = ", ".join(missing[:NAMES_SHOWN])
        if len(missing) > NAMES_SHOWN:
            shown += context.t("announce.status.more", count=len(missing) - NAMES_SHOWN)
        key = "announce.status.unit_partial" if unit.acknowledged else "announce.status.unit_none"
        lines.append(
            context.t(
                key, unit=label, read=unit.acknowledged, total=len(unit.readers), missing=shown
            )
        )
    nav = page_turn(
        page,
        pages,
        lambda at: STATUS_AT.build(announcement.id, at),
        context.t("button.prev"),
        context.t("button.next"),
    )
    nav_refresh = [
        button(context, "announce.button.refresh", STATUS_AT.build(announcement.id, page))
    ]
    return "\n".join(lines), InlineKeyboardMarkup([row for row in (nav, nav_refresh) if row])


def _officer(context: HumasContext) -> Officer:
    assert context.officer is not None
    return context.officer


def handlers() -> list[BaseHandler[Update, HumasContext, Any]]:
    """The buttons on sent announcements and on their preview."""
    return [
        CallbackQueryHandler(on_acknowledge, pattern=announcements.ACK.matches),
        CallbackQueryHandler(on_preview_ack, pattern=announcements.PREVIEW_ACK.matches),
        CallbackQueryHandler(on_status, pattern=any_of(announcements.STATUS, STATUS_AT)),
    ]
