"""What the Mini App's API reads from the web, as pydantic models: anything that does not
parse is a 400 with the fields named, never an exception further in."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Literal, TypeVar

from aiohttp import web
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from bot.webapp.auth import error

_ID = Field(default=None, ge=1, le=2**62)
_MAX_BODY = 64 * 1024

M = TypeVar("M", bound=BaseModel)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_max_length=8000)


class RecapQuery(_Strict):
    briefing: int | None = _ID
    period: str | None = Field(default=None, max_length=20)
    area: int | None = _ID

    @model_validator(mode="after")
    def _one_of(self) -> RecapQuery:
        if (self.briefing is None) == (self.period is None):
            raise ValueError("give either briefing or period")
        return self


class RemindRequest(_Strict):
    briefing_id: int = Field(ge=1, le=2**62)


class ExcelRequest(_Strict):
    briefing_id: int | None = _ID
    period: str | None = Field(default=None, max_length=20)
    area: int | None = _ID

    @model_validator(mode="after")
    def _one_of(self) -> ExcelRequest:
        if (self.briefing_id is None) == (self.period is None):
            raise ValueError("give either briefing_id or period")
        return self


class Targets(_Strict):
    kind: Literal["scope", "level", "kecamatan", "tag", "units"]
    levels: list[Literal["opd", "kecamatan", "village"]] = Field(default_factory=list, max_length=3)
    unit_ids: list[int] = Field(default_factory=list, max_length=1000)
    tag: str = Field(default="", max_length=200)


class BriefingForm(_Strict):
    """Every field of a briefing as the form sends it; the composer's rules are applied
    afterwards (bot/webapp/form_api.py), so a field can be wrong without the whole request
    being malformed."""

    program_id: int | None = _ID
    title: str = ""
    key_message: str = ""
    targets: Targets | None = None
    deadline: datetime | None = None  # as typed in WIB (no zone), from <input type=datetime-local>
    points: str = ""
    formats: list[str] = Field(default_factory=list, max_length=20)
    channels: list[str] = Field(default_factory=list, max_length=20)
    hashtags: str = ""
    demographic: str = ""
    geographic: str = ""
    psychographic: str = ""


def _describe(exc: ValidationError) -> str:
    return "; ".join(
        f"{'.'.join(str(part) for part in item['loc']) or 'body'}: {item['msg']}"
        for item in exc.errors()
    )


def parsed(model: type[M], data: Mapping[str, object]) -> M:
    """``data`` (a query string) as ``model``; a 400 when it does not fit."""
    try:
        return model.model_validate(dict(data))
    except ValidationError as exc:
        raise error(400, _describe(exc)) from None


async def parsed_body(model: type[M], request: web.Request) -> M:
    """The JSON body as ``model``; a 400 when it is not JSON or does not fit."""
    if request.content_length is not None and request.content_length > _MAX_BODY:
        raise error(400, "body too large")
    raw = await request.content.read(_MAX_BODY + 1)
    if len(raw) > _MAX_BODY:
        raise error(400, "body too large")
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise error(400, "body: not JSON") from None
    if not isinstance(data, dict):
        raise error(400, "body: not a JSON object")
    return parsed(model, data)
