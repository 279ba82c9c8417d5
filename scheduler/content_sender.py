"""The one routine that hands a :class:`Content` part to Telegram.

The delivery engine sends every queued part through it, and screens that show a
part straight away (an announcement's preview) do too, so a text, a photo, a
document or a video with its caption and buttons is sent the same way everywhere.
"""

from __future__ import annotations

from typing import Any

from telegram import Bot, Message
from telegram.constants import ParseMode

from scheduler.content import Content, ContentError


async def send_content(bot: Bot, chat_id: int, content: Content, **options: Any) -> Message:
    """Send one part to ``chat_id`` as HTML with its buttons; ``options`` go to the Bot API
    call as they are (e.g. ``read_timeout``, ``rate_limit_args``)."""
    common: dict[str, Any] = {
        "chat_id": chat_id,
        "parse_mode": ParseMode.HTML,
        "reply_markup": content.markup(),
        **options,
    }
    if content.media_type is None:
        return await bot.send_message(text=content.text, **common)
    media = content.file_id
    if media is None:
        raise ContentError("media without a file id")
    if content.media_type == "photo":
        return await bot.send_photo(photo=media, caption=content.text or None, **common)
    if content.media_type == "document":
        return await bot.send_document(document=media, caption=content.text or None, **common)
    return await bot.send_video(video=media, caption=content.text or None, **common)
