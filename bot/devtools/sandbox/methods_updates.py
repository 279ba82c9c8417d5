"""Bot API update delivery: getUpdates long polling, webhook settings, callback answers."""

from __future__ import annotations

import asyncio

from bot.devtools.sandbox.errors import JSON, ApiError
from bot.devtools.sandbox.params import Params
from bot.devtools.sandbox.state import SandboxState


class UpdateMethods(SandboxState):
    """Methods around the update queue; the attributes are set by SandboxServer.__init__."""

    _allowed_updates: list[str] | None
    _poll_generation: int
    _closing: bool

    async def _api_get_updates(self, p: Params) -> list[JSON]:
        """Long polling: answer at once if updates are pending, else wait up to `timeout`."""
        if self.webhook is not None:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; use "
                "deleteWebhook to delete the webhook first",
            )
        offset = p.get_int("offset")
        if offset is not None:
            self.confirm_updates(offset)
        allowed = p.get_json("allowed_updates")
        if allowed is not None:
            self._allowed_updates = list(allowed)
        limit = min(max(p.get_int("limit") or 100, 1), 100)
        timeout = max(0.0, p.get_float("timeout") or 0.0)
        self._poll_generation += 1
        generation = self._poll_generation
        self.notify_updates()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            if generation != self._poll_generation:
                raise ApiError(
                    409,
                    "Conflict: terminated by other getUpdates request; make sure that only one "
                    "bot instance is running",
                )
            if self._allowed_updates:
                wanted = set(self._allowed_updates)
                self.pending_updates = [u for u in self.pending_updates if wanted & u.keys()]
            remaining = deadline - loop.time()
            if self.pending_updates or remaining <= 0 or self._closing:
                return self.pending_updates[:limit]
            event = self.updates_changed
            try:
                await asyncio.wait_for(event.wait(), remaining)
            except TimeoutError:
                pass

    async def _api_answer_callback_query(self, p: Params) -> bool:
        query_id = p.get_str("callback_query_id") or ""
        if query_id not in self.open_callback_queries:
            raise ApiError(
                400,
                "Bad Request: query is too old and response timeout expired or query ID is invalid",
            )
        self.open_callback_queries.discard(query_id)
        self.callback_answers.append(
            {
                "callback_query_id": query_id,
                "text": p.get_str("text"),
                "show_alert": p.get_bool("show_alert"),
                "url": p.get_str("url"),
                "cache_time": p.get_int("cache_time"),
            }
        )
        return True

    async def _api_set_webhook(self, p: Params) -> bool:
        url = p.get_str("url") or ""
        if url and not url.startswith("https://"):
            raise ApiError(
                400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook"
            )
        if p.get_bool("drop_pending_updates"):
            self.pending_updates.clear()
        self.webhook = None
        if url:
            self.webhook = {"url": url, "max_connections": p.get_int("max_connections") or 40}
            for key in ("secret_token", "ip_address"):
                if p.get_str(key):
                    self.webhook[key] = p.get_str(key)
            if p.get_json("allowed_updates") is not None:
                self.webhook["allowed_updates"] = p.get_json("allowed_updates")
        return True

    async def _api_delete_webhook(self, p: Params) -> bool:
        if p.get_bool("drop_pending_updates"):
            self.pending_updates.clear()
        self.webhook = None
        return True

    async def _api_get_webhook_info(self, p: Params) -> JSON:
        info: JSON = {
            "url": "",
            "has_custom_certificate": False,
            "pending_update_count": len(self.pending_updates),
        }
        if self.webhook is not None:
            info.update({k: v for k, v in self.webhook.items() if k != "secret_token"})
        return info
