"""Texts of what the scheduler pushes on its own (reminders, escalation, digests), /cuti, /libur."""

TEXTS: dict[str, dict[str, str]] = {
    "cmd.cuti": {
        "id": "Cuti: hentikan pengingat sampai tanggal tertentu",
        "en": "Leave: pause my reminders until a date",
    },
    "cmd.libur": {
        "id": "Hari libur: lihat, tambah atau hapus",
        "en": "Days off: list, add or remove",
    },
    "sched.more": {"id": "… dan {count} lainnya", "en": "… and {count} more"},
    # ---- reminders and the overdue notice (to officers; never naming other units) ----
    "reminder.before": {
        "id": "⏰ <b>Pengingat</b>: unit Anda belum melaporkan unggahan untuk briefing "
        "#{id} <b>{title}</b>.\nSisa waktu: <b>{left}</b> (tenggat {deadline}).",
        "en": "⏰ <b>Reminder</b>: your unit has not reported a post for briefing "
        "#{id} <b>{title}</b> yet.\nTime left: <b>{left}</b> (deadline {deadline}).",
    },
    "overdue.notice": {
        "id": "⌛ Tenggat briefing #{id} <b>{title}</b> sudah lewat ({deadline}) dan unit Anda "
        "belum melaporkan unggahan. Laporan masih diterima, tercatat terlambat.",
        "en": "⌛ The deadline of briefing #{id} <b>{title}</b> has passed ({deadline}) and your "
        "unit "
        "has not reported a post. Reports are still accepted and recorded as late.",
    },
    "unreachable.header": {
        "id": "ℹ️ Pengingat tidak sampai ke siapa pun di {count} unit berikut. "
        "Mohon pastikan mereka tetap mendapat informasi:",
        "en": "ℹ️ Reminders reached nobody in the following {count} {count:unit|units}. "
        "Please make sure they still get the information:",
    },
    "unreachable.line": {"id": "• {unit} — {reason}", "en": "• {unit} — {reason}"},
    "unreachable.reason.no_officer": {
        "id": "belum ada petugas terdaftar",
        "en": "no officer registered yet",
    },
    "unreachable.reason.on_leave": {
        "id": "semua petugas sedang cuti",
        "en": "every officer is on leave",
    },
    "unreachable.reason.unreachable": {
        "id": "petugas memblokir bot atau tidak dapat dihubungi",
        "en": "officers blocked the bot or cannot be reached",
    },
    # ---- escalation (to coordinators only) ----
    "escalation.header": {
        "id": "🚨 <b>Belum melapor setelah tenggat</b>",
        "en": "🚨 <b>Not reported by the deadline</b>",
    },
    "escalation.footer": {
        "id": "<i>Daftar ini hanya untuk koordinator. Unit yang terlambat sudah diberi tahu.</i>",
        "en": "<i>This list is for coordinators only. The late units have been told.</i>",
    },
    "escalation.briefing": {
        "id": "<b>#{id} {title}</b> — tenggat {deadline}",
        "en": "<b>#{id} {title}</b> — deadline {deadline}",
    },
    "escalation.count": {
        "id": "{open} dari {total} unit sasaran belum melapor.",
        "en": "{open} of {total} target {total:unit|units} {open:has|have} not reported.",
    },
    "escalation.count_scope": {
        "id": "{open} dari {total} unit sasaran di wilayah Anda belum melapor:",
        "en": "{open} of {total} target {total:unit|units} in your area {open:has|have} not reported:",
    },
    "escalation.offices": {
        "id": "Kantor kecamatan ({count}): {names}",
        "en": "District offices ({count}): {names}",
    },
    "escalation.agencies": {
        "id": "Perangkat daerah ({count}): {names}",
        "en": "Agencies ({count}): {names}",
    },
    "escalation.villages": {
        "id": "Desa/kelurahan per kecamatan:",
        "en": "Villages per district:",
    },
    "escalation.kecamatan_line": {
        "id": "• {kecamatan}: {open} dari {total} — {who}",
        "en": "• {kecamatan}: {open} of {total} — {who}",
    },
    "escalation.coordinated_by": {"id": "koordinator: {names}", "en": "coordinator: {names}"},
    "escalation.no_coordinator": {
        "id": "belum ada koordinator kecamatan",
        "en": "no district coordinator yet",
    },
    "escalation.office": {"id": " (kantor)", "en": " (office)"},
    "escalation.regency_office": {
        "id": "Kantor kabupaten: {names}",
        "en": "Regency office: {names}",
    },
    "escalation.summary_kinds": {
        "id": "Kantor kecamatan: {offices} · perangkat daerah: {agencies} · desa/kelurahan: "
        "{villages} di {kecamatan} kecamatan",
        "en": "District offices: {offices} · agencies: {agencies} · villages: {villages} in "
        "{kecamatan} {kecamatan:district|districts}",
    },
    "escalation.summary_behind": {
        "id": "Paling banyak: {names}",
        "en": "Most behind: {names}",
    },
    "escalation.summary_scope": {
        "id": "{open} dari {total} unit sasaran di wilayah Anda belum melapor.",
        "en": "{open} of {total} target {total:unit|units} in your area {open:has|have} not reported.",
    },
    "escalation.brief": {
        "id": "<b>#{id} {title}</b> (tenggat {deadline}): {open} dari {total} unit belum melapor",
        "en": "<b>#{id} {title}</b> (deadline {deadline}): {open} of {total} {total:unit|units} {open:has|have} not "
        "reported",
    },
    "escalation.footer_summary": {
        "id": "<i>Daftar ini hanya untuk koordinator. Unit yang terlambat sudah diberi tahu. "
        "Tekan Rincian untuk daftar unitnya.</i>",
        "en": "<i>This list is for coordinators only. The late units have been told. "
        "Press Details for the list of units.</i>",
    },
    # ---- the "Rincian" pages of a summarised push ----
    "details.button": {"id": "📋 Rincian #{id}", "en": "📋 Details #{id}"},
    "details.button_units": {"id": "📋 Rincian", "en": "📋 Details"},
    "details.escalation": {
        "id": "📋 <b>#{id} {title}</b>: {total} unit belum melapor (halaman {page}/{pages})",
        "en": "📋 <b>#{id} {title}</b>: {total} {total:unit has|units have} not reported (page {page}/{pages})",
    },
    "details.unreached": {
        "id": "📋 <b>Pengingat tidak sampai</b>: {total} unit (halaman {page}/{pages})",
        "en": "📋 <b>Reminders reached nobody</b>: {total} {total:unit|units} (page {page}/{pages})",
    },
    "details.none": {
        "id": "Tidak ada lagi unit dalam daftar ini di wilayah Anda.",
        "en": "No unit of your area is on this list any more.",
    },
    "details.previous": {"id": "◀ Sebelumnya", "en": "◀ Previous"},
    "details.next": {"id": "Berikutnya ▶", "en": "Next ▶"},
    "escalation.other_units": {"id": "Perangkat daerah dan lainnya", "en": "Agencies and others"},
    # ---- the weekly priorities digest ----
    "digest.weekly.header": {
        "id": "📌 <b>Prioritas pekan ini</b> — {date}\nDari Humas Kabupaten Bogor untuk {unit}",
        "en": "📌 <b>This week's priorities</b> — {date}\n"
        "From the Bogor Regency public relations for {unit}",
    },
    "digest.weekly.footer": {
        "id": "<i>Lihat rincian dengan /brief dan /tenggat. Selamat bekerja!</i>",
        "en": "<i>See the details with /brief and /tenggat. Have a good week!</i>",
    },
    "digest.weekly.programs": {"id": "<b>Program strategis</b>", "en": "<b>Strategic programs</b>"},
    "digest.weekly.no_programs": {
        "id": "Belum ada program aktif.",
        "en": "No active program yet.",
    },
    "digest.weekly.program": {
        "id": "{number}. <b>{name}</b> — {horizon}, sampai {ends}",
        "en": "{number}. <b>{name}</b> — {horizon}, until {ends}",
    },
    "digest.horizon.pendek": {"id": "jangka pendek", "en": "short term"},
    "digest.horizon.menengah": {"id": "jangka menengah", "en": "medium term"},
    "digest.horizon.panjang": {"id": "jangka panjang", "en": "long term"},
    "digest.weekly.open": {
        "id": "<b>Briefing terbuka untuk unit Anda</b>",
        "en": "<b>Open briefings for your unit</b>",
    },
    "digest.weekly.no_open": {
        "id": "Tidak ada briefing terbuka.",
        "en": "No open briefing.",
    },
    "digest.weekly.open_line": {
        "id": "• #{id} {title} — tenggat {deadline}",
        "en": "• #{id} {title} — deadline {deadline}",
    },
    "digest.weekly.open_overdue": {
        "id": "• #{id} {title} — ⚠️ lewat tenggat {deadline}, segera laporkan",
        "en": "• #{id} {title} — ⚠️ past its deadline {deadline}, report it now",
    },
    "digest.weekly.results": {
        "id": "<b>Hasil pekan lalu</b> ({start} – {end})",
        "en": "<b>Last week's result</b> ({start} – {end})",
    },
    "digest.weekly.no_results": {
        "id": "Tidak ada tenggat pekan lalu.",
        "en": "No deadline last week.",
    },
    "digest.weekly.result.on_time": {
        "id": "✅ #{id} {title} — tepat waktu",
        "en": "✅ #{id} {title} — on time",
    },
    "digest.weekly.result.late": {
        "id": "⏰ #{id} {title} — terlambat",
        "en": "⏰ #{id} {title} — late",
    },
    "digest.weekly.result.missing": {
        "id": "❌ #{id} {title} — tidak melapor",
        "en": "❌ #{id} {title} — not reported",
    },
    "digest.weekly.tally": {
        "id": "Ringkasan: {on_time} tepat waktu · {late} terlambat · {missing} tidak melapor",
        "en": "In short: {on_time} on time · {late} late · {missing} not reported",
    },
    # ---- the daily coordinator digest ----
    "digest.daily.header": {
        "id": "🗂 <b>Ringkasan harian</b> — {date}\nWilayah: {scope}",
        "en": "🗂 <b>Daily summary</b> — {date}\nArea: {scope}",
    },
    "digest.daily.footer": {
        "id": "<i>Tinjau dengan /tinjau, kelola briefing dengan /brief_kelola.</i>",
        "en": "<i>Review with /tinjau, manage briefings with /brief_kelola.</i>",
    },
    "digest.daily.links": {
        "id": "📥 Laporan hari ini: {links} tautan dari {units} unit",
        "en": "📥 Reports today: {links} {links:link|links} from {units} {units:unit|units}",
    },
    "digest.daily.tomorrow": {"id": "📅 <b>Tenggat besok</b>", "en": "📅 <b>Due tomorrow</b>"},
    "digest.daily.tomorrow_line": {
        "id": "• #{id} {title} — {deadline}: {open} dari {total} unit belum melapor",
        "en": "• #{id} {title} — {deadline}: {open} of {total} {total:unit|units} {open:has|have} not reported",
    },
    "digest.daily.overdue": {
        "id": "⌛ <b>Lewat tenggat, belum melapor</b>",
        "en": "⌛ <b>Overdue, not reported</b>",
    },
    "digest.daily.overdue_line": {
        "id": "• #{id} {title} (tenggat {deadline}): {open} unit — {names}",
        "en": "• #{id} {title} (deadline {deadline}): {open} {open:unit|units} — {names}",
    },
    "digest.daily.tomorrow_count": {
        "id": "• #{id} {title} — {deadline}: {open} dari {total} unit belum melapor",
        "en": "• #{id} {title} — {deadline}: {open} of {total} {total:unit|units} {open:has|have} not reported",
    },
    "digest.daily.overdue_count": {
        "id": "• #{id} {title} (tenggat {deadline}): {open} unit",
        "en": "• #{id} {title} (deadline {deadline}): {open} {open:unit|units}",
    },
    "digest.daily.drafts": {
        "id": "📝 Draf menunggu tinjauan: {count}",
        "en": "📝 Drafts waiting for review: {count}",
    },
    "digest.daily.issues": {
        "id": "📣 Laporan isu terbuka: {count} ({urgent} darurat)",
        "en": "📣 Open issue reports: {count} ({urgent} urgent)",
    },
    # ---- holidays ----
    "holiday.deadline_warning": {
        "id": "⚠️ Tenggat ini jatuh pada hari libur: <b>{name}</b>. Pengingat dan "
        "pemberitahuan ditahan sampai hari kerja; pertimbangkan tanggal lain.",
        "en": "⚠️ This deadline falls on a day off: <b>{name}</b>. Reminders and notices wait "
        "for the next working day; consider another date.",
    },
    # ---- /cuti ----
    "leave.usage": {
        "id": "Pilih lama cuti di bawah, atau ketik <code>/cuti</code> dengan hari terakhir cuti "
        "(mis. <code>/cuti 31 Desember</code>, <code>/cuti besok</code>, <code>/cuti 7 hari</code>"
        "), paling lama {max} hari; pengingat berhenti sampai akhir hari itu. "
        "<code>/cuti selesai</code> mengakhiri cuti.",
        "en": "Pick how long below, or type <code>/cuti</code> with the last day of your leave "
        "(e.g. <code>/cuti 31 December</code>, <code>/cuti tomorrow</code>, "
        "<code>/cuti 7 days</code>), at most {max} {max:day|days}. Reminders pause until the end of that "
        "day. <code>/cuti selesai</code> ends the leave.",
    },
    "leave.button.days": {"id": "{days} hari", "en": "{days} {days:day|days}"},
    "leave.button.week": {"id": "1 minggu", "en": "1 week"},
    "leave.button.weeks": {"id": "{weeks} minggu", "en": "{weeks} {weeks:week|weeks}"},
    "leave.button.pick": {"id": "📅 Pilih tanggal", "en": "📅 Pick a date"},
    "leave.button.end": {"id": "Akhiri cuti", "en": "End my leave"},
    "leave.ask_day": {
        "id": "Ketik hari terakhir cuti Anda, mis. <code>31 Desember</code>, <code>besok</code> "
        "atau <code>7 hari</code>. /batal untuk membatalkan.",
        "en": "Type the last day of your leave, e.g. <code>31 December</code>, "
        "<code>tomorrow</code> or <code>7 days</code>. /cancel to stop.",
    },
    "leave.status_on": {
        "id": "🌴 Anda sedang cuti: pengingat dihentikan sampai akhir {day}.",
        "en": "🌴 You are on leave: reminders are paused until the end of {day}.",
    },
    "leave.status_off": {
        "id": "Anda tidak sedang cuti: pengingat aktif.",
        "en": "You are not on leave: reminders are on.",
    },
    "leave.set": {
        "id": "🌴 Cuti dicatat: Anda tidak menerima pengingat sampai akhir {day}. "
        "Briefing, pengumuman dan ringkasan tetap dikirim.",
        "en": "🌴 Leave recorded: you get no reminders until the end of {day}. "
        "Briefings, announcements and digests still come.",
    },
    "leave.others": {
        "id": "{count} petugas lain di unit Anda tetap menerima pengingat.",
        "en": "{count} other {count:officer|officers} of your unit still {count:gets|get} the "
        "reminders.",
    },
    "leave.alone": {
        "id": "⚠️ Tidak ada petugas lain di unit Anda yang dapat menerima pengingat; "
        "koordinator Anda akan diberi tahu bila ada tenggat.",
        "en": "⚠️ No other officer of your unit can receive reminders; your coordinator "
        "will be told when a deadline comes.",
    },
    "leave.ended": {
        "id": "Selamat bekerja kembali! Pengingat aktif lagi.",
        "en": "Welcome back! Reminders are on again.",
    },
    "leave.not_on_leave": {
        "id": "Anda tidak sedang cuti. Tidak ada yang diubah.",
        "en": "You are not on leave. Nothing was changed.",
    },
    "leave.bad_date": {
        "id": "Tanggal tidak dikenali. Tidak ada yang diubah.",
        "en": "That date was not understood. Nothing was changed.",
    },
    "leave.past": {
        "id": "Tanggal itu sudah lewat. Tidak ada yang diubah.",
        "en": "That date has passed. Nothing was changed.",
    },
    "leave.too_long": {
        "id": "Cuti paling lama {max} hari. Tidak ada yang diubah.",
        "en": "Leave can last at most {max} {max:day|days}. Nothing was changed.",
    },
    # ---- /libur ----
    "daysoff.header": {
        "id": "📆 <b>Hari libur {days} hari ke depan</b>\n"
        "Ringkasan dan pengingat ditahan pada hari-hari ini.",
        "en": "📆 <b>Days off in the next {days} {days:day|days}</b>\n"
        "Digests and reminders wait on these days.",
    },
    "daysoff.line": {"id": "• {day} — {name}", "en": "• {day} — {name}"},
    "daysoff.line_added": {
        "id": "• {day} — {name} <i>(ditambahkan admin)</i>",
        "en": "• {day} — {name} <i>(added by an administrator)</i>",
    },
    "daysoff.none": {"id": "Tidak ada.", "en": "None."},
    "daysoff.usage": {
        "id": "Tambah: <code>/libur 2026-12-31 Tutup buku</code>\n"
        "Hapus: <code>/libur hapus 2026-12-31</code>",
        "en": "Add: <code>/libur 2026-12-31 Year-end closing</code>\n"
        "Remove: <code>/libur hapus 2026-12-31</code>",
    },
    "daysoff.added": {
        "id": "✅ {day} dicatat sebagai hari libur: {note}.",
        "en": "✅ {day} recorded as a day off: {note}.",
    },
    "daysoff.removed": {
        "id": "✅ {day} bukan lagi hari libur tambahan.",
        "en": "✅ {day} is no longer an added day off.",
    },
    "daysoff.problem.past": {
        "id": "Tanggal itu sudah lewat. Tidak ada yang diubah.",
        "en": "That date has passed. Nothing was changed.",
    },
    "daysoff.problem.note_empty": {
        "id": "Tulis keterangannya setelah tanggal, "
        "mis. <code>/libur 2026-12-31 Tutup buku</code>. "
        "Tidak ada yang diubah.",
        "en": "Write a note after the date, e.g. <code>/libur 2026-12-31 Year-end closing</code>. "
        "Nothing was changed.",
    },
    "daysoff.problem.note_too_long": {
        "id": "Keterangan terlalu panjang (maksimal 100 karakter). Tidak ada yang diubah.",
        "en": "The note is too long (at most 100 characters). Nothing was changed.",
    },
    "daysoff.problem.exists": {
        "id": "Tanggal itu sudah menjadi hari libur tambahan. Tidak ada yang diubah.",
        "en": "That date is already an added day off. Nothing was changed.",
    },
    "daysoff.problem.unknown": {
        "id": "Tanggal itu bukan hari libur tambahan (hari libur nasional tidak dapat dihapus). "
        "Tidak ada yang diubah.",
        "en": "That date is not an added day off (national holidays cannot be removed). "
        "Nothing was changed.",
    },
    "daysoff.problem.national": {
        "id": "Tanggal itu sudah hari libur nasional: {name}. Tidak ada yang diubah.",
        "en": "That date is already a national holiday: {name}. Nothing was changed.",
    },
    "daysoff.problem.bad_date": {
        "id": "Tanggal tidak dikenali. Tidak ada yang diubah.",
        "en": "That date was not understood. Nothing was changed.",
    },
}
