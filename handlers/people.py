"""/petugas (/people): list the people in one's scope, open one, change role, move, deactivate.

Administrators and the regency's coordinators choose a kecamatan first (or see
everyone, or the regency and its agencies); a kecamatan coordinator goes straight
to the list of their area. Lists and cards are edited in place. Button data only
names what to show or change: every press is checked again by the guard (role,
status) and by ``db/people.py`` (scope, rank, invariants) against the database.
The person affected by a change is told, in their language, and their command
menu follows their new role or status.

Callback data: ``pe:h`` home, ``pe:l:<a|c|unit id>:<page>`` a list, ``pe:b`` back
to the last list, ``pe:o:<id>`` a card, ``pe:r:<id>`` / ``pe:rs:<id>:<role>`` role,
``pe:m:<id>`` move (then the ``pm`` picker), ``pe:d:<id>`` / ``pe:dy:<id>``
deactivate, ``pe:a:<id>`` reactivate; the ``pf`` picker chooses a kecamatan.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Awaitable, Callable

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.error import Forbidden, TelegramError
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.core.texts import esc, fmt_date, t
from db import officers as officers_db
from db import people as people_db
from db import units as units_db
from db.officers import ROLES, Officer
from db.people import Change, PeopleError
from handlers.commands import spec
from handlers.context import HumasContext
from handlers.conversation import END, conversation, edit
from handlers.guard import guarded, refuse
from handlers.menus import sync_officer_menu
from handlers.unit_picker import UnitPicker, unit_label

log = logging.getLogger(__name__)

PAGE_SIZE = 10
FILTER_PICKER = UnitPicker(
    "pf",
    kinds=("kecamatan",),
    title_key="people.home",
    extra=(("people.all_button", "pe:l:a:0"), ("people.central_button", "pe:l:c:0")),
)
MOVE_PICKER = UnitPicker(
    "pm",
    kinds=("kabupaten", "kecamatan", "desa", "kelurahan", "opd"),
    title_key="people.move_title",
)
BROWSE, MOVING = range(2)
_LIST = "people.list"
_MOVING = "people.moving"
_TEXT = filters.TEXT & ~filters.COMMAND
Screen = tuple[str, InlineKeyboardMarkup]


async def _full_scope(context: HumasContext, viewer: Officer) -> bool:
    """Administrators and regency coordinators see every kecamatan."""
    if viewer.role == "admin":
        return True
    unit = await units_db.by_id(context.db, viewer.unit_id)
    return unit is not None and unit.kind == "kabupaten"


async def _visible(context: HumasContext, viewer: Officer, unit_id: int) -> bool:
    return viewer.role == "admin" or await units_db.in_scope(context.db, viewer.unit_id, unit_id)


# ---- screens --------------------------------------------------------------------------


async def _home(context: HumasContext, viewer: Officer) -> Screen | None:
    if await _full_scope(context, viewer):
        return await FILTER_PICKER.root(context, viewer)
    return await _list(context, viewer, "a", 0)


async def _list(context: HumasContext, viewer: Officer, key: str, page: int) -> Screen | None:
    """The people of a filter: ``a`` (the viewer's scope), ``c`` (regency and agencies), a unit id."""
    lang = context.lang
    regency = await units_db.by_code(context.db, units_db.REGENCY_CODE)
    assert regency is not None
    central = key == "c"
    if key == "a":
        root_id = regency.id if viewer.role == "admin" else viewer.unit_id
        scope = t(lang, "people.scope_all")
    elif central:
        if not await _full_scope(context, viewer):
            return None
        root_id, scope = regency.id, t(lang, "people.scope_central")
    else:
        unit = await units_db.by_id(context.db, int(key))
        if unit is None or not await _visible(context, viewer, unit.id):
            return None
        root_id, scope = unit.id, await unit_label(context.db, lang, unit)
    people, total = await people_db.list_people(
        context.db, root_id, central_only=central, offset=page * PAGE_SIZE, limit=PAGE_SIZE
    )
    pages = max(1, math.ceil(total / PAGE_SIZE))
    context.user_data[_LIST] = (key, page)
    lines = [t(lang, "people.list_header", scope=scope, total=total, page=page + 1, pages=pages)]
    for number, person in enumerate(people, start=page * PAGE_SIZE + 1):
        officer = person.officer
        lines.append(
            t(
                lang,
                "people.list_line",
                number=number,
                name=esc(officer.full_name),
                unit=await unit_label(context.db, lang, officer.unit_id, kecamatan=False),
                role=t(lang, f"role.{officer.role}"),
                status="" if officer.is_active else t(lang, "people.inactive_mark"),
            )
        )
    lines.append(t(lang, "people.list_hint") if people else t(lang, "people.list_empty"))
    numbers = [
        InlineKeyboardButton(str(number), callback_data=f"pe:o:{person.officer.id}")
        for number, person in enumerate(people, start=page * PAGE_SIZE + 1)
    ]
    rows = [numbers[:5], numbers[5:]]
    nav = []
    if page > 0:
        nav.append(
            InlineKeyboardButton(t(lang, "button.prev"), callback_data=f"pe:l:{key}:{page - 1}")
        )
    if page + 1 < pages:
        nav.append(
            InlineKeyboardButton(t(lang, "button.next"), callback_data=f"pe:l:{key}:{page + 1}")
        )
    rows.append(nav)
    if await _full_scope(context, viewer):
        rows.append([InlineKeyboardButton(t(lang, "button.back"), callback_data="pe:h")])
    return "\n".join(lines), InlineKeyboardMarkup([row for row in rows if row])


async def _card(
    context: HumasContext, viewer: Officer, target: Officer, done: str | None = None
) -> Screen:
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
        account=f'<a href="tg://user?id={target.telegram_id}">{target.telegram_id}</a>',
    )
    if done is not None:
        text = t(lang, f"people.done.{done}") + "\n\n" + text
    rows: list[list[InlineKeyboardButton]] = []
    if await people_db.manage_problem(context.db, viewer, target) is None:
        if viewer.role == "admin":
            rows.append(
                [
                    InlineKeyboardButton(
                        t(lang, "people.role_button"), callback_data=f"pe:r:{target.id}"
                    )
                ]
            )
        rows.append(
            [InlineKeyboardButton(t(lang, "people.move_button"), callback_data=f"pe:m:{target.id}")]
        )
        if target.is_active:
            rows.append(
                [
                    InlineKeyboardButton(
                        t(lang, "people.deactivate_button"), callback_data=f"pe:d:{target.id}"
                    )
                ]
            )
        else:
            rows.append(
                [
                    InlineKeyboardButton(
                        t(lang, "people.reactivate_button"), callback_data=f"pe:a:{target.id}"
                    )
                ]
            )
    else:
        text += "\n\n" + t(lang, "people.card_readonly")
    rows.append([InlineKeyboardButton(t(lang, "people.back_to_list"), callback_data="pe:b")])
    return text, InlineKeyboardMarkup(rows)


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
    await sync_officer_menu(context.bot, context.db, officer)


