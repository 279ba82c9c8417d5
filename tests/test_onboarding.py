"""Joining by invitation, /undang, /bahasa, /bantuan, /batal, command menus and group chats."""

from __future__ import annotations

import asyncio
import json
from datetime import timedelta

from bot.devtools.driver import BotDriver
from db import invitations as invitations_db
from db.officers import Role
from db.timefmt import to_db
from handlers.commands import commands_for
from handlers.menus import sync_all_menus
from tests.conftest import ADMIN_ID
from tests.factories import CIBINONG, GUNUNGPUTRI, WANAHERANG, dump, officer_row, unit_id


def _names(role: Role | None) -> list[str]:
    return [spec.name for spec in commands_for(role)]


def _chat_menu(bot: BotDriver, chat_id: int) -> list[str]:
    scope = json.dumps({"type": "chat", "chat_id": chat_id}, separators=(",", ":"))
    return [item["command"] for item in bot.sandbox.commands[(scope, "")]]


def _menu_descriptions(bot: BotDriver, chat_id: int) -> list[str]:
    scope = json.dumps({"type": "chat", "chat_id": chat_id}, separators=(",", ":"))
    return [item["description"] for item in bot.sandbox.commands[(scope, "")]]


async def test_join_by_invitation_in_one_tap(bot: BotDriver) -> None:
    user = bot.sandbox.add_user("Siti", last_name="Aminah")
    token = await bot.invitation(WANAHERANG)
    replies = await bot.say(user, f"/start {token}")  # the one tap: START under the deep link
    assert len(replies) == 1
    text = replies[0].plain_text
    assert "Selamat bergabung, Siti Aminah" in text
    assert "petugas untuk Desa Wanaherang, Kecamatan Gunungputri" in text
    assert "/bantuan" in text and "/undang" not in text and len(text.splitlines()) <= 8
    row = await officer_row(bot, user)
    assert row["status"] == "active" and row["unit_id"] == await unit_id(bot, WANAHERANG)
    assert _chat_menu(bot, user) == _names("officer")
    assert "undang" not in _chat_menu(bot, user)
    print("\njoin by invitation: 1 tap, 0 typed messages, 1 reply")


async def test_every_bad_token_is_refused_and_changes_nothing(bot: BotDriver) -> None:
    expiring = await bot.invitation(WANAHERANG, days=1)
    single = await bot.invitation(WANAHERANG, uses=1)
    revoked = await bot.invitation(WANAHERANG)
    await bot.db.execute(
        "UPDATE invitations SET revoked_at = ? WHERE token_hash = ?",
        (to_db(bot.clock.now()), invitations_db.hash_token(revoked)),
    )
    first = bot.sandbox.add_user("Pertama")
    assert "✅" in (await bot.say(first, f"/start {single}"))[-1].plain_text
    bot.clock.advance(timedelta(days=1))
    cases = {
        "tidak valid": "abc",
        "tidak dikenal": "A" * 32,
        "kedaluwarsa": expiring,
        "sudah dipakai sebanyak batasnya": single,
        "dicabut": revoked,
    }
    for expected, token in cases.items():
        before = await dump(bot.db)
        user = bot.sandbox.add_user("Siti")
        replies = await bot.say(user, f"/start {token}")
        assert len(replies) == 1 and expected in replies[0].plain_text, (token, replies)
        after = await dump(bot.db)
        # An unknown token is counted against the account (a short hash, never the token).
        counted = after.pop("invitation_failures")
        assert counted == before.pop("invitation_failures") + (
            [(len(counted), user, invitations_db.token_hint(token), to_db(bot.clock.now()))]
            if expected == "tidak dikenal"
            else []
        )
        assert after == before


async def test_invitation_use_limit(bot: BotDriver) -> None:
    token = await bot.invitation(WANAHERANG, uses=2)
    joined = []
    for name in ("Satu", "Dua", "Tiga"):
        user = bot.sandbox.add_user(name)
        joined.append("✅" in (await bot.say(user, f"/start {token}"))[-1].plain_text)
    assert joined == [True, True, False]


