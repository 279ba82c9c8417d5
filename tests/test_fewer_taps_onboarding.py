"""Bulk onboarding: a kecamatan coordinator invites the officers of 14 desa in a few taps,
a kecamatan link admits to a chosen desa of that kecamatan only, and /petugas shows the
units without an officer with an "Undang" each."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from bot.devtools.driver import BotDriver
from bot.devtools.sandbox import SentMessage
from handlers import invite_bulk
from handlers import start as start_handlers
from tests.factories import (
    CIBINONG,
    CITEUREUP,
    GUNUNGPUTRI,
    REGENCY,
    WANAHERANG,
    officer_row,
    unit_id,
)

TOKEN_LINK = "https://t.me/"


def _share_buttons(message: SentMessage) -> list[tuple[str, str]]:
    return [
        (label, url)
        for label, url in message.buttons()
        if url and url.startswith("https://t.me/share/url?")
    ]


def _token(share_url: str) -> str:
    link = parse_qs(urlparse(share_url).query)["url"][0]
    return link.split("?start=", 1)[1]


async def test_fourteen_desa_invited_in_four_interactions_with_share_buttons(
    bot: BotDriver,
) -> None:
    coordinator = await bot.join("Rudi", CITEUREUP, "coordinator")
    start = bot.interactions
    await bot.say(coordinator, "/undang")
    await bot.press(coordinator, "☑️ Tautan per desa/kelurahan")
    await bot.press(coordinator, "Pilih semua")
    await bot.press(coordinator, "🔗 Buat 14 tautan")
    assert bot.interactions - start == 4  # the target: at most 5
    links = bot.sandbox.messages(coordinator)[-1]
    assert "14 tautan undangan petugas" in links.plain_text
    shares = _share_buttons(links)
    assert len(shares) == 14 and shares[0][0].startswith("📤 Bagikan: ")
    query = parse_qs(urlparse(shares[0][1]).query)
    assert query["url"][0].startswith("https://t.me/") and "MULAI" in query["text"][0]
    # Each link admits to its own desa.
    first_desa = shares[0][0].removeprefix("📤 Bagikan: ")
    siti = bot.sandbox.add_user("Siti")
    [joined] = await bot.say(siti, f"/start {_token(shares[0][1])}")
    assert f"petugas untuk {first_desa}" in joined.plain_text
    rows = await bot.db.fetchall(
        "SELECT unit_id, role FROM invitations WHERE created_by IS NOT NULL"
    )
    assert len(rows) == 14 and {row["role"] for row in rows} == {"officer"}


async def test_a_kecamatan_link_in_two_interactions_admits_to_a_picked_desa_only(
    bot: BotDriver,
) -> None:
    coordinator = await bot.join("Rudi", GUNUNGPUTRI, "coordinator")
    start = bot.interactions
    await bot.say(coordinator, "/undang")
    await bot.press(coordinator, "🔗 Satu tautan untuk semua desa/kelurahan")
    assert bot.interactions - start == 2
    message = bot.sandbox.messages(coordinator)[-1]
    [(label, url)] = _share_buttons(message)
    assert label == "📤 Bagikan: Kecamatan Gunungputri"
    token = _token(url)

    # An officer opens it and picks Desa Wanaherang with one press.
    wawan = bot.sandbox.add_user("Wawan")
    [choice] = await bot.say(wawan, f"/start {token}")
    assert "Pilih desa/kelurahan Anda" in choice.plain_text
    labels = [label for row in choice.button_labels() for label in row]
    assert "Desa Wanaherang" in labels and all("Cibinong" not in x for x in labels)
    await bot.press(wawan, "Desa Wanaherang")
    row = await officer_row(bot, wawan)
    assert row["unit_id"] == await unit_id(bot, WANAHERANG) and row["role"] == "officer"

    # A forged press naming a kelurahan of another kecamatan joins nobody.
    dodi = bot.sandbox.add_user("Dodi")
    [choice] = await bot.say(dodi, f"/start {token}")
    other = await bot.db.fetchval(
        "SELECT u.id FROM units u JOIN units p ON p.id = u.parent_id WHERE p.code = ? LIMIT 1",
        (CIBINONG,),
    )
    [refused] = await bot.press_data(
        dodi, choice.message_id, start_handlers.VILLAGE.build(int(other))
    )
    assert "tidak termasuk undangan ini" in refused.plain_text
    assert await officer_row(bot, dodi) is None

    # The link is listed and revoked like any other.
    await bot.say(coordinator, "/undang")
    await bot.press(coordinator, "📋 Undangan yang berlaku (1)")
    await bot.press(coordinator, "🚫 Cabut #2")
    [gone] = await bot.say(dodi, f"/start {token}")
    assert "dicabut" in gone.plain_text
    assert await officer_row(bot, dodi) is None


async def test_the_regency_makes_one_kecamatan_link_per_kecamatan(bot: BotDriver) -> None:
    central = await bot.join("Rina", REGENCY, "coordinator")
    await bot.say(central, "/undang")
    await bot.press(central, "☑️ Tautan per kecamatan")
    await bot.press(central, "Kecamatan Cibinong")
    await bot.press(central, "Kecamatan Citeureup")
    await bot.press(central, "🔗 Buat 2 tautan")
    message = bot.sandbox.messages(central)[-1]
    assert "2 tautan undangan kecamatan" in message.plain_text
    shares = _share_buttons(message)
    assert [label for label, _ in shares] == [
        "📤 Bagikan: Kecamatan Cibinong",
        "📤 Bagikan: Kecamatan Citeureup",
    ]
    rows = await bot.db.fetchall("SELECT pick_below, max_uses FROM invitations ORDER BY id")
    assert [row["pick_below"] for row in rows][-2:] == [1, 1]


async def test_coverage_lists_units_without_an_officer_with_an_undang_button(
    bot: BotDriver,
) -> None:
    coordinator = await bot.join("Rudi", CITEUREUP, "coordinator")
    await bot.join("Ani", "32.01.03.2001")
    [home] = await bot.say(coordinator, "/petugas")
    assert ["📍 Unit tanpa petugas (13)"] in home.button_labels()
    await bot.press(coordinator, "📍 Unit tanpa petugas (13)")
    page = bot.sandbox.messages(coordinator)[-1]  # /petugas' message, turned in place
    assert "13 unit belum punya petugas aktif" in page.plain_text
    invites = [label for row in page.button_labels() for label in row if label.startswith("📨")]
    assert len(invites) == 8 and all("Undang: " in label for label in invites)
    replies = await bot.press(coordinator, invites[0])
    [(_, url)] = _share_buttons(replies[-1])
    budi = bot.sandbox.add_user("Budi")
    [joined] = await bot.say(budi, f"/start {_token(url)}")
    assert invites[0].removeprefix("📨 Undang: ") in joined.plain_text
    [home] = await bot.say(coordinator, "/petugas")
    assert ["📍 Unit tanpa petugas (12)"] in home.button_labels()


async def test_a_forged_kecamatan_link_button_makes_no_invitation(bot: BotDriver) -> None:
    coordinator = await bot.join("Rudi", GUNUNGPUTRI, "coordinator")
    [first] = await bot.say(coordinator, "/undang")
    before = await bot.db.fetchval("SELECT count(*) FROM invitations")
    other = await unit_id(bot, CIBINONG)
    await bot.press_data(coordinator, first.message_id, invite_bulk.KECAMATAN_LINK.build(other))
    assert await bot.db.fetchval("SELECT count(*) FROM invitations") == before
    answer = bot.sandbox.callback_answers[-1]
    assert answer["show_alert"] and "di luar wilayah kewenangan Anda" in answer["text"]
