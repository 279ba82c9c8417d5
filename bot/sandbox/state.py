"""In-memory model of the sandbox: users, chats, message history, files and the update queue.

Everything here is synchronous and HTTP-free. `SandboxState` has two faces: the "user side"
(add_user, send_text, press_button, ...) used by tests to act like people, and the "bot side"
(resolve_chat, deliver, store_file, ...) used by the Bot API handlers in `server.py`.
"""

from __future__ import annotations

import asyncio
import copy
import re
import secrets
import struct
import time
import zlib
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

JSON = dict[str, Any]

_FILE_ID_RE = re.compile(r"^[A-Za-z0-9_-]{20,}$")
_COMMAND_RE = re.compile(r"(?<!\S)/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?")
_MEDIA_LABELS = {"photo": "foto", "document": "dokumen", "video": "video"}


class ApiError(Exception):
    """A Bot API error response: HTTP status == error_code, like Telegram."""

    def __init__(self, code: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.retry_after = retry_after

    def to_json(self) -> JSON:
        body: JSON = {"ok": False, "error_code": self.code, "description": self.description}
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


def chat_not_found() -> ApiError:
    return ApiError(400, "Bad Request: chat not found")


# ---- message text formatting (parse_mode) ---------------------------------------------


class EntityParseError(ValueError):
    """Malformed markup; the message becomes "Bad Request: can't parse entities: <message>"."""


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit of Telegram's limits and entity offsets."""
    return len(text.encode("utf-16-le")) // 2


def _byte_offset(src: str, index: int) -> int:
    return len(src[:index].encode("utf-8"))


class _TextBuilder:
    """Accumulates plain text and entities, tracking the UTF-16 position."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.entities: list[JSON] = []

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.pos += utf16_len(text)

    def entity(self, kind: str, start: int, **extra: Any) -> None:
        if self.pos > start:
            self.entities.append(
                {"type": kind, "offset": start, "length": self.pos - start, **extra}
            )

    def result(self) -> tuple[str, list[JSON]]:
        return "".join(self.parts), sorted(self.entities, key=lambda e: (e["offset"], -e["length"]))


_HTML_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
_HTML_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_HTML_ENTITY_RE = re.compile(r"&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]+));")
_TAG_NAME_RE = re.compile(r"[^\s>/]*")
_ATTR_RE = re.compile(r"\s+([a-zA-Z_-]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>\"']+)))?")
_END_TAG_RE = re.compile(r"</\s*([^\s>]*)\s*>")
_TAG_CLOSE_RE = re.compile(r"\s*>")


def _html_unescape(src: str, start: int, end: int) -> str:
    out: list[str] = []
    i = start
    while i < end:
        if src[i] != "&":
            out.append(src[i])
            i += 1
            continue
        m = _HTML_ENTITY_RE.match(src, i, end)
        char = None
        if m and m.group(3):
            char = _HTML_ENTITIES.get(m.group(3).lower())
        elif m:
            code = int(m.group(1)) if m.group(1) else int(m.group(2), 16)
            char = chr(code) if 0 < code <= 0x10FFFF else None
        if m is None or char is None:
            offset = _byte_offset(src, i)
            raise EntityParseError(f"Unsupported HTML entity at byte offset {offset}; use &amp;")
        out.append(char)
        i = m.end()
    return "".join(out)


def parse_html(src: str) -> tuple[str, list[JSON]]:
    """Telegram's HTML parse mode, strict: bare '<' or '&' are errors, as the docs demand."""
    out = _TextBuilder()
    stack: list[tuple[str, int, dict[str, str]]] = []
    i = 0
    while i < len(src):
        nxt = src.find("<", i)
        nxt = len(src) if nxt < 0 else nxt
        if nxt > i:
            out.add(_html_unescape(src, i, nxt))
            i = nxt
            continue
        offset = _byte_offset(src, i)
        if src.startswith("</", i):
            end = _END_TAG_RE.match(src, i)
            if end is None:
                raise EntityParseError(f"Unclosed end tag at byte offset {offset}")
            name = end.group(1).lower()
            if not stack:
                raise EntityParseError(f"Unexpected end tag at byte offset {offset}")
            if stack[-1][0] != name:
                raise EntityParseError(
                    f'Unmatched end tag at byte offset {offset}, expected "</{stack[-1][0]}>", '
                    f'found "</{name}>"'
                )
            _close_html_tag(out, stack)
            i = end.end()
            continue
        tag = _TAG_NAME_RE.match(src, i + 1)
        name = tag.group().lower() if tag else ""
        if name not in _HTML_TAGS:
            raise EntityParseError(f'Unsupported start tag "{name}" at byte offset {offset}')
        i += 1 + len(name)
        attrs: dict[str, str] = {}
        while (attr := _ATTR_RE.match(src, i)) is not None:
            value = next((g for g in attr.groups()[1:] if g is not None), "")
            attrs[attr.group(1).lower()] = _html_unescape(value, 0, len(value))
            i = attr.end()
        close = _TAG_CLOSE_RE.match(src, i)
        if close is None:
            raise EntityParseError(f'Unclosed start tag "{name}" at byte offset {offset}')
        i = close.end()
        if name == "span" and attrs.get("class") != "tg-spoiler":
            raise EntityParseError(
                f'Tag "span" must have class "tg-spoiler" at byte offset {offset}'
            )
        stack.append((name, out.pos, attrs))
    if stack:
        raise EntityParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1][0]}"')
    return out.result()


