"""Validation of the reply_markup parameter, with Telegram's error messages."""

from __future__ import annotations

from typing import Any

from bot.devtools.sandbox.errors import JSON, ApiError


def check_markup(markup: Any) -> JSON | None:
    """The reply_markup parameter, validated like Telegram does; None when absent."""
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise ApiError(400, "Bad Request: can't parse reply keyboard markup JSON object")
    for row in markup.get("inline_keyboard", []):
        for button in row:
            if not isinstance(button, dict) or not button.get("text"):
                raise ApiError(
                    400, "Bad Request: can't parse inline keyboard button: Text must be non-empty"
                )
            if (
                "callback_data" in button
                and not 1 <= len(str(button["callback_data"]).encode()) <= 64
            ):
                raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
            if "web_app" in button and not str((button["web_app"] or {}).get("url", "")).startswith(
                "https://"
            ):
                # Telegram opens Mini Apps over HTTPS only.
                raise ApiError(400, "Bad Request: BUTTON_TYPE_INVALID")
            if len(button) == 1:
                raise ApiError(
                    400,
                    "Bad Request: can't parse inline keyboard button: Text buttons are "
                    "unallowed in the inline keyboard",
                )
    return markup
