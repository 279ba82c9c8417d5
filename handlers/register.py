"""Self-registration: "Ajukan pendaftaran" → unit → full name → jabatan → coordinators decide.

The applicant's steps edit one message in place (fewer messages on a cheap phone
and within Telegram's per-chat limit); name and position can be given by a tap
(the Telegram name, a common jabatan) or typed. The request goes to every
coordinator whose scope holds the unit (administrators when there is none), each
with Approve / Reject buttons. The first decision wins; every decider's message
is then edited to say who decided, and the applicant is told. The rules live in
``db/registrations.py``.
"""

from __future__ import annotations

import html
import logging
import re
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import BaseHandler, CallbackQueryHandler, MessageHandler, filters

from bot.core.callback_data import ID, Choice, Fixed, Number, Pair, Route
from bot.core.texts import esc, fmt_datetime, fmt_short, lang_of, t
from db import officers as officers_db
from db import registrations as registrations_db
from db.registrations import (
    NAME_LENGTH,
    POSITION_LENGTH,
    REGISTRATION_KINDS,
    Applicant,
    Registration,
    RegistrationError,
    RegistrationProblem,
    clean_text,
)
from handlers import shortcuts
from handlers.context import HumasContext
from handlers.conversation import END, cancel_by_button, conversation, edit
from handlers.guard import guarded, refuse
from handlers.menus import sync_officer_menu
from handlers.profile import joined_text
from handlers.unit_picker import UnitPicker, unit_label

log = logging.getLogger(__name__)

APPLY = Fixed("rg:apply")
USE_NAME = Fixed("rg:name")
POSITION_OPTIONS = (
    "register.position.social",
    "register.position.operator",
    "register.position.staff",
)
POSITION_CHOICE = Route("rg:pos", Number(0, len(POSITION_OPTIONS) - 1))
DECIDE = Pair("rg", Choice("ok", "no"), ID)
PICKER = UnitPicker("rp", kinds=REGISTRATION_KINDS, title_key="register.pick_unit")
UNIT, NAME, POSITION = range(3)
_KEY = "registration"
_TEXT = filters.TEXT & ~filters.COMMAND


def apply_keyboard(lang: str) -> InlineKeyboardMarkup:
    """The button under the stranger's welcome."""
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(t(lang, "register.apply_button"), callback_data=APPLY.data)]]
    )


async def problem_text(context: HumasContext, error: RegistrationError, telegram_id: int) -> str:
    """Why this account cannot apply now, in words."""
    if error.problem is RegistrationProblem.PENDING:
        pending = await registrations_db.pending_of(context.db, telegram_id)
        if pending is not None:
            return await pending_text(context, pending)
    if error.problem is RegistrationProblem.COOL_OFF and error.until is not None:
        return context.t(
            "register.cool_off", when=fmt_datetime(error.until, context.lang, context.tz)
        )
    return context.t(f"register.problem.{error.problem.value}")


async def pending_text(context: HumasContext, registration: Registration) -> str:
    unit = await unit_label(context.db, context.lang, registration.unit_id)
    when = fmt_short(registration.created_at, context.lang, context.tz)
    return context.t("register.pending", unit=unit, when=when)


# ---- the applicant's dialogue ---------------------------------------------------------


@guarded(min_role=None)
async def begin(update: Update, context: HumasContext) -> int:
    query = update.callback_query
    assert query is not None and update.effective_user is not None
    try:
        await registrations_db.check_can_apply(
            context.db, update.effective_user.id, context.clock.now()
        )
    except RegistrationError as exc:
        await query.answer()
        await edit(query, await problem_text(context, exc, update.effective_user.id))
        return END
    await query.answer()
    context.user_data[_KEY] = {}
    await edit(query, *await PICKER.root(context, None))
    return UNIT


