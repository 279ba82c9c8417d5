"""``humas-bot backup``, ``restore``, ``migrate`` and ``stats``: looking after the database.

Mistakes (a missing or unsound file, the bot still running) raise
:class:`db.connection.DatabaseUnavailable` subclasses, which ``bot.cli`` prints as one
line with exit code 2.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from bot.core.clock import SystemClock
from bot.core.config import Settings
from db.backup import Backup, backup_folder, make_backup
from db.connection import Database
from db.file_store import store_folder
from db.housekeeping import table_sizes
from db.migrations import load_migrations, migrate, recorded_migrations, require_known_schema
from db.restore import restore_backup
from db.run_lock import RunLock

COMMANDS = ("backup", "restore", "migrate", "stats")


def add_commands(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    parents: list[argparse.ArgumentParser],
) -> None:
    backup = sub.add_parser(
        "backup",
        parents=parents,
        help="copy the database now (safe while the bot runs), check the copy, keep the newest",
    )
    backup.add_argument(
        "--out", type=Path, help="folder for the copy (default: backup.dir, or backups/)"
    )
    restore = sub.add_parser(
        "restore",
        parents=parents,
        help="replace the database by a backup (the bot must be stopped; the old one is kept)",
    )
    restore.add_argument("file", type=Path, help="the backup file, e.g. backups/humas-...Z.db")
    migrate_ = sub.add_parser(
        "migrate", parents=parents, help="upgrade the database's schema (after a backup)"
    )
    migrate_.add_argument("--dry-run", action="store_true", help="only list the pending migrations")
    sub.add_parser("stats", parents=parents, help="rows and bytes of every table")


def run_command(config: Settings, args: argparse.Namespace) -> int:
    """Run one of :data:`COMMANDS`; return the exit code."""
    if args.command == "backup":
        _backup(config, args.out)
    elif args.command == "restore":
        _restore(config, args.file)
    elif args.command == "migrate":
        _migrate(config, dry_run=args.dry_run)
    else:
        _stats(config)
    return 0


def _size(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    value = size / 1024
    for unit in ("KB", "MB"):
        if value < 1024:
            return f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} GB"


def _describe(made: Backup) -> str:
    return (
        f"{made.path}\t{_size(made.size)} ({made.size} bytes), {len(made.rows)} tables,"
        f" {sum(made.rows.values())} rows, checked, in {made.seconds:.1f} s"
    )


def _report_removed(made: Backup) -> None:
    for path in made.removed:
        print(f"removed old backup {path}", file=sys.stderr)


def _backup(config: Settings, out: Path | None) -> None:
    path = config.database.path
    require_known_schema(path)
    folder = out if out is not None else backup_folder(path, config.backup.dir)
    store = store_folder(path, config.files.dir)
    made = make_backup(path, folder, config.backup.keep, SystemClock().now(), store=store)
    print(_describe(made))
    if made.files is not None:
        print(
            f"{made.files.folder}\t{made.files.files} files"
            f" ({made.files.copied} new, {_size(made.files.size)})"
        )
        for damaged in made.files.damaged:
            print(f"not copied, does not match its checksum: {damaged}", file=sys.stderr)
    _report_removed(made)


def _restore(config: Settings, file: Path) -> None:
    path = config.database.path
    restored = restore_backup(
        path,
        file,
        backup_folder(path, config.backup.dir),
        config.backup.keep,
        SystemClock().now(),
        store=store_folder(path, config.files.dir),
    )
    print(
        f"restored {file} into {path}: {len(restored.rows)} tables,"
        f" {sum(restored.rows.values())} rows, checked"
    )
    if restored.files is not None and restored.files.copied:
        print(f"{restored.files.copied} files copied back into {restored.files.folder}")
    if restored.previous is not None:
        print(f"the database as it was is kept as {restored.previous.path}")
        _report_removed(restored.previous)
    if restored.damaged is not None:
        print(f"the database as it was could not be read: renamed to {restored.damaged}")


def _migrate(config: Settings, *, dry_run: bool) -> None:
    path = config.database.path
    require_known_schema(path)  # initialised, and not by a newer program
    done = recorded_migrations(path)
    pending = [migration.name for migration in load_migrations() if migration.name not in done]
    if not pending:
        print(f"database {path} is up to date ({max(done)})")
        return
    if dry_run:
        print(
            f"database {path}: {len(pending)} pending migration(s), applied by `humas-bot migrate`:"
        )
        for name in pending:
            print(f"  {name}")
        return
    with RunLock(path):  # never beside a running bot
        asyncio.run(_apply(config))


async def _apply(config: Settings) -> None:
    db = await Database.open(config.database.path, create=False)
    try:
        migrated = await migrate(db, SystemClock(), config.backup)
    finally:
        await db.close()
    if migrated.backup is not None:
        print(f"backup first: {_describe(migrated.backup)}")
        _report_removed(migrated.backup)
    for name in migrated.applied:
        print(f"applied {name}")


def _stats(config: Settings) -> None:
    path = config.database.path
    require_known_schema(path)
    size = table_sizes(path)
    print("table\trows\tbytes")
    for table in size.tables:
        print(f"{table.name}\t{table.rows}\t{'?' if table.bytes is None else table.bytes}")
    print(f"database {path}: {_size(size.file_bytes)} ({size.free_pages} free pages)")
