"""Configuration: file, environment overrides, and one clear line per mistake."""

from __future__ import annotations

from datetime import time, timedelta
from pathlib import Path

import pytest

from bot.cli import main
from bot.core.config import ConfigError, load_config

EXAMPLE = Path(__file__).resolve().parent.parent / "config.example.toml"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_example_file_loads_with_documented_defaults() -> None:
    settings = load_config(EXAMPLE)
    assert settings.timezone == "Asia/Jakarta"
    assert settings.telegram.mode == "polling"
    assert settings.telegram.token is None
    assert settings.quiet_hours.start == time(21, 0) and settings.quiet_hours.end == time(6, 0)
    assert settings.reminders.offsets == [timedelta(hours=24), timedelta(hours=3)]
    assert settings.admins == []
    assert settings.delivery.rate == 29.0 and settings.delivery.chat_burst == 3


def test_every_key_in_the_example_is_commented() -> None:
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines):
        if "=" in line and not line.lstrip().startswith("#"):
            assert lines[number - 1].lstrip().startswith("#"), f"key without comment: {line}"


def test_environment_overrides_nested_keys(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(
        tmp_path,
        '[telegram]\nmode = "webhook"\n[telegram.webhook]\nurl = "https://x.example/hook"\n',
    )
    monkeypatch.setenv("HUMAS_TELEGRAM__TOKEN", "123456:ABCdef_ghi")
    monkeypatch.setenv("HUMAS_ADMINS", "[11, 22]")
    monkeypatch.setenv("HUMAS_LOG_LEVEL", "debug")
    settings = load_config(path)
    assert settings.telegram.token is not None
    assert settings.telegram.token.get_secret_value() == "123456:ABCdef_ghi"
    assert settings.telegram.mode == "webhook"
    assert settings.telegram.webhook.url == "https://x.example/hook"
    assert settings.admins == [11, 22]
    assert settings.log_level == "DEBUG"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[telegram]\nmode = "smoke"\n', "telegram.mode"),
        ('timezone = "Mars/Olympus"\n', "timezone: unknown time zone"),
        ('[reminders]\noffsets = ["3 jam"]\n', "reminders.offsets"),
        ('[reminders]\noffsets = ["0h"]\n', "longer than zero"),
        ('[quiet_hours]\nstart = "25:00"\n', "quiet_hours.start"),
        ('admins = ["budi"]\n', "admins.0"),
        ("colour = 1\n", "colour: unknown key"),
        ('[telegram]\ntoken = "not a token"\n', "telegram.token"),
        ("[telegram.webhook]\nport = 70000\n", "telegram.webhook.port"),
        ("this is = not [toml\n", "not valid TOML"),
    ],
)
def test_bad_values_name_the_key(tmp_path: Path, text: str, expected: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, text))
    message = str(caught.value)
    assert expected in message
    assert "\n" not in message


def test_cli_reports_bad_config_in_one_line_with_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, '[telegram]\nmode = "smoke"\n')
    assert main(["--config", str(path), "init"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "telegram.mode" in err and "Traceback" not in err


def test_run_without_token_says_how_to_get_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("HUMAS_TELEGRAM__TOKEN", raising=False)
    assert main(["--config", str(tmp_path / "none.toml"), "run"]) == 2
    err = capsys.readouterr().err
    assert "BotFather" in err and "HUMAS_TELEGRAM__TOKEN" in err
