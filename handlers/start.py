"""/start: greet, or join with an invitation deep link (t.me/<bot>?start=<token>)."""

from __future__ import annotations

import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.core.texts import esc, unit_label
from db import invitations as invitations_db
from db import officers as officers_db
from db import registrations as registrations_db
from db import units as units_db
from db.invitations import Identity, InvitationError
from db.officers import Officer
from db.registrations import RegistrationError, RegistrationProblem
from handlers.context import HumasContext
from handlers.guard import guarded
from handlers.menus import sync_officer_menu
from handlers.profile import joined_text, membership
from handlers.register import apply_keyboard, problem_text, withdraw_after_join

log = logging.getLogger(__name__)
MOVE_YES = "inv:move:yes"
MOVE_NO = "inv:move:no"
_PENDING_TOKEN = "pending_invitation_token"


def _identity(update: Update, context: HumasContext) -> Identity:
    user = update.effective_user
    assert user is not None and update.effective_chat is not None
    return Identity(
        telegram_id=user.id,
        chat_id=update.effective_chat.id,
        full_name=user.full_name[:120],
        language=context.lang,
    )


async def describe_membership(context: HumasContext, officer: Officer) -> tuple[str, str]:
    """The unit's display name and a ", Kecamatan X" suffix (empty when not in one)."""
    return await membership(context.db, context.lang, officer)


async def _redeem(update: Update, context: HumasContext, token: str, confirm: bool) -> None:
    message = update.effective_message
    assert message is not None
    try:
        result = await invitations_db.redeem(
            context.db, token, _identity(update, context), context.clock.now(), confirm_move=confirm
        )
    except InvitationError as exc:
        await message.reply_text(context.t(f"invite.{exc.problem.value}"))
        return
    if result.needs_confirmation:
        assert result.previous is not None
        context.user_data[_PENDING_TOKEN] = token
        old_unit, _ = await describe_membership(context, result.previous)
        new_unit = await units_db.by_id(context.db, result.invitation.unit_id)
        assert new_unit is not None
        keyboard = InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton(context.t("button.yes"), callback_data=MOVE_YES),
                    InlineKeyboardButton(context.t("button.no"), callback_data=MOVE_NO),
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
    await message.reply_html(await joined_text(context.db, context.lang, officer))
    await sync_officer_menu(context.bot, context.db, officer)
    await withdraw_after_join(context, officer.telegram_id)


@guarded(min_role=None)
async def start(update: Update, context: HumasContext) -> None:
    message = update.effective_message
    assert message is not None
    if context.args:
        await _redeem(update, context, context.args[0], confirm=False)
        return
    officer = context.officer
    user = update.effective_user
    assert user is not None
    if officer is None and user.id in context.config.admins:
        officer = await _bootstrap_admin(update, context)
    if officer is not None and officer.status == "active":
        unit_name, suffix = await describe_membership(context, officer)
        await message.reply_html(
            context.t(
                "start.welcome_registered",
                name=esc(officer.full_name),
                role=context.t(f"role.{officer.role}"),
                unit=unit_name + suffix,
            )
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


async def _bootstrap_admin(update: Update, context: HumasContext) -> Officer | None:
    """A person named in the config's ``admins`` becomes an administrator on first /start."""
    who = _identity(update, context)
    regency = await units_db.by_code(context.db, units_db.REGENCY_CODE)
    if regency is None:
        log.warning("admin %s sent /start but the area directory is empty", who.telegram_id)
        return None
    officer = await officers_db.bootstrap_admin(
        context.db,
        who.telegram_id,
        who.chat_id,
        who.full_name,
        context.lang,  # type: ignore[arg-type]
        regency.id,
        context.clock.now(),
    )
    context.officer = officer
    await sync_officer_menu(context.bot, context.db, officer)
    return officer


@guarded(min_role=None)
async def confirm_move(update: Update, context: HumasContext) -> None:
    query = update.callback_query
    assert query is not None
    token = context.user_data.pop(_PENDING_TOKEN, None)
    if token is None:
        await query.answer(context.t("denied.button"), show_alert=True)
        return
    await query.answer()
    await query.edit_message_reply_markup(None)
    if query.data == MOVE_NO:
        await query.message.reply_text(context.t("invite.move_declined"))  # type: ignore[union-attr]
        return
    await _redeem(update, context, token, confirm=True)


HANDLERS: list[BaseHandler] = [
    CommandHandler("start", start),
    CallbackQueryHandler(confirm_move, pattern=f"^({MOVE_YES}|{MOVE_NO})$"),
]