async def test_registered_person_asks_to_move_and_is_never_silently_demoted(
    bot: BotDriver,
) -> None:
    await bot.say(ADMIN_ID, "/start")
    coordinator = await bot.join("Dewi", CIBINONG, "coordinator")
    token = await bot.invitation(WANAHERANG, "officer", uses=2)
    before = await dump(bot.db)
    asked = await bot.say(coordinator, f"/start {token}")
    assert "koordinator untuk Kecamatan Cibinong" in asked[-1].plain_text
    assert asked[-1].button_labels() == [["Ya", "Tidak"]]
    await bot.press(coordinator, "Tidak")
    assert await dump(bot.db) == before
    await bot.say(coordinator, f"/start {token}")
    requested = await bot.press(coordinator, "Ya")
    assert "Permohonan pindah terkirim" in requested[-1].plain_text
    row = await officer_row(bot, coordinator)
    assert row["role"] == "coordinator" and row["unit_id"] == await unit_id(bot, CIBINONG)
    # Giving up a coordinator's rank is decided by an administrator.
    notice = bot.sandbox.messages(ADMIN_ID)[-1]
    assert "Permohonan pindah" in notice.plain_text and "Dewi" in notice.plain_text
    await bot.press(ADMIN_ID, "✅ Setujui", message_id=notice.message_id)
    row = await officer_row(bot, coordinator)
    assert row["role"] == "officer" and row["unit_id"] == await unit_id(bot, WANAHERANG)
    assert "Permohonan pindah Anda disetujui" in bot.sandbox.messages(coordinator)[-1].plain_text
    assert _chat_menu(bot, coordinator) == _names("officer")


async def test_coordinator_invites_an_officer_of_their_kecamatan(bot: BotDriver) -> None:
    coordinator = await bot.join("Dewi", CIBINONG, "coordinator")
    shown = await bot.say(coordinator, "/undang")
    labels = [label for row in shown[-1].button_labels() for label in row]
    # Straight to Cibinong's own units: no other kecamatan, no regency, no role choice.
    assert "🏢 Kantor Kecamatan Cibinong" in labels and "Kel. Pakansari" in labels
    assert "Gunungputri" not in labels
    await bot.press(coordinator, "Kel. Pakansari")
    assert "Berapa orang" in bot.sandbox.messages(coordinator)[-1].plain_text
    await bot.press(coordinator, "5")
    replies = await bot.press(coordinator, "7 hari")
    summary = bot.sandbox.messages(coordinator)[-2].plain_text
    assert (
        "Undangan dibuat" in summary and "Kelurahan Pakansari" in summary and "5 orang" in summary
    )
    assert "Selasa, 8 Desember 2026 pukul 08.00 WIB" in summary
    [forward] = replies
    assert "Anda diundang sebagai petugas untuk Kelurahan Pakansari" in forward.plain_text
    link = next(word for word in forward.plain_text.split() if word.startswith("https://t.me/"))
    assert link.startswith(f"https://t.me/{bot.sandbox.bot_username}?start=")
    row = await bot.db.fetchone("SELECT * FROM invitations ORDER BY id DESC LIMIT 1")
    assert row is not None
    assert row["max_uses"] == 5 and row["role"] == "officer"
    assert row["created_by"] == (await officer_row(bot, coordinator))["id"]
    newcomer = bot.sandbox.add_user("Budi")
    joined = await bot.say(newcomer, f"/start {link.split('=', 1)[1]}")
    assert "petugas untuk Kelurahan Pakansari" in joined[-1].plain_text


async def test_admin_invites_a_coordinator_by_search_and_typed_numbers(bot: BotDriver) -> None:
    await bot.say(ADMIN_ID, "/start")
    shown = await bot.say(ADMIN_ID, "/invite")
    labels = [label for row in shown[-1].button_labels() for label in row]
    assert "Babakan Madang" in labels and "Berikutnya »" in labels
    assert "⭐ Kabupaten Bogor (pusat)" in labels
    found = await bot.say(ADMIN_ID, "gunungput")
    # As when browsing, the kecamatan opens its list, with its office on top.
    await bot.press(ADMIN_ID, "Kecamatan Gunungputri", message_id=found[-1].message_id)
    opened = bot.sandbox.messages(ADMIN_ID)[-1]
    assert opened.message_id == found[-1].message_id
    assert "Desa Wanaherang" in [label for row in opened.button_labels() for label in row]
    await bot.press(ADMIN_ID, "🏢 Kantor Kecamatan Gunungputri")
    await bot.press(ADMIN_ID, "koordinator")
    wrong = await bot.say(ADMIN_ID, "5000")
    assert "antara 1 dan 1000" in wrong[-1].plain_text
    await bot.say(ADMIN_ID, "3")
    await bot.say(ADMIN_ID, "30")
    row = await bot.db.fetchone("SELECT * FROM invitations ORDER BY id DESC LIMIT 1")
    assert row is not None
    assert (row["role"], row["max_uses"], row["unit_id"]) == (
        "coordinator",
        3,
        await unit_id(bot, GUNUNGPUTRI),
    )


