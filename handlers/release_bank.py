"""/rilis_bank: the approved press releases in a coordinator's scope, searched and attached.

The list is paged, newest first, and narrowed by unit, program or month with buttons
offering what the bank in the coordinator's scope holds (db/release_bank.py). An item
is sent as the message and the .docx (handlers/release_send.py), with "Lampirkan ke
briefing": the release's .docx joins the material of one of the coordinator's draft
briefings (the next /brief_baru shows it), the scope checked again as it is recorded.

Callback data (under ``rb:``): ``pg:<page>``, ``f:unit|program|month|clear``,
``u:<unit>``, ``p:<program>``, ``m:<yyyymm>``, ``it:<release>``, ``at:<release>``,
``to:<release>:<briefing>``.
"""

from __future__ import annotations

import html
from datetime import date
from typing import Any

from babel.dates import format_date
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.core.callback_data import ID, INDEX, Choice, Number, Pair, Route, any_of
from bot.core.texts import esc, fmt_short, unit_label
from db import programs as programs_db
from db import release_bank as bank_db
from db import units as units_db
from db.briefings import BriefingError
from db.release_bank import BankFilter
from db.releases import Release
from handlers.buttons import button
from handlers.commands import spec
from handlers.context import HumasContext
from handlers.conversation import show
from handlers.guard import guarded, refuse
from handlers.release_send import send_release

PAGE = Route("rb:pg", INDEX)
FILTER = Route("rb:f", Choice("unit", "program", "month", "clear"))
UNIT = Route("rb:u", ID)
PROGRAM = Route("rb:p", ID)
MONTH = Route("rb:m", Number(200001, 999912))
ITEM = Route("rb:it", ID)
ATTACH = Route("rb:at", ID)
ATTACH_TO = Pair("rb:to", ID, ID)
_FILTER = "release_bank.filter"


def _filter(context: HumasContext) -> BankFilter:
    return BankFilter.from_json(context.user_data.get(_FILTER))


def _month_name(context: HumasContext, month: int) -> str:
    year, number = divmod(month, 100)
    return str(format_date(date(year, number, 1), "MMMM y", locale=context.lang))


async def _filter_line(context: HumasContext, chosen: BankFilter) -> str:
    parts = []
    if chosen.unit_id is not None:
        unit = await units_db.by_id(context.db, chosen.unit_id)
        name = unit_label(context.lang, unit.kind, unit.name) if unit else "—"
        parts.append(context.t("release.bank.filter.unit", name=name))
    if chosen.program_id is not None:
        program = await programs_db.by_id(context.db, chosen.program_id)
        parts.append(
            context.t("release.bank.filter.program", name=esc(program.name if program else "—"))
        )
    if chosen.month is not None:
        parts.append(
            context.t("release.bank.filter.month", month=_month_name(context, chosen.month))
        )
    return context.t("release.bank.filters", filters=" · ".join(parts)) if parts else ""


async def _list(update: Update, context: HumasContext, page: int) -> None:
    officer = context.officer
    assert officer is not None
    chosen = _filter(context)
    found = await bank_db.search(context.db, officer, chosen, page, context.tz)
    lines = [context.t("release.bank.title", total=found.total, page=page + 1, pages=found.pages)]
    filters_shown = await _filter_line(context, chosen)
    if filters_shown:
        lines.append(filters_shown)
    if not found.releases:
        lines.append(context.t("release.bank.empty"))
    rows: list[list[InlineKeyboardButton]] = []
    for number, release in enumerate(found.releases, start=page * bank_db.PAGE_SIZE + 1):
        unit = await units_db.by_id(context.db, release.unit_id)
        assert release.finished_at is not None
        lines.append(
            context.t(
                "release.bank.item",
                number=number,
                title=esc(release.title),
                unit=unit_label(context.lang, unit.kind, unit.name) if unit else "—",
                date=fmt_short(release.finished_at, context.lang, context.tz),
            )
        )
        rows.append(
            [
                button(
                    context,
                    "release.bank.button.open",
                    ITEM.build(release.id),
                    number=number,
                    title=release.title[:40],
                )
            ]
        )
    paging = []
    if page > 0:
        paging.append(button(context, "release.bank.button.prev", PAGE.build(page - 1)))
    if page + 1 < found.pages:
        paging.append(button(context, "release.bank.button.next", PAGE.build(page + 1)))
    if paging:
        rows.append(paging)
    rows.append(
        [
            button(context, f"release.bank.button.{what}", FILTER.build(what))
            for what in ("unit", "program", "month")
        ]
    )
    if chosen != BankFilter():
        rows.append([button(context, "release.bank.button.clear", FILTER.build("clear"))])
    await show(update, "\n".join(lines), InlineKeyboardMarkup(rows))


@guarded("coordinator")
async def rilis_bank(update: Update, context: HumasContext) -> None:
    context.user_data[_FILTER] = BankFilter().to_json()
    await _list(update, context, 0)


@guarded("coordinator")
async def on_page(update: Update, context: HumasContext) -> None:
    query = update.callback_query
    assert query is not None
    page = PAGE.parse(query.data)
    assert page is not None  # the handler's pattern
    await _list(update, context, page)


