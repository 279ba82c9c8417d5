"""Everyday tasks counted as a new user would (issue 12): a command, a typed message and a
button press each count one interaction (BotDriver.interactions), driving the real bot."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from bot.devtools.driver import BotDriver
from tests.factories import BOJONGKULUR, GUNUNGPUTRI, PONDOK_RAJEG, WANAHERANG, engine


async def counted(bot: BotDriver, task: Callable[[], Awaitable[object]]) -> int:
    """How many interactions ``task`` took."""
    before = bot.interactions
    await task()
    return bot.interactions - before


def announcements_received(bot: BotDriver, user_id: int) -> list[str]:
    return [m.plain_text for m in bot.sandbox.messages(user_id) if "PENGUMUMAN" in m.plain_text]


async def test_announcement_to_everyone_in_scope_takes_3_interactions(bot: BotDriver) -> None:
    coordinator = await bot.join("Siti", GUNUNGPUTRI, "coordinator")
    first = await bot.join("Asep", WANAHERANG)
    second = await bot.join("Budi", BOJONGKULUR)
    outsider = await bot.join("Odang", PONDOK_RAJEG)

    async def announce() -> None:
        await bot.say(coordinator, "/pengumuman")
        preview, summary = await bot.say(coordinator, "Rapat koordinasi Jumat 09.00.")
        # One preview with the defaults, each one changeable from it.
        assert "Akan sampai ke 2 orang di 2 unit" in summary.plain_text
        for default in ("Waktu: sekarang", "Mendesak: tidak", "Konfirmasi baca: ya"):
            assert default in summary.plain_text
        labels = [label for row in summary.button_labels() for label in row]
        assert labels[0] == "📤 Kirim"
        for change in ("👥 Ubah penerima", "🕒 Jadwalkan", "🚨 Jadikan mendesak"):
            assert change in labels
        assert preview.button_labels() == [["✅ Sudah dibaca"]]
        await bot.press(coordinator, "📤 Kirim")

    taps = await counted(bot, announce)
    await engine(bot).wait_idle()
    assert taps == 3
    for person in (first, second):
        assert len(announcements_received(bot, person)) == 1
    assert announcements_received(bot, outsider) == []
    row = await bot.db.fetchone("SELECT urgent, ack_required FROM announcements")
    assert (row["urgent"], row["ack_required"]) == (0, 1)
    print(f"\nannouncement to everyone in scope: {taps} interactions (target 3, before 7)")


async def test_announcement_defaults_change_on_the_preview_in_place(bot: BotDriver) -> None:
    coordinator = await bot.join("Siti", GUNUNGPUTRI, "coordinator")
    await bot.join("Asep", WANAHERANG)
    await bot.say(coordinator, "/pengumuman")
    _, summary = await bot.say(coordinator, "Banjir di Wanaherang")
    await bot.press(coordinator, "🚨 Jadikan mendesak")
    await bot.press(coordinator, "Tanpa konfirmasi baca")
    now = next(m for m in bot.sandbox.messages(coordinator) if m.message_id == summary.message_id)
    assert "Mendesak: ya" in now.plain_text and "Konfirmasi baca: tidak" in now.plain_text
    labels = [label for row in now.button_labels() for label in row]
    assert "Tidak mendesak" in labels and "✅ Minta konfirmasi baca" in labels
    await bot.press(coordinator, "📤 Kirim")
    row = await bot.db.fetchone("SELECT urgent, ack_required FROM announcements")
    assert (row["urgent"], row["ack_required"]) == (1, 0)
