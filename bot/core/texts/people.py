"""Texts of /petugas: listing and managing the people in a coordinator's scope."""

TEXTS: dict[str, dict[str, str]] = {
    "cmd.petugas": {"id": "Kelola petugas di wilayah Anda", "en": "Manage the people in your area"},
    "people.home": {
        "id": "<b>Petugas</b>\nPilih kecamatan untuk melihat petugasnya, atau lihat semua.",
        "en": "<b>People</b>\nChoose a district to see its people, or see everyone.",
    },
    "people.all_button": {"id": "👥 Semua petugas", "en": "👥 Everyone"},
    "people.central_button": {
        "id": "🏛 Kabupaten & perangkat daerah",
        "en": "🏛 Regency & agencies",
    },
    "people.scope_all": {"id": "seluruh wilayah Anda", "en": "your whole area"},
    "people.scope_central": {
        "id": "kabupaten &amp; perangkat daerah",
        "en": "regency &amp; agencies",
    },
    "people.list_header": {
        "id": "<b>Petugas — {scope}</b>\n{total} orang · halaman {page}/{pages}",
        "en": "<b>People — {scope}</b>\n{total} {total:person|people} · page {page}/{pages}",
    },
    "people.list_line": {
        "id": "{number}. <b>{name}</b> — {unit} · {role}{status}",
        "en": "{number}. <b>{name}</b> — {unit} · {role}{status}",
    },
    "people.inactive_mark": {"id": " · ⛔ nonaktif", "en": " · ⛔ inactive"},
    "people.list_empty": {
        "id": "Belum ada petugas terdaftar di sini.",
        "en": "Nobody is registered here yet.",
    },
    "people.list_hint": {
        "id": "<i>Tekan nomornya untuk membuka.</i>",
        "en": "<i>Press a number to open.</i>",
    },
    "people.card": {
        "id": "<b>{name}</b>\nJabatan: {position}\nUnit: {unit}\nPeran: {role}\nStatus: {status}\n"
        "Bahasa: {language}\nTerdaftar sejak: {since}\nAkun Telegram: {account}",
        "en": "<b>{name}</b>\nPosition: {position}\nUnit: {unit}\nRole: {role}\nStatus: {status}\n"
        "Language: {language}\nRegistered since: {since}\nTelegram account: {account}",
    },
    "people.card_readonly": {
        "id": "<i>Anda tidak dapat mengubah akun ini.</i>",
        "en": "<i>You cannot change this account.</i>",
    },
    "people.role_button": {"id": "🎭 Ubah peran", "en": "🎭 Change role"},
    "people.move_button": {"id": "🔀 Pindah unit", "en": "🔀 Move to another unit"},
    "people.deactivate_button": {"id": "⛔ Nonaktifkan", "en": "⛔ Deactivate"},
    "people.reactivate_button": {"id": "✅ Aktifkan kembali", "en": "✅ Reactivate"},
    "people.back_to_list": {"id": "« Daftar", "en": "« List"},
    "people.pick_role": {
        "id": "Peran baru untuk <b>{name}</b> (sekarang {role}):",
        "en": "New role for <b>{name}</b> (now {role}):",
    },
    "people.move_title": {
        "id": "<b>Pindah unit</b>\nPilih unit tujuan petugas ini.",
        "en": "<b>Move</b>\nTo which unit does this person move?",
    },
    "people.confirm_deactivate": {
        "id": "Nonaktifkan <b>{name}</b> ({unit})?\nIa tidak akan menerima briefing lagi dan hanya "
        "dapat memakai /start dan /bantuan.",
        "en": "Deactivate <b>{name}</b> ({unit})?\nThey will receive no more briefings and can only "
        "use /start and /help.",
    },
    "people.confirm_deactivate_button": {"id": "Ya, nonaktifkan", "en": "Yes, deactivate"},
    "people.done.change_role": {"id": "✅ Peran diubah.", "en": "✅ Role changed."},
    "people.done.move": {"id": "✅ Dipindahkan.", "en": "✅ Moved."},
    "people.done.deactivate": {"id": "✅ Dinonaktifkan.", "en": "✅ Deactivated."},
    "people.done.reactivate": {"id": "✅ Diaktifkan kembali.", "en": "✅ Reactivated."},
    "people.told.change_role": {
        "id": "ℹ️ Peran Anda kini <b>{role}</b> (diubah oleh {by}). Ketik /bantuan untuk melihat "
        "perintah Anda.",
        "en": "ℹ️ Your role is now <b>{role}</b> (changed by {by}). Type /help to see your commands.",
    },
    "people.told.move": {
        "id": "ℹ️ Anda kini terdaftar untuk <b>{unit}</b> (diubah oleh {by}).",
        "en": "ℹ️ You are now registered for <b>{unit}</b> (changed by {by}).",
    },
    "people.told.deactivate": {
        "id": "⛔ Akun Anda dinonaktifkan oleh {by}. Anda hanya dapat memakai /start dan /bantuan. "
        "Hubungi koordinator Anda bila ini keliru.",
        "en": "⛔ Your account was deactivated by {by}. You can only use /start and /help. "
        "Contact your coordinator if this is a mistake.",
    },
    "people.told.reactivate": {
        "id": "✅ Akun Anda diaktifkan kembali oleh {by}. Ketik /bantuan untuk melihat perintah Anda.",
        "en": "✅ Your account was reactivated by {by}. Type /help to see your commands.",
    },
    "people.error.not_found": {
        "id": "Akun ini tidak ditemukan.",
        "en": "This account was not found.",
    },
    "people.error.not_allowed": {
        "id": "Maaf, Anda tidak berwenang mengelola petugas.",
        "en": "Sorry, you may not manage people.",
    },
    "people.error.scope": {
        "id": "Maaf, orang atau unit itu di luar wilayah kewenangan Anda. Tidak ada yang diubah.",
        "en": "Sorry, that person or unit is outside your scope. Nothing was changed.",
    },
    "people.error.rank": {
        "id": "Koordinator hanya dapat mengelola petugas, bukan koordinator atau administrator.",
        "en": "Coordinators can manage officers only, not coordinators or administrators.",
    },
    "people.error.self": {
        "id": "Akun Anda sendiri hanya dapat diubah oleh administrator lain.",
        "en": "Your own account can only be changed by another administrator.",
    },
    "people.error.admin_only": {
        "id": "Hanya administrator yang dapat mengubah peran.",
        "en": "Only administrators can change roles.",
    },
    "people.error.unit": {
        "id": "Unit itu tidak aktif atau tidak dikenal.",
        "en": "That unit is inactive or unknown.",
    },
    "people.error.erased": {
        "id": "Data orang ini sudah dihapus; akunnya tidak dapat diubah lagi.",
        "en": "This person's data was erased; the account can no longer be changed.",
    },
    "people.erase_button": {"id": "🗑 Hapus data pribadi", "en": "🗑 Erase personal data"},
    "people.confirm_erase": {
        "id": 'Hapus data pribadi <b>{name}</b> ({unit})?\nNama diganti "(dihapus)", akun dan '
        "obrolan Telegram-nya dilepas, pendaftaran dan pesan yang belum terkirim dibuang. "
        "Laporan unitnya tetap ada. <b>Tidak dapat dibatalkan.</b>",
        "en": "Erase the personal data of <b>{name}</b> ({unit})?\nThe name becomes "
        '"(dihapus)", their Telegram account and chat are removed, their applications and '
        "unsent messages dropped. Their unit's reports stay. <b>This cannot be undone.</b>",
    },
    "people.confirm_erase_button": {"id": "Ya, hapus datanya", "en": "Yes, erase"},
    "people.erased": {
        "id": "✅ Data pribadi petugas #{id} dihapus ({registrations} pendaftaran, "
        "{deliveries} pesan tertunda).",
        "en": "✅ The personal data of person #{id} was erased ({registrations} {registrations:application|applications}, "
        "{deliveries} pending {deliveries:message|messages}).",
    },
    "people.erase_cancelled": {
        "id": "Tidak jadi dihapus. Tidak ada yang diubah.",
        "en": "Not erased. Nothing was changed.",
    },
    "people.error.unchanged": {
        "id": "Tidak ada yang berubah.",
        "en": "Nothing changed.",
    },
}
