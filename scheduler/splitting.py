"""Cutting a text that Telegram would refuse as too long into parts that each fit.

Parts are cut at line boundaries ("\\n", which is dropped at the cut); a single line
longer than the limit is cut after its last space that fits (or, with no space, at
the limit). Lengths are counted as Telegram counts them: the visible text (tags
removed, entities decoded) in UTF-16 code units. An HTML text is never cut inside a
tag or an entity, and every part is valid on its own: tags still open at a cut are
closed at the end of the part and reopened at the start of the next one.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from scheduler.content import visible_length

ELLIPSIS = "…"
_HTML_TOKEN = re.compile(r"<[^>]*>|&[#\w]+;|[^<&]|[<&]")
_TAG_NAME = re.compile(r"</?\s*([A-Za-z][\w-]*)")


@dataclass(frozen=True)
class _Token:
    raw: str
    width: int  # visible UTF-16 code units (0 for a tag)
    opens: str | None = None  # tag name an opening tag starts
    closes: str | None = None  # tag name a closing tag ends


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _tokens(text: str, is_html: bool) -> list[_Token]:
    if not is_html:
        return [_Token(char, _utf16(char)) for char in text]
    tokens = []
    for match in _HTML_TOKEN.finditer(text):
        raw = match.group()
        if raw.startswith("<") and len(raw) > 1:
            name = _TAG_NAME.match(raw)
            tag = name.group(1).lower() if name else None
            closing = raw.startswith("</")
            tokens.append(_Token(raw, 0, None if closing else tag, tag if closing else None))
        else:
            tokens.append(_Token(raw, _utf16(html.unescape(raw))))
    return tokens


def _width(tokens: list[_Token]) -> int:
    return sum(token.width for token in tokens)


def _cut_long_line(line: list[_Token], limit: int) -> list[list[_Token]]:
    """A line wider than ``limit``: chunks that fit, each ending after its last space."""
    chunks: list[list[_Token]] = []
    while _width(line) > limit:
        width, end, after_space = 0, 0, 0
        while end < len(line) and width + line[end].width <= limit:
            width += line[end].width
            end += 1
            if line[end - 1].raw.isspace():
                after_space = end
        cut = after_space or end or 1
        chunks.append(line[:cut])
        line = line[cut:]
    chunks.append(line)
    return chunks


def _pack(tokens: list[_Token], limit: int) -> list[list[_Token]]:
    """Greedily fill parts with whole lines; the newline at each cut is dropped."""
    lines: list[list[_Token]] = [[]]
    for token in tokens:
        if token.raw == "\n":
            lines.append([])
        else:
            lines[-1].append(token)
    newline = _Token("\n", 1)
    parts: list[list[_Token]] = []
    current: list[_Token] | None = None
    for line in lines:
        if current is not None and _width(current) + 1 + _width(line) <= limit:
            current = [*current, newline, *line]
            continue
        if current is not None:
            parts.append(current)
        *full, current = _cut_long_line(line, limit)
        parts.extend(full)
    if current is not None:
        parts.append(current)
    return parts


def _balanced(parts: list[list[_Token]]) -> list[str]:
    """Render parts, closing the tags open at each cut and reopening them after it."""
    rendered = []
    open_tags: list[_Token] = []
    for part in parts:
        prefix = "".join(token.raw for token in open_tags)
        for token in part:
            if token.opens:
                open_tags.append(token)
            elif token.closes:
                for index in range(len(open_tags) - 1, -1, -1):
                    if open_tags[index].opens == token.closes:
                        del open_tags[index]
                        break
        suffix = "".join(f"</{token.opens}>" for token in reversed(open_tags))
        rendered.append(prefix + "".join(token.raw for token in part) + suffix)
    return rendered


def _visible(text: str, is_html: bool) -> str:
    return html.unescape(re.sub(r"<[^>]*>", "", text)) if is_html else text


def split_text(text: str, limit: int, *, is_html: bool) -> list[str]:
    """``text`` as parts of at most ``limit`` visible characters (``[text]`` if it fits).

    Parts with nothing visible (blank lines at a cut) are left out.
    """
    if (visible_length(text) if is_html else _utf16(text)) <= limit:
        return [text]
    rendered = _balanced(_pack(_tokens(text, is_html), limit))
    return [part for part in rendered if _visible(part, is_html).strip()]


def truncate_text(text: str, limit: int, *, is_html: bool) -> str:
    """The first part of ``text`` that fits with "…" after it (an edit cannot become two)."""
    if (visible_length(text) if is_html else _utf16(text)) <= limit:
        return text
    parts = split_text(text, limit - _utf16(ELLIPSIS), is_html=is_html)
    return (parts[0] if parts else "") + ELLIPSIS