async def test_language_switch_changes_replies_and_the_menu(bot: BotDriver) -> None:
    user = await bot.join("Siti", WANAHERANG)
    assert _menu_descriptions(bot, user)[4] == "Profil dan unit Anda"
    shown = await bot.say(user, "/bahasa")
    assert shown[-1].button_labels() == [["🇮🇩 Bahasa Indonesia", "🇬🇧 English"]]
    await bot.press(user, "🇬🇧 English")
    assert "Language changed to English" in bot.sandbox.messages(user)[-1].plain_text
    assert _menu_descriptions(bot, user)[4] == "Your profile and unit"
    help_text = (await bot.say(user, "/help"))[-1].plain_text
    assert "Commands for officer" in help_text and "/bahasa — Change language" in help_text
    assert "Your profile" in (await bot.say(user, "/profil"))[-1].plain_text
    assert (await officer_row(bot, user))["language"] == "en"
    assert "Bahasa diganti" in (await bot.say(user, "/language id"))[-1].plain_text
    assert _menu_descriptions(bot, user)[4] == "Profil dan unit Anda"
    actions = [r["action"] for r in await bot.db.fetchall("SELECT action FROM audit_log")]
    assert actions.count("officer.set_language") == 2


async def test_help_lists_only_the_commands_of_the_role(bot: BotDriver) -> None:
    stranger = bot.sandbox.add_user("Asing")
    officer = await bot.join("Siti", WANAHERANG)
    coordinator = await bot.join("Dewi", GUNUNGPUTRI, "coordinator")
    lines = {}
    for who in (stranger, officer, coordinator):
        text = (await bot.say(who, "/bantuan"))[-1].plain_text
        lines[who] = [line.split(" ")[0] for line in text.splitlines()[1:]]
    assert (
        lines[stranger]
        == ["/" + name for name in _names(None)]
        == [
            "/start",
            "/dataku",
            "/bantuan",
            "/batal",
        ]
    )
    assert lines[officer] == ["/" + name for name in _names("officer")]
    assert lines[coordinator] == ["/" + name for name in _names("coordinator")]
    assert {"/profil", "/bahasa"} <= set(lines[officer]) and "/undang" not in lines[officer]
    assert {"/undang", "/petugas"} <= set(lines[coordinator])


async def test_batal_ends_every_conversation_in_progress(bot: BotDriver) -> None:
    idle = bot.sandbox.add_user("Santai")
    assert (await bot.say(idle, "/batal"))[
        -1
    ].plain_text == "Tidak ada proses yang sedang berjalan."
    coordinator = await bot.join("Dewi", CIBINONG, "coordinator")
    bot.sandbox.send_text(coordinator, "/undang")
    bot.sandbox.send_text(coordinator, "/petugas")
    await bot.idle()
    ended = await bot.say(coordinator, "/cancel")
    assert [m.plain_text for m in ended] == ["Dibatalkan. Tidak ada yang diubah."] * 2
    # Typed text no longer goes to a picker's search.
    assert "/bantuan" in (await bot.say(coordinator, "pakansari"))[-1].plain_text


async def test_group_chats_get_a_private_link_or_silence(bot: BotDriver) -> None:
    coordinator = await bot.join("Dewi", CIBINONG, "coordinator")
    stranger = bot.sandbox.add_user("Asing")
    group = bot.sandbox.add_group("Humas Cibinong", [coordinator, stranger])
    before = await dump(bot.db)
    for who, command in (
        (coordinator, "/undang"),
        (coordinator, "/petugas"),
        (stranger, "/bahasa"),
    ):
        replies = await bot.say(who, command, chat_id=group)
        assert (
            len(replies) == 1
            and f"https://t.me/{bot.sandbox.bot_username}" in replies[0].plain_text
        )
    assert await bot.say(coordinator, "pakansari", chat_id=group) == []
    assert await dump(bot.db) == before


