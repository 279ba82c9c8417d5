"""Invitations in bulk, from the first screen of /undang: many officers in a few taps.

- A kecamatan coordinator makes one **kecamatan link** ("🔗 Satu tautan untuk semua
  desa/kelurahan"): whoever opens it picks their desa/kelurahan of that kecamatan
  and joins it as an officer (handlers/start.py, db/invitations.py).
- Or ticks desa/kelurahan ("☑️ Tautan per desa/kelurahan", with "Pilih semua") and
  gets one link per unit in one message, each with Telegram's share button.
- Administrators and the regency's coordinators tick kecamatan instead and get one
  kecamatan link per kecamatan, the same way.

Links made here are for officers, :data:`USES_PER_UNIT` uses per desa for
:data:`DAYS` days. The selection lives in ``user_data``; every press is checked by
the guard, and every unit again against the person's scope when the links are made.
"""

from __future__ import annotations

import html
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.core.callback_data import ID, INDEX, Fixed, Route
from bot.core.texts import fmt_date, unit_label
from db import invitations as invitations_db
from db import scope
from db import units as units_db
from db.audit import Actor
from db.invitations import MAX_USES
from db.officers import Officer
from db.units import Unit
from handlers.buttons import page_turn
from handlers.context import HumasContext
from handlers.conversation import END, edit
from handlers.guard import guarded, refuse

USES_PER_UNIT = 5
DAYS = 14
PAGE_SIZE = 16
KECAMATAN_LINK = Route("ib:k", ID)
SELECT = Fixed("ib:sel")
TOGGLE = Route("ib:t", ID)
PAGE = Route("ib:p", INDEX)
ALL = Fixed("ib:all")
MAKE = Fixed("ib:go")
_KEY = "invite.bulk"


async def _choices(context: HumasContext, officer: Officer) -> list[Unit]:
    """What this person may tick: the regency's kecamatan, or their kecamatan's villages."""
    if await scope.sees_everything(context.db, officer):
        regency = await units_db.by_code(context.db, units_db.REGENCY_CODE)
        assert regency is not None
        return await units_db.children(context.db, regency.id, ("kecamatan",))
    unit = await units_db.by_id(context.db, officer.unit_id)
    if officer.role != "coordinator" or unit is None or unit.kind != "kecamatan":
        return []
    return await units_db.children(context.db, unit.id, ("desa", "kelurahan"))


async def first_screen_rows(
    context: HumasContext, officer: Officer
) -> list[list[InlineKeyboardButton]]:
    """The bulk buttons on /undang's first screen (none for who cannot use them)."""
    choices = await _choices(context, officer)
    if not choices:
        return []
    if choices[0].kind == "kecamatan":
        return [
            [InlineKeyboardButton(context.t("bulk.select_kecamatan"), callback_data=SELECT.data)]
        ]
    return [
        [
            InlineKeyboardButton(
                context.t("bulk.kecamatan_link"),
                callback_data=KECAMATAN_LINK.build(officer.unit_id),
            )
        ],
        [InlineKeyboardButton(context.t("bulk.select_villages"), callback_data=SELECT.data)],
    ]


def invitation_link(context: HumasContext, token: str) -> str:
    return f"https://t.me/{context.bot.username}?start={token}"


def share_button(context: HumasContext, label: str, link: str, unit: str) -> InlineKeyboardButton:
    """Telegram's share button: opens the chat picker with the link and a short text."""
    text = context.t("bulk.share_text", unit=html.unescape(unit))
    query = urlencode({"url": link, "text": text})
    return InlineKeyboardButton(label, url=f"https://t.me/share/url?{query}")


async def may_invite(
    context: HumasContext, officer: Officer, unit: Unit, *, kecamatan_link: bool
) -> bool:
    """Whether the person may make an officers' link (or a kecamatan link) for ``unit``."""
    wanted = ("kecamatan",) if kecamatan_link else ("kecamatan", "desa", "kelurahan", "opd")
    return (
        unit.active and unit.kind in wanted and await scope.may_act_on(context.db, officer, unit.id)
    )


async def make_link(
    context: HumasContext, officer: Officer, unit: Unit, *, kecamatan_link: bool
) -> tuple[str, str] | None:
    """A new officers' link for ``unit`` (a kecamatan link when asked): (label, link);
    None when the unit is not (or no longer) one the person may invite to."""
    if not await may_invite(context, officer, unit, kecamatan_link=kecamatan_link):
        return None
    uses = USES_PER_UNIT
    if kecamatan_link:
        villages = await units_db.children(context.db, unit.id, ("desa", "kelurahan"))
        uses = min(MAX_USES, max(1, len(villages)) * USES_PER_UNIT)
    token, _ = await invitations_db.create(
        context.db,
        unit_id=unit.id,
        role="officer",
        max_uses=uses,
        days=DAYS,
        actor=Actor.officer(officer.id, officer.telegram_id),
        at=context.clock.now(),
        pick_below=kecamatan_link,
    )
    return unit_label(context.lang, unit.kind, unit.name), invitation_link(context, token)


async def send_links(
    update: Update,
    context: HumasContext,
    officer: Officer,
    units: list[Unit],
    *,
    kecamatan_links: bool,
) -> int:
    """Make a link per unit and send them in one message with a share button each."""
    made = []
    for unit in units:
        link = await make_link(context, officer, unit, kecamatan_link=kecamatan_links)
        if link is not None:
            made.append(link)
    chat = update.effective_chat
    assert chat is not None
    if not made:
        await context.bot.send_message(chat.id, context.t("denied.scope"))
        return 0
    expires = fmt_date(context.clock.now() + timedelta(days=DAYS), context.lang, context.tz)
    lines = [
        context.t(
            "bulk.links_kecamatan" if kecamatan_links else "bulk.links",
            count=len(made),
            uses=USES_PER_UNIT,
            expires=expires,
        )
    ]
    lines += [context.t("bulk.link_line", unit=label, link=link) for label, link in made]
    buttons = [
        [share_button(context, context.t("bulk.share_button", unit=label), link, label)]
        for label, link in made
    ]
    await context.bot.send_message(
        chat.id,
        "\n".join(lines),
        parse_mode="HTML",
        reply_markup=InlineKeyboardMarkup(buttons),
        disable_web_page_preview=True,
    )
    return len(made)


