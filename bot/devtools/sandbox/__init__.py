"""A local, Telegram-faithful Bot API server for testing and demoing the bot without Telegram."""

from bot.devtools.sandbox.limits import LimitConfig, RateLimiter
from bot.devtools.sandbox.models import SandboxStats, SentMessage
from bot.devtools.sandbox.rendering import render_message
from bot.devtools.sandbox.server import SandboxServer

__all__ = [
    "LimitConfig",
    "RateLimiter",
    "SandboxServer",
    "SandboxStats",
    "SentMessage",
    "render_message",
]
