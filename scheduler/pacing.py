"""The one pacer every Bot API call goes through (a PTB ``BaseRateLimiter``).

Telegram's guidance: about 30 messages per second overall, about one per second to
one chat (short bursts tolerated in private chats), at most 20 per minute to a group.
The pacer keeps every message-sending call under those limits *before* it is made,
so a broadcast never depends on 429s:

* **overall** — a GCRA ("virtual scheduling") limiter: grants are spaced ``1/rate``
  apart (rate from ``delivery.rate``, default 29/s, one below Telegram's 30, which is
  the headroom that absorbs network jitter between our clock and Telegram's);
* **private chats** — the same burst-3, one-per-second bucket Telegram applies, with a
  5 % slower refill as a safety margin (the burst is ``delivery.chat_burst``: only a
  test sandbox that allows more may be given more). Bulk sends go at most one per
  interval to a person, and only while the bucket keeps Telegram's burst of room for
  the replies to that person's own commands (with Telegram's bucket: when it is full),
  whatever the burst;
* **groups** — a sliding window of 20 per 61 s; bulk leaves the last place to replies.

Interactive calls (a handler's ``reply_text``) have priority: a bulk send takes a
global slot only when no interactive call is waiting for one, so an officer typing
/profil in the middle of a 1,500-person broadcast waits at most one slot (~35 ms).
Bulk calls are those made with ``rate_limit_args=BulkSend(...)`` (the delivery
engine); everything else is interactive.

Why not PTB's ``AIORateLimiter``: it has an overall and a per-group limit but no
per-private-chat limit (a person receiving a two-part briefing would get 429s), no
priorities (a /profil reply would queue behind the whole broadcast), and on a
``RetryAfter`` it halts *every* request, replies included. Here a ``RetryAfter``
pauses the bulk traffic (Telegram's 429 may be global) and that one chat; replies to
other people go on, and an interactive call is retried once after the wait. Bulk
calls are not retried here: the engine decides (it re-queues the delivery).

Only calls that create messages are paced (``send*`` except ``sendChatAction``,
``copyMessage``, ``forwardMessage``); edits, callback answers and the like pass
straight through, as Telegram counts messages.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import warnings
from collections import deque
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

log = logging.getLogger(__name__)

TimeSource = Callable[[], float]
Sleep = Callable[[float], Awaitable[None]]

_NOT_MESSAGES = frozenset({"sendChatAction"})
_OTHER_MESSAGES = frozenset({"copyMessage", "copyMessages", "forwardMessage", "forwardMessages"})
TELEGRAM_CHAT_BURST = 3  # messages Telegram lets a private chat take at once
_PRIVATE_INTERVAL = 1.05  # seconds per message to one person (Telegram: ~1; 5 % margin)
_GROUP_LIMIT = 20
_GROUP_WINDOW = 61.0  # seconds (Telegram: 60; one second of margin)
_MAX_CHATS = 4096  # forget idle chat states beyond this many


@dataclass(frozen=True)
class BulkSend:
    """``rate_limit_args`` of a delivery-engine send.

    ``before_call`` runs once the slot is granted, right before the HTTP request: the
    engine claims the delivery there, so a row is 'sending' only while its request is
    really about to go or in flight.
    """

    before_call: Callable[[], Awaitable[None]] | None = field(default=None, compare=False)


def retry_seconds(error: RetryAfter) -> float:
    """``RetryAfter.retry_after`` in seconds (PTB 22 warns that its type will change)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = error.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def message_count(endpoint: str, data: dict[str, Any]) -> int:
    """How many messages a Bot API call creates (0: not a message, not paced)."""
    if endpoint in _NOT_MESSAGES:
        return 0
    if endpoint == "sendMediaGroup":
        return max(1, len(data.get("media") or ()))
    if endpoint in ("copyMessages", "forwardMessages"):
        return max(1, len(data.get("message_ids") or ()))
    if endpoint.startswith("send") or endpoint in _OTHER_MESSAGES:
        return 1
    return 0


