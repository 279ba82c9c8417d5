"""Field issue reports (media monitoring): /isu, /isu_daftar, and marking one handled.

An officer reports a link or a screenshot, a short description and an urgency;
the coordinators over their unit get it at once through the delivery engine
("darurat" is urgent: it ignores quiet hours). A coordinator marks it handled
with a note, and the reporter is told.
"""

from __future__ import annotations

from datetime import tzinfo
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.core.callback_data import ID, Choice, Route
from bot.core.links import check_any_link, find_links
from bot.core.texts import esc, fmt_short, t
from db import issue_reports as issues_db
from db import officers as officers_db
from db import oversight
from db.issue_reports import URGENCIES, IssueError, IssueReport
from db.officers import Officer
from db.scope import OutOfScope
from handlers.commands import spec
from handlers.context import HumasContext
from handlers.conversation import END, conversation, remove_keyboard
from handlers.delivery_access import delivery
from handlers.evidence import keep_file
from handlers.guard import can_act_on_unit, guarded, refuse
from handlers.replies import pressed_message
from handlers.unit_picker import unit_label
from scheduler.content import Content
from scheduler.notices import notify

URGENCY = Route("is:urg", Choice(*URGENCIES))
HANDLE = Route("is:done", ID)
EVIDENCE, DESCRIBE, CHOOSE_URGENCY = range(3)
NOTE = 0
_DRAFT = "issue.draft"
_HANDLING = "issue.handling"
_LISTED = 10


@guarded("officer")
async def isu(update: Update, context: HumasContext) -> int:
    assert update.effective_message is not None
    context.user_data[_DRAFT] = {}
    await update.effective_message.reply_html(context.t("issue.ask_evidence"))
    return EVIDENCE


async def _ask_description(update: Update, context: HumasContext) -> int:
    assert update.effective_message is not None
    await update.effective_message.reply_html(context.t("issue.ask_description"))
    return DESCRIBE


async def _ask_urgency(update: Update, context: HumasContext) -> int:
    assert update.effective_message is not None
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    context.t(f"issue.urgency.{urgency}"), callback_data=URGENCY.build(urgency)
                )
                for urgency in URGENCIES
            ]
        ]
    )
    await update.effective_message.reply_html(context.t("issue.ask_urgency"), reply_markup=keyboard)
    return CHOOSE_URGENCY


@guarded("officer")
async def evidence_link(update: Update, context: HumasContext) -> int:
    message = update.effective_message
    assert message is not None and message.text is not None
    candidate = (find_links(message.text) or [message.text.strip()])[0]
    verdict = check_any_link(candidate)
    if not verdict.ok:
        assert verdict.problem is not None
        await message.reply_html(
            context.t(
                "issue.bad_link",
                reason=context.t(f"link.problem.{verdict.problem.value}", platform=""),
            )
        )
        return EVIDENCE
    context.user_data.setdefault(_DRAFT, {})["url"] = verdict.url
    return await _ask_description(update, context)


@guarded("officer")
async def evidence_screenshot(update: Update, context: HumasContext) -> int:
    """A screenshot; its caption, when there is one, is the description."""
    message = update.effective_message
    assert message is not None and message.photo
    draft = context.user_data.setdefault(_DRAFT, {})
    draft["screenshot"] = message.photo[-1].file_id
    await keep_file(context, message, "issue")
    if message.caption:
        try:
            draft["description"] = issues_db.clean(message.caption, issues_db.MAX_DESCRIPTION)
        except IssueError:
            return await _ask_description(update, context)
        return await _ask_urgency(update, context)
    return await _ask_description(update, context)


@guarded("officer")
async def evidence_other(update: Update, context: HumasContext) -> int:
    assert update.effective_message is not None
    await update.effective_message.reply_html(context.t("issue.ask_evidence"))
    return EVIDENCE


@guarded("officer")
async def description(update: Update, context: HumasContext) -> int:
    message = update.effective_message
    assert message is not None and message.text is not None
    try:
        text = issues_db.clean(message.text, issues_db.MAX_DESCRIPTION)
    except IssueError as error:
        await message.reply_text(
            context.t(f"issue.problem.{error.problem.value}", limit=error.limit)
        )
        return DESCRIBE
    context.user_data.setdefault(_DRAFT, {})["description"] = text
    return await _ask_urgency(update, context)


def _card(lang: str, report: IssueReport, reporter: Officer, unit: str, zone: tzinfo) -> str:
    link = t(lang, "issue.card.link", url=esc(report.url)) if report.url else ""
    return t(
        lang,
        "issue.card",
        number=report.number,
        urgency=t(lang, f"issue.urgency.{report.urgency}"),
        name=esc(reporter.full_name),
        unit=unit,
        at=fmt_short(report.created_at, lang, zone),
        description=esc(report.description),
        link=link,
    )


async def _tell_coordinators(context: HumasContext, report: IssueReport, reporter: Officer) -> None:
    recipients = await oversight.coordinators_over(context.db, report.unit_id)
    units = {lang: await unit_label(context.db, lang, report.unit_id) for lang in ("id", "en")}

    def render(lang: str) -> list[Content]:
        button = ((t(lang, "issue.button.handle"), HANDLE.build(report.id)),)
        card = Content(_card(lang, report, reporter, units[lang], context.tz), buttons=(button,))
        if report.screenshot_file_id is None:
            return [card]
        photo = Content(
            t(lang, "issue.screenshot_caption", number=report.number),
            media_type="photo",
            file_id=report.screenshot_file_id,
        )
        return [photo, card]

    await notify(
        delivery(context),
        kind="issue",
        ref=f"issue:{report.id}",
        recipients=recipients,
        render=render,
        urgent=report.urgency == "darurat",
    )


