"""The month's screenshots next to the evidence pack: ``<folder>/bukti/<receipt>-<unit>.<ext>``.

``humas-bot report`` copies, for every report of the pack that has a screenshot, the
file kept in the local store (db/file_store.py) into the pack's folder, checked against
its checksum on the way, so the folder holds the month's evidence on its own; the
workbook's "Laporan" sheet links each report to its copy, or says why there is none
(:class:`Missing`). Nothing outside the pack's folder is written; the store is only read.

These functions block (they copy files): callers on the event loop run them in a thread.
"""

from __future__ import annotations

import mimetypes
import os
import re
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from db import file_store
from db.connection import PRIVATE_MODE
from db.recap_area import UnitRef
from db.report_evidence import Screenshot
from scheduler.recap_pack import PeriodPack

FOLDER = "bukti"
"""The evidence's folder inside the pack's folder (the links in the workbook are relative)."""

Missing = Literal["waiting", "too_big", "refused", "unrecorded", "lost", "unreadable", "damaged"]
"""Why a screenshot is not in the folder: still to download, over ``files.max_bytes``,
refused by Telegram, never recorded for the archive, no longer in the store, not
readable by the shell's user (the store is the bot's, 0600), or its bytes no longer
match their checksum."""

_BY_MEDIA = {"photo": ".jpg", "video": ".mp4"}  # Telegram's photos are JPEG
_NOT_STORED: dict[str, Missing] = {"waiting": "waiting", "too_big": "too_big", "refused": "refused"}
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class Evidence:
    """One report's screenshot in the pack: its copy (relative to the pack's folder) or
    why there is none."""

    path: str | None
    missing: Missing | None = None


@dataclass(frozen=True)
class Copied:
    evidence: dict[int, Evidence]
    """By submission id; reports without a screenshot are left out."""

    @property
    def copied(self) -> int:
        return sum(1 for item in self.evidence.values() if item.path is not None)

    @property
    def not_copied(self) -> int:
        return len(self.evidence) - self.copied


def extension(shot: Screenshot) -> str:
    """The file's extension from its type (``.png``), else from its kind of media."""
    found = mimetypes.guess_extension(shot.mime_type) if shot.mime_type else None
    return found or _BY_MEDIA.get(shot.media_type or "", ".bin")


def file_name(shot: Screenshot, unit: UnitRef) -> str:
    """``L0012-32.01.02.2001.png``: the report's receipt and its unit's code."""
    receipt = shot.receipt or str(shot.submission_id)
    stem = _UNSAFE.sub("_", f"{receipt}-{unit.code}")
    return f"{stem}{extension(shot)}"


def _copy_checked(source: Path, sha256: str, target: Path) -> bool:
    """Copy ``source`` to ``target`` (0600) if its bytes still match ``sha256``."""
    partial = target.with_name(f".{target.name}.partial")
    try:
        shutil.copyfile(source, partial)
        os.chmod(partial, PRIVATE_MODE)
        if file_store.checksum(partial) != sha256:
            return False
        os.replace(partial, target)
        return True
    finally:
        partial.unlink(missing_ok=True)


def _one(shot: Screenshot, unit: UnitRef, store: Path, folder: Path) -> Evidence:
    if shot.status is None:
        return Evidence(None, "unrecorded")
    if shot.status != "stored" or shot.sha256 is None:
        return Evidence(None, _NOT_STORED.get(shot.status, "waiting"))
    source = file_store.path_of(store, shot.sha256)
    try:
        present = source.is_file()
    except PermissionError:  # the store's folders are the bot's user's (0700)
        return Evidence(None, "unreadable")
    if not present:
        return Evidence(None, "lost")
    if not os.access(source, os.R_OK):
        return Evidence(None, "unreadable")
    name = file_name(shot, unit)
    folder.mkdir(mode=file_store.FOLDER_MODE, exist_ok=True)
    if not _copy_checked(source, shot.sha256, folder / name):
        return Evidence(None, "damaged")
    return Evidence(f"{FOLDER}/{name}")


def copy_evidence(
    pack: PeriodPack, shots: Mapping[int, Screenshot], store: Path, out: Path
) -> Copied:
    """Copy the screenshots of the pack's reports from the store into ``out``/bukti."""
    folder = out / FOLDER
    evidence = {
        line.submission_id: _one(shots[line.submission_id], pack.units[line.unit_id], store, folder)
        for line in pack.reports
        if line.submission_id in shots
    }
    return Copied(evidence)
