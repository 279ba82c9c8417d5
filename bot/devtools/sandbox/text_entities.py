"""What the parse_mode parsers share: UTF-16 lengths, byte offsets and the entity builder."""

from __future__ import annotations

from typing import Any

from bot.devtools.sandbox.errors import JSON


class EntityParseError(ValueError):
    """Malformed markup; the message becomes "Bad Request: can't parse entities: <message>"."""


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit of Telegram's limits and entity offsets."""
    return len(text.encode("utf-16-le")) // 2


def byte_offset(src: str, index: int) -> int:
    """UTF-8 byte offset of `src[index]`, the unit of Telegram's parse error messages."""
    return len(src[:index].encode("utf-8"))


class TextBuilder:
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
