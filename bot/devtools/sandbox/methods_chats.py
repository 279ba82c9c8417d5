"""Bot API lookups and chat actions: getMe, getChat, sendChatAction, getFile."""

from __future__ import annotations

from bot.devtools.sandbox.errors import JSON, ApiError
from bot.devtools.sandbox.params import Params
from bot.devtools.sandbox.state import SandboxState

_CHAT_ACTIONS = frozenset(
    """typing upload_photo record_video upload_video record_voice upload_voice upload_document
    choose_sticker find_location record_video_note upload_video_note""".split()
)
# Bots may download files up to 20 MB; getFile refuses bigger ones, as Telegram does.
DOWNLOAD_LIMIT = 20 * 1024 * 1024
_GIFT_TYPES = (
    "unlimited_gifts limited_gifts unique_gifts premium_subscription gifts_from_channels".split()
)


class ChatMethods(SandboxState):
    """Information about the bot, chats and files, and the "typing..." style chat actions."""

    async def _api_get_me(self, p: Params) -> JSON:
        return {
            **self.bot_user.to_json(),
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    async def _api_get_file(self, p: Params) -> JSON:
        stored = self.files.get(p.get_str("file_id") or "")
        if stored is None:
            raise ApiError(400, "Bad Request: invalid file_id")
        if len(stored.data) > DOWNLOAD_LIMIT:
            raise ApiError(400, "Bad Request: file is too big")
        return stored.to_json()

    async def _api_get_chat(self, p: Params) -> JSON:
        chat = self.resolve_chat(p.chat_id())
        gifts = dict.fromkeys(_GIFT_TYPES, False)
        return {
            **chat.to_json(),
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": gifts,
        }

    async def _api_send_chat_action(self, p: Params) -> bool:
        self.writable_chat(p.chat_id())
        if p.get_str("action") not in _CHAT_ACTIONS:
            raise ApiError(400, "Bad Request: wrong parameter action in request")
        return True
