"""/rilis and /rilis_bank end to end: a release composed through the real bot and read back
from its .docx paragraph by paragraph, cancelled and resumed, reviewed in /tinjau
(approve / revise / reject), found in the bank within the coordinator's scope only, and
attached to a briefing as its press release; exported by /dataku, the contact line
dropped when its author is erased."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH

from bot.core.config import ReleaseConfig
from bot.devtools.driver import BotDriver
from bot.devtools.sandbox import SentMessage
from bot.devtools.sandbox.images import solid_png
from db import people as people_db
from db import personal_data
from db import release_bank as bank_db
from db import releases as releases_db
from db.release_bank import BankFilter
from scheduler import release_docx
from scheduler import releases as rendering
from scheduler.release_document import Paragraph
from tests.conftest import ADMIN_ID
from tests.factories import (
    CIBINONG,
    CITEUREUP,
    GUNUNGPUTRI,
    PAKANSARI,
    REGENCY,
    WANAHERANG,
    approved_release,
    draft,
    joined,
    officer,
    program,
    settle,
)

ANSWERS = (
    ("title", "Posyandu Serentak Wanaherang"),
    ("what", "Pemerintah Desa Wanaherang menggelar posyandu serentak"),
    ("who", "40 kader posyandu dan 120 balita"),
    ("happened_at", "Selasa (1/12/2026) pagi"),
    ("place", "Balai Desa Wanaherang"),
    ("why", "Kegiatan ini bertujuan memastikan imunisasi anak lengkap"),
    (
        "how",
        "Kader mendata balita dari rumah ke rumah sepekan sebelumnya\n"
        "Pada hari pelaksanaan, balita ditimbang dan diimunisasi di lima meja layanan",
    ),
    ("quote1", "Kami ingin tidak ada satu pun balita yang terlewat"),
    ("speaker1", "Hj. Nur Aisyah"),
    ("position1", "Kepala Desa Wanaherang"),
)
SECOND_QUOTE = (
    ("quote2", "Antusiasme warga luar biasa"),
    ("speaker2", "dr. Rina"),
    ("position2", "Kepala Puskesmas Gunungputri"),
)
CONTACT = "0812-3456-7890 / humas.wanaherang@bogorkab.go.id"
EXPECTED = [
    "PEMERINTAH KABUPATEN BOGOR",
    "Posyandu Serentak Wanaherang",
    "Gunungputri, 1 Desember 2026 – Pemerintah Desa Wanaherang menggelar posyandu serentak "
    "pada Selasa (1/12/2026) pagi di Balai Desa Wanaherang. Kegiatan ini melibatkan 40 kader "
    "posyandu dan 120 balita.",
    "Kegiatan ini bertujuan memastikan imunisasi anak lengkap.",
    "Kader mendata balita dari rumah ke rumah sepekan sebelumnya.",
    "Pada hari pelaksanaan, balita ditimbang dan diimunisasi di lima meja layanan.",
    "“Kami ingin tidak ada satu pun balita yang terlewat,” kata Hj. Nur Aisyah, Kepala Desa "
    "Wanaherang.",
    "“Antusiasme warga luar biasa,” kata dr. Rina, Kepala Puskesmas Gunungputri.",
    "Kegiatan ini merupakan bagian dari program Bogor Sehat Pemerintah Kabupaten Bogor. "
    "Masyarakat diajak untuk turut mendukung dan menyebarluaskan informasi ini.",
    f"Narahubung: Siti Aminah, Humas Desa Wanaherang\n{CONTACT}",
    "",  # the photo
    "###",
]


def _docx(bot: BotDriver, message: SentMessage) -> WordDocument:
    assert message.media_type == "document" and message.file_id is not None
    return Document(io.BytesIO(bot.sandbox.files[message.file_id].data))


def _documents(bot: BotDriver, chat_id: int) -> list[SentMessage]:
    return [m for m in bot.sandbox.messages(chat_id) if m.media_type == "document"]


async def _answer(bot: BotDriver, user: int, answers: tuple[tuple[str, str], ...]) -> None:
    for step, text in answers:
        replies = await bot.say(user, text)
        assert replies and "Langkah" in replies[-1].plain_text, (step, joined(replies))


async def compose(bot: BotDriver, user: int, *, photo: bool = True) -> list[SentMessage]:
    """/rilis answered from the program to "Selesai"; returns what "Selesai" brought."""
    await bot.say(user, "/rilis")
    await bot.press(user, "Bogor Sehat")
    await _answer(bot, user, ANSWERS)
    await bot.press(user, "➕ Kutipan kedua")
    await _answer(bot, user, SECOND_QUOTE)
    await bot.say(user, CONTACT)
    if photo:
        saved = await bot._after(user, lambda: bot.sandbox.send_photo(user))
        assert "Foto 1/5 tersimpan" in joined(saved)
        assert bot.services.files is not None
        await bot.services.files.wait_idle()
    return await bot.press(user, "✅ Selesai")


async def test_a_release_composed_in_the_bot_is_read_back_from_its_docx(bot: BotDriver) -> None:
    coordinator = await bot.join("Dewi", GUNUNGPUTRI, "coordinator")
    siti = await bot.join("Siti", WANAHERANG, last_name="Aminah")
    await program(bot, await officer(bot, coordinator))

    finished = await compose(bot, siti)

    text, document = finished[0].plain_text, finished[-1]
    assert text.startswith("Posyandu Serentak Wanaherang\n\nGunungputri, 1 Desember 2026 – ")
    assert text.endswith("###")
    assert "📨 Kirim untuk ditinjau" in [label for label, _ in document.buttons()]
    word = _docx(bot, document)
    assert [p.text for p in word.paragraphs] == EXPECTED
    header, title, lead = word.paragraphs[0], word.paragraphs[1], word.paragraphs[2]
    assert header.alignment == WD_ALIGN_PARAGRAPH.CENTER and header.runs[0].bold
    assert title.runs[0].bold
    assert lead.runs[0].text == "Gunungputri, 1 Desember 2026 –" and lead.runs[0].bold
    assert all(run.italic for p in word.paragraphs[6:8] for run in p.runs)
    assert len(word.inline_shapes) == 1  # the photo, from the file store
    assert word.paragraphs[-1].alignment == WD_ALIGN_PARAGRAPH.CENTER
    release = await releases_db.by_id(bot.db, 1)
    assert release is not None and release.status == "finished"
    assert release.docx_file_id == document.file_id and len(release.photos) == 1


async def test_cancel_keeps_the_draft_and_rilis_resumes_it(bot: BotDriver) -> None:
    siti = await bot.join("Siti", WANAHERANG)
    await bot.say(siti, "/rilis")
    await bot.press(siti, "Tanpa program")
    await bot.say(siti, "Jalan Desa Diperbaiki")
    assert "Dihentikan" in joined(await bot.say(siti, "/batal"))

    offer = joined(await bot.say(siti, "/rilis"))
    assert "Jalan Desa Diperbaiki" in offer and "langkah 3 dari 17" in offer
    await bot.press(siti, "▶️ Lanjutkan")
    asked = bot.sandbox.messages(siti)[-1].plain_text
    assert "Langkah 3 dari 17" in asked and "Apa yang terjadi?" in asked
    await bot.say(siti, "Warga bergotong royong memperbaiki jalan desa")
    row = await bot.db.fetchone("SELECT what, step, status FROM releases")
    assert row is not None
    assert tuple(row) == ("Warga bergotong royong memperbaiki jalan desa", "who", "draft")

    await bot.press(siti, "Batal")
    await bot.say(siti, "/rilis")
    await bot.press(siti, "🗑 Mulai baru")
    assert await bot.db.fetchval("SELECT count(*) FROM releases") == 1
    assert await bot.db.fetchval("SELECT title FROM releases") == ""


async def _card(bot: BotDriver, coordinator: int) -> str:
    return joined(await bot.say(coordinator, "/tinjau"))


async def test_review_approves_revises_and_rejects_a_release(bot: BotDriver) -> None:
    coordinator = await bot.join("Dewi", GUNUNGPUTRI, "coordinator")
    siti = await bot.join("Siti", WANAHERANG, last_name="Aminah")
    await program(bot, await officer(bot, coordinator))
    await compose(bot, siti, photo=False)
    sent = joined(await bot.press(siti, "📨 Kirim untuk ditinjau"))
    assert "D0001" in sent
    await settle(bot)

    before = len(bot.sandbox.messages(coordinator))
    card = await _card(bot, coordinator)
    shown = bot.sandbox.messages(coordinator)[before:]
    assert shown[0].media_type == "document"  # the .docx itself, to read
    assert "D0001" in card and "Gunungputri, 1 Desember 2026 –" in card
    assert "rilis pers «" in card and "· draf" not in card
    await bot.press(coordinator, "✏️ Revisi")
    await bot.say(coordinator, "Tambahkan jumlah balita yang diimunisasi")
    await settle(bot)
    told = joined(bot.sandbox.messages(siti)[-1:])
    assert "Tambahkan jumlah balita" in told
    assert "Rilis pers No. D0001" in told and "/rilis" in told and "/draf" not in told

    offer = joined(await bot.say(siti, "/rilis"))
    assert "diminta direvisi" in offer and "Tambahkan jumlah balita" in offer
    await bot.press(siti, "✏️ Perbaiki rilis")
    await bot.press(siti, "✅ Bogor Sehat")
    await bot.say(siti, "Posyandu Serentak: 120 Balita Diimunisasi")
    for _ in range(9):  # what .. position1: kept
        await bot.press(siti, next_keep(bot, siti))
    await bot.press(siti, "➕ Kutipan kedua")
    for _ in range(4):  # quote2 .. contact
        await bot.press(siti, next_keep(bot, siti))
    assert "Kirim foto" in bot.sandbox.messages(siti)[-1].plain_text
    revised = await bot.press(siti, "✅ Selesai")
    paragraphs = [p.text for p in _docx(bot, revised[-1]).paragraphs]
    assert paragraphs[1] == "Posyandu Serentak: 120 Balita Diimunisasi"
    assert paragraphs[2:-1] == EXPECTED[2:-2]
    assert "D0002" in joined(await bot.press(siti, "📨 Kirim untuk ditinjau"))

    await _card(bot, coordinator)
    await bot.press(coordinator, "✅ Setujui")
    coordinator_row = await officer(bot, coordinator)
    page = await bank_db.search(bot.db, coordinator_row, BankFilter(), 0, bot.services.config.tz)
    assert [r.title for r in page.releases] == ["Posyandu Serentak: 120 Balita Diimunisasi"]

    # A second release, rejected: it stays out of the bank and cannot be sent again.
    await compose(bot, siti, photo=False)
    await bot.press(siti, "📨 Kirim untuk ditinjau")
    await _card(bot, coordinator)
    await bot.press(coordinator, "❌ Tolak")
    page = await bank_db.search(bot.db, coordinator_row, BankFilter(), 0, bot.services.config.tz)
    assert page.total == 1
    statuses = await bot.db.fetchall("SELECT receipt, status FROM submissions ORDER BY id")
    assert [tuple(row) for row in statuses] == [
        ("D0001", "perlu_revisi"),
        ("D0002", "disetujui"),
        ("D0003", "ditolak"),
    ]
    rejected = _documents(bot, siti)[-1]
    await bot.press_data(siti, rejected.message_id, "rl:send:2")
    assert "sudah dikirim" in bot.sandbox.callback_answers[-1]["text"]
    assert await bot.db.fetchval("SELECT count(*) FROM submissions") == 3


def next_keep(bot: BotDriver, user: int) -> str:
    """The "Tetap: ..." (or "Lewati") label on the newest step."""
    labels = [label for label, _ in bot.sandbox.messages(user)[-1].buttons()]
    return next(label for label in labels if label.startswith(("Tetap:", "Lewati")))


async def test_the_bank_shows_a_kecamatan_coordinator_only_their_scope(bot: BotDriver) -> None:
    cibinong = await bot.join("Rudi", CIBINONG, "coordinator")
    gunungputri = await bot.join("Dewi", GUNUNGPUTRI, "coordinator")
    regency = await bot.join("Bupati Humas", REGENCY, "coordinator")
    ani = await bot.join("Ani", PAKANSARI)
    siti = await bot.join("Siti", WANAHERANG)
    await approved_release(bot, ani, cibinong, "Pasar Murah Pakansari")
    await approved_release(bot, siti, gunungputri, "Posyandu Wanaherang")
    await approved_release(bot, siti, gunungputri, "Kerja Bakti Wanaherang")

    mine = joined(await bot.say(cibinong, "/rilis_bank"))
    assert "1 siaran pers" in mine and "Pasar Murah Pakansari" in mine
    assert "Wanaherang" not in mine
    everything = joined(await bot.say(regency, "/rilis_bank"))
    assert "3 siaran pers" in everything

    await bot.press(regency, "🏢 Unit")
    units = [label for label, _ in bot.sandbox.messages(regency)[-1].buttons()]
    assert units == ["Kelurahan Pakansari", "Desa Wanaherang", "↩️ Kembali"]
    await bot.press(regency, "Desa Wanaherang")
    narrowed = bot.sandbox.messages(regency)[-1].plain_text
    assert "2 siaran pers" in narrowed and "Pakansari" not in narrowed
    await bot.press(regency, "📅 Bulan")
    await bot.press(regency, "Desember 2026")
    assert "2 siaran pers" in bot.sandbox.messages(regency)[-1].plain_text

    # A forged press on a release outside the scope is refused and shows nothing.
    outside = await bot.db.fetchval("SELECT id FROM releases WHERE title = 'Posyandu Wanaherang'")
    before = len(bot.sandbox.messages(cibinong))
    message_id = bot.sandbox.messages(cibinong)[-1].message_id
    await bot.press_data(cibinong, message_id, f"rb:it:{outside}")
    assert len(bot.sandbox.messages(cibinong)) == before
    assert bot.sandbox.callback_answers[-1]["show_alert"]


async def test_a_bank_release_is_attached_to_a_briefing_being_composed(bot: BotDriver) -> None:
    dewi = await bot.join("Dewi", GUNUNGPUTRI, "coordinator")
    siti = await bot.join("Siti", WANAHERANG)
    release_id = await approved_release(bot, siti, dewi, "Posyandu Wanaherang")
    author = await officer(bot, dewi)
    briefing_id = await draft(bot.db, author, bot.clock.now(), title="Imunisasi Desember")

    await bot.say(dewi, "/rilis_bank")
    item = await bot.press(dewi, "1. Posyandu Wanaherang")
    assert item[-1].media_type == "document"
    await bot.press(dewi, "📎 Lampirkan ke briefing")
    await bot.press(dewi, "📣 Imunisasi Desember")
    assert "dilampirkan" in bot.sandbox.messages(dewi)[-1].plain_text
    release = await releases_db.by_id(bot.db, release_id)
    assert release is not None
    rows = await bot.db.fetchall(
        "SELECT media_type, file_id FROM briefing_attachments WHERE briefing_id = ?",
        (briefing_id,),
    )
    assert [tuple(row) for row in rows] == [("document", release.docx_file_id)]

    # Another coordinator's draft, or a coordinator moved out of the release's scope
    # meanwhile: nothing is attached.
    rudi = await bot.join("Rudi", CIBINONG, "coordinator")
    other = await draft(bot.db, await officer(bot, rudi), bot.clock.now(), title="Lain")
    message_id = bot.sandbox.messages(dewi)[-1].message_id
    await bot.press_data(dewi, message_id, f"rb:to:{release_id}:{other}")
    assert "Tidak bisa dilampirkan" in bot.sandbox.callback_answers[-1]["text"]
    await bot.db.execute(
        "UPDATE officers SET unit_id = (SELECT id FROM units WHERE code = ?) WHERE id = ?",
        (CIBINONG, author.id),
    )
    await bot.press_data(dewi, message_id, f"rb:to:{release_id}:{briefing_id}")
    assert "Tidak bisa dilampirkan" in bot.sandbox.callback_answers[-1]["text"]
    count = "SELECT count(*) FROM briefing_attachments WHERE briefing_id IN (?, ?)"
    assert await bot.db.fetchval(count, (briefing_id, other)) == 1


async def test_dataku_exports_the_releases_and_erasing_the_author_drops_the_contact(
    bot: BotDriver,
) -> None:
    await bot.say(ADMIN_ID, "/start")
    dewi = await bot.join("Dewi", GUNUNGPUTRI, "coordinator")
    siti = await bot.join("Siti", WANAHERANG)
    release_id = await approved_release(bot, siti, dewi, "Posyandu Wanaherang")
    zone = bot.services.config.tz

    exported = await personal_data.export(bot.db, siti, zone, bot.clock.now())
    (row,) = exported.sections["press_releases"]
    assert row["title"] == "Posyandu Wanaherang" and row["quotes"] == []
    assert row["contact"] == "contact Posyandu Wanaherang"

    author = await officer(bot, siti)
    await people_db.erase(bot.db, ADMIN_ID, author.id, bot.clock.now())
    release = await releases_db.by_id(bot.db, release_id)
    assert release is not None and release.contact == "" and release.approved


async def test_the_dateline_is_the_kecamatan_or_the_configured_city(bot: BotDriver) -> None:
    regency = await officer(bot, await bot.join("Humas Kabupaten", REGENCY, "coordinator"))
    camat = await officer(bot, await bot.join("Rudi", CITEUREUP, "coordinator"))
    desa = await officer(bot, await bot.join("Siti", WANAHERANG))
    made = [
        await releases_db.start_draft(bot.db, author, "photos", bot.clock.now())
        for author in (regency, camat, desa)
    ]
    places = [(await rendering.byline(bot.services, release)).place for release in made]
    assert places == ["Cibinong", "Citeureup", "Gunungputri"]
    config = bot.services.config
    bot.services.config = config.model_copy(update={"release": ReleaseConfig(city="Bogor")})
    assert (await rendering.byline(bot.services, made[0])).place == "Bogor"
    assert (await rendering.byline(bot.services, made[1])).place == "Citeureup"
    bot.services.config = config


def test_the_docx_carries_the_configured_logo_and_header(tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    logo.write_bytes(solid_png(120, 120))
    paragraphs = [Paragraph("headline", "Judul"), Paragraph("end", "###")]
    word = Document(io.BytesIO(release_docx.build(paragraphs, "DISKOMINFO", logo, [])))
    assert [p.text for p in word.paragraphs] == ["", "DISKOMINFO", "Judul", "###"]
    assert len(word.inline_shapes) == 1
    bare = Document(io.BytesIO(release_docx.build(paragraphs, "", tmp_path / "none.png", [])))
    assert [p.text for p in bare.paragraphs] == ["Judul", "###"] and not bare.inline_shapes


async def test_the_bank_pages_five_at_a_time_newest_first(bot: BotDriver) -> None:
    dewi = await bot.join("Dewi", GUNUNGPUTRI, "coordinator")
    siti = await bot.join("Siti", WANAHERANG)
    for number in range(7):
        await approved_release(bot, siti, dewi, f"Kegiatan {number}")
        bot.clock.advance(timedelta(hours=1))
    first = joined(await bot.say(dewi, "/rilis_bank"))
    assert "7 siaran pers" in first and "halaman 1/2" in first
    assert first.index("Kegiatan 6") < first.index("Kegiatan 2") and "Kegiatan 1" not in first
    await bot.press(dewi, "Berikutnya ▶️")
    second = bot.sandbox.messages(dewi)[-1].plain_text
    assert "halaman 2/2" in second and "6. Kegiatan 1" in second and "7. Kegiatan 0" in second
    assert "◀️ Sebelumnya" in [label for label, _ in bot.sandbox.messages(dewi)[-1].buttons()]
