"""Background work keyed by what it works on: one task per key, dropped when it ends.

Shared by the file archive (scheduler/file_archive.py) and the link checks
(scheduler/link_checks.py): a handler starts the work and never waits for it, the
scheduler's tick starts what is due again and skips what is still under way.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine, Hashable
from typing import Any, Generic, TypeVar

K = TypeVar("K", bound=Hashable)


class BackgroundTasks(Generic[K]):
    def __init__(self) -> None:
        self._tasks: dict[K, asyncio.Task[None]] = {}

    def start(self, key: K, work: Callable[[], Coroutine[Any, Any, None]], name: str) -> bool:
        """Start ``work()`` for ``key`` unless its work is under way; True when started."""
        if key in self._tasks:
            return False
        task = asyncio.create_task(work(), name=name)
        self._tasks[key] = task
        task.add_done_callback(lambda _: self._tasks.pop(key, None))
        return True

    async def wait_idle(self) -> None:
        """Wait for the work under way (tests, and stopping)."""
        while self._tasks:
            await asyncio.gather(*self._tasks.values(), return_exceptions=True)

    async def cancel(self) -> None:
        """Cancel the work under way and wait for it to end."""
        for task in self._tasks.values():
            task.cancel()
        await asyncio.gather(*self._tasks.values(), return_exceptions=True)
