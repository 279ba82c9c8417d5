"""/tinjau: coordinators review the drafts and reports of their scope, oldest first.

One item at a time with Approve / Revise (asks for a note) / Reject and Skip.
The decision is taken in one conditional UPDATE, so when two coordinators decide
the same item the first wins and the second is told who decided what. The
officer is told through the delivery engine, with the note. The link reports that
passed every automatic check can be approved together, with a count and a
confirmation (db/review_bulk.py) — with ``links.verify`` on, also only those whose post
was verified; drafts are always reviewed one by one. A card shows the automatic check
of a reported post, and how close a draft is to its suggested caption.
"""

from __future__ import annotations

from typing import Any

from babel.numbers import format_percent
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.core.callback_data import ID, Fixed, Route, any_of
from bot.core.texts import esc, fmt_short, t
from db import briefings as briefings_db
from db import link_checks as checks_db
from db import officers as officers_db
from db import releases as releases_db
from db import review_bulk
from db import submissions as submissions_db
from db.captions import too_similar
from db.scope import OutOfScope
from db.submissions import Decision, Submission, SubmissionRefused
from handlers.commands import spec
from handlers.context import HumasContext
from handlers.conversation import END, conversation, remove_keyboard
from handlers.delivery_access import delivery
from handlers.guard import can_act_on_unit, guarded, refuse
from handlers.replies import pressed_message
from handlers.unit_picker import unit_label
from scheduler.content import Content
from scheduler.content_sender import send_content
from scheduler.notices import notify

APPROVE = Route("rv:ok", ID)
REVISE = Route("rv:rev", ID)
REJECT = Route("rv:no", ID)
SKIP = Route("rv:skip", ID)
APPROVE_PASSED = Fixed("rv:all")
APPROVE_PASSED_YES = Fixed("rv:all:yes")
APPROVE_PASSED_NO = Fixed("rv:all:no")
APPROVE_VERIFIED = Fixed("rv:ver")
NOTE = 0
_PENDING = "review.pending"
_BULK = "review.bulk"
_BULK_VERIFIED = "review.bulk.verified"
_CAPTION = 1000


async def _about(context: HumasContext, submission: Submission, lang: str) -> str:
    if submission.briefing_id is None:
        return t(lang, "submit.mandiri")
    briefing = await briefings_db.by_id(context.db, submission.briefing_id)
    return esc(briefing.title) if briefing else "—"


def _similarity(context: HumasContext, submission: Submission) -> str:
    """How close a draft is to the caption its unit was given (db/captions.py)."""
    value = submission.caption_similarity
    if value is None:
        return ""
    threshold = context.services.config.content.similarity_threshold
    return context.t(
        "review.similarity",
        percent=format_percent(value, locale=context.lang),
        mark=context.t("review.similarity.high") if too_similar(value, threshold) else "",
    )


async def _check(context: HumasContext, submission: Submission) -> str:
    """The automatic check of a reported post (links.verify), when it was made."""
    check = (await checks_db.checks_of(context.db, [submission.id])).get(submission.id)
    if check is None:
        return ""
    author = context.t("review.check.author", author=esc(check.author)) if check.author else ""
    return context.t("review.check", mark=context.t(f"check.mark.{check.status}"), author=author)


async def _card(context: HumasContext, submission: Submission, waiting: int) -> str:
    submitter = await officers_db.by_id(context.db, submission.officer_id)
    if submission.kind == "link":
        what = context.t("review.kind.link", platform=context.t(f"platform.{submission.platform}"))
        body = await _check(context, submission) + esc(submission.url or "")
    else:
        release = await releases_db.for_submission(context.db, submission.id)
        what = (
            context.t("review.kind.release", title=esc(release.title))
            if release is not None
            else context.t("review.kind.draft")
        )
        body = _similarity(context, submission) + (
            f"<blockquote>{esc(submission.draft_text)}</blockquote>"
            if submission.draft_text
            else ""
        )
    return context.t(
        "review.card",
        waiting=waiting,
        receipt=submission.receipt,
        what=what,
        name=esc(submitter.full_name if submitter else "—"),
        unit=await unit_label(context.db, context.lang, submission.unit_id),
        about=await _about(context, submission, context.lang),
        at=fmt_short(submission.created_at, context.lang, context.tz),
        late=context.t("review.late") if submission.late else "",
        body=body,
    )


def _buttons(
    context: HumasContext, submission_id: int, passed: int, verified: int
) -> InlineKeyboardMarkup:
    bulk = [
        [InlineKeyboardButton(context.t(key, count=count), callback_data=button.data)]
        for key, count, button in (
            ("review.button.approve_passed", passed, APPROVE_PASSED),
            ("review.button.approve_verified", verified, APPROVE_VERIFIED),
        )
        if count
    ]
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    context.t("review.button.approve"), callback_data=APPROVE.build(submission_id)
                ),
                InlineKeyboardButton(
                    context.t("review.button.revise"), callback_data=REVISE.build(submission_id)
                ),
                InlineKeyboardButton(
                    context.t("review.button.reject"), callback_data=REJECT.build(submission_id)
                ),
            ],
            [
                InlineKeyboardButton(
                    context.t("review.button.skip"), callback_data=SKIP.build(submission_id)
                )
            ],
            *bulk,
        ]
    )


