"""/petugas: list by unit and kecamatan, open one, change role, move, deactivate, reactivate."""

from __future__ import annotations

import json

from bot.devtools.driver import BotDriver
from handlers.commands import commands_for
from tests.attack_support import crashes
from tests.conftest import ADMIN_ID
from tests.factories import (
    CIBINONG,
    KARADENAN,
    PAKANSARI,
    WANAHERANG,
    dump,
    is_refusal,
    officer_row,
    unit_id,
)


def _labels(bot: BotDriver, user: int) -> list[str]:
    return [label for row in bot.sandbox.messages(user)[-1].button_labels() for label in row]


def _number_of(bot: BotDriver, user: int, name: str) -> str:
    """The list button that opens ``name``."""
    for line in bot.sandbox.messages(user)[-1].plain_text.splitlines():
        if f". {name} —" in line:
            return line.split(".", 1)[0]
    raise AssertionError(f"{name} is not listed")


def _menu(bot: BotDriver, chat_id: int) -> list[str]:
    scope = json.dumps({"type": "chat", "chat_id": chat_id}, separators=(",", ":"))
    return [item["command"] for item in bot.sandbox.commands[(scope, "")]]


async def _actions(bot: BotDriver) -> list[str]:
    return [
        row["action"] for row in await bot.db.fetchall("SELECT action FROM audit_log ORDER BY id")
    ]


async def test_coordinator_deactivates_and_reactivates_an_officer(bot: BotDriver) -> None:
    coordinator = await bot.join("Dewi", CIBINONG, "coordinator")
    ani = await bot.join("Ani", PAKANSARI)
    await bot.join("Ina", KARADENAN)
    await bot.join("Bima", WANAHERANG)

    listed = (await bot.say(coordinator, "/petugas"))[-1].plain_text
    assert "seluruh wilayah Anda" in listed and "3 orang" in listed
    assert (
        "Ani — Kelurahan Pakansari · petugas" in listed and "Ina" in listed and "Bima" not in listed
    )

    await bot.press(coordinator, _number_of(bot, coordinator, "Ani"))
    card = bot.sandbox.messages(coordinator)[-1]
    assert "Ani" in card.plain_text and "Kelurahan Pakansari, Kecamatan Cibinong" in card.plain_text
    assert _labels(bot, coordinator) == ["🔀 Pindah unit", "⛔ Nonaktifkan", "« Daftar"]
    await bot.press(coordinator, "⛔ Nonaktifkan")
    assert "Nonaktifkan Ani" in bot.sandbox.messages(coordinator)[-1].plain_text
    await bot.press(coordinator, "Ya, nonaktifkan")

    assert bot.sandbox.messages(coordinator)[-1].plain_text.startswith("✅ Dinonaktifkan.")
    assert (await officer_row(bot, ani))["status"] == "inactive"
    assert "officer.deactivate" in await _actions(bot)
    assert "dinonaktifkan oleh Dewi" in bot.sandbox.messages(ani)[-1].plain_text
    assert _menu(bot, ani) == ["start", "dataku", "bantuan", "batal"]
    assert is_refusal((await bot.say(ani, "/profil"))[-1].plain_text)
    assert "/profil" not in (await bot.say(ani, "/bantuan"))[-1].plain_text

    await bot.press(coordinator, "✅ Aktifkan kembali")
    assert (await officer_row(bot, ani))["status"] == "active"
    assert "diaktifkan kembali oleh Dewi" in bot.sandbox.messages(ani)[-1].plain_text
    assert _menu(bot, ani) == [spec.name for spec in commands_for("officer")]

    await bot.press(coordinator, "« Daftar")
    await bot.press(coordinator, _number_of(bot, coordinator, "Dewi"))
    assert "tidak dapat mengubah akun ini" in bot.sandbox.messages(coordinator)[-1].plain_text
    assert _labels(bot, coordinator) == ["« Daftar"]


async def test_coordinator_moves_an_officer_within_their_kecamatan(bot: BotDriver) -> None:
    coordinator = await bot.join("Dewi", CIBINONG, "coordinator")
    ani = await bot.join("Ani", PAKANSARI)
    await bot.say(coordinator, "/people")
    await bot.press(coordinator, _number_of(bot, coordinator, "Ani"))
    await bot.press(coordinator, "🔀 Pindah unit")
    picker = bot.sandbox.messages(coordinator)[-1]
    assert "Pindah unit" in picker.plain_text and "Gunungputri" not in picker.plain_text
    found = await bot.say(coordinator, "karaden")
    await bot.press(
        coordinator, "Kelurahan Karadenan, Kecamatan Cibinong", message_id=found[-1].message_id
    )
    assert bot.sandbox.messages(coordinator)[-1].plain_text.startswith("✅ Dipindahkan.")
    assert (await officer_row(bot, ani))["unit_id"] == await unit_id(bot, KARADENAN)
    assert "Kelurahan Karadenan" in bot.sandbox.messages(ani)[-1].plain_text
    move = await bot.db.fetchone("SELECT * FROM audit_log WHERE action = 'officer.move'")
    assert move is not None
    assert json.loads(move["details"])["new_unit_id"] == await unit_id(bot, KARADENAN)

    # A forged choice of a unit in another kecamatan is refused and changes nothing.
    await bot.press(coordinator, "🔀 Pindah unit")
    before = await dump(bot.db)
    message = bot.sandbox.messages(coordinator)[-1].message_id
    await bot.press_data(coordinator, message, f"pm:u:{await unit_id(bot, WANAHERANG)}")
    answer = bot.sandbox.callback_answers[-1]
    assert answer["show_alert"] and "di luar wilayah" in answer["text"]
    assert await dump(bot.db) == before


