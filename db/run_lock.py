"""Who has the database: the running bot holds an exclusive lock on ``<database>.lock``.

The bot takes it as it starts (and so refuses to run twice on one file); commands
that must not run beside the bot (``restore``, ``migrate``) take it too, and say so
when they cannot. The lock is ``flock`` on a file of its own (0600), released by the
kernel when the process ends however it ends, so a crash leaves nothing to clean up.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from types import TracebackType

from db.connection import PRIVATE_MODE, DatabaseUnavailable


class DatabaseInUse(DatabaseUnavailable):
    """Another process (the running bot) holds the database's lock."""


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


class RunLock:
    """``with RunLock(path):`` — or :meth:`acquire` and :meth:`release` around a run."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self.path = lock_path(db_path)
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock now or raise :class:`DatabaseInUse` (never waits)."""
        if self._fd is not None:
            return
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, PRIVATE_MODE)
        except OSError as exc:
            raise DatabaseUnavailable(
                f"cannot create the lock file {self.path}: {exc.strerror}"
            ) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise DatabaseInUse(
                f"database {self.db_path} is in use by a running humas-bot"
                f" (it holds {self.path.name}): stop the bot first"
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        fcntl.flock(self._fd, fcntl.LOCK_UN)
        os.close(self._fd)
        self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def __enter__(self) -> RunLock:
        self.acquire()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.release()