async def _show_next(
    message: Message, context: HumasContext, after_id: int = 0, outcome: str = ""
) -> int:
    """Show the oldest waiting item (after ``after_id`` when skipping), in one message
    with the ``outcome`` of the previous decision above it."""
    officer = context.officer
    assert officer is not None
    submission = await submissions_db.next_in_queue(context.db, officer, after_id)
    above = f"{outcome}\n\n" if outcome else ""
    if submission is None:
        await message.reply_html(
            above + context.t("review.empty" if after_id == 0 else "review.end")
        )
        return END
    waiting = await submissions_db.queue_size(context.db, officer)
    media = submission.draft_file_id or submission.screenshot_file_id
    if media is not None:
        caption = (
            esc((submission.draft_text or "")[:_CAPTION]) if submission.draft_file_id else None
        )
        kind = submission.draft_media_type if submission.draft_file_id else "photo"
        shown = Content(caption or "", media_type=kind or "photo", file_id=media)
        await send_content(context.bot, message.chat_id, shown)
    passed = len(await review_bulk.passed_links(context.db, officer))
    verified = len(await review_bulk.passed_links(context.db, officer, verified=True))
    await message.reply_html(
        above + await _card(context, submission, waiting),
        reply_markup=_buttons(context, submission.id, passed, verified),
    )
    return END


@guarded("coordinator")
async def tinjau(update: Update, context: HumasContext) -> int:
    assert update.effective_message is not None
    return await _show_next(update.effective_message, context)


async def _pressed(update: Update, context: HumasContext, button: Route[int]) -> Submission | None:
    """The submission a review ``button`` names, after checking it is in the reviewer's scope."""
    query = update.callback_query
    officer = context.officer
    assert query is not None and officer is not None
    submission_id = button.parse(query.data)
    assert submission_id is not None  # the handler's pattern
    submission = await submissions_db.by_id(context.db, submission_id)
    if submission is None or not await can_act_on_unit(context.db, officer, submission.unit_id):
        await refuse(update, context, context.t("denied.scope"))
        return None
    return submission


async def _tell_officer(context: HumasContext, submission: Submission) -> None:
    submitter = await officers_db.by_id(context.db, submission.officer_id)
    if submitter is None or not submitter.is_active:
        return
    about = {lang: await _about(context, submission, lang) for lang in ("id", "en")}
    # A press release is fixed in /rilis, where its answers were kept; a draft is sent anew.
    release = submission.kind == "draft" and (
        await releases_db.for_submission(context.db, submission.id) is not None
    )
    key = f"review.told.{submission.status}" + (".release" if release else "")

    def render(lang: str) -> list[Content]:
        note = (
            t(lang, "review.told.note", note=esc(submission.review_note))
            if submission.review_note
            else ""
        )
        return [
            Content(
                t(
                    lang,
                    key,
                    receipt=submission.receipt,
                    about=about[lang],
                    note=note,
                )
            )
        ]

    await notify(
        delivery(context),
        kind="notice",
        ref=f"submission:{submission.id}",
        recipients=[submitter],
        render=render,
    )


async def _decide(
    message: Message,
    context: HumasContext,
    submission: Submission,
    decision: Decision,
    note: str | None,
) -> int:
    officer = context.officer
    assert officer is not None
    try:
        result = await submissions_db.decide(
            context.db, officer, submission.id, decision, note, context.clock.now()
        )
    except OutOfScope:
        await message.reply_text(context.t("denied.changed"))
        return END
    assert result is not None
    if not result.decided:
        outcome = context.t(
            "review.already",
            receipt=submission.receipt,
            name=esc(result.reviewer_name or "—"),
            status=context.t(f"submission.status.{result.submission.status}"),
        )
    else:
        await _tell_officer(context, result.submission)
        outcome = context.t(f"review.done.{decision}", receipt=submission.receipt)
    return await _show_next(message, context, outcome=outcome)


@guarded("coordinator")
async def decided(update: Update, context: HumasContext) -> int:
    """Approve or Reject."""
    query = update.callback_query
    assert query is not None
    message = pressed_message(query)
    assert message is not None
    approve = APPROVE.matches(query.data)
    submission = await _pressed(update, context, APPROVE if approve else REJECT)
    if submission is None:
        return END
    await query.answer()
    await remove_keyboard(query)
    decision: Decision = "disetujui" if approve else "ditolak"
    return await _decide(message, context, submission, decision, None)


