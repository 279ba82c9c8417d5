"""The authorization matrix: every privileged command and button, pressed by everyone who
may not, is refused politely and changes nothing (a dump of every table is compared).

The matrix is data: a later feature adds its commands to ``COMMANDS`` and its buttons
to ``BUTTONS``. A button's data is a template over the world built below (``{officer_a}``
is an officer in kecamatan A, ...); ``setup`` steps run first (a command, or callback
data pressed on the actor's chat) to bring a dialogue to the step the forged press
targets. ``scoped`` entries are also tried by a coordinator of another kecamatan.
Actors: a stranger, a pending applicant, an officer, a coordinator of another
kecamatan, and a deactivated account (a deactivated coordinator of kecamatan A).
Buttons are pressed by the same five people throughout; entries that make the bot
send messages get five new people in the same situations each time (see
:func:`_fresh_actors`), so no chat waits for Telegram's one-message-a-second pace.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.driver import BotDriver
from db import people as people_db
from db.officers import ROLE_RANK, Role
from db.timefmt import to_db
from tests.conftest import ADMIN_ID
from tests.onboarding_support import (
    CIBINONG,
    GUNUNGPUTRI,
    KARADENAN,
    PAKANSARI,
    REGENCY,
    WANAHERANG,
    apply_by_taps,
    dump,
    is_refusal,
    officer_row,
    unit_id,
)


@dataclass(frozen=True)
class Entry:
    action: str  # "/command" or callback data template
    min_role: Role
    scoped: bool = False  # names something in kecamatan A: a coordinator of B is refused too
    setup: tuple[str, ...] = ()


COMMANDS: list[Entry] = [
    Entry("/undang", "coordinator"),
    Entry("/invite", "coordinator"),
    Entry("/petugas", "coordinator"),
    Entry("/people", "coordinator"),
    Entry("/bahasa", "officer"),
    Entry("/language en", "officer"),
    Entry("/profil", "officer"),
    Entry("/profile", "officer"),
]

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
    Entry("rg:ok:{reg_a}", "coordinator", scoped=True),
    Entry("rg:no:{reg_a}", "coordinator", scoped=True),
    Entry("lang:en", "officer"),
]

ACTORS = ("stranger", "pending", "officer", "other_coordinator", "deactivated")
_ACTOR_RANK = {
    "stranger": None,
    "pending": None,
    "deactivated": None,
    "officer": "officer",
    "other_coordinator": "coordinator",
}


def refused_by(entry: Entry) -> list[str]:
    """The actors who must be refused ``entry``."""
    actors = []
    for actor in ACTORS:
        rank = _ACTOR_RANK[actor]
        below = rank is None or ROLE_RANK[rank] < ROLE_RANK[entry.min_role]
        if below or (actor == "other_coordinator" and entry.scoped):
            actors.append(actor)
    return actors


@dataclass
class World:
    actors: dict[str, int]
    values: dict[str, int]

    def fill(self, template: str) -> str:
        return template.format(**self.values)


async def _world(bot: BotDriver) -> World:
    await bot.say(ADMIN_ID, "/start")
    officer_a = await bot.join("Ani", PAKANSARI)
    inactive_a = await bot.join("Ina", KARADENAN)
    deactivated = await bot.join("Dedi", CIBINONG, "coordinator")
    other_coordinator = await bot.join("Gita", GUNUNGPUTRI, "coordinator")
    officer_b = await bot.join("Bima", WANAHERANG)
    pending = bot.sandbox.add_user("Pandu", last_name="Pemohon")
    await apply_by_taps(bot, pending)
    stranger = bot.sandbox.add_user("Asing")
    await bot.say(stranger, "/bantuan")
    now = bot.clock.now()
    ids = {
        who: (await officer_row(bot, tg))["id"]
        for who, tg in (
            ("officer_a", officer_a),
            ("inactive_a", inactive_a),
            ("deactivated", deactivated),
            ("officer_b", officer_b),
        )
    }
    await people_db.set_active(bot.db, ADMIN_ID, ids["inactive_a"], False, now)
    await people_db.set_active(bot.db, ADMIN_ID, ids["deactivated"], False, now)
    registration = await bot.db.fetchval(
        "SELECT id FROM registrations WHERE telegram_id = ?", (pending,)
    )
    for user in (officer_a, deactivated, other_coordinator):
        await bot.say(user, "/bantuan")
    return World(
        actors={
            "stranger": stranger,
            "pending": pending,
            "officer": officer_a,
            "other_coordinator": other_coordinator,
            "deactivated": deactivated,
        },
        values={
            "officer_a": ids["officer_a"],
            "inactive_a": ids["inactive_a"],
            "officer_b": ids["officer_b"],
            "reg_a": registration,
            "kec_a": await unit_id(bot, CIBINONG),
            "unit_a": await unit_id(bot, PAKANSARI),
            "unit_b": await unit_id(bot, WANAHERANG),
            "kec_b": await unit_id(bot, GUNUNGPUTRI),
        },
    )


async def _fresh_actors(bot: BotDriver, world: World) -> dict[str, int]:
    """New accounts in the same five situations, for entries that make the bot send
    messages: each actor's chat then stays within Telegram's per-chat burst."""
    now = to_db(bot.clock.now())
    users = {actor: bot.sandbox.add_user(actor.title()) for actor in ACTORS}
    accounts = {
        "officer": (world.values["unit_a"], "officer", "active"),
        "other_coordinator": (world.values["kec_b"], "coordinator", "active"),
        "deactivated": (world.values["kec_a"], "coordinator", "inactive"),
    }
    for actor, (unit, role, status) in accounts.items():
        await bot.db.execute(
            "INSERT INTO officers (telegram_id, chat_id, full_name, unit_id, role, status,"
            " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (users[actor], users[actor], actor.title(), unit, role, status, now, now),
        )
    await bot.db.execute(
        "INSERT INTO registrations (telegram_id, chat_id, unit_id, full_name, position, created_at)"
        " VALUES (?, ?, ?, 'Pemohon Baru', 'Operator', ?)",
        (users["pending"], users["pending"], world.values["unit_a"], now),
    )
    return users


def _any_message(bot: BotDriver, user: int) -> int:
    return bot.sandbox.history(user)[-1]["message_id"]


async def _step(bot: BotDriver, world: World, user: int, step: str) -> None:
    if step.startswith("/"):
        bot.sandbox.send_text(user, step)
    else:
        bot.sandbox.press_callback(user, _any_message(bot, user), world.fill(step))


def _counts(bot: BotDriver) -> dict[int, int]:
    return {chat: len(bot.sandbox.messages(chat)) for chat in bot.sandbox.chats}


async def _run(bot: BotDriver, world: World, entry: Entry) -> list[str]:
    """Play ``entry`` for everyone who must be refused; return what went wrong."""
    actors = refused_by(entry)
    sends = entry.action.startswith("/") or entry.setup
    people = await _fresh_actors(bot, world) if sends else world.actors
    users = [people[actor] for actor in actors]
    for step in entry.setup:
        for user in users:
            await _step(bot, world, user, step)
        await bot.idle()
    before = await dump(bot.db)
    counts = _counts(bot)
    answers = len(bot.sandbox.callback_answers)
    for user in users:
        await _step(bot, world, user, entry.action)
    await bot.idle()
    problems = []
    if await dump(bot.db) != before:
        problems.append(f"{entry.action}: the database changed")
    for chat in _counts(bot):
        new = bot.sandbox.messages(chat)[counts.get(chat, 0) :]
        if chat not in users and new:
            problems.append(f"{entry.action}: chat {chat} was sent {[m.plain_text for m in new]}")
    if entry.action.startswith("/"):
        for actor, user in zip(actors, users, strict=True):
            new = bot.sandbox.messages(user)[counts[user] :]
            if len(new) != 1 or not is_refusal(new[0].plain_text):
                problems.append(f"{entry.action} as {actor}: {[m.plain_text for m in new]}")
    else:
        new_answers = bot.sandbox.callback_answers[answers:]
        if len(new_answers) != len(users) or not all(
            answer["show_alert"] and is_refusal(answer["text"]) for answer in new_answers
        ):
            problems.append(f"{entry.action} as {actors}: answers {new_answers}")
        for actor, user in zip(actors, users, strict=True):
            if bot.sandbox.messages(user)[counts[user] :]:
                problems.append(f"{entry.action} as {actor}: got a message")
    return problems


async def test_authorization_matrix(bot: BotDriver) -> None:
    world = await _world(bot)
    problems: list[str] = []
    cases = 0
    for entry in [*COMMANDS, *BUTTONS]:
        problems += await _run(bot, world, entry)
        cases += len(refused_by(entry))
    command_cases = sum(len(refused_by(entry)) for entry in COMMANDS)
    print(
        f"\nauthorization matrix: {len(COMMANDS)} commands x roles = {command_cases} cases, "
        f"{len(BUTTONS)} buttons x roles = {cases - command_cases} cases; {cases} in all, "
        f"{len(problems)} not refused"
    )
    assert not problems, "\n".join(problems)
    assert cases >= 100


async def test_the_same_buttons_work_for_those_allowed(bot: BotDriver) -> None:
    """Control: an administrator (every button) and the coordinator of kecamatan A (the
    scoped ones of their rank) are not refused, so the refusals above come from the checks."""
    world = await _world(bot)
    coordinator_a = await bot.join("Kirana", CIBINONG, "coordinator")
    await bot.say(coordinator_a, "/bantuan")
    mine = [
        e
        for e in BUTTONS
        if e.scoped and e.min_role == "coordinator" and not e.setup and e.action != "pe:l:c:0"
    ]
    plays = [(coordinator_a, entry) for entry in mine] + [(ADMIN_ID, entry) for entry in BUTTONS]
    for presser, entry in plays:
        if entry.setup:  # a dialogue of its own, in a chat of its own (Telegram's pace)
            presser = await bot.join(f"Admin {entry.action}", REGENCY, "admin")
        for step in entry.setup:
            await _step(bot, world, presser, step)
            await bot.idle()
        answers = len(bot.sandbox.callback_answers)
        await _step(bot, world, presser, entry.action)
        await bot.idle()
        answer = bot.sandbox.callback_answers[answers]
        assert not is_refusal(answer["text"]), (presser, entry.action, answer)
