"""Personal data (UU PDP 27/2022), tried as the people it is about and as people it is not.

A person asks for everything held about them (/dataku) and must get all of it and
nothing about anyone else; an administrator erases a person (in /petugas and from
the shell) and the unit's reports stay, attributed to "(dihapus)"; refused
applications go after the retention period; a duplicate-link refusal names the
unit, not the first reporter; names made of invisible characters, RTL overrides or
NUL are cleaned or refused, typed or taken from the Telegram profile.
"""

from __future__ import annotations

import asyncio
import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.cli import main
from bot.core.names import clean_name
from bot.devtools.driver import BotDriver
from bot.devtools.sandbox import SentMessage
from db import issue_reports as issues_db
from db import personal_data
from db import registrations as registrations_db
from db.people import ERASED_NAME
from tests.conftest import ADMIN_ID
from tests.factories import (
    CIBINONG,
    GUNUNGPUTRI,
    KARADENAN,
    PAKANSARI,
    WANAHERANG,
    announce,
    apply_by_taps,
    dump,
    engine,
    is_refusal,
    joined,
    officer,
    officer_row,
    publish,
    settle,
)

BRIEF_BUTTON = "📤 Lapor unggahan"


def _document(bot: BotDriver, user: int) -> tuple[SentMessage, dict[str, Any]]:
    """The last document the bot sent ``user``, and its JSON content."""
    sent = [m for m in bot.sandbox.messages(user) if m.media_type == "document"]
    assert sent, "no document was sent"
    message = sent[-1]
    assert message.file_id is not None
    data = bot.sandbox.files[message.file_id].data
    return message, json.loads(data.decode("utf-8"))


async def _announce(bot: BotDriver, send_at_delta: timedelta = timedelta(0)) -> int:
    """An announcement of the administrator to everyone, asking for acknowledgement."""
    admin = await officer(bot, ADMIN_ID)
    send_at = bot.clock.now() + send_at_delta
    return await announce(bot, admin, "Rapat koordinasi humas Jumat pagi", send_at)


def _number_of(bot: BotDriver, user: int, name: str) -> str:
    """The /petugas list button that opens ``name``."""
    for line in bot.sandbox.messages(user)[-1].plain_text.splitlines():
        if f". {name} —" in line:
            return line.split(".", 1)[0]
    raise AssertionError(f"{name} is not listed")


async def _erase_by_buttons(bot: BotDriver, admin: int, name: str) -> str:
    """The administrator opens ``name``'s card in /petugas and erases them, confirming;
    returns what the card (edited in place) says then."""
    await bot.say(admin, "/petugas")
    await bot.press(admin, "👥 Semua petugas")
    await bot.press(admin, _number_of(bot, admin, name))
    await bot.press(admin, "🗑 Hapus data pribadi")
    confirmation = bot.sandbox.messages(admin)[-1].plain_text
    assert name in confirmation and "Tidak dapat dibatalkan" in confirmation
    await bot.press(admin, "Ya, hapus datanya")
    return bot.sandbox.messages(admin)[-1].plain_text


