"""Every button's ``callback_data``, built and read by one typed codec.

Callback data is ``<prefix>[:<field>]...``: the prefix names the button (``bm:dl``),
each field is typed. A feature declares its buttons once and uses the same object
to build the data, to route presses and to read them back::

    DEADLINE = Route("bm:dl", ID)             # "bm:dl:12"
    CLOSE_NO = Fixed("bm:cln")                # "bm:cln"
    SET_ROLE = Pair("pe:rs", ID, Choice(*ROLES))

    InlineKeyboardButton(label, callback_data=DEADLINE.build(briefing.id))
    CallbackQueryHandler(ask_deadline, pattern=DEADLINE.matches)
    briefing_id = DEADLINE.parse(query.data)  # an int, or None for anything else

A field reads only its canonical form: an :data:`ID` is ``1..2**63-1`` in ASCII
digits without leading zeros, an :data:`INDEX` (a page, a position in a list the
bot showed) ``0..`` :data:`MAX_INDEX`, a :class:`Choice` one of its words. So data
that does not parse (forged, truncated, from another version, ``²`` or a number
beyond SQLite's range) never reaches a handler: no pattern matches it and the
catch-all fallback answers "tombol tidak berlaku". Building checks the values and
Telegram's 64-byte limit, raising :class:`ButtonDataError` at once. :func:`declared`
lists every button, so a check can tell whether some data is any button at all.
"""

from __future__ import annotations

import re
import weakref
from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import Generic, TypeGuard, TypeVar

from bot.core.numbers import MAX_ID

MAX_BYTES = 64
"""Telegram's limit on a button's callback data (InlineKeyboardButtonLimit.MAX_CALLBACK_DATA)."""
MAX_INDEX = 9999
"""The largest page number or list position a button may carry."""

_PREFIX = re.compile(r"[a-z]{1,4}(:[a-z]{1,6})*")
_WORD = re.compile(r"[A-Za-z0-9_-]{1,32}")
_CANONICAL = re.compile(r"0|[1-9][0-9]*")

T = TypeVar("T")
A = TypeVar("A")
B = TypeVar("B")
W = TypeVar("W", bound=str)


class ButtonDataError(ValueError):
    """A button built with a value its field does not allow, or data over 64 bytes."""


class Field(ABC, Generic[T]):
    """One typed part of callback data: how a value is written and read back."""

    @abstractmethod
    def encode(self, value: T) -> str:
        """The value as text; :class:`ButtonDataError` if the field does not allow it."""

    @abstractmethod
    def decode(self, text: str) -> T | None:
        """The value written as ``text``, or ``None`` if it is not one."""

    @abstractmethod
    def holds(self, value: object) -> TypeGuard[T]:
        """Whether ``value`` is one the field allows (so :meth:`encode` takes it)."""


class Number(Field[int]):
    """A whole number in ``low..high``, ASCII digits, no leading zeros."""

    def __init__(self, low: int, high: int) -> None:
        self.low, self.high = low, high
        self._width = len(str(high))

    def encode(self, value: int) -> str:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ButtonDataError(f"not a whole number: {value!r}")
        if not self.low <= value <= self.high:
            raise ButtonDataError(f"{value} is outside {self.low}..{self.high}")
        return str(value)

    def decode(self, text: str) -> int | None:
        if len(text) > self._width or not _CANONICAL.fullmatch(text):
            return None
        value = int(text)
        return value if self.low <= value <= self.high else None

    def holds(self, value: object) -> TypeGuard[int]:
        return (
            isinstance(value, int)
            and not isinstance(value, bool)
            and self.low <= value <= self.high
        )


class Choice(Field[W]):
    """One of a fixed set of words (a role, a language, a format code).

    Typed by its words: ``Choice(*LANGUAGES)`` reads a ``Lang``, not any ``str``.
    """

    def __init__(self, *words: W) -> None:
        for word in words:
            if not _WORD.fullmatch(word):
                raise ValueError(f"a choice is a plain word, not {word!r}")
        self.words = frozenset(words)
        self._by_text: dict[str, W] = {word: word for word in words}

    def encode(self, value: W) -> str:
        if value not in self.words:
            raise ButtonDataError(f"{value!r} is not one of {sorted(self.words)}")
        return value

    def decode(self, text: str) -> W | None:
        return self._by_text.get(text)

    def holds(self, value: object) -> TypeGuard[W]:
        return isinstance(value, str) and value in self.words


