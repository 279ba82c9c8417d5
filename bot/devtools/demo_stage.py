"""The demo's stage: the running bot, the people by name, and the transcript every scene
(bot/devtools/demo.py and its demo_*.py scene modules) writes to."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TextIO

from bot.devtools.driver import BotDriver
from bot.devtools.sandbox import SentMessage, render_message


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
