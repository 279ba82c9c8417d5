"""Bot API edits: editMessageText, editMessageCaption, editMessageReplyMarkup, deleteMessage."""

from __future__ import annotations

import time

from bot.devtools.sandbox.errors import JSON, ApiError
from bot.devtools.sandbox.formatting import request_caption, request_text
from bot.devtools.sandbox.models import SentMessage
from bot.devtools.sandbox.params import Params
from bot.devtools.sandbox.reply_markup import check_markup
from bot.devtools.sandbox.state import SandboxState

_NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are "
    "exactly the same as a current content and reply markup of the message"
)


class EditingMethods(SandboxState):
    """Methods that change or delete messages the bot already sent."""

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
        markup = check_markup(p.get_json("reply_markup"))
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

    async def _api_edit_message_text(self, p: Params) -> JSON:
        sent = self._editable(p)
        if sent.media_type is not None:
            raise ApiError(400, "Bad Request: there is no text in the message to edit")
        source, plain, entities = request_text(p)
        return self._apply_edit(
            sent, {"text": plain, "entities": entities}, p, text=source, entities=entities
        )

    async def _api_edit_message_caption(self, p: Params) -> JSON:
        sent = self._editable(p)
        if sent.media_type is None:
            raise ApiError(400, "Bad Request: there is no caption in the message to edit")
        source, fields = request_caption(p)
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