def _close_html_tag(out: _TextBuilder, stack: list[tuple[str, int, dict[str, str]]]) -> None:
    name, start, attrs = stack.pop()
    kind = _HTML_TAGS[name]
    language = attrs.get("class", "")
    if name == "code" and stack and stack[-1][0] == "pre" and language.startswith("language-"):
        stack[-1][2]["language"] = language.removeprefix("language-")
        return
    if kind == "text_link":
        if "href" in attrs:
            out.entity(kind, start, url=attrs["href"])
    elif kind == "custom_emoji":
        out.entity(kind, start, custom_emoji_id=attrs.get("emoji-id", ""))
    elif kind == "pre" and "language" in attrs:
        out.entity(kind, start, language=attrs["language"])
    elif kind == "blockquote" and "expandable" in attrs:
        out.entity("expandable_blockquote", start)
    else:
        out.entity(kind, start)


_MD2_RESERVED = set("_*[]()~`>#+-=|{}.!")
_MD2_MARKERS = {
    "*": "bold",
    "_": "italic",
    "__": "underline",
    "~": "strikethrough",
    "||": "spoiler",
}
_ENTITY_NAMES = {
    "bold": "Bold",
    "italic": "Italic",
    "underline": "Underline",
    "strikethrough": "Strikethrough",
    "spoiler": "Spoiler",
    "text_link": "TextUrl",
}


def _md_code_end(src: str, start: int, fence: str) -> int:
    """Index of the closing fence, honouring backslash escapes; -1 if absent."""
    i = start
    while i < len(src):
        if src[i] == "\\":
            i += 2
        elif src.startswith(fence, i):
            return i
        else:
            i += 1
    return -1


def _md_unescape(text: str) -> str:
    return re.sub(r"\\([\x01-\x7e])", r"\1", text)