@guarded(min_role=None)
async def on_unit(update: Update, context: HumasContext) -> int | None:
    query = update.callback_query
    assert query is not None
    result = await PICKER.handle(update, context, None)
    if result.cancelled:
        return await cancel_by_button(query, context)
    if result.unit is None:
        return None
    context.user_data[_KEY] = {"unit_id": result.unit.id}
    label = await unit_label(context.db, context.lang, result.unit)
    user = update.effective_user
    assert user is not None
    suggestion = clean_text(user.full_name, NAME_LENGTH)
    rows = []
    if suggestion is not None:
        rows.append(
            [
                InlineKeyboardButton(
                    context.t("register.use_name_button", name=suggestion),
                    callback_data=USE_NAME.data,
                )
            ]
        )
    rows.append(
        [InlineKeyboardButton(context.t("button.cancel"), callback_data=PICKER.cancel.data)]
    )
    await edit(query, context.t("register.ask_name", unit=label), InlineKeyboardMarkup(rows))
    return NAME


@guarded(min_role=None)
async def on_search(update: Update, context: HumasContext) -> None:
    assert update.effective_message is not None
    await PICKER.search(update, context, None, update.effective_message.text or "")


def _position_keyboard(context: HumasContext) -> InlineKeyboardMarkup:
    rows = [
        [InlineKeyboardButton(context.t(key), callback_data=POSITION_CHOICE.build(index))]
        for index, key in enumerate(POSITION_OPTIONS)
    ]
    rows.append(
        [InlineKeyboardButton(context.t("button.cancel"), callback_data=PICKER.cancel.data)]
    )
    return InlineKeyboardMarkup(rows)


async def _ask_position(context: HumasContext, name: str) -> tuple[str, InlineKeyboardMarkup]:
    context.user_data.setdefault(_KEY, {})["name"] = name
    return context.t("register.ask_position", name=esc(name)), _position_keyboard(context)


@guarded(min_role=None)
async def on_name_text(update: Update, context: HumasContext) -> int | None:
    message = update.effective_message
    assert message is not None
    name = clean_text(message.text or "", NAME_LENGTH)
    if name is None:
        await message.reply_text(
            context.t("register.bad_name", min=NAME_LENGTH[0], max=NAME_LENGTH[1])
        )
        return None
    text, markup = await _ask_position(context, name)
    await message.reply_html(text, reply_markup=markup)
    return POSITION


@guarded(min_role=None)
async def on_use_name(update: Update, context: HumasContext) -> int | None:
    query = update.callback_query
    assert query is not None and update.effective_user is not None
    name = clean_text(update.effective_user.full_name, NAME_LENGTH)
    if name is None:
        await refuse(update, context, context.t("denied.button"))
        return None
    await query.answer()
    await edit(query, *await _ask_position(context, name))
    return POSITION


@guarded(min_role=None)
async def on_position_text(update: Update, context: HumasContext) -> int | None:
    message = update.effective_message
    assert message is not None
    position = clean_text(message.text or "", POSITION_LENGTH)
    if position is None:
        await message.reply_text(
            context.t("register.bad_position", min=POSITION_LENGTH[0], max=POSITION_LENGTH[1])
        )
        return None
    text = await _submit(update, context, position)
    await message.reply_html(text)
    return END


@guarded(min_role=None)
async def on_position_button(update: Update, context: HumasContext) -> int | None:
    query = update.callback_query
    assert query is not None
    index = POSITION_CHOICE.parse(query.data)
    assert index is not None  # the handler's pattern
    await query.answer()
    # Official titles are stored in Indonesian, whatever the applicant's language.
    text = await _submit(update, context, t("id", POSITION_OPTIONS[index]))
    await edit(query, text)
    return END


async def _submit(update: Update, context: HumasContext, position: str) -> str:
    data = context.user_data.pop(_KEY, {})
    user, chat = update.effective_user, update.effective_chat
    assert user is not None and chat is not None
    if "unit_id" not in data or "name" not in data:
        return context.t("denied.button")
    applicant = Applicant(user.id, chat.id, lang_of(context.lang))
    try:
        registration = await registrations_db.submit(
            context.db, applicant, data["unit_id"], data["name"], position, context.clock.now()
        )
    except RegistrationError as exc:
        return await problem_text(context, exc, user.id)
    asked = await notify_deciders(context, registration)
    unit = await unit_label(context.db, context.lang, registration.unit_id)
    key = "register.submitted" if asked else "register.submitted_nobody"
    return context.t(
        key, unit=unit, name=esc(registration.full_name), position=esc(registration.position)
    )


