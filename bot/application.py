"""One function builds the application and registers every handler, in order."""

from __future__ import annotations

import logging
import ssl
from functools import cache
from typing import Any

import httpx
from telegram import Update
from telegram.ext import (
    Application,
    ApplicationBuilder,
    ApplicationHandlerStop,
    ContextTypes,
    Defaults,
    TypeHandler,
)

from bot.core.clock import Clock, SystemClock
from bot.core.config import Settings
from bot.database_watch import watch_database
from bot.errors import ErrorHandler
from bot.flood import FloodControl
from bot.health import HealthServer, update_label
from bot.updates import PerChatUpdateProcessor
from bot.webapp.server import WebAppServer
from db.connection import Database
from db.migrations import apply_migrations, require_known_schema
from db.run_lock import RunLock
from handlers import (
    agenda,
    announce,
    briefing_compose,
    briefing_list,
    briefings,
    days_off,
    details,
    fallback,
    invite,
    issues,
    language,
    leave,
    my_data,
    my_reports,
    people,
    people_erase,
    profile,
    programs,
    recap,
    recap_files,
    register,
    release,
    release_bank,
    release_send,
    review,
    schedule,
    start,
    status,
    submit,
)
from handlers.context import HumasContext
from handlers.menus import schedule_menu_sync, set_default_menus
from scheduler.engine import DeliveryEngine
from scheduler.file_archive import FileArchive
from scheduler.job_queue import PromptJobQueue
from scheduler.jobs import start_schedule
from scheduler.link_checks import LinkVerifier
from scheduler.metrics import MeteredRequest
from scheduler.pacing import Pacer
from scheduler.services import BotData, Services
from scheduler.splitting_bot import SplittingBot

log = logging.getLogger(__name__)

_CONNECTIONS = 256  # HTTP connections for sends (PTB's ApplicationBuilder default)
# getUpdates: the long poll, and at a stop PTB's last call confirming the updates fetched.
# That call starts while the cancelled long poll may still hold its connection: with a
# pool of one (PTB's default) it then waited the pool timeout (1 s) and failed, logged as
# an error ("updates may be fetched again"), at about every other stop.
_POLL_CONNECTIONS = 2


@cache
def _tls() -> ssl.SSLContext:
    """One TLS context for every HTTP client of the process: httpx would load the CA
    bundle again for each (tens of milliseconds each time)."""
    return httpx.create_ssl_context()


HumasApplication = Application[Any, HumasContext, dict[Any, Any], dict[Any, Any], BotData, Any]


class MissingTokenError(Exception):
    """``run`` without a token: the message says how to get one."""


def build_application(
    config: Settings, *, clock: Clock | None = None, pacer: Pacer | None = None
) -> HumasApplication:
    """Build the PTB application from the configuration; services open in post_init.

    ``pacer`` replaces the one built from ``config.delivery`` (the sandbox driver gives
    one on a fast time, see bot/devtools/fast_time.py)."""
    if config.telegram.token is None:
        raise MissingTokenError("telegram.token is not set")
    services = Services(config=config, clock=clock or SystemClock())
    # Every text goes through the SplittingBot (scheduler/splitting_bot.py): replies and
    # deliveries alike are cut to fit, paced by the Pacer, with the defaults applied.
    bot = SplittingBot(
        token=config.telegram.token.get_secret_value(),
        base_url=config.telegram.base_url,
        base_file_url=config.telegram.base_file_url,
        defaults=Defaults(tzinfo=config.tz),
        rate_limiter=pacer or Pacer(config.delivery.rate, chat_burst=config.delivery.chat_burst),
        # Every call goes through the metered client: 429s and Telegram's last answer.
        request=MeteredRequest(
            services.metrics, connection_pool_size=_CONNECTIONS, httpx_kwargs={"verify": _tls()}
        ),
        get_updates_request=MeteredRequest(
            services.metrics,
            connection_pool_size=_POLL_CONNECTIONS,
            httpx_kwargs={"verify": _tls()},
        ),
    )
    # Flood control drops a person's updates beyond the rate as they arrive (bot/flood.py).
    flood = FloodControl(config.flood)
    application = (
        ApplicationBuilder()
        .bot(bot)
        .context_types(ContextTypes(context=HumasContext, bot_data=BotData))
        .job_queue(PromptJobQueue())
        .post_init(_post_init)
        .post_stop(_post_stop)
        .post_shutdown(_post_shutdown)
        .concurrent_updates(
            PerChatUpdateProcessor(
                admit=flood.admit,
                timed=lambda update, seconds: services.metrics.handled(
                    update_label(update), seconds
                ),
            )
        )
        .build()
    )
    application.bot_data.services = services
    # Group -2 runs before everything: the one notice of a flood window stops there.
    application.add_handler(flood.handler(), group=-2)
    _register_handlers(application)
    return application


