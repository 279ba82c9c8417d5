"""/program: the active strategic programs; admins and regency coordinators manage them."""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.core.callback_data import ID, Choice, Fixed, Route
from bot.core.texts import esc
from db import programs as programs_db
from db.audit import Actor
from db.programs import HORIZONS, Program, ProgramError
from handlers.commands import spec
from handlers.context import HumasContext
from handlers.conversation import END, conversation, remove_keyboard
from handlers.guard import guarded, refuse
from handlers.replies import pressed_message

NEW = Fixed("pg:new")
HORIZON = Route("pg:h", Choice(*HORIZONS))
DONE = Route("pg:done", ID)
NAME, DESCRIPTION, PRIORITY, CHOOSE_HORIZON, PERIOD = range(5)
_DRAFT = "program.draft"
SKIP_WORDS = {"-", "lewati", "skip"}


def _line(context: HumasContext, program: Program) -> str:
    period = context.t(
        "program.period",
        start=program.starts_on.strftime("%d-%m-%Y"),
        end=program.ends_on.strftime("%d-%m-%Y"),
    )
    line = context.t(
        "program.item",
        priority=program.priority,
        name=esc(program.name),
        horizon=context.t(f"program.horizon.{program.horizon}"),
        period=period,
    )
    if program.description:
        line += "\n" + context.t("program.description", text=esc(program.description))
    return line


@guarded("officer")
async def program(update: Update, context: HumasContext) -> None:
    officer = context.officer
    message = update.effective_message
    assert officer is not None and message is not None
    programs = await programs_db.list_active(context.db)
    lines = [context.t("program.header")] + [_line(context, item) for item in programs]
    if not programs:
        lines.append(context.t("program.none"))
    markup = None
    if await programs_db.can_manage(context.db, officer):
        rows = [[InlineKeyboardButton(context.t("program.button.new"), callback_data=NEW.data)]]
        rows += [
            [
                InlineKeyboardButton(
                    context.t("program.button.done", name=item.name[:40]),
                    callback_data=DONE.build(item.id),
                )
            ]
            for item in programs
        ]
        markup = InlineKeyboardMarkup(rows)
    await message.reply_html("\n\n".join(lines), reply_markup=markup)


async def _may_manage(update: Update, context: HumasContext) -> bool:
    officer = context.officer
    assert officer is not None
    if await programs_db.can_manage(context.db, officer):
        return True
    await refuse(update, context, context.t("program.denied"))
    return False


@guarded("coordinator")
async def new_program(update: Update, context: HumasContext) -> int:
    query = update.callback_query
    assert query is not None
    message = pressed_message(query)
    assert message is not None
    if not await _may_manage(update, context):
        return END
    await query.answer()
    context.user_data[_DRAFT] = {}
    await message.reply_html(context.t("program.ask_name"))
    return NAME


async def _problem(update: Update, context: HumasContext, error: ProgramError, state: int) -> int:
    assert update.effective_message is not None
    await update.effective_message.reply_text(context.t(f"program.problem.{error.problem.value}"))
    return state


@guarded("coordinator")
async def got_name(update: Update, context: HumasContext) -> int:
    message = update.effective_message
    assert message is not None and message.text is not None
    try:
        context.user_data.setdefault(_DRAFT, {})["name"] = programs_db.clean_name(message.text)
    except ProgramError as error:
        return await _problem(update, context, error, NAME)
    await message.reply_html(context.t("program.ask_description"))
    return DESCRIPTION


@guarded("coordinator")
async def got_description(update: Update, context: HumasContext) -> int:
    message = update.effective_message
    assert message is not None and message.text is not None
    text = "" if message.text.strip().lower() in SKIP_WORDS else message.text
    try:
        context.user_data.setdefault(_DRAFT, {})["description"] = programs_db.clean_description(
            text
        )
    except ProgramError as error:
        return await _problem(update, context, error, DESCRIPTION)
    await message.reply_html(context.t("program.ask_priority"))
    return PRIORITY


