"""/libur (administrators): the days off ahead, and adding or removing extra ones.

National holidays and cuti bersama come from the ``holidays`` package and cannot be
removed here; extra days (e.g. a regional day off) are added with a note. A change
re-derives the scheduler's jobs at once (a digest may move).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from bot.core.texts import esc, fmt_date
from db import days_off as days_off_db
from db.audit import Actor
from db.days_off import DayOffError
from handlers.commands import spec
from handlers.context import HumasContext
from handlers.guard import guarded
from scheduler.holidays import load_calendar, national_holidays, parse_day

LISTED_DAYS = 90
REMOVE_WORDS = {"hapus", "remove", "delete"}


def _shown(context: HumasContext, day: date) -> str:
    return fmt_date(datetime.combine(day, time(12), tzinfo=context.tz), context.lang, context.tz)


@guarded("admin")
async def days_off(update: Update, context: HumasContext) -> None:
    officer = context.officer
    message = update.effective_message
    assert officer is not None and message is not None
    args = context.args or []
    now = context.clock.now()
    today = now.astimezone(context.tz).date()
    if not args:
        calendar = await load_calendar(context.db)
        lines = [context.t("daysoff.header", days=LISTED_DAYS)]
        found = calendar.days_off_between(today, today + timedelta(days=LISTED_DAYS), context.lang)
        for listed, name in found:
            key = "daysoff.line_added" if listed in calendar.extra else "daysoff.line"
            lines.append(context.t(key, day=_shown(context, listed), name=esc(name)))
        if not found:
            lines.append(context.t("daysoff.none"))
        lines += ["", context.t("daysoff.usage")]
        await message.reply_html("\n".join(lines))
        return
    actor = Actor.officer(officer.id, officer.telegram_id)
    removing = args[0].lower() in REMOVE_WORDS
    day = parse_day(args[1] if removing and len(args) > 1 else args[0])
    if day is None:
        await message.reply_html(
            f"{context.t('daysoff.problem.bad_date')}\n\n{context.t('daysoff.usage')}"
        )
        return
    try:
        if removing:
            await days_off_db.remove(context.db, day, actor=actor, at=now)
            reply = context.t("daysoff.removed", day=_shown(context, day))
        else:
            national = national_holidays(day.year, context.lang).get(day)
            if national is not None:
                await message.reply_html(context.t("daysoff.problem.national", name=esc(national)))
                return
            added = await days_off_db.add(
                context.db, day, " ".join(args[1:]), today=today, actor=actor, at=now
            )
            reply = context.t("daysoff.added", day=_shown(context, day), note=esc(added.note))
    except DayOffError as error:
        await message.reply_html(context.t(f"daysoff.problem.{error.problem.value}"))
        return
    schedule = context.services.schedule
    if schedule is not None:
        await schedule.sync()
    await message.reply_html(reply)


def handlers() -> list[BaseHandler[Update, HumasContext, Any]]:
    """/libur."""
    return [CommandHandler(["libur", *spec("libur").aliases], days_off)]
