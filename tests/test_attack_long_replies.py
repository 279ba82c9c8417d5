"""Attack: make the bot's reply longer than Telegram accepts, so that it fails.

Every text goes through scheduler/splitting_bot.py: a long reply arrives as several
messages cut at line boundaries, a long caption as the media with the first part and
text messages after it, an edit shortened with "…"; the splitter itself is checked
against generated plain and HTML texts.
"""

from __future__ import annotations

import html
import re

from hypothesis import given, settings
from hypothesis import strategies as st
from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core.texts import CATALOGUE
from bot.devtools.driver import BotDriver
from bot.devtools.sandbox.html_parser import parse_html
from bot.devtools.sandbox.images import solid_png
from scheduler.content import CAPTION_LIMIT, TEXT_LIMIT, visible_length
from scheduler.splitting import ELLIPSIS, split_text, truncate_text
from tests.factories import PONDOK_RAJEG

SYSTEM_ERROR = CATALOGUE["error.internal"]["id"]


def _long_link(number: int) -> str:
    """A website article link just under the 1,000-character limit for links."""
    return f"https://bogorkab.go.id/berita/{number}-" + "kabar-desa-" * 87 + f"{number}"


async def test_ten_long_links_in_one_lapor_are_all_recorded_and_the_reply_arrives_split(
    bot: BotDriver,
) -> None:
    siti = await bot.join("Siti", PONDOK_RAJEG)
    await bot.say(siti, "/lapor")
    await bot.press(siti, "✳️ Konten mandiri")
    links = [_long_link(number) for number in range(10)]
    replies = await bot.say(siti, "\n".join(links))

    assert await bot.db.fetchval("SELECT count(*) FROM submissions") == 10
    assert len(replies) >= 3 and all(SYSTEM_ERROR not in reply.plain_text for reply in replies)
    assert all(len(reply.plain_text.encode("utf-16-le")) // 2 <= TEXT_LIMIT for reply in replies)
    everything = "\n".join(reply.plain_text for reply in replies)
    assert everything.count("Laporan tercatat") == 10
    assert all(link.removeprefix("https://") in everything for link in links)
    # The "Selesai" button is on the last part only, and it still works.
    assert [reply.button_labels() for reply in replies[:-1]] == [[]] * (len(replies) - 1)
    assert replies[-1].button_labels() == [["✔️ Selesai"]]
    finished = await bot.press(siti, "✔️ Selesai")
    assert "10 tautan tercatat" in finished[-1].plain_text


async def test_a_long_caption_becomes_the_photo_and_text_messages_after_it(
    bot: BotDriver,
) -> None:
    chat = bot.sandbox.add_user("Penerima")
    photo = bot.sandbox.store_file(solid_png(64, 48), "photo").file_id
    lines = [
        f"<b>Baris {number}</b> — materi &amp; pesan kunci kegiatan desa" for number in range(80)
    ]
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("OK", callback_data="ok")]])
    assert bot.app is not None
    last = await bot.app.bot.send_photo(
        chat, photo, caption="\n".join(lines), parse_mode="HTML", reply_markup=keyboard
    )

    sent = bot.sandbox.messages(chat)
    assert sent[0].media_type == "photo" and len(sent) >= 2
    assert len(sent[0].plain_text) <= CAPTION_LIMIT
    assert all(message.media_type is None for message in sent[1:])
    assert last.message_id == sent[-1].message_id
    assert [message.button_labels() for message in sent] == [[]] * (len(sent) - 1) + [[["OK"]]]
    shown = "\n".join(message.plain_text for message in sent)
    assert all(f"Baris {number} —" in shown for number in range(80))


async def test_a_long_edit_is_shortened_with_an_ellipsis(bot: BotDriver) -> None:
    chat = bot.sandbox.add_user("Penerima")
    assert bot.app is not None
    first = await bot.app.bot.send_message(chat, "Sebentar…")
    await bot.app.bot.edit_message_text(
        "\n".join(f"<i>baris {n}</i>" for n in range(1000)),
        chat,
        first.message_id,
        parse_mode="HTML",
    )
    edited = bot.sandbox.messages(chat)[0]
    assert edited.edited and edited.plain_text.endswith(ELLIPSIS)
    assert len(edited.plain_text) <= TEXT_LIMIT


# ---- the splitter ------------------------------------------------------------------

_PLAIN = st.text(
    alphabet=st.sampled_from(list("abc xyz\n\n  ,.") + ["é", "😀", "𝔘", "\t"]), max_size=600
)


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@settings(max_examples=300, deadline=None)
@given(text=_PLAIN, limit=st.integers(min_value=2, max_value=120))
def test_plain_parts_fit_and_keep_the_text_in_order(text: str, limit: int) -> None:
    parts = split_text(text, limit, is_html=False)
    assert all(_units(part) <= limit for part in parts)
    if _units(text) <= limit:
        assert parts == [text]
        return
    # Each part is the next piece of the input; only whitespace is left between them
    # (the newline at a cut, and blank lines that would be empty messages).
    position = 0
    for part in parts:
        found = text.find(part, position)
        assert found >= 0 and not text[position:found].strip()
        position = found + len(part)
    assert not text[position:].strip()
    assert all(part.strip() for part in parts)


_WORDS = st.text(alphabet=st.sampled_from(list("ab <>&\"'\n") + ["😀", "é"]), max_size=40).map(
    html.escape
)
_TAGS = st.sampled_from(["b", "i", "u", "s", "code", "a"])


def _wrap(tag: str, inner: list[str]) -> str:
    opening = '<a href="https://bogorkab.go.id/x?a=1&amp;b=2">' if tag == "a" else f"<{tag}>"
    return opening + "".join(inner) + f"</{tag}>"


_HTML = (
    st.recursive(
        _WORDS,
        lambda children: st.builds(_wrap, _TAGS, st.lists(children, max_size=4)),
        max_leaves=25,
    )
    .flatmap(lambda first: st.lists(st.just(first) | _WORDS, min_size=1, max_size=6))
    .map("".join)
)


def _visible(markup: str) -> str:
    return re.sub(r"\s", "", html.unescape(re.sub(r"<[^>]*>", "", markup)))


@settings(max_examples=300, deadline=None)
@given(markup=_HTML, limit=st.integers(min_value=2, max_value=80))
def test_html_parts_fit_parse_and_keep_every_visible_character(markup: str, limit: int) -> None:
    parse_html(markup)  # the generated input is valid Telegram HTML
    parts = split_text(markup, limit, is_html=True)
    for part in parts:
        assert visible_length(part) <= limit
        parse_html(part)  # raises on an unclosed or crossed tag, a cut entity
    assert _visible("".join(parts)) == _visible(markup)


@settings(max_examples=200, deadline=None)
@given(markup=_HTML, limit=st.integers(min_value=3, max_value=80))
def test_a_truncated_edit_fits_and_parses(markup: str, limit: int) -> None:
    short = truncate_text(markup, limit, is_html=True)
    assert visible_length(short) <= limit
    parse_html(short)
    if visible_length(markup) > limit:
        assert short.endswith(ELLIPSIS)
