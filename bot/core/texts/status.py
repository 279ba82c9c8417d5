"""Texts of /status: how the bot is doing, for administrators (handlers/status.py)."""

TEXTS: dict[str, dict[str, str]] = {
    "cmd.status": {
        "id": "Status bot: versi, antrean, cadangan, galat",
        "en": "Bot status: version, backlog, backup, errors",
    },
    "status.text": {
        "id": "<b>Status bot</b> · versi {version}\n"
        "Sudah berjalan {uptime}\n"
        "{health}\n\n"
        "📤 Antrean kirim: {pending} menunggu, {sending} sedang dikirim\n"
        "📈 Sejak mulai: {updates} pesan/tombol ditangani; kiriman terkirim {sent}, "
        "diblokir {blocked}, gagal {failed}; 429 dari Telegram: {retry_after}; "
        "pengingat diantrekan: {reminders}; galat: {errors}\n"
        "🗂 Berkas bukti: {stored} tersimpan, {waiting} menunggu, {too_big} terlalu besar, "
        "{refused} ditolak Telegram\n"
        "💾 Cadangan terakhir: {backup}\n"
        "⚠️ Galat terakhir: {error}",
        "en": "<b>Bot status</b> · version {version}\n"
        "Running for {uptime}\n"
        "{health}\n\n"
        "📤 Send backlog: {pending} waiting, {sending} being sent\n"
        "📈 Since the start: {updates} {updates:message|messages}/buttons handled; deliveries sent {sent}, "
        "blocked {blocked}, failed {failed}; 429s from Telegram: {retry_after}; "
        "reminders queued: {reminders}; errors: {errors}\n"
        "🗂 Evidence files: {stored} stored, {waiting} waiting, {too_big} too big, "
        "{refused} refused by Telegram\n"
        "💾 Last backup: {backup}\n"
        "⚠️ Last error: {error}",
    },
    "status.healthy": {"id": "✅ Sehat", "en": "✅ Healthy"},
    "status.unhealthy": {"id": "❌ Bermasalah:", "en": "❌ Problems:"},
    "status.problem.database": {
        "id": "• basis data tidak menjawab",
        "en": "• the database does not answer",
    },
    "status.problem.delivery": {
        "id": "• mesin pengiriman tidak berjalan",
        "en": "• the delivery engine is not running",
    },
    "status.problem.telegram_never": {
        "id": "• Telegram belum pernah menjawab",
        "en": "• Telegram has not answered yet",
    },
    "status.problem.telegram_silent": {
        "id": "• Telegram tidak menjawab selama {silent}",
        "en": "• Telegram has not answered for {silent}",
    },
    "status.backup": {"id": "{at} ({age} lalu)", "en": "{at} ({age} ago)"},
    "status.no_backup": {"id": "belum ada", "en": "none yet"},
    "status.error": {"id": "{kind}, {at}", "en": "{kind}, {at}"},
    "status.no_error": {"id": "tidak ada", "en": "none"},
}
