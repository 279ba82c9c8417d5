"""The sandbox's Telegram rules: what it refuses, its rate limits (fake time), injected faults."""

from __future__ import annotations

import asyncio

import pytest
import telegram
from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.devtools.sandbox import LimitConfig, RateLimiter, SandboxServer
from bot.devtools.sandbox.images import solid_png
from tests.sandbox.support import LimitClock, make_bot

# PTB itself warns about RetryAfter.retry_after's future type whenever it raises RetryAfter.
pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")


# ---- validation -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "<b>unclosed",
        "<foo>x</foo>",
        "a < b",
        "Tom & Jerry",
        "<b><i>x</b></i>",
        "x</b>",
        '<span class="x">s</span>',
    ],
)
async def test_malformed_html_is_rejected(tg: telegram.Bot, user: int, text: str) -> None:
    with pytest.raises(BadRequest, match="(?i)parse entities"):
        await tg.send_message(user, text, parse_mode="HTML")


async def test_text_length_counts_parsed_utf16(tg: telegram.Bot, user: int) -> None:
    await tg.send_message(user, "<b>" + "a" * 4096 + "</b>", parse_mode="HTML")
    with pytest.raises(BadRequest, match="(?i)too long"):
        await tg.send_message(user, "a" * 4097)
    with pytest.raises(BadRequest, match="(?i)too long"):
        await tg.send_message(user, "😀" * 2049)  # 4098 UTF-16 code units
    with pytest.raises(BadRequest, match="(?i)text is empty"):
        await tg.send_message(user, "  <b> </b> ", parse_mode="HTML")


async def test_caption_too_long(tg: telegram.Bot, user: int) -> None:
    await tg.send_photo(user, solid_png(4, 4), caption="c" * 1024)
    with pytest.raises(BadRequest, match="(?i)caption is too long"):
        await tg.send_photo(user, solid_png(4, 4), caption="c" * 1025)


async def test_callback_data_over_64_bytes(tg: telegram.Bot, user: int) -> None:
    ok = InlineKeyboardMarkup([[InlineKeyboardButton("ok", callback_data="é" * 32)]])
    await tg.send_message(user, "boleh", reply_markup=ok)
    bad = InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="a" * 63 + "é")]])
    with pytest.raises(BadRequest, match="(?i)button_data_invalid"):
        await tg.send_message(user, "tidak", reply_markup=bad)


async def test_blocked_user_is_forbidden(tg: telegram.Bot, sb: SandboxServer, user: int) -> None:
    sb.block_bot(user)
    with pytest.raises(Forbidden, match="(?i)bot was blocked by the user"):
        await tg.send_message(user, "halo")
    assert sb.stats.responses_403 == 1 and sb.messages(user) == []
    sb.block_bot(user, blocked=False)
    await tg.send_message(user, "halo lagi")


async def test_file_ids(tg: telegram.Bot, sb: SandboxServer, user: int) -> None:
    with pytest.raises(BadRequest, match="(?i)wrong file identifier"):
        await tg.send_document(user, "not a file id")
    foreign = "BQACAgUAAxkBAAIBZ2X9abcdEFGHijklMNOP"
    doc = (await tg.send_document(user, foreign)).document
    assert doc is not None and doc.file_id == foreign
    again = await tg.send_photo(
        user, (await tg.send_photo(user, solid_png(8, 8))).photo[-1].file_id
    )
    assert again.photo[-1].width == 8 and sb.last_message(user).media_type == "photo"


# ---- rate limits (fake time, no sleeping) ---------------------------------------------------


async def test_overall_limit_30_per_second(
    tg: telegram.Bot, sb: SandboxServer, limit_clock: LimitClock
) -> None:
    users = [sb.add_user(f"U{i}") for i in range(31)]
    results = await asyncio.gather(
        *(tg.send_message(u, "siaran") for u in users), return_exceptions=True
    )
    limited = [r for r in results if isinstance(r, RetryAfter)]
    assert len(limited) == 1 and sb.stats.responses_429 == 1
    assert sum(sb.stats.sent_per_chat.values()) == 30
    limit_clock.advance(1.0)
    blocked_user = users[results.index(limited[0])]
    await tg.send_message(blocked_user, "siaran")


async def test_private_chat_bucket(
    tg: telegram.Bot, sb: SandboxServer, user: int, limit_clock: LimitClock
) -> None:
    for i in range(3):
        await tg.send_message(user, f"pesan {i}")
    with pytest.raises(RetryAfter):
        await tg.send_message(user, "kebanyakan")
    assert len(sb.messages(user)) == 3
    limit_clock.advance(1.0)
    await tg.send_message(user, "sudah boleh")
    with pytest.raises(RetryAfter):
        await tg.send_message(user, "terlalu cepat")


async def test_group_20_per_minute(
    tg: telegram.Bot, sb: SandboxServer, user: int, limit_clock: LimitClock
) -> None:
    group = sb.add_group("Humas", [user])
    for i in range(20):
        limit_clock.advance(1.0)
        await tg.send_message(group, f"info {i}")
    with pytest.raises(RetryAfter):
        await tg.send_message(group, "info 21")
    limit_clock.advance(41.0)
    await tg.send_message(group, "info 21")
    assert len(sb.messages(group)) == 21