def parse_markdown_v2(src: str) -> tuple[str, list[JSON]]:
    """MarkdownV2 with Telegram's strictness about unescaped reserved characters."""
    out = _TextBuilder()
    stack: list[tuple[str, int, int]] = []  # marker, text position, source index
    quote_start: int | None = None
    i = 0
    while i < len(src):
        c = src[i]
        if c == ">" and (i == 0 or src[i - 1] == "\n"):
            quote_start = out.pos if quote_start is None else quote_start
            i += 1
            continue
        if c == "\n" and quote_start is not None and not src.startswith(">", i + 1):
            out.entity("blockquote", quote_start)
            quote_start = None
        if c == "\\":
            if i + 1 >= len(src) or not 0 < ord(src[i + 1]) <= 126:
                raise EntityParseError(
                    "Character '\\' is reserved and must be escaped with the preceding '\\'"
                )
            out.add(src[i + 1])
            i += 2
        elif c == "`":
            fence = "```" if src.startswith("```", i) else "`"
            end = _md_code_end(src, i + len(fence), fence)
            if end < 0:
                kind = "Pre" if fence == "```" else "Code"
                raise EntityParseError(
                    f"Can't find end of {kind} entity at byte offset {_byte_offset(src, i)}"
                )
            body, language = src[i + len(fence) : end], ""
            if fence == "```" and "\n" in body and " " not in body.split("\n", 1)[0]:
                language, body = body.split("\n", 1)
            start = out.pos
            out.add(_md_unescape(body))
            if fence == "```":
                out.entity("pre", start, **({"language": language} if language else {}))
            else:
                out.entity("code", start)
            i = end + len(fence)
        elif c in "*_~|[":
            marker = "__" if src.startswith("__", i) else "||" if src.startswith("||", i) else c
            if marker == "|":
                raise EntityParseError(
                    "Character '|' is reserved and must be escaped with the preceding '\\'"
                )
            open_markers = [m for m, _, _ in stack]
            if marker in open_markers and marker != "[":
                top, start, at = stack.pop()
                if top != marker:
                    raise EntityParseError(
                        f"Can't find end of {_ENTITY_NAMES[_md_kind(top)]} entity at byte offset "
                        f"{_byte_offset(src, at)}"
                    )
                out.entity(_MD2_MARKERS[marker], start)
            else:
                stack.append((marker, out.pos, i))
            i += len(marker)
        elif c == "]" and stack and stack[-1][0] == "[":
            _, start, at = stack.pop()
            if not src.startswith("(", i + 1) or (close := _md_code_end(src, i + 2, ")")) < 0:
                raise EntityParseError(
                    f"Can't find end of a URL at byte offset {_byte_offset(src, i)}"
                )
            out.entity("text_link", start, url=_md_unescape(src[i + 2 : close]))
            i = close + 1
        elif c in _MD2_RESERVED:
            raise EntityParseError(
                f"Character '{c}' is reserved and must be escaped with the preceding '\\'"
            )
        else:
            out.add(c)
            i += 1
    if stack:
        marker, _, at = stack[-1]
        name = _ENTITY_NAMES[_md_kind(marker)]
        raise EntityParseError(
            f"Can't find end of {name} entity at byte offset {_byte_offset(src, at)}"
        )
    if quote_start is not None:
        out.entity("blockquote", quote_start)
    return out.result()


def _md_kind(marker: str) -> str:
    return "text_link" if marker == "[" else _MD2_MARKERS[marker]


def parse_markdown(src: str) -> tuple[str, list[JSON]]:
    """Legacy Markdown: *bold*, _italic_, `code`, ```pre```, [text](url); no nesting."""
    out = _TextBuilder()
    pattern = re.compile(
        r"\*(.+?)\*|_(.+?)_|```(?:(\w+)\n)?(.+?)```|`(.+?)`|\[(.+?)\]\((.+?)\)", re.S
    )
    i = 0
    for m in pattern.finditer(src):
        out.add(src[i : m.start()])
        start = out.pos
        if m.group(1) is not None:
            out.add(m.group(1))
            out.entity("bold", start)
        elif m.group(2) is not None:
            out.add(m.group(2))
            out.entity("italic", start)
        elif m.group(4) is not None:
            out.add(m.group(4))
            out.entity("pre", start, **({"language": m.group(3)} if m.group(3) else {}))
        elif m.group(5) is not None:
            out.add(m.group(5))
            out.entity("code", start)
        else:
            out.add(m.group(6))
            out.entity("text_link", start, url=m.group(7))
        i = m.end()
    rest = src[i:]
    stray = re.search(r"[*_`\[]", rest)
    if stray:
        offset = _byte_offset(src, i + stray.start())
        raise EntityParseError(f"Can't find end of the entity starting at byte offset {offset}")
    out.add(rest)
    return out.result()


