"""An aiohttp application listening on a local address inside the bot's event loop.

Shared by the health endpoint (bot/health.py) and the Mini App (bot/webapp/server.py):
opened in post_init, closed in post_shutdown. Port 0 picks a free port (the tests do);
an address that cannot be listened on is a configuration error naming the setting.
"""

from __future__ import annotations

from aiohttp import web

from bot.core.config import ConfigError


class LocalSite:
    def __init__(self) -> None:
        self._runner: web.AppRunner | None = None
        self.port = 0  # the port listened on, once started

    async def start(self, app: web.Application, listen: str, port: int, setting: str) -> None:
        """Listen on ``listen:port``; ``setting`` names the port in the error raised."""
        runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.5)
        await runner.setup()
        try:
            await web.TCPSite(runner, listen, port).start()
        except OSError as exc:
            await runner.cleanup()
            raise ConfigError(
                f"{setting}: cannot listen on {listen}:{port}: {exc.strerror}"
            ) from None
        self._runner = runner
        self.port = int(runner.addresses[0][1])

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
