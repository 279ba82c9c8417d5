"""Plain-text rendering of bot messages for transcripts (demo, control API, debug dumps)."""

from __future__ import annotations

from bot.devtools.sandbox.models import SentMessage

_MEDIA_LABELS = {"photo": "foto", "document": "dokumen", "video": "video"}


def render_message(msg: SentMessage) -> str:
    """One readable block for transcripts: plain text, media marker, keyboard rows."""
    lines: list[str] = []
    if msg.media_type:
        label = _MEDIA_LABELS.get(msg.media_type, msg.media_type)
        name = (
            msg.raw.get("document", {}).get("file_name") if msg.media_type == "document" else None
        )
        if name:
            label = f"{label} {name}"
        lines.append(f"({label}: {msg.plain_text})" if msg.plain_text else f"({label})")
    elif msg.plain_text:
        lines.append(msg.plain_text)
    lines.extend(" ".join(f"[ {label} ]" for label in row) for row in msg.button_labels())
    if msg.deleted:
        lines.append("(pesan dihapus)")
    return "\n".join(lines)
