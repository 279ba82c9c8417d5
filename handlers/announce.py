"""/pengumuman: write, target, preview and send an announcement; "Sudah dibaca"; who has read.

The dialogue fills a :class:`Draft` one piece at a time — text or photo/document
with caption, audience, urgent, acknowledgement, when — always asking for the first
missing piece; "Ubah" on the preview clears a piece and asks for it again. Every
button re-checks rights on the server: kecamatan and unit ids in callback data are
checked against the sender's scope when chosen, and the audience is resolved
within that scope again when sending (db/audience.py).

Callback data (all under ``an:``): ``au:<kind>`` audience kind, ``lv:<level>|ok``
levels, ``kc:<id>|ok`` / ``kp:<page>`` kecamatan, ``tg:<n>`` tag, ``un:add|ok`` units
(the unit picker uses ``anu:``), ``ur:1|0`` urgent, ``ak:1|0`` acknowledgement,
``wh:now``, ``go`` / ``ed`` / ``e:<piece>`` / ``x`` on the preview; outside the
dialogue ``ack:<id>`` (recipients), ``ackp`` (the preview's button), ``st:<id>`` and
``sp:<id>:<page>`` (who has read, for the sender).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ParseMode
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.commands import spec
from bot.context import HumasContext
from bot.guard import can_act_on_unit, guarded, refuse
from bot.texts import esc, fmt_datetime, fmt_short, unit_label
from bot.timeparse import TimeParseError, parse_when
from db import announcements as announcements_db
from db import audience as audience_db
from db import units as units_db
from db.audience import Audience, AudienceError, Level
from db.officers import Officer
from handlers.conversation import END, cancel_by_button, conversation, edit, remove_keyboard
from handlers.delivery_access import delivery
from handlers.unit_picker import UnitPicker
from scheduler import announcements
from scheduler.announcements import Letter, NobodyToReach
from scheduler.content import Content
from scheduler.quiet_hours import QuietHours

DRAFT = "announce_draft"
PICKER = UnitPicker(
    "anu",
    kinds=("kabupaten", "kecamatan", "desa", "kelurahan", "opd"),
    title_key="announce.pick_unit",
)
KECAMATAN_PAGE = 10
STATUS_PAGE = 20
NAMES_SHOWN = 5
Media = Literal["photo", "document"]
(COMPOSE, AUDIENCE, LEVELS, KECAMATAN, TAG, UNITS, URGENT, ACK, WHEN, PREVIEW) = range(10)


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
    levels: list[Level] = field(default_factory=list)
    kecamatans: list[int] = field(default_factory=list)
    units: list[int] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)


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
    return [_button(context, "button.cancel", "an:x")]


async def _show(
    update: Update,
    context: HumasContext,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
    *,
    answered: bool = False,
) -> None:
    """On the pressed button's message when there is one, as a new message otherwise."""
    query = update.callback_query
    if query is not None:
        if not answered:
            await query.answer()
        await edit(query, text, markup)
    else:
        assert update.effective_message is not None
        await update.effective_message.reply_html(text, reply_markup=markup)


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
        await _show(
            update,
            context,
            context.t("announce.ask_body"),
            InlineKeyboardMarkup([_cancel_row(context)]),
        )
        return COMPOSE
    if draft.audience is None:
        return await _ask_audience(update, context)
    if draft.urgent is None:
        await _show(update, context, context.t("announce.ask_urgent"), _yes_no(context, "ur"))
        return URGENT
    if draft.ack is None:
        await _show(update, context, context.t("announce.ask_ack"), _yes_no(context, "ak"))
        return ACK
    if not draft.when_chosen:
        markup = InlineKeyboardMarkup(
            [[_button(context, "announce.button.now", "an:wh:now")], _cancel_row(context)]
        )
        await _show(update, context, context.t("announce.ask_when"), markup)
        return WHEN
    return await _preview(update, context)


