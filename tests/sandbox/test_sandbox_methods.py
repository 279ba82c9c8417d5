"""The sandbox's Bot API methods through real HTTP (PTB and httpx): sending, updates, edits,
files, a PTB Application end to end, the control API and the formatting parsers."""

from __future__ import annotations

import asyncio

import httpx
import pytest
import telegram
from telegram import ReplyKeyboardMarkup, Update
from telegram.error import BadRequest, InvalidToken, NetworkError
from telegram.ext import ApplicationBuilder, CallbackQueryHandler, CommandHandler, ContextTypes

from bot.devtools.sandbox import SandboxServer, render_message
from bot.devtools.sandbox.html_parser import parse_html
from bot.devtools.sandbox.images import solid_png
from bot.devtools.sandbox.markdown_parser import parse_markdown_v2
from bot.devtools.sandbox.text_entities import EntityParseError
from tests.sandbox.support import KEYBOARD

# PTB itself warns about RetryAfter.retry_after's future type whenever it raises RetryAfter.
pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")


# ---- basics ---------------------------------------------------------------------------------


async def test_get_me(tg: telegram.Bot, sb: SandboxServer) -> None:
    me = await tg.get_me()
    assert me.is_bot and me.id == sb.bot_id and me.username == "humas_sandbox_bot"
    assert sb.stats.requests["getMe"] >= 1


async def test_send_with_keyboard_and_read_back(
    tg: telegram.Bot, sb: SandboxServer, user: int
) -> None:
    msg = await tg.send_message(
        user, "<b>Halo</b> &amp; selamat <i>datang</i>", parse_mode="HTML", reply_markup=KEYBOARD
    )
    assert msg.text == "Halo & selamat datang"
    assert [(e.type, e.offset, e.length) for e in msg.entities] == [
        ("bold", 0, 4),
        ("italic", 15, 6),
    ]
    assert msg.reply_markup == KEYBOARD and msg.chat.first_name == "Budi"
    assert msg.from_user is not None and msg.from_user.is_bot

    sent = sb.last_message(user)
    assert (
        sent.message_id == msg.message_id
        and sent.method == "sendMessage"
        and sent.parse_mode == "HTML"
    )
    assert sent.text is not None and sent.text.startswith("<b>Halo</b>")
    assert sent.button_labels() == [["Ya", "Tidak"], ["Situs"]]
    assert sent.buttons() == [
        ("Ya", "answer:yes"),
        ("Tidak", "answer:no"),
        ("Situs", "https://example.org"),
    ]
    assert render_message(sent) == "Halo & selamat datang\n[ Ya ] [ Tidak ]\n[ Situs ]"
    assert sb.stats.sent_per_chat[user] == 1


async def test_reply_keyboard_not_echoed_and_ids_increase(
    tg: telegram.Bot, sb: SandboxServer, user: int
) -> None:
    first = await tg.send_message(user, "satu", reply_markup=ReplyKeyboardMarkup([["A", "B"]]))
    second = await tg.send_message(user, "dua", reply_to_message_id=first.message_id)
    assert first.reply_markup is None and second.message_id == first.message_id + 1
    assert second.reply_to_message is not None and second.reply_to_message.text == "satu"
    assert sb.messages(user)[0].button_labels() == [["A", "B"]]


async def test_wire_formats_and_errors(sb: SandboxServer, tg: telegram.Bot) -> None:
    api = f"{sb.base_url}{sb.token}"
    uid = sb.add_user("Kabel")
    async with httpx.AsyncClient() as client:
        wrong = await client.post(f"{sb.base_url}999:WRONG/getMe")
        assert wrong.status_code == 401
        assert wrong.json() == {"ok": False, "error_code": 401, "description": "Unauthorized"}
        missing = await client.post(f"{api}/noSuchMethod")
        assert missing.status_code == 404 and missing.json()["description"] == "Not Found"
        as_json = await client.post(f"{api}/sendMessage", json={"chat_id": 42, "text": "x"})
        assert as_json.status_code == 400
        assert as_json.json()["description"] == "Bad Request: chat not found"
        by_query = await client.get(f"{api}/sendMessage", params={"chat_id": uid, "text": "q"})
        assert by_query.json()["result"]["text"] == "q"
        sb.force_retry_after(3)
        limited = await client.post(f"{api}/sendMessage", data={"chat_id": uid, "text": "f"})
        assert limited.status_code == 429
        assert limited.json() == {
            "ok": False,
            "error_code": 429,
            "description": "Too Many Requests: retry after 3",
            "parameters": {"retry_after": 3},
        }
    with pytest.raises(InvalidToken):
        async with telegram.Bot("999:WRONG", base_url=sb.base_url) as wrong_bot:
            await wrong_bot.get_me()