async def test_admin_filters_by_kecamatan_pages_and_changes_a_role(bot: BotDriver) -> None:
    await bot.say(ADMIN_ID, "/start")
    for number in range(11):
        await bot.join(f"Petugas {number:02d}", PAKANSARI)
    ani = await bot.join("Ani", KARADENAN)
    await bot.join("Bima", WANAHERANG)

    await bot.say(ADMIN_ID, "/petugas")
    assert {"Cibinong", "👥 Semua petugas", "🏛 Kabupaten & perangkat daerah"} <= set(
        _labels(bot, ADMIN_ID)
    )
    await bot.press(ADMIN_ID, "Cibinong")
    page_one = bot.sandbox.messages(ADMIN_ID)[-1].plain_text
    assert "Kecamatan Cibinong" in page_one and "12 orang · halaman 1/2" in page_one
    assert "Bima" not in page_one and "Berikutnya »" in _labels(bot, ADMIN_ID)
    await bot.press(ADMIN_ID, "Berikutnya »")
    page_two = bot.sandbox.messages(ADMIN_ID)[-1].plain_text
    assert "halaman 2/2" in page_two and "Petugas 10" in page_two
    await bot.press(ADMIN_ID, "« Sebelumnya")

    await bot.press(ADMIN_ID, _number_of(bot, ADMIN_ID, "Ani"))
    await bot.press(ADMIN_ID, "🎭 Ubah peran")
    assert _labels(bot, ADMIN_ID) == ["koordinator", "administrator", "« Kembali"]
    await bot.press(ADMIN_ID, "koordinator")
    assert bot.sandbox.messages(ADMIN_ID)[-1].plain_text.startswith("✅ Peran diubah.")
    assert (await officer_row(bot, ani))["role"] == "coordinator"
    assert "Peran Anda kini koordinator" in bot.sandbox.messages(ani)[-1].plain_text
    assert "undang" in _menu(bot, ani)
    change = await bot.db.fetchone("SELECT * FROM audit_log WHERE action = 'officer.change_role'")
    assert change is not None
    assert json.loads(change["details"]) == {"old": "officer", "new": "coordinator"}

    await bot.press(ADMIN_ID, "« Daftar")
    assert "halaman 1/2" in bot.sandbox.messages(ADMIN_ID)[-1].plain_text
    await bot.press(ADMIN_ID, "« Kembali")
    await bot.press(ADMIN_ID, "🏛 Kabupaten & perangkat daerah")
    central = bot.sandbox.messages(ADMIN_ID)[-1].plain_text
    assert "Admin Diskominfo — Kabupaten Bogor · administrator" in central and "Ani" not in central
    await bot.press(ADMIN_ID, "1")
    assert _labels(bot, ADMIN_ID) == ["« Daftar"]  # an administrator's own account: read only


async def test_coordinators_manage_officers_only(bot: BotDriver) -> None:
    coordinator = await bot.join("Dewi", CIBINONG, "coordinator")
    colleague = await bot.join("Eko", CIBINONG, "coordinator")
    await bot.say(coordinator, "/petugas")
    await bot.press(coordinator, _number_of(bot, coordinator, "Eko"))
    assert _labels(bot, coordinator) == ["« Daftar"]
    before = await dump(bot.db)
    colleague_id = (await officer_row(bot, colleague))["id"]
    message = bot.sandbox.messages(coordinator)[-1].message_id
    for data in (f"pe:dy:{colleague_id}", f"pe:m:{colleague_id}", f"pe:rs:{colleague_id}:officer"):
        await bot.press_data(coordinator, message, data)
        answer = bot.sandbox.callback_answers[-1]
        assert answer["show_alert"] and is_refusal(answer["text"]), (data, answer)
    assert await dump(bot.db) == before
    assert (await officer_row(bot, colleague))["status"] == "active"


async def test_a_list_button_pressed_on_a_file_shows_its_screen_below_it(bot: BotDriver) -> None:
    """A modified client can press a text screen's button data on a photo or a file (here
    the /dataku file): there is no text to replace, so the screen comes as a new message
    instead of an error (Telegram: "there is no text in the message to edit")."""
    await bot.say(ADMIN_ID, "/start")
    await bot.join("Ani", KARADENAN)
    await bot.say(ADMIN_ID, "/petugas")
    [filter_data] = [
        data for label, data in bot.sandbox.messages(ADMIN_ID)[-1].buttons() if label == "Cibinong"
    ]
    assert filter_data is not None
    await bot.say(ADMIN_ID, "/dataku")
    document = bot.sandbox.messages(ADMIN_ID)[-1]
    assert document.media_type == "document"
    with crashes() as errors:
        replies = await bot.press_data(ADMIN_ID, document.message_id, filter_data)
    assert errors.messages() == []
    assert "Kecamatan Cibinong" in replies[-1].plain_text and "Ani" in replies[-1].plain_text
    assert bot.sandbox.messages(ADMIN_ID)[-2] == document  # the file itself is left as it was