async def test_edits_are_not_rate_limited_and_limits_can_be_off(limit_clock: LimitClock) -> None:
    async with (
        SandboxServer(enforce_limits=False, time_source=limit_clock) as sb,
        make_bot(sb) as b,
    ):
        uid = sb.add_user("Sari")
        sent = [await b.send_message(uid, f"m{i}") for i in range(10)]
        for i in range(5):
            await b.edit_message_text(f"e{i}", chat_id=uid, message_id=sent[0].message_id)
        assert len(sb.messages(uid)) == 10 and sb.messages(uid)[0].text == "e4"


async def test_force_retry_after(tg: telegram.Bot, sb: SandboxServer, user: int) -> None:
    sb.force_retry_after(7, count=1)
    with pytest.raises(RetryAfter, match="7"):
        await tg.send_message(user, "x")
    await tg.send_message(user, "y")
    assert [m.text for m in sb.messages(user)] == ["y"]


def test_limiter_sliding_window_and_bucket(limit_clock: LimitClock) -> None:
    limiter = RateLimiter(time_source=limit_clock)
    for chat in range(1, 31):
        assert limiter.acquire(chat) is None
    assert limiter.acquire(31) == 1
    limit_clock.advance(0.5)
    assert limiter.acquire(31) == 1  # still inside the same 1 s window
    limit_clock.advance(0.5)
    assert limiter.acquire(31) is None

    limit_clock.advance(10)
    assert [limiter.acquire(7) for _ in range(4)] == [None, None, None, 1]
    limit_clock.advance(0.99)
    assert limiter.acquire(7) == 1
    limit_clock.advance(0.01)
    assert limiter.acquire(7) is None
    assert limiter.acquire(7) == 1


def test_limiter_group_window_and_albums(limit_clock: LimitClock) -> None:
    limiter = RateLimiter(LimitConfig(global_per_second=1000), time_source=limit_clock)
    for _ in range(19):
        assert limiter.acquire(-100) is None
        limit_clock.advance(1)
    assert limiter.acquire(-100, count=2) == 41  # the oldest send leaves the window at t=60
    assert limiter.acquire(-100) is None
    assert limiter.acquire(-100) is not None
    assert limiter.acquire(5, count=10) is None  # an album passes on a full bucket...
    assert limiter.acquire(5) == 8  # ...and puts the chat in debt


# ---- faults -----------------------------------------------------------------------------------


async def test_5xx_and_drop_faults(tg: telegram.Bot, sb: SandboxServer, user: int) -> None:
    sb.inject_faults(kind="5xx", count=1, methods={"sendMessage"})
    with pytest.raises(NetworkError, match="(?i)Bad Gateway"):
        await tg.send_message(user, "hilang")
    assert sb.messages(user) == []
    sb.inject_faults(kind="drop", count=1)
    with pytest.raises(NetworkError):
        await tg.send_message(user, "terkirim tapi tanpa jawaban")
    assert [m.text for m in sb.messages(user)] == ["terkirim tapi tanpa jawaban"]
    await tg.send_message(user, "normal lagi")
    assert sb.stats.faults_injected == 2


async def test_slow_fault_times_out(sb: SandboxServer, user: int) -> None:
    async with make_bot(sb, read_timeout=0.1) as slow_bot:
        sb.inject_faults(kind="slow", count=1, delay=0.3, methods={"sendMessage"})
        with pytest.raises(TimedOut):
            await slow_bot.send_message(user, "lambat")
    assert len(sb.messages(user)) == 1


async def test_rate_faults_hit_a_fraction(sb: SandboxServer, tg: telegram.Bot) -> None:
    users = [sb.add_user(f"R{i}") for i in range(20)]
    sb.inject_faults(kind="5xx", rate=0.5, methods={"sendMessage"})
    outcomes = await asyncio.gather(
        *(tg.send_message(u, "x") for u in users), return_exceptions=True
    )
    failures = sum(isinstance(o, NetworkError) for o in outcomes)
    assert 0 < failures < 20 and failures == sb.stats.faults_injected
    sb.clear_faults()
    await tg.send_message(users[0], "pulih")


async def test_held_requests_wait_undelivered_until_released(
    sb: SandboxServer, tg: telegram.Bot
) -> None:
    users = [sb.add_user(f"H{n}") for n in range(4)]  # one send each: no flood limit
    sb.hold_requests({"sendMessage"}, after=1)
    await tg.send_message(users[0], "dijawab")
    held = [asyncio.create_task(tg.send_message(users[n], "ditahan")) for n in (1, 2)]
    await sb.wait_for_held(2)
    await tg.get_me()  # other methods are answered meanwhile
    assert not any(task.done() for task in held)
    assert [len(sb.messages(user)) for user in users] == [1, 0, 0, 0]
    sb.release_requests()
    assert [(await task).text for task in held] == ["ditahan", "ditahan"]
    assert sb.held_requests == 0
    await tg.send_message(users[3], "bebas")
    assert [len(sb.messages(user)) for user in users] == [1, 1, 1, 1]


async def test_a_counted_hold_lets_later_requests_through(
    sb: SandboxServer, tg: telegram.Bot
) -> None:
    first, second = sb.add_user("H1"), sb.add_user("H2")
    sb.hold_requests({"sendMessage"}, count=1)
    held = asyncio.create_task(tg.send_message(first, "ditahan"))
    await sb.wait_for_held()
    await tg.send_message(second, "lewat")
    assert sb.messages(first) == [] and len(sb.messages(second)) == 1
    assert sb.held_requests == 1
    sb.release_requests()
    assert (await held).text == "ditahan"
