"""/petugas's card of one person: their details, and the buttons for what the viewer may
change (role for administrators, unit, status, erasure) or a note that they may not."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core.callback_data import ID, Choice, Pair, Route
from bot.core.texts import esc, fmt_date, t
from db import people as people_db
from db.officers import ROLES, Officer
from handlers.context import HumasContext
from handlers.people_erase import erase_button
from handlers.people_list import BACK, Screen
from handlers.unit_picker import unit_label

ROLE_MENU = Route("pe:r", ID)
SET_ROLE = Pair("pe:rs", ID, Choice(*ROLES))  # parses to a Role
MOVE = Route("pe:m", ID)
DEACTIVATE = Route("pe:d", ID)
DEACTIVATE_YES = Route("pe:dy", ID)
REACTIVATE = Route("pe:a", ID)


async def card(
    context: HumasContext, viewer: Officer, target: Officer, done: str | None = None
) -> Screen:
    """A person's details, with the changes the viewer may make (or why they may not)."""
    lang = context.lang
    text = t(
        lang,
        "people.card",
        name=esc(target.full_name),
        position=esc(target.position) if target.position else "—",
        unit=await unit_label(context.db, lang, target.unit_id),
        role=t(lang, f"role.{target.role}"),
        status=t(lang, f"status.{target.status}"),
        language=t(lang, f"language.{target.language}"),
        since=fmt_date(target.created_at, lang, context.tz),
        account="—"
        if target.is_erased
        else f'<a href="tg://user?id={target.telegram_id}">{target.telegram_id}</a>',
    )
    if done is not None:
        text = t(lang, f"people.done.{done}") + "\n\n" + text
    rows: list[list[InlineKeyboardButton]] = []
    if await people_db.manage_problem(context.db, viewer, target) is None:
        if viewer.role == "admin":
            rows.append(
                [
                    InlineKeyboardButton(
                        t(lang, "people.role_button"), callback_data=ROLE_MENU.build(target.id)
                    )
                ]
            )
        rows.append(
            [
                InlineKeyboardButton(
                    t(lang, "people.move_button"), callback_data=MOVE.build(target.id)
                )
            ]
        )
        if target.is_active:
            rows.append(
                [
                    InlineKeyboardButton(
                        t(lang, "people.deactivate_button"),
                        callback_data=DEACTIVATE.build(target.id),
                    )
                ]
            )
        else:
            rows.append(
                [
                    InlineKeyboardButton(
                        t(lang, "people.reactivate_button"),
                        callback_data=REACTIVATE.build(target.id),
                    )
                ]
            )
        if viewer.role == "admin":
            rows.append([erase_button(lang, target.id)])
    else:
        text += "\n\n" + t(lang, "people.card_readonly")
    rows.append([InlineKeyboardButton(t(lang, "people.back_to_list"), callback_data=BACK.data)])
    return text, InlineKeyboardMarkup(rows)
