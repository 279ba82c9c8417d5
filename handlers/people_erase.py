"""Erasing a person's personal data (UU PDP 27/2022), from their card in /petugas.

Only administrators see the button and may press it; the confirmation names the
person and says what goes and what stays, and the erasure itself is decided again
in ``db/people.py`` (an active administrator, not themselves, not already erased).
After it, the person's command menu is taken off their former chat.

Callback data: ``px:ask:<officer id>`` the confirmation, ``px:yes:<officer id>`` erase,
``px:no:<officer id>`` do not.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram import BotCommandScopeChat, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import TelegramError
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.core.callback_data import ID, Route
from bot.core.texts import esc, t
from db import officers as officers_db
from db import people as people_db
from db.people import PeopleError, PeopleProblem
from handlers.context import HumasContext
from handlers.conversation import edit
from handlers.guard import guarded, refuse
from handlers.unit_picker import unit_label

log = logging.getLogger(__name__)

ASK = Route("px:ask", ID)
YES = Route("px:yes", ID)
NO = Route("px:no", ID)


def erase_button(lang: str, officer_id: int) -> InlineKeyboardButton:
    """The card's button that asks to erase the person (shown to administrators)."""
    return InlineKeyboardButton(t(lang, "people.erase_button"), callback_data=ASK.build(officer_id))


@guarded("admin")
async def on_ask(update: Update, context: HumasContext) -> None:
    query = update.callback_query
    viewer = context.officer
    assert query is not None and viewer is not None
    officer_id = ASK.parse(query.data)
    assert officer_id is not None  # the pattern matched
    target = await officers_db.by_id(context.db, officer_id)
    problem = (
        PeopleProblem.NOT_FOUND
        if target is None
        else await people_db.manage_problem(context.db, viewer, target)
    )
    if problem is not None or target is None:
        await refuse(update, context, context.t(f"people.error.{problem}"))
        return
    lang = context.lang
    text = t(
        lang,
        "people.confirm_erase",
        name=esc(target.full_name),
        unit=await unit_label(context.db, lang, target.unit_id),
    )
    markup = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t(lang, "people.confirm_erase_button"), callback_data=YES.build(target.id)
                ),
                InlineKeyboardButton(t(lang, "button.cancel"), callback_data=NO.build(target.id)),
            ]
        ]
    )
    await query.answer()
    await edit(query, text, markup)


@guarded("admin")
async def on_yes(update: Update, context: HumasContext) -> None:
    query = update.callback_query
    viewer = context.officer
    assert query is not None and viewer is not None
    officer_id = YES.parse(query.data)
    assert officer_id is not None  # the pattern matched
    try:
        erasure = await people_db.erase(
            context.db, viewer.telegram_id, officer_id, context.clock.now()
        )
    except PeopleError as exc:
        await refuse(update, context, context.t(f"people.error.{exc.problem.value}"))
        return
    if erasure.chat_id is not None:
        try:
            await context.bot.delete_my_commands(scope=BotCommandScopeChat(erasure.chat_id))
        except TelegramError as exc:
            log.warning("erased officer %s: command menu not cleared: %r", officer_id, exc)
    log.info("officer %s erased by officer %s", officer_id, viewer.id)
    await query.answer()
    await edit(
        query,
        context.t(
            "people.erased",
            id=officer_id,
            registrations=erasure.registrations,
            deliveries=erasure.deliveries,
        ),
    )


@guarded("admin")
async def on_no(update: Update, context: HumasContext) -> None:
    query = update.callback_query
    assert query is not None
    await query.answer()
    await edit(query, context.t("people.erase_cancelled"))


def handlers() -> list[BaseHandler[Update, HumasContext, Any]]:
    """Erasing a person's personal data: ask, confirm, or keep it."""
    return [
        CallbackQueryHandler(on_ask, pattern=ASK.matches),
        CallbackQueryHandler(on_yes, pattern=YES.matches),
        CallbackQueryHandler(on_no, pattern=NO.matches),
    ]
