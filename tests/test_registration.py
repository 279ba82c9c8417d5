"""Self-registration end to end: apply, approve, reject, race, no coordinator, one at a time."""

from __future__ import annotations

import json
from datetime import timedelta

from bot.devtools.driver import BotDriver
from tests.conftest import ADMIN_ID
from tests.factories import (
    CIBINONG,
    GUNUNGPUTRI,
    PAKANSARI,
    REGENCY,
    apply_by_taps,
    dump,
    joined,
    officer_row,
    unit_id,
)


async def _registrations(bot: BotDriver) -> list[dict[str, object]]:
    return [dict(row) for row in await bot.db.fetchall("SELECT * FROM registrations ORDER BY id")]


async def _actions(bot: BotDriver) -> list[str]:
    return [
        row["action"] for row in await bot.db.fetchall("SELECT action FROM audit_log ORDER BY id")
    ]


async def test_self_registration_approved_by_kecamatan_coordinator(bot: BotDriver) -> None:
    await bot.say(ADMIN_ID, "/start")
    coordinator = await bot.join("Dewi", CIBINONG, "coordinator")
    applicant = bot.sandbox.add_user("Budi", last_name="Santoso")

    taps, typed, _ = await apply_by_taps(bot, applicant)

    submitted = bot.sandbox.messages(applicant)[-1]
    assert "Permohonan terkirim" in submitted.plain_text and "Pakansari" in submitted.plain_text
    notice = bot.sandbox.messages(coordinator)[-1]
    assert "Permohonan pendaftaran" in notice.plain_text
    assert "Budi Santoso" in notice.plain_text and "Pengelola Media Sosial" in notice.plain_text
    assert notice.button_labels() == [["✅ Setujui", "❌ Tolak"]]
    # The admin is not asked while the kecamatan has a coordinator.
    assert "Permohonan pendaftaran" not in joined(bot.sandbox.messages(ADMIN_ID))
    assert await officer_row(bot, applicant) is None

    told = await bot.say(applicant, "/profil")
    assert "menunggu persetujuan" in told[-1].plain_text

    await bot.press(coordinator, "✅ Setujui")

    row = await officer_row(bot, applicant)
    assert row is not None and row["status"] == "active" and row["role"] == "officer"
    assert row["unit_id"] == await unit_id(bot, PAKANSARI)
    assert row["full_name"] == "Budi Santoso" and row["position"] == "Pengelola Media Sosial"
    [registration] = await _registrations(bot)
    assert registration["status"] == "approved" and registration["officer_id"] == row["id"]
    assert "registration.submit" in await _actions(bot)
    assert "registration.approve" in await _actions(bot)
    decided = bot.sandbox.messages(coordinator)[-1]
    assert decided.message_id == notice.message_id and decided.button_labels() == []
    assert "Disetujui oleh Dewi" in decided.plain_text
    welcome = bot.sandbox.messages(applicant)[-1]
    assert "disetujui" in welcome.plain_text and "Kelurahan Pakansari" in welcome.plain_text
    assert "/bantuan" in welcome.plain_text
    profile = await bot.say(applicant, "/profil")
    assert "Pengelola Media Sosial" in profile[-1].plain_text
    # Their own command menu was set in their chat.
    menu = bot.sandbox.commands[
        (json.dumps({"type": "chat", "chat_id": applicant}, separators=(",", ":")), "")
    ]
    assert [item["command"] for item in menu][:2] == ["brief", "lapor"]

    # Counted: /start, apply, kecamatan, kelurahan, name, position — taps only, nothing typed.
    assert (taps, typed) == (6, 0)
    print(f"\nself-registration: {taps} taps, {typed} typed messages, 1 approval tap")


async def test_typed_registration_with_search_and_validation(bot: BotDriver) -> None:
    coordinator = await bot.join("Dewi", GUNUNGPUTRI, "coordinator")
    searcher = bot.sandbox.add_user("Cari")
    await bot.say(searcher, "/start")
    await bot.press(searcher, "📝 Ajukan pendaftaran")
    too_short = await bot.say(searcher, "wa")
    assert "paling sedikit 3 huruf" in too_short[-1].plain_text
    nothing = await bot.say(searcher, "zzzz")
    assert "Tidak ada unit" in nothing[-1].plain_text

    applicant = bot.sandbox.add_user("x")
    await bot.say(applicant, "/start")
    await bot.press(applicant, "📝 Ajukan pendaftaran")
    found = await bot.say(applicant, "wanaher")
    assert ["Desa Wanaherang, Kecamatan Gunungputri"] in found[-1].button_labels()
    await bot.press(
        applicant, "Desa Wanaherang, Kecamatan Gunungputri", message_id=found[-1].message_id
    )
    # The Telegram name "x" is too short to offer; a typed name is checked.
    assert not any(
        label.startswith("Pakai:") for label, _ in bot.sandbox.messages(applicant)[-1].buttons()
    )
    bad = await bot.say(applicant, "Al")
    assert "3–100 karakter" in bad[-1].plain_text
    asked = (await bot.say(applicant, "  Siti   <Aminah>  "))[-1]
    assert asked.text is not None and "Siti &lt;Aminah&gt;" in asked.text
    assert "jabatan" in asked.plain_text
    done = await bot.say(applicant, "Kasi Pemerintahan")
    assert "Permohonan terkirim" in done[-1].plain_text
    [registration] = await _registrations(bot)
    assert (
        registration["full_name"] == "Siti <Aminah>"
        and registration["position"] == "Kasi Pemerintahan"
    )
    card = bot.sandbox.messages(coordinator)[-1].text
    assert card is not None and "Siti &lt;Aminah&gt;" in card