# ---- updates ----------------------------------------------------------------------------------


async def test_long_poll_wakes_on_injected_command(
    tg: telegram.Bot, sb: SandboxServer, user: int
) -> None:
    poll = asyncio.create_task(tg.get_updates(timeout=5))
    await asyncio.sleep(0.05)
    assert not poll.done()
    update_id = sb.send_text(user, "/start kode123")
    (update,) = await asyncio.wait_for(poll, 2)
    message = update.message
    assert message is not None
    assert update.update_id == update_id and message.text == "/start kode123"
    (entity,) = message.entities
    assert (entity.type, entity.offset, entity.length) == ("bot_command", 0, 6)


async def test_group_command_with_bot_name(tg: telegram.Bot, sb: SandboxServer, user: int) -> None:
    group = sb.add_group("Humas", [user])
    sb.send_text(user, "/help@humas_sandbox_bot", chat_id=group)
    (update,) = await tg.get_updates()
    message = update.message
    assert message is not None
    assert message.chat.type == "supergroup" and message.chat.id == group
    assert message.entities[0].length == len("/help@humas_sandbox_bot")
    with pytest.raises(ValueError):
        sb.send_text(sb.add_user("Orang Luar"), "hai", chat_id=group)


async def test_offset_confirms_updates(tg: telegram.Bot, sb: SandboxServer, user: int) -> None:
    first = sb.send_text(user, "satu")
    second = sb.send_photo(user, caption="foto")
    assert [u.update_id for u in await tg.get_updates()] == [first, second]
    assert [u.update_id for u in await tg.get_updates()] == [first, second]  # unconfirmed: again
    updates = await tg.get_updates(offset=second)
    assert [u.update_id for u in updates] == [second]
    photo = updates[0].message
    assert photo is not None and photo.photo[-1].width == 320
    assert await tg.get_updates(offset=second + 1) == ()
    assert sb.pending_updates == []


async def test_webhook_blocks_polling(tg: telegram.Bot, sb: SandboxServer) -> None:
    await tg.set_webhook("https://example.org/hook", secret_token="s3cret")
    assert sb.webhook is not None and sb.webhook["url"] == "https://example.org/hook"
    with pytest.raises(telegram.error.Conflict):
        await tg.get_updates()
    await tg.delete_webhook()
    assert sb.webhook is None and await tg.get_updates() == ()


async def test_press_button_and_answer(tg: telegram.Bot, sb: SandboxServer, user: int) -> None:
    msg = await tg.send_message(user, "Pilih", reply_markup=KEYBOARD)
    await tg.send_message(user, "tanpa tombol")
    update_id = sb.press_button(user, "Tidak")
    (update,) = await tg.get_updates()
    query = update.callback_query
    assert query is not None and query.message is not None
    assert update.update_id == update_id and query.data == "answer:no"
    assert query.message.message_id == msg.message_id and query.from_user.id == user
    await query.answer("Tercatat", show_alert=True)
    assert sb.callback_answers == [
        {
            "callback_query_id": query.id,
            "text": "Tercatat",
            "show_alert": True,
            "url": None,
            "cache_time": None,
        }
    ]
    with pytest.raises(BadRequest, match="(?i)query is too old"):
        await query.answer()
    with pytest.raises(LookupError, match="Ya"):
        sb.press_button(user, "Mungkin")
    sb.press_callback(user, msg.message_id, "forged:data")
    forged = (await tg.get_updates(offset=update_id + 1))[0].callback_query
    assert forged is not None and forged.data == "forged:data"


