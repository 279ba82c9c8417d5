"""Benchmark: one stranger floods the bot; how fast are other people answered meanwhile?

``python bench/fairness.py [--flood 200] [--askers 20] [--seconds 5]``

The sandbox enforces Telegram's limits; the bot runs as its own process (``python -m
bot run``, bench/broadcast_harness.py). A stranger sends ``--flood`` messages as fast
as possible; during the next ``--seconds`` seconds ``--askers`` other people each send
/bantuan once, evenly spaced, and the time from sending it to the answer arriving is
measured. Printed: the p50/p95/max of those times (target p95 under 0.5 s), and how
many answers the flooder got. Two runs: with the default flood control (20 updates
per 10 s per person), and with flood control off, which shows that the update
processor alone keeps one person from occupying the slots others need.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path[0] = str(Path(__file__).resolve().parent.parent)

import argparse  # noqa: E402
import asyncio  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402

from bench.broadcast_harness import ADMIN_ID, Harness  # noqa: E402

HELP = "Perintah"  # the opening of every /bantuan answer
NO_FLOOD_CONTROL = 1_000_000


class FloodHarness(Harness):
    def __init__(self, workdir: Path, flood_updates: int | None) -> None:
        super().__init__(workdir, recipients=0)
        self.flood_updates = flood_updates

    def _environment(self) -> dict[str, str]:
        environment = super()._environment()
        if self.flood_updates is not None:
            environment["HUMAS_FLOOD__UPDATES"] = str(self.flood_updates)
        return environment


async def _ask_help(harness: Harness, user_id: int) -> float:
    loop = asyncio.get_running_loop()
    started = loop.time()
    harness.sandbox.send_text(user_id, "/bantuan")
    seen = 0
    while True:
        found = await harness.sandbox.wait_for_messages(user_id, seen + 1, timeout=120)
        if any(HELP in message.plain_text for message in found):
            return loop.time() - started
        seen = len(found)


async def _askers(harness: Harness, askers: list[int], spacing: float) -> list[float]:
    tasks = []
    for user_id in askers:
        tasks.append(asyncio.create_task(_ask_help(harness, user_id)))
        await asyncio.sleep(spacing)
    return list(await asyncio.gather(*tasks))


def _p95(ordered: list[float]) -> float:
    return ordered[max(0, int(round(0.95 * len(ordered))) - 1)]


async def run(flood: int, askers: int, seconds: float, flood_updates: int | None) -> None:
    label = "fairness" if flood_updates is None else "fairness, flood control off"
    with tempfile.TemporaryDirectory(prefix="humas-fairness-") as folder:
        async with FloodHarness(Path(folder), flood_updates) as harness:
            await harness.start_bot()
            sandbox = harness.sandbox
            before = len(sandbox.messages(ADMIN_ID))
            sandbox.send_text(ADMIN_ID, "/start")
            await sandbox.wait_for_messages(ADMIN_ID, 1, timeout=30, after=before)
            people = [sandbox.add_user(f"Warga{number}") for number in range(askers)]
            stranger = sandbox.add_user("Penyusup")
            for number in range(flood):
                sandbox.send_text(stranger, f"spam {number}")
            latencies = await _askers(harness, people, spacing=seconds / max(askers, 1))
            answered = len(sandbox.messages(stranger))
            await harness.kill_bot()
    ordered = sorted(latencies)
    print(f"{label}: flood {flood} messages from one stranger; {askers} others send /bantuan")
    print(
        f"{label}: /bantuan during the flood: p50 {statistics.median(ordered) * 1000:.0f} ms,"
        f" p95 {_p95(ordered) * 1000:.0f} ms, max {ordered[-1] * 1000:.0f} ms"
    )
    print(f"{label}: the flooder got {answered} answers within the {seconds:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--flood", type=int, default=200, help="the stranger's messages")
    parser.add_argument("--askers", type=int, default=20, help="people who send /bantuan")
    parser.add_argument("--seconds", type=float, default=5.0, help="how long they ask for")
    args = parser.parse_args()
    asyncio.run(run(args.flood, args.askers, args.seconds, None))
    asyncio.run(run(args.flood, args.askers, args.seconds, NO_FLOOD_CONTROL))


if __name__ == "__main__":
    main()
