"""/bahasa (/language): Indonesian or English, stored per person; every later text follows it.

Only registered, active people can switch: their choice is stored on their
account. Someone not registered yet is answered in the language of their
Telegram app, and their request to join keeps that language.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.core.texts import LANGUAGES, Lang
from db import people as people_db
from handlers.commands import spec
from handlers.context import HumasContext
from handlers.conversation import edit
from handlers.guard import guarded
from handlers.menus import sync_officer_menu

PATTERN = r"^lang:(id|en)$"


def _keyboard(context: HumasContext) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    context.t(f"language.button.{lang}"), callback_data=f"lang:{lang}"
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
    await sync_officer_menu(context.bot, context.db, officer)
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
        await message.reply_html(await _switch(context, wanted))  # type: ignore[arg-type]
        return
    await message.reply_html(
        context.t("language.choose", current=context.t(f"language.{officer.language}")),
        reply_markup=_keyboard(context),
    )


@guarded("officer")
async def chosen(update: Update, context: HumasContext) -> None:
    query = update.callback_query
    assert query is not None and query.data is not None
    await query.answer()
    await edit(query, await _switch(context, query.data.removeprefix("lang:")))  # type: ignore[arg-type]


HANDLERS: list[BaseHandler] = [
    CommandHandler(["bahasa", *spec("bahasa").aliases], choose),
    CallbackQueryHandler(chosen, pattern=PATTERN),
]