async def test_edits_and_deletes(tg: telegram.Bot, sb: SandboxServer, user: int) -> None:
    msg = await tg.send_message(user, "Pilih", reply_markup=KEYBOARD)
    with pytest.raises(BadRequest, match="(?i)not modified"):
        await tg.edit_message_text(
            "Pilih", chat_id=user, message_id=msg.message_id, reply_markup=KEYBOARD
        )
    edited = await tg.edit_message_text(
        "<i>Dipilih</i>", chat_id=user, message_id=msg.message_id, parse_mode="HTML"
    )
    assert isinstance(edited, telegram.Message)  # a bot's own message, not an inline one
    assert edited.text == "Dipilih" and edited.reply_markup is None and edited.edit_date is not None
    current = sb.last_message(user)
    assert current.edited and current.text == "<i>Dipilih</i>" and current.reply_markup is None
    await tg.edit_message_reply_markup(user, msg.message_id, reply_markup=KEYBOARD)
    assert sb.last_message(user).button_labels()[0] == ["Ya", "Tidak"]
    photo = await tg.send_photo(user, solid_png(4, 4), caption="lama")
    await tg.edit_message_caption(user, photo.message_id, caption="baru")
    assert render_message(sb.last_message(user)) == "(foto: baru)"
    assert await tg.delete_message(user, msg.message_id)
    assert sb.messages(user)[0].deleted
    with pytest.raises(BadRequest, match="(?i)message to edit not found"):
        await tg.edit_message_text("x", chat_id=user, message_id=msg.message_id)


async def test_copy_forward_media_group_commands(
    tg: telegram.Bot, sb: SandboxServer, user: int
) -> None:
    admin = sb.add_group("Admin", [user])
    sb.send_document(user, "laporan.pdf", b"%PDF-1.4 isi", caption="Laporan")
    (update,) = await tg.get_updates()
    report = update.message
    assert report is not None
    copied = await tg.copy_message(
        admin, user, report.message_id, caption="<b>Dari Budi</b>", parse_mode="HTML"
    )
    copy_msg = sb.last_message(admin)
    assert copied.message_id == copy_msg.message_id and copy_msg.media_type == "document"
    assert render_message(copy_msg) == "(dokumen laporan.pdf: Dari Budi)"
    forwarded = await tg.forward_message(admin, user, report.message_id)
    origin = forwarded.forward_origin
    assert isinstance(origin, telegram.MessageOriginUser) and origin.sender_user.id == user
    album = await tg.send_media_group(
        admin,
        [
            telegram.InputMediaPhoto(solid_png(2, 2), caption="a"),
            telegram.InputMediaPhoto(solid_png(2, 2)),
        ],
    )
    assert len(album) == 2 and album[0].media_group_id == album[1].media_group_id
    scope = telegram.BotCommandScopeChat(admin)
    await tg.set_my_commands([("rekap", "Rekap harian")], scope=scope, language_code="id")
    key = (f'{{"type":"chat","chat_id":{admin}}}', "id")
    assert sb.commands[key] == [{"command": "rekap", "description": "Rekap harian"}]
    assert (await tg.get_my_commands(scope=scope, language_code="id"))[0].command == "rekap"
    await tg.delete_my_commands(scope=scope, language_code="id")
    assert key not in sb.commands
    await tg.send_chat_action(admin, "typing")
    assert (await tg.get_chat(admin)).title == "Admin"


async def test_upload_photo_then_download(tg: telegram.Bot, sb: SandboxServer, user: int) -> None:
    png = solid_png(40, 30)
    msg = await tg.send_photo(user, png, caption="grafik", reply_markup=KEYBOARD)
    assert msg.reply_markup == KEYBOARD  # multipart: reply_markup arrives as a JSON string
    assert (msg.photo[-1].width, msg.photo[-1].height) == (40, 30)
    file = await tg.get_file(msg.photo[-1].file_id)
    assert file.file_path is not None and file.file_path.startswith(sb.base_file_url)
    assert file.file_size == len(png)
    assert bytes(await file.download_as_bytearray()) == png
    sb.send_document(user, "data.csv", b"a,b\n1,2\n")
    (update,) = await tg.get_updates()
    assert update.message is not None and update.message.document is not None
    upload = await update.message.document.get_file()
    assert bytes(await upload.download_as_bytearray()) == b"a,b\n1,2\n"


