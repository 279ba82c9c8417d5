"""Bot API sends: sendMessage, sendPhoto/Document/Video, sendMediaGroup, copy and forward."""

from __future__ import annotations

import copy
import mimetypes
from collections.abc import Iterator
from typing import Any

from bot.devtools.sandbox.errors import JSON, ApiError
from bot.devtools.sandbox.faults import FaultInjection
from bot.devtools.sandbox.formatting import caption_fields, request_caption, request_text
from bot.devtools.sandbox.images import png_size, solid_png
from bot.devtools.sandbox.models import Chat, StoredFile
from bot.devtools.sandbox.params import Params, Upload
from bot.devtools.sandbox.reply_markup import check_markup

_IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"RIFF")
_MEDIA_KEYS = ("photo", "document", "video", "sticker")
_CONTENT_KEYS = ("text", "entities", "caption", "caption_entities", *_MEDIA_KEYS)
_BAD_FILE = "Bad Request: wrong file identifier/HTTP URL specified"


def _media_of(message: JSON) -> tuple[str | None, str | None]:
    """(media type, file_id of the largest variant) of a Telegram message JSON."""
    kind = next((k for k in _MEDIA_KEYS if k in message), None)
    if kind is None:
        return None, None
    media = message[kind]
    return kind, (media[-1] if kind == "photo" else media)["file_id"]


class SendingMethods(FaultInjection):
    """Methods that deliver new bot messages, each passing the flood-control gate first."""

    _media_group_ids: Iterator[int]  # set by SandboxServer.__init__

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
        caption, fields = request_caption(p)
        markup = check_markup(p.get_json("reply_markup"))
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

    async def _api_send_message(self, p: Params) -> JSON:
        chat = self.writable_chat(p.chat_id())
        source, plain, entities = request_text(p)
        markup = check_markup(p.get_json("reply_markup"))
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
            caption, fields = caption_fields(
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
            text, fields = request_caption(p)
            content.update(fields)
            parse_mode = p.get_str("parse_mode")
        markup = check_markup(p.get_json("reply_markup"))
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
