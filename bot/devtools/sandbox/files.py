"""The file store: bytes registered under file_ids, and the Telegram JSON describing them."""

from __future__ import annotations

import re
import secrets

from bot.devtools.sandbox.errors import JSON
from bot.devtools.sandbox.images import png_size
from bot.devtools.sandbox.models import StoredFile

_FILE_ID_RE = re.compile(r"^[A-Za-z0-9_-]{20,}$")


class FileStore:
    """Files by file_id; what getFile and the /file/ download route serve."""

    def __init__(self) -> None:
        self.files: dict[str, StoredFile] = {}
        self._file_counter = 0

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
