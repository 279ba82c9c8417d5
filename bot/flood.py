"""Flood control: one person's updates beyond a rate are dropped before anything runs.

Each person (Telegram user id) has a window of ``flood.seconds`` seconds starting at
their first update; the first ``flood.updates`` updates of the window are handled,
the rest are dropped. The decision is made when an update arrives (the update
processor asks :meth:`FloodControl.admit` before queueing it behind the person's
earlier updates), so a flood is measured as it is sent, not as slowly as the bot
may answer it, and a dropped update never waits, runs a handler or touches the
database. The first dropped update of a window is let through to the handler in
group -2, which sends the one "terlalu cepat" notice (in the language Telegram
reports for the person, with no database read) and stops it there; the others get
nothing. Time is a monotonic clock, never the wall clock or the bot's injectable
clock (a jump of either must not open or close a window).
"""

from __future__ import annotations

import enum
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from telegram import Update
from telegram.constants import ChatType
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop, TypeHandler

from bot.core.config import FloodConfig
from bot.core.texts import lang_of, t
from handlers.context import HumasContext

log = logging.getLogger(__name__)

Monotonic = Callable[[], float]
_MAX_PEOPLE = 4096  # forget ended windows beyond this many people


class Verdict(enum.Enum):
    HANDLE = "handle"
    NOTIFY = "notify"  # drop, and tell the person once
    DROP = "drop"


@dataclass
class _Window:
    start: float
    count: int = 0
    notified: bool = False


class FloodGate:
    """Counts each person's updates per window; says which to handle."""

    def __init__(self, updates: int, seconds: float, monotonic: Monotonic = time.monotonic) -> None:
        self.updates = updates
        self.seconds = seconds
        self._now = monotonic
        self._windows: dict[int, _Window] = {}

    def admit(self, person: int) -> Verdict:
        now = self._now()
        window = self._windows.get(person)
        if window is None or now - window.start >= self.seconds:
            if window is None and len(self._windows) >= _MAX_PEOPLE:
                self._forget_ended(now)
            window = self._windows[person] = _Window(now)
        window.count += 1
        if window.count <= self.updates:
            return Verdict.HANDLE
        if window.notified:
            return Verdict.DROP
        window.notified = True
        return Verdict.NOTIFY

    def _forget_ended(self, now: float) -> None:
        for person, window in list(self._windows.items()):
            if now - window.start >= self.seconds:
                del self._windows[person]


class FloodControl:
    """The gate for the update processor, and the group -2 handler for the notices."""

    def __init__(self, config: FloodConfig, monotonic: Monotonic = time.monotonic) -> None:
        self.gate = FloodGate(config.updates, config.seconds, monotonic)
        self._notices: set[int] = set()  # update ids that carry a window's one notice

    def admit(self, update: object) -> bool:
        """Whether to process ``update`` at all (called as it arrives)."""
        if not isinstance(update, Update) or update.effective_user is None:
            return True
        verdict = self.gate.admit(update.effective_user.id)
        if verdict is Verdict.NOTIFY:
            log.info(
                "user %s sent more than %s updates in %ss",
                update.effective_user.id,
                self.gate.updates,
                self.gate.seconds,
            )
            self._notices.add(update.update_id)
        return verdict is not Verdict.DROP

    def handler(self) -> TypeHandler[Update, HumasContext, None]:
        return TypeHandler(Update, self._notice)

    async def _notice(self, update: Update, context: HumasContext) -> None:
        if update.update_id not in self._notices:
            return
        self._notices.discard(update.update_id)
        user = update.effective_user
        language = lang_of(user.language_code if user else None)
        await _notify(update, context, t(language, "flood.too_fast"))
        raise ApplicationHandlerStop


async def _notify(update: Update, context: HumasContext, text: str) -> None:
    chat = update.effective_chat
    try:
        if update.callback_query is not None:
            await update.callback_query.answer(text, show_alert=True)
        elif chat is not None and chat.type == ChatType.PRIVATE:
            await context.bot.send_message(chat.id, text)
    except TelegramError as error:
        log.info("flood notice to %s not sent: %s", chat.id if chat else None, error)
