"""The sandbox Telegram Bot API server: real HTTP, real wire format, Telegram-like rules.

Point PTB at it with ``ApplicationBuilder().base_url(sb.base_url).base_file_url(sb.base_file_url)``.
Request pipeline: token -> method lookup -> injected fault -> method (validate, rate limit,
deliver) -> response. Bot API method `fooBar` is implemented by `_api_foo_bar`.
"""

from __future__ import annotations

import asyncio
import copy
import itertools
import json
import mimetypes
import random
import re
import time
from collections import deque
from dataclasses import dataclass
from typing import Any, Literal

from aiohttp import web

from bot.sandbox.control import add_control_routes
from bot.sandbox.limits import LimitConfig, RateLimiter, TimeSource
from bot.sandbox.state import (
    JSON,
    ApiError,
    Chat,
    EntityParseError,
    SandboxState,
    SentMessage,
    StoredFile,
    format_text,
    png_size,
    render_message,
    solid_png,
    utf16_len,
)

FaultKind = Literal["5xx", "slow", "drop"]

_API_METHODS = """
    getMe getUpdates sendMessage sendPhoto sendDocument sendVideo sendMediaGroup copyMessage
    forwardMessage editMessageText editMessageCaption editMessageReplyMarkup deleteMessage
    answerCallbackQuery setMyCommands deleteMyCommands getMyCommands setWebhook deleteWebhook
    getWebhookInfo getFile getChat sendChatAction setChatMenuButton getChatMenuButton
""".split()
_CHAT_ACTIONS = frozenset(
    """typing upload_photo record_video upload_video record_voice upload_voice upload_document
    choose_sticker find_location record_video_note upload_video_note""".split()
)
_GIFT_TYPES = (
    "unlimited_gifts limited_gifts unique_gifts premium_subscription gifts_from_channels".split()
)
_IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"RIFF")
_MEDIA_KEYS = ("photo", "document", "video", "sticker")
_CONTENT_KEYS = ("text", "entities", "caption", "caption_entities", *_MEDIA_KEYS)
_NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are "
    "exactly the same as a current content and reply markup of the message"
)
_BAD_FILE = "Bad Request: wrong file identifier/HTTP URL specified"


@dataclass
class Upload:
    """A file part of a multipart request."""

    filename: str | None
    content_type: str | None
    data: bytes


class Params:
    """Typed access to request parameters, whichever encoding they arrived in.

    Form and multipart values are strings, with JSON-typed fields JSON-encoded, so every
    accessor accepts both the native JSON type and its string form.
    """

    def __init__(self, raw: dict[str, Any]) -> None:
        self.raw = raw

    def get_str(self, name: str) -> str | None:
        value = self.raw.get(name)
        return None if value is None or isinstance(value, Upload) else str(value)

    def get_float(self, name: str) -> float | None:
        value = self.raw.get(name)
        if value is None or value == "":
            return None
        try:
            return float(value)
        except (TypeError, ValueError):
            raise ApiError(400, f"Bad Request: invalid {name} specified") from None

    def get_int(self, name: str) -> int | None:
        value = self.raw.get(name)
        if isinstance(value, int | str) and str(value).lstrip("-").isdigit():
            return int(value)
        number = self.get_float(name)
        return None if number is None else int(number)

    def required_int(self, name: str) -> int:
        value = self.get_int(name)
        if value is None:
            raise ApiError(400, f"Bad Request: {name} is empty")
        return value

    def get_bool(self, name: str) -> bool:
        return self.raw.get(name) in (True, "true", "True", "1", 1)

    def get_json(self, name: str) -> Any:
        value = self.raw.get(name)
        if not isinstance(value, str):
            return value
        try:
            return json.loads(value)
        except ValueError:
            raise ApiError(400, f"Bad Request: can't parse {name} JSON object") from None

    def chat_id(self, name: str = "chat_id") -> int | str:
        value = self.raw.get(name)
        if value is None or value == "":
            raise ApiError(400, f"Bad Request: {name} is empty")
        if isinstance(value, str) and value.startswith("@"):
            return value
        try:
            return int(value)
        except (TypeError, ValueError):
            raise ApiError(400, "Bad Request: chat not found") from None


