"""Logging: one line per event; no secret and no whole update ever reaches a log.

httpx logs every request URL at INFO and the Bot API URL contains the bot token;
exception texts can contain it too; at DEBUG PTB dumps whole updates and request
parameters (names, texts, invitation tokens). :class:`RedactingFilter` rewrites each
record when it is made (so every handler, including a test's, sees the clean one):
whole objects among the arguments become a summary (kind, chat id, size), the
message and any traceback lose the secrets, and it becomes one line.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Mapping
from typing import Any

from telegram import TelegramObject, Update

TOKEN_SHAPE = re.compile(r"\d{5,}:[A-Za-z0-9_-]{20,}")
REDACTED = "<redacted-token>"
_ORIGINAL_FACTORY = logging.getLogRecordFactory()
_ACTIVE: list[RedactingFilter] = []  # the filters configure_logging installed


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


def configure_logging(level: str, secrets: list[str], stream: object = None) -> RedactingFilter:
    """Send all logs through one redacting handler at ``level``."""
    handler = logging.StreamHandler(stream or sys.stderr)  # type: ignore[arg-type]
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    redactor = RedactingFilter(secrets)
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
    root.addHandler(handler)
    root.setLevel(level)
    # Very chatty at DEBUG and add nothing a reader of our logs needs (httpcore logs
    # every connection event; aiohttp's access log would list the webhook's callers).
    quiet = max(logging.INFO, logging.getLevelName(level))
    for name in ("aiosqlite", "httpcore", "aiohttp.access"):
        logging.getLogger(name).setLevel(quiet)
    return redactor
