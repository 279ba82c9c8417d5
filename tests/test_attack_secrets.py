"""Attack: get the bot token (or a webhook secret, or an invitation token) printed.

Every `humas-bot` command runs at DEBUG with a token the Bot API server rejects, and
again with Telegram unreachable (a closed port on 127.0.0.1); whatever it prints, on
stdout or stderr, and every log record it makes must not hold the token. The commands
run in this process through `main` (with the logging `main` sets up); `run` also runs
in a process of its own, where nothing may escape the interpreter with the token. The
bot itself runs the same way in this process, and its log records are searched too. At DEBUG, updates and request
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
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from telegram.error import InvalidToken, NetworkError

from bot.cli import EXIT_USAGE, _parser, main
from bot.core.clock import FakeClock
from bot.core.logging_setup import REDACTED, RedactingFilter, configure_logging
from bot.devtools.driver import BotDriver, sandbox_config
from bot.devtools.sandbox import SandboxServer
from tests.conftest import ADMIN_ID
from tests.demo_played import PRODUCTION_TOKEN, PlayedDemo, export_production, production_database

REJECTED = PRODUCTION_TOKEN  # shaped like a real BotFather token; the sandbox only accepts its own
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
    "report": ["report", "--month", "2026-11", "--out", "{folder}/pack"],
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


def write_config(folder: Path, base_url: str) -> Path:
    config = folder / "config.toml"
    config.write_text(
        f'log_level = "DEBUG"\n[database]\npath = "{folder / "humas.db"}"\n'
        f'[telegram]\nbase_url = "{base_url}/bot"\nbase_file_url = "{base_url}/file/bot"\n',
        encoding="utf-8",
    )
    return config


@contextmanager
def sandbox_in_a_thread() -> Iterator[SandboxServer]:
    """A sandbox serving from its own thread and loop, while a command (`run` needs the
    main thread for its signal handlers) blocks this one."""
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    sandbox = SandboxServer()
    try:
        asyncio.run_coroutine_threadsafe(sandbox.start(), loop).result(timeout=30)
        yield sandbox
    finally:
        asyncio.run_coroutine_threadsafe(sandbox.stop(), loop).result(timeout=30)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=30)
        loop.close()


@pytest.fixture
def restored_logging() -> Iterator[None]:
    """Afterwards the root handlers and record factory as they were: a command's
    logging replaces them, with a handler on this test's capture (closed after it)."""
    root = logging.getLogger()
    handlers, factory = list(root.handlers), logging.getLogRecordFactory()
    yield
    configure_logging("WARNING", [])
    root.handlers[:] = handlers
    logging.setLogRecordFactory(factory)