def _yes_no(context: HumasContext, key: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                _button(context, "button.yes", f"an:{key}:1"),
                _button(context, "button.no", f"an:{key}:0"),
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


# ---- 2. the audience --------------------------------------------------------------------


async def _ask_audience(update: Update, context: HumasContext, *, answered: bool = False) -> int:
    rows = [
        [_button(context, "announce.aud.scope", "an:au:scope")],
        [_button(context, "announce.aud.level", "an:au:level")],
        [_button(context, "announce.aud.kecamatan", "an:au:kec")],
        [_button(context, "announce.aud.tag", "an:au:tag")],
        [_button(context, "announce.aud.units", "an:au:units")],
        _cancel_row(context),
    ]
    await _show(
        update,
        context,
        context.t("announce.ask_audience"),
        InlineKeyboardMarkup(rows),
        answered=answered,
    )
    return AUDIENCE


@guarded("coordinator")
async def on_audience(update: Update, context: HumasContext) -> int:
    query = update.callback_query
    assert query is not None and query.data is not None
    choice = query.data.removeprefix("an:au:")
    draft = _draft(context)
    if choice == "scope":
        draft.audience = Audience("scope")
        return await _advance(update, context)
    if choice == "level":
        draft.levels = []
        return await _show_levels(update, context)
    if choice == "kec":
        draft.kecamatans = []
        return await _show_kecamatans(update, context, 0)
    if choice == "tag":
        draft.tags = await audience_db.tags_in_scope(context.db, _sender(context))
        if not draft.tags:
            await refuse(update, context, context.t("announce.no_tags"))
            return AUDIENCE
        rows = [
            [_button(context, "announce.tag_button", f"an:tg:{n}", tag=tag)]
            for n, tag in enumerate(draft.tags[:30])
        ]
        await _show(
            update,
            context,
            context.t("announce.ask_tag"),
            InlineKeyboardMarkup([*rows, _cancel_row(context)]),
        )
        return TAG
    if choice == "units":
        draft.units = []
        await query.answer()
        await edit(query, *await PICKER.root(context, _sender(context)))
        return UNITS
    await refuse(update, context, context.t("denied.button"))
    return AUDIENCE


async def _show_levels(update: Update, context: HumasContext) -> int:
    draft = _draft(context)
    rows = [
        [
            _button(
                context,
                "announce.toggle",
                f"an:lv:{level}",
                mark="☑️" if level in draft.levels else "⬜",
                label=context.t(f"announce.level.{level}"),
            )
        ]
        for level in audience_db.LEVELS
    ]
    rows.append([_button(context, "announce.button.done", "an:lv:ok")])
    rows.append(_cancel_row(context))
    await _show(update, context, context.t("announce.ask_levels"), InlineKeyboardMarkup(rows))
    return LEVELS


@guarded("coordinator")
async def on_level(update: Update, context: HumasContext) -> int:
    query = update.callback_query
    assert query is not None and query.data is not None
    choice = query.data.removeprefix("an:lv:")
    draft = _draft(context)
    if choice == "ok":
        if not draft.levels:
            await refuse(update, context, context.t("announce.choose_one"))
            return LEVELS
        draft.audience = Audience("level", levels=tuple(draft.levels))
        return await _advance(update, context)
    level = next((known for known in audience_db.LEVELS if known == choice), None)
    if level is None:
        await refuse(update, context, context.t("denied.button"))
        return LEVELS
    if level in draft.levels:
        draft.levels.remove(level)
    else:
        draft.levels.append(level)
    return await _show_levels(update, context)


async def _show_kecamatans(update: Update, context: HumasContext, page: int) -> int:
    draft = _draft(context)
    kecamatans = await audience_db.kecamatans_in_scope(context.db, _sender(context))
    pages = max(1, math.ceil(len(kecamatans) / KECAMATAN_PAGE))
    page = min(max(page, 0), pages - 1)
    shown = kecamatans[page * KECAMATAN_PAGE : (page + 1) * KECAMATAN_PAGE]
    buttons = [
        _button(
            context,
            "announce.toggle",
            f"an:kc:{unit.id}",
            mark="☑️" if unit.id in draft.kecamatans else "⬜",
            label=unit.name,
        )
        for unit in shown
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    nav = []
    if page > 0:
        nav.append(_button(context, "button.prev", f"an:kp:{page - 1}"))
    if page + 1 < pages:
        nav.append(_button(context, "button.next", f"an:kp:{page + 1}"))
    if nav:
        rows.append(nav)
    rows.append([_button(context, "announce.button.done", "an:kc:ok")])
    rows.append(_cancel_row(context))
    text = context.t(
        "announce.ask_kecamatan", chosen=len(draft.kecamatans), page=page + 1, pages=pages
    )
    await _show(update, context, text, InlineKeyboardMarkup(rows))
    return KECAMATAN


@guarded("coordinator")
async def on_kecamatan(update: Update, context: HumasContext) -> int:
    query = update.callback_query
    assert query is not None and query.data is not None
    draft = _draft(context)
    kind, _, value = query.data.removeprefix("an:").partition(":")
    if kind == "kp" and value.isdigit():
        return await _show_kecamatans(update, context, int(value))
    if value == "ok":
        if not draft.kecamatans:
            await refuse(update, context, context.t("announce.choose_one"))
            return KECAMATAN
        draft.audience = Audience("kecamatan", unit_ids=tuple(draft.kecamatans))
        return await _advance(update, context)
    unit = await units_db.by_id(context.db, int(value)) if value.isdigit() else None
    if unit is None or unit.kind != "kecamatan":
        await refuse(update, context, context.t("denied.button"))
        return KECAMATAN
    if not await can_act_on_unit(context.db, _sender(context), unit.id):
        await refuse(update, context, context.t("denied.scope"))
        return KECAMATAN
    if unit.id in draft.kecamatans:
        draft.kecamatans.remove(unit.id)
    else:
        draft.kecamatans.append(unit.id)
    page = (await audience_db.kecamatans_in_scope(context.db, _sender(context))).index(
        unit
    ) // KECAMATAN_PAGE
    return await _show_kecamatans(update, context, page)


@guarded("coordinator")
async def on_tag_button(update: Update, context: HumasContext) -> int:
    query = update.callback_query
    assert query is not None and query.data is not None
    draft = _draft(context)
    value = query.data.removeprefix("an:tg:")
    if not value.isdigit() or int(value) >= len(draft.tags):
        await refuse(update, context, context.t("denied.button"))
        return TAG
    return await _take_tag(update, context, draft.tags[int(value)])


@guarded("coordinator")
async def on_tag_text(update: Update, context: HumasContext) -> int:
    assert update.effective_message is not None and update.effective_message.text is not None
    return await _take_tag(update, context, update.effective_message.text)


async def _take_tag(update: Update, context: HumasContext, tag: str) -> int:
    tag = audience_db.clean_tag(tag)
    try:
        audience = Audience("tag", tag=tag)
    except AudienceError:
        audience = None
    if audience is None or not await audience_db.target_unit_ids(
        context.db, _sender(context), audience
    ):
        await refuse(update, context, context.t("announce.tag_unknown", tag=esc(tag)))
        return TAG
    _draft(context).audience = audience
    return await _advance(update, context)


@guarded("coordinator")
async def on_unit_pick(update: Update, context: HumasContext) -> int:
    query = update.callback_query
    assert query is not None
    draft = _draft(context)
    result = await PICKER.handle(update, context, _sender(context))
    if result.cancelled:
        return await _ask_audience(update, context, answered=True)
    if result.unit is None:
        return UNITS
    if result.unit.id not in draft.units:
        draft.units.append(result.unit.id)
    return await _show_units(update, context, answered=True)


async def _show_units(update: Update, context: HumasContext, *, answered: bool = False) -> int:
    draft = _draft(context)
    labels = [f"• {await _unit_name(context, unit_id)}" for unit_id in draft.units]
    rows = [
        [
            _button(context, "announce.button.add_unit", "an:un:add"),
            _button(context, "announce.button.done", "an:un:ok"),
        ],
        _cancel_row(context),
    ]
    await _show(
        update,
        context,
        context.t("announce.units_chosen", units="\n".join(labels)),
        InlineKeyboardMarkup(rows),
        answered=answered,
    )
    return UNITS


async def _unit_name(context: HumasContext, unit_id: int) -> str:
    unit = await units_db.by_id(context.db, unit_id)
    return unit_label(context.lang, unit.kind, unit.name) if unit else "—"


@guarded("coordinator")
async def on_units_action(update: Update, context: HumasContext) -> int:
    query = update.callback_query
    assert query is not None and query.data is not None
    draft = _draft(context)
    if query.data == "an:un:add":
        await query.answer()
        await edit(query, *await PICKER.root(context, _sender(context)))
        return UNITS
    if not draft.units:
        await refuse(update, context, context.t("announce.choose_one"))
        return UNITS
    draft.audience = Audience("units", unit_ids=tuple(draft.units))
    return await _advance(update, context)


@guarded("coordinator")
async def on_unit_search(update: Update, context: HumasContext) -> int:
    assert update.effective_message is not None and update.effective_message.text is not None
    await PICKER.search(update, context, _sender(context), update.effective_message.text)
    return UNITS


# ---- 3. urgent, acknowledgement, when ---------------------------------------------------


@guarded("coordinator")
async def on_urgent(update: Update, context: HumasContext) -> int:
    assert update.callback_query is not None and update.callback_query.data is not None
    _draft(context).urgent = update.callback_query.data.endswith(":1")
    return await _advance(update, context)


@guarded("coordinator")
async def on_ack(update: Update, context: HumasContext) -> int:
    assert update.callback_query is not None and update.callback_query.data is not None
    _draft(context).ack = update.callback_query.data.endswith(":1")
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
    now = context.clock.now()
    try:
        moment = parse_when(message.text, now, context.tz)
    except TimeParseError as error:
        await message.reply_html(context.t(error.key))
        return WHEN
    draft = _draft(context)
    draft.send_at = moment if moment > now else None
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
    await _send_content(context, chat_id, letter.render(context.lang, None))
    edit_row = [
        _button(context, "announce.button.edit", "an:ed"),
        _button(context, "button.cancel", "an:x"),
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
            [[_button(context, "announce.button.send", "an:go")], edit_row]
        ),
    )
    return PREVIEW


async def _send_content(context: HumasContext, chat_id: int, content: Content) -> Message:
    kwargs = {"parse_mode": ParseMode.HTML, "reply_markup": content.markup()}
    if content.media_type == "photo":
        return await context.bot.send_photo(
            chat_id, content.file_id, caption=content.text, **kwargs
        )
    if content.media_type == "document":
        return await context.bot.send_document(
            chat_id, content.file_id, caption=content.text, **kwargs
        )
    return await context.bot.send_message(chat_id, content.text, **kwargs)


def _quiet(context: HumasContext) -> QuietHours:
    quiet = context.config.quiet_hours
    return QuietHours(quiet.start, quiet.end, context.tz)


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
    if not draft.urgent and _quiet(context).contains(moment):
        release = _quiet(context).release(moment)
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
                        announcements.STATUS_DATA.format(id=announcement.id),
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
        [_button(context, "announce.edit.body", "an:e:body")],
        [_button(context, "announce.edit.audience", "an:e:aud")],
        [_button(context, "announce.edit.options", "an:e:opt")],
        [_button(context, "announce.edit.when", "an:e:when")],
        _cancel_row(context),
    ]
    await _show(update, context, context.t("announce.edit.ask"), InlineKeyboardMarkup(rows))
    return PREVIEW


