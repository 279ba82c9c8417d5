"""Suggested captions: added from the composer's preview with variants per geographic
class of the unit tags; each officer gets their class's variant (else the default) with
``{unit}`` and ``{kecamatan}`` filled in and escaped; the preview shows every variant
with how many units get it; a draft that copies the caption is warned about at and
above ``content.similarity_threshold`` (not below), and /tinjau shows the figure."""

from __future__ import annotations

import json
from datetime import timedelta

from bot.devtools.driver import BotDriver
from db import captions as captions_db
from db import units as units_db
from db.audience import Audience
from db.audit import Actor
from tests.factories import (
    BOJONGKULUR,
    GUNUNGPUTRI,
    REGENCY,
    WANAHERANG,
    draft,
    joined,
    last_text,
    officer,
    program,
    publish,
    settle,
    texts,
    unit_id,
)

CAPTION = "Warga {unit} di {kecamatan}, ayo imunisasi! #BogorSehat"
VILLAGE = "Ibu-ibu {unit}, posyandu buka Selasa. #BogorSehat"
REMOTE = "Petugas {unit} menjemput balita ke posyandu. #BogorSehat"


async def _tag(bot: BotDriver, code: str, *tags: str) -> int:
    found = await unit_id(bot, code)
    await units_db.set_tags(bot.db, found, tags, bot.clock.now(), Actor.cli())
    return found


async def _agency(bot: BotDriver) -> tuple[str, int]:
    added, _ = await units_db.add_opds(bot.db, ["Dinas <Kominfo>"], bot.clock.now(), Actor.cli())
    return added[0].code, added[0].id


async def test_variants_by_tag_filled_per_unit_and_counted_in_the_preview(bot: BotDriver) -> None:
    author = await bot.join("Rina", REGENCY, "coordinator")
    agency_code, agency = await _agency(bot)
    wanaherang = await _tag(bot, WANAHERANG, "desa")
    bojongkulur = await _tag(bot, BOJONGKULUR, "desa", "3T")  # the most specific: 3T
    people = {
        "asep": await bot.join("Asep", WANAHERANG),
        "budi": await bot.join("Budi", BOJONGKULUR),
        "dina": await bot.join("Dina", agency_code),  # no class: the default
        "eko": await bot.join("Eko", GUNUNGPUTRI),  # no class: the default
    }
    writer = await officer(bot, author)
    targets = [wanaherang, bojongkulur, agency, await unit_id(bot, GUNUNGPUTRI)]
    await draft(
        bot.db,
        writer,
        bot.clock.now(),
        program_id=await program(bot, writer),
        title="Imunisasi",
        key_message="Ayo lengkapi imunisasi anak.",
        targets=Audience("units", unit_ids=tuple(targets)).to_json(),
        deadline=bot.clock.now() + timedelta(days=2),
    )
    await bot.say(author, "/brief_baru")
    await bot.press(author, "▶️ Lanjutkan")
    await settle(bot)
    await bot.press(author, "➕ Caption")
    assert "{unit}" in last_text(bot, author)
    assert "Saran caption disimpan" in joined(await bot.say(author, CAPTION))
    screen = bot.sandbox.messages(author)[-1]
    labels = [label for row in screen.button_labels() for label in row]
    assert {"➕ Kota", "➕ Desa", "➕ Pinggiran", "➕ 3T", "✅ Selesai"} <= set(labels)
    await bot.press(author, "➕ Desa")
    await bot.say(author, VILLAGE)
    await bot.press(author, "➕ 3T")
    await bot.say(author, REMOTE)
    await bot.press(author, "➕ Kota")
    await bot.press(author, "« Kembali")
    assert "Kirim teks baru" in last_text(bot, author)  # the caption's screen again
    await bot.press(author, "➕ Pinggiran")
    await bot.say(author, "Salah kirim")
    await bot.press(author, "✏️ Pinggiran")
    assert "Salah kirim" in last_text(bot, author)
    await bot.press(author, "🗑 Kosongkan")
    assert "Caption Pinggiran dihapus" in last_text(bot, author)
    await bot.press(author, "✅ Selesai")
    await settle(bot)
    saved = await bot.db.fetchone("SELECT caption, caption_variants FROM briefings")
    assert saved is not None
    assert saved["caption"] == CAPTION
    assert json.loads(saved["caption_variants"]) == {"desa": VILLAGE, "3t": REMOTE}

    # The preview: every variant, with how many of the target units get it.
    preview = next(
        message.plain_text
        for message in reversed(bot.sandbox.messages(author))
        if "Saran caption" in message.plain_text and "unit" in message.plain_text
    )
    assert "Umum · 2 unit" in preview and "Desa · 1 unit" in preview
    assert "3T · 1 unit" in preview and "Kota" not in preview
    assert CAPTION in preview and REMOTE in preview
    closing = bot.sandbox.messages(author)[-1]
    assert "✏️ Caption" in [label for row in closing.button_labels() for label in row]

    await bot.press(author, "🚀 Terbitkan sekarang")
    await settle(bot)

    def caption_of(who: str) -> str:
        got = [text for text in texts(bot, people[who]) if "Saran caption" in text]
        assert len(got) == 1, who
        return got[0]

    assert "Ibu-ibu Desa Wanaherang, posyandu buka Selasa." in caption_of("asep")
    assert "Petugas Desa Bojongkulur menjemput balita" in caption_of("budi")
    assert "Warga Kecamatan Gunungputri di Kecamatan Gunungputri" in caption_of("eko")
    # Filled names are escaped: the agency's name arrives as typed, not as markup.
    agency_message = next(
        message
        for message in bot.sandbox.messages(people["dina"])
        if "Saran caption" in message.plain_text
    )
    assert "Warga Dinas <Kominfo> di Kabupaten Bogor" in agency_message.plain_text
    assert "&lt;Kominfo&gt;" in (agency_message.text or "")
    # The caption comes right after the briefing's text, as a message of its own.
    asep = [message.plain_text for message in bot.sandbox.messages(people["asep"])]
    position = next(i for i, text in enumerate(asep) if "BRIEFING #" in text)
    assert "Saran caption" in asep[position + 1]
    # The broadcast reads the names once: one variant per distinct filled caption.
    variants = await bot.db.fetchval("SELECT variants FROM outbox_messages WHERE kind = 'briefing'")
    assert len(json.loads(variants)) == 4


