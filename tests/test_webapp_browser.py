"""The Mini App in a real browser: Debian's Chromium, headless, driven by Playwright, against
the real bot and the sandbox (see tests/webapp_support.py for the world and its figures).

Telegram's own script is not loaded (there is no internet here, and the page does not need
it): the page reads the signed initData from its address, as Telegram passes it. A
screenshot of the dashboard at 360×640 is written to tests/artifacts/ (git-ignored).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.async_api import BrowserContext, FilePayload, Page, async_playwright

from bot.devtools.init_data import dashboard_url
from db import units as units_db
from db.audit import Actor
from tests import webapp_support
from tests.factories import settle, unit_id_in
from tests.webapp_support import CIANGSANA, World, local_url, png

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
SCREENSHOT = ARTIFACTS / "dashboard-360x640.png"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

if not Path(CHROMIUM).exists() and not os.environ.get("CI"):
    pytest.skip(
        "needs Debian's chromium (apt-get install -y chromium chromium-driver);"
        " in CI these tests always run",
        allow_module_level=True,
    )


app = webapp_support.app
world = webapp_support.world


@pytest.fixture
async def browser(tmp_path: Path) -> AsyncIterator[BrowserContext]:
    profile = tmp_path / "chromium-profile"
    async with async_playwright() as playwright:
        context = await playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=shutil.which("chromium") or CHROMIUM,
            headless=True,
            args=ARGS,
            viewport={"width": 360, "height": 640},
            is_mobile=True,
            has_touch=True,
            locale="id-ID",
        )
        try:
            yield context
        finally:
            await context.close()


async def dashboard(browser: BrowserContext, world: World, name: str) -> Page:
    page = await browser.new_page()
    await page.goto(dashboard_url(local_url(world.bot), world.init_data(name)))
    await page.wait_for_selector("#units tbody tr")
    return page


async def tiles(page: Page) -> dict[str, str]:
    return {
        name: await page.inner_text(f"#tile-{name}")
        for name in ("targeted", "on_time", "late", "missing")
    }


async def test_kecamatan_coordinator_sees_drills_and_reminds(
    world: World, browser: BrowserContext
) -> None:
    bot = world.bot
    page = await dashboard(browser, world, "Koordinator Gunungputri")
    assert await tiles(page) == {"targeted": "3", "on_time": "1", "late": "1", "missing": "1"}
    rows = await page.locator("#units tbody tr").all_inner_texts()
    assert len(rows) == 3
    body = await page.inner_text("body")
    assert "Cibinong" not in body and "Pondok Rajeg" not in body
    assert "Desa Ciangsana" in body and "belum melapor" in body
    assert await page.locator("#chart rect.bar").count() == 3
    # 360 pixels wide: nothing scrolls sideways.
    assert await page.evaluate("document.documentElement.scrollWidth") <= 360
    ARTIFACTS.mkdir(exist_ok=True)
    await page.screenshot(path=str(SCREENSHOT))
    print(f"dashboard screenshot: {SCREENSHOT}")
    # The search narrows the table; a header sorts it.
    await page.fill("#search", "bojong")
    assert await page.locator("#units tbody tr").count() == 1
    await page.fill("#search", "")
    await page.click("#columns th[data-key=status]")
    first = await page.locator("#units tbody tr").first.inner_text()
    assert "Ciangsana" in first
    # A period: the same figures for this month.
    await page.click("#periods button[data-period=this_month]")
    await page.wait_for_selector("#periods button.on")
    assert (await tiles(page))["targeted"] == "3"
    # Back to the briefing, then "Ingatkan yang belum", confirmed.
    await page.select_option("#briefing", str(world.briefing_id))
    await page.wait_for_selector("#remind:not([hidden])")
    await page.click("#remind")
    await page.click("#confirm-yes")
    await page.locator("#notice", has_text="1 orang").wait_for()
    await settle(bot)
    reminded = [m.plain_text for m in bot.sandbox.messages(world["Petugas Ciangsana"].telegram_id)]
    assert any("Pengingat dari koordinator" in text for text in reminded)
    for name in ("Petugas Wanaherang", "Petugas Bojongkulur", "Petugas Pondok Rajeg"):
        assert not any(
            "Pengingat dari koordinator" in m.plain_text
            for m in bot.sandbox.messages(world[name].telegram_id)
        )


async def test_regency_drills_into_a_kecamatan_and_gets_the_excel(
    world: World, browser: BrowserContext
) -> None:
    bot = world.bot
    page = await dashboard(browser, world, "Koordinator Kabupaten")
    assert (await tiles(page))["targeted"] == "5"
    gunungputri = await bot.db.fetchval("SELECT id FROM units WHERE code = '32.01.02'")
    await page.click(f"#chart rect.bar[data-unit='{gunungputri}']")
    await page.wait_for_selector("#up:not([hidden])")
    assert await tiles(page) == {"targeted": "3", "on_time": "1", "late": "1", "missing": "1"}
    assert "Kecamatan Gunungputri" in await page.inner_text("#heading")
    await page.click("#excel")
    await page.locator("#notice", has_text="Excel").wait_for()
    await settle(bot)
    documents = [
        m
        for m in bot.sandbox.messages(world["Koordinator Kabupaten"].telegram_id)
        if m.media_type == "document"
    ]
    assert len(documents) == 1 and "Gunungputri" in documents[0].plain_text
    await page.click("#up")
    await page.wait_for_selector("#up[hidden]", state="attached")
    assert (await tiles(page))["targeted"] == "5"


async def test_the_form_checks_the_deadline_then_previews_in_the_chat(
    world: World, browser: BrowserContext
) -> None:
    bot = world.bot
    author = world["Koordinator Gunungputri"]
    ciangsana = await unit_id_in(bot.db, CIANGSANA)
    await units_db.set_tags(bot.db, ciangsana, ["pesisir"], bot.clock.now(), Actor.cli())
    page = await dashboard(browser, world, author.full_name)
    await page.click(".tab[data-tab=form]")
    await page.wait_for_selector("#f-title")
    await page.select_option("#f-program_id", str(world.program_id))
    await page.fill("#f-title", "Posyandu Desember")
    await page.fill("#f-key_message", "Datang ke posyandu terdekat.")
    await page.check("input[name=target-kind][value=tag]")
    await page.select_option("#f-tag", "pesisir")
    await page.fill("#f-deadline", "2026-12-02T10:00")  # before the clock: refused
    await page.fill("#f-points", "Bawa buku KIA\nGratis")
    await page.check("input[name=channels][value=instagram]")
    await page.fill("#f-hashtags", "#BogorSehat")
    await page.click("#preview")
    await page.wait_for_selector("#err-deadline:not(:empty)")
    assert await page.inner_text("#err-deadline") == "Tenggat harus di masa depan."
    assert await bot.db.fetchval("SELECT count(*) FROM briefings WHERE status = 'draft'") == 0
    poster: FilePayload = {"name": "poster.png", "mimeType": "image/png", "buffer": png()}
    await page.set_input_files("#f-material", files=[poster])
    await page.locator("#err-material", has_text="Materi disimpan: 1").wait_for()
    await page.fill("#f-deadline", "2026-12-10T16:00")
    await page.click("#preview")
    await page.locator("#notice", has_text="Pratinjau dikirim").wait_for()
    await settle(bot)
    chat = [m.plain_text for m in bot.sandbox.messages(author.telegram_id)]
    assert any("Posyandu Desember" in text and "Bawa buku KIA" in text for text in chat)
    buttons = [str(m.reply_markup) for m in bot.sandbox.messages(author.telegram_id)]
    assert any("Terbitkan sekarang" in markup for markup in buttons)
    [material] = await bot.db.fetchall("SELECT file_id FROM briefing_attachments")
    photos = [m for m in bot.sandbox.messages(author.telegram_id) if m.media_type == "photo"]
    assert [m.file_id for m in photos] == [material["file_id"]] * 2  # sent to keep, then previewed
    assert "1 unit" in bot.sandbox.messages(author.telegram_id)[-1].plain_text  # tag: Ciangsana
    draft = await bot.db.fetchone(
        "SELECT id, deadline, step FROM briefings WHERE author_id = ? AND status = 'draft'",
        (author.id,),
    )
    assert draft is not None and draft["step"] == "preview"
    assert draft["deadline"].startswith("2026-12-10T09:00")  # 16:00 WIB in UTC
    # Publishing happens in the chat, from the preview's own button.
    await bot.press(author.telegram_id, "🚀 Terbitkan sekarang")
    await settle(bot)
    status = await bot.db.fetchval("SELECT status FROM briefings WHERE id = ?", (draft["id"],))
    assert status == "published"
    targeted = await bot.db.fetchval(
        "SELECT count(*) FROM assignments WHERE briefing_id = ?", (draft["id"],)
    )
    assert targeted > 0


async def test_english_and_telegrams_dark_theme(world: World, browser: BrowserContext) -> None:
    bot = world.bot
    await bot.db.execute(
        "UPDATE officers SET language = 'en' WHERE id = ?", (world["Koordinator Gunungputri"].id,)
    )
    theme = '{"bg_color":"#17212b","text_color":"#f5f5f5","button_color":"#5288c1"}'
    url = dashboard_url(local_url(bot), world.init_data("Koordinator Gunungputri"))
    page = await browser.new_page()
    await page.goto(f"{url}&tgWebAppThemeParams={quote(theme)}")
    await page.wait_for_selector("#units tbody tr")
    assert await page.inner_text(".tile.ok span") == "On time"
    assert "not reported" in await page.inner_text("#units")
    background = await page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(23, 33, 43)"
    # Without Telegram's signature the page says how to open it, and shows no data.
    bare = await browser.new_page()
    await bare.goto(local_url(bot) + "/")
    await bare.locator("#notice", has_text="Telegram").wait_for()
    assert await bare.locator("#dashboard").is_hidden()
