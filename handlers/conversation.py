"""What every multi-step dialogue shares: /batal, a timeout, who gets typed input, safe edits.

Build conversations with :func:`conversation`: it adds /batal (and /cancel) as a
fallback, ends a dialogue left alone for :data:`TIMEOUT`, and lets a person start
it again with its entry point. :func:`end_conversations` is the global /batal: it
ends every conversation the person has in progress, in any feature, by offering
the update to each ConversationHandler (through their public ``check_update`` /
``handle_update``), so each one runs its own /batal fallback.

A person can be inside two dialogues at once — say, halfway through /brief_baru
when they open /tinjau and press "Revisi". PTB keeps each ConversationHandler's
state on its own, so their next text would go to whichever was registered first
(the briefing's title, not the revision note). A :class:`Conversation` therefore
takes what a person sends (text, photos, files, commands of a step) only when it
is the dialogue they entered last: through an entry point or one of its buttons,
staying in progress. A dialogue left behind keeps its state until its timeout or
/batal, but no longer swallows input meant for another one; its buttons still
work, and pressing one makes it the current dialogue again.

A ConversationHandler keeps every person's dialogue state (and its timeout jobs)
inside itself. Feature modules build theirs once, at import, in ``HANDLERS``; so
that a second application in the same process (the tests, the demo, a restart)
does not inherit dialogues and timeout jobs of the first, the application
registers :func:`fresh` copies: a :class:`Conversation` is rebuilt from the same
arguments, with no dialogue in progress, sharing that application's
:class:`Dialogues`.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from telegram import CallbackQuery, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest
from telegram.ext import Application, BaseHandler, CommandHandler, ConversationHandler
from telegram.warnings import PTBUserWarning

from handlers.context import HumasContext
from handlers.guard import guarded

CANCEL_COMMANDS = ("batal", "cancel")
TIMEOUT = timedelta(minutes=30)
END = ConversationHandler.END


@guarded(min_role=None)
async def cancelled(update: Update, context: HumasContext) -> int:
    """The /batal fallback of every conversation built here."""
    if update.effective_message is not None:
        await update.effective_message.reply_text(context.t("conversation.cancelled"))
    return END


async def cancel_by_button(query: CallbackQuery, context: HumasContext) -> int:
    """A "Batal" button inside a dialogue: say so on the message and end."""
    await edit(query, context.t("conversation.cancelled"))
    return END


class Dialogues:
    """One application's record, per person, of the dialogue they entered last."""

    def __init__(self) -> None:
        self._current: dict[int, Conversation] = {}

    def enter(self, user_id: int, conversation: Conversation) -> None:
        self._current[user_id] = conversation

    def is_current(self, user_id: int, conversation: Conversation) -> bool:
        return self._current.get(user_id) is conversation


class Conversation(ConversationHandler[Any]):
    """A ConversationHandler that takes typed input only as the person's current dialogue.

    It can also be built again, empty, for another application (:meth:`rebuilt`).
    """

    def __init__(self, dialogues: Dialogues | None = None, **arguments: Any) -> None:
        with warnings.catch_warnings():
            # Buttons are tracked per person and chat on purpose (one dialogue at a
            # time), not per message; PTB warns about exactly that choice.
            warnings.filterwarnings(
                "ignore", message=".*per_message=False.*", category=PTBUserWarning
            )
            super().__init__(**arguments)
        self._arguments = arguments
        self._dialogues = dialogues or Dialogues()

    def rebuilt(self, dialogues: Dialogues) -> Conversation:
        return Conversation(dialogues, **self._arguments)

    def check_update(self, update: object) -> Any:
        found = super().check_update(update)
        if found is None or not isinstance(update, Update) or update.callback_query is not None:
            return found
        handler = found[2]
        if handler in self.entry_points or handler in self.fallbacks:
            return found
        assert update.effective_user is not None  # per_user conversations need one
        return found if self._dialogues.is_current(update.effective_user.id, self) else None

    async def handle_update(  # type: ignore[override]
        self,
        update: Update,
        application: Application[Any, Any, Any, Any, Any, Any],
        check_result: Any,
        context: Any,
    ) -> object | None:
        result = await super().handle_update(update, application, check_result, context)
        key, handler = check_result[1], check_result[2]
        entered = update.callback_query is not None or handler in self.entry_points
        # PTB keeps the states in ``_conversations``: only a dialogue still in progress
        # after this step becomes the one that takes the person's typed input.
        if entered and key in self._conversations and update.effective_user is not None:
            self._dialogues.enter(update.effective_user.id, self)
        return result


def conversation(
    name: str,
    entry_points: list[BaseHandler[Update, Any, Any]],
    states: dict[object, list[BaseHandler[Update, Any, Any]]],
    fallbacks: list[BaseHandler[Update, Any, Any]] | None = None,
) -> Conversation:
    """A ConversationHandler per person and chat, with /batal and a timeout."""
    return Conversation(
        entry_points=entry_points,
        states=states,
        fallbacks=[CommandHandler(list(CANCEL_COMMANDS), cancelled), *(fallbacks or [])],
        allow_reentry=True,
        conversation_timeout=TIMEOUT,
        name=name,
    )


def fresh(
    handlers: Iterable[BaseHandler[Update, Any, Any]], dialogues: Dialogues
) -> list[BaseHandler[Update, Any, Any]]:
    """The handlers to register in a new application: conversations without dialogues."""
    return [
        handler.rebuilt(dialogues) if isinstance(handler, Conversation) else handler
        for handler in handlers
    ]


async def end_conversations(update: Update, context: HumasContext) -> int:
    """Offer /batal to every conversation the person is in; return how many ended."""
    ended = 0
    for group in sorted(context.application.handlers):
        for handler in context.application.handlers[group]:
            if not isinstance(handler, ConversationHandler):
                continue
            check = handler.check_update(update)
            if check is None or check is False:
                continue
            await handler.handle_update(update, context.application, check, context)
            ended += 1
    return ended


async def edit(query: CallbackQuery, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    """Replace the text (and keyboard) of the message a button was pressed on.

    Pressing the same button twice would ask Telegram for an identical edit, which
    it refuses with "message is not modified": that is not an error here.
    """
    try:
        await query.edit_message_text(text, parse_mode=ParseMode.HTML, reply_markup=markup)
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():
            raise


async def show(
    update: Update,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
    *,
    answered: bool = False,
) -> None:
    """A dialogue's next screen: on the pressed button's message, or as a reply to a message."""
    query = update.callback_query
    if query is not None:
        if not answered:
            await query.answer()
        await edit(query, text, markup)
    else:
        assert update.effective_message is not None
        await update.effective_message.reply_html(text, reply_markup=markup)


async def remove_keyboard(query: CallbackQuery) -> None:
    """Take the buttons off a message, if it has any."""
    message = query.message
    if message is None or not getattr(message, "reply_markup", None):
        return
    try:
        await query.edit_message_reply_markup(None)
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():
            raise
