"""The briefing form: every field of a briefing on one page, checked by the chat composer's
own rules, saved as the coordinator's draft, previewed in the chat.

``GET /api/form`` gives the choices (active programs, formats, channels, target levels,
the kecamatan, the tags and the units of the scope) and the coordinator's saved draft, if any. ``POST
/api/form/preview`` checks every field as /brief_baru does — the readers of
handlers/briefing_input.py, db/briefings.py's limits and deadline rule, the audience
resolved within the scope (db/audience.py), the whole text against Telegram's limit
(scheduler/briefing_view.py) — and answers 422 with one message per wrong field, saving
nothing. A form that passes is saved in the draft (the one /brief_baru would resume, at
its preview) and the preview goes into the chat through the delivery engine with the
composer's own closing part and buttons; publishing happens from there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Any

from aiohttp import web
from babel.numbers import format_decimal
from telegram import Bot

from bot.core.texts import t, unit_label
from bot.webapp.auth import person, plain
from bot.webapp.form_material import FormMaterial
from bot.webapp.models import BriefingForm, parsed_body
from db import audience as audience_db
from db import briefings as briefings_db
from db import programs as programs_db
from db import recap_area
from db.audience import LEVELS, Audience, AudienceError
from db.briefings import AUDIENCE_DIMENSIONS, CHANNELS, FORMATS, Briefing, BriefingError
from db.officers import Officer
from handlers import briefing_input
from handlers.briefing_compose_view import closing
from scheduler import briefings as sending
from scheduler.briefing_view import fits
from scheduler.holidays import deadline_warning
from scheduler.services import Services

_TEXT_LIMITS = {
    "title": briefing_input.MAX_TITLE,
    "key_message": briefings_db.MAX_KEY_MESSAGE,
    "hashtags": briefing_input.MAX_HASHTAGS,
}


def _problem(lang: str, exc: BriefingError) -> str:
    return t(
        lang, f"compose.problem.{exc.problem.value}", limit=format_decimal(exc.limit, locale=lang)
    )


def _local(moment: datetime | None, services: Services) -> str | None:
    """A stored UTC time as the form's ``datetime-local`` value in WIB."""
    if moment is None:
        return None
    return moment.astimezone(services.config.tz).strftime("%Y-%m-%dT%H:%M")


def _draft_json(draft: Briefing, services: Services) -> dict[str, object]:
    return {
        "program_id": draft.program_id,
        "title": draft.title or "",
        "key_message": draft.key_message or "",
        "targets": draft.targets,
        "deadline": _local(draft.deadline, services),
        "points": "\n".join(draft.points),
        "formats": list(draft.formats),
        "channels": list(draft.channels),
        "hashtags": draft.hashtags or "",
        **{
            dimension: ", ".join(draft.audience.get(dimension, ()))
            for dimension in AUDIENCE_DIMENSIONS
        },
    }


class _Checked:
    """The fields that passed, as draft columns, and a message per field that did not."""

    def __init__(self) -> None:
        self.fields: dict[str, Any] = {}
        self.errors: dict[str, str] = {}
        self.audience: Audience | None = None


