"""Attack: get the bot token (or a webhook secret, or an invitation token) printed.

Every `humas-bot` command runs at DEBUG with a token the Bot API server rejects, and
again with Telegram unreachable (a closed port on 127.0.0.1); whatever it prints, on
stdout or stderr, must not hold the token. The bot itself runs the same way in this
process, and every log record it makes is searched too. At DEBUG, updates and request
bodies are logged as summaries: names, texts and invitation tokens stay out. And an
exported production environment (token, database, admins) reaches neither the demo
nor the tests, which build their own world.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import logging
import os
import socket
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from telegram.error import InvalidToken, NetworkError

from bot.cli import _parser
from bot.core.clock import FakeClock
from bot.core.logging_setup import configure_logging
from bot.devtools.driver import BotDriver, sandbox_config
from bot.devtools.sandbox import SandboxServer
from tests.conftest import ADMIN_ID

# Shaped like a real BotFather token; the sandbox only accepts its own.
REJECTED = "7123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
SECRET_PART = REJECTED.split(":")[1]

# The arguments each command is run with; every command of the parser must be here.
COMMANDS: dict[str, list[str]] = {
    "init": ["init"],
    "run": ["run"],
    "invite": ["invite", "--unit", "32.01.02.2001", "--role", "officer"],
    "units add-opd": ["units", "add-opd", "Dinas", "Uji"],
    "units import": ["units", "import", "{folder}/opd.csv"],
    "units list": ["units", "list", "--kecamatan", "32.01.02"],
    "people erase": ["people", "erase", "--telegram-id", "5"],
    "backup": ["backup"],
    "restore": ["restore", "{folder}/no-such-backup.db"],
    "migrate": ["migrate", "--dry-run"],
    "stats": ["stats"],
}
EXTRA_RUNS = [
    ["invite", "--unit", "32.01.02.2001", "--role", "officer", "--bot-username", "b"],
    ["invite", "list"],
    ["invite", "revoke", "1"],
]


def leaf_commands(parser: argparse.ArgumentParser, prefix: str = "") -> Iterator[str]:
    subparsers = [
        action for action in parser._actions if isinstance(action, argparse._SubParsersAction)
    ]
    if not subparsers:
        yield prefix.strip()
        return
    for name, sub in subparsers[0].choices.items():
        yield from leaf_commands(sub, f"{prefix} {name}")


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])  # nothing listens there once closed


def keep_capturing(caplog: pytest.LogCaptureFixture) -> None:
    """configure_logging replaces the root handlers: put pytest's capture back."""
    logging.getLogger().addHandler(caplog.handler)
    caplog.set_level(logging.DEBUG)


def test_every_command_is_attacked() -> None:
    assert set(leaf_commands(_parser())) - {"demo"} <= set(COMMANDS)


async def run_cli(
    folder: Path, base_url: str, args: list[str], extra_env: dict[str, str] | None = None
) -> str:
    config = folder / "config.toml"
    config.write_text(
        f'log_level = "DEBUG"\n[database]\npath = "{folder / "humas.db"}"\n'
        f'[telegram]\nbase_url = "{base_url}/bot"\nbase_file_url = "{base_url}/file/bot"\n',
        encoding="utf-8",
    )
    env = {key: value for key, value in os.environ.items() if not key.startswith("HUMAS_")}
    env["HUMAS_TELEGRAM__TOKEN"] = REJECTED
    env.update(extra_env or {})
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "--config",
        str(config),
        *[arg.format(folder=folder) for arg in args],
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env=env,
    )
    out, err = await asyncio.wait_for(process.communicate(), timeout=120)
    return out.decode() + err.decode()


@pytest.mark.parametrize("telegram", ["rejects the token", "unreachable"])
async def test_no_command_prints_the_token(tmp_path: Path, telegram: str) -> None:
    (tmp_path / "opd.csv").write_text("nama\nDinas Uji Coba\n", encoding="utf-8")
    async with SandboxServer() as sandbox:
        origin = (
            sandbox.base_url.rsplit("/", 1)[0]
            if telegram == "rejects the token"
            else f"http://127.0.0.1:{closed_port()}"
        )
        printed = {}
        existing = set(leaf_commands(_parser()))
        attacks = [args for name, args in COMMANDS.items() if name in existing]
        for args in [*attacks, *EXTRA_RUNS]:
            printed[" ".join(args)] = await run_cli(tmp_path, origin, args)
        webhook = {
            "HUMAS_TELEGRAM__MODE": "webhook",
            "HUMAS_TELEGRAM__WEBHOOK__URL": "https://humas.example/hook",
            "HUMAS_TELEGRAM__WEBHOOK__PORT": str(closed_port()),
        }
        printed["run (webhook)"] = await run_cli(tmp_path, origin, ["run"], webhook)
    for command, text in printed.items():
        assert REJECTED not in text and SECRET_PART not in text, command
        # Tracebacks only inside (indented) log records, none escaping the command.
        assert not any(line.startswith("Traceback") for line in text.splitlines()), command
    expected = "rejected telegram.token" if telegram == "rejects the token" else "cannot reach"
    for run in ("run", "run (webhook)"):
        refusal = printed[run].splitlines()[-1]
        assert refusal.startswith("humas-bot: ") and expected in refusal, run
    assert printed[" ".join(COMMANDS["units list"])].startswith("32.01.02\tkecamatan")


