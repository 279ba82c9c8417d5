"""The coordinators' Telegram Mini App, served by the bot's own process (aiohttp, in its
event loop, with its database connections and scope rules).

- :mod:`bot.webapp.server` — the server: opened in post_init, closed in post_shutdown,
  on ``webapp.listen:webapp.port`` behind the public ``webapp.url``; static files and JSON.
- :mod:`bot.webapp.auth` — every API call is signed by Telegram (``initData``) and the
  person is loaded and judged as the chat guard does (db/scope.py).
- :mod:`bot.webapp.recap_api` — the dashboard: the recap from db/recap.py, never a second
  count; "Ingatkan yang belum" and "Excel" through the chat's own code.
- :mod:`bot.webapp.form_api` — the briefing form: the composer's rules, its draft and its
  preview in the chat, from which the briefing is published.
- ``static/`` — the page (plain HTML, CSS and JavaScript, no framework).
"""
