"""Every dialogue state a person can type into, and how a test brings someone there.

:data:`STATES` maps a state's name to a coroutine that opens the dialogue and answers
its earlier steps (returning who is now in the state), and to the replies that mean
"refused, nothing changed"; :data:`TYPED` is what people may type.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import timedelta

from hypothesis import strategies as st

from bot.devtools.driver import BotDriver
from db import briefings as briefings_db
from db import officers as officers_db
from db import releases as releases_db
from db.audience import Audience
from handlers import (
    announce,
    invite,
    issues,
    people,
    programs,
    recap_view,
    register,
    release,
    review,
    schedule,
    submit,
)
from handlers import briefing_compose as compose
from handlers import briefings as briefing_handlers
from tests.conftest import ADMIN_ID
from tests.factories import CIBINONG, PONDOK_RAJEG, publish, settle, unit_id

NUMBER_REFUSALS = ("Ketik angka antara", "Tulis angka 1 sampai 99.")
TIME_REFUSALS = ("Maaf, waktu itu tidak saya pahami", "Waktu itu sudah lewat")


@dataclass
class Dialogues:
    """The people and things the dialogues below are opened on (see :func:`prepare`)."""

    coordinator: int
    officer: int
    officer_id: int
    briefing: int
    program: int
    submission: int
    announcement: int  # scheduled for tomorrow
    issue: int
    desa: int
    count: list[int] = field(default_factory=lambda: [0])

    def unique(self, text: str) -> str:
        self.count[0] += 1
        return f"{text} {self.count[0]}"


async def _press(bot: BotDriver, person: int, data: str) -> None:
    await bot.press_data(person, bot.sandbox.messages(person)[-1].message_id, data)


async def _open(bot: BotDriver, person: int, command: str, *presses: str) -> int:
    """``person`` types ``command`` and presses the buttons ``presses`` in turn."""
    await bot.say(person, command)
    for data in presses:
        await _press(bot, person, data)
    return person


async def prepare(bot: BotDriver) -> Dialogues:
    """A coordinator and an officer with a published briefing, a report waiting for
    review, a scheduled announcement and an issue report."""
    await bot.say(ADMIN_ID, "/start")
    coordinator = await bot.join("Rudi", CIBINONG, "coordinator")
    officer = await bot.join("Siti", PONDOK_RAJEG)
    briefing = await publish(bot, coordinator, [PONDOK_RAJEG])
    await bot.press(officer, "📤 Lapor unggahan")
    await bot.say(officer, "https://www.instagram.com/p/DIALOG123/")
    await bot.say(coordinator, "/pengumuman")
    await bot.say(coordinator, "Rapat koordinasi")
    await _press(bot, coordinator, announce.CHANGE_WHEN.data)
    await bot.say(coordinator, "besok 09:00")
    await _press(bot, coordinator, announce.SEND.data)
    await bot.say(officer, "/isu")
    await bot.say(officer, "https://www.facebook.com/hoaks/posts/123")
    await bot.say(officer, "Akun palsu mengatasnamakan camat")
    await _press(bot, officer, issues.URGENCY.build("biasa"))
    await settle(bot)
    found = await officers_db.by_telegram_id(bot.db, officer)
    assert found is not None
    return Dialogues(
        coordinator,
        officer,
        found.id,
        briefing,
        await bot.db.fetchval("SELECT program_id FROM briefings WHERE id = ?", (briefing,)),
        await bot.db.fetchval("SELECT max(id) FROM submissions"),
        await bot.db.fetchval("SELECT max(id) FROM announcements"),
        await bot.db.fetchval("SELECT max(id) FROM issue_reports"),
        await unit_id(bot, PONDOK_RAJEG),
    )


async def _invite_uses(bot: BotDriver, w: Dialogues) -> int:
    return await _open(
        bot, ADMIN_ID, "/undang", f"ip:u:{w.desa}", invite.ROLE_CHOICE.build("officer")
    )


async def _invite_days(bot: BotDriver, w: Dialogues) -> int:
    await _invite_uses(bot, w)
    await bot.say(ADMIN_ID, "5")
    return ADMIN_ID


async def _invite_search(bot: BotDriver, w: Dialogues) -> int:
    return await _open(bot, ADMIN_ID, "/undang")


async def _program_name(bot: BotDriver, w: Dialogues) -> int:
    return await _open(bot, ADMIN_ID, "/program", programs.NEW.data)


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
    return await _open(
        bot, w.coordinator, "/brief_kelola", briefing_handlers.DEADLINE.build(w.briefing)
    )


async def _briefing_text(bot: BotDriver, w: Dialogues) -> int:
    return await _open(
        bot, w.coordinator, "/brief_kelola", briefing_handlers.TEXT.build(w.briefing)
    )


async def _compose_title(bot: BotDriver, w: Dialogues) -> int:
    replies = await bot.say(w.coordinator, "/brief_baru")
    if any(data == compose.FRESH_DRAFT.data for _, data in replies[-1].buttons()):
        await _press(bot, w.coordinator, compose.FRESH_DRAFT.data)
    await _press(bot, w.coordinator, compose.PROGRAM.build(w.program))
    return w.coordinator


async def _announce_body(bot: BotDriver, w: Dialogues) -> int:
    return await _open(bot, w.coordinator, "/pengumuman")


async def _announce_when(bot: BotDriver, w: Dialogues) -> int:
    await _announce_body(bot, w)
    await bot.say(w.coordinator, "Rapat koordinasi")
    await _press(bot, w.coordinator, announce.CHANGE_WHEN.data)
    return w.coordinator


async def _report_links(bot: BotDriver, w: Dialogues) -> int:
    return await _open(bot, w.officer, "/lapor", submit.PICK.build(submit.MANDIRI))


async def _draft(bot: BotDriver, w: Dialogues) -> int:
    return await _open(bot, w.officer, "/draf", submit.DRAFT_PICK.build(submit.MANDIRI))


async def _issue_evidence(bot: BotDriver, w: Dialogues) -> int:
    return await _open(bot, w.officer, "/isu")


async def _issue_description(bot: BotDriver, w: Dialogues) -> int:
    await _issue_evidence(bot, w)
    await bot.say(w.officer, "https://www.facebook.com/hoaks/posts/123")
    return w.officer


async def _review_note(bot: BotDriver, w: Dialogues) -> int:
    return await _open(bot, w.coordinator, "/tinjau", review.REVISE.build(w.submission))


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


async def _officer(bot: BotDriver, w: Dialogues) -> int:
    return w.officer


async def _admin(bot: BotDriver, w: Dialogues) -> int:
    return ADMIN_ID


async def _leave_day(bot: BotDriver, w: Dialogues) -> int:
    await bot.say(w.officer, "/cuti")
    await bot.press(w.officer, "📅 Pilih tanggal")
    return w.officer


LEAVE_REFUSALS = ("Tanggal tidak dikenali", "Tanggal itu sudah lewat", "Cuti paling lama")


async def _people_search(bot: BotDriver, w: Dialogues) -> int:
    return await _open(bot, ADMIN_ID, "/petugas")


async def _people_move_search(bot: BotDriver, w: Dialogues) -> int:
    return await _open(bot, ADMIN_ID, "/petugas", people.MOVE.build(w.officer_id))


async def _announce_units_search(bot: BotDriver, w: Dialogues) -> int:
    await _announce_body(bot, w)
    await bot.say(w.coordinator, "Rapat koordinasi")
    await _press(bot, w.coordinator, announce.CHANGE_AUDIENCE.data)
    await _press(bot, w.coordinator, "an:au:units")
    return w.coordinator


async def _reschedule(bot: BotDriver, w: Dialogues) -> int:
    return await _open(bot, w.coordinator, "/jadwal", schedule.MOVE.build(w.announcement))


async def _issue_handled_note(bot: BotDriver, w: Dialogues) -> int:
    return await _open(bot, w.coordinator, "/isu_daftar", issues.HANDLE.build(w.issue))


def _compose_at(step: str) -> Reach:
    """The coordinator's draft, complete up to ``step``, resumed at ``step``."""

    async def reach(bot: BotDriver, w: Dialogues) -> int:
        author = await officers_db.by_telegram_id(bot.db, w.coordinator)
        assert author is not None
        now = bot.clock.now()
        draft = await briefings_db.draft_of(bot.db, author.id)
        if draft is None:
            draft = await briefings_db.start_draft(bot.db, author.id, now)
        await briefings_db.save_draft(
            bot.db,
            draft.id,
            now,
            step=step,
            program_id=w.program,
            title="Vaksinasi Anak",
            key_message="Ayo lengkapi imunisasi anak.",
            points=["Gratis"],
            formats=["infografis"],
            channels=["instagram"],
            hashtags="#BogorSehat",
            targets=Audience("scope").to_json(),
            deadline=now + timedelta(days=2),
        )
        await bot.say(w.coordinator, "/brief_baru")
        await _press(bot, w.coordinator, compose.RESUME_DRAFT.data)
        return w.coordinator

    return reach


