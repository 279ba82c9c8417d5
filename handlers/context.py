"""The typed context every handler receives (after PTB's contexttypesbot example).

Handlers write ``context.db``, ``context.config``, ``context.clock`` and, after the
permission guard ran, ``context.officer`` — never ``context.bot_data["..."]``.
"""

from __future__ import annotations

from typing import Any, NoReturn
from zoneinfo import ZoneInfo

from telegram.ext import Application, CallbackContext, ExtBot

from bot.core.clock import Clock
from bot.core.config import Settings
from bot.core.texts import t
from db.connection import Database
from db.officers import Officer
from scheduler.services import BotData, Services


class HumasContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotData]):
    def __init__(
        self,
        application: Application[Any, Any, Any, Any, Any, Any],
        chat_id: int | None = None,
        user_id: int | None = None,
    ) -> None:
        super().__init__(application=application, chat_id=chat_id, user_id=user_id)
        self.officer: Officer | None = None
        self.lang: str = "id"

    @property
    def user_data(self) -> dict[Any, Any]:
        """The person's dialogue scratch space; every handler here serves a person.

        PTB types it as optional because a job has no user; handlers always have one.
        """
        data = super().user_data
        if data is None:
            raise RuntimeError("user_data outside an update from a person")
        return data

    @user_data.setter
    def user_data(self, _: object) -> NoReturn:
        raise AttributeError("user_data cannot be replaced, only changed")

    @property
    def services(self) -> Services:
        return self.bot_data.services

    @property
    def db(self) -> Database:
        db = self.services.db
        if db is None:
            raise RuntimeError("the database is not open yet (post_init has not run)")
        return db

    @property
    def config(self) -> Settings:
        return self.services.config

    @property
    def clock(self) -> Clock:
        return self.services.clock

    @property
    def tz(self) -> ZoneInfo:
        return self.services.config.tz

    def t(self, key: str, **params: Any) -> str:
        """A catalogue text in the language of the person this update is from."""
        return t(self.lang, key, **params)
