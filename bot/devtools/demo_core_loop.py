"""Demo scenes of the core loop (``humas-bot demo``), played after the onboarding scenes.

The central humas sets a strategic program; the Gunungputri coordinator composes a
briefing, previews it and publishes it to the kecamatan; two desa officers report
their posts — one duplicate link is refused, one report comes late; a draft is sent
back for revision and then approved; a field issue report is handled.
"""

from __future__ import annotations

from datetime import timedelta

from bot.core.clock import FakeClock
from bot.core.texts import t
from bot.devtools.demo_stage import Demo

ADMIN = "Admin (Diskominfo)"
COORDINATOR = "Dewi (Gunungputri coordinator)"
SITI = "Siti (desa officer)"
UJANG = "Ujang (desa officer)"
PROGRAM = "Bogor Sehat Bebas Stunting"
TITLE = "Posyandu Keliling Desember"


async def _settled(demo: Demo) -> None:
    """Until the bot handled everything and the delivery engine sent what is due."""
    delivery = demo.bot.services.delivery
    assert delivery is not None
    for _ in range(2):
        await demo.bot.idle()
        await delivery.wait_idle()


def _mark(demo: Demo, *names: str) -> dict[str, int]:
    return {name: len(demo.bot.sandbox.messages(demo.people[name])) for name in names}


async def _show_delivered(demo: Demo, mark: dict[str, int]) -> None:
    """Show what the delivery engine sent to each person since ``mark``."""
    await _settled(demo)
    for name, count in mark.items():
        demo.show(name, demo.bot.sandbox.messages(demo.people[name])[count:])


async def _press_shown(demo: Demo, name: str, label: str) -> None:
    """Press a button; when the answer edits the pressed message in place, show that."""
    if not await demo.press(name, label):
        demo.show(name, [demo.bot.sandbox.messages(demo.people[name])[-1]])


async def _send_photo(demo: Demo, name: str, caption: str | None = None) -> None:
    user_id = demo.people[name]
    print(f"👤 {name}: [photo]{' ' + caption if caption else ''}", file=demo.out)
    demo.show(
        name, await demo.bot._after(user_id, lambda: demo.bot.sandbox.send_photo(user_id, caption))
    )


def _choice_containing(demo: Demo, name: str, text: str) -> str:
    """The label of the button containing ``text`` on the newest message that has one."""
    for message in reversed(demo.bot.sandbox.messages(demo.people[name])):
        for row in message.button_labels():
            for label in row:
                if text in label:
                    return label
    raise LookupError(text)


async def scene_program(demo: Demo) -> None:
    demo.scene("4. The central humas sets a strategic program")
    lang = demo.lang
    await demo.say(ADMIN, "/program")
    await demo.press(ADMIN, t(lang, "program.button.new"))
    await demo.say(ADMIN, PROGRAM)
    await demo.say(ADMIN, "Menurunkan angka stunting lewat posyandu dan gizi keluarga.")
    await demo.say(ADMIN, "1")
    await _press_shown(demo, ADMIN, t(lang, "program.horizon.menengah"))
    await demo.say(ADMIN, "2026-12-01 2027-06-30")


async def scene_compose_briefing(demo: Demo) -> None:
    demo.scene("5. The Gunungputri coordinator composes a briefing, previews it and publishes it")
    lang = demo.lang
    toggle = "compose.toggle"

    def add(part: str) -> str:
        return t(lang, "compose.button.add", part=t(lang, f"compose.part.{part}"))

    await demo.say(COORDINATOR, "/brief_baru")
    await _press_shown(
        demo, COORDINATOR, t(lang, "compose.program_button", priority=1, name=PROGRAM)
    )
    await demo.say(COORDINATOR, TITLE)
    await demo.say(
        COORDINATOR,
        "Posyandu keliling hadir di setiap desa sepanjang Desember: timbang, ukur dan imunisasi "
        "balita gratis. Cegah stunting sejak dini!",
    )
    await _press_shown(demo, COORDINATOR, t(lang, "announce.aud.scope"))
    mark = _mark(demo, COORDINATOR)
    demo.note(
        "The required parts are done once the deadline is set: the preview goes through the "
        "delivery engine, exactly as officers will get it, with a button per optional part."
    )
    replies = await demo.say(COORDINATOR, "besok 16:00")
    await _show_delivered(demo, {COORDINATOR: mark[COORDINATOR] + len(replies)})
    await demo.press(COORDINATOR, add("points"))
    await demo.say(
        COORDINATOR, "- Gratis, cukup bawa buku KIA\n- Jadwal di kantor desa\n- Ada penyuluhan gizi"
    )
    await _settled(demo)
    await demo.press(COORDINATOR, add("formats"))
    for code in ("infografis", "videografis"):
        await demo.press(COORDINATOR, t(lang, toggle, mark="⬜", label=t(lang, f"format.{code}")))
    await demo.press(COORDINATOR, t(lang, "compose.button.done"))
    await _settled(demo)
    await demo.press(COORDINATOR, add("hashtags"))
    await demo.say(COORDINATOR, "#BogorSehat #CegahStunting @diskominfo.bogorkab")
    await _settled(demo)
    await demo.press(COORDINATOR, add("demographic"))
    await demo.say(COORDINATOR, "ibu hamil, ibu balita")
    await _settled(demo)
    await demo.press(COORDINATOR, add("attachments"))
    await _send_photo(demo, COORDINATOR)
    mark = _mark(demo, COORDINATOR)
    await demo.press(COORDINATOR, t(lang, "compose.button.done"))
    await _show_delivered(demo, mark)
    mark = _mark(demo, SITI, UJANG)
    await _press_shown(demo, COORDINATOR, t(lang, "compose.button.publish_now"))
    demo.note(
        "Every active officer of the desa of Kecamatan Gunungputri gets it (not the coordinator's "
        "own office); one assignment per unit is open."
    )
    await _show_delivered(demo, mark)