class Either(Field[A | B]):
    """A value of one field or of another (e.g. a word or an id); the first is tried first."""

    def __init__(self, first: Field[A], second: Field[B]) -> None:
        self.first, self.second = first, second

    def encode(self, value: A | B) -> str:
        if self.first.holds(value):
            return self.first.encode(value)
        if self.second.holds(value):
            return self.second.encode(value)
        raise ButtonDataError(f"{value!r} is a value of neither field")

    def decode(self, text: str) -> A | B | None:
        first = self.first.decode(text)
        return first if first is not None else self.second.decode(text)

    def holds(self, value: object) -> TypeGuard[A | B]:
        return self.first.holds(value) or self.second.holds(value)


ID = Number(1, MAX_ID)
"""A database row id."""
INDEX = Number(0, MAX_INDEX)
"""A page number, or a position in a list the bot showed."""


class _Spec(ABC):
    """A prefix and a number of fields; splits data into the fields' texts."""

    def __init__(self, prefix: str, arity: int) -> None:
        if not _PREFIX.fullmatch(prefix):
            raise ValueError(f"a button prefix is short lowercase words joined by ':': {prefix!r}")
        self.prefix = prefix
        self._head = prefix.split(":")
        self._arity = arity
        _DECLARED.add(self)

    def _texts(self, data: object) -> list[str] | None:
        if not isinstance(data, str):
            return None
        parts = data.split(":")
        if len(parts) != len(self._head) + self._arity or parts[: len(self._head)] != self._head:
            return None
        return parts[len(self._head) :]

    def _join(self, *texts: str) -> str:
        data = ":".join([self.prefix, *texts])
        if len(data.encode()) > MAX_BYTES:
            raise ButtonDataError(f"callback data over {MAX_BYTES} bytes: {data!r}")
        return data

    @abstractmethod
    def matches(self, data: object) -> bool:
        """For ``CallbackQueryHandler(pattern=...)``: does ``data`` parse as this button?"""


_DECLARED: weakref.WeakSet[_Spec] = weakref.WeakSet()


def declared() -> tuple[_Spec, ...]:
    """Every button declared so far (and still in use): what a press may parse as."""
    return tuple(_DECLARED)


class Fixed(_Spec):
    """A button without fields: its data is the prefix itself."""

    def __init__(self, prefix: str) -> None:
        super().__init__(prefix, 0)
        self.data = self._join()

    def matches(self, data: object) -> bool:
        return data == self.data


class Route(_Spec, Generic[T]):
    """A button with one typed field."""

    def __init__(self, prefix: str, field: Field[T]) -> None:
        super().__init__(prefix, 1)
        self.field = field

    def build(self, value: T) -> str:
        return self._join(self.field.encode(value))

    def parse(self, data: object) -> T | None:
        texts = self._texts(data)
        return None if texts is None else self.field.decode(texts[0])

    def matches(self, data: object) -> bool:
        return self.parse(data) is not None


class Pair(_Spec, Generic[A, B]):
    """A button with two typed fields."""

    def __init__(self, prefix: str, first: Field[A], second: Field[B]) -> None:
        super().__init__(prefix, 2)
        self.first, self.second = first, second

    def build(self, first: A, second: B) -> str:
        return self._join(self.first.encode(first), self.second.encode(second))

    def parse(self, data: object) -> tuple[A, B] | None:
        texts = self._texts(data)
        if texts is None:
            return None
        first, second = self.first.decode(texts[0]), self.second.decode(texts[1])
        return None if first is None or second is None else (first, second)

    def matches(self, data: object) -> bool:
        return self.parse(data) is not None


class Triple(_Spec, Generic[A, B, T]):
    """A button with three typed fields (e.g. what, where, which page)."""

    def __init__(self, prefix: str, first: Field[A], second: Field[B], third: Field[T]) -> None:
        super().__init__(prefix, 3)
        self.first, self.second, self.third = first, second, third

    def build(self, first: A, second: B, third: T) -> str:
        return self._join(
            self.first.encode(first), self.second.encode(second), self.third.encode(third)
        )

    def parse(self, data: object) -> tuple[A, B, T] | None:
        texts = self._texts(data)
        if texts is None:
            return None
        first = self.first.decode(texts[0])
        second = self.second.decode(texts[1])
        third = self.third.decode(texts[2])
        if first is None or second is None or third is None:
            return None
        return first, second, third

    def matches(self, data: object) -> bool:
        return self.parse(data) is not None


Pattern = Callable[[object], bool]


def any_of(*specs: _Spec | Pattern) -> Pattern:
    """A pattern matching the data of any of ``specs`` (e.g. every button of a picker)."""
    tests = [spec.matches if isinstance(spec, _Spec) else spec for spec in specs]

    def matches(data: object) -> bool:
        return any(test(data) for test in tests)

    return matches