@guarded("coordinator")
async def revise(update: Update, context: HumasContext) -> int:
    """Revise: first the note, then the decision (still first-wins when the note arrives)."""
    query = update.callback_query
    assert query is not None
    message = pressed_message(query)
    assert message is not None
    submission = await _pressed(update, context, REVISE)
    if submission is None:
        return END
    await query.answer()
    await remove_keyboard(query)
    if submission.status != "diterima":
        return await _decide(message, context, submission, "perlu_revisi", None)
    context.user_data[_PENDING] = submission.id
    await message.reply_html(context.t("review.ask_note", receipt=submission.receipt))
    return NOTE


@guarded("coordinator")
async def note_received(update: Update, context: HumasContext) -> int:
    message = update.effective_message
    assert message is not None and message.text is not None
    try:
        note = submissions_db.clean_note(message.text)
    except SubmissionRefused as refused:
        await message.reply_text(
            context.t(f"submit.refused.{refused.problem.value}", limit=submissions_db.MAX_NOTE)
        )
        return NOTE
    submission_id = context.user_data.pop(_PENDING, None)
    submission = await submissions_db.by_id(context.db, submission_id) if submission_id else None
    if submission is None:
        return END
    return await _decide(message, context, submission, "perlu_revisi", note)


@guarded("coordinator")
async def skipped(update: Update, context: HumasContext) -> int:
    query = update.callback_query
    assert query is not None
    message = pressed_message(query)
    assert message is not None
    skipped_id = SKIP.parse(query.data)
    assert skipped_id is not None  # the handler's pattern
    await query.answer()
    await remove_keyboard(query)
    return await _show_next(message, context, skipped_id)


@guarded("coordinator")
async def ask_approve_passed(update: Update, context: HumasContext) -> int:
    """How many passed (or verified) link reports would be approved; a confirmation first."""
    query = update.callback_query
    officer = context.officer
    assert query is not None and officer is not None
    message = query.message
    assert isinstance(message, Message)
    verified = APPROVE_VERIFIED.matches(query.data)
    ids = await review_bulk.passed_links(context.db, officer, verified=verified)
    if not ids:
        await refuse(update, context, context.t("review.bulk.none"))
        return END
    context.user_data[_BULK] = ids
    context.user_data[_BULK_VERIFIED] = verified
    await query.answer()
    await remove_keyboard(query)
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    context.t("review.bulk.yes", count=len(ids)),
                    callback_data=APPROVE_PASSED_YES.data,
                ),
                InlineKeyboardButton(
                    context.t("button.cancel"), callback_data=APPROVE_PASSED_NO.data
                ),
            ]
        ]
    )
    drafts = await submissions_db.queue_size(context.db, officer) - len(ids)
    key = "review.bulk.confirm_verified" if verified else "review.bulk.confirm"
    await message.reply_html(context.t(key, count=len(ids), others=drafts), reply_markup=keyboard)
    return END


@guarded("coordinator")
async def approve_passed(update: Update, context: HumasContext) -> int:
    query = update.callback_query
    officer = context.officer
    assert query is not None and officer is not None
    message = query.message
    assert isinstance(message, Message)
    ids = context.user_data.pop(_BULK, None)
    verified = bool(context.user_data.pop(_BULK_VERIFIED, False))
    if ids is None:
        await refuse(update, context, context.t("denied.button"))
        return END
    await query.answer()
    await remove_keyboard(query)
    if APPROVE_PASSED_NO.matches(query.data):
        return await _show_next(message, context, outcome=context.t("review.bulk.cancelled"))
    try:
        result = await review_bulk.approve_passed(
            context.db, officer, ids, context.clock.now(), verified=verified
        )
    except OutOfScope:
        await message.reply_text(context.t("denied.changed"))
        return END
    for submission in result.approved:
        await _tell_officer(context, submission)
    outcome = context.t("review.bulk.done", count=len(result.approved))
    if result.skipped:
        outcome += "\n" + context.t("review.bulk.skipped", count=result.skipped)
    return await _show_next(message, context, outcome=outcome)


def _button_handlers() -> list[BaseHandler[Update, HumasContext, Any]]:
    """The buttons on a submission under review, and approving the passed links."""
    return [
        CallbackQueryHandler(decided, pattern=any_of(APPROVE, REJECT)),
        CallbackQueryHandler(revise, pattern=REVISE.matches),
        CallbackQueryHandler(skipped, pattern=SKIP.matches),
        CallbackQueryHandler(ask_approve_passed, pattern=any_of(APPROVE_PASSED, APPROVE_VERIFIED)),
        CallbackQueryHandler(approve_passed, pattern=any_of(APPROVE_PASSED_YES, APPROVE_PASSED_NO)),
    ]


def handlers() -> list[BaseHandler[Update, HumasContext, Any]]:
    """/tinjau and the review buttons."""
    return [
        conversation(
            "review",
            entry_points=[
                CommandHandler(["tinjau", *spec("tinjau").aliases], tinjau),
                *_button_handlers(),
            ],
            states={
                NOTE: [
                    MessageHandler(filters.TEXT & ~filters.COMMAND, note_received),
                    *_button_handlers(),
                ]
            },
        ),
    ]
