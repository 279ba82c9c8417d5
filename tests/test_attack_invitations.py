"""Attacks on accounts and invitations: each case is refused, says why, and (where it
must) leaves every table unchanged (a dump of the whole database is compared)."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta
from pathlib import Path

import pytest

from bot.cli import main
from bot.devtools.driver import BotDriver
from db import invitations as invitations_db
from db import people as people_db
from db.connection import Database
from tests.conftest import ADMIN_ID
from tests.factories import CIBINONG, GUNUNGPUTRI, PAKANSARI, WANAHERANG, dump, officer_row, unit_id


async def _deactivate(bot: BotDriver, telegram_id: int) -> None:
    await bot.say(ADMIN_ID, "/start")
    row = await officer_row(bot, telegram_id)
    await people_db.set_active(bot.db, ADMIN_ID, row["id"], False, bot.clock.now())


async def _pending_moves(bot: BotDriver) -> list[dict[str, object]]:
    rows = await bot.db.fetchall(
        "SELECT * FROM registrations WHERE kind = 'move' AND status = 'pending'"
    )
    return [dict(row) for row in rows]


# ---- deactivated accounts ----------------------------------------------------------


async def test_deactivated_officer_reopening_a_multi_use_link_stays_deactivated(
    bot: BotDriver,
) -> None:
    user = bot.sandbox.add_user("Siti")
    shared = await bot.invitation(WANAHERANG, uses=50)
    assert "✅" in (await bot.say(user, f"/start {shared}"))[-1].plain_text
    await _deactivate(bot, user)
    before = await dump(bot.db)
    replies = await bot.say(user, f"/start {shared}")
    assert len(replies) == 1
    assert "dinonaktifkan" in replies[0].plain_text
    assert "hubungi koordinator" in replies[0].plain_text
    assert await dump(bot.db) == before
    assert (await officer_row(bot, user))["status"] == "inactive"


async def test_deactivated_officer_opening_another_units_admin_link_stays_deactivated(
    bot: BotDriver,
) -> None:
    user = await bot.join("Siti", WANAHERANG)
    await _deactivate(bot, user)
    promotion = await bot.invitation(CIBINONG, "admin", uses=5)
    before = await dump(bot.db)
    for token in (promotion, "B" * 32):  # a real link, and an unknown one: no lookup at all
        replies = await bot.say(user, f"/start {token}")
        assert len(replies) == 1 and "dinonaktifkan" in replies[0].plain_text
        assert replies[0].buttons() == []
    assert await dump(bot.db) == before


# ---- active accounts are not moved by a link ---------------------------------------


async def test_active_officer_opening_another_units_link_is_not_moved_without_approval(
    bot: BotDriver,
) -> None:
    coordinator = await bot.join("Dewi", CIBINONG, "coordinator")
    officer = await bot.join("Siti", WANAHERANG)
    token = await bot.invitation(PAKANSARI, uses=5)
    before = await dump(bot.db)
    asked = await bot.say(officer, f"/start {token}")
    assert "petugas untuk Desa Wanaherang" in asked[-1].plain_text
    assert "persetujuan" in asked[-1].plain_text
    assert await dump(bot.db) == before  # being asked changes nothing
    requested = await bot.press(officer, "Ya")
    assert "Permohonan pindah terkirim" in requested[-1].plain_text
    row = await officer_row(bot, officer)
    assert row["unit_id"] == await unit_id(bot, WANAHERANG) and row["status"] == "active"
    [move] = await _pending_moves(bot)
    assert move["officer_id"] == row["id"] and move["unit_id"] == await unit_id(bot, PAKANSARI)
    notice = bot.sandbox.messages(coordinator)[-1]
    assert "Permohonan pindah" in notice.plain_text
    assert "Sekarang: petugas untuk Desa Wanaherang" in notice.plain_text
    await bot.press(coordinator, "✅ Setujui", message_id=notice.message_id)
    row = await officer_row(bot, officer)
    assert row["unit_id"] == await unit_id(bot, PAKANSARI) and row["role"] == "officer"
    assert "disetujui" in bot.sandbox.messages(officer)[-1].plain_text
    assert "Disetujui oleh Dewi" in bot.sandbox.messages(coordinator)[-1].plain_text
    actions = [
        row["action"]
        for row in await bot.db.fetchall(
            "SELECT action FROM audit_log WHERE target = ? ORDER BY id",
            (f"registration:{move['id']}",),
        )
    ]
    assert actions == ["registration.submit", "registration.approve"]


async def test_officer_opening_a_coordinator_link_is_promoted_only_by_an_administrator(
    bot: BotDriver,
) -> None:
    await bot.say(ADMIN_ID, "/start")
    coordinator = await bot.join("Dewi", GUNUNGPUTRI, "coordinator")
    officer = await bot.join("Siti", WANAHERANG)
    token = await bot.invitation(GUNUNGPUTRI, "coordinator")
    await bot.say(officer, f"/start {token}")
    await bot.press(officer, "Ya")
    [move] = await _pending_moves(bot)
    assert "Permohonan pindah" not in bot.sandbox.messages(coordinator)[-1].plain_text
    before = await dump(bot.db)
    shown = await bot.say(coordinator, "/profil")
    await bot.press_data(coordinator, shown[-1].message_id, f"rg:ok:{move['id']}")
    answer = bot.sandbox.callback_answers[-1]
    assert answer["show_alert"] and "di luar wilayah kewenangan" in answer["text"]
    assert await dump(bot.db) == before
    assert (await officer_row(bot, officer))["role"] == "officer"
    notice = bot.sandbox.messages(ADMIN_ID)[-1]
    assert "Permohonan pindah" in notice.plain_text
    await bot.press(ADMIN_ID, "✅ Setujui", message_id=notice.message_id)
    assert (await officer_row(bot, officer))["role"] == "coordinator"


async def test_rejected_move_leaves_the_account_as_it_was(bot: BotDriver) -> None:
    coordinator = await bot.join("Dewi", CIBINONG, "coordinator")
    officer = await bot.join("Siti", WANAHERANG)
    before = await officer_row(bot, officer)
    await bot.say(officer, f"/start {await bot.invitation(PAKANSARI)}")
    await bot.press(officer, "Ya")
    await bot.press(coordinator, "❌ Tolak")
    assert dict(await officer_row(bot, officer)) == dict(before)
    told = bot.sandbox.messages(officer)[-1].plain_text
    assert "ditolak" in told and "tidak berubah" in told


async def test_officer_deactivated_while_a_move_waits_is_not_brought_back_by_its_approval(
    bot: BotDriver,
) -> None:
    coordinator = await bot.join("Dewi", CIBINONG, "coordinator")
    officer = await bot.join("Siti", WANAHERANG)
    await bot.say(officer, f"/start {await bot.invitation(PAKANSARI)}")
    await bot.press(officer, "Ya")
    await _deactivate(bot, officer)
    notice = [m for m in bot.sandbox.messages(coordinator) if "Permohonan pindah" in m.plain_text]
    await bot.press(coordinator, "✅ Setujui", message_id=notice[-1].message_id)
    row = await officer_row(bot, officer)
    assert row["status"] == "inactive" and row["unit_id"] == await unit_id(bot, WANAHERANG)
    assert await _pending_moves(bot) == []
    assert "sudah tidak aktif" in bot.sandbox.callback_answers[-1]["text"]


async def test_second_move_request_while_one_waits_is_refused(bot: BotDriver) -> None:
    await bot.join("Dewi", CIBINONG, "coordinator")
    officer = await bot.join("Siti", WANAHERANG)
    token = await bot.invitation(PAKANSARI, uses=5)
    await bot.say(officer, f"/start {token}")
    await bot.press(officer, "Ya")
    await bot.say(officer, f"/start {token}")
    before = await dump(bot.db)
    replies = await bot.press(officer, "Ya")
    assert "sudah punya permohonan" in replies[-1].plain_text
    assert await dump(bot.db) == before


async def test_link_of_ones_own_unit_and_role_changes_nothing(bot: BotDriver) -> None:
    officer = await bot.join("Siti", WANAHERANG)
    token = await bot.invitation(WANAHERANG, uses=5)
    before = await dump(bot.db)
    replies = await bot.say(officer, f"/start {token}")
    assert len(replies) == 1 and "sudah terdaftar di unit ini" in replies[0].plain_text
    assert await dump(bot.db) == before


async def test_move_button_pressed_after_the_link_was_revoked_changes_nothing(
    bot: BotDriver,
) -> None:
    await bot.join("Dewi", CIBINONG, "coordinator")
    officer = await bot.join("Siti", WANAHERANG)
    token = await bot.invitation(PAKANSARI, uses=5)
    await bot.say(officer, f"/start {token}")
    [live], _ = await invitations_db.list_live(bot.db, bot.clock.now(), None)
    await invitations_db.revoke(bot.db, live.invitation.id, bot.clock.now(), by_telegram_id=None)
    before = await dump(bot.db)
    replies = await bot.press(officer, "Ya")
    assert "dicabut" in replies[-1].plain_text
    assert await dump(bot.db) == before


# ---- listing and revoking ------------------------------------------------------------


async def test_coordinator_lists_only_their_scope_and_revokes_with_one_button(
    bot: BotDriver,
) -> None:
    coordinator = await bot.join("Dewi", CIBINONG, "coordinator")
    ours = await bot.invitation(PAKANSARI, uses=5)
    await bot.invitation(CIBINONG, uses=3)
    theirs = await bot.invitation(WANAHERANG)
    shown = await bot.say(coordinator, "/undang")
    assert ["📋 Undangan yang berlaku (2)"] in shown[-1].button_labels()
    await bot.press(coordinator, "📋 Undangan yang berlaku (2)")
    listing = bot.sandbox.messages(coordinator)[-1].plain_text
    assert "Undangan yang masih berlaku (2)" in listing
    assert "Kelurahan Pakansari · petugas" in listing and "sisa 5 dari 5" in listing
    assert "dibuat oleh admin server" in listing
    assert "Wanaherang" not in listing
    ours_id = await bot.db.fetchval(
        "SELECT id FROM invitations WHERE token_hash = ?", (invitations_db.hash_token(ours),)
    )
    await bot.press(coordinator, f"🚫 Cabut #{ours_id}")
    after = bot.sandbox.messages(coordinator)[-1].plain_text
    assert f"Undangan #{ours_id} dicabut" in after and "Pakansari" not in after
    revoked = await bot.db.fetchone("SELECT * FROM invitations WHERE id = ?", (ours_id,))
    assert revoked is not None
    assert revoked["revoked_at"] is not None
    audit = await bot.db.fetchone(
        "SELECT * FROM audit_log WHERE action = 'invitation.revoke' AND target = ?",
        (f"invitation:{ours_id}",),
    )
    assert audit is not None
    assert audit["actor_id"] == (await officer_row(bot, coordinator))["id"]
    newcomer = bot.sandbox.add_user("Budi")
    assert "dicabut" in (await bot.say(newcomer, f"/start {ours}"))[-1].plain_text
    assert "✅" in (await bot.say(newcomer, f"/start {theirs}"))[-1].plain_text


async def test_many_live_invitations_are_listed_a_page_at_a_time(bot: BotDriver) -> None:
    await bot.say(ADMIN_ID, "/start")
    for _ in range(7):
        await bot.invitation(WANAHERANG)
    await bot.say(ADMIN_ID, "/undang")
    await bot.press(ADMIN_ID, "📋 Undangan yang berlaku (7)")
    first = bot.sandbox.messages(ADMIN_ID)[-1]
    assert "halaman 1/2" in first.plain_text
    labels = [label for row in first.button_labels() for label in row]
    assert sum(label.startswith("🚫 Cabut") for label in labels) == 5
    await bot.press(ADMIN_ID, "Berikutnya »")
    second = bot.sandbox.messages(ADMIN_ID)[-1]
    assert "halaman 2/2" in second.plain_text
    assert sum(label.startswith("🚫 Cabut") for row in second.button_labels() for label in row) == 2


async def test_forged_revoke_presses_are_refused_and_change_nothing(bot: BotDriver) -> None:
    coordinator = await bot.join("Dewi", CIBINONG, "coordinator")
    officer = await bot.join("Siti", PAKANSARI)
    await bot.invitation(WANAHERANG)
    await bot.invitation(PAKANSARI)
    listed, _ = await invitations_db.list_live(bot.db, bot.clock.now(), None)
    ids = {live.unit_code: live.invitation.id for live in listed}
    shown = await bot.say(coordinator, "/profil")
    before = await dump(bot.db)
    cases = [
        (coordinator, f"iv:rv:{ids[WANAHERANG]}:0", "wilayah"),  # another kecamatan's
        (coordinator, "iv:rv:999999:0", "tidak berlaku"),  # no such invitation
        (officer, f"iv:rv:{ids[PAKANSARI]}:0", "koordinator"),  # not a coordinator
    ]
    for person, data, expected in cases:
        message = shown[-1] if person == coordinator else (await bot.say(officer, "/profil"))[-1]
        await bot.press_data(person, message.message_id, data)
        answer = bot.sandbox.callback_answers[-1]
        assert answer["show_alert"] and expected in answer["text"].lower(), (data, answer)
    assert await dump(bot.db) == before


# ---- guessing tokens ------------------------------------------------------------------


async def test_token_guessing_is_locked_out_for_an_hour(bot: BotDriver) -> None:
    guesser = bot.sandbox.add_user("Tebak")
    valid = await bot.invitation(WANAHERANG)
    for guess in range(5):
        replies = await bot.say(guesser, f"/start {str(guess) * 32}")
        assert "tidak dikenal" in replies[-1].plain_text
    before = await dump(bot.db)
    for token in (valid, "Z" * 32):
        replies = await bot.say(guesser, f"/start {token}")
        assert len(replies) == 1 and "Terlalu banyak" in replies[0].plain_text
    assert await dump(bot.db) == before  # refused without a lookup or a count
    assert await officer_row(bot, guesser) is None
    bot.clock.advance(timedelta(minutes=59))
    assert "Terlalu banyak" in (await bot.say(guesser, f"/start {valid}"))[-1].plain_text
    bot.clock.advance(timedelta(minutes=1, seconds=1))
    assert "✅" in (await bot.say(guesser, f"/start {valid}"))[-1].plain_text
    lockouts = await bot.db.fetchall(
        "SELECT * FROM audit_log WHERE action = 'invitation.lockout' AND actor_label = ?",
        (f"tg:{guesser}",),
    )
    assert len(lockouts) == 1


async def test_guesses_spread_beyond_ten_minutes_are_not_locked_out(bot: BotDriver) -> None:
    guesser = bot.sandbox.add_user("Lupa")
    for guess in range(4):
        await bot.say(guesser, f"/start {str(guess) * 32}")
    bot.clock.advance(timedelta(minutes=10, seconds=1))
    await bot.say(guesser, f"/start {'9' * 32}")
    other = bot.sandbox.add_user("Lain")
    for guess in range(5):  # another account's guesses do not count against this one
        await bot.say(other, f"/start {str(guess) * 32}")
    valid = await bot.invitation(WANAHERANG)
    assert "✅" in (await bot.say(guesser, f"/start {valid}"))[-1].plain_text


async def test_failures_log_a_hash_not_the_token(
    bot: BotDriver, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    guesser = bot.sandbox.add_user("Tebak")
    tokens = [f"{guess}aZ_" * 8 for guess in range(6)]
    for token in tokens:
        await bot.say(guesser, f"/start {token}")
    expired = await bot.invitation(WANAHERANG, days=1)
    bot.clock.advance(timedelta(days=2))
    await bot.say(bot.sandbox.add_user("Siti"), f"/start {expired}")
    logged = "\n".join(record.getMessage() for record in caplog.records)
    for token in [*tokens, expired]:
        assert token not in logged
    assert f"unknown (token {invitations_db.token_hint(tokens[0])})" in logged
    assert f"locked (token {invitations_db.token_hint(tokens[5])})" in logged
    assert f"expired (token {invitations_db.token_hint(expired)})" in logged
    stored = repr(await dump(bot.db))
    assert not any(token in stored for token in tokens)


# ---- the shell ----------------------------------------------------------------------


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(f'[database]\npath = "{tmp_path / "cli.db"}"\n', encoding="utf-8")
    return path


def _cli(config: Path, *args: str) -> int:
    return main(["--config", str(config), *args])


async def _revoked_at(path: Path, invitation_id: int) -> str | None:
    db = await Database.open(path)
    try:
        value = await db.fetchval(
            "SELECT revoked_at FROM invitations WHERE id = ?", (invitation_id,)
        )
        actor = await db.fetchval(
            "SELECT actor_label FROM audit_log WHERE action = 'invitation.revoke' AND target = ?",
            (f"invitation:{invitation_id}",),
        )
    finally:
        await db.close()
    assert actor == "cli"
    return None if value is None else str(value)


def test_cli_lists_live_invitations_and_revokes_one(
    config: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _cli(config, "init") == 0
    assert _cli(config, "invite", "list") == 0
    assert "no live invitations" in capsys.readouterr().err
    made = [
        ("invite", "--unit", WANAHERANG, "--role", "officer", "--uses", "3"),
        ("invite", "create", "--unit", CIBINONG, "--role", "coordinator"),
    ]
    for args in made:
        assert _cli(config, *args, "--bot-username", "humas_bot") == 0
    links = capsys.readouterr().out.split()
    assert len(links) == 2 and all(
        link.startswith("https://t.me/humas_bot?start=") for link in links
    )
    assert _cli(config, "invite", "list") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("id\tunit")
    assert lines[1].split("\t")[:5] == ["2", CIBINONG, "kecamatan Cibinong", "coordinator", "1/1"]
    assert lines[2].split("\t")[:5] == ["1", WANAHERANG, "desa Wanaherang", "officer", "3/3"]
    assert all(line.endswith("\tcli") for line in lines[1:])
    assert not any(link.rsplit("=", 1)[1] in "\n".join(lines) for link in links)

    assert _cli(config, "invite", "revoke", "1") == 0
    assert "revoked invitation 1: officer for desa Wanaherang" in capsys.readouterr().out
    assert _cli(config, "invite", "list") == 0
    assert [line.split("\t")[0] for line in capsys.readouterr().out.splitlines()[1:]] == ["2"]
    db_path = config.parent / "cli.db"
    assert asyncio.run(_revoked_at(db_path, 1)) is not None


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("invite", "revoke", "1"), "revoked already"),
        (("invite", "revoke", "99"), "no invitation 99"),
        (("invite", "revoke", str(2**70)), "no invitation"),
        (("invite", "revoke"), "give the id"),
        (("invite", "--role", "officer", "--bot-username", "b"), "needs --unit"),
        (("invite", "create", "--unit", WANAHERANG, "--bot-username", "b"), "needs --unit"),
    ],
)
def test_cli_invite_mistakes_are_one_line_with_exit_2(
    config: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], expected: str
) -> None:
    assert _cli(config, "init") == 0
    assert (
        _cli(config, "invite", "--unit", WANAHERANG, "--role", "officer", "--bot-username", "b")
        == 0
    )
    assert _cli(config, "invite", "revoke", "1") == 0
    capsys.readouterr()
    assert _cli(config, *args) == 2
    err = capsys.readouterr().err
    assert expected in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
