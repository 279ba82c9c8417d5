"""/jadwal: my announcements not sent yet — cancel one, or change its time.

Administrators see everyone's. Callback data: ``jd:cx:<id>`` asks to cancel,
``jd:cy:<id>`` confirms, ``jd:ls`` shows the list again, ``jd:rt:<id>`` asks for a new
time (a short dialogue). Every press re-checks on the server that the presser sent
the announcement (or is an administrator) and that its sending has not started.
"""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.core.callback_data import ID, Fixed, Route, any_of
from bot.core.texts import esc, fmt_datetime, fmt_short
from db import announcements as announcements_db
from db.announcements import Announcement
from handlers.buttons import button
from handlers.commands import spec
from handlers.context import HumasContext
from handlers.conversation import END, conversation, edit
from handlers.delivery_access import delivery
from handlers.guard import guarded, refuse
from handlers.when import read_time
from scheduler import announcements

LISTED = 15
RESCHEDULING = "schedule_rescheduling"
WAIT_TIME = 0
LIST = Fixed("jd:ls")
ASK_CANCEL = Route("jd:cx", ID)
CONFIRM_CANCEL = Route("jd:cy", ID)
MOVE = Route("jd:rt", ID)


async def _listing(context: HumasContext) -> tuple[str, InlineKeyboardMarkup | None]:
    officer = context.officer
    assert officer is not None
    items = await announcements_db.scheduled(
        context.db, None if officer.role == "admin" else officer.id
    )
    if not items:
        return context.t("schedule.empty"), None
    quiet = context.services.quiet
    lines = [context.t("schedule.header", count=len(items))]
    rows = []
    for item in items[:LISTED]:
        announcement = item.announcement
        line = context.t(
            "schedule.item",
            id=announcement.id,
            when=fmt_short(announcement.send_at, context.lang, context.tz),
            people=announcement.recipient_count,
            snippet=announcements.snippet(announcement.body),
        )
        if announcement.sender_id != officer.id:
            line += context.t("schedule.item_sender", name=esc(item.sender_name))
        if not announcement.urgent and quiet.contains(announcement.send_at):
            line += context.t(
                "schedule.item_quiet",
                when=fmt_short(quiet.release(announcement.send_at), context.lang, context.tz),
            )
        lines.append(line)
        rows.append(
            [
                button(
                    context,
                    "schedule.button.cancel",
                    ASK_CANCEL.build(announcement.id),
                    id=announcement.id,
                ),
                button(
                    context, "schedule.button.move", MOVE.build(announcement.id), id=announcement.id
                ),
            ]
        )
    if len(items) > LISTED:
        lines.append(context.t("schedule.more", count=len(items) - LISTED))
    return "\n\n".join(lines), InlineKeyboardMarkup(rows)


@guarded("coordinator")
async def list_scheduled(update: Update, context: HumasContext) -> None:
    assert update.effective_message is not None
    text, markup = await _listing(context)
    await update.effective_message.reply_html(text, reply_markup=markup)


async def _own(
    update: Update, context: HumasContext, announcement_id: int | None
) -> Announcement | None:
    """The announcement named by button data, if the presser may manage it; refuses otherwise."""
    officer = context.officer
    assert officer is not None and announcement_id is not None  # the handler's pattern
    announcement = await announcements_db.by_id(context.db, announcement_id)
    if announcement is None or not announcements.may_manage(officer, announcement):
        await refuse(update, context, context.t("denied.button"))
        return None
    return announcement


@guarded("coordinator")
async def on_action(update: Update, context: HumasContext) -> None:
    query = update.callback_query
    assert query is not None
    if LIST.matches(query.data):
        await query.answer()
        await edit(query, *await _listing(context))
        return
    asked = ASK_CANCEL.parse(query.data)
    announcement = await _own(
        update, context, asked if asked is not None else CONFIRM_CANCEL.parse(query.data)
    )
    if announcement is None:
        return
    if asked is not None:
        await query.answer()
        markup = InlineKeyboardMarkup(
            [
                [
                    button(
                        context, "schedule.button.confirm", CONFIRM_CANCEL.build(announcement.id)
                    ),
                    button(context, "button.back", LIST.data),
                ]
            ]
        )
        await edit(
            query,
            context.t(
                "schedule.confirm_cancel",
                id=announcement.id,
                snippet=announcements.snippet(announcement.body),
            ),
            markup,
        )
        return
    assert context.officer is not None
    if not await announcements.cancel(
        context.db, delivery(context), context.officer, announcement, context.clock.now()
    ):
        await refuse(update, context, context.t("schedule.too_late", id=announcement.id))
        return
    await query.answer()
    await edit(query, context.t("schedule.cancelled", id=announcement.id))


@guarded("coordinator")
async def ask_time(update: Update, context: HumasContext) -> int:
    query = update.callback_query
    assert query is not None
    announcement = await _own(update, context, MOVE.parse(query.data))
    if announcement is None:
        return END
    context.user_data[RESCHEDULING] = announcement.id
    await query.answer()
    await edit(
        query,
        context.t(
            "schedule.ask_time",
            id=announcement.id,
            when=fmt_datetime(announcement.send_at, context.lang, context.tz),
        ),
    )
    return WAIT_TIME


@guarded("coordinator")
async def on_time(update: Update, context: HumasContext) -> int:
    message = update.effective_message
    assert message is not None and message.text is not None and context.officer is not None
    moment = await read_time(update, context, message.text)
    if moment is None:
        return WAIT_TIME
    now = context.clock.now()
    announcement = await announcements_db.by_id(context.db, context.user_data.pop(RESCHEDULING, -1))
    if announcement is None or not announcements.may_manage(context.officer, announcement):
        await message.reply_text(context.t("denied.button"))
        return END
    if not await announcements.reschedule(
        context.db, delivery(context), context.officer, announcement, moment, now
    ):
        await message.reply_text(context.t("schedule.too_late", id=announcement.id))
        return END
    await message.reply_html(
        context.t(
            "schedule.moved",
            id=announcement.id,
            when=fmt_datetime(moment, context.lang, context.tz),
        )
    )
    return END


def _rescheduling() -> ConversationHandler[HumasContext]:
    """The dialogue that moves a scheduled announcement."""
    return conversation(
        "schedule",
        entry_points=[CallbackQueryHandler(ask_time, pattern=MOVE.matches)],
        states={WAIT_TIME: [MessageHandler(filters.TEXT & ~filters.COMMAND, on_time)]},
    )


def handlers() -> list[BaseHandler[Update, HumasContext, Any]]:
    """/jadwal: scheduled announcements, moving and cancelling them."""
    return [
        CommandHandler(["jadwal", *spec("jadwal").aliases], list_scheduled),
        _rescheduling(),
        CallbackQueryHandler(on_action, pattern=any_of(LIST, ASK_CANCEL, CONFIRM_CANCEL)),
    ]
