"""Shared by the attack tests: catching crashes and SQL, and forging button data."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any
from unittest.mock import patch

from hypothesis import strategies as st
from telegram.ext import Application

from bot.core.callback_data import (
    Choice,
    Either,
    Field,
    Fixed,
    Number,
    Pair,
    Route,
    Triple,
    declared,
)
from bot.devtools.driver import BotDriver


class ErrorLog(logging.Handler):
    """Records what the global error handler (bot/errors.py) logs: one per crash."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def messages(self) -> list[str]:
        return [record.getMessage() for record in self.records]


@contextmanager
def crashes() -> Iterator[ErrorLog]:
    handler = ErrorLog()
    logger = logging.getLogger("bot.errors")
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)


_HANDLING: ContextVar[bool] = ContextVar("handling an update", default=False)
_DATABASE_METHODS = ("execute", "executemany", "fetchall", "fetchone", "fetchval", "transaction")


@contextmanager
def statements(bot: BotDriver) -> Iterator[list[str]]:
    """Every database call (method and SQL) made while handling updates meanwhile.

    Background work (the delivery engine's polling, timed jobs) is not counted: a call
    counts when it happens inside ``Application.process_update``, seen through a
    context variable that the tasks a handler starts inherit.
    """
    calls: list[str] = []
    original = Application.process_update

    async def process_update(
        self: Application[Any, Any, Any, Any, Any, Any], update: object
    ) -> None:
        token = _HANDLING.set(True)
        try:
            await original(self, update)
        finally:
            _HANDLING.reset(token)

    def counted(name: str, method: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            if _HANDLING.get():
                calls.append(f"{name}: {args[0] if args else ''}")
            return method(*args, **kwargs)

        return call

    db = bot.db
    for name in _DATABASE_METHODS:
        setattr(db, name, counted(name, getattr(db, name)))
    try:
        with patch.object(Application, "process_update", process_update):
            yield calls
    finally:
        for name in _DATABASE_METHODS:
            delattr(db, name)


def field_values(spec_field: Field[object]) -> st.SearchStrategy[str]:
    if isinstance(spec_field, Number):
        small = st.integers(spec_field.low, min(spec_field.high, spec_field.low + 60))
        return st.one_of(small, st.integers(spec_field.low, spec_field.high)).map(str)
    if isinstance(spec_field, Choice):
        return st.sampled_from(sorted(spec_field.words))
    assert isinstance(spec_field, Either)
    return st.one_of(field_values(spec_field.first), field_values(spec_field.second))


def valid_data(spec: object) -> st.SearchStrategy[str]:
    """Data of the shape ``spec`` accepts (any value its fields allow)."""
    if isinstance(spec, Fixed):
        return st.just(spec.data)
    if isinstance(spec, Route):
        return field_values(spec.field).map(lambda value: f"{spec.prefix}:{value}")
    if isinstance(spec, Triple):
        return st.tuples(
            field_values(spec.first), field_values(spec.second), field_values(spec.third)
        ).map(lambda values: ":".join([spec.prefix, *values]))
    assert isinstance(spec, Pair)
    return st.tuples(field_values(spec.first), field_values(spec.second)).map(
        lambda values: f"{spec.prefix}:{values[0]}:{values[1]}"
    )


_ODD_NUMBERS = st.sampled_from(
    (str(2**63), str(2**63 - 1), str(2**64), "9" * 25, "0", "00", "007", "-1", "+1", "1e3", " 1")
)
_ODD_DIGITS = st.sampled_from(("²", "١", "٣٤", "１", "߁", "𝟙", "५", "1²", "Ⅻ"))
_ODD_FIELD = st.one_of(
    _ODD_NUMBERS, _ODD_DIGITS, st.integers(0, 10**6).map(str), st.text(max_size=8)
)
_MUTATIONS = (
    "as_is",
    "number",
    "number",
    "number",
    "field",
    "truncate",
    "extra",
    "prefix",
    "insert",
    "upper",
)


@st.composite
def mutated(draw: st.DrawFn, data: str, real: list[str]) -> str:
    """``data`` changed the way a modified client or a stale message would."""
    parts = data.split(":")
    numbers = [index for index, part in enumerate(parts) if part.isascii() and part.isdigit()]
    how = draw(st.sampled_from(_MUTATIONS))
    if how == "number" and numbers:
        parts[draw(st.sampled_from(numbers))] = draw(st.one_of(_ODD_NUMBERS, _ODD_DIGITS))
    elif how in ("number", "field"):
        parts[draw(st.integers(0, len(parts) - 1))] = draw(_ODD_FIELD)
    elif how == "truncate":
        return data[: draw(st.integers(1, max(1, len(data) - 1)))]
    elif how == "extra":
        parts.append(draw(_ODD_FIELD))
    elif how == "prefix":
        other = draw(st.sampled_from(real)).split(":")
        keep = draw(st.integers(1, len(other)))
        parts = other[:keep] + parts[keep:]
    elif how == "insert":
        at = draw(st.integers(0, len(data)))
        return data[:at] + draw(st.characters()) + data[at:]
    elif how == "upper":
        return data.upper()
    return ":".join(parts)


def is_a_button(data: str) -> bool:
    return any(spec.matches(data) for spec in declared())
