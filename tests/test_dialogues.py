"""Dialogues on PTB's public API: the one entered last takes typed text, /batal ends all.

Also: a dialogue that timed out takes nothing more, a second application in the
same process starts with no dialogue of the first, and no module reads PTB's
private conversation state.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from bot.devtools.driver import BotDriver
from handlers.conversation import TIMEOUT, Dialogue
from tests.factories import CIBINONG

CANCELLED = "Dibatalkan. Tidak ada yang diubah."
NOTHING = "Tidak ada proses yang sedang berjalan."
SEARCHED = "Unit yang cocok dengan"  # /undang's answer to a typed unit search
ROOT = Path(__file__).resolve().parent.parent


def _current(bot: BotDriver, user_id: int) -> list[str]:
    """The dialogue the person entered last, as the application records it."""
    assert bot.app is not None
    kept = bot.app.user_data[user_id].values()
    return [value.name for value in kept if isinstance(value, Dialogue)]


def _labels(message_buttons: list[list[str]]) -> list[str]:
    return [label for row in message_buttons for label in row]


async def test_text_goes_to_the_dialogue_entered_last_and_batal_ends_both(bot: BotDriver) -> None:
    coordinator = await bot.join("Dewi", CIBINONG, "coordinator")
    invite = (await bot.say(coordinator, "/undang"))[-1]
    assert "Kel. Pakansari" in _labels(invite.button_labels())  # /undang takes a typed search
    await bot.say(coordinator, "/pengumuman")
    # Both dialogues wait for text; the announcement, entered last, gets it (although
    # /undang is registered first), and the invitation's unit search stays silent.
    replies = await bot.say(coordinator, "Rapat humas di Pakansari")
    assert [m.plain_text for m in replies if "Rapat humas di Pakansari" in m.plain_text] != []
    assert all(SEARCHED not in m.plain_text for m in replies)
    # /batal ends both, each saying so; afterwards typed text belongs to no dialogue.
    ended = await bot.say(coordinator, "/batal")
    assert [m.plain_text for m in ended] == [CANCELLED, CANCELLED]
    assert "/bantuan" in (await bot.say(coordinator, "pakansari"))[-1].plain_text
    assert [m.plain_text for m in await bot.say(coordinator, "/batal")] == [NOTHING]


async def test_a_dialogue_that_timed_out_takes_no_more_text(bot: BotDriver) -> None:
    coordinator = await bot.join("Dewi", CIBINONG, "coordinator")
    assert bot.app is not None and bot.app.job_queue is not None
    before = set(bot.app.job_queue.jobs())
    await bot.say(coordinator, "/undang")
    assert _current(bot, coordinator) == ["invite"]
    soon = datetime.now(UTC) + TIMEOUT
    [timeout] = [
        job
        for job in bot.app.job_queue.jobs()
        if job not in before and job.next_t is not None and abs(job.next_t - soon) < TIMEOUT / 10
    ]
    await timeout.run(bot.app)  # what PTB runs when the person left the dialogue alone
    await bot.idle()
    assert _current(bot, coordinator) == []
    assert "/bantuan" in (await bot.say(coordinator, "pakansari"))[-1].plain_text
    assert [m.plain_text for m in await bot.say(coordinator, "/batal")] == [NOTHING]


async def test_a_second_application_has_no_dialogue_of_the_first(bot: BotDriver) -> None:
    coordinator = await bot.join("Dewi", CIBINONG, "coordinator")
    await bot.say(coordinator, "/undang")
    found = await bot.say(coordinator, "pakansari")
    assert SEARCHED in found[-1].plain_text
    first = bot.app
    assert first is not None
    await bot.stop()
    async with BotDriver(bot.sandbox, bot.config, bot.clock) as second:
        assert second.app is not None
        shared = {id(h) for hs in first.handlers.values() for h in hs} & {
            id(h) for hs in second.app.handlers.values() for h in hs
        }
        assert shared == set()
        # The same person, typing on: the new application has no /undang in progress.
        assert "/bantuan" in (await second.say(coordinator, "pakansari"))[-1].plain_text
        assert [m.plain_text for m in await second.say(coordinator, "/batal")] == [NOTHING]


def test_no_module_reads_private_conversation_state() -> None:
    sources = [
        path
        for package in ("bot", "handlers", "scheduler", "db")
        for path in sorted((ROOT / package).rglob("*.py"))
    ]
    assert len(sources) > 50
    offenders = [str(p.relative_to(ROOT)) for p in sources if "._conversations" in p.read_text()]
    assert offenders == []
