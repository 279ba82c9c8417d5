"""The recap as files: "📊 Grafik", "⬇️ Excel" (then "CSV") under a /rekap screen, and
/laporan_bulanan, the monthly evidence pack (one workbook with every briefing, every
unit's status and every link, the charts embedded).

Each press is checked again: the guard reloads the person, the recap functions refuse
an area outside their scope (db/scope.py) as it is now. The files come from
scheduler/recap_files.py, rendered in a thread so the bot keeps answering others.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial
from typing import Any

from babel.dates import format_date
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatAction
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.core.callback_data import ID, Pair, Route
from bot.core.months import month_span, parse_month, this_and_last_month
from bot.core.periods import Span, today_in
from bot.core.texts import esc, t, unit_label
from db import recap, recap_area, recap_lists
from db.recap import Recap
from db.scope import OutOfScope
from handlers.commands import spec
from handlers.context import HumasContext
from handlers.guard import guarded, refuse
from handlers.recap_view import SpanCode
from scheduler import recap_captions, recap_files
from scheduler.recap_files import File
from scheduler.recap_pack import PeriodPack, span_pack

BRIEFING_CHART = Pair("rf:gb", ID, ID)
"""A briefing's chart: briefing id, the area's unit id (the recap screen's scope)."""
BRIEFING_EXCEL = Pair("rf:xb", ID, ID)
BRIEFING_CSV = Pair("rf:cb", ID, ID)
PERIOD_CHART = Pair("rf:gp", SpanCode(), ID)
"""A period's weekly trend: the span (bot/core/periods.py Span.code), the area's unit id."""
PERIOD_EXCEL = Pair("rf:xp", SpanCode(), ID)
PERIOD_CSV = Pair("rf:cp", SpanCode(), ID)
MONTH = Route("rf:m", SpanCode())
"""/laporan_bulanan's month buttons: the month's span."""


def _file_buttons(lang: str, chart: str, excel: str) -> list[InlineKeyboardButton]:
    return [
        InlineKeyboardButton(t(lang, "rfile.button.chart"), callback_data=chart),
        InlineKeyboardButton(t(lang, "rfile.button.excel"), callback_data=excel),
    ]


def briefing_file_buttons(lang: str, briefing_id: int, area_id: int) -> list[InlineKeyboardButton]:
    """The row under a briefing's recap screen (handlers/recap.py)."""
    return _file_buttons(
        lang,
        BRIEFING_CHART.build(briefing_id, area_id),
        BRIEFING_EXCEL.build(briefing_id, area_id),
    )


def period_file_buttons(lang: str, span: Span, area_id: int) -> list[InlineKeyboardButton]:
    """The row under a period's recap screen (handlers/recap.py)."""
    return _file_buttons(
        lang, PERIOD_CHART.build(span.code, area_id), PERIOD_EXCEL.build(span.code, area_id)
    )


def _chat_id(update: Update) -> int:
    chat = update.effective_chat
    assert chat is not None
    return chat.id


async def _say(update: Update, context: HumasContext, text: str) -> None:
    await context.bot.send_message(_chat_id(update), text, parse_mode="HTML")


async def _send(
    update: Update,
    context: HumasContext,
    file: File,
    caption: str,
    *,
    photo: bool = False,
    markup: InlineKeyboardMarkup | None = None,
) -> None:
    chat_id = _chat_id(update)
    if photo:
        await context.bot.send_photo(
            chat_id, file.data, caption=caption, parse_mode="HTML", reply_markup=markup
        )
    else:
        await context.bot.send_document(
            chat_id,
            file.data,
            filename=file.name,
            caption=caption,
            parse_mode="HTML",
            reply_markup=markup,
        )


async def _send_chart(
    update: Update,
    context: HumasContext,
    render: Callable[[], File],
    title: str,
    found: Recap | PeriodPack,
) -> None:
    """Render a chart in a thread (the chat shows "sending a photo") and send it."""
    await context.bot.send_chat_action(_chat_id(update), ChatAction.UPLOAD_PHOTO)
    chart = await asyncio.to_thread(render)
    caption = recap_captions.chart_caption(context.lang, title, found)
    await _send(update, context, chart, caption, photo=True)


async def _send_excel(
    update: Update,
    context: HumasContext,
    render: Callable[[], File],
    title: str,
    found: Recap | PeriodPack,
    csv_data: str,
) -> None:
    """Render a workbook in a thread and send it with a "CSV" button (``csv_data``)."""
    await context.bot.send_chat_action(_chat_id(update), ChatAction.UPLOAD_DOCUMENT)
    file = await asyncio.to_thread(render)
    csv = InlineKeyboardButton(context.t("rfile.button.csv"), callback_data=csv_data)
    caption = recap_captions.excel_caption(context.lang, title, found)
    await _send(update, context, file, caption, markup=InlineKeyboardMarkup([[csv]]))


# ---- a briefing -----------------------------------------------------------------------


async def _briefing(
    update: Update, context: HumasContext, button: Pair[int, int]
) -> tuple[Recap, float] | None:
    """The recap the button names, for the person as they are now, and the regency's rate."""
    query, officer = update.callback_query, context.officer
    assert query is not None and officer is not None
    pressed = button.parse(query.data)
    assert pressed is not None  # the handler's pattern
    briefing_id, area_id = pressed
    now = context.clock.now()
    try:
        found = await recap.briefing_recap(context.db, officer, briefing_id, now, area_id=area_id)
    except OutOfScope:
        await refuse(update, context, context.t("denied.scope"))
        return None
    if found is None:
        await refuse(update, context, context.t("rfile.gone"))
        return None
    await query.answer()
    return found, await recap_lists.regency_rate(context.db, [briefing_id], now)


@guarded("coordinator")
async def on_briefing_chart(update: Update, context: HumasContext) -> None:
    got = await _briefing(update, context, BRIEFING_CHART)
    if got is None:
        return
    found, average = got
    render = partial(recap_files.briefing_chart, found, context.lang, context.tz, average)
    await _send_chart(update, context, render, recap_captions.briefing_title(found), found)


@guarded("coordinator")
async def on_briefing_excel(update: Update, context: HumasContext) -> None:
    got = await _briefing(update, context, BRIEFING_EXCEL)
    if got is None:
        return
    found, average = got
    render = partial(recap_files.briefing_excel, found, context.lang, context.tz, average)
    csv_data = BRIEFING_CSV.build(found.briefing.id, found.scope.id)
    title = recap_captions.briefing_title(found)
    await _send_excel(update, context, render, title, found, csv_data)


@guarded("coordinator")
async def on_briefing_csv(update: Update, context: HumasContext) -> None:
    got = await _briefing(update, context, BRIEFING_CSV)
    if got is None:
        return
    found = got[0]
    file = recap_files.briefing_csv(found, context.lang, context.tz)
    await _send(update, context, file, recap_captions.csv_caption(context.lang, found))


# ---- a period -------------------------------------------------------------------------


async def _period(
    update: Update, context: HumasContext, button: Pair[int, int]
) -> tuple[PeriodPack, Span] | None:
    query, officer = update.callback_query, context.officer
    assert query is not None and officer is not None
    pressed = button.parse(query.data)
    assert pressed is not None  # the handler's pattern
    span = Span.of_code(pressed[0])
    assert span is not None  # SpanCode parses only real spans
    try:
        pack = await span_pack(
            context.db, officer, span, context.clock.now(), zone=context.tz, area_id=pressed[1]
        )
    except OutOfScope:
        await refuse(update, context, context.t("denied.scope"))
        return None
    await query.answer()
    return pack, span


@guarded("coordinator")
async def on_period_chart(update: Update, context: HumasContext) -> None:
    got = await _period(update, context, PERIOD_CHART)
    if got is None:
        return
    pack, span = got
    render = partial(recap_files.period_trend, pack, context.lang, context.tz)
    title = recap_captions.period_title(context.lang, span)
    await _send_chart(update, context, render, title, pack)


@guarded("coordinator")
async def on_period_excel(update: Update, context: HumasContext) -> None:
    got = await _period(update, context, PERIOD_EXCEL)
    if got is None:
        return
    pack, span = got
    render = partial(recap_files.period_workbook, pack, context.lang, context.tz)
    csv_data = PERIOD_CSV.build(span.code, pack.period.scope.id)
    title = recap_captions.period_title(context.lang, span)
    await _send_excel(update, context, render, title, pack, csv_data)


@guarded("coordinator")
async def on_period_csv(update: Update, context: HumasContext) -> None:
    got = await _period(update, context, PERIOD_CSV)
    if got is None:
        return
    pack = got[0]
    file = recap_files.period_csv(pack, context.lang, context.tz)
    await _send(update, context, file, recap_captions.csv_caption(context.lang, pack))


# ---- /laporan_bulanan -----------------------------------------------------------------


def _month_name(context: HumasContext, span: Span, pattern: str = "MMMM y") -> str:
    return format_date(span.first, pattern, locale=context.lang)


@guarded("coordinator")
async def laporan_bulanan(update: Update, context: HumasContext) -> None:
    officer = context.officer
    assert officer is not None
    today = today_in(context.clock.now(), context.tz)
    typed = " ".join(context.args or [])
    if typed:
        span = parse_month(typed, today)
        if span is None:
            await _say(update, context, context.t("rfile.month_bad", text=esc(typed[:60])))
            return
        await _month(update, context, span)
        return
    this, last = this_and_last_month(today)
    buttons = [
        InlineKeyboardButton(
            context.t(f"rfile.button.{key}", month=_month_name(context, span, "MMM y")),
            callback_data=MONTH.build(span.code),
        )
        for key, span in (("this_month", this), ("last_month", last))
    ]
    try:
        area_label = await _area_label(context)
    except OutOfScope:
        await refuse(update, context, context.t("denied.scope"))
        return
    message = update.effective_message
    assert message is not None
    await message.reply_html(
        context.t("rfile.month_ask", scope=area_label), reply_markup=InlineKeyboardMarkup([buttons])
    )


async def _area_label(context: HumasContext) -> str:
    officer = context.officer
    assert officer is not None
    area = await recap_area.area_of(context.db, officer)
    return unit_label(context.lang, area.root.kind, area.root.name)


@guarded("coordinator")
async def on_month(update: Update, context: HumasContext) -> None:
    query = update.callback_query
    assert query is not None
    code = MONTH.parse(query.data)
    span = Span.of_code(code) if code is not None else None
    assert span is not None  # the handler's pattern
    if span != month_span(span.first.year, span.first.month):
        await refuse(update, context, context.t("denied.button"))
        return
    await query.answer()
    await _month(update, context, span)


async def _month(update: Update, context: HumasContext, span: Span) -> None:
    officer = context.officer
    assert officer is not None
    now = context.clock.now()
    month = _month_name(context, span)
    if span.first > today_in(now, context.tz):
        await _say(update, context, context.t("rfile.month_future", month=month))
        return
    try:
        pack = await span_pack(context.db, officer, span, now, zone=context.tz)
    except OutOfScope:
        await refuse(update, context, context.t("denied.scope"))
        return
    scope = recap_captions.scope_label(context.lang, pack)
    if not pack.period.briefings:
        await _say(update, context, context.t("rfile.month_empty", month=month, scope=scope))
        return
    await context.bot.send_chat_action(_chat_id(update), ChatAction.UPLOAD_DOCUMENT)
    files = await asyncio.to_thread(
        recap_files.month_files, pack, span.first, context.lang, context.tz
    )
    caption = context.t(
        "rfile.month_caption",
        month=month,
        scope=scope,
        briefings=len(pack.period.briefings),
        percent=pack.period.totals.percent,
        average=round(100 * pack.regency_rate),
    )
    await _send(update, context, files.workbook, caption)


def handlers() -> list[BaseHandler[Update, HumasContext, Any]]:
    """The recap's chart, Excel and CSV buttons, and /laporan_bulanan."""
    command = spec("laporan_bulanan")
    return [
        CommandHandler([command.name, *command.aliases], laporan_bulanan),
        CallbackQueryHandler(on_month, pattern=MONTH.matches),
        CallbackQueryHandler(on_briefing_chart, pattern=BRIEFING_CHART.matches),
        CallbackQueryHandler(on_briefing_excel, pattern=BRIEFING_EXCEL.matches),
        CallbackQueryHandler(on_briefing_csv, pattern=BRIEFING_CSV.matches),
        CallbackQueryHandler(on_period_chart, pattern=PERIOD_CHART.matches),
        CallbackQueryHandler(on_period_excel, pattern=PERIOD_EXCEL.matches),
        CallbackQueryHandler(on_period_csv, pattern=PERIOD_CSV.matches),
    ]
