"""`humas-bot demo` played once through the command line's ``main``, as from a shell where
a production environment (token, database, admins) is exported.

tests/test_demo.py reads its transcript and recap files, tests/test_attack_secrets.py
proves that neither the token nor the production database reached it: one run serves
both (the session fixture ``played_demo`` in tests/conftest.py)."""

from __future__ import annotations

import contextlib
import io
import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.cli import main
from bot.core.logging_setup import configure_logging

# Shaped like a real BotFather token; the sandbox only accepts its own.
PRODUCTION_TOKEN = "7123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"


def production_database(folder: Path) -> Path:
    path = folder / "production.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE officers (name TEXT)")
        conn.execute("INSERT INTO officers VALUES ('Petugas Asli')")
    conn.close()
    return path


def export_production(monkeypatch: pytest.MonkeyPatch, production: Path) -> None:
    monkeypatch.setenv("HUMAS_TELEGRAM__TOKEN", PRODUCTION_TOKEN)
    monkeypatch.setenv("HUMAS_DATABASE__PATH", str(production))
    monkeypatch.setenv("HUMAS_ADMINS", "[42]")


@dataclass(frozen=True)
class PlayedDemo:
    exit_code: int
    out: str
    err: str  # where its log handler writes
    folder: Path  # the current folder it ran in: its recap files
    production_before: bytes
    production_after: bytes


def play_demo(folder: Path) -> PlayedDemo:
    """Run `humas-bot demo` in ``folder`` (the recap scene writes its files to the current
    folder), production exported; the environment, the current folder and the logging
    (which the command replaces) are as they were afterwards."""
    production = production_database(folder)
    before = production.read_bytes()
    current = folder / "current"
    current.mkdir()
    root = logging.getLogger()
    handlers, factory = list(root.handlers), logging.getLogRecordFactory()
    out, err = io.StringIO(), io.StringIO()
    try:
        with pytest.MonkeyPatch.context() as monkeypatch:
            export_production(monkeypatch, production)
            monkeypatch.chdir(current)
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                exit_code = main(["demo"])
    finally:
        configure_logging("WARNING", [])
        root.handlers[:] = handlers
        logging.setLogRecordFactory(factory)
    return PlayedDemo(
        exit_code, out.getvalue(), err.getvalue(), current, before, production.read_bytes()
    )
