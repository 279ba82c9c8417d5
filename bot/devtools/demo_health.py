"""Demo scene: what the IT officer's monitor sees — /healthz, /metrics, a backup, /status."""

from __future__ import annotations

import asyncio

import aiohttp

from bot.devtools.demo_stage import Demo
from db.backup import backup_folder, make_backup
from db.file_store import store_folder

ADMIN = "Admin (Diskominfo)"
METRICS_LINES = 20


async def _get(url: str) -> str:
    async with aiohttp.ClientSession() as session, session.get(url) as response:
        return f"HTTP {response.status}\n{await response.text()}"


async def scene_health_and_metrics(demo: Demo) -> None:
    demo.scene("Health and metrics: what the IT officer's monitor sees")
    services = demo.bot.services
    health = services.health
    assert health is not None
    path = services.config.database.path
    demo.shell("humas-bot backup")
    made = await asyncio.to_thread(
        make_backup,
        path,
        backup_folder(path, services.config.backup.dir),
        services.config.backup.keep,
        services.clock.now(),
        store=store_folder(path, services.config.files.dir),
    )
    print(f"{made.path.name}\t{made.size} bytes, checked", file=demo.out)
    demo.shell(f"curl -s {health.url}/healthz")
    print((await _get(f"{health.url}/healthz")).rstrip(), file=demo.out)
    demo.shell(f"curl -s {health.url}/metrics | head -{METRICS_LINES}")
    metrics = (await _get(f"{health.url}/metrics")).splitlines()[1:]
    print("\n".join(metrics[:METRICS_LINES]), file=demo.out)
    await demo.say(ADMIN, "/status")


SCENES = [scene_health_and_metrics]
