"""The bot's JobQueue stops as PTB's does: running jobs finish, then the scheduler is down."""

from __future__ import annotations

import asyncio

from telegram.ext import ApplicationBuilder

from scheduler.job_queue import PromptJobQueue


async def test_stop_lets_a_running_job_finish_and_leaves_the_scheduler_stopped() -> None:
    queue = PromptJobQueue()
    application = ApplicationBuilder().token("1:x").job_queue(queue).build()
    started = asyncio.Event()
    finished: list[str] = []

    async def job(context: object) -> None:
        started.set()
        await asyncio.sleep(0.05)
        finished.append("job")

    await queue.start()
    queue.run_once(job, when=0)
    await asyncio.wait_for(started.wait(), timeout=5)
    await queue.stop()
    assert finished == ["job"]
    assert not queue.scheduler.running
    assert application.job_queue is queue
