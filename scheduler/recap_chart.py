"""The recap's charts as PNG (matplotlib, Agg), from the dataclasses of db/recap.py.

- **Compliance per row** (a briefing, or a period's assignments): one horizontal bar
  per kecamatan (regency view) or desa/kelurahan (kecamatan view), on time and late
  stacked, as a share of the units targeted; the least compliant at the top (the
  ones to chase first); the regency's average as a dashed vertical line. Beyond
  :data:`MAX_BARS` rows the most compliant are summed into one "n lainnya" bar. A row
  counting units with no officer yet has its figure marked "*", explained under the axis
  (those units count as not reported, as on the /rekap screen).
- **Weekly trend** (a period): one stacked bar per week (deadline weeks, Monday first).

Sized for a 6-inch phone: 1080 pixels wide at 150 dpi, text at 11 pt or more, the
figure growing with the number of bars. The font is DejaVu Sans (shipped with
matplotlib) and text is never read as mathtext, so the same data gives the same
picture. Rendering is CPU work: callers on the event loop run it in a thread.
"""

from __future__ import annotations

import contextlib
import io
import textwrap
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Any, Literal

import matplotlib
from babel.dates import format_date
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from bot.core.texts import fmt_short, t
from db.recap import Counts, GroupRow, PeriodRecap, Recap, WeekRow
from db.recap_area import UnitRef
from scheduler.recap_tables import plain_unit

MAX_BARS = 45
DPI = 150
WIDTH_INCHES = 7.2  # 1080 pixels
BAR_INCHES = 0.36
_HEAD_INCHES, _FOOT_INCHES, _MIN_INCHES = 1.9, 0.9, 4.0
_NOTE_INCHES = 0.35  # the "* belum ada petugas" line under the axis
_FONT = 11
_LABEL_CHARS = 26
_ON_TIME, _LATE, _AVERAGE = "#2E7D32", "#F9A825", "#C62828"


_BUILDING = threading.Lock()


@contextlib.contextmanager
def _style() -> Iterator[None]:
    """DejaVu Sans at 11 pt; text is never read as mathtext (a "$" in a title stays one).
    matplotlib's settings are global: one figure is built at a time (callers render in
    threads), and each text keeps the settings it was made with."""
    with (
        _BUILDING,
        matplotlib.rc_context(
            {"font.family": "DejaVu Sans", "font.size": _FONT, "text.parse_math": False}
        ),
    ):
        yield


@dataclass(frozen=True)
class Bar:
    label: str
    counts: Counts

    @property
    def on_time(self) -> float:
        return 100 * self.counts.on_time_rate

    @property
    def late(self) -> float:
        return 100 * self.counts.late / self.counts.targeted if self.counts.targeted else 0.0


def _sum(rows: Sequence[Counts]) -> Counts:
    return Counts(
        targeted=sum(row.targeted for row in rows),
        on_time=sum(row.on_time for row in rows),
        late=sum(row.late for row in rows),
        missing=sum(row.missing for row in rows),
        rejected_only=sum(row.rejected_only for row in rows),
        no_officer=sum(row.no_officer for row in rows),
    )


def compliance_bars(groups: Sequence[GroupRow], lang: str) -> list[Bar]:
    """The bars, top first: least compliant first (then fewer on time, then name); at
    most :data:`MAX_BARS`, the rest summed into the last one."""
    ordered = sorted(
        groups,
        key=lambda row: (row.counts.rate, row.counts.on_time_rate, row.unit.code),
    )
    bars = [Bar(_label(lang, row.unit), row.counts) for row in ordered]
    if len(bars) <= MAX_BARS:
        return bars
    rest = [bar.counts for bar in bars[MAX_BARS - 1 :]]
    more = Bar(t(lang, "rfile.chart.more", count=len(rest)), _sum(rest))
    return [*bars[: MAX_BARS - 1], more]


def _label(lang: str, unit: UnitRef) -> str:
    return textwrap.shorten(plain_unit(lang, unit), _LABEL_CHARS, placeholder="…")


def _title(text: str) -> str:
    return "\n".join(textwrap.wrap(text, 48, max_lines=2, placeholder="…"))


def _figure(height: float) -> Figure:
    figure = Figure(figsize=(WIDTH_INCHES, height), dpi=DPI)
    FigureCanvasAgg(figure)
    return figure


