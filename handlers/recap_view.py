"""The recap's screens: text and buttons built from db/recap.py's figures.

Callback data (bot/core/callback_data.py): ``rk:bl:<page>`` the briefing picker;
``rk:pp:<preset>`` a period relative to today (this week, ...); ``rk:pt`` type a
range; ``rk:bv:<briefing>:<area>:<page>`` a briefing's recap for a unit of the
viewer's scope (the scope's root, a kecamatan, one desa); ``rk:pv:<span>:<area>:<page>``
the same for a period (the span as in :attr:`bot.core.periods.Span.code`);
``rk:rm:<briefing>`` / ``rk:rmy:<briefing>`` ask to remind / remind.

Every screen is one message: a header (the figures) and a body of lines cut into
pages under :data:`BUDGET` characters, so a page always fits Telegram's 4,096.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterator, Sequence
from datetime import date, tzinfo
from typing import TypeVar

from babel.dates import format_date
from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core.callback_data import ID, INDEX, Choice, Fixed, Number, Route, Triple
from bot.core.periods import MAX_DAYS, PRESETS, Span
from bot.core.texts import esc, fmt_short, t, unit_label
from db.recap import Counts, GroupRow, PeriodRecap, Recap, Status, UnitPeriod, UnitStatus
from db.recap_area import Area, UnitRef
from db.recap_lists import Person

BUDGET = 3300
MAX_LINES = 45
PICK_SIZE = 6
TITLE = 32


class SpanCode(Number):
    """A period in one number (see :attr:`Span.code`): only real spans parse."""

    def __init__(self) -> None:
        super().__init__(20000101001, 29991231000 + MAX_DAYS)

    def decode(self, text: str) -> int | None:
        value = super().decode(text)
        return value if value is not None and Span.of_code(value) is not None else None


PICK = Route("rk:bl", INDEX)
PRESET = Route("rk:pp", Choice(*PRESETS))
TYPED = Fixed("rk:pt")
BRIEFING = Triple("rk:bv", ID, ID, INDEX)
PERIOD = Triple("rk:pv", SpanCode(), ID, INDEX)
REMIND = Route("rk:rm", ID)
REMIND_YES = Route("rk:rmy", ID)

Screen = tuple[str, InlineKeyboardMarkup]


def cut(text: str, size: int = TITLE) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def label(lang: str, unit: UnitRef) -> str:
    return unit_label(lang, unit.kind, unit.name)


def plain(text: str) -> str:
    """An escaped label as a button's plain text."""
    return html.unescape(text)


def day(value: date, lang: str) -> str:
    return format_date(value, "d MMM y", locale=lang)


def _where(lang: str, unit: UnitRef, root: UnitRef) -> str:
    if unit.kecamatan_name and unit.kecamatan_id not in (unit.id, root.id):
        return t(lang, "rekap.where", kecamatan=esc(unit.kecamatan_name))
    return ""


def _rate_mark(lang: str, counts: Counts) -> str:
    level = "high" if counts.percent >= 80 else "mid" if counts.percent >= 50 else "low"
    return t(lang, f"rekap.mark.{level}")


def pages(lines: Sequence[str]) -> list[list[str]]:
    """Body lines cut into pages under :data:`BUDGET` characters and :data:`MAX_LINES`."""
    result: list[list[str]] = [[]]
    size = 0
    for line in lines:
        if result[-1] and (size + len(line) + 1 > BUDGET or len(result[-1]) >= MAX_LINES):
            result.append([])
            size = 0
        result[-1].append(line)
        size += len(line) + 1
    return result


def paged(lang: str, header: str, body: Sequence[str], page: int) -> tuple[str, int, int]:
    """The header and page ``page`` (clamped) of the body; the page and the page count."""
    split = pages(body)
    page = min(page, len(split) - 1)
    text = "\n".join([header, "", *split[page]]).rstrip()
    if len(split) > 1:
        text += "\n\n" + t(lang, "rekap.page", page=page + 1, pages=len(split))
    return text, page, len(split)


def nav_row(
    lang: str, page: int, count: int, build: Callable[[int], str]
) -> list[InlineKeyboardButton]:
    """« Sebelumnya / Berikutnya » for a paged screen (``build(page)`` makes the data)."""
    row = []
    if page > 0:
        row.append(InlineKeyboardButton(t(lang, "button.prev"), callback_data=build(page - 1)))
    if page + 1 < count:
        row.append(InlineKeyboardButton(t(lang, "button.next"), callback_data=build(page + 1)))
    return row


