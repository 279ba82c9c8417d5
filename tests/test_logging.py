"""The bot token never appears in a log line, even at DEBUG and in tracebacks."""

from __future__ import annotations

import io
import logging
from pathlib import Path

from bot.core.clock import FakeClock
from bot.core.logging_setup import REDACTED, RedactingFilter, configure_logging
from bot.devtools.driver import BotDriver, sandbox_config
from bot.devtools.sandbox import SandboxServer

REAL_LOOKING_TOKEN = "7123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"


def test_filter_redacts_message_args_and_traceback() -> None:
    redactor = RedactingFilter([REAL_LOOKING_TOKEN])
    try:
        raise ValueError(f"https://api.telegram.org/bot{REAL_LOOKING_TOKEN}/getMe failed")
    except ValueError as exc:
        record = logging.LogRecord(
            "x",
            logging.ERROR,
            __file__,
            1,
            "calling %s",
            (f"bot{REAL_LOOKING_TOKEN}",),
            (type(exc), exc, exc.__traceback__),
        )
    redactor.filter(record)
    text = record.getMessage()
    assert REAL_LOOKING_TOKEN not in text and REDACTED in text and "ValueError" in text
    # Any token-shaped string is caught, even one the filter was not told about.
    other = "5555555555:BBHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
    assert other not in redactor.redact(f"POST /bot{other}/sendMessage")


async def test_debug_logs_of_a_real_run_never_contain_the_token(
    tmp_path: Path, db_path: Path, clock: FakeClock
) -> None:
    stream = io.StringIO()
    async with SandboxServer(token=REAL_LOOKING_TOKEN) as sandbox:
        configure_logging("DEBUG", [REAL_LOOKING_TOKEN], stream=stream)
        try:
            config = sandbox_config(sandbox, db_path, log_level="DEBUG")
            user = sandbox.add_user("Budi")
            async with BotDriver(sandbox, config, clock) as bot:
                await bot.say(user, "/start")
                # A failing send makes PTB and httpx log errors with the request URL.
                sandbox.inject_faults(kind="5xx", count=3, methods={"sendMessage"})
                await bot.say(user, "/bantuan")
                sandbox.clear_faults()
                await bot.say(user, "/bantuan")
        finally:
            configure_logging("WARNING", [])
    logged = stream.getvalue()
    assert "getUpdates" in logged or "sendMessage" in logged, "expected httpx/PTB debug lines"
    assert REDACTED in logged
    assert REAL_LOOKING_TOKEN not in logged
    assert REAL_LOOKING_TOKEN.split(":")[1] not in logged