def format_text(
    text: str, parse_mode: str | None, entities: list[JSON] | None
) -> tuple[str, list[JSON]]:
    """Plain text and entities as Telegram stores them, surrounding whitespace trimmed."""
    mode = (parse_mode or "").lower()
    if mode == "html":
        plain, parsed = parse_html(text)
    elif mode == "markdownv2":
        plain, parsed = parse_markdown_v2(text)
    elif mode == "markdown":
        plain, parsed = parse_markdown(text)
    elif mode:
        raise ApiError(400, f"Bad Request: unsupported parse_mode {parse_mode!r}")
    else:
        plain, parsed = text, list(entities or [])
    stripped = plain.strip()
    shift = utf16_len(plain[: len(plain) - len(plain.lstrip())])
    limit = utf16_len(stripped)
    trimmed = []
    for entity in parsed:
        start = max(0, entity["offset"] - shift)
        end = min(limit, entity["offset"] + entity["length"] - shift)
        if end > start:
            trimmed.append({**entity, "offset": start, "length": end - start})
    return stripped, trimmed


@dataclass
class User:
    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = None
    is_bot: bool = False
    blocked_bot: bool = False

    def to_json(self) -> JSON:
        data: JSON = {"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name}
        for key in ("last_name", "username", "language_code"):
            if getattr(self, key) is not None:
                data[key] = getattr(self, key)
        return data


@dataclass
class SentMessage:
    """A message the bot sent, kept current: edits update it in place, deletes flag it.

    `text` is what the bot sent (text or caption, markup included); `raw` is the Telegram
    Message JSON the API returned, whose text/caption is the parsed plain text.
    """

    message_id: int
    chat_id: int
    text: str | None
    parse_mode: str | None
    entities: list[JSON]
    reply_markup: JSON | None
    media_type: str | None
    file_id: str | None
    method: str
    date: int
    edited: bool = False
    deleted: bool = False
    raw: JSON = field(default_factory=dict, repr=False)

    @property
    def plain_text(self) -> str:
        """Text or caption as the user sees it: markup removed, HTML entities decoded."""
        return str(self.raw.get("text") or self.raw.get("caption") or "")

    def _rows(self) -> list[list[Any]]:
        markup = self.reply_markup or {}
        return list(markup.get("inline_keyboard") or markup.get("keyboard") or [])

    def button_labels(self) -> list[list[str]]:
        return [[b["text"] if isinstance(b, dict) else str(b) for b in row] for row in self._rows()]

    def buttons(self) -> list[tuple[str, str | None]]:
        """(label, callback_data or url) for every button; None for reply-keyboard buttons."""
        result: list[tuple[str, str | None]] = []
        for row in self._rows():
            for b in row:
                if isinstance(b, dict):
                    result.append((b["text"], b.get("callback_data") or b.get("url")))
                else:
                    result.append((str(b), None))
        return result

    def to_dict(self) -> JSON:
        return {**asdict(self), "plain_text": self.plain_text}


def render_message(msg: SentMessage) -> str:
    """One readable block for transcripts: plain text, media marker, keyboard rows."""
    lines: list[str] = []
    if msg.media_type:
        label = _MEDIA_LABELS.get(msg.media_type, msg.media_type)
        name = (
            msg.raw.get("document", {}).get("file_name") if msg.media_type == "document" else None
        )
        if name:
            label = f"{label} {name}"
        lines.append(f"({label}: {msg.plain_text})" if msg.plain_text else f"({label})")
    elif msg.plain_text:
        lines.append(msg.plain_text)
    lines.extend(" ".join(f"[ {label} ]" for label in row) for row in msg.button_labels())
    if msg.deleted:
        lines.append("(pesan dihapus)")
    return "\n".join(lines)


@dataclass
class Chat:
    id: int
    type: str
    title: str | None = None
    user: User | None = None
    member_ids: list[int] = field(default_factory=list)
    history: dict[int, JSON] = field(default_factory=dict)
    sent: list[SentMessage] = field(default_factory=list)
    deleted: set[int] = field(default_factory=set)
    next_message_id: int = 1

    def to_json(self) -> JSON:
        if self.user is None:
            return {"id": self.id, "type": self.type, "title": self.title}
        data: JSON = {"id": self.id, "type": self.type, "first_name": self.user.first_name}
        for key in ("last_name", "username"):
            if getattr(self.user, key) is not None:
                data[key] = getattr(self.user, key)
        return data

    def allocate_message_id(self) -> int:
        self.next_message_id += 1
        return self.next_message_id - 1

    def message(self, message_id: int) -> JSON | None:
        """A live (not deleted) message of this chat, from the bot or a user."""
        return None if message_id in self.deleted else self.history.get(message_id)

    def sent_message(self, message_id: int) -> SentMessage | None:
        return next((m for m in self.sent if m.message_id == message_id and not m.deleted), None)


@dataclass
class StoredFile:
    file_id: str
    file_unique_id: str
    data: bytes
    file_path: str
    file_name: str | None = None
    mime_type: str | None = None

    def to_json(self) -> JSON:
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": len(self.data),
            "file_path": self.file_path,
        }


