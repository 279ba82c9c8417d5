"""Telegram's MarkdownV2 and legacy Markdown parse modes."""

from __future__ import annotations

import re

from bot.devtools.sandbox.errors import JSON
from bot.devtools.sandbox.text_entities import EntityParseError, TextBuilder, byte_offset

_MD2_RESERVED = set("_*[]()~`>#+-=|{}.!")
_MD2_MARKERS = {
    "*": "bold",
    "_": "italic",
    "__": "underline",
    "~": "strikethrough",
    "||": "spoiler",
}
_ENTITY_NAMES = {
    "bold": "Bold",
    "italic": "Italic",
    "underline": "Underline",
    "strikethrough": "Strikethrough",
    "spoiler": "Spoiler",
    "text_link": "TextUrl",
}


def _md_code_end(src: str, start: int, fence: str) -> int:
    """Index of the closing fence, honouring backslash escapes; -1 if absent."""
    i = start
    while i < len(src):
        if src[i] == "\\":
            i += 2
        elif src.startswith(fence, i):
            return i
        else:
            i += 1
    return -1


def _md_unescape(text: str) -> str:
    return re.sub(r"\\([\x01-\x7e])", r"\1", text)


def parse_markdown_v2(src: str) -> tuple[str, list[JSON]]:
    """MarkdownV2 with Telegram's strictness about unescaped reserved characters."""
    out = TextBuilder()
    stack: list[tuple[str, int, int]] = []  # marker, text position, source index
    quote_start: int | None = None
    i = 0
    while i < len(src):
        c = src[i]
        if c == ">" and (i == 0 or src[i - 1] == "\n"):
            quote_start = out.pos if quote_start is None else quote_start
            i += 1
            continue
        if c == "\n" and quote_start is not None and not src.startswith(">", i + 1):
            out.entity("blockquote", quote_start)
            quote_start = None
        if c == "\\":
            if i + 1 >= len(src) or not 0 < ord(src[i + 1]) <= 126:
                raise EntityParseError(
                    "Character '\\' is reserved and must be escaped with the preceding '\\'"
                )
            out.add(src[i + 1])
            i += 2
        elif c == "`":
            fence = "```" if src.startswith("```", i) else "`"
            end = _md_code_end(src, i + len(fence), fence)
            if end < 0:
                kind = "Pre" if fence == "```" else "Code"
                raise EntityParseError(
                    f"Can't find end of {kind} entity at byte offset {byte_offset(src, i)}"
                )
            body, language = src[i + len(fence) : end], ""
            if fence == "```" and "\n" in body and " " not in body.split("\n", 1)[0]:
                language, body = body.split("\n", 1)
            start = out.pos
            out.add(_md_unescape(body))
            if fence == "```":
                out.entity("pre", start, **({"language": language} if language else {}))
            else:
                out.entity("code", start)
            i = end + len(fence)
        elif c in "*_~|[":
            marker = "__" if src.startswith("__", i) else "||" if src.startswith("||", i) else c
            if marker == "|":
                raise EntityParseError(
                    "Character '|' is reserved and must be escaped with the preceding '\\'"
                )
            open_markers = [m for m, _, _ in stack]
            if marker in open_markers and marker != "[":
                top, start, at = stack.pop()
                if top != marker:
                    raise EntityParseError(
                        f"Can't find end of {_ENTITY_NAMES[_md_kind(top)]} entity at byte offset "
                        f"{byte_offset(src, at)}"
                    )
                out.entity(_MD2_MARKERS[marker], start)
            else:
                stack.append((marker, out.pos, i))
            i += len(marker)
        elif c == "]" and stack and stack[-1][0] == "[":
            _, start, at = stack.pop()
            if not src.startswith("(", i + 1) or (close := _md_code_end(src, i + 2, ")")) < 0:
                raise EntityParseError(
                    f"Can't find end of a URL at byte offset {byte_offset(src, i)}"
                )
            out.entity("text_link", start, url=_md_unescape(src[i + 2 : close]))
            i = close + 1
        elif c in _MD2_RESERVED:
            raise EntityParseError(
                f"Character '{c}' is reserved and must be escaped with the preceding '\\'"
            )
        else:
            out.add(c)
            i += 1
    if stack:
        marker, _, at = stack[-1]
        name = _ENTITY_NAMES[_md_kind(marker)]
        raise EntityParseError(
            f"Can't find end of {name} entity at byte offset {byte_offset(src, at)}"
        )
    if quote_start is not None:
        out.entity("blockquote", quote_start)
    return out.result()


def _md_kind(marker: str) -> str:
    return "text_link" if marker == "[" else _MD2_MARKERS[marker]


def parse_markdown(src: str) -> tuple[str, list[JSON]]:
    """Legacy Markdown: *bold*, _italic_, `code`, ```pre```, [text](url); no nesting."""
    out = TextBuilder()
    pattern = re.compile(
        r"\*(.+?)\*|_(.+?)_|```(?:(\w+)\n)?(.+?)```|`(.+?)`|\[(.+?)\]\((.+?)\)", re.S
    )
    i = 0
    for m in pattern.finditer(src):
        out.add(src[i : m.start()])
        start = out.pos
        if m.group(1) is not None:
            out.add(m.group(1))
            out.entity("bold", start)
        elif m.group(2) is not None:
            out.add(m.group(2))
            out.entity("italic", start)
        elif m.group(4) is not None:
            out.add(m.group(4))
            out.entity("pre", start, **({"language": m.group(3)} if m.group(3) else {}))
        elif m.group(5) is not None:
            out.add(m.group(5))
            out.entity("code", start)
        else:
            out.add(m.group(6))
            out.entity("text_link", start, url=m.group(7))
        i = m.end()
    rest = src[i:]
    stray = re.search(r"[*_`\[]", rest)
    if stray:
        offset = byte_offset(src, i + stray.start())
        raise EntityParseError(f"Can't find end of the entity starting at byte offset {offset}")
    out.add(rest)
    return out.result()
