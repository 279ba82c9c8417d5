"""Texts for strategic programs, briefings (composing, reading, managing) and deadlines."""

TEXTS: dict[str, dict[str, str]] = {
    "cmd.program": {"id": "Program strategis yang aktif", "en": "Active strategic programs"},
    "cmd.brief": {"id": "Briefing untuk unit Anda", "en": "Briefings for your unit"},
    "cmd.tenggat": {"id": "Tenggat unit Anda", "en": "Your unit's deadlines"},
    "cmd.brief_baru": {"id": "Susun briefing baru", "en": "Compose a new briefing"},
    "cmd.brief_kelola": {
        "id": "Kelola briefing: tenggat, teks, tutup",
        "en": "Manage briefings: deadline, text, close",
    },
    # ---- programs
    "program.header": {
        "id": "🎯 <b>Program strategis aktif</b>",
        "en": "🎯 <b>Active strategic programs</b>",
    },
    "program.none": {"id": "Belum ada program aktif.", "en": "There is no active program yet."},
    "program.item": {
        "id": "<b>{priority}. {name}</b>\nJangka {horizon} · {period}",
        "en": "<b>{priority}. {name}</b>\n{horizon} term · {period}",
    },
    "program.period": {"id": "{start} s/d {end}", "en": "{start} to {end}"},
    "program.description": {"id": "<i>{text}</i>", "en": "<i>{text}</i>"},
    "program.horizon.pendek": {"id": "pendek", "en": "short"},
    "program.horizon.menengah": {"id": "menengah", "en": "medium"},
    "program.horizon.panjang": {"id": "panjang", "en": "long"},
    "program.button.new": {"id": "➕ Program baru", "en": "➕ New program"},
    "program.button.done": {"id": "✔️ Selesai: {name}", "en": "✔️ Done: {name}"},
    "program.denied": {
        "id": "Program strategis hanya dikelola admin dan koordinator kabupaten.",
        "en": "Strategic programs are managed by admins and regency coordinators only.",
    },
    "program.ask_name": {
        "id": "Ketik nama program (maksimal 100 karakter; /batal untuk membatalkan).",
        "en": "Type the program's name (at most 100 characters; /cancel to stop).",
    },
    "program.ask_description": {
        "id": "Ketik keterangan singkat program, atau kirim <code>-</code> untuk melewati.",
        "en": "Type a short description of the program, or send <code>-</code> to skip.",
    },
    "program.ask_priority": {
        "id": "Ketik peringkat prioritas: angka 1–99, 1 = paling utama.",
        "en": "Type the priority rank: a number 1–99, 1 = the highest.",
    },
    "program.ask_horizon": {"id": "Pilih jangka waktunya.", "en": "Pick its horizon."},
    "program.ask_period": {
        "id": "Tanggal mulai dan selesai, misalnya <code>2026-12-01 2027-06-30</code>.",
        "en": "Start and end dates, e.g. <code>2026-12-01 2027-06-30</code>.",
    },
    "program.created": {"id": "✅ Program dibuat:\n{line}", "en": "✅ Program created:\n{line}"},
    "program.marked_done": {
        "id": "✔️ Program <b>{name}</b> ditandai selesai.",
        "en": "✔️ Program <b>{name}</b> marked done.",
    },
    "program.problem.name_empty": {
        "id": "Nama tidak boleh kosong.",
        "en": "The name cannot be empty.",
    },
    "program.problem.name_too_long": {
        "id": "Nama terlalu panjang (maksimal 100 karakter).",
        "en": "The name is too long (at most 100 characters).",
    },
    "program.problem.name_taken": {
        "id": "Sudah ada program dengan nama itu. Tidak ada yang diubah.",
        "en": "A program with that name already exists. Nothing was changed.",
    },
    "program.problem.description_too_long": {
        "id": "Keterangan terlalu panjang (maksimal 1.000 karakter).",
        "en": "The description is too long (at most 1,000 characters).",
    },
    "program.problem.priority": {
        "id": "Tulis angka 1 sampai 99.",
        "en": "Write a number from 1 to 99.",
    },
    "program.problem.dates": {
        "id": "Tulis dua tanggal TTTT-BB-HH, yang kedua tidak sebelum yang pertama, misalnya "
        "2026-12-01 2027-06-30.",
        "en": "Write two dates YYYY-MM-DD, the second not before the first, e.g. "
        "2026-12-01 2027-06-30.",
    },
    # ---- a briefing as officers see it
    "briefing.view.header": {
        "id": "📣 <b>BRIEFING #{id}</b> · {program}",
        "en": "📣 <b>BRIEFING #{id}</b> · {program}",
    },
    "briefing.view.key_message": {"id": "🔑 <b>Pesan kunci</b>", "en": "🔑 <b>Key message</b>"},
    "briefing.view.points": {"id": "<b>Poin pendukung</b>", "en": "<b>Supporting points</b>"},
    "briefing.view.formats": {
        "id": "🎨 <b>Format:</b> {formats}",
        "en": "🎨 <b>Formats:</b> {formats}",
    },
    "briefing.view.channels": {
        "id": "📢 <b>Kanal:</b> {channels}",
        "en": "📢 <b>Channels:</b> {channels}",
    },
    "briefing.view.hashtags": {
        "id": "#️⃣ <b>Tagar &amp; akun:</b> {hashtags}",
        "en": "#️⃣ <b>Hashtags &amp; accounts:</b> {hashtags}",
    },
    "briefing.view.audience": {"id": "👥 <b>Sasaran</b>", "en": "👥 <b>Target audience</b>"},
    "briefing.view.audience.demographic": {"id": "Demografis: {tags}", "en": "Demographic: {tags}"},
    "briefing.view.audience.geographic": {"id": "Geografis: {tags}", "en": "Geographic: {tags}"},
    "briefing.view.audience.psychographic": {
        "id": "Psikografis: {tags}",
        "en": "Psychographic: {tags}",
    },
    "briefing.view.deadline": {
        "id": "⏰ <b>Tenggat unggahan:</b> {deadline}",
        "en": "⏰ <b>Deadline for posts:</b> {deadline}",
    },
    "briefing.view.attachments": {
        "id": "📎 {count} materi dikirim sesudah pesan ini.",
        "en": "📎 {count} {count:file follows|files follow} this message.",
    },
    "briefing.view.attachment_caption": {
        "id": "📎 Materi ke-{number} dari {total} · {title}",
        "en": "📎 Material {number} of {total} · {title}",
    },
    "briefing.button.report": {"id": "📤 Lapor unggahan", "en": "📤 Report a post"},
    "briefing.button.material": {"id": "📎 Lihat materi", "en": "📎 See material"},
    "briefing.updated": {
        "id": "🔄 <b>Briefing #{id} diperbarui</b> — {title}\n{what}",
        "en": "🔄 <b>Briefing #{id} updated</b> — {title}\n{what}",
    },
    "briefing.updated.deadline": {
        "id": "Tenggat baru: <b>{deadline}</b>",
        "en": "New deadline: <b>{deadline}</b>",
    },
    "briefing.updated.key_message": {
        "id": "Pesan kunci yang baru:\n{text}",
        "en": "The new key message:\n{text}",
    },
    "format.siaran_pers": {"id": "Siaran pers", "en": "Press release"},
    "format.infografis": {"id": "Infografis", "en": "Infographic"},
    "format.videografis": {"id": "Videografis", "en": "Video"},
    "format.foto": {"id": "Foto", "en": "Photo"},
    "format.teks": {"id": "Teks", "en": "Text"},
    "channel.instagram": {"id": "Instagram", "en": "Instagram"},
    "channel.facebook": {"id": "Facebook", "en": "Facebook"},
    "channel.tiktok": {"id": "TikTok", "en": "TikTok"},
    "channel.x": {"id": "X", "en": "X"},
    "channel.youtube": {"id": "YouTube", "en": "YouTube"},
    "channel.website": {"id": "Situs web", "en": "Website"},
    "channel.media_massa": {"id": "Media massa", "en": "Mass media"},
    "channel.media_luar_ruang": {"id": "Media luar ruang", "en": "Outdoor media"},
    # ---- a unit's briefings and deadlines
    "unitstatus.belum": {"id": "belum", "en": "not yet"},
    "unitstatus.terlambat": {"id": "terlambat", "en": "overdue"},
    "unitstatus.sudah": {"id": "sudah", "en": "done"},
    "unitstatus.sudah_terlambat": {"id": "sudah (terlambat)", "en": "done (late)"},
    "unitstatus.mark.belum": {"id": "⏳", "en": "⏳"},
    "unitstatus.mark.terlambat": {"id": "⚠️", "en": "⚠️"},
    "unitstatus.mark.sudah": {"id": "✅", "en": "✅"},
    "unitstatus.mark.sudah_terlambat": {"id": "☑️", "en": "☑️"},
    "brief.none": {
        "id": "Tidak ada briefing terbuka untuk {unit}.",
        "en": "There is no open briefing for {unit}.",
    },
    "brief.header": {
        "id": "📣 <b>Briefing terbuka untuk {unit}</b> (tenggat terdekat dulu)",
        "en": "📣 <b>Open briefings for {unit}</b> (nearest deadline first)",
    },
    "brief.item": {
        "id": "{number}. {mark} <b>{title}</b>\n    tenggat {deadline} · {status}",
        "en": "{number}. {mark} <b>{title}</b>\n    deadline {deadline} · {status}",
    },
    "brief.more": {"id": "… dan {count} lainnya.", "en": "… and {count} more."},
    "brief.button.report": {"id": "📤 Lapor {number}", "en": "📤 Report {number}"},
    "brief.button.material": {"id": "📎 Materi {number}", "en": "📎 Material {number}"},
    "brief.material_sent": {"id": "Materi dikirim.", "en": "Material sent."},
    "tenggat.none": {
        "id": "Tidak ada tenggat dalam 14 hari ke depan, dan tidak ada yang terlewat. 👍",
        "en": "No deadline in the next 14 days, and none missed. 👍",
    },
    "tenggat.header": {
        "id": "⏰ <b>Tenggat unit Anda</b> ({days} hari ke depan dan yang terlewat)",
        "en": "⏰ <b>Your unit's deadlines</b> (next {days} {days:day|days} and missed ones)",
    },
    "tenggat.item": {
        "id": "{mark} {deadline} — {title} · {status}",
        "en": "{mark} {deadline} — {title} · {status}",
    },
    # ---- managing published briefings
    "manage.live": {"id": "terbit", "en": "published"},
    "manage.scheduled": {"id": "terjadwal {at}", "en": "scheduled {at}"},
    "manage.button.deadline": {"id": "⏰ Tenggat #{id}", "en": "⏰ Deadline #{id}"},
    "manage.button.text": {"id": "✏️ Teks #{id}", "en": "✏️ Text #{id}"},
    "manage.button.close": {"id": "🔒 Tutup #{id}", "en": "🔒 Close #{id}"},
    "manage.button.close_yes": {"id": "🔒 Ya, tutup", "en": "🔒 Yes, close it"},
    "manage.ask_deadline": {
        "id": "Tenggat <b>{title}</b> sekarang {deadline}.\nKetik tenggat baru, mis. "
        "<code>besok 16:00</code>, <code>Jumat 12:00</code> atau <code>2026-12-05 16:00</code> (WIB).",
        "en": "The deadline of <b>{title}</b> is now {deadline}.\nType the new deadline, e.g. "
        "<code>tomorrow 16:00</code>, <code>Friday 12:00</code> or <code>2026-12-05 16:00</code> (WIB).",
    },
    "manage.ask_text": {
        "id": "Pesan kunci <b>{title}</b> sekarang:\n<i>{text}</i>\n\nKirim pesan kunci yang baru.",
        "en": "The key message of <b>{title}</b> now:\n<i>{text}</i>\n\nSend the new key message.",
    },
    "manage.changed.deadline": {
        "id": "✅ Tenggat <b>{title}</b> kini {deadline}. {count} petugas diberi tahu.",
        "en": "✅ The deadline of <b>{title}</b> is now {deadline}. {count} {count:officer|officers} told.",
    },
    "manage.changed.key_message": {
        "id": "✅ Pesan kunci <b>{title}</b> diperbarui. {count} petugas diberi tahu.",
        "en": "✅ The key message of <b>{title}</b> was updated. {count} {count:officer|officers} told.",
    },
    "manage.ask_close": {
        "id": "Tutup briefing <b>{title}</b>? Setelah ditutup, laporan tidak diterima lagi.",
        "en": "Close the briefing <b>{title}</b>? Once closed, no more reports are taken.",
    },
    "manage.closed": {
        "id": "🔒 Briefing <b>{title}</b> ditutup: {done}/{total} unit sudah melapor.",
        "en": "🔒 Briefing <b>{title}</b> closed: {done}/{total} {total:unit|units} reported.",
    },
    "manage.closed_withdrawn": {
        "id": "🔒 Briefing <b>{title}</b> ditutup sebelum terbit; pengirimannya dibatalkan.",
        "en": "🔒 Briefing <b>{title}</b> closed before publishing; its delivery was cancelled.",
    },
    "manage.problem.not_editable": {
        "id": "Briefing ini sudah ditutup dan tidak bisa diubah.",
        "en": "This briefing is closed and cannot be changed.",
    },
    "manage.problem.changed": {
        "id": "ℹ️ Briefing ini sudah diubah orang lain sementara Anda mengetik. Perubahan Anda "
        "tidak dicatat; lihat yang terbaru di /brief_kelola.",
        "en": "ℹ️ Somebody else already changed this briefing while you were typing. Your change "
        "was not recorded; see the latest in /brief_kelola.",
    },
    "manage.already_closed": {
        "id": "ℹ️ Briefing <b>{title}</b> sudah ditutup. Tidak ada yang diubah.",
        "en": "ℹ️ Briefing <b>{title}</b> was already closed. Nothing was changed.",
    },
    "manage.problem.deadline_past": {
        "id": "Tenggat harus di masa depan. Tulis waktu lain.",
        "en": "The deadline must be in the future. Write another time.",
    },
    "manage.problem.deadline_before_publish": {
        "id": "Tenggat harus setelah waktu terbit. Tulis waktu lain.",
        "en": "The deadline must be after the publishing time. Write another time.",
    },
}
