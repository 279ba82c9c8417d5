"""The pacer against the sandbox's own flood limiter, on a fake monotonic clock (no sleeping)."""

from __future__ import annotations

import pytest
from telegram.error import RetryAfter

from bot.devtools.sandbox import LimitConfig, RateLimiter
from scheduler.pacing import BulkSend, Pacer, message_count


class FakeTime:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += max(seconds, 0.0)


def pacer_and_telegram(
    rate: float = 29.0, chat_burst: int | None = None
) -> tuple[Pacer, RateLimiter, FakeTime, list[tuple[float, int]]]:
    """A pacer and Telegram's limiter (Telegram's numbers unless a burst is given to both)."""
    time = FakeTime()
    if chat_burst is None:
        pacer = Pacer(rate, time_source=time, sleep=time.sleep)
        limits = LimitConfig()
    else:
        pacer = Pacer(rate, chat_burst=chat_burst, time_source=time, sleep=time.sleep)
        limits = LimitConfig(private_burst=chat_burst)
    telegram = RateLimiter(limits, time_source=time)
    return pacer, telegram, time, []


async def send(
    pacer: Pacer, telegram: RateLimiter, log: list[tuple[float, int]], chat: int, *, bulk: bool
) -> None:
    async def call() -> dict:
        retry = telegram.acquire(chat)
        if retry is not None:
            raise AssertionError(f"Telegram would answer 429 (retry after {retry}) for chat {chat}")
        log.append((telegram._now(), chat))
        return {"ok": True}

    await pacer.process_request(
        call, (), {}, "sendMessage", {"chat_id": chat, "text": "x"}, BulkSend() if bulk else None
    )


async def test_bulk_to_many_people_stays_under_30_per_second_and_near_the_rate() -> None:
    pacer, telegram, time, log = pacer_and_telegram()
    for chat in range(1, 301):
        await send(pacer, telegram, log, chat, bulk=True)
    seconds = log[-1][0] - log[0][0]
    assert 299 / seconds == pytest.approx(29, rel=0.02)


async def test_one_person_gets_at_most_one_bulk_message_per_second() -> None:
    pacer, telegram, time, log = pacer_and_telegram()
    for _ in range(5):
        await send(pacer, telegram, log, 7, bulk=True)
    gaps = [later[0] - earlier[0] for earlier, later in zip(log, log[1:], strict=False)]
    assert all(gap >= 1.0 for gap in gaps)


async def test_replies_may_use_the_burst_but_never_more_than_telegram_allows() -> None:
    pacer, telegram, time, log = pacer_and_telegram()
    await send(pacer, telegram, log, 7, bulk=True)
    for _ in range(6):
        await send(pacer, telegram, log, 7, bulk=False)
    assert log[2][0] - log[0][0] < 0.1  # a bulk message and two replies at once: burst of 3
    assert log[3][0] - log[0][0] >= 1.0  # then one per second


async def test_a_larger_chat_burst_speeds_replies_but_never_bulk() -> None:
    pacer, telegram, time, log = pacer_and_telegram(chat_burst=100)
    for _ in range(50):
        await send(pacer, telegram, log, 7, bulk=False)
    # A sandbox's scripted person gets 50 replies at once: only the overall rate spaces them.
    assert log[-1][0] - log[0][0] == pytest.approx(49 / 29, rel=0.05)
    log.clear()
    for _ in range(5):
        await send(pacer, telegram, log, 8, bulk=True)
    gaps = [later[0] - earlier[0] for earlier, later in zip(log, log[1:], strict=False)]
    assert all(gap >= 1.0 for gap in gaps)


async def test_bulk_leaves_room_for_two_replies_whatever_the_burst() -> None:
    pacer, telegram, time, log = pacer_and_telegram(chat_burst=10)
    for _ in range(8):
        await send(pacer, telegram, log, 7, bulk=False)
    await send(pacer, telegram, log, 7, bulk=True)
    assert log[-1][0] - log[0][0] == pytest.approx(1.05)  # until three fit, not a full bucket
    bulk_at = log[-1][0]
    for _ in range(2):
        await send(pacer, telegram, log, 7, bulk=False)
    assert log[-1][0] - bulk_at < 0.1  # both replies at once, no 429


async def test_bulk_ready_in_is_in_real_seconds_on_a_fast_time() -> None:
    """The engine sleeps the answer on the event loop's clock: a pacer whose seconds pass
    100 times faster (the demo's, the functional tests') answers in real seconds."""
    time = FakeTime()
    pacer = Pacer(time_source=time, sleep=time.sleep, speed=100.0)

    async def refused() -> dict:
        raise RetryAfter(5)

    with pytest.raises(RetryAfter):
        await pacer.process_request(refused, (), {}, "sendMessage", {"chat_id": 1}, BulkSend())
    assert pacer.bulk_ready_in(2) == pytest.approx(0.05, abs=0.001)
    with pytest.raises(ValueError, match="speed"):
        Pacer(speed=0)


async def test_groups_get_at_most_20_per_minute() -> None:
    pacer, telegram, time, log = pacer_and_telegram()
    for _ in range(45):
        await send(pacer, telegram, log, -100, bulk=False)
    assert log[19][0] - log[0][0] < 1
    assert log[20][0] - log[0][0] >= 60


async def test_retry_after_pauses_bulk_traffic_and_is_left_to_the_engine() -> None:
    pacer, telegram, time, log = pacer_and_telegram()

    async def refused() -> dict:
        raise RetryAfter(5)

    with pytest.raises(RetryAfter):
        await pacer.process_request(refused, (), {}, "sendMessage", {"chat_id": 1}, BulkSend())
    assert pacer.bulk_ready_in(2) == pytest.approx(5, abs=0.1)
    paused_at = time.now
    await send(pacer, telegram, log, 2, bulk=False)  # a reply to someone else goes at once
    assert log[-1][0] < paused_at + 0.1
    await send(pacer, telegram, log, 3, bulk=True)
    assert log[-1][0] >= paused_at + 5


def test_only_message_sending_calls_are_counted() -> None:
    assert message_count("sendMessage", {}) == 1
    assert message_count("sendPhoto", {}) == 1
    assert message_count("copyMessage", {}) == 1
    assert message_count("sendMediaGroup", {"media": [1, 2, 3]}) == 3
    for endpoint in (
        "sendChatAction",
        "editMessageText",
        "answerCallbackQuery",
        "setMyCommands",
        "getMe",
    ):
        assert message_count(endpoint, {}) == 0
