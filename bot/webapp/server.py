"""The Mini App's HTTP server: an aiohttp application in the bot's own event loop.

Opened in post_init when ``webapp.url`` is set, closed in post_shutdown; it listens on
``webapp.listen:webapp.port`` (127.0.0.1 by default: the reverse proxy in front serves
``webapp.url`` over HTTPS and forwards here). Routes:

* ``GET /`` — the page (static/index.html); ``GET /static/{name}`` its CSS and script.
  Public: they hold no data. Everything is gzip-compressed when the browser accepts it.
* ``GET /api/session`` — who is signed in, their area and the page's texts (coordinator).
* the dashboard's API (bot/webapp/recap_api.py) and the form's (bot/webapp/form_api.py,
  its material upload bot/webapp/form_material.py), every call signed by Telegram (bot/webapp/auth.py).

The "📊 Dasbor" menu button of coordinators' chats is set with their command menu
(handlers/menus.py), whose signature includes ``webapp.url``.
"""

from __future__ import annotations

import logging
from importlib import resources

from aiohttp import web
from aiohttp.typedefs import Handler
from telegram import Bot

from bot.core.texts import CATALOGUE, t
from bot.local_site import LocalSite
from bot.webapp.auth import person, plain
from bot.webapp.form_api import FormApi
from bot.webapp.form_material import FormMaterial
from bot.webapp.recap_api import PERIODS, RecapApi, unit_json
from db import recap_area, scope
from scheduler.services import Services

log = logging.getLogger(__name__)

_STATIC = {
    "index.html": "text/html",
    "app.css": "text/css",
    "app.js": "application/javascript",
    "form.js": "application/javascript",
}
# The catalogue's keys the page shows (plain text), besides its own "webapp." ones.
_PAGE_TEXTS = (
    "webapp.",
    "rekap.status.",
    "rekap.period.",
    "rekap.remind.yes",
    "button.cancel",
    "format.",
    "channel.",
    "compose.part.",
)


def page_texts(lang: str) -> dict[str, str]:
    """The page's texts in ``lang``, as plain-text templates (the page fills ``{name}``)."""
    return {
        key: plain(versions.get(lang) or versions["id"])
        for key, versions in CATALOGUE.items()
        if key.startswith(_PAGE_TEXTS)
    }


@web.middleware
async def _compressed(request: web.Request, handler: Handler) -> web.StreamResponse:
    response = await handler(request)
    if isinstance(response, web.Response) and response.body is not None:
        response.enable_compression()
    if request.path.startswith("/api/"):
        response.headers["Cache-Control"] = "no-store"
    return response


class WebAppServer:
    def __init__(self, services: Services, bot: Bot) -> None:
        self._services = services
        self._bot = bot
        self._site = LocalSite()
        folder = resources.files("bot.webapp") / "static"
        self._files = {name: (folder / name).read_bytes() for name in _STATIC}

    @property
    def url(self) -> str:
        """The local address it listens on (the public one is ``webapp.url``)."""
        return f"http://{self._services.config.webapp.listen}:{self._site.port}"

    def application(self) -> web.Application:
        app = web.Application(middlewares=[_compressed], client_max_size=64 * 1024)
        app.router.add_get("/", self._index)
        app.router.add_get("/static/{name}", self._static)
        app.router.add_get("/api/session", self._session)
        RecapApi(self._services, self._bot).routes(app)
        FormApi(self._services, self._bot).routes(app)
        FormMaterial(self._services, self._bot).routes(app)
        return app

    async def start(self) -> None:
        config = self._services.config.webapp
        await self._site.start(self.application(), config.listen, config.port, "webapp.port")
        log.info("Mini App on %s (public %s)", self.url, config.url)

    async def stop(self) -> None:
        await self._site.stop()

    async def _index(self, request: web.Request) -> web.Response:
        return self._file("index.html")

    async def _static(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        if name not in _STATIC or name == "index.html":
            raise web.HTTPNotFound()
        return self._file(name)

    def _file(self, name: str) -> web.Response:
        response = web.Response(body=self._files[name], content_type=_STATIC[name])
        response.headers["Cache-Control"] = "no-cache"
        response.headers["Content-Security-Policy"] = (
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'"
        )
        return response

    async def _session(self, request: web.Request) -> web.Response:
        services = self._services
        viewer = await person(request, services, "coordinator")
        assert services.db is not None
        lang = viewer.language
        area = await recap_area.area_of(services.db, viewer)
        return web.json_response(
            {
                "lang": lang,
                "name": viewer.full_name,
                "role": viewer.role,
                "area": unit_json(lang, area.root),
                "regency": await scope.sees_everything(services.db, viewer),
                "periods": [
                    {"name": name, "label": t(lang, f"rekap.period.{name}")} for name in PERIODS
                ],
                "texts": page_texts(lang),
            }
        )
