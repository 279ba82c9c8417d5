"""Who calls the Mini App's API: Telegram's signature, then the person as the guard sees them.

The page sends the ``initData`` Telegram gave it in the ``X-Telegram-Init-Data`` header.
It is checked with the bot token (bot/core/init_data.py: forged, edited, absent or older
than an hour → 401); the person is then read from the database by their Telegram id and
judged by :func:`db.scope.refusal`, exactly the rule of the chat guard (not registered,
pending or inactive → 401 as well: nobody to serve; an officer asking for a coordinator's
page → 403). Nothing the page sends about the person (name, language, role) is used.
"""

from __future__ import annotations

import html
import json
import re

from aiohttp import web

from bot.core.init_data import InitDataError, verify
from bot.core.texts import lang_of, t
from db import officers as officers_db
from db import scope
from db.officers import Officer, Role
from scheduler.services import Services

HEADER = "X-Telegram-Init-Data"
_TAGS = re.compile(r"<[^>]+>")


def plain(text: str) -> str:
    """A catalogue text (HTML for chat messages) as plain text for the page."""
    return html.unescape(_TAGS.sub("", text))


def error(status: int, message: str) -> web.HTTPException:
    """An HTTP error with ``{"error": message}`` as its JSON body."""
    body = json.dumps({"error": message}, ensure_ascii=False)
    kinds: dict[int, type[web.HTTPException]] = {
        400: web.HTTPBadRequest,
        401: web.HTTPUnauthorized,
        403: web.HTTPForbidden,
        404: web.HTTPNotFound,
        409: web.HTTPConflict,
        422: web.HTTPUnprocessableEntity,
    }
    return kinds[status](text=body, content_type="application/json")


def _browser_lang(request: web.Request) -> str:
    return lang_of(request.headers.get("Accept-Language", "id")[:2])


async def person(request: web.Request, services: Services, min_role: Role) -> Officer:
    """The signed-in person, allowed ``min_role``; raises the 401 or 403 to answer."""
    assert services.db is not None and services.config.telegram.token is not None
    token = services.config.telegram.token.get_secret_value()
    try:
        user = verify(request.headers.get(HEADER, ""), token, services.clock.now())
    except InitDataError:
        raise error(401, t(_browser_lang(request), "webapp.denied.auth")) from None
    officer = await officers_db.by_telegram_id(services.db, user.telegram_id)
    problem = scope.refusal(officer, min_role)
    if problem is None and officer is not None:
        return officer
    lang = officer.language if officer is not None else lang_of(user.language_code)
    if problem == "denied.role":
        raise error(403, t(lang, "webapp.denied.role"))
    assert problem is not None
    raise error(401, plain(t(lang, problem)))
