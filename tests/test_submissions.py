"""Reporting posts end to end against the sandbox: the whole loop, late and duplicate
reports, every link refusal, screenshots, konten mandiri and forged buttons."""

from __future__ import annotations

from datetime import timedelta

from bot.devtools.driver import BotDriver
from tests.factories import (
    CIBINONG,
    KARADENAN,
    PONDOK_RAJEG,
    WANAHERANG,
    joined,
    last_text,
    officer,
    publish,
    settle,
    texts,
)


async def assignment(bot: BotDriver, briefing_id: int, unit_code: str) -> dict:
    row = await bot.db.fetchone(
        "SELECT a.* FROM assignments a JOIN units u ON u.id = a.unit_id"
        " WHERE a.briefing_id = ? AND u.code = ?",
        (briefing_id, unit_code),
    )
    assert row is not None
    return dict(row)


async def test_the_whole_loop_takes_two_interactions(bot: BotDriver) -> None:
    coordinator = await bot.join("Rudi", CIBINONG, "coordinator")
    siti = await bot.join("Siti", PONDOK_RAJEG)
    budi = await bot.join("Budi", KARADENAN)
    outsider = await bot.join("Asep", WANAHERANG)
    before = {person: len(bot.sandbox.messages(person)) for person in (siti, budi, outsider)}
    briefing_id = await publish(bot, coordinator, [PONDOK_RAJEG, KARADENAN], photos=2)

    # Officers of the targeted units — and only they — receive it: the text, then the material.
    received = bot.sandbox.messages(siti)[before[siti] :]
    assert [message.media_type for message in received] == [None, "photo", "photo"]
    assert "Vaksinasi Anak" in received[0].plain_text and "Pesan kunci" in received[0].plain_text
    assert received[0].button_labels() == [["📤 Lapor unggahan", "📎 Lihat materi"]]
    assert len(bot.sandbox.messages(budi)) == before[budi] + 3
    assert len(bot.sandbox.messages(outsider)) == before[outsider]
    # The coordinator gets the delivery report.
    assert "Laporan pengiriman" in last_text(bot, coordinator)

    # Interaction 1: press the button on the briefing. Interaction 2: paste the link.
    interactions = bot.interactions
    prompt = await bot.press(siti, "📤 Lapor unggahan", message_id=received[0].message_id)
    assert "Tempel tautan" in joined(prompt)
    receipt = await bot.say(siti, "https://www.instagram.com/p/C7xYz12AbCd/?igsh=MWQ1ZGUx")
    assert bot.interactions - interactions == 2
    assert "Laporan tercatat" in joined(receipt) and "Tepat waktu" in joined(receipt)
    row = await bot.db.fetchone("SELECT * FROM submissions")
    assert row is not None
    assert row["url"] == "https://instagram.com/p/C7xYz12AbCd/" and row["receipt"] in joined(
        receipt
    )
    done = await assignment(bot, briefing_id, PONDOK_RAJEG)
    assert done["status"] == "done" and done["late"] == 0
    assert (await assignment(bot, briefing_id, KARADENAN))["status"] == "open"

    # The coordinator sees it: in the review queue and in the briefing's progress.
    queue = await bot.say(coordinator, "/tinjau")
    assert row["receipt"] in joined(queue) and "Siti" in joined(queue)
    progress = await bot.say(coordinator, "/brief_kelola")
    assert "1/2 unit sudah" in joined(progress)


async def test_a_late_report_still_closes_the_assignment_as_late(bot: BotDriver) -> None:
    coordinator = await bot.join("Rudi", CIBINONG, "coordinator")
    budi = await bot.join("Budi", KARADENAN)
    briefing_id = await publish(bot, coordinator, [KARADENAN], deadline=timedelta(hours=3))
    bot.clock.advance(timedelta(hours=5))
    await bot.press(budi, "📤 Lapor unggahan")
    receipt = await bot.say(budi, "https://vt.tiktok.com/ZSjAbCdEf/")
    assert "Terlambat" in joined(receipt)
    late = await assignment(bot, briefing_id, KARADENAN)
    assert late["status"] == "done" and late["late"] == 1
    listing = await bot.say(budi, "/brief")
    assert "sudah (terlambat)" in joined(listing)


async def test_the_same_post_by_another_unit_is_refused_naming_the_first(bot: BotDriver) -> None:
    coordinator = await bot.join("Rudi", CIBINONG, "coordinator")
    siti = await bot.join("Siti", PONDOK_RAJEG)
    budi = await bot.join("Budi", KARADENAN)
    briefing_id = await publish(bot, coordinator, [PONDOK_RAJEG, KARADENAN])
    await bot.press(siti, "📤 Lapor unggahan")
    await bot.say(siti, "https://youtu.be/dQw4w9WgXcQ?si=abc")
    await bot.press(budi, "📤 Lapor unggahan")
    refused = joined(
        await bot.say(budi, "https://www.youtube.com/watch?v=dQw4w9WgXcQ&feature=share")
    )
    assert "Tidak dicatat" in refused and "Kelurahan Pondok Rajeg" in refused
    assert "Siti" not in refused
    assert await bot.db.fetchval("SELECT count(*) FROM submissions") == 1
    assert (await assignment(bot, briefing_id, KARADENAN))["status"] == "open"


REFUSALS = [
    ("ftp://bogorkab.go.id/berita.pdf", "harus diawali"),
    ("https://bit.ly/3AbCdEf", "tautan pendek"),
    ("https://www.instagram.com/pemkabbogor/", "profil/akun Instagram"),
    ("https://www.tiktok.com/@diskominfo.bogor", "profil/akun TikTok"),
    ("https://x.com/search?q=bogor", "tidak menunjuk ke satu unggahan atau artikel X"),
    ("https://bogorkab.go.id/", "tidak menunjuk ke satu unggahan atau artikel Situs web"),
    ("https://bogorkab.go.id/" + "a" * 1200, "terlalu panjang"),
]


