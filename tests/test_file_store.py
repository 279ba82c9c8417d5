"""Evidence archived: what people send is downloaded into the local store once, checked
against the sandbox's bytes, refused above files.max_bytes, retried after a failed
download, and copied by the backup."""

from __future__ import annotations

import hashlib
import shutil
import stat
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.core.clock import FakeClock
from bot.devtools.driver import BotDriver
from bot.devtools.fast_time import FastTime
from bot.devtools.sandbox import LimitConfig, SandboxServer
from db import file_store
from db import files as files_db
from db.backup import make_backup
from db.files import FileRef
from db.restore import restore_backup
from scheduler.file_archive import FIRST_RETRY, FileArchive
from tests.conftest import running_bot
from tests.factories import CIBINONG, GUNUNGPUTRI, PONDOK_RAJEG, joined, publish

KB = 1024


def archive(bot: BotDriver) -> FileArchive:
    files = bot.services.files
    assert files is not None
    return files


def sandbox_bytes(sandbox: SandboxServer, file_id: str) -> bytes:
    return sandbox.files[file_id].data


async def screenshot(bot: BotDriver) -> str:
    """An officer reports a link and sends a screenshot of it; return the photo's file_id."""
    coordinator = await bot.join("Rudi", CIBINONG, "coordinator")
    siti = await bot.join("Siti", PONDOK_RAJEG)
    await publish(bot, coordinator, [PONDOK_RAJEG], channels=("instagram",))
    await bot.press(siti, "📤 Lapor unggahan")
    await bot.say(siti, "https://www.instagram.com/p/ARSIP00001/")
    shot = joined(await bot._after(siti, lambda: bot.sandbox.send_photo(siti)))
    assert "Tangkapan layar disimpan" in shot
    file_id = await bot.db.fetchval("SELECT screenshot_file_id FROM submissions")
    assert isinstance(file_id, str)
    return file_id


async def own_draft(bot: BotDriver) -> int:
    """An officer opens /draf for own content; return the officer's user id."""
    siti = await bot.join("Siti", PONDOK_RAJEG)
    menu = await bot.say(siti, "/draf")
    label = next(text for row in menu[-1].button_labels() for text in row if "mandiri" in text)
    await bot.press(siti, label)
    return siti


async def send_document_draft(bot: BotDriver, content: bytes) -> str:
    """/draf as own content, the draft a document; return the document's file_id."""
    siti = await own_draft(bot)
    replies = await bot._after(
        siti, lambda: bot.sandbox.send_document(siti, "poster.pdf", content, caption="Poster")
    )
    assert "Draf diterima" in joined(replies)
    file_id = await bot.db.fetchval("SELECT draft_file_id FROM submissions")
    assert isinstance(file_id, str)
    return file_id


async def test_a_screenshot_is_archived_once_with_the_sandboxs_bytes(
    bot: BotDriver, db_path: Path
) -> None:
    file_id = await screenshot(bot)
    await archive(bot).wait_idle()
    row = await files_db.by_file_id(bot.db, file_id)
    assert row is not None and row.status == "stored" and row.source == "screenshot"
    data = sandbox_bytes(bot.sandbox, file_id)
    assert row.sha256 == hashlib.sha256(data).hexdigest() and row.size == len(data)
    assert row.mime_type == "image/png" and row.media_type == "photo"
    folder = db_path.parent / "files"
    assert row.sha256 is not None
    path = file_store.path_of(folder, row.sha256)
    assert path.read_bytes() == data
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    # The same file again (forwarded, or sent twice): nothing is downloaded again.
    downloads = bot.sandbox.stats.requests["getFile"]
    ref = FileRef(file_id, row.file_unique_id, "photo", len(data))
    await archive(bot).keep(ref, "screenshot")
    await archive(bot).wait_idle()
    assert bot.sandbox.stats.requests["getFile"] == downloads == 1
    assert await bot.db.fetchval("SELECT count(*) FROM stored_files") == 1
    assert file_store.stored(folder) == [path]


@pytest.fixture
async def small_store_bot(
    sandbox: SandboxServer,
    sandbox_limits: LimitConfig,
    db_path: Path,
    clock: FakeClock,
    pace: FastTime | None,
) -> AsyncIterator[BotDriver]:
    files = {"max_bytes": 4 * KB}
    async with running_bot(sandbox, sandbox_limits, db_path, clock, pace, files=files) as bot:
        yield bot


async def test_a_file_over_the_size_cap_is_refused_and_the_draft_still_taken(
    small_store_bot: BotDriver, db_path: Path
) -> None:
    bot = small_store_bot
    file_id = await send_document_draft(bot, b"%PDF" + b"x" * (8 * KB))
    await archive(bot).wait_idle()
    row = await files_db.by_file_id(bot.db, file_id)
    assert row is not None and row.status == "too_big" and row.size == 8 * KB + 4
    assert bot.sandbox.stats.requests["getFile"] == 0  # Telegram said the size: not asked
    assert file_store.stored(db_path.parent / "files") == []


