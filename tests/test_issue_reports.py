"""Field issue reports end to end: to the right coordinators at once (an emergency also at
night), listed, handled once with a note, and the reporter told."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.devtools.driver import BotDriver
from db import units as units_db
from tests.factories import CIBINONG, PONDOK_RAJEG, engine, joined, last_text, settle, texts

NIGHT = datetime(2026, 12, 1, 15, 30, tzinfo=UTC)  # 22:30 WIB: inside quiet hours


async def test_an_issue_reaches_the_coordinators_of_the_scope_and_is_handled_once(
    bot: BotDriver,
) -> None:
    kecamatan = await bot.join("Rudi", CIBINONG, "coordinator")
    central = await bot.join("Dewi", units_db.REGENCY_CODE, "coordinator")
    elsewhere = await bot.join("Yanto", "32.01.02", "coordinator")
    siti = await bot.join("Siti", PONDOK_RAJEG)
    counts = {who: len(bot.sandbox.messages(who)) for who in (kecamatan, central, elsewhere)}

    bot.clock.set(NIGHT)
    await bot.say(siti, "/isu")
    asked = joined(
        await bot.say(siti, "ini hoaks kak https://www.facebook.com/akun.hoaks/posts/123?fbclid=x")
    )
    assert "keterangan singkat" in asked
    await bot.say(siti, "Beredar kabar jembatan Cibinong ambruk, padahal tidak.")
    received = joined(await bot.press(siti, "🚨 Darurat"))
    assert "ISU-0001" in received
    await settle(bot)
    for who in (kecamatan, central):  # an emergency ignores quiet hours
        alert = bot.sandbox.messages(who)[-1]
        assert "ISU-0001" in alert.plain_text and "jembatan Cibinong" in alert.plain_text
        assert "https://facebook.com/akun.hoaks/posts/123" in alert.plain_text
        assert alert.button_labels() == [["✔️ Tandai ditangani"]]
    assert len(bot.sandbox.messages(elsewhere)) == counts[elsewhere]

    # A normal one at night waits for the morning; a screenshot's caption is its description.
    await bot.say(siti, "/isu")
    await bot._after(
        siti, lambda: bot.sandbox.send_photo(siti, caption="Keluhan jalan rusak di RT 02")
    )
    await bot.press(siti, "Biasa")
    await settle(bot)
    assert "ISU-0002" not in texts(bot, kecamatan)[-1]
    bot.clock.set(datetime(2026, 12, 1, 23, 5, tzinfo=UTC))  # 06:05 WIB
    engine(bot).wake()
    await settle(bot)
    morning = bot.sandbox.messages(kecamatan)[-2:]
    assert morning[0].media_type == "photo" and "ISU-0002" in morning[1].plain_text

    listing = joined(await bot.say(central, "/isu_daftar"))
    assert listing.index("ISU-0001") < listing.index("ISU-0002")  # the emergency first
    await bot.press(
        kecamatan,
        "✔️ Tandai ditangani",
        message_id=bot.sandbox.messages(kecamatan)[counts[kecamatan]].message_id,
    )
    handled = joined(await bot.say(kecamatan, "Sudah diklarifikasi di akun resmi Pemkab."))
    assert "ISU-0001" in handled and "ditangani" in handled
    await settle(bot)
    told = last_text(bot, siti)
    assert "ISU-0001" in told and "Rudi" in told and "Sudah diklarifikasi" in told
    await bot.press(central, "✔️ Tangani ISU-0001")
    assert "sudah ditangani oleh Rudi" in bot.sandbox.callback_answers[-1]["text"]
    assert "ISU-0001" not in joined(await bot.say(central, "/isu_daftar"))
    row = await bot.db.fetchone("SELECT * FROM issue_reports WHERE id = 1")
    assert row is not None
    assert row["status"] == "handled" and row["note"].startswith("Sudah diklarifikasi")
    assert (
        await bot.db.fetchval("SELECT count(*) FROM audit_log WHERE action = 'issue.handled'") == 1
    )


async def test_issue_report_refusals(bot: BotDriver) -> None:
    await bot.join("Rudi", CIBINONG, "coordinator")
    siti = await bot.join("Siti", PONDOK_RAJEG)
    await bot.say(siti, "/isu")
    assert "tidak bisa dipakai" in joined(await bot.say(siti, "mailto:a@b.id"))
    await bot.say(siti, "https://bit.ly/hoaks")
    assert "Terlalu panjang" in joined(await bot.say(siti, "x" * 900))
    assert "Dibatalkan" in joined(await bot.say(siti, "/batal"))
    assert await bot.db.fetchval("SELECT count(*) FROM issue_reports") == 0
    officer_only = joined(await bot.say(siti, "/isu_daftar"))
    assert "hanya untuk koordinator" in officer_only
