"""Every dialogue state a person can type into, and how a test brings someone there.

:data:`STATES` maps a state's name to a coroutine that opens the dialogue and answers
its earlier steps (returning who is now in the state), and to the replies that mean
"refused, nothing changed"; :data:`TYPED` is what people may type.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from hypothesis import strategies as st

from bot.devtools.driver import BotDriver
from handlers import announce, invite, programs, register, review, submit
from handlers import briefing_compose as compose
from handlers import briefings as briefing_handlers
from tests.conftest import ADMIN_ID

NUMBER_REFUSALS = ("Ketik angka antara", "Tulis angka 1 sampai 99.")
TIME_REFUSALS = ("Maaf, waktu itu tidak saya pahami", "Waktu itu sudah lewat")


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
    "invite: uses": (_invite_uses, NUMBER_REFUSALS),
    "invite: days": (_invite_days, NUMBER_REFUSALS),
    "invite: unit search": (_invite_search, ()),
    "program: name": (_program_name, ()),
    "program: description": (_program_description, ()),
    "program: priority": (_program_priority, NUMBER_REFUSALS),
    "program: period": (_program_period, ("Tanggal mulai dan selesai",)),
    "briefing: new deadline": (_briefing_deadline, TIME_REFUSALS),
    "briefing: new key message": (_briefing_text, ()),
    "compose: title": (_compose_title, ()),
    "announce: body": (_announce_body, ()),
    "announce: when": (_announce_when, TIME_REFUSALS),
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

TYPED = st.one_of(
    st.text(min_size=1, max_size=120),
    st.from_regex(r"[0-9²١٣１\-:./ ]{1,16}", fullmatch=True),
    st.sampled_from(
        ("²", "5²", "١٢", "１２", "0", "-1", "9" * 30, "1" * 5000, "2026-12-0²", "besok ٠٧:00")
    ),
    st.sampled_from(("31-02-2027", "2027-13-01 2027-14-01", "besok 25:99", "Senin 07:00")),
).filter(lambda text: text.strip() != "")
