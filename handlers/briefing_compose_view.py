"""What /brief_baru shows: the step it asks, and the preview with its buttons.

Composing asks the required parts first — program, title, key message, target units,
deadline — then shows the preview. Everything else is optional and added from the
preview ("➕ Poin", "➕ Format", …): each part, once answered (or left with "Kembali"),
leads back to the preview. What comes next is always the first required part still
missing, else the preview (:func:`next_step`), so a resumed or copied draft goes on
where it needs to. The handlers are in handlers/briefing_compose.py (entry, required
parts, wiring) and handlers/briefing_compose_parts.py (optional parts, publishing).
"""

from __future__ import annotations

import json
from datetime import tzinfo

from babel.numbers import format_decimal
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.core.callback_data import ID, Choice, Fixed, Route
from bot.core.texts import esc, fmt_datetime, t
from db import audience as audience_db
from db import briefing_copy
from db import briefings as briefings_db
from db import captions as captions_db
from db import programs as programs_db
from db.audience import Audience
from db.briefings import CHANNELS, FORMATS, Briefing, BriefingError
from handlers import draft_dialogue
from handlers.audience_picker import AudiencePicker
from handlers.buttons import button
from handlers.context import HumasContext
from handlers.conversation import show
from handlers.delivery_access import delivery
from scheduler import briefings as sending
from scheduler.briefing_view import fits
from scheduler.content import Content

REQUIRED = ("program", "title", "key_message", "targets", "deadline")
PARTS = (
    "points",
    "formats",
    "channels",
    "hashtags",
    "caption",
    "demographic",
    "geographic",
    "psychographic",
    "attachments",
)
TEXT_PARTS = ("points", "hashtags", "caption", "demographic", "geographic", "psychographic")
# The caption's variants, asked from the caption's screen (not from the preview).
CAPTION_STEPS = tuple(f"caption_{klass}" for klass in captions_db.CLASSES)
STEPS = (*REQUIRED, *PARTS, *CAPTION_STEPS, "preview")
STATE = {step: number for number, step in enumerate(STEPS)}
RESUME, SCHEDULE = len(STEPS), len(STEPS) + 1

CANCEL = Fixed("bc:x")
RESUME_DRAFT = Fixed("bc:resume")
FRESH_DRAFT = Fixed("bc:fresh")
COPY_LIST = Fixed("bc:copy")
COPY_FROM = Route("bc:copy", ID)
PROGRAM = Route("bc:prog", ID)
FORMAT = Route("bc:fmt", Choice(*FORMATS, "ok"))
CHANNEL = Route("bc:ch", Choice(*CHANNELS, "ok"))
ADD_PART = Route("bc:add", Choice(*PARTS))
BACK = Fixed("bc:back")
CLEAR = Fixed("bc:clear")
PUBLISH = Route("bc:pub", Choice("now", "later"))
EDIT_MENU = Fixed("bc:edit")
EDIT_STEP = Route("bc:edit", Choice(*REQUIRED))
CAPTION_VARIANT = Route("bc:cap", Choice(*captions_db.CLASSES))
AUDIENCE = AudiencePicker("bca", units_prefix="bcu", title_key="compose.ask_targets")
DRAFT_ID = "compose.briefing"
_PROGRAMS_SHOWN = 10
_REQUIRED_FIELDS = {
    "program": "program_id",
    "title": "title",
    "key_message": "key_message",
    "targets": "targets",
    "deadline": "deadline",
}
_PARTS_PER_ROW = 3


def cancel_row(context: HumasContext) -> list[InlineKeyboardButton]:
    return draft_dialogue.cancel_row(context, CANCEL)


async def current_draft(context: HumasContext) -> Briefing | None:
    """The draft being composed, re-read from the database (and still the author's)."""
    return await draft_dialogue.own_draft(context, DRAFT_ID, briefings_db.by_id)


def next_step(briefing: Briefing, fields: dict[str, object] | None = None) -> str:
    """The first required part still missing (with ``fields`` about to be saved), else the
    preview."""
    given = fields or {}
    for step, column in _REQUIRED_FIELDS.items():
        if not given.get(column, getattr(briefing, column)):
            return step
    return "preview"


def stored_audience(briefing: Briefing) -> Audience:
    return Audience.from_json(json.dumps(briefing.targets))


def part_name(context: HumasContext, part: str) -> str:
    return context.t(f"compose.part.{part}")


