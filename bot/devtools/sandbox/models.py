"""The sandbox's records: users, chats, the bot's sent messages, stored files, statistics."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from bot.devtools.sandbox.errors import JSON


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
