"""Backups: an online copy during a broadcast, restore, rotation, refusals."""

from __future__ import annotations

import asyncio
import re
import sqlite3
import stat
import sys
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.cli import main
from bot.core.clock import FakeClock
from bot.devtools.driver import BotDriver
from db import migrations as migrations_db
from db.backup import backup_folder, copies, make_backup, table_rows
from db.connection import Database
from db.officers import Officer, officer_from_row
from db.run_lock import DatabaseInUse, RunLock
from db.timefmt import to_db
from handlers.menus import menu_signature
from scheduler.content import Content
from scheduler.maintenance import BACKUP_JOB
from tests.conftest import START
from tests.factories import WANAHERANG, engine, unit_id_in

RECIPIENTS = 150
SENT_FIRST = 20  # sends of the broadcast Telegram answers before it stalls
NAME = re.compile(r"^humas-\d{8}T\d{6}Z(-\d+)?\.db$")


def write_config(folder: Path, db_path: Path, *, keep: int = 14) -> Path:
    path = folder / "config.toml"
    path.write_text(
        f'[database]\npath = "{db_path}"\n[backup]\ndir = "{folder / "copies"}"\nkeep = {keep}\n',
        encoding="utf-8",
    )
    return path


async def humas_bot(config: Path, *args: str) -> tuple[int, str, str]:
    """The command in a process of its own: exit code, stdout, stderr."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "--config",
        str(config),
        *args,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await process.communicate()
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


async def some_sent(path: Path) -> None:
    """Until a delivery is recorded as sent."""
    async with asyncio.timeout(60):
        while True:
            if read(path, "SELECT count(*) FROM deliveries WHERE status = 'sent'") != [(0,)]:
                return
            await asyncio.sleep(0.01)


def cli(config: Path, *args: str) -> int:
    return main(["--config", str(config), *args])


async def bulk_officers(bot: BotDriver, count: int) -> list[Officer]:
    """``count`` officers of one unit who joined earlier, written in one statement."""
    unit = await unit_id_in(bot.db, WANAHERANG)
    stamp = to_db(bot.clock.now())
    rows = []
    for number in range(count):
        user_id = bot.sandbox.add_user(f"Petugas{number}", last_name="Massal")
        rows.append((user_id, user_id, f"Petugas{number} Massal", unit, stamp, stamp))
    await bot.db.executemany(
        "INSERT INTO officers (telegram_id, chat_id, full_name, unit_id, role, status,"
        " language, created_at, updated_at) VALUES (?, ?, ?, ?, 'officer', 'active', 'id', ?, ?)",
        rows,
    )
    found = await bot.db.fetchall(
        "SELECT * FROM officers WHERE full_name LIKE '%Massal' ORDER BY id"
    )
    people = [officer_from_row(row) for row in found]
    # Their command menus were set when they joined (so no restart sends one to each).
    await bot.db.executemany(
        "UPDATE officers SET menu_signature = ? WHERE id = ?",
        [(menu_signature(person), person.id) for person in people],
    )
    return people


def read(path: Path, sql: str) -> list[tuple]:
    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
        return conn.execute(sql).fetchall()


def assert_whole(path: Path, recipients: int) -> dict[str, int]:
    """Sound, no dangling reference, every message with all its deliveries."""
    assert read(path, "PRAGMA integrity_check") == [("ok",)]
    assert read(path, "PRAGMA foreign_key_check") == []
    per_message = read(
        path,
        "SELECT m.id, m.status, count(d.id) FROM outbox_messages m"
        " LEFT JOIN deliveries d ON d.message_id = m.id GROUP BY m.id",
    )
    assert [(status, count) for _, status, count in per_message] == [("queued", recipients)]
    return dict(read(path, "SELECT status, count(*) FROM deliveries GROUP BY status"))


async def test_a_backup_during_a_broadcast_restores_whole_and_the_broadcast_resumes(
    bot: BotDriver, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config(tmp_path, db_path)
    people = await bulk_officers(bot, RECIPIENTS)
    # Telegram stalls after answering SENT_FIRST sends: whatever the machine's speed, the
    # copy is taken with the broadcast under way (the engine has at most 64 in flight).
    bot.sandbox.hold_requests({"sendMessage"}, after=SENT_FIRST)
    await engine(bot).enqueue(
        kind="notice",
        ref=None,
        sender_id=None,
        recipients=people,
        variants={"id": [Content("Siaran untuk semua")]},
    )
    await bot.sandbox.wait_for_held(timeout=60)  # the broadcast is stalled
    await some_sent(db_path)  # and has begun: a send answered is recorded
    # `humas-bot backup` as another process, while the bot runs mid-broadcast.
    code, out, _ = await humas_bot(config, "backup")
    assert code == 0
    backup = Path(out.strip().split("\t")[0])
    assert NAME.match(backup.name) and backup.parent == tmp_path / "copies"
    size, mode = await asyncio.to_thread(lambda: (backup.stat().st_size, backup.stat().st_mode))
    assert f"({size} bytes)" in out and stat.S_IMODE(mode) == 0o600
    statuses = assert_whole(backup, RECIPIENTS)
    assert 0 < statuses.get("sent", 0) <= SENT_FIRST and statuses.get("pending", 0) > 0, statuses

    # The bot holds the database: a restore is refused and changes nothing.
    assert cli(config, "restore", str(backup)) == 2
    refusal = capsys.readouterr().err.strip().splitlines()
    assert len(refusal) == 1 and "in use by a running humas-bot" in refusal[0]

    bot.sandbox.release_requests()
    await engine(bot).wait_idle(timeout=120)
    assert read(db_path, "SELECT status FROM outbox_messages") == [("done",)]
    config_of_bot = bot.config
    await bot.stop()

    assert cli(config, "restore", str(backup)) == 0
    out = capsys.readouterr().out
    assert f"restored {backup} into {db_path}" in out
    assert assert_whole(db_path, RECIPIENTS) == statuses
    kept = [path for path in copies(tmp_path / "copies", "humas") if path != backup]
    assert len(kept) == 1 and f"kept as {kept[0]}" in out  # the database as it was
    assert read(kept[0], "SELECT status FROM outbox_messages") == [("done",)]

    # The restored bot finishes the broadcast from where the copy stood.
    async with BotDriver(bot.sandbox, config_of_bot, bot.clock, pace=bot.pace) as again:
        assert again.services.delivery is not None
        await again.services.delivery.wait_idle(timeout=120)
    assert read(db_path, "SELECT status, count(*) FROM deliveries GROUP BY status") == [
        ("sent", RECIPIENTS)
    ]
    assert all(bot.sandbox.messages(person.telegram_id) for person in people)


async def test_the_bot_copies_the_database_every_night_at_the_configured_time(
    bot: BotDriver, db_path: Path
) -> None:
    schedule = bot.services.schedule
    assert schedule is not None and bot.app is not None and bot.app.job_queue is not None
    # 08:00 WIB now: the next copy is at 02:00 WIB tomorrow (19:00 UTC today).
    assert (await schedule.wanted())[BACKUP_JOB] == datetime(2026, 12, 1, 19, 0, tzinfo=UTC)
    [job] = bot.app.job_queue.get_jobs_by_name(BACKUP_JOB)
    assert isinstance(bot.clock, FakeClock)
    bot.clock.set(datetime(2026, 12, 1, 19, 0, tzinfo=UTC))
    await job.run(bot.app)  # what the JobQueue runs at that moment
    [made] = copies(backup_folder(db_path, None), "humas")
    assert made.name == "humas-20261201T190000Z.db"
    assert read(made, "PRAGMA integrity_check") == [("ok",)]
    # ... and the next night's is armed.
    assert (await schedule.wanted())[BACKUP_JOB] == datetime(2026, 12, 2, 19, 0, tzinfo=UTC)
    [again] = bot.app.job_queue.get_jobs_by_name(BACKUP_JOB)
    assert again is not job


async def test_a_second_bot_on_the_same_database_refuses_to_start(bot: BotDriver) -> None:
    second = BotDriver(bot.sandbox, bot.config, bot.clock)
    with pytest.raises(DatabaseInUse, match="in use by a running humas-bot"):
        await second.start()
    await second.stop()
    assert bot.services.run_lock is not None and bot.services.run_lock.held


def test_backups_are_rotated_to_the_newest_keep(db_path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "rotated"
    made = [
        make_backup(db_path, folder, 3, datetime(2026, 12, day, 19, tzinfo=UTC))
        for day in (1, 2, 3, 4, 5)
    ]
    assert copies(folder, "humas") == [backup.path for backup in made[2:]]
    assert made[4].removed == (made[1].path,)
    assert made[0].path.name == "humas-20261201T190000Z.db"
    same_second = make_backup(db_path, folder, 10, datetime(2026, 12, 5, 19, tzinfo=UTC))
    assert same_second.path.name == "humas-20261205T190000Z-2.db"
    assert copies(folder, "humas")[-1] == same_second.path
    with closing(sqlite3.connect(same_second.path)) as conn:
        assert table_rows(conn) == same_second.rows
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)


def test_backup_cli_keeps_the_configured_number(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config(tmp_path, db_path, keep=2)
    for _ in range(3):
        assert cli(config, "backup") == 0
    captured = capsys.readouterr()
    assert len(copies(tmp_path / "copies", "humas")) == 2
    assert captured.err.count("removed old backup") == 1
    out = tmp_path / "elsewhere"
    assert cli(config, "backup", "--out", str(out)) == 0
    assert capsys.readouterr().out.startswith(str(out / "humas-"))


@pytest.mark.parametrize("problem", ["missing", "garbage", "uninitialised", "newer"])
def test_restore_checks_the_file_first(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], problem: str
) -> None:
    config = write_config(tmp_path, db_path)
    file = tmp_path / f"{problem}.db"
    if problem == "garbage":
        file.write_bytes(b"not a database at all" * 100)
    elif problem == "uninitialised":
        sqlite3.connect(file).close()
    elif problem == "newer":
        made = make_backup(db_path, tmp_path, 14, START)
        with closing(sqlite3.connect(made.path)) as conn:
            conn.execute("INSERT INTO schema_migrations VALUES ('9999_future', '2030-01-01')")
            conn.commit()
        file = made.path
    before = db_path.read_bytes()
    assert cli(config, "restore", str(file)) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("humas-bot: ")
    assert {"newer": "newer schema", "missing": "no such file"}.get(problem, "") in err[0]
    assert db_path.read_bytes() == before
    assert not (tmp_path / "copies").exists()


async def _database_before_the_last_migration(path: Path, clock: FakeClock) -> str:
    """A database migrated by the previous release: every migration but the last."""
    every = migrations_db.load_migrations()
    db = await Database.open(path)
    try:
        original = migrations_db.load_migrations
        migrations_db.load_migrations = lambda: every[:-1]
        try:
            await migrations_db.apply_migrations(db, clock)
        finally:
            migrations_db.load_migrations = original
        await db.execute(
            "INSERT INTO units (code, kind, name, created_at)"
            " VALUES ('OPD.900', 'opd', 'Dinas Uji', ?)",
            (to_db(clock.now()),),
        )
    finally:
        await db.close()
    return every[-1].name


def test_migrate_lists_then_applies_after_a_backup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db_path = tmp_path / "humas.db"
    last = asyncio.run(_database_before_the_last_migration(db_path, FakeClock(START)))
    config = write_config(tmp_path, db_path)
    assert cli(config, "migrate", "--dry-run") == 0
    out = capsys.readouterr().out
    assert "1 pending migration(s)" in out and f"  {last}" in out
    assert not (tmp_path / "copies").exists(), "a dry run changes nothing"
    assert last not in {name for (name,) in read(db_path, "SELECT name FROM schema_migrations")}

    assert cli(config, "migrate") == 0
    out = capsys.readouterr().out
    [made] = copies(tmp_path / "copies", "humas")
    assert f"backup first: {made}" in out and f"applied {last}" in out
    backed_up = {name for (name,) in read(made, "SELECT name FROM schema_migrations")}
    assert last not in backed_up and read(made, "SELECT name FROM units WHERE code = 'OPD.900'")
    assert cli(config, "migrate", "--dry-run") == 0
    assert f"is up to date ({last})" in capsys.readouterr().out


async def test_migrating_a_fresh_database_makes_no_backup(tmp_path: Path, clock: FakeClock) -> None:
    db = await Database.open(tmp_path / "new.db")
    try:
        migrated = await migrations_db.migrate(db, clock)
    finally:
        await db.close()
    assert migrated.backup is None and migrated.applied
    assert not (tmp_path / "backups").exists()


def test_migrate_refuses_while_the_bot_holds_the_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db_path = tmp_path / "humas.db"
    asyncio.run(_database_before_the_last_migration(db_path, FakeClock(START)))
    config = write_config(tmp_path, db_path)
    with RunLock(db_path):
        assert cli(config, "migrate") == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "stop the bot first" in err[0]
    assert not (tmp_path / "copies").exists()


def test_restore_over_a_damaged_database_sets_it_aside(
    db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config(tmp_path, db_path)
    good = make_backup(db_path, tmp_path / "copies", 14, START)
    db_path.write_bytes(b"\x00garbage, not a database" * 512)
    assert cli(config, "restore", str(good.path)) == 0
    out = capsys.readouterr().out
    [aside] = tmp_path.glob("humas.db.damaged-*")
    assert f"renamed to {aside}" in out
    assert aside.read_bytes().startswith(b"\x00garbage")
    assert read(db_path, "PRAGMA integrity_check") == [("ok",)]
    assert read(db_path, "SELECT count(*) FROM units") == [(476,)]
    assert copies(tmp_path / "copies", "humas") == [good.path]
