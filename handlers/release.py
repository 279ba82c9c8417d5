"""/rilis: compose a press release step by step, get it as a message and a .docx, send it
for review.

Every answer is saved as it arrives (db/releases.py; ``releases.step`` says where
composing stopped), so /batal, a timeout or a restart loses nothing: the next /rilis
offers to continue or start afresh, and a release a reviewer asked to revise is
reopened with its answers kept (each step offers "Tetap" to keep one). "Selesai" on
the photo step assembles the release (scheduler/release_document.py) and sends it
back; "Kirim untuk ditinjau" puts it in the coordinators' /tinjau queue.

Callback data (under ``rl:``): ``resume`` / ``fresh`` / ``new`` / ``fix:<id>``,
``prog:<id>`` / ``noprog``, ``keep``, ``skip``, ``more:yes|no``, ``done``, ``x``; sending
the finished release back and for review is handlers/release_send.py.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from dataclasses import replace
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.core.callback_data import ID, Choice, Fixed, Route, any_of
from bot.core.texts import esc
from db import programs as programs_db
from db import releases as releases_db
from db.releases import MAX_PHOTOS, Quote, Release, ReleaseError
from handlers.buttons import button
from handlers.commands import spec
from handlers.context import HumasContext
from handlers.conversation import CANCEL_COMMANDS, END, conversation, remove_keyboard, show
from handlers.draft_dialogue import cancel_row, draft_gone, own_draft, resume_keyboard
from handlers.evidence import keep_file
from handlers.guard import guarded, refuse
from handlers.release_send import SEND, send_release

STEPS = (
    "program",
    "title",
    "what",
    "who",
    "happened_at",
    "place",
    "why",
    "how",
    "quote1",
    "speaker1",
    "position1",
    "more",
    "quote2",
    "speaker2",
    "position2",
    "contact",
    "photos",
)
STATE = {step: number for number, step in enumerate(STEPS)}
RESUME = len(STEPS)
OPTIONAL = {"contact"}
_QUOTE_PARTS = {"quote": "text", "speaker": "speaker", "position": "position"}
CANCEL = Fixed("rl:x")
RESUME_DRAFT = Fixed("rl:resume")
FRESH_DRAFT = Fixed("rl:fresh")
NEW_RELEASE = Fixed("rl:new")
FIX = Route("rl:fix", ID)
PROGRAM = Route("rl:prog", ID)
NO_PROGRAM = Fixed("rl:noprog")
KEEP = Fixed("rl:keep")
SKIP = Fixed("rl:skip")
MORE = Route("rl:more", Choice("yes", "no"))
DONE = Fixed("rl:done")
_ID = "release.draft"
_PROGRAMS_SHOWN = 10
_KEPT_SHOWN = 40


def _cancel_row(context: HumasContext) -> list[InlineKeyboardButton]:
    return cancel_row(context, CANCEL)


async def _draft(context: HumasContext) -> Release | None:
    """The release being composed, re-read from the database (still the author's draft)."""
    return await own_draft(context, _ID, releases_db.by_id)


def _split(step: str) -> tuple[str, int]:
    """``quote2`` -> ("quote", 1): a quote step's part and the quote's position."""
    return step[:-1], int(step[-1]) - 1


def current_answer(release: Release, step: str) -> str:
    """What the draft already holds for a typed step ("" if nothing)."""
    if step in releases_db.TEXT_FIELDS:
        return str(getattr(release, step))
    part, index = _split(step)
    if index >= len(release.quotes):
        return ""
    return str(getattr(release.quotes[index], _QUOTE_PARTS[part]))


# ---- asking each step ------------------------------------------------------------------


async def _ask(update: Update, context: HumasContext, release: Release) -> int:
    """Ask the step the draft is at."""
    step = release.step or "program"
    header = context.t("release.step", number=STEPS.index(step) + 1, total=len(STEPS))
    if step == "program" and not release.title:
        header = context.t("release.intro") + "\n\n" + header
    if step == "program":
        programs = await programs_db.list_active(context.db)
        rows = [
            [
                button(
                    context,
                    "release.program_button",
                    PROGRAM.build(item.id),
                    mark="✅ " if item.id == release.program_id else "",
                    name=item.name[:40],
                )
            ]
            for item in programs[:_PROGRAMS_SHOWN]
        ]
        rows.append([button(context, "release.button.no_program", NO_PROGRAM.data)])
        markup = InlineKeyboardMarkup([*rows, _cancel_row(context)])
        await show(update, header + context.t("release.ask.program"), markup)
    elif step == "more":
        markup = InlineKeyboardMarkup(
            [
                [button(context, "release.button.second_quote", MORE.build("yes"))],
                [button(context, "release.button.no_second_quote", MORE.build("no"))],
                _cancel_row(context),
            ]
        )
        await show(update, header + context.t("release.ask.more"), markup)
    elif step == "photos":
        markup = InlineKeyboardMarkup(
            [[button(context, "release.button.done", DONE.data)], _cancel_row(context)]
        )
        text = context.t("release.ask.photos", count=len(release.photos), limit=MAX_PHOTOS)
        await show(update, header + text, markup)
    else:
        rows = []
        kept = current_answer(release, step)
        if kept:
            shown = kept if len(kept) <= _KEPT_SHOWN else kept[: _KEPT_SHOWN - 1] + "…"
            rows.append([button(context, "release.button.keep", KEEP.data, answer=shown)])
        if step in OPTIONAL:
            rows.append([button(context, "release.button.skip", SKIP.data)])
        base, number = (step, 0) if step in releases_db.TEXT_FIELDS else _split(step)
        text = context.t(f"release.ask.{base}", number=number + 1)
        await show(update, header + text, InlineKeyboardMarkup([*rows, _cancel_row(context)]))
    return STATE[step]


async def _next(
    update: Update, context: HumasContext, release: Release, done_step: str, **fields: Any
) -> int:
    """Save ``fields``, move to the step after ``done_step`` and ask it."""
    following = STEPS[STEPS.index(done_step) + 1]
    return await _go(update, context, release, following, **fields)


async def _go(
    update: Update, context: HumasContext, release: Release, step: str, **fields: Any
) -> int:
    officer = context.officer
    assert officer is not None
    saved = await releases_db.save_draft(
        context.db, release.id, officer.id, context.clock.now(), step=step, **fields
    )
    if saved is None:
        await show(update, context.t("release.gone"))
        return END
    return await _ask(update, context, saved)


async def _problem(update: Update, context: HumasContext, error: ReleaseError) -> None:
    await refuse(
        update, context, context.t(f"release.problem.{error.problem.value}", limit=error.limit)
    )


# ---- entry, resume, cancel ------------------------------------------------------------


async def _start(update: Update, context: HumasContext) -> int:
    officer = context.officer
    assert officer is not None
    draft = await releases_db.start_draft(context.db, officer, "program", context.clock.now())
    context.user_data[_ID] = draft.id
    return await _ask(update, context, draft)


@guarded("officer")
async def rilis(update: Update, context: HumasContext) -> int:
    officer = context.officer
    message = update.effective_message
    assert officer is not None and message is not None
    draft = await releases_db.draft_of(context.db, officer.id)
    if draft is not None:
        context.user_data[_ID] = draft.id
        step = draft.step or "program"
        keyboard = resume_keyboard(context, "release", RESUME_DRAFT, FRESH_DRAFT, CANCEL)
        text = context.t(
            "release.resume",
            title=esc(draft.title or "…"),
            number=STEPS.index(step) + 1,
            total=len(STEPS),
        )
        await message.reply_html(text, reply_markup=keyboard)
        return RESUME
    to_revise = await releases_db.to_revise(context.db, officer.id)
    if to_revise is not None:
        keyboard = InlineKeyboardMarkup(
            [
                [button(context, "release.button.fix", FIX.build(to_revise.id))],
                [button(context, "release.button.new", NEW_RELEASE.data)],
                _cancel_row(context),
            ]
        )
        note = to_revise.review_note or "—"
        text = context.t("release.revise", title=esc(to_revise.title), note=esc(note))
        await message.reply_html(text, reply_markup=keyboard)
        return RESUME
    return await _start(update, context)


@guarded("officer")
async def on_resume(update: Update, context: HumasContext) -> int:
    query = update.callback_query
    officer = context.officer
    assert query is not None and officer is not None
    fix = FIX.parse(query.data)
    if fix is not None:
        reopened = await releases_db.reopen(
            context.db, fix, officer.id, "program", context.clock.now()
        )
        if reopened is None:
            await refuse(update, context, context.t("denied.button"))
            return END
        context.user_data[_ID] = reopened.id
        return await _ask(update, context, reopened)
    if NEW_RELEASE.matches(query.data):
        return await _start(update, context)
    draft = await _draft(context)
    if draft is None:
        return await draft_gone(update, context)
    if FRESH_DRAFT.matches(query.data):
        await releases_db.discard_draft(context.db, draft.id, officer.id)
        return await _start(update, context)
    return await _ask(update, context, draft)


@guarded("officer")
async def on_cancel(update: Update, context: HumasContext) -> int:
    """/batal or "Batal": the draft stays saved for the next /rilis."""
    await show(update, context.t("release.cancelled"))
    return END


# ---- answers ------------------------------------------------------------------------------


async def _typed(
    update: Update, context: HumasContext, release: Release, step: str, text: str
) -> int:
    if step in releases_db.TEXT_FIELDS:
        return await _next(update, context, release, step, **{step: releases_db.clean(step, text)})
    part, index = _split(step)
    answer = releases_db.clean(part, text)
    quotes = list(release.quotes)
    if part == "quote" and index == len(quotes):
        quotes.append(Quote(answer, "", ""))
    elif index < len(quotes):
        quotes[index] = replace(quotes[index], **{_QUOTE_PARTS[part]: answer})
    else:  # a speaker before the quote itself: ask the quote first
        return await _go(update, context, release, f"quote{index + 1}")
    return await _next(update, context, release, step, quotes=quotes)


def _text_handler(step: str) -> Callable[[Update, HumasContext], Coroutine[Any, Any, int]]:
    @guarded("officer")
    async def on_text(update: Update, context: HumasContext) -> int:
        message = update.effective_message
        assert message is not None and message.text is not None
        release = await _draft(context)
        if release is None:
            await message.reply_text(context.t("release.gone"))
            return END
        try:
            return await _typed(update, context, release, step, message.text)
        except ReleaseError as error:
            await _problem(update, context, error)
            return STATE[step]

    on_text.__name__ = on_text.__qualname__ = f"on_{step}"
    return on_text


def _may_pass(release: Release, step: str, data: object) -> bool:
    """ "Tetap" keeps an answer the draft holds; "Lewati" passes an optional step."""
    if KEEP.matches(data):
        return step not in ("program", "more", "photos") and bool(current_answer(release, step))
    return step in OPTIONAL


@guarded("officer")
async def on_keep_or_skip(update: Update, context: HumasContext) -> int:
    query = update.callback_query
    assert query is not None
    release = await _draft(context)
    if release is None:
        return await draft_gone(update, context)
    step = release.step or "program"
    if not _may_pass(release, step, query.data):
        await refuse(update, context, context.t("denied.button"))
        return STATE[step]
    fields = {step: ""} if SKIP.matches(query.data) else {}
    return await _next(update, context, release, step, **fields)


@guarded("officer")
async def on_program(update: Update, context: HumasContext) -> int:
    query = update.callback_query
    assert query is not None
    release = await _draft(context)
    if release is None:
        return await draft_gone(update, context)
    program_id = PROGRAM.parse(query.data)
    if program_id is not None:
        program = await programs_db.by_id(context.db, program_id)
        if program is None or program.status != "active":
            await refuse(update, context, context.t("denied.button"))
            return STATE["program"]
    return await _next(update, context, release, "program", program_id=program_id)


@guarded("officer")
async def on_more(update: Update, context: HumasContext) -> int:
    query = update.callback_query
    assert query is not None
    release = await _draft(context)
    if release is None or release.step != "more":
        await refuse(update, context, context.t("denied.button"))
        return END if release is None else STATE[release.step or "program"]
    if MORE.parse(query.data) == "yes":
        return await _next(update, context, release, "more")
    return await _go(update, context, release, "contact", quotes=list(release.quotes[:1]))


@guarded("officer")
async def on_photo(update: Update, context: HumasContext) -> int:
    message = update.effective_message
    officer = context.officer
    assert message is not None and officer is not None and message.photo
    release = await _draft(context)
    if release is None:
        await message.reply_text(context.t("release.gone"))
        return END
    try:
        count = await releases_db.add_photo(
            context.db, release.id, officer.id, message.photo[-1].file_id, context.clock.now()
        )
    except ReleaseError as error:
        await _problem(update, context, error)
        return STATE["photos"]
    await keep_file(context, message, "release")
    markup = InlineKeyboardMarkup([[button(context, "release.button.done", DONE.data)]])
    await message.reply_html(
        context.t("release.photo_saved", count=count, limit=MAX_PHOTOS), reply_markup=markup
    )
    return STATE["photos"]


@guarded("officer")
async def on_not_photo(update: Update, context: HumasContext) -> int:
    assert update.effective_message is not None
    await update.effective_message.reply_text(context.t("release.photo_only"))
    return STATE["photos"]


# ---- finishing and sending for review -------------------------------------------------------


@guarded("officer")
async def on_done(update: Update, context: HumasContext) -> int:
    query = update.callback_query
    officer = context.officer
    assert query is not None and officer is not None
    message = query.message
    assert isinstance(message, Message)
    release = await _draft(context)
    if release is None or release.step != "photos":
        await refuse(update, context, context.t("denied.button"))
        return END if release is None else STATE[release.step or "program"]
    finished = await releases_db.finish(context.db, release.id, officer.id, context.clock.now())
    if finished is None:
        await refuse(update, context, context.t("denied.button"))
        return END
    await query.answer()
    await remove_keyboard(query)
    context.user_data.pop(_ID, None)
    markup = InlineKeyboardMarkup(
        [[button(context, "release.button.send", SEND.build(finished.id))]]
    )
    await send_release(context, message, finished, markup)
    return END


# ---- wiring --------------------------------------------------------------------------------

_TEXT = filters.TEXT & ~filters.COMMAND
TYPED_STEPS = [step for step in STEPS if step not in ("program", "more", "photos")]


def _states() -> dict[object, list[BaseHandler[Update, HumasContext, Any]]]:
    cancel: list[BaseHandler[Update, HumasContext, Any]] = [
        CommandHandler(list(CANCEL_COMMANDS), on_cancel),
        CallbackQueryHandler(on_cancel, pattern=CANCEL.matches),
    ]
    states: dict[object, list[BaseHandler[Update, HumasContext, Any]]] = {
        RESUME: [
            CallbackQueryHandler(
                on_resume, pattern=any_of(RESUME_DRAFT, FRESH_DRAFT, NEW_RELEASE, FIX)
            )
        ],
        STATE["program"]: [CallbackQueryHandler(on_program, pattern=any_of(PROGRAM, NO_PROGRAM))],
        STATE["more"]: [CallbackQueryHandler(on_more, pattern=MORE.matches)],
        STATE["photos"]: [
            MessageHandler(filters.PHOTO, on_photo),
            CallbackQueryHandler(on_done, pattern=DONE.matches),
            MessageHandler(~filters.COMMAND, on_not_photo),
        ],
    }
    for step in TYPED_STEPS:
        states[STATE[step]] = [
            MessageHandler(_TEXT, _text_handler(step)),
            CallbackQueryHandler(on_keep_or_skip, pattern=any_of(KEEP, SKIP)),
        ]
    for step_handlers in states.values():
        step_handlers.extend(cancel)
    return states


def handlers() -> list[BaseHandler[Update, HumasContext, Any]]:
    """The /rilis dialogue."""
    return [
        conversation(
            "release",
            entry_points=[CommandHandler(["rilis", *spec("rilis").aliases], rilis)],
            states=_states(),
        ),
    ]
