"""Benchmark: kill -9 the bot 10 times during a 1,500-recipient broadcast; count lost and duplicates.

``python bench/crash.py [--n 1500] [--kills 10] [--seed 4]``

The bot runs as ``python -m bot run`` against the sandbox. After the announcement is
sent, the bot is killed with SIGKILL at a random moment within each tenth of the
broadcast's progress and started again at once; the next start resumes from the
outbox. At the end every recipient's copies are counted from what the sandbox
received. Target: 0 lost; duplicates no more than the kills (a copy is sent twice
only when its request was in flight at the kill).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path[0] = str(Path(__file__).resolve().parent.parent)

import argparse  # noqa: E402
import asyncio  # noqa: E402
import random  # noqa: E402
import tempfile  # noqa: E402

from bench.broadcast_harness import Harness  # noqa: E402


async def run(count: int, kills: int, seed: int) -> None:
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="humas-crash-") as folder:
        async with Harness(Path(folder), count) as harness:
            await harness.start_bot()
            loop = asyncio.get_running_loop()
            started = await harness.announce("Siaran uji ketahanan.")
            moments: list[int] = []
            restart_seconds: list[float] = []
            for number in range(kills):
                low, high = count * number // (kills + 1), count * (number + 1) // (kills + 1)
                target = rng.randint(low, max(low, high - 1))
                # Polling the sandbox's state is the measure itself here.
                while harness.reached() < target:  # noqa: ASYNC110
                    await asyncio.sleep(0.005)
                await asyncio.sleep(rng.random() * 0.2)  # somewhere between two sends
                moments.append(harness.reached())
                await harness.kill_bot()
                killed_at = loop.time()
                before = harness.reached()
                await harness.start_bot()
                while harness.reached() == before and before < count:  # noqa: ASYNC110
                    await asyncio.sleep(0.005)
                restart_seconds.append(loop.time() - killed_at)
            await harness.wait_done(timeout=600)
            finished = loop.time()
            outcome = await harness.outcome()
            await harness.stop_bot()
            copies = harness.copies()
            lost = sum(1 for user_id in harness.user_ids if copies[user_id] == 0)
            duplicates = sum(max(0, copies[user_id] - 1) for user_id in harness.user_ids)
            unexplained = sum(
                max(0, copies[user_id] - 1)
                for user_id in harness.user_ids
                if user_id not in harness.flagged_chats
            )
            print(f"crash: recipients {count}, SIGKILLs {kills} at deliveries {moments}")
            print(
                f"crash: lost {lost}, duplicates {duplicates} (target: 0 lost, duplicates <= {kills})"
            )
            print(
                f"crash: deliveries found in flight at restarts and resent {outcome['_flagged']};"
                f" duplicates outside them {unexplained}"
            )
            print(
                f"crash: final statuses { ({k: v for k, v in outcome.items() if not k.startswith('_')}) };"
                f" 429 received {harness.sandbox.stats.responses_429}"
            )
            print(
                f"crash: whole broadcast {finished - started:.1f} s with {kills} restarts;"
                f" kill to first resumed delivery {min(restart_seconds):.1f}-{max(restart_seconds):.1f} s"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1500, help="recipients (default 1500)")
    parser.add_argument(
        "--kills", type=int, default=10, help="SIGKILLs during the broadcast (default 10)"
    )
    parser.add_argument("--seed", type=int, default=4, help="random seed of the kill moments")
    args = parser.parse_args()
    asyncio.run(run(args.n, args.kills, args.seed))


if __name__ == "__main__":
    main()