@guarded("officer")
async def urgency_chosen(update: Update, context: HumasContext) -> int:
    query = update.callback_query
    officer = context.officer
    assert query is not None and officer is not None
    message = pressed_message(query)
    assert message is not None
    urgency = URGENCY.parse(query.data)
    draft = context.user_data.pop(_DRAFT, {})
    if urgency is None or "description" not in draft:
        await refuse(update, context, context.t("denied.button"))
        return END
    await query.answer()
    await remove_keyboard(query)
    report = await issues_db.create(
        context.db,
        officer,
        url=draft.get("url"),
        screenshot_file_id=draft.get("screenshot"),
        description=draft["description"],
        urgency=urgency,
        now=context.clock.now(),
    )
    await _tell_coordinators(context, report, officer)
    await message.reply_html(
        context.t(
            "issue.received", number=report.number, urgency=context.t(f"issue.urgency.{urgency}")
        )
    )
    return END


# ---- coordinators ------------------------------------------------------------------------


@guarded("coordinator")
async def isu_daftar(update: Update, context: HumasContext) -> None:
    officer = context.officer
    message = update.effective_message
    assert officer is not None and message is not None
    reports = await issues_db.open_in_scope(context.db, officer, _LISTED)
    if not reports:
        await message.reply_text(context.t("issue.list.none"))
        return
    lines = [context.t("issue.list.header", count=len(reports))]
    buttons = []
    for report in reports:
        reporter = await officers_db.by_id(context.db, report.reporter_id)
        lines.append(
            context.t(
                "issue.list.item",
                number=report.number,
                urgency=context.t(f"issue.urgency.{report.urgency}"),
                unit=await unit_label(context.db, context.lang, report.unit_id),
                name=esc(reporter.full_name if reporter else "—"),
                at=fmt_short(report.created_at, context.lang, context.tz),
                description=esc(report.description[:200]),
                link=context.t("issue.card.link", url=esc(report.url)) if report.url else "",
            )
        )
        buttons.append(
            [
                InlineKeyboardButton(
                    context.t("issue.button.handle_number", number=report.number),
                    callback_data=HANDLE.build(report.id),
                )
            ]
        )
    await message.reply_html("\n\n".join(lines), reply_markup=InlineKeyboardMarkup(buttons))


@guarded("coordinator")
async def handle_pressed(update: Update, context: HumasContext) -> int:
    query = update.callback_query
    officer = context.officer
    assert query is not None and officer is not None
    message = pressed_message(query)
    assert message is not None
    report_id = HANDLE.parse(query.data)
    assert report_id is not None  # the handler's pattern
    report = await issues_db.by_id(context.db, report_id)
    if report is None or not await can_act_on_unit(context.db, officer, report.unit_id):
        await refuse(update, context, context.t("denied.scope"))
        return END
    if report.status == "handled":
        handler = await officers_db.by_id(context.db, report.handled_by or 0)
        await refuse(
            update,
            context,
            context.t(
                "issue.already", number=report.number, name=handler.full_name if handler else "—"
            ),
        )
        return END
    await query.answer()
    context.user_data[_HANDLING] = report.id
    await message.reply_html(context.t("issue.ask_note", number=report.number))
    return NOTE


@guarded("coordinator")
async def handled_note(update: Update, context: HumasContext) -> int:
    officer = context.officer
    message = update.effective_message
    assert officer is not None and message is not None and message.text is not None
    report_id = context.user_data.get(_HANDLING)
    if report_id is None:
        return END
    try:
        result = await issues_db.mark_handled(
            context.db, officer, report_id, message.text, context.clock.now()
        )
    except IssueError as error:
        await message.reply_text(
            context.t(f"issue.problem.{error.problem.value}", limit=error.limit)
        )
        return NOTE
    except OutOfScope:
        context.user_data.pop(_HANDLING, None)
        await message.reply_text(context.t("denied.changed"))
        return END
    context.user_data.pop(_HANDLING, None)
    assert result is not None
    if not result.handled:
        await message.reply_html(
            context.t(
                "issue.already", number=result.report.number, name=esc(result.handler_name or "—")
            )
        )
        return END
    reporter = await officers_db.by_id(context.db, result.report.reporter_id)
    if reporter is not None and reporter.is_active:
        report = result.report
        await notify(
            delivery(context),
            kind="notice",
            ref=f"issue:{report.id}",
            recipients=[reporter],
            render=lambda lang: [
                Content(
                    t(
                        lang,
                        "issue.told",
                        number=report.number,
                        name=esc(officer.full_name),
                        note=esc(report.note or ""),
                    )
                )
            ],
        )
    await message.reply_html(context.t("issue.handled", number=result.report.number))
    return END


_TEXT = filters.TEXT & ~filters.COMMAND


def handlers() -> list[BaseHandler[Update, HumasContext, Any]]:
    """Field issue reports: reporting one, handling one, the list."""
    return [
        conversation(
            "issue_report",
            entry_points=[CommandHandler(["isu", *spec("isu").aliases], isu)],
            states={
                EVIDENCE: [
                    MessageHandler(_TEXT, evidence_link),
                    MessageHandler(filters.PHOTO, evidence_screenshot),
                    MessageHandler(~filters.COMMAND, evidence_other),
                ],
                DESCRIBE: [MessageHandler(_TEXT, description)],
                CHOOSE_URGENCY: [CallbackQueryHandler(urgency_chosen, pattern=URGENCY.matches)],
            },
        ),
        conversation(
            "issue_handle",
            entry_points=[CallbackQueryHandler(handle_pressed, pattern=HANDLE.matches)],
            states={NOTE: [MessageHandler(_TEXT, handled_note)]},
        ),
        CommandHandler(["isu_daftar", *spec("isu_daftar").aliases], isu_daftar),
    ]