def _heading(figure: Figure, title: str, subtitle: str) -> None:
    height = figure.get_figheight()
    figure.text(0.03, 1 - 0.22 / height, _title(title), fontsize=14, weight="bold", va="top")
    figure.text(0.03, 1 - 0.78 / height, subtitle, fontsize=_FONT, color="#444444", va="top")


def _legend(figure: Figure, axes: Axes) -> None:
    """On time, late and the average, in two rows under the heading."""
    handles, labels = axes.get_legend_handles_labels()
    order = sorted(range(len(labels)), key=lambda index: not hasattr(handles[index], "patches"))
    figure.legend(
        [handles[index] for index in order],
        [labels[index] for index in order],
        loc="upper left",
        bbox_to_anchor=(0.02, 1 - 1.08 / figure.get_figheight()),
        ncol=2,
        frameon=False,
        fontsize=_FONT,
        handlelength=1.4,
        columnspacing=1.2,
    )


def _average_line(draw: Callable[..., Any], lang: str, average: float | None) -> None:
    """The regency's average as a dashed line (``draw``: the axes' axvline or axhline)."""
    if average is not None:
        draw(
            100 * average,
            color=_AVERAGE,
            linestyle="--",
            linewidth=1.6,
            label=t(lang, "rfile.chart.average", percent=round(100 * average)),
        )


def _tidy(axes: Axes, grid: Literal["x", "y"]) -> None:
    """Grid lines along ``grid`` behind the bars, no frame at the top and right."""
    axes.grid(axis=grid, color="#DDDDDD")
    axes.set_axisbelow(True)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)


def bars_figure(
    bars: Sequence[Bar], lang: str, *, title: str, subtitle: str, axis: str, average: float | None
) -> Figure:
    """The horizontal bar chart (its Axes' first two containers are the on-time and the
    late bars, one patch per row)."""
    no_officer = sum(bar.counts.no_officer for bar in bars)
    foot = _FOOT_INCHES + (_NOTE_INCHES if no_officer else 0.0)
    with _style():
        count = max(len(bars), 1)
        height = max(_MIN_INCHES, _HEAD_INCHES + foot + BAR_INCHES * count)
        figure = _figure(height)
        axes = figure.add_axes((0.36, foot / height, 0.58, 1 - (_HEAD_INCHES + foot) / height))
        _heading(figure, title, subtitle)
        rows = range(len(bars))
        on_time = [bar.on_time for bar in bars]
        axes.barh(rows, on_time, color=_ON_TIME, label=t(lang, "rfile.col.on_time"), height=0.7)
        axes.barh(
            rows,
            [bar.late for bar in bars],
            left=on_time,
            color=_LATE,
            label=t(lang, "rfile.col.late"),
            height=0.7,
        )
        for row, bar in zip(rows, bars, strict=True):
            axes.text(
                min(bar.on_time + bar.late, 100) + 1.5,
                row,
                f"{bar.counts.percent}% ({bar.counts.reported}/{bar.counts.targeted})"
                + (" *" if bar.counts.no_officer else ""),
                va="center",
                fontsize=_FONT,
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.0},
            )
        _average_line(axes.axvline, lang, average)
        if not bars:
            axes.text(50, 0, t(lang, "rfile.chart.empty"), ha="center", va="center")
        axes.set_yticks(list(rows), [bar.label for bar in bars], fontsize=_FONT)
        axes.set_ylim(count - 0.5, -0.5)  # the first bar at the top (one empty row if none)
        axes.set_xlim(0, 125)
        axes.set_xticks([0, 25, 50, 75, 100])
        axes.tick_params(axis="x", labelsize=_FONT)
        axes.set_xlabel(axis, fontsize=_FONT)
        _tidy(axes, "x")
        _legend(figure, axes)
        if no_officer:
            note = t(lang, "rfile.chart.no_officer", count=no_officer)
            figure.text(0.03, 0.12 / height, note, fontsize=_FONT, color="#444444", va="bottom")
        return figure


