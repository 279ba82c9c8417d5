"""Reporting posts and sending drafts: /lapor, the "Lapor unggahan" button, /draf.

From a briefing message a report takes two interactions: press "Lapor unggahan"
(the briefing is known, no choosing), paste the link — the receipt comes back at
once. More links and an optional screenshot may follow; "Selesai" finishes.
/lapor first asks which briefing (or "konten mandiri"); /draf sends a draft
(text, photo, video or document) for review before posting.
"""

from __future__ import annotations

from typing import Any

from babel.numbers import format_percent
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.core.callback_data import Fixed, Number, Route
from bot.core.links import Problem, find_links
from bot.core.numbers import MAX_ID
from bot.core.texts import esc, fmt_datetime, fmt_short, unit_label
from db import assignments as assignments_db
from db import briefings as briefings_db
from db import captions as captions_db
from db import submissions as submissions_db
from db.briefings import Briefing
from db.submissions import DraftMedia, LinkReport, SubmissionRefused, SubmitProblem
from handlers import shortcuts
from handlers.commands import spec
from handlers.context import HumasContext
from handlers.conversation import END, conversation, remove_keyboard
from handlers.delivery_access import delivery
from handlers.evidence import keep_file
from handlers.guard import guarded, refuse
from handlers.replies import pressed_message
from scheduler import review_alerts
from scheduler.briefing_view import REPORT, names

MANDIRI = 0
_TARGET_ID = Number(MANDIRI, MAX_ID)  # a briefing id, or MANDIRI (konten mandiri)
PICK = Route("sb:pick", _TARGET_ID)
DRAFT_PICK = Route("sb:draft", _TARGET_ID)
DONE = Fixed("sb:done")
CHOOSE, LINKS, CHOOSE_DRAFT, DRAFT = range(4)
_TARGET = "submit.target"  # the briefing id being reported on (0: konten mandiri)
_LAST = "submit.last"  # the last link recorded in this dialogue (for a screenshot)
_COUNT = "submit.count"
_CHOICES = 8
_MAX_LINKS = 10
_TITLE_IN_BUTTON = 32


def _done_markup(context: HumasContext) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(context.t("submit.button.done"), callback_data=DONE.data)]]
    )


async def _choices(update: Update, context: HumasContext, choice: Route[int], prompt: str) -> int:
    """Ask which briefing: the unit's live ones, nearest deadline first, and konten mandiri."""
    officer = context.officer
    assert officer is not None and update.effective_message is not None
    now = context.clock.now()
    items = await assignments_db.open_briefings(context.db, officer.unit_id, now)
    rows = []
    for item in items[:_CHOICES]:
        title = (
            item.title
            if len(item.title) <= _TITLE_IN_BUTTON
            else item.title[: _TITLE_IN_BUTTON - 1] + "…"
        )
        label = context.t(
            "submit.choice",
            title=title,
            deadline=fmt_short(item.deadline, context.lang, context.tz),
            mark=context.t(f"unitstatus.mark.{item.unit_status(now)}"),
        )
        rows.append([InlineKeyboardButton(label, callback_data=choice.build(item.briefing_id))])
    rows.append(
        [
            InlineKeyboardButton(
                context.t("submit.button.mandiri"), callback_data=choice.build(MANDIRI)
            )
        ]
    )
    await update.effective_message.reply_html(
        context.t(prompt), reply_markup=InlineKeyboardMarkup(rows)
    )
    return CHOOSE if choice is PICK else CHOOSE_DRAFT


async def _target(update: Update, context: HumasContext, briefing_id: int) -> Briefing | None:
    """Re-check a chosen briefing on the server (:func:`db.submissions.reportable`)."""
    officer = context.officer
    assert officer is not None
    return await submissions_db.reportable(
        context.db, officer.unit_id, briefing_id or None, context.clock.now()
    )


async def _pressed(
    update: Update, context: HumasContext, button: Route[int]
) -> tuple[int, Briefing | None] | None:
    """The briefing a choice button names (None: konten mandiri), re-checked by :func:`_target`.

    The press is answered; None after telling the person why the choice is refused.
    """
    query = update.callback_query
    assert query is not None and query.data is not None
    briefing_id = button.parse(query.data)
    assert briefing_id is not None  # the handler's pattern
    try:
        briefing = await _target(update, context, briefing_id)
    except SubmissionRefused as refused:
        await refuse(update, context, context.t(f"submit.refused.{refused.problem.value}"))
        return None
    await query.answer()
    return briefing_id, briefing


def _start_links(context: HumasContext, briefing_id: int) -> None:
    context.user_data[_TARGET] = briefing_id
    context.user_data.pop(_LAST, None)
    context.user_data[_COUNT] = 0


async def _links_prompt(message: Message, context: HumasContext, briefing: Briefing | None) -> None:
    if briefing is None:
        text = context.t("submit.prompt.mandiri")
    else:
        assert briefing.deadline is not None
        text = context.t(
            "submit.prompt",
            title=esc(briefing.title),
            deadline=fmt_datetime(briefing.deadline, context.lang, context.tz),
        )
    await message.reply_html(text, reply_markup=_done_markup(context))