async def test_rejection_then_cool_off_then_apply_again(bot: BotDriver) -> None:
    coordinator = await bot.join("Dewi", CIBINONG, "coordinator")
    applicant = bot.sandbox.add_user("Budi", last_name="Santoso")
    await apply_by_taps(bot, applicant)
    await bot.press(coordinator, "❌ Tolak")

    assert await officer_row(bot, applicant) is None
    [registration] = await _registrations(bot)
    assert registration["status"] == "rejected"
    assert "registration.reject" in await _actions(bot)
    told = bot.sandbox.messages(applicant)[-1].plain_text
    assert "ditolak" in told and "Rabu, 2 Desember 2026 pukul 08.00 WIB" in told
    assert "Ditolak oleh Dewi" in bot.sandbox.messages(coordinator)[-1].plain_text

    bot.clock.advance(timedelta(hours=23))
    again = await bot.say(applicant, "/start")
    assert "dapat mengajukan lagi mulai" in again[-1].plain_text and again[-1].buttons() == []
    before = await dump(bot.db)
    # The old "Ajukan pendaftaran" button is refused during the cool-off too.
    first_welcome = bot.sandbox.messages(applicant)[0]
    await bot.press_data(applicant, first_welcome.message_id, "rg:apply")
    assert "dapat mengajukan lagi mulai" in bot.sandbox.messages(applicant)[0].plain_text
    assert await dump(bot.db) == before

    bot.clock.advance(timedelta(hours=1, minutes=1))
    await apply_by_taps(bot, applicant)
    assert [row["status"] for row in await _registrations(bot)] == ["rejected", "pending"]


async def test_two_coordinators_race_first_decision_wins(bot: BotDriver) -> None:
    kecamatan_coordinator = await bot.join("Dewi", CIBINONG, "coordinator")
    central_desk = await bot.join("Rudi", REGENCY, "coordinator")
    applicant = bot.sandbox.add_user("Budi", last_name="Santoso")
    await apply_by_taps(bot, applicant)
    for person in (kecamatan_coordinator, central_desk):
        assert bot.sandbox.messages(person)[-1].button_labels() == [["✅ Setujui", "❌ Tolak"]]

    answers_before = len(bot.sandbox.callback_answers)
    bot.sandbox.press_button(kecamatan_coordinator, "✅ Setujui")
    bot.sandbox.press_button(central_desk, "❌ Tolak")
    await bot.idle()

    [registration] = await _registrations(bot)
    decisions = [
        a for a in await _actions(bot) if a in ("registration.approve", "registration.reject")
    ]
    assert len(decisions) == 1
    winner_is_approval = registration["status"] == "approved"
    assert (await officer_row(bot, applicant) is not None) == winner_is_approval
    answers = bot.sandbox.callback_answers[answers_before:]
    alerts = [answer for answer in answers if answer["show_alert"]]
    assert len(answers) == 2 and len(alerts) == 1 and "oleh" in alerts[0]["text"]
    winner = "Dewi" if winner_is_approval else "Rudi"
    for person in (kecamatan_coordinator, central_desk):
        final = bot.sandbox.messages(person)[-1]
        assert final.button_labels() == [] and f"oleh {winner}" in final.plain_text
    applicant_texts = joined(bot.sandbox.messages(applicant))
    assert ("disetujui" in applicant_texts) == winner_is_approval
    assert ("ditolak" in applicant_texts) != winner_is_approval


async def test_request_to_a_unit_without_coordinator_goes_to_the_admins(bot: BotDriver) -> None:
    await bot.say(ADMIN_ID, "/start")
    other_kecamatan = await bot.join("Dewi", GUNUNGPUTRI, "coordinator")
    applicant = bot.sandbox.add_user("Budi", last_name="Santoso")
    await apply_by_taps(bot, applicant)
    notice = bot.sandbox.messages(ADMIN_ID)[-1]
    assert "Permohonan pendaftaran" in notice.plain_text
    assert "Permohonan pendaftaran" not in joined(bot.sandbox.messages(other_kecamatan))
    await bot.press(ADMIN_ID, "✅ Setujui")
    assert (await officer_row(bot, applicant))["status"] == "active"


