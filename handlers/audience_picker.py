"""Choosing an audience (db/audience.py) inside any dialogue: the announcement's choices.

Everyone in my scope; by level (OPD, kecamatan offices, desa/kelurahan); one or
more kecamatan with their desa/kelurahan (typing a kecamatan's name on the first
screen offers it to choose with one press; typed in the kecamatan list, to tick);
units with a tag; or hand-picked units (with the reusable unit picker). A feature makes one picker with its own callback
prefix and routes the presses and the typed text of its "choose the audience"
state to it::

    AUDIENCE = AudiencePicker("bca", units_prefix="bcu", title_key="compose.ask_targets")

    await AUDIENCE.ask(update, context)                       # the first screen
    CallbackQueryHandler(on_press, pattern=AUDIENCE.pattern)   # its buttons (both prefixes)
    MessageHandler(filters.TEXT & ~filters.COMMAND, on_text)  # a tag, or a unit search

    async def on_press(update, context):
        choice = await AUDIENCE.on_button(update, context)
        if choice.cancelled: ...          # its "Batal" button (not answered yet)
        if choice.audience is None: ...   # still choosing: stay in the state
        ...                               # choice.audience: resolve it with db/audience.py

The picker only collects the choice; ids in callback data are checked against
the chooser's scope when pressed, and :func:`db.audience.target_unit_ids` limits
the result to that scope again whenever it is resolved.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Literal

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.core.callback_data import ID, INDEX, Choice, Fixed, Route, any_of
from bot.core.texts import esc, unit_label
from db import audience as audience_db
from db import units as units_db
from db.audience import Audience, AudienceError, Level
from db.officers import Officer
from db.units import Unit
from handlers.buttons import button, page_turn
from handlers.context import HumasContext
from handlers.conversation import edit, show
from handlers.guard import can_act_on_unit, refuse
from handlers.unit_picker import SEARCH_MIN, UnitPicker

KECAMATAN_PAGE = 10
TAGS_SHOWN = 30
SEARCH_SHOWN = 10


@dataclass(frozen=True)
class AudienceChoice:
    audience: Audience | None = None
    cancelled: bool = False


@dataclass
class _Choosing:
    levels: list[Level] = field(default_factory=list)
    kecamatans: list[int] = field(default_factory=list)
    units: list[int] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    step: str = "kind"


class AudiencePicker:
    def __init__(self, prefix: str, *, units_prefix: str, title_key: str) -> None:
        self.prefix = prefix
        self.title_key = title_key
        self.units = UnitPicker(
            units_prefix,
            kinds=("kabupaten", "kecamatan", "desa", "kelurahan", "opd"),
            title_key="announce.pick_unit",
        )
        self._kinds = Route(f"{prefix}:au", Choice("scope", "level", "kecamatan", "tag", "units"))
        self._level_toggle = Route(
            f"{prefix}:lv", Choice[Level | Literal["ok"]](*audience_db.LEVELS, "ok")
        )
        self._kecamatan_toggle = Route(f"{prefix}:kc", ID)
        self._kecamatans_done = Fixed(f"{prefix}:kc:ok")
        self._kecamatan_page = Route(f"{prefix}:kp", INDEX)
        self._kecamatan_choice = Route(f"{prefix}:ks", ID)
        self._tag_chosen = Route(f"{prefix}:tg", INDEX)
        self._units_step = Route(f"{prefix}:un", Choice("add", "ok"))
        self._cancel = Fixed(f"{prefix}:x")
        # Only the picker's own buttons: a feature may use the same prefix for more buttons.
        self.pattern = any_of(
            self._kinds,
            self._level_toggle,
            self._kecamatan_toggle,
            self._kecamatans_done,
            self._kecamatan_page,
            self._kecamatan_choice,
            self._tag_chosen,
            self._units_step,
            self._cancel,
            self.units.pattern,
        )
        self._key = f"audience_picker.{prefix}"

    # ---- state and rendering ---------------------------------------------------------

    def _state(self, context: HumasContext) -> _Choosing:
        state = context.user_data.get(self._key)
        if not isinstance(state, _Choosing):
            state = context.user_data[self._key] = _Choosing()
        return state

    def _cancel_row(self, context: HumasContext) -> list[InlineKeyboardButton]:
        return [button(context, "button.cancel", self._cancel.data)]

    @staticmethod
    def _viewer(context: HumasContext) -> Officer:
        assert context.officer is not None
        return context.officer

    async def ask(self, update: Update, context: HumasContext, *, answered: bool = False) -> None:
        """The first screen: how to choose."""
        context.user_data[self._key] = _Choosing()
        rows = [
            [button(context, f"announce.aud.{kind}", self._kinds.build(kind))]
            for kind in ("scope", "level", "kecamatan", "tag", "units")
        ]
        text = context.t(self.title_key)
        if len(await audience_db.kecamatans_in_scope(context.db, self._viewer(context))) > 1:
            text += "\n" + context.t("audience.search_hint")
        await show(
            update,
            text,
            InlineKeyboardMarkup([*rows, self._cancel_row(context)]),
            answered=answered,
        )

    async def _levels(self, update: Update, context: HumasContext) -> None:
        state = self._state(context)
        rows = [
            [
                button(
                    context,
                    "announce.toggle",
                    self._level_toggle.build(level),
                    mark="☑️" if level in state.levels else "⬜",
                    label=context.t(f"announce.level.{level}"),
                )
            ]
            for level in audience_db.LEVELS
        ]
        rows += [
            [button(context, "announce.button.done", self._level_toggle.build("ok"))],
            self._cancel_row(context),
        ]
        await show(update, context.t("announce.ask_levels"), InlineKeyboardMarkup(rows))

    def _kecamatan_button(
        self, context: HumasContext, state: _Choosing, unit: Unit
    ) -> InlineKeyboardButton:
        """A kecamatan to tick or untick (ticked: chosen)."""
        return button(
            context,
            "announce.toggle",
            self._kecamatan_toggle.build(unit.id),
            mark="☑️" if unit.id in state.kecamatans else "⬜",
            label=unit.name,
        )

    async def _kecamatans(self, update: Update, context: HumasContext, page: int) -> None:
        state = self._state(context)
        kecamatans = await audience_db.kecamatans_in_scope(context.db, self._viewer(context))
        pages = max(1, math.ceil(len(kecamatans) / KECAMATAN_PAGE))
        page = min(max(page, 0), pages - 1)
        shown = kecamatans[page * KECAMATAN_PAGE : (page + 1) * KECAMATAN_PAGE]
        buttons = [self._kecamatan_button(context, state, unit) for unit in shown]
        rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
        nav = page_turn(
            page,
            pages,
            self._kecamatan_page.build,
            context.t("button.prev"),
            context.t("button.next"),
        )
        if nav:
            rows.append(nav)
        rows += [
            [button(context, "announce.button.done", self._kecamatans_done.data)],
            self._cancel_row(context),
        ]
        text = context.t(
            "announce.ask_kecamatan", chosen=len(state.kecamatans), page=page + 1, pages=pages
        )
        if pages > 1:
            text += "\n" + context.t("audience.kecamatan_search_hint")
        await show(update, text, InlineKeyboardMarkup(rows))

    async def _search_kecamatans(self, update: Update, context: HumasContext, text: str) -> None:
        """Typed on the first screen: matching kecamatans, one press chooses one with its
        desa/kelurahan; typed in the kecamatan list: matching ones to tick."""
        message = update.effective_message
        assert message is not None
        state = self._state(context)
        query = " ".join(text.split())
        if len(query) < SEARCH_MIN:
            await message.reply_text(context.t("picker.search_short", count=SEARCH_MIN))
            return
        kecamatans = audience_db.matching(
            await audience_db.kecamatans_in_scope(context.db, self._viewer(context)), query
        )[:SEARCH_SHOWN]
        if not kecamatans:
            await message.reply_html(context.t("audience.kecamatan_none", query=esc(query)))
            return
        if state.step == "kecamatan":
            buttons = [self._kecamatan_button(context, state, unit) for unit in kecamatans]
            rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
            rows.append([button(context, "announce.button.done", self._kecamatans_done.data)])
            found = context.t(
                "audience.kecamatan_found_toggle", query=esc(query), chosen=len(state.kecamatans)
            )
        else:
            rows = [
                [
                    button(
                        context,
                        "audience.kecamatan_button",
                        self._kecamatan_choice.build(unit.id),
                        name=unit.name,
                    )
                ]
                for unit in kecamatans
            ]
            found = context.t("audience.kecamatan_found", query=esc(query))
        await message.reply_html(
            found, reply_markup=InlineKeyboardMarkup([*rows, self._cancel_row(context)])
        )

    async def _units_chosen(self, update: Update, context: HumasContext, *, answered: bool) -> None:
        state = self._state(context)
        labels = []
        for unit_id in state.units:
            unit = await units_db.by_id(context.db, unit_id)
            labels.append(f"• {unit_label(context.lang, unit.kind, unit.name) if unit else '—'}")
        rows = [
            [
                button(context, "announce.button.add_unit", self._units_step.build("add")),
                button(context, "announce.button.done", self._units_step.build("ok")),
            ],
            self._cancel_row(context),
        ]
        await show(
            update,
            context.t("announce.units_chosen", units="\n".join(labels)),
            InlineKeyboardMarkup(rows),
            answered=answered,
        )

    # ---- input -----------------------------------------------------------------------

    async def on_button(self, update: Update, context: HumasContext) -> AudienceChoice:
        query = update.callback_query
        assert query is not None
        data = query.data
        state = self._state(context)
        if self._cancel.matches(data):  # the feature answers the press as it ends its dialogue
            context.user_data.pop(self._key, None)
            return AudienceChoice(cancelled=True)
        if (kind := self._kinds.parse(data)) is not None:
            return await self._kind(update, context, kind)
        if (level := self._level_toggle.parse(data)) is not None:
            return await self._level(update, context, level)
        if self._kecamatans_done.matches(data):
            return await self._kecamatans_chosen(update, context)
        if (unit_id := self._kecamatan_toggle.parse(data)) is not None:
            return await self._kecamatan(update, context, unit_id)
        if (page := self._kecamatan_page.parse(data)) is not None:
            await self._kecamatans(update, context, page)
            return AudienceChoice()
        if (unit_id := self._kecamatan_choice.parse(data)) is not None:
            return await self._one_kecamatan(update, context, unit_id)
        if (index := self._tag_chosen.parse(data)) is not None and index < len(state.tags):
            return await self._tag(update, context, state.tags[index])
        if (step := self._units_step.parse(data)) is not None:
            return await self._units_action(update, context, step)
        if self.units.pattern(data):
            return await self._unit_picked(update, context)
        await refuse(update, context, context.t("denied.button"))
        return AudienceChoice()

    async def on_text(self, update: Update, context: HumasContext, text: str) -> AudienceChoice:
        """Typed text: a tag's name, part of a unit's name while picking units, or part of
        a kecamatan's name (on the first screen and in the kecamatan list)."""
        state = self._state(context)
        if state.step == "tag":
            return await self._tag(update, context, text)
        if state.step == "units":
            await self.units.search(update, context, self._viewer(context), text)
            return AudienceChoice()
        if state.step not in ("kind", "kecamatan"):
            await self.ask(update, context)
            return AudienceChoice()
        await self._search_kecamatans(update, context, text)
        return AudienceChoice()

    async def _kind(self, update: Update, context: HumasContext, kind: str) -> AudienceChoice:
        state = self._state(context)
        viewer = self._viewer(context)
        state.step = kind
        if kind == "scope":
            return AudienceChoice(Audience("scope"))
        if kind == "level":
            state.levels = []
            await self._levels(update, context)
        elif kind == "kecamatan":
            state.kecamatans = []
            await self._kecamatans(update, context, 0)
        elif kind == "tag":
            state.tags = await audience_db.tags_in_scope(context.db, viewer)
            if not state.tags:
                state.step = "kind"
                await refuse(update, context, context.t("announce.no_tags"))
                return AudienceChoice()
            rows = [
                [button(context, "announce.tag_button", self._tag_chosen.build(n), tag=tag)]
                for n, tag in enumerate(state.tags[:TAGS_SHOWN])
            ]
            await show(
                update,
                context.t("announce.ask_tag"),
                InlineKeyboardMarkup([*rows, self._cancel_row(context)]),
            )
        else:
            state.units = []
            assert update.callback_query is not None
            await update.callback_query.answer()
            await edit(update.callback_query, *await self.units.root(context, viewer))
        return AudienceChoice()

    async def _level(
        self, update: Update, context: HumasContext, value: Level | Literal["ok"]
    ) -> AudienceChoice:
        state = self._state(context)
        if value == "ok":
            if not state.levels:
                await refuse(update, context, context.t("announce.choose_one"))
                return AudienceChoice()
            return AudienceChoice(Audience("level", levels=tuple(state.levels)))
        if value in state.levels:
            state.levels.remove(value)
        else:
            state.levels.append(value)
        await self._levels(update, context)
        return AudienceChoice()

    async def _kecamatans_chosen(self, update: Update, context: HumasContext) -> AudienceChoice:
        state = self._state(context)
        if not state.kecamatans:
            await refuse(update, context, context.t("announce.choose_one"))
            return AudienceChoice()
        return AudienceChoice(Audience("kecamatan", unit_ids=tuple(state.kecamatans)))

    async def _kecamatan_in_scope(self, context: HumasContext, unit_id: int) -> Unit | None:
        unit = await units_db.by_id(context.db, unit_id)
        if (
            unit is None
            or unit.kind != "kecamatan"
            or not await can_act_on_unit(context.db, self._viewer(context), unit.id)
        ):
            return None
        return unit

    async def _one_kecamatan(
        self, update: Update, context: HumasContext, unit_id: int
    ) -> AudienceChoice:
        if await self._kecamatan_in_scope(context, unit_id) is None:
            await refuse(update, context, context.t("denied.scope"))
            return AudienceChoice()
        return AudienceChoice(Audience("kecamatan", unit_ids=(unit_id,)))

    async def _kecamatan(
        self, update: Update, context: HumasContext, unit_id: int
    ) -> AudienceChoice:
        state = self._state(context)
        viewer = self._viewer(context)
        unit = await self._kecamatan_in_scope(context, unit_id)
        if unit is None:
            await refuse(update, context, context.t("denied.scope"))
            return AudienceChoice()
        if unit.id in state.kecamatans:
            state.kecamatans.remove(unit.id)
        else:
            state.kecamatans.append(unit.id)
        kecamatans = await audience_db.kecamatans_in_scope(context.db, viewer)
        await self._kecamatans(update, context, kecamatans.index(unit) // KECAMATAN_PAGE)
        return AudienceChoice()

    async def _tag(self, update: Update, context: HumasContext, text: str) -> AudienceChoice:
        tag = audience_db.clean_tag(text)
        try:
            audience = Audience("tag", tag=tag)
        except AudienceError:
            audience = None
        if audience is None or not await audience_db.target_unit_ids(
            context.db, self._viewer(context), audience
        ):
            await refuse(update, context, context.t("announce.tag_unknown", tag=esc(tag)))
            return AudienceChoice()
        return AudienceChoice(audience)

    async def _unit_picked(self, update: Update, context: HumasContext) -> AudienceChoice:
        state = self._state(context)
        result = await self.units.handle(update, context, self._viewer(context))
        if result.cancelled:
            await self.ask(update, context, answered=True)
            return AudienceChoice()
        if result.unit is not None:
            if result.unit.id not in state.units:
                state.units.append(result.unit.id)
            await self._units_chosen(update, context, answered=True)
        return AudienceChoice()

    async def _units_action(
        self, update: Update, context: HumasContext, value: str
    ) -> AudienceChoice:
        state = self._state(context)
        if value == "add":
            assert update.callback_query is not None
            await update.callback_query.answer()
            await edit(
                update.callback_query, *await self.units.root(context, self._viewer(context))
            )
            return AudienceChoice()
        if not state.units:
            await refuse(update, context, context.t("announce.choose_one"))
            return AudienceChoice()
        return AudienceChoice(Audience("units", unit_ids=tuple(state.units)))