@guarded("officer")
async def lapor(update: Update, context: HumasContext) -> int:
    return await _choices(update, context, PICK, "submit.choose")


@guarded("officer")
async def report_button(update: Update, context: HumasContext) -> int:
    """The "Lapor unggahan" button under a briefing: straight to pasting the link."""
    query = update.callback_query
    assert query is not None
    message = pressed_message(query)
    assert message is not None
    pressed = await _pressed(update, context, REPORT)
    if pressed is None:
        return END
    briefing_id, briefing = pressed
    _start_links(context, briefing_id)
    await _links_prompt(message, context, briefing)
    return LINKS


@guarded("officer")
async def picked(update: Update, context: HumasContext) -> int:
    query = update.callback_query
    assert query is not None
    message = pressed_message(query)
    assert message is not None
    pressed = await _pressed(update, context, PICK)
    if pressed is None:
        return CHOOSE
    briefing_id, briefing = pressed
    await remove_keyboard(query)
    _start_links(context, briefing_id)
    await _links_prompt(message, context, briefing)
    return LINKS


def _refusal(context: HumasContext, link: str, refused: SubmissionRefused) -> str:
    shown = esc(link if len(link) <= 80 else link[:77] + "…")
    if isinstance(refused.problem, Problem):
        platform = context.t(f"platform.{refused.platform}") if refused.platform else ""
        reason = context.t(f"link.problem.{refused.problem.value}", platform=platform)
    elif refused.first is not None:
        first = refused.first
        reason = context.t(
            f"submit.refused.{refused.problem.value}",
            unit=unit_label(context.lang, first.unit_kind, first.unit_name),
            at=fmt_short(first.at, context.lang, context.tz),
            receipt=first.receipt,
        )
    elif refused.problem is SubmitProblem.DUPLICATE:
        reason = context.t("submit.refused.duplicate_race")
    else:
        reason = context.t(f"submit.refused.{refused.problem.value}")
    return context.t("submit.refused", link=shown, reason=reason)


async def _receipt(context: HumasContext, report: LinkReport, briefing: Briefing | None) -> str:
    submission = report.submission
    platform = context.t(f"platform.{submission.platform}")
    if briefing is None:
        timing = context.t("submit.receipt.mandiri")
    else:
        assert briefing.deadline is not None
        deadline = fmt_datetime(briefing.deadline, context.lang, context.tz)
        timing = context.t(
            "submit.receipt.late" if submission.late else "submit.receipt.on_time",
            deadline=deadline,
        )
    note = ""
    if submission.off_channel and briefing is not None:
        note = context.t(
            "submit.receipt.off_channel",
            platform=platform,
            channels=names(context.lang, "channel", briefing.channels),
        )
    return context.t(
        "submit.receipt",
        receipt=submission.receipt,
        platform=platform,
        url=esc(submission.url or ""),
        timing=timing,
        note=note,
    )


async def _record_links(context: HumasContext, text: str) -> list[str]:
    """Check and record every link in ``text``; a receipt or a refusal for each."""
    officer = context.officer
    assert officer is not None
    briefing_id = context.user_data.get(_TARGET, MANDIRI)
    briefing = None if briefing_id == MANDIRI else await briefings_db.by_id(context.db, briefing_id)
    answers = []
    for link in (find_links(text) or [text.strip()])[:_MAX_LINKS]:
        try:
            report = await submissions_db.report_link(
                context.db, officer, briefing_id or None, link, context.clock.now()
            )
        except SubmissionRefused as refused:
            answers.append(_refusal(context, link, refused))
            continue
        context.user_data[_LAST] = report.submission.id
        context.user_data[_COUNT] = context.user_data.get(_COUNT, 0) + 1
        answers.append(await _receipt(context, report, briefing))
        if context.services.links is not None:  # links.verify: checked in the background
            await context.services.links.keep(report.submission.id)
    return answers


@guarded("officer")
async def links_received(update: Update, context: HumasContext) -> int:
    """Each link in the message is checked and recorded; the receipts come back at once."""
    message = update.effective_message
    assert message is not None and message.text is not None
    answers = await _record_links(context, message.text)
    answers.append(context.t("submit.more"))
    await message.reply_html("\n\n".join(answers), reply_markup=_done_markup(context))
    return LINKS


@guarded("officer")
async def screenshot(update: Update, context: HumasContext) -> int:
    """A screenshot goes with the last link (a link in its caption is recorded first)."""
    officer = context.officer
    message = update.effective_message
    assert officer is not None and message is not None and message.photo
    answers = await _record_links(context, message.caption) if message.caption else []
    last = context.user_data.get(_LAST)
    if last is None:
        answers.append(context.t("submit.screenshot.first"))
    else:
        await submissions_db.attach_screenshot(
            context.db, last, officer.id, message.photo[-1].file_id
        )
        await keep_file(context, message, "screenshot")
        submission = await submissions_db.by_id(context.db, last)
        assert submission is not None
        answers.append(context.t("submit.screenshot.saved", receipt=submission.receipt))
    await message.reply_html("\n\n".join(answers), reply_markup=_done_markup(context))
    return LINKS


