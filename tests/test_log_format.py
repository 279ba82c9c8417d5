"""log.format = "json" gives one parseable object per line, without the token; log.file rotates."""

from __future__ import annotations

import io
import json
import logging
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.core.config import ConfigError, LogConfig, load_config
from bot.core.logging_setup import REDACTED, configure_logging

TOKEN = "7123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
log = logging.getLogger("humas.test")


@pytest.fixture(autouse=True)
def restore_logging() -> Iterator[None]:
    yield
    configure_logging("WARNING", [])


def lines_of(stream: io.StringIO) -> list[dict[str, object]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_json_lines_carry_time_level_logger_event_and_ids() -> None:
    stream = io.StringIO()
    configure_logging("INFO", [TOKEN], stream=stream, log=LogConfig(format="json"))
    log.info("update %s handled", 41, extra={"update_id": 41, "user_id": 7, "chat_id": -100})
    log.warning("no ids here")
    log.debug("below the level")
    first, second = lines_of(stream)
    assert first["level"] == "INFO" and first["logger"] == "humas.test"
    assert first["event"] == "update 41 handled"
    assert (first["update_id"], first["user_id"], first["chat_id"]) == (41, 7, -100)
    assert str(first["time"]).endswith("+00:00")
    assert second["event"] == "no ids here" and "user_id" not in second


def test_the_token_is_redacted_in_json_and_a_traceback_stays_one_line() -> None:
    stream = io.StringIO()
    configure_logging("INFO", [TOKEN], stream=stream, log=LogConfig(format="json"))
    log.info("calling https://api.telegram.org/bot%s/getMe", TOKEN)
    try:
        raise RuntimeError(f"bot{TOKEN} failed")
    except RuntimeError:
        log.exception("request failed")
    assert TOKEN not in stream.getvalue()
    assert len(stream.getvalue().splitlines()) == 2
    called, failed = lines_of(stream)
    assert REDACTED in str(called["event"])
    assert "RuntimeError" in str(failed["event"]) and REDACTED in str(failed["event"])


def test_text_format_is_the_default() -> None:
    stream = io.StringIO()
    configure_logging("INFO", [], stream=stream)
    log.info("plain %s", "line")
    (line,) = stream.getvalue().splitlines()
    assert line.endswith("INFO humas.test: plain line")


def test_log_file_is_private_and_rotated_by_size(tmp_path: Path) -> None:
    path = tmp_path / "humas.log"
    config = LogConfig(format="json", file=path, max_bytes=2048, backups=2)
    configure_logging("INFO", [TOKEN], stream=io.StringIO(), log=config)
    for number in range(200):
        log.info("event %d with the token %s", number, TOKEN)
    configure_logging("WARNING", [])  # closes the file
    files = sorted(tmp_path.iterdir())
    assert [file.name for file in files] == ["humas.log", "humas.log.1", "humas.log.2"]
    for file in files:
        assert stat.S_IMODE(file.stat().st_mode) == 0o600
        assert file.stat().st_size <= 2048
        text = file.read_text(encoding="utf-8")
        assert TOKEN not in text
        assert all(json.loads(line)["level"] == "INFO" for line in text.splitlines())
    newest = json.loads(path.read_text(encoding="utf-8").splitlines()[-1])
    assert str(newest["event"]).startswith("event 199 ")


def test_log_keys_load_and_an_unopenable_file_is_one_config_error(tmp_path: Path) -> None:
    settings = load_config(
        tmp_path / "none.toml",
        environment=False,
        log={"format": "json", "file": str(tmp_path / "x.log"), "max_bytes": 4096},
    )
    assert settings.log.format == "json" and settings.log.backups == 5
    with pytest.raises(ConfigError, match="log.format"):
        load_config(tmp_path / "none.toml", environment=False, log={"format": "xml"})
    blocked = LogConfig(file=tmp_path / "missing-folder" / "x.log")
    with pytest.raises(ConfigError, match="log.file"):
        configure_logging("INFO", [], stream=io.StringIO(), log=blocked)
