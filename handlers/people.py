"""/petugas (/people): list the people in one's scope, open one, change role, move, deactivate.

Administrators and the regency's coordinators choose a kecamatan first (or see
everyone, or the regency and its agencies); a kecamatan coordinator goes straight
to the list of their area. Lists and cards are edited in place. Button data only
names what to show or change: every press is checked again by the guard (role,
status) and by ``db/people.py`` (scope, rank, invariants) against the database.
The person affected by a change is told, in their language, and their command
menu follows their new role or status. The lists are ``handlers/people_list.py``,
a person's card ``handlers/people_card.py``; this module is the dialogue and the changes.

Callback data: ``pe:h`` home, ``pe:l:<a|c|unit id>:<page>`` a list, ``pe:b`` back
to the last list, ``pe:o:<id>`` a card, ``pe:r:<id>`` / ``pe:rs:<id>:<role>`` role,
``pe:m:<id>`` move (then the ``pm`` picker), ``pe:d:<id>`` / ``pe:dy:<id>``
deactivate, ``pe:a:<id>`` reactivate; the ``pf`` picker chooses a kecamatan.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.error import Forbidden, TelegramError
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.core.callback_data import Route, any_of
from bot.core.texts import esc, t
from db import officers as officers_db
from db import people as people_db
from db import scope
from db.officers import ROLES, Officer, Role
from db.people import Change, PeopleError
from handlers import coverage
from handlers.commands import spec
from handlers.context import HumasContext
from handlers.conversation import END, conversation, edit
from handlers.guard import guarded, refuse
from handlers.menus import sync_officer_menu
from handlers.people_card import (
    DEACTIVATE,
    DEACTIVATE_YES,
    MOVE,
    REACTIVATE,
    ROLE_MENU,
    SET_ROLE,
    card,
)
from handlers.people_list import (
    BACK,
    FILTER_PICKER,
    HOME,
    LIST,
    OPEN,
    Screen,
    back_to_list,
    home,
    people_list,
)
from handlers.replies import pressed_message
from handlers.unit_picker import UnitPicker, unit_label

log = logging.getLogger(__name__)

MOVE_PICKER = UnitPicker(
    "pm",
    kinds=("kabupaten", "kecamatan", "desa", "kelurahan", "opd"),
    title_key="people.move_title",
)
BROWSE, MOVING = range(2)
_MOVING = "people.moving"
_TEXT = filters.TEXT & ~filters.COMMAND


# ---- telling the person ---------------------------------------------------------------


async def _tell(context: HumasContext, change: Change, action: str) -> None:
    """Tell the person what changed, in their language, and refresh their command menu."""
    officer = change.officer
    viewer = context.officer
    assert viewer is not None
    lang = officer.language
    text = t(
        lang,
        f"people.told.{action}",
        by=esc(viewer.full_name),
        role=t(lang, f"role.{officer.role}"),
        unit=await unit_label(context.db, lang, officer.unit_id),
    )
    if officer.chat_id is not None:
        try:
            await context.bot.send_message(officer.chat_id, text, parse_mode=ParseMode.HTML)
        except Forbidden:
            await officers_db.set_reachable(
                context.db, officer.telegram_id, False, context.clock.now()
            )
        except TelegramError as exc:
            log.warning("officer %s not told about %s: %r", officer.id, action, exc)
    await sync_officer_menu(context.bot, context.db, officer, context.services.config.webapp.url)


# ---- handlers -------------------------------------------------------------------------


@guarded("coordinator")
async def begin(update: Update, context: HumasContext) -> int:
    assert update.effective_message is not None and context.officer is not None
    screen = await home(context, context.officer)
    assert screen is not None
    text, markup = screen
    coverage_button = await coverage.open_button(context, context.officer)
    if coverage_button is not None:
        markup = InlineKeyboardMarkup([[coverage_button], *markup.inline_keyboard])
    await update.effective_message.reply_html(text, reply_markup=markup)
    return BROWSE


async def _target(context: HumasContext, viewer: Officer, officer_id: int) -> Officer | None:
    target = await officers_db.by_id(context.db, officer_id)
    if target is None or not await scope.may_act_on(context.db, viewer, target.unit_id):
        return None
    return target


Action = Callable[[HumasContext, Officer, int], Awaitable[Screen | str | None]]
"""What a button naming one officer (by id) does: a screen, a refusal's text key, or None."""