@guarded("coordinator")
async def got_priority(update: Update, context: HumasContext) -> int:
    message = update.effective_message
    assert message is not None and message.text is not None
    try:
        context.user_data.setdefault(_DRAFT, {})["priority"] = programs_db.parse_priority(
            message.text
        )
    except ProgramError as error:
        return await _problem(update, context, error, PRIORITY)
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    context.t(f"program.horizon.{horizon}"), callback_data=HORIZON.build(horizon)
                )
                for horizon in HORIZONS
            ]
        ]
    )
    await message.reply_html(context.t("program.ask_horizon"), reply_markup=keyboard)
    return CHOOSE_HORIZON


@guarded("coordinator")
async def got_horizon(update: Update, context: HumasContext) -> int:
    query = update.callback_query
    assert query is not None
    message = pressed_message(query)
    assert message is not None
    horizon = HORIZON.parse(query.data)
    assert horizon is not None  # the handler's pattern
    await query.answer()
    await remove_keyboard(query)
    context.user_data.setdefault(_DRAFT, {})["horizon"] = horizon
    await message.reply_html(context.t("program.ask_period"))
    return PERIOD


@guarded("coordinator")
async def got_period(update: Update, context: HumasContext) -> int:
    officer = context.officer
    message = update.effective_message
    assert officer is not None and message is not None and message.text is not None
    if not await _may_manage(update, context):
        return END
    draft = context.user_data.get(_DRAFT, {})
    try:
        starts_on, ends_on = programs_db.parse_period(message.text)
        made = await programs_db.create(
            context.db,
            name=draft["name"],
            description=draft.get("description", ""),
            priority=draft["priority"],
            horizon=draft["horizon"],
            starts_on=starts_on,
            ends_on=ends_on,
            actor=Actor.officer(officer.id, officer.telegram_id),
            at=context.clock.now(),
        )
    except ProgramError as error:
        if error.problem is programs_db.ProgramProblem.NAME_TAKEN:
            await message.reply_text(context.t("program.problem.name_taken"))
            return END
        return await _problem(update, context, error, PERIOD)
    context.user_data.pop(_DRAFT, None)
    await message.reply_html(context.t("program.created", line=_line(context, made)))
    return END


@guarded("coordinator")
async def mark_done(update: Update, context: HumasContext) -> None:
    query = update.callback_query
    officer = context.officer
    assert query is not None and officer is not None
    message = pressed_message(query)
    assert message is not None
    if not await _may_manage(update, context):
        return
    program_id = DONE.parse(query.data)
    assert program_id is not None  # the handler's pattern
    done = await programs_db.set_status(
        context.db,
        program_id,
        "done",
        Actor.officer(officer.id, officer.telegram_id),
        context.clock.now(),
    )
    if done is None:
        await refuse(update, context, context.t("denied.button"))
        return
    await query.answer()
    await message.reply_html(context.t("program.marked_done", name=esc(done.name)))


_TEXT = filters.TEXT & ~filters.COMMAND


def handlers() -> list[BaseHandler[Update, HumasContext, Any]]:
    """Programs: the list, a new one, marking one done."""
    return [
        CommandHandler(["program", *spec("program").aliases], program),
        conversation(
            "program",
            entry_points=[CallbackQueryHandler(new_program, pattern=NEW.matches)],
            states={
                NAME: [MessageHandler(_TEXT, got_name)],
                DESCRIPTION: [MessageHandler(_TEXT, got_description)],
                PRIORITY: [MessageHandler(_TEXT, got_priority)],
                CHOOSE_HORIZON: [CallbackQueryHandler(got_horizon, pattern=HORIZON.matches)],
                PERIOD: [MessageHandler(_TEXT, got_period)],
            },
        ),
        CallbackQueryHandler(mark_done, pattern=DONE.matches),
    ]
