"""Announcements end to end: compose, every audience kind, scope limits, acknowledgement, /jadwal."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from bot.core.clock import FakeClock
from bot.devtools.driver import BotDriver
from bot.devtools.sandbox import SentMessage
from db import officers as officers_db
from db import units as units_db
from db.audit import Actor
from tests.conftest import ADMIN_ID
from tests.factories import (
    BOJONGKULUR,
    CITEUREUP,
    GUNUNGPUTRI,
    PONDOK_RAJEG,
    WANAHERANG,
    engine,
    unit_id,
)

SEND = "📤 Kirim"


def received(bot: BotDriver, user_id: int, needle: str = "PENGUMUMAN") -> list[SentMessage]:
    return [message for message in bot.sandbox.messages(user_id) if needle in message.plain_text]


async def delivered(bot: BotDriver, announcement_id: int | None = None) -> None:
    """Until an announcement (the newest by default) reached everyone; its report may follow."""
    outbox_id = await bot.db.fetchval(
        "SELECT outbox_id FROM announcements WHERE ? IS NULL OR id = ? ORDER BY id DESC LIMIT 1",
        (announcement_id, announcement_id),
    )
    await engine(bot).wait_done(outbox_id)


async def start_announcement(
    bot: BotDriver, user: int, text: str = "Rapat koordinasi besok pukul 09.00."
) -> list[SentMessage]:
    """/pengumuman and the text: the preview and its summary with the defaults come back."""
    await bot.say(user, "/pengumuman")
    return await bot.say(user, text)


async def choose_audience(bot: BotDriver, user: int) -> None:
    """From the preview: the audience picker instead of "everyone in my scope"."""
    await bot.press(user, "👥 Ubah penerima")


async def finish(
    bot: BotDriver, user: int, *, urgent: bool = False, ack: bool = True, when: str | None = None
) -> list[SentMessage]:
    """Change the preview's defaults (not urgent, read confirmation, now) where asked;
    return the preview and the summary as shown now (or the replies to a typed time)."""
    if urgent:
        await bot.press(user, "🚨 Jadikan mendesak")
    if not ack:
        await bot.press(user, "Tanpa konfirmasi baca")
    if when is not None:
        await bot.press(user, "🕒 Jadwalkan")
        return await bot.say(user, when)
    return bot.sandbox.messages(user)[-2:]


async def test_kecamatan_coordinator_announces_to_everyone_in_scope_with_acknowledgement(
    bot: BotDriver,
) -> None:
    coordinator = await bot.join("Siti", GUNUNGPUTRI, "coordinator")
    desa_a = await bot.join("Asep", WANAHERANG)
    desa_a2 = await bot.join("Ani", WANAHERANG)
    desa_b = await bot.join("Budi", BOJONGKULUR)
    outsider = await bot.join("Odang", PONDOK_RAJEG)

    await start_announcement(bot, coordinator, "Rapat <koordinasi> besok & lusa.")
    preview, summary = await finish(bot, coordinator, ack=True)
    assert "Akan sampai ke 3 orang di 2 unit" in summary.plain_text
    assert "Mendesak: tidak" in summary.plain_text and "Konfirmasi baca: ya" in summary.plain_text
    assert preview.plain_text.startswith("📢 PENGUMUMAN")
    assert "Rapat <koordinasi> besok & lusa." in preview.plain_text
    assert "Siti, koordinator Kecamatan Gunungputri" in preview.plain_text
    assert preview.button_labels() == [["✅ Sudah dibaca"]]

    done = await bot.press(coordinator, SEND)  # the summary is edited; the report may follow
    assert all(
        "sedang dikirim" in m.plain_text or "Laporan pengiriman" in m.plain_text for m in done
    )
    sending = "sedang dikirim ke 3 orang di 2 unit"
    assert any(sending in m.plain_text for m in bot.sandbox.messages(coordinator))
    await engine(bot).wait_idle()
    for person in (desa_a, desa_a2, desa_b):
        [message] = received(bot, person)
        assert message.text == preview.text  # exactly as previewed
        assert message.button_labels() == preview.button_labels()
    assert received(bot, outsider) == []
    assert received(bot, coordinator, "PENGUMUMAN") == [preview]

    [report] = received(bot, coordinator, "📊 Laporan pengiriman")
    assert "Pengumuman #1" in report.plain_text and "Terkirim: 3" in report.plain_text
    assert report.button_labels() == [["📋 Siapa yang sudah membaca"]]

    await bot.press(desa_a, "✅ Sudah dibaca")
    assert "tercatat sudah dibaca" in bot.sandbox.callback_answers[-1]["text"]
    await bot.press(desa_a, "✅ Sudah dibaca")
    assert "Sudah tercatat sebelumnya" in bot.sandbox.callback_answers[-1]["text"]
    assert await bot.db.fetchval("SELECT count(*) FROM acknowledgements") == 1

    # Someone who did not receive it cannot acknowledge it, even with forged data.
    last = bot.sandbox.messages(outsider)[-1].message_id
    await bot.press_data(outsider, last, "an:ack:1")
    assert "tidak berlaku" in bot.sandbox.callback_answers[-1]["text"]
    assert await bot.db.fetchval("SELECT count(*) FROM acknowledgements") == 1

    [status] = await bot.press(coordinator, "📋 Siapa yang sudah membaca")
    assert "Sudah membaca: 1 dari 3 orang" in status.plain_text
    assert "◐ Desa Wanaherang — 1/2 · belum: Ani" in status.plain_text
    assert "⏳ Desa Bojongkulur — 0/1 · belum: Budi" in status.plain_text
    # Only the sender (or an administrator) sees who has read it.
    await bot.press_data(desa_b, bot.sandbox.messages(desa_b)[-1].message_id, "an:st:1")
    assert bot.sandbox.callback_answers[-1]["show_alert"]
    entry = await bot.db.fetchone("SELECT * FROM audit_log WHERE action = 'announcement.create'")
    assert entry is not None
    assert entry["target"] == "announcement:1"


async def test_by_level_reaches_only_the_chosen_levels(bot: BotDriver) -> None:
    await bot.say(ADMIN_ID, "/start")
    [agency], _ = await units_db.add_opds(bot.db, ["Dinas Kesehatan"], bot.clock.now(), Actor.cli())
    opd = await bot.join("Dewi", agency.code)
    kecamatan_office = await bot.join("Kiki", CITEUREUP)
    village = await bot.join("Vina", WANAHERANG)

    await start_announcement(bot, ADMIN_ID)
    await choose_audience(bot, ADMIN_ID)
    await bot.press(ADMIN_ID, "Per tingkat (OPD, kecamatan, desa/kelurahan)")
    await bot.press(ADMIN_ID, "Selesai ✔")
    assert "Pilih minimal satu" in bot.sandbox.callback_answers[-1]["text"]
    await bot.press(ADMIN_ID, "⬜ Perangkat daerah (OPD)")
    await bot.press(ADMIN_ID, "⬜ Kantor kecamatan")
    await bot.press(ADMIN_ID, "Selesai ✔")
    _, summary = await finish(bot, ADMIN_ID, ack=False)
    assert "Akan sampai ke 2 orang di 2 unit" in summary.plain_text
    await bot.press(ADMIN_ID, SEND)
    await delivered(bot)
    assert len(received(bot, opd)) == 1 and len(received(bot, kecamatan_office)) == 1
    assert received(bot, village) == []
    assert received(bot, opd)[0].button_labels() == []


async def test_by_kecamatan_includes_their_villages_across_pages(bot: BotDriver) -> None:
    await bot.say(ADMIN_ID, "/start")
    in_cibinong = await bot.join("Odang", PONDOK_RAJEG)
    in_gunungputri = await bot.join("Asep", WANAHERANG)
    elsewhere = await bot.join("Kiki", CITEUREUP)
    names = sorted(
        unit.name for unit in await units_db.list_units(bot.db) if unit.kind == "kecamatan"
    )
    assert names.index("Cibinong") < 10 <= names.index("Gunungputri")  # two pages apart

    await start_announcement(bot, ADMIN_ID)
    await choose_audience(bot, ADMIN_ID)
    await bot.press(ADMIN_ID, "Kecamatan tertentu")
    await bot.press(ADMIN_ID, "⬜ Cibinong")
    await bot.press(ADMIN_ID, "Berikutnya »")
    await bot.press(ADMIN_ID, "⬜ Gunungputri")
    screen = bot.sandbox.messages(ADMIN_ID)[-1]
    assert "Terpilih: 2" in screen.plain_text
    assert "☑️ Gunungputri" in [label for row in screen.button_labels() for label in row]
    await bot.press(ADMIN_ID, "Selesai ✔")
    _, summary = await finish(bot, ADMIN_ID, ack=False)
    assert "Akan sampai ke 2 orang di 2 unit" in summary.plain_text
    assert "unit sasaran belum punya petugas aktif" in summary.plain_text
    await bot.press(ADMIN_ID, SEND)
    await delivered(bot)
    assert len(received(bot, in_cibinong)) == 1 and len(received(bot, in_gunungputri)) == 1
    assert received(bot, elsewhere) == []


async def test_units_with_a_tag(bot: BotDriver) -> None:
    coordinator = await bot.join("Siti", GUNUNGPUTRI, "coordinator")
    tagged = await bot.join("Asep", WANAHERANG)
    untagged = await bot.join("Budi", BOJONGKULUR)
    tagged_elsewhere = await bot.join("Odang", PONDOK_RAJEG)
    for code in (WANAHERANG, PONDOK_RAJEG):
        await units_db.set_tags(
            bot.db, await unit_id(bot, code), ["3T"], bot.clock.now(), Actor.cli()
        )

    await start_announcement(bot, coordinator)
    await choose_audience(bot, coordinator)
    await bot.press(coordinator, "Unit dengan label (mis. 3T)")
    await bot.say(coordinator, "pesisir")
    assert "Tidak ada unit dengan label" in bot.sandbox.messages(coordinator)[-1].plain_text
    await bot.press(coordinator, "🏷 3t")
    _, summary = await finish(bot, coordinator, ack=False)
    assert (
        "Akan sampai ke 1 orang di 1 unit" in summary.plain_text
    )  # not the tagged unit outside scope
    await bot.press(coordinator, SEND)
    await delivered(bot)
    assert len(received(bot, tagged)) == 1
    assert received(bot, untagged) == [] and received(bot, tagged_elsewhere) == []


async def test_hand_picked_units_by_buttons_and_search(bot: BotDriver) -> None:
    await bot.say(ADMIN_ID, "/start")
    first = await bot.join("Asep", WANAHERANG)
    second = await bot.join("Odang", PONDOK_RAJEG)
    other = await bot.join("Budi", BOJONGKULUR)

    await start_announcement(bot, ADMIN_ID)
    await choose_audience(bot, ADMIN_ID)
    await bot.press(ADMIN_ID, "Pilih unit satu per satu")
    await bot.press(ADMIN_ID, "Berikutnya »")
    await bot.press(ADMIN_ID, "Gunungputri")
    await bot.press(ADMIN_ID, "Desa Wanaherang")
    assert "Desa Wanaherang" in bot.sandbox.messages(ADMIN_ID)[-1].plain_text
    await bot.press(ADMIN_ID, "➕ Tambah unit")
    [results] = await bot.say(ADMIN_ID, "Pondok Raj")
    assert any("Pondok Rajeg" in label for row in results.button_labels() for label in row)
    label = next(
        label for row in results.button_labels() for label in row if "Pondok Rajeg" in label
    )
    await bot.press(ADMIN_ID, label)
    await bot.press(ADMIN_ID, "Selesai ✔")
    _, summary = await finish(bot, ADMIN_ID, ack=False)
    assert "Akan sampai ke 2 orang di 2 unit" in summary.plain_text
    await bot.press(ADMIN_ID, SEND)
    await delivered(bot)
    assert len(received(bot, first)) == 1 and len(received(bot, second)) == 1
    assert received(bot, other) == []


async def test_coordinators_reach_only_their_scope_whatever_the_client_sends(
    bot: BotDriver,
) -> None:
    coordinator = await bot.join("Siti", GUNUNGPUTRI, "coordinator")
    colleague = await bot.join("Fajar", GUNUNGPUTRI, "coordinator")
    inside = await bot.join("Asep", WANAHERANG)
    outside = await bot.join("Odang", PONDOK_RAJEG)
    outside_office = await bot.join("Kiki", CITEUREUP)

    # Kecamatan toggles: forged data naming another kecamatan is refused.
    await start_announcement(bot, coordinator)
    await choose_audience(bot, coordinator)
    await bot.press(coordinator, "Kecamatan tertentu")
    screen = bot.sandbox.messages(coordinator)[-1]
    assert [label for row in screen.button_labels() for label in row][0] == "⬜ Gunungputri"
    await bot.press_data(coordinator, screen.message_id, f"an:kc:{await unit_id(bot, CITEUREUP)}")
    assert "di luar wilayah" in bot.sandbox.callback_answers[-1]["text"]
    await bot.press(coordinator, "⬜ Gunungputri")
    await bot.press(coordinator, "Selesai ✔")
    await finish(bot, coordinator, ack=False)
    await bot.press(coordinator, SEND)
    await delivered(bot)

    # Hand-picked units: forged picker data naming a unit elsewhere is refused.
    await start_announcement(bot, colleague, "Kedua")
    await choose_audience(bot, colleague)
    await bot.press(colleague, "Pilih unit satu per satu")
    screen = bot.sandbox.messages(colleague)[-1]
    await bot.press_data(colleague, screen.message_id, f"anu:u:{await unit_id(bot, PONDOK_RAJEG)}")
    assert "di luar wilayah" in bot.sandbox.callback_answers[-1]["text"]

    # Levels: "kecamatan offices" for a kecamatan coordinator is only their own office.
    await bot.press(colleague, "Batal")
    await bot.press(colleague, "Per tingkat (OPD, kecamatan, desa/kelurahan)")
    await bot.press(colleague, "⬜ Kantor kecamatan")
    await bot.press(colleague, "⬜ Desa/kelurahan")
    await bot.press(colleague, "Selesai ✔")
    await finish(bot, colleague, ack=False)
    await bot.press(colleague, SEND)
    await delivered(bot)
    assert len(received(bot, inside)) == 2
    assert received(bot, outside) == [] and received(bot, outside_office) == []


async def test_officers_cannot_announce(bot: BotDriver) -> None:
    officer = await bot.join("Asep", WANAHERANG)
    [reply] = await bot.say(officer, "/pengumuman")
    assert "hanya untuk koordinator" in reply.plain_text
    [reply] = await bot.say(officer, "/jadwal")
    assert "hanya untuk koordinator" in reply.plain_text


async def test_telegram_limits_are_checked_while_composing(bot: BotDriver) -> None:
    writer = await bot.join("Siti", GUNUNGPUTRI, "coordinator")
    photographer = await bot.join("Fajar", GUNUNGPUTRI, "coordinator")
    person = await bot.join("Asep", WANAHERANG)
    await bot.say(writer, "/pengumuman")
    [reply] = await bot.say(writer, "x" * 4090)
    found = re.search(r"terlalu panjang: 4090 karakter; maksimal (\d+)", reply.plain_text)
    assert found is not None
    limit = int(found[1])
    assert 3900 < limit < 4096  # room for the header and signature
    preview, summary = await bot.say(writer, "z" * limit)  # exactly the limit is accepted
    assert "z" * limit in preview.plain_text and "📤 Kirim" in summary.button_labels()[0]

    await bot.say(photographer, "/pengumuman")
    bot.sandbox.send_photo(photographer, caption="y" * 1000)
    await bot.idle()
    assert (
        "Keterangan terlalu panjang: 1000 karakter"
        in bot.sandbox.messages(photographer)[-1].plain_text
    )
    bot.sandbox.send_photo(photographer, caption="Infografis program")
    await bot.idle()
    preview, _ = await finish(bot, photographer, ack=True)
    assert preview.media_type == "photo" and "Infografis program" in preview.plain_text
    await bot.press(photographer, SEND)
    await delivered(bot)
    [message] = received(bot, person)
    assert message.media_type == "photo" and message.file_id == preview.file_id
    assert message.text == preview.text


async def test_edit_from_the_preview_and_cancel_with_batal(bot: BotDriver) -> None:
    coordinator = await bot.join("Siti", GUNUNGPUTRI, "coordinator")
    person = await bot.join("Asep", WANAHERANG)
    await start_announcement(bot, coordinator, "Versi pertama")
    await finish(bot, coordinator, ack=False)
    await bot.press(coordinator, "✏️ Ubah teks")
    preview, summary = await bot.say(coordinator, "Versi kedua")
    assert "Versi kedua" in preview.plain_text and "Akan sampai ke 1 orang" in summary.plain_text
    await bot.press(coordinator, SEND)
    await delivered(bot)
    assert [m.plain_text.count("Versi kedua") for m in received(bot, person)] == [1]

    quitter = await bot.join("Fajar", GUNUNGPUTRI, "coordinator")
    await start_announcement(bot, quitter, "Tidak jadi")
    [reply] = await bot.say(quitter, "/batal")
    assert "Dibatalkan" in reply.plain_text
    assert await bot.db.fetchval("SELECT count(*) FROM announcements") == 1


async def test_schedule_list_reschedule_cancel(bot: BotDriver, clock: FakeClock) -> None:
    morning = await bot.join("Siti", GUNUNGPUTRI, "coordinator")
    evening = await bot.join("Fajar", GUNUNGPUTRI, "coordinator")
    person = await bot.join("Asep", WANAHERANG)
    other_coordinator = await bot.join("Ucok", CITEUREUP, "coordinator")

    await start_announcement(bot, morning, "Pengumuman pagi")
    [reply] = await finish(bot, morning, ack=False, when="2026-11-30 07:00")
    assert "sudah lewat" in reply.plain_text
    _, summary = await bot.say(morning, "besok 07:00")
    assert "Rabu, 2 Desember 2026 pukul 07.00 WIB" in summary.plain_text
    await bot.press(morning, SEND)
    assert "dijadwalkan" in bot.sandbox.messages(morning)[-1].plain_text

    await start_announcement(bot, evening, "Pengumuman malam")
    _, summary = await finish(bot, evening, ack=False, when="besok 22:00")
    assert "jam tenang: akan dikirim Kamis, 3 Desember 2026 pukul 06.00 WIB" in summary.plain_text
    await bot.press(evening, SEND)

    [listing] = await bot.say(evening, "/jadwal")
    assert "#2" in listing.plain_text and "#1" not in listing.plain_text  # only their own
    assert "jam tenang: terkirim 3 Des 06.00 WIB" in listing.plain_text
    assert listing.button_labels() == [["❌ Batalkan #2", "🕒 Ubah waktu #2"]]
    await bot.press(evening, "❌ Batalkan #2")
    await bot.press(evening, "Ya, batalkan")
    assert "dibatalkan" in bot.sandbox.messages(evening)[-1].plain_text

    # Another coordinator sees none of them and cannot touch them with forged data.
    [other_listing] = await bot.say(other_coordinator, "/jadwal")
    assert "Tidak ada pengumuman terjadwal" in other_listing.plain_text
    await bot.press_data(other_coordinator, other_listing.message_id, "jd:cy:1")
    assert "tidak berlaku" in bot.sandbox.callback_answers[-1]["text"]

    [listing] = await bot.say(morning, "/jadwal")
    assert "#1" in listing.plain_text
    await bot.press(morning, "🕒 Ubah waktu #1")
    [moved] = await bot.say(morning, "hari ini 10:00")
    assert "dijadwalkan ulang: Selasa, 1 Desember 2026 pukul 10.00 WIB" in moved.plain_text

    clock.set(datetime(2026, 12, 1, 3, 0, tzinfo=UTC))  # 10:00 WIB
    await delivered(bot, 1)
    assert [m.plain_text.count("Pengumuman pagi") for m in received(bot, person)] == [1]
    clock.advance(timedelta(days=3))
    await engine(bot).wait_idle()
    assert len(received(bot, person)) == 1  # the cancelled one never went

    await bot.press_data(morning, listing.message_id, "jd:cy:1")
    assert "sudah mulai terkirim" in bot.sandbox.callback_answers[-1]["text"]
    actions = [
        row["action"]
        for row in await bot.db.fetchall(
            "SELECT action FROM audit_log WHERE action LIKE 'announcement.%' ORDER BY id"
        )
    ]
    assert actions == [
        "announcement.create",
        "announcement.create",
        "announcement.cancel",
        "announcement.reschedule",
    ]


async def test_urgent_goes_during_quiet_hours_and_english_recipients_get_english(
    bot: BotDriver, clock: FakeClock
) -> None:
    coordinator = await bot.join("Siti", GUNUNGPUTRI, "coordinator")
    person = await bot.join("John", WANAHERANG, language="en")
    clock.set(datetime(2026, 12, 1, 15, 0, tzinfo=UTC))  # 22:00 WIB
    await start_announcement(bot, coordinator, "Banjir di Wanaherang")
    await finish(bot, coordinator, urgent=True, ack=True)
    await bot.press(coordinator, SEND)
    await delivered(bot)
    [message] = received(bot, person, "ANNOUNCEMENT")
    assert (
        message.plain_text.startswith("🚨 URGENT ANNOUNCEMENT")
        and "Banjir di Wanaherang" in message.plain_text
    )
    assert message.button_labels() == [["✅ Mark as read"]]
    officer = await officers_db.by_telegram_id(bot.db, person)
    assert officer is not None and officer.language == "en"


async def test_typed_text_goes_to_the_dialogue_entered_last(bot: BotDriver) -> None:
    coordinator = await bot.join("Siti", GUNUNGPUTRI, "coordinator")
    invite = (await bot.say(coordinator, "/undang"))[-1]
    # Halfway through /undang (which takes a typed unit search) the coordinator starts an
    # announcement: its text must not become a search for units.
    preview, _ = await start_announcement(bot, coordinator, "Wanaherang")
    assert "PENGUMUMAN" in preview.plain_text and "Wanaherang" in preview.plain_text
    # A button of the invitation makes it the current dialogue again: it gets the number.
    desa = next(label for row in invite.button_labels() for label in row if "Wanaherang" in label)
    await bot.press(coordinator, desa)
    assert "Berapa orang" in now_shown(bot, coordinator, invite).plain_text
    asked = await bot.say(coordinator, "4")
    assert "Untuk: 4 orang" in asked[-1].plain_text


def now_shown(bot: BotDriver, user: int, message: SentMessage) -> SentMessage:
    """A message as the person sees it now, after the bot's edits."""
    return next(m for m in bot.sandbox.messages(user) if m.message_id == message.message_id)