async def test_menus_are_sent_only_when_they_change(bot: BotDriver) -> None:
    default = json.dumps({"type": "default"}, separators=(",", ":"))
    assert [c["command"] for c in bot.sandbox.commands[(default, "en")]] == [
        "start",
        "dataku",
        "bantuan",
        "batal",
    ]
    assert bot.sandbox.commands[(default, "en")][2]["description"] == "List of commands"
    user = await bot.join("Siti", WANAHERANG)
    calls = bot.sandbox.stats.requests.get("setMyCommands", 0)
    assert bot.app is not None
    assert await sync_all_menus(bot.app.bot, bot.db, pause=0) == 0
    # A menu lost (e.g. a release changed the command list): the next pass sends it again.
    await bot.db.execute(
        "UPDATE officers SET menu_signature = 'old' WHERE telegram_id = ?", (user,)
    )
    assert await sync_all_menus(bot.app.bot, bot.db, pause=0) == 1
    assert bot.sandbox.stats.requests.get("setMyCommands", 0) == calls + 1
    assert _chat_menu(bot, user) == _names("officer")


async def test_start_up_refreshes_only_the_menus_that_changed(bot: BotDriver) -> None:
    user = await bot.join("Siti", WANAHERANG)
    other = await bot.join("Sari", WANAHERANG)
    await bot.db.execute(
        "UPDATE officers SET menu_signature = 'old' WHERE telegram_id = ?", (user,)
    )
    await bot.stop()
    calls = bot.sandbox.stats.requests.get("setMyCommands", 0)
    await bot.start()
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 5
    while (
        await bot.db.fetchval("SELECT menu_signature FROM officers WHERE telegram_id = ?", (user,))
        == "old"
    ):
        assert loop.time() < deadline, "the start-up pass did not run"
        await asyncio.sleep(0.01)
    # Three default-scope menus, and one chat menu: the one that was out of date.
    assert bot.sandbox.stats.requests.get("setMyCommands", 0) == calls + 3 + 1
    assert _chat_menu(bot, user) == _chat_menu(bot, other) == _names("officer")


async def test_a_configured_admin_is_recognised_by_any_first_message(bot: BotDriver) -> None:
    group = bot.sandbox.add_group("Humas Bogor", [ADMIN_ID])
    # Not from a group: the account's chat is the private one.
    await bot.say(ADMIN_ID, "/pengumuman", chat_id=group)
    assert await officer_row(bot, ADMIN_ID) is None

    replies = await bot.say(ADMIN_ID, "/pengumuman")
    assert "belum terdaftar" not in replies[-1].plain_text
    assert "pengumuman" in replies[-1].plain_text.lower()
    row = await officer_row(bot, ADMIN_ID)
    assert row is not None
    assert (row["role"], row["status"], row["chat_id"]) == ("admin", "active", ADMIN_ID)
    assert row["unit_id"] == await unit_id(bot, "32.01")
    assert row["full_name"] == "Admin Diskominfo"
    assert "pengumuman" in _chat_menu(bot, ADMIN_ID)

    # /start afterwards greets the same account; it is made once.
    welcome = await bot.say(ADMIN_ID, "/start")
    assert "terdaftar sebagai administrator" in welcome[-1].plain_text
    made = await bot.db.fetchval(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'officer.bootstrap_admin'"
    )
    assert made == 1


async def test_a_configured_admin_typing_first_gets_an_account_a_stranger_none(
    bot: BotDriver,
) -> None:
    await bot.say(ADMIN_ID, "halo")
    row = await officer_row(bot, ADMIN_ID)
    assert row is not None and row["role"] == "admin"
    # Someone not in the configuration is not made anything.
    stranger = bot.sandbox.add_user("Asing")
    refused = await bot.say(stranger, "/pengumuman")
    assert "belum terdaftar" in refused[-1].plain_text
    assert await officer_row(bot, stranger) is None