async def test_dataku_sends_everything_held_about_me_and_nothing_about_others(
    bot: BotDriver,
) -> None:
    await bot.say(ADMIN_ID, "/start")
    dewi = await bot.join("Dewi", CIBINONG, "coordinator")
    ani = await bot.join("Ani", PAKANSARI)
    budi = await bot.join("Budi", KARADENAN)
    await publish(bot, dewi, [PAKANSARI, KARADENAN], title="Posyandu Cibinong")
    await bot.press(ani, BRIEF_BUTTON)
    await bot.say(ani, "https://www.instagram.com/p/AniPost123/")
    await bot.press(budi, BRIEF_BUTTON)
    await bot.say(budi, "https://www.instagram.com/p/BudiPost456/")
    await bot.say(ani, "/cuti 2026-12-10")
    reporter = await officer(bot, ani)
    await issues_db.create(
        bot.db,
        reporter,
        url="https://www.facebook.com/hoaks/777",
        screenshot_file_id=None,
        description="Kabar bohong tentang jalan rusak",
        urgency="biasa",
        now=bot.clock.now(),
    )
    announcement = await _announce(bot)
    await settle(bot)
    await bot.press(ani, "✅ Sudah dibaca")

    replies = await bot.say(ani, "/dataku")
    catalogue, document = replies[0].plain_text, replies[-1]
    assert document.media_type == "document" and len(replies) == 2
    assert "Data Anda" in catalogue and "laporan dan draf: 1" in catalogue
    assert "cuti: 1" in catalogue and "pengumuman yang Anda tandai dibaca: 1" in catalogue
    message, data = _document(bot, ani)
    assert message.raw["document"]["file_name"].startswith("dataku-")
    assert message.raw["document"]["file_name"].endswith(".json")

    row = await officer_row(bot, ani)
    assert data["telegram_id"] == ani and data["generated_at"].endswith("+07:00")
    [profile] = data["profile"]
    assert profile["full_name"] == "Ani" and profile["telegram_id"] == ani
    assert profile["chat_id"] == ani and profile["id"] == row["id"]
    assert profile["created_at"] == "2026-12-01T08:00:00+07:00"  # WIB, ISO
    assert data["membership"][0]["unit_code"] == PAKANSARI
    assert [r["url"] for r in data["reports"]] == ["https://instagram.com/p/AniPost123/"]
    assert data["issue_reports"][0]["description"] == "Kabar bohong tentang jalan rusak"
    assert data["leave"][0]["until"].endswith("+07:00")
    assert [a["announcement_id"] for a in data["announcements_acknowledged"]] == [announcement]
    assert {m["kind"] for m in data["messages_received"]} >= {"briefing", "announcement"}
    assert "invitation.redeem" in [entry["action"] for entry in data["audit_log"]]
    assert {entry["actor"] for entry in data["audit_log"]} <= {"self", "cli", "system", "other"}

    text = json.dumps(data, ensure_ascii=False)
    for other in ("Dewi", "Budi", "BudiPost456", "Admin", "Diskominfo"):
        assert other not in text, other
    for account in (dewi, budi, ADMIN_ID):
        assert str(account) not in text, account

    # A coordinator's decisions carry ids, units and the decision, not the reporter.
    await bot.say(dewi, "/dataku")
    _, coordinator_data = _document(bot, dewi)
    assert [b["title"] for b in coordinator_data["briefings_written"]] == ["Posyandu Cibinong"]
    assert "Ani" not in json.dumps(coordinator_data, ensure_ascii=False)

    # An applicant sees their application; a stranger is told nothing is held.
    applicant = bot.sandbox.add_user("Pandu", last_name="Pemohon")
    await apply_by_taps(bot, applicant)
    await bot.say(applicant, "/dataku")
    _, applied = _document(bot, applicant)
    assert applied["profile"] == [] and applied["registrations"][0]["full_name"] == "Pandu Pemohon"
    assert applied["registrations"][0]["status"] == "pending"
    stranger = bot.sandbox.add_user("Asing")
    before = await dump(bot.db)
    answer = await bot.say(stranger, "/mydata")
    assert [m.plain_text for m in answer] == [
        "Bot tidak menyimpan data apa pun tentang akun Telegram Anda."
    ]
    assert await dump(bot.db) == before


