"""HTTP control API under /control: the Python API for out-of-process drivers (bench, demo).

Bodies and results are JSON. Handlers only unpack the body into the SandboxServer method of
the same meaning; unknown/invalid arguments give 400, unknown users/chats/buttons 404, and
timeouts of the wait endpoints 408, each as {"error": "..."}.
"""

from __future__ import annotations

import base64
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from bot.devtools.sandbox.faults import FaultInjection
from bot.devtools.sandbox.rendering import render_message
from bot.devtools.sandbox.user_actions import UserActions
from bot.devtools.sandbox.waiting import Waiting

Action = Callable[[dict[str, Any]], Any]


def _endpoint(action: Action) -> Callable[[web.Request], Awaitable[web.Response]]:
    async def handle(request: web.Request) -> web.Response:
        body: dict[str, Any] = dict(request.query)
        if request.can_read_body:
            try:
                body.update(await request.json())
            except (ValueError, TypeError):
                return web.json_response({"error": "body must be a JSON object"}, status=400)
        try:
            result = action(body)
            if isinstance(result, Awaitable):
                result = await result
        except LookupError as err:
            return web.json_response({"error": str(err.args[0] if err.args else err)}, status=404)
        except TimeoutError as err:
            return web.json_response({"error": str(err)}, status=408)
        except (TypeError, ValueError) as err:
            return web.json_response({"error": str(err)}, status=400)
        return web.json_response(result)

    return handle


class ControlApi(FaultInjection, UserActions, Waiting):
    """The sandbox's /control endpoints, over its people, faults and waits."""

    def add_control_routes(self, app: web.Application) -> None:
        def updated(update_id: int) -> dict[str, int]:
            return {"update_id": update_id}

        def send_document(b: dict[str, Any]) -> dict[str, int]:
            content = base64.b64decode(b.pop("content_base64")) if "content_base64" in b else None
            kwargs = {**b, "content": content} if content is not None else b
            return updated(self.send_document(**kwargs))

        def send_video(b: dict[str, Any]) -> dict[str, int]:
            content = base64.b64decode(b.pop("content_base64")) if "content_base64" in b else None
            return updated(
                self.send_video(**({**b, "content": content} if content is not None else b))
            )

        def messages(b: dict[str, Any]) -> list[dict[str, Any]]:
            return [
                {**m.to_dict(), "rendered": render_message(m)}
                for m in self.messages(int(b["chat_id"]))
            ]

        async def wait_messages(b: dict[str, Any]) -> list[dict[str, Any]]:
            found = await self.wait_for_messages(**b)
            return [{**m.to_dict(), "rendered": render_message(m)} for m in found]

        async def wait_idle(b: dict[str, Any]) -> dict[str, bool]:
            await self.wait_idle(**b)
            return {"idle": True}

        def faults(b: dict[str, Any]) -> dict[str, bool]:
            if b.get("methods") is not None:
                b["methods"] = set(b["methods"])
            self.inject_faults(**b)
            return {"ok": True}

        def ok(action: Callable[[], object]) -> dict[str, bool]:
            action()
            return {"ok": True}

        post: dict[str, Action] = {
            "users": lambda b: {"id": self.add_user(**b)},
            "groups": lambda b: {"id": self.add_group(**b)},
            "block": lambda b: ok(lambda: self.block_bot(**b)),
            "text": lambda b: updated(self.send_text(**b)),
            "photo": lambda b: updated(self.send_photo(**b)),
            "document": send_document,
            "video": send_video,
            "sticker": lambda b: updated(self.send_sticker(**b)),
            "edit": lambda b: updated(self.edit_text(**b)),
            "press": lambda b: updated(self.press_button(**b)),
            "callback": lambda b: updated(self.press_callback(**b)),
            "faults": faults,
            "retry_after": lambda b: ok(lambda: self.force_retry_after(**b)),
            "clear_faults": lambda b: ok(self.clear_faults),
            "wait_messages": wait_messages,
            "wait_idle": wait_idle,
        }
        get: dict[str, Action] = {
            "messages": messages,
            "stats": lambda b: self.stats.to_json(),
            "callback_answers": lambda b: self.callback_answers,
        }
        for name, action in post.items():
            app.router.add_post(f"/control/{name}", _endpoint(action))
        for name, action in get.items():
            app.router.add_get(f"/control/{name}", _endpoint(action))
