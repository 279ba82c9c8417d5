"""Logging: one line per event; no secret and no whole update ever reaches a log.

httpx logs every request URL at INFO and the Bot API URL contains the bot token;
exception texts can contain it too; at DEBUG PTB dumps whole updates and request
parameters (names, texts, invitation tokens). :class:`RedactingFilter` rewrites each
record when it is made (so every handler, including a test's, sees the clean one):
whole objects among the arguments become a summary (kind, chat id, size), the
message and any traceback lose the secrets, and it becomes one line.

Lines are text or, with ``log.format = "json"``, one JSON object each (time, level,
logger, event and the ``update_id``/``user_id``/``chat_id`` given via ``extra``); with
``log.file`` they also go to a file (0600) rotated by size.
"""

from __future__ import annotations

import io
import json
import logging
import os
import re
import sys
from collections.abc import Mapping
from datetime import UTC, datetime
from logging.handlers import RotatingFileHandler
from typing import Any, TextIO

from telegram import TelegramObject, Update

from bot.core.config import ConfigError, LogConfig

TOKEN_SHAPE = re.compile(r"\d{5,}:[A-Za-z0-9_-]{20,}")
REDACTED = "<redacted-token>"
_ORIGINAL_FACTORY = logging.getLogRecordFactory()
_ACTIVE: list[RedactingFilter] = []  # the filters configure_logging installed
LOG_IDS = ("update_id", "user_id", "chat_id")  # what a JSON line carries from ``extra``
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
LOG_FILE_MODE = 0o600


def summarise(value: object) -> object:
    """A short stand-in for an update or a request/response body; anything else unchanged."""
    if isinstance(value, Update):
        fields = [key for key in value.to_dict() if key != "update_id"]
        chat = value.effective_chat.id if value.effective_chat else None
        return f"<update {value.update_id}: {', '.join(fields) or '-'}, chat {chat}>"
    if isinstance(value, TelegramObject):
        return f"<{type(value).__name__}>"
    if not isinstance(value, (Mapping, list, tuple, set)):
        return value
    if not isinstance(value, Mapping) and all(isinstance(item, int) for item in value):
        return value  # e.g. the ids of the updates just fetched
    chat = value.get("chat_id") if isinstance(value, Mapping) else None
    where = f", chat {chat}" if isinstance(chat, (int, str)) else ""
    return f"<{type(value).__name__}{where}, {len(repr(value))} characters>"


class RedactingFilter(logging.Filter):
    def __init__(self, secrets: list[str] | None = None) -> None:
        super().__init__()
        self._secrets = [secret for secret in (secrets or []) if secret]

    def add_secret(self, secret: str) -> None:
        if secret and secret not in self._secrets:
            self._secrets.append(secret)

    def redact(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, REDACTED)
        return TOKEN_SHAPE.sub(REDACTED, text)

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, Mapping):
            record.args = {key: summarise(value) for key, value in record.args.items()}
        elif record.args:
            record.args = tuple(summarise(value) for value in record.args)
        message = record.getMessage()
        if record.exc_info:
            formatter = logging.Formatter()
            message = f"{message}\n{formatter.formatException(record.exc_info)}"
            record.exc_info = None
        if record.exc_text:
            message = f"{message}\n{record.exc_text}"
            record.exc_text = None
        if record.stack_info:
            message = f"{message}\n{record.stack_info}"
            record.stack_info = None
        record.msg = self.redact(message).replace("\n", "\n    ")
        record.args = None
        return True


def protect(secret: str) -> None:
    """Keep ``secret`` (e.g. a webhook secret made at start-up) out of every log."""
    for redactor in _ACTIVE:
        redactor.add_secret(secret)


def redact(text: str) -> str:
    """``text`` without any secret the logging knows, nor anything token-shaped."""
    for redactor in _ACTIVE:
        text = redactor.redact(text)
    return TOKEN_SHAPE.sub(REDACTED, text)


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC), level, logger, event, and the ids given."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "event": record.getMessage(),
        }
        for key in LOG_IDS:
            value = getattr(record, key, None)
            if isinstance(value, (int, str)):
                entry[key] = value
        return json.dumps(entry, ensure_ascii=False)


class PrivateRotatingFileHandler(RotatingFileHandler):
    """A size-rotated log file that only its owner can read (rotated copies too)."""

    def _open(self) -> io.TextIOWrapper:
        descriptor = os.open(
            self.baseFilename, os.O_WRONLY | os.O_APPEND | os.O_CREAT, LOG_FILE_MODE
        )
        os.fchmod(descriptor, LOG_FILE_MODE)
        return os.fdopen(descriptor, "a", encoding=self.encoding, errors=self.errors)


def _handlers(stream: TextIO | None, log: LogConfig) -> list[logging.Handler]:
    handlers: list[logging.Handler] = [logging.StreamHandler(stream or sys.stderr)]
    if log.file is not None:
        try:
            handlers.append(
                PrivateRotatingFileHandler(
                    log.file, maxBytes=log.max_bytes, backupCount=log.backups, encoding="utf-8"
                )
            )
        except OSError as exc:
            raise ConfigError(f"log.file: {log.file} cannot be opened: {exc.strerror}") from None
    formatter = JsonFormatter() if log.format == "json" else logging.Formatter(TEXT_FORMAT)
    for handler in handlers:
        handler.setFormatter(formatter)
    return handlers


def configure_logging(
    level: str, secrets: list[str], stream: TextIO | None = None, log: LogConfig | None = None
) -> RedactingFilter:
    """Send all logs through redacting handlers at ``level``, formatted as ``log`` says."""
    handlers = _handlers(stream, log or LogConfig())
    redactor = RedactingFilter(secrets)
    for handler in handlers:
        handler.addFilter(redactor)
    _ACTIVE[:] = [redactor]

    def make_record(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = _ORIGINAL_FACTORY(*args, **kwargs)
        try:
            redactor.filter(record)
        except (TypeError, ValueError):  # arguments that do not fit the message
            record.msg, record.args = f"unformattable log message from {record.name}", None
        return record

    logging.setLogRecordFactory(make_record)
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
        if isinstance(old, PrivateRotatingFileHandler):
            old.close()  # a file opened by an earlier call
    for handler in handlers:
        root.addHandler(handler)
    root.setLevel(level)
    # Very chatty at DEBUG and add nothing a reader of our logs needs (httpcore logs
    # every connection event; aiohttp's access log would list the webhook's callers).
    quiet = max(logging.INFO, logging.getLevelName(level))
    for name in ("aiosqlite", "httpcore", "aiohttp.access"):
        logging.getLogger(name).setLevel(quiet)
    return redactor
