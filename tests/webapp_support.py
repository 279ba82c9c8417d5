"""The Mini App's test world: the real bot with its Mini App server, and people and
briefings whose recap figures are known.

Kecamatan Gunungputri's coordinator sees Gunungputri only; the briefing targets three
of its desa and two units of Kecamatan Cibinong:

- Desa Wanaherang (Gunungputri): a link before the deadline  -> on time
- Desa Bojongkulur (Gunungputri): a link after the deadline  -> late
- Desa Ciangsana (Gunungputri): nothing                       -> missing (its officer reminded)
- Kel. Pondok Rajeg, Kel. Karadenan (Cibinong): nothing       -> never shown to Gunungputri

The clock stands after the deadline (the figures are final).
"""

from __future__ import annotations

import itertools
import struct
import zlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from bot.core.clock import FakeClock
from bot.devtools.driver import BotDriver
from bot.devtools.fast_time import FastTime
from bot.devtools.init_data import sign_init_data
from bot.devtools.sandbox import LimitConfig, SandboxServer
from db.officers import Officer, Role
from db.timefmt import to_db
from tests.conftest import START, running_bot
from tests.factories import (
    BOJONGKULUR,
    CIBINONG,
    GUNUNGPUTRI,
    KARADENAN,
    PONDOK_RAJEG,
    REGENCY,
    WANAHERANG,
    add_officer,
    create_program,
    unit_id_in,
)

CIANGSANA = "32.01.02.2003"
PUBLIC_URL = "https://dasbor.humas.example"
DEADLINE = START + timedelta(days=2)
NOW = START + timedelta(days=3)
HEADER = "X-Telegram-Init-Data"
_URLS = itertools.count(1)


@pytest.fixture
async def app(
    sandbox: SandboxServer,
    sandbox_limits: LimitConfig,
    db_path: Path,
    clock: FakeClock,
    pace: FastTime | None,
) -> AsyncIterator[BotDriver]:
    """The real application with ``webapp.url`` set, its Mini App on a free local port."""
    webapp = {"url": PUBLIC_URL, "port": 0}
    async with running_bot(sandbox, sandbox_limits, db_path, clock, pace, webapp=webapp) as driver:
        yield driver


def local_url(bot: BotDriver) -> str:
    webapp = bot.services.webapp
    assert webapp is not None
    return webapp.url


@dataclass
class World:
    bot: BotDriver
    people: dict[str, Officer] = field(default_factory=dict)
    briefing_id: int = 0
    program_id: int = 0

    def __getitem__(self, name: str) -> Officer:
        return self.people[name]

    def init_data(self, name: str, at: datetime | None = None) -> str:
        person = self.people[name]
        return sign_init_data(
            self.bot.sandbox.token,
            person.telegram_id,
            at or self.bot.clock.now(),
            first_name=person.full_name,
            language_code=person.language,
        )

    def headers(self, name: str) -> dict[str, str]:
        return {HEADER: self.init_data(name)}

    async def build(self) -> World:
        bot = self.bot
        db = bot.db
        people: tuple[tuple[str, str, Role], ...] = (
            ("Koordinator Kabupaten", REGENCY, "coordinator"),
            ("Koordinator Gunungputri", GUNUNGPUTRI, "coordinator"),
            ("Koordinator Cibinong", CIBINONG, "coordinator"),
            ("Petugas Wanaherang", WANAHERANG, "officer"),
            ("Petugas Bojongkulur", BOJONGKULUR, "officer"),
            ("Petugas Ciangsana", CIANGSANA, "officer"),
            ("Petugas Pondok Rajeg", PONDOK_RAJEG, "officer"),
        )
        for name, code, role in people:
            self.people[name] = await add_officer(bot, name, code, role)
        author = self.people["Koordinator Kabupaten"]
        self.program_id = await create_program(db, author, START, "Bogor Sehat")
        self.briefing_id = await db.execute(
            "INSERT INTO briefings (author_id, program_id, title, key_message, deadline, status,"
            " publish_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'published', ?, ?, ?)",
            (
                author.id,
                self.program_id,
                "Vaksinasi Anak",
                "Ayo vaksin",
                to_db(DEADLINE),
                to_db(START),
                to_db(START),
                to_db(START),
            ),
        )
        for code in (WANAHERANG, BOJONGKULUR, CIANGSANA, PONDOK_RAJEG, KARADENAN):
            await db.execute(
                "INSERT INTO assignments (briefing_id, unit_id, opened_at) VALUES (?, ?, ?)",
                (self.briefing_id, await unit_id_in(db, code), to_db(START)),
            )
        await self.link("Petugas Wanaherang", DEADLINE - timedelta(hours=2))
        await self.link("Petugas Bojongkulur", DEADLINE + timedelta(hours=3))
        bot.clock.set(NOW)
        return self

    async def link(self, name: str, at: datetime) -> None:
        who = self.people[name]
        number = next(_URLS)
        await self.bot.db.execute(
            "INSERT INTO submissions (receipt, officer_id, unit_id, briefing_id, kind, url,"
            " platform, status, created_at) VALUES (?, ?, ?, ?, 'link', ?, 'instagram',"
            " 'diterima', ?)",
            (
                f"W{number}",
                who.id,
                who.unit_id,
                self.briefing_id,
                f"https://www.instagram.com/p/Dasbor{number:04d}/",
                to_db(at),
            ),
        )


async def call(
    bot: BotDriver,
    method: str,
    path: str,
    headers: dict[str, str] | None = None,
    **kwargs: Any,
) -> tuple[int, Any]:
    """One request to the Mini App's server: the status and the JSON (or text) answer."""
    async with (
        aiohttp.ClientSession() as session,
        session.request(method, local_url(bot) + path, headers=headers or {}, **kwargs) as response,
    ):
        if response.content_type == "application/json":
            return response.status, await response.json()
        return response.status, await response.text()


@pytest.fixture
async def world(app: BotDriver) -> World:
    """The people and the briefing above, built on the application."""
    return await World(app).build()


def png() -> bytes:
    """A real 1×1 PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )
