"""Texts for joining (invitation or self-registration), profile, language and help."""

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
        "{next}\n"
        "Semua perintah: /bantuan",
        "en": "✅ Welcome aboard, <b>{name}</b>!\n"
        "You are now {role} for <b>{unit}</b>{kecamatan}.\n\n"
        "{next}\n"
        "All commands: /help",
    },
    "start.next.officer": {
        "id": "Briefing baru saya kirim ke sini. Tombol di bawah: 📣 Briefing, "
        "📤 Lapor (kirim tautan unggahan), ⏰ Tenggat.",
        "en": "New briefings come here. The keys below: 📣 Briefing, "
        "📤 Lapor (send the link of a post), ⏰ Tenggat (deadlines).",
    },
    "start.next.coordinator": {
        "id": "Mulai dengan /brief_baru (briefing baru) atau /undang (undang petugas).",
        "en": "Start with /brief_baru (a new briefing) or /undang (invite officers).",
    },
    "start.next.admin": {
        "id": "Mulai dengan /undang (undang koordinator dan petugas) atau /brief_baru.",
        "en": "Start with /undang (invite coordinators and officers) or /brief_baru.",
    },
    "shortcut.brief": {"id": "📣 Briefing", "en": "📣 Briefings"},
    "shortcut.lapor": {"id": "📤 Lapor", "en": "📤 Report"},
    "shortcut.tenggat": {"id": "⏰ Tenggat", "en": "⏰ Deadlines"},
    "start.kecamatan_suffix": {"id": ", Kecamatan {name}", "en": ", {name} district"},
    "invite.malformed": {
        "id": "Tautan undangan ini tidak valid. Pastikan Anda membuka tautan lengkap dari "
        "koordinator Anda.",
        "en": "This invitation link is not valid. Make sure you open the complete link from "
        "your coordinator.",
    },
    "invite.pick_village": {
        "id": "Undangan untuk petugas {kecamatan}. Pilih desa/kelurahan Anda:",
        "en": "An invitation for the officers of {kecamatan}. Pick your village:",
    },
    "invite.wrong_village": {
        "id": "Desa/kelurahan itu tidak termasuk undangan ini. Buka lagi tautannya dan pilih "
        "dari daftar.",
        "en": "That village is not part of this invitation. Open the link again and pick from "
        "the list.",
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
    "invite.deactivated": {
        "id": "Akun Anda sedang dinonaktifkan, jadi tautan undangan tidak dapat mengaktifkannya "
        "kembali. Silakan hubungi koordinator Anda; tidak ada yang diubah.",
        "en": "Your account is deactivated, so an invitation link cannot bring it back. "
        "Please contact your coordinator; nothing was changed.",
    },
    "invite.locked": {
        "id": "Terlalu banyak tautan undangan yang tidak dikenal dibuka dari akun ini. "
        "Coba lagi satu jam lagi, atau minta tautan baru kepada koordinator Anda.",
        "en": "Too many unknown invitation links were opened from this account. "
        "Try again in an hour, or ask your coordinator for a new link.",
    },
    "invite.member": {
        "id": "Anda sudah terdaftar di unit ini dengan peran itu; tidak ada yang berubah. "
        "Ketik /profil untuk melihat keanggotaan Anda.",
        "en": "You are already registered in this unit with that role; nothing changed. "
        "Type /profile to see your membership.",
    },
    "invite.move_pending": {
        "id": "Anda sudah punya permohonan yang menunggu keputusan koordinator. "
        "Tunggu keputusannya dulu; keanggotaan Anda tidak diubah.",
        "en": "You already have a request waiting for a coordinator's decision. "
        "Wait for it first; your membership was not changed.",
    },
    "invite.confirm_move": {
        "id": "Anda sudah terdaftar sebagai {old_role} untuk <b>{old_unit}</b>.\n"
        "Undangan ini untuk {new_role} di <b>{new_unit}</b>. Pindah perlu persetujuan "
        "koordinator unit itu. Ajukan permohonan pindah?",
        "en": "You are already registered as {old_role} for <b>{old_unit}</b>.\n"
        "This invitation is for {new_role} at <b>{new_unit}</b>. A move needs the approval "
        "of that unit's coordinator. Ask to move?",
    },
    "invite.move_declined": {
        "id": "Baik, keanggotaan Anda tidak diubah.",
        "en": "All right, your membership was not changed.",
    },
    "invite.move_requested": {
        "id": "✅ <b>Permohonan pindah terkirim</b>: {new_role} untuk <b>{new_unit}</b>.\n"
        "Sampai disetujui, Anda tetap {old_role} untuk <b>{old_unit}</b>. "
        "Anda akan diberi tahu di sini.",
        "en": "✅ <b>Request to move sent</b>: {new_role} for <b>{new_unit}</b>.\n"
        "Until it is approved you remain {old_role} for <b>{old_unit}</b>. "
        "You will be told here.",
    },
    "invite.move_requested_nobody": {
        "id": "✅ <b>Permohonan pindah tersimpan</b>: {new_role} untuk <b>{new_unit}</b>.\n"
        "Belum ada yang dapat dihubungi untuk memutuskannya; permohonan akan diperiksa begitu "
        "ada. Sampai disetujui, Anda tetap {old_role} untuk <b>{old_unit}</b>.",
        "en": "✅ <b>Request to move saved</b>: {new_role} for <b>{new_unit}</b>.\n"
        "Nobody who can decide it can be reached yet; it will be reviewed as soon as someone "
        "can. Until it is approved you remain {old_role} for <b>{old_unit}</b>.",
    },
    "profile.text": {
        "id": "<b>Profil Anda</b>\n"
        "Nama: {name}\n"
        "Jabatan: {position}\n"
        "Unit: {unit}\n"
        "Kecamatan: {kecamatan}\n"
        "Peran: {role}\n"
        "Status: {status}\n"
        "Terdaftar sejak: {since}\n"
        "Bahasa: {language}",
        "en": "<b>Your profile</b>\n"
        "Name: {name}\n"
        "Position: {position}\n"
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
    "cmd.start": {
        "id": "Mulai, atau bergabung dengan undangan",
        "en": "Start, or join with an invitation",
    },
    "cmd.bantuan": {"id": "Daftar perintah", "en": "List of commands"},
    "cmd.profil": {"id": "Profil dan unit Anda", "en": "Your profile and unit"},
    "cmd.batal": {"id": "Batalkan proses yang berjalan", "en": "Cancel what is in progress"},
    "cmd.bahasa": {
        "id": "Ganti bahasa (Indonesia/Inggris)",
        "en": "Change language (Indonesian/English)",
    },
    # ---- self-registration ----
    "register.apply_button": {"id": "📝 Ajukan pendaftaran", "en": "📝 Apply to join"},
    "register.pick_unit": {
        "id": "<b>Pendaftaran — langkah 1 dari 3</b>\nPilih unit tempat Anda bertugas.",
        "en": "<b>Registration — step 1 of 3</b>\nWhich unit do you serve?",
    },
    "register.ask_name": {
        "id": "Unit: <b>{unit}</b> ✔\n\n<b>Langkah 2 dari 3:</b> ketik nama lengkap Anda, "
        "atau pakai nama akun Telegram Anda.",
        "en": "Unit: <b>{unit}</b> ✔\n\n<b>Step 2 of 3:</b> type your full name, "
        "or use the name of your Telegram account.",
    },
    "register.use_name_button": {"id": "Pakai: {name}", "en": "Use: {name}"},
    "register.bad_name": {
        "id": "Nama harus {min}–{max} karakter. Ketik lagi nama lengkap Anda.",
        "en": "The name must be {min}–{max} {max:character|characters}. Type your full name again.",
    },
    "register.ask_position": {
        "id": "Nama: <b>{name}</b> ✔\n\n<b>Langkah 3 dari 3:</b> pilih jabatan Anda di bawah, "
        "atau ketik.",
        "en": "Name: <b>{name}</b> ✔\n\n<b>Step 3 of 3:</b> choose your position below, "
        "or type it.",
    },
    "register.position.social": {"id": "Pengelola Media Sosial", "en": "Social media officer"},
    "register.position.operator": {"id": "Operator", "en": "Operator"},
    "register.position.staff": {"id": "Staf Humas", "en": "Public relations staff"},
    "register.bad_position": {
        "id": "Jabatan harus {min}–{max} karakter. Ketik lagi jabatan Anda.",
        "en": "The position must be {min}–{max} {max:character|characters}. Type your position again.",
    },
    "register.submitted": {
        "id": "✅ <b>Permohonan terkirim.</b>\nUnit: {unit}\nNama: {name}\nJabatan: {position}\n\n"
        "Koordinator Anda akan memeriksanya; Anda akan diberi tahu di sini.",
        "en": "✅ <b>Request sent.</b>\nUnit: {unit}\nName: {name}\nPosition: {position}\n\n"
        "Your coordinator will review it; you will be told here.",
    },
    "register.submitted_nobody": {
        "id": "✅ <b>Permohonan tersimpan.</b>\nUnit: {unit}\nNama: {name}\nJabatan: {position}\n\n"
        "Belum ada koordinator yang dapat dihubungi; permohonan akan diperiksa begitu ada. "
        "Anda akan diberi tahu di sini.",
        "en": "✅ <b>Request saved.</b>\nUnit: {unit}\nName: {name}\nPosition: {position}\n\n"
        "No coordinator can be reached yet; it will be reviewed as soon as one can. "
        "You will be told here.",
    },
    "register.pending": {
        "id": "⏳ Permohonan pendaftaran Anda untuk <b>{unit}</b> (dikirim {when}) masih menunggu "
        "persetujuan koordinator.",
        "en": "⏳ Your request to join <b>{unit}</b> (sent {when}) is still waiting for a "
        "coordinator's approval.",
    },
    "register.cool_off": {
        "id": "Permohonan Anda sebelumnya ditolak. Anda dapat mengajukan lagi mulai {when}, "
        "atau minta tautan undangan kepada koordinator Anda.",
        "en": "Your previous request was rejected. You can apply again from {when}, "
        "or ask your coordinator for an invitation link.",
    },
    "register.problem.registered": {
        "id": "Anda sudah terdaftar. Ketik /profil untuk melihat keanggotaan Anda.",
        "en": "You are already registered. Type /profile to see your membership.",
    },
    "register.problem.pending": {
        "id": "Permohonan Anda masih menunggu persetujuan.",
        "en": "Your request is still waiting for approval.",
    },
    "register.problem.cool_off": {
        "id": "Permohonan Anda sebelumnya ditolak; coba lagi nanti.",
        "en": "Your previous request was rejected; try again later.",
    },
    "register.problem.unit": {
        "id": "Unit itu tidak dapat dipilih. Mulai lagi dengan /start.",
        "en": "That unit cannot be chosen. Start again with /start.",
    },
    "register.problem.not_allowed": {
        "id": "Maaf, Anda tidak berwenang memutuskan permohonan ini.",
        "en": "Sorry, you may not decide this request.",
    },
    "register.problem.unknown": {
        "id": "Permohonan ini tidak ditemukan.",
        "en": "This request was not found.",
    },
    "register.notice": {
        "id": "📝 <b>Permohonan pendaftaran</b>\nNama: {name}\nJabatan: {position}\nUnit: {unit}\n"
        "Akun Telegram: {account}\nDiajukan: {when}",
        "en": "📝 <b>Request to join</b>\nName: {name}\nPosition: {position}\nUnit: {unit}\n"
        "Telegram account: {account}\nSent: {when}",
    },
    "register.notice_move": {
        "id": "🔁 <b>Permohonan pindah</b>\nNama: {name}\nDiminta: {role} untuk {unit}\n"
        "{current}Akun Telegram: {account}\nDiajukan: {when}",
        "en": "🔁 <b>Request to move</b>\nName: {name}\nAsked for: {role} for {unit}\n"
        "{current}Telegram account: {account}\nSent: {when}",
    },
    "register.notice_move_current": {
        "id": "Sekarang: {role} untuk {unit}\n",
        "en": "Now: {role} for {unit}\n",
    },
    "register.approve_button": {"id": "✅ Setujui", "en": "✅ Approve"},
    "register.reject_button": {"id": "❌ Tolak", "en": "❌ Reject"},
    "register.outcome_approved": {
        "id": "\n\n✅ <b>Disetujui</b> oleh {by}, {when}.",
        "en": "\n\n✅ <b>Approved</b> by {by}, {when}.",
    },
    "register.outcome_rejected": {
        "id": "\n\n❌ <b>Ditolak</b> oleh {by}, {when}.",
        "en": "\n\n❌ <b>Rejected</b> by {by}, {when}.",
    },
    "register.outcome_withdrawn": {
        "id": "\n\nℹ️ Tidak perlu diputuskan lagi: pemohon sudah bergabung lewat undangan.",
        "en": "\n\nℹ️ Nothing to decide any more: the applicant joined by an invitation.",
    },
    "register.outcome_withdrawn_move": {
        "id": "\n\nℹ️ Tidak perlu diputuskan lagi: akun ini sudah tidak aktif.",
        "en": "\n\nℹ️ Nothing to decide any more: this account is no longer active.",
    },
    "register.move_approved": {
        "id": "🎉 Permohonan pindah Anda <b>disetujui</b>.",
        "en": "🎉 Your request to move has been <b>approved</b>.",
    },
    "register.move_rejected": {
        "id": "Maaf, permohonan pindah Anda ke <b>{unit}</b> ditolak. Keanggotaan Anda tidak berubah.",
        "en": "Sorry, your request to move to <b>{unit}</b> was rejected. Your membership did not "
        "change.",
    },
    "register.approved": {
        "id": "🎉 Permohonan pendaftaran Anda <b>disetujui</b>.",
        "en": "🎉 Your request to join has been <b>approved</b>.",
    },
    "register.rejected": {
        "id": "Maaf, permohonan pendaftaran Anda untuk <b>{unit}</b> ditolak koordinator. "
        "Anda dapat mengajukan lagi mulai {when}, atau minta tautan undangan kepada koordinator Anda.",
        "en": "Sorry, your request to join <b>{unit}</b> was rejected by a coordinator. "
        "You can apply again from {when}, or ask your coordinator for an invitation link.",
    },
    # ---- language ----
    "language.choose": {
        "id": "Bahasa Anda sekarang: <b>{current}</b>. Pilih bahasa:",
        "en": "Your language now: <b>{current}</b>. Choose a language:",
    },
    "language.changed": {
        "id": "✅ Bahasa diganti ke <b>Bahasa Indonesia</b>. Ketik /bantuan untuk melihat perintah.",
        "en": "✅ Language changed to <b>English</b>. Type /help to see the commands.",
    },
    "language.unknown": {
        "id": "Bahasa yang tersedia: id (Indonesia) dan en (Inggris). Contoh: /bahasa en",
        "en": "Available languages: id (Indonesian) and en (English). Example: /language id",
    },
    "language.button.id": {"id": "🇮🇩 Bahasa Indonesia", "en": "🇮🇩 Bahasa Indonesia"},
    "language.button.en": {"id": "🇬🇧 English", "en": "🇬🇧 English"},
}
