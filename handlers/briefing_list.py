"""/brief_kelola: every briefing that targets the coordinator's scope, newest first and
paged — scheduled, published and closed, the regency's too. Each shows its state, its
deadline and how many units of the scope reported (db/recap.py's rules); those the
coordinator manages (db/briefing_management.py) carry the deadline, text and close
buttons of handlers/briefings.py, every published one a "📊 Rekap" button.

Callback data (bot/core/callback_data.py): ``bm:pg:<page>`` a page of the list.
"""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.core.callback_data import INDEX, Route
from bot.core.texts import esc, fmt_short
from db import assignments as assignments_db
from db import briefing_management as management
from db import recap, recap_area, recap_lists
from db.briefings import Briefing
from db.officers import Officer
from handlers.briefings import CLOSE, DEADLINE, TEXT
from handlers.commands import spec
from handlers.context import HumasContext
from handlers.conversation import show
from handlers.guard import guarded
from handlers.recap_view import BRIEFING, cut, nav_row

PAGE = Route("bm:pg", INDEX)
PAGE_SIZE = 5


async def _item(
    context: HumasContext, viewer: Officer, briefing: Briefing, root_id: int
) -> tuple[str, list[list[InlineKeyboardButton]]]:
    lang, now = context.lang, context.clock.now()
    assert briefing.deadline is not None and briefing.publish_at is not None
    found = await recap.briefing_recap(context.db, viewer, briefing.id, now)
    if briefing.status == "closed":
        state = context.t("kelola.closed")
    elif briefing.is_live(now):
        state = context.t("manage.live")
    else:
        state = context.t("manage.scheduled", at=fmt_short(briefing.publish_at, lang, context.tz))
    if found is not None:
        done, total = found.totals.reported, found.totals.targeted
    else:
        progress = await assignments_db.progress(context.db, briefing.id)
        done, total = progress.done, progress.total
    manages = await management.can_manage(context.db, viewer, briefing)
    text = context.t(
        "kelola.item",
        id=briefing.id,
        title=esc(cut(briefing.title, 30)),
        state=state,
        deadline=fmt_short(briefing.deadline, lang, context.tz),
        done=done,
        total=total,
        mine="" if manages else context.t("kelola.not_mine"),
    )
    rows: list[list[InlineKeyboardButton]] = []
    if manages and briefing.status in ("scheduled", "published"):
        rows.append(
            [
                InlineKeyboardButton(
                    context.t("manage.button.deadline", id=briefing.id),
                    callback_data=DEADLINE.build(briefing.id),
                ),
                InlineKeyboardButton(
                    context.t("manage.button.text", id=briefing.id),
                    callback_data=TEXT.build(briefing.id),
                ),
                InlineKeyboardButton(
                    context.t("manage.button.close", id=briefing.id),
                    callback_data=CLOSE.build(briefing.id),
                ),
            ]
        )
    if found is not None:
        rows.append(
            [
                InlineKeyboardButton(
                    context.t("kelola.button.recap", id=briefing.id),
                    callback_data=BRIEFING.build(briefing.id, root_id, 0),
                )
            ]
        )
    return text, rows


async def list_screen(
    context: HumasContext, viewer: Officer, page: int
) -> tuple[str, InlineKeyboardMarkup | None]:
    _, total = await recap_lists.briefings_in_scope(context.db, viewer, limit=0)
    if total == 0:
        return context.t("kelola.none"), None
    count = -(-total // PAGE_SIZE)
    page = min(page, count - 1)
    briefings, _ = await recap_lists.briefings_in_scope(
        context.db, viewer, offset=page * PAGE_SIZE, limit=PAGE_SIZE
    )
    root = (await recap_area.area_of(context.db, viewer)).root.id
    header = context.t("kelola.header", total=total)
    if count > 1:
        header += "\n" + context.t("rekap.pick.page", page=page + 1, pages=count)
    items, rows = [header], []
    for briefing in briefings:
        text, buttons = await _item(context, viewer, briefing, root)
        items.append(text)
        rows.extend(buttons)
    nav = nav_row(context.lang, page, count, PAGE.build)
    if nav:
        rows.append(nav)
    return "\n\n".join(items), InlineKeyboardMarkup(rows) if rows else None


@guarded("coordinator")
async def manage(update: Update, context: HumasContext) -> None:
    officer, message = context.officer, update.effective_message
    assert officer is not None and message is not None
    text, markup = await list_screen(context, officer, 0)
    await message.reply_html(text, reply_markup=markup)


@guarded("coordinator")
async def on_page(update: Update, context: HumasContext) -> None:
    query, officer = update.callback_query, context.officer
    assert query is not None and officer is not None
    page = PAGE.parse(query.data)
    assert page is not None  # the handler's pattern
    await show(update, *await list_screen(context, officer, page))


def handlers() -> list[BaseHandler[Update, HumasContext, Any]]:
    """/brief_kelola and its pages."""
    return [
        CommandHandler(["brief_kelola", *spec("brief_kelola").aliases], manage),
        CallbackQueryHandler(on_page, pattern=PAGE.matches),
    ]
