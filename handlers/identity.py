"""Who is behind an update: their Telegram identity, and the account of an administrator
named in the configuration, made on the first update they send (any command, text or
button, not only /start)."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.constants import ChatType

from bot.core.names import clean_name
from bot.core.texts import lang_of
from db import officers as officers_db
from db import units as units_db
from db.invitations import Identity
from db.officers import Officer
from handlers.context import HumasContext
from handlers.menus import sync_officer_menu

log = logging.getLogger(__name__)


def telegram_identity(update: Update, context: HumasContext) -> Identity | None:
    """Who is writing, named as in their Telegram profile; None when that name has
    nothing visible once cleaned (see bot/core/names.py)."""
    user = update.effective_user
    assert user is not None and update.effective_chat is not None
    name = clean_name(user.full_name)
    if name is None:
        return None
    return Identity(
        telegram_id=user.id,
        chat_id=update.effective_chat.id,
        full_name=name[:120],
        language=context.lang,
    )


def is_configured_admin(update: Update, context: HumasContext) -> bool:
    user = update.effective_user
    return user is not None and user.id in context.config.admins


async def bootstrap_admin(update: Update, context: HumasContext) -> Officer | None:
    """A person named in the config's ``admins`` who has no account yet becomes an
    administrator at the regency. Only from their private chat (the account's chat is
    where it was made) and only with a usable name; None otherwise."""
    chat = update.effective_chat
    if not is_configured_admin(update, context) or chat is None or chat.type != ChatType.PRIVATE:
        return None
    who = telegram_identity(update, context)
    if who is None:
        return None
    regency = await units_db.by_code(context.db, units_db.REGENCY_CODE)
    if regency is None:
        log.warning("admin %s wrote to the bot but the area directory is empty", who.telegram_id)
        return None
    officer = await officers_db.bootstrap_admin(
        context.db,
        who.telegram_id,
        who.chat_id,
        who.full_name,
        lang_of(context.lang),
        regency.id,
        context.clock.now(),
    )
    context.officer = officer
    await sync_officer_menu(context.bot, context.db, officer, context.services.config.webapp.url)
    return officer