@dataclass
class _FaultRule:
    kind: FaultKind
    remaining: int | None
    rate: float | None
    methods: frozenset[str] | None
    delay: float
    rng: random.Random

    def fires(self, method: str) -> bool:
        """Whether this rule hits a request; None methods means all but getUpdates."""
        if (method == "getupdates") if self.methods is None else (method not in self.methods):
            return False
        if self.remaining == 0 or (self.rate is not None and self.rng.random() >= self.rate):
            return False
        if self.remaining is not None:
            self.remaining -= 1
        return True


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _commands_key(p: Params) -> tuple[str, str]:
    """(canonical scope JSON with "type" first and other keys sorted, language code or "")."""
    scope = p.get_json("scope") or {"type": "default"}
    ordered = {"type": scope.get("type"), **{k: scope[k] for k in sorted(scope) if k != "type"}}
    canonical = json.dumps(ordered, separators=(",", ":"), ensure_ascii=False)
    return canonical, p.get_str("language_code") or ""


def _check_markup(markup: Any) -> JSON | None:
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise ApiError(400, "Bad Request: can't parse reply keyboard markup JSON object")
    for row in markup.get("inline_keyboard", []):
        for button in row:
            if not isinstance(button, dict) or not button.get("text"):
                raise ApiError(
                    400, "Bad Request: can't parse inline keyboard button: Text must be non-empty"
                )
            if (
                "callback_data" in button
                and not 1 <= len(str(button["callback_data"]).encode()) <= 64
            ):
                raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
            if len(button) == 1:
                raise ApiError(
                    400,
                    "Bad Request: can't parse inline keyboard button: Text buttons are "
                    "unallowed in the inline keyboard",
                )
    return markup


def _formatted(
    source: str, parse_mode: str | None, entities: Any, *, limit: int, too_long: str
) -> tuple[str, list[JSON]]:
    try:
        plain, parsed = format_text(source, parse_mode, entities)
    except EntityParseError as err:
        raise ApiError(400, f"Bad Request: can't parse entities: {err}") from None
    if utf16_len(plain) > limit:
        raise ApiError(400, too_long)
    return plain, parsed


def _caption_fields(
    source: str | None, parse_mode: str | None, entities: Any
) -> tuple[str | None, JSON]:
    """(caption as sent, caption JSON fields as Telegram stores them)."""
    if source is None:
        return None, {}
    plain, parsed = _formatted(
        str(source),
        parse_mode,
        entities,
        limit=1024,
        too_long="Bad Request: message caption is too long",
    )
    fields: JSON = {"caption": plain} if plain else {}
    if parsed:
        fields["caption_entities"] = parsed
    return str(source), fields


def _request_caption(p: Params) -> tuple[str | None, JSON]:
    return _caption_fields(
        p.get_str("caption"), p.get_str("parse_mode"), p.get_json("caption_entities")
    )


def _media_of(message: JSON) -> tuple[str | None, str | None]:
    """(media type, file_id of the largest variant) of a Telegram message JSON."""
    kind = next((k for k in _MEDIA_KEYS if k in message), None)
    if kind is None:
        return None, None
    media = message[kind]
    return kind, (media[-1] if kind == "photo" else media)["file_id"]


async def _read_params(request: web.Request) -> Params:
    raw: dict[str, Any] = dict(request.query)
    if request.can_read_body:
        if request.content_type == "application/json":
            try:
                body = await request.json()
            except ValueError:
                raise ApiError(400, "Bad Request: can't parse JSON object") from None
            if isinstance(body, dict):
                raw.update(body)
        else:
            for key, value in (await request.post()).items():
                if isinstance(value, web.FileField):
                    raw[key] = Upload(value.filename, value.content_type, value.file.read())
                else:
                    raw[key] = value
    return Params(raw)


