"""`humas-bot demo` plays its whole script against the sandbox and ends by itself: from the
command line in Indonesian (the session's one run, which tests/test_attack_secrets.py
also reads), through ``run_demo`` in English."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from bot.devtools.demo import run_demo
from tests.demo_played import PlayedDemo


def check_recap_files(folder: Path, transcript: str, sheets: list[str]) -> None:
    """The recap scene ends the demo: the chart, the Excel file and the monthly pack are
    written to the current folder, their paths printed."""
    written = sorted(path.name for path in folder.iterdir())
    assert written == [
        "laporan-bulanan-2026-12-32.01.02.xlsx",
        "rekap-briefing-2-32.01.02.xlsx",
        "rekap-briefing-2.png",
    ]
    assert all(f"💾 {folder / name}" in transcript for name in written)
    assert (folder / "rekap-briefing-2.png").read_bytes().startswith(b"\x89PNG")
    book = openpyxl.load_workbook(folder / "rekap-briefing-2-32.01.02.xlsx")
    assert book.sheetnames == sheets


def test_demo_runs_to_the_end(played_demo: PlayedDemo) -> None:
    """`humas-bot demo` as typed in a shell (tests/demo_played.py)."""
    assert played_demo.exit_code == 0
    transcript = played_demo.out
    assert transcript.rstrip().endswith("Demo finished.")
    assert "Traceback" not in played_demo.err
    assert "Selamat bergabung" in transcript
    assert "Profil Anda" in transcript
    assert "Perintah untuk petugas" in transcript
    assert "Traceback" not in transcript
    # The monitor's view after the broadcasts: healthy, deliveries counted, /status.
    assert "/healthz\nHTTP 200\nok\n" in transcript
    assert 'humas_deliveries_total{result="sent"}' in transcript
    assert "✅ Sehat" in transcript
    check_recap_files(
        played_demo.folder, transcript, ["Ringkasan", "Per unit", "Laporan", "Belum melapor"]
    )


async def test_demo_in_english(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    out = io.StringIO()
    assert await run_demo(lang="en", out=out) == 0
    transcript = out.getvalue()
    assert "Welcome aboard" in transcript and "Your profile" in transcript
    check_recap_files(tmp_path, transcript, ["Summary", "Per unit", "Reports", "Not reported"])
