"""Telegram's HTML parse mode: tags and character references to plain text and entities."""

from __future__ import annotations

import re

from bot.devtools.sandbox.errors import JSON
from bot.devtools.sandbox.text_entities import EntityParseError, TextBuilder, byte_offset

_HTML_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
_HTML_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_HTML_ENTITY_RE = re.compile(r"&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]+));")
_TAG_NAME_RE = re.compile(r"[^\s>/]*")
_ATTR_RE = re.compile(r"\s+([a-zA-Z_-]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>\"']+)))?")
_END_TAG_RE = re.compile(r"</\s*([^\s>]*)\s*>")
_TAG_CLOSE_RE = re.compile(r"\s*>")


def _html_unescape(src: str, start: int, end: int) -> str:
    out: list[str] = []
    i = start
    while i < end:
        if src[i] != "&":
            out.append(src[i])
            i += 1
            continue
        m = _HTML_ENTITY_RE.match(src, i, end)
        char = None
        if m and m.group(3):
            char = _HTML_ENTITIES.get(m.group(3).lower())
        elif m:
            code = int(m.group(1)) if m.group(1) else int(m.group(2), 16)
            char = chr(code) if 0 < code <= 0x10FFFF else None
        if m is None or char is None:
            offset = byte_offset(src, i)
            raise EntityParseError(f"Unsupported HTML entity at byte offset {offset}; use &amp;")
        out.append(char)
        i = m.end()
    return "".join(out)


def parse_html(src: str) -> tuple[str, list[JSON]]:
    """Telegram's HTML parse mode, strict: bare '<' or '&' are errors, as the docs demand."""
    out = TextBuilder()
    stack: list[tuple[str, int, dict[str, str]]] = []
    i = 0
    while i < len(src):
        nxt = src.find("<", i)
        nxt = len(src) if nxt < 0 else nxt
        if nxt > i:
            out.add(_html_unescape(src, i, nxt))
            i = nxt
            continue
        offset = byte_offset(src, i)
        if src.startswith("</", i):
            end = _END_TAG_RE.match(src, i)
            if end is None:
                raise EntityParseError(f"Unclosed end tag at byte offset {offset}")
            name = end.group(1).lower()
            if not stack:
                raise EntityParseError(f"Unexpected end tag at byte offset {offset}")
            if stack[-1][0] != name:
                raise EntityParseError(
                    f'Unmatched end tag at byte offset {offset}, expected "</{stack[-1][0]}>", '
                    f'found "</{name}>"'
                )
            _close_html_tag(out, stack)
            i = end.end()
            continue
        tag = _TAG_NAME_RE.match(src, i + 1)
        name = tag.group().lower() if tag else ""
        if name not in _HTML_TAGS:
            raise EntityParseError(f'Unsupported start tag "{name}" at byte offset {offset}')
        i += 1 + len(name)
        attrs: dict[str, str] = {}
        while (attr := _ATTR_RE.match(src, i)) is not None:
            value = next((g for g in attr.groups()[1:] if g is not None), "")
            attrs[attr.group(1).lower()] = _html_unescape(value, 0, len(value))
            i = attr.end()
        close = _TAG_CLOSE_RE.match(src, i)
        if close is None:
            raise EntityParseError(f'Unclosed start tag "{name}" at byte offset {offset}')
        i = close.end()
        if name == "span" and attrs.get("class") != "tg-spoiler":
            raise EntityParseError(
                f'Tag "span" must have class "tg-spoiler" at byte offset {offset}'
            )
        stack.append((name, out.pos, attrs))
    if stack:
        raise EntityParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1][0]}"')
    return out.result()


def _close_html_tag(out: TextBuilder, stack: list[tuple[str, int, dict[str, str]]]) -> None:
    name, start, attrs = stack.pop()
    kind = _HTML_TAGS[name]
    language = attrs.get("class", "")
    if name == "code" and stack and stack[-1][0] == "pre" and language.startswith("language-"):
        stack[-1][2]["language"] = language.removeprefix("language-")
        return
    if kind == "text_link":
        if "href" in attrs:
            out.entity(kind, start, url=attrs["href"])
    elif kind == "custom_emoji":
        out.entity(kind, start, custom_emoji_id=attrs.get("emoji-id", ""))
    elif kind == "pre" and "language" in attrs:
        out.entity(kind, start, language=attrs["language"])
    elif kind == "blockquote" and "expandable" in attrs:
        out.entity("expandable_blockquote", start)
    else:
        out.entity(kind, start)
