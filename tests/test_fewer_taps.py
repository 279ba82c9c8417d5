"""Everyday tasks counted as a new user would (issue 12): a command, a typed message and a
button press each count one interaction (BotDriver.interactions), driving the real bot."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from bot.devtools.driver import BotDriver
from db import briefings as briefings_db
from db import units as units_db
from db.audience import Audience
from tests.factories import (
    BOJONGKULUR,
    CIBINONG,
    GUNUNGPUTRI,
    PONDOK_RAJEG,
    REGENCY,
    WANAHERANG,
    add_officer,
    containing,
    dump,
    engine,
    last_text,
    officer,
    program,
    publish,
    settle,
    texts,
    unit_id,
)


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
    assert row is not None
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
    assert row is not None
    assert (row["urgent"], row["ack_required"]) == (1, 0)


# ---- briefings -----------------------------------------------------------------------


async def _assigned_units(bot: BotDriver, briefing_id: int) -> set[int]:
    rows = await bot.db.fetchall(
        "SELECT unit_id FROM assignments WHERE briefing_id = ?", (briefing_id,)
    )
    return {row["unit_id"] for row in rows}


async def _units_of(bot: BotDriver, kecamatan_code: str) -> set[int]:
    kecamatan = await unit_id(bot, kecamatan_code)
    rows = await bot.db.fetchall(
        "SELECT id FROM units WHERE parent_id = ? AND kind IN ('desa', 'kelurahan')", (kecamatan,)
    )
    return {row["id"] for row in rows}


async def _newest_briefing(bot: BotDriver) -> int:
    return int(await bot.db.fetchval("SELECT max(id) FROM briefings WHERE status != 'draft'"))


async def test_regency_briefing_to_the_desa_of_a_kecamatan_on_page_2_takes_8_interactions(
    bot: BotDriver,
) -> None:
    central = await add_officer(bot, "Dewi", REGENCY, "coordinator")
    await program(bot, central)
    asep = await bot.join("Asep", WANAHERANG)
    outsider = await bot.join("Odang", PONDOK_RAJEG)
    names = sorted(
        unit.name for unit in await units_db.list_units(bot.db) if unit.kind == "kecamatan"
    )
    assert names.index("Gunungputri") >= 10  # not on the first page of the kecamatan list
    user = central.telegram_id

    async def compose() -> None:
        await bot.say(user, "/brief_baru")
        await bot.press(user, "1. Bogor Sehat")
        await bot.say(user, "Imunisasi Anak")
        await bot.say(user, "Ayo lengkapi imunisasi anak di posyandu terdekat.")
        found = await bot.say(user, "gunungputri")  # typed on the first target screen
        await bot.press(user, "📍 Kecamatan Gunungputri", message_id=found[-1].message_id)
        await bot.say(user, "besok 16:00")
        await settle(bot)
        await bot.press(user, "🚀 Terbitkan sekarang")

    taps = await counted(bot, compose)
    await settle(bot)
    briefing_id = await _newest_briefing(bot)
    targeted = await _assigned_units(bot, briefing_id)
    assert await _units_of(bot, GUNUNGPUTRI) <= targeted
    assert await unit_id(bot, REGENCY) not in targeted
    assert any("Imunisasi Anak" in text for text in texts(bot, asep))
    assert not any("Imunisasi Anak" in text for text in texts(bot, outsider))
    assert taps == 8
    print(f"\nregency briefing to one kecamatan's desa: {taps} interactions (target 8, before 22)")


async def test_kecamatan_briefing_to_everyone_in_scope_leaves_the_own_office_out(
    bot: BotDriver,
) -> None:
    coordinator = await bot.join("Siti", GUNUNGPUTRI, "coordinator")
    office_mate = await add_officer(bot, "Fajar", GUNUNGPUTRI, "officer")
    asep = await bot.join("Asep", WANAHERANG)
    await program(bot, await officer(bot, coordinator))

    async def compose() -> None:
        await bot.say(coordinator, "/brief_baru")
        await bot.press(coordinator, "1. Bogor Sehat")
        await bot.say(coordinator, "Pasar Murah")
        await bot.say(coordinator, "Pasar murah di setiap desa Sabtu ini.")
        await bot.press(coordinator, "Semua di wilayah saya")
        await bot.say(coordinator, "besok 16:00")
        await settle(bot)
        await bot.press(coordinator, "🚀 Terbitkan sekarang")

    taps = await counted(bot, compose)
    await settle(bot)
    briefing_id = await _newest_briefing(bot)
    targeted = await _assigned_units(bot, briefing_id)
    assert targeted == await _units_of(bot, GUNUNGPUTRI)  # the desa, not the kecamatan office
    assert any("Pasar Murah" in text for text in texts(bot, asep))
    assert not containing(bot, office_mate, "Pasar Murah")
    assert taps == 7
    print(f"\nkecamatan briefing to all its desa: {taps} interactions")


async def test_copy_of_an_earlier_briefing_needs_only_a_deadline(bot: BotDriver) -> None:
    coordinator = await bot.join("Siti", GUNUNGPUTRI, "coordinator")
    other = await bot.join("Rudi", CIBINONG, "coordinator")
    asep = await bot.join("Asep", WANAHERANG)
    earlier = await publish(bot, coordinator, [WANAHERANG, BOJONGKULUR], title="Posyandu", photos=2)
    theirs = await publish(bot, other, [PONDOK_RAJEG], title="Bukan milik Siti")
    await bot.db.execute(
        "UPDATE briefings SET targets = ? WHERE id = ?",
        (Audience("scope").to_json(), earlier),
    )

    async def compose() -> None:
        await bot.say(coordinator, "/brief_baru")
        await bot.press(coordinator, "📋 Salin dari briefing sebelumnya")
        listed = [
            label for row in bot.sandbox.messages(coordinator)[-1].button_labels() for label in row
        ]
        assert f"#{earlier} Posyandu" in listed
        assert not any("Bukan milik Siti" in label for label in listed)
        await bot.press(coordinator, f"#{earlier} Posyandu")
        asked = last_text(bot, coordinator)
        assert f"Disalin dari briefing #{earlier}" in asked and "tenggat" in asked
        await bot.say(coordinator, "lusa 12:00")
        await settle(bot)
        await bot.press(coordinator, "🚀 Terbitkan sekarang")

    taps = await counted(bot, compose)
    await settle(bot)
    copy = await briefings_db.by_id(bot.db, await _newest_briefing(bot))
    source = await briefings_db.by_id(bot.db, earlier)
    assert copy is not None and source is not None and copy.id != earlier
    for part in ("program_id", "title", "key_message", "points", "formats", "channels", "hashtags"):
        assert getattr(copy, part) == getattr(source, part), part
    assert copy.audience == source.audience and copy.deadline != source.deadline
    assert len(await briefings_db.attachments(bot.db, copy.id)) == 2
    assert sum("Posyandu" in text and "BRIEFING" in text for text in texts(bot, asep)) == 2
    # Another author's briefing cannot be copied, even with forged data.
    await bot.say(coordinator, "/brief_baru")
    screen = bot.sandbox.messages(coordinator)[-1]
    before = await dump(bot.db)
    await bot.press_data(coordinator, screen.message_id, f"bc:copy:{theirs}")
    assert "tidak berlaku" in bot.sandbox.callback_answers[-1]["text"]
    assert await dump(bot.db) == before
    assert taps == 5
    print(f"\nbriefing copied from an earlier one: {taps} interactions")
