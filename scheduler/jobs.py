"""The JobQueue wiring: timed triggers derived from the database, and a safety tick.

The database is the source of truth; jobs are only triggers. Every job (and the
tick, and start-up) calls :func:`run_all_due`, which asks the reminder, deadline
and digest modules to push whatever is due at the injected clock's time and not yet
recorded — in one transaction and one push batch (pushes of one minute to one
person merge), each pass recording its pushes in the transaction that queues them, so
a job that fires twice, late, or not at all changes nothing: the next run finds
the same work done or still to do.

Jobs are (re)derived by :meth:`Schedule.sync` at start and after every change (a
briefing published, its deadline moved or it closed — :func:`reschedule_briefing` —
or a day off added); they have stable ids and are replaced, never duplicated:
``remind:<briefing>:<offset seconds>``, ``deadline:<briefing>``,
``escalation:<briefing>`` (only with an escalation delay), ``digest:weekly``,
``digest:daily``, ``backup:daily`` (scheduler/maintenance.py) and ``tick``. Their
times come from the injected clock (a job runs
``moment - clock.now()`` from now), so with a test's FakeClock they simply never
fire and tests call the due-functions after moving the clock. Misfire grace is set
explicitly (a trigger late by up to an hour still runs; later ones are left to the
tick) and coalescing is on (a trigger missed several times runs once).
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime
from typing import Any

from telegram.ext import Application, CallbackContext, ExtBot, JobQueue

from db import briefings as briefings_db
from db import reminders as reminders_db
from db.timefmt import from_db, to_db
from scheduler.digests import digest_pass, next_due
from scheduler.escalation import CATCH_UP, deadline_pass
from scheduler.maintenance import BACKUP_JOB, DailyPrune, daily_backup, next_backup
from scheduler.push_batch import Pass, run_passes
from scheduler.reminders import load_timing, reminder_moment, reminder_pass
from scheduler.retention import DailyPurge
from scheduler.services import BotData, Services

log = logging.getLogger(__name__)

MISFIRE_GRACE = 3600  # seconds


PASSES: tuple[Pass, ...] = (reminder_pass, deadline_pass, digest_pass)


async def run_all_due(services: Services) -> int:
    """Push everything due now: reminders, overdue notices and escalations, digests.

    The passes share ONE write transaction and ONE push batch, so pushes due at the
    same minute to the same people are one message (an escalation and a daily
    digest). When anything in it raises, that transaction rolls back as a whole and
    each pass runs again in its own transaction: one failing pass does not hold up
    the others (nothing is merged across passes then), and the next tick retries it.
    """
    try:
        return await run_passes(services, PASSES)
    except Exception:
        log.exception("scheduler: the run failed; running each pass on its own")
    queued = 0
    for run in PASSES:
        try:
            queued += await run_passes(services, [run])
        except Exception:
            log.exception("scheduler: %s failed; the next tick tries again", run.__name__)
    return queued


class Schedule:
    """The scheduler's state in one application: its jobs and a lock serialising runs."""

    def __init__(self, services: Services, job_queue: JobQueue[Any] | None) -> None:
        self.services = services
        self.job_queue = job_queue
        self._lock = asyncio.Lock()
        self._armed: dict[str, datetime] = {}  # job id -> the clock moment it fires at
        self._purge = DailyPurge()  # refused applications past their retention, once a day
        self._prune = DailyPrune()  # deliveries of long-finished broadcasts, once a day

    async def run(self) -> int:
        async with self._lock:
            queued = await run_all_due(self.services)
            await self._purge.run(self.services)
            await self._prune.run(self.services)
            if self.services.files is not None:  # downloads that failed, tried again
                await self.services.files.run_due()
            if self.services.links is not None:  # link checks to retry or left by a restart
                await self.services.links.run_due()
            return queued

    async def start(self) -> None:
        """At start: catch up on what came due while the bot was down, arm the jobs and the tick."""
        queued = await self.run()
        if queued:
            log.info("scheduler: %d messages queued on start-up (catching up)", queued)
        if self.job_queue is not None:
            seconds = self.services.config.schedule.tick_seconds
            self.job_queue.run_repeating(
                _tick,
                interval=seconds,
                first=seconds,
                name="tick",
                job_kwargs=_job_kwargs("tick"),
            )
        await self.sync()

    async def sync(self) -> None:
        """Derive every timed job from the database and the calendar; replace what changed."""
        if self.job_queue is None:
            return
        wanted = await self.wanted()
        now = self.services.clock.now()
        for job_id in [job_id for job_id in self._armed if job_id not in wanted]:
            self._remove(job_id)
        for job_id, moment in wanted.items():
            if self._armed.get(job_id) == moment:
                continue
            self.job_queue.run_once(
                self._backup_job if job_id == BACKUP_JOB else _on_time,
                when=moment - now,
                name=job_id,
                job_kwargs=_job_kwargs(job_id),
            )
            self._armed[job_id] = moment

    async def wanted(self) -> dict[str, datetime]:
        """The timed jobs there should be now: job id -> the clock moment it fires at."""
        services = self.services
        db = services.db
        assert db is not None
        timing = await load_timing(services)
        now = timing.now
        schedule = services.config.schedule
        wanted: dict[str, datetime] = {}
        rows = await db.fetchall(
            "SELECT id, deadline, publish_at FROM briefings"
            " WHERE status IN ('published', 'scheduled')"
            " AND deadline > ?",
            (to_db(now - CATCH_UP - schedule.escalation_delay),),
        )
        for row in rows:
            briefing_id, deadline, publish_at = (
                row["id"],
                from_db(row["deadline"]),
                from_db(row["publish_at"]),
            )
            for offset in services.config.reminders.offsets:
                moment = reminder_moment(deadline, publish_at, offset, timing)
                if moment is not None and moment > now:
                    wanted[f"remind:{briefing_id}:{int(offset.total_seconds())}"] = moment
            at_deadline = timing.sendable(deadline)
            if at_deadline > now:
                wanted[f"deadline:{briefing_id}"] = at_deadline
            escalation = timing.sendable(deadline + schedule.escalation_delay)
            if schedule.escalation and escalation > now and escalation != at_deadline:
                wanted[f"escalation:{briefing_id}"] = escalation
        for kind in ("weekly", "daily"):
            moment = next_due(services, timing, kind)
            if moment is not None:
                wanted[f"digest:{kind}"] = moment
        wanted[BACKUP_JOB] = next_backup(services)
        return wanted

    async def _backup_job(self, context: JobContext) -> None:
        """``backup:daily`` fired: copy the database, arm the next night's copy."""
        self.fired(BACKUP_JOB)
        await daily_backup(self.services)
        await self.sync()

    def fired(self, job_id: str) -> None:
        self._armed.pop(job_id, None)

    def _remove(self, job_id: str) -> None:
        assert self.job_queue is not None
        for job in self.job_queue.get_jobs_by_name(job_id):
            job.schedule_removal()
        self._armed.pop(job_id, None)


