"""/profil and /bantuan: who am I, and what can I do here."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from bot.core.texts import esc, fmt_date, t, unit_label
from db import units as units_db
from db.connection import Database
from db.officers import Officer
from handlers.commands import commands_for, spec
from handlers.context import HumasContext
from handlers.guard import guarded


async def membership(db: Database, lang: str, officer: Officer) -> tuple[str, str]:
    """The unit's display name and a ", Kecamatan X" suffix (empty when not in one)."""
    unit = await units_db.by_id(db, officer.unit_id)
    assert unit is not None
    kecamatan = await units_db.kecamatan_of(db, unit)
    suffix = ""
    if kecamatan is not None and kecamatan.id != unit.id:
        suffix = t(lang, "start.kecamatan_suffix", name=esc(kecamatan.name))
    return unit_label(lang, unit.kind, unit.name), suffix


def command_lines(lang: str, officer: Officer | None) -> str:
    """One line per command the person may use now, in ``lang``."""
    role = officer.role if officer is not None and officer.is_active else None
    return "\n".join(
        t(lang, "help.line", command=item.name, description=t(lang, item.text_key))
        for item in commands_for(role)
    )


async def joined_text(db: Database, lang: str, officer: Officer) -> str:
    """Who the person is now and where to start (at most 8 lines): the answer to joining."""
    unit_name, suffix = await membership(db, lang, officer)
    return t(
        lang,
        "start.joined",
        name=esc(officer.full_name),
        role=t(lang, f"role.{officer.role}"),
        unit=unit_name,
        kecamatan=suffix,
        next=t(lang, f"start.next.{officer.role}"),
    )


@guarded("officer")
async def profile(update: Update, context: HumasContext) -> None:
    officer = context.officer
    assert officer is not None and update.effective_message is not None
    unit = await units_db.by_id(context.db, officer.unit_id)
    assert unit is not None
    kecamatan = await units_db.kecamatan_of(context.db, unit)
    await update.effective_message.reply_html(
        context.t(
            "profile.text",
            name=esc(officer.full_name),
            position=esc(officer.position)
            if officer.position
            else context.t("profile.no_kecamatan"),
            unit=unit_label(context.lang, unit.kind, unit.name),
            kecamatan=esc(kecamatan.name) if kecamatan else context.t("profile.no_kecamatan"),
            role=context.t(f"role.{officer.role}"),
            status=context.t(f"status.{officer.status}"),
            since=fmt_date(officer.created_at, context.lang, context.tz),
            language=context.t(f"language.{officer.language}"),
        )
    )


@guarded(min_role=None)
async def help_command(update: Update, context: HumasContext) -> None:
    """Only the commands of the person's role, in their language, one line each."""
    officer = context.officer
    role = officer.role if officer is not None and officer.is_active else None
    header = (
        context.t("help.header", role=context.t(f"role.{role}"))
        if role
        else context.t("help.header_stranger")
    )
    assert update.effective_message is not None
    await update.effective_message.reply_html(
        "\n".join([header, command_lines(context.lang, officer)])
    )


def handlers() -> list[BaseHandler[Update, HumasContext, Any]]:
    """/profil and /bantuan."""
    return [
        CommandHandler(["profil", *spec("profil").aliases], profile),
        CommandHandler(["bantuan", *spec("bantuan").aliases], help_command),
    ]
