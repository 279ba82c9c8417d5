"""/pengumuman: write, target, preview and send an announcement; "Sudah dibaca"; who has read.

The dialogue fills a :class:`Draft` one piece at a time — text or photo/document
with caption, audience, urgent, acknowledgement, when — always asking for the first
missing piece; "Ubah" on the preview clears a piece and asks for it again. Every
button re-checks rights on the server: kecamatan and unit ids in callback data are
checked against the sender's scope when chosen, and the audience is resolved
within that scope again when sending (db/audience.py).

Callback data (all under ``an:``): the audience picker's (handlers/audience_picker.py:
``au:<kind>``, ``lv:``, ``kc:`` / ``kp:``, ``tg:``, ``un:``; its unit picker uses
``anu:``), ``ur:1|0`` urgent, ``ak:1|0`` acknowledgement, ``wh:now``, ``go`` / ``ed`` /
``e:<piece>`` on the preview, ``x`` (cancel) everywhere; outside the dialogue ``ack:<id>`` (recipients), ``ackp`` (the preview's button), ``st:<id>`` and
``sp:<id>:<page>`` (who has read, for the sender).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
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

from bot.core.callback_data import ID, INDEX, Choice, Fixed, Pair, Route, any_of
from bot.core.texts import esc, fmt_datetime, fmt_short, unit_label
from db import announcements as announcements_db
from db import audience as audience_db
from db.audience import Audience
from db.officers import Officer
from handlers.audience_picker import AudienceChoice, AudiencePicker
from handlers.commands import spec
from handlers.context import HumasContext
from handlers.conversation import END, cancel_by_button, conversation, edit, remove_keyboard, show
from handlers.delivery_access import delivery
from handlers.guard import guarded, refuse
from handlers.when import read_time
from scheduler import announcements
from scheduler.announcements import Letter, NobodyToReach
from scheduler.content_sender import send_content

DRAFT = "announce_draft"
PICKER = AudiencePicker("an", units_prefix="anu", title_key="announce.ask_audience")
STATUS_PAGE = 20
NAMES_SHOWN = 5
Media = Literal["photo", "document"]
(COMPOSE, AUDIENCE, URGENT, ACK, WHEN, PREVIEW) = range(6)
CANCEL = Fixed("an:x")
URGENT_CHOICE = Route("an:ur", Choice("0", "1"))
ACK_CHOICE = Route("an:ak", Choice("0", "1"))
NOW = Fixed("an:wh:now")
SEND = Fixed("an:go")
EDIT = Fixed("an:ed")
EDIT_PIECE = Route("an:e", Choice("body", "aud", "opt", "when"))
STATUS_AT = Pair("an:sp", ID, INDEX)


@dataclass
class Draft:
    """What the sender chose so far; None means "not asked yet"."""

    composed: bool = False
    body: str = ""
    media_type: Media | None = None
    file_id: str | None = None
    audience: Audience | None = None
    urgent: bool | None = None
    ack: bool | None = None
    send_at: datetime | None = None  # None with when_chosen: now
    when_chosen: bool = False


def _draft(context: HumasContext) -> Draft:
    draft = context.user_data.get(DRAFT)
    if not isinstance(draft, Draft):
        draft = context.user_data[DRAFT] = Draft()
    return draft


def _sender(context: HumasContext) -> Officer:
    assert context.officer is not None
    return context.officer


def _button(context: HumasContext, key: str, data: str, **params: object) -> InlineKeyboardButton:
    return InlineKeyboardButton(context.t(key, **params), callback_data=data)


def _cancel_row(context: HumasContext) -> list[InlineKeyboardButton]:
    return [_button(context, "button.cancel", CANCEL.data)]


async def _letter(context: HumasContext, draft: Draft) -> Letter:
    sender = _sender(context)
    return Letter(
        body=draft.body,
        media_type=draft.media_type,
        file_id=draft.file_id,
        urgent=bool(draft.urgent),
        ack=bool(draft.ack),
        sender_name=sender.full_name,
        sender_role=sender.role,
        sender_unit=await announcements.sender_unit_label(context.db, sender, context.lang),
    )


# ---- the next missing piece -------------------------------------------------------------


async def _advance(update: Update, context: HumasContext) -> int:
    draft = _draft(context)
    if not draft.composed:
        await show(
            update,
            context.t("announce.ask_body"),
            InlineKeyboardMarkup([_cancel_row(context)]),
        )
        return COMPOSE
    if draft.audience is None:
        await PICKER.ask(update, context)
        return AUDIENCE
    if draft.urgent is None:
        await show(update, context.t("announce.ask_urgent"), _yes_no(context, URGENT_CHOICE))
        return URGENT
    if draft.ack is None:
        await show(update, context.t("announce.ask_ack"), _yes_no(context, ACK_CHOICE))
        return ACK
    if not draft.when_chosen:
        markup = InlineKeyboardMarkup(
            [[_button(context, "announce.button.now", NOW.data)], _cancel_row(context)]
        )
        await show(update, context.t("announce.ask_when"), markup)
        return WHEN
    return await _preview(update, context)


def _yes_no(context: HumasContext, choice: Route[str]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                _button(context, "button.yes", choice.build("1")),
                _button(context, "button.no", choice.build("0")),
            ],
            _cancel_row(context),
        ]
    )


# ---- 1. the text or media ---------------------------------------------------------------


@guarded("coordinator")
async def start(update: Update, context: HumasContext) -> int:
    context.user_data[DRAFT] = Draft()
    return await _advance(update, context)


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
    return await _advance(update, context)


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


# ---- 2. the audience (handlers/audience_picker.py) -------------------------------------


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
    return await _advance(update, context)


# ---- 3. urgent, acknowledgement, when ---------------------------------------------------


@guarded("coordinator")
async def on_urgent(update: Update, context: HumasContext) -> int:
    assert update.callback_query is not None and update.callback_query.data is not None
    _draft(context).urgent = URGENT_CHOICE.parse(update.callback_query.data) == "1"
    return await _advance(update, context)


@guarded("coordinator")
async def on_ack(update: Update, context: HumasContext) -> int:
    assert update.callback_query is not None and update.callback_query.data is not None
    _draft(context).ack = ACK_CHOICE.parse(update.callback_query.data) == "1"
    return await _advance(update, context)


@guarded("coordinator")
async def on_now(update: Update, context: HumasContext) -> int:
    draft = _draft(context)
    draft.send_at, draft.when_chosen = None, True
    return await _advance(update, context)


@guarded("coordinator")
async def on_when_text(update: Update, context: HumasContext) -> int:
    message = update.effective_message
    assert message is not None and message.text is not None
    moment = await read_time(update, context, message.text)
    if moment is None:
        return WHEN
    draft = _draft(context)
    draft.send_at = moment if moment > context.clock.now() else None
    draft.when_chosen = True
    return await _advance(update, context)


# ---- 4. preview, send, edit -------------------------------------------------------------


async def _preview(update: Update, context: HumasContext) -> int:
    draft = _draft(context)
    assert draft.audience is not None
    query = update.callback_query
    if query is not None:
        await query.answer()
        await remove_keyboard(query)
    chat_id = update.effective_chat.id if update.effective_chat else _sender(context).telegram_id
    reach = await audience_db.resolve(context.db, _sender(context), draft.audience)
    letter = await _letter(context, draft)
    await send_content(context.bot, chat_id, letter.render(context.lang, None))
    edit_row = [
        _button(context, "announce.button.edit", EDIT.data),
        _button(context, "button.cancel", CANCEL.data),
    ]
    if not reach.officers:
        await context.bot.send_message(
            chat_id,
            context.t("announce.nobody"),
            parse_mode=ParseMode.HTML,
            reply_markup=InlineKeyboardMarkup([edit_row]),
        )
        return PREVIEW
    await context.bot.send_message(
        chat_id,
        _summary(context, draft, reach.reached_units, len(reach.unit_ids), len(reach.officers)),
        parse_mode=ParseMode.HTML,
        reply_markup=InlineKeyboardMarkup(
            [[_button(context, "announce.button.send", SEND.data)], edit_row]
        ),
    )
    return PREVIEW


def _summary(context: HumasContext, draft: Draft, reached: int, targeted: int, people: int) -> str:
    lang = context.lang
    when = (
        context.t("announce.when_now")
        if draft.send_at is None
        else fmt_datetime(draft.send_at, lang, context.tz)
    )
    lines = [
        context.t("announce.summary", people=people, units=reached),
    ]
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
    assert draft.audience is not None
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
                    _button(
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
async def on_edit(update: Update, context: HumasContext) -> int:
    rows = [
        [_button(context, "announce.edit.body", EDIT_PIECE.build("body"))],
        [_button(context, "announce.edit.audience", EDIT_PIECE.build("aud"))],
        [_button(context, "announce.edit.options", EDIT_PIECE.build("opt"))],
        [_button(context, "announce.edit.when", EDIT_PIECE.build("when"))],
        _cancel_row(context),
    ]
    await show(update, context.t("announce.edit.ask"), InlineKeyboardMarkup(rows))
    return PREVIEW


@guarded("coordinator")
async def on_edit_piece(update: Update, context: HumasContext) -> int:
    assert update.callback_query is not None and update.callback_query.data is not None
    draft = _draft(context)
    piece = EDIT_PIECE.parse(update.callback_query.data)
    if piece == "body":
        draft.composed = False
    elif piece == "aud":
        draft.audience = None
    elif piece == "opt":
        draft.urgent = draft.ack = None
    else:
        draft.when_chosen = False
    return await _advance(update, context)


@guarded("coordinator")
async def on_cancel(update: Update, context: HumasContext) -> int:
    context.user_data.pop(DRAFT, None)
    assert update.callback_query is not None
    await update.callback_query.answer()
    return await cancel_by_button(update.callback_query, context)


# ---- acknowledgement and who has read ----------------------------------------------------


@guarded("officer")
async def on_acknowledge(update: Update, context: HumasContext) -> None:
    query = update.callback_query
    assert query is not None and query.data is not None
    officer = context.officer
    assert officer is not None
    announcement_id = announcements.ACK.parse(query.data)
    assert announcement_id is not None  # the handler's pattern
    announcement = await announcements_db.by_id(context.db, announcement_id)
    if (
        announcement is None
        or not announcement.ack_required
        or not await announcements_db.is_recipient(context.db, announcement, officer.id)
    ):
        await refuse(update, context, context.t("denied.button"))
        return
    recorded, at = await announcements_db.acknowledge(
        context.db, announcement.id, officer.id, context.clock.now()
    )
    key = "announce.ack_recorded" if recorded else "announce.ack_already"
    await query.answer(
        context.t(key, when=fmt_short(at, context.lang, context.tz)), show_alert=not recorded
    )


@guarded(min_role=None)
async def on_preview_ack(update: Update, context: HumasContext) -> None:
    assert update.callback_query is not None
    await update.callback_query.answer(context.t("announce.preview_ack"), show_alert=True)


@guarded("coordinator")
async def on_status(update: Update, context: HumasContext) -> None:
    query = update.callback_query
    assert query is not None and query.data is not None
    paged = STATUS_AT.parse(query.data)
    announcement_id, page = paged or (announcements.STATUS.parse(query.data), 0)
    assert announcement_id is not None  # the handler's pattern
    announcement = await announcements_db.by_id(context.db, announcement_id)
    if announcement is None or not announcements.may_manage(_sender(context), announcement):
        await refuse(update, context, context.t("denied.button"))
        return
    text, markup = await _status_page(context, announcement, page)
    await query.answer()
    if paged is not None:
        await edit(query, text, markup)
    else:
        assert update.effective_message is not None
        await update.effective_message.reply_html(text, reply_markup=markup)


async def _status_page(
    context: HumasContext, announcement: announcements_db.Announcement, page: int
) -> tuple[str, InlineKeyboardMarkup | None]:
    units = await announcements_db.readers_by_unit(context.db, announcement)
    people = sum(len(unit.readers) for unit in units)
    read = sum(unit.acknowledged for unit in units)
    complete = sum(1 for unit in units if unit.acknowledged == len(unit.readers))
    pages = max(1, math.ceil(len(units) / STATUS_PAGE))
    page = min(max(page, 0), pages - 1)
    lines = [
        context.t(
            "announce.status.header",
            id=announcement.id,
            snippet=announcements.snippet(announcement.body),
            read=read,
            people=people,
            complete=complete,
            units=len(units),
            page=page + 1,
            pages=pages,
        )
    ]
    for unit in units[page * STATUS_PAGE : (page + 1) * STATUS_PAGE]:
        label = unit_label(context.lang, unit.unit_kind, unit.unit_name)
        missing = [
            esc(reader.full_name) for reader in unit.readers if reader.acknowledged_at is None
        ]
        if not missing:
            lines.append(
                context.t(
                    "announce.status.unit_done",
                    unit=label,
                    read=unit.acknowledged,
                    total=len(unit.readers),
                )
            )
            continue
        shown = ", ".join(missing[:NAMES_SHOWN])
        if len(missing) > NAMES_SHOWN:
            shown += context.t("announce.status.more", count=len(missing) - NAMES_SHOWN)
        key = "announce.status.unit_partial" if unit.acknowledged else "announce.status.unit_none"
        lines.append(
            context.t(
                key, unit=label, read=unit.acknowledged, total=len(unit.readers), missing=shown
            )
        )
    nav = []
    if page > 0:
        nav.append(_button(context, "button.prev", STATUS_AT.build(announcement.id, page - 1)))
    if page + 1 < pages:
        nav.append(_button(context, "button.next", STATUS_AT.build(announcement.id, page + 1)))
    nav_refresh = [
        _button(context, "announce.button.refresh", STATUS_AT.build(announcement.id, page))
    ]
    return "\n".join(lines), InlineKeyboardMarkup([row for row in (nav, nav_refresh) if row])


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
            URGENT: [CallbackQueryHandler(on_urgent, pattern=URGENT_CHOICE.matches)],
            ACK: [CallbackQueryHandler(on_ack, pattern=ACK_CHOICE.matches)],
            WHEN: [
                CallbackQueryHandler(on_now, pattern=NOW.matches),
                MessageHandler(_TEXT, on_when_text),
            ],
            PREVIEW: [
                CallbackQueryHandler(on_send, pattern=SEND.matches),
                CallbackQueryHandler(on_edit, pattern=EDIT.matches),
                CallbackQueryHandler(on_edit_piece, pattern=EDIT_PIECE.matches),
            ],
        },
        fallbacks=[CallbackQueryHandler(on_cancel, pattern=CANCEL.matches)],
    )


def handlers() -> list[BaseHandler[Update, HumasContext, Any]]:
    """The announcement composer, and the buttons on sent announcements."""
    return [
        _composer(),
        CallbackQueryHandler(on_acknowledge, pattern=announcements.ACK.matches),
        CallbackQueryHandler(on_preview_ack, pattern=announcements.PREVIEW_ACK.matches),
        CallbackQueryHandler(on_status, pattern=any_of(announcements.STATUS, STATUS_AT)),
    ]
