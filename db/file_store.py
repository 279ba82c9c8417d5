"""The local file store: bytes named by their SHA-256, ``<folder>/ab/cdef...``.

Content-addressed, so a file sent twice (or by two people) is kept once and a copy is
never changed: the backup mirrors the store by copying only the names it does not
have yet. Files are 0600 and folders 0700 (the evidence holds personal data); a file
is written to a temporary name, flushed and renamed, so a crash never leaves half a
file under a checksum's name.

These functions block (they write files): the bot calls them in a thread.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from db.connection import PRIVATE_MODE

FOLDER_MODE = 0o700
_HEX = frozenset("0123456789abcdef")


def store_folder(db_path: Path, configured: Path | None) -> Path:
    """Where the store is: the configured folder, else ``files`` next to the database."""
    return configured if configured is not None else db_path.parent / "files"


def path_of(folder: Path, sha256: str) -> Path:
    if len(sha256) != 64 or not set(sha256) <= _HEX:
        raise ValueError("not a SHA-256 in lowercase hex")
    return folder / sha256[:2] / sha256[2:]


def _private_folder(path: Path) -> None:
    path.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    os.chmod(path, FOLDER_MODE)


def _write_private(target: Path, data: bytes) -> None:
    partial = target.with_name(f".{target.name}.partial")
    descriptor = os.open(partial, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, PRIVATE_MODE)
    try:
        with os.fdopen(descriptor, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def put(folder: Path, data: bytes) -> str:
    """Keep ``data`` in the store (once); return its SHA-256."""
    sha256 = hashlib.sha256(data).hexdigest()
    target = path_of(folder, sha256)
    if target.is_file() and target.stat().st_size == len(data):
        return sha256
    _private_folder(folder)
    _private_folder(target.parent)
    _write_private(target, data)
    return sha256


def checksum(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as source:
        for block in iter(lambda: source.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def stored(folder: Path) -> list[Path]:
    """Every file of the store (names that are checksums), in name order."""
    if not folder.is_dir():
        return []
    found: list[Path] = []
    for sub in sorted(folder.iterdir()):
        if len(sub.name) != 2 or not set(sub.name) <= _HEX or not sub.is_dir():
            continue
        found.extend(
            path
            for path in sorted(sub.iterdir())
            if len(path.name) == 62 and set(path.name) <= _HEX and path.is_file()
        )
    return found


@dataclass(frozen=True)
class Mirrored:
    folder: Path
    copied: int  # files new in the copy
    files: int  # files in the copy now
    size: int  # bytes copied now
    damaged: tuple[Path, ...]  # store files that no longer match their checksum: not copied


def mirror(source: Path, target: Path) -> Mirrored:
    """Copy the files of the store ``source`` that ``target`` lacks (0600, folders 0700).

    A copied file is checked against its name (its checksum) before it is kept.
    """
    copied = size = 0
    damaged: list[Path] = []
    files = stored(source)
    if files:
        _private_folder(target)
    for path in files:
        destination = target / path.parent.name / path.name
        if destination.is_file():
            continue
        _private_folder(destination.parent)
        partial = destination.with_name(f".{destination.name}.partial")
        try:
            shutil.copyfile(path, partial)
            os.chmod(partial, PRIVATE_MODE)
            if checksum(partial) != path.parent.name + path.name:
                damaged.append(path)
                continue
            os.replace(partial, destination)
        finally:
            partial.unlink(missing_ok=True)
        copied += 1
        size += destination.stat().st_size
    return Mirrored(target, copied, len(stored(target)), size, tuple(damaged))
