"""Attacks on button data and typed numbers: forged, huge or non-ASCII ids never crash a
handler; what does not parse as a button is refused without touching the database.

Every button is built and read by bot/core/callback_data.py; numbers people type by
bot/core/numbers.py. The last two tests are property-based (hypothesis): random and
mutated callback data pressed by every kind of person, and random text typed into
every dialogue state, give zero unhandled exceptions; refused presses change nothing.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.core.callback_data import (
    ID,
    INDEX,
    ButtonDataError,
    Choice,
    Either,
    Field,
    Fixed,
    Number,
    Pair,
    Route,
    declared,
)
from bot.core.numbers import MAX_ID, parse_number
from bot.devtools.driver import BotDriver
from handlers import announce, invite, programs, register, review, submit
from handlers import briefing_compose as compose
from handlers import briefings as briefing_handlers
from tests.conftest import ADMIN_ID
from tests.loop_helpers import DESA_A, KECAMATAN, join, publish, settle
from tests.onboarding_support import apply_by_taps, dump, unit_id

HUGE_IDS = (str(2**63), str(2**64 + 5), "9" * 40, "1" + "0" * 5000)
UNICODE_DIGITS = ("²", "١٢", "１２", "߁", "5²", "٣")
INVALID = "tidak berlaku"


class ErrorLog(logging.Handler):
    """Records what the global error handler (bot/errors.py) logs: one per crash."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def messages(self) -> list[str]:
        return [record.getMessage() for record in self.records]


@contextmanager
def crashes() -> Iterator[ErrorLog]:
    handler = ErrorLog()
    logger = logging.getLogger("bot.errors")
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)


@asynccontextmanager
async def statements(bot: BotDriver) -> AsyncIterator[list[str]]:
    """Every SQL statement the bot's two connections run meanwhile."""
    seen: list[str] = []
    connections = (bot.db._writer, bot.db._reader)  # the test looks inside on purpose
    for connection in connections:
        await connection.set_trace_callback(seen.append)
    try:
        yield seen
    finally:
        for connection in connections:
            await connection.set_trace_callback(None)


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


# ---- attacks through the running bot ----------------------------------------------------


async def test_button_id_above_2_63_is_refused_not_crashed(bot: BotDriver) -> None:
    stranger = bot.sandbox.add_user("Asing")
    picker = await _registration_picker(bot, stranger)
    coordinator = await join(bot, "Rudi", KECAMATAN, "coordinator")
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
    kecamatan = await unit_id(bot, KECAMATAN)
    await bot.press_data(stranger, picker, f"rp:k:{kecamatan}:0")
    assert "Cibinong" in bot.sandbox.messages(stranger)[-1].plain_text


async def test_unicode_digits_in_button_data_are_refused(bot: BotDriver) -> None:
    stranger = bot.sandbox.add_user("Asing")
    picker = await _registration_picker(bot, stranger)
    officer = await join(bot, "Siti", DESA_A)
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
    officer = await join(bot, "Siti", DESA_A)
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
            async with statements(bot) as sql:
                await bot.press_data(officer, profile, data)
            assert INVALID in str(_last_answer(bot)["text"]), data
            assert sql == [], (data, sql)
    assert errors.messages() == []


async def test_typed_number_with_superscript_digit_refused(bot: BotDriver) -> None:
    await bot.say(ADMIN_ID, "/start")
    picker = (await bot.say(ADMIN_ID, "/undang"))[-1].message_id
    await bot.press_data(ADMIN_ID, picker, f"ip:u:{await unit_id(bot, DESA_A)}")
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
    coordinator = await join(bot, "Rudi", KECAMATAN, "coordinator")
    other = await join(bot, "Dewi", OTHER_KECAMATAN_CODE, "coordinator")
    officer = await join(bot, "Siti", DESA_A)
    stranger = bot.sandbox.add_user("Asing")
    pending = bot.sandbox.add_user("Calon")
    await apply_by_taps(bot, pending)
    briefing = await publish(bot, coordinator, [DESA_A])
    await bot.press(officer, "📤 Lapor posting")
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


def _field_values(spec_field: Field[object]) -> st.SearchStrategy[str]:
    if isinstance(spec_field, Number):
        small = st.integers(spec_field.low, min(spec_field.high, spec_field.low + 60))
        return st.one_of(small, st.integers(spec_field.low, spec_field.high)).map(str)
    if isinstance(spec_field, Choice):
        return st.sampled_from(sorted(spec_field.words))
    assert isinstance(spec_field, Either)
    return st.one_of(_field_values(spec_field.first), _field_values(spec_field.second))


