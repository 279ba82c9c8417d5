"""Briefings after publishing: /brief (/pesan), /tenggat, "Lihat materi", and the
buttons of /brief_kelola (listed by handlers/briefing_list.py).

Officers see their unit's open briefings with the unit's status and its deadlines.
Coordinators manage the briefings of their scope: change the deadline or the key
message (officers get a short "diperbarui" notice), or close one.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.core.callback_data import ID, Fixed, Route
from bot.core.texts import esc, fmt_datetime, fmt_short
from db import assignments as assignments_db
from db import briefing_management as management
from db import briefings as briefings_db
from db.audit import Actor
from db.briefings import Briefing, BriefingError, BriefingProblem
from db.scope import OutOfScope
from handlers import shortcuts
from handlers.briefing_compose_view import problem_text
from handlers.commands import spec
from handlers.context import HumasContext
from handlers.conversation import END, conversation, remove_keyboard
from handlers.delivery_access import delivery
from handlers.guard import guarded, refuse
from handlers.replies import pressed_message
from handlers.unit_picker import unit_label
from handlers.when import read_time
from scheduler import briefing_lifecycle as lifecycle
from scheduler import briefings as sending
from scheduler.briefing_view import MATERIAL, REPORT, fits

DEADLINE = Route("bm:dl", ID)
TEXT = Route("bm:tx", ID)
CLOSE = Route("bm:cl", ID)
CLOSE_YES = Route("bm:cly", ID)
CLOSE_NO = Fixed("bm:cln")
ASK_DEADLINE, ASK_TEXT = range(2)
_EDITING = "briefing.editing"
_SEEN = "briefing.seen"  # the deadline or key message the person was shown
_LISTED = 10


def _cut(text: str, size: int = 28) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


@guarded("officer")
async def brief(update: Update, context: HumasContext) -> None:
    """My unit's open briefings, nearest deadline first, with the unit's status."""
    officer = context.officer
    message = update.effective_message
    assert officer is not None and message is not None
    now = context.clock.now()
    items = await assignments_db.open_briefings(context.db, officer.unit_id, now)
    unit = await unit_label(context.db, context.lang, officer.unit_id, kecamatan=False)
    if not items:
        await message.reply_html(context.t("brief.none", unit=unit))
        return
    lines = [context.t("brief.header", unit=unit)]
    rows = []
    for number, item in enumerate(items[:_LISTED], start=1):
        status = item.unit_status(now)
        lines.append(
            context.t(
                "brief.item",
                number=number,
                title=esc(item.title),
                deadline=fmt_short(item.deadline, context.lang, context.tz),
                mark=context.t(f"unitstatus.mark.{status}"),
                status=context.t(f"unitstatus.{status}"),
            )
        )
        rows.append(
            [
                InlineKeyboardButton(
                    context.t("brief.button.report", number=number),
                    callback_data=REPORT.build(item.briefing_id),
                ),
                InlineKeyboardButton(
                    context.t("brief.button.material", number=number),
                    callback_data=MATERIAL.build(item.briefing_id),
                ),
            ]
        )
    if len(items) > _LISTED:
        lines.append(context.t("brief.more", count=len(items) - _LISTED))
    await message.reply_html("\n".join(lines), reply_markup=InlineKeyboardMarkup(rows))


@guarded("officer")
async def tenggat(update: Update, context: HumasContext) -> None:
    """My unit's deadlines of the next 14 days and the overdue ones, in one compact message."""
    officer = context.officer
    message = update.effective_message
    assert officer is not None and message is not None
    now = context.clock.now()
    items = await assignments_db.deadlines(context.db, officer.unit_id, now)
    if not items:
        await message.reply_text(context.t("tenggat.none"))
        return
    lines = [context.t("tenggat.header", days=assignments_db.DEADLINE_WINDOW.days)]
    for item in items:
        status = item.unit_status(now)
        lines.append(
            context.t(
                "tenggat.item",
                mark=context.t(f"unitstatus.mark.{status}"),
                deadline=fmt_short(item.deadline, context.lang, context.tz),
                title=esc(_cut(item.title, 60)),
                status=context.t(f"unitstatus.{status}"),
            )
        )
    await message.reply_html("\n".join(lines))


@guarded("officer")
async def material(update: Update, context: HumasContext) -> None:
    """The "Lihat materi" button: the whole briefing and its attachments, sent again."""
    query = update.callback_query
    officer = context.officer
    assert query is not None and query.data is not None and officer is not None
    briefing_id = MATERIAL.parse(query.data)
    assert briefing_id is not None  # the handler's pattern
    briefing = await briefings_db.by_id(context.db, briefing_id)
    allowed = briefing is not None and (
        await management.can_manage(context.db, officer, briefing)
        or (
            briefing.was_published(context.clock.now())
            and await assignments_db.for_unit(context.db, briefing.id, officer.unit_id) is not None
        )
    )
    if not allowed:
        await refuse(update, context, context.t("submit.refused.not_targeted"))
        return
    assert briefing is not None
    await query.answer(context.t("brief.material_sent"))
    await sending.send_material(context.db, delivery(context), officer, briefing, context.tz)


