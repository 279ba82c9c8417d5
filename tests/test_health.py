"""/healthz: 200 while the bot works; 503 with the reason when the database is closed,
the delivery engine stopped or Telegram silent for longer than health.telegram_stale.
/status shows the same to an administrator."""

from __future__ import annotations

import asyncio
import socket
from datetime import timedelta
from pathlib import Path

import aiohttp
import pytest

from bot.core.clock import FakeClock
from bot.core.config import ConfigError
from bot.devtools.driver import BotDriver, sandbox_config
from bot.devtools.sandbox import SandboxServer
from tests.conftest import ADMIN_ID


async def get(url: str) -> tuple[int, str, str]:
    async with aiohttp.ClientSession() as session, session.get(url) as response:
        return response.status, await response.text(), response.headers["Content-Type"]


def health_url(bot: BotDriver) -> str:
    health = bot.services.health
    assert health is not None
    return health.url


async def test_healthy_bot_answers_200_on_localhost(bot: BotDriver) -> None:
    url = health_url(bot)
    assert url.startswith("http://127.0.0.1:") and not url.endswith(":0")
    status, text, _ = await get(f"{url}/healthz")
    assert (status, text) == (200, "ok\n")


async def test_metrics_are_prometheus_text(bot: BotDriver) -> None:
    status, text, content_type = await get(f"{health_url(bot)}/metrics")
    assert status == 200 and content_type.startswith("text/plain")
    assert "# TYPE humas_updates_handled_total counter" in text
    assert 'humas_outbox_backlog{status="pending"} 0.0' in text


async def test_closed_database_is_503(bot: BotDriver) -> None:
    await bot.db.close()
    status, text, _ = await get(f"{health_url(bot)}/healthz")
    assert (status, text) == (503, "database does not answer\n")


async def test_stopped_delivery_engine_is_503(bot: BotDriver) -> None:
    delivery = bot.services.delivery
    assert delivery is not None
    await delivery.stop()
    status, text, _ = await get(f"{health_url(bot)}/healthz")
    assert (status, text) == (503, "delivery engine is not running\n")


async def test_telegram_silent_longer_than_the_threshold_is_503(
    bot: BotDriver, sandbox: SandboxServer, clock: FakeClock
) -> None:
    url = health_url(bot)
    await sandbox.stop()  # Telegram unreachable: every call of the bot fails
    await asyncio.sleep(0.2)  # the long poll the stop answered is taken in
    clock.advance(timedelta(minutes=4))
    assert (await get(f"{url}/healthz"))[0] == 200  # within the 5 minutes
    clock.advance(timedelta(minutes=2))
    status, text, _ = await get(f"{url}/healthz")
    assert (status, text) == (503, "Telegram has not answered for 360 s\n")
    await sandbox.start()  # back on the same port
    assert bot.app is not None
    await bot.app.bot.get_me()
    assert (await get(f"{url}/healthz"))[:2] == (200, "ok\n")


async def test_status_shows_an_admin_the_same_in_one_message(bot: BotDriver) -> None:
    await bot.say(ADMIN_ID, "/start")
    (reply,) = await bot.say(ADMIN_ID, "/status")
    text = reply.text or ""
    assert text.startswith("<b>Status bot</b> · versi ")
    assert "✅ Sehat" in text and "Antrean kirim: 0 menunggu, 0 sedang dikirim" in text
    assert "Cadangan terakhir: belum ada" in text and "Galat terakhir: tidak ada" in text


async def test_status_is_for_administrators_only(bot: BotDriver) -> None:
    officer = await bot.join("Siti", "32.01.02.2001")
    (reply,) = await bot.say(officer, "/status")
    assert "Status bot" not in (reply.text or "")


async def test_disabled_endpoint_opens_nothing(
    sandbox: SandboxServer, db_path: Path, clock: FakeClock
) -> None:
    config = sandbox_config(sandbox, db_path, health={"enabled": False})
    async with BotDriver(sandbox, config, clock) as bot:
        assert bot.services.health is None


async def test_a_taken_port_is_one_configuration_error(
    sandbox: SandboxServer, db_path: Path, clock: FakeClock
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        bot = BotDriver(sandbox, sandbox_config(sandbox, db_path, health={"port": port}), clock)
        with pytest.raises(ConfigError, match=f"health.port: cannot listen on 127.0.0.1:{port}"):
            await bot.start()
        assert bot.app is not None and bot.app.post_shutdown is not None
        await bot.app.post_shutdown(bot.app)  # as run_polling does after a failed start
        await bot.app.shutdown()
