"""Webhook mode: the bot listens locally, registers its public URL, checks the secret."""

from __future__ import annotations

import socket
from pathlib import Path

import httpx
import pytest

from bot.core.clock import FakeClock
from bot.core.config import ConfigError, load_config, webhook_settings
from bot.devtools.driver import BotDriver, sandbox_config
from bot.devtools.sandbox import SandboxServer

SECRET = "s3cret-Token_1"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def command_update(update_id: int, user_id: int, text: str) -> dict[str, object]:
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": 1_796_000_000,
            "chat": {"id": user_id, "type": "private", "first_name": "Budi"},
            "from": {"id": user_id, "is_bot": False, "first_name": "Budi", "language_code": "id"},
            "text": text,
            "entities": [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}],
        },
    }


async def test_webhook_receives_updates_only_with_the_secret(
    sandbox: SandboxServer, db_path: Path, clock: FakeClock
) -> None:
    port = free_port()
    config = sandbox_config(
        sandbox,
        db_path,
        telegram={
            "mode": "webhook",
            "webhook": {
                "url": "https://humas.example.go.id/tg/hook",
                "listen": "127.0.0.1",
                "port": port,
                "secret_token": SECRET,
            },
        },
    )
    user = sandbox.add_user("Budi")
    async with BotDriver(sandbox, config, clock) as bot:
        assert sandbox.webhook is not None
        assert sandbox.webhook["url"] == "https://humas.example.go.id/tg/hook"
        async with httpx.AsyncClient() as client:
            url = f"http://127.0.0.1:{port}/tg/hook"
            forged = await client.post(
                url,
                json=command_update(1, user, "/bantuan"),
                headers={"X-Telegram-Bot-Api-Secret-Token": "wrong"},
            )
            assert forged.status_code == 403
            await bot.idle()
            assert sandbox.messages(user) == []
            real = await client.post(
                url,
                json=command_update(2, user, "/bantuan"),
                headers={"X-Telegram-Bot-Api-Secret-Token": SECRET},
            )
            assert real.status_code == 200
        replies = await sandbox.wait_for_messages(user, 1)
        assert "/start" in replies[0].plain_text


@pytest.mark.parametrize(
    ("webhook", "expected"),
    [({}, "url is required"), ({"url": "http://plain.example/hook"}, "https://")],
)
def test_webhook_configuration_mistakes(webhook: dict[str, str], expected: str) -> None:
    config = load_config(
        Path("/nonexistent.toml"), telegram={"mode": "webhook", "webhook": webhook}
    )
    with pytest.raises(ConfigError, match=expected):
        webhook_settings(config.telegram)