@guarded("coordinator")
async def on_filter(update: Update, context: HumasContext) -> None:
    """Offer what the bank in scope can be narrowed to, or clear every filter."""
    query = update.callback_query
    officer = context.officer
    assert query is not None and officer is not None
    what = FILTER.parse(query.data)
    if what == "clear":
        context.user_data[_FILTER] = BankFilter().to_json()
        await _list(update, context, 0)
        return
    offered = await bank_db.choices(context.db, officer, context.tz)
    if what == "unit":
        buttons = [
            InlineKeyboardButton(
                html.unescape(unit_label(context.lang, kind, name)),
                callback_data=UNIT.build(unit_id),
            )
            for unit_id, kind, name in offered.units
        ]
    elif what == "program":
        buttons = [
            InlineKeyboardButton(name[:40], callback_data=PROGRAM.build(program_id))
            for program_id, name in offered.programs
        ]
    else:
        buttons = [
            InlineKeyboardButton(_month_name(context, month), callback_data=MONTH.build(month))
            for month in offered.months
        ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    rows.append([button(context, "release.bank.button.back", PAGE.build(0))])
    text = context.t(f"release.bank.choose.{what}" if buttons else "release.bank.none_to_choose")
    await show(update, text, InlineKeyboardMarkup(rows))


@guarded("coordinator")
async def on_choice(update: Update, context: HumasContext) -> None:
    query = update.callback_query
    assert query is not None
    chosen = _filter(context)
    unit_id, program_id, month = UNIT.parse(query.data), PROGRAM.parse(query.data), None
    if unit_id is None and program_id is None:
        month = MONTH.parse(query.data)
        if month is None or not 1 <= month % 100 <= 12:
            await refuse(update, context, context.t("denied.button"))
            return
    updated = BankFilter(
        unit_id if unit_id is not None else chosen.unit_id,
        program_id if program_id is not None else chosen.program_id,
        month if month is not None else chosen.month,
    )
    context.user_data[_FILTER] = updated.to_json()
    await _list(update, context, 0)


async def _pressed_release(
    update: Update, context: HumasContext, route: Route[int]
) -> tuple[Message, Release] | None:
    """The release the button names, if it is in the bank the person sees now (answered)."""
    query = update.callback_query
    officer = context.officer
    assert query is not None and officer is not None
    message = query.message
    assert isinstance(message, Message)
    release_id = route.parse(query.data)
    assert release_id is not None  # the handler's pattern
    release = await bank_db.in_bank(context.db, officer, release_id)
    if release is None:
        await refuse(update, context, context.t("denied.scope"))
        return None
    await query.answer()
    return message, release


@guarded("coordinator")
async def on_item(update: Update, context: HumasContext) -> None:
    pressed = await _pressed_release(update, context, ITEM)
    if pressed is None:
        return
    message, release = pressed
    markup = InlineKeyboardMarkup(
        [[button(context, "release.bank.button.attach", ATTACH.build(release.id))]]
    )
    await send_release(context, message, release, markup)


@guarded("coordinator")
async def on_attach(update: Update, context: HumasContext) -> None:
    """Which of the coordinator's draft briefings gets the release."""
    pressed = await _pressed_release(update, context, ATTACH)
    if pressed is None:
        return
    message, release = pressed
    officer = context.officer
    assert officer is not None
    drafts = await bank_db.draft_briefings(context.db, officer.id)
    if not drafts:
        await message.reply_html(context.t("release.bank.no_drafts"))
        return
    rows = [
        [
            button(
                context,
                "release.bank.briefing_button",
                ATTACH_TO.build(release.id, briefing_id),
                title=(title or "…")[:40],
            )
        ]
        for briefing_id, title in drafts
    ]
    await message.reply_html(
        context.t("release.bank.choose_briefing", title=esc(release.title)),
        reply_markup=InlineKeyboardMarkup(rows),
    )


@guarded("coordinator")
async def on_attach_to(update: Update, context: HumasContext) -> None:
    query = update.callback_query
    officer = context.officer
    assert query is not None and officer is not None
    pair = ATTACH_TO.parse(query.data)
    assert pair is not None  # the handler's pattern
    release_id, briefing_id = pair
    try:
        attached = await bank_db.attach(
            context.db, officer, release_id, briefing_id, context.clock.now()
        )
    except BriefingError as error:
        await refuse(update, context, context.t("release.bank.too_much", limit=error.limit))
        return
    if not attached:
        await refuse(update, context, context.t("release.bank.not_attached"))
        return
    await query.answer()
    await show(update, context.t("release.bank.attached"), answered=True)


def handlers() -> list[BaseHandler[Update, HumasContext, Any]]:
    """/rilis_bank and its buttons."""
    return [
        CommandHandler(["rilis_bank", *spec("rilis_bank").aliases], rilis_bank),
        CallbackQueryHandler(on_page, pattern=PAGE.matches),
        CallbackQueryHandler(on_filter, pattern=FILTER.matches),
        CallbackQueryHandler(
            on_choice,
            pattern=any_of(UNIT, PROGRAM, MONTH),
        ),
        CallbackQueryHandler(on_item, pattern=ITEM.matches),
        CallbackQueryHandler(on_attach, pattern=ATTACH.matches),
        CallbackQueryHandler(on_attach_to, pattern=ATTACH_TO.matches),
    ]
