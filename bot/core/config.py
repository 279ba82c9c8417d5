"""Configuration: a TOML file, overridden by ``HUMAS_*`` environment variables.

Every key is documented in ``config.example.toml``. Errors a person can make in
the file are turned into one :class:`ConfigError` line naming the key.
"""

from __future__ import annotations

import re
import tomllib
from datetime import time, timedelta
from pathlib import Path
from typing import Annotated, Any, Literal, NamedTuple
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
)
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

DEFAULT_CONFIG_PATH = Path("config.toml")
_DURATION = re.compile(r"^\s*(\d+)\s*([dhm])\s*$")
_UNIT_SECONDS = {"d": 86400, "h": 3600, "m": 60}


class ConfigError(Exception):
    """A problem in the configuration that the person running the bot must fix."""


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _empty_is_none(value: Any) -> Any:
    return None if value == "" else value


# A file or folder setting where an empty string means "none" (or the default place).
_OptionalPath = Annotated[Path | None, BeforeValidator(_empty_is_none)]


class WebhookConfig(_Section):
    url: str = ""
    listen: str = "127.0.0.1"  # a reverse proxy in front forwards Telegram's calls
    port: int = Field(default=8443, ge=1, le=65535)
    secret_token: SecretStr | None = None

    @field_validator("secret_token")
    @classmethod
    def _secret_charset(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and value.get_secret_value() == "":
            return None
        if value is not None and not re.fullmatch(
            r"[A-Za-z0-9_-]{1,256}", value.get_secret_value()
        ):
            raise ValueError("must be 1-256 characters of A-Z, a-z, 0-9, _ and -")
        return value


def webhook_settings(telegram: TelegramConfig) -> dict[str, Any]:
    """Where the webhook server listens and what it registers, from the configuration.

    The bot listens on ``listen:port`` at the path of the public ``url`` (a reverse
    proxy forwards Telegram's HTTPS calls there). The secret is not here: the server
    uses the configured one or makes a new one at each start (bot/webhook.py).
    """
    hook = telegram.webhook
    if not hook.url:
        raise ConfigError('telegram.webhook.url is required when telegram.mode is "webhook"')
    if not hook.url.startswith("https://"):
        raise ConfigError("telegram.webhook.url must be an https:// address (Telegram requires it)")
    return {
        "listen": hook.listen,
        "port": hook.port,
        "url_path": urlsplit(hook.url).path.lstrip("/"),
        "webhook_url": hook.url,
    }


class TelegramConfig(_Section):
    token: SecretStr | None = None
    base_url: str = "https://api.telegram.org/bot"
    base_file_url: str = "https://api.telegram.org/file/bot"
    mode: Literal["polling", "webhook"] = "polling"
    webhook: WebhookConfig = WebhookConfig()

    @field_validator("token")
    @classmethod
    def _token_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and value.get_secret_value() == "":
            return None
        if value is not None and not re.fullmatch(r"\d+:[A-Za-z0-9_-]+", value.get_secret_value()):
            raise ValueError("does not look like a BotFather token (digits:letters)")
        return value


class DatabaseConfig(_Section):
    path: Path = Path("humas.db")
    # How often the running bot checks that the file is still the one it opened.
    watch_seconds: float = Field(default=30, ge=0.1, le=60)


class QuietHours(_Section):
    start: time = time(21, 0)
    end: time = time(6, 0)


class RemindersConfig(_Section):
    offsets: list[timedelta] = Field(
        default_factory=lambda: [timedelta(hours=24), timedelta(hours=3)]
    )

    @field_validator("offsets", mode="before")
    @classmethod
    def _parse_offsets(cls, value: Any) -> Any:
        if not isinstance(value, list):
            raise ValueError('must be a list such as ["24h", "3h"]')
        return [parse_duration(item) if isinstance(item, str) else item for item in value]

    @field_validator("offsets")
    @classmethod
    def _positive(cls, value: list[timedelta]) -> list[timedelta]:
        if any(offset <= timedelta(0) for offset in value):
            raise ValueError("every offset must be longer than zero")
        return sorted(set(value), reverse=True)


class DeliveryConfig(_Section):
    rate: float = Field(default=29.0, gt=0, le=30)
    # Replies one person may get at once before the ~1 per second pace (Telegram: 3). Only
    # a sandbox that allows more (the demo, the functional tests) is given more; bulk
    # sends keep one per second per person whatever it is (scheduler/pacing.py).
    chat_burst: int = Field(default=3, ge=1)


class FloodConfig(_Section):
    """One person's updates beyond ``updates`` per ``seconds`` are dropped (bot/flood.py)."""

    updates: int = Field(default=20, ge=1)
    seconds: float = Field(default=10.0, gt=0, le=3600)


WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class WeeklyTime(NamedTuple):
    weekday: int  # Monday is 0
    at: time


class ScheduleConfig(_Section):
    """What the scheduler pushes on its own: digests, escalation, leave (see scheduler/jobs.py)."""

    weekly_digest: WeeklyTime = WeeklyTime(0, time(7, 0))
    daily_digest: time = time(16, 0)
    digest_catch_up: timedelta = timedelta(hours=2)
    escalation: bool = True
    escalation_delay: timedelta = timedelta(0)
    max_leave_days: int = Field(default=60, ge=1, le=366)
    tick_seconds: int = Field(default=60, ge=5, le=3600)

    @field_validator("weekly_digest", mode="before")
    @classmethod
    def _parse_weekly(cls, value: Any) -> Any:
        if isinstance(value, str):
            parts = value.lower().split()
            if len(parts) != 2 or parts[0] not in WEEKDAYS:
                raise ValueError('must be a weekday and a time, such as "mon 07:00"')
            try:
                at = time.fromisoformat(parts[1])
            except ValueError:
                raise ValueError('must be a weekday and a time, such as "mon 07:00"') from None
            return WeeklyTime(WEEKDAYS.index(parts[0]), at)
        return value

    @field_validator("digest_catch_up", "escalation_delay", mode="before")
    @classmethod
    def _parse_durations(cls, value: Any) -> Any:
        return parse_duration(value) if isinstance(value, str) else value


class PrivacyConfig(_Section):
    """Personal data (UU PDP 27/2022): how long refused applications are kept."""

    # Rejected and withdrawn registrations are deleted this many days after the decision.
    registration_retention_days: int = Field(default=90, ge=1, le=3650)


_TimeOfDay = time  # a field below is named ``time``


class BackupConfig(_Section):
    """Online copies of the database (db/backup.py): where, how many, when."""

    # Folder of the copies; empty: a "backups" folder next to the database file.
    dir: _OptionalPath = None
    # The newest this many copies are kept; older ones are deleted after each backup.
    keep: int = Field(default=14, ge=1, le=3650)
    # The running bot makes one every day at this time (in the configured time zone).
    time: _TimeOfDay = _TimeOfDay(2, 0)


class HousekeepingConfig(_Section):
    """What the running bot deletes once a day so the database stays small."""

    # Per-recipient delivery rows of broadcasts finished this many days ago are deleted
    # (each broadcast keeps its totals).
    outbox_retention_days: int = Field(default=90, ge=1, le=3650)


class RecapConfig(_Section):
    """The recap (/rekap) and what is built on it."""

    # /peringkat: the month's most reliable units of a coordinator's scope (an officer
    # sees only their own unit's place and streak). false: /peringkat says it is off.
    ranking: bool = True


class FilesConfig(_Section):
    """The local store of what people send (materials, drafts, screenshots): scheduler/file_archive.py."""

    # Folder of the store; empty: a "files" folder next to the database file.
    dir: _OptionalPath = None
    # Files larger than this are not downloaded (Telegram lets bots download up to 20 MB).
    max_bytes: int = Field(default=20 * 1024 * 1024, ge=1, le=2 * 1024 * 1024 * 1024)


class ContentConfig(_Section):
    """The content tools: suggested captions and how close a draft may come to them."""

    # A draft for review whose token-set similarity (shared words over all words, 0..1)
    # to the briefing's suggested caption is at least this is a near-verbatim copy: the
    # receipt asks the officer to personalise it, /tinjau shows the figure.
    similarity_threshold: float = Field(default=0.8, ge=0.0, le=1.0)


class LinksConfig(_Section):
    """Automatic checks of reported posts (scheduler/link_checks.py), off unless asked."""

    # Fetch each reported post's public metadata in the background.
    verify: bool = False
    # Seconds one fetch (with its redirects) may take.
    timeout: float = Field(default=5.0, gt=0, le=60)
    # Bytes of a page read at most (streamed; a larger page is not checked).
    max_bytes: int = Field(default=512 * 1024, ge=1024, le=16 * 1024 * 1024)
    # Seconds between two fetches from the same platform.
    interval: float = Field(default=1.0, ge=0, le=3600)
    # The platforms' public oEmbed endpoints (no key needed); other posts are read for
    # their Open Graph tags.
    oembed: dict[str, str] = Field(
        default_factory=lambda: {
            "youtube": "https://www.youtube.com/oembed",
            "tiktok": "https://www.tiktok.com/oembed",
            "x": "https://publish.twitter.com/oembed",
        }
    )
    # For tests only: hosts fetched although they are private or plain http (a local
    # fake server). Empty in production: loopback, private, link-local and reserved
    # addresses and non-https addresses are always refused.
    verify_allow_hosts: list[str] = Field(default_factory=list)

    @field_validator("oembed")
    @classmethod
    def _known_platforms(cls, value: dict[str, str]) -> dict[str, str]:
        unknown = set(value) - {"youtube", "tiktok", "x"}
        if unknown:
            raise ValueError(f"no public oEmbed endpoint for {', '.join(sorted(unknown))}")
        return value


class ReleaseConfig(_Section):
    """Press releases (/rilis): their dateline and the regency's .docx format."""

    # The dateline's place for the regency and the agencies (a kecamatan's units use
    # the kecamatan's name).
    city: str = Field(default="Cibinong", min_length=1, max_length=60)
    # The header line at the top of every .docx.
    header: str = Field(default="PEMERINTAH KABUPATEN BOGOR", max_length=200)
    # A logo image (PNG or JPEG) above the header; empty: none.
    logo: _OptionalPath = None


class HealthConfig(_Section):
    """The health and metrics HTTP endpoint (bot/health.py)."""

    enabled: bool = True
    listen: str = "127.0.0.1"
    port: int = Field(default=8081, ge=0, le=65535)  # 0: any free port (tests)
    # /healthz fails when no call to Telegram succeeded for this long.
    telegram_stale: timedelta = timedelta(minutes=5)

    @field_validator("telegram_stale", mode="before")
    @classmethod
    def _parse_stale(cls, value: Any) -> Any:
        return parse_duration(value) if isinstance(value, str) else value


class WebAppConfig(_Section):
    """The coordinators' Mini App (dashboard and briefing form), served by the bot (bot/webapp/)."""

    # Its public HTTPS address (behind the same reverse proxy as the webhook); empty: off.
    url: str = ""
    listen: str = "127.0.0.1"
    port: int = Field(default=8082, ge=0, le=65535)  # 0: any free port (tests)

    @field_validator("url")
    @classmethod
    def _https(cls, value: str) -> str:
        value = value.strip().rstrip("/")
        if value and not value.startswith("https://"):
            raise ValueError("must be an https:// address (Telegram requires it)")
        return value

    @property
    def enabled(self) -> bool:
        return bool(self.url)


class LogConfig(_Section):
    """Where log lines go and how they look (bot/core/logging_setup.py)."""

    format: Literal["text", "json"] = "text"
    # Also write the log to this file (rotated by size); empty: standard error only.
    file: _OptionalPath = None
    max_bytes: int = Field(default=10 * 1024 * 1024, ge=1024)
    backups: int = Field(default=5, ge=0, le=1000)


def parse_duration(text: str) -> timedelta:
    """Parse ``"24h"``, ``"90m"`` or ``"2d"``."""
    match = _DURATION.match(text)
    if not match:
        raise ValueError(f'"{text}" is not a duration such as "24h", "90m" or "2d"')
    return timedelta(seconds=int(match.group(1)) * _UNIT_SECONDS[match.group(2)])


class Settings(BaseSettings):
    """The whole configuration. Environment variables win over the file."""

    model_config = SettingsConfigDict(
        env_prefix="HUMAS_", env_nested_delimiter="__", extra="forbid", validate_default=True
    )

    telegram: TelegramConfig = TelegramConfig()
    database: DatabaseConfig = DatabaseConfig()
    timezone: str = "Asia/Jakarta"
    admins: list[int] = Field(default_factory=list)
    quiet_hours: QuietHours = QuietHours()
    reminders: RemindersConfig = RemindersConfig()
    delivery: DeliveryConfig = DeliveryConfig()
    flood: FloodConfig = FloodConfig()
    schedule: ScheduleConfig = ScheduleConfig()
    privacy: PrivacyConfig = PrivacyConfig()
    backup: BackupConfig = BackupConfig()
    housekeeping: HousekeepingConfig = HousekeepingConfig()
    recap: RecapConfig = RecapConfig()
    files: FilesConfig = FilesConfig()
    content: ContentConfig = ContentConfig()
    links: LinksConfig = LinksConfig()
    release: ReleaseConfig = ReleaseConfig()
    health: HealthConfig = HealthConfig()
    webapp: WebAppConfig = WebAppConfig()
    log: LogConfig = LogConfig()
    language: Literal["id", "en"] = "id"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f'unknown time zone "{value}"') from exc
        return value

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper(cls, value: Any) -> Any:
        return value.upper() if isinstance(value, str) else value

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # The file's values arrive as init arguments; the environment overrides them.
        return (env_settings, init_settings)


