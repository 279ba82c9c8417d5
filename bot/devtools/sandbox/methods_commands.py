"""Bot API command lists and menu buttons: set/get/deleteMyCommands, set/getChatMenuButton."""

from __future__ import annotations

import json
import re

from bot.devtools.sandbox.errors import JSON, ApiError
from bot.devtools.sandbox.params import Params
from bot.devtools.sandbox.state import SandboxState


def _commands_key(p: Params) -> tuple[str, str]:
    """(canonical scope JSON with "type" first and other keys sorted, language code or "")."""
    scope = p.get_json("scope") or {"type": "default"}
    ordered = {"type": scope.get("type"), **{k: scope[k] for k in sorted(scope) if k != "type"}}
    canonical = json.dumps(ordered, separators=(",", ":"), ensure_ascii=False)
    return canonical, p.get_str("language_code") or ""


class CommandMethods(SandboxState):
    """Command lists per (scope, language) and menu buttons per chat."""

    _menu_buttons: dict[int | None, JSON]  # set by SandboxServer.__init__

    async def _api_set_my_commands(self, p: Params) -> bool:
        commands = p.get_json("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise ApiError(
                400, "Bad Request: commands must be a list of at most 100 BotCommand objects"
            )
        for command in commands:
            if not isinstance(command, dict) or not re.fullmatch(
                r"[a-z0-9_]{1,32}", str(command.get("command", ""))
            ):
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", ""))) <= 256:
                raise ApiError(400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
        self.commands[_commands_key(p)] = [
            {"command": c["command"], "description": c["description"]} for c in commands
        ]
        return True

    async def _api_delete_my_commands(self, p: Params) -> bool:
        self.commands.pop(_commands_key(p), None)
        return True

    async def _api_get_my_commands(self, p: Params) -> list[JSON]:
        return list(self.commands.get(_commands_key(p), []))

    async def _api_set_chat_menu_button(self, p: Params) -> bool:
        button = p.get_json("menu_button") or {"type": "default"}
        if button.get("type") == "web_app":
            url = str((button.get("web_app") or {}).get("url", ""))
            if not button.get("text") or not url.startswith("https://"):
                raise ApiError(400, "Bad Request: BUTTON_URL_INVALID")
        self._menu_buttons[p.get_int("chat_id")] = button
        return True

    def menu_button(self, chat_id: int | None) -> JSON:
        """The chat's menu button as the bot last set it (Telegram's default otherwise)."""
        return self._menu_buttons.get(chat_id, {"type": "default"})

    async def _api_get_chat_menu_button(self, p: Params) -> JSON:
        return self._menu_buttons.get(p.get_int("chat_id"), {"type": "default"})
