"""The Mini App's server over plain HTTP: Telegram's signature, the guard's rules, the scope,
the recap's own figures, the chat's actions, bad input (see tests/webapp_support.py)."""

from __future__ import annotations

import gzip
import io
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import parse_qs, parse_qsl, urlencode, urlsplit

import aiohttp
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.core.config import WebAppConfig
from bot.core.init_data import InitDataError, verify
from bot.devtools.demo_core_loop import COORDINATOR
from bot.devtools.demo_webapp import scene_dashboard
from bot.devtools.driver import BotDriver
from bot.devtools.init_data import sign_init_data
from db import recap
from handlers.menus import sync_all_menus
from tests import webapp_support
from tests.conftest import START
from tests.factories import CIBINONG, KARADENAN, PONDOK_RAJEG, settle, unit_id_in
from tests.webapp_support import HEADER, PUBLIC_URL, World, call, local_url

GET_ENDPOINTS = [
    "/api/session",
    "/api/briefings",
    "/api/recap?period=this_month",
    "/api/form",
]


app = webapp_support.app
world = webapp_support.world


def every_endpoint(world: World) -> list[tuple[str, str, dict[str, object] | None]]:
    briefing = world.briefing_id
    return [
        *(("GET", path, None) for path in GET_ENDPOINTS),
        ("GET", f"/api/recap?briefing={briefing}", None),
        ("POST", "/api/remind", {"briefing_id": briefing}),
        ("POST", "/api/excel", {"briefing_id": briefing}),
        ("POST", "/api/form/preview", {"title": "x"}),
    ]


# ---- initData ----------------------------------------------------------------------------


def test_the_checker_accepts_what_the_helper_signs_and_nothing_else() -> None:
    token, now = "123456:ABCdef", START
    signed = sign_init_data(token, 42, now, language_code="en")
    user = verify(signed, token, now)
    assert (user.telegram_id, user.language_code) == (42, "en")
    fields = dict(parse_qsl(signed))
    edited = urlencode({**fields, "user": fields["user"].replace("42", "43")})
    for forged in (
        "",
        signed.replace("hash=", "hash=0"),
        edited,
        sign_init_data("123456:Other", 42, now),
        signed + "&extra=1",
        "hash=abc",
        "%%%",
    ):
        with pytest.raises(InitDataError):
            verify(forged, token, now)
    with pytest.raises(InitDataError):
        verify(signed, token, now + timedelta(hours=1, seconds=1))
    assert verify(signed, token, now + timedelta(minutes=59)).telegram_id == 42


async def test_no_valid_signature_no_data(world: World) -> None:
    bot = world.bot
    good = world.init_data("Koordinator Gunungputri")
    fields = dict(parse_qsl(good))
    replayed_edited = urlencode({**fields, "auth_date": str(int(fields["auth_date"]) + 60)})
    expired = world.init_data("Koordinator Gunungputri", bot.clock.now() - timedelta(hours=2))
    other_token = sign_init_data(
        "999:Nope", world["Koordinator Gunungputri"].telegram_id, bot.clock.now()
    )
    stranger = sign_init_data(bot.sandbox.token, 777777, bot.clock.now())
    for method, path, body in every_endpoint(world):
        for headers in (
            {},
            {HEADER: ""},
            {HEADER: replayed_edited},
            {HEADER: expired},
            {HEADER: other_token},
            {HEADER: stranger},
        ):
            status, answer = await call(bot, method, path, headers, json=body)
            assert status == 401, (path, headers, answer)
            assert answer["error"]


async def test_an_officer_gets_403_and_an_inactive_coordinator_401(world: World) -> None:
    bot = world.bot
    for method, path, body in every_endpoint(world):
        status, answer = await call(
            bot, method, path, world.headers("Petugas Wanaherang"), json=body
        )
        assert status == 403, (path, answer)
        assert answer["error"] == "Dasbor ini hanya untuk koordinator."
    await bot.db.execute(
        "UPDATE officers SET status = 'inactive' WHERE id = ?", (world["Koordinator Cibinong"].id,)
    )
    status, _ = await call(bot, "GET", "/api/session", world.headers("Koordinator Cibinong"))
    assert status == 401


