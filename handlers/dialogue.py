"""Which dialogue takes what a person types: the one they started (or went back to) last.

PTB keeps each ConversationHandler's state on its own, so a person can be inside
two dialogues at once — say, halfway through /brief_baru when they open /tinjau
and press "Revisi". Their next text would go to whichever handler was registered
first (the briefing's title, not the revision note). The typed-input handlers of
these dialogues therefore also require :func:`current`: the dialogue the person
entered last. A dialogue left behind keeps its state until its timeout or /batal,
but no longer swallows text meant for another one; its buttons still work, and
pressing one makes it current again.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import filters

_current: dict[int, str] = {}


def begin(update: Update, name: str) -> None:
    """Call from a dialogue's entry points and buttons: typed input goes to ``name`` now."""
    if update.effective_user is not None:
        _current[update.effective_user.id] = name


class _Current(filters.UpdateFilter):
    def __init__(self, name: str) -> None:
        super().__init__(name=f"dialogue:{name}")
        self.dialogue = name

    def filter(self, update: Update) -> bool:
        user = update.effective_user
        return user is not None and _current.get(user.id) == self.dialogue


def current(name: str) -> filters.BaseFilter:
    """A filter: the person's current dialogue is ``name``."""
    return _Current(name)
