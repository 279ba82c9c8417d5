"""/rekap: which units of the coordinator's scope reported, for a briefing or a period,
with the missing ones named; drill down regency → kecamatan → desa; "🔔 Ingatkan yang
belum". The figures come from db/recap.py (its docstring holds the counting rules),
the screens from handlers/recap_view.py, the reminder from scheduler/recap_reminders.py.
"""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.core.periods import MAX_DAYS, PeriodError, Span, parse_span, preset, today_in
from bot.core.texts import esc, fmt_short
from db import recap, recap_area, recap_lists
from db.officers import Officer
from db.scope import OutOfScope
from handlers.commands import spec
from handlers.context import HumasContext
from handlers.conversation import END, conversation, show
from handlers.guard import guarded, refuse
from handlers.recap_files import briefing_file_buttons, period_file_buttons
from handlers.recap_view import (
    BRIEFING,
    PERIOD,
    PICK,
    PICK_SIZE,
    PRESET,
    REMIND,
    REMIND_YES,
    TYPED,
    Screen,
    briefing_body,
    cut,
    day,
    drill_buttons,
    label,
    nav_row,
    paged,
    pages,
    period_body,
    period_buttons,
    plain,
    totals_text,
    unit_body,
    up_button,
)
from handlers.webapp_button import dashboard_rows
from scheduler.recap_reminders import NothingToRemind, TooSoon, remind_unreported

ASK_RANGE = 0


# ---- picking --------------------------------------------------------------------------


async def pick_screen(context: HumasContext, viewer: Officer, page: int) -> Screen:
    now = context.clock.now()
    area = await recap_area.area_of(context.db, viewer)
    _, total = await recap_lists.recent_briefings(context.db, viewer, now, limit=0)
    count = max(1, -(-total // PICK_SIZE))
    page = min(page, count - 1)
    briefings, _ = await recap_lists.recent_briefings(
        context.db, viewer, now, offset=page * PICK_SIZE, limit=PICK_SIZE
    )
    key = "rekap.pick" if briefings else "rekap.pick.none"
    text = context.t(key, area=label(context.lang, area.root))
    if count > 1:
        text += "\n" + context.t("rekap.pick.page", page=page + 1, pages=count)
    rows = [
        [
            InlineKeyboardButton(
                cut(
                    context.t(
                        "rekap.pick.item.running" if info.running(now) else "rekap.pick.item",
                        id=info.id,
                        title=info.title,
                    ),
                    40,
                ),
                callback_data=BRIEFING.build(info.id, area.root.id, 0),
            )
        ]
        for info in briefings
    ]
    nav = nav_row(context.lang, page, count, PICK.build)
    if nav:
        rows.append(nav)
    rows.extend(period_buttons(context.lang))
    return text, InlineKeyboardMarkup(rows)


@guarded("coordinator")
async def rekap(update: Update, context: HumasContext) -> None:
    officer, message = context.officer, update.effective_message
    assert officer is not None and message is not None
    text, markup = await pick_screen(context, officer, 0)
    await message.reply_html(text, reply_markup=markup)


@guarded("coordinator")
async def on_pick(update: Update, context: HumasContext) -> None:
    query, officer = update.callback_query, context.officer
    assert query is not None and officer is not None
    page = PICK.parse(query.data)
    assert page is not None  # the handler's pattern
    await show(update, *await pick_screen(context, officer, page))


# ---- one briefing ---------------------------------------------------------------------


async def briefing_screen(
    context: HumasContext, viewer: Officer, briefing_id: int, area_id: int, page: int
) -> Screen | None:
    """The briefing's recap for ``area_id``; None when there is none for the viewer."""
    db, lang, now = context.db, context.lang, context.clock.now()
    area = await recap_area.area_of(db, viewer)
    found = await recap.briefing_recap(db, viewer, briefing_id, now, area_id=area_id)
    if found is None:
        return None
    info = found.briefing
    header = context.t(
        "rekap.briefing.header",
        id=info.id,
        title=esc(cut(info.title)),
        area=label(lang, found.scope),
        deadline=fmt_short(info.deadline, lang, context.tz),
        passed=(context.t("rekap.passed") if found.deadline_passed else "")
        + (context.t("rekap.closed") if info.status == "closed" else ""),
    )
    leaf = len(found.units) == 1 and found.units[0].unit.id == found.scope.id
    if leaf:
        unit = found.units[0]
        people = await recap_lists.unit_people(db, viewer, unit.unit.id, now)
        header = context.t(
            "rekap.unit.header",
            label=label(lang, unit.unit),
            where=context.t("rekap.where", kecamatan=esc(unit.unit.kecamatan_name))
            if unit.unit.kecamatan_name and unit.unit.kecamatan_id != unit.unit.id
            else "",
            id=info.id,
            title=esc(cut(info.title)),
            mark=context.t(f"rekap.mark.{unit.status}"),
            status=context.t(f"rekap.status.{unit.status}"),
        )
        body, targets = unit_body(lang, context.tz, unit, people), list[int]()
    else:
        header += "\n\n" + totals_text(lang, found.totals)
        body, targets = briefing_body(lang, found, found.scope.kind == "kabupaten")
    text, page, count = paged(lang, header, body, page)
    rows: list[list[InlineKeyboardButton]] = []
    if targets:
        shown = set(_page_lines(body, page))
        drill = [unit_id for index, unit_id in enumerate(targets) if unit_id and index in shown]
        rows.extend(drill_buttons(lang, found, drill, info.id))
    nav = nav_row(lang, page, count, lambda p: BRIEFING.build(info.id, found.scope.id, p))
    if nav:
        rows.append(nav)
    if (
        found.scope.id == area.root.id
        and info.status != "closed"
        and found.unreported
        and viewer.role != "officer"
    ):
        rows.append(
            [
                InlineKeyboardButton(
                    context.t("rekap.button.remind", count=len(found.unreported)),
                    callback_data=REMIND.build(info.id),
                )
            ]
        )
    rows.append(briefing_file_buttons(lang, info.id, found.scope.id))
    rows.extend(dashboard_rows(context, briefing=info.id, area=found.scope.id))
    rows.append(up_button(lang, area, found.scope, lambda unit: BRIEFING.build(info.id, unit, 0)))
    return text, InlineKeyboardMarkup(rows)


def _page_lines(body: list[str], page: int) -> range:
    """The indexes of the body lines on ``page`` (as handlers/recap_view.pages cuts them)."""
    split = pages(body)
    page = min(page, len(split) - 1)
    start = sum(len(part) for part in split[:page])
    return range(start, start + len(split[page]))


@guarded("coordinator")
async def on_briefing(update: Update, context: HumasContext) -> None:
    query, officer = update.callback_query, context.officer
    assert query is not None and officer is not None
    pressed = BRIEFING.parse(query.data)
    assert pressed is not None  # the handler's pattern
    try:
        screen = await briefing_screen(context, officer, *pressed)
    except OutOfScope:
        await refuse(update, context, context.t("denied.scope"))
        return
    if screen is None:
        await refuse(update, context, context.t("rekap.not_found"))
        return
    await show(update, *screen)


# ---- a period -------------------------------------------------------------------------


async def period_screen(
    context: HumasContext, viewer: Officer, span: Span, area_id: int, page: int
) -> Screen:
    db, lang, now = context.db, context.lang, context.clock.now()
    area = await recap_area.area_of(db, viewer)
    start, end = span.bounds(context.tz)
    found = await recap.period_recap(db, viewer, start, end, now, zone=context.tz, area_id=area_id)
    first, last = day(span.first, lang), day(span.last, lang)
    scope = found.scope
    leaf = all(unit.unit.id == scope.id for unit in found.units) and bool(found.units)
    targets: list[int] = []
    if leaf:
        counts = found.totals
        header = context.t(
            "rekap.period.unit_header",
            label=label(lang, scope),
            where=context.t("rekap.where", kecamatan=esc(scope.kecamatan_name))
            if scope.kecamatan_name and scope.kecamatan_id != scope.id
            else "",
            first=first,
            last=last,
            reported=counts.reported,
            targeted=counts.targeted,
            percent=counts.percent,
        )
        body = [
            context.t(
                "rekap.period.briefing",
                mark=context.t(f"rekap.mark.{_status_of(line.counts)}"),
                id=line.briefing.id,
                title=esc(cut(line.briefing.title, 24)),
                deadline=fmt_short(line.briefing.deadline, lang, context.tz),
            )
            for line in found.briefings
        ]
    else:
        header = context.t(
            "rekap.period.header",
            first=first,
            last=last,
            area=label(lang, scope),
            count=len(found.briefings),
        )
        if found.totals.targeted:
            header += "\n\n" + context.t(
                "rekap.period.totals",
                targeted=found.totals.targeted,
                on_time=found.totals.on_time,
                late=found.totals.late,
                missing=found.totals.missing,
                rejected=found.totals.rejected_only,
                percent=found.totals.percent,
                on_time_percent=round(100 * found.totals.on_time_rate),
            )
            body, targets = period_body(lang, found, scope.kind == "kabupaten")
        else:
            body = [context.t("rekap.period.none")]
    text, page, count = paged(lang, header, body, page)
    build = span.code
    rows: list[list[InlineKeyboardButton]] = []
    shown = set(_page_lines(body, page))
    drill = [unit_id for index, unit_id in enumerate(targets) if unit_id and index in shown]
    buttons = [
        InlineKeyboardButton(
            cut(
                context.t(
                    "rekap.button.drill",
                    label=_plain_group(lang, found, unit_id),
                    percent=_group_percent(found, unit_id),
                ),
                30,
            ),
            callback_data=PERIOD.build(build, unit_id, 0),
        )
        for unit_id in drill
    ]
    rows.extend(buttons[i : i + 2] for i in range(0, len(buttons), 2))
    nav = nav_row(lang, page, count, lambda p: PERIOD.build(build, scope.id, p))
    if nav:
        rows.append(nav)
    if found.totals.targeted:
        rows.append(period_file_buttons(lang, span, scope.id))
        rows.extend(dashboard_rows(context, period=span.code, area=scope.id))
    rows.append(up_button(lang, area, scope, lambda unit: PERIOD.build(build, unit, 0)))
    return text, InlineKeyboardMarkup(rows)


def _status_of(counts: recap.Counts) -> recap.Status:
    for status in recap.STATUSES:
        if getattr(counts, status):
            return status
    return "missing"


def _plain_group(lang: str, found: recap.PeriodRecap, unit_id: int) -> str:
    group = next(group for group in found.groups if group.unit.id == unit_id)
    return plain(label(lang, group.unit))


def _group_percent(found: recap.PeriodRecap, unit_id: int) -> int:
    return next(group.counts.percent for group in found.groups if group.unit.id == unit_id)


async def _show_period(
    update: Update, context: HumasContext, span: Span, area_id: int | None, page: int
) -> None:
    officer = context.officer
    assert officer is not None
    if area_id is None:
        area_id = (await recap_area.area_of(context.db, officer)).root.id
    try:
        screen = await period_screen(context, officer, span, area_id, page)
    except OutOfScope:
        await refuse(update, context, context.t("denied.scope"))
        return
    await show(update, *screen)


@guarded("coordinator")
async def on_preset(update: Update, context: HumasContext) -> None:
    query = update.callback_query
    assert query is not None
    name = PRESET.parse(query.data)
    assert name is not None  # the handler's pattern
    today = today_in(context.clock.now(), context.tz)
    await _show_period(update, context, preset(name, today), None, 0)


@guarded("coordinator")
async def on_period(update: Update, context: HumasContext) -> None:
    query = update.callback_query
    assert query is not None
    pressed = PERIOD.parse(query.data)
    assert pressed is not None  # the handler's pattern
    code, area_id, page = pressed
    span = Span.of_code(code)
    assert span is not None  # SpanCode only parses real spans
    await _show_period(update, context, span, area_id, page)


@guarded("coordinator")
async def ask_range(update: Update, context: HumasContext) -> int:
    query = update.callback_query
    assert query is not None
    await query.answer()
    assert query.message is not None
    await context.bot.send_message(
        query.message.chat.id, context.t("rekap.period.ask"), parse_mode="HTML"
    )
    return ASK_RANGE


@guarded("coordinator")
async def got_range(update: Update, context: HumasContext) -> int | None:
    message = update.effective_message
    assert message is not None and message.text is not None
    today = today_in(context.clock.now(), context.tz)
    try:
        span = parse_span(message.text, today)
    except PeriodError as exc:
        key = {"long": "rekap.period.long", "future": "rekap.period.future"}.get(
            str(exc), "rekap.period.invalid"
        )
        await message.reply_html(context.t(key, days=MAX_DAYS))
        return None
    await _show_period(update, context, span, None, 0)
    return END


# ---- "Ingatkan yang belum" ------------------------------------------------------------


@guarded("coordinator")
async def on_remind(update: Update, context: HumasContext) -> None:
    query, officer = update.callback_query, context.officer
    assert query is not None and officer is not None
    briefing_id = REMIND.parse(query.data)
    assert briefing_id is not None  # the handler's pattern
    found = await recap.briefing_recap(context.db, officer, briefing_id, context.clock.now())
    if found is None:
        await refuse(update, context, context.t("rekap.not_found"))
        return
    if found.briefing.status == "closed" or not found.unreported:
        await refuse(update, context, context.t("rekap.remind.nothing"))
        return
    area = await recap_area.area_of(context.db, officer)
    text = context.t("rekap.remind.confirm", id=briefing_id, units=len(found.unreported))
    markup = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    context.t("rekap.remind.yes"), callback_data=REMIND_YES.build(briefing_id)
                ),
                InlineKeyboardButton(
                    context.t("button.cancel"),
                    callback_data=BRIEFING.build(briefing_id, area.root.id, 0),
                ),
            ]
        ]
    )
    await show(update, text, markup)


