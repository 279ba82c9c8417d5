"""Attacks on button data and typed numbers: forged, huge or non-ASCII ids never crash a
handler; what does not parse as a button is refused without touching the database.

Every button is built and read by bot/core/callback_data.py; numbers people type by
bot/core/numbers.py. Two tests are property-based (hypothesis): random and mutated
callback data pressed by every kind of person, and random text typed into every
dialogue state (tests/dialogue_states.py), give zero unhandled exceptions; refused
presses and refused numbers or times change nothing. A last test visits every state once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.core.callback_data import ID, INDEX, ButtonDataError, Choice, Fixed, Pair, Route, declared
from bot.core.links import Problem, check_link
from bot.core.numbers import MAX_ID, parse_number
from bot.devtools.driver import BotDriver
from tests.attack_support import crashes, is_a_button, mutated, statements, valid_data
from tests.conftest import ADMIN_ID
from tests.db_snapshot import Snapshot
from tests.dialogue_states import STATES, TYPED, Dialogues, prepare
from tests.factories import CIBINONG, PONDOK_RAJEG, apply_by_taps, dump, publish, settle, unit_id

HUGE_IDS = (str(2**63), str(2**64 + 5), "9" * 40, "1" + "0" * 5000)
UNICODE_DIGITS = ("²", "١٢", "１２", "߁", "5²", "٣")
INVALID = "tidak berlaku"


async def _registration_picker(bot: BotDriver, stranger: int) -> int:
    """A stranger opens the registration picker; the id of the message with its buttons."""
    await bot.say(stranger, "/start")
    await bot.press(stranger, "📝 Ajukan pendaftaran")
    picker = bot.sandbox.messages(stranger)[-1]
    assert any(data and data.startswith("rp:k:") for _, data in picker.buttons())
    return picker.message_id


def _last_answer(bot: BotDriver) -> dict[str, object]:
    return bot.sandbox.callback_answers[-1]


# ---- the codec itself ------------------------------------------------------------------


def test_codec_builds_and_reads_back_only_canonical_data() -> None:
    deadline = Route("bm:dl", ID)
    assert deadline.build(12) == "bm:dl:12" and deadline.parse("bm:dl:12") == 12
    assert deadline.build(MAX_ID) == f"bm:dl:{MAX_ID}" and deadline.parse(f"bm:dl:{MAX_ID}")
    for bad in ("bm:dl:0", "bm:dl:012", "bm:dl:+1", "bm:dl: 1", "bm:dl:1:2", "bm:dl", "bm:cl:1"):
        assert deadline.parse(bad) is None, bad
    for bad in (*HUGE_IDS, *UNICODE_DIGITS):
        assert deadline.parse(f"bm:dl:{bad}") is None, bad
    assert deadline.parse(None) is None and deadline.parse(12) is None
    for value in (0, -1, MAX_ID + 1):
        with pytest.raises(ButtonDataError):
            deadline.build(value)
    role = Pair("pe:rs", ID, Choice("officer", "admin"))
    assert role.parse(role.build(7, "admin")) == (7, "admin")
    assert role.parse("pe:rs:7:root") is None
    with pytest.raises(ButtonDataError):
        role.build(7, "root")
    long_pair = Pair("aaaa:bbbbbb:cccccc:dddddd", ID, ID)
    assert len(long_pair.build(MAX_ID, 1)) == 47
    with pytest.raises(ButtonDataError):  # Telegram's 64-byte limit, checked when building
        long_pair.build(MAX_ID, MAX_ID)
    assert Fixed("bm:cln").matches("bm:cln") and not Fixed("bm:cln").matches("bm:cln:")
    assert Route("pe:l", INDEX).parse("pe:l:10000") is None


def test_typed_numbers_are_ascii_digits_in_range() -> None:
    assert parse_number(" 07 ", 1, 99) == 7
    assert parse_number("99", 1, 99) == 99
    for bad in ("", "0", "100", "-1", "1.5", "1e3", "٣", "²", "5²", "１２", "9" * 5000):
        assert parse_number(bad, 1, 99) is None, bad
    # A post id in a reported link is a number too.
    assert check_link("https://x.com/pemkab/status/123").problem is None
    for digits in ("²", "١٢٣", "１２３"):
        verdict = check_link(f"https://x.com/pemkab/status/{digits}")
        assert verdict.problem is Problem.NOT_A_POST, digits


# ---- attacks through the running bot ----------------------------------------------------


async def test_button_id_above_2_63_is_refused_not_crashed(bot: BotDriver) -> None:
    stranger = bot.sandbox.add_user("Asing")
    picker = await _registration_picker(bot, stranger)
    coordinator = await bot.join("Rudi", CIBINONG, "coordinator")
    listing = (await bot.say(coordinator, "/petugas"))[-1].message_id
    before = await dump(bot.db)
    with crashes() as errors:
        for huge in HUGE_IDS:
            for data in (f"rp:u:{huge}", f"rp:k:{huge}:0", f"rp:k:1:{huge}", f"rg:ok:{huge}"):
                await bot.press_data(stranger, picker, data)
                assert INVALID in str(_last_answer(bot)["text"]), data
            for data in (f"pe:o:{huge}", f"pe:l:{huge}:0", f"bm:dl:{huge}", f"br:rep:{huge}"):
                await bot.press_data(coordinator, listing, data)
                assert INVALID in str(_last_answer(bot)["text"]), data
    assert errors.messages() == []
    assert await dump(bot.db) == before
    # The picker still works for the stranger: the real buttons are unaffected.
    kecamatan = await unit_id(bot, CIBINONG)
    await bot.press_data(stranger, picker, f"rp:k:{kecamatan}:0")
    assert "Cibinong" in bot.sandbox.messages(stranger)[-1].plain_text


async def test_unicode_digits_in_button_data_are_refused(bot: BotDriver) -> None:
    stranger = bot.sandbox.add_user("Asing")
    picker = await _registration_picker(bot, stranger)
    officer = await bot.join("Siti", PONDOK_RAJEG)
    profile = (await bot.say(officer, "/profil"))[-1].message_id
    before = await dump(bot.db)
    with crashes() as errors:
        for digits in UNICODE_DIGITS:
            for data in (f"rp:u:{digits}", f"rp:o:{digits}", f"rg:pos:{digits}"):
                await bot.press_data(stranger, picker, data)
                assert INVALID in str(_last_answer(bot)["text"]), data
            for data in (f"br:mat:{digits}", f"sb:pick:{digits}", f"an:ack:{digits}"):
                await bot.press_data(officer, profile, data)
                assert INVALID in str(_last_answer(bot)["text"]), data
    assert errors.messages() == []
    assert await dump(bot.db) == before


async def test_forged_prefix_is_refused_without_db_access(bot: BotDriver) -> None:
    officer = await bot.join("Siti", PONDOK_RAJEG)
    profile = (await bot.say(officer, "/profil"))[-1].message_id
    forged = (
        "zz:dl:1",
        "bm:xx:1",
        "bm:dl:1:2",
        "bm:dl:",
        "bm:dl:-1",
        "br:rep",
        "pe",
        "pe:",
        "rg:maybe:1",
        "lang:fr",
        "an:ur:2",
        ":" * 10,
        "bm:dl:1\n",
        "BM:DL:1",
    )
    with crashes() as errors:
        for data in forged:
            with statements(bot) as sql:
                await bot.press_data(officer, profile, data)
            assert INVALID in str(_last_answer(bot)["text"]), data
            assert sql == [], (data, sql)
    assert errors.messages() == []
    # A real press does reach the database (the guard loads the person): the probe sees it.
    with statements(bot) as sql:
        await bot.press_data(officer, profile, "lang:en")
    assert any("officers" in call for call in sql)


async def test_typed_number_with_superscript_digit_refused(bot: BotDriver) -> None:
    await bot.say(ADMIN_ID, "/start")
    picker = (await bot.say(ADMIN_ID, "/undang"))[-1].message_id
    await bot.press_data(ADMIN_ID, picker, f"ip:u:{await unit_id(bot, PONDOK_RAJEG)}")
    await bot.press(ADMIN_ID, "petugas")
    before = await dump(bot.db)
    with crashes() as errors:
        for typed in ("²", "5²", "١٠", "１０", "1" + "0" * 5000, "0", "1001"):
            replies = await bot.say(ADMIN_ID, typed)
            assert [reply.plain_text for reply in replies] == ["Ketik angka antara 1 dan 1000."]
        assert await dump(bot.db) == before
        await bot.say(ADMIN_ID, "5")
        assert "berlaku" in bot.sandbox.messages(ADMIN_ID)[-1].plain_text.lower()
        # A program's priority is a typed number too.
        await bot.say(ADMIN_ID, "/batal")
        await bot.say(ADMIN_ID, "/program")
        await bot.press(ADMIN_ID, "➕ Program baru")
        await bot.say(ADMIN_ID, "Bogor Cerdas")
        await bot.say(ADMIN_ID, "-")
        for typed in ("²", "1²", "٣"):
            replies = await bot.say(ADMIN_ID, typed)
            assert [reply.plain_text for reply in replies] == ["Tulis angka 1 sampai 99."]
    assert errors.messages() == []


# ---- property-based: random and mutated button data ------------------------------------

OTHER_KECAMATAN_CODE = "32.01.02"  # Kecamatan Gunungputri
_LINK = "https://www.instagram.com/p/HYPO12345/"


@dataclass
class World:
    """People in every situation, and every callback data the bot sent them."""

    people: list[int]
    coordinator: int
    officer: int
    briefing: int
    program: int
    harvested: list[tuple[int, str]] = field(default_factory=list)  # (who got it, data)


def _sent_data(bot: BotDriver, people: list[int]) -> list[tuple[int, str]]:
    found = {
        (person, data)
        for person in people
        for message in bot.sandbox.messages(person)
        for _, data in message.buttons()
        if data and not data.startswith(("http://", "https://", "tg://"))
    }
    return sorted(found)


@pytest.fixture
async def world(bot: BotDriver) -> World:
    """Drive the main flows once, leaving dialogues open, and harvest their buttons."""
    await bot.say(ADMIN_ID, "/start")
    coordinator = await bot.join("Rudi", CIBINONG, "coordinator")
    other = await bot.join("Dewi", OTHER_KECAMATAN_CODE, "coordinator")
    officer = await bot.join("Siti", PONDOK_RAJEG)
    stranger = bot.sandbox.add_user("Asing")
    pending = bot.sandbox.add_user("Calon")
    await apply_by_taps(bot, pending)
    briefing = await publish(bot, coordinator, [PONDOK_RAJEG])
    await bot.press(officer, "📤 Lapor unggahan")
    await bot.say(officer, _LINK)
    await settle(bot)
    for person, commands in (
        (officer, ("/bahasa", "/profil", "/brief", "/lapor", "/batal", "/draf", "/batal", "/isu")),
        (coordinator, ("/tinjau", "/brief_kelola", "/petugas", "/undang", "/program")),
        (coordinator, ("/jadwal", "/isu_daftar", "/pengumuman")),
        (ADMIN_ID, ("/petugas", "/undang", "/brief_baru")),
        (stranger, ("/start",)),
    ):
        for command in commands:
            await bot.say(person, command)
    await bot.say(coordinator, "Rapat koordinasi humas Jumat pagi")
    await bot.press(stranger, "📝 Ajukan pendaftaran")
    people = [ADMIN_ID, coordinator, other, officer, stranger, pending]
    row = await bot.db.fetchone("SELECT program_id FROM briefings WHERE id = ?", (briefing,))
    assert row is not None
    found = World(people, coordinator, officer, briefing, int(row["program_id"]))
    found.harvested = _sent_data(bot, people)
    return found


@settings(
    max_examples=150,
    deadline=None,
    database=None,  # one running bot per test: examples depend on what came before
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(draw=st.data())
async def test_random_and_mutated_button_data_never_crash(
    bot: BotDriver, world: World, draw: st.DataObject
) -> None:
    """Data the bot sent, or of any declared button's shape, mutated (pressed mostly by
    the person who got the original); or random text."""
    specs = sorted(declared(), key=lambda spec: (spec.prefix, type(spec).__name__))
    if draw.draw(st.booleans(), label="sent by the bot"):
        person, original = draw.draw(st.sampled_from(world.harvested))
    else:
        person = draw.draw(st.sampled_from(world.people))
        original = draw.draw(valid_data(draw.draw(st.sampled_from(specs))))
    real = [data for _, data in world.harvested]
    changed = mutated(original, real)
    random_text = st.text(min_size=1, max_size=64)
    data = draw.draw(st.one_of(changed, changed, changed, random_text), label="data")
    if draw.draw(st.integers(0, 9), label="someone else") == 0:
        person = draw.draw(st.sampled_from(world.people), label="person")
    message = bot.sandbox.messages(person)[-1].message_id
    refused = not is_a_button(data)
    before = Snapshot(bot.db) if refused else None
    answers = len(bot.sandbox.callback_answers)
    with crashes() as errors:
        with statements(bot) as sql:
            await bot.press_data(person, message, data)
        await settle(bot)
    assert errors.messages() == [], data
    if refused:
        assert len(bot.sandbox.callback_answers) == answers + 1
        assert INVALID in str(_last_answer(bot)["text"]), data
        assert sql == [], data
        assert before is not None and not before.changed(), data


# ---- property-based: random text in every dialogue state -------------------------------


@pytest.fixture
async def dialogues(bot: BotDriver) -> Dialogues:
    return await prepare(bot)


@settings(
    max_examples=100,
    deadline=None,
    database=None,  # one running bot per test: examples depend on what came before
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(draw=st.data())
async def test_random_text_in_every_dialogue_state_never_crashes(
    bot: BotDriver, dialogues: Dialogues, draw: st.DataObject
) -> None:
    """Bring a person to a dialogue state, type anything: a reply, never an error; a
    refused number or time changes nothing."""
    state = draw.draw(st.sampled_from(sorted(STATES)), label="state")
    typed = draw.draw(TYPED, label="typed")
    with crashes() as errors:
        person = await STATES[state].reach(bot, dialogues)
        await settle(bot)
        before = Snapshot(bot.db)
        replies = await bot.say(person, STATES[state].command + typed)
        await settle(bot)
    assert errors.messages() == [], (state, typed)
    assert replies, (state, typed)
    refusals = STATES[state].refusals
    if any(reply.plain_text.startswith(refusals) for reply in replies if refusals):
        assert not before.changed(), (state, typed)
    else:
        before.release()


async def test_every_dialogue_state_is_reached_and_answers(
    bot: BotDriver, dialogues: Dialogues
) -> None:
    """Each state the property test draws from, once, with a superscript digit: a reply,
    never an error (e.g. resuming a draft at the "Tagar & akun" step used to crash)."""
    for name, state in sorted(STATES.items()):
        with crashes() as errors:
            person = await state.reach(bot, dialogues)
            await settle(bot)
            replies = await bot.say(person, state.command + "5²")
            await settle(bot)
        assert errors.messages() == [], name
        assert replies and not any("kesalahan di sistem" in r.plain_text for r in replies), name
