"""Drafts for review and the review queue, end to end: approve / revise / reject, the
officer told with the note, racing reviewers, and the batched alert to coordinators."""

from __future__ import annotations

from datetime import timedelta

from bot.devtools.driver import BotDriver
from db import units as units_db
from tests.factories import (
    CIBINONG,
    KARADENAN,
    PONDOK_RAJEG,
    engine,
    joined,
    last_text,
    publish,
    settle,
    texts,
)


def alerts(bot: BotDriver, chat_id: int) -> list[str]:
    return [text for text in texts(bot, chat_id) if "menunggu tinjauan Anda" in text]


async def send_draft(bot: BotDriver, officer: int, choice: str, text: str | None = None) -> str:
    """/draf, choose (the button whose label contains ``choice``), send the draft (a text,
    or a photo with a caption when ``text`` is None)."""
    menu = await bot.say(officer, "/draf")
    label = next(label for row in menu[-1].button_labels() for label in row if choice in label)
    await bot.press(officer, label)
    if text is None:
        replies = await bot._after(
            officer, lambda: bot.sandbox.send_photo(officer, caption="Poster v2")
        )
    else:
        replies = await bot.say(officer, text)
    answer = joined(replies)
    assert "Draf diterima" in answer, answer
    return answer


async def test_drafts_are_approved_revised_and_rejected_and_the_officer_is_told(
    bot: BotDriver,
) -> None:
    coordinator = await bot.join("Rudi", CIBINONG, "coordinator")
    siti = await bot.join("Siti", PONDOK_RAJEG)
    await publish(bot, coordinator, [PONDOK_RAJEG], title="Pajak Bumi")

    await send_draft(bot, siti, "Konten mandiri", "Draf caption: Bayar PBB sebelum 31 Desember!")
    await settle(bot)
    assert alerts(bot, coordinator) == ["📝 1 draf baru menunggu tinjauan Anda. Buka /tinjau."]

    # Rudi is halfway through composing a briefing when he reviews: his note must not
    # become the briefing's title.
    await bot.say(coordinator, "/brief_baru")
    await bot.press(coordinator, "1. Bogor Sehat")
    card = joined(await bot.say(coordinator, "/tinjau"))
    assert "Bayar PBB" in card and "Siti" in card and "1 menunggu" in card
    ask = joined(await bot.press(coordinator, "✏️ Revisi"))
    assert "catatan revisi" in ask
    await bot.say(coordinator, "Tambahkan logo Pemkab & tanggal jatuh tempo")
    await settle(bot)
    told = last_text(bot, siti)
    assert "perlu revisi" in told and "Tambahkan logo Pemkab & tanggal jatuh tempo" in told
    row = await bot.db.fetchone("SELECT * FROM submissions WHERE id = 1")
    assert row is not None
    assert row["status"] == "perlu_revisi" and row["review_note"].startswith("Tambahkan logo")
    assert await bot.db.fetchval("SELECT title FROM briefings WHERE status = 'draft'") == ""

    # The revised draft, as a photo with a caption, for the briefing this time.
    await send_draft(bot, siti, "Pajak Bumi", None)
    seen = len(bot.sandbox.messages(coordinator))
    await bot.say(coordinator, "/tinjau")
    shown = bot.sandbox.messages(coordinator)[seen:]
    assert shown[0].media_type == "photo" and shown[0].plain_text == "Poster v2"
    assert "Pajak Bumi" in shown[1].plain_text
    await bot.press(coordinator, "✅ Setujui")
    await settle(bot)
    assert "disetujui" in last_text(bot, siti)

    await send_draft(bot, siti, "Konten mandiri", "Draf ketiga")
    await bot.say(coordinator, "/tinjau")
    done = joined(await bot.press(coordinator, "❌ Tolak"))
    assert "ditolak" in done and "Tidak ada draf atau laporan" in done
    await settle(bot)
    assert "ditolak" in last_text(bot, siti)
    mine = joined(await bot.say(siti, "/laporanku"))
    assert "perlu revisi: Tambahkan logo" in mine and "disetujui" in mine and "ditolak" in mine
    actions = [row["action"] for row in await bot.db.fetchall("SELECT action FROM audit_log")]
    assert {"submission.perlu_revisi", "submission.disetujui", "submission.ditolak"} <= set(actions)


async def test_two_reviewers_racing_the_first_wins_and_the_second_is_told(bot: BotDriver) -> None:
    kecamatan = await bot.join("Rudi", CIBINONG, "coordinator")
    central = await bot.join("Dewi", units_db.REGENCY_CODE, "coordinator")
    budi = await bot.join("Budi", KARADENAN)
    await publish(bot, kecamatan, [KARADENAN])
    await bot.press(budi, "📤 Lapor unggahan")
    await bot.say(budi, "https://www.instagram.com/p/RACE12345/")
    await bot.say(kecamatan, "/tinjau")
    await bot.say(central, "/tinjau")
    before = {who: len(bot.sandbox.messages(who)) for who in (kecamatan, central)}
    bot.sandbox.press_button(kecamatan, "✅ Setujui")
    bot.sandbox.press_button(central, "❌ Tolak")
    await settle(bot)
    answers = {who: joined(bot.sandbox.messages(who)[before[who] :]) for who in before}
    winners = [who for who, text in answers.items() if "sudah diputuskan" not in text]
    assert len(winners) == 1
    loser = next(who for who in answers if who not in winners)
    assert ("Rudi" if winners[0] == kecamatan else "Dewi") in answers[loser]
    row = await bot.db.fetchone("SELECT status FROM submissions")
    assert row is not None
    assert row["status"] == ("disetujui" if winners[0] == kecamatan else "ditolak")
    assert (
        await bot.db.fetchval("SELECT count(*) FROM audit_log WHERE action LIKE 'submission.%'")
        == 1
    )


async def test_draft_alerts_are_batched_at_most_once_per_15_minutes(bot: BotDriver) -> None:
    coordinator = await bot.join("Rudi", CIBINONG, "coordinator")
    siti = await bot.join("Siti", PONDOK_RAJEG)
    budi = await bot.join("Budi", KARADENAN)
    await send_draft(bot, siti, "Konten mandiri", "Draf 1")
    await settle(bot)
    assert alerts(bot, coordinator) == ["📝 1 draf baru menunggu tinjauan Anda. Buka /tinjau."]
    for minutes, who, text in ((1, budi, "Draf 2"), (5, siti, "Draf 3")):
        bot.clock.advance(timedelta(minutes=minutes))
        await send_draft(bot, who, "Konten mandiri", text)
    await settle(bot)
    assert len(alerts(bot, coordinator)) == 1  # held: still inside the 15 minutes
    bot.clock.advance(timedelta(minutes=9))  # 15 minutes after the first alert
    engine(bot).wake()
    await settle(bot)
    assert alerts(bot, coordinator)[1:] == ["📝 2 draf baru menunggu tinjauan Anda. Buka /tinjau."]
    bot.clock.advance(timedelta(minutes=1))
    await send_draft(bot, budi, "Konten mandiri", "Draf 4")
    await settle(bot)
    assert len(alerts(bot, coordinator)) == 2
    bot.clock.advance(timedelta(minutes=14))
    engine(bot).wake()
    await settle(bot)
    assert alerts(bot, coordinator)[2:] == ["📝 1 draf baru menunggu tinjauan Anda. Buka /tinjau."]
