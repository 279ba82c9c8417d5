"""/tinjau: approving every link report that passed the automatic checks at once — only
those (not off-channel, not late, never drafts), within scope, with a count and a
confirmation, skipping (and counting) what was decided meanwhile."""

from __future__ import annotations

from datetime import timedelta

from bot.devtools.driver import BotDriver
from db import submissions as submissions_db
from db.officers import Officer
from db.submissions import Submission
from db.timefmt import to_db
from tests.factories import (
    BOJONGKULUR,
    CIBINONG,
    GUNUNGPUTRI,
    PONDOK_RAJEG,
    WANAHERANG,
    dump,
    last_text,
    officer,
    publish,
    settle,
    texts,
    unit_id,
)

BULK = "✅ Setujui semua tautan yang lolos pemeriksaan"


async def _status(bot: BotDriver, submission: Submission) -> str:
    return str(
        await bot.db.fetchval("SELECT status FROM submissions WHERE id = ?", (submission.id,))
    )


async def _world(bot: BotDriver) -> tuple[int, dict[str, Submission], dict[str, int]]:
    """A kecamatan coordinator and, in their scope, two passed links, one off-channel, one
    late and a draft; outside it, a passed link of Cibinong."""
    coordinator = await bot.join("Siti", GUNUNGPUTRI, "coordinator")
    people = {
        "asep": await bot.join("Asep", WANAHERANG),
        "budi": await bot.join("Budi", BOJONGKULUR),
        "odang": await bot.join("Odang", PONDOK_RAJEG),
    }
    brief = await publish(bot, coordinator, [WANAHERANG, BOJONGKULUR], deadline=timedelta(days=2))
    other = await bot.join("Rudi", CIBINONG, "coordinator")
    elsewhere = await publish(bot, other, [PONDOK_RAJEG], title="Pasar Cibinong")
    asep, budi, odang = [await officer(bot, people[name]) for name in ("asep", "budi", "odang")]
    now = bot.clock.now()

    async def link(who: Officer, briefing: int, url: str) -> Submission:
        report = await submissions_db.report_link(bot.db, who, briefing, url, bot.clock.now())
        return report.submission

    items = {
        "passed_1": await link(asep, brief, "https://www.instagram.com/p/BULK00001/"),
        "passed_2": await link(budi, brief, "https://www.facebook.com/pemdes/posts/100200300"),
        "off_channel": await link(asep, brief, "https://www.tiktok.com/@desa/video/7312345678901"),
        "outside": await link(odang, elsewhere, "https://www.instagram.com/p/BULK00009/"),
        "draft": await submissions_db.submit_draft(
            bot.db, budi, brief, text="Draf caption", media_type=None, file_id=None, now=now
        ),
    }
    bot.clock.advance(timedelta(days=3))
    items["late"] = await link(budi, brief, "https://www.instagram.com/p/BULK00002/")
    assert items["off_channel"].off_channel and items["late"].late
    return coordinator, items, people


async def test_only_passed_links_in_scope_are_approved_after_a_confirmation(
    bot: BotDriver,
) -> None:
    coordinator, items, people = await _world(bot)
    before = bot.interactions
    card = await bot.say(coordinator, "/tinjau")
    labels = [label for row in card[-1].button_labels() for label in row]
    assert f"{BULK} (2)" in labels
    await bot.press(coordinator, f"{BULK} (2)")
    confirm = last_text(bot, coordinator)
    assert "Setujui 2 tautan" in confirm and "satu per satu" in confirm
    await bot.press(coordinator, "✅ Ya, setujui 2")
    await settle(bot)
    assert bot.interactions - before == 3
    assert "2 tautan disetujui" in texts(bot, coordinator)[-1]
    assert "dilewati" not in texts(bot, coordinator)[-1]
    for name in ("passed_1", "passed_2"):
        assert await _status(bot, items[name]) == "disetujui", name
    for name in ("off_channel", "late", "draft", "outside"):
        assert await _status(bot, items[name]) == "diterima", name
    reviewer = await officer(bot, coordinator)
    assert (
        await bot.db.fetchval(
            "SELECT count(*) FROM submissions WHERE reviewer_id = ?", (reviewer.id,)
        )
        == 2
    )
    assert (
        await bot.db.fetchval(
            "SELECT count(*) FROM audit_log WHERE action = 'submission.disetujui'"
        )
        == 2
    )
    for who in ("asep", "budi"):
        assert any("disetujui" in text for text in texts(bot, people[who])), who
    # The queue goes on with what is left, one by one, and offers no bulk approval now.
    left = bot.sandbox.messages(coordinator)[-1]
    assert not any(BULK in label for row in left.button_labels() for label in row)
    print(f"\nbulk approval of passed links: {bot.interactions - before} interactions")


async def test_a_report_decided_meanwhile_is_skipped_and_counted(bot: BotDriver) -> None:
    coordinator, items, _ = await _world(bot)
    colleague = await bot.join("Fajar", GUNUNGPUTRI, "coordinator")
    await bot.say(coordinator, "/tinjau")
    await bot.press(coordinator, f"{BULK} (2)")
    # A colleague rejects one of the two while the confirmation waits.
    await bot.say(colleague, "/tinjau")
    await bot.press(colleague, "❌ Tolak")
    assert await _status(bot, items["passed_1"]) == "ditolak"
    await bot.press(coordinator, "✅ Ya, setujui 2")
    shown = texts(bot, coordinator)[-1]
    assert "1 tautan disetujui" in shown and "1 dilewati" in shown
    assert await _status(bot, items["passed_1"]) == "ditolak"
    assert await _status(bot, items["passed_2"]) == "disetujui"


async def test_scope_is_checked_again_when_recording(bot: BotDriver) -> None:
    coordinator, items, _ = await _world(bot)
    await bot.say(coordinator, "/tinjau")
    await bot.press(coordinator, f"{BULK} (2)")
    # Moved to another kecamatan before confirming: nothing of the old one is approved.
    await bot.db.execute(
        "UPDATE officers SET unit_id = ?, updated_at = ? WHERE telegram_id = ?",
        (await unit_id(bot, CIBINONG), to_db(bot.clock.now()), coordinator),
    )
    await bot.press(coordinator, "✅ Ya, setujui 2")
    shown = texts(bot, coordinator)
    assert any("0 tautan disetujui" in text and "2 dilewati" in text for text in shown)
    for name in ("passed_1", "passed_2", "outside"):
        assert await _status(bot, items[name]) == "diterima", name


async def test_cancel_and_forged_confirmation_change_nothing(bot: BotDriver) -> None:
    coordinator, items, _ = await _world(bot)
    await bot.say(coordinator, "/tinjau")
    await bot.press(coordinator, f"{BULK} (2)")
    before = await dump(bot.db)
    await bot.press(coordinator, "Batal")
    assert "Tidak ada yang disetujui" in texts(bot, coordinator)[-1]
    assert await dump(bot.db) == before
    # The confirmation pressed again (or forged) without a count shown first: refused.
    message = bot.sandbox.messages(coordinator)[-1].message_id
    await bot.press_data(coordinator, message, "rv:all:yes")
    assert bot.sandbox.callback_answers[-1]["show_alert"]
    assert await dump(bot.db) == before
    assert await _status(bot, items["passed_1"]) == "diterima"