@guarded("coordinator")
async def on_edit_piece(update: Update, context: HumasContext) -> int:
    assert update.callback_query is not None and update.callback_query.data is not None
    draft = _draft(context)
    piece = update.callback_query.data.removeprefix("an:e:")
    if piece == "body":
        draft.composed = False
    elif piece == "aud":
        draft.audience = None
    elif piece == "opt":
        draft.urgent = draft.ack = None
    elif piece == "when":
        draft.when_chosen = False
    else:
        await refuse(update, context, context.t("denied.button"))
        return PREVIEW
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
    value = query.data.removeprefix("an:ack:")
    announcement = await announcements_db.by_id(context.db, int(value)) if value.isdigit() else None
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
    parts = query.data.split(":")[2:]
    if not parts or not all(part.isdigit() for part in parts):
        await refuse(update, context, context.t("denied.button"))
        return
    announcement = await announcements_db.by_id(context.db, int(parts[0]))
    if announcement is None or not announcements.may_manage(_sender(context), announcement):
        await refuse(update, context, context.t("denied.button"))
        return
    page = int(parts[1]) if len(parts) > 1 else 0
    text, markup = await _status_page(context, announcement, page)
    await query.answer()
    if query.data.startswith("an:sp:"):
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
        nav.append(_button(context, "button.prev", f"an:sp:{announcement.id}:{page - 1}"))
    if page + 1 < pages:
        nav.append(_button(context, "button.next", f"an:sp:{announcement.id}:{page + 1}"))
    nav_refresh = [_button(context, "announce.button.refresh", f"an:sp:{announcement.id}:{page}")]
    return "\n".join(lines), InlineKeyboardMarkup([row for row in (nav, nav_refresh) if row])


