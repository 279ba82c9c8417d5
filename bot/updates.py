"""Concurrent update processing that keeps each person's updates in order, fairly.

Different people are served concurrently (an officer's /profil is not queued
behind another person's slow handler), while the updates of one person run one
after another, so a pasted link and the following "Selesai" never swap places.

Fairness: an update first waits for its person's earlier updates, and only then
takes one of the shared slots that bound how many handlers run at once. So a
person who sends 200 messages holds at most one slot; everyone else's updates
find the other slots free. (PTB's own semaphore, which ``process_update`` takes
before calling :meth:`do_process_update`, therefore admits every update: were it
bounded, updates waiting for their person would fill it.)

Flood control decides as an update arrives (``admit``, bot/flood.py): an update it
refuses is discarded at once, before it waits for anything.

It also knows when nothing is being processed (``in_flight``, and an event set at each
change of it), which the sandbox driver uses to wait for the bot instead of sleeping,
and tells ``timed`` how long each update took once its turn came (the metrics'
latency, scheduler/metrics.py).
"""

from __future__ import annotations

import asyncio
import inspect
import sys
import time
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor


class PerChatUpdateProcessor(BaseUpdateProcessor):
    def __init__(
        self,
        max_concurrent_updates: int = 32,
        admit: Callable[[object], bool] = lambda update: True,
        timed: Callable[[object, float], None] = lambda update, seconds: None,
    ) -> None:
        super().__init__(sys.maxsize)  # admission only; the slots below bound the work
        self._admit = admit
        self._timed = timed
        self._running = asyncio.BoundedSemaphore(max_concurrent_updates)
        self._locks: dict[int, asyncio.Lock] = {}
        self._waiting: dict[int, int] = {}
        self.in_flight = 0  # updates accepted and not finished (waiting or running)
        self.in_flight_changed = asyncio.Event()  # set, and replaced, when in_flight changes

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        if not self._admit(update):
            if inspect.iscoroutine(coroutine):
                coroutine.close()  # never run: nothing of it happens
            return
        key = _key(update)
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._waiting[key] = self._waiting.get(key, 0) + 1
        self._count(1)
        try:
            async with lock, self._running:  # the person's turn first, then a shared slot
                started = time.perf_counter()
                try:
                    await coroutine
                finally:
                    self._timed(update, time.perf_counter() - started)
        finally:
            self._count(-1)
            self._waiting[key] -= 1
            if not self._waiting[key]:
                del self._waiting[key]
                del self._locks[key]

    def _count(self, step: int) -> None:
        self.in_flight += step
        self.in_flight_changed.set()
        self.in_flight_changed = asyncio.Event()

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to tear down."""


def _key(update: object) -> int:
    if isinstance(update, Update):
        if update.effective_user is not None:
            return update.effective_user.id
        if update.effective_chat is not None:
            return update.effective_chat.id
    return 0