def problem_text(context: HumasContext, error: BriefingError) -> str:
    limit = format_decimal(error.limit, locale=context.lang)
    return context.t(f"compose.problem.{error.problem.value}", limit=limit)


async def report_problem(update: Update, context: HumasContext, error: BriefingError) -> None:
    assert update.effective_message is not None
    await update.effective_message.reply_text(problem_text(context, error))


async def still_fits(update: Update, context: HumasContext, trial: Briefing) -> bool:
    """Whether ``trial`` (the draft with a part changed: ``dataclasses.replace``) still fits
    one Telegram message; if not, says so."""
    program = await sending.program_name(context.db, trial)
    if fits(trial, program, context.tz):
        return True
    assert update.effective_message is not None
    await update.effective_message.reply_text(context.t("compose.problem.too_long_total"))
    return False


async def advance(
    update: Update, context: HumasContext, briefing: Briefing, above: str = "", **fields: object
) -> int:
    """Save ``fields`` and ask what comes next (:func:`next_step`)."""
    saved = await briefings_db.save_draft(
        context.db, briefing.id, context.clock.now(), step=next_step(briefing, fields), **fields
    )
    return await ask(update, context, saved, above)


# ---- asking one step --------------------------------------------------------------------


async def ask(update: Update, context: HumasContext, briefing: Briefing, above: str = "") -> int:
    """Ask the step the draft is at (``above``: a line to show first, e.g. the last answer)."""
    step = briefing.step or "program"
    if step == "preview":
        return await preview(update, context, briefing, above)
    if step == "targets":
        await AUDIENCE.ask(update, context)
        return STATE[step]
    header = f"{above}\n\n" if above else ""
    if step in REQUIRED:
        number = REQUIRED.index(step) + 1
        header += context.t("compose.step", number=number, total=len(REQUIRED))
    if step == "program":
        if not briefing.title and not above:
            header = context.t("compose.intro") + "\n\n" + header
        await show(update, header + context.t("compose.ask_program"), await _programs(context))
    elif step == "caption" or step in CAPTION_STEPS:
        await _ask_caption(update, context, briefing, header)
    elif step in ("formats", "channels"):
        await show(
            update, header + context.t(f"compose.ask_{step}"), toggles(context, briefing, step)
        )
    elif step == "attachments":
        count = len(await briefings_db.attachments(context.db, briefing.id))
        rows = [[button(context, "compose.button.done", BACK.data)]]
        if count:
            rows.append([button(context, "compose.button.clear", CLEAR.data)])
        text = context.t("compose.ask_attachments", count=count, limit=briefings_db.MAX_ATTACHMENTS)
        await show(update, header + text, InlineKeyboardMarkup([*rows, cancel_row(context)]))
    else:
        rows = []
        if step in PARTS:
            rows.append([button(context, "compose.button.back", BACK.data)])
            if has_part(briefing, step):
                rows.append([button(context, "compose.button.clear", CLEAR.data)])
        await show(
            update,
            header + context.t(f"compose.ask_{step}"),
            InlineKeyboardMarkup([*rows, cancel_row(context)]),
        )
    return STATE[step]


_MARKS = "<code>{unit}</code>, <code>{kecamatan}</code>"


async def _ask_caption(
    update: Update, context: HumasContext, briefing: Briefing, header: str
) -> None:
    """The caption's screen (the default caption, then a variant per geographic class
    once there is one), or one variant's."""
    step = briefing.step or "caption"
    limit = captions_db.MAX_CAPTION
    rows: list[list[InlineKeyboardButton]] = []
    if step != "caption":
        klass = step.removeprefix("caption_")
        variant = briefing.caption_variants.get(klass, "")
        current = context.t("caption.variant_current", caption=esc(variant)) if variant else ""
        text = context.t(
            "caption.ask_variant",
            name=context.t(f"caption.class.{klass}"),
            tag=klass,
            limit=limit,
            marks=_MARKS,
            current=current,
        )
        rows.append([button(context, "compose.button.back", BACK.data)])
        if variant:
            rows.append([button(context, "compose.button.clear", CLEAR.data)])
    elif briefing.caption:
        names = [
            context.t(f"caption.class.{klass}")
            for klass in captions_db.CLASSES
            if klass in briefing.caption_variants
        ]
        text = context.t(
            "caption.current",
            caption=esc(briefing.caption),
            variants=", ".join(names) or context.t("caption.no_variants"),
            marks=_MARKS,
        )
        variants = [
            button(
                context,
                "caption.button.change"
                if klass in briefing.caption_variants
                else "caption.button.add",
                CAPTION_VARIANT.build(klass),
                name=context.t(f"caption.class.{klass}"),
            )
            for klass in captions_db.CLASSES
        ]
        rows += [variants[:2], variants[2:]]
        rows.append([button(context, "compose.button.done", BACK.data)])
        rows.append([button(context, "compose.button.clear", CLEAR.data)])
    else:
        text = context.t("caption.ask", limit=limit, marks=_MARKS)
        rows.append([button(context, "compose.button.back", BACK.data)])
    await show(update, header + text, InlineKeyboardMarkup([*rows, cancel_row(context)]))


