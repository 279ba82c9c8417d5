"""What the sandbox tests share: a hand-moved time source, a bot on the sandbox, a keyboard."""

from __future__ import annotations

import telegram
from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.request import HTTPXRequest

from bot.devtools.sandbox import SandboxServer


class LimitClock:
    """Monotonic time source the tests move by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def make_bot(sb: SandboxServer, read_timeout: float | None = None) -> telegram.Bot:
    """A bot on ``sb``; with PTB's own request settings unless ``read_timeout`` is given."""
    request = None if read_timeout is None else HTTPXRequest(read_timeout=read_timeout)
    return telegram.Bot(
        sb.token, base_url=sb.base_url, base_file_url=sb.base_file_url, request=request
    )


KEYBOARD = InlineKeyboardMarkup(
    [
        [
            InlineKeyboardButton("Ya", callback_data="answer:yes"),
            InlineKeyboardButton("Tidak", callback_data="answer:no"),
        ],
        [InlineKeyboardButton("Situs", url="https://example.org")],
    ]
)
