"""/status (administrators): version, uptime, health, backlog, last backup, last error.

The same figures as ``/metrics`` (scheduler/metrics.py), in one message; the last
error is its type and time only, never its text.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from babel.dates import format_timedelta
from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from bot.core.texts import esc, fmt_short
from handlers.commands import spec
from handlers.context import HumasContext
from handlers.guard import guarded
from scheduler.status import StatusReport, status_report


def _span(context: HumasContext, span: timedelta) -> str:
    return format_timedelta(span, locale=context.lang, threshold=1.5)


def _health(context: HumasContext, report: StatusReport) -> str:
    if not report.problems:
        return context.t("status.healthy")
    lines = [context.t("status.unhealthy")]
    for problem in report.problems:
        silent = _span(context, timedelta(seconds=problem.seconds))
        lines.append(context.t(f"status.problem.{problem.code}", silent=silent))
    return "\n".join(lines)


def render(context: HumasContext, report: StatusReport) -> str:
    now = context.clock.now()
    backup = (
        context.t(
            "status.backup",
            at=fmt_short(report.backup_at, context.lang, context.tz),
            age=_span(context, now - report.backup_at),
        )
        if report.backup_at is not None
        else context.t("status.no_backup")
    )
    error = (
        context.t(
            "status.error",
            kind=esc(report.last_error.kind),
            at=fmt_short(report.last_error.at, context.lang, context.tz),
        )
        if report.last_error is not None
        else context.t("status.no_error")
    )
    return context.t(
        "status.text",
        version=esc(report.version),
        uptime=_span(context, report.uptime),
        health=_health(context, report),
        pending=report.backlog.get("pending", 0),
        sending=report.backlog.get("sending", 0),
        updates=report.updates,
        sent=report.deliveries["sent"],
        blocked=report.deliveries["blocked"],
        failed=report.deliveries["failed"] + report.deliveries["ambiguous"],
        retry_after=report.retry_after,
        reminders=report.reminders,
        errors=report.errors,
        stored=report.files.get("stored", 0),
        waiting=report.files.get("waiting", 0),
        too_big=report.files.get("too_big", 0),
        refused=report.files.get("refused", 0),
        backup=backup,
        error=error,
    )


@guarded("admin")
async def status(update: Update, context: HumasContext) -> None:
    message = update.effective_message
    assert message is not None
    report = await status_report(context.services)
    await message.reply_html(render(context, report))


def handlers() -> list[BaseHandler[Update, HumasContext, Any]]:
    """/status."""
    return [CommandHandler(["status", *spec("status").aliases], status)]