@guarded("officer")
async def finished(update: Update, context: HumasContext) -> int:
    query = update.callback_query
    assert query is not None
    message = pressed_message(query)
    assert message is not None
    await query.answer()
    await remove_keyboard(query)
    count = context.user_data.pop(_COUNT, 0)
    context.user_data.pop(_TARGET, None)
    context.user_data.pop(_LAST, None)
    key = "submit.finished" if count else "submit.finished_none"
    await message.reply_text(context.t(key, count=count))
    return END


@guarded("officer")
async def stale_done(update: Update, context: HumasContext) -> None:
    """The "Selesai" button pressed on an old receipt, after the dialogue ended."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    await remove_keyboard(query)


# ---- drafts for review -------------------------------------------------------------------


@guarded("officer")
async def draf(update: Update, context: HumasContext) -> int:
    return await _choices(update, context, DRAFT_PICK, "draft.choose")


@guarded("officer")
async def draft_picked(update: Update, context: HumasContext) -> int:
    query = update.callback_query
    assert query is not None
    message = pressed_message(query)
    assert message is not None
    pressed = await _pressed(update, context, DRAFT_PICK)
    if pressed is None:
        return CHOOSE_DRAFT
    briefing_id, briefing = pressed
    await remove_keyboard(query)
    context.user_data[_TARGET] = briefing_id
    about = esc(briefing.title) if briefing else context.t("submit.mandiri")
    await message.reply_html(context.t("draft.prompt", about=about))
    return DRAFT


def _draft_media(message: Message) -> tuple[DraftMedia | None, str | None]:
    if message.photo:
        return "photo", message.photo[-1].file_id
    if message.video:
        return "video", message.video.file_id
    if message.document:
        return "document", message.document.file_id
    return None, None


@guarded("officer")
async def draft_received(update: Update, context: HumasContext) -> int:
    officer = context.officer
    message = update.effective_message
    assert officer is not None and message is not None
    media_type, file_id = _draft_media(message)
    briefing_id = context.user_data.get(_TARGET, MANDIRI)
    try:
        submission = await submissions_db.submit_draft(
            context.db,
            officer,
            briefing_id or None,
            text=message.caption if file_id else message.text,
            media_type=media_type,
            file_id=file_id,
            now=context.clock.now(),
        )
    except SubmissionRefused as refused:
        await message.reply_text(context.t(f"submit.refused.{refused.problem.value}"))
        return (
            DRAFT
            if refused.problem in (SubmitProblem.DRAFT_EMPTY, SubmitProblem.DRAFT_TOO_LONG)
            else END
        )
    context.user_data.pop(_TARGET, None)
    await keep_file(context, message, "draft")
    receipt = context.t("draft.received", receipt=submission.receipt)
    threshold = context.services.config.content.similarity_threshold
    if captions_db.too_similar(submission.caption_similarity, threshold):
        assert submission.caption_similarity is not None
        percent = format_percent(submission.caption_similarity, locale=context.lang)
        receipt += "\n\n" + context.t("draft.similar", percent=percent)
    await message.reply_html(receipt)
    await review_alerts.draft_arrived(
        context.db, delivery(context), officer.unit_id, context.clock.now()
    )
    return END


@guarded("officer")
async def draft_unsupported(update: Update, context: HumasContext) -> int:
    assert update.effective_message is not None
    await update.effective_message.reply_text(context.t("draft.unsupported"))
    return DRAFT


_TEXT = filters.TEXT & ~filters.COMMAND
_DRAFT_CONTENT = _TEXT | filters.PHOTO | filters.VIDEO | filters.Document.ALL


def handlers() -> list[BaseHandler[Update, HumasContext, Any]]:
    """Reporting links (/lapor, /draf) and the buttons on a report."""
    return [
        conversation(
            "submit",
            entry_points=[
                CommandHandler(["lapor", *spec("lapor").aliases], lapor),
                MessageHandler(shortcuts.pressed("lapor"), lapor),
                CallbackQueryHandler(report_button, pattern=REPORT.matches),
                CommandHandler(["draf", *spec("draf").aliases], draf),
            ],
            states={
                CHOOSE: [CallbackQueryHandler(picked, pattern=PICK.matches)],
                LINKS: [
                    MessageHandler(_TEXT, links_received),
                    MessageHandler(filters.PHOTO, screenshot),
                    CallbackQueryHandler(finished, pattern=DONE.matches),
                ],
                CHOOSE_DRAFT: [CallbackQueryHandler(draft_picked, pattern=DRAFT_PICK.matches)],
                DRAFT: [
                    MessageHandler(_DRAFT_CONTENT, draft_received),
                    MessageHandler(~filters.COMMAND, draft_unsupported),
                ],
            },
        ),
        CallbackQueryHandler(stale_done, pattern=DONE.matches),
    ]
