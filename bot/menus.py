"""Telegram's command menu: the default scope for strangers, a per-chat list per role."""

from __future__ import annotations

from telegram import Bot, BotCommand, BotCommandScopeChat, BotCommandScopeDefault

from bot.commands import commands_for
from bot.texts import LANGUAGES, t
from db.officers import Officer


def _menu(lang: str, officer: Officer | None) -> list[BotCommand]:
    role = officer.role if officer and officer.is_active else None
    return [BotCommand(spec.name, t(lang, spec.text_key)) for spec in commands_for(role)]


async def set_default_menus(bot: Bot) -> None:
    """What an unregistered person sees, in every language (the default is Indonesian)."""
    await bot.set_my_commands(_menu("id", None), scope=BotCommandScopeDefault())
    for lang in LANGUAGES:
        await bot.set_my_commands(_menu(lang, None), scope=BotCommandScopeDefault(), language_code=lang)


async def set_officer_menu(bot: Bot, officer: Officer) -> None:
    """The person's own list, in their language, in their private chat."""
    if officer.chat_id is None:
        return
    await bot.set_my_commands(
        _menu(officer.language, officer), scope=BotCommandScopeChat(officer.chat_id)
    )