async def test_telegrams_20_mb_limit_for_bots_is_respected(
    sandbox: SandboxServer,
    sandbox_limits: LimitConfig,
    db_path: Path,
    clock: FakeClock,
    pace: FastTime | None,
) -> None:
    files = {"max_bytes": 64 * KB * KB}
    async with running_bot(sandbox, sandbox_limits, db_path, clock, pace, files=files) as bot:
        file_id = await send_document_draft(bot, b"v" * (21 * KB * KB))
        await archive(bot).wait_idle()
        row = await files_db.by_file_id(bot.db, file_id)
        assert row is not None and row.status == "too_big"
        assert "getFile -> 400 Bad Request: file is too big" in sandbox.recent_errors


async def test_a_failed_download_is_tried_again_by_the_scheduler(
    bot: BotDriver, clock: FakeClock
) -> None:
    bot.sandbox.inject_faults(kind="5xx", count=1, methods={"getFile"})
    content = b"%PDF-1.4 draft poster"
    file_id = await send_document_draft(bot, content)
    await archive(bot).wait_idle()
    row = await files_db.by_file_id(bot.db, file_id)
    assert row is not None and row.status == "waiting" and row.attempts == 1
    assert row.next_attempt_at == clock.now() + FIRST_RETRY
    schedule = bot.services.schedule
    assert schedule is not None
    await schedule.run()  # not due yet: nothing is tried
    await archive(bot).wait_idle()
    assert bot.sandbox.stats.requests["getFile"] == 1
    clock.advance(FIRST_RETRY)
    await schedule.run()
    await archive(bot).wait_idle()
    row = await files_db.by_file_id(bot.db, file_id)
    assert row is not None and row.status == "stored"
    assert row.sha256 == hashlib.sha256(content).hexdigest() and row.mime_type == "application/pdf"


async def test_the_backup_copies_the_store(bot: BotDriver, db_path: Path, tmp_path: Path) -> None:
    file_id = await screenshot(bot)
    await archive(bot).wait_idle()
    store = db_path.parent / "files"
    made = make_backup(db_path, tmp_path / "backups", 3, bot.clock.now(), store=store)
    assert made.files is not None and (made.files.copied, made.files.files) == (1, 1)
    (copy,) = file_store.stored(tmp_path / "backups" / "files")
    assert copy.read_bytes() == sandbox_bytes(bot.sandbox, file_id)
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    again = make_backup(db_path, tmp_path / "backups", 3, bot.clock.now(), store=store)
    assert again.files is not None and (again.files.copied, again.files.files) == (0, 1)
    # A new server: the database and the store come back from the backup folder.
    await bot.stop()
    shutil.rmtree(store)
    restored = restore_backup(db_path, made.path, tmp_path / "old", 3, bot.clock.now(), store=store)
    assert restored.files is not None and restored.files.copied == 1
    assert [path.read_bytes() for path in file_store.stored(store)] == [copy.read_bytes()]


async def test_an_announcement_photo_is_archived_only_once_accepted(bot: BotDriver) -> None:
    coordinator = await bot.join("Dewi", GUNUNGPUTRI, "coordinator")
    await bot.say(coordinator, "/pengumuman")
    bot.sandbox.send_photo(coordinator, caption="y" * 1000)  # too long: refused
    await bot.idle()
    await archive(bot).wait_idle()
    assert await bot.db.fetchval("SELECT count(*) FROM stored_files") == 0
    bot.sandbox.send_photo(coordinator, caption="Infografis program")
    await bot.idle()
    await archive(bot).wait_idle()
    rows = await bot.db.fetchall("SELECT source, status FROM stored_files")
    assert [tuple(row) for row in rows] == [("announcement", "stored")]


async def test_a_video_draft_is_archived_with_its_type(bot: BotDriver) -> None:
    siti = await own_draft(bot)
    content = b"\x00\x00\x00\x18ftypmp42 a short reel"
    replies = await bot._after(siti, lambda: bot.sandbox.send_video(siti, content, "Reel"))
    assert "Draf diterima" in joined(replies)
    await archive(bot).wait_idle()
    file_id = await bot.db.fetchval("SELECT draft_file_id FROM submissions")
    row = await files_db.by_file_id(bot.db, file_id)
    assert row is not None and (row.status, row.media_type, row.mime_type) == (
        "stored",
        "video",
        "video/mp4",
    )
    assert row.sha256 == hashlib.sha256(content).hexdigest() and row.source == "draft"