async def _compose_publish_at(bot: BotDriver, w: Dialogues) -> int:
    await _compose_at("preview")(bot, w)
    await _press(bot, w.coordinator, compose.PUBLISH.build("later"))
    return w.coordinator


RELEASE_REFUSALS = ("Jawaban tidak boleh kosong.", "Terlalu panjang", "Di langkah ini kirim foto")


def _release_at(step: str) -> Reach:
    """The officer's press release, answered up to ``step``, resumed at ``step``."""

    async def reach(bot: BotDriver, w: Dialogues) -> int:
        author = await officers_db.by_telegram_id(bot.db, w.officer)
        assert author is not None
        now = bot.clock.now()
        draft = await releases_db.draft_of(bot.db, author.id)
        if draft is None:
            draft = await releases_db.start_draft(bot.db, author, step, now)
        answers = {name: f"Jawaban {name}" for name in releases_db.TEXT_FIELDS}
        quote = releases_db.Quote("Kutipan", "Narasumber", "Jabatan")
        await releases_db.save_draft(
            bot.db, draft.id, author.id, now, step=step, quotes=[quote, quote], **answers
        )
        await bot.say(w.officer, "/rilis")
        await _press(bot, w.officer, release.RESUME_DRAFT.data)
        return w.officer

    return reach


