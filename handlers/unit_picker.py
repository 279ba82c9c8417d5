"""A reusable unit picker: kecamatan → desa/kelurahan, or agencies (OPD), paged, plus search.

Any feature that needs a person to choose a unit (joining, invitations, moving
an officer, a briefing's hand-picked target units) makes one picker with its own
callback prefix and the kinds of unit that may be chosen::

    PICKER = UnitPicker("ip", kinds=("kecamatan", "desa", "kelurahan", "opd"),
                        title_key="invite.pick_unit")

    # Show it, as a new message or on the message a button was pressed on:
    text, markup = await PICKER.root(context, viewer)
    await message.reply_html(text, reply_markup=markup)

    # In the conversation state that waits for the choice:
    CallbackQueryHandler(on_pick, pattern=PICKER.pattern)
    MessageHandler(filters.TEXT & ~filters.COMMAND, on_search)

    async def on_pick(update, context):
        result = await PICKER.handle(update, context, viewer)  # answers the button press
        if result.cancelled: ...               # the "Batal" button; the message says so
        if result.unit is None: return None    # a page was shown or the press was refused
        ...                                    # result.unit: checked, see below

    async def on_search(update, context):
        await PICKER.search(update, context, viewer, update.message.text)

``viewer`` decides the scope: ``None`` is the whole regency (a person applying
to join); an administrator sees everything; a coordinator sees their unit and
the units below it (a kecamatan coordinator goes straight to their desa list).
A chosen unit is re-checked against the database on every press — it exists, is
active, is of an allowed kind, and lies in the viewer's scope — so forged
callback data naming a unit elsewhere is refused with ``denied.scope``.

Callback data is ``<prefix>:<action>[:<id>][:<page>]`` (at most ~20 bytes):
``r:<page>`` the kecamatan list, ``k:<kecamatan id>:<page>`` one kecamatan,
``o:<page>`` the agencies, ``u:<unit id>`` choose, ``x`` cancel. When only
``kecamatan`` may be chosen (e.g. a filter), a kecamatan button chooses it
instead of opening it; otherwise it opens its desa/kelurahan list (its office on top,
when a kecamatan may be chosen), in the search results as when browsing. The data is built and read with bot/core/callback_data.py:
anything else does not match :attr:`UnitPicker.pattern`. :func:`unit_label` renders a unit for any message.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.core import texts
from bot.core.callback_data import ID, INDEX, Fixed, Pair, Route, any_of
from bot.core.texts import esc, t
from db import scope
from db import units as units_db
from db.connection import Database
from db.officers import Officer
from db.units import Unit
from handlers.context import HumasContext
from handlers.conversation import edit
from handlers.guard import refuse

KECAMATAN_PAGE = 12
VILLAGE_PAGE = 12
OPD_PAGE = 8
SEARCH_LIMIT = 10
SEARCH_MIN = 3
_VILLAGE_KINDS = ("desa", "kelurahan")
_ALL_KINDS = ("kabupaten", "kecamatan", "desa", "kelurahan", "opd")


@dataclass(frozen=True)
class PickResult:
    unit: Unit | None = None
    cancelled: bool = False


async def unit_label(db: Database, lang: str, unit: Unit | int, *, kecamatan: bool = True) -> str:
    """E.g. ``Desa Wanaherang, Kecamatan Gunungputri`` (HTML-escaped)."""
    if isinstance(unit, int):
        found = await units_db.by_id(db, unit)
        if found is None:
            return "—"
        unit = found
    label = texts.unit_label(lang, unit.kind, unit.name)
    if kecamatan and unit.is_village:
        parent = await units_db.kecamatan_of(db, unit)
        if parent is not None:
            label += t(lang, "picker.in_kecamatan_suffix", name=esc(parent.name))
    return label


def _pages(count: int, size: int) -> int:
    return max(1, math.ceil(count / size))


def _grid(
    buttons: Sequence[InlineKeyboardButton], columns: int
) -> list[list[InlineKeyboardButton]]:
    return [list(buttons[i : i + columns]) for i in range(0, len(buttons), columns)]


def _like(text: str) -> str:
    return "%" + re.sub(r"([%_\\])", r"\\\1", text) + "%"


class UnitPicker:
    def __init__(
        self,
        prefix: str,
        *,
        kinds: Iterable[str],
        title_key: str | None = None,
        extra: Sequence[tuple[str, str]] = (),
    ) -> None:
        """``extra``: (text key, callback data) buttons under the kecamatan list, for
        choices of the feature's own (e.g. "everyone" in a filter)."""
        if not re.fullmatch(r"[a-z]{1,3}", prefix):
            raise ValueError("a picker prefix is 1-3 lowercase letters")
        self.kinds = tuple(kinds)
        unknown = set(self.kinds) - set(_ALL_KINDS)
        if unknown:
            raise ValueError(f"unknown unit kinds: {sorted(unknown)}")
        self.prefix = prefix
        self.title_key = title_key
        self.extra = tuple(extra)
        self._regency = Route(f"{prefix}:r", INDEX)
        self._kecamatan = Pair(f"{prefix}:k", ID, INDEX)
        self._agencies = Route(f"{prefix}:o", INDEX)
        self._unit = Route(f"{prefix}:u", ID)
        self.cancel = Fixed(f"{prefix}:x")
        """This picker's "Batal" button, for the feature's own keyboards."""
        self.pattern = any_of(
            self._regency, self._kecamatan, self._agencies, self._unit, self.cancel
        )

    @property
    def _drills(self) -> bool:
        """A kecamatan button opens its desa/kelurahan list (else it chooses the kecamatan)."""
        return any(kind in self.kinds for kind in _VILLAGE_KINDS)

    # ---- scope ---------------------------------------------------------------------

    async def _root(self, db: Database, viewer: Officer | None) -> Unit:
        if viewer is not None and viewer.role != "admin":
            unit = await units_db.by_id(db, viewer.unit_id)
        else:
            unit = await units_db.by_code(db, units_db.REGENCY_CODE)
        assert unit is not None, "the area directory is empty"
        return unit

    async def allows(self, db: Database, viewer: Officer | None, unit: Unit) -> bool:
        """May ``viewer`` choose ``unit`` here? Checked against the database."""
        if not unit.active or unit.kind not in self.kinds:
            return False
        return await self._visible(db, viewer, unit)

    async def _visible(self, db: Database, viewer: Officer | None, unit: Unit) -> bool:
        """Everything for a person applying (``viewer`` None); the viewer's scope otherwise."""
        return viewer is None or await scope.may_act_on(db, viewer, unit.id)

    # ---- rendering -----------------------------------------------------------------

    def _title(self, lang: str) -> str:
        return t(lang, self.title_key) + "\n\n" if self.title_key else ""

    def _footer(self, lang: str, back: str | None) -> list[list[InlineKeyboardButton]]:
        row = []
        if back is not None:
            row.append(InlineKeyboardButton(t(lang, "button.back"), callback_data=back))
        row.append(InlineKeyboardButton(t(lang, "button.cancel"), callback_data=self.cancel.data))
        return [row]

    def _nav(
        self, lang: str, page: int, pages: int, data: Callable[[int], str]
    ) -> list[InlineKeyboardButton]:
        row = []
        if page > 0:
            row.append(InlineKeyboardButton(t(lang, "button.prev"), callback_data=data(page - 1)))
        if page + 1 < pages:
            row.append(InlineKeyboardButton(t(lang, "button.next"), callback_data=data(page + 1)))
        return row

    def _choose(self, label: str, unit: Unit) -> InlineKeyboardButton:
        return InlineKeyboardButton(label, callback_data=self._unit.build(unit.id))

    async def root(
        self, context: HumasContext, viewer: Officer | None, page: int = 0
    ) -> tuple[str, InlineKeyboardMarkup]:
        """The first screen for ``viewer``: the kecamatan list, or their own part of it."""
        root = await self._root(context.db, viewer)
        if root.kind == "kabupaten":
            return await self._regency_page(context, root, page)
        if root.kind == "kecamatan":
            return await self._kecamatan_page(context, root, 0, back=None)
        lang = context.lang
        rows = (
            [[self._choose(await unit_label(context.db, lang, root), root)]]
            if root.kind in self.kinds
            else []
        )
        text = self._title(lang) + t(lang, "picker.own_unit")
        return text, InlineKeyboardMarkup([*rows, *self._footer(lang, None)])

    async def _regency_page(
        self, context: HumasContext, regency: Unit, page: int
    ) -> tuple[str, InlineKeyboardMarkup]:
        lang = context.lang
        kecamatans = await units_db.children(context.db, regency.id, ["kecamatan"])
        pages = _pages(len(kecamatans), KECAMATAN_PAGE)
        page = min(max(page, 0), pages - 1)
        shown = kecamatans[page * KECAMATAN_PAGE : (page + 1) * KECAMATAN_PAGE]
        buttons = [
            InlineKeyboardButton(unit.name, callback_data=self._kecamatan.build(unit.id, 0))
            if self._drills
            else self._choose(unit.name, unit)
            for unit in shown
        ]
        rows = _grid(buttons, 2)
        nav = self._nav(lang, page, pages, self._regency.build)
        if nav:
            rows.append(nav)
        if "opd" in self.kinds and await units_db.children(context.db, regency.id, ["opd"]):
            rows.append(
                [
                    InlineKeyboardButton(
                        t(lang, "picker.opd_button"), callback_data=self._agencies.build(0)
                    )
                ]
            )
        if "kabupaten" in self.kinds:
            rows.append(
                [self._choose(t(lang, "picker.regency_button", name=regency.name), regency)]
            )
        rows += [
            [InlineKeyboardButton(t(lang, key), callback_data=data)] for key, data in self.extra
        ]
        hint = t(lang, "picker.search_hint")
        text = (
            self._title(lang)
            + t(lang, "picker.kecamatan_list", page=page + 1, pages=pages)
            + "\n"
            + hint
        )
        return text, InlineKeyboardMarkup([*rows, *self._footer(lang, None)])

    async def _kecamatan_page(
        self, context: HumasContext, kecamatan: Unit, page: int, back: str | None
    ) -> tuple[str, InlineKeyboardMarkup]:
        lang = context.lang
        kinds = [kind for kind in _VILLAGE_KINDS if kind in self.kinds]
        villages = await units_db.children(context.db, kecamatan.id, kinds) if kinds else []
        villages.sort(key=lambda unit: unit.name)
        pages = _pages(len(villages), VILLAGE_PAGE)
        page = min(max(page, 0), pages - 1)
        shown = villages[page * VILLAGE_PAGE : (page + 1) * VILLAGE_PAGE]
        rows: list[list[InlineKeyboardButton]] = []
        if "kecamatan" in self.kinds and page == 0:
            rows.append(
                [self._choose(t(lang, "picker.office_button", name=kecamatan.name), kecamatan)]
            )
        rows += _grid(
            [
                self._choose(f"{t(lang, 'kind_short.' + unit.kind)} {unit.name}", unit)
                for unit in shown
            ],
            2,
        )
        nav = self._nav(
            lang, page, pages, lambda number: self._kecamatan.build(kecamatan.id, number)
        )
        if nav:
            rows.append(nav)
        text = self._title(lang) + t(
            lang, "picker.kecamatan_units", name=esc(kecamatan.name), page=page + 1, pages=pages
        )
        if back is None:
            text += "\n" + t(lang, "picker.search_hint")
        return text, InlineKeyboardMarkup([*rows, *self._footer(lang, back)])

    async def _opd_page(self, context: HumasContext, page: int) -> tuple[str, InlineKeyboardMarkup]:
        lang = context.lang
        regency = await units_db.by_code(context.db, units_db.REGENCY_CODE)
        assert regency is not None
        agencies = await units_db.children(context.db, regency.id, ["opd"])
        pages = _pages(len(agencies), OPD_PAGE)
        page = min(max(page, 0), pages - 1)
        shown = agencies[page * OPD_PAGE : (page + 1) * OPD_PAGE]
        rows = [[self._choose(unit.name, unit)] for unit in shown]
        nav = self._nav(lang, page, pages, self._agencies.build)
        if nav:
            rows.append(nav)
        key = "picker.opd_list" if agencies else "picker.opd_none"
        text = self._title(lang) + t(lang, key, page=page + 1, pages=pages)
        return text, InlineKeyboardMarkup([*rows, *self._footer(lang, self._regency.build(0))])

    # ---- handling ------------------------------------------------------------------

    async def handle(
        self, update: Update, context: HumasContext, viewer: Officer | None
    ) -> PickResult:
        """React to a press on one of this picker's buttons; always answers the query.

        Returns the chosen unit (already checked), ``cancelled``, or an empty
        result when a page was shown or the press was refused.
        """
        query = update.callback_query
        assert query is not None
        data = query.data
        if self.cancel.matches(data):
            await query.answer()
            return PickResult(cancelled=True)
        db = context.db
        if (unit_id := self._unit.parse(data)) is not None:
            unit = await units_db.by_id(db, unit_id)
            if unit is None or not await self.allows(db, viewer, unit):
                await refuse(update, context, context.t("denied.scope"))
                return PickResult()
            await query.answer()
            return PickResult(unit=unit)
        page: tuple[str, InlineKeyboardMarkup] | None = None
        kecamatan_page = self._kecamatan.parse(data)
        agencies_page = self._agencies.parse(data)
        if (number := self._regency.parse(data)) is not None:
            root = await self._root(db, viewer)
            page = await (
                self._regency_page(context, root, number)
                if root.kind == "kabupaten"
                else self.root(context, viewer)
            )
        elif kecamatan_page is not None:
            kecamatan_id, number = kecamatan_page
            kecamatan = await units_db.by_id(db, kecamatan_id)
            if (
                kecamatan is None
                or kecamatan.kind != "kecamatan"
                or not await self._visible(db, viewer, kecamatan)
            ):
                await refuse(update, context, context.t("denied.scope"))
                return PickResult()
            root = await self._root(db, viewer)
            back = self._regency.build(0) if root.kind == "kabupaten" else None
            page = await self._kecamatan_page(context, kecamatan, number, back)
        elif agencies_page is not None and "opd" in self.kinds:
            if (await self._root(db, viewer)).kind != "kabupaten":
                await refuse(update, context, context.t("denied.scope"))
                return PickResult()
            page = await self._opd_page(context, agencies_page)
        if page is None:
            await refuse(update, context, context.t("denied.button"))
            return PickResult()
        await query.answer()
        await edit(query, *page)
        return PickResult()

    async def search(
        self, update: Update, context: HumasContext, viewer: Officer | None, text: str
    ) -> None:
        """Reply to typed text with the matching units in scope, as buttons."""
        message = update.effective_message
        assert message is not None
        lang = context.lang
        query = " ".join(text.split())
        if len(query) < SEARCH_MIN:
            await message.reply_text(t(lang, "picker.search_short", count=SEARCH_MIN))
            return
        visible, params = scope.unit_condition(viewer, "u.id") if viewer else ("1", [])
        marks = ",".join("?" * len(self.kinds))
        rows = await context.db.fetchall(
            f"SELECT u.* FROM units u WHERE u.active = 1 AND {visible}"
            f" AND u.kind IN ({marks}) AND u.name LIKE ? ESCAPE '\\'"
            " ORDER BY u.kind = 'kecamatan' DESC, u.name, u.code LIMIT ?",
            (*params, *self.kinds, _like(query), SEARCH_LIMIT + 1),
        )
        units = [
            Unit(
                row["id"],
                row["code"],
                row["name"],
                row["kind"],
                row["parent_id"],
                bool(row["active"]),
            )
            for row in rows
        ]
        back = self._regency.build(0)
        if not units:
            markup = InlineKeyboardMarkup(self._footer(lang, back))
            await message.reply_html(
                t(lang, "picker.search_none", query=esc(query)), reply_markup=markup
            )
            return
        buttons = []
        for unit in units[:SEARCH_LIMIT]:
            label = _plain(await unit_label(context.db, lang, unit))
            if unit.kind == "kecamatan" and self._drills:
                # As when browsing: a kecamatan opens its list (its office is on top).
                button = InlineKeyboardButton(
                    label, callback_data=self._kecamatan.build(unit.id, 0)
                )
            else:
                button = self._choose(label, unit)
            buttons.append([button])
        more = t(lang, "picker.search_more") if len(units) > SEARCH_LIMIT else ""
        await message.reply_html(
            self._title(lang) + t(lang, "picker.search_results", query=esc(query)) + more,
            reply_markup=InlineKeyboardMarkup([*buttons, *self._footer(lang, back)]),
        )


def _plain(label: str) -> str:
    """Button labels are plain text: undo the HTML escaping of a label."""
    return html.unescape(label)