class SandboxServer(SandboxState):
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
        self._faults: list[_FaultRule] = []
        self._forced_retry: list[int] = []
        self._menu_buttons: dict[int | None, JSON] = {}
        self._allowed_updates: list[str] | None = None
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
        add_control_routes(app, self)
        self._runner = web.AppRunner(
            app, access_log=None, handler_cancellation=True, shutdown_timeout=0.5
        )
        await self._runner.setup()
        site = web.TCPSite(self._runner, self._host, self._port)
        await site.start()
        self._port = int(self._runner.addresses[0][1])
        self._closing = False

    async def stop(self) -> None:
        """Stop serving; pending long polls are answered with an empty result first."""
        self._closing = True
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

    # ---- faults ------------------------------------------------------------------------

    def inject_faults(
        self,
        *,
        kind: FaultKind,
        count: int | None = None,
        rate: float | None = None,
        methods: set[str] | None = None,
        delay: float = 2.0,
    ) -> None:
        """Make matching requests fail.

        `count` caps how many requests fail, `rate` is the chance per matching request
        (seeded, so runs repeat); with neither, every matching request fails until
        clear_faults(). `methods` are Bot API names; None means every method but getUpdates.
        "5xx": HTTP 502, nothing executed. "slow": executed, answered after `delay` seconds.
        "drop": executed (a send IS delivered), then the connection is closed unanswered.
        """
        if kind not in ("5xx", "slow", "drop"):
            raise ValueError(f"unknown fault kind {kind!r}")
        names = frozenset(m.lower() for m in methods) if methods is not None else None
        self._faults.append(
            _FaultRule(kind, count, rate, names, delay, random.Random(len(self._faults)))
        )

    def force_retry_after(self, seconds: int, count: int = 1) -> None:
        """The next `count` sending requests get 429 with this retry_after, undelivered."""
        self._forced_retry.extend([seconds] * count)

    def clear_faults(self) -> None:
        self._faults.clear()
        self._forced_retry.clear()

    def _pick_fault(self, method: str) -> _FaultRule | None:
        rule = next((r for r in self._faults if r.fires(method)), None)
        if rule is not None:
            self.stats.faults_injected += 1
        return rule

    def _admit(self, chat: Chat, count: int) -> None:
        """Flood control for a send of `count` messages; raises 429 without delivering."""
        retry_after: int | None = None
        if self._forced_retry:
            retry_after = self._forced_retry.pop(0)
            self.stats.faults_injected += 1
        elif self.enforce_limits:
            retry_after = self._limiter.acquire(chat.id, count)
        if retry_after is not None:
            raise ApiError(429, f"Too Many Requests: retry after {retry_after}", retry_after)

    # ---- waiting -----------------------------------------------------------------------

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
            await asyncio.sleep(min(max(quiet / 2, 0.005), 0.02))

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
            fault = self._pick_fault(key)
            if fault is not None and fault.kind == "5xx":
                return web.json_response(ApiError(502, "Bad Gateway").to_json(), status=502)
            try:
                body, status = (
                    {"ok": True, "result": await method(await _read_params(request))},
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

    # ---- Bot API: helpers ----------------------------------------------------------------

    def _reply_fields(self, p: Params, chat: Chat) -> JSON:
        """Fields shared by all sends: reply_to_message and has_protected_content."""
        fields: JSON = {"has_protected_content": True} if p.get_bool("protect_content") else {}
        reply = p.get_json("reply_parameters")
        if reply is None and p.get_int("reply_to_message_id") is not None:
            reply = {"message_id": p.get_int("reply_to_message_id")}
        if isinstance(reply, dict):
            target_chat = self.resolve_chat(reply["chat_id"]) if "chat_id" in reply else chat
            target = target_chat.message(int(reply.get("message_id", 0)))
            if target is not None:
                fields["reply_to_message"] = {
                    k: v for k, v in target.items() if k != "reply_to_message"
                }
            elif not reply.get("allow_sending_without_reply"):
                raise ApiError(400, "Bad Request: message to be replied not found")
        return fields

    def _input_file(self, value: Any, p: Params, kind: str) -> StoredFile:
        """Resolve an upload, attach:// reference, known file_id, plausible file_id or URL."""
        if isinstance(value, str) and value.startswith("attach://"):
            value = p.raw.get(value.removeprefix("attach://"))
            if not isinstance(value, Upload):
                raise ApiError(400, _BAD_FILE)
        if isinstance(value, Upload) and kind != "photo":
            mime = value.content_type or mimetypes.guess_type(value.filename or "")[0]
            return self.store_file(value.data, kind, file_name=value.filename, mime_type=mime)
        if isinstance(value, Upload):
            if not value.data.startswith(_IMAGE_MAGIC):
                raise ApiError(400, "Bad Request: IMAGE_PROCESS_FAILED")
            mime = "image/png" if png_size(value.data) else "image/jpeg"
            return self.store_file(value.data, kind, mime_type=mime)
        if not isinstance(value, str) or not value:
            raise ApiError(400, f"Bad Request: there is no {kind} in the request")
        if value in self.files:
            return self.files[value]
        placeholder = solid_png(800, 600) if kind == "photo" else b"sandbox placeholder"
        if value.startswith(("http://", "https://")):
            name = value.rstrip("/").rpartition("/")[2] or None
            return self.store_file(
                placeholder, kind, file_name=name, mime_type=mimetypes.guess_type(value)[0]
            )
        if self.looks_like_file_id(value):
            return self.store_file(placeholder, kind, file_id=value)
        raise ApiError(400, _BAD_FILE)

    def _media_json(self, kind: str, stored: StoredFile) -> Any:
        if kind == "photo":
            return self.photo_sizes(stored)
        media = self.document_json(stored)
        if kind == "video":
            media.update(width=640, height=360, duration=1)
        return media

    async def _send_media(self, p: Params, kind: str, method: str) -> JSON:
        chat = self.writable_chat(p.chat_id())
        caption, fields = _request_caption(p)
        markup = _check_markup(p.get_json("reply_markup"))
        stored = self._input_file(p.raw.get(kind), p, kind)
        content = {kind: self._media_json(kind, stored), **fields, **self._reply_fields(p, chat)}
        self._admit(chat, 1)
        sent = self.deliver(
            chat,
            method,
            content,
            text=caption,
            parse_mode=p.get_str("parse_mode"),
            reply_markup=markup,
            media_type=kind,
            file_id=stored.file_id,
        )
        return sent.raw

    def _editable(self, p: Params) -> SentMessage:
        if p.get_str("inline_message_id"):
            raise ApiError(400, "Bad Request: MESSAGE_ID_INVALID")
        chat = self.writable_chat(p.chat_id())
        message_id = p.required_int("message_id")
        if chat.message(message_id) is None:
            raise ApiError(400, "Bad Request: message to edit not found")
        sent = chat.sent_message(message_id)
        if sent is None:
            raise ApiError(400, "Bad Request: message can't be edited")
        return sent

    def _apply_edit(
        self,
        sent: SentMessage,
        fields: JSON,
        p: Params,
        *,
        text: str | None,
        entities: list[JSON] | None,
    ) -> JSON:
        """Replace `fields` (empty value = remove) and the inline keyboard, Telegram-style."""
        markup = _check_markup(p.get_json("reply_markup"))
        if markup is not None and "inline_keyboard" not in markup:
            raise ApiError(400, "Bad Request: inline keyboard expected")
        unchanged = all(sent.raw.get(k) == (v or None) for k, v in fields.items())
        if unchanged and sent.raw.get("reply_markup") == markup:
            raise ApiError(400, _NOT_MODIFIED)
        for key, value in fields.items():
            if value:
                sent.raw[key] = value
            else:
                sent.raw.pop(key, None)
        if markup is None:
            sent.raw.pop("reply_markup", None)
        else:
            sent.raw["reply_markup"] = markup
        sent.raw["edit_date"] = int(time.time())
        if fields:
            sent.text, sent.parse_mode, sent.entities = (
                text,
                p.get_str("parse_mode"),
                entities or [],
            )
        sent.reply_markup = markup
        sent.edited = True
        self.touch_messages()
        return sent.raw

    # ---- Bot API: methods ----------------------------------------------------------------

    async def _api_get_me(self, p: Params) -> JSON:
        return {
            **self.bot_user.to_json(),
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    async def _api_get_updates(self, p: Params) -> list[JSON]:
        """Long polling: answer at once if updates are pending, else wait up to `timeout`."""
        if self.webhook is not None:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; use "
                "deleteWebhook to delete the webhook first",
            )
        offset = p.get_int("offset")
        if offset is not None:
            self.confirm_updates(offset)
        allowed = p.get_json("allowed_updates")
        if allowed is not None:
            self._allowed_updates = list(allowed)
        limit = min(max(p.get_int("limit") or 100, 1), 100)
        timeout = max(0.0, p.get_float("timeout") or 0.0)
        self._poll_generation += 1
        generation = self._poll_generation
        self.notify_updates()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            if generation != self._poll_generation:
                raise ApiError(
                    409,
                    "Conflict: terminated by other getUpdates request; make sure that only one "
                    "bot instance is running",
                )
            if self._allowed_updates:
                wanted = set(self._allowed_updates)
                self.pending_updates = [u for u in self.pending_updates if wanted & u.keys()]
            remaining = deadline - loop.time()
            if self.pending_updates or remaining <= 0 or self._closing:
                return self.pending_updates[:limit]
            event = self.updates_changed
            try:
                await asyncio.wait_for(event.wait(), remaining)
            except TimeoutError:
                pass

    async def _api_send_message(self, p: Params) -> JSON:
        chat = self.writable_chat(p.chat_id())
        source = p.get_str("text") or ""
        plain, entities = _formatted(
            source,
            p.get_str("parse_mode"),
            p.get_json("entities"),
            limit=4096,
            too_long="Bad Request: message is too long",
        )
        if not plain:
            raise ApiError(400, "Bad Request: message text is empty")
        markup = _check_markup(p.get_json("reply_markup"))
        content: JSON = {"text": plain, **({"entities": entities} if entities else {})}
        if p.get_json("link_preview_options"):
            content["link_preview_options"] = p.get_json("link_preview_options")
        content.update(self._reply_fields(p, chat))
        self._admit(chat, 1)
        return self.deliver(
            chat,
            "sendMessage",
            content,
            text=source,
            parse_mode=p.get_str("parse_mode"),
            reply_markup=markup,
        ).raw

    async def _api_send_photo(self, p: Params) -> JSON:
        return await self._send_media(p, "photo", "sendPhoto")

    async def _api_send_document(self, p: Params) -> JSON:
        return await self._send_media(p, "document", "sendDocument")

    async def _api_send_video(self, p: Params) -> JSON:
        return await self._send_media(p, "video", "sendVideo")

    async def _api_send_media_group(self, p: Params) -> list[JSON]:
        chat = self.writable_chat(p.chat_id())
        items = p.get_json("media")
        if not isinstance(items, list) or not 2 <= len(items) <= 10:
            raise ApiError(
                400, "Bad Request: wrong number of messages specified, must be between 2 and 10"
            )
        prepared: list[tuple[str, str | None, StoredFile, JSON]] = []
        for item in items:
            kind = item.get("type") if isinstance(item, dict) else None
            if kind not in ("photo", "video", "document"):
                raise ApiError(400, "Bad Request: unsupported media type in the media group")
            caption, fields = _caption_fields(
                item.get("caption"), item.get("parse_mode"), item.get("caption_entities")
            )
            prepared.append((kind, caption, self._input_file(item.get("media"), p, kind), fields))
        shared = self._reply_fields(p, chat)
        self._admit(chat, len(prepared))
        group_id = f"{self.bot_id}{next(self._media_group_ids):08d}"
        return [
            self.deliver(
                chat,
                "sendMediaGroup",
                {
                    kind: self._media_json(kind, stored),
                    **fields,
                    **shared,
                    "media_group_id": group_id,
                },
                text=caption,
                parse_mode=item.get("parse_mode"),
                reply_markup=None,
                media_type=kind,
                file_id=stored.file_id,
            ).raw
            for (kind, caption, stored, fields), item in zip(prepared, items, strict=True)
        ]

    def _source_message(self, p: Params, missing: str) -> JSON:
        source_chat = self.resolve_chat(p.chat_id("from_chat_id"))
        message = source_chat.message(p.required_int("message_id"))
        if message is None:
            raise ApiError(400, f"Bad Request: {missing}")
        return message

    async def _api_copy_message(self, p: Params) -> JSON:
        chat = self.writable_chat(p.chat_id())
        original = self._source_message(p, "message to copy not found")
        content = {k: copy.deepcopy(original[k]) for k in _CONTENT_KEYS if k in original}
        text = original.get("text") or original.get("caption")
        parse_mode = None
        if "caption" in p.raw:
            content.pop("caption", None)
            content.pop("caption_entities", None)
            text, fields = _request_caption(p)
            content.update(fields)
            parse_mode = p.get_str("parse_mode")
        markup = _check_markup(p.get_json("reply_markup"))
        content.update(self._reply_fields(p, chat))
        media_type, file_id = _media_of(original)
        self._admit(chat, 1)
        sent = self.deliver(
            chat,
            "copyMessage",
            content,
            text=text,
            parse_mode=parse_mode,
            reply_markup=markup,
            media_type=media_type,
            file_id=file_id,
        )
        return {"message_id": sent.message_id}

    async def _api_forward_message(self, p: Params) -> JSON:
        chat = self.writable_chat(p.chat_id())
        original = self._source_message(p, "message to forward not found")
        content = {k: copy.deepcopy(original[k]) for k in _CONTENT_KEYS if k in original}
        content["forward_origin"] = {
            "type": "user",
            "sender_user": original["from"],
            "date": original["date"],
        }
        if p.get_bool("protect_content"):
            content["has_protected_content"] = True
        media_type, file_id = _media_of(original)
        self._admit(chat, 1)
        return self.deliver(
            chat,
            "forwardMessage",
            content,
            text=original.get("text") or original.get("caption"),
            parse_mode=None,
            reply_markup=None,
            media_type=media_type,
            file_id=file_id,
        ).raw

    async def _api_edit_message_text(self, p: Params) -> JSON:
        sent = self._editable(p)
        if sent.media_type is not None:
            raise ApiError(400, "Bad Request: there is no text in the message to edit")
        source = p.get_str("text") or ""
        plain, entities = _formatted(
            source,
            p.get_str("parse_mode"),
            p.get_json("entities"),
            limit=4096,
            too_long="Bad Request: message is too long",
        )
        if not plain:
            raise ApiError(400, "Bad Request: message text is empty")
        return self._apply_edit(
            sent, {"text": plain, "entities": entities}, p, text=source, entities=entities
        )

    async def _api_edit_message_caption(self, p: Params) -> JSON:
        sent = self._editable(p)
        if sent.media_type is None:
            raise ApiError(400, "Bad Request: there is no caption in the message to edit")
        source, fields = _request_caption(p)
        fields = {
            "caption": fields.get("caption"),
            "caption_entities": fields.get("caption_entities"),
        }
        return self._apply_edit(sent, fields, p, text=source, entities=fields["caption_entities"])

    async def _api_edit_message_reply_markup(self, p: Params) -> JSON:
        return self._apply_edit(self._editable(p), {}, p, text=None, entities=None)

    async def _api_delete_message(self, p: Params) -> bool:
        chat = self.resolve_chat(p.chat_id())
        message_id = p.required_int("message_id")
        if chat.message(message_id) is None:
            raise ApiError(400, "Bad Request: message to delete not found")
        sent = chat.sent_message(message_id)
        chat.deleted.add(message_id)
        if sent is not None:
            sent.deleted = True
            self.touch_messages()
        return True

    async def _api_answer_callback_query(self, p: Params) -> bool:
        query_id = p.get_str("callback_query_id") or ""
        if query_id not in self.open_callback_queries:
            raise ApiError(
                400,
                "Bad Request: query is too old and response timeout expired or query ID is invalid",
            )
        self.open_callback_queries.discard(query_id)
        self.callback_answers.append(
            {
                "callback_query_id": query_id,
                "text": p.get_str("text"),
                "show_alert": p.get_bool("show_alert"),
                "url": p.get_str("url"),
                "cache_time": p.get_int("cache_time"),
            }
        )
        return True

    async def _api_set_my_commands(self, p: Params) -> bool:
        commands = p.get_json("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise ApiError(
                400, "Bad Request: commands must be a list of at most 100 BotCommand objects"
            )
        for command in commands:
            if not isinstance(command, dict) or not re.fullmatch(
                r"[a-z0-9_]{1,32}", str(command.get("command", ""))
            ):
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", ""))) <= 256:
                raise ApiError(400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
        self.commands[_commands_key(p)] = [
            {"command": c["command"], "description": c["description"]} for c in commands
        ]
        return True

    async def _api_delete_my_commands(self, p: Params) -> bool:
        self.commands.pop(_commands_key(p), None)
        return True

    async def _api_get_my_commands(self, p: Params) -> list[JSON]:
        return list(self.commands.get(_commands_key(p), []))

    async def _api_set_webhook(self, p: Params) -> bool:
        url = p.get_str("url") or ""
        if url and not url.startswith("https://"):
            raise ApiError(
                400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook"
            )
        if p.get_bool("drop_pending_updates"):
            self.pending_updates.clear()
        self.webhook = None
        if url:
            self.webhook = {"url": url, "max_connections": p.get_int("max_connections") or 40}
            for key in ("secret_token", "ip_address"):
                if p.get_str(key):
                    self.webhook[key] = p.get_str(key)
            if p.get_json("allowed_updates") is not None:
                self.webhook["allowed_updates"] = p.get_json("allowed_updates")
        return True

    async def _api_delete_webhook(self, p: Params) -> bool:
        if p.get_bool("drop_pending_updates"):
            self.pending_updates.clear()
        self.webhook = None
        return True

    async def _api_get_webhook_info(self, p: Params) -> JSON:
        info: JSON = {
            "url": "",
            "has_custom_certificate": False,
            "pending_update_count": len(self.pending_updates),
        }
        if self.webhook is not None:
            info.update({k: v for k, v in self.webhook.items() if k != "secret_token"})
        return info

    async def _api_get_file(self, p: Params) -> JSON:
        stored = self.files.get(p.get_str("file_id") or "")
        if stored is None:
            raise ApiError(400, "Bad Request: invalid file_id")
        return stored.to_json()

    async def _api_get_chat(self, p: Params) -> JSON:
        chat = self.resolve_chat(p.chat_id())
        gifts = dict.fromkeys(_GIFT_TYPES, False)
        return {
            **chat.to_json(),
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": gifts,
        }

    async def _api_send_chat_action(self, p: Params) -> bool:
        self.writable_chat(p.chat_id())
        if p.get_str("action") not in _CHAT_ACTIONS:
            raise ApiError(400, "Bad Request: wrong parameter action in request")
        return True

    async def _api_set_chat_menu_button(self, p: Params) -> bool:
        self._menu_buttons[p.get_int("chat_id")] = p.get_json("menu_button") or {"type": "default"}
        return True

    async def _api_get_chat_menu_button(self, p: Params) -> JSON:
        return self._menu_buttons.get(p.get_int("chat_id"), {"type": "default"})
