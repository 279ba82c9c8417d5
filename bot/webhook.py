"""Webhook mode: an aiohttp server in the bot's own event loop, behind a reverse proxy.

Secure by default: without a configured secret a random one is made at each start
and registered with ``setWebhook``; a request without it (compared in constant time)
gets 403 before its body is read. Bodies over :data:`MAX_BODY` get 413 unread,
anything that is not an update gets 400, and an ``update_id`` seen already is
acknowledged and dropped. Accepted updates go to the application's update queue,
the same way PTB's own webhook server hands them over.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import secrets
import signal
from collections import deque
from typing import Any

from aiohttp import web
from telegram import Update
from telegram.ext import Application

from bot.core.config import TelegramConfig, webhook_settings
from bot.core.logging_setup import protect

log = logging.getLogger(__name__)
MAX_BODY = 1024 * 1024
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
REMEMBERED_IDS = 10_000  # update ids kept to recognise a delivery seen already
AnyApplication = Application[Any, Any, Any, Any, Any, Any]


class WebhookServer:
    def __init__(self, application: AnyApplication, telegram: TelegramConfig) -> None:
        self._application = application
        self._settings = webhook_settings(telegram)
        configured = telegram.webhook.secret_token
        self._secret = (
            configured.get_secret_value() if configured else secrets.token_urlsafe(32)
        ).encode()
        protect(self._secret.decode())
        self._seen: set[int] = set()
        self._order: deque[int] = deque()
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        """Listen, then tell Telegram the URL and the secret."""
        app = web.Application(client_max_size=MAX_BODY)
        app.router.add_post(f"/{self._settings['url_path']}", self._receive)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        self._runner = runner
        await web.TCPSite(runner, self._settings["listen"], self._settings["port"]).start()
        await self._application.bot.set_webhook(
            self._settings["webhook_url"],
            secret_token=self._secret.decode(),
            allowed_updates=Update.ALL_TYPES,
        )
        log.info("webhook listening on %s:%s", self._settings["listen"], self._settings["port"])

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _receive(self, request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, self._secret):
            log.warning("webhook call without the right secret refused")
            return web.Response(status=403)
        if request.content_length is not None and request.content_length > MAX_BODY:
            return web.Response(status=413)
        try:
            data = json.loads(await request.read())
        except web.HTTPRequestEntityTooLarge:
            return web.Response(status=413)
        except ValueError:  # not JSON (json.JSONDecodeError and UnicodeDecodeError)
            return web.Response(status=400)
        update_id = data.get("update_id") if isinstance(data, dict) else None
        if type(update_id) is not int:
            return web.Response(status=400)
        if update_id in self._seen:
            log.info("webhook delivered update %s again; ignored", update_id)
            return web.Response()
        try:
            update = Update.de_json(data, self._application.bot)
        except (KeyError, TypeError, ValueError, AttributeError):
            return web.Response(status=400)
        self._remember(update_id)
        await self._application.update_queue.put(update)
        return web.Response()

    def _remember(self, update_id: int) -> None:
        self._seen.add(update_id)
        self._order.append(update_id)
        if len(self._order) > REMEMBERED_IDS:
            self._seen.discard(self._order.popleft())


def run_webhook(application: AnyApplication, telegram: TelegramConfig) -> None:
    """Run until SIGINT/SIGTERM or ``stop_running()``, like PTB's ``run_webhook``."""
    server = WebhookServer(application, telegram)
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, loop.stop)
    try:
        loop.run_until_complete(_start(application, server))
        loop.run_forever()
    finally:
        loop.run_until_complete(_stop(application, server))
        loop.close()


async def _start(application: AnyApplication, server: WebhookServer) -> None:
    await application.initialize()
    if application.post_init is not None:
        await application.post_init(application)
    await application.start()
    await server.start()


async def _stop(application: AnyApplication, server: WebhookServer) -> None:
    await server.stop()
    if application.running:
        await application.stop()
        if application.post_stop is not None:
            await application.post_stop(application)
    await application.shutdown()
    if application.post_shutdown is not None:
        await application.post_shutdown(application)
