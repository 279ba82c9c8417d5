"""Short messages to other people (a decision, an alert, a change) through the delivery engine.

They go through the engine rather than straight to Telegram so that pacing,
retries, quiet hours and "nothing is lost on a restart" apply to them too.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from bot.core.texts import LANGUAGES
from db.officers import Officer
from scheduler.content import Content, Variants
from scheduler.engine import DeliveryEngine


async def notify(
    engine: DeliveryEngine,
    *,
    kind: str,
    ref: str | None,
    recipients: Sequence[Officer],
    render: Callable[[str], list[Content]],
    urgent: bool = False,
    not_before: datetime | None = None,
) -> int | None:
    """Queue ``render(lang)`` for each recipient in their language; None when nobody is left."""
    if not recipients:
        return None
    languages = {officer.language for officer in recipients} | {"id"}
    variants: Variants = {lang: render(lang) for lang in LANGUAGES if lang in languages}
    return await engine.enqueue(
        kind=kind,
        ref=ref,
        sender_id=None,
        recipients=recipients,
        variants=variants,
        not_before=not_before,
        urgent=urgent,
    )
