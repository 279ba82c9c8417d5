"""Checking the links officers report: pure functions, no Telegram, no database.

A reported link must point at one post (not a profile or a home page) on a
recognised platform, or at an article on a website. It is normalised so that
the same post reported twice — with tracking parameters, from the mobile site,
through twitter.com instead of x.com — gives the same text, which the database
keeps unique. Every refusal carries a :class:`Problem` that the catalogue turns
into "what is wrong and how to fix it" (``link.problem.<value>``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal
from urllib.parse import SplitResult, parse_qsl, quote, urlencode, urlsplit, urlunsplit

from bot.core.numbers import is_digits

Platform = Literal["instagram", "facebook", "tiktok", "x", "youtube", "threads", "website"]
PLATFORMS: tuple[Platform, ...] = (
    "instagram",
    "facebook",
    "tiktok",
    "x",
    "youtube",
    "threads",
    "website",
)
MAX_URL_LENGTH = 1000


class Problem(StrEnum):
    NOT_A_LINK = "not_a_link"  # no address at all, or garbage
    SCHEME = "scheme"  # ftp:, javascript:, tg:, file: ...
    TOO_LONG = "too_long"
    SHORTENER = "shortener"  # bit.ly, s.id ...: cannot tell what it points at
    PROFILE = "profile"  # an account / page / channel rather than one post
    NOT_A_POST = "not_a_post"  # a home page, search, hashtag or explore page


@dataclass(frozen=True)
class Verdict:
    """The outcome of checking one link.

    ``url`` is the normalised address when the link is accepted; ``platform`` is
    set whenever the platform could be recognised, also for refusals (so the
    explanation can name it).
    """

    url: str | None
    platform: Platform | None
    problem: Problem | None

    @property
    def ok(self) -> bool:
        return self.problem is None


# Hosts that only redirect somewhere else; the officer must open them and copy the real address.
SHORTENERS = frozenset(
    {
        "bit.ly",
        "s.id",
        "t.co",
        "tinyurl.com",
        "ow.ly",
        "goo.gl",
        "cutt.ly",
        "shorturl.at",
        "rebrand.ly",
        "is.gd",
        "buff.ly",
        "lnkd.in",
        "linktr.ee",
        "rb.gy",
        "tiny.cc",
        "bitly.com",
        "t.ly",
        "v.gd",
        "l.instagram.com",
        "l.facebook.com",
        "lm.facebook.com",
    }
)

# Query parameters that only track who shared or where from.
_TRACKING_EXACT = frozenset(
    {
        "igsh",
        "igshid",
        "fbclid",
        "gclid",
        "dclid",
        "msclkid",
        "yclid",
        "ttclid",
        "twclid",
        "si",
        "feature",
        "ref",
        "ref_src",
        "ref_url",
        "mibextid",
        "rdid",
        "share_url",
        "sfnsn",
        "_rdr",
        "_rdc",
        "is_from_webapp",
        "sender_device",
        "sender_web_id",
        "_r",
        "_t",
        "xmt",
        "app",
        "__cft__",
        "__tn__",
        "wtsid",
        "gad_source",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
        "share_app_id",
        "share_link_id",
        "utm",
        "amp",
        "s",
    }
)
_TRACKING_PREFIXES = ("utm_", "__cft__", "__tn__")

_HOST_RE = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$")
_SCHEME_RE = re.compile(r"^([a-z][a-z0-9+.-]*):", re.IGNORECASE)
_URL_IN_TEXT = re.compile(
    r"[a-z][a-z0-9+.-]*://[^\s<>\"']+|\b(?:[a-z0-9-]+\.)+[a-z]{2,}/[^\s<>\"']*",
    re.IGNORECASE,
)
_TRAILING_PUNCTUATION = ".,;:!?)]}»\"'"


def find_links(text: str) -> list[str]:
    """The addresses in a message, in order, without trailing punctuation."""
    return [match.group(0).rstrip(_TRAILING_PUNCTUATION) for match in _URL_IN_TEXT.finditer(text)]


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in _TRACKING_EXACT or lowered.startswith(_TRACKING_PREFIXES)


def _segments(path: str) -> list[str]:
    return [part for part in path.split("/") if part]


def _build(host: str, path: str, params: list[tuple[str, str]] | None = None) -> str:
    query = urlencode(sorted(params)) if params else ""
    return urlunsplit(("https", host, quote(path, safe="/%@:+,;=~-._!$&'()*"), query, ""))


def _keep(query: str, names: set[str]) -> list[tuple[str, str]]:
    return [(name, value) for name, value in parse_qsl(query) if name in names and value]


def _split(raw: str) -> SplitResult | Problem:
    """Parse an address; one without a scheme ("instagram.com/p/...") is taken as https."""
    text = raw.strip()
    if not text or any(char.isspace() for char in text):
        return Problem.NOT_A_LINK
    if len(text) > MAX_URL_LENGTH:
        return Problem.TOO_LONG
    scheme = _SCHEME_RE.match(text)
    if (
        scheme is not None
        and "." not in scheme.group(1)
        and not text[scheme.end() :].startswith("//")
    ):
        return Problem.SCHEME  # mailto:, javascript:, tel:, tg: ...
    if scheme is None or not text[scheme.end() :].startswith("//"):
        text = "https://" + text
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - raises on a malformed port
        host = (parts.hostname or "").rstrip(".").encode("idna").decode("ascii")
    except (ValueError, UnicodeError):
        return Problem.NOT_A_LINK
    if parts.scheme.lower() not in ("http", "https"):
        return Problem.SCHEME
    if not _HOST_RE.match(host) or is_digits(host.rsplit(".", 1)[-1]):
        return Problem.NOT_A_LINK
    return parts


def _host(parts: SplitResult) -> str:
    return (parts.hostname or "").rstrip(".").encode("idna").decode("ascii")


def check_link(raw: str) -> Verdict:
    """Check and normalise one reported link."""
    parts = _split(raw)
    if isinstance(parts, Problem):
        return Verdict(None, None, parts)
    host = _host(parts)
    if host in SHORTENERS:
        return Verdict(None, None, Problem.SHORTENER)
    bare = host.removeprefix("www.")
    for recognise in _RECOGNISERS:
        verdict = recognise(bare, parts)
        if verdict is not None:
            return verdict
    return _website(host, parts)


def _strip_sub(host: str, domain: str) -> bool:
    return host == domain or host.endswith("." + domain)


def _instagram(host: str, parts: SplitResult) -> Verdict | None:
    if not (_strip_sub(host, "instagram.com") or host == "instagr.am"):
        return None
    seg = _segments(parts.path)
    post_kinds = {"p", "reel", "reels", "tv"}
    if len(seg) >= 2 and seg[0].lower() in post_kinds:
        kind = "reel" if seg[0].lower() == "reels" else seg[0].lower()
        return Verdict(_build("instagram.com", f"/{kind}/{seg[1]}/"), "instagram", None)
    if len(seg) >= 3 and seg[1].lower() in post_kinds:
        # instagram.com/<user>/p/<code>/ — the newer address of the same post.
        kind = "reel" if seg[1].lower() == "reels" else seg[1].lower()
        return Verdict(_build("instagram.com", f"/{kind}/{seg[2]}/"), "instagram", None)
    if len(seg) >= 3 and seg[0].lower() == "stories" and is_digits(seg[2]):
        return Verdict(
            _build("instagram.com", f"/stories/{seg[1].lower()}/{seg[2]}/"), "instagram", None
        )
    if len(seg) == 1 and seg[0].lower() not in {"explore", "accounts", "direct", "stories"}:
        return Verdict(None, "instagram", Problem.PROFILE)
    return Verdict(None, "instagram", Problem.NOT_A_POST)


_FACEBOOK_HOSTS = ("facebook.com", "fb.com")
_FACEBOOK_KEEP = {"story_fbid", "id", "v", "fbid"}


def _facebook(host: str, parts: SplitResult) -> Verdict | None:
    if host == "fb.watch":
        seg = _segments(parts.path)
        if seg:
            return Verdict(_build("fb.watch", f"/{seg[0]}/"), "facebook", None)
        return Verdict(None, "facebook", Problem.NOT_A_POST)
    if not any(_strip_sub(host, domain) for domain in _FACEBOOK_HOSTS):
        return None
    seg = _segments(parts.path)
    low = [part.lower() for part in seg]
    params = dict(_keep(parts.query, _FACEBOOK_KEEP))
    path = "/" + "/".join(seg)

    def post(kept: list[tuple[str, str]] | None = None) -> Verdict:
        return Verdict(_build("facebook.com", path, kept), "facebook", None)

    if low and low[0] in ("permalink.php", "story.php") and "story_fbid" in params:
        return post(_keep(parts.query, {"story_fbid", "id"}))
    if low and low[0] in ("photo.php", "photo") and "fbid" in params:
        path = "/photo.php"
        return post(_keep(parts.query, {"fbid"}))
    if low and low[0] == "watch" and "v" in params:
        path = "/watch/"
        return post(_keep(parts.query, {"v"}))
    if len(low) >= 2 and low[0] in ("reel", "videos") and is_digits(seg[1]):
        return post()
    if len(low) >= 3 and low[0] == "share" and low[1] in ("p", "r", "v"):
        return post()
    if len(low) >= 3 and low[1] in ("posts", "videos", "photos", "reels"):
        path = "/" + "/".join([low[0], *seg[1:]])
        return post()
    if len(low) >= 4 and low[0] == "groups" and low[2] in ("posts", "permalink"):
        return post()
    if len(low) >= 2 and low[0] == "events" and is_digits(seg[1]):
        return post()
    if low and low[0] in ("profile.php", "people", "groups", "pages", "share"):
        return Verdict(None, "facebook", Problem.PROFILE)
    if len(low) == 1 and low[0] not in ("watch", "search", "home.php", "hashtag", "marketplace"):
        return Verdict(None, "facebook", Problem.PROFILE)
    return Verdict(None, "facebook", Problem.NOT_A_POST)


def _tiktok(host: str, parts: SplitResult) -> Verdict | None:
    if not _strip_sub(host, "tiktok.com"):
        return None
    seg = _segments(parts.path)
    if host in ("vt.tiktok.com", "vm.tiktok.com"):
        # TikTok's own share links: each code stands for one video.
        if seg:
            return Verdict(_build(host, f"/{seg[0]}/"), "tiktok", None)
        return Verdict(None, "tiktok", Problem.NOT_A_POST)
    if len(seg) >= 2 and seg[0].lower() == "t":
        return Verdict(_build("tiktok.com", f"/t/{seg[1]}/"), "tiktok", None)
    if len(seg) >= 3 and seg[0].startswith("@") and seg[1].lower() in ("video", "photo"):
        user = seg[0].lower()
        return Verdict(_build("tiktok.com", f"/{user}/{seg[1].lower()}/{seg[2]}"), "tiktok", None)
    if len(seg) >= 2 and seg[0].lower() == "v":
        video = seg[1].removesuffix(".html")
        if is_digits(video):
            return Verdict(_build("tiktok.com", f"/v/{video}"), "tiktok", None)
    if len(seg) == 1 and seg[0].startswith("@"):
        return Verdict(None, "tiktok", Problem.PROFILE)
    return Verdict(None, "tiktok", Problem.NOT_A_POST)


_X_RESERVED = {"home", "explore", "search", "hashtag", "i", "notifications", "messages", "settings"}


def _x(host: str, parts: SplitResult) -> Verdict | None:
    if not (_strip_sub(host, "x.com") or _strip_sub(host, "twitter.com")):
        return None
    seg = _segments(parts.path)
    if len(seg) >= 3 and seg[1].lower() in ("status", "statuses") and is_digits(seg[2]):
        return Verdict(_build("x.com", f"/{seg[0].lower()}/status/{seg[2]}"), "x", None)
    if len(seg) >= 4 and seg[0].lower() == "i" and seg[1].lower() == "web" and is_digits(seg[3]):
        return Verdict(_build("x.com", f"/i/status/{seg[3]}"), "x", None)
    if len(seg) == 1 and seg[0].lower() not in _X_RESERVED:
        return Verdict(None, "x", Problem.PROFILE)
    return Verdict(None, "x", Problem.NOT_A_POST)


_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")


def _youtube(host: str, parts: SplitResult) -> Verdict | None:
    seg = _segments(parts.path)
    if host == "youtu.be":
        video = seg[0] if seg else ""
    elif _strip_sub(host, "youtube.com") or host == "youtube-nocookie.com":
        low = [part.lower() for part in seg]
        video = ""
        if low[:1] == ["watch"]:
            video = dict(parse_qsl(parts.query)).get("v", "")
        elif len(seg) >= 2 and low[0] in ("shorts", "live", "embed", "v"):
            video = seg[1]
        elif low and (low[0].startswith("@") or low[0] in ("channel", "c", "user")):
            return Verdict(None, "youtube", Problem.PROFILE)
        if not video:
            return Verdict(None, "youtube", Problem.NOT_A_POST)
    else:
        return None
    if not _YOUTUBE_ID.match(video):
        return Verdict(None, "youtube", Problem.NOT_A_POST)
    # One address per video, however it was shared (youtu.be, /shorts/, /live/, watch?v=).
    return Verdict(_build("youtube.com", "/watch", [("v", video)]), "youtube", None)


def _threads(host: str, parts: SplitResult) -> Verdict | None:
    if host not in ("threads.net", "threads.com"):
        return None
    seg = _segments(parts.path)
    if len(seg) >= 3 and seg[0].startswith("@") and seg[1].lower() == "post":
        return Verdict(_build("threads.net", f"/{seg[0].lower()}/post/{seg[2]}"), "threads", None)
    if len(seg) == 1 and seg[0].startswith("@"):
        return Verdict(None, "threads", Problem.PROFILE)
    return Verdict(None, "threads", Problem.NOT_A_POST)


_RECOGNISERS = (_instagram, _facebook, _tiktok, _x, _youtube, _threads)


def _website(host: str, parts: SplitResult) -> Verdict:
    """Any other site: an article or a page, never just the home page."""
    path = parts.path.rstrip("/")
    params = [(name, value) for name, value in parse_qsl(parts.query) if not _is_tracking(name)]
    if not path and not params:
        return Verdict(None, "website", Problem.NOT_A_POST)
    bare = host.removeprefix("www.")
    netloc = bare if parts.port in (None, 80, 443) else f"{bare}:{parts.port}"
    query = urlencode(sorted(params))
    return Verdict(
        urlunsplit((parts.scheme.lower(), netloc, path or "/", query, "")), "website", None
    )


def check_any_link(raw: str) -> Verdict:
    """A looser check for issue reports: any http(s) address, profiles and home pages too."""
    verdict = check_link(raw)
    if verdict.ok:
        return verdict
    parts = _split(raw)
    if isinstance(parts, Problem):
        return Verdict(None, None, parts)
    params = [(name, value) for name, value in parse_qsl(parts.query) if not _is_tracking(name)]
    netloc = _host(parts) if parts.port in (None, 80, 443) else f"{_host(parts)}:{parts.port}"
    url = urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", urlencode(params), ""))
    return Verdict(url, verdict.platform, None)