async def _open(context: HumasContext, viewer: Officer, officer_id: int) -> Screen | None:
    target = await _target(context, viewer, officer_id)
    return None if target is None else await card(context, viewer, target)


async def _managed(context: HumasContext, viewer: Officer, officer_id: int) -> Officer | str:
    """The target of a change, or the text key of why it cannot be changed."""
    target = await _target(context, viewer, officer_id)
    if target is None:
        return "people.error.scope"
    problem = await people_db.manage_problem(context.db, viewer, target)
    return target if problem is None else f"people.error.{problem.value}"


async def _role_menu(context: HumasContext, viewer: Officer, officer_id: int) -> Screen | str:
    target = await _managed(context, viewer, officer_id)
    if isinstance(target, str):
        return target
    if viewer.role != "admin":
        return "people.error.admin_only"
    lang = context.lang
    buttons = [
        InlineKeyboardButton(t(lang, f"role.{role}"), callback_data=SET_ROLE.build(target.id, role))
        for role in ROLES
        if role != target.role
    ]
    rows = [
        buttons,
        [InlineKeyboardButton(t(lang, "button.back"), callback_data=OPEN.build(target.id))],
    ]
    text = t(
        lang, "people.pick_role", name=esc(target.full_name), role=t(lang, f"role.{target.role}")
    )
    return text, InlineKeyboardMarkup(rows)


async def _apply(
    context: HumasContext, viewer: Officer, change: Callable[[], Awaitable[Change]], action: str
) -> Screen | str:
    try:
        result = await change()
    except PeopleError as exc:
        return f"people.error.{exc.problem.value}"
    await _tell(context, result, action)
    return await card(context, viewer, result.officer, done=action)


async def _set_role(
    context: HumasContext, viewer: Officer, officer_id: int, role: Role
) -> Screen | str:
    return await _apply(
        context,
        viewer,
        lambda: people_db.change_role(
            context.db,
            viewer.telegram_id,
            officer_id,
            role,
            context.clock.now(),
        ),
        "change_role",
    )


async def _confirm_deactivate(
    context: HumasContext, viewer: Officer, officer_id: int
) -> Screen | str:
    target = await _managed(context, viewer, officer_id)
    if isinstance(target, str):
        return target
    lang = context.lang
    text = t(
        lang,
        "people.confirm_deactivate",
        name=esc(target.full_name),
        unit=await unit_label(context.db, lang, target.unit_id),
    )
    rows = [
        [
            InlineKeyboardButton(
                t(lang, "people.confirm_deactivate_button"),
                callback_data=DEACTIVATE_YES.build(target.id),
            ),
            InlineKeyboardButton(t(lang, "button.cancel"), callback_data=OPEN.build(target.id)),
        ]
    ]
    return text, InlineKeyboardMarkup(rows)


def _set_active(active: bool) -> Action:
    """Reactivate (``active``) or deactivate the officer a button names."""

    async def set_active(context: HumasContext, viewer: Officer, officer_id: int) -> Screen | str:
        return await _apply(
            context,
            viewer,
            lambda: people_db.set_active(
                context.db, viewer.telegram_id, officer_id, active, context.clock.now()
            ),
            "reactivate" if active else "deactivate",
        )

    return set_active


async def _start_move(context: HumasContext, viewer: Officer, officer_id: int) -> Screen | str:
    target = await _managed(context, viewer, officer_id)
    if isinstance(target, str):
        return target
    context.user_data[_MOVING] = target.id
    return await MOVE_PICKER.root(context, viewer)


_OFFICER_ACTIONS: tuple[tuple[Route[int], Action], ...] = (
    (OPEN, _open),
    (ROLE_MENU, _role_menu),
    (MOVE, _start_move),
    (DEACTIVATE, _confirm_deactivate),
    (DEACTIVATE_YES, _set_active(False)),
    (REACTIVATE, _set_active(True)),
)
BUTTONS = any_of(HOME, BACK, LIST, SET_ROLE, *(button for button, _ in _OFFICER_ACTIONS))
"""Every ``pe:`` button; anything else is not this module's (the fallback refuses it)."""


