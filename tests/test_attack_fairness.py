"""Attack: one person floods the bot to stall everyone else, or to make it write.

A person's updates wait for that person's earlier ones without holding a shared
slot (bot/updates.py), and a person's updates beyond the flood rate are dropped
before any handler runs, with one "terlalu cepat" notice (bot/flood.py).
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator, Awaitable
from pathlib import Path
from typing import Any

import pytest
from telegram import Chat, Message, Update, User

from bot.core.clock import FakeClock
from bot.core.config import FloodConfig
from bot.core.texts import CATALOGUE
from bot.devtools.driver import BotDriver, sandbox_config
from bot.devtools.sandbox import SandboxServer
from bot.flood import FloodControl, FloodGate, Verdict
from bot.updates import PerChatUpdateProcessor
from tests.conftest import ADMIN_ID, FUNCTIONAL_LIMITS, START
from tests.factories import PONDOK_RAJEG, dump

FLOOD_UPDATES = 20
TOO_FAST = CATALOGUE["flood.too_fast"]["id"]
HELP = "Perintah"  # /bantuan's answer opens with "Perintah untuk …" / "Perintah yang tersedia"


@pytest.fixture
async def guarded_bot(
    sandbox: SandboxServer, db_path: Path, clock: FakeClock
) -> AsyncIterator[BotDriver]:
    """The real bot with flood control on: 20 updates per person in a window longer than
    any test, so what is dropped does not depend on how fast the machine is."""
    sandbox.add_user("Admin", last_name="Diskominfo", user_id=ADMIN_ID)
    config = sandbox_config(
        sandbox,
        db_path,
        admins=[ADMIN_ID],
        delivery={"chat_burst": FUNCTIONAL_LIMITS.private_burst},
        flood={"updates": FLOOD_UPDATES, "seconds": 3600},
    )
    async with BotDriver(sandbox, config, clock) as driver:
        yield driver


def _texts(bot: BotDriver, chat_id: int) -> list[str]:
    return [message.plain_text for message in bot.sandbox.messages(chat_id)]


async def test_a_stranger_flooding_200_messages_does_not_stall_another_persons_bantuan(
    guarded_bot: BotDriver,
) -> None:
    bot = guarded_bot
    await bot.say(ADMIN_ID, "/start")
    stranger = bot.sandbox.add_user("Penyusup")
    # The flooder's first reply is held by Telegram until the test lets it go: every
    # later update of theirs has to wait behind it for the whole time.
    bot.sandbox.hold_requests({"sendMessage"}, count=1)
    for number in range(200):
        bot.sandbox.send_text(stranger, f"spam {number}")
    await bot.sandbox.wait_for_held(timeout=30)

    before = len(bot.sandbox.messages(ADMIN_ID))
    bot.sandbox.send_text(ADMIN_ID, "/bantuan")
    answer = await bot.sandbox.wait_for_messages(ADMIN_ID, 1, timeout=30, after=before)
    # Answered while the flood is still in progress: the flooder is still at their first.
    assert HELP in answer[-1].plain_text
    assert bot.sandbox.held_requests == 1 and bot.sandbox.messages(stranger) == []

    bot.sandbox.release_requests()
    await bot.idle(timeout=60)
    replies = _texts(bot, stranger)
    assert len(replies) == FLOOD_UPDATES + 1
    assert [TOO_FAST in text for text in replies] == [False] * FLOOD_UPDATES + [True]


async def test_a_flood_beyond_the_rate_gets_exactly_one_notice_and_writes_nothing(
    guarded_bot: BotDriver,
) -> None:
    bot = guarded_bot
    siti = await bot.join("Siti", PONDOK_RAJEG)  # her first update of the window
    for _ in range(FLOOD_UPDATES - 1):
        await bot.say(siti, "/bantuan")
    before = await dump(bot.db)
    answered = len(bot.sandbox.messages(siti))

    for _ in range(30):  # each would switch her language if it were handled
        bot.sandbox.send_text(siti, "/bahasa en")
    await bot.idle()

    assert _texts(bot, siti)[answered:] == [TOO_FAST]
    assert await dump(bot.db) == before
    language = await bot.db.fetchval("SELECT language FROM officers WHERE telegram_id = ?", (siti,))
    assert language == "id"


async def test_a_flood_of_button_presses_gets_the_notice_as_one_alert(
    guarded_bot: BotDriver,
) -> None:
    bot = guarded_bot
    stranger = bot.sandbox.add_user("Penyusup")
    shown = await bot.say(stranger, "/bantuan")
    for _ in range(40):
        bot.sandbox.press_callback(stranger, shown[-1].message_id, "x:1")
    await bot.idle()
    alerts = [answer for answer in bot.sandbox.callback_answers if answer["text"] == TOO_FAST]
    assert len(alerts) == 1 and alerts[0]["show_alert"]
    # The presses beyond the notice were never answered: they never reached a handler.
    assert len(bot.sandbox.callback_answers) == FLOOD_UPDATES


async def test_one_persons_quick_updates_are_answered_in_the_order_sent(bot: BotDriver) -> None:
    siti = await bot.join("Siti", PONDOK_RAJEG)
    answered = len(bot.sandbox.messages(siti))
    commands = ["/bantuan", "/profil"] * 10
    for command in commands:
        bot.sandbox.send_text(siti, command)
    await bot.idle()
    replies = _texts(bot, siti)[answered:]
    assert len(replies) == len(commands)
    assert [HELP in text for text in replies] == [command == "/bantuan" for command in commands]
    assert ["Profil Anda" in text for text in replies] == [c == "/profil" for c in commands]


# ---- the parts, without Telegram ------------------------------------------------------


class FakeMonotonic:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_gate_notifies_once_per_window_and_opens_again_after_it() -> None:
    time = FakeMonotonic()
    gate = FloodGate(updates=3, seconds=10, monotonic=time)
    first = [gate.admit(7) for _ in range(6)]
    assert first == [Verdict.HANDLE] * 3 + [Verdict.NOTIFY] + [Verdict.DROP] * 2
    assert gate.admit(8) is Verdict.HANDLE  # someone else is not affected
    time.now += 9.9
    assert gate.admit(7) is Verdict.DROP
    time.now += 0.1
    second = [gate.admit(7) for _ in range(5)]
    assert second == [Verdict.HANDLE] * 3 + [Verdict.NOTIFY, Verdict.DROP]


def _update(number: int, person: int) -> Update:
    user = User(person, f"P{person}", is_bot=False)
    chat = Chat(person, Chat.PRIVATE)
    message = Message(number, START, chat, from_user=user, text=f"m{number}")
    return Update(number, message=message)


async def test_waiting_for_ones_own_updates_never_takes_a_slot_from_someone_else() -> None:
    processor = PerChatUpdateProcessor(max_concurrent_updates=2)
    gate = asyncio.Event()
    order: dict[int, list[int]] = {}

    async def work(number: int, person: int, held: bool) -> None:
        if held:
            await gate.wait()
        await asyncio.sleep(random.random() / 1000)
        order.setdefault(person, []).append(number)

    def submit(number: int, person: int, held: bool = False) -> asyncio.Task[None]:
        coroutine: Awaitable[Any] = work(number, person, held)
        return asyncio.create_task(processor.process_update(_update(number, person), coroutine))

    flood = [submit(0, 1, held=True)] + [submit(number, 1) for number in range(1, 50)]
    others = [submit(100 + number, 2 + number % 5) for number in range(20)]
    await asyncio.wait_for(asyncio.gather(*others), timeout=10)
    assert order.get(1) is None and processor.in_flight == 50  # the flood waits behind its first
    gate.set()
    await asyncio.gather(*flood)
    assert order[1] == list(range(50))
    assert all(numbers == sorted(numbers) for numbers in order.values())
    assert processor.in_flight == 0


async def test_excess_updates_are_discarded_as_they_arrive_not_queued() -> None:
    flood = FloodControl(FloodConfig(updates=5, seconds=10), monotonic=FakeMonotonic())
    processor = PerChatUpdateProcessor(admit=flood.admit)
    gate = asyncio.Event()
    ran: list[int] = []

    async def work(number: int) -> None:
        await gate.wait()
        ran.append(number)

    tasks = [
        asyncio.create_task(processor.process_update(_update(number, 1), work(number)))
        for number in range(50)
    ]
    await asyncio.sleep(0)
    # Five to handle and the one that carries the notice wait; 44 are already gone.
    assert sum(task.done() for task in tasks) == 44 and processor.in_flight == 6
    gate.set()
    await asyncio.gather(*tasks)
    assert ran == list(range(6)) and processor.in_flight == 0
