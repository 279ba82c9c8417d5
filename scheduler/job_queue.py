"""PTB's JobQueue, stopped as soon as its scheduler has stopped rather than after a fixed wait."""

from __future__ import annotations

import asyncio
from typing import Any

from telegram.ext import JobQueue


class PromptJobQueue(JobQueue[Any]):
    """PTB's ``JobQueue.stop`` waits for the running jobs, asks APScheduler to shut down
    (which happens on the event loop's next turn) and then sleeps a fixed 10 ms in the hope
    that it did. This one waits until that callback ran: the same order and the same
    end state, without the guess (10 ms saved at every stop of the bot)."""

    __slots__ = ()

    async def stop(self, wait: bool = True) -> None:
        if wait:
            # As PTB does: the AsyncIOExecutor would cancel the jobs still running.
            await asyncio.gather(*self._executor._pending_futures, return_exceptions=True)
        if self.scheduler.running:
            loop = asyncio.get_running_loop()
            self.scheduler.shutdown(wait=wait)
            # APScheduler shuts down in a callback it has just queued on this loop; the
            # loop runs its callbacks in order, so this one runs after it.
            stopped = loop.create_future()
            loop.call_soon(stopped.set_result, None)
            await stopped