def trend_figure(
    weeks: Sequence[WeekRow], lang: str, *, title: str, subtitle: str, average: float | None
) -> Figure:
    """One stacked bar per week (its Axes' first two containers hold one patch per week)."""
    with _style():
        height = 5.4
        figure = _figure(height)
        axes = figure.add_axes((0.11, 1.1 / height, 0.85, 1 - 3.1 / height))
        _heading(figure, title, subtitle)
        columns = range(len(weeks))
        on_time = [100 * week.counts.on_time_rate for week in weeks]
        late = [
            100 * week.counts.late / week.counts.targeted if week.counts.targeted else 0.0
            for week in weeks
        ]
        axes.bar(columns, on_time, color=_ON_TIME, label=t(lang, "rfile.col.on_time"), width=0.6)
        axes.bar(
            columns, late, bottom=on_time, color=_LATE, label=t(lang, "rfile.col.late"), width=0.6
        )
        for column, week in zip(columns, weeks, strict=True):
            axes.text(
                column,
                min(100, on_time[column] + late[column]) + 2,
                f"{week.counts.percent}%",
                ha="center",
                fontsize=_FONT,
            )
        _average_line(axes.axhline, lang, average)
        if not weeks:
            axes.text(0, 50, t(lang, "rfile.chart.empty"), ha="center", va="center")
        labels = [_week_label(lang, week.week_start) for week in weeks]
        axes.set_xticks(list(columns), labels, fontsize=_FONT, rotation=45 if len(weeks) > 6 else 0)
        axes.set_xlim(-0.6, max(len(weeks), 1) - 0.4)
        axes.set_ylim(0, 112)
        axes.set_yticks([0, 25, 50, 75, 100])
        axes.tick_params(axis="y", labelsize=_FONT)
        axes.set_ylabel(t(lang, "rfile.chart.axis_assignments"), fontsize=_FONT)
        _tidy(axes, "y")
        _legend(figure, axes)
        return figure


def _week_label(lang: str, monday: date) -> str:
    return t(lang, "rfile.chart.week", date=format_date(monday, "d MMM", locale=lang))


def png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()


def period_label(start: datetime, end: datetime, lang: str, zone: tzinfo) -> str:
    """E.g. "1 Nov 2026 – 30 Nov 2026" (the last day included)."""
    first = start.astimezone(zone).date()
    last = date.fromordinal(end.astimezone(zone).date().toordinal() - 1)
    return t(
        lang,
        "rfile.period_title",
        start=format_date(first, "d MMM y", locale=lang),
        end=format_date(last, "d MMM y", locale=lang),
    )


def _subtitle(lang: str, scope: UnitRef, generated: datetime, zone: tzinfo) -> str:
    return t(
        lang,
        "rfile.chart.subtitle",
        scope=plain_unit(lang, scope),
        generated=fmt_short(generated, lang, zone),
    )


def briefing_figure(recap: Recap, lang: str, zone: tzinfo, average: float | None) -> Figure:
    return bars_figure(
        compliance_bars(recap.groups, lang),
        lang,
        title=t(lang, "rfile.chart.briefing_title", title=recap.briefing.title),
        subtitle=_subtitle(lang, recap.scope, recap.generated_at, zone),
        axis=t(lang, "rfile.chart.axis_units"),
        average=average,
    )


def briefing_chart(recap: Recap, lang: str, zone: tzinfo, average: float | None) -> bytes:
    """A briefing's compliance per kecamatan (or desa) as PNG bytes."""
    return png(briefing_figure(recap, lang, zone, average))


def period_chart(
    period: PeriodRecap, lang: str, zone: tzinfo, average: float | None, label: str
) -> bytes:
    """A period's compliance per kecamatan (or desa), over all its assignments."""
    return png(
        bars_figure(
            compliance_bars(period.groups, lang),
            lang,
            title=t(lang, "rfile.chart.period_title", period=label),
            subtitle=_subtitle(lang, period.scope, period.generated_at, zone),
            axis=t(lang, "rfile.chart.axis_assignments"),
            average=average,
        )
    )


def trend_chart(
    period: PeriodRecap, lang: str, zone: tzinfo, average: float | None, label: str
) -> bytes:
    """A period's weekly trend as PNG bytes."""
    return png(
        trend_figure(
            period.weeks,
            lang,
            title=t(lang, "rfile.chart.trend_title", period=label),
            subtitle=_subtitle(lang, period.scope, period.generated_at, zone),
            average=average,
        )
    )
