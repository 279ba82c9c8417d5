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

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import BaseHandler, CallbackQueryHandler, MessageHandler, filters

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
from handlers.context import HumasContext
from handlers.conversation import END, cancel_by_button, conversation, edit
from handlers.guard import guarded, refuse
from handlers.menus import sync_officer_menu
from handlers.profile import joined_text
from handlers.unit_picker import UnitPicker, unit_label

log = logging.getLogger(__name__)

APPLY = "rg:apply"
USE_NAME = "rg:name"
POSITION_PREFIX = "rg:pos:"
POSITION_OPTIONS = (
    "register.position.social",
    "register.position.operator",
    "register.position.staff",
)
DECIDE_PATTERN = r"^rg:(ok|no):(\d+)$"
PICKER = UnitPicker("rp", kinds=REGISTRATION_KINDS, title_key="register.pick_unit")
UNIT, NAME, POSITION = range(3)
_KEY = "registration"
_TEXT = filters.TEXT & ~filters.COMMAND


def apply_keyboard(lang: str) -> InlineKeyboardMarkup:
    """The button under the stranger's welcome."""
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(t(lang, "register.apply_button"), callback_data=APPLY)]]
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
                    context.t("register.use_name_button", name=suggestion), callback_data=USE_NAME
                )
            ]
        )
    rows.append(
        [InlineKeyboardButton(context.t("button.cancel"), callback_data=PICKER.cancel_data)]
    )
    await edit(query, context.t("register.ask_name", unit=label), InlineKeyboardMarkup(rows))
    return NAME


@guarded(min_role=None)
async def on_search(update: Update, context: HumasContext) -> None:
    assert update.effective_message is not None
    await PICKER.search(update, context, None, update.effective_message.text or "")


def _position_keyboard(context: HumasContext) -> InlineKeyboardMarkup:
    rows = [
        [InlineKeyboardButton(context.t(key), callback_data=f"{POSITION_PREFIX}{index}")]
        for index, key in enumerate(POSITION_OPTIONS)
    ]
    rows.append(
        [InlineKeyboardButton(context.t("button.cancel"), callback_data=PICKER.cancel_data)]
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
    assert query is not None and query.data is not None
    index = query.data.removeprefix(POSITION_PREFIX)
    if not index.isdigit() or int(index) >= len(POSITION_OPTIONS):
        await refuse(update, context, context.t("denied.button"))
        return None
    await query.answer()
    # Official titles are stored in Indonesian, whatever the applicant's language.
    text = await _submit(update, context, t("id", POSITION_OPTIONS[int(index)]))
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
    asked = await _notify_deciders(context, registration)
    unit = await unit_label(context.db, context.lang, registration.unit_id)
    key = "register.submitted" if asked else "register.submitted_nobody"
    return context.t(
        key, unit=unit, name=esc(registration.full_name), position=esc(registration.position)
    )


# ---- the deciders ---------------------------------------------------------------------


async def _notice_text(context: HumasContext, lang: str, registration: Registration) -> str:
    return t(
        lang,
        "register.notice",
        name=esc(registration.full_name),
        position=esc(registration.position),
        unit=await unit_label(context.db, lang, registration.unit_id),
        account=f'<a href="tg://user?id={registration.telegram_id}">{registration.telegram_id}</a>',
        when=fmt_short(registration.created_at, lang, context.tz),
    )


def _decide_keyboard(lang: str, registration_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t(lang, "register.approve_button"), callback_data=f"rg:ok:{registration_id}"
                ),
                InlineKeyboardButton(
                    t(lang, "register.reject_button"), callback_data=f"rg:no:{registration_id}"
                ),
            ]
        ]
    )


async def _notify_deciders(context: HumasContext, registration: Registration) -> int:
    """Send the request to each decider; return how many received it."""
    asked = 0
    for officer in await registrations_db.deciders(context.db, registration.unit_id):
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
        return t(lang, "register.outcome_withdrawn")
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
    if registration.status == "approved":
        officer = await officers_db.by_id(context.db, registration.officer_id or 0)
        assert officer is not None
        text = t(lang, "register.approved") + "\n\n" + await joined_text(context.db, lang, officer)
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
        await context.bot.send_message(registration.chat_id, text, parse_mode=ParseMode.HTML)
    except TelegramError as exc:
        log.info("registration %s: applicant not told: %r", registration.id, exc)
    if officer is not None:
        await sync_officer_menu(context.bot, context.db, officer)


@guarded("coordinator")
async def on_decide(update: Update, context: HumasContext) -> None:
    query = update.callback_query
    officer = context.officer
    assert query is not None and query.data is not None and officer is not None
    match = re.match(DECIDE_PATTERN, query.data)
    assert match is not None
    approve, registration_id = match.group(1) == "ok", int(match.group(2))
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


HANDLERS: list[BaseHandler] = [
    conversation(
        "registration",
        entry_points=[CallbackQueryHandler(begin, pattern=f"^{APPLY}$")],
        states={
            UNIT: [
                CallbackQueryHandler(on_unit, pattern=PICKER.pattern),
                MessageHandler(_TEXT, on_search),
            ],
            NAME: [
                CallbackQueryHandler(on_use_name, pattern=f"^{USE_NAME}$"),
                CallbackQueryHandler(on_unit, pattern=PICKER.pattern),
                MessageHandler(_TEXT, on_name_text),
            ],
            POSITION: [
                CallbackQueryHandler(on_position_button, pattern=f"^{POSITION_PREFIX}"),
                CallbackQueryHandler(on_unit, pattern=PICKER.pattern),
                MessageHandler(_TEXT, on_position_text),
            ],
        },
    ),
    CallbackQueryHandler(on_decide, pattern=DECIDE_PATTERN),
]