def totals_text(lang: str, counts: Counts) -> str:
    no_officer = (
        t(lang, "rekap.no_officer_count", count=counts.no_officer) if counts.no_officer else ""
    )
    return t(
        lang,
        "rekap.totals",
        targeted=counts.targeted,
        on_time=counts.on_time,
        late=counts.late,
        missing=counts.missing,
        no_officer=no_officer,
        rejected=counts.rejected_only,
        reported=counts.reported,
        percent=counts.percent,
    )


def _note(lang: str, unit: UnitStatus) -> str:
    if unit.status == "rejected_only":
        return t(lang, "rekap.note.rejected")
    if unit.status == "missing" and not unit.has_active_officer:
        return t(lang, "rekap.note.no_officer")
    return ""


U = TypeVar("U", UnitStatus, UnitPeriod)


def _under_kecamatan(
    lang: str, units: Sequence[U], root: UnitRef
) -> Iterator[tuple[str | None, U]]:
    """Units sorted by kecamatan, each with the kecamatan's heading before its first one
    (none inside a kecamatan's own recap)."""
    current: int | None = None
    for unit in units:
        kecamatan = unit.unit.kecamatan_id
        heading = None
        if kecamatan != current and kecamatan not in (None, root.id):
            heading = t(lang, "rekap.missing.kecamatan", name=esc(unit.unit.kecamatan_name))
        current = kecamatan
        yield heading, unit


_ORDER: dict[Status, int] = {"missing": 0, "rejected_only": 1, "late": 2, "on_time": 3}


def _group_line(lang: str, group: GroupRow) -> str:
    """One kecamatan's (or unit's) line: its mark, name and reported of targeted."""
    counts = group.counts
    return t(
        lang,
        "rekap.group",
        mark=_rate_mark(lang, counts),
        label=label(lang, group.unit),
        reported=counts.reported,
        targeted=counts.targeted,
        percent=counts.percent,
    )


def briefing_body(lang: str, found: Recap, regency_view: bool) -> tuple[list[str], list[int]]:
    """The body lines, and for each line the unit a drill button on its page opens (0: none)."""
    lines: list[str] = []
    targets: list[int] = []
    if regency_view:
        lines.append(t(lang, "rekap.groups.kecamatan"))
        targets.append(0)
        for group in found.groups:
            lines.append(_group_line(lang, group))
            targets.append(group.unit.id)
        missing = sorted(
            found.unreported, key=lambda unit: (unit.unit.kecamatan_name or "", unit.unit.code)
        )
        lines.append("")
        targets.append(0)
        if missing:
            lines.append(t(lang, "rekap.missing.header", count=len(missing)))
            targets.append(0)
            for heading, unit in _under_kecamatan(lang, missing, found.scope):
                if heading:
                    lines.append(heading)
                    targets.append(0)
                lines.append(
                    t(
                        lang,
                        "rekap.missing.item",
                        label=label(lang, unit.unit),
                        note=_note(lang, unit),
                    )
                )
                targets.append(0)
        else:
            lines.append(t(lang, "rekap.missing.none"))
            targets.append(0)
        return lines, targets
    lines.append(t(lang, "rekap.groups.units"))
    targets.append(0)
    for unit in sorted(found.units, key=lambda unit: (_ORDER[unit.status], unit.unit.code)):
        lines.append(
            t(
                lang,
                "rekap.unit",
                mark=t(lang, f"rekap.mark.{unit.status}"),
                label=label(lang, unit.unit),
                note=_note(lang, unit),
            )
        )
        targets.append(unit.unit.id)
    return lines, targets


def drill_buttons(
    lang: str, found: Recap, unit_ids: Sequence[int], briefing_id: int
) -> list[list[InlineKeyboardButton]]:
    groups = {group.unit.id: group for group in found.groups}
    units = {unit.unit.id: unit for unit in found.units}
    buttons = []
    for unit_id in unit_ids:
        if unit_id in groups and (unit_id not in units or len(found.groups) != len(found.units)):
            group = groups[unit_id]
            text = t(
                lang,
                "rekap.button.drill",
                label=plain(label(lang, group.unit)),
                percent=group.counts.percent,
            )
        else:
            unit = units[unit_id]
            text = t(
                lang,
                "rekap.button.unit",
                mark=t(lang, f"rekap.mark.{unit.status}"),
                label=plain(label(lang, unit.unit)),
            )
        buttons.append(
            InlineKeyboardButton(
                cut(text, 30), callback_data=BRIEFING.build(briefing_id, unit_id, 0)
            )
        )
    return [buttons[i : i + 2] for i in range(0, len(buttons), 2)]


