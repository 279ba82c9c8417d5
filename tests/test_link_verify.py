"""Automatic checks of reported posts (links.verify), against a local fake oEmbed/HTML
server — never the internet: found, hashtag missing, not found, timeout, an oversized
page, redirects to private addresses, non-https and private targets refused; a report
is recorded and answered whatever the check does; /tinjau, /rekap's desa drill-down
and the Excel file show the marks; "approve all verified" in bulk."""

from __future__ import annotations

import asyncio
import io
from collections.abc import AsyncIterator
from pathlib import Path

import openpyxl
import pytest
from aiohttp import web

from bot.core.clock import FakeClock
from bot.core.config import LinksConfig
from bot.devtools.driver import BotDriver
from bot.devtools.fast_time import FastTime
from bot.devtools.sandbox import LimitConfig, SandboxServer
from db import link_checks as checks_db
from db import recap as recap_db
from db import submissions as submissions_db
from db.link_checks import PendingCheck
from db.officers import Officer
from db.timefmt import to_db
from scheduler import recap_files
from scheduler.briefing_view import REPORT
from scheduler.link_checks import LinkVerifier
from tests.conftest import running_bot
from tests.factories import (
    BOJONGKULUR,
    GUNUNGPUTRI,
    WANAHERANG,
    joined,
    last_text,
    officer,
    publish,
    settle,
    texts,
)

HASHTAGS = "#BogorSehat @pemkabbogor"  # tests.factories.publish's
OG_PAGE = (
    "<html><head><title>Berita desa</title>"
    '<meta property="og:title" content="Posyandu buka Selasa #BogorSehat">'
    '<meta name="author" content="Humas Wanaherang"></head><body>…</body></html>'
)


