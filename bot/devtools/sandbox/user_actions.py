"""The user side of the sandbox: people writing, editing and pressing buttons, as updates."""

from __future__ import annotations

import copy
import re
import time

from bot.devtools.sandbox.errors import JSON
from bot.devtools.sandbox.images import solid_png
from bot.devtools.sandbox.models import User
from bot.devtools.sandbox.state import SandboxState
from bot.devtools.sandbox.text_entities import utf16_len

_COMMAND_RE = re.compile(r"(?<!\S)/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?")


class UserActions(SandboxState):
    """Methods tests (and the control API) use to act like Telegram users."""

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

    def send_video(
        self,
        user_id: int,
        content: bytes = b"\x00\x00\x00\x18ftypmp42 sandbox video",
        caption: str | None = None,
        chat_id: int | None = None,
    ) -> int:
        stored = self.store_file(content, "video", mime_type="video/mp4")
        video = {
            **self.document_json(stored),
            "width": 640,
            "height": 360,
            "duration": 5,
        }
        body: JSON = {"video": video}
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
