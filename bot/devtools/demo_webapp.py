"""The demo's Mini App scene: the Gunungputri coordinator's dashboard, opened as Telegram
would open it (signed initData in the address), its figures read from the API, and the
local address printed so a newcomer can open it in a desktop browser
(``humas-bot demo --serve`` keeps it open after the script)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Protocol, TextIO

import aiohttp

from bot.devtools.demo_core_loop import COORDINATOR
from bot.devtools.driver import BotDriver
from bot.devtools.init_data import dashboard_url, sign_init_data
from bot.webapp.auth import HEADER

DEMO_WEBAPP_URL = "https://dasbor.humas-demo.invalid"
"""The public address the demo configures (nothing answers there: the page is opened
on its local address instead)."""


class DemoScript(Protocol):
    """What the scene uses of bot/devtools/demo.py's Demo."""

    bot: BotDriver
    out: TextIO
    people: dict[str, int]

    def scene(self, title: str) -> None: ...

    def note(self, text: str) -> None: ...


def signed_for(demo: DemoScript, name: str) -> str:
    return sign_init_data(
        demo.bot.sandbox.token, demo.people[name], demo.bot.clock.now(), first_name=name
    )


async def scene_dashboard(demo: DemoScript) -> None:
    demo.scene("Mini App: the recap as a dashboard, the briefing form, inside Telegram")
    webapp = demo.bot.services.webapp
    assert webapp is not None  # the demo sets webapp.url
    signed = signed_for(demo, COORDINATOR)
    async with aiohttp.ClientSession(headers={HEADER: signed}) as session:
        async with session.get(f"{webapp.url}/api/briefings") as response:
            newest = (await response.json())["items"][0]
        async with session.get(f"{webapp.url}/api/recap?briefing={newest['id']}") as response:
            shown = await response.json()
    totals = shown["totals"]
    demo.note(
        f"{COORDINATOR} opens 📊 Dasbor: #{newest['id']} {newest['title']}, {shown['scope']['label']}"
        f" — targeted {totals['targeted']}, on time {totals['on_time']}, late {totals['late']},"
        f" missing {totals['missing'] + totals['rejected_only']}"
    )
    demo.note("Open the dashboard in a desktop browser (signed for the coordinator):")
    print(f"   {dashboard_url(webapp.url, signed)}", file=demo.out)


Scene = Callable[[DemoScript], Awaitable[None]]
SCENES: list[Scene] = [scene_dashboard]
