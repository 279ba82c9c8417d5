"""/bahasa (/language): Indonesian or English, stored per person; every later text follows it.

Only registered, active people can switch: their choice is stored on their
account. Someone not registered yet is answered in the language of their
Telegram app, and their request to join keeps that language.
"""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.core.callback_data import Choice, Route
from bot.core.texts import LANGUAGES, Lang
from db import people as people_db
from handlers.commands import spec
from handlers.context import HumasContext
from handlers.conversation import edit
from handlers.guard import guarded
from handlers.menus import sync_officer_menu

CHOICE = Route("lang", Choice(*LANGUAGES))


def _keyboard(context: HumasContext) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    context.t(f"language.button.{lang}"), callback_data=CHOICE.build(lang)
                )
                for lang in LANGUAGES
            ]
        ]
    )


async def _switch(context: HumasContext, lang: Lang) -> str:
    officer = context.officer
    assert officer is not None
    officer = await people_db.set_language(
        context.db, officer.telegram_id, lang, context.clock.now()
    )
    context.officer = officer
    context.lang = officer.language
    await sync_officer_menu(context.bot, context.db, officer, context.services.config.webapp.url)
    return context.t("language.changed")


@guarded("officer")
async def choose(update: Update, context: HumasContext) -> None:
    """``/bahasa`` shows the choice; ``/bahasa en`` switches at once."""
    message = update.effective_message
    officer = context.officer
    assert message is not None and officer is not None
    if context.args:
        wanted = context.args[0].lower()
        if wanted not in LANGUAGES:
            await message.reply_text(context.t("language.unknown"))
            return
        await message.reply_html(await _switch(context, wanted))
        return
    await message.reply_html(
        context.t("language.choose", current=context.t(f"language.{officer.language}")),
        reply_markup=_keyboard(context),
    )


@guarded("officer")
async def chosen(update: Update, context: HumasContext) -> None:
    query = update.callback_query
    assert query is not None
    lang = CHOICE.parse(query.data)
    assert lang is not None  # the handler's pattern
    await query.answer()
    await edit(query, await _switch(context, lang))


def handlers() -> list[BaseHandler[Update, HumasContext, Any]]:
    """/bahasa and its buttons."""
    return [
        CommandHandler(["bahasa", *spec("bahasa").aliases], choose),
        CallbackQueryHandler(chosen, pattern=CHOICE.matches),
    ]