@dataclass
class SandboxStats:
    requests: Counter[str] = field(default_factory=Counter)
    responses_429: int = 0
    responses_400: int = 0
    responses_403: int = 0
    faults_injected: int = 0
    sent_per_chat: Counter[int] = field(default_factory=Counter)

    def to_json(self) -> JSON:
        return {
            "requests": dict(self.requests),
            "responses_429": self.responses_429,
            "responses_400": self.responses_400,
            "responses_403": self.responses_403,
            "faults_injected": self.faults_injected,
            "sent_per_chat": {str(k): v for k, v in self.sent_per_chat.items()},
        }


def solid_png(width: int, height: int, rgb: tuple[int, int, int] = (46, 125, 50)) -> bytes:
    """A valid single-colour PNG, so photo downloads decode in any image library."""

    def chunk(kind: bytes, payload: bytes) -> bytes:
        body = kind + payload
        return struct.pack(">I", len(payload)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" + bytes(rgb) * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )


def png_size(data: bytes) -> tuple[int, int] | None:
    if data[:8] != b"\x89PNG\r\n\x1a\n" or len(data) < 24:
        return None
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)


def _signal(event: asyncio.Event) -> asyncio.Event:
    """Wake everyone waiting on `event` and hand back a fresh one for the next wait."""
    event.set()
    return asyncio.Event()


