"""/brief_baru: compose a briefing — the required parts first, then the preview, from which
the optional parts are added and the briefing is published now or at a time.

Every answer is saved in the database at once (``briefings.step`` says where composing
stopped), so /batal, a timeout or a restart loses nothing: the next /brief_baru offers
to continue the draft or start afresh. A fresh draft may start as a copy of an earlier
briefing of the same author ("📋 Salin dari briefing sebelumnya", db/briefing_copy.py).
Limits are checked at each step, including the whole message against Telegram's 4096
characters in every language. Target units are an audience choice (db/audience.py),
resolved within the author's scope again at publishing; "everyone in my scope" leaves
the author's own unit out.

This module holds the entry, the required parts and the wiring; the screens are in
handlers/briefing_compose_view.py, the optional parts and publishing in
handlers/briefing_compose_parts.py.

Callback data (all under ``bc:``): ``resume`` / ``fresh``, ``copy`` / ``copy:<id>``,
``prog:<id>``, ``add:<part>``, ``cap:<class>``, ``fmt:<code>|ok``, ``ch:<code>|ok``, ``back``, ``clear``,
``pub:now|later``, ``edit`` / ``edit:<step>``, ``x``; the audience picker uses ``bca:``
and ``bcu:``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import replace
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.core.callback_data import any_of
from bot.core.texts import esc
from db import audience as audience_db
from db import briefing_copy
from db import briefings as briefings_db
from db import programs as programs_db
from db.audience import Audience
from db.briefings import Briefing, BriefingError
from handlers import briefing_compose_caption as caption
from handlers import briefing_compose_parts as parts
from handlers import briefing_input
from handlers.briefing_compose_view import (
    ADD_PART,
    AUDIENCE,
    BACK,
    CANCEL,
    CAPTION_STEPS,
    CAPTION_VARIANT,
    CHANNEL,
    CLEAR,
    COPY_FROM,
    COPY_LIST,
    DRAFT_ID,
    EDIT_MENU,
    EDIT_STEP,
    FORMAT,
    FRESH_DRAFT,
    PARTS,
    PROGRAM,
    PUBLISH,
    RESUME,
    RESUME_DRAFT,
    SCHEDULE,
    STATE,
    advance,
    ask,
    button,
    cancel_row,
    current_draft,
    report_problem,
    still_fits,
)
from handlers.commands import spec
from handlers.context import HumasContext
from handlers.conversation import CANCEL_COMMANDS, END, conversation, show
from handlers.draft_dialogue import draft_gone, resume_keyboard
from handlers.guard import guarded, refuse
from handlers.when import read_time
from scheduler.holidays import deadline_warning

_TITLE_SHOWN = 40


# ---- entry, resume, copy, cancel ------------------------------------------------------


@guarded("coordinator")
async def brief_baru(update: Update, context: HumasContext) -> int:
    officer = context.officer
    message = update.effective_message
    assert officer is not None and message is not None
    draft = await briefings_db.draft_of(context.db, officer.id)
    if draft is not None:
        context.user_data[DRAFT_ID] = draft.id
        step = draft.step or "program"
        keyboard = resume_keyboard(context, "compose", RESUME_DRAFT, FRESH_DRAFT, CANCEL)
        await message.reply_html(
            context.t(
                "compose.resume",
                title=esc(draft.title or "…"),
                step=esc(context.t(f"compose.stepname.{step}")),
            ),
            reply_markup=keyboard,
        )
        return RESUME
    if not await programs_db.list_active(context.db):
        await message.reply_text(context.t("compose.no_programs"))
        return END
    draft = await briefings_db.start_draft(context.db, officer.id, context.clock.now())
    context.user_data[DRAFT_ID] = draft.id
    return await ask(update, context, draft)


@guarded("coordinator")
async def on_resume(update: Update, context: HumasContext) -> int:
    query = update.callback_query
    officer = context.officer
    assert query is not None and officer is not None
    draft = await current_draft(context)
    if draft is None:
        return await draft_gone(update, context)
    if FRESH_DRAFT.matches(query.data):
        await briefings_db.discard_draft(context.db, draft.id, officer.id)
        if not await programs_db.list_active(context.db):
            await show(update, context.t("compose.no_programs"))
            return END
        draft = await briefings_db.start_draft(context.db, officer.id, context.clock.now())
        context.user_data[DRAFT_ID] = draft.id
    return await ask(update, context, draft)


@guarded("coordinator")
async def on_copy_list(update: Update, context: HumasContext) -> int:
    """The author's earlier briefings to start from."""
    officer = context.officer
    assert officer is not None
    draft = await current_draft(context)
    if draft is None:
        return await draft_gone(update, context)
    rows = [
        [
            button(
                context,
                "compose.copy_button",
                COPY_FROM.build(item.id),
                id=item.id,
                title=item.title[:_TITLE_SHOWN],
            )
        ]
        for item in await briefing_copy.earlier_of(context.db, officer.id)
    ]
    rows.append([button(context, "compose.button.back", BACK.data)])
    await show(
        update, context.t("compose.ask_copy"), InlineKeyboardMarkup([*rows, cancel_row(context)])
    )
    return STATE["program"]


