"""/brief_baru from the preview on: the optional parts ("➕ Poin", "➕ Format", …, "➕ Materi"),
changing a required part ("✏️ Ubah"), and publishing now or at a time.

An optional part is asked, answered (or cleared, or left with "Kembali") and the
preview comes again; see handlers/briefing_compose_view.py for the order of steps.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from telegram import InlineKeyboardMarkup, Message, Update

from bot.core.texts import esc, fmt_datetime
from db import audience as audience_db
from db import briefings as briefings_db
from db.audit import Actor
from db.briefings import (
    AUDIENCE_DIMENSIONS,
    CHANNELS,
    FORMATS,
    Briefing,
    BriefingProblem,
    MediaType,
)
from handlers import briefing_input
from handlers.briefing_compose_view import (
    ADD_PART,
    BACK,
    CHANNEL,
    DRAFT_ID,
    EDIT_STEP,
    FORMAT,
    PARTS,
    PUBLISH,
    REQUIRED,
    SCHEDULE,
    STATE,
    advance,
    ask,
    button,
    cancel_row,
    current_draft,
    next_step,
    part_name,
    problem_text,
    report_problem,
    still_fits,
    stored_audience,
    toggles,
)
from handlers.context import HumasContext
from handlers.conversation import END, remove_keyboard, show
from handlers.evidence import keep_file
from handlers.guard import guarded, refuse
from handlers.when import read_time
from scheduler import briefing_lifecycle as lifecycle

_EMPTY: dict[str, object] = {
    "points": [],
    "formats": [],
    "channels": [],
    "hashtags": "",
    "caption": "",
    **{f"audience_{dimension}": [] for dimension in AUDIENCE_DIMENSIONS},
}


async def _refused(update: Update, context: HumasContext, briefing: Briefing | None) -> int:
    await refuse(update, context, context.t("denied.button"))
    return END if briefing is None else STATE[briefing.step or "program"]


def _saved(context: HumasContext, part: str) -> str:
    return context.t("compose.part_saved", part=part_name(context, part))


# ---- choosing a part from the preview, leaving it, clearing it ---------------------------


@guarded("coordinator")
async def on_add_part(update: Update, context: HumasContext) -> int:
    assert update.callback_query is not None
    part = ADD_PART.parse(update.callback_query.data)
    briefing = await current_draft(context)
    if briefing is None or part is None:
        return await _refused(update, context, briefing)
    saved = await briefings_db.save_draft(context.db, briefing.id, context.clock.now(), step=part)
    return await ask(update, context, saved)


@guarded("coordinator")
async def on_back(update: Update, context: HumasContext) -> int:
    """ "Kembali" / "Selesai": on to what is next, nothing changed."""
    briefing = await current_draft(context)
    if briefing is None:
        return await _refused(update, context, briefing)
    if briefing.step in PARTS or briefing.step == "preview":
        return await advance(update, context, briefing)
    return await ask(update, context, briefing)


@guarded("coordinator")
async def on_clear(update: Update, context: HumasContext) -> int:
    briefing = await current_draft(context)
    if briefing is None or briefing.step not in PARTS:
        return await _refused(update, context, briefing)
    part = briefing.step
    if part == "attachments":
        await briefings_db.clear_attachments(context.db, briefing.id)
        fields: dict[str, object] = {}
    else:
        column = f"audience_{part}" if part in AUDIENCE_DIMENSIONS else part
        fields = {column: _EMPTY[column]}
        if part == "caption":  # its variants go with it
            fields["caption_variants"] = {}
    cleared = context.t("compose.part_cleared", part=part_name(context, part))
    return await advance(update, context, briefing, cleared, **fields)


# ---- the typed parts ---------------------------------------------------------------------


async def take_points(update: Update, context: HumasContext, briefing: Briefing, text: str) -> int:
    points = briefing_input.parse_points(text)
    if not await still_fits(update, context, replace(briefing, points=tuple(points))):
        return STATE["points"]
    return await advance(update, context, briefing, _saved(context, "points"), points=points)


async def take_hashtags(
    update: Update, context: HumasContext, briefing: Briefing, text: str
) -> int:
    hashtags = briefing_input.clean_hashtags(text)
    if not await still_fits(update, context, replace(briefing, hashtags=hashtags)):
        return STATE["hashtags"]
    return await advance(update, context, briefing, _saved(context, "hashtags"), hashtags=hashtags)


async def take_tags(
    update: Update, context: HumasContext, briefing: Briefing, text: str, dimension: str
) -> int:
    tags = briefing_input.parse_tags(text)
    audience = {**briefing.audience, dimension: tuple(tags)}
    if not await still_fits(update, context, replace(briefing, audience=audience)):
        return STATE[dimension]
    return await advance(
        update, context, briefing, _saved(context, dimension), **{f"audience_{dimension}": tags}
    )


# ---- formats and channels ----------------------------------------------------------------


@guarded("coordinator")
async def on_toggle(update: Update, context: HumasContext) -> int:
    """A format or channel switched on or off; "Selesai" goes back to the preview."""
    query = update.callback_query
    assert query is not None
    format_code = FORMAT.parse(query.data)
    step, codes, code = (
        ("formats", FORMATS, format_code)
        if format_code is not None
        else ("channels", CHANNELS, CHANNEL.parse(query.data))
    )
    briefing = await current_draft(context)
    if briefing is None or briefing.step != step:
        return await _refused(update, context, briefing)
    if code == "ok":
        return await advance(update, context, briefing, _saved(context, step))
    chosen = list(getattr(briefing, step))
    chosen = [item for item in codes if (item in chosen) != (item == code)]
    saved = await briefings_db.save_draft(
        context.db, briefing.id, context.clock.now(), step=step, **{step: chosen}
    )
    await query.answer()
    await query.edit_message_reply_markup(toggles(context, saved, step))
    return STATE[step]


# ---- material --------------------------------------------------------------------------


@guarded("coordinator")
async def on_attachment(update: Update, context: HumasContext) -> int:
    message = update.effective_message
    assert message is not None
    briefing = await current_draft(context)
    if briefing is None:
        await message.reply_text(context.t("compose.gone"))
        return END
    media: MediaType
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
        )
    except briefings_db.BriefingError as error:
        await report_problem(update, context, error)
        return STATE["attachments"]
    await keep_file(context, message, "material")
    await message.reply_html(
        context.t("compose.attachment_saved", count=count, limit=briefings_db.MAX_ATTACHMENTS),
        reply_markup=InlineKeyboardMarkup([[button(context, "compose.button.done", BACK.data)]]),
    )
    return STATE["attachments"]


@guarded("coordinator")
async def on_not_media(update: Update, context: HumasContext) -> int:
    assert update.effective_message is not None
    await update.effective_message.reply_text(context.t("compose.attachment_unsupported"))
    return STATE["attachments"]


# ---- changing a required part ------------------------------------------------------------


@guarded("coordinator")
async def on_edit(update: Update, context: HumasContext) -> int:
    """From the preview: which required part to change (or one to ask again)."""
    query = update.callback_query
    assert query is not None and query.data is not None
    briefing = await current_draft(context)
    if briefing is None:
        return await _refused(update, context, briefing)
    step = EDIT_STEP.parse(query.data)
    if step is not None:
        saved = await briefings_db.save_draft(
            context.db, briefing.id, context.clock.now(), step=step
        )
        return await ask(update, context, saved)
    buttons = [
        button(context, f"compose.stepname.{name}", EDIT_STEP.build(name)) for name in REQUIRED
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    rows.append([button(context, "compose.button.back", BACK.data)])
    await show(
        update, context.t("compose.ask_edit"), InlineKeyboardMarkup([*rows, cancel_row(context)])
    )
    return STATE["preview"]


# ---- publishing ----------------------------------------------------------------------------


async def _publish(
    update: Update, context: HumasContext, message: Message, at: datetime | None
) -> int:
    officer = context.officer
    assert officer is not None
    briefing = await current_draft(context)
    if briefing is None:
        await message.reply_text(context.t("compose.gone"))
        return END
    if next_step(briefing) != "preview":  # a required part was emptied meanwhile
        return await advance(update, context, briefing)
    now = context.clock.now()
    unit_ids = await audience_db.target_unit_ids(
        context.db, officer, stored_audience(briefing), briefing=True
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
    except briefings_db.BriefingError as error:
        await message.reply_text(problem_text(context, error))
        if error.problem is BriefingProblem.DEADLINE_BEFORE_PUBLISH:
            return SCHEDULE
        if error.problem is BriefingProblem.DEADLINE_PAST:
            await briefings_db.save_draft(context.db, briefing.id, now, step="deadline")
            await message.reply_html(context.t("compose.ask_deadline"))
            return STATE["deadline"]
        return STATE["preview"]
    context.user_data.pop(DRAFT_ID, None)
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
    assert query is not None and query.data is not None
    message = query.message
    assert isinstance(message, Message)
    await query.answer()
    await remove_keyboard(query)
    if PUBLISH.parse(query.data) == "later":
        await message.reply_html(context.t("compose.ask_publish_at"))
        return SCHEDULE
    return await _publish(update, context, message, None)


@guarded("coordinator")
async def on_publish_at(update: Update, context: HumasContext) -> int:
    message = update.effective_message
    assert message is not None and message.text is not None
    at = await read_time(update, context, message.text)
    if at is None:
        return SCHEDULE
    return await _publish(update, context, message, at)
