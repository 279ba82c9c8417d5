"""The humas-bot command line: init, units, invite, help."""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

import pytest

from bot.cli import main


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(f'[database]\npath = "{tmp_path / "cli.db"}"\n', encoding="utf-8")
    return path


@pytest.fixture
def initialized(tmp_path: Path, db_path: Path) -> Path:
    """A configuration whose database is as `humas-bot init` leaves it: the session's
    template database (tests/conftest.py), copied, instead of one `init` per test."""
    path = tmp_path / "config.toml"
    path.write_text(f'[database]\npath = "{db_path}"\n', encoding="utf-8")
    return path


def run(config: Path, *args: str) -> int:
    return main(["--config", str(config), *args])


def test_help_lists_the_subcommands(capsys: pytest.CaptureFixture[str]) -> None:
    # In this process: `python -m bot` itself runs in a process of its own in
    # tests/test_attack_secrets.py (test_run_in_a_process_of_its_own_prints_no_token).
    with pytest.raises(SystemExit) as exited:
        main(["--help"])
    assert exited.value.code == 0
    help_text = capsys.readouterr().out
    assert help_text.startswith("usage: humas-bot")
    for command in ("init", "run", "demo", "invite", "units"):
        assert command in help_text


def test_init_twice_then_units_and_invite(config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(config, "init") == 0
    assert "476 areas added" in capsys.readouterr().out
    assert run(config, "init") == 0
    assert "0 areas added" in capsys.readouterr().out

    assert run(config, "units", "add-opd", "Dinas", "Komunikasi", "dan", "Informatika") == 0
    assert "OPD.001\tDinas Komunikasi dan Informatika" in capsys.readouterr().out
    csv_file = config.parent / "opd.csv"
    csv_file.write_text(
        "nama\nDinas Kesehatan\nDinas Komunikasi dan Informatika\n", encoding="utf-8"
    )
    assert run(config, "units", "import", str(csv_file)) == 0
    out = capsys.readouterr().out
    assert "added OPD.002\tDinas Kesehatan" in out and "exists\tDinas Komunikasi" in out

    assert run(config, "units", "list", "--kecamatan", "32.01.02") == 0
    listed = capsys.readouterr().out.splitlines()
    assert listed[0] == "32.01.02\tkecamatan\tGunungputri"
    assert all(line.startswith("32.01.02") for line in listed)

    assert (
        run(
            config,
            "invite",
            "--unit",
            "32.01.02.2001",
            "--role",
            "admin",
            "--uses",
            "2",
            "--days",
            "3",
            "--bot-username",
            "humas_bot",
        )
        == 0
    )
    captured = capsys.readouterr()
    link = captured.out.strip()
    assert link.startswith("https://t.me/humas_bot?start=")
    assert len(link.rsplit("=", 1)[1]) == 32
    assert "admin" in captured.err and "2 use(s)" in captured.err


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("invite", "--unit", "99.99", "--role", "officer", "--bot-username", "b"), "unknown unit"),
        (
            (
                "invite",
                "--unit",
                "32.01",
                "--role",
                "officer",
                "--uses",
                "0",
                "--bot-username",
                "b",
            ),
            "uses must be",
        ),
        (("invite", "--unit", "32.01", "--role", "officer"), "--bot-username"),
        (("units", "list", "--kecamatan", "32.01.02.2001"), "not a kecamatan"),
        (("units", "import", "/nonexistent.csv"), "No such file"),
    ],
)
def test_mistakes_are_one_line_with_exit_2(
    initialized: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], expected: str
) -> None:
    assert run(initialized, *args) == 2
    err = capsys.readouterr().err
    assert expected in err and "Traceback" not in err


@pytest.mark.parametrize(
    "argv",
    [
        ("--config", "{config}", "init"),
        ("init", "--config", "{config}"),
    ],
)
def test_config_before_or_after_the_subcommand(
    config: Path, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]
) -> None:
    assert main([part.format(config=config) for part in argv]) == 0
    assert "476 areas added" in capsys.readouterr().out
    assert (config.parent / "cli.db").exists()


def test_config_after_a_nested_subcommand_wins_over_the_default(
    initialized: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["units", "list", "--kecamatan", "32.01.02", "--config", str(initialized)]) == 0
    assert capsys.readouterr().out.startswith("32.01.02\tkecamatan\tGunungputri\n")


def test_version_is_the_installed_package_version(capsys: pytest.CaptureFixture[str]) -> None:
    # In this process, as test_help_lists_the_subcommands.
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.strip() == f"humas-bot {metadata.version('humas-bot')}"
