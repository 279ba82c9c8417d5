"""The recap's files on the hand-built dataset of tests/test_recap_data.py (every figure
known): the workbook read back cell by cell, the chart's bars, the CSV, the monthly
evidence pack from the shell and from the bot, and a kecamatan coordinator who never
sees another kecamatan's units in any of them."""

from __future__ import annotations

import asyncio
import csv
import io
import warnings
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy
import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from bot.cli import main
from bot.core.clock import FakeClock
from bot.core.months import month_span, parse_month
from bot.core.texts import t
from bot.devtools.driver import BotDriver
from db import recap
from db.connection import Database
from db.recap import Counts, GroupRow
from db.recap_area import UnitRef
from handlers.recap_files import BRIEFING_EXCEL
from scheduler import recap_chart, recap_files
from scheduler.recap_csv import BOM, csv_bytes
from scheduler.recap_pack import span_pack
from scheduler.recap_tables import Table
from tests.conftest import copy_of
from tests.factories import CIBINONG, GUNUNGPUTRI, unit_id_in
from tests.test_recap_data import DEADLINE_1, NOW, WIB, World

DECEMBER = month_span(2026, 12)
CIBINONG_CODES = ("32.01.01.", "32.01.01")


@pytest.fixture
async def db(db_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(db_path)
    yield database
    await database.close()


@pytest.fixture
async def world(db: Database) -> World:
    return await World(db).build()


def workbook(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def rows(sheet: Worksheet) -> list[tuple[Any, ...]]:
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


def every_text(book: openpyxl.Workbook) -> list[str]:
    return [str(value) for sheet in book for row in rows(sheet) for value in row if value]


def wib(moment: datetime) -> datetime:
    return moment.astimezone(WIB).replace(tzinfo=None)


async def briefing_file(db: Database, world: World, who: str) -> tuple[recap.Recap, bytes]:
    found = await recap.briefing_recap(db, world[who], world.b1, NOW)
    assert found is not None
    return found, recap_files.briefing_excel(found, "id", WIB, 0.5).data


async def test_briefing_workbook_read_back(db: Database, world: World) -> None:
    found, data = await briefing_file(db, world, "Koordinator Kabupaten")
    book = workbook(data)
    assert book.sheetnames == ["Ringkasan", "Per unit", "Laporan", "Belum melapor"]
    summary = book["Ringkasan"]
    assert summary["A1"].value == "Keterangan" and summary["A1"].font.b
    items = {row[0]: row[1] for row in rows(summary)[1:13]}
    assert items["Briefing"] == "Vaksinasi" and items["Wilayah"] == "Kabupaten Bogor"
    assert items["Tenggat (WIB)"] == wib(DEADLINE_1)
    assert (items["Ditargetkan"], items["Tepat waktu"], items["Terlambat"]) == (6, 2, 1)
    assert (items["Belum melapor"], items["Semua ditolak"], items["Belum ada petugas"]) == (2, 1, 1)
    assert items["Melapor (%)"] == 0.5 and summary["B13"].number_format == "0%"
    groups = [row for row in rows(summary) if row[0] and str(row[0]).startswith("Kecamatan ")]
    assert [row[:4] for row in groups] == [
        ("Kecamatan / unit", "Ditargetkan", "Tepat waktu", "Terlambat"),
        ("Kecamatan Cibinong", 3, 1, 1),
        ("Kecamatan Gunungputri", 2, 0, 0),
        ("Kecamatan Citeureup", 1, 1, 0),
    ]

    per_unit = book["Per unit"]
    assert rows(per_unit)[0] == (
        "Kode",
        "Unit",
        "Kecamatan",
        "Status",
        "Ada petugas aktif",
        "Laporan pertama (WIB)",
        "Jumlah tautan",
    )
    assert all(cell.font.b for cell in per_unit[1])
    assert per_unit.freeze_panes == "A2" and per_unit.auto_filter.ref == "A1:G7"
    by_code = {row[0]: row for row in rows(per_unit)[1:]}
    assert by_code["32.01.01.1002"] == (
        "32.01.01.1002",
        "Kelurahan Karadenan",
        "Cibinong",
        "Terlambat",
        "Ya",
        wib(DEADLINE_1 + timedelta(hours=1)),
        2,
    )
    assert by_code["32.01.02.2002"][3:6] == ("Belum melapor", "Tidak", None)
    assert isinstance(per_unit["F2"].value, datetime) and "yy" in per_unit["F2"].number_format

    reports = book["Laporan"]
    assert rows(reports)[0][:7] == (
        "Waktu (WIB)",
        "Kode",
        "Unit",
        "Kecamatan",
        "Petugas",
        "Platform",
        "Tautan",
    )
    lines = [line for unit in found.units for line in unit.reports]
    assert reports.max_row == 1 + len(lines) == 7  # the deactivated unit's link is left out
    for row in range(2, reports.max_row + 1):
        link = reports.cell(row, 7)
        assert link.hyperlink is not None and link.hyperlink.target == link.value
        assert link.value.startswith("https://www.instagram.com/p/Recap")
        assert isinstance(reports.cell(row, 1).value, datetime)
    assert reports.freeze_panes == "A2" and reports.auto_filter.ref == "A1:I7"
    assert {row[7] for row in rows(reports)[1:]} == {"diterima", "ditolak", "disetujui"}

    missing = rows(book["Belum melapor"])
    assert [row[1:4] for row in missing[1:]] == [
        ("Kelurahan Pakansari", "Cibinong", "Semua ditolak"),
        ("Desa Wanaherang", "Gunungputri", "Belum melapor"),
        ("Desa Bojongkulur", "Gunungputri", "Belum melapor"),
    ]


async def test_the_chart_has_one_bar_per_row_least_compliant_first(
    db: Database, world: World
) -> None:
    found = await recap.briefing_recap(db, world["Koordinator Kabupaten"], world.b1, NOW)
    assert found is not None
    bars = recap_chart.compliance_bars(found.groups, "id")
    assert [(bar.label, bar.on_time, bar.late) for bar in bars] == [
        ("Kecamatan Gunungputri", 0.0, 0.0),
        ("Kecamatan Cibinong", pytest.approx(100 / 3), pytest.approx(100 / 3)),
        ("Kecamatan Citeureup", 100.0, 0.0),
    ]
    figure = recap_chart.briefing_figure(found, "id", WIB, 0.5)
    axes = figure.axes[0]
    assert [len(container) for container in axes.containers] == [3, 3]  # on time, late
    assert [label.get_text() for label in axes.get_yticklabels()] == [bar.label for bar in bars]
    assert figure.get_figwidth() * figure.dpi == 1080
    average = [line for line in axes.get_lines() if str(line.get_label()).startswith("Rata-rata")]
    assert len(average) == 1 and average[0].get_label() == "Rata-rata kabupaten 50%"
    assert numpy.asarray(average[0].get_xdata(), dtype=float).tolist() == [50.0, 50.0]
    png = recap_chart.png(figure)
    assert png.startswith(b"\x89PNG") and int.from_bytes(png[16:20], "big") == 1080


def test_many_rows_are_capped_with_the_rest_summed() -> None:
    groups = [
        GroupRow(
            UnitRef(n, f"OPD.{n:03d}", f"Dinas {n}", "opd", 1, None, None),
            Counts(targeted=4, on_time=n % 5 % 4, missing=4 - n % 5 % 4),
        )
        for n in range(1, 61)
    ]
    bars = recap_chart.compliance_bars(groups, "id")
    assert len(bars) == recap_chart.MAX_BARS == 45
    assert bars[-1].label == "16 lainnya" and bars[-1].counts.targeted == 64
    assert [bar.counts.rate for bar in bars[:-1]] == sorted(bar.counts.rate for bar in bars[:-1])
    figure = recap_chart.bars_figure(bars, "en", title="T", subtitle="S", axis="A", average=None)
    assert [len(container) for container in figure.axes[0].containers] == [45, 45]
    assert figure.get_figheight() > 45 * recap_chart.BAR_INCHES  # grows with the bars
    assert not any("*" in text.get_text() for text in [*figure.texts, *figure.axes[0].texts])


def test_rows_with_units_without_an_officer_are_marked_and_explained() -> None:
    def row(n: int, counts: Counts) -> GroupRow:
        return GroupRow(UnitRef(n, f"32.01.{n:02d}", f"K{n}", "kecamatan", 1, None, None), counts)

    groups = [
        row(1, Counts(targeted=4, on_time=2, missing=2, no_officer=2)),
        row(2, Counts(targeted=3, on_time=3)),
        row(3, Counts(targeted=2, missing=2, no_officer=1)),
    ]
    bars = recap_chart.compliance_bars(groups, "id")
    staffed = [recap_chart.Bar(bar.label, replace(bar.counts, no_officer=0)) for bar in bars]
    plain = recap_chart.bars_figure(staffed, "id", title="T", subtitle="S", axis="A", average=None)
    figure = recap_chart.bars_figure(bars, "id", title="T", subtitle="S", axis="A", average=None)
    labels = [text.get_text() for text in figure.axes[0].texts]
    assert labels == ["0% (0/2) *", "50% (2/4) *", "100% (3/3)"]
    notes = [text.get_text() for text in figure.texts if text.get_text().startswith("*")]
    assert notes == ["* termasuk 3 yang belum ada petugas (dihitung belum melapor)"]
    assert figure.get_figheight() > plain.get_figheight()  # room for the note
    english = recap_chart.bars_figure(bars, "en", title="T", subtitle="S", axis="A", average=None)
    assert "* includes 3 with no officer yet (counted as not reported)" in [
        text.get_text() for text in english.texts
    ]


async def test_a_kecamatan_coordinator_sees_only_their_desa(db: Database, world: World) -> None:
    found, data = await briefing_file(db, world, "Koordinator Gunungputri")
    assert [bar.label for bar in recap_chart.compliance_bars(found.groups, "id")] == [
        "Desa Wanaherang",
        "Desa Bojongkulur",
    ]
    book = workbook(data)
    texts = every_text(book)
    assert "32.01.02.2001" in texts and "Desa Bojongkulur" in texts
    assert not any(text.startswith(CIBINONG_CODES) or "Cibinong" in text for text in texts)
    assert not any("Citeureup" in text or "Pondok Rajeg" in text for text in texts)
    pack = await span_pack(db, world["Koordinator Gunungputri"], DECEMBER, NOW, zone=WIB)
    files = recap_files.month_files(pack, DECEMBER.first, "id", WIB)
    texts = every_text(workbook(files.workbook.data))
    assert "Desa Wanaherang" in texts
    assert not any(text.startswith(CIBINONG_CODES) or "Cibinong" in text for text in texts)
    assert not any("Pondok Rajeg" in text or "instagram.com/p/Recap0001" in text for text in texts)


async def test_the_monthly_pack_holds_every_briefing_status_and_link(
    db: Database, world: World
) -> None:
    pack = await span_pack(db, world["Koordinator Kabupaten"], DECEMBER, NOW, zone=WIB)
    files = recap_files.month_files(pack, DECEMBER.first, "id", WIB)
    assert files.workbook.name == "laporan-bulanan-2026-12-32.01.xlsx"
    assert [chart.name for chart in files.charts] == [
        "laporan-bulanan-2026-12-32.01.png",
        "laporan-bulanan-2026-12-32.01-mingguan.png",
    ]
    book = workbook(files.workbook.data)
    assert book.sheetnames == [
        "Ringkasan",
        "Briefing",
        "Per unit",
        "Status per briefing",
        "Laporan",
        "Belum melapor",
    ]
    assert len(book["Ringkasan"]._images) == 2  # both charts embedded
    briefings = rows(book["Briefing"])
    assert [(row[0], row[1], row[4], row[5], row[-1]) for row in briefings[1:]] == [
        (world.b1, "Vaksinasi", "terbit", 6, 0.5),
        (world.b2, "Pasar Murah", "ditutup", 2, 1),
    ]
    statuses = rows(book["Status per briefing"])
    assert len(statuses) == 1 + 6 + 2
    assert (world.b2, "Pasar Murah") + ("32.01.02.2001",) == (
        statuses[-1][0],
        statuses[-1][1],
        statuses[-1][3],
    )
    assert statuses[-1][6] == "Tepat waktu"
    reports = book["Laporan"]
    assert reports.max_row == 1 + 6 + 2
    assert all(reports.cell(row, 8).hyperlink is not None for row in range(2, reports.max_row + 1))
    assert {reports.cell(row, 2).value for row in range(2, reports.max_row + 1)} == {
        "Vaksinasi",
        "Pasar Murah",
    }
    assert len(rows(book["Belum melapor"])) == 1 + 3
    weeks = [row for row in rows(book["Ringkasan"]) if isinstance(row[0], datetime)]
    assert [row[0] for row in weeks[-2:]] == [datetime(2026, 11, 30), datetime(2026, 12, 7)]


async def test_the_csv_is_the_per_unit_table_with_a_bom(db: Database, world: World) -> None:
    found = await recap.briefing_recap(db, world["Koordinator Kabupaten"], world.b1, NOW)
    assert found is not None
    data = recap_files.briefing_csv(found, "en", WIB).data
    assert data.startswith(BOM.encode("utf-8"))
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert table[0] == [
        "Code",
        "Unit",
        "District",
        "Status",
        "Has an active officer",
        "First report (WIB)",
        "Links",
    ]
    assert ["32.01.01.1002", "Urban village Karadenan", "Cibinong", "Late", "Yes"] == table[2][:5]
    assert table[2][5] == f"{wib(DEADLINE_1 + timedelta(hours=1)):%Y-%m-%d %H:%M}"
    assert len(table) == 1 + 6
    typed = csv_bytes(Table(("a", "b"), (("=HYPERLINK(1)", 3),))).decode("utf-8-sig")
    assert typed.splitlines()[1] == "'=HYPERLINK(1),3"


def test_months_as_typed() -> None:
    today = date(2026, 12, 1)
    assert parse_month("2026-11", today) == month_span(2026, 11)
    assert parse_month("11/2026", today) == month_span(2026, 11)
    assert parse_month(" November   2026 ", today) == month_span(2026, 11)
    assert parse_month("des", today) == month_span(2026, 12)
    assert parse_month("Januari", today) == month_span(2026, 1)
    assert month_span(2026, 2).last == date(2026, 2, 28)
    for wrong in ("2026-13", "13/2026", "Smarch 2026", "2026", "", "١١/٢٠٢٦"):
        assert parse_month(wrong, today) is None


def test_the_evidence_pack_from_the_shell(
    tmp_path: Path, template_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = copy_of(template_db, tmp_path)

    async def build() -> None:
        database = await Database.open(path)
        try:
            await World(database).build()
        finally:
            await database.close()

    asyncio.run(build())
    config = tmp_path / "config.toml"
    config.write_text(f'[database]\npath = "{path}"\n', encoding="utf-8")
    out = tmp_path / "laporan"
    argv = ["report", "--config", str(config), "--month", "2026-12", "--out", str(out)]
    assert main([*argv, "--unit", GUNUNGPUTRI]) == 0
    *printed, summary = capsys.readouterr().out.splitlines()
    assert printed == [
        str(out / "laporan-bulanan-2026-12-32.01.02.xlsx"),
        str(out / "laporan-bulanan-2026-12-32.01.02.png"),
        str(out / "laporan-bulanan-2026-12-32.01.02-mingguan.png"),
    ]
    assert summary == "bukti: 0 file disalin, 0 belum tersimpan"  # no screenshot sent
    assert all(Path(name).read_bytes() for name in printed)
    book = openpyxl.load_workbook(printed[0])
    codes = {row[0] for row in rows(book["Per unit"])[1:]}
    assert codes == {"32.01.02.2001", "32.01.02.2002"}
    assert main(argv) == 0  # the whole regency
    regency = openpyxl.load_workbook(capsys.readouterr().out.split()[0])
    assert {"Vaksinasi", "Pasar Murah"} <= {row[1] for row in rows(regency["Briefing"])}
    assert main(["report", "--config", str(config), "--month", "2026-13", "--out", "x"]) == 2
    assert main([*argv, "--unit", "99.99"]) == 2
    assert "no active unit" in capsys.readouterr().err


async def test_the_bot_sends_the_chart_the_excel_file_the_csv_and_the_pack(
    bot: BotDriver, clock: FakeClock
) -> None:
    world = await World(bot.db).build()
    clock.set(NOW)
    dewi = world["Koordinator Gunungputri"]
    user = bot.sandbox.add_user("Dewi", user_id=dewi.telegram_id)
    await bot.say(user, "/rekap")
    await bot.press(user, f"#{world.b1} Vaksinasi")
    sent = await bot.press(user, t("id", "rfile.button.chart"))
    photo = [message for message in sent if message.media_type == "photo"]
    assert len(photo) == 1 and photo[0].file_id is not None
    assert bot.sandbox.files[photo[0].file_id].data.startswith(b"\x89PNG")
    assert "Vaksinasi" in photo[0].plain_text and "Gunungputri" in photo[0].plain_text
    sent = await bot.press(user, t("id", "rfile.button.excel"))
    document = [message for message in sent if message.media_type == "document"][-1]
    assert document.raw["document"]["file_name"] == "rekap-briefing-1-32.01.02.xlsx"
    assert document.file_id is not None
    book = workbook(bot.sandbox.files[document.file_id].data)
    assert {row[0] for row in rows(book["Per unit"])[1:]} == {"32.01.02.2001", "32.01.02.2002"}
    sent = await bot.press(user, t("id", "rfile.button.csv"))
    table = [message for message in sent if message.media_type == "document"][-1]
    assert table.file_id is not None
    text = bot.sandbox.files[table.file_id].data.decode("utf-8-sig")
    assert "Desa Wanaherang" in text and "Cibinong" not in text

    # A period's screen: the weekly trend and the period's workbook.
    await bot.say(user, "/rekap")
    await bot.press(user, t("id", "rekap.period.this_month"))
    sent = await bot.press(user, t("id", "rfile.button.chart"))
    trend = [message for message in sent if message.media_type == "photo"]
    assert len(trend) == 1 and "1 Des 2026 – 31 Des 2026" in trend[0].plain_text
    sent = await bot.press(user, t("id", "rfile.button.excel"))
    period = [message for message in sent if message.media_type == "document"][-1]
    assert period.raw["document"]["file_name"] == "rekap-20261201-20261231-32.01.02.xlsx"
    assert period.file_id is not None
    book = workbook(bot.sandbox.files[period.file_id].data)
    assert [row[1] for row in rows(book["Briefing"])[1:]] == ["Vaksinasi", "Pasar Murah"]

    # Forged: the same file for Cibinong, outside her scope: refused, nothing sent.
    before = len(bot.sandbox.messages(user))
    forged = BRIEFING_EXCEL.build(world.b1, await unit_id_in(bot.db, CIBINONG))
    await bot.press_data(user, document.message_id, forged)
    assert bot.sandbox.callback_answers[-1]["text"] == t("id", "denied.scope")
    assert len(bot.sandbox.messages(user)) == before

    asked = await bot.say(user, "/laporan_bulanan")
    assert "Kecamatan Gunungputri" in asked[-1].plain_text
    sent = await bot.press(user, t("id", "rfile.button.this_month", month="Des 2026"))
    pack = [message for message in sent if message.media_type == "document"][-1]
    assert pack.raw["document"]["file_name"] == "laporan-bulanan-2026-12-32.01.02.xlsx"
    assert "Desember 2026" in pack.plain_text and "2 briefing" in pack.plain_text
    assert pack.file_id is not None
    book = workbook(bot.sandbox.files[pack.file_id].data)
    assert "Status per briefing" in book.sheetnames
    assert not any("Cibinong" in text for text in every_text(book))
    typed = await bot.say(user, "/laporan_bulanan 2026-13")
    assert typed[-1].plain_text.startswith("Bulan tidak dikenali: 2026-13")
    later = await bot.say(user, "/laporan_bulanan Februari 2027")
    assert "belum dimulai" in later[-1].plain_text
    empty = await bot.say(user, "/laporan_bulanan 2026-10")
    assert empty[-1].plain_text == t(
        "id", "rfile.month_empty", month="Oktober 2026", scope="Kecamatan Gunungputri"
    )


def test_a_chart_with_no_row_says_so_without_a_warning() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        figure = recap_chart.bars_figure([], "id", title="T", subtitle="S", axis="A", average=None)
        assert recap_chart.png(figure).startswith(b"\x89PNG")
    assert [text.get_text() for text in figure.axes[0].texts] == [
        "Belum ada penugasan untuk digambar"
    ]
