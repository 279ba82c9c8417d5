"""/petugas's lists: the first screen (a kecamatan to choose, for those who see everyone) and
the pages of people of one filter, each person a numbered button that opens their card.

A list is ``a`` (the viewer's scope), ``c`` (the regency and its agencies: only for those
who see everything) or a unit id; the last list shown is remembered for "back to the list".
"""

from __future__ import annotations

import math

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core.callback_data import ID, INDEX, Choice, Either, Fixed, Pair, Route
from bot.core.texts import esc, t
from db import people as people_db
from db import scope
from db import units as units_db
from db.officers import Officer
from handlers.context import HumasContext
from handlers.unit_picker import UnitPicker, unit_label

PAGE_SIZE = 10
HOME = Fixed("pe:h")
BACK = Fixed("pe:b")
ListKey = str | int  # "a" (the viewer's scope), "c" (regency and agencies), or a unit id
_LIST_KEY = Either(Choice("a", "c"), ID)
LIST = Pair("pe:l", _LIST_KEY, INDEX)
OPEN = Route("pe:o", ID)
FILTER_PICKER = UnitPicker(
    "pf",
    kinds=("kecamatan",),
    title_key="people.home",
    extra=(
        ("people.all_button", LIST.build("a", 0)),
        ("people.central_button", LIST.build("c", 0)),
    ),
)
_LAST_LIST = "people.list"
Screen = tuple[str, InlineKeyboardMarkup]


async def home(context: HumasContext, viewer: Officer) -> Screen | None:
    """Administrators and regency coordinators choose a kecamatan; others see their list."""
    if await scope.sees_everything(context.db, viewer):
        return await FILTER_PICKER.root(context, viewer)
    return await people_list(context, viewer, "a", 0)


async def back_to_list(context: HumasContext, viewer: Officer) -> Screen | None:
    """The list shown last (its page), or the first page of the viewer's scope."""
    key, page = context.user_data.get(_LAST_LIST, ("a", 0))
    return await people_list(context, viewer, key, page)


async def people_list(
    context: HumasContext, viewer: Officer, key: ListKey, page: int
) -> Screen | None:
    """The people of a filter: ``a`` (the viewer's scope), ``c`` (regency and agencies), a unit id."""
    lang = context.lang
    regency = await units_db.by_code(context.db, units_db.REGENCY_CODE)
    assert regency is not None
    central = key == "c"
    if key == "a":
        root_id = regency.id if viewer.role == "admin" else viewer.unit_id
        shown = t(lang, "people.scope_all")
    elif central:
        if not await scope.sees_everything(context.db, viewer):
            return None
        root_id, shown = regency.id, t(lang, "people.scope_central")
    else:
        assert isinstance(key, int)
        unit = await units_db.by_id(context.db, key)
        if unit is None or not await scope.may_act_on(context.db, viewer, unit.id):
            return None
        root_id, shown = unit.id, await unit_label(context.db, lang, unit)
    people, total = await people_db.list_people(
        context.db, root_id, central_only=central, offset=page * PAGE_SIZE, limit=PAGE_SIZE
    )
    pages = max(1, math.ceil(total / PAGE_SIZE))
    context.user_data[_LAST_LIST] = (key, page)
    lines = [t(lang, "people.list_header", scope=shown, total=total, page=page + 1, pages=pages)]
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
        InlineKeyboardButton(str(number), callback_data=OPEN.build(person.officer.id))
        for number, person in enumerate(people, start=page * PAGE_SIZE + 1)
    ]
    rows = [numbers[:5], numbers[5:]]
    nav = []
    if page > 0:
        nav.append(
            InlineKeyboardButton(t(lang, "button.prev"), callback_data=LIST.build(key, page - 1))
        )
    if page + 1 < pages:
        nav.append(
            InlineKeyboardButton(t(lang, "button.next"), callback_data=LIST.build(key, page + 1))
        )
    rows.append(nav)
    if await scope.sees_everything(context.db, viewer):
        rows.append([InlineKeyboardButton(t(lang, "button.back"), callback_data=HOME.data)])
    return "\n".join(lines), InlineKeyboardMarkup([row for row in rows if row])
