"""The end-of-broadcast summary its sender gets: delivered, blocked, failed (with the
units), what was skipped or may have arrived twice, and the time it took."""

from __future__ import annotations

from datetime import datetime, timedelta

from babel.dates import format_timedelta
from babel.numbers import format_decimal

from bot.core.texts import CATALOGUE, esc, t
from db import outbox

_FAILED_UNITS_SHOWN = 15


def report_text(
    lang: str, message: outbox.OutboxMessage, summary: outbox.Summary, now: datetime
) -> str:
    """The end-of-broadcast summary for the sender, in their language."""
    counts = summary.counts
    kind_key = f"delivery.kind.{message.kind}"
    what = t(lang, kind_key if kind_key in CATALOGUE else "delivery.kind.other")
    if message.ref and message.ref.rsplit(":", 1)[-1].isdigit():
        what += f" #{message.ref.rsplit(':', 1)[-1]}"
    units = ""
    if summary.failed_units:
        names = [esc(name) for name in summary.failed_units[:_FAILED_UNITS_SHOWN]]
        hidden = len(summary.failed_units) - len(names)
        if hidden:
            names.append(t(lang, "delivery.report.more", count=hidden))
        units = t(lang, "delivery.report.failed_units", units=", ".join(names))
    extra = ""
    if counts.get("ambiguous"):
        extra += t(lang, "delivery.report.ambiguous", count=_number(counts["ambiguous"], lang))
    if counts.get("cancelled"):
        extra += t(lang, "delivery.report.skipped", count=_number(counts["cancelled"], lang))
    started = message.started_at or now
    took = (message.finished_at or now) - started
    duration = (
        t(lang, "delivery.report.instant")
        if took < timedelta(seconds=1)
        else format_timedelta(took, locale=lang, threshold=1.5)
    )
    return t(
        lang,
        "delivery.report",
        what=what,
        recipients=_number(summary.recipients, lang),
        sent=_number(counts.get("sent", 0), lang),
        blocked=_number(counts.get("blocked", 0), lang),
        failed=_number(counts.get("failed", 0), lang),
        failed_units=units,
        extra=extra,
        duration=duration,
    )


def _number(value: int, lang: str) -> str:
    return format_decimal(value, locale=lang)
