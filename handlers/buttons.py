"""Inline buttons the handlers build their keyboards of."""

from __future__ import annotations

from collections.abc import Callable

from telegram import InlineKeyboardButton

from handlers.context import HumasContext


def button(context: HumasContext, key: str, data: str, **params: object) -> InlineKeyboardButton:
    """A button labelled with the catalogue's ``key`` in the person's language."""
    return InlineKeyboardButton(context.t(key, **params), callback_data=data)


def page_turn(
    page: int, pages: int, build: Callable[[int], str], back: str = "◀", forward: str = "▶"
) -> list[InlineKeyboardButton]:
    """The buttons to the previous and the next page of a paged list, where there is one
    (none on a single page); ``build`` makes a page's callback data."""
    row = []
    if page > 0:
        row.append(InlineKeyboardButton(back, callback_data=build(page - 1)))
    if page + 1 < pages:
        row.append(InlineKeyboardButton(forward, callback_data=build(page + 1)))
    return row
