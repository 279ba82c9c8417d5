"""/dataku (/mydata): a person receives everything the bot holds about them, as a file.

Anyone may ask — an officer, a deactivated account, an applicant, a stranger — and
gets only what belongs to their own Telegram account (see db/personal_data.py): a
short catalogue of what is held, then a JSON document (UTF-8, times in WIB).
"""

from __future__ import annotations

from typing import Any

from telegram import InputFile, Update
from telegram.ext import BaseHandler, CommandHandler

from bot.core.texts import esc
from db import personal_data
from handlers.commands import spec
from handlers.context import HumasContext
from handlers.guard import guarded


@guarded(min_role=None)
async def my_data(update: Update, context: HumasContext) -> None:
    message, user = update.effective_message, update.effective_user
    assert message is not None and user is not None
    data = await personal_data.export(context.db, user.id, context.tz, context.clock.now())
    if data.empty:
        await message.reply_text(context.t("mydata.nothing"))
        return
    file_name = f"dataku-{data.generated_at:%Y%m%d-%H%M}.json"
    lines = "\n".join(
        context.t("mydata.line", section=context.t(f"mydata.section.{name}"), count=count)
        for name, count in data.counts().items()
    )
    await message.reply_html(context.t("mydata.catalogue", file=esc(file_name), lines=lines))
    await message.reply_document(
        InputFile(data.to_json(), filename=file_name),
        caption=context.t("mydata.caption"),
    )


def handlers() -> list[BaseHandler[Update, HumasContext, Any]]:
    """/dataku."""
    return [
        CommandHandler(["dataku", *spec("dataku").aliases], my_data),
    ]
