"""The dashboard's API: the recap of db/recap.py as JSON, and the chat's two actions.

Every figure comes from :func:`db.recap.briefing_recap` / :func:`db.recap.period_recap`
(the counting rules are theirs), for the caller's scope or one unit in it (``area``):
a unit outside the scope is a 403, never data. "Ingatkan yang belum" calls
:func:`scheduler.recap_reminders.remind_unreported`, the chat button's function, and the
Excel file is the chat button's (scheduler/recap_files.py), sent into the person's chat
(bot/webapp/excel.py).

Query parameters and bodies are read by pydantic models (bot/webapp/models.py); what
does not parse is a 400.
"""

from __future__ import annotations

from datetime import datetime

from aiohttp import web
from telegram import Bot

from bot.core.periods import PRESETS, Span, preset, today_in
from bot.core.texts import fmt_short, t, unit_label
from bot.webapp.auth import error, person, plain
from bot.webapp.excel import send_briefing_excel, send_period_excel
from bot.webapp.models import ExcelRequest, RecapQuery, RemindRequest, parsed, parsed_body
from db import recap, recap_area, recap_lists
from db.connection import Database
from db.officers import Officer
from db.recap_area import Area, UnitRef
from db.scope import REGENCY_KIND, OutOfScope
from scheduler.recap_reminders import NothingToRemind, TooSoon, remind_unreported
from scheduler.services import Services

PERIODS = PRESETS
_PAGE = 20


def unit_json(lang: str, unit: UnitRef) -> dict[str, object]:
    return {
        "id": unit.id,
        "label": plain(unit_label(lang, unit.kind, unit.name)),
        "kind": unit.kind,
        "kecamatan": unit.kecamatan_name if unit.kecamatan_id != unit.id else None,
        "kecamatan_id": unit.kecamatan_id,
    }


def _counts(counts: recap.Counts) -> dict[str, int]:
    return {
        "targeted": counts.targeted,
        "on_time": counts.on_time,
        "late": counts.late,
        "missing": counts.missing,
        "rejected_only": counts.rejected_only,
        "no_officer": counts.no_officer,
        "reported": counts.reported,
        "percent": counts.percent,
    }


def _up(lang: str, area: Area, scope: UnitRef) -> dict[str, object] | None:
    """The unit one level up, within the viewer's area (None at its root)."""
    if scope.id == area.root.id or scope.parent_id is None:
        return None
    parent = area.units.get(scope.parent_id, area.root)
    return unit_json(lang, parent)


def _groups(lang: str, groups: tuple[recap.GroupRow, ...], scope: UnitRef) -> list[object]:
    return [
        {
            **unit_json(lang, group.unit),
            **_counts(group.counts),
            # A kecamatan row opens its desa; a desa or an agency is one unit already.
            "drill": group.unit.kind == "kecamatan" and group.unit.id != scope.id,
        }
        for group in groups
    ]


def _figures(
    lang: str, area: Area, found: recap.Recap | recap.PeriodRecap, average: float
) -> dict[str, object]:
    """What a briefing's and a period's answer share: the scope and the way up, the totals,
    the groups and the regency's average."""
    return {
        "scope": unit_json(lang, found.scope),
        "up": _up(lang, area, found.scope),
        "totals": _counts(found.totals),
        "groups": _groups(lang, found.groups, found.scope),
        "average": round(100 * average),
    }


def _when(moment: datetime | None, lang: str, services: Services) -> str | None:
    return fmt_short(moment, lang, services.config.tz) if moment is not None else None


async def _average(
    db: Database, scope: UnitRef, totals: recap.Counts, briefing_ids: list[int], now: datetime
) -> float:
    """The regency's reported share over the same briefings (the chart's average line):
    the totals themselves when the recap is the whole regency's, else counted for it."""
    if scope.kind == REGENCY_KIND:
        return totals.rate
    return await recap_lists.regency_rate(db, briefing_ids, now) if briefing_ids else 0.0


async def _briefing(
    services: Services, viewer: Officer, query: RecapQuery, area: Area
) -> dict[str, object]:
    assert services.db is not None and query.briefing is not None
    db, lang, now = services.db, viewer.language, services.clock.now()
    found = await recap.briefing_recap(db, viewer, query.briefing, now, area_id=query.area)
    if found is None:
        raise error(404, plain(t(lang, "rekap.not_found")))
    average = await _average(db, found.scope, found.totals, [found.briefing.id], now)
    info = found.briefing
    return {
        "kind": "briefing",
        "briefing": {
            "id": info.id,
            "title": info.title,
            "deadline": _when(info.deadline, lang, services),
            "closed": info.status == "closed",
            "passed": found.deadline_passed,
        },
        **_figures(lang, area, found, average),
        "units": [
            {
                **unit_json(lang, unit.unit),
                "status": unit.status,
                "status_label": t(lang, f"rekap.status.{unit.status}"),
                "no_officer": not unit.has_active_officer,
                "first_report": _when(unit.first_report_at, lang, services),
                "reports": [
                    {
                        "url": line.url,
                        "platform": line.platform,
                        "at": _when(line.submitted_at, lang, services),
                        "status": line.status,
                        "late": line.late,
                    }
                    for line in unit.reports
                ],
            }
            for unit in found.units
        ],
        "can_remind": found.scope.id == area.root.id
        and info.status != "closed"
        and bool(found.unreported),
        "unreported": len(found.unreported),
    }


