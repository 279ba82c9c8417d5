"""`humas-bot demo` plays its whole script against the sandbox and ends by itself."""

from __future__ import annotations

import io

from bot.devtools.demo import run_demo


async def test_demo_runs_to_the_end() -> None:
    out = io.StringIO()
    assert await run_demo(out=out) == 0
    transcript = out.getvalue()
    assert transcript.rstrip().endswith("Demo finished.")
    assert "Selamat bergabung" in transcript
    assert "Profil Anda" in transcript
    assert "Perintah untuk petugas" in transcript
    assert "Traceback" not in transcript


async def test_demo_in_english() -> None:
    out = io.StringIO()
    assert await run_demo(lang="en", out=out) == 0
    transcript = out.getvalue()
    assert "Welcome aboard" in transcript and "Your profile" in transcript