class IsolatedSettings(Settings):
    """Settings from the given values only, whatever ``HUMAS_*`` variables are set.

    The demo and the tests build their own world (temporary database, sandbox, their
    own token and admins); an exported production variable must never reach it.
    """

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings,)


def load_config(
    path: Path | None = None,
    *,
    required: bool = False,
    environment: bool = True,
    **overrides: Any,
) -> Settings:
    """Read the TOML file (if it exists, or fail if ``required``) and the environment.

    ``overrides`` are merged over the file's top-level sections (used by the demo
    and the tests to point the bot at the sandbox); ``environment=False`` ignores
    every ``HUMAS_*`` variable.
    """
    path = path or DEFAULT_CONFIG_PATH
    data: dict[str, Any] = {}
    if path.exists():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: not valid TOML: {exc}") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: cannot be read: {exc}") from None
    elif required:
        raise ConfigError(f"{path}: file not found (copy config.example.toml to {path})")
    for key, value in overrides.items():
        if isinstance(value, dict) and isinstance(data.get(key), dict):
            data[key] = {**data[key], **value}
        else:
            data[key] = value
    try:
        return (Settings if environment else IsolatedSettings)(**data)
    except ValidationError as exc:
        raise ConfigError(f"{path}: {describe_validation_error(exc)}") from None


def describe_validation_error(exc: ValidationError) -> str:
    """One line naming each wrong key, e.g. ``telegram.mode: Input should be ...``."""
    parts = []
    for error in exc.errors():
        key = ".".join(str(part) for part in error["loc"]) or "(top level)"
        message = error["msg"].removeprefix("Value error, ")
        if error["type"] == "extra_forbidden":
            message = "unknown key"
        parts.append(f"{key}: {message}")
    return "; ".join(parts)
