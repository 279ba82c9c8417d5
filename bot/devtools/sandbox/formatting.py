"""Message text as Telegram stores it: parse_mode dispatch, trimming and length limits."""

from __future__ import annotations

from typing import Any

from bot.devtools.sandbox.errors import JSON, ApiError
from bot.devtools.sandbox.html_parser import parse_html
from bot.devtools.sandbox.markdown_parser import parse_markdown, parse_markdown_v2
from bot.devtools.sandbox.params import Params
from bot.devtools.sandbox.text_entities import EntityParseError, utf16_len


def format_text(
    text: str, parse_mode: str | None, entities: list[JSON] | None
) -> tuple[str, list[JSON]]:
    """Plain text and entities as Telegram stores them, surrounding whitespace trimmed."""
    mode = (parse_mode or "").lower()
    if mode == "html":
        plain, parsed = parse_html(text)
    elif mode == "markdownv2":
        plain, parsed = parse_markdown_v2(text)
    elif mode == "markdown":
        plain, parsed = parse_markdown(text)
    elif mode:
        raise ApiError(400, f"Bad Request: unsupported parse_mode {parse_mode!r}")
    else:
        plain, parsed = text, list(entities or [])
    stripped = plain.strip()
    shift = utf16_len(plain[: len(plain) - len(plain.lstrip())])
    limit = utf16_len(stripped)
    trimmed = []
    for entity in parsed:
        start = max(0, entity["offset"] - shift)
        end = min(limit, entity["offset"] + entity["length"] - shift)
        if end > start:
            trimmed.append({**entity, "offset": start, "length": end - start})
    return stripped, trimmed


def formatted(
    source: str, parse_mode: str | None, entities: Any, *, limit: int, too_long: str
) -> tuple[str, list[JSON]]:
    """format_text for a request: markup errors and texts over `limit` become 400s."""
    try:
        plain, parsed = format_text(source, parse_mode, entities)
    except EntityParseError as err:
        raise ApiError(400, f"Bad Request: can't parse entities: {err}") from None
    if utf16_len(plain) > limit:
        raise ApiError(400, too_long)
    return plain, parsed


def caption_fields(
    source: str | None, parse_mode: str | None, entities: Any
) -> tuple[str | None, JSON]:
    """(caption as sent, caption JSON fields as Telegram stores them)."""
    if source is None:
        return None, {}
    plain, parsed = formatted(
        str(source),
        parse_mode,
        entities,
        limit=1024,
        too_long="Bad Request: message caption is too long",
    )
    fields: JSON = {"caption": plain} if plain else {}
    if parsed:
        fields["caption_entities"] = parsed
    return str(source), fields


def request_text(p: Params) -> tuple[str, str, list[JSON]]:
    """A request's message text: (as sent, as Telegram stores it, its entities)."""
    source = p.get_str("text") or ""
    plain, entities = formatted(
        source,
        p.get_str("parse_mode"),
        p.get_json("entities"),
        limit=4096,
        too_long="Bad Request: message is too long",
    )
    if not plain:
        raise ApiError(400, "Bad Request: message text is empty")
    return source, plain, entities


def request_caption(p: Params) -> tuple[str | None, JSON]:
    return caption_fields(
        p.get_str("caption"), p.get_str("parse_mode"), p.get_json("caption_entities")
    )
