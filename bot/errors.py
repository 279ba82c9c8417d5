"""The global error handler: log first, with context; then tell the person and the admins."""

from __future__ import annotations

import html
import logging

from telegram import Update
from telegram.error import BadRequest, Forbidden, NetworkError, TelegramError

from bot.core.texts import lang_of, t
from handlers.context import HumasContext

log = logging.getLogger(__name__)
_MAX_DETAIL = 300


async def error_handler(update: object, context: HumasContext) -> None:
    error = context.error
    if isinstance(update, Update):
        user = update.effective_user
        chat = update.effective_chat
        log.error(
            "error while handling update %s (user %s, chat %s): %r",
            update.update_id,
            user.id if user else None,
            chat.id if chat else None,
            error,
            exc_info=error,
        )
    else:
        log.error("error outside an update: %r", error, exc_info=error)
    if isinstance(error, NetworkError) and not isinstance(error, BadRequest):
        return  # Telegram is unreachable: there is nobody we could tell right now.
    if isinstance(update, Update) and update.effective_chat is not None:
        user = update.effective_user
        lang = lang_of(user.language_code if user else None)
        try:
            if update.callback_query is not None:
                await update.callback_query.answer(t(lang, "error.internal"), show_alert=True)
            else:
                await context.bot.send_message(update.effective_chat.id, t(lang, "error.internal"))
        except TelegramError as exc:
            log.warning("could not tell the user about the error: %r", exc)
    await _tell_admins(update, context, error)


async def _tell_admins(update: object, context: HumasContext, error: BaseException | None) -> None:
    detail = html.escape(repr(error)[:_MAX_DETAIL])
    where = html.escape(str(update.update_id) if isinstance(update, Update) else "-")
    for admin_id in context.config.admins:
        try:
            await context.bot.send_message(
                admin_id,
                t("id", "error.admin_alert", error=detail, update=where),
                parse_mode="HTML",
            )
        except Forbidden:
            log.info("admin %s has not started the bot; error alert not delivered", admin_id)
        except TelegramError as exc:
            log.warning("could not alert admin %s: %r", admin_id, exc)