# ---- handlers -------------------------------------------------------------------------


@guarded("coordinator")
async def begin(update: Update, context: HumasContext) -> int:
    assert update.effective_message is not None and context.officer is not None
    screen = await _home(context, context.officer)
    assert screen is not None
    await update.effective_message.reply_html(screen[0], reply_markup=screen[1])
    return BROWSE


async def _target(context: HumasContext, viewer: Officer, officer_id: int) -> Officer | None:
    target = await officers_db.by_id(context.db, officer_id)
    if target is None or not await _visible(context, viewer, target.unit_id):
        return None
    return target


Action = Callable[[HumasContext, Officer, list[str]], Awaitable[Screen | str | None]]


async def _show_home(context: HumasContext, viewer: Officer, args: list[str]) -> Screen | None:
    return await _home(context, viewer)


async def _show_list(context: HumasContext, viewer: Officer, args: list[str]) -> Screen | None:
    if len(args) != 2 or not args[1].isdigit() or not (args[0] in ("a", "c") or args[0].isdigit()):
        return None
    return await _list(context, viewer, args[0], int(args[1]))


async def _back(context: HumasContext, viewer: Officer, args: list[str]) -> Screen | None:
    key, page = context.user_data.get(_LIST, ("a", 0))
    return await _list(context, viewer, key, page)


async def _open(context: HumasContext, viewer: Officer, args: list[str]) -> Screen | None:
    target = await _target(context, viewer, int(args[0]))
    return None if target is None else await _card(context, viewer, target)


async def _managed(context: HumasContext, viewer: Officer, args: list[str]) -> Officer | str:
    """The target of a change, or the text key of why it cannot be changed."""
    target = await _target(context, viewer, int(args[0]))
    if target is None:
        return "people.error.scope"
    problem = await people_db.manage_problem(context.db, viewer, target)
    return target if problem is None else f"people.error.{problem.value}"


