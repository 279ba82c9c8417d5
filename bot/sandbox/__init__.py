"""A local, Telegram-faithful Bot API server for testing and demoing the bot without Telegram."""

from bot.sandbox.limits import LimitConfig, RateLimiter
from bot.sandbox.server import SandboxServer
from bot.sandbox.state import SandboxStats, SentMessage, render_message

__all__ = [
    "LimitConfig",
    "RateLimiter",
    "SandboxServer",
    "SandboxStats",
    "SentMessage",
    "render_message",
]
