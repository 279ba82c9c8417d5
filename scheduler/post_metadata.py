"""Reading a post's public metadata, and judging it against the briefing (pure functions).

YouTube, TikTok and X have public oEmbed endpoints that need no key: the post's
title (TikTok: its caption; X: the post's text inside ``html``) and its account.
Any other post is read for the Open Graph tags of its page (``og:title``,
``og:description``, the page's ``<title>``, ``author`` / ``article:author`` /
``twitter:creator``). A post is *verified* when its text carries every hashtag the
briefing asked for (mentions are not hashtags; a briefing without hashtags asks for
none); see db/link_checks.py for the statuses.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlencode

from db.link_checks import Outcome

OEMBED_PLATFORMS = ("youtube", "tiktok", "x")
_HASHTAG = re.compile(r"#(\w+)", re.UNICODE)
_TEXT_META = ("og:title", "og:description", "twitter:title", "twitter:description", "description")
_AUTHOR_META = ("author", "article:author", "twitter:creator", "og:site_name")


@dataclass(frozen=True)
class Metadata:
    text: str  # the title, caption or description the page gives
    author: str | None


def oembed_address(platform: str, url: str, endpoints: Mapping[str, str]) -> str | None:
    """The oEmbed request for a post, or None when its platform has no public endpoint."""
    base = endpoints.get(platform) if platform in OEMBED_PLATFORMS else None
    if not base:
        return None
    query = {"url": url, "format": "json"} if platform == "youtube" else {"url": url}
    return f"{base}{'&' if '?' in base else '?'}{urlencode(query)}"


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.title: list[str] = []
        self.text: list[str] = []
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            found = {name: value or "" for name, value in attrs}
            key = (found.get("property") or found.get("name") or "").lower()
            if key and "content" in found:
                self.meta.setdefault(key, found["content"])
        elif tag == "title":
            self._in_title = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        (self.title if self._in_title else self.text).append(data)


def from_page(body: bytes, charset: str | None) -> Metadata:
    """The Open Graph (and plain HTML) metadata of a page."""
    parser = _Tags()
    parser.feed(body.decode(charset or "utf-8", errors="replace"))
    parser.close()
    parts = [parser.meta[key] for key in _TEXT_META if parser.meta.get(key)]
    parts.append("".join(parser.title).strip())
    author = next((parser.meta[key] for key in _AUTHOR_META if parser.meta.get(key)), None)
    return Metadata(" \n".join(part for part in parts if part), author)


def from_oembed(body: bytes) -> Metadata | None:
    """An oEmbed answer's title (or the text of its ``html``) and author; None when the
    answer is not an oEmbed object."""
    try:
        found = json.loads(body.decode("utf-8", errors="replace"))
    except ValueError:
        return None
    if not isinstance(found, dict):
        return None
    parts = [str(found.get("title") or "")]
    if isinstance(found.get("html"), str):
        markup = _Tags()
        markup.feed(found["html"])
        markup.close()
        parts.append(" ".join("".join(markup.text).split()))
    author = found.get("author_name") or found.get("author_unique_id")
    return Metadata(" \n".join(part for part in parts if part), str(author) if author else None)


def hashtags(text: str) -> set[str]:
    """The hashtags in ``text``, case folded, without their "#"."""
    return {tag.casefold() for tag in _HASHTAG.findall(text)}


def judge(metadata: Metadata, asked: str) -> Outcome:
    """The outcome for a post that exists: verified when it carries every hashtag of
    ``asked`` (the briefing's hashtags and accounts as typed)."""
    missing = hashtags(asked) - hashtags(metadata.text)
    return Outcome(
        "hashtag_missing" if missing else "verified",
        True,
        author=metadata.author,
        title=metadata.text or None,
        reason=("missing: #" + ", #".join(sorted(missing))) if missing else None,
    )