async def _ignore_edits_and_channels(update: Update, context: HumasContext) -> None:
    """An edited "/start <token>" or a channel post must not run anything again."""
    if update.edited_message or update.edited_channel_post or update.channel_post:
        raise ApplicationHandlerStop


def _register_handlers(application: HumasApplication) -> None:
    # Group -1 runs before everything and stops edits (PTB's CommandHandler would
    # otherwise re-run a command whose message was edited).
    application.add_handler(TypeHandler(Update, _ignore_edits_and_channels), group=-1)
    # Order matters: feature handlers first; the fallback module is last because its
    # catch-all MessageHandler and CallbackQueryHandler would swallow everything.
    # /batal comes first so that it reaches every conversation in progress. Each
    # module builds its handlers afresh: dialogues in progress belong to one application.
    application.add_handlers(fallback.cancel_handlers())
    for module in (
        start,
        profile,
        my_data,
        register,
        invite,
        people,
        people_erase,
        language,
        programs,
        agenda,
        recap,
        recap_files,
        briefing_compose,
        briefings,
        briefing_list,
        submit,
        review,
        release,
        release_send,
        release_bank,
        issues,
        my_reports,
        announce,
        schedule,
        leave,
        days_off,
        status,
        details,
    ):
        application.add_handlers(module.handlers())
    application.add_handlers(fallback.handlers())
    application.add_error_handler(ErrorHandler())


async def _post_init(application: HumasApplication) -> None:
    services = application.bot_data.services
    # Only `humas-bot init` creates a database: a wrong path must not start an empty one.
    require_known_schema(services.config.database.path)
    # One bot per database; `restore` and `migrate` refuse while this lock is held.
    services.run_lock = RunLock(services.config.database.path)
    services.run_lock.acquire()
    services.db = await Database.open(services.config.database.path, create=False)
    applied = await apply_migrations(services.db, services.clock, services.config.backup)
    if applied:
        log.info("applied migrations: %s", ", ".join(applied))
    services.bot_username = application.bot.username
    await set_default_menus(application.bot)
    schedule_menu_sync(application)
    services.delivery = DeliveryEngine(
        services.db,
        application.bot,
        services.clock,
        services.quiet,
        metrics=services.metrics,
    )
    await services.delivery.start()
    services.files = FileArchive(
        services.db, application.bot, services.clock, services.config, services.metrics
    )
    if services.config.links.verify:
        services.links = LinkVerifier(services.db, services.clock, services.config.links)
    await start_schedule(application)
    watch_database(application)
    if services.config.health.enabled:
        health = HealthServer(services, application.bot)
        await health.start()
        services.health = health
    if services.config.webapp.enabled:
        webapp = WebAppServer(services, application.bot)
        await webapp.start()
        services.webapp = webapp
    log.info("bot @%s ready", services.bot_username)


async def _post_stop(application: HumasApplication) -> None:
    # Stop while the HTTP client still works, so sends in flight can finish.
    services = application.bot_data.services
    if services.delivery is not None:
        await services.delivery.stop()


async def _post_shutdown(application: HumasApplication) -> None:
    services = application.bot_data.services
    if services.webapp is not None:
        await services.webapp.stop()
        services.webapp = None
    if services.health is not None:
        await services.health.stop()
        services.health = None
    if services.files is not None:
        await services.files.stop()
        services.files = None
    if services.links is not None:
        await services.links.stop()
        services.links = None
    if services.delivery is not None:
        await services.delivery.stop(grace=0)
        services.delivery = None
    if services.db is not None:
        await services.db.close()
        services.db = None
    if services.run_lock is not None:
        services.run_lock.release()
        services.run_lock = None
