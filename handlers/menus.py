"""Telegram's command menu: the default scope for strangers, a per-chat list per person.

The default scope (with ``language_code`` "id" and "en", and without one) shows
what an unregistered person can do. Each registered person gets their own list in
their private chat (``BotCommandScopeChat``): the commands of their role if the
account is active, the stranger's list otherwise, in their language.

Cost at start-up: refreshing every person's chat menu would be one Bot API call
per person on every restart. Instead each officer row keeps ``menu_signature``, a
hash of the menu last sent; :func:`sync_officer_menu` calls Telegram only when the
expected menu differs (a new role, status or language, or a release that changed
the command list). :func:`schedule_menu_sync` runs the start-up pass as a job
right after the bot started, paced, so start-up never waits for it; normally it
finds nothing to do.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
from typing import Any

from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeChat,
    BotCommandScopeDefault,
    MenuButton,
    MenuButtonDefault,
    MenuButtonWebApp,
    WebAppInfo,
)
from telegram.error import TelegramError
from telegram.ext import Application, CallbackContext

from bot.core.texts import LANGUAGES, t
from db.connection import Database
from db.officers import Officer, Role, officer_from_row
from handlers.commands import commands_for

log = logging.getLogger(__name__)
SYNC_PAUSE_SECONDS = 0.05  # at most 20 setMyCommands calls a second during the start-up pass


def _role(officer: Officer | None) -> Role | None:
    return officer.role if officer is not None and officer.is_active else None


def _menu(lang: str, officer: Officer | None) -> list[BotCommand]:
    return [BotCommand(spec.name, t(lang, spec.text_key)) for spec in commands_for(_role(officer))]


def _dashboard(officer: Officer, dashboard: str) -> str:
    """The Mini App's address when this person's chat gets the "📊 Dasbor" menu button
    (an active coordinator or administrator, the Mini App on), else ''."""
    return dashboard if dashboard and _role(officer) in ("coordinator", "admin") else ""


def menu_signature(officer: Officer, dashboard: str = "") -> str:
    """A short hash of the menu this person should see (``dashboard``: ``webapp.url``)."""
    menu = [(command.command, command.description) for command in _menu(officer.language, officer)]
    shown = _dashboard(officer, dashboard)
    payload = json.dumps([officer.language, menu, *([shown] if shown else [])], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]


async def set_default_menus(bot: Bot) -> None:
    """What an unregistered person sees, in every language (the default is Indonesian)."""
    await bot.set_my_commands(_menu("id", None), scope=BotCommandScopeDefault())
    for lang in LANGUAGES:
        await bot.set_my_commands(
            _menu(lang, None), scope=BotCommandScopeDefault(), language_code=lang
        )


async def set_officer_menu(bot: Bot, officer: Officer, dashboard: str = "") -> None:
    """The person's own list, in their language, in their private chat (always sent); with
    the Mini App on, a coordinator's menu button opens it (everyone else's is Telegram's
    default again, in case they were a coordinator)."""
    if officer.chat_id is None:
        return
    await bot.set_my_commands(
        _menu(officer.language, officer), scope=BotCommandScopeChat(officer.chat_id)
    )
    url = _dashboard(officer, dashboard)
    if not dashboard and _role(officer) not in ("coordinator", "admin"):
        return
    button: MenuButton = (
        MenuButtonWebApp(t(officer.language, "webapp.menu_button"), WebAppInfo(url + "/"))
        if url
        else MenuButtonDefault()
    )
    await bot.set_chat_menu_button(chat_id=officer.chat_id, menu_button=button)


async def sync_officer_menu(bot: Bot, db: Database, officer: Officer, dashboard: str = "") -> bool:
    """Send the person's menu when it differs from the one last sent; True if sent.

    Call it after every change of role, status, unit or language. A failure is
    logged, not raised: the change itself has been made, and the next change or
    restart tries again.
    """
    if officer.chat_id is None:
        return False
    expected = menu_signature(officer, dashboard)
    stored = await db.fetchval("SELECT menu_signature FROM officers WHERE id = ?", (officer.id,))
    if stored == expected:
        return False
    try:
        await set_officer_menu(bot, officer, dashboard)
    except TelegramError as exc:
        log.warning("could not set the command menu of officer %s: %r", officer.id, exc)
        return False
    await db.execute("UPDATE officers SET menu_signature = ? WHERE id = ?", (expected, officer.id))
    return True


async def sync_all_menus(
    bot: Bot, db: Database, pause: float = SYNC_PAUSE_SECONDS, dashboard: str = ""
) -> int:
    """Bring every person's chat menu up to date; return how many were sent."""
    rows = await db.fetchall("SELECT * FROM officers WHERE chat_id IS NOT NULL ORDER BY id")
    sent = 0
    for row in rows:
        officer = officer_from_row(row)
        if row["menu_signature"] == menu_signature(officer, dashboard):
            continue
        if await sync_officer_menu(bot, db, officer, dashboard):
            sent += 1
            await asyncio.sleep(pause)
    if sent:
        log.info("command menus refreshed for %d people", sent)
    return sent


async def _sync_job(context: CallbackContext[Any, Any, Any, Any]) -> None:
    services = context.application.bot_data.services
    if services.db is not None:
        await sync_all_menus(context.bot, services.db, dashboard=services.config.webapp.url)


def schedule_menu_sync(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Run :func:`sync_all_menus` once, right after start-up, without delaying it."""
    if application.job_queue is None:
        log.warning("no job queue: per-person command menus are refreshed only on changes")
        return
    application.job_queue.run_once(_sync_job, when=0, name="menu-sync")
