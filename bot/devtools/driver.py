"""Run the real application against the sandbox Bot API server, in this event loop.

Used by the demo and by the end-to-end tests: the bot talks to the sandbox over
HTTP through PTB's normal client (``base_url``), exactly as it talks to Telegram.
Waiting is done by watching the sandbox and the update processor become idle,
never by sleeping for a fixed time.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from bot.application import HumasApplication, build_application
from bot.core.clock import FakeClock
from bot.core.config import Settings, load_config
from bot.devtools.fast_time import FastTime
from bot.devtools.sandbox import SandboxServer, SentMessage
from bot.updates import PerChatUpdateProcessor
from bot.webhook import WebhookServer
from db import invitations as invitations_db
from db import units as units_db
from db.audit import Actor
from db.connection import Database
from db.officers import Role
from scheduler.pacing import Pacer
from scheduler.services import Services

# Idle is seen this many times in a row, one event-loop turn apart: an update the updater
# just queued reaches the per-chat processor within a turn or two.
_SETTLED_TURNS = 3
_BUSY_POLL = 0.001  # seconds between looks while busy, unless an update starts or ends first
SCRIPTED_FLOOD_UPDATES = 1_000_000


def sandbox_config(sandbox: SandboxServer, db_path: Path, **overrides: Any) -> Settings:
    """A configuration that points the bot at ``sandbox`` and a database file.

    Built from these values alone: ``HUMAS_*`` environment variables are ignored.
    """
    telegram = {
        "token": sandbox.token,
        "base_url": sandbox.base_url,
        "base_file_url": sandbox.base_file_url,
        **overrides.pop("telegram", {}),
    }
    database = {"path": str(db_path), **overrides.pop("database", {})}
    # Scripted people type far faster than a human: flood control is out of their way
    # unless a test asks for it (tests/test_attack_fairness.py).
    flood = {"updates": SCRIPTED_FLOOD_UPDATES, **overrides.pop("flood", {})}
    # The health endpoint on a free port: many bots may run side by side.
    health = {"port": 0, **overrides.pop("health", {})}
    return load_config(
        Path("/nonexistent/humas-bot-sandbox.toml"),
        environment=False,
        telegram=telegram,
        database=database,
        flood=flood,
        health=health,
        **overrides,
    )


class BotDriver:
    """``clock``: the application's clock, a :class:`FakeClock` the script moves (the
    driver plays a scripted world). ``pace``: the pacer's time (give the sandbox the
    same one); Telegram's real seconds when ``None``. ``interactions`` counts what the driver played as a person
    (``say``, ``press``, ``press_data``)."""

    def __init__(
        self,
        sandbox: SandboxServer,
        config: Settings,
        clock: FakeClock,
        *,
        pace: FastTime | None = None,
    ) -> None:
        self.sandbox = sandbox
        self.config = config
        self.clock = clock
        self.pace = pace
        self.interactions = 0
        self.app: HumasApplication | None = None
        self.webhook: WebhookServer | None = None

    def _pacer(self) -> Pacer | None:
        if self.pace is None:
            return None
        delivery = self.config.delivery
        return Pacer(
            delivery.rate,
            chat_burst=delivery.chat_burst,
            time_source=self.pace.monotonic,
            sleep=self.pace.sleep,
            speed=self.pace.speed,
        )

    async def start(self) -> None:
        app = build_application(self.config, clock=self.clock, pacer=self._pacer())
        self.app = app
        await app.initialize()
        if app.post_init is not None:
            await app.post_init(app)
        await app.start()
        assert app.updater is not None
        if self.config.telegram.mode == "webhook":
            self.webhook = WebhookServer(app, self.config.telegram)
            await self.webhook.start()
        else:
            await app.updater.start_polling(
                poll_interval=0.0, timeout=5, drop_pending_updates=False
            )

    async def stop(self) -> None:
        app = self.app
        if app is None:
            return
        assert app.updater is not None
        if self.webhook is not None:
            await self.webhook.stop()
            self.webhook = None
        if app.updater.running:
            await app.updater.stop()
        if app.running:
            await app.stop()
            if app.post_stop is not None:  # as run_polling does: sends in flight finish
                await app.post_stop(app)
        await app.shutdown()
        if app.post_shutdown is not None:
            await app.post_shutdown(app)
        self.app = None

    async def __aenter__(self) -> BotDriver:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    @property
    def services(self) -> Services:
        assert self.app is not None, "the bot is not running"
        return self.app.bot_data.services

    @property
    def db(self) -> Database:
        db = self.services.db
        assert db is not None
        return db

    async def idle(self, timeout: float = 10.0) -> None:
        """Wait until every injected update was fetched and fully handled: the sandbox
        holds no unconfirmed update and answers no request, the update queue is empty
        and no handler runs (seen a few event-loop turns in a row)."""
        assert self.app is not None
        processor = self.app.update_processor
        assert isinstance(processor, PerChatUpdateProcessor)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        settled = 0
        while settled < _SETTLED_TURNS:
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise TimeoutError("the bot did not become idle")
            busy = self.sandbox.pending_updates or processor.in_flight
            if busy or not self.app.update_queue.empty():
                settled = 0
                try:
                    await asyncio.wait_for(processor.in_flight_changed.wait(), _BUSY_POLL)
                except TimeoutError:
                    pass
                continue
            # Requests no handler waits for (deliveries, jobs) still count.
            await self.sandbox.wait_idle(timeout=remaining, quiet=0.0)
            settled += 1
            await asyncio.sleep(0)

    async def _after(self, chat_id: int, inject: Any) -> list[SentMessage]:
        before = len(self.sandbox.messages(chat_id))
        self.interactions += 1
        inject()
        await self.idle()
        return self.sandbox.messages(chat_id)[before:]

    async def say(self, user_id: int, text: str, chat_id: int | None = None) -> list[SentMessage]:
        """Send ``text`` as ``user_id``; return what the bot sent to that chat in answer."""
        chat = chat_id if chat_id is not None else user_id
        return await self._after(
            chat, lambda: self.sandbox.send_text(user_id, text, chat_id=chat_id)
        )

    async def press(
        self, user_id: int, label: str, chat_id: int | None = None, message_id: int | None = None
    ) -> list[SentMessage]:
        """Press the inline button ``label`` on the newest bot message that has it."""
        chat = chat_id if chat_id is not None else user_id
        return await self._after(
            chat,
            lambda: self.sandbox.press_button(
                user_id, label, chat_id=chat_id, message_id=message_id
            ),
        )

    async def join(
        self,
        first_name: str,
        unit_code: str,
        role: Role = "officer",
        language: str = "id",
        last_name: str | None = None,
    ) -> int:
        """A new person joins through a real invitation deep link; returns their user id."""
        user_id = self.sandbox.add_user(first_name, last_name=last_name, language_code=language)
        token = await self.invitation(unit_code, role)
        replies = await self.say(user_id, f"/start {token}")
        if not replies or "✅" not in (replies[-1].text or ""):
            raise AssertionError(f"{first_name} could not join {unit_code}: {replies}")
        return user_id

    async def invitation(
        self, unit_code: str, role: Role = "officer", uses: int = 1, days: int = 7
    ) -> str:
        """An invitation token, made as the shell's ``humas-bot invite`` makes it."""
        unit = await units_db.by_code(self.db, unit_code)
        assert unit is not None, unit_code
        token, _ = await invitations_db.create(
            self.db,
            unit_id=unit.id,
            role=role,
            max_uses=uses,
            days=days,
            actor=Actor.cli(),
            at=self.clock.now(),
        )
        return token

    async def press_data(self, user_id: int, message_id: int, data: str) -> list[SentMessage]:
        """Send raw (possibly forged) callback data, as a modified client could."""
        return await self._after(
            user_id, lambda: self.sandbox.press_callback(user_id, message_id, data)
        )
