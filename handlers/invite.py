"""/undang (/invite): make an invitation deep link for a unit, role, number of uses and days.

Administrators invite any role anywhere; coordinators invite officers only, and
only to units in their scope. Every step re-checks the inviter against the
database (the guard), the chosen unit against their scope (the picker), and
everything again right before the invitation is written. The first screen also
opens the bulk invitations (``handlers/invite_bulk.py``: a kecamatan link, a link per
desa or per kecamatan) and the list of live invitations (``handlers/invite_list.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.core.callback_data import Choice, Number, Route
from bot.core.numbers import parse_number
from bot.core.texts import fmt_datetime
from db import invitations as invitations_db
from db import units as units_db
from db.audit import Actor
from db.invitations import MAX_DAYS, MAX_USES
from db.officers import ROLES, Role
from handlers import invite_bulk, invite_list
from handlers.commands import spec
from handlers.context import HumasContext
from handlers.conversation import END, cancel_by_button, conversation, edit, show
from handlers.guard import can_act_on_unit, guarded, refuse
from handlers.unit_picker import UnitPicker, unit_label

PICKER = UnitPicker(
    "ip", kinds=("kabupaten", "kecamatan", "desa", "kelurahan", "opd"), title_key="undang.pick_unit"
)
UNIT, ROLE, USES, DAYS = range(4)
USES_CHOICES = (1, 5, 10, 25, 50, 100)
DAYS_CHOICES = (1, 3, 7, 14, 30, 90)
ROLE_CHOICE = Route("iv:r", Choice(*ROLES))
USES_CHOICE = Route("iv:n", Number(1, MAX_USES))
DAYS_CHOICE = Route("iv:d", Number(1, MAX_DAYS))
_KEY = "invite"
_TEXT = filters.TEXT & ~filters.COMMAND


@dataclass
class _Draft:
    """What the inviter has chosen so far (kept in their ``user_data``)."""

    unit_id: int
    role: Role = "officer"  # coordinators invite officers only; administrators choose
    uses: int | None = None


def _draft(context: HumasContext) -> _Draft | None:
    draft = context.user_data.get(_KEY)
    return draft if isinstance(draft, _Draft) else None


def _buttons(
    choice: Route[int], values: tuple[int, ...], label: str | None, context: HumasContext
) -> InlineKeyboardMarkup:
    row = [
        InlineKeyboardButton(
            context.t(label, days=value) if label else str(value), callback_data=choice.build(value)
        )
        for value in values
    ]
    cancel = [InlineKeyboardButton(context.t("button.cancel"), callback_data=PICKER.cancel.data)]
    return InlineKeyboardMarkup([row[:3], row[3:], cancel])


async def _uses_screen(context: HumasContext, draft: _Draft) -> tuple[str, InlineKeyboardMarkup]:
    text = context.t(
        "undang.pick_uses",
        unit=await unit_label(context.db, context.lang, draft.unit_id),
        role=context.t(f"role.{draft.role}"),
        max=MAX_USES,
    )
    return text, _buttons(USES_CHOICE, USES_CHOICES, None, context)


async def _days_screen(
    context: HumasContext, draft: _Draft, uses: int
) -> tuple[str, InlineKeyboardMarkup]:
    text = context.t(
        "undang.pick_days",
        unit=await unit_label(context.db, context.lang, draft.unit_id),
        role=context.t(f"role.{draft.role}"),
        uses=uses,
        max=MAX_DAYS,
    )
    return text, _buttons(DAYS_CHOICE, DAYS_CHOICES, "undang.days_button", context)


@guarded("coordinator")
async def begin(update: Update, context: HumasContext) -> int:
    assert update.effective_message is not None
    context.user_data.pop(_KEY, None)
    officer = context.officer
    assert officer is not None
    text, markup = await PICKER.root(context, officer)
    rows = await invite_bulk.first_screen_rows(context, officer)
    button = await invite_list.list_button(context, officer)
    if button is not None:
        rows.append([button])
    if rows:
        markup = InlineKeyboardMarkup([*rows, *markup.inline_keyboard])
    await update.effective_message.reply_html(text, reply_markup=markup)
    return UNIT


@guarded("coordinator")
async def on_unit(update: Update, context: HumasContext) -> int | None:
    query = update.callback_query
    officer = context.officer
    assert query is not None and officer is not None
    result = await PICKER.handle(update, context, officer)
    if result.cancelled:
        return await cancel_by_button(query, context)
    if result.unit is None:
        return None
    draft = context.user_data[_KEY] = _Draft(result.unit.id)
    if officer.role != "admin":
        await edit(query, *await _uses_screen(context, draft))
        return USES
    rows = [
        [
            InlineKeyboardButton(context.t(f"role.{role}"), callback_data=ROLE_CHOICE.build(role))
            for role in ROLES
        ],
        [InlineKeyboardButton(context.t("button.cancel"), callback_data=PICKER.cancel.data)],
    ]
    text = context.t(
        "undang.pick_role", unit=await unit_label(context.db, context.lang, result.unit)
    )
    await edit(query, text, InlineKeyboardMarkup(rows))
    return ROLE


@guarded("coordinator")
async def on_search(update: Update, context: HumasContext) -> None:
    assert update.effective_message is not None
    await PICKER.search(update, context, context.officer, update.effective_message.text or "")


@guarded("admin")
async def on_role(update: Update, context: HumasContext) -> int | None:
    query = update.callback_query
    assert query is not None
    role = ROLE_CHOICE.parse(query.data)
    draft = _draft(context)
    if role is None or draft is None:
        await refuse(update, context, context.t("denied.button"))
        return None
    await query.answer()
    draft.role = role
    await edit(query, *await _uses_screen(context, draft))
    return USES


def _chosen_number(update: Update, choice: Route[int], maximum: int) -> int | None:
    """The number on the pressed ``choice`` button or typed, if within 1..maximum."""
    query = update.callback_query
    if query is not None:
        return choice.parse(query.data)
    assert update.effective_message is not None
    return parse_number(update.effective_message.text or "", 1, maximum)


@guarded("coordinator")
async def on_uses(update: Update, context: HumasContext) -> int | None:
    uses = _chosen_number(update, USES_CHOICE, MAX_USES)
    draft = _draft(context)
    if draft is None:
        await refuse(update, context, context.t("denied.button"))
        return None
    if uses is None:
        await refuse(update, context, context.t("undang.bad_number", max=MAX_USES))
        return None
    draft.uses = uses
    await show(update, *await _days_screen(context, draft, uses))
    return DAYS


@guarded("coordinator")
async def on_days(update: Update, context: HumasContext) -> int | None:
    days = _chosen_number(update, DAYS_CHOICE, MAX_DAYS)
    if days is None:
        await refuse(update, context, context.t("undang.bad_number", max=MAX_DAYS))
        return None
    draft = _draft(context)
    context.user_data.pop(_KEY, None)
    officer = context.officer
    assert officer is not None
    unit = await units_db.by_id(context.db, draft.unit_id) if draft is not None else None
    if (
        draft is None
        or draft.uses is None
        or unit is None
        or not unit.active
        or not await can_act_on_unit(context.db, officer, unit.id)
        or (officer.role != "admin" and draft.role != "officer")
    ):
        await refuse(update, context, context.t("denied.scope"))
        return END
    role = draft.role
    now = context.clock.now()
    token, invitation = await invitations_db.create(
        context.db,
        unit_id=unit.id,
        role=role,
        max_uses=draft.uses,
        days=days,
        actor=Actor.officer(officer.id, officer.telegram_id),
        at=now,
    )
    link = f"https://t.me/{context.bot.username}?start={token}"
    values = {
        "unit": await unit_label(context.db, context.lang, unit),
        "role": context.t(f"role.{role}"),
        "uses": invitation.max_uses,
        "expires": fmt_datetime(invitation.expires_at, context.lang, context.tz),
        "link": link,
    }
    await show(update, context.t("undang.created", **values))
    assert update.effective_chat is not None
    await context.bot.send_message(
        update.effective_chat.id, context.t("undang.forward", **values), parse_mode="HTML"
    )
    return END


@guarded("coordinator")
async def on_cancel_button(update: Update, context: HumasContext) -> int:
    query = update.callback_query
    assert query is not None
    await query.answer()
    context.user_data.pop(_KEY, None)
    return await cancel_by_button(query, context)


def handlers() -> list[BaseHandler[Update, HumasContext, Any]]:
    """The /undang dialogue, and the list of live invitations it opens."""
    return [
        conversation(
            "invite",
            entry_points=[CommandHandler(["undang", *spec("undang").aliases], begin)],
            states={
                UNIT: [
                    CallbackQueryHandler(on_unit, pattern=PICKER.pattern),
                    CallbackQueryHandler(invite_list.on_list, pattern=invite_list.PAGE.matches),
                    *invite_bulk.first_screen_handlers(),
                    MessageHandler(_TEXT, on_search),
                ],
                ROLE: [
                    CallbackQueryHandler(on_role, pattern=ROLE_CHOICE.matches),
                    CallbackQueryHandler(on_cancel_button, pattern=PICKER.cancel.matches),
                ],
                USES: [
                    CallbackQueryHandler(on_uses, pattern=USES_CHOICE.matches),
                    CallbackQueryHandler(on_cancel_button, pattern=PICKER.cancel.matches),
                    MessageHandler(_TEXT, on_uses),
                ],
                DAYS: [
                    CallbackQueryHandler(on_days, pattern=DAYS_CHOICE.matches),
                    CallbackQueryHandler(on_cancel_button, pattern=PICKER.cancel.matches),
                    MessageHandler(_TEXT, on_days),
                ],
            },
        ),
        *invite_list.handlers(),
        *invite_bulk.handlers(),
    ]