@guarded("coordinator")
async def on_copy_from(update: Update, context: HumasContext) -> int:
    officer = context.officer
    assert officer is not None and update.callback_query is not None
    source_id = COPY_FROM.parse(update.callback_query.data)
    draft = await current_draft(context)
    copied = (
        await briefing_copy.copy_into_draft(
            context.db, draft.id, source_id, officer.id, context.clock.now()
        )
        if draft is not None and source_id is not None
        else None
    )
    if copied is None:
        await refuse(update, context, context.t("denied.button"))
        return END if draft is None else STATE["program"]
    return await advance(update, context, copied, context.t("compose.copied", id=source_id))


@guarded("coordinator")
async def on_cancel(update: Update, context: HumasContext) -> int:
    """/batal or "Batal": the draft stays saved for the next /brief_baru."""
    await show(update, context.t("compose.cancelled"))
    return END


@guarded("coordinator")
async def on_preview_button(update: Update, context: HumasContext) -> int:
    """A button of a preview, also one the Mini App's form sent into the chat (bot/webapp/):
    the author's saved draft is the one composed, and the button does what it does in the
    dialogue (publishing happens here, in the chat)."""
    officer, query = context.officer, update.callback_query
    assert officer is not None and query is not None and query.data is not None
    draft = await briefings_db.draft_of(context.db, officer.id)
    if draft is None:
        await refuse(update, context, context.t("denied.button"))
        return END
    context.user_data[DRAFT_ID] = draft.id
    if PUBLISH.matches(query.data):
        return await parts.on_publish(update, context)
    if ADD_PART.matches(query.data):
        return await parts.on_add_part(update, context)
    return await parts.on_edit(update, context)


# ---- the required parts ------------------------------------------------------------------

TextStep = Callable[[Update, HumasContext, Briefing, str], Awaitable[int]]


@guarded("coordinator")
async def on_program(update: Update, context: HumasContext) -> int:
    query = update.callback_query
    assert query is not None
    program_id = PROGRAM.parse(query.data)
    assert program_id is not None  # the handler's pattern
    briefing = await current_draft(context)
    program = await programs_db.by_id(context.db, program_id)
    if briefing is None or program is None or program.status != "active":
        await refuse(update, context, context.t("denied.button"))
        return STATE["program"] if briefing else END
    return await advance(update, context, briefing, program_id=program.id)


async def _title(update: Update, context: HumasContext, briefing: Briefing, text: str) -> int:
    title = briefing_input.clean_title(text)
    if not await still_fits(update, context, replace(briefing, title=title)):
        return STATE["title"]
    return await advance(update, context, briefing, title=title)


async def _key_message(update: Update, context: HumasContext, briefing: Briefing, text: str) -> int:
    message = briefings_db.clean_text(text, briefings_db.MAX_KEY_MESSAGE)
    if not await still_fits(update, context, replace(briefing, key_message=message)):
        return STATE["key_message"]
    return await advance(update, context, briefing, key_message=message)


async def _deadline(update: Update, context: HumasContext, briefing: Briefing, text: str) -> int:
    deadline = await read_time(update, context, text, default_time=briefings_db.DEADLINE_TIME)
    if deadline is None:
        return STATE["deadline"]
    briefings_db.check_deadline(deadline, context.clock.now())
    warning = await deadline_warning(context.db, deadline, context.lang, context.tz)
    if warning is not None and update.effective_message is not None:
        await update.effective_message.reply_html(warning)
    return await advance(update, context, briefing, deadline=deadline)


def _tags(dimension: str) -> TextStep:
    async def step(update: Update, context: HumasContext, briefing: Briefing, text: str) -> int:
        return await parts.take_tags(update, context, briefing, text, dimension)

    return step


def _variant(klass: str) -> TextStep:
    async def step(update: Update, context: HumasContext, briefing: Briefing, text: str) -> int:
        return await caption.take_variant(update, context, briefing, text, klass)

    return step


TEXT_STEPS: dict[str, TextStep] = {
    "title": _title,
    "key_message": _key_message,
    "deadline": _deadline,
    "points": parts.take_points,
    "hashtags": parts.take_hashtags,
    "caption": caption.take_caption,
    "demographic": _tags("demographic"),
    "geographic": _tags("geographic"),
    "psychographic": _tags("psychographic"),
    **{step: _variant(step.removeprefix("caption_")) for step in CAPTION_STEPS},
}


def _text_handler(step: str) -> Callable[[Update, HumasContext], Coroutine[Any, Any, int]]:
    @guarded("coordinator")
    async def on_text(update: Update, context: HumasContext) -> int:
        message = update.effective_message
        assert message is not None and message.text is not None
        briefing = await current_draft(context)
        if briefing is None:
            await message.reply_text(context.t("compose.gone"))
            return END
        try:
            return await TEXT_STEPS[step](update, context, briefing, message.text)
        except BriefingError as error:
            await report_problem(update, context, error)
            return STATE[step]

    on_text.__name__ = on_text.__qualname__ = f"on_{step}"
    return on_text