async def test_the_dashboard_shows_the_recaps_own_figures(world: World) -> None:
    bot = world.bot
    viewer = world["Koordinator Gunungputri"]
    status, session = await call(bot, "GET", "/api/session", world.headers(viewer.full_name))
    assert status == 200 and session["area"]["label"] == "Kecamatan Gunungputri"
    assert session["texts"]["webapp.tile.on_time"] == "Tepat waktu"
    status, answer = await call(
        bot, "GET", f"/api/recap?briefing={world.briefing_id}", world.headers(viewer.full_name)
    )
    assert status == 200
    expected = await recap.briefing_recap(bot.db, viewer, world.briefing_id, bot.clock.now())
    assert expected is not None
    assert answer["totals"]["targeted"] == expected.totals.targeted == 3
    assert (answer["totals"]["on_time"], answer["totals"]["late"], answer["totals"]["missing"]) == (
        1,
        1,
        1,
    )
    statuses = {unit["label"]: unit["status"] for unit in answer["units"]}
    assert statuses == {
        "Desa Wanaherang": "on_time",
        "Desa Bojongkulur": "late",
        "Desa Ciangsana": "missing",
    }
    wanaherang = next(unit for unit in answer["units"] if unit["label"] == "Desa Wanaherang")
    assert wanaherang["reports"][0]["url"].startswith("https://www.instagram.com/p/Dasbor")
    assert answer["can_remind"] is True and answer["unreported"] == 1


async def test_a_kecamatan_coordinator_never_gets_another_kecamatans_unit(world: World) -> None:
    bot = world.bot
    headers = world.headers("Koordinator Gunungputri")
    cibinong_units = {
        await unit_id_in(bot.db, code) for code in (CIBINONG, PONDOK_RAJEG, KARADENAN)
    }
    names = ("Cibinong", "Pondok Rajeg", "Karadenan")
    for method, path, body in every_endpoint(world):
        status, answer = await call(bot, method, path, headers, json=body)
        assert status < 500, (path, answer)
        assert not any(name in str(answer) for name in names), (path, answer)
    for unit_id in cibinong_units:
        scoped: tuple[tuple[str, str, dict[str, object] | None], ...] = (
            ("GET", f"/api/recap?briefing={world.briefing_id}&area={unit_id}", None),
            ("GET", f"/api/recap?period=this_month&area={unit_id}", None),
            ("POST", "/api/excel", {"briefing_id": world.briefing_id, "area": unit_id}),
        )
        for method, path, body in scoped:
            status, answer = await call(bot, method, path, headers, json=body)
            assert status == 403, (path, answer)
            assert not any(name in str(answer) for name in names)
    await settle(bot)
    documents = [
        m
        for m in bot.sandbox.messages(world["Koordinator Gunungputri"].chat_id or 0)
        if m.media_type == "document"
    ]
    assert len(documents) == 1  # the one Excel of the walk, of Gunungputri


async def test_the_regency_drills_into_a_kecamatan(world: World) -> None:
    bot = world.bot
    headers = world.headers("Koordinator Kabupaten")
    status, answer = await call(bot, "GET", f"/api/recap?briefing={world.briefing_id}", headers)
    assert status == 200 and answer["totals"]["targeted"] == 5
    gunungputri = next(
        group for group in answer["groups"] if group["label"] == "Kecamatan Gunungputri"
    )
    assert gunungputri["drill"] and gunungputri["percent"] == 67
    status, inside = await call(
        bot, "GET", f"/api/recap?briefing={world.briefing_id}&area={gunungputri['id']}", headers
    )
    assert status == 200 and inside["totals"]["targeted"] == 3
    assert inside["up"]["label"] == "Kabupaten Bogor" and inside["can_remind"] is False


