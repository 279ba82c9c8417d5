"""Last in line: whatever no other handler took gets a helpful reply or silence."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.constants import MessageLimit
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.core.texts import lang_of, t
from handlers.commands import spec
from handlers.context import HumasContext
from handlers.conversation import end_conversations
from handlers.guard import guarded


@guarded(min_role=None)
async def cancel(update: Update, context: HumasContext) -> None:
    """/batal from anywhere: end every conversation in progress, or say there is none.

    Registered before every other handler, so it sees /batal first; each
    conversation still ends through its own /batal fallback (and says so).
    """
    assert update.effective_message is not None
    if not await end_conversations(update, context):
        await update.effective_message.reply_text(context.t("conversation.nothing"))


@guarded(min_role=None)
async def unknown_message(update: Update, context: HumasContext) -> None:
    """Text, stickers, media the bot did not expect, in a private chat."""
    message = update.effective_message
    assert message is not None
    text = message.text or message.caption or ""
    if len(text) > MessageLimit.MAX_TEXT_LENGTH:
        await message.reply_text(
            context.t("input.too_long", length=len(text), limit=MessageLimit.MAX_TEXT_LENGTH)
        )
        return
    await message.reply_text(context.t("input.unknown"))


async def unknown_button(update: Update, context: HumasContext) -> None:
    """A button no handler recognises: forged, or from an old version of a message.

    Its data did not parse as any button (bot/core/callback_data.py), so nothing in it
    is trusted or looked up: the answer is in the language of the person's Telegram app,
    without reading or writing the database.
    """
    query = update.callback_query
    assert query is not None
    user = update.effective_user
    await query.answer(
        t(lang_of(user.language_code if user else None), "denied.button"), show_alert=True
    )


_PRIVATE = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE


def cancel_handlers() -> list[BaseHandler[Update, HumasContext, Any]]:
    """First of all (see bot/application.py): /batal must reach every dialogue."""
    return [
        CommandHandler(["batal", *spec("batal").aliases], cancel),
    ]


def handlers() -> list[BaseHandler[Update, HumasContext, Any]]:
    """Last of all: what no other handler took."""
    return [
        CallbackQueryHandler(unknown_button),
        # Edited messages, channel posts and anything in groups fall through to silence.
        MessageHandler(_PRIVATE & ~filters.StatusUpdate.ALL, unknown_message),
    ]
