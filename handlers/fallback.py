"""Last in line: whatever no other handler took gets a helpful reply or silence."""

from __future__ import annotations

from telegram import Update
from telegram.constants import MessageLimit
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from handlers.commands import spec
from handlers.context import HumasContext
from handlers.conversation import end_conversations
from handlers.guard import guarded, identify


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
    """A button no handler recognises: forged, or from an old version of a message."""
    query = update.callback_query
    assert query is not None
    await identify(update, context)
    await query.answer(context.t("denied.button"), show_alert=True)


_PRIVATE = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE

# Registered first of all (see bot/application.py): /batal must reach every conversation.
CANCEL_HANDLERS: list[BaseHandler] = [
    CommandHandler(["batal", *spec("batal").aliases], cancel),
]

HANDLERS: list[BaseHandler] = [
    CallbackQueryHandler(unknown_button),
    # Edited messages, channel posts and anything in groups fall through to silence.
    MessageHandler(_PRIVATE & ~filters.StatusUpdate.ALL, unknown_message),
]
