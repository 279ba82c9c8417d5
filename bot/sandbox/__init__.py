"""A local, Telegram-faithful Bot API server for testing and demoing the bot without Telegram."""

from bot.sandbox.limits import LimitConfig, RateLimiter
from bot.sandbox.models import SandboxStats, SentMessage
from bot.sandbox.rendering import render_message
from bot.sandbox.server import SandboxServer

__all__ = [
    "LimitConfig",
    "RateLimiter",
    "SandboxServer",
    "SandboxStats",
    "SentMessage",
    "render_message",
]
