"""What ``humas-bot init`` does: migrate, then import the bundled area directory."""

from __future__ import annotations

from bot.core.clock import Clock
from db import units as units_db
from db.audit import Actor
from db.connection import Database
from db.migrations import apply_migrations


async def init_database(db: Database, clock: Clock, actor: Actor) -> int:
    """Bring the schema up to date and add missing areas; return how many were added."""
    await apply_migrations(db, clock)
    return await units_db.import_areas(db, units_db.bundled_areas(), clock.now(), actor)
