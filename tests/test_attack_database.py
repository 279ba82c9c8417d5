"""Attacks and accidents on the database file: wrong path, empty or read-only file, a
schema from a newer program, other users reading it, deletion or swap while running.

`run` refuses in one line with exit code 2 and leaves the file as it was; only `init`
creates a database, and its files are readable by their owner only. A file deleted
or replaced under the running bot is noticed: the admins are told and the bot exits
non-zero.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sqlite3
import stat
import sys
from pathlib import Path

import pytest

from bot.cli import main
from bot.core.clock import FakeClock
from bot.devtools.sandbox import SandboxServer
from db.connection import Database
from tests.test_webhook import free_port

ADMIN_ID = 900001
ANY_TOKEN = "123456:SANDBOX-TOKEN"


def write_config(folder: Path, db: Path, **telegram: str) -> Path:
    config = folder / "config.toml"
    # The bot checks its database file ten times a second (30 s by default): a file taken
    # away is noticed at once.
    lines = [f'[database]\npath = "{db}"\nwatch_seconds = 0.1\n', "[telegram]"]
    lines += [f'{key} = "{value}"' for key, value in {"token": ANY_TOKEN, **telegram}.items()]
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return config


def refuse_run(config: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["--config", str(config), "run"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1
    assert "Traceback" not in captured.err
    return captured.err


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_run_on_a_wrong_path_refuses_and_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "typo.db"
    assert "humas-bot init" in refuse_run(write_config(tmp_path, missing), capsys)
    assert not missing.exists()
    assert main(["--config", str(write_config(tmp_path, missing)), "units", "list"]) == 2
    assert not missing.exists()


@pytest.mark.parametrize("content", [b"", "sqlite-without-migrations"])
def test_run_on_a_never_initialised_database_refuses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes | str
) -> None:
    path = tmp_path / "empty.db"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        with sqlite3.connect(path) as conn:
            conn.execute("CREATE TABLE notes (text TEXT)")
        conn.close()
    before = path.read_bytes()
    assert "humas-bot init" in refuse_run(write_config(tmp_path, path), capsys)
    assert path.read_bytes() == before


def test_run_on_a_read_only_database_refuses(
    tmp_path: Path,
    db_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db_path.chmod(0o400)
    if os.geteuid() == 0:  # root ignores file modes: see the file as its other users do
        real_access = os.access
        monkeypatch.setattr(
            os, "access", lambda p, m, **k: False if m & os.W_OK else real_access(p, m, **k)
        )
    before = db_path.read_bytes()
    assert "read-only" in refuse_run(write_config(tmp_path, db_path), capsys)
    assert db_path.read_bytes() == before


def test_run_on_a_schema_newer_than_the_program_refuses(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with sqlite3.connect(db_path) as conn:
        conn.execute("INSERT INTO schema_migrations (name, applied_at) VALUES ('9999_future', 'x')")
    conn.close()
    before = db_path.read_bytes()
    assert "9999_future" in refuse_run(write_config(tmp_path, db_path), capsys)
    assert db_path.read_bytes() == before


async def test_database_files_cannot_be_read_by_other_users(tmp_path: Path) -> None:
    old_umask = os.umask(0o022)  # the usual umask, which alone would give 0644
    try:
        path = tmp_path / "new.db"
        db = await Database.open(path)
        try:
            await db.execute("CREATE TABLE t (x INTEGER)")
            await db.execute("INSERT INTO t VALUES (1)")
            files = [path, Path(f"{path}-wal"), Path(f"{path}-shm")]
            assert all(file.exists() for file in files)
            assert [mode(file) for file in files] == [0o600] * 3
        finally:
            await db.close()
        assert mode(path) == 0o600
    finally:
        os.umask(old_umask)


def test_init_creates_a_private_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "fresh.db"
    assert main(["--config", str(write_config(tmp_path, path)), "init"]) == 0
    assert mode(path) == 0o600


def take_away_file(path: Path, how: str) -> None:
    if how == "deleted":
        path.unlink()
    else:
        copy = path.with_name("copy.db")
        shutil.copyfile(path, copy)
        os.replace(copy, path)


async def run_until_database_goes(
    sandbox: SandboxServer, tmp_path: Path, db_path: Path, take_away: str, mode: str
) -> tuple[int, str]:
    sandbox.add_user("Admin", user_id=ADMIN_ID)
    config = write_config(
        tmp_path,
        db_path,
        base_url=sandbox.base_url,
        base_file_url=sandbox.base_file_url,
        mode=mode,
    )
    text = f"admins = [{ADMIN_ID}]\n{config.read_text(encoding='utf-8')}"
    text += "\n[health]\nport = 0\n"  # any free port: other bots may run on this machine
    if mode == "webhook":
        text += f'[telegram.webhook]\nurl = "https://humas.example/hook"\nport = {free_port()}\n'
    config.write_text(text, encoding="utf-8")
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "--config",
        str(config),
        "run",
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env={key: value for key, value in os.environ.items() if not key.startswith("HUMAS_")},
    )
    try:
        assert process.stderr is not None
        seen = b""
        while b" ready" not in seen:  # the bot logs "bot @name ready" once it is up
            line = await asyncio.wait_for(process.stderr.readline(), timeout=60)
            assert line, "the bot exited before it was ready"
            seen += line
        take_away_file(db_path, take_away)
        _, err = await asyncio.wait_for(process.communicate(), timeout=60)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    assert process.returncode is not None
    return process.returncode, (seen + err).decode()


@pytest.mark.parametrize(
    ("take_away", "mode"), [("deleted", "polling"), ("replaced", "polling"), ("deleted", "webhook")]
)
async def test_database_taken_away_while_running_stops_the_bot(
    sandbox: SandboxServer,
    tmp_path: Path,
    db_path: Path,
    clock: FakeClock,
    take_away: str,
    mode: str,
) -> None:
    code, err = await run_until_database_goes(sandbox, tmp_path, db_path, take_away, mode)
    assert code != 0
    assert "deleted or replaced" in err and "CRITICAL" in err
    alerts = [m.text or "" for m in sandbox.messages(ADMIN_ID)]
    assert any("🛑" in text and str(db_path) in text for text in alerts)
