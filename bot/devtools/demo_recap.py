"""The demo's last scene: the Gunungputri coordinator's recap, its chart and its Excel file,
and the monthly evidence pack, each file written to the current folder."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from babel.dates import format_date

from bot.core.texts import t
from bot.devtools.demo_core_loop import COORDINATOR, TITLE
from bot.devtools.demo_stage import Demo
from bot.devtools.sandbox import SentMessage
from handlers.recap_view import cut


def _save(demo: Demo, message: SentMessage, name: str | None = None) -> Path:
    """Write the file the bot sent to the current folder; print its path."""
    assert message.file_id is not None
    stored = demo.bot.sandbox.files[message.file_id]
    path = Path.cwd() / (name or stored.file_name or f"demo-{message.message_id}.bin")
    path.write_bytes(stored.data)
    print(f"   💾 {path}", file=demo.out)
    return path


async def _press_for_file(demo: Demo, name: str, label: str, file_name: str | None = None) -> Path:
    replies = await demo.press(name, label)
    sent = [message for message in replies if message.file_id is not None]
    assert sent, f"no file after pressing {label!r}"
    return _save(demo, sent[-1], file_name)


async def scene_recap(demo: Demo) -> None:
    demo.scene("Recap: who reported, the chart, the Excel file and the monthly evidence pack")
    lang, bot = demo.lang, demo.bot
    briefing_id = await bot.db.fetchval(
        "SELECT id FROM briefings WHERE title = ? ORDER BY id DESC LIMIT 1", (TITLE,)
    )
    await demo.say(COORDINATOR, "/rekap")
    label = cut(t(lang, "rekap.pick.item", id=briefing_id, title=TITLE), 40)
    if not await demo.press(COORDINATOR, label):
        demo.show(COORDINATOR, [bot.sandbox.messages(demo.people[COORDINATOR])[-1]])
    demo.note("The chart: one bar per desa of Gunungputri, the regency's average marked.")
    await _press_for_file(
        demo, COORDINATOR, t(lang, "rfile.button.chart"), f"rekap-briefing-{briefing_id}.png"
    )
    demo.note("The Excel file: Ringkasan, Per unit, Laporan (links clickable), Belum melapor.")
    await _press_for_file(demo, COORDINATOR, t(lang, "rfile.button.excel"))
    await demo.say(COORDINATOR, "/laporan_bulanan")
    demo.note("One workbook for the month: every briefing, unit status and link, charts inside.")
    today = bot.clock.now().astimezone(bot.config.tz)
    month = t(lang, "rfile.button.this_month", month=format_date(today, "MMM y", locale=lang))
    await _press_for_file(demo, COORDINATOR, month)
    demo.shell("humas-bot report --month 2026-12 --out laporan/ [--unit 32.01.02]")
    demo.note("The same pack from the shell, for the regency or one unit.")


Scene = Callable[["Demo"], Awaitable[None]]
SCENES: list[Scene] = [scene_recap]