def _job_kwargs(job_id: str) -> dict[str, Any]:
    return {
        "id": job_id,
        "replace_existing": True,
        "misfire_grace_time": MISFIRE_GRACE,
        "coalesce": True,
    }


JobContext = CallbackContext[ExtBot[None], Any, Any, BotData]


async def _tick(context: JobContext) -> None:
    schedule = context.bot_data.services.schedule
    if schedule is not None:
        await schedule.run()


async def _on_time(context: JobContext) -> None:
    schedule = context.bot_data.services.schedule
    if schedule is None:
        return
    if context.job is not None and context.job.name:
        schedule.fired(context.job.name)
    await schedule.run()
    await schedule.sync()


async def start_schedule(application: Application[Any, Any, Any, Any, Any, Any]) -> Schedule:
    """Open the scheduler in post_init, after the delivery engine started."""
    services: Services = application.bot_data.services
    schedule = Schedule(services, application.job_queue)
    services.schedule = schedule
    await schedule.start()
    return schedule


async def reschedule_briefing(services: Services, briefing_id: int) -> None:
    """Call after a briefing was published, its deadline changed, or it was closed.

    Officer-facing pushes queued for another deadline (or for a briefing no longer
    live) that have not started are cancelled; the timed jobs are derived again.
    Reminders for the new deadline are computed afresh (their records are per deadline).
    """
    db, engine = services.db, services.delivery
    assert db is not None and engine is not None
    briefing = await briefings_db.by_id(db, briefing_id)
    keep = (
        briefing.deadline
        if briefing is not None and briefing.status in ("published", "scheduled")
        else None
    )
    for outbox_id in await reminders_db.queued_for(db, briefing_id, keep):
        await engine.cancel(outbox_id)
    if services.schedule is not None:
        await services.schedule.sync()