# ---- end to end with a PTB Application -------------------------------------------------------


async def test_application_round_trip_and_wait_idle(sb: SandboxServer, user: int) -> None:
    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text("Selamat datang!", reply_markup=KEYBOARD)

    async def choose(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None
        await query.answer()
        await query.edit_message_text(f"Pilihan: {query.data}")

    app = (
        ApplicationBuilder()
        .token(sb.token)
        .base_url(sb.base_url)
        .base_file_url(sb.base_file_url)
        .build()
    )
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CallbackQueryHandler(choose))
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0)
        sb.send_text(user, "/start")
        (welcome,) = await sb.wait_for_messages(user, 1)
        assert welcome.text == "Selamat datang!"
        sb.press_button(user, "Ya")
        await sb.wait_idle()
        assert sb.last_message(user).text == "Pilihan: answer:yes"
        assert len(sb.callback_answers) == 1 and sb.pending_updates == []
        await app.updater.stop()
        await app.stop()
    with pytest.raises(TimeoutError, match="expected 2 bot message"):
        await sb.wait_for_messages(user, 2, timeout=0.05, after=0)


# ---- control API and formatting ---------------------------------------------------------------


async def test_control_api(sb: SandboxServer, tg: telegram.Bot) -> None:
    async with httpx.AsyncClient(base_url=sb.control_url + "/") as client:
        uid = (await client.post("users", json={"first_name": "Rina"})).json()["id"]
        update = (await client.post("text", json={"user_id": uid, "text": "halo"})).json()[
            "update_id"
        ]
        (received,) = await tg.get_updates()
        message = received.message
        assert message is not None and message.from_user is not None
        assert received.update_id == update and message.from_user.first_name == "Rina"
        await tg.send_message(uid, "balasan", reply_markup=KEYBOARD)
        (msg,) = (await client.get("messages", params={"chat_id": uid})).json()
        assert msg["text"] == "balasan" and msg["rendered"].startswith("balasan\n[ Ya ]")
        assert (
            await client.post("press", json={"user_id": uid, "label": "Tidak ada"})
        ).status_code == 404
        assert (await client.post("press", json={"user_id": uid, "label": "Ya"})).status_code == 200
        assert (
            await client.post("faults", json={"kind": "5xx", "count": 1, "methods": ["getMe"]})
        ).status_code == 200
        with pytest.raises(NetworkError):
            await tg.get_me()
        stats = (await client.get("stats")).json()
        assert stats["faults_injected"] == 1 and stats["sent_per_chat"] == {str(uid): 1}
        assert (await client.post("users", json={"bogus": 1})).status_code == 400


def test_html_parser_entities() -> None:
    text, entities = parse_html(
        '😀 <a href="https://x.org/?a=1&amp;b=2">tautan</a> <tg-spoiler>r</tg-spoiler> '
        '<pre><code class="language-python">print(1)</code></pre> &#65;&lt;'
    )
    assert text == "😀 tautan r print(1) A<"
    assert entities == [
        {"type": "text_link", "offset": 3, "length": 6, "url": "https://x.org/?a=1&b=2"},
        {"type": "spoiler", "offset": 10, "length": 1},
        {"type": "pre", "offset": 12, "length": 8, "language": "python"},
    ]
    with pytest.raises(EntityParseError, match="Unsupported start tag"):
        parse_html("<script>")


def test_markdown_v2() -> None:
    text, entities = parse_markdown_v2(r"*tebal* _miring_ \. [x](https://a.b)")
    assert text == "tebal miring . x"
    assert [e["type"] for e in entities] == ["bold", "italic", "text_link"]
    with pytest.raises(EntityParseError, match="reserved"):
        parse_markdown_v2("Selesai.")
