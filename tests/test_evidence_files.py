"""The shell's monthly pack holds its evidence: the reports' screenshots kept in the local
store are copied into ``bukti/`` with their bytes, the workbook links each report to its
copy, the others say why they are missing, and nothing outside the folder is written."""

from __future__ import annotations

import asyncio
import hashlib
import stat
import typing
from datetime import UTC, datetime
from pathlib import Path

import openpyxl
import pytest

from bot.cli import main
from bot.core.texts import CATALOGUE
from db import file_store
from db import files as files_db
from db.connection import Database
from db.files import FileRef
from scheduler.recap_evidence import Missing
from tests.conftest import copy_of
from tests.factories import (
    CIBINONG,
    CITEUREUP,
    GUNUNGPUTRI,
    KARADENAN,
    PAKANSARI,
    PONDOK_RAJEG,
    WANAHERANG,
    unit_id_in,
)
from tests.test_recap_data import World

AT = datetime(2026, 12, 20, 3, 0, tzinfo=UTC)
PNG = b"\x89PNG\r\n\x1a\n" + b"pondok rajeg" * 40
JPEG = b"\xff\xd8\xff\xe0" + b"karadenan" * 50
WANAHERANG_JPEG = b"\xff\xd8\xff\xe0" + b"wanaherang" * 30


async def first_link(db: Database, code: str, title: str) -> tuple[int, str]:
    """The unit's first link for the briefing titled ``title``: its id and receipt."""
    row = await db.fetchone(
        "SELECT s.id, s.receipt FROM submissions s JOIN briefings b ON b.id = s.briefing_id"
        " WHERE s.unit_id = ? AND b.title = ? AND s.kind = 'link' ORDER BY s.created_at, s.id",
        (await unit_id_in(db, code), title),
    )
    assert row is not None
    return row["id"], row["receipt"]


async def screenshot(
    db: Database, submission_id: int, name: str, mime: str | None, size: int
) -> files_db.StoredFile:
    """The officer's screenshot with the report, recorded for the archive (waiting)."""
    await db.execute(
        "UPDATE submissions SET screenshot_file_id = ? WHERE id = ?",
        (f"file-{name}", submission_id),
    )
    ref = FileRef(f"file-{name}", f"unique-{name}", "photo", size, mime)
    return await files_db.record(db, ref, "screenshot", AT)


async def stored(
    db: Database, store: Path, submission_id: int, name: str, data: bytes, mime: str | None
) -> None:
    """A screenshot the archive downloaded: its bytes in the store, its row marked."""
    row = await screenshot(db, submission_id, name, mime, len(data))
    sha256 = file_store.put(store, data)
    await files_db.mark_stored(db, row.id, sha256, len(data), mime, AT)


async def build(path: Path, store: Path) -> dict[str, tuple[int, str]]:
    """The recap's world, with screenshots: three stored, one waiting, one too big."""
    database = await Database.open(path)
    try:
        await World(database).build()
        reports = {
            "pondok": await first_link(database, PONDOK_RAJEG, "Vaksinasi"),
            "karadenan": await first_link(database, KARADENAN, "Vaksinasi"),
            "wanaherang": await first_link(database, WANAHERANG, "Pasar Murah"),
            "pakansari": await first_link(database, PAKANSARI, "Vaksinasi"),
            "citeureup": await first_link(database, CITEUREUP, "Vaksinasi"),
        }
        await stored(database, store, reports["pondok"][0], "pondok", PNG, "image/png")
        await stored(database, store, reports["karadenan"][0], "karadenan", JPEG, None)
        await stored(
            database, store, reports["wanaherang"][0], "wanaherang", WANAHERANG_JPEG, "image/jpeg"
        )
        await screenshot(database, reports["pakansari"][0], "pakansari", None, 900)
        big = await screenshot(database, reports["citeureup"][0], "citeureup", None, 10**9)
        await files_db.mark_not_stored(database, big.id, "too_big", "larger", 10**9)
    finally:
        await database.close()
    return reports


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def snapshot(folder: Path, leave_out: Path) -> dict[Path, bytes]:
    """Every file under ``folder`` but ``leave_out``, with its bytes."""
    return {
        path: path.read_bytes()
        for path in folder.rglob("*")
        if path.is_file() and leave_out not in path.parents
    }


def evidence_cells(
    workbook: Path, header: str, sheet_name: str = "Laporan"
) -> list[tuple[object, str | None]]:
    """The reports' sheet's screenshot column: each report's value and hyperlink target."""
    sheet = openpyxl.load_workbook(workbook)[sheet_name]
    headers = [cell.value for cell in sheet[1]]
    assert headers[-1] == header
    column = len(headers)
    found = []
    for row in range(2, sheet.max_row + 1):
        cell = sheet.cell(row, column)
        found.append((cell.value, cell.hyperlink.target if cell.hyperlink is not None else None))
    return found