async def test_remind_goes_through_the_chat_buttons_code(world: World) -> None:
    bot = world.bot
    headers = world.headers("Koordinator Gunungputri")
    status, answer = await call(
        bot, "POST", "/api/remind", headers, json={"briefing_id": world.briefing_id}
    )
    assert status == 200 and answer["people"] == 1
    await settle(bot)
    texts = [m.plain_text for m in bot.sandbox.messages(world["Petugas Ciangsana"].chat_id or 0)]
    assert any("Pengingat dari koordinator" in text for text in texts)
    for name in ("Petugas Wanaherang", "Petugas Pondok Rajeg"):
        person = world[name]
        assert not any(
            "Pengingat dari koordinator" in m.plain_text
            for m in bot.sandbox.messages(person.chat_id or 0)
        )
    status, again = await call(
        bot, "POST", "/api/remind", headers, json={"briefing_id": world.briefing_id}
    )
    assert status == 409 and "Bisa lagi setelah" in again["error"]
    rows = await bot.db.fetchval("SELECT count(*) FROM recap_reminders")
    assert rows == 1


async def test_what_does_not_parse_is_a_400(world: World) -> None:
    bot = world.bot
    headers = world.headers("Koordinator Gunungputri")
    for method, path, kwargs in (
        ("GET", "/api/recap", {}),
        ("GET", "/api/recap?briefing=abc", {}),
        ("GET", "/api/recap?briefing=1&period=this_week", {}),
        ("GET", "/api/recap?period=someday", {}),
        ("GET", "/api/recap?briefing=99999999999999999999999", {}),
        ("POST", "/api/remind", {"data": b"not json"}),
        ("POST", "/api/remind", {"json": [1, 2]}),
        ("POST", "/api/remind", {"json": {"briefing_id": "x"}}),
        ("POST", "/api/remind", {"json": {"briefing_id": 1, "more": 2}}),
        ("POST", "/api/excel", {"json": {}}),
        ("POST", "/api/form/preview", {"json": {"deadline": "besok"}}),
        ("POST", "/api/form/preview", {"json": {"targets": {"kind": "everyone"}}}),
        ("POST", "/api/form/preview", {"data": b"{" * 70000}),
    ):
        status, answer = await call(bot, method, path, headers, **kwargs)
        assert status == 400, (path, kwargs, answer)


async def test_the_page_is_compressed_and_the_menu_button_opens_it(world: World) -> None:
    bot = world.bot
    async with aiohttp.ClientSession(auto_decompress=False) as session:
        for path in ("/", "/static/app.js", "/static/app.css", "/static/form.js"):
            async with session.get(
                local_url(bot) + path, headers={"Accept-Encoding": "gzip"}
            ) as response:
                assert response.status == 200
                assert response.headers["Content-Encoding"] == "gzip"
                assert gzip.decompress(await response.read())
        async with session.get(local_url(bot) + "/static/../server.py") as response:
            assert response.status == 404
    # The command menu's sync sets the menu button too (its signature holds webapp.url).
    assert bot.app is not None
    assert await sync_all_menus(bot.app.bot, bot.db, pause=0, dashboard=PUBLIC_URL) == 7
    for name in ("Koordinator Gunungputri", "Koordinator Kabupaten"):
        button = bot.sandbox.menu_button(world[name].chat_id)
        assert button == {
            "type": "web_app",
            "text": "📊 Dasbor",
            "web_app": {"url": f"{PUBLIC_URL}/"},
        }
    assert bot.sandbox.menu_button(world["Petugas Wanaherang"].chat_id) == {"type": "default"}
    assert await sync_all_menus(bot.app.bot, bot.db, pause=0, dashboard=PUBLIC_URL) == 0
    # A coordinator who becomes an officer gets Telegram's default button back.
    coordinator = world["Koordinator Cibinong"]
    await bot.db.execute("UPDATE officers SET role = 'officer' WHERE id = ?", (coordinator.id,))
    assert await sync_all_menus(bot.app.bot, bot.db, pause=0, dashboard=PUBLIC_URL) == 1
    assert bot.sandbox.menu_button(coordinator.chat_id) == {"type": "default"}


