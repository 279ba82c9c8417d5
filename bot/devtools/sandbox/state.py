"""In-memory model of the sandbox: users, chats, message history and the update queue.

Everything here is synchronous and HTTP-free. `SandboxState` is the "bot side" the Bot API
methods build on (resolve_chat, deliver, the update queue, and `FileStore`'s store_file, ...)
plus the people and chats tests create; the "user side" that acts like people (send_text,
press_button, ...) is `UserActions` in `user_actions.py`.
"""

from __future__ import annotations

import asyncio
import copy
import time

from bot.devtools.sandbox.errors import JSON, ApiError, chat_not_found
from bot.devtools.sandbox.files import FileStore
from bot.devtools.sandbox.models import Chat, SandboxStats, SentMessage, User


def _signal(event: asyncio.Event) -> asyncio.Event:
    """Wake everyone waiting on `event` and hand back a fresh one for the next wait."""
    event.set()
    return asyncio.Event()


class SandboxState(FileStore):
    """Users, chats, sent messages, files and the update queue, and the bot side's access."""

    def __init__(self, *, token: str, bot_username: str) -> None:
        super().__init__()
        self.token = token
        self.bot_id = int(token.split(":", 1)[0])
        self.bot_username = bot_username
        self.bot_user = User(self.bot_id, "Humas Sandbox", username=bot_username, is_bot=True)
        self.users: dict[int, User] = {}
        self.chats: dict[int, Chat] = {}
        self.stats = SandboxStats()
        self.callback_answers: list[JSON] = []
        self.commands: dict[tuple[str, str], list[JSON]] = {}
        self.webhook: JSON | None = None
        self.open_callback_queries: set[str] = set()
        self.pending_updates: list[JSON] = []
        self.updates_changed = asyncio.Event()
        self.messages_changed = asyncio.Event()
        # Set when a request ends or updates are confirmed: what wait_idle watches.
        self.activity_changed = asyncio.Event()
        self._next_update_id = 1
        self._next_user_id = 100001
        self._next_group_id = -1001000000001
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

    def touch_activity(self) -> None:
        """Wake idle waiters after a request ended or updates were confirmed."""
        self.activity_changed = _signal(self.activity_changed)

    def confirm_updates(self, offset: int) -> None:
        """getUpdates offset: forget updates below it; a negative one keeps the last -offset."""
        if offset < 0:
            self.pending_updates = self.pending_updates[offset:]
        else:
            self.pending_updates = [u for u in self.pending_updates if u["update_id"] >= offset]
        self.touch_activity()
