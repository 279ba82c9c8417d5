"""``humas-bot demo``: the real bot against the built-in sandbox, on a scripted day.

No token and no network: the sandbox Bot API server runs on 127.0.0.1, the bot
polls it through its normal HTTP client, and the script plays the people. The
transcript shows who says what and what the bot answers, keyboards included.
Each scene is a function; later features add theirs to ``SCENES``.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import TextIO

from bot.core.clock import FakeClock
from bot.core.texts import t
from bot.devtools.demo_announcements import SCENES as ANNOUNCEMENT_SCENES
from bot.devtools.demo_core_loop import SCENES as CORE_LOOP_SCENES
from bot.devtools.demo_health import SCENES as HEALTH_SCENES
from bot.devtools.demo_recap import SCENES as RECAP_SCENES
from bot.devtools.demo_release import SCENES as RELEASE_SCENES
from bot.devtools.demo_stage import Demo
from bot.devtools.demo_webapp import DEMO_WEBAPP_URL
from bot.devtools.demo_webapp import SCENES as WEBAPP_SCENES
from bot.devtools.driver import BotDriver, sandbox_config
from bot.devtools.fast_time import FastTime
from bot.devtools.sandbox import LimitConfig, SandboxServer
from db import briefings as briefings_db
from db import officers as officers_db
from db import programs as programs_db
from db import submissions as submissions_db
from db import units as units_db
from db.audit import Actor
from db.bootstrap import init_database
from db.connection import Database
from scheduler import briefings as sending
from scheduler.jobs import run_all_due

# Monday 30 November 2026, 08:00 WIB.
DEMO_START = datetime(2026, 11, 30, 1, 0, tzinfo=UTC)
ADMIN_ID = 7000001
DESA_CODE = "32.01.02.2001"  # Desa Wanaherang, Kecamatan Gunungputri
# The scripted people type instantly, so their sandbox chats take a long burst of replies
# (and the bot's pacer is told so); broadcasts still go one per second per person.
SCRIPTED_CHAT_BURST = 100
# Nobody reads along in real time: the pacer and the sandbox keep Telegram's limits in
# seconds that pass this many times faster (bot/devtools/fast_time.py).
DEMO_PACE = 100.0


async def scene_join_by_invitation(demo: Demo) -> None:
    demo.scene("1. The administrator starts the bot; a desa officer joins by invitation")
    demo.add_person("Admin (Diskominfo)", "Rina", "Diskominfo", user_id=ADMIN_ID)
    await demo.say("Admin (Diskominfo)", "/start")
    demo.shell(f"humas-bot invite --unit {DESA_CODE} --role officer")
    token = await demo.bot.invitation(DESA_CODE, "officer")
    link = f"https://t.me/{demo.bot.sandbox.bot_username}?start={token}"
    print(link, file=demo.out)
    demo.note(
        "The link is forwarded to the desa officer, who taps it: Telegram sends /start <token>."
    )
    demo.add_person("Siti (desa officer)", "Siti", "Aminah")
    await demo.say("Siti (desa officer)", f"/start {token}")
    await demo.say("Siti (desa officer)", "/profil")
    await demo.say("Siti (desa officer)", "/bantuan")


async def _press_and_show(demo: Demo, name: str, label: str) -> None:
    """Press a button; show the answer, which is often the same message edited in place."""
    replies = await demo.press(name, label)
    if not replies:
        demo.show(name, [demo.bot.sandbox.messages(demo.people[name])[-1]])


async def scene_self_registration(demo: Demo) -> None:
    demo.scene(
        "2. A desa officer applies without an invitation; the kecamatan coordinator approves"
    )
    lang = demo.lang
    demo.shell("humas-bot invite --unit 32.01.02 --role coordinator")
    token = await demo.bot.invitation("32.01.02", "coordinator")
    demo.add_person("Dewi (Gunungputri coordinator)", "Dewi", "Lestari")
    await demo.say("Dewi (Gunungputri coordinator)", f"/start {token}")
    applicant = "Ujang (desa officer)"
    demo.add_person(applicant, "Ujang", "Sutisna")
    await demo.say(applicant, "/start")
    for label in (
        t(lang, "register.apply_button"),
        t(lang, "button.next"),  # Gunungputri is on the second page of 40 kecamatan
        "Gunungputri",
        f"{t(lang, 'kind_short.desa')} Bojongkulur",
        t(lang, "register.use_name_button", name="Ujang Sutisna"),
        t(lang, "register.position.social"),
    ):
        await _press_and_show(demo, applicant, label)
    demo.note("The request reaches the coordinators whose area holds Desa Bojongkulur.")
    coordinator = "Dewi (Gunungputri coordinator)"
    demo.show(coordinator, [demo.bot.sandbox.messages(demo.people[coordinator])[-1]])
    await _press_and_show(demo, coordinator, t(lang, "register.approve_button"))
    demo.show(applicant, [demo.bot.sandbox.messages(demo.people[applicant])[-1]])
    await demo.say(applicant, "/profil")


async def _settle(demo: Demo) -> None:
    delivery = demo.bot.services.delivery
    assert delivery is not None
    for _ in range(2):
        await demo.bot.idle()
        await delivery.wait_idle()


async def _after_scheduler_run(demo: Demo, names: list[str]) -> None:
    """Run everything due at the (moved) clock, as a job or the tick would; show what arrived."""
    await _settle(demo)
    before = {name: len(demo.bot.sandbox.messages(demo.people[name])) for name in names}
    await run_all_due(demo.bot.services)
    await _settle(demo)
    for name in names:
        demo.show(name, demo.bot.sandbox.messages(demo.people[name])[before[name] :])


async def scene_reminder_and_escalation(demo: Demo) -> None:
    demo.scene("3. A reminder and an escalation, on a fast clock")
    bot, clock = demo.bot, demo.bot.clock
    assert isinstance(clock, FakeClock)
    coordinator, siti, ujang = (
        "Dewi (Gunungputri coordinator)",
        "Siti (desa officer)",
        "Ujang (desa officer)",
    )
    admin = "Admin (Diskominfo)"
    author = await officers_db.by_telegram_id(bot.db, demo.people[coordinator])
    assert author is not None
    zone = bot.config.tz
    now = clock.now()
    day = now.astimezone(zone).date() + timedelta(days=2)
    deadline = datetime.combine(day, time(11), tzinfo=zone)
    program = await programs_db.create(
        bot.db,
        name="Gunungputri Bersih",
        description="",
        priority=1,
        horizon="pendek",
        starts_on=now.date(),
        ends_on=now.date() + timedelta(days=90),
        actor=Actor.officer(author.id, author.telegram_id),
        at=now,
    )
    draft = await briefings_db.start_draft(bot.db, author.id, now)
    await briefings_db.save_draft(
        bot.db,
        draft.id,
        now,
        step="preview",
        program_id=program.id,
        title="Kerja bakti Sabtu",
        key_message="Ajak warga kerja bakti membersihkan saluran air sebelum musim hujan.",
        channels=["instagram"],
        deadline=deadline,
    )
    units = [await units_db.by_code(bot.db, code) for code in (DESA_CODE, "32.01.02.2002")]
    delivery = bot.services.delivery
    assert delivery is not None
    await sending.publish(
        bot.db,
        delivery,
        draft.id,
        unit_ids=[unit.id for unit in units if unit is not None],
        publish_at=now,
        now=now,
        actor=Actor.officer(author.id, author.telegram_id),
        zone=zone,
    )
    demo.note(
        f"Dewi published briefing #{draft.id} for Desa Wanaherang and Desa Bojongkulur, due "
        f"{deadline:%A %d %B %H:%M} WIB. Ujang reports his post at once; Siti does not."
    )
    ujang_officer = await officers_db.by_telegram_id(bot.db, demo.people[ujang])
    assert ujang_officer is not None
    await submissions_db.report_link(
        bot.db, ujang_officer, draft.id, "https://www.instagram.com/p/C9kerjaBakti1/", clock.now()
    )
    schedule = bot.services.schedule
    if schedule is not None:
        jobs = sorted(job for job in await schedule.wanted() if job.split(":")[1] == str(draft.id))
        demo.note("Timed jobs derived from the database: " + ", ".join(jobs))
    for moment, what in (
        (deadline - timedelta(hours=24), "24 hours before the deadline"),
        (deadline - timedelta(hours=3), "3 hours before the deadline"),
        (deadline, "the deadline"),
    ):
        clock.set(moment)
        demo.note(f"The clock jumps to {moment.astimezone(zone):%A %H:%M} WIB ({what}).")
        await _after_scheduler_run(demo, [siti, ujang, coordinator, admin])


Scene = Callable[[Demo], Awaitable[None]]
SCENES: list[Scene] = [
    scene_join_by_invitation,
    scene_self_registration,
    scene_reminder_and_escalation,
    *CORE_LOOP_SCENES,
    *ANNOUNCEMENT_SCENES,
    *RELEASE_SCENES,
    *HEALTH_SCENES,
    *RECAP_SCENES,
    *WEBAPP_SCENES,
]


async def run_demo(lang: str = "id", out: TextIO | None = None, *, serve: bool = False) -> int:
    """Play every scene; return 0 when the script ran to its end. ``serve`` keeps the bot,
    the sandbox and the dashboard running afterwards, until interrupted."""
    out = out or sys.stdout
    clock = FakeClock(DEMO_START)
    with tempfile.TemporaryDirectory(prefix="humas-demo-") as folder:
        db_path = Path(folder) / "demo.db"
        db = await Database.open(db_path)
        try:
            added = await init_database(db, clock, Actor.cli())
        finally:
            await db.close()
        limits = LimitConfig(private_burst=SCRIPTED_CHAT_BURST)
        pace = FastTime(DEMO_PACE)
        async with SandboxServer(limits=limits, time_source=pace.monotonic) as sandbox:
            print(
                f"Sandbox Bot API server on {sandbox.base_url.rsplit('/', 1)[0]}; "
                f"database {added} areas; clock at {clock.now():%Y-%m-%d %H:%M} UTC",
                file=out,
            )
            config = sandbox_config(
                sandbox,
                db_path,
                admins=[ADMIN_ID],
                delivery={"chat_burst": SCRIPTED_CHAT_BURST},
                webapp={"url": DEMO_WEBAPP_URL, "port": 0},
            )
            async with BotDriver(sandbox, config, clock, pace=pace) as bot:
                if bot.services.health is not None:
                    url = bot.services.health.url
                    print(f"Health and metrics on {url}/healthz and {url}/metrics", file=out)
                demo = Demo(bot=bot, out=out, lang=lang)
                for scene in SCENES:
                    await scene(demo)
                if serve:
                    print("\nThe bot and its dashboard keep running; Ctrl-C stops.", file=out)
                    await asyncio.Event().wait()
    print("\nDemo finished.", file=out)
    return 0
