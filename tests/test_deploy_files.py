"""The deployment files in deploy/: systemd unit (verified by systemd), Dockerfile, compose, Caddy."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.core.config import HealthConfig, TelegramConfig, WebhookConfig, webhook_settings

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
UNIT = DEPLOY / "humas-bot.service"
DOCKERFILE = DEPLOY / "Dockerfile"


def unit_keys(text: str) -> dict[str, list[str]]:
    """``Key=value`` lines of a unit file (comments and sections left out)."""
    keys: dict[str, list[str]] = {}
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith(("#", ";", "[")):
            key, _, value = line.partition("=")
            keys.setdefault(key, []).append(value)
    return keys


def dockerfile_instructions(text: str) -> list[tuple[str, str]]:
    """``(INSTRUCTION, arguments)`` with continuation lines joined and comments left out."""
    joined = re.sub(r"\\\n", " ", text)
    found = []
    for line in joined.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            found.append((word.upper(), rest.strip()))
    return found


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="no systemd-analyze here")
def test_systemd_verifies_the_unit(tmp_path: Path) -> None:
    # systemd checks that ExecStart's program exists: point it at this venv's humas-bot.
    program = Path(sys.executable).with_name("humas-bot")
    assert program.exists()
    text = UNIT.read_text(encoding="utf-8")
    assert "ExecStart=/opt/humas-bot/venv/bin/humas-bot " in text
    copy = tmp_path / UNIT.name
    copy.write_text(text.replace("/opt/humas-bot/venv/bin/humas-bot", str(program)), "utf-8")
    result = subprocess.run(
        ["systemd-analyze", "verify", str(copy)], capture_output=True, text=True, timeout=60
    )
    complaints = [
        line for line in (result.stdout + result.stderr).splitlines() if UNIT.name in line
    ]
    assert result.returncode == 0 and complaints == [], result.stderr


def test_the_unit_runs_the_bot_confined_with_the_token_from_a_root_only_file() -> None:
    keys = unit_keys(UNIT.read_text(encoding="utf-8"))
    assert keys.get("User") == ["humas"] or keys.get("DynamicUser") == ["yes"]
    assert keys["StateDirectory"] == ["humas-bot"]
    assert keys["WorkingDirectory"] == ["/var/lib/humas-bot"]
    assert "HUMAS_DATABASE__PATH=/var/lib/humas-bot/humas.db" in keys["Environment"]
    assert keys["Restart"] == ["on-failure"]
    assert keys["RestartPreventExitStatus"] == ["2"]  # a configuration mistake: no loop
    for key, value in {
        "NoNewPrivileges": "yes",
        "ProtectSystem": "strict",
        "ProtectHome": "yes",
        "PrivateTmp": "yes",
    }.items():
        assert keys[key] == [value], key
    assert keys["EnvironmentFile"] == ["/etc/humas-bot/env"]
    assert "mode 0600" in UNIT.read_text(encoding="utf-8")
    [start] = keys["ExecStart"]
    assert start.endswith(" run") and "--config /etc/humas-bot/config.toml" in start


def test_the_dockerfile_builds_from_pypi_only_and_runs_unprivileged_with_a_health_check() -> None:
    instructions = dockerfile_instructions(DOCKERFILE.read_text(encoding="utf-8"))
    words = [word for word, _ in instructions]
    assert instructions[0] == ("FROM", "python:3.11-slim")
    assert words.count("FROM") == 1
    runs = " ".join(rest for word, rest in instructions if word == "RUN")
    for fetcher in ("curl", "wget", "apt-get", "apk ", "git ", "http://", "https://"):
        assert fetcher not in runs, fetcher
    assert "pip install /src" in runs and "--index-url" not in runs
    for word, rest in instructions:
        if word == "COPY":
            *sources, _ = rest.split()
            assert all((ROOT / source).exists() for source in sources), rest
    [user] = [rest for word, rest in instructions if word == "USER"]
    assert user.split(":")[0] not in ("root", "0")
    assert words.index("USER") > max(i for i, word in enumerate(words) if word == "RUN")
    [volume] = [rest for word, rest in instructions if word == "VOLUME"]
    assert "/data" in volume
    env = " ".join(rest for word, rest in instructions if word == "ENV")
    assert "HUMAS_DATABASE__PATH=/data/humas.db" in env
    assert f"HUMAS_HEALTH__PORT={HealthConfig().port}" in env
    [check] = [rest for word, rest in instructions if word == "HEALTHCHECK"]
    assert "http://127.0.0.1:%s/healthz" in check and "HUMAS_HEALTH__PORT" in check
    assert HealthConfig().listen == "127.0.0.1"
    ignore = (DEPLOY / "Dockerfile.dockerignore").read_text(encoding="utf-8")
    for needed in ("!pyproject.toml", "!bot/", "!db/"):
        assert needed in ignore


def test_compose_keeps_the_data_in_a_volume_and_the_token_in_an_env_file() -> None:
    text = (DEPLOY / "compose.yaml").read_text(encoding="utf-8")
    assert re.search(r"^\s+restart: unless-stopped$", text, re.M)
    assert re.search(r"^\s+env_file: humas-bot\.env$", text, re.M)
    assert re.search(r"^\s+- humas-data:/data$", text, re.M)
    assert re.search(r"^  humas-data:$", text, re.M)
    assert "dockerfile: deploy/Dockerfile" in text
    # The webhook port is published on the host's loopback only, for the reverse proxy.
    port = WebhookConfig().port
    assert f'- "127.0.0.1:{port}:{port}"' in text


def test_the_caddy_example_forwards_the_webhook_path_to_where_the_bot_listens() -> None:
    text = (DEPLOY / "Caddyfile").read_text(encoding="utf-8")
    url = re.search(r'url = "(https://[^"]+)"', text)
    assert url is not None
    webhook = WebhookConfig(url=url.group(1))
    settings = webhook_settings(TelegramConfig(mode="webhook", webhook=webhook))
    assert f"path /{settings['url_path']}" in text
    assert f"reverse_proxy {settings['listen']}:{settings['port']}" in text
    assert "method POST" in text and "max_size" in text


def test_the_readme_documents_every_deploy_file() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Run it for real") :]
    for path in sorted(DEPLOY.iterdir()):
        assert f"deploy/{path.name}" in section, path.name
    for command in ("humas-bot backup", "humas-bot restore", "humas-bot migrate --dry-run"):
        assert command in section
    assert "/revoke" in section and "HUMAS_TELEGRAM__TOKEN" in section


def test_ci_runs_the_readmes_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Run the tests") :]
    start = section.index("```sh\n") + len("```sh\n")
    block = section[start : section.index("\n```", start)]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for line in block.splitlines():
        assert line in ci.splitlines(), line
    assert "pytest -q -n auto" in block