def span_of(name: str, services: Services) -> Span:
    today = today_in(services.clock.now(), services.config.tz)
    if name in PERIODS:
        return preset(name, today)
    span = Span.of_code(int(name)) if name.isdigit() and name.isascii() else None
    if span is None:
        raise error(400, "period: not a known period")
    return span


async def _period(
    services: Services, viewer: Officer, query: RecapQuery, area: Area
) -> dict[str, object]:
    assert services.db is not None and query.period is not None
    db, lang, now = services.db, viewer.language, services.clock.now()
    span = span_of(query.period, services)
    start, end = span.bounds(services.config.tz)
    found = await recap.period_recap(
        db, viewer, start, end, now, zone=services.config.tz, area_id=query.area
    )
    briefing_ids = [line.briefing.id for line in found.briefings]
    average = await _average(db, found.scope, found.totals, briefing_ids, now)
    return {
        "kind": "period",
        "period": {
            "code": span.code,
            "first": span.first.isoformat(),
            "last": span.last.isoformat(),
        },
        **_figures(lang, area, found, average),
        "units": [
            {
                **unit_json(lang, unit.unit),
                **_counts(unit.counts),
                "no_officer": not unit.has_active_officer,
            }
            for unit in found.units
        ],
        "briefings": [
            {"id": line.briefing.id, "title": line.briefing.title, **_counts(line.counts)}
            for line in found.briefings
        ],
        "can_remind": False,
        "unreported": found.totals.unreported,
    }


class RecapApi:
    def __init__(self, services: Services, bot: Bot) -> None:
        self._services = services
        self._bot = bot

    def routes(self, app: web.Application) -> None:
        app.router.add_get("/api/briefings", self.briefings)
        app.router.add_get("/api/recap", self.recap)
        app.router.add_post("/api/remind", self.remind)
        app.router.add_post("/api/excel", self.excel)

    async def briefings(self, request: web.Request) -> web.Response:
        """The briefings the coordinator can pick, in /rekap's order (running ones first)."""
        services = self._services
        viewer = await person(request, services, "coordinator")
        assert services.db is not None
        items, total = await recap_lists.recent_briefings(
            services.db, viewer, services.clock.now(), limit=_PAGE
        )
        return web.json_response(
            {
                "items": [
                    {
                        "id": info.id,
                        "title": info.title,
                        "deadline": _when(info.deadline, viewer.language, services),
                        "closed": info.status == "closed",
                    }
                    for info in items
                ],
                "total": total,
            }
        )

    async def recap(self, request: web.Request) -> web.Response:
        """``?briefing=ID`` or ``?period=this_week|…|<span code>``, and ``&area=ID`` to
        drill into one unit of the scope."""
        services = self._services
        viewer = await person(request, services, "coordinator")
        query = parsed(RecapQuery, request.query)
        assert services.db is not None
        try:
            area = await recap_area.area_of(services.db, viewer)
            if query.briefing is not None:
                return web.json_response(await _briefing(services, viewer, query, area))
            return web.json_response(await _period(services, viewer, query, area))
        except OutOfScope:
            raise error(403, plain(t(viewer.language, "denied.scope"))) from None

    async def remind(self, request: web.Request) -> web.Response:
        """The chat's "🔔 Ingatkan yang belum" (its confirmation is the page's)."""
        services = self._services
        viewer = await person(request, services, "coordinator")
        body = await parsed_body(RemindRequest, request)
        lang, zone = viewer.language, services.config.tz
        try:
            done = await remind_unreported(services, viewer, body.briefing_id, services.clock.now())
        except TooSoon as exc:
            text = t(
                lang,
                "rekap.remind.too_soon",
                at=fmt_short(exc.sent_at, lang, zone),
                again=fmt_short(exc.again_at, lang, zone),
            )
            raise error(409, plain(text)) from None
        except OutOfScope:
            raise error(404, plain(t(lang, "rekap.not_found"))) from None
        except NothingToRemind:
            raise error(409, plain(t(lang, "rekap.remind.nothing"))) from None
        text = t(lang, "rekap.remind.done", people=done.people, units=done.units)
        if done.unreachable_units:
            text += "\n" + t(lang, "rekap.remind.unreachable", count=done.unreachable_units)
        return web.json_response({"message": plain(text), "people": done.people})

    async def excel(self, request: web.Request) -> web.Response:
        """The recap's Excel file, sent into the person's chat as a document."""
        services = self._services
        viewer = await person(request, services, "coordinator")
        body = await parsed_body(ExcelRequest, request)
        lang = viewer.language
        try:
            if body.briefing_id is not None:
                sent = await send_briefing_excel(
                    services, self._bot, viewer, body.briefing_id, body.area
                )
            else:
                assert body.period is not None  # the model's rule
                span = span_of(body.period, services)
                sent = await send_period_excel(services, self._bot, viewer, span, body.area)
        except OutOfScope:
            raise error(403, plain(t(lang, "denied.scope"))) from None
        if not sent:
            raise error(404, plain(t(lang, "rekap.not_found")))
        return web.json_response({"message": t(lang, "webapp.excel.sent")})
