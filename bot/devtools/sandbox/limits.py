"""Telegram-like flood limits for the sandbox.

Telegram does not publish exact numbers; the documented guidance is "about 30 messages per
second overall, about one per second per chat, at most 20 per minute per group". The limiter
models exactly that so a bot that ignores the guidance gets 429s here before it gets them in
production. Time comes from an injectable monotonic source so tests never sleep.
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

TimeSource = Callable[[], float]


@dataclass(frozen=True)
class LimitConfig:
    """Limit parameters; the defaults follow Telegram's published guidance."""

    global_per_second: int = 30
    private_burst: int = 3
    private_refill_per_second: float = 1.0
    group_per_minute: int = 20


class _SlidingWindow:
    """At most `limit` items inside any window of `period` seconds."""

    def __init__(self, limit: int, period: float) -> None:
        self.limit = limit
        self.period = period
        self._stamps: deque[float] = deque()

    def wait_time(self, now: float, count: int) -> float:
        """Seconds until `count` more items fit; 0 when they fit now."""
        while self._stamps and self._stamps[0] <= now - self.period:
            self._stamps.popleft()
        overflow = len(self._stamps) + count - self.limit
        if overflow <= 0:
            return 0.0
        if overflow > len(self._stamps):
            return self.period
        return self._stamps[overflow - 1] + self.period - now

    def consume(self, now: float, count: int) -> None:
        self._stamps.extend([now] * count)


class _TokenBucket:
    """Burst of `capacity`, refilled continuously at `rate` tokens per second.

    A request for more tokens than the capacity (a 10-photo album to a private chat) is let
    through when the bucket is full and drives it into debt, so the chat then has to wait.
    """

    def __init__(self, capacity: int, rate: float, now: float) -> None:
        self.capacity = capacity
        self.rate = rate
        self._tokens = float(capacity)
        self._updated = now

    def _refill(self, now: float) -> None:
        self._tokens = min(self.capacity, self._tokens + (now - self._updated) * self.rate)
        self._updated = now

    def wait_time(self, now: float, count: int) -> float:
        self._refill(now)
        needed = min(count, self.capacity)
        if self._tokens >= needed:
            return 0.0
        return (needed - self._tokens) / self.rate

    def consume(self, now: float, count: int) -> None:
        self._refill(now)
        self._tokens -= count


class RateLimiter:
    """Decides whether a send of `count` messages to a chat may go through right now."""

    def __init__(
        self, config: LimitConfig | None = None, time_source: TimeSource = time.monotonic
    ) -> None:
        self.config = config or LimitConfig()
        self._now = time_source
        self._global = _SlidingWindow(self.config.global_per_second, 1.0)
        self._private: dict[int, _TokenBucket] = {}
        self._groups: dict[int, _SlidingWindow] = {}

    def acquire(self, chat_id: int, count: int = 1) -> int | None:
        """Record the send and return None; or record nothing and return retry_after (>= 1 s)."""
        now = self._now()
        per_chat = self._chat_limit(chat_id, now)
        wait = max(self._global.wait_time(now, count), per_chat.wait_time(now, count))
        if wait > 0:
            return max(1, math.ceil(wait))
        self._global.consume(now, count)
        per_chat.consume(now, count)
        return None

    def _chat_limit(self, chat_id: int, now: float) -> _TokenBucket | _SlidingWindow:
        if chat_id > 0:
            if chat_id not in self._private:
                self._private[chat_id] = _TokenBucket(
                    self.config.private_burst, self.config.private_refill_per_second, now
                )
            return self._private[chat_id]
        if chat_id not in self._groups:
            self._groups[chat_id] = _SlidingWindow(self.config.group_per_minute, 60.0)
        return self._groups[chat_id]
