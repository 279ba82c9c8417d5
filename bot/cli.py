"""The ``humas-bot`` command: init, run, demo, invite and units."""

from __future__ import annotations

import argparse
import asyncio
import gc
import sys
import traceback
from collections.abc import Awaitable, Callable, Sequence
from importlib import metadata
from pathlib import Path

from telegram.error import InvalidToken, NetworkError

from bot import cli_maintenance, cli_report
from bot.application import build_application
from bot.core.clock import SystemClock
from bot.core.config import (
    DEFAULT_CONFIG_PATH,
    ConfigError,
    Settings,
    load_config,
)
from bot.core.logging_setup import configure_logging, redact
from bot.devtools.demo import run_demo
from bot.webhook import run_webhook
from db import invitations as invitations_db
from db import people as people_db
from db import units as units_db
from db.audit import Actor
from db.bootstrap import init_database
from db.connection import Database, DatabaseUnavailable
from db.migrations import apply_migrations, require_known_schema

EXIT_FAILURE = 1
EXIT_USAGE = 2

TOKEN_HELP = (
    "telegram.token is not set. Create a bot by talking to @BotFather in Telegram "
    '(/newbot), then put its token in config.toml under [telegram] token = "..." '
    "or in the environment as HUMAS_TELEGRAM__TOKEN. To try the bot without a token, "
    "run `humas-bot demo`."
)


class CliError(Exception):
    """A mistake in the command line or its input: printed as one line, exit code 2."""