async def _pressed(context: HumasContext, viewer: Officer, data: object) -> Screen | str | None:
    """What the pressed button (its data matches :data:`BUTTONS`) shows or changes."""
    if HOME.matches(data):
        return await home(context, viewer)
    if BACK.matches(data):
        return await back_to_list(context, viewer)
    if (listed := LIST.parse(data)) is not None:
        return await people_list(context, viewer, *listed)
    if (role_change := SET_ROLE.parse(data)) is not None:
        return await _set_role(context, viewer, role_change[0], role_change[1])
    for button, action in _OFFICER_ACTIONS:
        if (officer_id := button.parse(data)) is not None:
            return await action(context, viewer, officer_id)
    raise AssertionError("the handler's pattern is BUTTONS")


@guarded("coordinator")
async def on_button(update: Update, context: HumasContext) -> int:
    query = update.callback_query
    viewer = context.officer
    assert query is not None and viewer is not None
    result = await _pressed(context, viewer, query.data)
    if result is None:
        await refuse(update, context, context.t("denied.scope"))
        return BROWSE
    if isinstance(result, str):
        await refuse(update, context, context.t(result))
        return BROWSE
    await query.answer()
    await edit(query, *result)
    return MOVING if MOVE.matches(query.data) else BROWSE


@guarded("coordinator")
async def on_filter(update: Update, context: HumasContext) -> int:
    query = update.callback_query
    viewer = context.officer
    assert query is not None and viewer is not None
    result = await FILTER_PICKER.handle(update, context, viewer)
    if result.cancelled:
        await edit(query, context.t("conversation.cancelled"))
        return END
    if result.unit is not None:
        screen = await people_list(context, viewer, result.unit.id, 0)
        assert screen is not None
        await edit(query, *screen)
    return BROWSE


@guarded("coordinator")
async def on_filter_search(update: Update, context: HumasContext) -> None:
    assert update.effective_message is not None
    await FILTER_PICKER.search(
        update, context, context.officer, update.effective_message.text or ""
    )


@guarded("coordinator")
async def on_move(update: Update, context: HumasContext) -> int:
    query = update.callback_query
    viewer = context.officer
    assert query is not None and viewer is not None
    target_id = context.user_data.get(_MOVING)
    if target_id is None:
        await refuse(update, context, context.t("denied.button"))
        return BROWSE
    result = await MOVE_PICKER.handle(update, context, viewer)
    if result.cancelled:
        target = await _target(context, viewer, target_id)
        if target is not None:
            await edit(query, *await card(context, viewer, target))
        return BROWSE
    if result.unit is None:
        return MOVING
    unit_id = result.unit.id
    screen = await _apply(
        context,
        viewer,
        lambda: people_db.move_unit(
            context.db, viewer.telegram_id, target_id, unit_id, context.clock.now()
        ),
        "move",
    )
    context.user_data.pop(_MOVING, None)
    if isinstance(screen, str):
        message = pressed_message(query)
        assert message is not None
        await message.reply_text(context.t(screen))
        return BROWSE
    await edit(query, *screen)
    return BROWSE


@guarded("coordinator")
async def on_move_search(update: Update, context: HumasContext) -> None:
    assert update.effective_message is not None
    await MOVE_PICKER.search(update, context, context.officer, update.effective_message.text or "")


def handlers() -> list[BaseHandler[Update, HumasContext, Any]]:
    """/petugas: finding people and changing their role, unit or status."""
    return [
        conversation(
            "people",
            entry_points=[
                CommandHandler(["petugas", *spec("petugas").aliases], begin),
                CallbackQueryHandler(on_button, pattern=BUTTONS),
                CallbackQueryHandler(on_filter, pattern=FILTER_PICKER.pattern),
            ],
            states={
                BROWSE: [MessageHandler(_TEXT, on_filter_search)],
                MOVING: [
                    CallbackQueryHandler(on_move, pattern=MOVE_PICKER.pattern),
                    MessageHandler(_TEXT, on_move_search),
                ],
            },
        ),
        *coverage.handlers(),
    ]