def _valid(spec: object) -> st.SearchStrategy[str]:
    """Data of the shape ``spec`` accepts (any value its fields allow)."""
    if isinstance(spec, Fixed):
        return st.just(spec.data)
    if isinstance(spec, Route):
        return _field_values(spec.field).map(lambda value: f"{spec.prefix}:{value}")
    assert isinstance(spec, Pair)
    return st.tuples(_field_values(spec.first), _field_values(spec.second)).map(
        lambda values: f"{spec.prefix}:{values[0]}:{values[1]}"
    )


_ODD_NUMBERS = st.sampled_from(
    (str(2**63), str(2**63 - 1), str(2**64), "9" * 25, "0", "00", "007", "-1", "+1", "1e3", " 1")
)
_ODD_DIGITS = st.sampled_from(("²", "١", "٣٤", "１", "߁", "𝟙", "५", "1²", "Ⅻ"))
_ODD_FIELD = st.one_of(
    _ODD_NUMBERS, _ODD_DIGITS, st.integers(0, 10**6).map(str), st.text(max_size=8)
)
_MUTATIONS = ("as_is", "number", "number", "number", "field", "truncate", "extra", "prefix")
_MUTATIONS += ("insert", "upper")


@st.composite
def _mutated(draw: st.DrawFn, data: str, real: list[str]) -> str:
    """``data`` changed the way a modified client or a stale message would."""
    parts = data.split(":")
    numbers = [index for index, part in enumerate(parts) if part.isascii() and part.isdigit()]
    how = draw(st.sampled_from(_MUTATIONS))
    if how == "number" and numbers:
        parts[draw(st.sampled_from(numbers))] = draw(st.one_of(_ODD_NUMBERS, _ODD_DIGITS))
    elif how in ("number", "field"):
        parts[draw(st.integers(0, len(parts) - 1))] = draw(_ODD_FIELD)
    elif how == "truncate":
        return data[: draw(st.integers(1, max(1, len(data) - 1)))]
    elif how == "extra":
        parts.append(draw(_ODD_FIELD))
    elif how == "prefix":
        other = draw(st.sampled_from(real)).split(":")
        keep = draw(st.integers(1, len(other)))
        parts = other[:keep] + parts[keep:]
    elif how == "insert":
        at = draw(st.integers(0, len(data)))
        return data[:at] + draw(st.characters()) + data[at:]
    elif how == "upper":
        return data.upper()
    return ":".join(parts)


def _is_a_button(data: str) -> bool:
    return any(spec.matches(data) for spec in declared())


