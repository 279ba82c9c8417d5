"""Briefings end to end: composing (limits, /batal and resuming, preview, publishing now
or later), programs, /brief, /tenggat ordering, "Lihat materi", and a briefing edited
and closed after publishing."""

from __future__ import annotations

from datetime import timedelta

from bot.devtools.driver import BotDriver
from db import briefings as briefings_db
from db import units as units_db
from db.audience import Audience
from tests.factories import (
    CIBINONG,
    KARADENAN,
    PONDOK_RAJEG,
    WANAHERANG,
    add_officer,
    draft,
    engine,
    joined,
    last_text,
    program,
    publish,
    settle,
    texts,
)


async def photo(bot: BotDriver, user_id: int) -> str:
    return joined(await bot._after(user_id, lambda: bot.sandbox.send_photo(user_id)))


async def test_composing_with_cancel_resume_preview_and_publish(bot: BotDriver) -> None:
    central = await bot.join("Dewi", units_db.REGENCY_CODE, "coordinator")
    kecamatan = await bot.join("Rudi", CIBINONG, "coordinator")
    siti = await bot.join("Siti", PONDOK_RAJEG)
    budi = await bot.join("Budi", KARADENAN)
    outsider = await bot.join("Asep", WANAHERANG)

    # Programs first: the regency coordinator makes one, the kecamatan one may only read.
    await bot.say(central, "/program")
    await bot.press(central, "➕ Program baru")
    await bot.say(central, "Bogor Sehat")
    await bot.say(central, "-")
    assert "1 sampai 99" in joined(await bot.say(central, "nol"))
    await bot.say(central, "1")
    await bot.press(central, "menengah")
    assert "Program dibuat" in joined(await bot.say(central, "2026-12-01 2027-06-30"))
    listing = await bot.say(kecamatan, "/program")
    assert "Bogor Sehat" in joined(listing) and listing[-1].reply_markup is None

    # The required parts first: program, title, key message, target units, deadline.
    assert "Langkah 1/5" in joined(await bot.say(kecamatan, "/brief_baru"))
    await bot.press(kecamatan, "1. Bogor Sehat")
    assert "maksimal 120" in joined(await bot.say(kecamatan, "J" * 121))
    await bot.say(kecamatan, "Imunisasi <Anak>")
    await bot.say(kecamatan, "Ayo lengkapi imunisasi anak di posyandu.")
    # /batal in the middle: the draft is kept and offered again.
    assert "Draf tetap tersimpan" in joined(await bot.say(kecamatan, "/batal"))
    resume = joined(await bot.say(kecamatan, "/brief_baru"))
    assert "Imunisasi <Anak>" in resume and "Unit sasaran" in resume
    await bot.press(kecamatan, "▶️ Lanjutkan")
    await bot.press(kecamatan, "Pilih unit satu per satu")
    await bot.press(kecamatan, "Kel. Pondok Rajeg")
    await bot.press(kecamatan, "➕ Tambah unit")
    await bot.press(kecamatan, "Kel. Karadenan")
    await bot.press(kecamatan, "Selesai ✔")
    assert "2 unit, 2 petugas" in last_text(bot, kecamatan)  # above the deadline question
    await bot.say(kecamatan, "besok 16:00")
    await settle(bot)
    assert "2 petugas di 2 unit" in last_text(bot, kecamatan)

    # Everything optional is added from the preview, which comes again after each part.
    await bot.press(kecamatan, "➕ Poin")
    await bot.say(kecamatan, "- Gratis\n- Setiap Selasa")
    await settle(bot)
    await bot.press(kecamatan, "➕ Format")
    await bot.press(kecamatan, "⬜ Infografis")
    await bot.press(kecamatan, "✅ Selesai")
    await settle(bot)
    await bot.press(kecamatan, "➕ Tagar")
    await bot.press(kecamatan, "« Kembali")  # left without a change
    await settle(bot)
    await bot.press(kecamatan, "➕ Kanal")
    await bot.press(kecamatan, "⬜ Instagram")
    await bot.press(kecamatan, "⬜ Facebook")
    await bot.press(kecamatan, "✅ Selesai")
    await settle(bot)
    await bot.press(kecamatan, "➕ Demografi")
    await bot.say(kecamatan, "ibu rumah tangga, 20-40 tahun")
    await settle(bot)
    await bot.press(kecamatan, "➕ Geografi")
    await bot.say(kecamatan, "perdesaan")
    await settle(bot)
    await bot.press(kecamatan, "➕ Materi")
    assert "disimpan" in await photo(bot, kecamatan)
    await bot.press(kecamatan, "✅ Selesai")
    await settle(bot)
    closing = bot.sandbox.messages(kecamatan)[-1]
    labels = [label for row in closing.button_labels() for label in row]
    assert "✏️ Poin" in labels and "➕ Tagar" in labels and "✏️ Materi" in labels

    # The preview is exactly what officers get, then the publish buttons.
    shown = [
        message for message in bot.sandbox.messages(kecamatan) if "BRIEFING #" in message.plain_text
    ]
    assert "Imunisasi <Anak>" in shown[-1].plain_text and "Sasaran" in shown[-1].plain_text
    assert "Setiap Selasa" in shown[-1].plain_text and "Instagram" in shown[-1].plain_text
    assert "2 petugas di 2 unit" in last_text(bot, kecamatan)
    saved = await bot.db.fetchone("SELECT hashtags, formats FROM briefings")
    assert saved is not None
    assert (saved["hashtags"], saved["formats"]) == ("", '["infografis"]')
    # "Ubah" from the preview: change one step, and the preview comes again.
    await bot.press(kecamatan, "✏️ Ubah")
    await bot.press(kecamatan, "Judul")
    await bot.say(kecamatan, "Imunisasi Anak Desember")
    await settle(bot)
    shown = [
        message for message in bot.sandbox.messages(kecamatan) if "BRIEFING #" in message.plain_text
    ]
    assert "Imunisasi Anak Desember" in shown[-1].plain_text
    before = {who: len(bot.sandbox.messages(who)) for who in (siti, budi, outsider)}
    published = joined(await bot.press(kecamatan, "🚀 Terbitkan sekarang"))
    assert "diterbitkan ke 2 unit (2 petugas)" in published
    await settle(bot)
    for who in (siti, budi):
        got = bot.sandbox.messages(who)[before[who] :]
        assert [message.media_type for message in got] == [None, "photo"]
        assert got[0].plain_text == shown[-1].plain_text
    assert len(bot.sandbox.messages(outsider)) == before[outsider]
    assert await bot.db.fetchval("SELECT count(*) FROM assignments") == 2
    assert (
        await bot.db.fetchval("SELECT count(*) FROM audit_log WHERE action = 'briefing.publish'")
        == 1
    )