_TEXT = filters.TEXT & ~filters.COMMAND
_MEDIA = filters.PHOTO | filters.Document.ALL

ANNOUNCE = conversation(
    "announce",
    entry_points=[CommandHandler(["pengumuman", *spec("pengumuman").aliases], start)],
    states={
        COMPOSE: [
            MessageHandler(_TEXT, on_text),
            MessageHandler(_MEDIA, on_media),
            MessageHandler(filters.ALL & ~filters.COMMAND, on_other),
        ],
        AUDIENCE: [CallbackQueryHandler(on_audience, pattern=r"^an:au:")],
        LEVELS: [CallbackQueryHandler(on_level, pattern=r"^an:lv:")],
        KECAMATAN: [CallbackQueryHandler(on_kecamatan, pattern=r"^an:k[cp]:")],
        TAG: [
            CallbackQueryHandler(on_tag_button, pattern=r"^an:tg:"),
            MessageHandler(_TEXT, on_tag_text),
        ],
        UNITS: [
            CallbackQueryHandler(on_unit_pick, pattern=PICKER.pattern),
            CallbackQueryHandler(on_units_action, pattern=r"^an:un:(add|ok)$"),
            MessageHandler(_TEXT, on_unit_search),
        ],
        URGENT: [CallbackQueryHandler(on_urgent, pattern=r"^an:ur:[01]$")],
        ACK: [CallbackQueryHandler(on_ack, pattern=r"^an:ak:[01]$")],
        WHEN: [
            CallbackQueryHandler(on_now, pattern=r"^an:wh:now$"),
            MessageHandler(_TEXT, on_when_text),
        ],
        PREVIEW: [
            CallbackQueryHandler(on_send, pattern=r"^an:go$"),
            CallbackQueryHandler(on_edit, pattern=r"^an:ed$"),
            CallbackQueryHandler(on_edit_piece, pattern=r"^an:e:"),
        ],
    },
    fallbacks=[CallbackQueryHandler(on_cancel, pattern=r"^an:x$")],
)

HANDLERS: list[BaseHandler] = [
    ANNOUNCE,
    CallbackQueryHandler(on_acknowledge, pattern=r"^an:ack:\d+$"),
    CallbackQueryHandler(on_preview_ack, pattern=r"^an:ackp$"),
    CallbackQueryHandler(on_status, pattern=r"^an:s[tp]:"),
]
