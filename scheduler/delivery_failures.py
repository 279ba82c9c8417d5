"""What a failed send means for its delivery: tried again later, or final.

* ``RetryAfter`` — the pacer pauses bulk traffic for the time Telegram asks; the
  delivery goes back to pending without counting as an error.
* 5xx and network errors that certainly did not deliver (connection refused, pool
  timeout) — retried with exponential backoff (``backoff`` × 2ⁿ, on the injected
  clock) up to ``max_errors`` attempts, then ``failed`` with the reason.
* ``TimedOut`` (and a connection dropped after the request was written) is
  *ambiguous*: the message may have arrived. It is retried like a 5xx, because losing
  an announcement is worse than showing it twice, and flagged ``possible_duplicate``;
  if the last attempt is ambiguous too the delivery ends ``ambiguous``.
* ``Forbidden`` (403: blocked the bot, deactivated account) — ``blocked``, the officer
  is marked unreachable, never retried (the guard marks them reachable again when they
  next write to the bot; until then new broadcasts skip them as blocked).
* ``BadRequest`` (400) — ``failed``, never retried, the reason logged.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

import httpx
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut

from db import officers as officers_db
from db import outbox
from db.connection import Database

log = logging.getLogger(__name__)

_MAX_BACKOFF = timedelta(minutes=10)
# httpx errors raised before the request left this machine: certainly not delivered.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


async def record_failure(
    db: Database,
    head: outbox.Head,
    error: Exception,
    now: datetime,
    *,
    max_errors: int,
    backoff: timedelta,
) -> str | None:
    """Record a failed attempt to send ``head``: the result it ends with (``blocked``,
    ``failed``, ``ambiguous``) for the metrics, or ``None`` while it is tried again."""
    reason = f"{type(error).__name__}: {error}"[:500]
    if isinstance(error, RetryAfter):
        await outbox.release(
            db,
            head.id,
            next_attempt_at=now,
            error=reason,
            count_error=False,
            possible_duplicate=False,
        )
        return None
    if isinstance(error, Forbidden):
        log.info("delivery %s: %s blocked the bot (%s)", head.id, head.telegram_id, error)
        await outbox.mark_blocked(db, head, reason)
        await officers_db.set_reachable(db, head.telegram_id, False, now)
        return "blocked"
    if isinstance(error, BadRequest):
        log.warning("delivery %s to chat %s refused by Telegram: %s", head.id, head.chat_id, error)
        await outbox.mark_final(db, head.id, "failed", reason)
        return "failed"
    if not isinstance(error, TelegramError):
        log.error("delivery %s: %s", head.id, reason, exc_info=error)
    ambiguous = maybe_delivered(error)
    errors = head.errors + 1
    if errors >= max_errors:
        status = "ambiguous" if ambiguous or head.possible_duplicate else "failed"
        log.warning("delivery %s gave up after %d errors: %s", head.id, errors, reason)
        await outbox.give_up(db, head.id, status, reason, possible_duplicate=ambiguous)
        return status
    delay = min(backoff * 2 ** (errors - 1), _MAX_BACKOFF)
    await outbox.release(
        db,
        head.id,
        next_attempt_at=now + delay,
        error=reason,
        count_error=True,
        possible_duplicate=ambiguous,
    )
    return None


def maybe_delivered(error: Exception) -> bool:
    """Whether a failed call might nevertheless have delivered the message."""
    if isinstance(error, TimedOut):
        return not isinstance(error.__cause__, _NOT_SENT)
    if isinstance(error, NetworkError):
        # An HTTP error status (5xx) has no httpx cause: Telegram answered, nothing was sent.
        return isinstance(error.__cause__, httpx.HTTPError) and not isinstance(
            error.__cause__, _NOT_SENT
        )
    return False