async def test_a_scheduled_briefing_waits_for_its_time(bot: BotDriver) -> None:
    kecamatan = await bot.join("Rudi", CIBINONG, "coordinator")
    siti = await bot.join("Siti", PONDOK_RAJEG)
    count = len(bot.sandbox.messages(siti))
    briefing_id = await publish(
        bot, kecamatan, [PONDOK_RAJEG], publish_at=bot.clock.now() + timedelta(hours=2)
    )
    assert len(bot.sandbox.messages(siti)) == count
    assert "Tidak ada briefing" in joined(await bot.say(siti, "/brief"))
    # Changing the text before it is out: officers get it once, already changed.
    await bot.say(kecamatan, "/brief_kelola")
    await bot.press(kecamatan, f"✏️ Teks #{briefing_id}")
    changed = joined(await bot.say(kecamatan, "Pesan kunci versi dua."))
    assert "0 petugas diberi tahu" in changed
    bot.clock.advance(timedelta(hours=2))
    engine(bot).wake()
    await settle(bot)
    briefing = [text for text in texts(bot, siti) if "BRIEFING #" in text]
    assert len(briefing) == 1 and "Pesan kunci versi dua." in briefing[0]


async def test_brief_and_tenggat_list_my_units_work_in_deadline_order(bot: BotDriver) -> None:
    kecamatan = await bot.join("Rudi", CIBINONG, "coordinator")
    siti = await bot.join("Siti", PONDOK_RAJEG)
    far = await publish(bot, kecamatan, [PONDOK_RAJEG], title="Jauh", deadline=timedelta(days=20))
    late = await publish(bot, kecamatan, [PONDOK_RAJEG], title="Lewat", deadline=timedelta(hours=1))
    soon = await publish(bot, kecamatan, [PONDOK_RAJEG], title="Dekat", deadline=timedelta(days=3))
    await publish(bot, kecamatan, [KARADENAN], title="Bukan untuk Siti", deadline=timedelta(days=1))
    bot.clock.advance(timedelta(hours=2))
    deadlines = joined(await bot.say(siti, "/tenggat"))
    lines = [line for line in deadlines.splitlines() if " — " in line]
    assert [line.split(" — ")[1].split(" · ")[0] for line in lines] == ["Lewat", "Dekat"]
    assert "⚠️" in lines[0] and "terlambat" in lines[0]
    listing = await bot.say(siti, "/brief")
    text = joined(listing)
    assert text.index("Lewat") < text.index("Dekat") < text.index("Jauh")
    assert "Bukan untuk Siti" not in text
    assert listing[-1].buttons()[0] == ("📤 Lapor 1", f"br:rep:{late}")
    await bot.press(siti, "📎 Materi 2")
    await settle(bot)
    assert "Dekat" in last_text(bot, siti) and f"BRIEFING #{soon}" in last_text(bot, siti)
    assert far