class FormApi:
    def __init__(self, services: Services, bot: Bot) -> None:
        self._services = services
        self._bot = bot

    def routes(self, app: web.Application) -> None:
        app.router.add_get("/api/form", self.form)
        app.router.add_post("/api/form/preview", self.preview)

    async def form(self, request: web.Request) -> web.Response:
        services = self._services
        viewer = await person(request, services, "coordinator")
        assert services.db is not None
        lang = viewer.language
        area = await recap_area.area_of(services.db, viewer)
        draft = await briefings_db.draft_of(services.db, viewer.id)
        return web.json_response(
            {
                "programs": [
                    {"id": item.id, "name": item.name}
                    for item in await programs_db.list_active(services.db)
                ],
                "formats": [{"code": code, "label": t(lang, f"format.{code}")} for code in FORMATS],
                "channels": [
                    {"code": code, "label": t(lang, f"channel.{code}")} for code in CHANNELS
                ],
                "levels": list(LEVELS),
                "tags": await audience_db.tags_in_scope(services.db, viewer),
                "kecamatan": [
                    {"id": unit.id, "label": unit.name}
                    for unit in area.units.values()
                    if unit.kind == "kecamatan" and unit.id != area.root.id
                ],
                # The units of the scope to pick one by one (the page searches them).
                "units": [
                    {"id": unit.id, "label": plain(unit_label(lang, unit.kind, unit.name))}
                    for unit in area.units.values()
                    if unit.id != area.root.id
                ],
                "limits": {
                    **_TEXT_LIMITS,
                    "point": briefing_input.MAX_POINT,
                    "points": briefing_input.MAX_POINTS,
                    "tag": briefing_input.MAX_TAG,
                    "tags": briefing_input.MAX_TAGS,
                    "attachments": briefings_db.MAX_ATTACHMENTS,
                    "material_mb": FormMaterial.cap(services) // (1024 * 1024),
                },
                "draft": _draft_json(draft, services) if draft is not None else None,
            }
        )

    async def _check(self, viewer: Officer, form: BriefingForm) -> _Checked:
        services = self._services
        assert services.db is not None
        lang, now = viewer.language, services.clock.now()
        out = _Checked()
        required = plain(t(lang, "webapp.form.required"))
        invalid = plain(t(lang, "webapp.form.invalid"))
        program = await programs_db.by_id(services.db, form.program_id) if form.program_id else None
        if program is None or program.status != "active":
            out.errors["program_id"] = required
        else:
            out.fields["program_id"] = program.id
        readers: dict[str, Callable[[str], str]] = {
            "title": briefing_input.clean_title,
            "key_message": lambda text: briefings_db.clean_text(text, briefings_db.MAX_KEY_MESSAGE),
        }
        for name, read in readers.items():
            try:
                out.fields[name] = read(getattr(form, name))
            except BriefingError as exc:
                out.errors[name] = _problem(lang, exc)
        optional: dict[str, Callable[[str], object]] = {
            "points": briefing_input.parse_points,
            "hashtags": briefing_input.clean_hashtags,
            **{dimension: briefing_input.parse_tags for dimension in AUDIENCE_DIMENSIONS},
        }
        for name, parse in optional.items():
            text = getattr(form, name)
            column = f"audience_{name}" if name in AUDIENCE_DIMENSIONS else name
            if not text.strip():
                out.fields[column] = "" if name == "hashtags" else []
                continue
            try:
                out.fields[column] = parse(text)
            except BriefingError as exc:
                out.errors[name] = _problem(lang, exc)
        for name, codes in (("formats", FORMATS), ("channels", CHANNELS)):
            chosen = getattr(form, name)
            if set(chosen) - set(codes):
                out.errors[name] = invalid
            else:
                out.fields[name] = [code for code in codes if code in chosen]
        await self._targets(viewer, form, out)
        if form.deadline is None:
            out.errors["deadline"] = required
        else:
            deadline = (
                form.deadline.replace(tzinfo=services.config.tz)
                if form.deadline.tzinfo is None
                else form.deadline
            )
            try:
                briefings_db.check_deadline(deadline, now)
                out.fields["deadline"] = deadline
            except BriefingError as exc:
                out.errors["deadline"] = _problem(lang, exc)
        return out

    async def _targets(self, viewer: Officer, form: BriefingForm, out: _Checked) -> None:
        assert self._services.db is not None
        lang = viewer.language
        if form.targets is None:
            out.errors["targets"] = plain(t(lang, "webapp.form.required"))
            return
        try:
            audience = Audience(
                kind=form.targets.kind,
                levels=tuple(form.targets.levels),
                unit_ids=tuple(form.targets.unit_ids)
                if form.targets.kind in ("kecamatan", "units")
                else (),
                tag=audience_db.clean_tag(form.targets.tag) if form.targets.kind == "tag" else None,
            )
        except AudienceError:
            out.errors["targets"] = plain(t(lang, "webapp.form.required"))
            return
        reach = await audience_db.resolve(self._services.db, viewer, audience, briefing=True)
        if not reach.unit_ids:
            out.errors["targets"] = plain(t(lang, "compose.problem.no_units"))
            return
        out.audience = audience
        out.fields["targets"] = audience.to_json()

    async def preview(self, request: web.Request) -> web.Response:
        services = self._services
        viewer = await person(request, services, "coordinator")
        form = await parsed_body(BriefingForm, request)
        db, engine = services.db, services.delivery
        assert db is not None and engine is not None
        lang, zone, now = viewer.language, services.config.tz, services.clock.now()
        checked = await self._check(viewer, form)
        if checked.errors:
            return web.json_response({"errors": checked.errors}, status=422)
        draft = await briefings_db.draft_of(db, viewer.id) or await briefings_db.start_draft(
            db, viewer.id, now
        )
        trial = replace(
            draft,
            **{
                key: value
                for key, value in checked.fields.items()
                if key not in ("points", "targets") and not key.startswith("audience_")
            },
            points=tuple(checked.fields["points"]),
            targets=None,
            audience={
                dimension: tuple(checked.fields[f"audience_{dimension}"])
                for dimension in AUDIENCE_DIMENSIONS
            },
        )
        program = await sending.program_name(db, trial)
        if not fits(trial, program, zone):
            message = plain(t(lang, "compose.problem.too_long_total"))
            return web.json_response({"errors": {"key_message": message}}, status=422)
        saved = await briefings_db.save_draft(db, draft.id, now, step="preview", **checked.fields)
        assert checked.audience is not None
        reach = await audience_db.resolve(db, viewer, checked.audience, briefing=True)
        attachments = len(await briefings_db.attachments(db, saved.id))
        last = closing(lang, zone, saved, len(reach.unit_ids), len(reach.officers), attachments)
        await sending.preview(db, engine, viewer, saved, zone, last, reach.unit_ids)
        engine.wake()
        answer: dict[str, object] = {
            "message": plain(t(lang, "webapp.form.sent")),
            "draft": saved.id,
        }
        assert saved.deadline is not None
        warning = await deadline_warning(db, saved.deadline, lang, zone)
        if warning is not None:
            answer["warning"] = plain(warning)
        return web.json_response(answer)