async def _programs(context: HumasContext) -> InlineKeyboardMarkup:
    officer = context.officer
    assert officer is not None
    programs = await programs_db.list_active(context.db)
    rows = [
        [
            button(
                context,
                "compose.program_button",
                PROGRAM.build(item.id),
                priority=item.priority,
                name=item.name[:40],
            )
        ]
        for item in programs[:_PROGRAMS_SHOWN]
    ]
    if await briefing_copy.earlier_of(context.db, officer.id, limit=1):
        rows.append([button(context, "compose.button.copy", COPY_LIST.data)])
    return InlineKeyboardMarkup([*rows, cancel_row(context)])


def toggles(context: HumasContext, briefing: Briefing, step: str) -> InlineKeyboardMarkup:
    codes, chosen, toggle = (
        (FORMATS, briefing.formats, FORMAT)
        if step == "formats"
        else (CHANNELS, briefing.channels, CHANNEL)
    )
    prefix = "format" if step == "formats" else "channel"
    buttons = [
        button(
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
        [*rows, [button(context, "compose.button.done", toggle.build("ok"))], cancel_row(context)]
    )


def has_part(briefing: Briefing, part: str, attachments: int = 0) -> bool:
    if part == "attachments":
        return attachments > 0
    if part in briefings_db.AUDIENCE_DIMENSIONS:
        return bool(briefing.audience.get(part))
    return bool(getattr(briefing, part))


# ---- the preview ---------------------------------------------------------------------------


def closing(
    lang: str, zone: tzinfo, briefing: Briefing, units: int, people: int, attachments: int
) -> Content:
    """The preview's last part: whom it reaches, the publish buttons and one button per
    optional part (the chat composer's and the Mini App form's preview alike)."""
    assert briefing.deadline is not None
    parts = [
        (
            t(
                lang,
                "compose.button.change_part"
                if has_part(briefing, part, attachments)
                else "compose.button.add",
                part=t(lang, f"compose.part.{part}"),
            ),
            ADD_PART.build(part),
        )
        for part in PARTS
    ]
    return Content(
        t(
            lang,
            "compose.preview",
            units=units,
            people=people,
            deadline=fmt_datetime(briefing.deadline, lang, zone),
        ),
        buttons=(
            (
                (t(lang, "compose.button.publish_now"), PUBLISH.build("now")),
                (t(lang, "compose.button.publish_later"), PUBLISH.build("later")),
            ),
            *(tuple(parts[i : i + _PARTS_PER_ROW]) for i in range(0, len(parts), _PARTS_PER_ROW)),
            (
                (t(lang, "compose.button.edit"), EDIT_MENU.data),
                (t(lang, "button.cancel"), CANCEL.data),
            ),
        ),
    )


async def preview(
    update: Update, context: HumasContext, briefing: Briefing, above: str = ""
) -> int:
    """The briefing exactly as officers will get it (through the delivery engine), then
    the publish buttons and one button per optional part."""
    officer = context.officer
    assert officer is not None and briefing.deadline is not None
    reach = await audience_db.resolve(context.db, officer, stored_audience(briefing), briefing=True)
    attachments = len(await briefings_db.attachments(context.db, briefing.id))
    last = closing(
        context.lang, context.tz, briefing, len(reach.unit_ids), len(reach.officers), attachments
    )
    await show(update, (f"{above}\n\n" if above else "") + context.t("compose.preview_follows"))
    await sending.preview(
        context.db, delivery(context), officer, briefing, context.tz, last, reach.unit_ids
    )
    return STATE["preview"]