RANGE_REFUSALS = ("Rentang itu tidak saya pahami", "Rentang paling panjang", "Rentang itu belum")


async def _recap_range(bot: BotDriver, w: Dialogues) -> int:
    return await _open(bot, w.coordinator, "/rekap", recap_view.TYPED.data)


Reach = Callable[[BotDriver, Dialogues], Awaitable[int]]


@dataclass(frozen=True)
class State:
    reach: Reach  # opens the dialogue and answers its earlier steps; who is now in the state
    refusals: tuple[str, ...] = ()  # replies that mean "refused, nothing changed"
    command: str = ""  # typed after this command (a command's arguments), not alone


STATES: dict[str, State] = {
    "invite: uses": State(_invite_uses, NUMBER_REFUSALS),
    "invite: days": State(_invite_days, NUMBER_REFUSALS),
    "invite: unit search": State(_invite_search),
    "program: name": State(_program_name),
    "program: description": State(_program_description),
    "program: priority": State(_program_priority, NUMBER_REFUSALS),
    "program: period": State(_program_period, ("Tanggal mulai dan selesai",)),
    "briefing: new deadline": State(_briefing_deadline, TIME_REFUSALS),
    "briefing: new key message": State(_briefing_text),
    "compose: title": State(_compose_title),
    **{
        f"compose: {step}": State(_compose_at(step), TIME_REFUSALS if step == "deadline" else ())
        for step in (*compose.TEXT_STEPS, "attachments", "targets")
    },
    "compose: publish at": State(_compose_publish_at, TIME_REFUSALS),
    **{
        f"release: {step}": State(_release_at(step), RELEASE_REFUSALS)
        for step in (*release.TYPED_STEPS, "photos")
    },
    "announce: body": State(_announce_body),
    "announce: unit search": State(_announce_units_search),
    "announce: when": State(_announce_when, TIME_REFUSALS),
    "schedule: new time": State(_reschedule, TIME_REFUSALS),
    "report: links": State(_report_links),
    "draft: content": State(_draft),
    "issue: evidence": State(_issue_evidence),
    "issue: description": State(_issue_description),
    "issue: handled note": State(_issue_handled_note),
    "review: revision note": State(_review_note),
    "register: unit search": State(_register_search),
    "register: name": State(_register_name),
    "register: position": State(_register_position),
    "people: unit search": State(_people_search),
    "people: move search": State(_people_move_search),
    "leave: /cuti": State(_officer, LEAVE_REFUSALS, command="/cuti "),
    "leave: typed day": State(_leave_day, LEAVE_REFUSALS),
    "days off: /libur": State(_admin, command="/libur "),
    "recap: typed range": State(_recap_range, RANGE_REFUSALS),
}

TYPED = st.one_of(
    st.text(min_size=1, max_size=120),
    st.from_regex(r"[0-9²١٣１\-:./ ]{1,16}", fullmatch=True),
    st.sampled_from(
        ("²", "5²", "١٢", "１２", "0", "-1", "9" * 30, "1" * 5000, "2026-12-0²", "besok ٠٧:00")
    ),
    st.sampled_from(("31-02-2027", "2027-13-01 2027-14-01", "besok 25:99", "Senin 07:00")),
).filter(lambda text: text.strip() != "")
