"""What the delivery engine sends: one part of a message, with Telegram's limits checked.

A broadcast is a list of parts per language (``{"id": [part, ...], "en": [...]}``);
each part is one Telegram message: a text, or a photo/document/video with a caption,
optionally with inline buttons. Texts are HTML with the user's text already escaped.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import InlineKeyboardButtonLimit, MessageLimit

MediaType = Literal["photo", "document", "video"]
Buttons = tuple[tuple[tuple[str, str], ...], ...]
Variants = Mapping[str, Sequence["Content"]]

MEDIA_TYPES: tuple[MediaType, ...] = ("photo", "document", "video")
TEXT_LIMIT = int(MessageLimit.MAX_TEXT_LENGTH)  # 4096
CAPTION_LIMIT = int(MessageLimit.CAPTION_LENGTH)  # 1024
CALLBACK_LIMIT = int(InlineKeyboardButtonLimit.MAX_CALLBACK_DATA)  # 64 bytes
_TAG = re.compile(r"<[^>]*>")


class ContentError(ValueError):
    """Content Telegram would refuse (too long, bad button data, media without a file)."""


def visible_length(markup: str) -> int:
    """Length Telegram counts for an HTML text: tags removed, entities decoded, UTF-16 units."""
    plain = html.unescape(_TAG.sub("", markup))
    return len(plain.encode("utf-16-le")) // 2


@dataclass(frozen=True)
class Content:
    text: str  # HTML (user text already escaped); the caption when media is set
    media_type: MediaType | None = None
    file_id: str | None = None  # Telegram file id of the media
    buttons: Buttons = ()  # inline keyboard rows of (label, callback_data)

    @property
    def limit(self) -> int:
        return CAPTION_LIMIT if self.media_type else TEXT_LIMIT

    def validate(self) -> None:
        """Raise :class:`ContentError` when Telegram would answer 400 for this part."""
        if self.media_type is not None:
            if self.media_type not in MEDIA_TYPES:
                raise ContentError(f"unknown media type {self.media_type!r}")
            if not self.file_id:
                raise ContentError("media without a file id")
        elif not self.text.strip():
            raise ContentError("empty text")
        length = visible_length(self.text)
        if length > self.limit:
            raise ContentError(f"text is {length} characters; the limit is {self.limit}")
        for row in self.buttons:
            for label, data in row:
                if not label:
                    raise ContentError("a button without a label")
                if len(data.encode("utf-8")) > CALLBACK_LIMIT:
                    raise ContentError(
                        f"callback data {data!r} is longer than {CALLBACK_LIMIT} bytes"
                    )

    def markup(self) -> InlineKeyboardMarkup | None:
        if not self.buttons:
            return None
        return InlineKeyboardMarkup(
            [
                [InlineKeyboardButton(label, callback_data=data) for label, data in row]
                for row in self.buttons
            ]
        )

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"text": self.text}
        if self.media_type:
            data["media_type"] = self.media_type
            data["file_id"] = self.file_id
        if self.buttons:
            data["buttons"] = [[list(button) for button in row] for row in self.buttons]
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Content:
        return cls(
            text=data["text"],
            media_type=data.get("media_type"),
            file_id=data.get("file_id"),
            buttons=buttons_from_json(data.get("buttons") or []),
        )


def buttons_from_json(rows: Sequence[Sequence[Sequence[str]]]) -> Buttons:
    return tuple(tuple((label, data) for label, data in row) for row in rows)


def dump_variants(variants: Variants) -> str:
    return json.dumps(
        {lang: [part.to_json() for part in parts] for lang, parts in variants.items()},
        ensure_ascii=False,
    )


def load_variants(text: str) -> dict[str, list[Content]]:
    return {
        lang: [Content.from_json(part) for part in parts]
        for lang, parts in json.loads(text).items()
    }


def pick_variant(variants: Mapping[str, Sequence[Content]], language: str) -> str:
    """The language a recipient gets: theirs, else Indonesian, else whatever there is."""
    if language in variants:
        return language
    if "id" in variants:
        return "id"
    return next(iter(variants))


def validate_variants(variants: Variants) -> None:
    if not variants:
        raise ContentError("no language variant")
    counts = {len(parts) for parts in variants.values()}
    if 0 in counts:
        raise ContentError("a language variant without parts")
    for parts in variants.values():
        for part in parts:
            part.validate()
