"""/start: greet, or join with an invitation deep link (t.me/<bot>?start=<token>).

A link makes a stranger a member at once; a kecamatan link first asks which
desa/kelurahan of that kecamatan (one press). An account that is already active is
asked whether it wants to move; if so, the move goes to the deciders of the new
unit like a registration. A deactivated account is told to contact its
coordinator. Every refusal is logged with a short hash of the token, never the token.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.core.callback_data import ID, Fixed, Route, any_of
from bot.core.texts import esc, unit_label
from db import invitations as invitations_db
from db import registrations as registrations_db
from db import units as units_db
from db.invitations import Identity, InvitationError, InvitationProblem
from db.officers import Officer
from db.registrations import RegistrationError, RegistrationProblem
from handlers import shortcuts
from handlers.context import HumasContext
from handlers.guard import guarded
from handlers.identity import is_configured_admin, telegram_identity
from handlers.menus import sync_officer_menu
from handlers.profile import joined_text, membership
from handlers.register import apply_keyboard, notify_deciders, problem_text, withdraw_after_join
from handlers.replies import pressed_message
from handlers.unit_picker import unit_label as picker_unit_label

log = logging.getLogger(__name__)
MOVE_YES = Fixed("inv:move:yes")
MOVE_NO = Fixed("inv:move:no")
VILLAGE = Route("inv:vil", ID)
_PENDING_TOKEN = "pending_invitation_token"
_PENDING_VILLAGE = "pending_invitation_village"
_VILLAGE_TOKEN = "village_invitation_token"


async def describe_membership(context: HumasContext, officer: Officer) -> tuple[str, str]:
    """The unit's display name and a ", Kecamatan X" suffix (empty when not in one)."""
    return await membership(context.db, context.lang, officer)


def _joining(update: Update, context: HumasContext) -> Identity | None:
    """The account opening a link: a registered one keeps its stored name (unused here)."""
    who = telegram_identity(update, context)
    officer = context.officer
    if who is None and officer is not None and update.effective_chat is not None:
        return Identity(officer.telegram_id, update.effective_chat.id, officer.full_name)
    return who


async def _refuse_token(
    update: Update, context: HumasContext, token: str, error: InvitationError
) -> None:
    """Say why the link cannot be used; the log names the token by a short hash only."""
    message, user = update.effective_message, update.effective_user
    assert message is not None and user is not None
    log.info(
        "invitation refused for user %s: %s (token %s)",
        user.id,
        error.problem.value,
        invitations_db.token_hint(token),
    )
    await message.reply_text(context.t(f"invite.{error.problem.value}"))


async def _villages(update: Update, context: HumasContext, token: str) -> None:
    """A kecamatan link: the desa/kelurahan of that kecamatan, one button each."""
    message = update.effective_message
    assert message is not None
    invitation = await invitations_db.village_choice(context.db, token, context.clock.now())
    kecamatan = await units_db.by_id(context.db, invitation.unit_id) if invitation else None
    if invitation is None or kecamatan is None:
        await message.reply_text(context.t("invite.unknown"))
        return
    villages = await units_db.children(context.db, kecamatan.id, ("desa", "kelurahan"))
    context.user_data[_VILLAGE_TOKEN] = token
    buttons = [
        InlineKeyboardButton(
            unit_label(context.lang, unit.kind, unit.name), callback_data=VILLAGE.build(unit.id)
        )
        for unit in villages
    ]
    rows = [buttons[index : index + 2] for index in range(0, len(buttons), 2)]
    await message.reply_html(
        context.t(
            "invite.pick_village",
            kecamatan=unit_label(context.lang, kecamatan.kind, kecamatan.name),
        ),
        reply_markup=InlineKeyboardMarkup(rows),
    )


async def _redeem(
    update: Update, context: HumasContext, token: str, village: int | None = None
) -> None:
    message = update.effective_message
    assert message is not None
    who = _joining(update, context)
    if who is None:
        await message.reply_text(context.t("name.unusable_profile"))
        return
    try:
        result = await invitations_db.redeem(
            context.db, token, who, context.clock.now(), village=village
        )
    except InvitationError as exc:
        if exc.problem is InvitationProblem.PICK_VILLAGE:
            await _villages(update, context, token)
        else:
            await _refuse_token(update, context, token, exc)
        return
    if result.needs_confirmation:
        assert result.previous is not None
        context.user_data[_PENDING_TOKEN] = token
        context.user_data[_PENDING_VILLAGE] = village
        old_unit, _ = await describe_membership(context, result.previous)
        new_unit = await units_db.by_id(context.db, village or result.invitation.unit_id)
        assert new_unit is not None
        keyboard = InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton(context.t("button.yes"), callback_data=MOVE_YES.data),
                    InlineKeyboardButton(context.t("button.no"), callback_data=MOVE_NO.data),
                ]
            ]
        )
        await message.reply_html(
            context.t(
                "invite.confirm_move",
                old_role=context.t(f"role.{result.previous.role}"),
                old_unit=old_unit,
                new_role=context.t(f"role.{result.invitation.role}"),
                new_unit=unit_label(context.lang, new_unit.kind, new_unit.name),
            ),
            reply_markup=keyboard,
        )
        return
    officer = result.officer
    assert officer is not None
    context.officer = officer
    context.lang = officer.language
    await message.reply_html(
        await joined_text(context.db, context.lang, officer),
        reply_markup=shortcuts.keyboard(officer),
    )
    await sync_officer_menu(context.bot, context.db, officer, context.services.config.webapp.url)
    await withdraw_after_join(context, officer.telegram_id)


