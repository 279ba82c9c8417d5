"""The live invitations of a coordinator's scope, in /undang: who made each, uses left,
expiry; one button revokes one (the link is then refused like an expired one).

Callback data (bot/core/callback_data.py): ``iv:ls:<page>`` a page of the list,
``iv:rv:<invitation id>:<page>`` revoke and show that page again. The rules (who may revoke what) live in
``db/invitations.py``, which reads the person again when the button is pressed.
"""

from __future__ import annotations

import math
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.core.callback_data import ID, INDEX, Pair, Route
from bot.core.texts import esc, fmt_short, unit_label
from db import invitations as invitations_db
from db.invitations import InvitationError, InvitationProblem, LiveInvitation
from db.officers import Officer
from handlers.context import HumasContext
from handlers.conversation import END, edit
from handlers.guard import guarded, refuse

PAGE = Route("iv:ls", INDEX)
REVOKE = Pair("iv:rv", ID, INDEX)
PAGE_SIZE = 5


async def list_button(context: HumasContext, officer: Officer) -> InlineKeyboardButton | None:
    """The button that opens the list, when there is anything to list."""
    _, total = await invitations_db.list_live(context.db, context.clock.now(), officer, limit=0)
    if total == 0:
        return None
    return InlineKeyboardButton(
        context.t("undang.list_button", count=total), callback_data=PAGE.build(0)
    )


def _item(context: HumasContext, live: LiveInvitation) -> str:
    invitation = live.invitation
    creator = live.creator_name
    return context.t(
        "undang.list_item",
        id=invitation.id,
        unit=unit_label(context.lang, live.unit_kind, live.unit_name),
        role=context.t(f"role.{invitation.role}"),
        left=live.uses_left,
        uses=invitation.max_uses,
        expires=fmt_short(invitation.expires_at, context.lang, context.tz),
        creator=esc(creator) if creator is not None else context.t("undang.creator_shell"),
    )


async def _screen(
    context: HumasContext, officer: Officer, page: int, notice: str = ""
) -> tuple[str, InlineKeyboardMarkup | None]:
    """One page of the list (the last one if ``page`` is past it), under ``notice``."""
    now = context.clock.now()
    _, total = await invitations_db.list_live(context.db, now, officer, limit=0)
    if total == 0:
        return notice + context.t("undang.list_empty"), None
    pages = max(1, math.ceil(total / PAGE_SIZE))
    page = min(page, pages - 1)
    items, total = await invitations_db.list_live(
        context.db, now, officer, offset=page * PAGE_SIZE, limit=PAGE_SIZE
    )
    text = notice + context.t(
        "undang.list",
        total=total,
        page=page + 1,
        pages=pages,
        items="\n\n".join(_item(context, live) for live in items),
    )
    revoke = [
        InlineKeyboardButton(
            context.t("undang.revoke_button", id=live.invitation.id),
            callback_data=REVOKE.build(live.invitation.id, page),
        )
        for live in items
    ]
    rows = [revoke[i : i + 2] for i in range(0, len(revoke), 2)]
    nav = []
    if page > 0:
        nav.append(
            InlineKeyboardButton(context.t("button.prev"), callback_data=PAGE.build(page - 1))
        )
    if page + 1 < pages:
        nav.append(
            InlineKeyboardButton(context.t("button.next"), callback_data=PAGE.build(page + 1))
        )
    if nav:
        rows.append(nav)
    return text, InlineKeyboardMarkup(rows)


@guarded("coordinator")
async def on_list(update: Update, context: HumasContext) -> int:
    query, officer = update.callback_query, context.officer
    assert query is not None and officer is not None
    page = PAGE.parse(query.data)
    assert page is not None  # the handler's pattern
    await query.answer()
    await edit(query, *await _screen(context, officer, page))
    return END


@guarded("coordinator")
async def on_revoke(update: Update, context: HumasContext) -> None:
    query, officer = update.callback_query, context.officer
    assert query is not None and officer is not None
    pressed = REVOKE.parse(query.data)
    assert pressed is not None  # the handler's pattern
    invitation_id, page = pressed
    try:
        await invitations_db.revoke(
            context.db, invitation_id, context.clock.now(), by_telegram_id=officer.telegram_id
        )
    except InvitationError as exc:
        if exc.problem is InvitationProblem.NOT_ALLOWED:
            await refuse(update, context, context.t("denied.scope"))
            return
        if exc.problem is InvitationProblem.UNKNOWN:
            await refuse(update, context, context.t("denied.button"))
            return
        notice = context.t("undang.revoke_gone", id=invitation_id)
    else:
        notice = context.t("undang.revoked", id=invitation_id)
    await query.answer()
    await edit(query, *await _screen(context, officer, page, notice + "\n\n"))


def handlers() -> list[BaseHandler[Update, HumasContext, Any]]:
    """The list of a coordinator's open invitations, and revoking one."""
    return [
        CallbackQueryHandler(on_list, pattern=PAGE.matches),
        CallbackQueryHandler(on_revoke, pattern=REVOKE.matches),
    ]