async def test_material_on_request_carries_the_officers_caption(bot: BotDriver) -> None:
    author = await bot.join("Siti", GUNUNGPUTRI, "coordinator")
    asep = await bot.join("Asep", WANAHERANG)
    await _tag(bot, WANAHERANG, "desa")
    briefing_id = await publish(bot, author, [WANAHERANG])
    await bot.db.execute(
        "UPDATE briefings SET caption = ?, caption_variants = ? WHERE id = ?",
        (CAPTION, json.dumps({"desa": VILLAGE}), briefing_id),
    )
    await bot.press(asep, "📎 Lihat materi")
    await settle(bot)
    assert "Ibu-ibu Desa Wanaherang" in texts(bot, asep)[-1]


def test_choosing_a_variant_by_class() -> None:
    assert captions_db.class_of(["Desa", "3t"]) == "3t"
    assert captions_db.class_of(["kota", "pinggiran"]) == "pinggiran"
    assert captions_db.class_of(["pesisir"]) == captions_db.DEFAULT
    place = captions_db.Place(1, "Desa <A>", "Kecamatan B", "kota")
    assert captions_db.fill("{unit} · {kecamatan} · {nama}", place) == (
        "Desa <A> · Kecamatan B · {nama}"
    )


async def _briefing_with_caption(bot: BotDriver, caption: str) -> tuple[int, int, int]:
    coordinator = await bot.join("Siti", GUNUNGPUTRI, "coordinator")
    asep = await bot.join("Asep", WANAHERANG)
    briefing_id = await publish(bot, coordinator, [WANAHERANG], title="Posyandu")
    await bot.db.execute("UPDATE briefings SET caption = ? WHERE id = ?", (caption, briefing_id))
    return coordinator, asep, briefing_id


async def _send_draft(bot: BotDriver, who: int, text: str) -> str:
    await bot.say(who, "/draf")
    labels = [label for row in bot.sandbox.messages(who)[-1].button_labels() for label in row]
    await bot.press(who, next(label for label in labels if "Posyandu" in label))
    return joined(await bot.say(who, text))


async def test_similarity_warning_at_the_threshold_and_not_below(bot: BotDriver) -> None:
    # Ten words in the caption; a draft with eight of them and nothing else is 8/10 = 0.8.
    coordinator, asep, _ = await _briefing_with_caption(
        bot, "Satu dua tiga empat lima enam tujuh delapan sembilan sepuluh"
    )
    at = await _send_draft(bot, asep, "satu, DUA tiga empat lima enam tujuh delapan!")
    assert "Draf diterima" in at and "80% sama dengan saran caption" in at
    below = await _send_draft(bot, asep, "Satu dua tiga empat lima enam tujuh, kata saya")
    assert "Draf diterima" in below and "saran caption" not in below
    rows = await bot.db.fetchall(
        "SELECT caption_similarity FROM submissions WHERE kind = 'draft' ORDER BY id"
    )
    assert [row[0] for row in rows] == [0.8, 0.583]

    # The coordinator sees the figure, marked when it is at the threshold.
    card = joined(await bot.say(coordinator, "/tinjau"))
    assert "Kemiripan dengan saran caption: 80% ⚠️ hampir sama" in card
    await bot.press(coordinator, "Lewati »")
    card = last_text(bot, coordinator)
    assert "Kemiripan dengan saran caption: 58%" in card and "hampir sama" not in card


async def test_no_caption_no_figure(bot: BotDriver) -> None:
    coordinator, asep, briefing_id = await _briefing_with_caption(bot, "")
    answer = await _send_draft(bot, asep, "Posyandu buka Selasa")
    assert "Draf diterima" in answer and "saran caption" not in answer
    assert "Kemiripan" not in joined(await bot.say(coordinator, "/tinjau"))


def test_similarity_is_over_normalised_word_sets() -> None:
    assert captions_db.similarity("Ayo ke #Posyandu!", "ayo KE posyandu") == 1.0
    assert captions_db.similarity("a b", "c d") == 0.0
    assert captions_db.similarity("", "a") == 0.0
    assert captions_db.too_similar(0.8, 0.8) and not captions_db.too_similar(0.79, 0.8)
    assert not captions_db.too_similar(None, 0.0)


def test_a_caption_too_long_once_filled_is_refused() -> None:
    assert captions_db.clean_caption("  Halo {unit}  ") == "Halo {unit}"
    for text in ("", "x" * (captions_db.MAX_CAPTION + 1), "{unit}" * 100):
        try:
            captions_db.clean_caption(text)
        except ValueError:
            continue
        raise AssertionError(text)
