"""The briefing form's material upload and its tag and picked-unit audiences: the chat
composer's own functions, limits and scope (see bot/webapp/form_material.py)."""

from __future__ import annotations

import json

import aiohttp
import pytest

from db import audience as audience_db
from db import briefings as briefings_db
from db import units as units_db
from db.audience import Audience
from db.audit import Actor
from tests import webapp_support
from tests.factories import KARADENAN, PONDOK_RAJEG, settle, unit_id_in
from tests.webapp_support import CIANGSANA, World, call, png

app = webapp_support.app
world = webapp_support.world
COORDINATOR = "Koordinator Gunungputri"


def upload(name: str, data: bytes, content_type: str = "image/png") -> aiohttp.FormData:
    body = aiohttp.FormData()
    body.add_field("file", data, filename=name, content_type=content_type)
    return body


def form(world: World, **fields: object) -> dict[str, object]:
    return {
        "program_id": world.program_id,
        "title": "Posyandu",
        "key_message": "Datang ke posyandu.",
        "targets": {"kind": "scope"},
        "deadline": "2026-12-10T16:00",
        **fields,
    }


async def _attachments(world: World) -> list[briefings_db.Attachment]:
    draft = await briefings_db.draft_of(world.bot.db, world[COORDINATOR].id)
    return [] if draft is None else await briefings_db.attachments(world.bot.db, draft.id)


async def test_a_file_goes_into_the_chat_and_onto_the_draft_then_into_the_preview(
    world: World,
) -> None:
    bot = world.bot
    headers = world.headers(COORDINATOR)
    chat = world[COORDINATOR].telegram_id
    status, answer = await call(
        bot, "POST", "/api/form/material", headers, data=upload("poster.png", png())
    )
    assert status == 200, answer
    assert answer == {"message": "Materi disimpan: 1 dari paling banyak 10.", "count": 1}
    sent = bot.sandbox.messages(chat)[-1]
    assert sent.media_type == "photo" and sent.plain_text == "📎 Materi untuk draf briefing"
    [kept] = await _attachments(world)
    assert kept.media_type == "photo" and kept.file_id == sent.file_id
    status, answer = await call(
        bot, "POST", "/api/form/material", headers, data=upload("a.pdf", b"%PDF-1.4\n")
    )
    assert status == 200 and answer["count"] == 2
    assert bot.sandbox.messages(chat)[-1].media_type == "document"
    status, choices = await call(bot, "GET", "/api/form", headers)
    assert choices["limits"]["attachments"] == 10 and choices["limits"]["material_mb"] == 20
    before = len(bot.sandbox.messages(chat))
    status, answer = await call(bot, "POST", "/api/form/preview", headers, json=form(world))
    assert status == 200, answer
    await settle(bot)
    preview = bot.sandbox.messages(chat)[before:]
    assert [m.file_id for m in preview if m.media_type] == [
        kept.file_id,
        (await _attachments(world))[1].file_id,
    ]
    assert "Itulah briefing" in preview[-1].plain_text


async def test_what_is_not_material_or_too_big_is_refused_and_nothing_is_kept(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    bot = world.bot
    headers = world.headers(COORDINATOR)
    chat = world[COORDINATOR].telegram_id
    before = len(bot.sandbox.messages(chat))
    status, answer = await call(
        bot,
        "POST",
        "/api/form/material",
        headers,
        data=upload("tool.exe", b"MZ", "application/x-msdownload"),
    )
    assert status == 422 and answer["error"] == "Materi harus berupa foto, video, PDF atau dokumen."
    status, _ = await call(bot, "POST", "/api/form/material", headers, json={"file": "x"})
    assert status == 400
    monkeypatch.setattr(bot.services.config.files, "max_bytes", 1024 * 1024)
    status, answer = await call(
        bot,
        "POST",
        "/api/form/material",
        headers,
        data=upload("big.png", png() + b"\0" * 1024 * 1024),
    )
    assert status == 413 and answer["error"] == "Berkas terlalu besar: paling besar 1 MB."
    status, _ = await call(
        bot,
        "POST",
        "/api/form/material",
        world.headers("Petugas Wanaherang"),
        data=upload("p.png", png()),
    )
    assert status == 403
    await settle(bot)
    assert len(bot.sandbox.messages(chat)) == before and await _attachments(world) == []


async def test_the_composers_limit_of_materials_holds(world: World) -> None:
    bot = world.bot
    headers = world.headers(COORDINATOR)
    draft = await briefings_db.start_draft(bot.db, world[COORDINATOR].id, bot.clock.now())
    for n in range(briefings_db.MAX_ATTACHMENTS):
        await briefings_db.add_attachment(bot.db, draft.id, "photo", f"kept{n}", bot.clock.now())
    status, answer = await call(
        bot, "POST", "/api/form/material", headers, data=upload("p.png", png())
    )
    assert (
        status == 422 and answer["error"] == "Terlalu banyak: maksimal 10. Kurangi lalu kirim lagi."
    )
    assert len(await _attachments(world)) == briefings_db.MAX_ATTACHMENTS


async def test_a_tag_audience_and_picked_units_are_the_composers_audiences(world: World) -> None:
    bot = world.bot
    db = bot.db
    viewer = world[COORDINATOR]
    headers = world.headers(COORDINATOR)
    ciangsana, pondok = await unit_id_in(db, CIANGSANA), await unit_id_in(db, PONDOK_RAJEG)
    for unit in (ciangsana, pondok):
        await units_db.set_tags(db, unit, ["Pesisir"], bot.clock.now(), Actor.cli())
    await units_db.set_tags(
        db, await unit_id_in(db, KARADENAN), ["Kota"], bot.clock.now(), Actor.cli()
    )
    status, choices = await call(bot, "GET", "/api/form", headers)
    assert choices["tags"] == await audience_db.tags_in_scope(db, viewer) == ["pesisir"]
    status, answer = await call(
        bot,
        "POST",
        "/api/form/preview",
        headers,
        json=form(world, targets={"kind": "tag", "tag": "Kota"}),
    )
    assert status == 422 and "targets" in answer["errors"]  # Karadenan is outside Gunungputri
    status, answer = await call(
        bot,
        "POST",
        "/api/form/preview",
        headers,
        json=form(world, targets={"kind": "tag", "tag": " Pesisir "}),
    )
    assert status == 200, answer
    chat_audience = Audience("tag", tag="pesisir")
    draft = await briefings_db.draft_of(db, viewer.id)
    assert draft is not None and draft.targets == json.loads(chat_audience.to_json())
    reach = await audience_db.resolve(db, viewer, chat_audience, briefing=True)
    assert reach.unit_ids == (ciangsana,)
    await settle(bot)
    assert "1 unit" in bot.sandbox.messages(viewer.telegram_id)[-1].plain_text
    status, answer = await call(
        bot,
        "POST",
        "/api/form/preview",
        headers,
        json=form(world, targets={"kind": "units", "unit_ids": [pondok]}),
    )
    assert status == 422 and answer["errors"]["targets"].startswith("Pilihan itu tidak mencakup")
    regency = world.headers("Koordinator Kabupaten")
    status, choices = await call(bot, "GET", "/api/form", regency)
    labels = {unit["label"] for unit in choices["units"]}
    assert {"Desa Ciangsana", "Kelurahan Pondok Rajeg"} <= labels
    status, answer = await call(
        bot,
        "POST",
        "/api/form/preview",
        regency,
        json=form(world, targets={"kind": "units", "unit_ids": [pondok]}),
    )
    assert status == 200, answer
