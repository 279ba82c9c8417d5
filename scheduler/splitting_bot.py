"""The bot every reply and every delivery goes through: no text can be too long for Telegram.

A :class:`SplittingBot` is PTB's ``ExtBot`` (so the pacer and the defaults apply to
each request as usual) whose text-sending methods make any text fit:

* ``send_message``: a text over 4,096 characters goes as several messages, cut at
  line boundaries (scheduler/splitting.py); the keyboard goes on the last one, a
  quoted reply on the first; the last message is returned;
* ``send_photo`` / ``send_document`` / ``send_video``: a caption over 1,024 characters
  is cut; the media carries the first part, the rest follows as text messages with
  the keyboard on the last; the last message is returned;
* ``edit_message_text`` / ``edit_message_caption``: an edit cannot become two messages,
  so the text is shortened at a line boundary and ends with "…";
* ``answer_callback_query``: a notification over 200 characters is shortened with "…".

Texts given with explicit ``entities`` are sent as they are (their offsets would not
survive a cut); the bot writes HTML.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from telegram import Message
from telegram.constants import CallbackQueryLimit, ParseMode
from telegram.ext import ExtBot

from scheduler.content import CAPTION_LIMIT, TEXT_LIMIT
from scheduler.pacing import BulkSend
from scheduler.splitting import split_text, truncate_text

ANSWER_LIMIT = int(CallbackQueryLimit.ANSWER_CALLBACK_QUERY_TEXT_LENGTH)  # 200
# What a follow-up text message of a long caption keeps from the media call.
_FOLLOW_UP_KEYS = (
    "chat_id",
    "parse_mode",
    "disable_notification",
    "protect_content",
    "message_thread_id",
    "business_connection_id",
    "rate_limit_args",
)


def _arguments(method: Callable[..., Any], *args: Any, **kwargs: Any) -> dict[str, Any]:
    """The arguments of a call by name, as given (defaults left out, so PTB applies them)."""
    bound = inspect.signature(method).bind(None, *args, **kwargs)
    arguments = dict(bound.arguments)
    del arguments["self"]
    return arguments


class SplittingBot(ExtBot[BulkSend]):
    def _is_html(self, parse_mode: object) -> bool:
        if parse_mode is not None and not isinstance(parse_mode, str):  # PTB's DEFAULT_NONE
            parse_mode = self.defaults.parse_mode if self.defaults else None
        return isinstance(parse_mode, str) and parse_mode.lower() == ParseMode.HTML.lower()

    async def send_message(self, *args: Any, **kwargs: Any) -> Message:
        call = _arguments(ExtBot.send_message, *args, **kwargs)
        parts = split_text(call["text"], TEXT_LIMIT, is_html=self._is_html(call.get("parse_mode")))
        if len(parts) <= 1 or call.get("entities"):
            return await super().send_message(**call)
        return await self._send_parts(call, parts)

    async def _send_parts(self, call: dict[str, Any], parts: list[str]) -> Message:
        """Send ``parts`` as messages: the reply quote on the first, the keyboard on the last."""
        markup = call.pop("reply_markup", None)
        first_only: dict[str, Any] = {
            key: call.pop(key) for key in ("reply_parameters", "reply_to_message_id") if key in call
        }
        sent: Message | None = None
        for index, part in enumerate(parts):
            extra: dict[str, Any] = dict(first_only) if index == 0 else {}
            if index == len(parts) - 1:
                extra["reply_markup"] = markup
            sent = await super().send_message(**{**call, **extra, "text": part})
        assert sent is not None
        return sent

    async def _send_media(
        self, method: Callable[..., Any], send: Callable[..., Any], args: Any, kwargs: Any
    ) -> Message:
        call = _arguments(method, *args, **kwargs)
        caption = call.get("caption")
        is_html = self._is_html(call.get("parse_mode"))
        if not caption or call.get("caption_entities"):
            return await send(**call)
        parts = split_text(caption, CAPTION_LIMIT, is_html=is_html)
        if len(parts) <= 1:
            return await send(**call)
        markup = call.pop("reply_markup", None)
        await send(**{**call, "caption": parts[0]})
        rest = "\n".join(parts[1:])
        follow = {key: call[key] for key in _FOLLOW_UP_KEYS if key in call}
        follow["reply_markup"] = markup
        return await self.send_message(text=rest, **follow)

    async def send_photo(self, *args: Any, **kwargs: Any) -> Message:
        return await self._send_media(ExtBot.send_photo, super().send_photo, args, kwargs)

    async def send_document(self, *args: Any, **kwargs: Any) -> Message:
        return await self._send_media(ExtBot.send_document, super().send_document, args, kwargs)

    async def send_video(self, *args: Any, **kwargs: Any) -> Message:
        return await self._send_media(ExtBot.send_video, super().send_video, args, kwargs)

    async def edit_message_text(self, *args: Any, **kwargs: Any) -> Message | bool:
        call = _arguments(ExtBot.edit_message_text, *args, **kwargs)
        if not call.get("entities"):
            is_html = self._is_html(call.get("parse_mode"))
            call["text"] = truncate_text(call["text"], TEXT_LIMIT, is_html=is_html)
        return await super().edit_message_text(**call)

    async def edit_message_caption(self, *args: Any, **kwargs: Any) -> Message | bool:
        call = _arguments(ExtBot.edit_message_caption, *args, **kwargs)
        if call.get("caption") and not call.get("caption_entities"):
            is_html = self._is_html(call.get("parse_mode"))
            call["caption"] = truncate_text(call["caption"], CAPTION_LIMIT, is_html=is_html)
        return await super().edit_message_caption(**call)

    async def answer_callback_query(self, *args: Any, **kwargs: Any) -> bool:
        call = _arguments(ExtBot.answer_callback_query, *args, **kwargs)
        if call.get("text"):
            call["text"] = truncate_text(call["text"], ANSWER_LIMIT, is_html=False)
        return await super().answer_callback_query(**call)