@pytest.fixture
def cli_world(
    restored_logging: None, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """The environment of a shell with only the token exported; every log record the
    command makes also reaches ``caplog`` (the command's own logging replaces the root
    handlers: its redacting stream handler writes to the captured stderr)."""
    for key in os.environ:
        if key.startswith("HUMAS_"):
            monkeypatch.delenv(key)
    monkeypatch.setenv("HUMAS_TELEGRAM__TOKEN", REJECTED)

    def configure_and_keep_capturing(*args: Any, **kwargs: Any) -> RedactingFilter:
        redactor = configure_logging(*args, **kwargs)
        logging.getLogger().addHandler(caplog.handler)
        return redactor

    monkeypatch.setattr("bot.cli.configure_logging", configure_and_keep_capturing)
    caplog.set_level(logging.DEBUG)


def run_cli(
    config: Path,
    args: list[str],
    capfd: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> tuple[str, str]:
    """What one `humas-bot` command, run in this process, printed (stdout and stderr,
    where its log handler writes) and the log records it made."""
    capfd.readouterr()  # only what the command prints
    caplog.clear()
    main(["--config", str(config), *[arg.format(folder=config.parent) for arg in args]])
    # A process of its own would start without an event loop: `run` leaves its closed one.
    asyncio.set_event_loop(None)
    out, err = capfd.readouterr()
    return out + err, "\n".join(record.getMessage() for record in caplog.records)


@pytest.mark.parametrize("telegram", ["rejects the token", "unreachable"])
def test_no_command_prints_the_token(
    tmp_path: Path,
    telegram: str,
    cli_world: None,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    (tmp_path / "opd.csv").write_text("nama\nDinas Uji Coba\n", encoding="utf-8")
    with sandbox_in_a_thread() as sandbox:
        origin = (
            sandbox.base_url.rsplit("/", 1)[0]
            if telegram == "rejects the token"
            else f"http://127.0.0.1:{closed_port()}"
        )
        config = write_config(tmp_path, origin)
        printed, logged = {}, {}
        existing = set(leaf_commands(_parser()))
        attacks = [args for name, args in COMMANDS.items() if name in existing]
        for args in [*attacks, *EXTRA_RUNS]:
            printed[" ".join(args)], logged[" ".join(args)] = run_cli(config, args, capfd, caplog)
        monkeypatch.setenv("HUMAS_TELEGRAM__MODE", "webhook")
        monkeypatch.setenv("HUMAS_TELEGRAM__WEBHOOK__URL", "https://humas.example/hook")
        monkeypatch.setenv("HUMAS_TELEGRAM__WEBHOOK__PORT", str(closed_port()))
        printed["run (webhook)"], logged["run (webhook)"] = run_cli(config, ["run"], capfd, caplog)
    for command, text in printed.items():
        for shown in (text, logged[command]):
            assert REJECTED not in shown and SECRET_PART not in shown, command
        # Tracebacks only inside (indented) log records, none escaping the command.
        assert not any(line.startswith("Traceback") for line in text.splitlines()), (command, text)
    # The commands that talk to Telegram logged its URL, the token in it redacted.
    for command in ("run", "run (webhook)", " ".join(COMMANDS["invite"])):
        for shown in (printed[command], logged[command]):
            assert f"/bot{REDACTED}" in shown, command
    expected = "rejected telegram.token" if telegram == "rejects the token" else "cannot reach"
    for run in ("run", "run (webhook)"):
        refusal = printed[run].splitlines()[-1]
        assert refusal.startswith("humas-bot: ") and expected in refusal, run
    assert printed[" ".join(COMMANDS["units list"])].startswith("32.01.02\tkecamatan")


def test_run_in_a_process_of_its_own_prints_no_token(db_path: Path) -> None:
    """The whole interpreter, not only `main`: nothing escapes it with the token."""
    with sandbox_in_a_thread() as sandbox:
        config = write_config(db_path.parent, sandbox.base_url.rsplit("/", 1)[0])
        env = {key: value for key, value in os.environ.items() if not key.startswith("HUMAS_")}
        env["HUMAS_TELEGRAM__TOKEN"] = REJECTED
        process = subprocess.run(
            [sys.executable, "-m", "bot", "--config", str(config), "run"],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
    text = process.stdout + process.stderr
    assert process.returncode == EXIT_USAGE
    assert "getMe" in text  # logged at DEBUG, with the token redacted
    assert REJECTED not in text and SECRET_PART not in text
    assert not any(line.startswith("Traceback") for line in text.splitlines())
    assert text.splitlines()[-1].startswith("humas-bot: Telegram rejected telegram.token")


def test_demo_ignores_an_exported_production_environment(played_demo: PlayedDemo) -> None:
    """`humas-bot demo` played with the token, a production database and admins exported
    (the session's one run, tests/demo_played.py; tests/test_demo.py reads the rest)."""
    assert played_demo.exit_code == 0
    text = played_demo.out + played_demo.err
    assert "Demo finished." in text
    assert REJECTED not in text and SECRET_PART not in text
    assert played_demo.production_after == played_demo.production_before


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
