"""Telegram Mini App ``initData``: checked as Telegram documents it, nothing else trusted.

Telegram opens a Mini App with ``initData``, a URL-encoded query string (``query_id``,
``user`` as JSON, ``auth_date``, ``hash``, and on newer clients ``signature``). The
server checks it with the bot token:

* ``secret_key = HMAC_SHA256(key="WebAppData", msg=bot_token)``;
* ``data_check_string`` = every received field but ``hash``, as ``key=value`` lines
  sorted by key, joined by ``\\n``;
* ``hash`` must equal ``hex(HMAC_SHA256(key=secret_key, msg=data_check_string))``,
  compared in constant time;
* ``auth_date`` (Unix seconds) must be at most :data:`MAX_AGE` old (and not from the
  future beyond a small clock skew).

Any problem is one :class:`InitDataError`: the caller answers 401 without saying which.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl

MAX_AGE = timedelta(hours=1)
_SKEW = timedelta(minutes=5)  # a phone's clock a little ahead of the server's
_MAX_LENGTH = 8192


class InitDataError(Exception):
    """initData absent, malformed, forged, edited or too old."""


@dataclass(frozen=True)
class WebAppUser:
    telegram_id: int
    language_code: str | None
    auth_date: datetime


def secret_key(token: str) -> bytes:
    return hmac.new(b"WebAppData", token.encode(), hashlib.sha256).digest()


def check_string(fields: dict[str, str]) -> str:
    """The ``data_check_string`` of the fields (``hash`` left out)."""
    return "\n".join(f"{key}={fields[key]}" for key in sorted(fields) if key != "hash")


def verify(init_data: str, token: str, now: datetime) -> WebAppUser:
    """The Telegram user the data was signed for; :class:`InitDataError` otherwise."""
    if not init_data or len(init_data) > _MAX_LENGTH:
        raise InitDataError("absent or too long")
    try:
        pairs = parse_qsl(init_data, keep_blank_values=True, strict_parsing=True)
    except ValueError:
        raise InitDataError("not a query string") from None
    fields = dict(pairs)
    if len(fields) != len(pairs):
        raise InitDataError("a field given twice")
    received = fields.get("hash", "")
    expected = hmac.new(
        secret_key(token), check_string(fields).encode(), hashlib.sha256
    ).hexdigest()
    if not hmac.compare_digest(expected, received):
        raise InitDataError("signature does not match")
    try:
        signed_at = datetime.fromtimestamp(int(fields["auth_date"]), UTC)
        user = json.loads(fields["user"])
        telegram_id = int(user["id"])
    except (KeyError, ValueError, TypeError, OverflowError, OSError):
        raise InitDataError("auth_date or user missing") from None
    if signed_at < now - MAX_AGE or signed_at > now + _SKEW:
        raise InitDataError("expired")
    language = user.get("language_code") if isinstance(user, dict) else None
    return WebAppUser(telegram_id, language if isinstance(language, str) else None, signed_at)