class FakePlatforms:
    """oEmbed endpoints and pages, decided by the post's address."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        self.cookies: list[str] = []
        app = web.Application()
        app.router.add_get("/oembed/{platform}", self._oembed)
        app.router.add_get("/page/{name}", self._page)
        self.runner = web.AppRunner(app)
        self.port = 0
        self.stopping = asyncio.Event()  # a slow answer never comes: it ends with the server

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> None:
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        await site.start()
        self.port = int(self.runner.addresses[0][1])

    async def stop(self) -> None:
        self.stopping.set()
        await self.runner.cleanup()

    async def _oembed(self, request: web.Request) -> web.StreamResponse:
        url = request.query.get("url", "")
        self.requests.append(url)
        self.cookies.append(request.headers.get("Cookie", ""))
        if "gone" in url:
            return web.json_response({"error": "not found"}, status=404)
        if "slow" in url:
            await self.stopping.wait()
        if "nohash" in url:
            return web.json_response({"title": "Posyandu buka", "author_name": "desa_b"})
        response = web.json_response(
            {"title": "Posyandu buka #bogorsehat", "author_name": "Desa Wanaherang"}
        )
        response.set_cookie("tracking", "1")
        return response

    async def _page(self, request: web.Request) -> web.StreamResponse:
        name = request.match_info["name"]
        self.requests.append(name)
        if name == "ok":
            return web.Response(text=OG_PAGE, content_type="text/html")
        if name == "missing":
            return web.Response(status=404, text="no")
        if name == "huge":  # streamed, no length given: the cap counts what arrives
            response = web.StreamResponse()
            response.content_type = "text/html"
            await response.prepare(request)
            for _ in range(80):
                await response.write(b"<p>" + b"x" * 8192 + b"</p>")
            await response.write_eof()
            return response
        if name == "to-private":
            raise web.HTTPFound("https://10.20.30.40/admin")
        if name == "to-localhost":
            raise web.HTTPFound(f"https://localhost:{self.port}/page/ok")
        if name == "to-metadata":
            raise web.HTTPFound("https://169.254.169.254/latest/meta-data/")
        if name.startswith("loop"):
            raise web.HTTPFound(f"/page/loop{int(name[4:] or 0) + 1}")
        raise web.HTTPFound("/page/ok")


@pytest.fixture
async def platforms() -> AsyncIterator[FakePlatforms]:
    fake = FakePlatforms()
    await fake.start()
    yield fake
    await fake.stop()


def _links(platforms: FakePlatforms, timeout: float = 1.0) -> dict[str, object]:
    return {
        "verify": True,
        "timeout": timeout,
        "max_bytes": 512 * 1024,
        "interval": 0,
        "oembed": {name: f"{platforms.base}/oembed/{name}" for name in ("youtube", "tiktok", "x")},
        "verify_allow_hosts": ["127.0.0.1"],
    }


@pytest.fixture
def link_timeout() -> float:
    """links.timeout of the bot: the fake server answers in milliseconds."""
    return 1.0


@pytest.fixture
async def bot(
    sandbox: SandboxServer,
    sandbox_limits: LimitConfig,
    db_path: Path,
    clock: FakeClock,
    pace: FastTime | None,
    platforms: FakePlatforms,
    link_timeout: float,
) -> AsyncIterator[BotDriver]:
    """The real application with links.verify on, its endpoints on the fake server."""
    links = _links(platforms, link_timeout)
    async with running_bot(sandbox, sandbox_limits, db_path, clock, pace, links=links) as driver:
        yield driver


def _verifier(bot: BotDriver) -> LinkVerifier:
    assert bot.services.links is not None
    return bot.services.links


async def _examine(bot: BotDriver, url: str, platform: str = "website") -> checks_db.Outcome:
    item = PendingCheck(0, url, platform, HASHTAGS, 0)
    return (await _verifier(bot).examine(item)).outcome


async def test_the_verifier_against_the_fake_server(
    bot: BotDriver, platforms: FakePlatforms
) -> None:
    found = await _examine(bot, "https://youtube.com/watch?v=found000001", "youtube")
    assert (found.status, found.post_exists, found.author) == ("verified", True, "Desa Wanaherang")
    missing = await _examine(bot, "https://tiktok.com/@desa/video/7312345678901nohash", "tiktok")
    assert (missing.status, missing.post_exists) == ("hashtag_missing", True)
    assert missing.reason == "missing: #bogorsehat"
    gone = await _examine(bot, "https://x.com/desa/status/1gone", "x")
    assert (gone.status, gone.post_exists) == ("unchecked", False)
    page = await _examine(bot, f"{platforms.base}/page/ok")
    assert (page.status, page.author) == ("verified", "Humas Wanaherang")
    redirected = await _examine(bot, f"{platforms.base}/page/elsewhere")  # one redirect: fine
    assert redirected.status == "verified"
    not_there = await _examine(bot, f"{platforms.base}/page/missing")
    assert (not_there.status, not_there.post_exists) == ("unchecked", False)
    huge = await _examine(bot, f"{platforms.base}/page/huge")
    assert huge.status == "unchecked" and (huge.reason or "").startswith("too large")
    # No cookie the server set is ever sent back.
    assert platforms.cookies and not any(platforms.cookies)


@pytest.mark.parametrize("link_timeout", [0.1])  # the slow answer never comes: any will do
async def test_a_timeout_is_a_passing_failure(bot: BotDriver) -> None:
    item = PendingCheck(0, "https://youtube.com/watch?v=slow0000001", "youtube", HASHTAGS, 0)
    examined = await _verifier(bot).examine(item)
    assert examined.outcome.status == "unchecked" and examined.passing
    assert "Timeout" in (examined.outcome.reason or "")


@pytest.mark.parametrize(
    "target",
    [
        "/page/to-private",  # a redirect to a private address
        "/page/to-localhost",  # a redirect to a name of a loopback address
        "/page/to-metadata",  # a redirect to the link-local metadata address
        "/page/loop",  # more than 3 redirects
    ],
)
async def test_redirects_are_checked_again(
    bot: BotDriver, platforms: FakePlatforms, target: str
) -> None:
    examined = await _verifier(bot).examine(
        PendingCheck(0, platforms.base + target, "website", HASHTAGS, 0)
    )
    assert examined.outcome.status == "unchecked" and not examined.passing
    assert (examined.outcome.reason or "").startswith("refused")
    assert platforms.requests.count("ok") == 0  # never followed to the page


@pytest.mark.parametrize(
    "url",
    [
        "http://93.184.216.34/berita/1",  # not https
        "ftp://127.0.0.1/berita",  # not http(s), even for an allowed host
        "https://10.0.0.8/berita/1",  # private
        "https://[::1]/berita/1",  # loopback
        "https://[::ffff:192.168.1.1]/berita",  # private, written as IPv6
        "https://100.64.0.1/berita",  # shared address space
        "https://localhost/berita/1",  # a name of a loopback address
    ],
)
async def test_non_https_and_private_targets_are_refused(bot: BotDriver, url: str) -> None:
    examined = await _verifier(bot).examine(PendingCheck(0, url, "website", "", 0))
    assert examined.outcome.status == "unchecked" and not examined.passing
    assert (examined.outcome.reason or "").startswith("refused")


async def _world(bot: BotDriver) -> tuple[int, int, int, int]:
    coordinator = await bot.join("Siti", GUNUNGPUTRI, "coordinator")
    asep = await bot.join("Asep", WANAHERANG)
    budi = await bot.join("Budi", BOJONGKULUR)
    briefing_id = await publish(
        bot, coordinator, [WANAHERANG, BOJONGKULUR], channels=("youtube", "tiktok", "x")
    )
    return coordinator, asep, budi, briefing_id


async def _report_by_button(bot: BotDriver, who: int, briefing_id: int, url: str) -> str:
    """The officer presses the briefing's report button and pastes the link."""
    message = next(m for m in bot.sandbox.messages(who) if "BRIEFING #" in m.plain_text)
    await bot.press_data(who, message.message_id, REPORT.build(briefing_id))
    answer = joined(await bot.say(who, url))
    await _verifier(bot).wait_idle()
    return answer


