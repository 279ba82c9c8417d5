"""A finished press release made ready to send: its paragraphs, its message, its .docx.

The byline comes from the database: the dateline's place is the author's kecamatan
(for a kecamatan, a desa or a kelurahan) or ``release.city`` (the regency, an agency);
the contact names the author and their unit. The photos placed in the .docx are those
the file store already holds (scheduler/file_archive.py downloads each one as it
arrives); the others stay in Telegram, by their file id, with the release.
"""

from __future__ import annotations

import asyncio
import html
import re
from dataclasses import dataclass
from pathlib import Path

from bot.core.texts import unit_label
from db import file_store
from db import files as files_db
from db import officers as officers_db
from db import programs as programs_db
from db import units as units_db
from db.releases import Release
from scheduler import release_docx
from scheduler.release_document import LANGUAGE, Byline, Paragraph, as_html, as_text, assemble
from scheduler.services import Services

_UNSAFE_NAME = re.compile(r"[^\w\- ]+")


@dataclass(frozen=True)
class Rendered:
    paragraphs: list[Paragraph]
    html: str  # the release as a Telegram message (long ones are split by the bot)
    docx: bytes
    file_name: str


async def byline(services: Services, release: Release) -> Byline:
    db = services.db
    assert db is not None
    unit = await units_db.by_id(db, release.unit_id)
    author = await officers_db.by_id(db, release.author_id)
    program = await programs_db.by_id(db, release.program_id) if release.program_id else None
    kecamatan = await units_db.kecamatan_of(db, unit) if unit is not None else None
    place = kecamatan.name if kecamatan is not None else services.config.release.city
    unit_name = html.unescape(unit_label(LANGUAGE, unit.kind, unit.name)) if unit else ""
    return Byline(
        place=place,
        author=author.full_name if author else "",
        unit=unit_name,
        program=program.name if program else None,
    )


async def _photos(services: Services, release: Release) -> list[bytes]:
    archive, db = services.files, services.db
    if archive is None or db is None:
        return []
    paths: list[Path] = []
    for file_id in release.photos:
        stored = await files_db.by_file_id(db, file_id)
        if stored is not None and stored.status == "stored" and stored.sha256:
            paths.append(file_store.path_of(archive.folder, stored.sha256))
    return await asyncio.to_thread(lambda: [path.read_bytes() for path in paths if path.is_file()])


def file_name(release: Release) -> str:
    """E.g. ``Siaran pers 12 - Posyandu serentak.docx``."""
    title = " ".join(_UNSAFE_NAME.sub("", release.title).split())[:60] or "rilis"
    return f"Siaran pers {release.id} - {title}.docx"


async def summary(services: Services, release: Release, limit: int) -> str:
    """The release as plain text, cut to ``limit`` characters (what the review queue
    shows with its .docx)."""
    assert release.finished_at is not None
    paragraphs = assemble(
        release, await byline(services, release), release.finished_at, services.config.tz
    )
    text = as_text(paragraphs)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


async def render(services: Services, release: Release) -> Rendered:
    """The finished release's paragraphs, message and .docx (built in a thread)."""
    assert release.finished_at is not None
    config = services.config
    paragraphs = assemble(release, await byline(services, release), release.finished_at, config.tz)
    photos = await _photos(services, release)
    docx = await asyncio.to_thread(
        release_docx.build, paragraphs, config.release.header, config.release.logo, photos
    )
    return Rendered(paragraphs, as_html(paragraphs), docx, file_name(release))
