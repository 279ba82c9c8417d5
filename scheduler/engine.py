"""The delivery engine: every message the bot sends to many people goes through here.

**Durable outbox.** :meth:`DeliveryEngine.enqueue` writes the message and one delivery
row per recipient and part in ONE transaction and returns at once; a background task
sends. Nothing is sent from a handler's loop, so the bot keeps answering while a
broadcast runs.

**Pacing.** Sends go through the application's :class:`~scheduler.pacing.Pacer` as
bulk calls (lower priority than replies). The dispatcher only hands out deliveries
whose chat is ready, and at most one delivery per chat is in flight, ordered by
(message id, part): one person's messages arrive in the order they were queued.

**Crash safety.** A delivery is claimed ('sending') in its own transaction right
before its HTTP request (inside the pacer, once the slot is granted) and marked
'sent' together with Telegram's message id in one transaction right after. Rows
found 'sending' at start-up were in flight when the process died: the request may
or may not have reached Telegram, and Telegram offers no way to ask. They are sent
again and flagged ``possible_duplicate`` — a person can get a message twice only when
a send was in flight at the crash; every other pending delivery is resumed exactly once.

**Errors.** What a failed send means — retried with backoff, ``blocked``, ``failed`` or
``ambiguous`` — is decided in :mod:`scheduler.delivery_failures`.

**Scheduling.** A message is due at ``not_before`` (UTC). A non-urgent message that
has not started is held while the clock is inside quiet hours (so it goes at their
end); once a broadcast started it runs to its end. Due-ness, quiet hours and backoff
use the injected clock; the loop also wakes every ``poll_interval`` seconds so a
moved clock (tests) or a passing due time is noticed.

**Report.** When every delivery of a ``report=True`` message is final, the sender gets
a summary (delivered, blocked, failed with unit names, time taken) in their language
(:mod:`scheduler.delivery_report`); it is queued in the same transaction that closes
the message, so it is sent once.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections import OrderedDict
from collections.abc import Coroutine, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any, TypeVar

import aiosqlite
from telegram import Bot, Message

from bot.core.clock import Clock
from db import outbox
from db.connection import Database
from db.officers import Officer
from scheduler.content import (
    Buttons,
    Content,
    Variants,
    buttons_from_json,
    dump_variants,
    load_variants,
    pick_variant,
    validate_variants,
)
from scheduler.content_sender import send_content
from scheduler.delivery_failures import record_failure
from scheduler.delivery_report import report_text
from scheduler.metrics import Metrics
from scheduler.pacing import BulkSend, Pacer
from scheduler.quiet_hours import QuietHours

log = logging.getLogger(__name__)
T = TypeVar("T")

_VARIANT_CACHE = 256
_RESUME_HOLD = 1.05  # seconds: Telegram's per-second and per-chat windows of the previous run


class _ClaimLost(Exception):
    """The delivery was cancelled, rescheduled or taken before its slot came."""


class DeliveryEngine:
    def __init__(
        self,
        db: Database,
        bot: Bot,
        clock: Clock,
        quiet_hours: QuietHours,
        *,
        max_in_flight: int = 64,
        send_timeout: float = 10.0,
        poll_interval: float = 0.5,
        max_errors: int = 5,
        backoff: timedelta = timedelta(seconds=2),
        metrics: Metrics | None = None,
    ) -> None:
        self._db = db
        self._bot = bot
        self._clock = clock
        self._quiet = quiet_hours
        limiter = getattr(bot, "rate_limiter", None)  # an ExtBot's; a plain Bot has none
        self._pacer = limiter if isinstance(limiter, Pacer) else None
        self._max_in_flight = max_in_flight
        self.send_timeout = send_timeout  # read timeout of one send (seconds)
        self._poll_interval = poll_interval
        self.max_errors = max_errors  # attempts with transient errors before giving up
        self._backoff = backoff
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._stopping = False
        self._in_flight: dict[int, asyncio.Task[None]] = {}  # chat id -> its one send
        self._writes: set[asyncio.Future[Any]] = set()  # shielded writes of sends
        self._variants: OrderedDict[int, dict[str, list[Content]]] = OrderedDict()
        self._round = 0
        self._idle_round = -1
        self._idle = asyncio.Event()  # set when a round found nothing to do
        self._sends_ended = 0  # sends finished so far (a round they overlap is not idle)
        self.recovered = 0  # deliveries found in flight at the last start
        self._metrics = metrics  # counts each delivery's result (scheduler/metrics.py)

    # ---- the API other features use ------------------------------------------------

    async def enqueue(
        self,
        *,
        kind: str,
        ref: str | None,
        sender_id: int | None,
        recipients: Sequence[Officer],
        variants: Variants,
        not_before: datetime | None = None,
        urgent: bool = False,
        report: bool = False,
        report_buttons: Mapping[str, Buttons] | None = None,
    ) -> int:
        """Write the message and its deliveries in one transaction; return the outbox id.

        Each recipient gets the variant of their language (else Indonesian); its parts
        are sent in order. ``report_buttons`` (per language) are put under the report.
        """
        async with self._db.transaction() as conn:
            message_id = await self.enqueue_in(
                conn,
                kind=kind,
                ref=ref,
                sender_id=sender_id,
                recipients=recipients,
                variants=variants,
                not_before=not_before,
                urgent=urgent,
                report=report,
                report_buttons=report_buttons,
            )
        self.wake()
        return message_id

    async def enqueue_in(
        self,
        conn: aiosqlite.Connection,
        *,
        kind: str,
        ref: str | None,
        sender_id: int | None,
        recipients: Sequence[Officer],
        variants: Variants,
        not_before: datetime | None = None,
        urgent: bool = False,
        report: bool = False,
        report_buttons: Mapping[str, Buttons] | None = None,
        variant_of: Mapping[int, str] | None = None,
    ) -> int:
        """:meth:`enqueue` inside the caller's open transaction (e.g. with the row the
        message belongs to). Call :meth:`wake` after the transaction committed.
        ``variant_of``: the variant each officer (by id) gets instead of their language's
        (a briefing's caption filled for each unit: scheduler/briefing_captions.py)."""
        validate_variants(variants)
        chosen = variant_of or {}
        now = self._clock.now()
        rows: list[tuple[int, int, str, int]] = []
        seen: set[int] = set()
        for officer in recipients:
            if officer.id in seen:
                continue
            seen.add(officer.id)
            language = chosen.get(officer.id) or officer.language
            language = pick_variant(variants, language)
            chat_id = officer.chat_id or officer.telegram_id  # a private chat's id is the user's
            rows.extend(
                (officer.id, chat_id, language, part) for part in range(len(variants[language]))
            )
        buttons_json = None
        if report_buttons:
            buttons_json = json.dumps(
                {
                    lang: [[list(button) for button in row] for row in keyboard]
                    for lang, keyboard in report_buttons.items()
                },
                ensure_ascii=False,
            )
        return await outbox.insert_message(
            conn,
            kind=kind,
            ref=ref,
            sender_id=sender_id,
            variants_json=dump_variants(variants),
            report_buttons_json=buttons_json,
            not_before=not_before or now,
            urgent=urgent,
            report=report,
            rows=rows,
            at=now,
        )

    async def cancel(self, message_id: int) -> bool:
        """Cancel a message; only while nothing of it was sent yet."""
        done = await outbox.cancel(self._db, message_id, self._clock.now())
        self.wake()
        return done

    async def reschedule(self, message_id: int, not_before: datetime) -> bool:
        """Move a message's time; only while nothing of it was sent yet."""
        done = await outbox.reschedule(self._db, message_id, not_before)
        self.wake()
        return done

    def wake(self) -> None:
        """Look for due work now (after an enqueue, or when a test moved the clock)."""
        self._wake.set()

    async def wait_idle(self, timeout: float = 60.0) -> None:  # noqa: ASYNC109
        """Until nothing due is pending or in flight (for tests and the demo).

        Idle means a whole round, begun after this call, found nothing to dispatch and
        nothing in flight. The loop reports it through an event; the engine is nudged
        again every 50 ms only in case the clock was moved without a ``wake()``.
        """
        if self._task is None:
            raise RuntimeError("the delivery engine is not running")
        wanted = self._round + 1
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while self._idle_round < wanted:
            if self._task.done():
                self._task.result()
                raise RuntimeError("the delivery engine stopped")
            if loop.time() > deadline:
                raise TimeoutError("the delivery engine did not become idle")
            self._idle.clear()
            self._wake.set()
            try:
                await asyncio.wait_for(self._idle.wait(), 0.05)
            except TimeoutError:
                pass

    async def wait_done(self, message_id: int, timeout: float = 60.0) -> None:  # noqa: ASYNC109
        """Until every delivery of one message is final (for tests and the demo)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            message = await outbox.by_id(self._db, message_id)
            if message is None or message.status != "queued":
                return
            if loop.time() > deadline:
                raise TimeoutError(f"outbox message {message_id} is not done")
            self._wake.set()
            await asyncio.sleep(0.01)

    # ---- lifecycle ------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    async def start(self) -> None:
        """Resume: rows left 'sending' by a crash are re-queued, then the loop starts.

        When a broadcast was interrupted, bulk sends wait one second first: Telegram still
        counts what the previous process sent in its last second, which this one cannot know.
        """
        if self.running:
            return
        self.recovered = await outbox.recover_in_flight(self._db)
        if self.recovered:
            log.warning(
                "%d deliveries were in flight when the bot last stopped; sending them again"
                " (their recipients may get them twice)",
                self.recovered,
            )
        if self._pacer is not None and await outbox.interrupted(self._db):
            self._pacer.hold_bulk(_RESUME_HOLD)
        self._stopping = False
        self._task = asyncio.create_task(self._run(), name="delivery-engine")

    async def stop(self, grace: float = 5.0) -> None:
        """Stop dispatching; let sends in flight finish for ``grace`` seconds, then cancel them.

        A send cancelled after its claim stays 'sending' and is recovered at the next start.
        """
        if self._task is None:
            return
        self._stopping = True
        self._wake.set()
        await asyncio.gather(self._task, return_exceptions=True)
        self._task = None
        tasks = list(self._in_flight.values())
        if tasks and grace > 0:
            await asyncio.wait(tasks, timeout=grace)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, *self._writes, return_exceptions=True)
        self._in_flight.clear()

    # ---- the loop -------------------------------------------------------------------

    async def _run(self) -> None:
        while not self._stopping:
            self._wake.clear()
            try:
                delay = await self._round_once()
            except Exception:
                log.exception("delivery round failed; trying again shortly")
                delay = self._poll_interval
            if self._stopping:
                break
            try:
                await asyncio.wait_for(self._wake.wait(), max(delay, 0.001))
            except TimeoutError:
                pass

    async def _round_once(self) -> float:
        """Dispatch what is due; return how long to sleep unless woken earlier."""
        self._round += 1
        number = self._round
        # A send that ends while this round reads the database may have been seen as
        # 'sending' there and be gone from the in-flight set afterwards: such a round
        # proves nothing, so it is not idle (the send's end wakes the next round).
        sends_ended = self._sends_ended
        now = self._clock.now()
        due = await outbox.due_messages(self._db, now)
        quiet = self._quiet.contains(now)
        ready = [m.id for m in due if m.urgent or m.started_at is not None or not quiet]
        delay = self._poll_interval
        waiting = False  # due deliveries not dispatched in this round
        changed = False  # rows closed here: look again at once
        heads = await outbox.heads(self._db, ready, now) if ready else []
        skipped = [
            (head, "cancelled", "officer inactive")
            if not head.active
            else (head, "blocked", "unreachable (blocked the bot earlier)")
            for head in heads
            if not head.active or not head.reachable
        ]
        if skipped:
            await outbox.skip_heads(self._db, skipped)
            for _, status, _ in skipped:
                if status == "blocked":
                    self._count(status)
            changed = True
        for head in heads:
            if not head.active or not head.reachable:
                continue
            waiting = True
            if head.chat_id in self._in_flight:
                continue
            if len(self._in_flight) >= self._max_in_flight:
                break
            wait = self._pacer.bulk_ready_in(head.chat_id) if self._pacer else 0.0
            if wait > 0:
                delay = min(delay, wait)
                continue
            self._in_flight[head.chat_id] = asyncio.create_task(self._deliver(head))
        # Read before closing messages: a send may end while they are being closed, and
        # its message is then closed only by the next round, which must not count as idle.
        busy = waiting or bool(self._in_flight) or self._sends_ended != sends_ended
        if await self._finish_messages(now):
            changed = True
        if changed:
            return 0.0
        if not busy:
            self._idle_round = number
            self._idle.set()
        return delay

    async def _finish_messages(self, now: datetime) -> bool:
        """Close messages whose deliveries are all final; queue their reports. True if any."""
        closed = False
        for message_id in await outbox.finishable(self._db, now):
            async with self._db.transaction() as conn:
                message = await outbox.finish(conn, message_id, now)
                if message is None:
                    continue
                closed = True
                if (
                    message.report
                    and message.sender_id is not None
                    and message.report_sent_at is None
                ):
                    await self._queue_report(conn, message, now)
            self._variants.pop(message_id, None)
        return closed

    async def _queue_report(
        self, conn: aiosqlite.Connection, message: outbox.OutboxMessage, now: datetime
    ) -> None:
        assert message.sender_id is not None
        sender = await outbox.officer_in(conn, message.sender_id)
        if sender is None:
            return
        summary = await outbox.summary(conn, message.id)
        lang = sender.language
        keyboards = await outbox.report_buttons(conn, message.id)
        buttons = buttons_from_json(keyboards[pick_variant(keyboards, lang)] if keyboards else [])
        content = Content(report_text(lang, message, summary, now), buttons=buttons)
        await self.enqueue_in(
            conn,
            kind="report",
            ref=f"outbox:{message.id}",
            sender_id=None,
            recipients=[sender],
            variants={lang: [content]},
            urgent=True,
        )
        await outbox.mark_report_sent(conn, message.id, now)

    # ---- one send ------------------------------------------------------------------

    async def _deliver(self, head: outbox.Head) -> None:
        try:
            await self._send(head)
        except Exception:
            log.exception("delivery %s: unexpected error", head.id)
        finally:
            self._in_flight.pop(head.chat_id, None)
            self._sends_ended += 1
            self._wake.set()

    async def _safe(self, write: Coroutine[Any, Any, T]) -> T:
        """Run a database write to its end even if the send's task is cancelled (at a stop):
        a transaction interrupted half-way would leave the writer connection inside it."""
        task = asyncio.ensure_future(write)
        self._writes.add(task)
        task.add_done_callback(self._writes.discard)
        return await asyncio.shield(task)

    async def _content(self, head: outbox.Head) -> Content:
        parts = self._variants.get(head.message_id)
        if parts is None:
            text = await outbox.variants_json(self._db, head.message_id)
            assert text is not None
            parts = self._variants[head.message_id] = load_variants(text)
            if len(self._variants) > _VARIANT_CACHE:
                self._variants.popitem(last=False)
        return parts[head.language][head.part]

    async def _send(self, head: outbox.Head) -> None:
        content = await self._content(head)
        claimed = False

        async def claim() -> None:
            nonlocal claimed
            if not await self._safe(
                outbox.claim(self._db, head.id, head.message_id, self._clock.now())
            ):
                raise _ClaimLost
            claimed = True

        try:
            sent = await self._call(head.chat_id, content, BulkSend(claim))
        except _ClaimLost:
            return
        except Exception as error:
            if not claimed:
                raise
            await self._safe(self._failed_attempt(head, error))
            return
        await self._safe(outbox.mark_sent(self._db, head.id, sent.message_id, self._clock.now()))
        self._count("sent")

    async def _call(self, chat_id: int, content: Content, args: BulkSend) -> Message:
        return await send_content(
            self._bot, chat_id, content, read_timeout=self.send_timeout, rate_limit_args=args
        )

    def _count(self, result: str) -> None:
        if self._metrics is not None:
            self._metrics.delivered(result)

    async def _failed_attempt(self, head: outbox.Head, error: Exception) -> None:
        result = await record_failure(
            self._db,
            head,
            error,
            self._clock.now(),
            max_errors=self.max_errors,
            backoff=self._backoff,
        )
        if result is not None:
            self._count(result)
