"""What the draft dialogues share: /brief_baru (handlers/briefing_compose*.py) and /rilis
(handlers/release.py) keep one draft per author in the database and walk it step by step.

Here: the "Batal" row, the "Lanjutkan / Mulai baru / Batal" keyboard offered when a
draft is waiting, and the draft re-read from the database at each step (still the
person's own draft), whose id the dialogue keeps in ``user_data``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Protocol, TypeVar

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.core.callback_data import Fixed
from db.connection import Database
from handlers.buttons import button
from handlers.context import HumasContext
from handlers.conversation import END
from handlers.guard import refuse


class Draft(Protocol):
    @property
    def author_id(self) -> int: ...

    @property
    def status(self) -> str: ...


D = TypeVar("D", bound=Draft)


def cancel_row(context: HumasContext, cancel: Fixed) -> list[InlineKeyboardButton]:
    return [button(context, "button.cancel", cancel.data)]


def resume_keyboard(
    context: HumasContext, texts: str, resume: Fixed, fresh: Fixed, cancel: Fixed
) -> InlineKeyboardMarkup:
    """Go on with the waiting draft, or start afresh (``texts``: the catalogue's prefix)."""
    return InlineKeyboardMarkup(
        [
            [
                button(context, f"{texts}.button.resume", resume.data),
                button(context, f"{texts}.button.fresh", fresh.data),
            ],
            cancel_row(context, cancel),
        ]
    )


async def draft_gone(update: Update, context: HumasContext) -> int:
    """A button pressed when its draft is no longer the person's own draft (sent, discarded,
    or finished elsewhere): refused, and the dialogue ends."""
    await refuse(update, context, context.t("denied.button"))
    return END


async def own_draft(
    context: HumasContext, key: str, load: Callable[[Database, int], Awaitable[D | None]]
) -> D | None:
    """The draft whose id ``user_data[key]`` holds, re-read; None unless still the person's
    own draft."""
    officer = context.officer
    assert officer is not None
    draft_id = context.user_data.get(key)
    draft = await load(context.db, draft_id) if draft_id else None
    if draft is None or draft.author_id != officer.id or draft.status != "draft":
        return None
    return draft
