"""Attacks on webhook mode: forged updates, huge or broken bodies, replayed updates.

Each case talks HTTP to the real webhook server of the real bot (sandbox behind it)
and checks the refusal, that nothing was answered or written, and that the bot still
serves a genuine update afterwards.
"""

from __future__ import annotations

import asyncio
import io
import json
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from bot.core.clock import FakeClock
from bot.core.config import Settings, WebhookConfig, load_config
from bot.core.logging_setup import configure_logging
from bot.devtools.driver import BotDriver, sandbox_config
from bot.devtools.sandbox import SandboxServer
from bot.webhook import MAX_BODY, SECRET_HEADER
from tests.test_webhook import command_update, free_port

HOOK_URL = "https://humas.example.go.id/tg/hook"


def webhook_config(sandbox: SandboxServer, db_path: Path, port: int, secret: str = "") -> Settings:
    return sandbox_config(
        sandbox,
        db_path,
        telegram={
            "mode": "webhook",
            "webhook": {"url": HOOK_URL, "port": port, "secret_token": secret},
        },
    )


@pytest.fixture
async def hooked(
    sandbox: SandboxServer, db_path: Path, clock: FakeClock
) -> AsyncIterator[tuple[BotDriver, str]]:
    """The bot in webhook mode with no configured secret; yields it and its local URL."""
    port = free_port()
    config = webhook_config(sandbox, db_path, port)
    async with BotDriver(sandbox, config, clock) as bot:
        yield bot, f"http://127.0.0.1:{port}/tg/hook"


def registered_secret(sandbox: SandboxServer) -> str:
    assert sandbox.webhook is not None
    return str(sandbox.webhook["secret_token"])


async def table_counts(bot: BotDriver) -> dict[str, int]:
    names = [
        row["name"]
        for row in await bot.db.fetchall("SELECT name FROM sqlite_master WHERE type = 'table'")
    ]
    return {name: await bot.db.fetchval(f'SELECT count(*) FROM "{name}"') for name in names}


async def assert_still_serves(bot: BotDriver, url: str, update_id: int) -> None:
    user = bot.sandbox.add_user("Asli")
    async with httpx.AsyncClient() as client:
        answer = await client.post(
            url,
            json=command_update(update_id, user, "/bantuan"),
            headers={SECRET_HEADER: registered_secret(bot.sandbox)},
        )
    assert answer.status_code == 200
    assert "/start" in (await bot.sandbox.wait_for_messages(user, 1))[0].plain_text


def test_webhook_listens_on_localhost_by_default() -> None:
    assert WebhookConfig().listen == "127.0.0.1"
    example = Path(__file__).resolve().parent.parent / "config.example.toml"
    assert load_config(example).telegram.webhook.listen == "127.0.0.1"


async def test_forged_update_without_configured_secret_is_refused(
    hooked: tuple[BotDriver, str],
) -> None:
    bot, url = hooked
    secret = registered_secret(bot.sandbox)
    assert len(secret) >= 32
    before = await table_counts(bot)
    victim = bot.sandbox.add_user("Budi")
    async with httpx.AsyncClient() as client:
        for headers in ({}, {SECRET_HEADER: ""}, {SECRET_HEADER: secret[:-1]}):
            forged = await client.post(
                url, json=command_update(1, victim, "/bantuan"), headers=headers
            )
            assert forged.status_code == 403
    await bot.idle()
    assert bot.sandbox.messages(victim) == []
    assert await table_counts(bot) == before
    await assert_still_serves(bot, url, 2)


async def test_random_secret_is_new_at_each_start(
    sandbox: SandboxServer, db_path: Path, clock: FakeClock
) -> None:
    seen = []
    for _ in range(2):
        config = webhook_config(sandbox, db_path, free_port())
        async with BotDriver(sandbox, config, clock):
            seen.append(registered_secret(sandbox))
    assert seen[0] != seen[1]


async def test_oversized_body_is_refused_before_being_read(
    hooked: tuple[BotDriver, str],
) -> None:
    bot, url = hooked
    port = int(url.split(":")[2].split("/")[0])
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    # Announce a body twice the limit and send none of it: the answer comes anyway.
    writer.write(
        (
            "POST /tg/hook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            f"{SECRET_HEADER}: {registered_secret(bot.sandbox)}\r\n"
            f"Content-Length: {2 * MAX_BODY}\r\n\r\n"
        ).encode()
    )
    await writer.drain()
    status_line = await asyncio.wait_for(reader.readline(), timeout=10)
    writer.close()
    assert b" 413 " in status_line
    async with httpx.AsyncClient() as client:

        async def chunks() -> AsyncIterator[bytes]:  # no Content-Length: streamed
            for _ in range(3):
                yield b" " * (MAX_BODY // 2)

        streamed = await client.post(
            url, content=chunks(), headers={SECRET_HEADER: registered_secret(bot.sandbox)}
        )
    assert streamed.status_code == 413
    await assert_still_serves(bot, url, 3)


@pytest.mark.parametrize(
    "body",
    [
        b"{not json",
        b"\xff\xfe",
        b"[]",
        b'"text"',
        b"{}",
        b'{"update_id": "7"}',
        b'{"update_id": 7, "message": {"text": "no chat, no date"}}',
    ],
)
async def test_malformed_body_gets_400_not_500(hooked: tuple[BotDriver, str], body: bytes) -> None:
    bot, url = hooked
    before = await table_counts(bot)
    async with httpx.AsyncClient() as client:
        answer = await client.post(
            url, content=body, headers={SECRET_HEADER: registered_secret(bot.sandbox)}
        )
    assert answer.status_code == 400
    await bot.idle()
    assert await table_counts(bot) == before
    await assert_still_serves(bot, url, 8)


async def test_replayed_update_id_is_ignored(hooked: tuple[BotDriver, str]) -> None:
    bot, url = hooked
    user = bot.sandbox.add_user("Budi")
    headers = {SECRET_HEADER: registered_secret(bot.sandbox)}
    async with httpx.AsyncClient() as client:
        for _ in range(3):
            answer = await client.post(
                url, json=command_update(5, user, "/bantuan"), headers=headers
            )
            assert answer.status_code == 200
    await bot.idle()
    assert len(bot.sandbox.messages(user)) == 1


async def test_webhook_secret_never_reaches_the_log(
    sandbox: SandboxServer, db_path: Path, clock: FakeClock
) -> None:
    stream = io.StringIO()
    configure_logging("DEBUG", [sandbox.token], stream=stream)
    try:
        port = free_port()
        config = webhook_config(sandbox, db_path, port)
        async with BotDriver(sandbox, config, clock) as bot:
            secret = registered_secret(sandbox)
            await assert_still_serves(bot, f"http://127.0.0.1:{port}/tg/hook", 9)
    finally:
        configure_logging("WARNING", [])
    logged = stream.getvalue()
    assert "setWebhook" in logged
    assert secret not in logged and json.dumps(secret) not in logged
