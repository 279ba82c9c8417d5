"""/agenda: the programs' timeline by horizon with their dates and briefings (finished
programs too, paged; coordinators see each program's compliance in their scope), and
/peringkat: the month's most reliable units of a coordinator's scope, or an officer's
own unit's place and streak (never a list of others). The rules: db/agenda.py and
db/recap_lists.py.

Callback data (bot/core/callback_data.py): ``ag:p:<page>`` a page of the agenda,
``pk:p:<page>`` a page of the ranking.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.core.callback_data import INDEX, Route
from bot.core.periods import preset, today_in
from bot.core.texts import esc
from db import agenda as agenda_db
from db import recap_area, recap_lists
from db.officers import Officer
from handlers.commands import spec
from handlers.context import HumasContext
from handlers.conversation import show
from handlers.guard import guarded
from handlers.recap_view import cut, day, label, nav_row

AGENDA_PAGE = Route("ag:p", INDEX)
RANK_PAGE = Route("pk:p", INDEX)
PROGRAMS_PER_PAGE = 4
RANKS_PER_PAGE = 15

Screen = tuple[str, InlineKeyboardMarkup | None]


async def agenda_screen(context: HumasContext, viewer: Officer, page: int) -> Screen:
    db, lang, now = context.db, context.lang, context.clock.now()
    _, total = await agenda_db.agenda(db, now, limit=0)
    if total == 0:
        return context.t("agenda.none"), None
    count = -(-total // PROGRAMS_PER_PAGE)
    page = min(page, count - 1)
    items, _ = await agenda_db.agenda(
        db, now, offset=page * PROGRAMS_PER_PAGE, limit=PROGRAMS_PER_PAGE
    )
    compliance = (
        await recap_lists.program_compliance(db, viewer, [item.program.id for item in items], now)
        if viewer.role != "officer"
        else {}
    )
    lines = [context.t("agenda.header")]
    if count > 1:
        lines[0] += " " + context.t("rekap.page", page=page + 1, pages=count)
    horizon = None
    for item in items:
        program = item.program
        if program.horizon != horizon:
            horizon = program.horizon
            lines += ["", context.t("agenda.horizon", name=context.t(f"program.horizon.{horizon}"))]
        lines.append(
            context.t(
                "agenda.program",
                mark=context.t(f"agenda.mark.{program.status}"),
                name=esc(cut(program.name, 34)),
                starts=day(program.starts_on, lang),
                ends=day(program.ends_on, lang),
                status=context.t(f"agenda.status.{program.status}"),
            )
        )
        counts = compliance.get(program.id)
        if counts is not None and counts.targeted:
            lines.append(
                context.t(
                    "agenda.compliance",
                    reported=counts.reported,
                    targeted=counts.targeted,
                    percent=counts.percent,
                )
            )
        lines.extend(
            context.t(
                "agenda.briefing",
                id=info.id,
                title=esc(cut(info.title, 22)),
                deadline=day(info.deadline.astimezone(context.tz).date(), lang),
            )
            for info in item.briefings
        )
        if not item.briefings:
            lines.append(context.t("agenda.no_briefings"))
        elif item.briefing_count > len(item.briefings):
            lines.append(context.t("agenda.more", count=item.briefing_count - len(item.briefings)))
    nav = nav_row(lang, page, count, AGENDA_PAGE.build)
    return "\n".join(lines), InlineKeyboardMarkup([nav]) if nav else None


@guarded("officer")
async def agenda(update: Update, context: HumasContext) -> None:
    officer, message = context.officer, update.effective_message
    assert officer is not None and message is not None
    text, markup = await agenda_screen(context, officer, 0)
    await message.reply_html(text, reply_markup=markup)


@guarded("officer")
async def on_agenda_page(update: Update, context: HumasContext) -> None:
    query, officer = update.callback_query, context.officer
    assert query is not None and officer is not None
    page = AGENDA_PAGE.parse(query.data)
    assert page is not None  # the handler's pattern
    await show(update, *await agenda_screen(context, officer, page))


# ---- /peringkat -----------------------------------------------------------------------


def _month(context: HumasContext) -> tuple[datetime, datetime, str]:
    """This month in the configured zone: its UTC bounds and its name."""
    span = preset("this_month", today_in(context.clock.now(), context.tz))
    start, end = span.bounds(context.tz)
    name = day(span.first, context.lang).split(" ", 1)[1]
    return start, end, name


async def ranking_screen(context: HumasContext, viewer: Officer, page: int) -> Screen:
    db, lang, now = context.db, context.lang, context.clock.now()
    start, end, month = _month(context)
    if viewer.role == "officer":
        mine = await recap_lists.standing(db, viewer, start, end, now, zone=context.tz)
        area = await recap_area.area_of(db, viewer)
        unit = label(lang, area.root)
        if mine.position is None:
            text = context.t("rank.mine.none", unit=unit)
        else:
            text = context.t(
                "rank.mine",
                unit=unit,
                position=mine.position,
                of=mine.of,
                month=month,
                on_time=mine.counts.on_time,
                targeted=mine.counts.targeted,
                percent=round(100 * mine.counts.on_time_rate),
            )
        if mine.streak:
            text += "\n" + context.t("rank.streak", count=mine.streak)
        return text, None
    ranks = await recap_lists.ranking(db, viewer, start, end, now, zone=context.tz)
    area = await recap_area.area_of(db, viewer)
    header = context.t("rank.header", month=month, area=label(lang, area.root))
    if not ranks:
        return header + "\n\n" + context.t("rank.none"), None
    count = -(-len(ranks) // RANKS_PER_PAGE)
    page = min(page, count - 1)
    shown = ranks[page * RANKS_PER_PAGE : (page + 1) * RANKS_PER_PAGE]
    lines = [
        context.t(
            "rank.item",
            position=rank.position,
            label=label(lang, rank.unit.unit),
            on_time=rank.unit.counts.on_time,
            targeted=rank.unit.counts.targeted,
            reported=rank.unit.counts.reported,
        )
        for rank in shown
    ]
    text = header + "\n\n" + "\n".join(lines)
    if count > 1:
        text += "\n\n" + context.t("rekap.page", page=page + 1, pages=count)
    nav = nav_row(lang, page, count, RANK_PAGE.build)
    return text, InlineKeyboardMarkup([nav]) if nav else None


@guarded("officer")
async def peringkat(update: Update, context: HumasContext) -> None:
    officer, message = context.officer, update.effective_message
    assert officer is not None and message is not None
    if not context.config.recap.ranking:
        await message.reply_text(context.t("rank.off"))
        return
    text, markup = await ranking_screen(context, officer, 0)
    await message.reply_html(text, reply_markup=markup)


@guarded("coordinator")
async def on_rank_page(update: Update, context: HumasContext) -> None:
    query, officer = update.callback_query, context.officer
    assert query is not None and officer is not None
    page = RANK_PAGE.parse(query.data)
    assert page is not None  # the handler's pattern
    if not context.config.recap.ranking:
        await show(update, context.t("rank.off"))
        return
    await show(update, *await ranking_screen(context, officer, page))


def handlers() -> list[BaseHandler[Update, HumasContext, Any]]:
    """/agenda and /peringkat with their pages."""
    agenda_spec, rank_spec = spec("agenda"), spec("peringkat")
    return [
        CommandHandler([agenda_spec.name, *agenda_spec.aliases], agenda),
        CallbackQueryHandler(on_agenda_page, pattern=AGENDA_PAGE.matches),
        CommandHandler([rank_spec.name, *rank_spec.aliases], peringkat),
        CallbackQueryHandler(on_rank_page, pattern=RANK_PAGE.matches),
    ]
