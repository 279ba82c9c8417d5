"""The delivery engine as a handler reaches it (opened in post_init)."""

from __future__ import annotations

from handlers.context import HumasContext
from scheduler.engine import DeliveryEngine


def delivery(context: HumasContext) -> DeliveryEngine:
    engine = context.services.delivery
    if engine is None:
        raise RuntimeError("the delivery engine is not running (post_init has not run)")
    return engine
