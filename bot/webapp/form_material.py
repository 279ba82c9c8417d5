"""The briefing form's material: ``POST /api/form/material`` takes one file (multipart,
field ``file``), read in chunks up to ``files.max_bytes`` (never above Telegram's 50 MB for
bots), sends it into the coordinator's own chat to get Telegram's file id, and keeps it on
their draft with the composer's own :func:`db.briefings.add_attachment` (and its limit).
"""

from __future__ import annotations

import json
from pathlib import PurePath

from aiohttp import BodyPartReader, web
from babel.numbers import format_decimal
from telegram import Bot, Message
from telegram.error import BadRequest

from bot.core.texts import t
from bot.webapp.auth import error, person, plain
from db import briefings as briefings_db
from db.briefings import MAX_ATTACHMENTS, BriefingError, MediaType
from db.officers import Officer
from scheduler.services import Services

TELEGRAM_UPLOAD_LIMIT = 50 * 1024 * 1024  # what a bot may send
_CHUNK = 64 * 1024
_PHOTOS = {".jpg", ".jpeg", ".png", ".webp"}
_VIDEOS = {".mp4", ".mov", ".m4v", ".webm"}
_DOCUMENTS = {".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt", ".txt"}


def media_type(filename: str) -> MediaType | None:
    """How a file of this name is sent: a photo, a video, a document, or not at all."""
    suffix = PurePath(filename).suffix.lower()
    if suffix in _PHOTOS:
        return "photo"
    if suffix in _VIDEOS:
        return "video"
    return "document" if suffix in _DOCUMENTS else None


def _file_id(message: Message) -> tuple[MediaType, str] | None:
    if message.photo:
        return "photo", message.photo[-1].file_id
    if message.video is not None:
        return "video", message.video.file_id
    if message.document is not None:
        return "document", message.document.file_id
    return None


class FormMaterial:
    def __init__(self, services: Services, bot: Bot) -> None:
        self._services = services
        self._bot = bot

    def routes(self, app: web.Application) -> None:
        app.router.add_post("/api/form/material", self.upload)

    @staticmethod
    def cap(services: Services) -> int:
        return min(TELEGRAM_UPLOAD_LIMIT, services.config.files.max_bytes)

    async def _read(self, request: web.Request, lang: str) -> tuple[str, bytes]:
        """The file's name and bytes; what goes over the cap is drained, not kept."""
        try:
            reader = await request.multipart()
            part = await reader.next()
        except (KeyError, ValueError, AssertionError):
            raise error(400, "body: not a multipart form") from None
        if not isinstance(part, BodyPartReader) or part.name != "file" or not part.filename:
            raise error(400, "file: missing")
        cap, data, size = self.cap(self._services), bytearray(), 0
        while chunk := await part.read_chunk(_CHUNK):
            size += len(chunk)
            if size <= cap:
                data.extend(chunk)
        if size > cap:
            text = plain(t(lang, "webapp.form.material_too_big", size=cap // (1024 * 1024)))
            raise web.HTTPRequestEntityTooLarge(
                cap,
                size,
                text=json.dumps({"error": text}, ensure_ascii=False),
                content_type="application/json",
            )
        if not data:
            raise error(400, "file: empty")
        return part.filename, bytes(data)

    async def _send(self, viewer: Officer, kind: MediaType, name: str, data: bytes) -> Message:
        chat_id = viewer.chat_id if viewer.chat_id is not None else viewer.telegram_id
        caption = t(viewer.language, "webapp.form.material_caption")
        if kind == "photo":
            return await self._bot.send_photo(chat_id, data, filename=name, caption=caption)
        if kind == "video":
            return await self._bot.send_video(chat_id, data, filename=name, caption=caption)
        return await self._bot.send_document(chat_id, data, filename=name, caption=caption)

    async def upload(self, request: web.Request) -> web.Response:
        services = self._services
        viewer = await person(request, services, "coordinator")
        db = services.db
        assert db is not None
        lang, now = viewer.language, services.clock.now()
        name, data = await self._read(request, lang)
        kind = media_type(name)
        unsupported = plain(t(lang, "webapp.form.material_unsupported"))
        if kind is None:
            raise error(422, unsupported)
        draft = await briefings_db.draft_of(db, viewer.id) or await briefings_db.start_draft(
            db, viewer.id, now
        )
        too_many = plain(
            t(
                lang,
                "compose.problem.too_many",
                limit=format_decimal(MAX_ATTACHMENTS, locale=lang),
            )
        )
        if len(await briefings_db.attachments(db, draft.id)) >= MAX_ATTACHMENTS:
            raise error(422, too_many)
        try:
            sent = _file_id(await self._send(viewer, kind, name, data))
        except BadRequest:
            sent = None
        if sent is None:
            raise error(422, unsupported)
        try:
            count = await briefings_db.add_attachment(db, draft.id, sent[0], sent[1], now)
        except BriefingError:
            raise error(422, too_many) from None
        message = t(lang, "webapp.form.material_saved", count=count, limit=MAX_ATTACHMENTS)
        return web.json_response({"message": plain(message), "count": count})
