"""Texts for joining, profile and help."""

TEXTS: dict[str, dict[str, str]] = {
    "start.welcome_registered": {
        "id": "Halo, <b>{name}</b>! Anda terdaftar sebagai {role} untuk <b>{unit}</b>.\n"
        "Ketik /bantuan untuk melihat yang bisa Anda lakukan.",
        "en": "Hello, <b>{name}</b>! You are registered as {role} for <b>{unit}</b>.\n"
        "Type /help to see what you can do.",
    },
    "start.welcome_stranger": {
        "id": "Selamat datang di <b>Humas Kabupaten Bogor</b>.\n\n"
        "Bot ini menyampaikan pesan kunci program strategis kepada pengelola media sosial "
        "desa/kelurahan, kecamatan dan perangkat daerah, menerima laporan tautan unggahan, "
        "dan mengingatkan tenggat.\n\n"
        "Untuk bergabung, buka tautan undangan dari koordinator Anda, atau ajukan pendaftaran.",
        "en": "Welcome to <b>Humas Kabupaten Bogor</b>.\n\n"
        "This bot delivers the key messages of strategic programs to the social-media officers "
        "of villages, districts and agencies, collects the links of their posts and reminds them "
        "of deadlines.\n\n"
        "To join, open the invitation link from your coordinator, or apply for registration.",
    },
    "start.joined": {
        "id": "✅ Selamat bergabung, <b>{name}</b>!\n"
        "Anda kini {role} untuk <b>{unit}</b>{kecamatan}.\n\n"
        "Yang dapat Anda lakukan:\n{commands}",
        "en": "✅ Welcome aboard, <b>{name}</b>!\n"
        "You are now {role} for <b>{unit}</b>{kecamatan}.\n\n"
        "What you can do:\n{commands}",
    },
    "start.kecamatan_suffix": {"id": ", Kecamatan {name}", "en": ", {name} district"},
    "invite.malformed": {
        "id": "Tautan undangan ini tidak valid. Pastikan Anda membuka tautan lengkap dari "
        "koordinator Anda.",
        "en": "This invitation link is not valid. Make sure you open the complete link from "
        "your coordinator.",
    },
    "invite.unknown": {
        "id": "Undangan ini tidak dikenal. Minta tautan baru kepada koordinator Anda.",
        "en": "This invitation is not known. Ask your coordinator for a new link.",
    },
    "invite.expired": {
        "id": "Undangan ini sudah kedaluwarsa. Minta tautan baru kepada koordinator Anda.",
        "en": "This invitation has expired. Ask your coordinator for a new link.",
    },
    "invite.used_up": {
        "id": "Undangan ini sudah dipakai sebanyak batasnya. Minta tautan baru kepada "
        "koordinator Anda.",
        "en": "This invitation has been used as many times as allowed. Ask your coordinator "
        "for a new link.",
    },
    "invite.revoked": {
        "id": "Undangan ini sudah dicabut. Minta tautan baru kepada koordinator Anda.",
        "en": "This invitation has been revoked. Ask your coordinator for a new link.",
    },
    "invite.unit_inactive": {
        "id": "Unit pada undangan ini sudah tidak aktif. Hubungi koordinator Anda.",
        "en": "The unit of this invitation is no longer active. Contact your coordinator.",
    },
    "invite.confirm_move": {
        "id": "Anda sudah terdaftar sebagai {old_role} untuk <b>{old_unit}</b>.\n"
        "Undangan ini akan menjadikan Anda {new_role} untuk <b>{new_unit}</b>. Lanjutkan?",
        "en": "You are already registered as {old_role} for <b>{old_unit}</b>.\n"
        "This invitation would make you {new_role} for <b>{new_unit}</b>. Continue?",
    },
    "invite.move_declined": {
        "id": "Baik, keanggotaan Anda tidak diubah.",
        "en": "All right, your membership was not changed.",
    },
    "profile.text": {
        "id": "<b>Profil Anda</b>\n"
        "Nama: {name}\n"
        "Unit: {unit}\n"
        "Kecamatan: {kecamatan}\n"
        "Peran: {role}\n"
        "Status: {status}\n"
        "Terdaftar sejak: {since}\n"
        "Bahasa: {language}",
        "en": "<b>Your profile</b>\n"
        "Name: {name}\n"
        "Unit: {unit}\n"
        "District: {kecamatan}\n"
        "Role: {role}\n"
        "Status: {status}\n"
        "Registered since: {since}\n"
        "Language: {language}",
    },
    "profile.no_kecamatan": {"id": "—", "en": "—"},
    "help.header": {
        "id": "<b>Perintah untuk {role}</b>",
        "en": "<b>Commands for {role}</b>",
    },
    "help.header_stranger": {
        "id": "<b>Perintah yang tersedia</b>",
        "en": "<b>Available commands</b>",
    },
    "help.line": {"id": "/{command} — {description}", "en": "/{command} — {description}"},
    "role.stranger": {"id": "tamu", "en": "guest"},
    "cmd.start": {"id": "Mulai, atau bergabung dengan undangan", "en": "Start, or join with an invitation"},
    "cmd.bantuan": {"id": "Daftar perintah", "en": "List of commands"},
    "cmd.profil": {"id": "Profil dan unit Anda", "en": "Your profile and unit"},
    "cmd.batal": {"id": "Batalkan proses yang berjalan", "en": "Cancel what is in progress"},
}