def unit_body(lang: str, zone: tzinfo, unit: UnitStatus, people: Sequence[Person]) -> list[str]:
    lines = [t(lang, "rekap.unit.reports", count=len(unit.reports))]
    if not unit.reports:
        lines.append(t(lang, "rekap.unit.no_reports"))
    for number, report in enumerate(unit.reports, start=1):
        lines.append(
            t(
                lang,
                "rekap.unit.report",
                number=number,
                at=fmt_short(report.submitted_at, lang, zone),
                url=html.escape(report.url, quote=True),
                platform=esc(report.platform or "link"),
                status=t(lang, f"submission.status.{report.status}"),
                late=t(lang, "rekap.unit.report_late") if report.late else "",
                check=(
                    t(lang, "rekap.unit.report_check", mark=t(lang, f"check.mark.{report.check}"))
                    if report.check
                    else ""
                ),
                name=esc(cut(report.officer_name, 24)),
            )
        )
    lines.append("")
    lines.append(t(lang, "rekap.unit.people", count=len(people)))
    if not people:
        lines.append(t(lang, "rekap.unit.no_people"))
    for person in people:
        if person.on_leave_until is not None:
            state = t(
                lang, "rekap.person.on_leave", until=fmt_short(person.on_leave_until, lang, zone)
            )
        else:
            state = t(lang, f"rekap.person.{'reachable' if person.reachable else 'unreachable'}")
        lines.append(t(lang, "rekap.unit.person", name=esc(cut(person.name, 24)), state=state))
    return lines


def period_body(lang: str, found: PeriodRecap, regency_view: bool) -> tuple[list[str], list[int]]:
    lines: list[str] = []
    targets: list[int] = []
    if len(found.weeks) > 1:
        lines.append(t(lang, "rekap.period.weeks"))
        targets.append(0)
        for week in found.weeks:
            lines.append(
                t(
                    lang,
                    "rekap.period.week",
                    week=day(week.week_start, lang),
                    reported=week.counts.reported,
                    targeted=week.counts.targeted,
                    percent=week.counts.percent,
                )
            )
            targets.append(0)
        lines.append("")
        targets.append(0)
    lines.append(t(lang, "rekap.groups.kecamatan" if regency_view else "rekap.groups.units"))
    targets.append(0)
    for group in found.groups:
        lines.append(_group_line(lang, group))
        targets.append(group.unit.id)
    missing = found.with_missing
    lines.append("")
    targets.append(0)
    if not missing:
        lines.append(t(lang, "rekap.missing.none"))
        targets.append(0)
        return lines, targets
    lines.append(t(lang, "rekap.missing.header", count=len(missing)))
    targets.append(0)
    ordered = sorted(missing, key=lambda unit: (unit.unit.kecamatan_name or "", unit.unit.code))
    for heading, unit in _under_kecamatan(lang, ordered, found.scope):
        if heading:
            lines.append(heading)
            targets.append(0)
        lines.append(
            t(
                lang,
                "rekap.period.missing_item",
                label=label(lang, unit.unit),
                missed=unit.counts.unreported,
                targeted=unit.counts.targeted,
                note="" if unit.has_active_officer else t(lang, "rekap.note.no_officer"),
            )
        )
        targets.append(0)
    return lines, targets


def up_button(
    lang: str, area: Area, scope: UnitRef, build: Callable[[int], str]
) -> list[InlineKeyboardButton]:
    """⬆️ to the unit above ``scope`` (within the viewer's area), or 📋 back to the picker."""
    parent = scope.parent_id
    if scope.id != area.root.id and parent is not None and parent in area.units:
        above = area.units[parent]
        text = t(lang, "rekap.button.up", label=plain(label(lang, above)))
        return [InlineKeyboardButton(cut(text, 30), callback_data=build(above.id))]
    return [InlineKeyboardButton(t(lang, "rekap.button.list"), callback_data=PICK.build(0))]


def period_buttons(lang: str) -> list[list[InlineKeyboardButton]]:
    presets = [
        InlineKeyboardButton(t(lang, f"rekap.period.{name}"), callback_data=PRESET.build(name))
        for name in PRESETS
    ]
    return [
        presets[:2],
        presets[2:],
        [InlineKeyboardButton(t(lang, "rekap.period.typed"), callback_data=TYPED.data)],
    ]
