"""What the delivery benchmarks share: a sandbox, a prepared database, the bot as a process.

The sandbox Bot API server runs in the benchmark's process and enforces Telegram's
limits; the bot runs as ``python -m bot run`` in a child process against it (base
URL and database given in ``HUMAS_*`` environment variables), exactly as in
production, so it can be killed with SIGKILL. An administrator composes the
announcement through the real /pengumuman dialogue; copies are counted from what
the sandbox received.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections import Counter
from pathlib import Path
from types import TracebackType

from bot.core.clock import SystemClock
from bot.devtools.sandbox import SandboxServer
from db import officers as officers_db
from db import units as units_db
from db.audit import Actor
from db.bootstrap import init_database
from db.connection import Database
from db.timefmt import to_db
from handlers.menus import menu_signature

ROOT = Path(__file__).resolve().parent.parent
ADMIN_ID = 900001
NEEDLE = "BENCH-ANNOUNCEMENT"


class Harness:
    def __init__(self, workdir: Path, recipients: int, *, blocked: int = 0) -> None:
        self.workdir = workdir
        self.recipients = recipients
        self.blocked_count = blocked
        self.db_path = workdir / "bench.db"
        self.sandbox = SandboxServer()
        self.user_ids: list[int] = []
        self.blocked: set[int] = set()
        self.process: asyncio.subprocess.Process | None = None
        self.starts = 0
        self.flagged_chats: set[int] = set()  # recipients whose delivery is a possible duplicate
        self._reached: set[int] = set()

    async def __aenter__(self) -> Harness:
        await self.sandbox.start()
        await self._prepare_database()
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        await self.stop_bot()
        await self.sandbox.stop()

    async def _prepare_database(self) -> None:
        """The areas, and ``recipients`` officers who already joined (menus already sent)."""
        db = await Database.open(self.db_path)
        try:
            clock = SystemClock()
            await init_database(db, clock, Actor.cli())
            units = [
                unit for unit in await units_db.list_units(db) if unit.kind in ("desa", "kelurahan")
            ]
            stamp = to_db(clock.now())
            rows = []
            for number in range(self.recipients):
                user_id = self.sandbox.add_user(f"Petugas{number}", last_name="Bench")
                self.user_ids.append(user_id)
                unit = units[number % len(units)]
                rows.append((user_id, user_id, f"Petugas{number} Bench", unit.id, stamp, stamp))
            await db.executemany(
                "INSERT INTO officers (telegram_id, chat_id, full_name, unit_id, role, status, language,"
                " created_at, updated_at) VALUES (?, ?, ?, ?, 'officer', 'active', 'id', ?, ?)",
                rows,
            )
            everyone = await officers_db.active_in_units(db, [unit.id for unit in units])
            await db.executemany(
                "UPDATE officers SET menu_signature = ? WHERE id = ?",
                [(menu_signature(officer), officer.id) for officer in everyone],
            )
        finally:
            await db.close()
        self.sandbox.add_user("Admin", last_name="Bench", user_id=ADMIN_ID)
        for user_id in self.user_ids[: self.blocked_count]:
            self.sandbox.block_bot(user_id)
            self.blocked.add(user_id)

    # ---- the bot process -----------------------------------------------------------

    def _environment(self) -> dict[str, str]:
        return {
            **os.environ,
            "HUMAS_TELEGRAM__TOKEN": self.sandbox.token,
            "HUMAS_TELEGRAM__BASE_URL": self.sandbox.base_url,
            "HUMAS_TELEGRAM__BASE_FILE_URL": self.sandbox.base_file_url,
            "HUMAS_DATABASE__PATH": str(self.db_path),
            "HUMAS_ADMINS": f"[{ADMIN_ID}]",
            # The benchmark must not depend on the hour it is run at.
            "HUMAS_QUIET_HOURS__START": "00:00",
            "HUMAS_QUIET_HOURS__END": "00:00",
            "HUMAS_LOG_LEVEL": "WARNING",
            "PYTHONPATH": str(ROOT),
        }

    async def start_bot(self) -> None:
        """Start ``python -m bot run`` and wait until it polls the sandbox."""
        self.starts += 1
        log = (self.workdir / f"bot-{self.starts}.log").open("wb")
        polls = self.sandbox.stats.requests["getUpdates"]
        self.process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "--config",
            str(self.workdir / "absent.toml"),
            "run",
            cwd=str(self.workdir),
            env=self._environment(),
            stdout=log,
            stderr=log,
        )
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 60
        while self.sandbox.stats.requests["getUpdates"] <= polls:
            if self.process.returncode is not None or loop.time() > deadline:
                raise RuntimeError(f"the bot did not start; see {log.name}")
            await asyncio.sleep(0.02)

    def peak_memory_mb(self) -> float:
        """The bot process's peak resident memory (VmHWM), in MB."""
        assert self.process is not None
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    async def kill_bot(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        await self.process.wait()
        self.process = None

    async def stop_bot(self) -> None:
        if self.process is None or self.process.returncode is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(self.process.wait(), 30)
        except TimeoutError:
            self.process.kill()
            await self.process.wait()
        self.process = None

    # ---- driving the bot through the sandbox ---------------------------------------

    async def _reply(self, before: int, count: int = 1) -> None:
        await self.sandbox.wait_for_messages(ADMIN_ID, count, timeout=30, after=before)

    async def announce(self, text: str) -> float:
        """The administrator sends an announcement to everyone; returns when "Kirim" was pressed."""
        sandbox = self.sandbox
        before = len(sandbox.messages(ADMIN_ID))
        sandbox.send_text(ADMIN_ID, "/start")
        await self._reply(before)
        before = len(sandbox.messages(ADMIN_ID))
        sandbox.send_text(ADMIN_ID, "/pengumuman")
        await self._reply(before)
        before = len(sandbox.messages(ADMIN_ID))
        sandbox.send_text(ADMIN_ID, f"{NEEDLE} {text}")
        await self._reply(before)
        for label in ("Semua di wilayah saya", "Tidak", "Tidak"):
            sandbox.press_button(ADMIN_ID, label)
            await sandbox.wait_idle(timeout=30)
        before = len(sandbox.messages(ADMIN_ID))
        sandbox.press_button(ADMIN_ID, "Kirim sekarang")
        await self._reply(before, 2)
        summary = sandbox.messages(ADMIN_ID)[-1].plain_text
        if f"{self.recipients} orang" not in summary:
            raise RuntimeError(f"unexpected preview: {summary}")
        sandbox.press_button(ADMIN_ID, "📤 Kirim")
        return asyncio.get_running_loop().time()

    def copies(self) -> Counter[int]:
        """How many copies of the announcement each recipient received."""
        return Counter(
            {
                user_id: sum(
                    NEEDLE in message.plain_text for message in self.sandbox.messages(user_id)
                )
                for user_id in self.user_ids
            }
        )

    def reached(self) -> int:
        """Recipients who have the announcement; incremental, so cheap enough to poll."""
        sent = self.sandbox.stats.sent_per_chat
        for user_id in self.user_ids:
            if user_id in self._reached or not sent[user_id]:
                continue
            if any(NEEDLE in message.plain_text for message in self.sandbox.messages(user_id)):
                self._reached.add(user_id)
        return len(self._reached)

    async def outcome(self) -> dict[str, int]:
        """Deliveries of the announcement by final status, from the bot's database."""
        db = await Database.open(self.db_path)
        try:
            rows = await db.fetchall(
                "SELECT d.status, count(*) AS n FROM deliveries d JOIN outbox_messages m"
                " ON m.id = d.message_id WHERE m.kind = 'announcement' GROUP BY d.status"
            )
            flagged = await db.fetchall(
                "SELECT d.chat_id FROM deliveries d JOIN outbox_messages m ON m.id = d.message_id"
                " WHERE m.kind = 'announcement' AND d.possible_duplicate = 1"
            )
            status = await db.fetchval(
                "SELECT status FROM outbox_messages WHERE kind = 'announcement' ORDER BY id DESC LIMIT 1"
            )
        finally:
            await db.close()
        result = {row["status"]: row["n"] for row in rows}
        result["_flagged"] = len(flagged)
        self.flagged_chats = {row["chat_id"] for row in flagged}
        result["_done"] = int(status == "done")
        return result

    async def wait_done(self, timeout: float) -> None:  # noqa: ASYNC109
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not (await self.outcome())["_done"]:
            if loop.time() > deadline:
                raise TimeoutError("the broadcast did not finish")
            await asyncio.sleep(0.5)