async def _link(bot: BotDriver, who: Officer, briefing_id: int, url: str) -> int:
    report = await submissions_db.report_link(bot.db, who, briefing_id, url, bot.clock.now())
    await _verifier(bot).keep(report.submission.id)
    await _verifier(bot).wait_idle()
    return report.submission.id


async def _status(bot: BotDriver, submission_id: int) -> str:
    return str(
        await bot.db.fetchval(
            "SELECT status FROM link_checks WHERE submission_id = ?", (submission_id,)
        )
    )


def _labels(bot: BotDriver, who: int) -> list[str]:
    return [label for row in bot.sandbox.messages(who)[-1].button_labels() for label in row]


async def test_reports_are_answered_and_marked_in_review_recap_and_excel(
    bot: BotDriver, platforms: FakePlatforms
) -> None:
    coordinator, asep, budi, briefing_id = await _world(bot)
    answer = await _report_by_button(bot, asep, briefing_id, "https://youtu.be/found000001")
    assert "L0001" in answer  # the receipt, at once
    first = int(await bot.db.fetchval("SELECT id FROM submissions WHERE receipt = 'L0001'"))
    assert await _status(bot, first) == "verified"
    assert platforms.requests[0] == "https://youtube.com/watch?v=found000001"
    reporter = await officer(bot, budi)
    missing = await _link(
        bot, reporter, briefing_id, "https://www.tiktok.com/@nohash/video/7312345678902"
    )
    gone = await _link(bot, reporter, briefing_id, "https://x.com/gone/status/9990001")
    # A check left queued (a restart) is taken up by the scheduler's tick.
    await bot.db.execute(
        "UPDATE link_checks SET status = 'queued', attempts = 0, next_attempt_at = ?"
        " WHERE submission_id = ?",
        (to_db(bot.clock.now()), gone),
    )
    assert await _verifier(bot).run_due() == 1
    await _verifier(bot).wait_idle()
    assert [await _status(bot, i) for i in (missing, gone)] == ["hashtag_missing", "unchecked"]

    card = joined(await bot.say(coordinator, "/tinjau"))
    assert "Pemeriksaan otomatis: ✔ terverifikasi · akun Desa Wanaherang" in card
    await bot.press(coordinator, "Lewati »")
    assert "⚠ tagar tidak ditemukan" in last_text(bot, coordinator)
    await bot.press(coordinator, "Lewati »")
    assert "? tidak dapat diperiksa" in last_text(bot, coordinator)

    # /rekap: the briefing, then the desa's drill-down with its report lines.
    await bot.say(coordinator, "/rekap")
    await bot.press(coordinator, next(x for x in _labels(bot, coordinator) if "Vaksinasi" in x))
    await bot.press(coordinator, next(x for x in _labels(bot, coordinator) if "Bojongkulur" in x))
    drill = last_text(bot, coordinator)
    assert "⚠ tagar tidak ditemukan" in drill and "? tidak dapat diperiksa" in drill

    # The Excel file: a "Pemeriksaan" column on the reports' sheet.
    viewer = await officer(bot, coordinator)
    recap = await recap_db.briefing_recap(bot.db, viewer, briefing_id, bot.clock.now())
    assert recap is not None
    data = recap_files.briefing_excel(recap, "id", bot.services.config.tz, None).data
    book = openpyxl.load_workbook(io.BytesIO(data))
    tables = [list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets]
    rows = next(rows for rows in tables if rows and "Pemeriksaan" in rows[0])
    column = rows[0].index("Pemeriksaan")
    marks = sorted(str(row[column]) for row in rows[1:])
    assert marks == ["? tidak dapat diperiksa", "⚠ tagar tidak ditemukan", "✔ terverifikasi"]


