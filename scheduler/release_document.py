"""A press release in the standard Indonesian structure, from the author's answers.

:func:`assemble` is pure: the answers, the unit's place, the moment and the author
in, the release's paragraphs out, in order —

1. the headline (the title);
2. the lead: the dateline ("Cibinong, 1 Desember 2026 –") and one paragraph answering
   what, when, where and who;
3. the body: why, then how (each line the author wrote a paragraph of its own);
4. the quotes, each with its speaker and position;
5. the closing (the program it belongs to, when it has one);
6. the contact of the unit's humas: the author, the unit, the contact line;
7. "###".

The message (:func:`as_html`) and the .docx (scheduler/release_docx.py) are both
made from these paragraphs, so they never differ. Releases are written in
Indonesian, the regency's public language, whatever the author's own setting.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Literal

from babel.dates import format_date

from bot.core.texts import esc, t
from db.releases import Release

LANGUAGE = "id"
END_MARK = "###"
Kind = Literal["headline", "lead", "body", "quote", "closing", "contact", "end"]


@dataclass(frozen=True)
class Paragraph:
    kind: Kind
    text: str
    lead_in: str = ""  # the dateline, at the start of the lead paragraph


@dataclass(frozen=True)
class Byline:
    """Where the release comes from and who answers questions about it."""

    place: str  # the dateline's place: the kecamatan, or the configured city
    author: str
    unit: str  # e.g. "Desa Wanaherang"
    program: str | None


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?", "”", '"')) else f"{text}."


def _clause(text: str) -> str:
    """An answer used inside a sentence: without its closing full stop."""
    return text.strip().rstrip(".")


def dateline(place: str, moment: datetime, zone: tzinfo) -> str:
    """E.g. ``Cibinong, 1 Desember 2026 –`` (the date in the zone, by Babel)."""
    day = format_date(moment.astimezone(zone).date(), "d MMMM y", locale=LANGUAGE)
    return f"{place}, {day} –"


def assemble(release: Release, byline: Byline, moment: datetime, zone: tzinfo) -> list[Paragraph]:
    """The release's paragraphs, in order (see the module)."""
    what_lines = release.what.splitlines() or [""]
    lead = t(
        LANGUAGE,
        "release.doc.lead",
        what=_clause(what_lines[0]),
        when=_clause(release.happened_at),
        where=_clause(release.place),
        who=_clause(release.who),
    )
    paragraphs = [
        Paragraph("headline", release.title.strip()),
        Paragraph("lead", lead, lead_in=dateline(byline.place, moment, zone)),
    ]
    body = [*what_lines[1:], *release.why.splitlines(), *release.how.splitlines()]
    paragraphs += [Paragraph("body", _sentence(line)) for line in body if line.strip()]
    paragraphs += [
        Paragraph(
            "quote",
            t(
                LANGUAGE,
                "release.doc.quote",
                quote=_clause(quote.text).strip('“”"'),
                speaker=quote.speaker.strip(),
                position=_clause(quote.position),
            ),
        )
        for quote in release.quotes
    ]
    closing_key = "release.doc.closing_program" if byline.program else "release.doc.closing"
    paragraphs.append(Paragraph("closing", t(LANGUAGE, closing_key, program=byline.program)))
    contact = t(LANGUAGE, "release.doc.contact", name=byline.author, unit=byline.unit)
    if release.contact.strip():
        contact += "\n" + release.contact.strip()
    paragraphs.append(Paragraph("contact", contact))
    paragraphs.append(Paragraph("end", END_MARK))
    return paragraphs


def as_text(paragraphs: list[Paragraph]) -> str:
    """The release as plain text, a blank line between paragraphs."""
    return "\n\n".join(
        f"{paragraph.lead_in} {paragraph.text}" if paragraph.lead_in else paragraph.text
        for paragraph in paragraphs
    )


def as_html(paragraphs: list[Paragraph]) -> str:
    """The release as a Telegram message: the headline bold, the quotes in italics."""
    parts = []
    for paragraph in paragraphs:
        text = esc(paragraph.text)
        if paragraph.kind == "headline":
            text = f"<b>{text}</b>"
        elif paragraph.kind == "quote":
            text = f"<i>{text}</i>"
        elif paragraph.lead_in:
            text = f"<b>{esc(paragraph.lead_in)}</b> {text}"
        parts.append(text)
    return "\n\n".join(parts)
