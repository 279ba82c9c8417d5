"""Reading a time a person typed in a dialogue (bot/core/timeparse.py), with a friendly refusal."""

from __future__ import annotations

from datetime import datetime, time

from telegram import Update

from bot.core.timeparse import TimeParseError, parse_when
from handlers.context import HumasContext


async def read_time(
    update: Update, context: HumasContext, text: str, *, default_time: time | None = None
) -> datetime | None:
    """The moment ``text`` names (UTC), or None after telling the person what is wrong."""
    try:
        return parse_when(text, context.clock.now(), context.tz, default_time=default_time)
    except TimeParseError as error:
        assert update.effective_message is not None
        await update.effective_message.reply_html(context.t(error.key))
        return None
