"""A monotonic time that runs faster than the wall clock, for the pacer and the sandbox.

Scripted runs (the functional tests, the demo) send a few messages to one person in a
row; under Telegram's one-per-second pace each of them would cost a real second. Given
the same :class:`FastTime`, the bot's pacer and the sandbox's flood limits keep
Telegram's numbers in *their* seconds, which pass ``speed`` times faster: the pacing is
still enforced (a bot that ignores it gets 429s), it just does not cost wall time.
"""

from __future__ import annotations

import asyncio
import time


class FastTime:
    def __init__(self, speed: float) -> None:
        if speed <= 0:
            raise ValueError("speed must be positive")
        self.speed = speed
        self._origin = time.monotonic()

    def monotonic(self) -> float:
        """Seconds since this was made, in fast seconds."""
        return (time.monotonic() - self._origin) * self.speed

    async def sleep(self, seconds: float) -> None:
        """Sleep ``seconds`` fast seconds."""
        await asyncio.sleep(max(0.0, seconds) / self.speed)