async def scene_reports(demo: Demo) -> None:
    demo.scene("6. Two desa officers report their posts: one duplicate refused, one late")
    lang = demo.lang
    await demo.press(SITI, t(lang, "briefing.button.report"))
    await demo.say(SITI, "https://www.instagram.com/p/DBposyandu01/?igsh=MWQ1ZGUxMzBkMA==")
    demo.note("Two interactions from the briefing to a recorded report: the button, the link.")
    await _press_shown(demo, SITI, t(lang, "submit.button.done"))
    await demo.press(UJANG, t(lang, "briefing.button.report"))
    demo.note("Ujang pastes the post Siti already reported (the link differs only by tracking).")
    await demo.say(UJANG, "https://instagram.com/p/DBposyandu01")
    clock = demo.bot.clock
    assert isinstance(clock, FakeClock)
    clock.advance(timedelta(days=1, hours=6))
    demo.note("The clock moves past the deadline; Ujang posts on TikTok and reports it late.")
    await demo.say(
        UJANG, "https://www.tiktok.com/@desabojongkulur/video/7312345678901234567?is_from_webapp=1"
    )
    await _press_shown(demo, UJANG, t(lang, "submit.button.done"))
    await demo.say(COORDINATOR, "/brief_kelola")


async def scene_draft_review(demo: Demo) -> None:
    demo.scene("7. A draft is sent back for revision, then approved")
    lang = demo.lang
    clock = demo.bot.clock
    assert isinstance(clock, FakeClock)
    await demo.say(UJANG, "/draf")
    mark = _mark(demo, COORDINATOR)
    await demo.press(UJANG, _choice_containing(demo, UJANG, TITLE))
    await demo.say(UJANG, "Caption: Posyandu keliling datang ke Bojongkulur! Yuk timbang si kecil.")
    await _show_delivered(demo, mark)
    await demo.say(COORDINATOR, "/tinjau")
    demo.note(
        "The queue holds the link reports too, oldest first: Dewi approves them, then the draft."
    )
    while "Caption:" not in demo.bot.sandbox.messages(demo.people[COORDINATOR])[-1].plain_text:
        await demo.press(COORDINATOR, t(lang, "review.button.approve"))
    await demo.press(COORDINATOR, t(lang, "review.button.revise"))
    mark = _mark(demo, UJANG)
    await demo.say(
        COORDINATOR, "Sebutkan jadwal dan lokasi posyandu, dan tambahkan #CegahStunting."
    )
    await _show_delivered(demo, mark)
    await demo.say(UJANG, "/draf")
    await demo.press(UJANG, _choice_containing(demo, UJANG, TITLE))
    mark = _mark(demo, COORDINATOR)
    await _send_photo(
        demo, UJANG, "Posyandu keliling di Balai Desa Bojongkulur, Selasa 09.00. #CegahStunting"
    )
    clock.advance(timedelta(minutes=15))
    demo.note("Alerts about drafts are batched: at most one per coordinator every 15 minutes.")
    await _show_delivered(demo, mark)
    await demo.say(COORDINATOR, "/tinjau")
    mark = _mark(demo, UJANG)
    await demo.press(COORDINATOR, t(lang, "review.button.approve"))
    await _show_delivered(demo, mark)
    await demo.say(UJANG, "/laporanku")


async def scene_issue_report(demo: Demo) -> None:
    demo.scene("8. Media monitoring: a hoax reported from the field and handled")
    lang = demo.lang
    await demo.say(SITI, "/isu")
    await demo.say(
        SITI, "https://www.facebook.com/groups/wargagunungputri/posts/998877/?mibextid=abc"
    )
    await demo.say(SITI, "Beredar kabar posyandu keliling memungut biaya Rp50.000. Ini hoaks.")
    mark = _mark(demo, COORDINATOR)
    await demo.press(SITI, t(lang, "issue.urgency.penting"))
    await _show_delivered(demo, mark)
    await demo.press(COORDINATOR, t(lang, "issue.button.handle"))
    mark = _mark(demo, SITI)
    await demo.say(
        COORDINATOR, "Sudah diklarifikasi di akun resmi kecamatan; layanan posyandu gratis."
    )
    await _show_delivered(demo, mark)


SCENES = [
    scene_program,
    scene_compose_briefing,
    scene_reports,
    scene_draft_review,
    scene_issue_report,
]
