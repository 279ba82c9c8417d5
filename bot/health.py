"""The health and metrics endpoint: an aiohttp server in the bot's own event loop.

Opened in post_init, closed in post_shutdown, on ``health.listen:health.port``
(127.0.0.1:8081 by default; port 0 picks a free one, as the tests do):

* ``GET /healthz`` — 200 ``ok`` when the database answers, the delivery engine runs and
  Telegram answered a call within ``health.telegram_stale``; otherwise 503 with one
  line per reason. The polling bot calls Telegram every few seconds anyway; when
  nothing else did for a while (a quiet webhook bot) a ``getMe`` keeps the last
  answer fresh, so only an unreachable Telegram makes the check fail.
* ``GET /metrics`` — the application's registry in Prometheus' text format; the
  values read from the database are read at each scrape (scheduler/metrics.py).

Also here: the label an update is timed under (its command, or its kind).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from telegram import Bot, Update
from telegram.error import TelegramError

from bot.local_site import LocalSite
from handlers.commands import COMMANDS
from scheduler.services import Services
from scheduler.status import problems

log = logging.getLogger(__name__)

_KNOWN_COMMANDS = frozenset(name for spec in COMMANDS for name in (spec.name, *spec.aliases))
_HEARTBEAT_SECONDS = 30.0  # how often the server looks whether Telegram was called lately


def update_label(update: object) -> str:
    """What an update is timed as: its command (a known one), or its kind."""
    if not isinstance(update, Update):
        return "other"
    if update.callback_query is not None:
        return "button"
    message = update.message
    if message is None:
        return "other"
    text = message.text or ""
    if not text.startswith("/"):
        return "message"
    name = text[1:].split(maxsplit=1)[0].split("@", 1)[0].lower() if len(text) > 1 else ""
    return name if name in _KNOWN_COMMANDS else "other_command"


class HealthServer:
    def __init__(self, services: Services, bot: Bot) -> None:
        self._services = services
        self._bot = bot
        self._site = LocalSite()
        self._heartbeat: asyncio.Task[None] | None = None

    @property
    def url(self) -> str:
        return f"http://{self._services.config.health.listen}:{self._site.port}"

    async def start(self) -> None:
        config = self._services.config.health
        app = web.Application()
        app.router.add_get("/healthz", self._healthz)
        app.router.add_get("/metrics", self._metrics)
        await self._site.start(app, config.listen, config.port, "health.port")
        self._heartbeat = asyncio.create_task(self._keep_fresh(), name="health-heartbeat")
        log.info("health and metrics on %s (/healthz, /metrics)", self.url)

    async def stop(self) -> None:
        if self._heartbeat is not None:
            self._heartbeat.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._heartbeat
            self._heartbeat = None
        await self._site.stop()

    async def _healthz(self, request: web.Request) -> web.Response:
        found = await problems(self._services)
        if found:
            lines = "".join(f"{problem.describe()}\n" for problem in found)
            return web.Response(status=503, text=lines)
        return web.Response(text="ok\n")

    async def _metrics(self, request: web.Request) -> web.Response:
        services = self._services
        metrics = services.metrics
        await metrics.refresh(services.db, services.config)
        body = generate_latest(metrics.registry)
        return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE_LATEST})

    async def _keep_fresh(self) -> None:
        """Call getMe when nothing reached Telegram for a while (a quiet webhook bot)."""
        quiet_for = self._services.config.health.telegram_stale / 2
        while True:
            await asyncio.sleep(_HEARTBEAT_SECONDS)
            answered = self._services.metrics.telegram_ok_at
            if answered is None or self._services.clock.now() - answered > quiet_for:
                with contextlib.suppress(TelegramError):
                    await self._bot.get_me()
