"""Signs Mini App ``initData`` as Telegram would, for the tests and the demo.

Dependency-free (hashlib, hmac, json, urllib only) and written from Telegram's
description rather than from the server's checker (bot/core/init_data.py), so a
mistake in one is not repeated in the other. It needs the bot token, which the
sandbox knows; a real Telegram client gets the same string from Telegram.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import datetime
from urllib.parse import quote, urlencode


def sign_init_data(
    token: str,
    user_id: int,
    signed_at: datetime,
    *,
    first_name: str = "Petugas",
    language_code: str = "id",
    query_id: str = "AAHdF6IQAAAAAN0XohDhrOrc",
) -> str:
    """The URL-encoded initData string for ``user_id``, signed at ``signed_at``."""
    user = json.dumps(
        {"id": user_id, "first_name": first_name, "language_code": language_code},
        separators=(",", ":"),
        ensure_ascii=False,
    )
    fields = {"auth_date": str(int(signed_at.timestamp())), "query_id": query_id, "user": user}
    lines = [f"{key}={value}" for key, value in sorted(fields.items())]
    key = hmac.new(b"WebAppData", token.encode("utf-8"), hashlib.sha256).digest()
    fields["hash"] = hmac.new(key, "\n".join(lines).encode("utf-8"), hashlib.sha256).hexdigest()
    return urlencode(fields, quote_via=quote)


def dashboard_url(base: str, init_data: str) -> str:
    """The dashboard's address with the signed data where Telegram puts it (the hash)."""
    return f"{base.rstrip('/')}/#tgWebAppData={quote(init_data, safe='')}"