@settings(
    max_examples=150,
    deadline=None,
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
        original = draw.draw(_valid(draw.draw(st.sampled_from(specs))))
    real = [data for _, data in world.harvested]
    mutated = _mutated(original, real)
    random_text = st.text(min_size=1, max_size=64)
    data = draw.draw(st.one_of(mutated, mutated, mutated, random_text), label="data")
    if draw.draw(st.integers(0, 9), label="someone else") == 0:
        person = draw.draw(st.sampled_from(world.people), label="person")
    message = bot.sandbox.messages(person)[-1].message_id
    refused = not _is_a_button(data)
    before = await dump(bot.db) if refused else {}
    answers = len(bot.sandbox.callback_answers)
    with crashes() as errors:
        async with statements(bot) as sql:
            await bot.press_data(person, message, data)
        await settle(bot)
    assert errors.messages() == [], data
    if refused:
        assert len(bot.sandbox.callback_answers) == answers + 1
        assert INVALID in str(_last_answer(bot)["text"]), data
        assert sql == [], data
        assert await dump(bot.db) == before, data


# ---- property-based: random text in every dialogue state -------------------------------

_NUMBER_REFUSALS = ("Ketik angka antara", "Tulis angka 1 sampai 99.")
_TIME_REFUSALS = ("Maaf, waktu itu tidak saya pahami", "Waktu itu sudah lewat")


@dataclass
class Dialogues:
    """The people and things the dialogues below are opened on."""

    coordinator: int
    officer: int
    briefing: int
    program: int
    submission: int
    desa: int
    count: list[int] = field(default_factory=lambda: [0])

    def unique(self, text: str) -> str:
        self.count[0] += 1
        return f"{text} {self.count[0]}"


async def _press(bot: BotDriver, person: int, data: str) -> None:
    await bot.press_data(person, bot.sandbox.messages(person)[-1].message_id, data)


async def _invite_uses(bot: BotDriver, w: Dialogues) -> int:
    await bot.say(ADMIN_ID, "/undang")
    await _press(bot, ADMIN_ID, f"ip:u:{w.desa}")
    await _press(bot, ADMIN_ID, invite.ROLE_CHOICE.build("officer"))
    return ADMIN_ID


async def _invite_days(bot: BotDriver, w: Dialogues) -> int:
    await _invite_uses(bot, w)
    await bot.say(ADMIN_ID, "5")
    return ADMIN_ID


async def _invite_search(bot: BotDriver, w: Dialogues) -> int:
    await bot.say(ADMIN_ID, "/undang")
    return ADMIN_ID


async def _program_name(bot: BotDriver, w: Dialogues) -> int:
    await bot.say(ADMIN_ID, "/program")
    await _press(bot, ADMIN_ID, programs.NEW.data)
    return ADMIN_ID


async def _program_description(bot: BotDriver, w: Dialogues) -> int:
    await _program_name(bot, w)
    await bot.say(ADMIN_ID, w.unique("Program Uji"))
    return ADMIN_ID


async def _program_priority(bot: BotDriver, w: Dialogues) -> int:
    await _program_description(bot, w)
    await bot.say(ADMIN_ID, "-")
    return ADMIN_ID


async def _program_period(bot: BotDriver, w: Dialogues) -> int:
    await _program_priority(bot, w)
    await bot.say(ADMIN_ID, "5")
    await _press(bot, ADMIN_ID, programs.HORIZON.build("pendek"))
    return ADMIN_ID


async def _briefing_deadline(bot: BotDriver, w: Dialogues) -> int:
    await bot.say(w.coordinator, "/brief_kelola")
    await _press(bot, w.coordinator, briefing_handlers.DEADLINE.build(w.briefing))
    return w.coordinator


async def _briefing_text(bot: BotDriver, w: Dialogues) -> int:
    await bot.say(w.coordinator, "/brief_kelola")
    await _press(bot, w.coordinator, briefing_handlers.TEXT.build(w.briefing))
    return w.coordinator


async def _compose_title(bot: BotDriver, w: Dialogues) -> int:
    replies = await bot.say(w.coordinator, "/brief_baru")
    if any(data == compose.FRESH_DRAFT.data for _, data in replies[-1].buttons()):
        await _press(bot, w.coordinator, compose.FRESH_DRAFT.data)
    await _press(bot, w.coordinator, compose.PROGRAM.build(w.program))
    return w.coordinator


async def _announce_body(bot: BotDriver, w: Dialogues) -> int:
    await bot.say(w.coordinator, "/pengumuman")
    return w.coordinator


async def _announce_when(bot: BotDriver, w: Dialogues) -> int:
    await _announce_body(bot, w)
    await bot.say(w.coordinator, "Rapat koordinasi")
    for data in ("an:au:scope", announce.URGENT_CHOICE.build("0"), announce.ACK_CHOICE.build("0")):
        await _press(bot, w.coordinator, data)
    return w.coordinator


async def _report_links(bot: BotDriver, w: Dialogues) -> int:
    await bot.say(w.officer, "/lapor")
    await _press(bot, w.officer, submit.PICK.build(submit.MANDIRI))
    return w.officer


async def _draft(bot: BotDriver, w: Dialogues) -> int:
    await bot.say(w.officer, "/draf")
    await _press(bot, w.officer, submit.DRAFT_PICK.build(submit.MANDIRI))
    return w.officer


async def _issue_evidence(bot: BotDriver, w: Dialogues) -> int:
    await bot.say(w.officer, "/isu")
    return w.officer


async def _issue_description(bot: BotDriver, w: Dialogues) -> int:
    await _issue_evidence(bot, w)
    await bot.say(w.officer, "https://www.facebook.com/hoaks/posts/123")
    return w.officer


async def _review_note(bot: BotDriver, w: Dialogues) -> int:
    await bot.say(w.coordinator, "/tinjau")
    await _press(bot, w.coordinator, review.REVISE.build(w.submission))
    return w.coordinator


async def _stranger(bot: BotDriver) -> int:
    stranger = bot.sandbox.add_user("Calon")
    await bot.say(stranger, "/start")
    await _press(bot, stranger, register.APPLY.data)
    return stranger


async def _register_search(bot: BotDriver, w: Dialogues) -> int:
    return await _stranger(bot)


async def _register_name(bot: BotDriver, w: Dialogues) -> int:
    stranger = await _stranger(bot)
    await _press(bot, stranger, f"rp:u:{w.desa}")
    return stranger


async def _register_position(bot: BotDriver, w: Dialogues) -> int:
    stranger = await _register_name(bot, w)
    await bot.say(stranger, "Nur Aini")
    return stranger


async def _people_search(bot: BotDriver, w: Dialogues) -> int:
    await bot.say(ADMIN_ID, "/petugas")
    return ADMIN_ID


Reach = Callable[[BotDriver, Dialogues], Awaitable[int]]
STATES: dict[str, tuple[Reach, tuple[str, ...]]] = {
    "invite: uses": (_invite_uses, _NUMBER_REFUSALS),
    "invite: days": (_invite_days, _NUMBER_REFUSALS),
    "invite: unit search": (_invite_search, ()),
    "program: name": (_program_name, ()),
    "program: description": (_program_description, ()),
    "program: priority": (_program_priority, _NUMBER_REFUSALS),
    "program: period": (_program_period, ("Tanggal mulai dan selesai",)),
    "briefing: new deadline": (_briefing_deadline, _TIME_REFUSALS),
    "briefing: new key message": (_briefing_text, ()),
    "compose: title": (_compose_title, ()),
    "announce: body": (_announce_body, ()),
    "announce: when": (_announce_when, _TIME_REFUSALS),
    "report: links": (_report_links, ()),
    "draft: content": (_draft, ()),
    "issue: evidence": (_issue_evidence, ()),
    "issue: description": (_issue_description, ()),
    "review: revision note": (_review_note, ()),
    "register: unit search": (_register_search, ()),
    "register: name": (_register_name, ()),
    "register: position": (_register_position, ()),
    "people: unit search": (_people_search, ()),
}

_TYPED = st.one_of(
    st.text(min_size=1, max_size=120),
    st.from_regex(r"[0-9²١٣１\-:./ ]{1,16}", fullmatch=True),
    st.sampled_from(
        ("²", "5²", "١٢", "１２", "0", "-1", "9" * 30, "1" * 5000, "2026-12-0²", "besok ٠٧:00")
    ),
    st.sampled_from(("31-02-2027", "2027-13-01 2027-14-01", "besok 25:99", "Senin 07:00")),
).filter(lambda text: text.strip() != "")


@pytest.fixture
async def dialogues(bot: BotDriver) -> Dialogues:
    await bot.say(ADMIN_ID, "/start")
    coordinator = await join(bot, "Rudi", KECAMATAN, "coordinator")
    officer = await join(bot, "Siti", DESA_A)
    briefing = await publish(bot, coordinator, [DESA_A])
    await bot.press(officer, "📤 Lapor posting")
    await bot.say(officer, _LINK)
    await settle(bot)
    program = await bot.db.fetchval("SELECT program_id FROM briefings WHERE id = ?", (briefing,))
    submission = await bot.db.fetchval("SELECT max(id) FROM submissions")
    return Dialogues(
        coordinator, officer, briefing, program, submission, await unit_id(bot, DESA_A)
    )


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(draw=st.data())
async def test_random_text_in_every_dialogue_state_never_crashes(
    bot: BotDriver, dialogues: Dialogues, draw: st.DataObject
) -> None:
    """Bring a person to a dialogue state, type anything: a reply, never an error; a
    refused number or time changes nothing."""
    state = draw.draw(st.sampled_from(sorted(STATES)), label="state")
    reach, refusals = STATES[state]
    typed = draw.draw(_TYPED, label="typed")
    with crashes() as errors:
        person = await reach(bot, dialogues)
        await settle(bot)
        before = await dump(bot.db)
        replies = await bot.say(person, typed)
        await settle(bot)
    assert errors.messages() == [], (state, typed)
    assert replies, (state, typed)
    if any(reply.plain_text.startswith(refusals) for reply in replies if refusals):
        assert await dump(bot.db) == before, (state, typed)
