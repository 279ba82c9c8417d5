"""Demo scene (``humas-bot demo``): a desa officer writes a press release with /rilis.

Siti answers the guided questions (title, what, who, when, where, why, how, one quote
with its speaker and position, a contact line), presses "Selesai" and gets the release
as a message and as a .docx; she sends it for review, the Gunungputri coordinator
approves it in /tinjau, and finds it in /rilis_bank.
"""

from __future__ import annotations

import io

from docx import Document

from bot.core.texts import t
from bot.devtools.demo_stage import Demo

COORDINATOR = "Dewi (Gunungputri coordinator)"
SITI = "Siti (desa officer)"
PROGRAM = "Bogor Sehat Bebas Stunting"
ANSWERS = (
    "Posyandu Keliling Jangkau 120 Balita Wanaherang",
    "Pemerintah Desa Wanaherang menggelar posyandu keliling di tiga RW",
    "kader posyandu, bidan desa dan 120 balita beserta orang tuanya",
    "Senin (30/11/2026) pagi",
    "RW 03, RW 05 dan RW 07 Desa Wanaherang",
    "Posyandu keliling digelar agar balita yang jauh dari posyandu tetap tertimbang dan "
    "terimunisasi",
    "Kader mendatangi rumah warga sepekan sebelumnya untuk mendata balita\n"
    "Pada hari pelaksanaan, balita ditimbang, diukur dan diberi vitamin A",
    "Kami ingin tidak ada satu pun balita Wanaherang yang terlewat",
    "Hj. Nur Aisyah",
    "Kepala Desa Wanaherang",
)
CONTACT = "0812-3456-7890 (WhatsApp) / humas.wanaherang@bogorkab.go.id"


async def scene_release(demo: Demo) -> None:
    demo.scene("A press release with /rilis, reviewed and in the bank")
    lang = demo.lang
    await demo.bot.say(demo.people[SITI], "/rilis")
    print(f"👤 {SITI}: /rilis", file=demo.out)
    await demo.bot.press(demo.people[SITI], PROGRAM)
    for answer in ANSWERS:
        await demo.bot.say(demo.people[SITI], answer)
    await demo.bot.press(demo.people[SITI], t(lang, "release.button.no_second_quote"))
    await demo.bot.say(demo.people[SITI], CONTACT)
    demo.note(
        "Siti answered the 15 questions (the program by a button, no second quote, no photo); "
        "each answer was saved as it came. She presses Selesai:"
    )
    replies = await demo.press(SITI, t(lang, "release.button.done"))
    document = replies[-1]
    assert document.file_id is not None
    word = Document(io.BytesIO(demo.bot.sandbox.files[document.file_id].data))
    demo.note(
        f"The .docx holds {len(word.paragraphs)} paragraphs: the header line, the headline in "
        "bold, the lead with its dateline, the body, the quote in italics, the closing, the "
        "contact and ### centred."
    )
    await demo.press(SITI, t(lang, "release.button.send"))
    await demo.say(COORDINATOR, "/tinjau")
    await demo.press(COORDINATOR, t(lang, "review.button.approve"))
    await demo.say(COORDINATOR, "/rilis_bank")


SCENES = [scene_release]