# ---- managing published briefings ----------------------------------------------------------


async def _managed(update: Update, context: HumasContext, button: Route[int]) -> Briefing | None:
    """The briefing a management ``button`` names, if the presser may manage it and it is open.

    The press is answered: with a refusal, or silently when the briefing is returned.
    """
    query = update.callback_query
    officer = context.officer
    assert query is not None and query.data is not None and officer is not None
    briefing_id = button.parse(query.data)
    assert briefing_id is not None  # the handler's pattern
    briefing = await briefings_db.by_id(context.db, briefing_id)
    if briefing is None or not await management.can_manage(context.db, officer, briefing):
        await refuse(update, context, context.t("denied.scope"))
        return None
    if briefing.status not in ("scheduled", "published"):
        await refuse(update, context, context.t("manage.problem.not_editable"))
        return None
    await query.answer()
    return briefing


@guarded("coordinator")
async def ask_deadline(update: Update, context: HumasContext) -> int:
    briefing = await _managed(update, context, DEADLINE)
    if briefing is None:
        return END
    assert briefing.deadline is not None
    question = context.t(
        "manage.ask_deadline",
        title=esc(briefing.title),
        deadline=fmt_datetime(briefing.deadline, context.lang, context.tz),
    )
    seen = briefing.deadline.isoformat()
    return await _ask_new_value(update, context, briefing, question, ASK_DEADLINE, seen)


@guarded("coordinator")
async def ask_text(update: Update, context: HumasContext) -> int:
    briefing = await _managed(update, context, TEXT)
    if briefing is None:
        return END
    question = context.t(
        "manage.ask_text", title=esc(briefing.title), text=esc(briefing.key_message)
    )
    return await _ask_new_value(update, context, briefing, question, ASK_TEXT, briefing.key_message)


async def _ask_new_value(
    update: Update,
    context: HumasContext,
    briefing: Briefing,
    question: str,
    state: int,
    seen: str,
) -> int:
    """Remember which briefing changes (re-checked by :func:`_editing`) and what the person
    was shown (a change by somebody else meanwhile is refused), and ask for the value."""
    context.user_data[_EDITING] = briefing.id
    context.user_data[_SEEN] = seen
    assert update.effective_message is not None
    await update.effective_message.reply_html(question)
    return state


async def _changed(
    update: Update, context: HumasContext, result: lifecycle.Changed, change: sending.Change
) -> int:
    context.user_data.pop(_EDITING, None)
    context.user_data.pop(_SEEN, None)
    briefing, told = result.briefing, result.told
    assert update.effective_message is not None and briefing.deadline is not None
    await update.effective_message.reply_html(
        context.t(
            f"manage.changed.{change}",
            title=esc(briefing.title),
            count=told,
            deadline=fmt_datetime(briefing.deadline, context.lang, context.tz),
        )
    )
    return END


def _actor(context: HumasContext) -> Actor:
    officer = context.officer
    assert officer is not None
    return Actor.officer(officer.id, officer.telegram_id)


async def _editing(update: Update, context: HumasContext) -> Briefing | None:
    """Re-check, when the new value arrives, that the person may still manage the briefing."""
    officer = context.officer
    assert officer is not None
    briefing_id = context.user_data.get(_EDITING)
    briefing = await briefings_db.by_id(context.db, briefing_id) if briefing_id else None
    if briefing is None or not await management.can_manage(context.db, officer, briefing):
        context.user_data.pop(_EDITING, None)
        context.user_data.pop(_SEEN, None)
        await refuse(update, context, context.t("denied.changed"))
        return None
    return briefing


@guarded("coordinator")
async def got_deadline(update: Update, context: HumasContext) -> int:
    message = update.effective_message
    assert message is not None and message.text is not None
    briefing = await _editing(update, context)
    if briefing is None:
        return END
    when = await read_time(update, context, message.text, default_time=briefings_db.DEADLINE_TIME)
    if when is None:
        return ASK_DEADLINE
    seen = context.user_data.get(_SEEN)
    try:
        changed = await lifecycle.change_deadline(
            context.services,
            briefing.id,
            when,
            actor=_actor(context),
            now=context.clock.now(),
            seen=datetime.fromisoformat(seen) if seen else None,
        )
    except OutOfScope:
        return await _refused_meanwhile(update, context, "denied.changed")
    except BriefingError as error:
        if error.problem.value.startswith("deadline"):
            await message.reply_text(context.t(f"manage.problem.{error.problem.value}"))
            return ASK_DEADLINE
        return await _refused_meanwhile(update, context, f"manage.problem.{error.problem.value}")
    return await _changed(update, context, changed, "deadline")


