"""Bot API request parameters: query string, JSON, form or multipart, with typed access."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from bot.devtools.sandbox.errors import ApiError


@dataclass
class Upload:
    """A file part of a multipart request."""

    filename: str | None
    content_type: str | None
    data: bytes


class Params:
    """Typed access to request parameters, whichever encoding they arrived in.

    Form and multipart values are strings, with JSON-typed fields JSON-encoded, so every
    accessor accepts both the native JSON type and its string form.
    """

    def __init__(self, raw: dict[str, Any]) -> None:
        self.raw = raw

    def get_str(self, name: str) -> str | None:
        value = self.raw.get(name)
        return None if value is None or isinstance(value, Upload) else str(value)

    def get_float(self, name: str) -> float | None:
        value = self.raw.get(name)
        if value is None or value == "":
            return None
        try:
            return float(value)
        except (TypeError, ValueError):
            raise ApiError(400, f"Bad Request: invalid {name} specified") from None

    def get_int(self, name: str) -> int | None:
        value = self.raw.get(name)
        if isinstance(value, int | str) and str(value).lstrip("-").isdigit():
            return int(value)
        number = self.get_float(name)
        return None if number is None else int(number)

    def required_int(self, name: str) -> int:
        value = self.get_int(name)
        if value is None:
            raise ApiError(400, f"Bad Request: {name} is empty")
        return value

    def get_bool(self, name: str) -> bool:
        return self.raw.get(name) in (True, "true", "True", "1", 1)

    def get_json(self, name: str) -> Any:
        value = self.raw.get(name)
        if not isinstance(value, str):
            return value
        try:
            return json.loads(value)
        except ValueError:
            raise ApiError(400, f"Bad Request: can't parse {name} JSON object") from None

    def chat_id(self, name: str = "chat_id") -> int | str:
        value = self.raw.get(name)
        if value is None or value == "":
            raise ApiError(400, f"Bad Request: {name} is empty")
        if isinstance(value, str) and value.startswith("@"):
            return value
        try:
            return int(value)
        except (TypeError, ValueError):
            raise ApiError(400, "Bad Request: chat not found") from None


async def read_params(request: web.Request) -> Params:
    """Query string plus JSON, form or multipart body; file parts become `Upload`s."""
    raw: dict[str, Any] = dict(request.query)
    if request.can_read_body:
        if request.content_type == "application/json":
            try:
                body = await request.json()
            except ValueError:
                raise ApiError(400, "Bad Request: can't parse JSON object") from None
            if isinstance(body, dict):
                raw.update(body)
        else:
            for key, value in (await request.post()).items():
                if isinstance(value, web.FileField):
                    raw[key] = Upload(value.filename, value.content_type, value.file.read())
                else:
                    raw[key] = value
    return Params(raw)
