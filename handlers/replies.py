"""The message a pressed button sits on, typed as a message the bot can reply to.

Telegram gives a button press's message as ``MaybeInaccessibleMessage``: a full
:class:`~telegram.Message`, or an :class:`~telegram.InaccessibleMessage` (deleted, or
too old for Telegram to hand over) that has only its chat and id. Screens that answer a
press under its message ask for it here once instead of each narrowing it itself.
"""

from __future__ import annotations

from telegram import CallbackQuery, Message


def pressed_message(query: CallbackQuery) -> Message | None:
    """The pressed button's message, or ``None`` when Telegram no longer gives it."""
    message = query.message
    return message if isinstance(message, Message) else None
