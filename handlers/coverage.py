"""Coverage in /petugas: the units of one's scope with no active officer, an "Undang" each.

"📍 Unit tanpa petugas" on the first screen of /petugas opens the list (paged, in
place). "Undang" makes an officers' invitation for that unit (handlers/invite_bulk.py)
and sends its link with Telegram's share button. The list is read again on every
press within the presser's scope (db/coverage.py); the unit is checked again when the
invitation is made.
"""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.core.callback_data import ID, INDEX, Route
from bot.core.texts import unit_label
from db import coverage as coverage_db
from db import units as units_db
from db.officers import Officer
from handlers.buttons import page_turn
from handlers.context import HumasContext
from handlers.conversation import edit
from handlers.guard import guarded, refuse
from handlers.invite_bulk import make_link, share_button

PAGE_SIZE = 8
PAGE = Route("cv:p", INDEX)
INVITE = Route("cv:i", ID)


async def open_button(context: HumasContext, officer: Officer) -> InlineKeyboardButton | None:
    """The button on /petugas' first screen, when some unit of the scope has nobody."""
    _, total = await coverage_db.uncovered(context.db, officer, offset=0, limit=0)
    if total == 0:
        return None
    return InlineKeyboardButton(
        context.t("coverage.button", count=total), callback_data=PAGE.build(0)
    )


@guarded("coordinator")
async def on_page(update: Update, context: HumasContext) -> None:
    query, officer = update.callback_query, context.officer
    assert query is not None and officer is not None
    page = PAGE.parse(query.data) or 0
    units, total = await coverage_db.uncovered(
        context.db, officer, offset=page * PAGE_SIZE, limit=PAGE_SIZE
    )
    await query.answer()
    if not units:
        await edit(query, context.t("coverage.none"))
        return
    pages = (total + PAGE_SIZE - 1) // PAGE_SIZE
    rows = [
        [
            InlineKeyboardButton(
                context.t("coverage.invite", unit=unit_label(context.lang, unit.kind, unit.name)),
                callback_data=INVITE.build(unit.id),
            )
        ]
        for unit in units
    ]
    turn = page_turn(page, pages, PAGE.build)
    if turn:
        rows.append(turn)
    text = context.t("coverage.title", total=total, page=page + 1, pages=pages)
    await edit(query, text, InlineKeyboardMarkup(rows))


@guarded("coordinator")
async def on_invite(update: Update, context: HumasContext) -> None:
    query, officer = update.callback_query, context.officer
    assert query is not None and officer is not None and query.message is not None
    unit = await units_db.by_id(context.db, INVITE.parse(query.data) or 0)
    made = await make_link(context, officer, unit, kecamatan_link=False) if unit else None
    if made is None:
        await refuse(update, context, context.t("denied.scope"))
        return
    await query.answer()
    label, link = made
    button = share_button(context, context.t("bulk.share_button", unit=label), link, label)
    assert update.effective_message is not None
    await update.effective_message.reply_html(
        context.t("coverage.link", unit=label, link=link),
        reply_markup=InlineKeyboardMarkup([[button]]),
        disable_web_page_preview=True,
    )


def handlers() -> list[BaseHandler[Update, HumasContext, Any]]:
    """The coverage list's pages and its "Undang" buttons."""
    return [
        CallbackQueryHandler(on_page, pattern=PAGE.matches),
        CallbackQueryHandler(on_invite, pattern=INVITE.matches),
    ]
