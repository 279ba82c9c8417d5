"""A file a person sent, handed to the archive (scheduler/file_archive.py) as it arrives.

Every handler that accepts a material, a draft, a screenshot or an announcement's
media calls :func:`keep_file` with the message: the file is recorded and downloaded
in the background, so the reply does not wait.
"""

from __future__ import annotations

from telegram import Message

from db.files import FileRef
from handlers.context import HumasContext


def file_ref(message: Message) -> FileRef | None:
    """The file a message carries (a photo's largest size), if any; a photo's type is
    read from the name Telegram gives it when it is downloaded."""
    if message.photo:
        photo = message.photo[-1]
        return FileRef(photo.file_id, photo.file_unique_id, "photo", photo.file_size)
    if message.video:
        video = message.video
        return FileRef(
            video.file_id, video.file_unique_id, "video", video.file_size, video.mime_type
        )
    if message.document:
        document = message.document
        return FileRef(
            document.file_id,
            document.file_unique_id,
            "document",
            document.file_size,
            document.mime_type,
        )
    return None


async def keep_file(context: HumasContext, message: Message, source: str) -> None:
    """Archive the message's file; ``source`` says what it came as (material, draft...)."""
    ref = file_ref(message)
    archive = context.services.files
    if ref is not None and archive is not None:
        await archive.keep(ref, source)
