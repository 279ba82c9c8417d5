"""Texts shared by every feature: errors, refusals, generic buttons."""

TEXTS: dict[str, dict[str, str]] = {
    "error.internal": {
        "id": "Maaf, terjadi kesalahan di sistem kami. Coba lagi sebentar lagi; "
        "admin sudah diberi tahu.",
        "en": "Sorry, something went wrong on our side. Please try again shortly; "
        "an administrator has been told.",
    },
    "error.admin_alert": {
        "id": "⚠️ Galat tak tertangani: <code>{error}</code> di <code>{where}</code>\n"
        "Pembaruan: <code>{update}</code>",
        "en": "⚠️ Unhandled error: <code>{error}</code> in <code>{where}</code>\n"
        "Update: <code>{update}</code>",
    },
    "error.admin_alert_suppressed": {
        "id": "{count} galat serupa dalam 10 menit terakhir tidak dilaporkan satu per satu.",
        "en": "{count} similar {count:error|errors} in the last 10 minutes were not reported one by one.",
    },
    "error.database_lost": {
        "id": "🛑 Berkas basis data <code>{path}</code> dihapus atau diganti saat bot berjalan. "
        "Bot berhenti; periksa berkasnya lalu jalankan lagi.",
        "en": "🛑 The database file <code>{path}</code> was deleted or replaced while the bot "
        "was running. The bot has stopped; check the file, then start it again.",
    },
    "denied.not_registered": {
        "id": "Anda belum terdaftar. Buka tautan undangan dari koordinator Anda, "
        "atau kirim /start untuk mengajukan pendaftaran.",
        "en": "You are not registered yet. Open the invitation link from your coordinator, "
        "or send /start to apply.",
    },
    "denied.pending": {
        "id": "Pendaftaran Anda masih menunggu persetujuan koordinator.",
        "en": "Your registration is still waiting for a coordinator's approval.",
    },
    "denied.inactive": {
        "id": "Akun Anda dinonaktifkan. Hubungi koordinator Anda bila ini keliru. "
        "Anda hanya dapat memakai /start dan /bantuan.",
        "en": "Your account has been deactivated. Contact your coordinator if this is a mistake. "
        "You can only use /start and /help.",
    },
    "denied.role": {
        "id": "Maaf, perintah ini hanya untuk {role}.",
        "en": "Sorry, this command is only for {role}.",
    },
    "denied.scope": {
        "id": "Maaf, unit tersebut di luar wilayah kewenangan Anda. Tidak ada yang diubah.",
        "en": "Sorry, that unit is outside your scope. Nothing was changed.",
    },
    "denied.changed": {
        "id": "Maaf, peran atau wilayah Anda berubah sebelum ini dicatat, dan kini di luar "
        "kewenangan Anda. Tidak ada yang diubah.",
        "en": "Sorry, your role or area changed before this was recorded, and it is now "
        "outside your authority. Nothing was changed.",
    },
    "denied.button": {
        "id": "Tombol ini tidak berlaku untuk Anda atau sudah kedaluwarsa.",
        "en": "This button is not valid for you or has expired.",
    },
    "group.private_only": {
        "id": "Silakan kirim pesan pribadi ke saya: {link}",
        "en": "Please message me privately: {link}",
    },
    "input.unknown": {
        "id": "Maaf, saya tidak mengerti. Ketik /bantuan untuk melihat perintah yang tersedia.",
        "en": "Sorry, I did not understand. Type /help to see the available commands.",
    },
    "input.too_long": {
        "id": "Pesan terlalu panjang ({length} karakter; maksimal {limit}). Persingkat lalu kirim lagi.",
        "en": "The message is too long ({length} {length:character|characters}; at most {limit}). "
        "Shorten it and send it again.",
    },
    "flood.too_fast": {
        "id": "⏳ Anda mengirim terlalu cepat. Pesan berikutnya diabaikan sebentar; "
        "tunggu beberapa detik lalu kirim lagi.",
        "en": "⏳ You are sending too fast. Further messages are ignored for a moment; "
        "wait a few seconds and send again.",
    },
    "conversation.cancelled": {
        "id": "Dibatalkan. Tidak ada yang diubah.",
        "en": "Cancelled. Nothing was changed.",
    },
    "conversation.nothing": {
        "id": "Tidak ada proses yang sedang berjalan.",
        "en": "There is nothing in progress.",
    },
    "role.officer": {"id": "petugas", "en": "officer"},
    "role.coordinator": {"id": "koordinator", "en": "coordinator"},
    "role.admin": {"id": "administrator", "en": "administrator"},
    "kind.kabupaten": {"id": "Kabupaten", "en": "Regency"},
    "kind.kecamatan": {"id": "Kecamatan", "en": "District"},
    "kind.desa": {"id": "Desa", "en": "Village"},
    "kind.kelurahan": {"id": "Kelurahan", "en": "Urban village"},
    "kind.opd": {"id": "Perangkat Daerah", "en": "Agency"},
    "status.pending": {"id": "menunggu persetujuan", "en": "awaiting approval"},
    "status.active": {"id": "aktif", "en": "active"},
    "status.inactive": {"id": "nonaktif", "en": "inactive"},
    "language.id": {"id": "Bahasa Indonesia", "en": "Indonesian"},
    "language.en": {"id": "Bahasa Inggris", "en": "English"},
    "button.cancel": {"id": "Batal", "en": "Cancel"},
    "button.back": {"id": "« Kembali", "en": "« Back"},
    "button.next": {"id": "Berikutnya »", "en": "Next »"},
    "button.prev": {"id": "« Sebelumnya", "en": "« Previous"},
    "button.yes": {"id": "Ya", "en": "Yes"},
    "button.no": {"id": "Tidak", "en": "No"},
}