async def test_a_briefing_edited_and_closed_after_publishing(bot: BotDriver) -> None:
    kecamatan = await bot.join("Rudi", CIBINONG, "coordinator")
    other = await bot.join("Yanto", "32.01.02", "coordinator")
    siti = await bot.join("Siti", PONDOK_RAJEG)
    briefing_id = await publish(bot, kecamatan, [PONDOK_RAJEG], deadline=timedelta(hours=1))
    bot.clock.advance(timedelta(hours=2))
    await bot.press(siti, "📤 Lapor unggahan")
    await bot.say(siti, "https://www.instagram.com/p/LATEPOST1/")
    await bot.press(siti, "✔️ Selesai")

    # Another kecamatan's coordinator cannot touch it, even with forged buttons.
    assert "Tidak ada briefing" in joined(await bot.say(other, "/brief_kelola"))
    await bot.press_data(other, bot.sandbox.messages(other)[-1].message_id, f"bm:dl:{briefing_id}")
    assert "di luar wilayah" in bot.sandbox.callback_answers[-1]["text"]

    await bot.say(kecamatan, "/brief_kelola")
    await bot.press(kecamatan, f"⏰ Tenggat #{briefing_id}")
    assert "tidak saya pahami" in joined(await bot.say(kecamatan, "kapan-kapan"))
    changed = joined(await bot.say(kecamatan, "besok 16:00"))
    assert "1 petugas diberi tahu" in changed
    await settle(bot)
    notice = bot.sandbox.messages(siti)[-1]
    assert "diperbarui" in notice.plain_text and "Tenggat baru" in notice.plain_text
    assert notice.button_labels() == [["📎 Lihat materi"]]
    # The late report is on time under the new deadline.
    row = await bot.db.fetchone(
        "SELECT late FROM assignments WHERE briefing_id = ?", (briefing_id,)
    )
    assert row is not None
    assert row["late"] == 0

    await bot.say(kecamatan, "/brief_kelola")
    await bot.press(kecamatan, f"🔒 Tutup #{briefing_id}")
    closed = joined(await bot.press(kecamatan, "🔒 Ya, tutup"))
    assert "ditutup: 1/1 unit" in closed
    assert "Tidak ada briefing" in joined(await bot.say(siti, "/brief"))
    actions = {row["action"] for row in await bot.db.fetchall("SELECT action FROM audit_log")}
    assert {"briefing.deadline", "briefing.close"} <= actions


async def test_parts_from_an_earlier_preview_and_clearing_a_part(bot: BotDriver) -> None:
    author = await add_officer(bot, "Rudi", CIBINONG, "coordinator")
    await bot.join("Siti", PONDOK_RAJEG)
    now = bot.clock.now()
    draft_id = await draft(
        bot.db,
        author,
        now,
        program_id=await program(bot, author),
        title="Vaksinasi Anak",
        key_message="Ayo lengkapi imunisasi anak.",
        hashtags="#BogorSehat",
        targets=Audience("scope").to_json(),
        deadline=now + timedelta(days=2),
    )
    user = author.telegram_id
    await bot.say(user, "/brief_baru")
    await bot.press(user, "▶️ Lanjutkan")
    await settle(bot)
    first_preview = bot.sandbox.messages(user)[-1]
    assert "✏️ Tagar" in [label for row in first_preview.button_labels() for label in row]
    # Left with /batal and resumed: a second preview; the first keeps its buttons.
    await bot.say(user, "/batal")
    await bot.say(user, "/brief_baru")
    await bot.press(user, "▶️ Lanjutkan")
    await settle(bot)
    await bot.press(user, "➕ Poin")
    assert "poin pendukung" in last_text(bot, user)
    # The earlier preview's buttons still work while another part is asked.
    await bot.press(user, "➕ Geografi", message_id=first_preview.message_id)
    [asked] = [m for m in bot.sandbox.messages(user) if m.message_id == first_preview.message_id]
    assert "sasaran geografis" in asked.plain_text
    await bot.say(user, "perdesaan, 3T")
    await settle(bot)
    await bot.press(user, "✏️ Tagar")
    await bot.press(user, "🗑 Kosongkan")
    await settle(bot)
    saved = await briefings_db.by_id(bot.db, draft_id)
    assert saved is not None
    assert saved.hashtags == "" and saved.audience["geographic"] == ("perdesaan", "3t")
    assert saved.points == () and saved.step == "preview"
    assert any("Tagar dikosongkan" in text for text in texts(bot, user))
