"""Waiting on the sandbox: for a chat's next messages, for it to be idle; a debugging dump."""

from __future__ import annotations

import asyncio
from collections import deque

from bot.devtools.sandbox.models import SentMessage
from bot.devtools.sandbox.rendering import render_message
from bot.devtools.sandbox.state import SandboxState


class Waiting(SandboxState):
    """What drivers wait on; the attributes are kept by SandboxServer's HTTP handler."""

    recent_errors: deque[str]
    _in_flight: int
    _last_request: float

    async def wait_for_messages(
        self,
        chat_id: int,
        count: int = 1,
        timeout: float = 5.0,  # noqa: ASYNC109 - part of the public API, like wait_idle's
        after: int | None = None,
    ) -> list[SentMessage]:
        """Wait until messages(chat_id)[after:] has at least `count` messages; return them all."""
        start = after or 0
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            found = self.messages(chat_id)[start:]
            remaining = deadline - loop.time()
            if len(found) >= count:
                return found
            if remaining <= 0:
                raise TimeoutError(
                    f"expected {count} bot message(s) in chat {chat_id} from index {start}, "
                    f"got {len(found)} within {timeout}s\n{self.describe(chat_id)}"
                )
            event = self.messages_changed
            try:
                await asyncio.wait_for(event.wait(), remaining)
            except TimeoutError:
                pass

    async def wait_idle(self, timeout: float = 5.0, quiet: float = 0.05) -> None:  # noqa: ASYNC109
        """Wait until every injected update is confirmed and no request came for `quiet` s."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            now = loop.time()
            if (
                not self.pending_updates
                and self._in_flight == 0
                and now - self._last_request >= quiet
            ):
                return
            if now >= deadline:
                raise TimeoutError(
                    f"sandbox not idle after {timeout}s: {len(self.pending_updates)} unconfirmed "
                    f"update(s), {self._in_flight} request(s) in flight\n{self.describe()}"
                )
            # Looked at again when a request ends or updates are confirmed, else after a
            # short while (the quiet period running out).
            event = self.activity_changed
            try:
                await asyncio.wait_for(event.wait(), min(max(quiet / 2, 0.005), 0.02))
            except TimeoutError:
                pass

    def describe(self, chat_id: int | None = None) -> str:
        """Debugging dump: a chat's bot messages, queue state, request counts, recent errors."""
        lines: list[str] = []
        if chat_id is not None and chat_id in self.chats:
            lines.append(f"bot messages in chat {chat_id}:")
            for i, msg in enumerate(self.messages(chat_id)):
                body = render_message(msg).replace("\n", "\n      ")
                lines.append(f"  #{i} [{msg.method} id={msg.message_id}] {body}")
        lines.append(f"unconfirmed updates: {len(self.pending_updates)}; webhook: {self.webhook}")
        lines.append(f"requests: {dict(self.stats.requests)}")
        lines.append("recent Bot API errors: " + ("; ".join(self.recent_errors) or "none"))
        return "\n".join(lines)
