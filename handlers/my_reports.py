"""/laporanku: my unit's last reports and drafts, with their review status and notes."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from bot.core.texts import esc, fmt_short
from db import briefings as briefings_db
from db import submissions as submissions_db
from handlers.commands import spec
from handlers.context import HumasContext
from handlers.guard import guarded
from handlers.unit_picker import unit_label

SHOWN = 10


@guarded("officer")
async def laporanku(update: Update, context: HumasContext) -> None:
    officer = context.officer
    message = update.effective_message
    assert officer is not None and message is not None
    unit = await unit_label(context.db, context.lang, officer.unit_id, kecamatan=False)
    submissions = await submissions_db.recent_for_unit(context.db, officer.unit_id, SHOWN)
    if not submissions:
        await message.reply_html(context.t("myreports.none", unit=unit))
        return
    titles: dict[int, str] = {}
    lines = [context.t("myreports.header", unit=unit, count=len(submissions))]
    for submission in submissions:
        if submission.briefing_id is None:
            about = context.t("submit.mandiri")
        else:
            if submission.briefing_id not in titles:
                briefing = await briefings_db.by_id(context.db, submission.briefing_id)
                titles[submission.briefing_id] = esc(briefing.title) if briefing else "—"
            about = titles[submission.briefing_id]
        what = (
            context.t(f"platform.{submission.platform}")
            if submission.kind == "link"
            else context.t("review.kind.draft")
        )
        note = (
            context.t("myreports.note", note=esc(submission.review_note))
            if submission.review_note
            else ""
        )
        lines.append(
            context.t(
                "myreports.item",
                receipt=submission.receipt,
                at=fmt_short(submission.created_at, context.lang, context.tz),
                what=what,
                about=about,
                status=context.t(f"submission.status.{submission.status}"),
                late=context.t("myreports.late") if submission.late else "",
                note=note,
            )
        )
    await message.reply_html("\n".join(lines))


def handlers() -> list[BaseHandler[Update, HumasContext, Any]]:
    """/laporanku."""
    return [
        CommandHandler(["laporanku", *spec("laporanku").aliases], laporanku),
    ]