class SandboxState:
    def __init__(self, *, token: str, bot_username: str) -> None:
        self.token = token
        self.bot_id = int(token.split(":", 1)[0])
        self.bot_username = bot_username
        self.bot_user = User(self.bot_id, "Humas Sandbox", username=bot_username, is_bot=True)
        self.users: dict[int, User] = {}
        self.chats: dict[int, Chat] = {}
        self.files: dict[str, StoredFile] = {}
        self.stats = SandboxStats()
        self.callback_answers: list[JSON] = []
        self.commands: dict[tuple[str, str], list[JSON]] = {}
        self.webhook: JSON | None = None
        self.open_callback_queries: set[str] = set()
        self.pending_updates: list[JSON] = []
        self.updates_changed = asyncio.Event()
        self.messages_changed = asyncio.Event()
        self._next_update_id = 1
        self._next_user_id = 100001
        self._next_group_id = -1001000000001
        self._file_counter = 0
        self._callback_counter = 0

    # ---- people and chats -------------------------------------------------------------

    def add_user(
        self,
        first_name: str,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str = "id",
        user_id: int | None = None,
    ) -> int:
        """Create a user and their private chat (chat id == user id); returns the id."""
        if user_id is None:
            while self._next_user_id in self.users:
                self._next_user_id += 1
            user_id = self._next_user_id
        if user_id <= 0 or user_id in self.users or user_id == self.bot_id:
            raise ValueError(f"user id {user_id} is taken or invalid")
        user = User(user_id, first_name, last_name, username, language_code)
        self.users[user_id] = user
        self.chats[user_id] = Chat(user_id, "private", user=user)
        return user_id

    def add_group(self, title: str, member_ids: list[int]) -> int:
        """Create a supergroup (negative id) containing the bot and the given users."""
        for uid in member_ids:
            self._user(uid)
        chat_id = self._next_group_id
        self._next_group_id -= 1
        self.chats[chat_id] = Chat(chat_id, "supergroup", title=title, member_ids=list(member_ids))
        return chat_id

    def block_bot(self, user_id: int, blocked: bool = True) -> None:
        self._user(user_id).blocked_bot = blocked

    def _user(self, user_id: int) -> User:
        if user_id not in self.users:
            raise LookupError(f"unknown user {user_id}; known: {sorted(self.users)}")
        return self.users[user_id]

    def _chat(self, chat_id: int) -> Chat:
        if chat_id not in self.chats:
            raise LookupError(f"unknown chat {chat_id}; known: {sorted(self.chats)}")
        return self.chats[chat_id]

    def _user_chat(self, user_id: int, chat_id: int | None) -> tuple[User, Chat]:
        user = self._user(user_id)
        chat = self._chat(user_id if chat_id is None else chat_id)
        if chat.user is not None and chat.user.id != user_id:
            raise ValueError(f"user {user_id} cannot write in the private chat of {chat.id}")
        if chat.user is None and user_id not in chat.member_ids:
            raise ValueError(f"user {user_id} is not a member of group {chat.id}")
        return user, chat

    # ---- injecting updates ------------------------------------------------------------

    def _push_update(self, kind: str, payload: JSON) -> int:
        update_id = self._next_update_id
        self._next_update_id += 1
        self.pending_updates.append({"update_id": update_id, kind: copy.deepcopy(payload)})
        self.notify_updates()
        return update_id

    def _inject_message(self, user_id: int, chat_id: int | None, content: JSON) -> int:
        user, chat = self._user_chat(user_id, chat_id)
        message_id = chat.allocate_message_id()
        message = {
            "message_id": message_id,
            "from": user.to_json(),
            "chat": chat.to_json(),
            "date": int(time.time()),
            **content,
        }
        chat.history[message_id] = message
        return self._push_update("message", message)

    def send_text(self, user_id: int, text: str, chat_id: int | None = None) -> int:
        """Inject a text message; "/cmd" and "/cmd@bot" words get bot_command entities."""
        content: JSON = {"text": text}
        entities = [
            {
                "type": "bot_command",
                "offset": utf16_len(text[: m.start()]),
                "length": utf16_len(m.group()),
            }
            for m in _COMMAND_RE.finditer(text)
        ]
        if entities:
            content["entities"] = entities
        return self._inject_message(user_id, chat_id, content)

    def send_photo(
        self, user_id: int, caption: str | None = None, chat_id: int | None = None
    ) -> int:
        content: JSON = {"photo": self.photo_sizes(self.store_file(solid_png(320, 240), "photo"))}
        if caption is not None:
            content["caption"] = caption
        return self._inject_message(user_id, chat_id, content)

    def send_document(
        self,
        user_id: int,
        file_name: str = "doc.pdf",
        content: bytes = b"%PDF-1.4 sandbox",
        caption: str | None = None,
        chat_id: int | None = None,
    ) -> int:
        stored = self.store_file(content, "document", file_name=file_name)
        body: JSON = {"document": self.document_json(stored)}
        if caption is not None:
            body["caption"] = caption
        return self._inject_message(user_id, chat_id, body)

    def send_sticker(self, user_id: int, chat_id: int | None = None) -> int:
        stored = self.store_file(solid_png(512, 512), "sticker", mime_type="image/webp")
        sticker = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": "👍",
            "file_size": len(stored.data),
        }
        return self._inject_message(user_id, chat_id, {"sticker": sticker})

    def edit_text(
        self, user_id: int, message_id: int, text: str, chat_id: int | None = None
    ) -> int:
        """The user edits one of their own text messages: an edited_message update."""
        _, chat = self._user_chat(user_id, chat_id)
        message = chat.message(message_id)
        if message is None or message["from"]["id"] != user_id or "text" not in message:
            raise LookupError(f"user {user_id} has no text message {message_id} in chat {chat.id}")
        message["text"] = text
        message.pop("entities", None)
        message["edit_date"] = int(time.time())
        return self._push_update("edited_message", message)

    def press_button(
        self, user_id: int, label: str, chat_id: int | None = None, message_id: int | None = None
    ) -> int:
        """Press the inline button labelled exactly `label` on the newest bot message having it."""
        user, chat = self._user_chat(user_id, chat_id)
        if message_id is not None:
            candidates = [m for m in chat.sent if m.message_id == message_id and not m.deleted]
        else:
            candidates = [m for m in reversed(chat.sent) if not m.deleted]
        seen: list[str] = []
        for msg in candidates:
            for row in (msg.reply_markup or {}).get("inline_keyboard", []):
                for button in row:
                    if button["text"] == label and "callback_data" in button:
                        return self._push_callback(user, msg.raw, button["callback_data"])
                    seen.append(button["text"])
        where = f"message {message_id}" if message_id is not None else f"chat {chat.id}"
        raise LookupError(f"no callback button {label!r} in {where}; available labels: {seen}")

    def press_callback(
        self, user_id: int, message_id: int, data: str, chat_id: int | None = None
    ) -> int:
        """Send arbitrary callback data as if pressed on `message_id` (forged/stale buttons)."""
        user, chat = self._user_chat(user_id, chat_id)
        message = chat.message(message_id)
        if message is None:
            if message_id not in chat.history:
                raise LookupError(f"no message {message_id} in chat {chat.id}")
            message = {"chat": chat.to_json(), "message_id": message_id, "date": 0}
        return self._push_callback(user, message, data)

    def _push_callback(self, user: User, message: JSON, data: str) -> int:
        self._callback_counter += 1
        query_id = f"{self.bot_id}{self._callback_counter:08d}"
        self.open_callback_queries.add(query_id)
        query = {
            "id": query_id,
            "from": user.to_json(),
            "message": message,
            "chat_instance": str(abs(hash((self.bot_id, message["chat"]["id"])))),
            "data": data,
        }
        return self._push_update("callback_query", query)

    # ---- reading what happened --------------------------------------------------------

    def messages(self, chat_id: int) -> list[SentMessage]:
        """Everything the bot sent to the chat, oldest first, current state."""
        return list(self._chat(chat_id).sent)

    def last_message(self, chat_id: int) -> SentMessage:
        sent = self._chat(chat_id).sent
        if not sent:
            raise LookupError(f"the bot has sent nothing to chat {chat_id}")
        return sent[-1]

    def history(self, chat_id: int) -> list[JSON]:
        """Telegram JSON of every live message in the chat, users' and bot's, oldest first."""
        chat = self._chat(chat_id)
        return [
            copy.deepcopy(m) for mid, m in sorted(chat.history.items()) if mid not in chat.deleted
        ]

    # ---- bot side ----------------------------------------------------------------------

    def resolve_chat(self, chat_id: int | str) -> Chat:
        """The chat a Bot API call addresses, by id or @username; 400 chat not found otherwise."""
        if isinstance(chat_id, str) and chat_id.startswith("@"):
            name = chat_id[1:].lower()
            for chat in self.chats.values():
                if chat.user is not None and (chat.user.username or "").lower() == name:
                    return chat
            raise chat_not_found()
        try:
            return self.chats[int(chat_id)]
        except (KeyError, ValueError):
            raise chat_not_found() from None

    def writable_chat(self, chat_id: int | str) -> Chat:
        """Like resolve_chat, but 403 when the user has blocked the bot."""
        chat = self.resolve_chat(chat_id)
        if chat.user is not None and chat.user.blocked_bot:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        return chat

    def deliver(
        self,
        chat: Chat,
        method: str,
        content: JSON,
        *,
        text: str | None,
        parse_mode: str | None,
        reply_markup: JSON | None,
        media_type: str | None = None,
        file_id: str | None = None,
    ) -> SentMessage:
        """Append a bot message to the chat; `content` holds the Telegram JSON message fields."""
        message_id = chat.allocate_message_id()
        raw: JSON = {
            "message_id": message_id,
            "from": self.bot_user.to_json(),
            "chat": chat.to_json(),
            "date": int(time.time()),
            **content,
        }
        if reply_markup and "inline_keyboard" in reply_markup:
            raw["reply_markup"] = reply_markup
        entities = content.get("entities") or content.get("caption_entities") or []
        sent = SentMessage(
            message_id,
            chat.id,
            text,
            parse_mode,
            entities,
            reply_markup,
            media_type,
            file_id,
            method,
            raw["date"],
            raw=raw,
        )
        chat.history[message_id] = raw
        chat.sent.append(sent)
        self.stats.sent_per_chat[chat.id] += 1
        self.messages_changed = _signal(self.messages_changed)
        return sent

    def touch_messages(self) -> None:
        """Wake message waiters after an edit or delete."""
        self.messages_changed = _signal(self.messages_changed)

    def notify_updates(self) -> None:
        """Wake long pollers so they re-check the queue (or notice they were superseded)."""
        self.updates_changed = _signal(self.updates_changed)

    def confirm_updates(self, offset: int) -> None:
        """getUpdates offset: forget updates below it; a negative one keeps the last -offset."""
        if offset < 0:
            self.pending_updates = self.pending_updates[offset:]
        else:
            self.pending_updates = [u for u in self.pending_updates if u["update_id"] >= offset]

    def store_file(
        self,
        data: bytes,
        kind: str,
        *,
        file_name: str | None = None,
        mime_type: str | None = None,
        file_id: str | None = None,
    ) -> StoredFile:
        """Register bytes under a fresh (or the given) file_id; getFile and download serve them."""
        self._file_counter += 1
        n = self._file_counter
        file_id = file_id or f"SBX{kind[:2].upper()}{n:06d}{secrets.token_urlsafe(12)}"
        if kind == "photo":
            extension = "png" if png_size(data) else "jpg"
        elif file_name and "." in file_name:
            extension = file_name.rpartition(".")[2]
        else:
            extension = {"sticker": "webp", "video": "mp4"}.get(kind, "bin")
        stored = StoredFile(
            file_id, f"SBXU{n:06d}", data, f"{kind}s/file_{n}.{extension}", file_name, mime_type
        )
        self.files[file_id] = stored
        return stored

    @staticmethod
    def looks_like_file_id(value: str) -> bool:
        return bool(_FILE_ID_RE.match(value))

    def photo_sizes(self, stored: StoredFile) -> list[JSON]:
        """PhotoSize list like Telegram's: a small thumbnail first, the full size last."""
        width, height = png_size(stored.data) or (800, 600)
        scale = min(1.0, 90 / max(width, height))
        thumb = self.store_file(stored.data, "photo", mime_type=stored.mime_type)
        sizes = [
            (thumb, max(1, int(width * scale)), max(1, int(height * scale))),
            (stored, width, height),
        ]
        return [
            {
                "file_id": f.file_id,
                "file_unique_id": f.file_unique_id,
                "file_size": len(f.data),
                "width": w,
                "height": h,
            }
            for f, w, h in sizes
        ]

    @staticmethod
    def document_json(stored: StoredFile) -> JSON:
        data: JSON = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.data),
        }
        if stored.file_name:
            data["file_name"] = stored.file_name
        if stored.mime_type:
            data["mime_type"] = stored.mime_type
        return data
