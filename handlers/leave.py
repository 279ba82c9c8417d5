"""/cuti: an officer pauses their own reminders until the end of a date, or ends that early."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from bot.core.texts import fmt_date
from db import leave as leave_db
from db.audit import Actor
from handlers.commands import spec
from handlers.context import HumasContext
from handlers.guard import guarded
from scheduler.holidays import parse_day

END_WORDS = {"selesai", "akhiri", "end", "stop"}


@guarded("officer")
async def leave(update: Update, context: HumasContext) -> None:
    officer = context.officer
    message = update.effective_message
    assert officer is not None and message is not None
    db, now, zone = context.db, context.clock.now(), context.tz
    max_days = context.config.schedule.max_leave_days
    usage = context.t("leave.usage", max=max_days)
    args = context.args or []
    if not args:
        until = await leave_db.leave_until(db, officer.id, now)
        status = (
            context.t(
                "leave.status_on", day=fmt_date(until - timedelta(seconds=1), context.lang, zone)
            )
            if until is not None
            else context.t("leave.status_off")
        )
        await message.reply_html(f"{status}\n\n{usage}")
        return
    actor = Actor.officer(officer.id, officer.telegram_id)
    if args[0].lower() in END_WORDS:
        ended = await leave_db.end_leave(db, officer.id, actor=actor, at=now)
        await message.reply_html(context.t("leave.ended" if ended else "leave.not_on_leave"))
        return
    day = parse_day(" ".join(args))
    today = now.astimezone(zone).date()
    if day is None:
        await message.reply_html(f"{context.t('leave.bad_date')}\n\n{usage}")
        return
    if day < today:
        await message.reply_html(context.t("leave.past"))
        return
    if day >= today + timedelta(days=max_days):
        await message.reply_html(context.t("leave.too_long", max=max_days))
        return
    until = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)
    await leave_db.set_leave(db, officer.id, until, actor=actor, at=now)
    others = await leave_db.others_reachable(db, officer.id, officer.unit_id, now)
    shown = fmt_date(until - timedelta(seconds=1), context.lang, zone)
    follow = context.t("leave.others", count=others) if others else context.t("leave.alone")
    await message.reply_html(f"{context.t('leave.set', day=shown)}\n{follow}")


def handlers() -> list[BaseHandler[Update, HumasContext, Any]]:
    """/cuti."""
    return [CommandHandler(["cuti", *spec("cuti").aliases], leave)]