def _selection(context: HumasContext) -> dict[str, Any]:
    return context.user_data.setdefault(_KEY, {"picked": [], "page": 0})


async def _select_screen(
    context: HumasContext, officer: Officer
) -> tuple[str, InlineKeyboardMarkup] | None:
    choices = await _choices(context, officer)
    if not choices:
        return None
    chosen = _selection(context)
    picked = set(chosen["picked"])
    pages = max(1, (len(choices) + PAGE_SIZE - 1) // PAGE_SIZE)
    page = min(int(chosen["page"]), pages - 1)
    shown = choices[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    ticks = [
        InlineKeyboardButton(
            ("✅ " if unit.id in picked else "") + unit_label(context.lang, unit.kind, unit.name),
            callback_data=TOGGLE.build(unit.id),
        )
        for unit in shown
    ]
    rows = [ticks[index : index + 2] for index in range(0, len(ticks), 2)]
    turn = page_turn(page, pages, PAGE.build)
    if turn:
        rows.append(turn)
    rows.append(
        [
            InlineKeyboardButton(context.t("bulk.all"), callback_data=ALL.data),
            InlineKeyboardButton(
                context.t("bulk.make", count=len(picked)), callback_data=MAKE.data
            ),
        ]
    )
    key = "bulk.select_kecamatan_title" if choices[0].kind == "kecamatan" else "bulk.select_title"
    text = context.t(key, picked=len(picked), total=len(choices), page=page + 1, pages=pages)
    return text, InlineKeyboardMarkup(rows)


async def _show_selection(update: Update, context: HumasContext) -> None:
    query, officer = update.callback_query, context.officer
    assert query is not None and officer is not None
    screen = await _select_screen(context, officer)
    if screen is None:
        await refuse(update, context, context.t("denied.scope"))
        return
    await query.answer()
    await edit(query, *screen)


@guarded("coordinator")
async def on_kecamatan_link(update: Update, context: HumasContext) -> int:
    """One kecamatan link for the person's own kecamatan (the button names it; checked)."""
    query, officer = update.callback_query, context.officer
    assert query is not None and officer is not None
    kecamatan_id = KECAMATAN_LINK.parse(query.data)
    unit = await units_db.by_id(context.db, kecamatan_id or 0)
    if unit is None or not await may_invite(context, officer, unit, kecamatan_link=True):
        await refuse(update, context, context.t("denied.scope"))
        return END
    await query.answer()
    await edit(query, context.t("bulk.made_kecamatan"))
    await send_links(update, context, officer, [unit], kecamatan_links=True)
    return END


@guarded("coordinator")
async def on_select(update: Update, context: HumasContext) -> int:
    context.user_data[_KEY] = {"picked": [], "page": 0}
    await _show_selection(update, context)
    return END


@guarded("coordinator")
async def on_toggle(update: Update, context: HumasContext) -> None:
    query = update.callback_query
    assert query is not None
    unit_id = TOGGLE.parse(query.data)
    picked: list[int] = _selection(context)["picked"]
    if unit_id in picked:
        picked.remove(unit_id)
    elif unit_id is not None:
        picked.append(unit_id)
    await _show_selection(update, context)


@guarded("coordinator")
async def on_page(update: Update, context: HumasContext) -> None:
    query = update.callback_query
    assert query is not None
    _selection(context)["page"] = PAGE.parse(query.data) or 0
    await _show_selection(update, context)


@guarded("coordinator")
async def on_all(update: Update, context: HumasContext) -> None:
    officer = context.officer
    assert officer is not None
    _selection(context)["picked"] = [unit.id for unit in await _choices(context, officer)]
    await _show_selection(update, context)


@guarded("coordinator")
async def on_make(update: Update, context: HumasContext) -> None:
    query, officer = update.callback_query, context.officer
    assert query is not None and officer is not None
    choices = {unit.id: unit for unit in await _choices(context, officer)}
    picked = [choices[i] for i in _selection(context)["picked"] if i in choices]
    if not picked:
        await refuse(update, context, context.t("bulk.none_picked"))
        return
    context.user_data.pop(_KEY, None)
    await query.answer()
    kecamatan_links = picked[0].kind == "kecamatan"
    await edit(query, context.t("bulk.made", count=len(picked)))
    await send_links(update, context, officer, picked, kecamatan_links=kecamatan_links)


def first_screen_handlers() -> list[BaseHandler[Update, HumasContext, Any]]:
    """For /undang's first state: the kecamatan link and opening the selection."""
    return [
        CallbackQueryHandler(on_kecamatan_link, pattern=KECAMATAN_LINK.matches),
        CallbackQueryHandler(on_select, pattern=SELECT.matches),
    ]


def handlers() -> list[BaseHandler[Update, HumasContext, Any]]:
    """The bulk buttons, also on an older /undang message."""
    return [
        *first_screen_handlers(),
        CallbackQueryHandler(on_toggle, pattern=TOGGLE.matches),
        CallbackQueryHandler(on_page, pattern=PAGE.matches),
        CallbackQueryHandler(on_all, pattern=ALL.matches),
        CallbackQueryHandler(on_make, pattern=MAKE.matches),
    ]
