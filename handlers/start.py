"""/start: greet, or join with an invitation deep link (t.me/<bot>?start=<token>)."""

from __future__ import annotations

import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot.commands import commands_for
from bot.context import HumasContext
from bot.guard import guarded
from bot.menus import set_officer_menu
from bot.texts import esc, unit_label
from db import invitations as invitations_db
from db import officers as officers_db
from db import units as units_db
from db.invitations import Identity, InvitationError
from db.officers import Officer

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
    unit = await units_db.by_id(context.db, officer.unit_id)
    assert unit is not None
    kecamatan = await units_db.kecamatan_of(context.db, unit)
    suffix = ""
    if kecamatan is not None and kecamatan.id != unit.id:
        suffix = context.t("start.kecamatan_suffix", name=esc(kecamatan.name))
    return unit_label(context.lang, unit.kind, unit.name), suffix


async def _joined_text(context: HumasContext, officer: Officer) -> str:
    unit_name, suffix = await describe_membership(context, officer)
    lines = "\n".join(
        context.t("help.line", command=spec.name, description=context.t(spec.text_key))
        for spec in commands_for(officer.role)
    )
    return context.t(
        "start.joined",
        name=esc(officer.full_name),
        role=context.t(f"role.{officer.role}"),
        unit=unit_name,
        kecamatan=suffix,
        commands=lines,
    )


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
            [[
                InlineKeyboardButton(context.t("button.yes"), callback_data=MOVE_YES),
                InlineKeyboardButton(context.t("button.no"), callback_data=MOVE_NO),
            ]]
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
    await message.reply_html(await _joined_text(context, officer))
    await set_officer_menu(context.bot, officer)


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
    await message.reply_html(context.t("start.welcome_stranger"))


async def _bootstrap_admin(update: Update, context: HumasContext) -> Officer | None:
    """A person named in the config's ``admins`` becomes an administrator on first /start."""
    regency = await units_db.by_code(context.db, units_db.REGENCY_CODE)
    if regency is None:
        log.warning("admin %s sent /start but the area directory is empty", context.user_id)
        return None
    who = _identity(update, context)
    officer = await officers_db.bootstrap_admin(
        context.db, who.telegram_id, who.chat_id, who.full_name, context.lang,  # type: ignore[arg-type]
        regency.id, context.clock.now(),
    )
    context.officer = officer
    await set_officer_menu(context.bot, officer)
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