async def test_every_table_is_exported_or_declared_not_personal(bot: BotDriver) -> None:
    tables = {
        row["name"]
        for row in await bot.db.fetchall(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    }
    exported = {table for section in personal_data.SECTIONS for table in section.tables}
    assert tables - exported - set(personal_data.NOT_PERSONAL) == set()
    assert not exported & set(personal_data.NOT_PERSONAL)
    assert (exported | set(personal_data.NOT_PERSONAL)) <= tables


async def test_admin_erases_a_person_reports_stay_as_dihapus(bot: BotDriver) -> None:
    await bot.say(ADMIN_ID, "/start")
    dewi = await bot.join("Dewi", CIBINONG, "coordinator")
    ani = await bot.join("Ani", PAKANSARI)
    await publish(bot, dewi, [PAKANSARI])
    await bot.press(ani, BRIEF_BUTTON)
    await bot.say(ani, "https://www.instagram.com/p/AniPost123/")
    await bot.say(ani, "/cuti 2026-12-10")
    before = await officer_row(bot, ani)
    officer_id = before["id"]

    done = await _erase_by_buttons(bot, ADMIN_ID, "Ani")
    assert f"#{officer_id}" in done and "dihapus" in done

    row = await bot.db.fetchone("SELECT * FROM officers WHERE id = ?", (officer_id,))
    assert row is not None
    assert row["full_name"] == ERASED_NAME and row["position"] is None
    assert row["telegram_id"] == -officer_id and row["chat_id"] is None
    assert row["status"] == "inactive"
    assert await officer_row(bot, ani) is None
    assert await bot.db.fetchval("SELECT count(*) FROM officer_leave") == 0
    # The unit's report stays, attributed to "(dihapus)".
    report = await bot.db.fetchone(
        "SELECT s.unit_id, o.full_name FROM submissions s JOIN officers o ON o.id = s.officer_id"
    )
    assert report is not None
    assert report["full_name"] == ERASED_NAME and report["unit_id"] == before["unit_id"]
    await bot.say(dewi, "/petugas")
    assert "(dihapus) — Kelurahan Pakansari" in bot.sandbox.messages(dewi)[-1].plain_text
    # The audit log keeps ids only: no name, no Telegram id of the person, anywhere.
    entries = await bot.db.fetchall("SELECT * FROM audit_log ORDER BY id")
    erasure = entries[-1]
    assert erasure["action"] == "person.erase" and erasure["target"] == f"officer:{officer_id}"
    for entry in entries:
        assert "Ani" not in " ".join(str(value) for value in tuple(entry))
        assert str(ani) not in f"{entry['actor_label']} {entry['target']} {entry['details']}"
    # The erased chat's command menu is gone; the person is a stranger to the bot now.
    scope = json.dumps({"type": "chat", "chat_id": ani}, separators=(",", ":"))
    assert (scope, "") not in bot.sandbox.commands
    assert "Bot tidak menyimpan data" in joined(await bot.say(ani, "/dataku"))
    # Erasing again, or changing the erased account, is refused and changes nothing.
    card = await bot.db.fetchval("SELECT count(*) FROM audit_log")
    message = bot.sandbox.messages(ADMIN_ID)[-1].message_id
    for data in (f"px:yes:{officer_id}", f"pe:a:{officer_id}", f"px:ask:{officer_id}"):
        await bot.press_data(ADMIN_ID, message, data)
        assert "sudah dihapus" in bot.sandbox.callback_answers[-1]["text"]
    assert await bot.db.fetchval("SELECT count(*) FROM audit_log") == card


async def test_erased_person_pending_outbox_dropped(bot: BotDriver) -> None:
    await bot.say(ADMIN_ID, "/start")
    ani = await bot.join("Ani", PAKANSARI)
    budi = await bot.join("Budi", WANAHERANG)
    await _announce(bot, send_at_delta=timedelta(hours=2))
    ani_id = (await officer_row(bot, ani))["id"]
    pending = "SELECT count(*) FROM deliveries WHERE officer_id = ? AND status = 'pending'"
    assert await bot.db.fetchval(pending, (ani_id,)) == 1

    await _erase_by_buttons(bot, ADMIN_ID, "Ani")
    assert await bot.db.fetchval(pending, (ani_id,)) == 0
    assert await bot.db.fetchval("SELECT count(*) FROM deliveries WHERE chat_id = ?", (ani,)) == 0
    received = {user: len(bot.sandbox.messages(user)) for user in (ani, budi)}
    bot.clock.advance(timedelta(hours=2, minutes=1))
    engine(bot).wake()
    await settle(bot)
    assert len(bot.sandbox.messages(ani)) == received[ani]
    assert "Rapat koordinasi" in bot.sandbox.messages(budi)[-1].plain_text


async def test_shell_erases_an_account_by_telegram_id(
    bot: BotDriver, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'[database]\npath = "{db_path}"\n', encoding="utf-8")
    await bot.say(ADMIN_ID, "/start")
    ani = await bot.join("Ani", PAKANSARI)
    applicant = bot.sandbox.add_user("Pandu", last_name="Pemohon")
    await apply_by_taps(bot, applicant)
    ani_id = (await officer_row(bot, ani))["id"]

    erase = ["--config", str(config), "people", "erase", "--telegram-id"]
    assert await asyncio.to_thread(main, [*erase, str(ani)]) == 0
    assert f"officer {ani_id}" in capsys.readouterr().out
    assert await officer_row(bot, ani) is None
    assert await asyncio.to_thread(main, [*erase, str(applicant)]) == 0
    assert "1 application(s)" in capsys.readouterr().out
    count = "SELECT count(*) FROM registrations WHERE telegram_id = ?"
    assert await bot.db.fetchval(count, (applicant,)) == 0
    entry = await bot.db.fetchone("SELECT * FROM audit_log ORDER BY id DESC LIMIT 1")
    assert entry is not None
    assert entry["actor_label"] == "cli" and entry["action"] == "person.erase"
    assert "Pandu" not in (entry["details"] or "")
    # Nothing held (any more): one line, exit code 2, nothing changed.
    before = await dump(bot.db)
    assert await asyncio.to_thread(main, [*erase, str(applicant)]) == 2
    assert "holds nothing" in capsys.readouterr().err
    assert await dump(bot.db) == before


async def test_coordinator_cannot_erase(bot: BotDriver) -> None:
    await bot.say(ADMIN_ID, "/start")
    dewi = await bot.join("Dewi", CIBINONG, "coordinator")
    gita = await bot.join("Gita", GUNUNGPUTRI, "coordinator")
    ani_id = (await officer_row(bot, await bot.join("Ani", PAKANSARI)))["id"]
    ina = await bot.join("Ina", KARADENAN)
    await bot.say(dewi, "/petugas")
    await bot.press(dewi, _number_of(bot, dewi, "Ani"))
    labels = [label for row in bot.sandbox.messages(dewi)[-1].button_labels() for label in row]
    assert "Ani" in bot.sandbox.messages(dewi)[-1].plain_text
    assert "🗑 Hapus data pribadi" not in labels
    before = await dump(bot.db)
    for user in (dewi, gita, ina):
        message = bot.sandbox.messages(user)[-1].message_id
        for data in (f"px:ask:{ani_id}", f"px:yes:{ani_id}"):
            await bot.press_data(user, message, data)
            answer = bot.sandbox.callback_answers[-1]
            assert answer["show_alert"] and is_refusal(answer["text"]), answer
    assert await dump(bot.db) == before
    # Nor may an administrator erase themselves.
    admin_id = (await officer_row(bot, ADMIN_ID))["id"]
    message = bot.sandbox.messages(ADMIN_ID)[-1].message_id
    await bot.press_data(ADMIN_ID, message, f"px:yes:{admin_id}")
    assert is_refusal(bot.sandbox.callback_answers[-1]["text"])
    assert await dump(bot.db) == before


async def status_of(bot: BotDriver, user: int) -> str | None:
    value = await bot.db.fetchval("SELECT status FROM registrations WHERE telegram_id = ?", (user,))
    return None if value is None else str(value)


async def test_rejected_registrations_purged_after_90_days(bot: BotDriver) -> None:
    await bot.say(ADMIN_ID, "/start")
    names = ("Rina", "Wati", "Tono")
    people = {name: bot.sandbox.add_user(name, last_name="Pemohon") for name in names}
    for user in people.values():
        await apply_by_taps(bot, user)
    # Tono joins through an invitation instead: his application is withdrawn.
    await bot.say(people["Tono"], f"/start {await bot.invitation(PAKANSARI)}")
    assert await status_of(bot, people["Tono"]) == "withdrawn"
    rina = await registrations_db.pending_of(bot.db, people["Rina"])
    assert rina is not None
    await registrations_db.decide(bot.db, rina.id, ADMIN_ID, False, bot.clock.now())
    schedule = bot.services.schedule
    assert schedule is not None

    bot.clock.advance(timedelta(days=89))
    await schedule.run()
    assert await status_of(bot, people["Rina"]) == "rejected"
    bot.clock.advance(timedelta(days=2))
    await schedule.run()
    assert await status_of(bot, people["Rina"]) is None  # purged
    assert await status_of(bot, people["Tono"]) is None  # purged
    assert await status_of(bot, people["Wati"]) == "pending"  # still waiting: kept
    assert await officer_row(bot, people["Tono"]) is not None  # his account stays
    purges = "SELECT count(*) FROM audit_log WHERE action = 'registration.purge'"
    assert await bot.db.fetchval(purges) == 1
    # Idempotent: running again (the same day, or the purge itself) deletes nothing more.
    before = await dump(bot.db)
    await schedule.run()
    assert await personal_data.purge_refused_registrations(bot.db, bot.clock.now(), 90) == 0
    assert await dump(bot.db) == before
    assert bot.services.config.privacy.registration_retention_days == 90


async def test_duplicate_link_refusal_names_the_unit_not_the_person(bot: BotDriver) -> None:
    dewi = await bot.join("Dewi", CIBINONG, "coordinator")
    siti = await bot.join("Sitinurbaya", PAKANSARI)
    budi = await bot.join("Budi", KARADENAN)
    colleague = await bot.join("Rahmawati", PAKANSARI)
    await publish(bot, dewi, [PAKANSARI, KARADENAN])
    await bot.press(siti, BRIEF_BUTTON)
    await bot.say(siti, "https://youtu.be/dQw4w9WgXcQ?si=abc")
    await bot.press(budi, BRIEF_BUTTON)
    refused = joined(await bot.say(budi, "https://www.youtube.com/watch?v=dQw4w9WgXcQ"))
    assert "Kelurahan Pakansari" in refused and "Sitinurbaya" not in refused
    # Reporting it again in the first unit names the unit too, not the colleague.
    await bot.press(colleague, BRIEF_BUTTON)
    again = joined(await bot.say(colleague, "https://youtu.be/dQw4w9WgXcQ"))
    assert "Kelurahan Pakansari" in again and "Sitinurbaya" not in again
    assert await bot.db.fetchval("SELECT count(*) FROM submissions") == 1


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ("Budi\u200b Santoso", "Budi Santoso"),  # zero-width space
        ("\u202eosotnaS iduB", "osotnaS iduB"),  # right-to-left override
        ("\u2067Ani\u2069\u200d", "Ani"),  # isolates, zero-width joiner
        ("Ani\x00\x07 \t\n Rahma", "Ani Rahma"),  # NUL, bell, whitespace collapsed
        ("\ufeffSiti\u2028Aminah\u2029", "Siti Aminah"),  # BOM, line/paragraph separators
        ("Dewi\ue000\U000e0041", "Dewi"),  # private use, tag character
        ("Nguye\u0302\u0303n", "Nguyễn"),  # combining marks on a letter stay (composed)
        ("Kasi Humas (Kec.)", "Kasi Humas (Kec.)"),
        ("\u200b\u200c\u200d\u2060\ufeff", None),
        ("\u3164\u115f\u2800 \u00a0", None),  # Hangul fillers, blank Braille, NBSP
        ("\u202e\u202d\x00", None),
        ("\u0301\u0302", None),  # combining marks alone
        ("", None),
    ],
)
def test_clean_name(raw: str, cleaned: str | None) -> None:
    assert clean_name(raw) == cleaned


