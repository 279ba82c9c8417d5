"""The longest push on the demo data: every scheduled push, in the worst case the areas allow.

Six briefings to every desa, kelurahan and kecamatan office (476 units), nobody
reporting, officers in a handful of units, twelve programs: reminders, "pengingat
tidak sampai", the overdue notice, escalation, the daily and the weekly digest. No
push to a coordinator is longer than one screen (40 lines at 35 characters); the
longest push of each kind is printed (``pytest -s``) for the figures.
"""

from __future__ import annotations

from collections import defaultdict

from bot.devtools.driver import BotDriver
from scheduler.digests import run_due_digests
from scheduler.escalation import run_due_deadlines
from scheduler.reminders import run_due_reminders
from scheduler.screen import MAX_LINES, screen_lines
from tests.factories import (
    CITEUREUP,
    REGENCY,
    WANAHERANG,
    add_officer,
    create_program,
    publish,
    run,
    wib,
)

BRIEFINGS = 6
PROGRAMS = 12


async def test_no_push_to_a_coordinator_exceeds_one_screen(bot: BotDriver) -> None:
    central = await add_officer(bot, "Rina Pusat", REGENCY, "coordinator")
    kecamatan = await add_officer(bot, "Rudi Citeureup", CITEUREUP, "coordinator")
    officers = [await add_officer(bot, f"Petugas {n}", WANAHERANG) for n in range(3)]
    rows = await bot.db.fetchall(
        "SELECT code FROM units WHERE kind IN ('kecamatan', 'desa', 'kelurahan') ORDER BY code"
    )
    codes = [row["code"] for row in rows]
    for number in range(PROGRAMS):
        await create_program(bot.db, central, bot.clock.now(), f"Program Prioritas {number + 1}")
    deadline = wib(2026, 12, 2, 12) - bot.clock.now()
    for number in range(BRIEFINGS):
        await publish(
            bot,
            central.telegram_id,
            codes,
            title=f"Kampanye Strategis Kabupaten Nomor {number + 1}",
            deadline=deadline,
        )
    first = {person: len(bot.sandbox.messages(person)) for person in bot.sandbox.chats}
    for moment, due in [
        (wib(2026, 12, 1, 12, 0), run_due_reminders),  # 24 h before
        (wib(2026, 12, 2, 9, 0), run_due_reminders),  # 3 h before
        (wib(2026, 12, 2, 12, 0), run_due_deadlines),  # overdue notice and escalation
        (wib(2026, 12, 2, 16, 0), run_due_digests),  # the daily digest
        (wib(2026, 12, 7, 7, 0), run_due_digests),  # the weekly digest
    ]:
        bot.clock.set(moment)
        await run(bot, due)

    longest: dict[str, tuple[int, str]] = defaultdict(lambda: (0, ""))
    coordinators = {central.telegram_id: "regency", kecamatan.telegram_id: "kecamatan"}
    for chat in bot.sandbox.chats:
        who = coordinators.get(chat, "officer")
        for message in bot.sandbox.messages(chat)[first.get(chat, 0) :]:
            lines = screen_lines(message.text or "")
            kind = message.plain_text.split("\n", 1)[0][:40]
            if lines > longest[who][0]:
                longest[who] = (lines, kind)
            if who != "officer":
                assert lines <= MAX_LINES, (who, lines, message.plain_text)
    overall = max(longest.values())
    print(f"\nlongest push per recipient (lines at 35 characters): {dict(longest)}")
    print(f"longest push of all: {overall[0]} lines ({overall[1]})")
    assert officers and longest["regency"][0] > 0 and longest["kecamatan"][0] > 0