async def _role_menu(context: HumasContext, viewer: Officer, args: list[str]) -> Screen | str:
    target = await _managed(context, viewer, args)
    if isinstance(target, str):
        return target
    if viewer.role != "admin":
        return "people.error.admin_only"
    lang = context.lang
    buttons = [
        InlineKeyboardButton(t(lang, f"role.{role}"), callback_data=f"pe:rs:{target.id}:{role}")
        for role in ROLES
        if role != target.role
    ]
    rows = [
        buttons,
        [InlineKeyboardButton(t(lang, "button.back"), callback_data=f"pe:o:{target.id}")],
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
    return await _card(context, viewer, result.officer, done=action)


async def _set_role(context: HumasContext, viewer: Officer, args: list[str]) -> Screen | str | None:
    if len(args) != 2 or args[1] not in ROLES:
        return None
    return await _apply(
        context,
        viewer,
        lambda: people_db.change_role(
            context.db,
            viewer.telegram_id,
            int(args[0]),
            args[1],
            context.clock.now(),  # type: ignore[arg-type]
        ),
        "change_role",
    )


async def _confirm_deactivate(
    context: HumasContext, viewer: Officer, args: list[str]
) -> Screen | str:
    target = await _managed(context, viewer, args)
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
                t(lang, "people.confirm_deactivate_button"), callback_data=f"pe:dy:{target.id}"
            ),
            InlineKeyboardButton(t(lang, "button.cancel"), callback_data=f"pe:o:{target.id}"),
        ]
    ]
    return text, InlineKeyboardMarkup(rows)


def _set_active(active: bool) -> Action:
    """Reactivate (``active``) or deactivate the officer a button names."""

    async def set_active(context: HumasContext, viewer: Officer, args: list[str]) -> Screen | str:
        return await _apply(
            context,
            viewer,
            lambda: people_db.set_active(
                context.db, viewer.telegram_id, int(args[0]), active, context.clock.now()
            ),
            "reactivate" if active else "deactivate",
        )

    return set_active


async def _start_move(context: HumasContext, viewer: Officer, args: list[str]) -> Screen | str:
    target = await _managed(context, viewer, args)
    if isinstance(target, str):
        return target
    context.user_data[_MOVING] = target.id
    return await MOVE_PICKER.root(context, viewer)


_ACTIONS: dict[str, tuple[int, Action]] = {
    "h": (0, _show_home),
    "l": (2, _show_list),
    "b": (0, _back),
    "o": (1, _open),
    "r": (1, _role_menu),
    "rs": (2, _set_role),
    "m": (1, _start_move),
    "d": (1, _confirm_deactivate),
    "dy": (1, _set_active(False)),
    "a": (1, _set_active(True)),
}


@guarded("coordinator")
async def on_button(update: Update, context: HumasContext) -> int:
    query = update.callback_query
    viewer = context.officer
    assert query is not None and query.data is not None and viewer is not None
    action, *args = query.data.split(":")[1:] or [""]
    entry = _ACTIONS.get(action)
    # Every action but a list's filter and a role name takes numeric ids only.
    numeric = args if action not in ("l", "rs") else args[:1] if action == "rs" else []
    if entry is None or len(args) != entry[0] or not all(arg.isdigit() for arg in numeric):
        await refuse(update, context, context.t("denied.button"))
        return BROWSE
    result = await entry[1](context, viewer, args)
    if result is None:
        await refuse(update, context, context.t("denied.scope"))
        return BROWSE
    if isinstance(result, str):
        await refuse(update, context, context.t(result))
        return BROWSE
    await query.answer()
    await edit(query, *result)
    return MOVING if action == "m" else BROWSE


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
        screen = await _list(context, viewer, str(result.unit.id), 0)
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
            await edit(query, *await _card(context, viewer, target))
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
        await query.message.reply_text(context.t(screen))  # type: ignore[union-attr]
        return BROWSE
    await edit(query, *screen)
    return BROWSE


@guarded("coordinator")
async def on_move_search(update: Update, context: HumasContext) -> None:
    assert update.effective_message is not None
    await MOVE_PICKER.search(update, context, context.officer, update.effective_message.text or "")


HANDLERS: list[BaseHandler] = [
    conversation(
        "people",
        entry_points=[
            CommandHandler(["petugas", *spec("petugas").aliases], begin),
            CallbackQueryHandler(on_button, pattern=r"^pe:"),
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
]
