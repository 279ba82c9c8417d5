"""/pengumuman: write an announcement, check it on one preview, send it.

After the text (or a photo/document with a caption) comes one preview with the
defaults — everyone in my scope, not urgent, read confirmation on, send now — and
buttons to change any of them; "📤 Kirim" sends. So the everyday announcement is
three interactions: /pengumuman, the text, "Kirim". Every button re-checks rights on
the server: kecamatan and unit ids in callback data are checked against the
sender's scope when chosen, and the audience is resolved within that scope again
when sending (db/audience.py). The buttons on sent announcements ("Sudah dibaca",
who has read) are in handlers/announce_reads.py.

Callback data (all under ``an:``): the audience picker's (handlers/audience_picker.py:
``au:<kind>``, ``lv:``, ``kc:`` / ``kp:`` / ``ks:``, ``tg:``, ``un:``; its unit picker
uses ``anu:``), on the preview ``go`` (send), ``aud`` (audience), ``op:urgent|ack``
(switch), ``wh`` (time; ``wh:now`` on its screen), ``ed`` (the text), and ``x``
(cancel) everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.core.callback_data import Choice, Fixed, Route
from bot.core.texts import fmt_datetime
from db import audience as audience_db
from db.audience import Audience, Reach
from db.officers import Officer
from handlers import announce_reads
from handlers.audience_picker import AudienceChoice, AudiencePicker
from handlers.buttons import button
from handlers.commands import spec
from handlers.context import HumasContext
from handlers.conversation import END, cancel_by_button, conversation, edit, remove_keyboard, show
from handlers.delivery_access import delivery
from handlers.evidence import keep_file
from handlers.guard import guarded, refuse
from handlers.when import read_time
from scheduler import announcements
from scheduler.announcements import Letter, NobodyToReach
from scheduler.content_sender import send_content

DRAFT = "announce_draft"
PICKER = AudiencePicker("an", units_prefix="anu", title_key="announce.ask_audience")
Media = Literal["photo", "document"]
(COMPOSE, AUDIENCE, WHEN, PREVIEW) = range(4)
CANCEL = Fixed("an:x")
SEND = Fixed("an:go")
CHANGE_AUDIENCE = Fixed("an:aud")
SWITCH = Route("an:op", Choice("urgent", "ack"))
CHANGE_WHEN = Fixed("an:wh")
NOW = Fixed("an:wh:now")
EDIT_BODY = Fixed("an:ed")


@dataclass
class Draft:
    """What the sender wrote, with the defaults they may change on the preview."""

    composed: bool = False
    body: str = ""
    media_type: Media | None = None
    file_id: str | None = None
    audience: Audience = field(default_factory=lambda: Audience("scope"))
    urgent: bool = False
    ack: bool = True
    send_at: datetime | None = None  # None: now


def _draft(context: HumasContext) -> Draft:
    draft = context.user_data.get(DRAFT)
    if not isinstance(draft, Draft):
        draft = context.user_data[DRAFT] = Draft()
    return draft


def _sender(context: HumasContext) -> Officer:
    assert context.officer is not None
    return context.officer


def _cancel_row(context: HumasContext) -> list[InlineKeyboardButton]:
    return [button(context, "button.cancel", CANCEL.data)]


async def _letter(context: HumasContext, draft: Draft) -> Letter:
    sender = _sender(context)
    return Letter(
        body=draft.body,
        media_type=draft.media_type,
        file_id=draft.file_id,
        urgent=draft.urgent,
        ack=draft.ack,
        sender_name=sender.full_name,
        sender_role=sender.role,
        sender_unit=await announcements.sender_unit_label(context.db, sender, context.lang),
    )


async def _ask_body(update: Update, context: HumasContext) -> int:
    await show(update, context.t("announce.ask_body"), InlineKeyboardMarkup([_cancel_row(context)]))
    return COMPOSE


# ---- the text or media ------------------------------------------------------------------


@guarded("coordinator")
async def start(update: Update, context: HumasContext) -> int:
    context.user_data[DRAFT] = Draft()
    return await _ask_body(update, context)


async def _take_body(
    update: Update, context: HumasContext, body: str, media: Media | None, file_id: str | None
) -> int:
    message = update.effective_message
    assert message is not None
    draft = _draft(context)
    letter = await _letter(
        context, Draft(composed=True, body="", media_type=media, file_id=file_id)
    )
    limit = letter.body_limit()
    length = len(body.encode("utf-16-le")) // 2
    if length > limit:
        key = "announce.too_long_caption" if media else "announce.too_long"
        await message.reply_text(context.t(key, length=length, limit=limit))
        return COMPOSE
    draft.composed, draft.body, draft.media_type, draft.file_id = True, body.strip(), media, file_id
    await keep_file(context, message, "announcement")
    return await _preview(update, context)


@guarded("coordinator")
async def on_text(update: Update, context: HumasContext) -> int:
    assert update.effective_message is not None and update.effective_message.text is not None
    return await _take_body(update, context, update.effective_message.text, None, None)


@guarded("coordinator")
async def on_media(update: Update, context: HumasContext) -> int:
    message = update.effective_message
    assert message is not None
    if message.photo:
        return await _take_body(
            update, context, message.caption or "", "photo", message.photo[-1].file_id
        )
    assert message.document is not None
    return await _take_body(
        update, context, message.caption or "", "document", message.document.file_id
    )


@guarded("coordinator")
async def on_other(update: Update, context: HumasContext) -> int:
    assert update.effective_message is not None
    await update.effective_message.reply_text(context.t("announce.body_unsupported"))
    return COMPOSE


# ---- changing the audience (handlers/audience_picker.py) --------------------------------


@guarded("coordinator")
async def on_change_audience(update: Update, context: HumasContext) -> int:
    await PICKER.ask(update, context)
    return AUDIENCE


@guarded("coordinator")
async def on_audience_button(update: Update, context: HumasContext) -> int:
    choice = await PICKER.on_button(update, context)
    if choice.cancelled:
        return await on_cancel(update, context)
    return await _take_audience(update, context, choice)


@guarded("coordinator")
async def on_audience_text(update: Update, context: HumasContext) -> int:
    assert update.effective_message is not None and update.effective_message.text is not None
    choice = await PICKER.on_text(update, context, update.effective_message.text)
    return await _take_audience(update, context, choice)


async def _take_audience(update: Update, context: HumasContext, choice: AudienceChoice) -> int:
    if choice.audience is None:
        return AUDIENCE
    _draft(context).audience = choice.audience
    return await _preview(update, context)


# ---- urgent, read confirmation, time ----------------------------------------------------


@guarded("coordinator")
async def on_switch(update: Update, context: HumasContext) -> int:
    """Urgent or read confirmation switched: the summary shows it at once."""
    query = update.callback_query
    assert query is not None and query.data is not None
    draft = _draft(context)
    if SWITCH.parse(query.data) == "urgent":
        draft.urgent = not draft.urgent
    else:
        draft.ack = not draft.ack
    reach = await audience_db.resolve(context.db, _sender(context), draft.audience)
    await query.answer()
    await edit(query, _summary(context, draft, reach), _summary_keyboard(context, draft, reach))
    return PREVIEW


@guarded("coordinator")
async def on_change_when(update: Update, context: HumasContext) -> int:
    markup = InlineKeyboardMarkup(
        [[button(context, "announce.button.now", NOW.data)], _cancel_row(context)]
    )
    await show(update, context.t("announce.ask_when"), markup)
    return WHEN


@guarded("coordinator")
async def on_now(update: Update, context: HumasContext) -> int:
    _draft(context).send_at = None
    return await _preview(update, context)


@guarded("coordinator")
async def on_when_text(update: Update, context: HumasContext) -> int:
    message = update.effective_message
    assert message is not None and message.text is not None
    moment = await read_time(update, context, message.text)
    if moment is None:
        return WHEN
    _draft(context).send_at = moment if moment > context.clock.now() else None
    return await _preview(update, context)


@guarded("coordinator")
async def on_edit_body(update: Update, context: HumasContext) -> int:
    """A new text or media; the audience and the options stay as chosen."""
    return await _ask_body(update, context)


# ---- the preview and sending ------------------------------------------------------------


async def _preview(update: Update, context: HumasContext) -> int:
    """The announcement exactly as recipients get it, then the summary with its buttons."""
    draft = _draft(context)
    query = update.callback_query
    if query is not None:
        await query.answer()
        await remove_keyboard(query)
    chat_id = update.effective_chat.id if update.effective_chat else _sender(context).telegram_id
    reach = await audience_db.resolve(context.db, _sender(context), draft.audience)
    letter = await _letter(context, draft)
    await send_content(context.bot, chat_id, letter.render(context.lang, None))
    await context.bot.send_message(
        chat_id,
        _summary(context, draft, reach),
        parse_mode=ParseMode.HTML,
        reply_markup=_summary_keyboard(context, draft, reach),
    )
    return PREVIEW


def _summary_keyboard(context: HumasContext, draft: Draft, reach: Reach) -> InlineKeyboardMarkup:
    rows = [[button(context, "announce.button.send", SEND.data)]] if reach.officers else []
    rows += [
        [
            button(context, "announce.button.audience", CHANGE_AUDIENCE.data),
            button(
                context,
                "announce.button.reschedule" if draft.send_at else "announce.button.schedule",
                CHANGE_WHEN.data,
            ),
        ],
        [
            button(
                context,
                "announce.button.not_urgent" if draft.urgent else "announce.button.urgent",
                SWITCH.build("urgent"),
            ),
            button(
                context,
                "announce.button.no_ack" if draft.ack else "announce.button.ack_on",
                SWITCH.build("ack"),
            ),
        ],
        [
            button(context, "announce.button.edit_body", EDIT_BODY.data),
            button(context, "button.cancel", CANCEL.data),
        ],
    ]
    return InlineKeyboardMarkup(rows)


def _summary(context: HumasContext, draft: Draft, reach: Reach) -> str:
    if not reach.officers:
        return context.t("announce.nobody")
    lang = context.lang
    reached, targeted = reach.reached_units, len(reach.unit_ids)
    when = (
        context.t("announce.when_now")
        if draft.send_at is None
        else fmt_datetime(draft.send_at, lang, context.tz)
    )
    lines = [context.t("announce.summary", people=len(reach.officers), units=reached)]
    if targeted > reached:
        lines.append(context.t("announce.summary_empty_units", count=targeted - reached))
    lines.append(context.t("announce.summary_when", when=when))
    moment = draft.send_at or context.clock.now()
    if not draft.urgent and context.services.quiet.contains(moment):
        release = context.services.quiet.release(moment)
        lines.append(
            context.t("announce.summary_quiet", when=fmt_datetime(release, lang, context.tz))
        )
    lines.append(
        context.t("announce.summary_urgent" if draft.urgent else "announce.summary_normal")
    )
    lines.append(context.t("announce.summary_ack" if draft.ack else "announce.summary_no_ack"))
    lines.append(context.t("announce.summary_question"))
    return "\n".join(lines)


@guarded("coordinator")
async def on_send(update: Update, context: HumasContext) -> int:
    query = update.callback_query
    assert query is not None
    draft = _draft(context)
    now = context.clock.now()
    try:
        announcement, reach = await announcements.publish(
            context.db,
            delivery(context),
            _sender(context),
            await _letter(context, draft),
            draft.audience,
            draft.send_at or now,
            now,
        )
    except NobodyToReach:
        await refuse(update, context, context.t("announce.nobody"))
        return PREVIEW
    context.user_data.pop(DRAFT, None)
    if draft.send_at is None or draft.send_at <= now:
        text = context.t(
            "announce.sent",
            id=announcement.id,
            people=len(reach.officers),
            units=reach.reached_units,
        )
    else:
        text = context.t(
            "announce.scheduled",
            id=announcement.id,
            people=len(reach.officers),
            when=fmt_datetime(announcement.send_at, context.lang, context.tz),
        )
    markup = None
    if announcement.ack_required:
        markup = InlineKeyboardMarkup(
            [
                [
                    button(
                        context,
                        "announce.button.status",
                        announcements.STATUS.build(announcement.id),
                    )
                ]
            ]
        )
    await query.answer()
    await edit(query, text, markup)
    return END


@guarded("coordinator")
async def on_cancel(update: Update, context: HumasContext) -> int:
    context.user_data.pop(DRAFT, None)
    assert update.callback_query is not None
    await update.callback_query.answer()
    return await cancel_by_button(update.callback_query, context)


_TEXT = filters.TEXT & ~filters.COMMAND
_MEDIA = filters.PHOTO | filters.Document.ALL


def _composer() -> ConversationHandler[HumasContext]:
    """The dialogue that composes and sends an announcement."""
    return conversation(
        "announce",
        entry_points=[CommandHandler(["pengumuman", *spec("pengumuman").aliases], start)],
        states={
            COMPOSE: [
                MessageHandler(_TEXT, on_text),
                MessageHandler(_MEDIA, on_media),
                MessageHandler(filters.ALL & ~filters.COMMAND, on_other),
            ],
            AUDIENCE: [
                CallbackQueryHandler(on_audience_button, pattern=PICKER.pattern),
                MessageHandler(_TEXT, on_audience_text),
            ],
            WHEN: [
                CallbackQueryHandler(on_now, pattern=NOW.matches),
                MessageHandler(_TEXT, on_when_text),
            ],
            PREVIEW: [
                CallbackQueryHandler(on_send, pattern=SEND.matches),
                CallbackQueryHandler(on_change_audience, pattern=CHANGE_AUDIENCE.matches),
                CallbackQueryHandler(on_switch, pattern=SWITCH.matches),
                CallbackQueryHandler(on_change_when, pattern=CHANGE_WHEN.matches),
                CallbackQueryHandler(on_edit_body, pattern=EDIT_BODY.matches),
            ],
        },
        fallbacks=[CallbackQueryHandler(on_cancel, pattern=CANCEL.matches)],
    )


def handlers() -> list[BaseHandler[Update, HumasContext, Any]]:
    """The announcement composer, and the buttons on sent announcements."""
    return [_composer(), *announce_reads.handlers()]