async def test_invisible_or_rtl_names_are_cleaned_or_refused(bot: BotDriver) -> None:
    # An administrator's first /start takes the profile name: refused when nothing is
    # visible (nothing is written), cleaned otherwise.
    bot.sandbox.users[ADMIN_ID].first_name = "\u200b\u2800"
    bot.sandbox.users[ADMIN_ID].last_name = None
    before = await dump(bot.db)
    answer = joined(await bot.say(ADMIN_ID, "/start"))
    assert "tidak memuat huruf yang terlihat" in answer and await dump(bot.db) == before
    bot.sandbox.users[ADMIN_ID].first_name = "\u202eAdmin\u200b"
    await bot.say(ADMIN_ID, "/start")
    assert (await officer_row(bot, ADMIN_ID))["full_name"] == "Admin"
    # Typed during registration: cleaned, or refused when nothing visible is left.
    typer = bot.sandbox.add_user("\u200b\u3164")
    await bot.say(typer, "/start")
    for label in ("📝 Ajukan pendaftaran", "Cibinong", "Kel. Pakansari"):
        await bot.press(typer, label)
    labels = [label for row in bot.sandbox.messages(typer)[-1].button_labels() for label in row]
    assert not any(label.startswith("Pakai:") for label in labels)  # nothing to offer
    refused = joined(await bot.say(typer, "\u202e\u200b\x00 \u2066"))
    assert "Nama harus" in refused
    await bot.say(typer, "\u202eBudi\u200b  Santoso\x00")
    await bot.say(typer, "Operator\u2067 Desa\u2069")
    application = await registrations_db.pending_of(bot.db, typer)
    assert application is not None
    assert (application.full_name, application.position) == ("Budi Santoso", "Operator Desa")
    # Taken from the Telegram profile: the "Pakai:" button offers the cleaned name.
    rina = bot.sandbox.add_user("\u2067Rina\u2069", last_name="\u200bPutri\u202e")
    await apply_by_taps(bot, rina)
    taken = await registrations_db.pending_of(bot.db, rina)
    assert taken is not None and taken.full_name == "Rina Putri"
    # From the profile through an invitation: cleaned; refused when nothing is visible.
    ani = bot.sandbox.add_user("Ani\u200d", last_name="\u202eRahma\x00")
    await bot.say(ani, f"/start {await bot.invitation(PAKANSARI)}")
    assert (await officer_row(bot, ani))["full_name"] == "Ani Rahma"
    ghost = bot.sandbox.add_user("\u3164", last_name="\u200b\u202e")
    token = await bot.invitation(PAKANSARI)
    before = await dump(bot.db)
    answer = joined(await bot.say(ghost, f"/start {token}"))
    assert "tidak memuat huruf yang terlihat" in answer
    assert await dump(bot.db) == before
