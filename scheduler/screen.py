"""How much of a phone's screen a pushed text takes, and the limit a push keeps to.

A cheap phone shows about 35 characters on a line of a Telegram message; a text's
lines are counted after wrapping at that width (tags removed, entities decoded).
A push to a coordinator stays within :data:`MAX_LINES`: a longer list becomes a
short summary with a "Rincian" button that pages (handlers/details.py).
"""

from __future__ import annotations

import html
import re
import textwrap

from bot.core.callback_data import ID, INDEX, Pair, Route

WIDTH = 35
MAX_LINES = 40
_TAG = re.compile(r"<[^>]*>")


def screen_lines(markup: str, width: int = WIDTH) -> int:
    """Lines the HTML ``markup`` takes on a screen ``width`` characters wide."""
    plain = html.unescape(_TAG.sub("", markup))
    return sum(max(1, len(textwrap.wrap(line, width))) for line in plain.split("\n"))


def fits(markup: str) -> bool:
    """Whether ``markup`` fits on one screen (:data:`MAX_LINES` lines at :data:`WIDTH`)."""
    return screen_lines(markup) <= MAX_LINES


ESCALATION_DETAILS = Pair("dt:es", ID, INDEX)
"""A summarised escalation's "Rincian" button: the briefing, and the page (0)."""
UNREACHED_DETAILS = Route("dt:un", INDEX)
"""A summarised "pengingat tidak sampai" notice's "Rincian" button: the page (0)."""
