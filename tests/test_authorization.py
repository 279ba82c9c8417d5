"""The authorization matrix: every privileged command and button, pressed by everyone who
may not, is refused politely and changes nothing (a dump of every table is compared).

The matrix is data: a later feature adds its commands to ``COMMANDS`` and its buttons
to ``BUTTONS``. A button's data is a template over the world built below (``{officer_a}``
is an officer in kecamatan A, ``{brief_a}`` a briefing of kecamatan A, ...); ``setup``
steps run first (a command, ``text:`` typed text, or callback data pressed on the
actor's chat) to bring a dialogue to the step the forged press targets. ``scoped``
entries are also tried by a coordinator of another kecamatan; ``not_for`` names actors
whose rank would do but who must be refused all the same (not their briefing, not
their announcement, not a regency coordinator).
Actors: a stranger, a pending applicant, an officer of kecamatan A, a coordinator of
another kecamatan (B), and a deactivated account (a deactivated coordinator of
kecamatan A, who wrote ``{brief_a}``).
Buttons are pressed by the same five people throughout; entries that make the bot
send messages or open a dialogue get five new people in the same situations each time
(see :func:`_fresh_actors`), so one entry's dialogue never reaches into the next.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import pytest_asyncio

from bot.core.clock import FakeClock
from bot.devtools.driver import BotDriver
from bot.devtools.fast_time import FastTime
from db.officers import ROLE_RANK, Role
from tests.authorization_world import (
    Actor,
    Player,
    World,
    build_world,
    fresh_actor,
    message_counts,
    play_step,
)
from tests.conftest import (
    FUNCTIONAL_LIMITS,
    FUNCTIONAL_PACE,
    START,
    copy_of,
    running_bot,
    sandbox_server,
)
from tests.db_snapshot import Snapshot
from tests.factories import CIBINONG, REGENCY, WANAHERANG, is_refusal


@dataclass(frozen=True)
class Entry:
    action: str  # "/command" or callback data template
    min_role: Role
    scoped: bool = False  # names something in kecamatan A: a coordinator of B is refused too
    setup: tuple[str, ...] = ()
    not_for: tuple[Actor, ...] = ()  # refused although their rank would do
    allowed: Player | None = "admin"  # who may (the control test plays it as them); None: nobody


COMMANDS: list[Entry] = [
    Entry("/undang", "coordinator"),
    Entry("/invite", "coordinator"),
    Entry("/petugas", "coordinator"),
    Entry("/people", "coordinator"),
    Entry("/bahasa", "officer"),
    Entry("/language en", "officer"),
    Entry("/profil", "officer"),
    Entry("/profile", "officer"),
    # The core loop, the schedule and announcements.
    Entry("/program", "officer"),
    Entry("/programs", "officer"),
    Entry("/brief", "officer"),
    Entry("/pesan", "officer"),
    Entry("/briefs", "officer"),
    Entry("/lapor", "officer"),
    Entry("/report", "officer"),
    Entry("/tenggat", "officer"),
    Entry("/deadlines", "officer"),
    Entry("/laporanku", "officer"),
    Entry("/myreports", "officer"),
    Entry("/draf", "officer"),
    Entry("/draft", "officer"),
    Entry("/isu", "officer"),
    Entry("/issue", "officer"),
    Entry("/cuti 2026-12-10", "officer"),
    Entry("/leave selesai", "officer"),
    Entry("/brief_baru", "coordinator"),
    Entry("/newbrief", "coordinator"),
    Entry("/brief_kelola", "coordinator"),
    Entry("/managebrief", "coordinator"),
    Entry("/tinjau", "coordinator"),
    Entry("/review", "coordinator"),
    Entry("/isu_daftar", "coordinator"),
    Entry("/issues", "coordinator"),
    Entry("/pengumuman", "coordinator"),
    Entry("/announce", "coordinator"),
    Entry("/jadwal", "coordinator"),
    Entry("/schedule", "coordinator"),
    Entry("/libur 2026-12-28 Cuti bersama", "admin"),
    Entry("/daysoff", "admin"),
    Entry("/rekap", "coordinator"),
    Entry("/recap", "coordinator"),
    Entry("/laporan_bulanan", "coordinator"),
    Entry("/monthly_report 2026-12", "coordinator"),
    Entry("/agenda", "officer"),
    Entry("/timeline", "officer"),
    Entry("/peringkat", "officer"),
    Entry("/ranking", "officer"),
    Entry("/rilis", "officer"),
    Entry("/release", "officer"),
    Entry("/rilis_bank", "coordinator"),
    Entry("/releasebank", "coordinator"),
]

_ANNOUNCE = ("/pengumuman", "text:Rapat koordinasi humas Jumat pagi")
_TARGETS = ("/brief_baru", "bc:prog:{program}", "text:Vaksinasi Anak", "text:Ayo imunisasi anak.")
_COMPOSED = (*_TARGETS, "bca:au:scope", "text:besok 16:00")  # at the preview
_NOT_THEIRS: tuple[Actor, ...] = ("other_coordinator",)
_NOT_TARGETED: tuple[Actor, ...] = ("officer", "other_coordinator")

BUTTONS: list[Entry] = [
    Entry("pe:h", "coordinator"),
    Entry("pe:l:a:0", "coordinator"),
    Entry("pe:l:c:0", "coordinator", scoped=True),
    Entry("pe:l:{kec_a}:0", "coordinator", scoped=True),
    Entry("pe:o:{officer_a}", "coordinator", scoped=True),
    Entry("pe:r:{officer_a}", "admin", scoped=True),
    Entry("pe:rs:{officer_a}:coordinator", "admin", scoped=True),
    Entry("pe:m:{officer_a}", "coordinator", scoped=True),
    Entry("pe:d:{officer_a}", "coordinator", scoped=True),
    Entry("pe:dy:{officer_a}", "coordinator", scoped=True),
    Entry("pe:a:{inactive_a}", "coordinator", scoped=True),
    Entry("pf:u:{kec_a}", "coordinator", scoped=True),
    Entry("pf:k:{kec_a}:0", "coordinator", scoped=True),
    Entry("pm:u:{unit_a}", "coordinator", scoped=True, setup=("/petugas", "pe:m:{officer_b}")),
    Entry("ip:u:{unit_a}", "coordinator", scoped=True, setup=("/undang",)),
    Entry("ip:k:{kec_a}:0", "coordinator", scoped=True, setup=("/undang",)),
    Entry("iv:r:admin", "admin", scoped=True, setup=("/undang", "ip:u:{unit_b}")),
    Entry("iv:ls:0", "coordinator"),
    Entry("iv:rv:{invitation_a}:0", "coordinator", scoped=True),
    Entry("rg:ok:{reg_a}", "coordinator", scoped=True),
    Entry("rg:no:{reg_a}", "coordinator", scoped=True),
    Entry("lang:en", "officer"),
    # Announcements: the dialogue's steps, the scope of its choices, "who has read",
    # /jadwal's cancel and reschedule (announcement 1 is the administrator's).
    Entry("an:go", "coordinator", setup=_ANNOUNCE),
    Entry("an:op:urgent", "coordinator", setup=_ANNOUNCE),
    Entry("an:op:ack", "coordinator", setup=_ANNOUNCE),
    Entry("an:wh", "coordinator", setup=_ANNOUNCE),
    Entry("an:wh:now", "coordinator", setup=(*_ANNOUNCE, "an:wh")),
    Entry("an:ed", "coordinator", setup=_ANNOUNCE),
    Entry("an:aud", "coordinator", setup=_ANNOUNCE),
    Entry("an:au:scope", "coordinator", setup=(*_ANNOUNCE, "an:aud")),
    Entry(
        "an:kc:{kec_a}", "coordinator", scoped=True, setup=(*_ANNOUNCE, "an:aud", "an:au:kecamatan")
    ),
    Entry("an:ks:{kec_a}", "coordinator", scoped=True, setup=(*_ANNOUNCE, "an:aud")),
    Entry(
        "anu:u:{unit_a}", "coordinator", scoped=True, setup=(*_ANNOUNCE, "an:aud", "an:au:units")
    ),
    Entry("an:st:{announcement}", "coordinator", not_for=_NOT_THEIRS),
    Entry("an:sp:{announcement}:0", "coordinator", not_for=_NOT_THEIRS),
    Entry("jd:rt:{announcement}", "coordinator", not_for=_NOT_THEIRS),
    Entry("jd:cx:{announcement}", "coordinator", not_for=_NOT_THEIRS),
    Entry("jd:cy:{announcement}", "coordinator", not_for=_NOT_THEIRS),
    # Not sent yet, so not even its recipients may say they read it.
    Entry("an:ack:{announcement}", "officer", not_for=("officer",), allowed=None),
    # Programs: managed by administrators and regency coordinators only.
    Entry("pg:new", "coordinator", not_for=_NOT_THEIRS),
    Entry("pg:done:{program_b}", "coordinator", not_for=_NOT_THEIRS),
    Entry("bc:prog:{program}", "coordinator", setup=("/brief_baru",)),
    # Composing: copying an earlier briefing (only one's own), the kecamatan typed as the
    # target, the optional parts and "Kembali" on the preview.
    Entry("bc:copy", "coordinator", setup=("/brief_baru",)),
    Entry(
        "bc:copy:{brief_a}",
        "coordinator",
        setup=("/brief_baru",),
        not_for=("other_coordinator",),
        allowed=None,
    ),
    Entry("bca:ks:{kec_a}", "coordinator", scoped=True, setup=_TARGETS),
    Entry("bc:add:points", "coordinator", setup=_COMPOSED),
    Entry("bc:back", "coordinator", setup=_COMPOSED),
    Entry("bc:clear", "coordinator", setup=(*_COMPOSED, "bc:add:points")),
    # Managing a published briefing of kecamatan A.
    Entry("bm:dl:{brief_a}", "coordinator", scoped=True),
    Entry("bm:tx:{brief_a}", "coordinator", scoped=True),
    Entry("bm:cl:{brief_a}", "coordinator", scoped=True),
    Entry("bm:cly:{brief_a}", "coordinator", scoped=True),
    # Reviewing a report and handling an issue report from kecamatan A.
    Entry("rv:rev:{submission_a}", "coordinator", scoped=True),
    Entry("rv:no:{submission_a}", "coordinator", scoped=True),
    Entry("rv:ok:{submission_a}", "coordinator", scoped=True),
    Entry("rv:skip:{submission_a}", "coordinator"),
    # Approving the passed links at once (the control's own decisions leave none by then).
    Entry("rv:all", "coordinator"),
    Entry("rv:all:yes", "coordinator", setup=("/tinjau", "rv:all"), allowed=None),
    Entry("is:done:{issue_a}", "coordinator", scoped=True),
    # The bank of press releases: officer A's approved release, in kecamatan A.
    Entry("rb:pg:0", "coordinator"),
    Entry("rb:f:unit", "coordinator"),
    Entry("rb:it:{release_a}", "coordinator", scoped=True),
    Entry("rb:at:{release_a}", "coordinator", scoped=True),
    # Reporting on, or reading, a briefing meant for another unit (B).
    Entry("br:rep:{brief_b}", "officer", not_for=_NOT_TARGETED, allowed="officer_b"),
    Entry("br:mat:{brief_b}", "officer", not_for=_NOT_TARGETED, allowed="officer_b"),
    Entry(
        "sb:pick:{brief_b}",
        "officer",
        setup=("/lapor",),
        not_for=_NOT_TARGETED,
        allowed="officer_b",
    ),
    Entry(
        "sb:draft:{brief_b}",
        "officer",
        setup=("/draf",),
        not_for=_NOT_TARGETED,
        allowed="officer_b",
    ),
    # The recap (/rekap): kecamatan A's briefing and areas are not B's coordinator's.
    Entry("rk:bl:0", "coordinator"),
    Entry("rk:pp:this_week", "coordinator"),
    Entry("rk:pt", "coordinator"),
    Entry("rk:bv:{brief_a}:{kec_a}:0", "coordinator", scoped=True),
    Entry("rk:pv:20261201031:{kec_a}:0", "coordinator", scoped=True),
    Entry("rk:rm:{brief_a}", "coordinator", scoped=True),
    Entry("rk:rmy:{brief_a}", "coordinator", scoped=True, allowed=None),
    # The recap's files (chart, Excel, CSV) and the monthly evidence pack.
    Entry("rf:gb:{brief_a}:{kec_a}", "coordinator", scoped=True),
    Entry("rf:xb:{brief_a}:{kec_a}", "coordinator", scoped=True),
    Entry("rf:cb:{brief_a}:{kec_a}", "coordinator", scoped=True),
    Entry("rf:gp:20261201031:{kec_a}", "coordinator", scoped=True),
    Entry("rf:xp:20261201031:{kec_a}", "coordinator", scoped=True),
    Entry("rf:cp:20261201031:{kec_a}", "coordinator", scoped=True),
    Entry("rf:m:20261201031", "coordinator"),
    Entry("ag:p:0", "officer"),
    Entry("pk:p:0", "coordinator"),
    Entry("bm:pg:0", "coordinator"),
    # Erasing a person's personal data: administrators only (last: the control test's
    # administrator really erases officer A).
    Entry("px:ask:{officer_a}", "admin", scoped=True),
    Entry("px:no:{officer_a}", "admin", scoped=True),
    Entry("px:yes:{officer_a}", "admin", scoped=True),
]

ACTORS: tuple[Actor, ...] = ("stranger", "pending", "officer", "other_coordinator", "deactivated")
_ACTOR_RANK: dict[Actor, Role | None] = {
    "stranger": None,
    "pending": None,
    "deactivated": None,
    "officer": "officer",
    "other_coordinator": "coordinator",
}


def refused_by(entry: Entry) -> list[Actor]:
    """The actors who must be refused ``entry``."""
    actors = []
    for actor in ACTORS:
        rank = _ACTOR_RANK[actor]
        below = rank is None or ROLE_RANK[rank] < ROLE_RANK[entry.min_role]
        if below or actor in entry.not_for or (actor == "other_coordinator" and entry.scoped):
            actors.append(actor)
    return actors


async def _run(bot: BotDriver, world: World, entry: Entry, actor: Actor) -> list[str]:
    """Play ``entry`` as ``actor``, who must be refused; return what went wrong."""
    sends = entry.action.startswith("/") or entry.setup
    user = await fresh_actor(bot, world, actor) if sends else world.actors[actor]
    for step in entry.setup:
        await play_step(bot, world, user, step)
        await bot.idle()
    before = Snapshot(bot.db)
    counts = message_counts(bot)
    answers = len(bot.sandbox.callback_answers)
    await play_step(bot, world, user, entry.action)
    await bot.idle()
    problems = []
    if before.changed():
        problems.append(f"{entry.action}: the database changed")
    for chat, count in message_counts(bot).items():
        if chat == user or count == counts.get(chat, 0):
            continue
        new = bot.sandbox.messages(chat)[counts.get(chat, 0) :]
        if new:
            problems.append(f"{entry.action}: chat {chat} was sent {[m.plain_text for m in new]}")
    new = bot.sandbox.messages(user)[counts[user] :]
    if entry.action.startswith("/"):
        if len(new) != 1 or not is_refusal(new[0].plain_text):
            problems.append(f"{entry.action} as {actor}: {[m.plain_text for m in new]}")
    else:
        new_answers = bot.sandbox.callback_answers[answers:]
        if len(new_answers) != 1 or not all(
            answer["show_alert"] and is_refusal(answer["text"]) for answer in new_answers
        ):
            problems.append(f"{entry.action} as {actor}: answers {new_answers}")
        if new:
            problems.append(f"{entry.action} as {actor}: got a message")
    return problems


CASES = [(entry, actor) for entry in [*COMMANDS, *BUTTONS] for actor in refused_by(entry)]


@dataclass
class Matrix:
    bot: BotDriver
    world: World


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def matrix(
    template_db: Path, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Matrix]:
    """One running bot and one world for every case: each case compares the database and
    the chats before and after itself, so what an earlier case did cannot make it pass."""
    pace = FastTime(FUNCTIONAL_PACE)
    db_path = copy_of(template_db, tmp_path_factory.mktemp("matrix"))
    async with (
        sandbox_server(FUNCTIONAL_LIMITS, pace) as sandbox,
        running_bot(sandbox, FUNCTIONAL_LIMITS, db_path, FakeClock(START), pace) as bot,
    ):
        yield Matrix(bot, await build_world(bot))


def test_the_matrix_covers_every_privileged_command_and_button() -> None:
    command_cases = sum(len(refused_by(entry)) for entry in COMMANDS)
    print(
        f"\nauthorization matrix: {len(COMMANDS)} commands x roles = {command_cases} cases, "
        f"{len(BUTTONS)} buttons x roles = {len(CASES) - command_cases} cases; "
        f"{len(CASES)} in all"
    )
    assert all(refused_by(entry) for entry in [*COMMANDS, *BUTTONS])
    assert len(CASES) >= 100


@pytest.mark.asyncio(loop_scope="module")
@pytest.mark.parametrize(
    ("entry", "actor"), CASES, ids=[f"{entry.action}-{actor}" for entry, actor in CASES]
)
async def test_authorization_matrix(matrix: Matrix, entry: Entry, actor: Actor) -> None:
    problems = await _run(matrix.bot, matrix.world, entry, actor)
    assert not problems, "\n".join(problems)


_PLAYER_JOINS: dict[Player, tuple[str, Role]] = {
    "admin": (REGENCY, "admin"),
    "officer_b": (WANAHERANG, "officer"),
}


async def test_the_same_buttons_work_for_those_allowed(bot: BotDriver) -> None:
    """Control: an administrator (every button but those meant for unit B's officer, who
    plays these, and the acknowledgement nobody may make yet) and the coordinator of
    kecamatan A (the scoped ones of their rank) are not refused, so the refusals above
    come from the checks."""
    world = await build_world(bot)
    coordinator_a = await bot.join("Kirana", CIBINONG, "coordinator")
    await bot.say(coordinator_a, "/bantuan")
    mine = [
        e
        for e in BUTTONS
        if e.scoped and e.min_role == "coordinator" and not e.setup and e.action != "pe:l:c:0"
    ]
    # Unit B's officer goes before the administrator, whose buttons move and deactivate people.
    by_player = sorted(BUTTONS, key=lambda entry: entry.allowed != "officer_b")
    plays = [(coordinator_a, entry) for entry in mine] + [
        (world.players[entry.allowed], entry) for entry in by_player if entry.allowed
    ]
    for presser, entry in plays:
        if entry.setup:  # a dialogue of its own, in a chat of its own
            assert entry.allowed is not None
            unit, role = _PLAYER_JOINS[entry.allowed]
            presser = await bot.join(f"{entry.allowed} {entry.action}", unit, role)
        for step in entry.setup:
            await play_step(bot, world, presser, step)
            await bot.idle()
        answers = len(bot.sandbox.callback_answers)
        await play_step(bot, world, presser, entry.action)
        await bot.idle()
        answer = bot.sandbox.callback_answers[answers]
        assert not is_refusal(answer["text"]), (presser, entry.action, answer)
