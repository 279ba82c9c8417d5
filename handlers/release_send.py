"""A finished press release sent back to its author, and sent on for review.

:func:`send_release` sends the release as a message (split by the bot when long) and as
a .docx (scheduler/releases.py renders both from the same paragraphs); /rilis uses it
when the author presses "Selesai", the bank (handlers/release_bank.py) for an item.
"Kirim untuk ditinjau" (``rl:send:<id>``) puts it in the coordinators' /tinjau queue as a
draft carrying the .docx and the release's opening (reviewed like any draft).
"""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardMarkup, InputFile, Message, Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.core.callback_data import ID, Route
from bot.core.texts import esc
from db import releases as releases_db
from db.releases import Release, ReleaseError, ReleaseProblem
from db.submissions import MAX_DRAFT_CAPTION
from handlers.context import HumasContext
from handlers.conversation import remove_keyboard
from handlers.delivery_access import delivery
from handlers.guard import guarded, refuse
from scheduler import releases as rendering
from scheduler import review_alerts

SEND = Route("rl:send", ID)


async def send_release(
    context: HumasContext,
    message: Message,
    release: Release,
    markup: InlineKeyboardMarkup | None,
) -> None:
    """The release as a message (split when long), then as a .docx carrying ``markup``;
    the .docx's file id is kept (what a briefing can carry)."""
    rendered = await rendering.render(context.services, release)
    await message.reply_html(rendered.html)
    sent = await context.bot.send_document(
        message.chat.id,
        InputFile(rendered.docx, filename=rendered.file_name, attach=True),
        caption=context.t("release.docx_caption", title=esc(release.title)),
        reply_markup=markup,
    )
    if sent.document is not None:
        await releases_db.set_docx(context.db, release.id, sent.document.file_id)


@guarded("officer")
async def on_send(update: Update, context: HumasContext) -> None:
    query = update.callback_query
    officer = context.officer
    assert query is not None and officer is not None
    message = query.message
    assert isinstance(message, Message)
    release_id = SEND.parse(query.data)
    assert release_id is not None  # the handler's pattern
    try:
        release = await releases_db.by_id(context.db, release_id)
        if release is None or release.finished_at is None:
            raise ReleaseError(ReleaseProblem.NOT_FINISHED)
        text = await rendering.summary(context.services, release, MAX_DRAFT_CAPTION)
        submission = await releases_db.send_for_review(
            context.db, officer, release_id, text, context.clock.now()
        )
    except ReleaseError as error:
        await refuse(
            update, context, context.t(f"release.problem.{error.problem.value}", limit=error.limit)
        )
        return
    await query.answer()
    await remove_keyboard(query)
    await message.reply_html(context.t("release.sent", receipt=submission.receipt))
    await review_alerts.draft_arrived(
        context.db, delivery(context), officer.unit_id, context.clock.now()
    )


def handlers() -> list[BaseHandler[Update, HumasContext, Any]]:
    """The "Kirim untuk ditinjau" button."""
    return [CallbackQueryHandler(on_send, pattern=SEND.matches)]
