"""The delivery engine against the sandbox: pacing, errors, crash resume, scheduling, report."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest

from bot.core.clock import FakeClock
from bot.devtools.driver import BotDriver
from bot.devtools.fast_time import FastTime
from bot.devtools.sandbox import LimitConfig
from db import outbox
from db.officers import Officer
from scheduler.content import Content, ContentError
from tests.conftest import ADMIN_ID
from tests.factories import KARADENAN, PONDOK_RAJEG, add_officers, engine, officer, texts


@pytest.fixture
def sandbox_limits() -> LimitConfig:
    """Telegram's own limits (and so the pacer's default burst): the pacing is under test."""
    return LimitConfig()


@pytest.fixture
def pace() -> FastTime:
    """Telegram's numbers in seconds only ten times faster than the wall clock; the tests
    of the pacing itself take real ones (``REAL_SECONDS``): at a faster pace, an HTTP
    round trip's jitter would bunch a broadcast's sends up at the sandbox."""
    return FastTime(10.0)


REAL_SECONDS = pytest.mark.parametrize("pace", [None], ids=["telegram-seconds"])


async def admin(bot: BotDriver) -> Officer:
    await bot.say(ADMIN_ID, "/start")
    return await officer(bot, ADMIN_ID)


def one(text: str) -> dict[str, list[Content]]:
    return {"id": [Content(text)]}


async def rows(bot: BotDriver, message_id: int) -> list[dict]:
    return [
        dict(row)
        for row in await bot.db.fetchall(
            "SELECT * FROM deliveries WHERE message_id = ? ORDER BY id", (message_id,)
        )
    ]


@REAL_SECONDS
async def test_broadcast_keeps_each_persons_order_and_records_telegram_ids(bot: BotDriver) -> None:
    people = await add_officers(bot, 3)
    first = await engine(bot).enqueue(
        kind="announcement",
        ref="announcement:1",
        sender_id=None,
        recipients=people,
        variants={"id": [Content("satu <b>a</b>"), Content("satu <b>b</b>")]},
    )
    second = await engine(bot).enqueue(
        kind="notice",
        ref=None,
        sender_id=None,
        recipients=people,
        variants=one("dua"),
    )
    await engine(bot).wait_idle()
    for person in people:
        assert texts(bot, person.telegram_id) == ["satu a", "satu b", "dua"]
    for message_id in (first, second):
        for row in await rows(bot, message_id):
            assert row["status"] == "sent" and row["attempts"] == 1
            sent = bot.sandbox.messages(row["chat_id"])
            assert row["tg_message_id"] in {message.message_id for message in sent}
        message = await outbox.by_id(bot.db, message_id)
        assert message is not None and message.status == "done"
    assert bot.sandbox.stats.responses_429 == 0


async def test_variants_follow_the_recipients_language(bot: BotDriver) -> None:
    indonesian = await add_officers(bot, 1, language="id")
    english = await add_officers(bot, 1, language="en")
    await engine(bot).enqueue(
        kind="notice",
        ref=None,
        sender_id=None,
        recipients=indonesian + english,
        variants={"id": [Content("Halo")], "en": [Content("Hello")]},
    )
    await engine(bot).wait_idle()
    assert texts(bot, indonesian[0].telegram_id) == ["Halo"]
    assert texts(bot, english[0].telegram_id) == ["Hello"]


async def test_report_counts_delivered_blocked_failed_with_unit_names(bot: BotDriver) -> None:
    sender = await admin(bot)
    fine = await add_officers(bot, 2)
    blocked = await add_officers(bot, 1, unit_code=PONDOK_RAJEG)
    broken = await add_officers(bot, 1, unit_code=KARADENAN)
    bot.sandbox.block_bot(blocked[0].telegram_id)
    await bot.db.execute("UPDATE officers SET chat_id = ? WHERE id = ?", (-999, broken[0].id))
    broken = [await officer(bot, broken[0].telegram_id)]
    message_id = await engine(bot).enqueue(
        kind="announcement",
        ref="announcement:7",
        sender_id=sender.id,
        recipients=fine + blocked + broken,
        variants=one("Rapat besok"),
        report=True,
        report_buttons={"id": ((("Lihat", "an:st:7"),),)},
    )
    await engine(bot).wait_idle()
    [report] = [m for m in bot.sandbox.messages(ADMIN_ID) if "Laporan pengiriman" in m.plain_text]
    text = report.plain_text
    assert "Pengumuman #7" in text
    assert "Penerima: 4" in text and "Terkirim: 2" in text
    assert "Memblokir bot: 1" in text and "Gagal: 1" in text and "Karadenan" in text
    assert report.button_labels() == [["Lihat"]]
    message = await outbox.by_id(bot.db, message_id)
    assert message is not None and message.report_sent_at is not None
    # The report is sent once, even when the engine looks again.
    await engine(bot).wait_idle()
    assert sum("Laporan pengiriman" in m.plain_text for m in bot.sandbox.messages(ADMIN_ID)) == 1


async def test_5xx_is_retried_with_backoff_then_fails_with_the_reason(
    bot: BotDriver, clock: FakeClock
) -> None:
    people = await add_officers(bot, 2)
    bot.sandbox.inject_faults(kind="5xx", count=1, methods={"sendMessage"})
    message_id = await engine(bot).enqueue(
        kind="notice",
        ref=None,
        sender_id=None,
        recipients=people,
        variants=one("coba"),
    )
    await engine(bot).wait_idle()
    states = Counter(row["status"] for row in await rows(bot, message_id))
    assert states == {"sent": 1, "pending": 1}
    waiting = next(row for row in await rows(bot, message_id) if row["status"] == "pending")
    assert waiting["errors"] == 1 and "Bad Gateway" in waiting["last_error"]
    clock.advance(timedelta(seconds=2))
    await engine(bot).wait_idle()
    assert {row["status"] for row in await rows(bot, message_id)} == {"sent"}
    assert all(len(texts(bot, person.telegram_id)) == 1 for person in people)

    engine(bot).max_errors = 3
    bot.sandbox.inject_faults(kind="5xx", methods={"sendMessage"})
    failing = await engine(bot).enqueue(
        kind="notice",
        ref=None,
        sender_id=None,
        recipients=people[:1],
        variants=one("gagal"),
    )
    for _ in range(3):
        await engine(bot).wait_idle()
        clock.advance(timedelta(minutes=1))
    bot.sandbox.clear_faults()
    [row] = await rows(bot, failing)
    assert row["status"] == "failed" and row["errors"] == 3 and row["attempts"] == 3
    assert "Bad Gateway" in row["last_error"]


async def test_timeout_is_ambiguous_and_retried(bot: BotDriver, clock: FakeClock) -> None:
    [person] = await add_officers(bot, 1)
    engine(bot).send_timeout = 0.3
    bot.sandbox.inject_faults(kind="slow", count=1, delay=1.0, methods={"sendMessage"})
    message_id = await engine(bot).enqueue(
        kind="notice",
        ref=None,
        sender_id=None,
        recipients=[person],
        variants=one("lambat"),
    )
    await engine(bot).wait_idle()
    [row] = await rows(bot, message_id)
    assert row["status"] == "pending" and row["possible_duplicate"] == 1
    assert "TimedOut" in row["last_error"]
    clock.advance(timedelta(seconds=2))
    await engine(bot).wait_idle()
    [row] = await rows(bot, message_id)
    assert row["status"] == "sent" and row["possible_duplicate"] == 1
    # The slow request was executed: the one duplicate is where the timeout was ambiguous.
    assert texts(bot, person.telegram_id) == ["lambat", "lambat"]


async def test_retry_after_waits_then_goes_on_without_counting_an_error(bot: BotDriver) -> None:
    people = await add_officers(bot, 3)
    bot.sandbox.force_retry_after(1, count=1)
    message_id = await engine(bot).enqueue(
        kind="notice",
        ref=None,
        sender_id=None,
        recipients=people,
        variants=one("tunggu"),
    )
    await engine(bot).wait_idle()
    assert all(
        row["status"] == "sent" and row["errors"] == 0 for row in await rows(bot, message_id)
    )
    assert all(texts(bot, person.telegram_id) == ["tunggu"] for person in people)
    assert sum(row["attempts"] for row in await rows(bot, message_id)) == 4


async def test_blocked_person_is_unreachable_until_they_write(bot: BotDriver) -> None:
    [person] = await add_officers(bot, 1)
    bot.sandbox.block_bot(person.telegram_id)
    first = await engine(bot).enqueue(
        kind="notice",
        ref=None,
        sender_id=None,
        recipients=[person],
        variants={"id": [Content("a"), Content("b")]},
    )
    await engine(bot).wait_idle()
    assert [row["status"] for row in await rows(bot, first)] == ["blocked", "blocked"]
    assert [row["attempts"] for row in await rows(bot, first)] == [1, 0]
    assert not (await officer(bot, person.telegram_id)).reachable

    requests = bot.sandbox.stats.requests["sendMessage"]
    second = await engine(bot).enqueue(
        kind="notice",
        ref=None,
        sender_id=None,
        recipients=[person],
        variants=one("c"),
    )
    await engine(bot).wait_idle()
    assert [row["status"] for row in await rows(bot, second)] == ["blocked"]
    assert bot.sandbox.stats.requests["sendMessage"] == requests  # not tried again

    bot.sandbox.block_bot(person.telegram_id, blocked=False)
    await bot.say(person.telegram_id, "/profil")
    assert (await officer(bot, person.telegram_id)).reachable
    third = await engine(bot).enqueue(
        kind="notice",
        ref=None,
        sender_id=None,
        recipients=[person],
        variants=one("d"),
    )
    await engine(bot).wait_idle()
    assert [row["status"] for row in await rows(bot, third)] == ["sent"]


async def test_bad_request_fails_at_once(bot: BotDriver) -> None:
    [person] = await add_officers(bot, 1)
    message_id = await engine(bot).enqueue(
        kind="notice",
        ref=None,
        sender_id=None,
        recipients=[person],
        variants={
            "id": [Content("foto", media_type="photo", file_id="not a file id"), Content("teks")]
        },
    )
    await engine(bot).wait_idle()
    photo, text = await rows(bot, message_id)
    assert photo["status"] == "failed" and photo["attempts"] == 1
    assert "wrong file identifier" in photo["last_error"].lower()
    assert text["status"] == "sent"


async def test_content_over_telegram_limits_is_refused_before_writing(bot: BotDriver) -> None:
    [person] = await add_officers(bot, 1)
    too_long = [
        Content("x" * 4097),
        Content("y" * 1025, media_type="photo", file_id="A" * 30),
        Content("ok", buttons=((("tombol", "z" * 65),),)),
    ]
    for content in too_long:
        with pytest.raises(ContentError):
            await engine(bot).enqueue(
                kind="notice",
                ref=None,
                sender_id=None,
                recipients=[person],
                variants={"id": [content]},
            )
    assert await bot.db.fetchval("SELECT count(*) FROM outbox_messages") == 0
    # HTML markup and entities do not count: 4096 visible characters are fine.
    await engine(bot).enqueue(
        kind="notice",
        ref=None,
        sender_id=None,
        recipients=[person],
        variants={"id": [Content("<b>" + "&amp;" * 4096 + "</b>")]},
    )
    await engine(bot).wait_idle()
    assert len(texts(bot, person.telegram_id)[0]) == 4096


async def test_resume_after_a_crash_between_writing_and_sending(bot: BotDriver) -> None:
    people = await add_officers(bot, 4)
    await engine(bot).stop(grace=0)  # the process "dies" before anything is sent
    message_id = await engine(bot).enqueue(
        kind="notice",
        ref=None,
        sender_id=None,
        recipients=people,
        variants=one("lanjut"),
    )
    # One delivery was claimed when the process died: its request may have gone.
    in_flight = (await rows(bot, message_id))[0]["id"]
    await bot.db.execute("UPDATE deliveries SET status = 'sending' WHERE id = ?", (in_flight,))
    await engine(bot).start()
    assert engine(bot).recovered == 1
    await engine(bot).wait_idle()
    result = await rows(bot, message_id)
    assert [row["status"] for row in result] == ["sent"] * 4
    assert [row["possible_duplicate"] for row in result] == [1, 0, 0, 0]
    assert all(texts(bot, person.telegram_id) == ["lanjut"] for person in people)


@REAL_SECONDS
async def test_stopping_mid_broadcast_loses_nothing_and_duplicates_only_in_flight(
    bot: BotDriver,
) -> None:
    people = await add_officers(bot, 12)
    message_id = await engine(bot).enqueue(
        kind="notice",
        ref=None,
        sender_id=None,
        recipients=people,
        variants=one("siaran"),
    )
    await bot.sandbox.wait_for_messages(people[2].telegram_id, 1)
    await engine(bot).stop(grace=0)
    await engine(bot).start()
    await engine(bot).wait_idle()
    result = {row["officer_id"]: row for row in await rows(bot, message_id)}
    for person in people:
        copies = len(texts(bot, person.telegram_id))
        row = result[person.id]
        assert row["status"] == "sent"
        assert copies == 1 or (copies == 2 and row["possible_duplicate"] == 1)


async def test_a_restart_sends_what_came_due_while_down(bot: BotDriver, clock: FakeClock) -> None:
    [person] = await add_officers(bot, 1)
    await engine(bot).enqueue(
        kind="notice",
        ref=None,
        sender_id=None,
        recipients=[person],
        variants=one("pagi"),
        not_before=clock.now() + timedelta(hours=1),
    )
    await engine(bot).wait_idle()
    assert texts(bot, person.telegram_id) == []
    config = bot.config
    await bot.stop()
    clock.advance(timedelta(hours=3))
    async with BotDriver(bot.sandbox, config, clock) as again:
        assert again.services.delivery is not None
        await again.services.delivery.wait_idle()
        assert texts(again, person.telegram_id) == ["pagi"]


async def test_not_before_waits_for_the_clock(bot: BotDriver, clock: FakeClock) -> None:
    [person] = await add_officers(bot, 1)
    await engine(bot).enqueue(
        kind="notice",
        ref=None,
        sender_id=None,
        recipients=[person],
        variants=one("nanti"),
        not_before=clock.now() + timedelta(minutes=30),
    )
    await engine(bot).wait_idle()
    clock.advance(timedelta(minutes=29))
    await engine(bot).wait_idle()
    assert texts(bot, person.telegram_id) == []
    clock.advance(timedelta(minutes=1))
    await engine(bot).wait_idle()
    assert texts(bot, person.telegram_id) == ["nanti"]


async def test_quiet_hours_hold_non_urgent_messages_until_morning(
    bot: BotDriver, clock: FakeClock
) -> None:
    [person] = await add_officers(bot, 1)
    clock.set(datetime(2026, 12, 1, 15, 30, tzinfo=UTC))  # 22:30 WIB
    await engine(bot).enqueue(
        kind="notice",
        ref=None,
        sender_id=None,
        recipients=[person],
        variants=one("biasa"),
    )
    await engine(bot).enqueue(
        kind="notice",
        ref=None,
        sender_id=None,
        recipients=[person],
        variants=one("darurat"),
        urgent=True,
    )
    await engine(bot).wait_idle()
    assert texts(bot, person.telegram_id) == ["darurat"]
    clock.set(datetime(2026, 12, 1, 22, 59, tzinfo=UTC))  # 05:59 WIB
    await engine(bot).wait_idle()
    assert texts(bot, person.telegram_id) == ["darurat"]
    clock.set(datetime(2026, 12, 1, 23, 0, tzinfo=UTC))  # 06:00 WIB
    await engine(bot).wait_idle()
    assert texts(bot, person.telegram_id) == ["darurat", "biasa"]


async def test_cancel_and_reschedule_only_before_anything_was_sent(
    bot: BotDriver, clock: FakeClock
) -> None:
    [person] = await add_officers(bot, 1)
    later = clock.now() + timedelta(hours=2)
    message_id = await engine(bot).enqueue(
        kind="notice",
        ref=None,
        sender_id=None,
        recipients=[person],
        variants=one("batal"),
        not_before=later,
    )
    assert await engine(bot).reschedule(message_id, later + timedelta(hours=1))
    message = await outbox.by_id(bot.db, message_id)
    assert message is not None and message.not_before == later + timedelta(hours=1)
    assert await engine(bot).cancel(message_id)
    assert {row["status"] for row in await rows(bot, message_id)} == {"cancelled"}
    clock.advance(timedelta(hours=4))
    await engine(bot).wait_idle()
    assert texts(bot, person.telegram_id) == []
    assert not await engine(bot).cancel(message_id)

    sent = await engine(bot).enqueue(
        kind="notice",
        ref=None,
        sender_id=None,
        recipients=[person],
        variants=one("sudah"),
    )
    await engine(bot).wait_idle()
    assert not await engine(bot).cancel(sent)
    assert not await engine(bot).reschedule(sent, clock.now() + timedelta(hours=1))


@REAL_SECONDS
async def test_replies_go_first_during_a_broadcast_and_no_429(bot: BotDriver) -> None:
    people = await add_officers(bot, 45)
    asker = people[-1]
    message_id = await engine(bot).enqueue(
        kind="notice",
        ref=None,
        sender_id=None,
        recipients=people,
        variants={"id": [Content("bagian 1"), Content("bagian 2")]},
    )
    await bot.sandbox.wait_for_messages(people[0].telegram_id, 1)
    bot.sandbox.send_text(asker.telegram_id, "/profil")
    seen = 0
    while not any("Profil" in text for text in texts(bot, asker.telegram_id)):
        seen = len(await bot.sandbox.wait_for_messages(asker.telegram_id, seen + 1))
    delivered_when_answered = await bot.db.fetchval(
        "SELECT count(*) FROM deliveries WHERE message_id = ? AND status = 'sent'", (message_id,)
    )
    assert delivered_when_answered < len(people) * 2
    await engine(bot).wait_idle()
    assert (
        await bot.db.fetchval(
            "SELECT count(*) FROM deliveries WHERE message_id = ? AND status = 'sent'",
            (message_id,),
        )
        == 90
    )
    assert bot.sandbox.stats.responses_429 == 0
    for person in people:
        bulk = [text for text in texts(bot, person.telegram_id) if text.startswith("bagian")]
        assert bulk == ["bagian 1", "bagian 2"]
