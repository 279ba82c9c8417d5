"""The sandbox Telegram Bot API server: real HTTP, real wire format, Telegram-like rules.

Point PTB at it with ``ApplicationBuilder().base_url(sb.base_url).base_file_url(sb.base_file_url)``.
Request pipeline: token -> method lookup -> held? -> injected fault -> method (validate,
rate limit, deliver) -> response. Bot API method `fooBar` is implemented by `_api_foo_bar`
in one of the `methods_*.py` mixins; `faults.py` holds fault injection and the flood-control gate,
`control.py` the /control endpoints and `waiting.py` what drivers wait on.
"""

from __future__ import annotations

import asyncio
import itertools
import re
import time
from collections import deque

from aiohttp import web

from bot.devtools.sandbox.control import ControlApi
from bot.devtools.sandbox.errors import ApiError
from bot.devtools.sandbox.limits import LimitConfig, RateLimiter, TimeSource
from bot.devtools.sandbox.methods_chats import ChatMethods
from bot.devtools.sandbox.methods_commands import CommandMethods
from bot.devtools.sandbox.methods_editing import EditingMethods
from bot.devtools.sandbox.methods_sending import SendingMethods
from bot.devtools.sandbox.methods_updates import UpdateMethods
from bot.devtools.sandbox.params import read_params

_API_METHODS = """
    getMe getUpdates sendMessage sendPhoto sendDocument sendVideo sendMediaGroup copyMessage
    forwardMessage editMessageText editMessageCaption editMessageReplyMarkup deleteMessage
    answerCallbackQuery setMyCommands deleteMyCommands getMyCommands setWebhook deleteWebhook
    getWebhookInfo getFile getChat sendChatAction setChatMenuButton getChatMenuButton
""".split()


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


class SandboxServer(
    SendingMethods,
    EditingMethods,
    UpdateMethods,
    CommandMethods,
    ChatMethods,
    ControlApi,
):
    """A local Telegram Bot API server plus the knobs to drive and inspect it."""

    def __init__(
        self,
        *,
        token: str = "123456:SANDBOX-TOKEN",
        bot_username: str = "humas_sandbox_bot",
        enforce_limits: bool = True,
        host: str = "127.0.0.1",
        port: int = 0,
        time_source: TimeSource = time.monotonic,
        limits: LimitConfig | None = None,
    ) -> None:
        super().__init__(token=token, bot_username=bot_username)
        self.enforce_limits = enforce_limits
        self.recent_errors: deque[str] = deque(maxlen=20)
        self._host = host
        self._port = port
        self._limiter = RateLimiter(limits, time_source=time_source)
        self._faults = []
        self._forced_retry = []
        self._hold = None
        self._menu_buttons = {}
        self._allowed_updates = None
        self._runner: web.AppRunner | None = None
        self._poll_generation = 0
        self._in_flight = 0
        self._last_request = 0.0
        self._closing = False
        self._media_group_ids = itertools.count(1)
        self._methods = {
            name.lower(): (name, getattr(self, f"_api_{_snake(name)}")) for name in _API_METHODS
        }

    # ---- lifecycle ---------------------------------------------------------------------

    async def start(self) -> None:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_api)
        app.router.add_get("/file/bot{token}/{path:.+}", self._handle_file)
        self.add_control_routes(app)
        self._runner = web.AppRunner(
            app, access_log=None, handler_cancellation=True, shutdown_timeout=0.5
        )
        await self._runner.setup()
        site = web.TCPSite(self._runner, self._host, self._port)
        await site.start()
        self._port = int(self._runner.addresses[0][1])
        self._closing = False

    async def stop(self) -> None:
        """Stop serving; held requests go on, pending long polls get an empty result first."""
        self._closing = True
        self.release_requests()
        self.notify_updates()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> SandboxServer:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    @property
    def _origin(self) -> str:
        if self._runner is None:
            raise RuntimeError("SandboxServer is not started")
        return f"http://{self._host}:{self._port}"

    @property
    def base_url(self) -> str:
        return f"{self._origin}/bot"

    @property
    def base_file_url(self) -> str:
        return f"{self._origin}/file/bot"

    @property
    def control_url(self) -> str:
        return f"{self._origin}/control"

    # ---- HTTP --------------------------------------------------------------------------

    async def _handle_api(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return web.json_response(ApiError(401, "Unauthorized").to_json(), status=401)
        entry = self._methods.get(request.match_info["method"].lower())
        if entry is None:
            return web.json_response(ApiError(404, "Not Found").to_json(), status=404)
        name, method = entry
        key = name.lower()
        self.stats.requests[name] += 1
        tracked = key != "getupdates"
        loop = asyncio.get_running_loop()
        if tracked:
            self._in_flight += 1
            self._last_request = loop.time()
        try:
            await self._wait_if_held(key)
            fault = self._pick_fault(key)
            if fault is not None and fault.kind == "5xx":
                return web.json_response(ApiError(502, "Bad Gateway").to_json(), status=502)
            try:
                body, status = (
                    {"ok": True, "result": await method(await read_params(request))},
                    200,
                )
            except ApiError as err:
                body, status = err.to_json(), err.code
                self._count_error(name, err)
            if fault is not None and fault.kind == "slow":
                await asyncio.sleep(fault.delay)
            if fault is not None and fault.kind == "drop" and request.transport is not None:
                request.transport.abort()
            return web.json_response(body, status=status)
        finally:
            if tracked:
                self._in_flight -= 1
                self._last_request = loop.time()
                self.touch_activity()

    def _count_error(self, method: str, err: ApiError) -> None:
        if err.code == 400:
            self.stats.responses_400 += 1
        elif err.code == 403:
            self.stats.responses_403 += 1
        elif err.code == 429:
            self.stats.responses_429 += 1
        self.recent_errors.append(f"{method} -> {err.code} {err.description}")

    async def _handle_file(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return web.json_response(ApiError(401, "Unauthorized").to_json(), status=401)
        path = request.match_info["path"]
        stored = next((f for f in self.files.values() if f.file_path == path), None)
        if stored is None:
            return web.json_response(ApiError(404, "Not Found").to_json(), status=404)
        return web.Response(
            body=stored.data, content_type=stored.mime_type or "application/octet-stream"
        )