async def test_every_link_refusal_says_what_is_wrong_and_changes_nothing(bot: BotDriver) -> None:
    coordinator = await bot.join("Rudi", CIBINONG, "coordinator")
    siti = await bot.join("Siti", PONDOK_RAJEG)
    briefing_id = await publish(bot, coordinator, [PONDOK_RAJEG])
    await bot.press(siti, "📤 Lapor unggahan")
    # Several links in one message: each gets its own verdict.
    answer = joined(await bot.say(siti, "\n".join(link for link, _ in REFUSALS)))
    assert answer.count("Tidak dicatat") == len(REFUSALS)
    for _, hint in REFUSALS:
        assert hint in answer
    assert "Ini bukan tautan" in joined(await bot.say(siti, "sudah kak"))
    assert "harus diawali" in joined(await bot.say(siti, "javascript:alert(1)"))
    assert await bot.db.fetchval("SELECT count(*) FROM submissions") == 0
    assert (await assignment(bot, briefing_id, PONDOK_RAJEG))["status"] == "open"


async def test_off_channel_links_are_accepted_with_a_note_and_a_screenshot_is_kept(
    bot: BotDriver,
) -> None:
    coordinator = await bot.join("Rudi", CIBINONG, "coordinator")
    siti = await bot.join("Siti", PONDOK_RAJEG)
    await publish(bot, coordinator, [PONDOK_RAJEG], channels=("instagram",))
    await bot.press(siti, "📤 Lapor unggahan")
    early = joined(await bot._after(siti, lambda: bot.sandbox.send_photo(siti)))
    assert "tautan unggahannya dulu" in early
    answer = joined(
        await bot.say(
            siti,
            "Sudah kak: https://www.facebook.com/reel/1234567890 dan https://x.com/desa/status/42",
        )
    )
    assert answer.count("Laporan tercatat") == 2 and "meminta kanal Instagram" in answer
    shot = joined(await bot._after(siti, lambda: bot.sandbox.send_photo(siti)))
    assert "Tangkapan layar disimpan" in shot
    rows = await bot.db.fetchall("SELECT * FROM submissions ORDER BY id")
    assert [row["off_channel"] for row in rows] == [1, 1]
    assert rows[0]["screenshot_file_id"] is None and rows[1]["screenshot_file_id"]
    finished = joined(await bot.press(siti, "✔️ Selesai"))
    assert "2 tautan tercatat" in finished
    # After "Selesai" a pasted link is not taken as a report any more.
    await bot.say(siti, "https://www.instagram.com/p/AFTERDONE1/")
    assert await bot.db.fetchval("SELECT count(*) FROM submissions") == 2


async def test_lapor_lets_the_officer_choose_or_report_own_content(bot: BotDriver) -> None:
    coordinator = await bot.join("Rudi", CIBINONG, "coordinator")
    siti = await bot.join("Siti", PONDOK_RAJEG)
    briefing_id = await publish(bot, coordinator, [PONDOK_RAJEG], title="Pajak Bumi")
    choose = await bot.say(siti, "/lapor")
    labels = [label for row in choose[-1].button_labels() for label in row]
    assert any("Pajak Bumi" in label for label in labels) and "✳️ Konten mandiri" in labels
    await bot.press(siti, "✳️ Konten mandiri")
    answer = joined(await bot.say(siti, "https://www.instagram.com/reel/MANDIRI123/"))
    assert "Konten mandiri" in answer
    row = await bot.db.fetchone("SELECT * FROM submissions")
    assert row is not None
    assert row["briefing_id"] is None
    assert (await assignment(bot, briefing_id, PONDOK_RAJEG))["status"] == "open"
    await bot.press(siti, "✔️ Selesai")
    await bot.say(siti, "/lapor")
    pick = next(label for label in labels if "Pajak Bumi" in label)
    await bot.press(siti, pick)
    await bot.say(siti, "https://www.instagram.com/p/PAJAK12345/")
    assert (await assignment(bot, briefing_id, PONDOK_RAJEG))["status"] == "done"
    mine = joined(await bot.say(siti, "/laporanku"))
    assert "Pajak Bumi" in mine and "Konten mandiri" in mine and "diterima" in mine


async def test_forged_report_buttons_are_refused(bot: BotDriver) -> None:
    coordinator = await bot.join("Rudi", CIBINONG, "coordinator")
    outsider = await bot.join("Asep", WANAHERANG)
    briefing_id = await publish(bot, coordinator, [PONDOK_RAJEG])
    await bot.say(outsider, "/profil")
    message_id = bot.sandbox.messages(outsider)[-1].message_id
    for data in (f"br:rep:{briefing_id}", "br:rep:99999", f"br:mat:{briefing_id}"):
        await bot.press_data(outsider, message_id, data)
        answer = bot.sandbox.callback_answers[-1]
        assert answer["show_alert"] and "tidak ditujukan" in answer["text"]
    # A stranger cannot use the button at all.
    stranger = bot.sandbox.add_user("Orang", user_id=399999)
    await bot.say(stranger, "/start")
    await bot.press_data(
        stranger, bot.sandbox.messages(stranger)[-1].message_id, f"br:rep:{briefing_id}"
    )
    assert "belum terdaftar" in bot.sandbox.callback_answers[-1]["text"]
    await settle(bot)
    assert await bot.db.fetchval("SELECT count(*) FROM submissions") == 0
    assert await officer(bot, outsider)
    assert texts(bot, outsider)
