"""A press release as a Word document (.docx) in the regency's format.

From the top: the logo (``release.logo``, when the file exists), the header line
(``release.header``, bold and centred), then the release's paragraphs
(scheduler/release_document.py): the headline bold, the lead opening with its dateline
in bold, the body, the quotes in italics, the closing, the contact, the photos the
file store holds, and "###" centred.

:func:`build` blocks (python-docx writes a zip): the bot runs it in a thread.
"""

from __future__ import annotations

import io
import logging
from pathlib import Path

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.image.exceptions import UnrecognizedImageError
from docx.shared import Cm, Pt

from scheduler.release_document import Paragraph

log = logging.getLogger(__name__)

MIME_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_LOGO_WIDTH = Cm(2.5)
_PHOTO_WIDTH = Cm(12)


def build(
    paragraphs: list[Paragraph], header: str, logo: Path | None, photos: list[bytes]
) -> bytes:
    """The .docx's bytes."""
    document = Document()
    if logo is not None and logo.is_file():
        document.add_picture(str(logo), width=_LOGO_WIDTH)
        document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    if header.strip():
        top = document.add_paragraph()
        top.alignment = WD_ALIGN_PARAGRAPH.CENTER
        top.add_run(header.strip()).bold = True
    for paragraph in paragraphs:
        if paragraph.kind == "end":
            for photo in photos:
                _picture(document, photo)
        written = document.add_paragraph()
        if paragraph.kind == "headline":
            run = written.add_run(paragraph.text)
            run.bold = True
            run.font.size = Pt(14)
        elif paragraph.kind == "quote":
            written.add_run(paragraph.text).italic = True
        elif paragraph.kind == "end":
            written.alignment = WD_ALIGN_PARAGRAPH.CENTER
            written.add_run(paragraph.text)
        else:
            if paragraph.lead_in:
                written.add_run(paragraph.lead_in).bold = True
                written.add_run(" ")
            lines = paragraph.text.split("\n")
            for number, line in enumerate(lines):
                run = written.add_run(line)
                if number < len(lines) - 1:
                    run.add_break()
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _picture(document: WordDocument, data: bytes) -> None:
    """A photo on a paragraph of its own; one python-docx cannot read is left out."""
    try:
        document.add_picture(io.BytesIO(data), width=_PHOTO_WIDTH)
    except UnrecognizedImageError as exc:
        log.warning("a release photo could not be placed in the .docx: %r", exc)
        return
    document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
