"""The "📊 Buka dasbor" button under a recap: opens the Mini App (bot/webapp/) on the same
briefing or period and area, when ``webapp.url`` is set; no button otherwise."""

from __future__ import annotations

from urllib.parse import urlencode

from telegram import InlineKeyboardButton, WebAppInfo

from handlers.context import HumasContext


def dashboard_rows(context: HumasContext, **shown: int) -> list[list[InlineKeyboardButton]]:
    """One row with the button (the page opens on ``shown``: briefing or period, area)."""
    base = context.services.config.webapp.url
    if not base:
        return []
    url = f"{base}/?{urlencode(shown)}"
    return [[InlineKeyboardButton(context.t("webapp.open_button"), web_app=WebAppInfo(url))]]