@guarded(min_role=None)
async def start(update: Update, context: HumasContext) -> None:
    message = update.effective_message
    assert message is not None
    if context.args:
        await _redeem(update, context, context.args[0])
        return
    officer = context.officer  # a configured administrator has one now (see the guard)
    if officer is None and is_configured_admin(update, context):
        if telegram_identity(update, context) is None:
            await message.reply_text(context.t("name.unusable_profile"))
            return
    if officer is not None and officer.status == "active":
        unit_name, suffix = await describe_membership(context, officer)
        await message.reply_html(
            context.t(
                "start.welcome_registered",
                name=esc(officer.full_name),
                role=context.t(f"role.{officer.role}"),
                unit=unit_name + suffix,
            ),
            reply_markup=shortcuts.keyboard(officer),
        )
        return
    if officer is not None and officer.status == "inactive":
        await message.reply_text(context.t("denied.inactive"))
        return
    if officer is not None:
        await message.reply_text(context.t("denied.pending"))
        return
    await _welcome_stranger(update, context)


async def _welcome_stranger(update: Update, context: HumasContext) -> None:
    """Explain the bot and offer to apply; or say where the person's application stands."""
    message, user = update.effective_message, update.effective_user
    assert message is not None and user is not None
    try:
        await registrations_db.check_can_apply(context.db, user.id, context.clock.now())
    except RegistrationError as exc:
        status = await problem_text(context, exc, user.id)
        if exc.problem is RegistrationProblem.PENDING:
            await message.reply_html(status)
        else:
            await message.reply_html(context.t("start.welcome_stranger") + "\n\n" + status)
        return
    await message.reply_html(
        context.t("start.welcome_stranger"), reply_markup=apply_keyboard(context.lang)
    )


@guarded(min_role=None)
async def pick_village(update: Update, context: HumasContext) -> None:
    """The desa/kelurahan picked under a kecamatan link: join it (checked again in db)."""
    query = update.callback_query
    assert query is not None
    token = context.user_data.pop(_VILLAGE_TOKEN, None)
    village = VILLAGE.parse(query.data)
    if token is None or village is None:
        await query.answer(context.t("denied.button"), show_alert=True)
        return
    await query.answer()
    await query.edit_message_reply_markup(None)
    await _redeem(update, context, token, village)


@guarded(min_role=None)
async def confirm_move(update: Update, context: HumasContext) -> None:
    query = update.callback_query
    assert query is not None
    token = context.user_data.pop(_PENDING_TOKEN, None)
    village = context.user_data.pop(_PENDING_VILLAGE, None)
    if token is None:
        await query.answer(context.t("denied.button"), show_alert=True)
        return
    await query.answer()
    await query.edit_message_reply_markup(None)
    if MOVE_NO.matches(query.data):
        message = pressed_message(query)
        assert message is not None
        await message.reply_text(context.t("invite.move_declined"))
        return
    await _request_move(update, context, token, village)


async def _request_move(
    update: Update, context: HumasContext, token: str, village: int | None
) -> None:
    """Ask the deciders of the new unit to approve the move; nothing changes until then."""
    message, officer = update.effective_message, context.officer
    assert message is not None
    who = _joining(update, context)
    if who is None or officer is None:
        await message.reply_text(context.t("denied.button"))
        return
    try:
        registration_id = await invitations_db.request_move(
            context.db, token, who, context.clock.now(), village=village
        )
    except InvitationError as exc:
        await _refuse_token(update, context, token, exc)
        return
    registration = await registrations_db.get(context.db, registration_id)
    assert registration is not None
    asked = await notify_deciders(context, registration)
    old_unit, _ = await describe_membership(context, officer)
    await message.reply_html(
        context.t(
            "invite.move_requested" if asked else "invite.move_requested_nobody",
            old_role=context.t(f"role.{officer.role}"),
            old_unit=old_unit,
            new_role=context.t(f"role.{registration.role}"),
            new_unit=await picker_unit_label(context.db, context.lang, registration.unit_id),
        )
    )


def handlers() -> list[BaseHandler[Update, HumasContext, Any]]:
    """/start, with an invitation or without, picking a desa under a kecamatan link, and
    confirming a move."""
    return [
        CommandHandler("start", start),
        CallbackQueryHandler(pick_village, pattern=VILLAGE.matches),
        CallbackQueryHandler(confirm_move, pattern=any_of(MOVE_YES, MOVE_NO)),
    ]