class _PrivateChat:
    """GCRA state of one private chat: ``tat`` is when its bucket is full again,
    ``bulk_next`` when the next bulk message may go."""

    __slots__ = ("bulk_next", "paused_until", "tat")

    def __init__(self) -> None:
        self.tat = 0.0
        self.bulk_next = 0.0
        self.paused_until = 0.0


class Pacer(BaseRateLimiter[BulkSend]):
    def __init__(
        self,
        rate: float = 29.0,
        *,
        chat_burst: int = TELEGRAM_CHAT_BURST,
        time_source: TimeSource = time.monotonic,
        sleep: Sleep = asyncio.sleep,
        speed: float = 1.0,
    ) -> None:
        """``time_source`` and ``sleep`` keep the pacer's seconds; ``speed`` says how many
        of them pass in a real second (a scripted run's fast time, bot/devtools/fast_time.py)."""
        if rate <= 0:
            raise ValueError("rate must be positive")
        if speed <= 0:
            raise ValueError("speed must be positive")
        if chat_burst < 1:
            raise ValueError("chat_burst must be at least 1")
        self.interval = 1.0 / rate
        # How far ahead of now a private chat's bucket may run: replies may use the whole
        # burst; bulk must leave Telegram's burst of room for replies after its message.
        self._reply_slack = (chat_burst - 1) * _PRIVATE_INTERVAL
        self._bulk_slack = max(0, chat_burst - TELEGRAM_CHAT_BURST) * _PRIVATE_INTERVAL
        self._tolerance = self.interval / 10  # absorbs timer lateness without bursting
        self._now = time_source
        self._sleep = sleep
        self._speed = speed
        self._tat = 0.0  # theoretical time of the next overall grant
        self._bulk_paused_until = 0.0
        self._private: dict[int, _PrivateChat] = {}
        self._groups: dict[int | str, deque[float]] = {}
        self._group_paused: dict[int | str, float] = {}
        self._bulk_lock = asyncio.Lock()
        self._interactive_ready = 0  # interactive calls waiting only for an overall slot
        self.retry_after_count = 0

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""

    # ---- what the delivery engine asks -----------------------------------------------

    def hold_bulk(self, seconds: float) -> None:
        """No bulk send for ``seconds`` (e.g. after a restart: what the previous process
        sent in its last second still counts at Telegram, and this process cannot know it)."""
        self._bulk_paused_until = max(self._bulk_paused_until, self._now() + seconds)

    def bulk_ready_in(self, chat_id: int) -> float:
        """Real seconds until a bulk send to ``chat_id`` could be granted (0: now): the
        delivery engine sleeps them on the event loop's clock."""
        now = self._now()
        wait = max(0.0, self._bulk_paused_until - now, self._chat_wait(chat_id, now, bulk=True))
        return wait / self._speed

    # ---- BaseRateLimiter ---------------------------------------------------------------

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: BulkSend | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        count = message_count(endpoint, data)
        chat = _chat_key(data.get("chat_id"))
        bulk = rate_limit_args if isinstance(rate_limit_args, BulkSend) else None
        if count == 0 or chat is None:
            if bulk is not None and bulk.before_call is not None:
                await bulk.before_call()
            return await callback(*args, **kwargs)
        if bulk is not None:
            await self._acquire_bulk(chat, count)
            if bulk.before_call is not None:
                await bulk.before_call()
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as error:
                self._note_retry_after(chat, retry_seconds(error), bulk=True)
                raise
        await self._acquire_interactive(chat, count)
        try:
            return await callback(*args, **kwargs)
        except RetryAfter as error:
            self._note_retry_after(chat, retry_seconds(error), bulk=False)
        await self._acquire_interactive(chat, count)
        return await callback(*args, **kwargs)

    # ---- acquiring -------------------------------------------------------------------

    async def _acquire_interactive(self, chat: int | str, count: int) -> None:
        while True:
            now = self._now()
            chat_wait = self._chat_wait(chat, now, bulk=False)
            if chat_wait > 0:
                await self._sleep(chat_wait)
                continue
            wait = self._global_wait(now)
            if wait <= 0:
                self._grant(chat, now, count, bulk=False)
                return
            self._interactive_ready += 1
            try:
                await self._sleep(wait)
            finally:
                self._interactive_ready -= 1

    async def _acquire_bulk(self, chat: int | str, count: int) -> None:
        while True:
            chat_wait = self._chat_wait(chat, self._now(), bulk=True)
            if chat_wait > 0:
                await self._sleep(chat_wait)
                continue
            async with self._bulk_lock:
                while True:
                    now = self._now()
                    if self._chat_wait(chat, now, bulk=True) > 0:
                        break  # a reply to this person took its place: wait outside the lock
                    wait = max(self._global_wait(now), self._bulk_paused_until - now)
                    if wait > 0:
                        await self._sleep(wait)
                    elif self._interactive_ready:
                        await self._sleep(self.interval)  # a reply goes first
                    else:
                        self._grant(chat, now, count, bulk=True)
                        return

    def _global_wait(self, now: float) -> float:
        return self._tat - self._tolerance - now

    def _chat_wait(self, chat: int | str, now: float, *, bulk: bool) -> float:
        if isinstance(chat, int) and chat > 0:
            state = self._private.get(chat)
            if state is None:
                return 0.0
            if bulk:
                ready = max(state.bulk_next, state.tat - self._bulk_slack)
            else:
                ready = state.tat - self._reply_slack
            return max(ready - now, state.paused_until - now)
        stamps = self._groups.get(chat)
        paused = self._group_paused.get(chat, 0.0) - now
        if not stamps:
            return max(0.0, paused)
        while stamps and stamps[0] <= now - _GROUP_WINDOW:
            stamps.popleft()
        room = _GROUP_LIMIT - (1 if bulk else 0)
        if len(stamps) < room:
            return max(0.0, paused)
        return max(stamps[len(stamps) - room] + _GROUP_WINDOW - now, paused)

    def _grant(self, chat: int | str, now: float, count: int, *, bulk: bool) -> None:
        self._tat = max(self._tat, now) + count * self.interval
        if isinstance(chat, int) and chat > 0:
            state = self._private.get(chat)
            if state is None:
                if len(self._private) >= _MAX_CHATS:
                    self._forget_idle(now)
                state = self._private[chat] = _PrivateChat()
            state.tat = max(state.tat, now) + count * _PRIVATE_INTERVAL
            if bulk:
                state.bulk_next = now + count * _PRIVATE_INTERVAL
        else:
            self._groups.setdefault(chat, deque()).extend([now] * count)

    def _forget_idle(self, now: float) -> None:
        for chat_id in [
            key
            for key, state in self._private.items()
            if state.tat < now and state.paused_until < now
        ]:
            del self._private[chat_id]

    def _note_retry_after(self, chat: int | str, seconds: float, *, bulk: bool) -> None:
        """Telegram said 429: that chat waits; bulk traffic waits too (the limit may be global)."""
        self.retry_after_count += 1
        until = self._now() + seconds
        log.warning(
            "Telegram asked to retry after %.0f s (chat %s, %s)",
            seconds,
            chat,
            "bulk" if bulk else "reply",
        )
        self._bulk_paused_until = max(self._bulk_paused_until, until)
        if isinstance(chat, int) and chat > 0:
            state = self._private.setdefault(chat, _PrivateChat())
            state.paused_until = max(state.paused_until, until)
        else:
            self._group_paused[chat] = max(self._group_paused.get(chat, 0.0), until)


def _chat_key(value: object) -> int | str | None:
    if value is None:
        return None
    if isinstance(value, int | str):
        with contextlib.suppress(ValueError):
            return int(value)
    return str(value)
