"""Benchmark: one announcement to N officers through the real engine, bot and HTTP client.

``python bench/broadcast.py [--n 1500] [--faults] [--profil 50]``

The sandbox enforces Telegram's limits (30 messages/s overall, ~1/s per chat); the
bot runs as its own process (``python -m bot run``). Printed: recipients, seconds
from pressing "Kirim" to the last delivery, messages per second and the ratio to
Telegram's 30/s, the 429s the sandbox answered, lost and duplicated deliveries, and
the bot's peak memory. Target: at least 28 msg/s, zero 429s, zero lost, zero duplicates.

``--faults``: 10 % of sends answer 502, about 5 % are answered only after the bot's
send timeout (the message was delivered: an ambiguous timeout), one burst of forced
429s mid-way, and 1 % of the recipients blocked the bot. Every reachable recipient
must get exactly one copy (a second one only where a timeout was ambiguous) and
delivered + blocked + failed must equal N.

``--profil K``: K officers send /profil during the broadcast; prints the p50/p95 of
the time from sending the command to the reply arriving (target p95 under 1 s).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path[0] = str(Path(__file__).resolve().parent.parent)

import argparse  # noqa: E402
import asyncio  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402

from bench.broadcast_harness import Harness  # noqa: E402

TELEGRAM_RATE = 30
SLOW_DELAY = 12.0  # beyond the engine's 10 s send timeout


async def _ask_profile(harness: Harness, user_id: int) -> float:
    loop = asyncio.get_running_loop()
    before = len(harness.sandbox.messages(user_id))
    started = loop.time()
    harness.sandbox.send_text(user_id, "/profil")
    while True:
        found = await harness.sandbox.wait_for_messages(user_id, before + 1, timeout=30)
        if any("Profil" in message.plain_text for message in found[before:]):
            return loop.time() - started
        before = len(found)


async def _profiles(harness: Harness, askers: list[int], spacing: float) -> list[float]:
    tasks = []
    for user_id in askers:
        tasks.append(asyncio.create_task(_ask_profile(harness, user_id)))
        await asyncio.sleep(spacing)
    return list(await asyncio.gather(*tasks))


async def run(count: int, faults: bool, profil: int) -> None:
    with tempfile.TemporaryDirectory(prefix="humas-bench-") as folder:
        blocked = count // 100 if faults else 0
        async with Harness(Path(folder), count, blocked=blocked) as harness:
            await harness.start_bot()
            loop = asyncio.get_running_loop()
            sandbox = harness.sandbox
            started = await harness.announce("Rapat koordinasi humas, Senin pukul 09.00.")
            if faults:
                sandbox.inject_faults(kind="5xx", rate=0.10, methods={"sendMessage"})
                sandbox.inject_faults(
                    kind="slow", rate=0.055, delay=SLOW_DELAY, methods={"sendMessage"}
                )
            askers = harness.user_ids[blocked : blocked + profil]
            profile_task = (
                asyncio.create_task(_profiles(harness, askers, spacing=20 / max(profil, 1)))
                if profil
                else None
            )
            burst_done = False
            last_count, last_change = 0, loop.time()
            reachable = count - blocked
            while True:
                reached = harness.reached()
                if reached != last_count:
                    last_count, last_change = reached, loop.time()
                if faults and not burst_done and reached >= reachable // 3:
                    sandbox.force_retry_after(2, count=5)
                    burst_done = True
                if reached >= reachable:
                    break
                if loop.time() - last_change > 120:
                    break
                await asyncio.sleep(0.02)
            finished = last_change
            await harness.wait_done(timeout=300)
            done_at = loop.time()
            latencies = await profile_task if profile_task else []
            memory = harness.peak_memory_mb()
            outcome = await harness.outcome()
            await harness.stop_bot()

            copies = harness.copies()
            reachable_ids = [
                user_id for user_id in harness.user_ids if user_id not in harness.blocked
            ]
            lost = sum(1 for user_id in reachable_ids if copies[user_id] == 0)
            duplicates = sum(max(0, copies[user_id] - 1) for user_id in reachable_ids)
            unexplained = sum(
                max(0, copies[user_id] - 1)
                for user_id in reachable_ids
                if user_id not in harness.flagged_chats
            )
            seconds = finished - started
            rate = reachable / seconds
            label = "broadcast --faults" if faults else "broadcast"
            print(f"{label}: recipients {count}")
            print(f"{label}: seconds {seconds:.1f} (first press of Kirim to last delivery)")
            print(
                f"{label}: messages/s {rate:.1f} = {rate / TELEGRAM_RATE:.0%} of Telegram's {TELEGRAM_RATE}/s"
            )
            print(f"{label}: 429 received {sandbox.stats.responses_429}")
            print(f"{label}: lost {lost}, duplicates {duplicates}")
            print(f"{label}: bot peak memory {memory:.0f} MB")
            if faults:
                delivered = outcome.get("sent", 0)
                failed = outcome.get("failed", 0) + outcome.get("ambiguous", 0)
                print(
                    f"{label}: faults injected {sandbox.stats.faults_injected}"
                    f" (502s, slow answers, forced 429s); all final after {done_at - started:.1f} s"
                )
                print(
                    f"{label}: delivered {delivered} + blocked {outcome.get('blocked', 0)}"
                    f" + failed {failed} = {delivered + outcome.get('blocked', 0) + failed} (N = {count})"
                )
                print(
                    f"{label}: possible duplicates flagged {outcome['_flagged']};"
                    f" duplicates not flagged {unexplained}"
                )
            if latencies:
                ordered = sorted(latencies)
                p95 = ordered[max(0, int(round(0.95 * len(ordered))) - 1)]
                print(
                    f"{label}: /profil during the broadcast by {len(latencies)} officers:"
                    f" p50 {statistics.median(ordered) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms,"
                    f" max {ordered[-1] * 1000:.0f} ms"
                )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1500, help="recipients (default 1500)")
    parser.add_argument(
        "--faults", action="store_true", help="inject 5xx, timeouts and a 429 burst"
    )
    parser.add_argument(
        "--profil",
        type=int,
        default=0,
        metavar="K",
        help="K officers send /profil during the broadcast",
    )
    args = parser.parse_args()
    asyncio.run(run(args.n, args.faults, args.profil))


if __name__ == "__main__":
    main()
