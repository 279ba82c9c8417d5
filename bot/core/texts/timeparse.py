"""Texts for times people type (bot/core/timeparse.py), shared by every feature that asks for one."""

TEXTS: dict[str, dict[str, str]] = {
    "time.invalid": {
        "id": "Maaf, waktu itu tidak saya pahami. Contoh: <code>sekarang</code>, "
        "<code>besok 07:00</code>, <code>Senin 08:30</code>, <code>2026-12-01 07:00</code> "
        "(semua WIB).",
        "en": "Sorry, I did not understand that time. Examples: <code>now</code>, "
        "<code>tomorrow 07:00</code>, <code>Monday 08:30</code>, <code>2026-12-01 07:00</code> "
        "(all WIB).",
    },
    "time.past": {
        "id": "Waktu itu sudah lewat. Tulis waktu yang akan datang, misalnya "
        "<code>besok 07:00</code>.",
        "en": "That time has already passed. Give a time in the future, e.g. "
        "<code>tomorrow 07:00</code>.",
    },
}
