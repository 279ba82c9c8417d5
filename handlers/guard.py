"""Permission and scope, checked in one place for every command and every button press.

Every handler callback is wrapped by :func:`guarded`, which loads the person from
the database (never trusting anything the client sent), refuses politely when the
role or status does not allow the action, and only then runs the handler with
``context.officer`` set. Scope over units is decided by :func:`can_act_on_unit`.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import ConversationHandler

from bot.core.texts import lang_of, t
from db import officers as officers_db
from db import registrations as registrations_db
from db import scope
from db.connection import Database
from db.officers import Officer, Role
from handlers.context import HumasContext
from handlers.identity import bootstrap_admin

log = logging.getLogger(__name__)

R = TypeVar("R")
Handler = Callable[[Update, HumasContext], Coroutine[Any, Any, R]]


async def refuse(update: Update, context: HumasContext, text: str) -> None:
    """Tell the person no: as an alert for a button press, as a reply otherwise."""
    if update.callback_query is not None:
        await update.callback_query.answer(text, show_alert=True)
    elif update.effective_message is not None:
        await update.effective_message.reply_text(text)


async def identify(update: Update, context: HumasContext) -> Officer | None:
    """Load the person behind the update and set ``context.officer`` and ``context.lang``;
    a configured administrator without an account gets one here (handlers/identity.py)."""
    user = update.effective_user
    if user is None:
        return None
    officer = await officers_db.by_telegram_id(context.db, user.id)
    context.officer = officer
    context.lang = officer.language if officer else lang_of(user.language_code)
    if officer is None:
        # A configured administrator is recognised by whatever they send first.
        officer = await bootstrap_admin(update, context)
    if officer is not None and not officer.reachable:
        # A person who writes to the bot can be written to again (see the delivery engine).
        await officers_db.set_reachable(context.db, user.id, True, context.clock.now())
    return officer


def _private_link(context: HumasContext) -> str:
    return f"https://t.me/{context.bot.username}"


def guarded(
    min_role: Role | None = "officer",
    *,
    private_only: bool = True,
    allow_inactive: bool = False,
) -> Callable[[Handler[Any]], Handler[Any]]:
    """Wrap a handler: private chat, registered, active and at least ``min_role``.

    ``min_role=None`` lets anyone in (e.g. /start, /bantuan); the person is still
    identified so the handler knows who it is talking to.
    """

    def decorate(handler: Handler[Any]) -> Handler[Any]:
        @functools.wraps(handler)
        async def wrapper(update: Update, context: HumasContext) -> Any:
            chat = update.effective_chat
            if private_only and chat is not None and chat.type != ChatType.PRIVATE:
                message = update.effective_message
                if message is not None and message.text and message.text.startswith("/"):
                    officer = await identify(update, context)
                    lang = officer.language if officer else context.lang
                    await message.reply_text(
                        t(lang, "group.private_only", link=_private_link(context))
                    )
                elif update.callback_query is not None:
                    await update.callback_query.answer()
                return ConversationHandler.END
            officer = await identify(update, context)
            problem = scope.refusal(officer, min_role, allow_inactive)
            if problem == "denied.not_registered" and await _has_pending_request(update, context):
                problem = "denied.pending"
            if problem is not None:
                log.info(
                    "refused %s for user %s: %s",
                    handler.__qualname__,
                    update.effective_user.id if update.effective_user else None,
                    problem,
                )
                role_name = context.t(f"role.{min_role}") if min_role else ""
                await refuse(update, context, context.t(problem, role=role_name))
                return ConversationHandler.END
            return await handler(update, context)

        return wrapper

    return decorate


async def _has_pending_request(update: Update, context: HumasContext) -> bool:
    """A person who applied to join has no account yet, only a pending request."""
    user = update.effective_user
    return user is not None and await registrations_db.pending_of(context.db, user.id) is not None


async def can_act_on_unit(db: Database, officer: Officer, unit_id: int) -> bool:
    """May ``officer`` act on ``unit_id``? The rule lives in :mod:`db.scope`."""
    return await scope.may_act_on(db, officer, unit_id)
