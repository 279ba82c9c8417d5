"""The "Rincian" pages of a summarised push: the units behind an escalation or a notice.

A push that would not fit on one screen (scheduler/screen.py) is a summary with a
"Rincian" button. Pressing it sends the first page as a new message; its "◀" / "▶"
buttons turn that page in place. The button names only the briefing and the page:
the units are read again from the database within the presser's scope now
(db/details.py), so a stale or forged button lists nothing beyond it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.core.callback_data import ID, INDEX, Pair, Route, any_of
from bot.core.texts import esc, t, unit_label
from db import details as details_db
from db.details import ListedUnit
from handlers.buttons import page_turn
from handlers.context import HumasContext
from handlers.conversation import edit
from handlers.guard import guarded
from scheduler.screen import ESCALATION_DETAILS, UNREACHED_DETAILS

PAGE_SIZE = 20
ESCALATION_PAGE = Pair("dt:esp", ID, INDEX)
UNREACHED_PAGE = Route("dt:unp", INDEX)


def _group(lang: str, unit: ListedUnit) -> str:
    if unit.kind == "kecamatan":
        return unit_label(lang, unit.kind, unit.name)
    if unit.kind in ("desa", "kelurahan") and unit.parent_kind and unit.parent_name:
        return unit_label(lang, unit.parent_kind, unit.parent_name)
    return t(lang, "escalation.other_units")


def _lines(lang: str, units: Sequence[ListedUnit]) -> list[str]:
    """The units under a bold line per kecamatan (offices and agencies in their own group)."""
    lines: list[str] = []
    group = None
    for unit in units:
        title = _group(lang, unit)
        if title != group:
            lines.append(f"<b>{title}</b>")
            group = title
        line = "• " + unit_label(lang, unit.kind, unit.name)
        if unit.kind == "kecamatan":
            line += t(lang, "escalation.office")
        if unit.reason is not None:
            line += " — " + t(lang, f"unreachable.reason.{unit.reason}")
        lines.append(line)
    return lines


def _pages(total: int) -> int:
    return max(1, (total + PAGE_SIZE - 1) // PAGE_SIZE)


def _navigation(lang: str, page: int, total: int, build: Any) -> InlineKeyboardMarkup | None:
    previous, following = t(lang, "details.previous"), t(lang, "details.next")
    row = page_turn(page, _pages(total), build, previous, following)
    return InlineKeyboardMarkup([row]) if row else None


async def _answer(
    update: Update, context: HumasContext, text: str, markup: InlineKeyboardMarkup | None
) -> None:
    """A first page as a new message under the summary; a turned page in place."""
    query = update.callback_query
    assert query is not None and query.message is not None
    await query.answer()
    if ESCALATION_DETAILS.matches(query.data) or UNREACHED_DETAILS.matches(query.data):
        assert update.effective_message is not None
        await update.effective_message.reply_html(text, reply_markup=markup)
    else:
        await edit(query, text, markup)


@guarded("coordinator")
async def escalation_page(update: Update, context: HumasContext) -> None:
    query, officer = update.callback_query, context.officer
    assert query is not None and officer is not None
    pressed = ESCALATION_DETAILS.parse(query.data) or ESCALATION_PAGE.parse(query.data)
    assert pressed is not None  # the handler's pattern
    briefing_id, page = pressed
    lang = context.lang
    units, total = await details_db.open_units(
        context.db, officer, briefing_id, offset=page * PAGE_SIZE, limit=PAGE_SIZE
    )
    title = await details_db.briefing_title(context.db, briefing_id)
    if title is None or not units:
        await _answer(update, context, t(lang, "details.none"), None)
        return
    header = t(
        lang,
        "details.escalation",
        id=briefing_id,
        title=esc(title),
        total=total,
        page=page + 1,
        pages=_pages(total),
    )
    text = "\n".join([header, *_lines(lang, units)])
    markup = _navigation(lang, page, total, lambda p: ESCALATION_PAGE.build(briefing_id, p))
    await _answer(update, context, text, markup)


@guarded("coordinator")
async def unreached_page(update: Update, context: HumasContext) -> None:
    query, officer = update.callback_query, context.officer
    assert query is not None and officer is not None
    page = UNREACHED_DETAILS.parse(query.data)
    if page is None:
        page = UNREACHED_PAGE.parse(query.data)
    assert page is not None  # the handler's pattern
    lang = context.lang
    units, total = await details_db.unreached_units(
        context.db, officer, offset=page * PAGE_SIZE, limit=PAGE_SIZE
    )
    if not units:
        await _answer(update, context, t(lang, "details.none"), None)
        return
    header = t(lang, "details.unreached", total=total, page=page + 1, pages=_pages(total))
    text = "\n".join([header, *_lines(lang, units)])
    await _answer(update, context, text, _navigation(lang, page, total, UNREACHED_PAGE.build))


def handlers() -> list[BaseHandler[Update, HumasContext, Any]]:
    """The "Rincian" buttons of summarised pushes and their pages."""
    return [
        CallbackQueryHandler(escalation_page, pattern=any_of(ESCALATION_DETAILS, ESCALATION_PAGE)),
        CallbackQueryHandler(unreached_page, pattern=any_of(UNREACHED_DETAILS, UNREACHED_PAGE)),
    ]
