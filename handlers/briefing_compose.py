"""/brief_baru: compose a briefing step by step, preview it, publish now or at a time.

Every step is saved in the database as it is answered (``briefings.step`` says
where composing stopped), so /batal, a timeout or a restart loses nothing: the
next /brief_baru offers to continue the draft or start afresh. Limits are
checked at each step, including the whole message against Telegram's 4096
characters in every language. The preview is the briefing exactly as officers
will get it (the same parts, through the delivery engine), followed by the
publish buttons. Target units are an audience choice (db/audience.py), resolved
within the author's scope again at publishing.

Callback data (all under ``bc:``): ``resume`` / ``fresh``, ``prog:<id>``,
``fmt:<code>|ok``, ``ch:<code>|ok``, ``skip``, ``att:ok``, ``pub:now|later``,
``edit`` / ``edit:<step>``, ``x``; the audience picker uses ``bca:`` and ``bcu:``.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import datetime
from typing import Any

from babel.numbers import format_decimal
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.core.callback_data import ID, Choice, Fixed, Route, any_of
from bot.core.texts import esc, fmt_datetime
from db import audience as audience_db
from db import briefings as briefings_db
from db import programs as programs_db
from db.audience import Audience
from db.audit import Actor
from db.briefings import CHANNELS, FORMATS, Briefing, BriefingError, BriefingProblem
from handlers import briefing_input
from handlers.audience_picker import AudiencePicker
from handlers.commands import spec
from handlers.context import HumasContext
from handlers.conversation import CANCEL_COMMANDS, END, conversation, remove_keyboard, show
from handlers.delivery_access import delivery
from handlers.guard import guarded, refuse
from handlers.when import read_time
from scheduler import briefing_lifecycle as lifecycle
from scheduler import briefings as sending
from scheduler.briefing_view import fits
from scheduler.content import Content
from scheduler.holidays import deadline_warning

STEPS = (
    "program",
    "title",
    "key_message",
    "points",
    "formats",
    "hashtags",
    "channels",
    "demographic",
    "geographic",
    "psychographic",
    "attachments",
    "targets",
    "deadline",
    "preview",
)
STATE = {step: number for number, step in enumerate(STEPS)}
RESUME, SCHEDULE = len(STEPS), len(STEPS) + 1
OPTIONAL = {"points", "hashtags", "demographic", "geographic", "psychographic"}
EDITABLE = STEPS[1:-1]
CANCEL = Fixed("bc:x")
RESUME_DRAFT = Fixed("bc:resume")
FRESH_DRAFT = Fixed("bc:fresh")
PROGRAM = Route("bc:prog", ID)
FORMAT = Route("bc:fmt", Choice(*FORMATS, "ok"))
CHANNEL = Route("bc:ch", Choice(*CHANNELS, "ok"))
ATTACHMENTS_DONE = Fixed("bc:att:ok")
SKIP = Fixed("bc:skip")
PUBLISH = Route("bc:pub", Choice("now", "later"))
EDIT_MENU = Fixed("bc:edit")
EDIT_STEP = Route("bc:edit", Choice(*EDITABLE))
AUDIENCE = AudiencePicker("bca", units_prefix="bcu", title_key="compose.ask_targets")
_ID = "compose.briefing"
_EDITING = "compose.editing"
_PROGRAMS_SHOWN = 10


def _button(context: HumasContext, key: str, data: str, **params: object) -> InlineKeyboardButton:
    return InlineKeyboardButton(context.t(key, **params), callback_data=data)


def _cancel_row(context: HumasContext) -> list[InlineKeyboardButton]:
    return [_button(context, "button.cancel", CANCEL.data)]


async def _draft(context: HumasContext) -> Briefing | None:
    """The draft being composed, re-read from the database (and still the author's)."""
    officer = context.officer
    assert officer is not None
    briefing_id = context.user_data.get(_ID)
    briefing = await briefings_db.by_id(context.db, briefing_id) if briefing_id else None
    if briefing is None or briefing.author_id != officer.id or briefing.status != "draft":
        return None
    return briefing


# ---- asking each step ------------------------------------------------------------------


async def _ask(update: Update, context: HumasContext, briefing: Briefing, above: str = "") -> int:
    """Ask the step the draft is at (``above``: a line to show first, e.g. the last answer)."""
    step = briefing.step or "program"
    number = STEPS.index(step) + 1
    header = context.t("compose.step", number=number, total=len(STEPS))
    if step == "program" and not briefing.title:
        header = context.t("compose.intro") + "\n\n" + header
    if above:
        header = f"{above}\n\n{header}"
    if step == "program":
        programs = await programs_db.list_active(context.db)
        rows = [
            [
                _button(
                    context,
                    "compose.program_button",
                    PROGRAM.build(item.id),
                    priority=item.priority,
                    name=item.name[:40],
                )
            ]
            for item in programs[:_PROGRAMS_SHOWN]
        ]
        await show(
            update,
            header + context.t("compose.ask_program"),
            InlineKeyboardMarkup([*rows, _cancel_row(context)]),
        )
    elif step in ("formats", "channels"):
        await show(
            update, header + context.t(f"compose.ask_{step}"), _toggles(context, briefing, step)
        )
    elif step == "attachments":
        count = len(await briefings_db.attachments(context.db, briefing.id))
        await show(
            update,
            header
            + context.t("compose.ask_attachments", count=count, limit=briefings_db.MAX_ATTACHMENTS),
            InlineKeyboardMarkup(
                [
                    [_button(context, "compose.button.next", ATTACHMENTS_DONE.data)],
                    _cancel_row(context),
                ]
            ),
        )
    elif step == "targets":
        await AUDIENCE.ask(update, context)
    elif step == "preview":
        return await _preview(update, context, briefing, above)
    else:
        rows = [[_button(context, "compose.button.skip", SKIP.data)]] if step in OPTIONAL else []
        await show(
            update,
            header + context.t(f"compose.ask_{step}"),
            InlineKeyboardMarkup([*rows, _cancel_row(context)]),
        )
    return STATE[step]


def _toggles(context: HumasContext, briefing: Briefing, step: str) -> InlineKeyboardMarkup:
    codes, chosen, toggle = (
        (FORMATS, briefing.formats, FORMAT)
        if step == "formats"
        else (CHANNELS, briefing.channels, CHANNEL)
    )
    prefix = "format" if step == "formats" else "channel"
    buttons = [
        _button(
            context,
            "compose.toggle",
            toggle.build(code),
            mark="☑️" if code in chosen else "⬜",
            label=context.t(f"{prefix}.{code}"),
        )
        for code in codes
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    return InlineKeyboardMarkup(
        [*rows, [_button(context, "compose.button.next", toggle.build("ok"))], _cancel_row(context)]
    )


async def _next(
    update: Update,
    context: HumasContext,
    briefing: Briefing,
    done_step: str,
    above: str = "",
    **fields: object,
) -> int:
    """Save ``fields``, move on (back to the preview when editing one step), ask that step."""
    following = "preview" if context.user_data.get(_EDITING) else STEPS[STEPS.index(done_step) + 1]
    saved = await briefings_db.save_draft(
        context.db, briefing.id, context.clock.now(), step=following, **fields
    )
    return await _ask(update, context, saved, above)


async def _fits(
    update: Update, context: HumasContext, briefing: Briefing, **fields: object
) -> bool:
    """Whether the briefing with ``fields`` changed still fits one Telegram message."""
    program = await sending.program_name(context.db, briefing)
    trial = replace(briefing, **fields)  # type: ignore[arg-type]
    if fits(trial, program, context.tz):
        return True
    assert update.effective_message is not None
    await update.effective_message.reply_text(context.t("compose.problem.too_long_total"))
    return False


def problem_text(context: HumasContext, error: BriefingError) -> str:
    limit = format_decimal(error.limit, locale=context.lang)
    return context.t(f"compose.problem.{error.problem.value}", limit=limit)


async def _problem(update: Update, context: HumasContext, error: BriefingError) -> None:
    assert update.effective_message is not None
    await update.effective_message.reply_text(problem_text(context, error))


# ---- entry, resume, cancel ------------------------------------------------------------


@guarded("coordinator")
async def brief_baru(update: Update, context: HumasContext) -> int:
    officer = context.officer
    message = update.effective_message
    assert officer is not None and message is not None
    context.user_data.pop(_EDITING, None)
    draft = await briefings_db.draft_of(context.db, officer.id)
    if draft is not None:
        context.user_data[_ID] = draft.id
        step = draft.step or "program"
        keyboard = InlineKeyboardMarkup(
            [
                [
                    _button(context, "compose.button.resume", RESUME_DRAFT.data),
                    _button(context, "compose.button.fresh", FRESH_DRAFT.data),
                ],
                _cancel_row(context),
            ]
        )
        await message.reply_html(
            context.t(
                "compose.resume",
                title=esc(draft.title or "…"),
                # A step's name is a button label too (plain text): escape it for HTML here.
                step=esc(context.t(f"compose.stepname.{step}")),
            ),
            reply_markup=keyboard,
        )
        return RESUME
    if not await programs_db.list_active(context.db):
        await message.reply_text(context.t("compose.no_programs"))
        return END
    draft = await briefings_db.start_draft(context.db, officer.id, context.clock.now())
    context.user_data[_ID] = draft.id
    return await _ask(update, context, draft)


@guarded("coordinator")
async def on_resume(update: Update, context: HumasContext) -> int:
    query = update.callback_query
    officer = context.officer
    assert query is not None and officer is not None
    draft = await _draft(context)
    if draft is None:
        await refuse(update, context, context.t("denied.button"))
        return END
    if FRESH_DRAFT.matches(query.data):
        await briefings_db.discard_draft(context.db, draft.id, officer.id)
        if not await programs_db.list_active(context.db):
            await show(update, context.t("compose.no_programs"))
            return END
        draft = await briefings_db.start_draft(context.db, officer.id, context.clock.now())
        context.user_data[_ID] = draft.id
    return await _ask(update, context, draft)


@guarded("coordinator")
async def on_cancel(update: Update, context: HumasContext) -> int:
    """/batal or "Batal": the draft stays saved for the next /brief_baru."""
    context.user_data.pop(_EDITING, None)
    await show(update, context.t("compose.cancelled"))
    return END


# ---- text steps ------------------------------------------------------------------------

TextStep = Callable[[Update, HumasContext, Briefing, str], Awaitable[int]]


async def _title(update: Update, context: HumasContext, briefing: Briefing, text: str) -> int:
    title = briefing_input.clean_title(text)
    if not await _fits(update, context, briefing, title=title):
        return STATE["title"]
    return await _next(update, context, briefing, "title", title=title)


async def _key_message(update: Update, context: HumasContext, briefing: Briefing, text: str) -> int:
    message = briefings_db.clean_text(text, briefings_db.MAX_KEY_MESSAGE)
    if not await _fits(update, context, briefing, key_message=message):
        return STATE["key_message"]
    return await _next(update, context, briefing, "key_message", key_message=message)


async def _points(update: Update, context: HumasContext, briefing: Briefing, text: str) -> int:
    points = briefing_input.parse_points(text)
    if not await _fits(update, context, briefing, points=tuple(points)):
        return STATE["points"]
    return await _next(update, context, briefing, "points", points=points)


async def _hashtags(update: Update, context: HumasContext, briefing: Briefing, text: str) -> int:
    hashtags = briefing_input.clean_hashtags(text)
    if not await _fits(update, context, briefing, hashtags=hashtags):
        return STATE["hashtags"]
    return await _next(update, context, briefing, "hashtags", hashtags=hashtags)


def _tags(dimension: str) -> TextStep:
    async def step(update: Update, context: HumasContext, briefing: Briefing, text: str) -> int:
        tags = briefing_input.parse_tags(text)
        audience = {**briefing.audience, dimension: tuple(tags)}
        if not await _fits(update, context, briefing, audience=audience):
            return STATE[dimension]
        return await _next(update, context, briefing, dimension, **{f"audience_{dimension}": tags})

    return step


async def _deadline(update: Update, context: HumasContext, briefing: Briefing, text: str) -> int:
    deadline = await read_time(update, context, text, default_time=briefings_db.DEADLINE_TIME)
    if deadline is None:
        return STATE["deadline"]
    briefings_db.check_deadline(deadline, context.clock.now())
    warning = await deadline_warning(context.db, deadline, context.lang, context.tz)
    if warning is not None and update.effective_message is not None:
        await update.effective_message.reply_html(warning)
    return await _next(update, context, briefing, "deadline", deadline=deadline)


TEXT_STEPS: dict[str, TextStep] = {
    "title": _title,
    "key_message": _key_message,
    "points": _points,
    "hashtags": _hashtags,
    "demographic": _tags("demographic"),
    "geographic": _tags("geographic"),
    "psychographic": _tags("psychographic"),
    "deadline": _deadline,
}


def _text_handler(step: str) -> Callable[[Update, HumasContext], Awaitable[int]]:
    @guarded("coordinator")
    async def on_text(update: Update, context: HumasContext) -> int:
        message = update.effective_message
        assert message is not None and message.text is not None
        briefing = await _draft(context)
        if briefing is None:
            await message.reply_text(context.t("compose.gone"))
            return END
        try:
            return await TEXT_STEPS[step](update, context, briefing, message.text)
        except BriefingError as error:
            await _problem(update, context, error)
            return STATE[step]

    on_text.__name__ = on_text.__qualname__ = f"on_{step}"
    return on_text


@guarded("coordinator")
async def on_skip(update: Update, context: HumasContext) -> int:
    briefing = await _draft(context)
    if briefing is None or briefing.step not in OPTIONAL:
        await refuse(update, context, context.t("denied.button"))
        return END if briefing is None else STATE[briefing.step or "program"]
    return await _next(update, context, briefing, briefing.step)


# ---- button steps ------------------------------------------------------------------------


@guarded("coordinator")
async def on_program(update: Update, context: HumasContext) -> int:
    query = update.callback_query
    assert query is not None
    program_id = PROGRAM.parse(query.data)
    assert program_id is not None  # the handler's pattern
    briefing = await _draft(context)
    program = await programs_db.by_id(context.db, program_id)
    if briefing is None or program is None or program.status != "active":
        await refuse(update, context, context.t("denied.button"))
        return STATE["program"] if briefing else END
    return await _next(update, context, briefing, "program", program_id=program.id)


@guarded("coordinator")
async def on_toggle(update: Update, context: HumasContext) -> int:
    """A format or channel switched on or off; "Lanjut" needs at least one."""
    query = update.callback_query
    assert query is not None
    format_code = FORMAT.parse(query.data)
    step, codes, code = (
        ("formats", FORMATS, format_code)
        if format_code is not None
        else ("channels", CHANNELS, CHANNEL.parse(query.data))
    )
    briefing = await _draft(context)
    if briefing is None or briefing.step != step:
        await refuse(update, context, context.t("denied.button"))
        return END if briefing is None else STATE[briefing.step or "program"]
    chosen = list(getattr(briefing, step))
    if code == "ok":
        if not chosen:
            await refuse(update, context, context.t("announce.choose_one"))
            return STATE[step]
        return await _next(update, context, briefing, step)
    chosen = [item for item in codes if (item in chosen) != (item == code)]
    saved = await briefings_db.save_draft(
        context.db, briefing.id, context.clock.now(), step=step, **{step: chosen}
    )
    await query.answer()
    await query.edit_message_reply_markup(_toggles(context, saved, step))
    return STATE[step]


@guarded("coordinator")
async def on_attachment(update: Update, context: HumasContext) -> int:
    message = update.effective_message
    assert message is not None
    briefing = await _draft(context)
    if briefing is None:
        await message.reply_text(context.t("compose.gone"))
        return END
    if message.photo:
        media, file_id = "photo", message.photo[-1].file_id
    elif message.video:
        media, file_id = "video", message.video.file_id
    else:
        assert message.document is not None
        media, file_id = "document", message.document.file_id
    try:
        count = await briefings_db.add_attachment(
            context.db, briefing.id, media, file_id, context.clock.now()
        )  # type: ignore[arg-type]
    except BriefingError as error:
        await _problem(update, context, error)
        return STATE["attachments"]
    await message.reply_html(
        context.t("compose.attachment_saved", count=count, limit=briefings_db.MAX_ATTACHMENTS),
        reply_markup=InlineKeyboardMarkup(
            [[_button(context, "compose.button.next", ATTACHMENTS_DONE.data)]]
        ),
    )
    return STATE["attachments"]


@guarded("coordinator")
async def on_attachments_done(update: Update, context: HumasContext) -> int:
    briefing = await _draft(context)
    if briefing is None:
        await refuse(update, context, context.t("denied.button"))
        return END
    return await _next(update, context, briefing, "attachments")


@guarded("coordinator")
async def on_not_media(update: Update, context: HumasContext) -> int:
    assert update.effective_message is not None
    await update.effective_message.reply_text(context.t("compose.attachment_unsupported"))
    return STATE["attachments"]


async def _targets_chosen(update: Update, context: HumasContext, audience: Audience) -> int:
    officer = context.officer
    assert officer is not None
    briefing = await _draft(context)
    if briefing is None:
        await refuse(update, context, context.t("denied.button"))
        return END
    reach = await audience_db.resolve(context.db, officer, audience, briefing=True)
    if not reach.unit_ids:
        await refuse(update, context, context.t("compose.problem.no_units"))
        return STATE["targets"]
    chosen = context.t(
        "compose.targets_chosen", units=len(reach.unit_ids), people=len(reach.officers)
    )
    return await _next(update, context, briefing, "targets", chosen, targets=audience.to_json())


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


# ---- preview and publishing --------------------------------------------------------------


def _stored_audience(briefing: Briefing) -> Audience:
    return Audience.from_json(json.dumps(briefing.targets))


async def _preview(
    update: Update, context: HumasContext, briefing: Briefing, above: str = ""
) -> int:
    officer = context.officer
    assert officer is not None and briefing.deadline is not None
    context.user_data.pop(_EDITING, None)
    reach = await audience_db.resolve(
        context.db, officer, _stored_audience(briefing), briefing=True
    )
    closing = Content(
        context.t(
            "compose.preview",
            units=len(reach.unit_ids),
            people=len(reach.officers),
            deadline=fmt_datetime(briefing.deadline, context.lang, context.tz),
        ),
        buttons=(
            (
                (context.t("compose.button.publish_now"), PUBLISH.build("now")),
                (context.t("compose.button.publish_later"), PUBLISH.build("later")),
            ),
            (
                (context.t("compose.button.edit"), EDIT_MENU.data),
                (context.t("button.cancel"), CANCEL.data),
            ),
        ),
    )
    await show(update, (f"{above}\n\n" if above else "") + context.t("compose.preview_follows"))
    await sending.preview(context.db, delivery(context), officer, briefing, context.tz, closing)
    return STATE["preview"]


async def _publish(
    update: Update, context: HumasContext, message: Message, at: datetime | None
) -> int:
    officer = context.officer
    assert officer is not None
    briefing = await _draft(context)
    if briefing is None:
        await message.reply_text(context.t("compose.gone"))
        return END
    now = context.clock.now()
    unit_ids = await audience_db.target_unit_ids(
        context.db, officer, _stored_audience(briefing), briefing=True
    )
    try:
        published = await lifecycle.publish(
            context.services,
            briefing.id,
            unit_ids=unit_ids,
            publish_at=at or now,
            now=now,
            actor=Actor.officer(officer.id, officer.telegram_id),
        )
    except BriefingError as error:
        await message.reply_text(problem_text(context, error))
        if error.problem is BriefingProblem.DEADLINE_BEFORE_PUBLISH:
            return SCHEDULE
        if error.problem is BriefingProblem.DEADLINE_PAST:
            await briefings_db.save_draft(context.db, briefing.id, now, step="deadline")
            await message.reply_html(context.t("compose.ask_deadline"))
            return STATE["deadline"]
        return STATE["preview"]
    context.user_data.pop(_ID, None)
    result = published.briefing
    assert result.publish_at is not None
    key = "compose.published" if result.status == "published" else "compose.scheduled"
    await message.reply_html(
        context.t(
            key,
            id=result.id,
            title=esc(result.title),
            units=len(unit_ids),
            people=published.recipients,
            at=fmt_datetime(result.publish_at, context.lang, context.tz),
        )
    )
    return END


@guarded("coordinator")
async def on_publish(update: Update, context: HumasContext) -> int:
    query = update.callback_query
    assert query is not None and query.data is not None and query.message is not None
    await query.answer()
    await remove_keyboard(query)
    if PUBLISH.parse(query.data) == "later":
        await query.message.reply_html(context.t("compose.ask_publish_at"))  # type: ignore[union-attr]
        return SCHEDULE
    return await _publish(update, context, query.message, None)  # type: ignore[arg-type]


@guarded("coordinator")
async def on_publish_at(update: Update, context: HumasContext) -> int:
    message = update.effective_message
    assert message is not None and message.text is not None
    at = await read_time(update, context, message.text)
    if at is None:
        return SCHEDULE
    return await _publish(update, context, message, at)


@guarded("coordinator")
async def on_edit(update: Update, context: HumasContext) -> int:
    """From the preview: which step to change."""
    query = update.callback_query
    assert query is not None and query.data is not None
    briefing = await _draft(context)
    if briefing is None:
        await refuse(update, context, context.t("denied.button"))
        return END
    step = EDIT_STEP.parse(query.data)
    if step is not None:
        context.user_data[_EDITING] = True
        saved = await briefings_db.save_draft(
            context.db, briefing.id, context.clock.now(), step=step
        )
        return await _ask(update, context, saved)
    buttons = [
        _button(context, f"compose.stepname.{name}", EDIT_STEP.build(name)) for name in EDITABLE
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    await show(
        update, context.t("compose.ask_edit"), InlineKeyboardMarkup([*rows, _cancel_row(context)])
    )
    return STATE["preview"]


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
        STATE["program"]: [CallbackQueryHandler(on_program, pattern=PROGRAM.matches)],
        STATE["formats"]: [CallbackQueryHandler(on_toggle, pattern=FORMAT.matches)],
        STATE["channels"]: [CallbackQueryHandler(on_toggle, pattern=CHANNEL.matches)],
        STATE["attachments"]: [
            MessageHandler(_MEDIA, on_attachment),
            CallbackQueryHandler(on_attachments_done, pattern=ATTACHMENTS_DONE.matches),
            MessageHandler(~filters.COMMAND, on_not_media),
        ],
        STATE["targets"]: [
            CallbackQueryHandler(on_audience_button, pattern=AUDIENCE.pattern),
            MessageHandler(_TEXT, on_audience_text),
        ],
        STATE["preview"]: [
            CallbackQueryHandler(on_publish, pattern=PUBLISH.matches),
            CallbackQueryHandler(on_edit, pattern=any_of(EDIT_MENU, EDIT_STEP)),
        ],
        SCHEDULE: [MessageHandler(_TEXT, on_publish_at)],
    }
    for step in TEXT_STEPS:
        states[STATE[step]] = [MessageHandler(_TEXT, _text_handler(step))]
    for step in OPTIONAL:
        states[STATE[step]].append(CallbackQueryHandler(on_skip, pattern=SKIP.matches))
    for step_handlers in states.values():
        step_handlers.extend(_cancel())
    return states


def handlers() -> list[BaseHandler[Update, HumasContext, Any]]:
    """The /brief_baru dialogue."""
    return [
        conversation(
            "briefing_compose",
            entry_points=[CommandHandler(["brief_baru", *spec("brief_baru").aliases], brief_baru)],
            states=_states(),
        ),
    ]
