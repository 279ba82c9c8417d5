"""What every multi-step dialogue shares: /batal, a timeout, who gets typed input, safe edits.

Build dialogues with :func:`conversation`, inside a module's ``handlers()``: it adds
/batal (and /cancel) as a fallback, ends a dialogue left alone for :data:`TIMEOUT`,
and lets a person start it again with its entry point. Everything here uses PTB's
public API only: a plain :class:`~telegram.ext.ConversationHandler`, built afresh
for each application (so a second application in the same process — the tests,
the demo, a restart — starts with no dialogue in progress and no timeout job), and
handlers that wrap the feature's handlers (:class:`_Step`, a documented custom
:class:`~telegram.ext.BaseHandler`).

A person can be inside two dialogues at once — say, halfway through /brief_baru
when they open /tinjau and press "Revisi". PTB keeps each ConversationHandler's
state on its own, so their next text would go to whichever was registered first
(the briefing's title, not the revision note). A dialogue therefore takes what a
person types (text, photos, files: anything but a command or a button press) only
when it is the dialogue they entered last, through an entry point or one of its
buttons, staying in progress. A dialogue left behind keeps its state until its
timeout or /batal, but no longer swallows input meant for another one; its buttons
still work, and pressing one makes it the current dialogue again.

Who is in which dialogue is kept by :class:`Dialogue` from what the dialogue's
callbacks return — a state, ``END``, or ``None`` for "no change", exactly what PTB
itself acts on — and from PTB's ``TIMEOUT`` state; the dialogue a person entered
last is recorded in their ``user_data``, which belongs to the application. Like
PTB's own state (``persistent=False``; ``name`` only names the dialogue), none of
this outlives the application: after a restart every person starts afresh.

:func:`end_conversations` is the global /batal: it ends every dialogue the person
has in progress, in any feature, by offering the update to each
ConversationHandler through the public ``check_update`` / ``handle_update`` (the
check's result is passed on untouched, as the Application itself does), so each
one runs its own /batal.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from telegram import CallbackQuery, InlineKeyboardMarkup, Message, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest
from telegram.ext import (
    Application,
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    TypeHandler,
)

from handlers.context import HumasContext
from handlers.guard import guarded
from handlers.shortcuts import is_shortcut

CANCEL_COMMANDS = ("batal", "cancel")
TIMEOUT = timedelta(minutes=30)
END = ConversationHandler.END
_CURRENT = "dialogue.current"  # user_data: the Dialogue the person entered last

AnyHandler = BaseHandler[Update, HumasContext, Any]


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


class Dialogue:
    """One dialogue of one application: who is in it, and for whom it is the current one."""

    __slots__ = ("_current", "_in_progress", "name")

    def __init__(self, name: str) -> None:
        self.name = name
        self._in_progress: set[int] = set()
        self._current: set[int] = set()

    def takes_input_from(self, user_id: int) -> bool:
        """Whether what ``user_id`` types is for this dialogue (the one they entered last)."""
        return user_id in self._current

    def stepped(self, update: Update, context: HumasContext, state: object, *, entry: bool) -> None:
        """Record what a callback of this dialogue returned, as PTB acts on it.

        ``END`` ends the dialogue; ``None`` keeps the state it was in — none at all
        for an entry point that did not start the dialogue. An entry point or a
        button that leaves the dialogue in progress makes it the person's current one.
        """
        user, kept = update.effective_user, context.user_data
        if user is None or kept is None:  # these dialogues are per person: never happens
            return
        if state == END or (state is None and entry and user.id not in self._in_progress):
            self._ended(user.id, kept)
            return
        self._in_progress.add(user.id)
        if entry or update.callback_query is not None:
            previous = kept.get(_CURRENT)
            if isinstance(previous, Dialogue):
                previous._current.discard(user.id)
            kept[_CURRENT] = self
            self._current.add(user.id)

    async def timed_out(self, update: Update, context: HumasContext) -> None:
        """PTB's ``TIMEOUT`` state: the dialogue was left alone too long and ends."""
        if update.effective_user is not None and context.user_data is not None:
            self._ended(update.effective_user.id, context.user_data)

    def _ended(self, user_id: int, kept: dict[Any, Any]) -> None:
        self._in_progress.discard(user_id)
        self._current.discard(user_id)
        if kept.get(_CURRENT) is self:
            del kept[_CURRENT]


class _Step(BaseHandler[Update, HumasContext, object]):
    """A feature's handler inside a dialogue, telling the :class:`Dialogue` what it returned.

    ``typed`` steps (not a command, not a button) take an update only from a person
    whose current dialogue this is, and never a key of the officer's reply keyboard
    (:mod:`handlers.shortcuts`, which works like its command); otherwise the update
    goes on to the next handler.
    """

    __slots__ = ("_dialogue", "_entry", "_inner", "_typed")

    def __init__(self, inner: AnyHandler, dialogue: Dialogue, *, entry: bool) -> None:
        super().__init__(inner.callback, block=inner.block)
        self._inner = inner
        self._dialogue = dialogue
        self._entry = entry
        self._typed = not entry and not isinstance(inner, CallbackQueryHandler | CommandHandler)

    def check_update(self, update: object) -> object | None:
        if self._typed and isinstance(update, Update):
            user = update.effective_user
            if user is None or not self._dialogue.takes_input_from(user.id):
                return None
            if is_shortcut(update):
                return None
        return self._inner.check_update(update)

    async def handle_update(
        self,
        update: Update,
        application: Application[Any, HumasContext, Any, Any, Any, Any],
        check_result: object,
        context: HumasContext,
    ) -> object:
        state = await self._inner.handle_update(update, application, check_result, context)
        self._dialogue.stepped(update, context, state, entry=self._entry)
        return state


def conversation(
    name: str,
    entry_points: list[AnyHandler],
    states: dict[object, list[AnyHandler]],
    fallbacks: list[AnyHandler] | None = None,
) -> ConversationHandler[HumasContext]:
    """A ConversationHandler per person and chat, with /batal and a timeout.

    Buttons are tracked per person and chat on purpose (one dialogue at a time per
    feature), not per message (PTB's ``per_message``).
    """
    dialogue = Dialogue(name)

    def steps(handlers: list[AnyHandler], *, entry: bool = False) -> list[AnyHandler]:
        return [_Step(handler, dialogue, entry=entry) for handler in handlers]

    cancel: AnyHandler = CommandHandler(list(CANCEL_COMMANDS), cancelled)
    return ConversationHandler(
        entry_points=steps(entry_points, entry=True),
        states={
            **{state: steps(handlers) for state, handlers in states.items()},
            ConversationHandler.TIMEOUT: [TypeHandler(Update, dialogue.timed_out)],
        },
        fallbacks=steps([cancel, *(fallbacks or [])]),
        allow_reentry=True,
        conversation_timeout=TIMEOUT,
        name=name,
    )


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
    it refuses with "message is not modified": that is not an error here. A photo or a
    file has no text to replace (a button under a caption, or data a modified client
    pressed there): the screen comes as a new message below it.
    """
    pressed = query.message
    if isinstance(pressed, Message) and pressed.text is None:
        await pressed.reply_html(text, reply_markup=markup)
        return
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
