"""Benchmark of the coordinators' Mini App (issue 14) on the year of data of bench/recap.py.

The Mini App's real aiohttp application (bot/webapp/server.py) serves the generated
database on a local port; a client signs initData as Telegram would (bot/devtools/
init_data.py) and asks what the page asks.

Printed:

1. the first view's transfer with gzip, for the regency's and a kecamatan's coordinator:
   the page, its CSS and scripts, and the three API answers the page loads before it
   shows anything (session, briefing list, the newest briefing's recap) — target under
   150 KB;
2. the median time (of 7) of every API answer the dashboard and the form use, measured
   at the client over HTTP — target under 200 ms each.

Run: ``python bench/webapp.py`` from the repository root.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as ``python bench/webapp.py`` this folder comes first on sys.path: look in the
# repository root first (as bench/scheduler.py does).
sys.path[0] = str(Path(__file__).resolve().parent.parent)

import asyncio  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

import aiohttp  # noqa: E402
from aiohttp import web  # noqa: E402
from telegram import Bot  # noqa: E402

from bench.recap import NOVEMBER, BenchData, generate  # noqa: E402
from bot.core.clock import FakeClock  # noqa: E402
from bot.core.config import load_config  # noqa: E402
from bot.devtools.init_data import sign_init_data  # noqa: E402
from bot.webapp.auth import HEADER  # noqa: E402
from bot.webapp.server import WebAppServer  # noqa: E402
from db.officers import Officer  # noqa: E402
from scheduler.services import Services  # noqa: E402

TOKEN = "123456:BenchToken"
RUNS = 7
FIRST_VIEW_TARGET_KB = 150
API_TARGET_MS = 200.0
STATIC = ("/", "/static/app.css", "/static/app.js", "/static/form.js")


async def _get(
    session: aiohttp.ClientSession, url: str, headers: dict[str, str]
) -> tuple[int, bytes, int]:
    """Status, the body as transferred (compressed) and the header bytes."""
    async with session.get(url, headers={"Accept-Encoding": "gzip", **headers}) as response:
        body = await response.read()
        header_bytes = sum(len(k) + len(v) + 4 for k, v in response.raw_headers)
        if response.status != 200:
            raise RuntimeError(f"{url}: {response.status} {body[:200]!r}")
        return response.status, body, header_bytes


def _headers(data: BenchData, viewer: Officer) -> dict[str, str]:
    return {HEADER: sign_init_data(TOKEN, viewer.telegram_id, data.now)}


async def _first_view(
    session: aiohttp.ClientSession, base: str, data: BenchData, viewer: Officer
) -> tuple[int, int]:
    """Bytes transferred (gzip) before the page shows the newest briefing, and the
    uncompressed size."""
    signed = _headers(data, viewer)
    total = raw = 0
    for path in STATIC:
        _, body, head = await _get(session, base + path, {})
        total += len(body) + head
    for path in ("/api/session", "/api/briefings"):
        _, body, head = await _get(session, base + path, signed)
        total += len(body) + head
    async with aiohttp.ClientSession() as plain:
        async with plain.get(base + "/api/briefings", headers=signed) as response:
            newest = (await response.json())["items"][0]["id"]
        _, body, head = await _get(session, f"{base}/api/recap?briefing={newest}", signed)
        total += len(body) + head
        for path in (*STATIC, "/api/session", "/api/briefings", f"/api/recap?briefing={newest}"):
            async with plain.get(base + path, headers=signed) as response:
                raw += len(await response.read())
    return total, raw


async def _median_ms(session: aiohttp.ClientSession, url: str, headers: dict[str, str]) -> float:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        await _get(session, url, headers)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


async def run() -> None:
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        data = await generate(Path(folder))
        print(f"{'year of data generated':44} {time.perf_counter() - started:8.1f} s")
        config = load_config(
            Path("/nonexistent/humas-bot-bench.toml"),
            environment=False,
            telegram={"token": TOKEN},
            database={"path": str(data.path)},
            webapp={"url": "https://dasbor.bench.example", "port": 0},
        )
        services = Services(config=config, clock=FakeClock(data.now))
        services.db = data.db
        # The application only: no menu buttons, nothing sent to Telegram.
        server = WebAppServer(services, Bot(TOKEN))
        runner = web.AppRunner(server.application(), access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        base = f"http://127.0.0.1:{runner.addresses[0][1]}"
        try:
            async with aiohttp.ClientSession(auto_decompress=False) as session:
                for label, viewer in (
                    ("regency", data.regency_coordinator),
                    ("kecamatan", data.kecamatan_coordinator),
                ):
                    sent, raw = await _first_view(session, base, data, viewer)
                    kb = sent / 1024
                    flag = "ok" if kb < FIRST_VIEW_TARGET_KB else f"OVER {FIRST_VIEW_TARGET_KB} KB"
                    print(
                        f"{'first view, ' + label + ' coordinator (gzip)':44} {kb:8.1f} KB  {flag}"
                        f" ({raw / 1024:.0f} KB uncompressed)"
                    )
                cases = [
                    ("session", "/api/session"),
                    ("briefing list", "/api/briefings"),
                    ("recap, one briefing", f"/api/recap?briefing={data.briefing_id}"),
                    ("recap, November 2026", f"/api/recap?period={NOVEMBER.code}"),
                    ("briefing form", "/api/form"),
                ]
                for label, viewer in (
                    ("regency", data.regency_coordinator),
                    ("kecamatan", data.kecamatan_coordinator),
                ):
                    signed = _headers(data, viewer)
                    for case, path in cases:
                        ms = await _median_ms(session, base + path, signed)
                        flag = "ok" if ms < API_TARGET_MS else f"OVER {API_TARGET_MS:.0f} ms"
                        print(f"{'API ' + case + ' (' + label + ')':44} {ms:8.1f} ms  {flag}")
        finally:
            await runner.cleanup()
            await data.db.close()


if __name__ == "__main__":
    asyncio.run(run())
