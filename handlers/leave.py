"""/cuti: an officer pauses their own reminders until the end of a day, or ends that early.

``/cuti`` alone shows the status with buttons (3 hari, 1 minggu, 2 minggu, pilih
tanggal, and "Akhiri cuti" while on leave): a press records the leave at once.
"Pilih tanggal" asks for the last day, typed as :func:`bot.core.timeparse.parse_last_day`
reads it (``31 Desember``, ``besok``, ``7 hari``); ``/cuti <that>`` does the same in one go.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.core.callback_data import Fixed, Number, Route
from bot.core.texts import fmt_date
from bot.core.timeparse import TimeParseError, parse_last_day
from db import leave as leave_db
from db.audit import Actor
from handlers.commands import spec
from handlers.context import HumasContext
from handlers.conversation import END, conversation, show
from handlers.guard import guarded

END_WORDS = {"selesai", "akhiri", "end", "stop"}
BUTTON_DAYS = ((3, "leave.button.days"), (7, "leave.button.week"), (14, "leave.button.weeks"))
LENGTH = Route("lv:n", Number(1, 366))
PICK = Fixed("lv:pick")
FINISH = Fixed("lv:end")
ASK_DAY = 0
_TEXT = filters.TEXT & ~filters.COMMAND


def _keyboard(context: HumasContext, on_leave: bool) -> InlineKeyboardMarkup:
    rows = [
        [
            InlineKeyboardButton(
                context.t(key, days=days, weeks=days // 7), callback_data=LENGTH.build(days)
            )
            for days, key in BUTTON_DAYS
        ],
        [InlineKeyboardButton(context.t("leave.button.pick"), callback_data=PICK.data)],
    ]
    if on_leave:
        rows.append(
            [InlineKeyboardButton(context.t("leave.button.end"), callback_data=FINISH.data)]
        )
    return InlineKeyboardMarkup(rows)


def _today(context: HumasContext) -> date:
    return context.clock.now().astimezone(context.tz).date()


async def _record(update: Update, context: HumasContext, last_day: date) -> bool:
    """Record leave through ``last_day``; False (and why, said) when it is too far off."""
    officer = context.officer
    assert officer is not None
    max_days = context.config.schedule.max_leave_days
    if last_day >= _today(context) + timedelta(days=max_days):
        await show(update, context.t("leave.too_long", max=max_days))
        return False
    now, zone = context.clock.now(), context.tz
    until = datetime.combine(last_day + timedelta(days=1), time(0), tzinfo=zone)
    actor = Actor.officer(officer.id, officer.telegram_id)
    await leave_db.set_leave(context.db, officer.id, until, actor=actor, at=now)
    others = await leave_db.others_reachable(context.db, officer.id, officer.unit_id, now)
    shown = fmt_date(until - timedelta(seconds=1), context.lang, zone)
    follow = context.t("leave.others", count=others) if others else context.t("leave.alone")
    await show(update, f"{context.t('leave.set', day=shown)}\n{follow}")
    return True


async def _end(update: Update, context: HumasContext) -> None:
    officer = context.officer
    assert officer is not None
    actor = Actor.officer(officer.id, officer.telegram_id)
    ended = await leave_db.end_leave(context.db, officer.id, actor=actor, at=context.clock.now())
    await show(update, context.t("leave.ended" if ended else "leave.not_on_leave"))


async def _typed_day(update: Update, context: HumasContext, text: str) -> bool:
    """Record leave through the day ``text`` names; False when it cannot be used."""
    usage = context.t("leave.usage", max=context.config.schedule.max_leave_days)
    try:
        last_day = parse_last_day(text, _today(context))
    except TimeParseError as exc:
        key = "leave.past" if exc.key == "time.past" else "leave.bad_date"
        await show(update, f"{context.t(key)}\n\n{usage}")
        return False
    return await _record(update, context, last_day)


@guarded("officer")
async def leave(update: Update, context: HumasContext) -> int:
    officer = context.officer
    assert officer is not None and update.effective_message is not None
    args = context.args or []
    if args and args[0].lower() in END_WORDS:
        await _end(update, context)
        return END
    if args:
        await _typed_day(update, context, " ".join(args))
        return END
    zone = context.tz
    until = await leave_db.leave_until(context.db, officer.id, context.clock.now())
    status = (
        context.t("leave.status_on", day=fmt_date(until - timedelta(seconds=1), context.lang, zone))
        if until is not None
        else context.t("leave.status_off")
    )
    usage = context.t("leave.usage", max=context.config.schedule.max_leave_days)
    await update.effective_message.reply_html(
        f"{status}\n\n{usage}", reply_markup=_keyboard(context, until is not None)
    )
    return END


@guarded("officer")
async def on_length(update: Update, context: HumasContext) -> None:
    query = update.callback_query
    assert query is not None
    days = LENGTH.parse(query.data)
    assert days is not None  # the pattern matched
    await _record(update, context, _today(context) + timedelta(days=days - 1))


@guarded("officer")
async def on_finish(update: Update, context: HumasContext) -> None:
    await _end(update, context)


@guarded("officer")
async def on_pick(update: Update, context: HumasContext) -> int:
    await show(update, context.t("leave.ask_day"))
    return ASK_DAY


@guarded("officer")
async def on_day(update: Update, context: HumasContext) -> int | None:
    assert update.effective_message is not None
    recorded = await _typed_day(update, context, update.effective_message.text or "")
    return END if recorded else None


def handlers() -> list[BaseHandler[Update, HumasContext, Any]]:
    """/cuti, its buttons, and the typed last day after "Pilih tanggal"."""
    return [
        conversation(
            "leave",
            entry_points=[
                CommandHandler(["cuti", *spec("cuti").aliases], leave),
                CallbackQueryHandler(on_pick, pattern=PICK.matches),
            ],
            states={ASK_DAY: [MessageHandler(_TEXT, on_day)]},
        ),
        CallbackQueryHandler(on_length, pattern=LENGTH.matches),
        CallbackQueryHandler(on_finish, pattern=FINISH.matches),
    ]