async def test_a_report_stands_when_the_check_fails(
    bot: BotDriver, platforms: FakePlatforms
) -> None:
    _, asep, _, briefing_id = await _world(bot)
    await platforms.stop()  # nothing answers any more
    answer = await _report_by_button(bot, asep, briefing_id, "https://youtu.be/found000002")
    assert "L0001" in answer and "kesalahan" not in answer.lower()
    submission = int(await bot.db.fetchval("SELECT id FROM submissions"))
    assert await bot.db.fetchval(
        "SELECT status FROM assignments WHERE briefing_id = ? AND status = 'done'", (briefing_id,)
    )
    row = await bot.db.fetchone(
        "SELECT status, attempts, next_attempt_at FROM link_checks WHERE submission_id = ?",
        (submission,),
    )
    assert row is not None
    # Could not be checked, and tried again later (a passing failure).
    assert (row["status"], row["attempts"]) == ("unchecked", 1)
    assert row["next_attempt_at"] is not None


async def test_approve_all_verified(bot: BotDriver) -> None:
    coordinator, asep, budi, briefing_id = await _world(bot)
    people = [await officer(bot, user) for user in (asep, budi)]
    verified = [
        await _link(bot, people[0], briefing_id, "https://youtu.be/found000003"),
        await _link(bot, people[1], briefing_id, "https://youtu.be/found000004"),
    ]
    missing = await _link(
        bot, people[1], briefing_id, "https://www.tiktok.com/@nohash/video/7312345678903"
    )
    await bot.say(coordinator, "/tinjau")
    labels = _labels(bot, coordinator)
    assert "✅ Setujui semua tautan yang lolos pemeriksaan (3)" in labels
    assert "✔ Setujui semua yang terverifikasi (2)" in labels
    await bot.press(coordinator, "✔ Setujui semua yang terverifikasi (2)")
    assert "2</b> tautan yang terverifikasi" in (bot.sandbox.messages(coordinator)[-1].text or "")
    await bot.press(coordinator, "✅ Ya, setujui 2")
    await settle(bot)
    statuses = [
        await bot.db.fetchval("SELECT status FROM submissions WHERE id = ?", (i,))
        for i in (*verified, missing)
    ]
    assert statuses == ["disetujui", "disetujui", "diterima"]
    assert any("disetujui" in text for text in texts(bot, asep))


async def test_requests_about_one_platform_are_spaced(
    bot: BotDriver, platforms: FakePlatforms
) -> None:
    config = LinksConfig.model_validate({**_links(platforms), "interval": 3600})
    verifier = LinkVerifier(bot.db, bot.clock, config)
    try:
        first = await verifier.examine(
            PendingCheck(0, "https://youtube.com/watch?v=found000005", "youtube", HASHTAGS, 0)
        )
        assert first.outcome.status == "verified"
        held = asyncio.create_task(
            verifier.examine(
                PendingCheck(0, "https://youtube.com/watch?v=found000006", "youtube", "", 0)
            )
        )
        other = await verifier.examine(
            PendingCheck(0, "https://tiktok.com/@desa/video/7312345678909", "tiktok", "", 0)
        )
        assert other.outcome.status == "verified"  # another platform is not held back
        assert not held.done()  # the second YouTube request waits for its turn
        assert "https://youtube.com/watch?v=found000006" not in platforms.requests
        held.cancel()
        with pytest.raises(asyncio.CancelledError):
            await held
    finally:
        await verifier.stop()