@guarded("coordinator")
async def got_text(update: Update, context: HumasContext) -> int:
    message = update.effective_message
    assert message is not None and message.text is not None
    briefing = await _editing(update, context)
    if briefing is None:
        return END
    attempt = replace(briefing, key_message=message.text.strip())
    program = await sending.program_name(context.db, briefing)
    if not fits(attempt, program, context.tz):
        await message.reply_text(context.t("compose.problem.too_long_total"))
        return ASK_TEXT
    try:
        changed = await lifecycle.change_key_message(
            context.services,
            briefing.id,
            message.text,
            actor=_actor(context),
            now=context.clock.now(),
            seen=context.user_data.get(_SEEN),
        )
    except OutOfScope:
        return await _refused_meanwhile(update, context, "denied.changed")
    except BriefingError as error:
        if error.problem in (BriefingProblem.EMPTY, BriefingProblem.TOO_LONG):
            await message.reply_text(problem_text(context, error))
            return ASK_TEXT
        return await _refused_meanwhile(update, context, f"manage.problem.{error.problem.value}")
    return await _changed(update, context, changed, "key_message")


async def _refused_meanwhile(update: Update, context: HumasContext, key: str) -> int:
    """The change met a closed briefing, somebody else's change, or a scope that moved."""
    context.user_data.pop(_EDITING, None)
    context.user_data.pop(_SEEN, None)
    assert update.effective_message is not None
    await update.effective_message.reply_text(context.t(key))
    return END


@guarded("coordinator")
async def ask_close(update: Update, context: HumasContext) -> None:
    query = update.callback_query
    assert query is not None
    message = pressed_message(query)
    assert message is not None
    briefing = await _managed(update, context, CLOSE)
    if briefing is None:
        return
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    context.t("manage.button.close_yes"), callback_data=CLOSE_YES.build(briefing.id)
                ),
                InlineKeyboardButton(context.t("button.cancel"), callback_data=CLOSE_NO.data),
            ]
        ]
    )
    await message.reply_html(
        context.t("manage.ask_close", title=esc(briefing.title)), reply_markup=keyboard
    )


@guarded("coordinator")
async def close(update: Update, context: HumasContext) -> None:
    query = update.callback_query
    assert query is not None
    message = pressed_message(query)
    assert message is not None
    briefing = await _managed(update, context, CLOSE_YES)
    if briefing is None:
        return
    await remove_keyboard(query)
    try:
        result = await lifecycle.close(
            context.services, briefing.id, actor=_actor(context), now=context.clock.now()
        )
    except OutOfScope:
        await message.reply_text(context.t("denied.changed"))
        return
    except BriefingError:
        await message.reply_html(context.t("manage.already_closed", title=esc(briefing.title)))
        return
    closed = result.briefing
    progress = await assignments_db.progress(context.db, closed.id)
    await message.reply_html(
        context.t(
            "manage.closed_withdrawn" if result.withdrawn else "manage.closed",
            title=esc(closed.title),
            done=progress.done,
            total=progress.total,
        )
    )


@guarded("coordinator")
async def close_cancelled(update: Update, context: HumasContext) -> None:
    query = update.callback_query
    assert query is not None
    message = pressed_message(query)
    assert message is not None
    await query.answer()
    await remove_keyboard(query)
    await message.reply_text(context.t("conversation.cancelled"))


_TEXT = filters.TEXT & ~filters.COMMAND


def handlers() -> list[BaseHandler[Update, HumasContext, Any]]:
    """Reading briefings and their material; changing and closing them."""
    return [
        CommandHandler(["brief", *spec("brief").aliases], brief),
        MessageHandler(shortcuts.pressed("brief"), brief),
        CommandHandler(["tenggat", *spec("tenggat").aliases], tenggat),
        MessageHandler(shortcuts.pressed("tenggat"), tenggat),
        CallbackQueryHandler(material, pattern=MATERIAL.matches),
        conversation(
            "briefing_edit",
            entry_points=[
                CallbackQueryHandler(ask_deadline, pattern=DEADLINE.matches),
                CallbackQueryHandler(ask_text, pattern=TEXT.matches),
            ],
            states={
                ASK_DEADLINE: [MessageHandler(_TEXT, got_deadline)],
                ASK_TEXT: [MessageHandler(_TEXT, got_text)],
            },
        ),
        CallbackQueryHandler(ask_close, pattern=CLOSE.matches),
        CallbackQueryHandler(close, pattern=CLOSE_YES.matches),
        CallbackQueryHandler(close_cancelled, pattern=CLOSE_NO.matches),
    ]