def _config_option(*, default: object) -> argparse.ArgumentParser:
    """``--config`` as a parent parser: the top level holds the default, and every
    (sub)command accepts the option again with no default of its own, so that it may
    come before or after the subcommand without one overwriting the other."""
    options = argparse.ArgumentParser(add_help=False)
    options.add_argument(
        "--config",
        type=Path,
        default=default,
        help=f"TOML configuration file (default: {DEFAULT_CONFIG_PATH})",
    )
    return options


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="humas-bot",
        description="Coordination bot for the humas network of Kabupaten Bogor.",
        parents=[_config_option(default=DEFAULT_CONFIG_PATH)],
    )
    parser.add_argument(
        "--version", action="version", version=f"%(prog)s {metadata.version('humas-bot')}"
    )
    after = _config_option(default=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    sub.add_parser(
        "init",
        parents=[after],
        help="create or migrate the database and import the area directory",
    )
    sub.add_parser("run", parents=[after], help="run the bot against Telegram (polling or webhook)")
    demo = sub.add_parser(
        "demo",
        parents=[after],
        help="play a scripted demo against the built-in sandbox (no token)",
    )
    demo.add_argument("--lang", choices=["id", "en"], default="id", help="language of the people")
    demo.add_argument(
        "--serve",
        action="store_true",
        help="after the script, keep the bot and its dashboard (Mini App) running until Ctrl-C",
    )

    invite = sub.add_parser(
        "invite",
        parents=[after],
        help="make an invitation deep link for a unit and role (default), list or revoke them",
    )
    invite.add_argument(
        "action",
        nargs="?",
        choices=["create", "list", "revoke"],
        default="create",
        help="create (default; needs --unit and --role), list the live ones, or revoke ID",
    )
    invite.add_argument("id", nargs="?", type=int, help="revoke: the invitation's id (see list)")
    invite.add_argument("--unit", help="create: unit code, e.g. 32.01.01.2001 or OPD.001")
    invite.add_argument("--role", choices=["officer", "coordinator", "admin"], help="create")
    invite.add_argument(
        "--uses", type=int, default=1, help="how many people may use it (default 1)"
    )
    invite.add_argument("--days", type=int, default=7, help="days until it expires (default 7)")
    invite.add_argument("--bot-username", help="the bot's username (default: ask Telegram)")

    units = sub.add_parser("units", parents=[after], help="list units or add agencies (OPD)")
    units_sub = units.add_subparsers(dest="units_command", required=True, metavar="ACTION")
    add = units_sub.add_parser("add-opd", parents=[after], help="add an agency under the regency")
    add.add_argument("name", nargs="+", help='its name, e.g. "Dinas Kesehatan"')
    imp = units_sub.add_parser(
        "import", parents=[after], help="add agencies from a CSV file (column name/nama)"
    )
    imp.add_argument("file", type=Path)
    lst = units_sub.add_parser("list", parents=[after], help="list units")
    lst.add_argument("--kecamatan", help="only this kecamatan (code) and its desa/kelurahan")

    people = sub.add_parser("people", parents=[after], help="personal data of people (UU PDP)")
    people_sub = people.add_subparsers(dest="people_command", required=True, metavar="ACTION")
    erase = people_sub.add_parser(
        "erase",
        parents=[after],
        help="erase what the bot holds about a Telegram account (name, ids, applications)",
    )
    erase.add_argument("--telegram-id", type=int, required=True, help="the person's Telegram id")
    cli_maintenance.add_commands(sub, [after])
    cli_report.add_commands(sub, [after])
    return parser


async def _with_db(
    config: Settings, work: Callable[[Database], Awaitable[None]], *, create: bool = False
) -> None:
    """Open the database (only ``init`` passes ``create``), bring it up to date, work."""
    if not create:
        require_known_schema(config.database.path)
    db = await Database.open(config.database.path, create=create)
    try:
        await apply_migrations(db, SystemClock(), config.backup)
        await work(db)
    finally:
        await db.close()


async def _init(config: Settings) -> None:
    async def work(db: Database) -> None:
        added = await init_database(db, SystemClock(), Actor.cli())
        counts = await units_db.counts_by_kind(db)
        summary = ", ".join(
            f"{kind} {counts.get(kind, 0)}" for kind in (*units_db.AREA_KINDS, "opd")
        )
        print(f"database {config.database.path}: {added} areas added; now {summary}")

    await _with_db(config, work, create=True)


async def _invite(config: Settings, args: argparse.Namespace) -> None:
    if args.action == "list":
        await _with_db(config, lambda db: _list_invitations(db, config))
        return
    if args.action == "revoke":
        if args.id is None:
            raise CliError("give the id of the invitation to revoke (see `humas-bot invite list`)")
        await _with_db(config, lambda db: _revoke_invitation(db, args.id))
        return
    if args.id is not None or args.unit is None or args.role is None:
        raise CliError("invite create needs --unit CODE and --role ROLE (and no id)")
    try:
        invitations_db.validate_limits(args.uses, args.days)
    except ValueError as exc:
        raise CliError(str(exc)) from None
    username = args.bot_username or await _bot_username(config)

    async def work(db: Database) -> None:
        unit = await units_db.by_code(db, args.unit)
        if unit is None:
            raise CliError(f"unknown unit code {args.unit!r} (see `humas-bot units list`)")
        token, invitation = await invitations_db.create(
            db,
            unit_id=unit.id,
            role=args.role,
            max_uses=args.uses,
            days=args.days,
            actor=Actor.cli(),
            at=SystemClock().now(),
        )
        print(f"https://t.me/{username.lstrip('@')}?start={token}")
        print(
            f"{args.role} for {unit.kind} {unit.name} ({unit.code}); {args.uses} use(s);"
            f" expires {invitation.expires_at.astimezone(config.tz):%Y-%m-%d %H:%M %Z}",
            file=sys.stderr,
        )

    await _with_db(config, work)


async def _list_invitations(db: Database, config: Settings) -> None:
    """Every invitation that can still be used, newest first, one per line."""
    live, total = await invitations_db.list_live(
        db, SystemClock().now(), None, limit=invitations_db.MAX_LISTED
    )
    if total == 0:
        print("no live invitations", file=sys.stderr)
        return
    print("id\tunit\tname\trole\tuses left\texpires\tmade by")
    for item in live:
        invitation = item.invitation
        creator = f"{item.creator_name} (#{invitation.created_by})" if item.creator_name else "cli"
        print(
            f"{invitation.id}\t{item.unit_code}\t{item.unit_kind} {item.unit_name}"
            f"\t{invitation.role}\t{item.uses_left}/{invitation.max_uses}"
            f"\t{invitation.expires_at.astimezone(config.tz):%Y-%m-%d %H:%M %Z}\t{creator}"
        )
    if total > len(live):
        print(f"... and {total - len(live)} more", file=sys.stderr)


async def _revoke_invitation(db: Database, invitation_id: int) -> None:
    try:
        invitation = await invitations_db.revoke(
            db, invitation_id, SystemClock().now(), by_telegram_id=None
        )
    except invitations_db.InvitationError as exc:
        if exc.problem is invitations_db.InvitationProblem.UNKNOWN:
            raise CliError(f"no invitation {invitation_id} (see `humas-bot invite list`)") from None
        reason = exc.problem.value.replace("_", " ")
        raise CliError(
            f"invitation {invitation_id} is {reason} already: nothing to revoke"
        ) from None
    unit = await units_db.by_id(db, invitation.unit_id)
    where = f"{unit.kind} {unit.name} ({unit.code})" if unit else f"unit {invitation.unit_id}"
    print(f"revoked invitation {invitation.id}: {invitation.role} for {where}")


async def _bot_username(config: Settings) -> str:
    from telegram import Bot
    from telegram.error import TelegramError

    if config.telegram.token is None:
        raise CliError(
            "give --bot-username, or set telegram.token so it can be asked from Telegram"
        )
    bot = Bot(
        config.telegram.token.get_secret_value(),
        base_url=config.telegram.base_url,
        base_file_url=config.telegram.base_file_url,
    )
    try:
        async with bot:
            return bot.username
    except TelegramError as exc:
        raise CliError(f"could not ask Telegram for the bot's username: {exc}") from None


async def _units(config: Settings, args: argparse.Namespace) -> None:
    async def work(db: Database) -> None:
        now = SystemClock().now()
        if args.units_command == "add-opd":
            await _print_added(
                *await units_db.add_opds(db, [" ".join(args.name)], now, Actor.cli())
            )
        elif args.units_command == "import":
            try:
                text = args.file.read_text(encoding="utf-8-sig")
            except OSError as exc:
                raise CliError(f"{args.file}: {exc.strerror}") from None
            names = units_db.read_opd_csv(text)
            await _print_added(*await units_db.add_opds(db, names, now, Actor.cli()))
        else:
            for unit in await units_db.list_units(db, args.kecamatan):
                print(f"{unit.code}\t{unit.kind}\t{unit.name}")

    await _with_db(config, work)


async def _people(config: Settings, args: argparse.Namespace) -> None:
    async def work(db: Database) -> None:
        try:
            erasure = await people_db.erase_account(db, args.telegram_id, SystemClock().now())
        except people_db.PeopleError as exc:
            if exc.problem is people_db.PeopleProblem.ERASED:
                raise CliError(f"Telegram account {args.telegram_id} was already erased") from None
            raise CliError(
                f"the bot holds nothing about Telegram account {args.telegram_id}"
            ) from None
        account = (
            f"officer {erasure.officer_id}" if erasure.officer_id is not None else "no account"
        )
        print(
            f"erased Telegram account {args.telegram_id}: {account}, "
            f"{erasure.registrations} application(s), {erasure.deliveries} pending message(s)"
        )

    await _with_db(config, work)


async def _print_added(added: list[units_db.Unit], skipped: list[str]) -> None:
    for unit in added:
        print(f"added {unit.code}\t{unit.name}")
    for name in skipped:
        print(f"exists\t{name}")


def _run(config: Settings) -> int:
    if config.telegram.token is None:
        raise CliError(TOKEN_HELP)
    # Only an initialised, writable database this program knows; `init` makes one.
    require_known_schema(config.database.path)
    application = build_application(config)
    if config.telegram.mode == "webhook":
        # Like run_polling: stops gracefully on SIGINT/SIGTERM.
        run_webhook(application, config.telegram)
    else:
        # run_polling installs SIGINT/SIGTERM handlers and stops gracefully.
        application.run_polling(drop_pending_updates=False)
    stopped_for = application.bot_data.services.stopped_for
    if stopped_for:
        print(f"humas-bot: stopped: {stopped_for}", file=sys.stderr)
        return EXIT_FAILURE
    return 0


def _demo(lang: str, serve: bool = False) -> int:
    """The demo builds its own world: no configuration file, no ``HUMAS_*`` variables."""
    # The fast clock skips past digest times on purpose: keep the transcript to
    # what people see, and show only real errors.
    configure_logging("ERROR", [])
    try:
        return asyncio.run(run_demo(lang=lang, serve=serve))
    except KeyboardInterrupt:
        return 0


def _configure_logging(config: Settings, command: str) -> None:
    """Every command logs through the redacting handler; only `run` below WARNING."""
    token = config.telegram.token
    secret = config.telegram.webhook.secret_token
    level = config.log_level if command == "run" or config.log_level == "DEBUG" else "WARNING"
    configure_logging(
        level,
        [token.get_secret_value() if token else "", secret.get_secret_value() if secret else ""],
        log=config.log,
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "demo":
        return _demo(args.lang, args.serve)
    try:
        config = load_config(args.config)
        _configure_logging(config, args.command)
        if args.command == "run":
            return _run(config)
        if args.command == "init":
            asyncio.run(_init(config))
        elif args.command == "invite":
            asyncio.run(_invite(config, args))
        elif args.command == "people":
            asyncio.run(_people(config, args))
        elif args.command in cli_maintenance.COMMANDS:
            return cli_maintenance.run_command(config, args)
        elif args.command in cli_report.COMMANDS:
            return cli_report.run_command(config, args)
        else:
            asyncio.run(_units(config, args))
    except (
        ConfigError,
        CliError,
        DatabaseUnavailable,
        units_db.UnitError,
        cli_report.ReportError,
    ) as exc:
        print(f"humas-bot: {redact(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    except InvalidToken:
        print(
            "humas-bot: Telegram rejected telegram.token; check it with @BotFather", file=sys.stderr
        )
        return EXIT_USAGE
    except NetworkError as exc:
        print(f"humas-bot: cannot reach Telegram: {redact(str(exc))}", file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        return 130
    except Exception:  # a bug: show it, but never with a secret in it
        print(redact(traceback.format_exc()), file=sys.stderr)
        return EXIT_FAILURE
    return 0


def command() -> int:
    """The ``humas-bot`` program (and ``python -m bot``): :func:`main` in a process of its own."""
    # What the imports made (matplotlib, PTB, pydantic, ...) lives until the process ends:
    # the collector need not scan it again, neither while the bot runs nor at exit, where
    # that last full pass alone took 0.4 s of every command.
    gc.freeze()
    return main()


if __name__ == "__main__":
    sys.exit(command())