def production_database(folder: Path) -> Path:
    path = folder / "production.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE officers (name TEXT)")
        conn.execute("INSERT INTO officers VALUES ('Petugas Asli')")
    conn.close()
    return path


def export_production(monkeypatch: pytest.MonkeyPatch, production: Path) -> None:
    monkeypatch.setenv("HUMAS_TELEGRAM__TOKEN", REJECTED)
    monkeypatch.setenv("HUMAS_DATABASE__PATH", str(production))
    monkeypatch.setenv("HUMAS_ADMINS", "[42]")


async def test_demo_ignores_an_exported_production_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    production = production_database(tmp_path)
    before = production.read_bytes()
    export_production(monkeypatch, production)
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "demo",
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    out, _ = await asyncio.wait_for(process.communicate(), timeout=300)
    text = out.decode()
    assert process.returncode == 0 and "Demo finished." in text
    assert REJECTED not in text and SECRET_PART not in text
    assert production.read_bytes() == before


async def test_functional_tests_ignore_an_exported_production_environment(
    sandbox: SandboxServer,
    db_path: Path,
    clock: FakeClock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    production = production_database(tmp_path)
    before = production.read_bytes()
    export_production(monkeypatch, production)
    config = sandbox_config(sandbox, db_path, admins=[ADMIN_ID])
    assert config.database.path == db_path and config.admins == [ADMIN_ID]
    assert config.telegram.token is not None
    assert config.telegram.token.get_secret_value() == sandbox.token
    async with BotDriver(sandbox, config, clock) as bot:
        officer = await bot.join("Siti", "32.01.02.2001")
        assert await bot.db.fetchval(
            "SELECT count(*) FROM officers WHERE telegram_id = ?", (officer,)
        )
    assert production.read_bytes() == before


@pytest.mark.parametrize("telegram", ["rejects the token", "unreachable"])
async def test_the_bot_never_logs_the_token(
    db_path: Path, clock: FakeClock, caplog: pytest.LogCaptureFixture, telegram: str
) -> None:
    stream = io.StringIO()
    configure_logging("DEBUG", [REJECTED], stream=stream)
    keep_capturing(caplog)
    try:
        async with SandboxServer() as sandbox:
            overrides = {"token": REJECTED}
            if telegram == "unreachable":
                origin = f"http://127.0.0.1:{closed_port()}"
                overrides |= {"base_url": f"{origin}/bot", "base_file_url": f"{origin}/file/bot"}
            config = sandbox_config(sandbox, db_path, log_level="DEBUG", telegram=overrides)
            driver = BotDriver(sandbox, config, clock)
            with pytest.raises((InvalidToken, NetworkError)):
                await driver.start()
            await driver.stop()
    finally:
        configure_logging("WARNING", [])
    records = "\n".join(record.getMessage() for record in caplog.records)
    for text in (stream.getvalue(), records):
        assert "getMe" in text
        assert REJECTED not in text and SECRET_PART not in text


async def test_debug_log_summarises_updates_and_requests(
    sandbox: SandboxServer, db_path: Path, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    stream = io.StringIO()
    configure_logging("DEBUG", [sandbox.token], stream=stream)
    keep_capturing(caplog)
    try:
        config = sandbox_config(sandbox, db_path, log_level="DEBUG")
        user = sandbox.add_user("Siti", last_name="Rahmawati")
        async with BotDriver(sandbox, config, clock) as bot:
            token = await bot.invitation("32.01.02.2001")
            await bot.say(user, f"/start {token}")
            await bot.say(user, "Catatan pribadi yang panjang")
    finally:
        configure_logging("WARNING", [])
    records = "\n".join(record.getMessage() for record in caplog.records)
    for text in (stream.getvalue(), records):
        assert "Processing update <update" in text and f"chat {user}" in text
        assert "sendMessage" in text
        for private in (token, "Rahmawati", "Catatan pribadi", "Selamat bergabung"):
            assert private not in text
