"""Choosing an audience by typing a kecamatan's name, and what "Semua di wilayah saya" means
for a briefing (never the author's own unit) and for an announcement."""

from __future__ import annotations

from bot.devtools.driver import BotDriver
from db import audience as audience_db
from db.audience import Audience
from tests.conftest import ADMIN_ID
from tests.factories import (
    BOJONGKULUR,
    CIBINONG,
    CITEUREUP,
    GUNUNGPUTRI,
    REGENCY,
    WANAHERANG,
    add_officer,
    engine,
    unit_id,
)


def _labels(bot: BotDriver, user: int) -> list[str]:
    return [label for row in bot.sandbox.messages(user)[-1].button_labels() for label in row]


def _announced(bot: BotDriver, user: int) -> int:
    return sum("PENGUMUMAN" in m.plain_text for m in bot.sandbox.messages(user))


async def test_a_kecamatan_typed_on_the_first_screen_is_chosen_with_one_press(
    bot: BotDriver,
) -> None:
    await bot.say(ADMIN_ID, "/start")
    inside = await bot.join("Asep", WANAHERANG)
    office = await bot.join("Kiki", GUNUNGPUTRI)
    elsewhere = await bot.join("Odang", "32.01.03.2001")
    await bot.say(ADMIN_ID, "/pengumuman")
    await bot.say(ADMIN_ID, "Rapat di Gunungputri")
    await bot.press(ADMIN_ID, "👥 Ubah penerima")
    assert "ketik nama kecamatan" in bot.sandbox.messages(ADMIN_ID)[-1].plain_text.lower()

    assert "paling sedikit 3 huruf" in (await bot.say(ADMIN_ID, "gu"))[-1].plain_text
    nothing = await bot.say(ADMIN_ID, "zzz")
    assert "Tidak ada kecamatan" in nothing[-1].plain_text
    found = await bot.say(ADMIN_ID, "gunung PUTRI")
    assert found[-1].button_labels()[0] == ["📍 Kecamatan Gunungputri"]
    preview, summary = await bot.press(ADMIN_ID, "📍 Kecamatan Gunungputri")
    assert "Akan sampai ke 2 orang di 2 unit" in summary.plain_text
    await bot.press(ADMIN_ID, "📤 Kirim")
    await engine(bot).wait_idle()
    assert (_announced(bot, inside), _announced(bot, office), _announced(bot, elsewhere)) == (
        1,
        1,
        0,
    )
    row = await bot.db.fetchone("SELECT audience FROM announcements")
    assert row is not None
    assert Audience.from_json(row["audience"]) == Audience(
        "kecamatan", unit_ids=(await unit_id(bot, GUNUNGPUTRI),)
    )


async def test_typing_in_the_kecamatan_list_searches_it_instead_of_starting_over(
    bot: BotDriver,
) -> None:
    await bot.say(ADMIN_ID, "/start")
    await bot.join("Asep", WANAHERANG)
    await bot.join("Kiki", "32.01.03.2001")
    await bot.say(ADMIN_ID, "/pengumuman")
    await bot.say(ADMIN_ID, "Rapat dua kecamatan")
    await bot.press(ADMIN_ID, "👥 Ubah penerima")
    await bot.press(ADMIN_ID, "Kecamatan tertentu")
    await bot.press(ADMIN_ID, "⬜ Cibinong")
    found = await bot.say(ADMIN_ID, "citeur")
    assert "Terpilih: 1" in found[-1].plain_text
    assert "Pilih penerima" not in found[-1].plain_text
    assert _labels(bot, ADMIN_ID)[:2] == ["⬜ Citeureup", "Selesai ✔"]
    await bot.press(ADMIN_ID, "⬜ Citeureup")
    assert "Terpilih: 2" in bot.sandbox.messages(ADMIN_ID)[-1].plain_text
    _, summary = await bot.press(ADMIN_ID, "Selesai ✔")
    row_ids = (await unit_id(bot, CIBINONG), await unit_id(bot, CITEUREUP))
    assert "Akan sampai ke 1 orang di 1 unit" in summary.plain_text
    await bot.press(ADMIN_ID, "📤 Kirim")
    row = await bot.db.fetchone("SELECT audience FROM announcements")
    assert row is not None
    assert set(Audience.from_json(row["audience"]).unit_ids) == set(row_ids)


async def test_a_kecamatan_coordinator_finds_only_their_own_kecamatan(bot: BotDriver) -> None:
    coordinator = await bot.join("Siti", GUNUNGPUTRI, "coordinator")
    await bot.say(coordinator, "/pengumuman")
    await bot.say(coordinator, "Rapat")
    await bot.press(coordinator, "👥 Ubah penerima")
    # One kecamatan in scope: no search hint, and typing another's name finds nothing.
    assert "ketik nama kecamatan" not in bot.sandbox.messages(coordinator)[-1].plain_text.lower()
    nothing = await bot.say(coordinator, "Cibinong")
    assert "Tidak ada kecamatan di wilayah Anda" in nothing[-1].plain_text


async def test_everyone_in_scope_as_briefing_targets_leaves_the_authors_unit_out(
    bot: BotDriver,
) -> None:
    regency = await add_officer(bot, "Dewi", REGENCY, "coordinator")
    colleague = await add_officer(bot, "Rina", REGENCY, "officer")
    kecamatan = await add_officer(bot, "Siti", GUNUNGPUTRI, "coordinator")
    office_mate = await add_officer(bot, "Fajar", GUNUNGPUTRI, "officer")
    village = await add_officer(bot, "Budi", BOJONGKULUR)
    everyone = Audience("scope")
    regency_id, kecamatan_id = await unit_id(bot, REGENCY), await unit_id(bot, GUNUNGPUTRI)

    as_briefing = await audience_db.target_unit_ids(bot.db, regency, everyone, briefing=True)
    assert regency_id not in as_briefing and kecamatan_id in as_briefing
    assert len(as_briefing) == 475  # every area but the regency itself
    reach = await audience_db.resolve(bot.db, kecamatan, everyone, briefing=True)
    assert kecamatan_id not in reach.unit_ids
    assert {o.id for o in reach.officers} == {village.id}  # not the kecamatan office's people
    # An announcement to everyone still reaches the sender's own unit (but not the sender).
    announced = await audience_db.resolve(bot.db, regency, everyone)
    assert regency_id in announced.unit_ids
    assert colleague.id in {o.id for o in announced.officers}
    assert regency.id not in {o.id for o in announced.officers}
    assert office_mate.id in {
        o.id for o in (await audience_db.resolve(bot.db, kecamatan, everyone)).officers
    }