async def test_a_new_coordinators_chat_gets_the_button_when_they_join(app: BotDriver) -> None:
    user = await app.join("Rina", "32.01.02", "coordinator")
    assert app.sandbox.menu_button(user)["type"] == "web_app"
    officer_user = await app.join("Budi", "32.01.02.2001")
    assert app.sandbox.menu_button(officer_user) == {"type": "default"}


async def test_off_unless_a_url_is_set(bot: BotDriver) -> None:
    assert bot.services.webapp is None


async def test_a_recap_in_the_chat_has_a_button_that_opens_the_dashboard(world: World) -> None:
    bot = world.bot
    coordinator = world["Koordinator Gunungputri"]
    await bot.say(coordinator.telegram_id, "/rekap")
    await bot.press(coordinator.telegram_id, f"#{world.briefing_id} Vaksinasi Anak")
    markup = bot.sandbox.last_message(coordinator.telegram_id).reply_markup
    assert markup is not None
    opened = [
        button["web_app"]["url"]
        for row in markup["inline_keyboard"]
        for button in row
        if "web_app" in button
    ]
    area = await unit_id_in(bot.db, "32.01.02")
    assert opened == [f"{PUBLIC_URL}/?briefing={world.briefing_id}&area={area}"]


async def test_the_demo_scene_prints_a_signed_address_that_opens(world: World) -> None:
    bot = world.bot
    out = io.StringIO()
    script = SimpleNamespace(
        bot=bot,
        out=out,
        people={COORDINATOR: world["Koordinator Gunungputri"].telegram_id},
        scene=lambda title: print(title, file=out),
        note=lambda text: print(text, file=out),
    )
    await scene_dashboard(script)
    transcript = out.getvalue()
    assert "targeted 3, on time 1, late 1, missing 1" in transcript
    url = transcript.split()[-1]
    assert url.startswith(local_url(bot) + "/#tgWebAppData=")
    init_data = parse_qs(urlsplit(url).fragment)["tgWebAppData"][0]
    status, session = await call(bot, "GET", "/api/session", {HEADER: init_data})
    assert status == 200 and session["name"] == "Koordinator Gunungputri"


def test_the_caddy_example_serves_the_mini_app_where_the_bot_listens() -> None:
    text = (Path(__file__).resolve().parent.parent / "deploy" / "Caddyfile").read_text()
    assert f"reverse_proxy 127.0.0.1:{WebAppConfig().port}" in text
    assert "handle_path /app/*" in text
    assert WebAppConfig(url="https://bot.example.go.id/app").url.endswith("/app")
    with pytest.raises(ValueError):
        WebAppConfig(url="http://bot.example.go.id/app")


def form(world: World, **fields: object) -> dict[str, object]:
    return {
        "program_id": world.program_id,
        "title": "Posyandu",
        "key_message": "Datang ke posyandu.",
        "targets": {"kind": "scope"},
        "deadline": "2026-12-10T16:00",
        **fields,
    }


