"""Texts of the delivery engine: the end-of-broadcast report to the sender."""

TEXTS: dict[str, dict[str, str]] = {
    "delivery.report": {
        "id": "📊 <b>Laporan pengiriman</b> — {what}\n"
        "Penerima: {recipients}\n"
        "✅ Terkirim: {sent}\n"
        "🚫 Memblokir bot: {blocked}\n"
        "❌ Gagal: {failed}{failed_units}{extra}\n"
        "⏱ Waktu kirim: {duration}",
        "en": "📊 <b>Delivery report</b> — {what}\n"
        "Recipients: {recipients}\n"
        "✅ Delivered: {sent}\n"
        "🚫 Blocked the bot: {blocked}\n"
        "❌ Failed: {failed}{failed_units}{extra}\n"
        "⏱ Sending took: {duration}",
    },
    "delivery.report.failed_units": {"id": "\n   Unit: {units}", "en": "\n   Units: {units}"},
    "delivery.report.more": {"id": "dan {count} lainnya", "en": "and {count} more"},
    "delivery.report.ambiguous": {
        "id": "\n❔ Tidak pasti (waktu habis, mungkin sudah sampai): {count}",
        "en": "\n❔ Uncertain (timed out, may have arrived): {count}",
    },
    "delivery.report.skipped": {
        "id": "\n⏭ Dilewati (akun nonaktif): {count}",
        "en": "\n⏭ Skipped (deactivated accounts): {count}",
    },
    "delivery.report.instant": {"id": "kurang dari 1 detik", "en": "under 1 second"},
    "delivery.kind.announcement": {"id": "Pengumuman", "en": "Announcement"},
    "delivery.kind.briefing": {"id": "Briefing", "en": "Briefing"},
    "delivery.kind.reminder": {"id": "Pengingat", "en": "Reminder"},
    "delivery.kind.digest": {"id": "Ringkasan mingguan", "en": "Weekly digest"},
    "delivery.kind.notice": {"id": "Pemberitahuan", "en": "Notice"},
    "delivery.kind.other": {"id": "Pesan", "en": "Message"},
}
