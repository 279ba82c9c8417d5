"""The officer's reply keyboard: "📣 Briefing", "📤 Lapor", "⏰ Tenggat" under the typing field.

Pressing one sends its label as text; :func:`pressed` is the filter a feature adds
next to its command (in either language, whatever the person's language), and
:func:`is_shortcut` is how :mod:`handlers.conversation` keeps those texts out of a
dialogue's typed input. The keyboard is sent with the welcome and the answer to
/start, for officers only (coordinators work from the command menu).
"""

from __future__ import annotations

from telegram import KeyboardButton, ReplyKeyboardMarkup, Update
from telegram.ext import filters

from bot.core.texts import LANGUAGES, t
from db.officers import Officer

SHORTCUTS = ("brief", "lapor", "tenggat")
"""The commands on the keyboard, in its order."""


def labels(command: str) -> list[str]:
    """The texts a press of ``command``'s key may send (every language)."""
    return sorted({t(lang, f"shortcut.{command}") for lang in LANGUAGES})


_ALL = frozenset(label for command in SHORTCUTS for label in labels(command))


def pressed(command: str) -> filters.BaseFilter:
    """A message that is a press of ``command``'s key."""
    return filters.Text(labels(command))


def is_shortcut(update: Update) -> bool:
    """Whether the update is a press of one of the keys (never a dialogue's input)."""
    message = update.effective_message
    return message is not None and (message.text or "").strip() in _ALL


def keyboard(officer: Officer) -> ReplyKeyboardMarkup | None:
    """The keyboard for an active officer, in their language; None for anyone else."""
    if officer.role != "officer" or not officer.is_active:
        return None
    row = [KeyboardButton(t(officer.language, f"shortcut.{command}")) for command in SHORTCUTS]
    return ReplyKeyboardMarkup([row], resize_keyboard=True, is_persistent=True)