async def test_the_form_applies_the_composers_rules_field_by_field(world: World) -> None:
    bot = world.bot
    headers = world.headers("Koordinator Gunungputri")
    status, choices = await call(bot, "GET", "/api/form", headers)
    assert status == 200 and choices["draft"] is None
    assert {unit["label"] for unit in choices["units"]} >= {"Desa Wanaherang", "Desa Ciangsana"}
    assert choices["kecamatan"] == []
    pondok = await unit_id_in(bot.db, PONDOK_RAJEG)
    status, answer = await call(
        bot,
        "POST",
        "/api/form/preview",
        headers,
        json=form(
            world,
            program_id=999,
            title="x" * 121,
            key_message=" ",
            targets={"kind": "units", "unit_ids": [pondok]},
            deadline="2026-12-01T10:00",
            points="\n".join(f"poin {n}" for n in range(11)),
            formats=["lukisan"],
            demographic="x" * 41,
        ),
    )
    assert status == 422
    assert answer["errors"] == {
        "program_id": "Wajib diisi.",
        "title": "Terlalu panjang: maksimal 120 karakter (per baris/label). Persingkat lalu kirim lagi.",
        "key_message": "Isinya kosong. Ketik lagi, atau tekan Kembali.",
        "points": "Terlalu banyak: maksimal 10. Kurangi lalu kirim lagi.",
        "formats": "Isian tidak sah.",
        "demographic": "Terlalu panjang: maksimal 40 karakter (per baris/label). Persingkat lalu kirim lagi.",
        "targets": "Pilihan itu tidak mencakup unit mana pun di wilayah Anda. Pilih cara lain.",
        "deadline": "Tenggat harus di masa depan.",
    }
    assert await bot.db.fetchval("SELECT count(*) FROM briefings WHERE status = 'draft'") == 0
    ciangsana = await unit_id_in(bot.db, "32.01.02.2003")
    status, answer = await call(
        bot,
        "POST",
        "/api/form/preview",
        headers,
        json=form(world, targets={"kind": "units", "unit_ids": [ciangsana, pondok]}),
    )
    assert status == 200, answer
    status, choices = await call(bot, "GET", "/api/form", headers)
    assert choices["draft"]["targets"] == {"kind": "units", "unit_ids": [ciangsana, pondok]}
    assert choices["draft"]["deadline"] == "2026-12-10T16:00"
    await settle(bot)
    preview = bot.sandbox.messages(world["Koordinator Gunungputri"].telegram_id)[-1]
    assert "1 unit" in preview.plain_text  # Pondok Rajeg is outside the scope: left out


async def test_the_period_excel_goes_into_the_chat(world: World) -> None:
    bot = world.bot
    headers = world.headers("Koordinator Gunungputri")
    status, answer = await call(bot, "POST", "/api/excel", headers, json={"period": "this_month"})
    assert status == 200 and answer["message"] == "File Excel dikirim ke chat bot."
    await settle(bot)
    sent = bot.sandbox.messages(world["Koordinator Gunungputri"].telegram_id)[-1]
    assert sent.media_type == "document" and "Gunungputri" in sent.plain_text


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=5)
    ),
    max_leaves=12,
)
_FIELDS = st.sampled_from(
    [
        "briefing",
        "period",
        "area",
        "briefing_id",
        "program_id",
        "title",
        "targets",
        "deadline",
        "kind",
    ]
)


@settings(
    max_examples=120,
    deadline=None,
    database=None,  # one running bot per test
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(draw=st.data())
async def test_whatever_the_page_sends_is_never_a_500(world: World, draw: st.DataObject) -> None:
    bot = world.bot
    headers = world.headers("Koordinator Gunungputri")
    method, path, _ = draw.draw(st.sampled_from(every_endpoint(world)), label="endpoint")
    if method == "GET":
        query = draw.draw(st.dictionaries(_FIELDS, st.text(max_size=25), max_size=3), label="query")
        status, answer = await call(bot, "GET", path.split("?")[0], headers, params=query)
    else:
        shape = st.dictionaries(_FIELDS | st.text(max_size=8), _JSON, max_size=6) | _JSON
        body = draw.draw(shape, label="body")
        status, answer = await call(bot, "POST", path, headers, json=body)
    assert status in (200, 400, 403, 404, 409, 422), (path, answer)
    assert "Cibinong" not in str(answer) and "Pondok Rajeg" not in str(answer)