# ---- the deciders ---------------------------------------------------------------------


async def _notice_text(context: HumasContext, lang: str, registration: Registration) -> str:
    account = f'<a href="tg://user?id={registration.telegram_id}">{registration.telegram_id}</a>'
    when = fmt_short(registration.created_at, lang, context.tz)
    unit = await unit_label(context.db, lang, registration.unit_id)
    if registration.kind == "move":
        return t(
            lang,
            "register.notice_move",
            name=esc(registration.full_name),
            role=t(lang, f"role.{registration.role}"),
            unit=unit,
            current=await _current_membership(context, lang, registration),
            account=account,
            when=when,
        )
    return t(
        lang,
        "register.notice",
        name=esc(registration.full_name),
        position=esc(registration.position),
        unit=unit,
        account=account,
        when=when,
    )


async def _current_membership(context: HumasContext, lang: str, registration: Registration) -> str:
    """While a move waits: the account's unit and role now (after it, the outcome says it)."""
    officer = await officers_db.by_id(context.db, registration.officer_id or 0)
    if registration.status != "pending" or officer is None:
        return ""
    return t(
        lang,
        "register.notice_move_current",
        role=t(lang, f"role.{officer.role}"),
        unit=await unit_label(context.db, lang, officer.unit_id),
    )


def _decide_keyboard(lang: str, registration_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t(lang, "register.approve_button"),
                    callback_data=DECIDE.build("ok", registration_id),
                ),
                InlineKeyboardButton(
                    t(lang, "register.reject_button"),
                    callback_data=DECIDE.build("no", registration_id),
                ),
            ]
        ]
    )


async def notify_deciders(context: HumasContext, registration: Registration) -> int:
    """Send the request (to join, or to move) to each decider; return how many received it."""
    asked = 0
    for officer in await registrations_db.deciders(context.db, registration):
        assert officer.chat_id is not None
        try:
            message = await context.bot.send_message(
                officer.chat_id,
                await _notice_text(context, officer.language, registration),
                parse_mode=ParseMode.HTML,
                reply_markup=_decide_keyboard(officer.language, registration.id),
            )
        except Forbidden:
            await officers_db.set_reachable(
                context.db, officer.telegram_id, False, context.clock.now()
            )
            continue
        except TelegramError as exc:
            log.warning(
                "registration %s: could not ask officer %s: %r", registration.id, officer.id, exc
            )
            continue
        await registrations_db.add_notice(
            context.db, registration.id, officer.id, officer.chat_id, message.message_id
        )
        asked += 1
    return asked


async def _outcome(context: HumasContext, lang: str, registration: Registration) -> str:
    if registration.status == "withdrawn":
        suffix = "_move" if registration.kind == "move" else ""
        return t(lang, f"register.outcome_withdrawn{suffix}")
    decider = await officers_db.by_id(context.db, registration.decided_by or 0)
    assert registration.decided_at is not None
    return t(
        lang,
        f"register.outcome_{registration.status}",
        by=esc(decider.full_name) if decider else "—",
        when=fmt_short(registration.decided_at, lang, context.tz),
    )


async def update_notices(context: HumasContext, registration: Registration) -> None:
    """Edit every decider's message: the request, and who decided what (no buttons)."""
    for notice in await registrations_db.notices(context.db, registration.id):
        lang = notice.officer.language
        text = await _notice_text(context, lang, registration) + await _outcome(
            context, lang, registration
        )
        try:
            await context.bot.edit_message_text(
                text,
                chat_id=notice.chat_id,
                message_id=notice.message_id,
                parse_mode=ParseMode.HTML,
            )
        except BadRequest as exc:
            if "not modified" not in str(exc).lower():
                log.warning(
                    "registration %s: notice %s not edited: %r",
                    registration.id,
                    notice.message_id,
                    exc,
                )
        except TelegramError as exc:
            log.warning(
                "registration %s: notice %s not edited: %r", registration.id, notice.message_id, exc
            )