@guarded("coordinator")
async def on_remind_yes(update: Update, context: HumasContext) -> None:
    query, officer = update.callback_query, context.officer
    assert query is not None and officer is not None
    briefing_id = REMIND_YES.parse(query.data)
    assert briefing_id is not None  # the handler's pattern
    now = context.clock.now()
    try:
        done = await remind_unreported(context.services, officer, briefing_id, now)
    except TooSoon as exc:
        await refuse(
            update,
            context,
            context.t(
                "rekap.remind.too_soon",
                at=fmt_short(exc.sent_at, context.lang, context.tz),
                again=fmt_short(exc.again_at, context.lang, context.tz),
            ),
        )
        return
    except OutOfScope:
        await refuse(update, context, context.t("rekap.not_found"))
        return
    except NothingToRemind:
        await refuse(update, context, context.t("rekap.remind.nothing"))
        return
    text = context.t("rekap.remind.done", people=done.people, units=done.units)
    if done.unreachable_units:
        text += "\n" + context.t("rekap.remind.unreachable", count=done.unreachable_units)
    area = await recap_area.area_of(context.db, officer)
    back = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    context.t("button.back"),
                    callback_data=BRIEFING.build(briefing_id, area.root.id, 0),
                )
            ]
        ]
    )
    await show(update, text, back)


def handlers() -> list[BaseHandler[Update, HumasContext, Any]]:
    """/rekap, its screens, the typed range and the reminder."""
    command = spec("rekap")
    return [
        CommandHandler([command.name, *command.aliases], rekap),
        CallbackQueryHandler(on_pick, pattern=PICK.matches),
        CallbackQueryHandler(on_briefing, pattern=BRIEFING.matches),
        CallbackQueryHandler(on_preset, pattern=PRESET.matches),
        CallbackQueryHandler(on_period, pattern=PERIOD.matches),
        CallbackQueryHandler(on_remind, pattern=REMIND.matches),
        CallbackQueryHandler(on_remind_yes, pattern=REMIND_YES.matches),
        conversation(
            "rekap.range",
            [CallbackQueryHandler(ask_range, pattern=TYPED.matches)],
            {ASK_RANGE: [MessageHandler(filters.TEXT & ~filters.COMMAND, got_range)]},
        ),
    ]
