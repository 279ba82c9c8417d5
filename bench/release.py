"""Benchmark of /rilis (issue 15): from the last answer ("Selesai") to the .docx arriving.

The real bot polls the sandbox Bot API server on 127.0.0.1 (a fresh database as
`humas-bot init` leaves it). A desa officer composes a press release through the
dialogue; the timer starts when the "Selesai" press is put into the sandbox and stops
when the bot has handled it and the sandbox holds the .docx (the release text goes
first). Measured with no photo and with five photos (downloaded into the file store
as they arrived, then placed in the .docx). The scripted person's chat takes a long
burst of messages (as in the functional tests); Telegram's other limits and real
seconds apply.

Printed: the median, the fastest and the slowest of the runs, and the .docx's size.
Run: ``python bench/release.py`` from the repository root.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as ``python bench/release.py`` this folder comes first on sys.path: look in the
# repository root first (as bench/scheduler.py does).
sys.path[0] = str(Path(__file__).resolve().parent.parent)

import asyncio  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from datetime import UTC, date, datetime  # noqa: E402

from bot.core.clock import FakeClock  # noqa: E402
from bot.devtools.driver import BotDriver, sandbox_config  # noqa: E402
from bot.devtools.sandbox import LimitConfig, SandboxServer  # noqa: E402
from db import programs as programs_db  # noqa: E402
from db.audit import Actor  # noqa: E402
from db.bootstrap import init_database  # noqa: E402
from db.connection import Database  # noqa: E402

NOW = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)  # Tuesday 1 December 2026, 08:00 WIB
ADMIN_ID = 900001
DESA = "32.01.02.2001"  # Desa Wanaherang, Kecamatan Gunungputri
RUNS = 7
BURST = 1000
ANSWERS = (
    "Posyandu Serentak Wanaherang",
    "Pemerintah Desa Wanaherang menggelar posyandu serentak",
    "40 kader posyandu dan 120 balita",
    "Selasa (1/12/2026) pagi",
    "Balai Desa Wanaherang",
    "Kegiatan ini bertujuan memastikan imunisasi anak lengkap",
    "Kader mendata balita dari rumah ke rumah\nBalita ditimbang dan diimunisasi",
    "Kami ingin tidak ada satu pun balita yang terlewat",
    "Hj. Nur Aisyah",
    "Kepala Desa Wanaherang",
)


async def _compose(bot: BotDriver, user: int, photos: int) -> tuple[float, int]:
    """One release up to "Selesai"; the seconds from the press to the .docx, its size."""
    await bot.say(user, "/rilis")
    await bot.press(user, "Bogor Sehat")
    for answer in ANSWERS:
        await bot.say(user, answer)
    await bot.press(user, "Lanjut tanpa kutipan kedua")
    await bot.say(user, "0812-3456-7890")
    for _ in range(photos):
        await bot._after(user, lambda: bot.sandbox.send_photo(user))
    if bot.services.files is not None:
        await bot.services.files.wait_idle()
    before = len(bot.sandbox.messages(user))
    started = time.perf_counter()
    await bot.press(user, "✅ Selesai")
    elapsed = time.perf_counter() - started
    new = bot.sandbox.messages(user)[before:]
    document = next(message for message in new if message.media_type == "document")
    assert document.file_id is not None
    return elapsed, len(bot.sandbox.files[document.file_id].data)


async def main() -> None:
    with tempfile.TemporaryDirectory(prefix="humas-bench-release-") as folder:
        path = Path(folder) / "humas.db"
        db = await Database.open(path)
        try:
            await init_database(db, FakeClock(NOW), Actor.cli())
        finally:
            await db.close()
        limits = LimitConfig(private_burst=BURST)
        async with SandboxServer(limits=limits) as sandbox:
            sandbox.add_user("Admin", user_id=ADMIN_ID)
            config = sandbox_config(
                sandbox, path, admins=[ADMIN_ID], delivery={"chat_burst": BURST}
            )
            async with BotDriver(sandbox, config, FakeClock(NOW)) as bot:
                await bot.say(ADMIN_ID, "/start")
                await programs_db.create(
                    bot.db,
                    name="Bogor Sehat",
                    description="Layanan kesehatan",
                    priority=1,
                    horizon="menengah",
                    starts_on=date(2026, 12, 1),
                    ends_on=date(2027, 6, 30),
                    actor=Actor.cli(),
                    at=NOW,
                )
                user = await bot.join("Siti", DESA)
                for photos in (0, 5):
                    runs = [await _compose(bot, user, photos) for _ in range(RUNS)]
                    times = sorted(seconds * 1000 for seconds, _ in runs)
                    print(
                        f"'Selesai' -> .docx in the sandbox, {photos} photos, {RUNS} runs: "
                        f"median {statistics.median(times):.0f} ms, fastest {times[0]:.0f} ms, "
                        f"slowest {times[-1]:.0f} ms; .docx {runs[-1][1] / 1024:.1f} KiB"
                    )


if __name__ == "__main__":
    asyncio.run(main())
