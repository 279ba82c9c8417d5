"""The global error handler: log first, with context; then tell the person and the admins.

Admins get at most one alert per kind of error (its type and the code it came from)
per :data:`ALERT_WINDOW`; the next alert of that kind says how many were held back.
An alert names the error type, where it happened and the update ids — never the
error's text, which may quote what a person typed.
"""

from __future__ import annotations

import html
import logging
import traceback
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from telegram import Update
from telegram.error import BadRequest, Forbidden, NetworkError, TelegramError

from bot.core.texts import lang_of, t
from handlers.context import HumasContext

log = logging.getLogger(__name__)
ALERT_WINDOW = timedelta(minutes=10)
_SHOWN_IDS = 10  # the newest update ids an alert lists
_ROOT = Path(__file__).resolve().parent.parent


@dataclass
class _Kind:
    """One kind of error: when admins were last told, and what happened since."""

    alerted_at: datetime
    suppressed: int = 0
    update_ids: list[int] = field(default_factory=list)


def where(error: BaseException | None) -> str:
    """``module:function`` of the innermost frame of this project's code in the traceback
    (of the innermost frame at all if none is ours)."""
    if error is None:
        return "-"
    frames = traceback.extract_tb(error.__traceback__)
    place = f"{Path(frames[-1].filename).stem}:{frames[-1].name}" if frames else "-"
    for frame in frames:
        try:
            relative = Path(frame.filename).resolve().relative_to(_ROOT)
        except ValueError:
            continue
        if relative.parts and not relative.parts[0].startswith("."):
            place = f"{'.'.join(relative.with_suffix('').parts)}:{frame.name}"
    return place


class ErrorHandler:
    """PTB's error callback, with the alert throttle of one application."""

    def __init__(self) -> None:
        self._kinds: dict[tuple[str, str], _Kind] = {}

    async def __call__(self, update: object, context: HumasContext) -> None:
        error = context.error
        context.services.metrics.error(error)  # counted by kind; /status shows the last
        update_id = update.update_id if isinstance(update, Update) else None
        if isinstance(update, Update):
            user = update.effective_user
            chat = update.effective_chat
            ids = {
                "update_id": update_id,
                "user_id": user.id if user else None,
                "chat_id": chat.id if chat else None,
            }
            log.error(
                "error while handling update %s (user %s, chat %s): %s",
                update_id,
                ids["user_id"],
                ids["chat_id"],
                type(error).__name__,
                exc_info=error,
                extra=ids,  # the JSON log format carries them as fields
            )
        else:
            log.error("error outside an update: %s", type(error).__name__, exc_info=error)
        if isinstance(error, NetworkError) and not isinstance(error, BadRequest):
            return  # Telegram is unreachable: there is nobody we could tell right now.
        if isinstance(update, Update) and update.effective_chat is not None:
            await _tell_the_person(update, context)
        await self._alert_admins(context, error, update_id)

    async def _alert_admins(
        self, context: HumasContext, error: BaseException | None, update_id: int | None
    ) -> None:
        kind_key = (type(error).__name__, where(error))
        now = context.clock.now()
        kind = self._kinds.get(kind_key)
        if kind is not None and now - kind.alerted_at < ALERT_WINDOW:
            kind.suppressed += 1
            if update_id is not None:
                kind.update_ids = [*kind.update_ids, update_id][-_SHOWN_IDS:]
            log.info(
                "admin alert for %s at %s held back (%d since the last one)",
                *kind_key,
                kind.suppressed,
            )
            return
        held = kind.update_ids if kind is not None else []
        updates = [*held, *([update_id] if update_id is not None else [])]
        text = t(
            "id",
            "error.admin_alert",
            error=html.escape(kind_key[0]),
            where=html.escape(kind_key[1]),
            update=", ".join(str(number) for number in updates[-_SHOWN_IDS:]) or "-",
        )
        if kind is not None and kind.suppressed:
            text += "\n" + t("id", "error.admin_alert_suppressed", count=kind.suppressed)
        self._kinds[kind_key] = _Kind(now)
        await _send_to_admins(context, text)


async def _tell_the_person(update: Update, context: HumasContext) -> None:
    user = update.effective_user
    lang = lang_of(user.language_code if user else None)
    try:
        if update.callback_query is not None:
            await update.callback_query.answer(t(lang, "error.internal"), show_alert=True)
        elif update.effective_chat is not None:
            await context.bot.send_message(update.effective_chat.id, t(lang, "error.internal"))
    except TelegramError as exc:
        log.warning("could not tell the user about the error: %s", type(exc).__name__)


async def _send_to_admins(context: HumasContext, text: str) -> None:
    for admin_id in context.config.admins:
        try:
            await context.bot.send_message(admin_id, text, parse_mode="HTML")
        except Forbidden:
            log.info("admin %s has not started the bot; error alert not delivered", admin_id)
        except TelegramError as exc:
            log.warning("could not alert admin %s: %s", admin_id, type(exc).__name__)