async def test_nobody_to_ask_still_keeps_the_request(bot: BotDriver) -> None:
    applicant = bot.sandbox.add_user("Budi", last_name="Santoso")
    await apply_by_taps(bot, applicant)
    assert "Belum ada koordinator" in bot.sandbox.messages(applicant)[-1].plain_text
    assert [row["status"] for row in await _registrations(bot)] == ["pending"]


async def test_one_pending_request_per_account(bot: BotDriver) -> None:
    await bot.join("Dewi", CIBINONG, "coordinator")
    applicant = bot.sandbox.add_user("Budi", last_name="Santoso")
    await apply_by_taps(bot, applicant)
    before = await dump(bot.db)
    status = await bot.say(applicant, "/start")
    assert "masih menunggu" in status[-1].plain_text and status[-1].buttons() == []
    first_welcome = bot.sandbox.messages(applicant)[0]
    await bot.press_data(applicant, first_welcome.message_id, "rg:apply")
    assert "masih menunggu" in bot.sandbox.messages(applicant)[0].plain_text
    refused = await bot.say(applicant, "/profil")  # every other command: see the matrix
    assert refused[-1].plain_text.startswith("Pendaftaran Anda masih menunggu")
    assert await dump(bot.db) == before


async def test_joining_by_invitation_withdraws_the_pending_request(bot: BotDriver) -> None:
    coordinator = await bot.join("Dewi", CIBINONG, "coordinator")
    applicant = bot.sandbox.add_user("Budi", last_name="Santoso")
    await apply_by_taps(bot, applicant)
    token = await bot.invitation(PAKANSARI)
    joined = await bot.say(applicant, f"/start {token}")
    assert "✅" in joined[-1].plain_text
    [registration] = await _registrations(bot)
    assert registration["status"] == "withdrawn"
    notice = bot.sandbox.messages(coordinator)[-1]
    assert notice.button_labels() == [] and "sudah bergabung lewat undangan" in notice.plain_text
    before = await dump(bot.db)
    await bot.press_data(coordinator, notice.message_id, f"rg:ok:{registration['id']}")
    assert "sudah bergabung" in bot.sandbox.callback_answers[-1]["text"]
    assert await dump(bot.db) == before


async def test_cancel_in_the_middle_changes_nothing(bot: BotDriver) -> None:
    applicant = bot.sandbox.add_user("Budi", last_name="Santoso")
    await bot.say(applicant, "/start")
    before = await dump(bot.db)
    await bot.press(applicant, "📝 Ajukan pendaftaran")
    await bot.press(applicant, "Cibinong")
    cancelled = await bot.say(applicant, "/batal")
    assert cancelled[-1].plain_text == "Dibatalkan. Tidak ada yang diubah."
    # Text is no longer taken as a name.
    assert "/bantuan" in (await bot.say(applicant, "Budi Santoso"))[-1].plain_text
    await bot.say(applicant, "/start")
    await bot.press(applicant, "📝 Ajukan pendaftaran")
    await bot.press(applicant, "Batal")
    assert bot.sandbox.messages(applicant)[-1].plain_text == "Dibatalkan. Tidak ada yang diubah."
    assert await dump(bot.db) == before


async def test_a_kecamatan_found_by_search_opens_its_desa_list(bot: BotDriver) -> None:
    await bot.join("Dewi", CIBINONG, "coordinator")
    applicant = bot.sandbox.add_user("Budi", last_name="Santoso")
    await bot.say(applicant, "/start")
    await bot.press(applicant, "📝 Ajukan pendaftaran")
    found = await bot.say(applicant, "cibinong")
    assert ["Kecamatan Cibinong"] in found[-1].button_labels()

    await bot.press(applicant, "Kecamatan Cibinong", message_id=found[-1].message_id)
    opened = bot.sandbox.messages(applicant)[-1]
    assert "Kecamatan Cibinong: pilih unitnya" in opened.plain_text
    labels = [label for row in opened.button_labels() for label in row]
    assert labels[0] == "🏢 Kantor Kecamatan Cibinong" and "Kel. Pakansari" in labels
    # Nothing was chosen yet: no name is asked and no unit is stored.
    assert "nama" not in opened.plain_text.lower()
    assert await _registrations(bot) == []

    await bot.press(applicant, "Kel. Pakansari")
    name_button = next(
        label
        for label, _ in bot.sandbox.messages(applicant)[-1].buttons()
        if label.startswith("Pakai:")
    )
    await bot.press(applicant, name_button)
    await bot.press(applicant, "Pengelola Media Sosial")
    [registration] = await _registrations(bot)
    assert registration["unit_id"] == await unit_id(bot, PAKANSARI)
