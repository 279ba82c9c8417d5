"""Demo scene (``humas-bot demo``): an announcement with acknowledgement, played last.

The Gunungputri coordinator announces a meeting to everyone in her kecamatan and
asks for "Sudah dibaca"; she previews it, sends it, gets the delivery report; a desa
officer acknowledges it (twice: the second press is told it is already recorded);
the coordinator looks at who has read it, per unit.
"""

from __future__ import annotations

from bot.core.texts import t
from bot.devtools.demo_stage import Demo

COORDINATOR = "Dewi (Gunungputri coordinator)"
SITI = "Siti (desa officer)"
UJANG = "Ujang (desa officer)"


async def _press_shown(demo: Demo, name: str, label: str) -> None:
    """Press a button; when the answer edits the pressed message in place, show that."""
    if not await demo.press(name, label):
        demo.show(name, [demo.bot.sandbox.messages(demo.people[name])[-1]])


def _answer(demo: Demo, name: str) -> None:
    """What Telegram shows the presser as a short notice (the callback answer)."""
    print(f"🤖 ⇢ {name} (notice): {demo.bot.sandbox.callback_answers[-1]['text']}", file=demo.out)


async def scene_announcement(demo: Demo) -> None:
    demo.scene("Announcement with acknowledgement")
    lang = demo.lang
    await demo.say(COORDINATOR, "/pengumuman")
    await demo.say(
        COORDINATOR,
        "Rapat koordinasi humas kecamatan, Senin 7 Desember pukul 09.00 di aula kantor kecamatan. "
        "Mohon membawa rekap unggahan bulan November.",
    )
    demo.note(
        "The preview above is exactly what the officers will get; the summary counts them and "
        "shows the defaults (everyone in scope, not urgent, read confirmation, now), each one "
        "changeable with a button."
    )
    marks = {
        name: len(demo.bot.sandbox.messages(demo.people[name]))
        for name in (COORDINATOR, SITI, UJANG)
    }
    await _press_shown(demo, COORDINATOR, t(lang, "announce.button.send"))
    delivery = demo.bot.services.delivery
    assert delivery is not None
    await demo.bot.idle()
    await delivery.wait_idle()
    for name in (SITI, UJANG, COORDINATOR):
        demo.show(name, demo.bot.sandbox.messages(demo.people[name])[marks[name] :])
    await demo.press(SITI, t(lang, "announce.button.ack"))
    _answer(demo, SITI)
    await demo.press(SITI, t(lang, "announce.button.ack"))
    _answer(demo, SITI)
    await demo.press(COORDINATOR, t(lang, "announce.button.status"))


SCENES = [scene_announcement]