async def _tell_applicant(context: HumasContext, registration: Registration) -> None:
    lang = registration.language
    move = registration.kind == "move"
    if registration.status == "approved":
        officer = await officers_db.by_id(context.db, registration.officer_id or 0)
        assert officer is not None
        lang = officer.language
        head = t(lang, "register.move_approved" if move else "register.approved")
        text = head + "\n\n" + await joined_text(context.db, lang, officer)
    elif move:
        text = t(
            lang,
            "register.move_rejected",
            unit=await unit_label(context.db, lang, registration.unit_id),
        )
        officer = None
    else:
        assert registration.decided_at is not None
        text = t(
            lang,
            "register.rejected",
            unit=await unit_label(context.db, lang, registration.unit_id),
            when=fmt_datetime(
                registration.decided_at + registrations_db.REAPPLY_AFTER, lang, context.tz
            ),
        )
        officer = None
    try:
        await context.bot.send_message(
            registration.chat_id,
            text,
            parse_mode=ParseMode.HTML,
            reply_markup=shortcuts.keyboard(officer) if officer is not None else None,
        )
    except TelegramError as exc:
        log.info("registration %s: applicant not told: %r", registration.id, exc)
    if officer is not None:
        await sync_officer_menu(
            context.bot, context.db, officer, context.services.config.webapp.url
        )


@guarded("coordinator")
async def on_decide(update: Update, context: HumasContext) -> None:
    query = update.callback_query
    officer = context.officer
    assert query is not None and officer is not None
    decided = DECIDE.parse(query.data)
    assert decided is not None  # the handler's pattern
    approve, registration_id = decided[0] == "ok", decided[1]
    try:
        decision = await registrations_db.decide(
            context.db, registration_id, officer.telegram_id, approve, context.clock.now()
        )
    except RegistrationError as exc:
        key = "denied.scope" if exc.problem is RegistrationProblem.NOT_ALLOWED else "denied.button"
        await refuse(update, context, context.t(key))
        return
    registration = decision.registration
    if not decision.decided_now:
        outcome = await _outcome(context, context.lang, registration)
        await query.answer(_plain(outcome).strip(), show_alert=True)
        await update_notices(context, registration)
        return
    await query.answer()
    await update_notices(context, registration)
    await _tell_applicant(context, registration)


async def withdraw_after_join(context: HumasContext, telegram_id: int) -> None:
    """The applicant joined by an invitation: close their request and tell the deciders."""
    registration = await registrations_db.withdraw_pending(
        context.db, telegram_id, context.clock.now()
    )
    if registration is not None:
        await update_notices(context, registration)


def _plain(html_text: str) -> str:
    """Alerts are plain text: strip the few tags the catalogue uses, decode entities."""
    return html.unescape(re.sub(r"</?(b|i|code)>", "", html_text))


def handlers() -> list[BaseHandler[Update, HumasContext, Any]]:
    """Applying to join, and the coordinators' decision."""
    return [
        conversation(
            "registration",
            entry_points=[CallbackQueryHandler(begin, pattern=APPLY.matches)],
            states={
                UNIT: [
                    CallbackQueryHandler(on_unit, pattern=PICKER.pattern),
                    MessageHandler(_TEXT, on_search),
                ],
                NAME: [
                    CallbackQueryHandler(on_use_name, pattern=USE_NAME.matches),
                    CallbackQueryHandler(on_unit, pattern=PICKER.pattern),
                    MessageHandler(_TEXT, on_name_text),
                ],
                POSITION: [
                    CallbackQueryHandler(on_position_button, pattern=POSITION_CHOICE.matches),
                    CallbackQueryHandler(on_unit, pattern=PICKER.pattern),
                    MessageHandler(_TEXT, on_position_text),
                ],
            },
        ),
        CallbackQueryHandler(on_decide, pattern=DECIDE.matches),
    ]