def month_with_screenshots(
    folder: Path, template_db: Path
) -> tuple[Path, dict[str, tuple[int, str]]]:
    """A configuration whose database holds the month of :func:`build` (store: files/)."""
    path = copy_of(template_db, folder)
    reports = asyncio.run(build(path, folder / "files"))
    config = folder / "config.toml"
    config.write_text(f'[database]\npath = "{path}"\n', encoding="utf-8")
    return config, reports


def test_the_shells_pack_copies_the_stored_screenshots_and_links_them(
    tmp_path: Path, template_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config, reports = month_with_screenshots(tmp_path, template_db)
    out = tmp_path / "laporan"
    before = snapshot(tmp_path, out)
    argv = ["report", "--config", str(config), "--month", "2026-12", "--out", str(out)]
    assert main(argv) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[-1] == "bukti: 3 file disalin, 2 belum tersimpan"
    assert snapshot(tmp_path, out) == before  # the store and the database only read
    names = {
        key: f"{reports[key][1]}-{code}{ext}"
        for key, code, ext in (
            ("pondok", PONDOK_RAJEG, ".png"),
            ("karadenan", KARADENAN, ".jpg"),
            ("wanaherang", WANAHERANG, ".jpg"),
        )
    }
    folder = out / "bukti"
    assert {file.name: file.read_bytes() for file in folder.iterdir()} == {
        names["pondok"]: PNG,
        names["karadenan"]: JPEG,
        names["wanaherang"]: WANAHERANG_JPEG,
    }
    assert all(stat.S_IMODE(file.stat().st_mode) == 0o600 for file in folder.iterdir())
    cells = evidence_cells(Path(printed[0]), "Tangkapan layar")
    assert len(cells) == 8  # every report of the month
    linked = {value: target for value, target in cells if target is not None}
    assert set(linked) == {f"bukti/{name}" for name in names.values()}
    for value, target in linked.items():
        assert target is not None and (out / target.replace("\\", "/")) == out / str(value)
        assert (out / str(value)).is_file()
    words = sorted(str(value) for value, target in cells if target is None and value)
    assert words == [
        "belum tersimpan (masih diunduh)",
        "tidak tersimpan: file terlalu besar",
    ]
    assert sum(1 for value, _ in cells if value is None) == 8 - 5  # no screenshot


def test_a_unit_scoped_pack_copies_only_that_areas_screenshots(
    tmp_path: Path, template_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config, reports = month_with_screenshots(tmp_path, template_db)
    out = tmp_path / "gunungputri"
    argv = ["report", "--config", str(config), "--month", "2026-12"]
    assert main([*argv, "--out", str(out), "--unit", GUNUNGPUTRI, "--lang", "en"]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[-1] == "evidence: 1 file copied, 0 not stored"
    name = f"{reports['wanaherang'][1]}-{WANAHERANG}.jpg"
    assert [file.name for file in (out / "bukti").iterdir()] == [name]
    assert (out / "bukti" / name).read_bytes() == WANAHERANG_JPEG
    cells = evidence_cells(Path(printed[0]), "Screenshot", "Reports")
    assert [cell for cell in cells if cell[0]] == [(f"bukti/{name}", f"bukti\\{name}")]
    # Cibinong, after the store lost Pondok Rajeg's file and Karadenan's bytes went bad:
    file_store.path_of(tmp_path / "files", sha256(PNG)).unlink()
    file_store.path_of(tmp_path / "files", sha256(JPEG)).write_bytes(b"\xff\xd8 not the same")
    cibinong = tmp_path / "cibinong"
    assert main([*argv, "--out", str(cibinong), "--unit", CIBINONG]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[-1] == "bukti: 0 file disalin, 3 belum tersimpan"
    assert list(cibinong.glob("bukti/*")) == []  # nothing copied, nothing half-copied
    words = sorted(str(value) for value, _ in evidence_cells(Path(printed[0]), "Tangkapan layar"))
    assert words == [
        *["None"] * 3,  # the links without a screenshot
        "belum tersimpan (masih diunduh)",
        "rusak di arsip (checksum tidak cocok)",
        "tidak ada lagi di arsip",
    ]


def test_every_reason_a_screenshot_is_missing_has_its_words() -> None:
    for reason in typing.get_args(Missing):
        words = CATALOGUE[f"rfile.evidence.{reason}"]
        assert words["id"] and words["en"] and words["id"] != words["en"]
