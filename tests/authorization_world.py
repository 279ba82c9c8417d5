"""The world the authorization matrix (tests/test_authorization.py) plays in: five people
who must be refused, two who are allowed, and the things they press buttons about; and
how one step of a case is played."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Literal

from bot.devtools.driver import BotDriver
from db import audit
from db import invitations as invitations_db
from db import issue_reports as issues_db
from db import people as people_db
from db import submissions as submissions_db
from db.officers import Role
from db.timefmt import to_db
from tests.conftest import ADMIN_ID
from tests.factories import (
    CIBINONG,
    GUNUNGPUTRI,
    KARADENAN,
    PAKANSARI,
    WANAHERANG,
    add_officer,
    announce,
    apply_by_taps,
    approved_release,
    officer,
    officer_row,
    program,
    publish,
    unit_id,
)

Actor = Literal["stranger", "pending", "officer", "other_coordinator", "deactivated"]
Player = Literal["admin", "officer_b"]


@dataclass
class World:
    actors: dict[Actor, int]
    values: dict[str, int]
    players: dict[Player, int]  # people allowed what the actors are refused

    def fill(self, template: str) -> str:
        return template.format(**self.values)


async def build_world(bot: BotDriver) -> World:
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
    things = await _things(bot, officer_a, deactivated)
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
        players={"admin": ADMIN_ID, "officer_b": officer_b},
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
            **things,
        },
    )


async def _things(bot: BotDriver, officer_a: int, author_a: int) -> dict[str, int]:
    """What the core loop and announcements act on: programs, a briefing written by the
    coordinator of kecamatan A for officer A's unit and one for unit B, a report and an
    issue report from officer A, officer A's press release approved by that coordinator,
    and a scheduled announcement of the administrator."""
    admin = await officer(bot, ADMIN_ID)
    reporter = await officer(bot, officer_a)
    now = bot.clock.now()
    brief_a = await publish(bot, author_a, [PAKANSARI], title="Posyandu Pakansari")
    brief_b = await publish(bot, ADMIN_ID, [WANAHERANG], title="Pasar Wanaherang")
    report = await submissions_db.report_link(
        bot.db, reporter, brief_a, "https://www.instagram.com/p/AUTHZ12345/", now
    )
    issue = await issues_db.create(
        bot.db,
        reporter,
        url="https://www.facebook.com/hoaks/123456",
        screenshot_file_id=None,
        description="Kabar bohong tentang banjir di Pakansari",
        urgency="penting",
        now=now,
    )
    announcement = await announce(bot, admin, "Rapat koordinasi humas", now + timedelta(days=1))
    return {
        "program": await program(bot, admin),
        "program_b": await program(bot, admin, "Bogor Bersih"),
        "brief_a": brief_a,
        "brief_b": brief_b,
        "submission_a": report.submission.id,
        "issue_a": issue.id,
        "release_a": await approved_release(bot, officer_a, author_a, "Posyandu Pakansari"),
        "announcement": announcement,
        "invitation_a": (
            await invitations_db.create(
                bot.db,
                unit_id=await unit_id(bot, PAKANSARI),
                role="officer",
                max_uses=5,
                days=7,
                actor=audit.Actor.cli(),
                at=now,
            )
        )[1].id,
    }


_ACCOUNTS: dict[Actor, tuple[str, Role, str]] = {
    "officer": (PAKANSARI, "officer", "active"),
    "other_coordinator": (GUNUNGPUTRI, "coordinator", "active"),
    "deactivated": (CIBINONG, "coordinator", "inactive"),
}


async def fresh_actor(bot: BotDriver, world: World, actor: Actor) -> int:
    """A new account in ``actor``'s situation, for entries that make the bot send
    messages or open a dialogue: each case starts from a chat of its own."""
    if actor in _ACCOUNTS:
        unit, role, status = _ACCOUNTS[actor]
        return (await add_officer(bot, actor.title(), unit, role, status=status)).telegram_id
    user = bot.sandbox.add_user(actor.title())
    if actor == "pending":
        await bot.db.execute(
            "INSERT INTO registrations (telegram_id, chat_id, unit_id, full_name, position,"
            " created_at) VALUES (?, ?, ?, 'Pemohon Baru', 'Operator', ?)",
            (user, user, world.values["unit_a"], to_db(bot.clock.now())),
        )
    return user


def _any_message(bot: BotDriver, user: int) -> int:
    return bot.sandbox.history(user)[-1]["message_id"]


async def play_step(bot: BotDriver, world: World, user: int, step: str) -> None:
    if step.startswith("/"):
        bot.sandbox.send_text(user, step)
    elif step.startswith("text:"):
        bot.sandbox.send_text(user, step.removeprefix("text:"))
    else:
        bot.sandbox.press_callback(user, _any_message(bot, user), world.fill(step))


def message_counts(bot: BotDriver) -> dict[int, int]:
    """How many messages the bot sent to each chat so far (a chat's list only grows)."""
    return {chat_id: len(chat.sent) for chat_id, chat in bot.sandbox.chats.items()}