async def _targets_chosen(update: Update, context: HumasContext, audience: Audience) -> int:
    officer = context.officer
    assert officer is not None
    briefing = await current_draft(context)
    if briefing is None:
        return await draft_gone(update, context)
    reach = await audience_db.resolve(context.db, officer, audience, briefing=True)
    if not reach.unit_ids:
        await refuse(update, context, context.t("compose.problem.no_units"))
        return STATE["targets"]
    chosen = context.t(
        "compose.targets_chosen", units=len(reach.unit_ids), people=len(reach.officers)
    )
    return await advance(update, context, briefing, chosen, targets=audience.to_json())


@guarded("coordinator")
async def on_audience_button(update: Update, context: HumasContext) -> int:
    choice = await AUDIENCE.on_button(update, context)
    if choice.cancelled:
        return await on_cancel(update, context)
    if choice.audience is None:
        return STATE["targets"]
    return await _targets_chosen(update, context, choice.audience)


@guarded("coordinator")
async def on_audience_text(update: Update, context: HumasContext) -> int:
    assert update.effective_message is not None and update.effective_message.text is not None
    choice = await AUDIENCE.on_text(update, context, update.effective_message.text)
    if choice.audience is None:
        return STATE["targets"]
    return await _targets_chosen(update, context, choice.audience)


# ---- wiring --------------------------------------------------------------------------------

_TEXT = filters.TEXT & ~filters.COMMAND
_MEDIA = filters.PHOTO | filters.VIDEO | filters.Document.ALL


def _cancel() -> list[BaseHandler[Update, HumasContext, Any]]:
    """/batal and the "Batal" button, in every step."""
    return [
        CommandHandler(list(CANCEL_COMMANDS), on_cancel),
        CallbackQueryHandler(on_cancel, pattern=CANCEL.matches),
    ]


def _states() -> dict[object, list[BaseHandler]]:
    states: dict[object, list[BaseHandler]] = {
        RESUME: [CallbackQueryHandler(on_resume, pattern=any_of(RESUME_DRAFT, FRESH_DRAFT))],
        STATE["program"]: [
            CallbackQueryHandler(on_program, pattern=PROGRAM.matches),
            CallbackQueryHandler(on_copy_list, pattern=COPY_LIST.matches),
            CallbackQueryHandler(on_copy_from, pattern=COPY_FROM.matches),
        ],
        STATE["targets"]: [
            CallbackQueryHandler(on_audience_button, pattern=AUDIENCE.pattern),
            MessageHandler(_TEXT, on_audience_text),
        ],
        STATE["formats"]: [CallbackQueryHandler(parts.on_toggle, pattern=FORMAT.matches)],
        STATE["channels"]: [CallbackQueryHandler(parts.on_toggle, pattern=CHANNEL.matches)],
        STATE["attachments"]: [
            MessageHandler(_MEDIA, parts.on_attachment),
            MessageHandler(~filters.COMMAND, parts.on_not_media),
        ],
        STATE["preview"]: [
            CallbackQueryHandler(parts.on_publish, pattern=PUBLISH.matches),
            CallbackQueryHandler(parts.on_add_part, pattern=ADD_PART.matches),
            CallbackQueryHandler(parts.on_edit, pattern=any_of(EDIT_MENU, EDIT_STEP)),
        ],
        SCHEDULE: [MessageHandler(_TEXT, parts.on_publish_at)],
    }
    for step in TEXT_STEPS:
        states[STATE[step]] = [MessageHandler(_TEXT, _text_handler(step))]
    for step in (*PARTS, "program", "preview"):
        states[STATE[step]].append(CallbackQueryHandler(parts.on_back, pattern=BACK.matches))
    states[STATE["caption"]].append(
        CallbackQueryHandler(caption.on_variant, pattern=CAPTION_VARIANT.matches)
    )
    for step in CAPTION_STEPS:
        states[STATE[step]] += [
            CallbackQueryHandler(caption.on_variant_back, pattern=BACK.matches),
            CallbackQueryHandler(caption.on_variant_clear, pattern=CLEAR.matches),
            CallbackQueryHandler(parts.on_add_part, pattern=ADD_PART.matches),
        ]
    for step in PARTS:
        states[STATE[step]] += [
            CallbackQueryHandler(parts.on_clear, pattern=CLEAR.matches),
            # Another part chosen on an earlier preview while this one is asked.
            CallbackQueryHandler(parts.on_add_part, pattern=ADD_PART.matches),
        ]
    for step_handlers in states.values():
        step_handlers.extend(_cancel())
    return states


def handlers() -> list[BaseHandler[Update, HumasContext, Any]]:
    """The /brief_baru dialogue."""
    return [
        conversation(
            "briefing_compose",
            entry_points=[
                CommandHandler(["brief_baru", *spec("brief_baru").aliases], brief_baru),
                CallbackQueryHandler(
                    on_preview_button, pattern=any_of(PUBLISH, ADD_PART, EDIT_MENU, EDIT_STEP)
                ),
            ],
            states=_states(),
        ),
    ]
