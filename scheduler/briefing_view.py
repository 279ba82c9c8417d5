"""How a briefing looks to officers: the same parts for the preview and the real thing.

A briefing is sent as one text (with the "Lapor unggahan" / "Lihat materi" buttons)
followed by each attached photo, video or document. Everything the coordinator
typed is escaped here.
"""

from __future__ import annotations

from datetime import tzinfo

from bot.core.callback_data import ID, Route
from bot.core.texts import LANGUAGES, esc, fmt_datetime, t
from db.briefings import AUDIENCE_DIMENSIONS, Attachment, Briefing
from scheduler.content import Buttons, Content, visible_length

TEXT_LIMIT = 4096
REPORT = Route("br:rep", ID)
MATERIAL = Route("br:mat", ID)


def officer_buttons(briefing_id: int, lang: str) -> Buttons:
    return (
        (
            (t(lang, "briefing.button.report"), REPORT.build(briefing_id)),
            (t(lang, "briefing.button.material"), MATERIAL.build(briefing_id)),
        ),
    )


def names(lang: str, prefix: str, codes: tuple[str, ...]) -> str:
    return ", ".join(t(lang, f"{prefix}.{code}") for code in codes)


def briefing_text(
    briefing: Briefing, program_name: str | None, attachment_count: int, lang: str, zone: tzinfo
) -> str:
    """The briefing as officers read it (HTML)."""
    lines = [
        t(lang, "briefing.view.header", id=briefing.id, program=esc(program_name or "—")),
        f"<b>{esc(briefing.title or '…')}</b>",
        "",
        t(lang, "briefing.view.key_message"),
        esc(briefing.key_message or "…"),
    ]
    if briefing.points:
        lines += ["", t(lang, "briefing.view.points")]
        lines += [f"• {esc(point)}" for point in briefing.points]
    details = []
    if briefing.formats:
        details.append(
            t(lang, "briefing.view.formats", formats=names(lang, "format", briefing.formats))
        )
    if briefing.channels:
        details.append(
            t(lang, "briefing.view.channels", channels=names(lang, "channel", briefing.channels))
        )
    if briefing.hashtags:
        details.append(t(lang, "briefing.view.hashtags", hashtags=esc(briefing.hashtags)))
    if details:
        lines += ["", *details]
    audience = [
        t(
            lang,
            f"briefing.view.audience.{dimension}",
            tags=esc(", ".join(briefing.audience[dimension])),
        )
        for dimension in AUDIENCE_DIMENSIONS
        if briefing.audience[dimension]
    ]
    if audience:
        lines += ["", t(lang, "briefing.view.audience"), *audience]
    lines.append("")
    if briefing.deadline is not None:
        lines.append(
            t(lang, "briefing.view.deadline", deadline=fmt_datetime(briefing.deadline, lang, zone))
        )
    if attachment_count:
        lines.append(t(lang, "briefing.view.attachments", count=attachment_count))
    return "\n".join(lines).strip()


def briefing_parts(
    briefing: Briefing,
    program_name: str | None,
    attachments: list[Attachment],
    lang: str,
    zone: tzinfo,
    *,
    buttons: bool = True,
    caption: Content | None = None,
) -> list[Content]:
    """The text, then ``caption`` (the suggested caption as this reader gets it:
    scheduler/briefing_captions.py), then each attachment."""
    text = briefing_text(briefing, program_name, len(attachments), lang, zone)
    parts = [Content(text, buttons=officer_buttons(briefing.id, lang) if buttons else ())]
    if caption is not None:
        parts.append(caption)
    total = len(attachments)
    for number, attachment in enumerate(attachments, start=1):
        label = t(
            lang,
            "briefing.view.attachment_caption",
            number=number,
            total=total,
            title=esc(briefing.title[:200]),
        )
        parts.append(Content(label, media_type=attachment.media_type, file_id=attachment.file_id))
    return parts


def briefing_variants(
    briefing: Briefing, program_name: str | None, attachments: list[Attachment], zone: tzinfo
) -> dict[str, list[Content]]:
    return {
        lang: briefing_parts(briefing, program_name, attachments, lang, zone) for lang in LANGUAGES
    }


def fits(briefing: Briefing, program_name: str | None, zone: tzinfo) -> bool:
    """Whether the briefing's text stays within Telegram's limit in every language."""
    return all(
        visible_length(briefing_text(briefing, program_name, 10, lang, zone)) <= TEXT_LIMIT
        for lang in LANGUAGES
    )
