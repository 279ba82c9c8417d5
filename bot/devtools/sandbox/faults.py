"""Injected faults (5xx, slow, dropped, forced 429, held), and the flood-control gate for sends."""

from __future__ import annotations

import asyncio
import random
from dataclasses import dataclass
from typing import Literal

from bot.devtools.sandbox.errors import ApiError
from bot.devtools.sandbox.limits import RateLimiter
from bot.devtools.sandbox.models import Chat
from bot.devtools.sandbox.state import SandboxState

FaultKind = Literal["5xx", "slow", "drop"]


@dataclass
class FaultRule:
    kind: FaultKind
    remaining: int | None
    rate: float | None
    methods: frozenset[str] | None
    delay: float
    rng: random.Random

    def fires(self, method: str) -> bool:
        """Whether this rule hits a request; None methods means all but getUpdates."""
        if (method == "getupdates") if self.methods is None else (method not in self.methods):
            return False
        if self.remaining == 0 or (self.rate is not None and self.rng.random() >= self.rate):
            return False
        if self.remaining is not None:
            self.remaining -= 1
        return True


@dataclass
class Hold:
    """Requests of ``methods`` wait unexecuted once ``answered`` more have been served,
    ``remaining`` of them (None: all); ``waiting`` is how many wait now."""

    methods: frozenset[str]
    answered: int
    remaining: int | None
    released: asyncio.Event
    waiting: int = 0


class FaultInjection(SandboxState):
    """Fault rules and flood control; the attributes are set by SandboxServer.__init__."""

    enforce_limits: bool
    _limiter: RateLimiter
    _faults: list[FaultRule]
    _forced_retry: list[int]
    _hold: Hold | None

    def inject_faults(
        self,
        *,
        kind: FaultKind,
        count: int | None = None,
        rate: float | None = None,
        methods: set[str] | None = None,
        delay: float = 2.0,
    ) -> None:
        """Make matching requests fail.

        `count` caps how many requests fail, `rate` is the chance per matching request
        (seeded, so runs repeat); with neither, every matching request fails until
        clear_faults(). `methods` are Bot API names; None means every method but getUpdates.
        "5xx": HTTP 502, nothing executed. "slow": executed, answered after `delay` seconds.
        "drop": executed (a send IS delivered), then the connection is closed unanswered.
        """
        if kind not in ("5xx", "slow", "drop"):
            raise ValueError(f"unknown fault kind {kind!r}")
        names = frozenset(m.lower() for m in methods) if methods is not None else None
        self._faults.append(
            FaultRule(kind, count, rate, names, delay, random.Random(len(self._faults)))
        )

    def force_retry_after(self, seconds: int, count: int = 1) -> None:
        """The next `count` sending requests get 429 with this retry_after, undelivered."""
        self._forced_retry.extend([seconds] * count)

    def hold_requests(self, methods: set[str], *, after: int = 0, count: int | None = None) -> None:
        """Serve ``after`` more requests of ``methods`` (Bot API names), then keep the next
        ``count`` (None: all) waiting, unexecuted (a send is not delivered), until
        :meth:`release_requests`: a stalled Telegram, for a test that must act while a
        broadcast is under way or a person's update is still being handled."""
        names = frozenset(m.lower() for m in methods)
        self._hold = Hold(names, after, count, asyncio.Event())

    @property
    def held_requests(self) -> int:
        """How many requests wait for :meth:`release_requests` now."""
        return self._hold.waiting if self._hold is not None else 0

    async def wait_for_held(self, count: int = 1, timeout: float = 5.0) -> None:  # noqa: ASYNC109
        """Until at least ``count`` requests wait for :meth:`release_requests`."""
        async with asyncio.timeout(timeout):
            while True:
                if self.held_requests >= count:
                    return
                await asyncio.sleep(0.005)

    def release_requests(self) -> None:
        """Let the held requests (and every later one) through."""
        if self._hold is not None:
            self._hold.released.set()
            self._hold = None

    async def _wait_if_held(self, method: str) -> None:
        hold = self._hold
        if hold is None or method not in hold.methods:
            return
        if hold.answered > 0:
            hold.answered -= 1
            return
        if hold.remaining is not None:
            if hold.remaining == 0:
                return
            hold.remaining -= 1
        hold.waiting += 1
        try:
            await hold.released.wait()
        finally:
            hold.waiting -= 1

    def clear_faults(self) -> None:
        self._faults.clear()
        self._forced_retry.clear()
        self.release_requests()

    def _pick_fault(self, method: str) -> FaultRule | None:
        rule = next((r for r in self._faults if r.fires(method)), None)
        if rule is not None:
            self.stats.faults_injected += 1
        return rule

    def _admit(self, chat: Chat, count: int) -> None:
        """Flood control for a send of `count` messages; raises 429 without delivering."""
        retry_after: int | None = None
        if self._forced_retry:
            retry_after = self._forced_retry.pop(0)
            self.stats.faults_injected += 1
        elif self.enforce_limits:
            retry_after = self._limiter.acquire(chat.id, count)
        if retry_after is not None:
            raise ApiError(429, f"Too Many Requests: retry after {retry_after}", retry_after)
