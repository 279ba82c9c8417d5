"""``humas-bot demo``: the real bot against the built-in sandbox, on a scripted day.

No token and no network: the sandbox Bot API server runs on 127.0.0.1, the bot
polls it through its normal HTTP client, and the script plays the people. The
transcript shows who says what and what the bot answers, keyboards included.
Each scene is a function; later features add theirs to ``SCENES``.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from bot.clock import FakeClock
from bot.driver import BotDriver, sandbox_config
from bot.sandbox import SandboxServer, SentMessage, render_message
from db.audit import Actor
from db.bootstrap import init_database
from db.connection import Database

# Monday 30 November 2026, 08:00 WIB.
DEMO_START = datetime(2026, 11, 30, 1, 0, tzinfo=UTC)
ADMIN_ID = 7000001
DESA_CODE = "32.01.02.2001"  # Desa Wanaherang, Kecamatan Gunungputri


@dataclass
class Demo:
    """The running demo: the bot, the people by name, and the transcript."""

    bot: BotDriver
    out: TextIO
    lang: str
    people: dict[str, int] = field(default_factory=dict)

    def scene(self, title: str) -> None:
        print(f"\n══ {title} ══", file=self.out)

    def note(self, text: str) -> None:
        print(f"   · {text}", file=self.out)

    def shell(self, command: str) -> None:
        print(f"$ {command}", file=self.out)

    def show(self, name: str, replies: list[SentMessage]) -> None:
        for message in replies:
            body = render_message(message).replace("\n", "\n     ")
            print(f"🤖 → {name}: {body}", file=self.out)

    async def say(self, name: str, text: str) -> list[SentMessage]:
        shown = text if len(text) < 80 else text[:77] + "..."
        print(f"👤 {name}: {shown}", file=self.out)
        replies = await self.bot.say(self.people[name], text)
        self.show(name, replies)
        return replies

    async def press(self, name: str, label: str) -> list[SentMessage]:
        print(f"👆 {name} presses [{label}]", file=self.out)
        replies = await self.bot.press(self.people[name], label)
        self.show(name, replies)
        return replies

    def add_person(
        self, name: str, first_name: str, last_name: str | None = None, user_id: int | None = None
    ) -> int:
        self.people[name] = self.bot.sandbox.add_user(
            first_name, last_name=last_name, language_code=self.lang, user_id=user_id
        )
        return self.people[name]


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


Scene = Callable[[Demo], Awaitable[None]]
SCENES: list[Scene] = [scene_join_by_invitation]


async def run_demo(lang: str = "id", out: TextIO | None = None) -> int:
    """Play every scene; return 0 when the script ran to its end."""
    out = out or sys.stdout
    clock = FakeClock(DEMO_START)
    with tempfile.TemporaryDirectory(prefix="humas-demo-") as folder:
        db_path = Path(folder) / "demo.db"
        db = await Database.open(db_path)
        try:
            added = await init_database(db, clock, Actor.cli())
        finally:
            await db.close()
        async with SandboxServer() as sandbox:
            print(
                f"Sandbox Bot API server on {sandbox.base_url.rsplit('/', 1)[0]}; "
                f"database {added} areas; clock at {clock.now():%Y-%m-%d %H:%M} UTC",
                file=out,
            )
            config = sandbox_config(sandbox, db_path, admins=[ADMIN_ID])
            async with BotDriver(sandbox, config, clock) as bot:
                demo = Demo(bot=bot, out=out, lang=lang)
                for scene in SCENES:
                    await scene(demo)
    print("\nDemo finished.", file=out)
    return 0
