"""Texts of the recap (/rekap, its drill-down and "Ingatkan yang belum"), /agenda and
/peringkat. Lines are kept short: they are read on phones."""

TEXTS: dict[str, dict[str, str]] = {
    "cmd.rekap": {
        "id": "Rekap: siapa sudah dan belum melapor",
        "en": "Recap: who reported and who did not",
    },
    "cmd.agenda": {
        "id": "Agenda program dan briefing-nya",
        "en": "Programme timeline and its briefings",
    },
    "cmd.peringkat": {
        "id": "Peringkat unit bulan ini",
        "en": "This month's unit ranking",
    },
    # ---- picking what to recap --------------------------------------------------------
    "rekap.pick": {
        "id": "📊 <b>Rekap</b> — {area}\nPilih briefing atau periode (⏳ masih berjalan):",
        "en": "📊 <b>Recap</b> — {area}\nPick a briefing or a period (⏳ still running):",
    },
    "rekap.pick.none": {
        "id": "📊 <b>Rekap</b> — {area}\nBelum ada briefing untuk wilayah Anda. Pilih periode:",
        "en": "📊 <b>Recap</b> — {area}\nNo briefing for your area yet. Pick a period:",
    },
    "rekap.pick.item": {"id": "#{id} {title}", "en": "#{id} {title}"},
    "rekap.pick.item.running": {"id": "⏳ #{id} {title}", "en": "⏳ #{id} {title}"},
    "rekap.pick.page": {"id": "Halaman {page}/{pages}", "en": "Page {page}/{pages}"},
    "rekap.period.this_week": {"id": "Minggu ini", "en": "This week"},
    "rekap.period.last_week": {"id": "Minggu lalu", "en": "Last week"},
    "rekap.period.this_month": {"id": "Bulan ini", "en": "This month"},
    "rekap.period.last_month": {"id": "Bulan lalu", "en": "Last month"},
    "rekap.period.typed": {"id": "✏️ Rentang lain", "en": "✏️ Other range"},
    "rekap.period.ask": {
        "id": "Ketik rentang tanggal, misalnya:\n<code>1-15 Nov 2026</code>\n"
        "<code>2026-11-01 s.d. 2026-11-15</code>\n<code>November 2026</code>\n"
        "Ketik /batal untuk membatalkan.",
        "en": "Type a date range, for example:\n<code>1-15 Nov 2026</code>\n"
        "<code>2026-11-01 to 2026-11-15</code>\n<code>November 2026</code>\n"
        "Type /cancel to stop.",
    },
    "rekap.period.invalid": {
        "id": "Rentang itu tidak saya pahami. Contoh: <code>1-15 Nov 2026</code>."
        " Coba lagi, atau /batal.",
        "en": "I could not read that range. Example: <code>1-15 Nov 2026</code>."
        " Try again, or /cancel.",
    },
    "rekap.period.long": {
        "id": "Rentang paling panjang {days} hari. Coba lagi, atau /batal.",
        "en": "A range is at most {days} {days:day|days}. Try again, or /cancel.",
    },
    "rekap.period.future": {
        "id": "Rentang itu belum dimulai. Coba lagi, atau /batal.",
        "en": "That range has not started yet. Try again, or /cancel.",
    },
    "rekap.not_found": {
        "id": "Briefing itu tidak ada dalam wilayah Anda, atau belum terbit.",
        "en": "That briefing is not in your area, or not published yet.",
    },
    # ---- one briefing -----------------------------------------------------------------
    "rekap.briefing.header": {
        "id": "📊 <b>Rekap #{id}</b> {title}\n{area}\nTenggat: {deadline}{passed}",
        "en": "📊 <b>Recap #{id}</b> {title}\n{area}\nDeadline: {deadline}{passed}",
    },
    "rekap.passed": {"id": " (lewat)", "en": " (passed)"},
    "rekap.closed": {"id": " · ditutup", "en": " · closed"},
    "rekap.totals": {
        "id": "Dituju: {targeted} unit\n✅ Tepat waktu: {on_time}\n⏰ Terlambat: {late}\n"
        "❌ Belum: {missing}{no_officer}\n🚫 Semua ditolak: {rejected}\n"
        "<b>Melapor: {reported}/{targeted} ({percent}%)</b>",
        "en": "Targeted: {targeted} {targeted:unit|units}\n✅ On time: {on_time}\n⏰ Late: {late}\n"
        "❌ Missing: {missing}{no_officer}\n🚫 All rejected: {rejected}\n"
        "<b>Reported: {reported}/{targeted} ({percent}%)</b>",
    },
    "rekap.no_officer_count": {
        "id": "\n   ({count} belum ada petugas)",
        "en": "\n   ({count} with no officer yet)",
    },
    "rekap.groups.kecamatan": {"id": "<b>Per kecamatan</b>", "en": "<b>Per kecamatan</b>"},
    "rekap.groups.units": {"id": "<b>Per unit</b>", "en": "<b>Per unit</b>"},
    "rekap.group": {
        "id": "{mark} {label}: {reported}/{targeted} ({percent}%)",
        "en": "{mark} {label}: {reported}/{targeted} ({percent}%)",
    },
    "rekap.unit": {"id": "{mark} {label}{note}", "en": "{mark} {label}{note}"},
    "rekap.missing.header": {
        "id": "<b>Belum melapor ({count})</b>",
        "en": "<b>Not reported ({count})</b>",
    },
    "rekap.missing.none": {
        "id": "🎉 Semua unit sudah melapor.",
        "en": "🎉 Every unit has reported.",
    },
    "rekap.missing.item": {"id": "• {label}{note}", "en": "• {label}{note}"},
    "rekap.missing.kecamatan": {"id": "<i>Kec. {name}</i>", "en": "<i>Kec. {name}</i>"},
    "rekap.where": {"id": " ({kecamatan})", "en": " ({kecamatan})"},
    "rekap.note.no_officer": {"id": " — belum ada petugas", "en": " — no officer yet"},
    "rekap.note.rejected": {"id": " — semua ditolak", "en": " — all rejected"},
    "rekap.mark.on_time": {"id": "✅", "en": "✅"},
    "rekap.mark.late": {"id": "⏰", "en": "⏰"},
    "rekap.mark.missing": {"id": "❌", "en": "❌"},
    "rekap.mark.rejected_only": {"id": "🚫", "en": "🚫"},
    "rekap.mark.high": {"id": "🟢", "en": "🟢"},
    "rekap.mark.mid": {"id": "🟡", "en": "🟡"},
    "rekap.mark.low": {"id": "🔴", "en": "🔴"},
    "rekap.status.on_time": {"id": "tepat waktu", "en": "on time"},
    "rekap.status.late": {"id": "terlambat", "en": "late"},
    "rekap.status.missing": {"id": "belum melapor", "en": "not reported"},
    "rekap.status.rejected_only": {"id": "semua laporan ditolak", "en": "every report rejected"},
    "rekap.page": {"id": "— halaman {page}/{pages} —", "en": "— page {page}/{pages} —"},
    "rekap.button.drill": {"id": "{label} {percent}%", "en": "{label} {percent}%"},
    "rekap.button.unit": {"id": "{mark} {label}", "en": "{mark} {label}"},
    "rekap.button.remind": {
        "id": "🔔 Ingatkan yang belum ({count})",
        "en": "🔔 Remind the rest ({count})",
    },
    "rekap.button.up": {"id": "⬆️ {label}", "en": "⬆️ {label}"},
    "rekap.button.list": {"id": "📋 Pilih lagi", "en": "📋 Pick again"},
    # ---- one unit ---------------------------------------------------------------------
    "rekap.unit.header": {
        "id": "📍 <b>{label}</b>{where}\nBriefing #{id} {title}\nStatus: {mark} {status}",
        "en": "📍 <b>{label}</b>{where}\nBriefing #{id} {title}\nStatus: {mark} {status}",
    },
    "rekap.unit.reports": {"id": "<b>Laporan ({count})</b>", "en": "<b>Reports ({count})</b>"},
    "rekap.unit.report": {
        "id": '{number}. {at} · <a href="{url}">{platform}</a>\n   {status}{late}{check} · {name}',
        "en": '{number}. {at} · <a href="{url}">{platform}</a>\n   {status}{late}{check} · {name}',
    },
    "rekap.unit.report_late": {"id": ", terlambat", "en": ", late"},
    "rekap.unit.no_reports": {"id": "Belum ada laporan.", "en": "No reports yet."},
    "rekap.unit.people": {"id": "<b>Petugas ({count})</b>", "en": "<b>Officers ({count})</b>"},
    "rekap.unit.no_people": {
        "id": "Belum ada petugas aktif.",
        "en": "No active officer yet.",
    },
    "rekap.unit.person": {"id": "• {name}: {state}", "en": "• {name}: {state}"},
    "rekap.person.reachable": {"id": "bisa dihubungi", "en": "reachable"},
    "rekap.person.unreachable": {
        "id": "tidak bisa dihubungi",
        "en": "cannot be reached",
    },
    "rekap.person.on_leave": {"id": "cuti s.d. {until}", "en": "on leave until {until}"},
    # ---- a period ---------------------------------------------------------------------
    "rekap.period.header": {
        "id": "📊 <b>Rekap {first} – {last}</b>\n{area}\n{count} briefing",
        "en": "📊 <b>Recap {first} – {last}</b>\n{area}\n{count} {count:briefing|briefings}",
    },
    "rekap.period.totals": {
        "id": "Penugasan: {targeted}\n✅ {on_time} · ⏰ {late} · ❌ {missing} · 🚫 {rejected}\n"
        "<b>Melapor: {percent}%</b> (tepat waktu {on_time_percent}%)",
        "en": "Assignments: {targeted}\n✅ {on_time} · ⏰ {late} · ❌ {missing} · 🚫 {rejected}\n"
        "<b>Reported: {percent}%</b> (on time {on_time_percent}%)",
    },
    "rekap.period.none": {
        "id": "Tidak ada briefing dengan tenggat dalam periode ini.",
        "en": "No briefing had its deadline in this period.",
    },
    "rekap.period.weeks": {"id": "<b>Per minggu</b>", "en": "<b>Per week</b>"},
    "rekap.period.week": {
        "id": "Mg {week}: {reported}/{targeted} ({percent}%)",
        "en": "Wk {week}: {reported}/{targeted} ({percent}%)",
    },
    "rekap.period.missing_item": {
        "id": "• {label}: {missed} dari {targeted}{note}",
        "en": "• {label}: {missed} of {targeted}{note}",
    },
    "rekap.period.unit_header": {
        "id": "📍 <b>{label}</b>{where}\n{first} – {last}\n"
        "Melapor {reported} dari {targeted} briefing ({percent}%)",
        "en": "📍 <b>{label}</b>{where}\n{first} – {last}\n"
        "Reported {reported} of {targeted} {targeted:briefing|briefings} ({percent}%)",
    },
    "rekap.period.briefing": {
        "id": "{mark} #{id} {title} · {deadline}",
        "en": "{mark} #{id} {title} · {deadline}",
    },
    # ---- "Ingatkan yang belum" --------------------------------------------------------
    "rekap.remind.confirm": {
        "id": "🔔 Kirim pengingat briefing #{id} ke <b>{units} unit</b> yang belum"
        " melapor di wilayah Anda?\nSekali per briefing tiap 2 jam.",
        "en": "🔔 Send a reminder for briefing #{id} to the <b>{units} {units:unit|units}</b> of your"
        " area that have not reported?\nOnce per briefing every 2 hours.",
    },
    "rekap.remind.yes": {"id": "🔔 Ya, kirim", "en": "🔔 Yes, send"},
    "rekap.remind.done": {
        "id": "🔔 Pengingat diantrekan untuk <b>{people} orang</b> di {units} unit.",
        "en": "🔔 Reminder queued for <b>{people} {people:person|people}</b> in {units} {units:unit|units}.",
    },
    "rekap.remind.unreachable": {
        "id": "{count} unit tidak bisa dihubungi (belum ada petugas, cuti, atau memblokir bot).",
        "en": "{count} {count:unit|units} cannot be reached (no officer, on leave, or blocked the bot).",
    },
    "rekap.remind.too_soon": {
        "id": "Anda sudah mengingatkan untuk briefing ini pukul {at}. Bisa lagi setelah {again}.",
        "en": "You already sent a reminder for this briefing at {at}. You can again after {again}.",
    },
    "rekap.remind.nothing": {
        "id": "Tidak ada yang perlu diingatkan: semua sudah melapor, atau briefing ditutup.",
        "en": "Nobody to remind: everyone reported, or the briefing is closed.",
    },
    "rekap.remind.message": {
        "id": "🔔 <b>Pengingat dari koordinator</b>: unit Anda belum melaporkan unggahan"
        " untuk briefing #{id} <b>{title}</b>.\nTenggat: {deadline}.",
        "en": "🔔 <b>Reminder from your coordinator</b>: your unit has not reported a post"
        " for briefing #{id} <b>{title}</b>.\nDeadline: {deadline}.",
    },
    # ---- /agenda -----------------------------------------------------------------------
    "agenda.header": {"id": "🗓 <b>Agenda program</b>", "en": "🗓 <b>Programme timeline</b>"},
    "agenda.none": {"id": "Belum ada program.", "en": "No programmes yet."},
    "agenda.horizon": {"id": "<b>— Jangka {name} —</b>", "en": "<b>— {name} term —</b>"},
    "agenda.program": {
        "id": "{mark} <b>{name}</b>\n{starts} – {ends} · {status}",
        "en": "{mark} <b>{name}</b>\n{starts} – {ends} · {status}",
    },
    "agenda.status.active": {"id": "berjalan", "en": "running"},
    "agenda.status.done": {"id": "selesai", "en": "finished"},
    "agenda.mark.active": {"id": "▶️", "en": "▶️"},
    "agenda.mark.done": {"id": "✅", "en": "✅"},
    "agenda.compliance": {
        "id": "Kepatuhan: {reported}/{targeted} ({percent}%)",
        "en": "Compliance: {reported}/{targeted} ({percent}%)",
    },
    "agenda.briefing": {"id": "• #{id} {title} · {deadline}", "en": "• #{id} {title} · {deadline}"},
    "agenda.no_briefings": {"id": "• belum ada briefing", "en": "• no briefing yet"},
    "agenda.more": {"id": "• … dan {count} lainnya", "en": "• … and {count} more"},
    # ---- /peringkat --------------------------------------------------------------------
    "rank.off": {
        "id": "Peringkat sedang tidak diaktifkan.",
        "en": "The ranking is switched off.",
    },
    "rank.header": {
        "id": "🏅 <b>Peringkat {month}</b> — {area}\nTepat waktu, lalu jumlah laporan;"
        " briefing yang tenggatnya sudah lewat.",
        "en": "🏅 <b>Ranking {month}</b> — {area}\nOn time first, then reports;"
        " briefings whose deadline has passed.",
    },
    "rank.none": {
        "id": "Belum ada briefing yang tenggatnya lewat bulan ini.",
        "en": "No briefing has passed its deadline this month yet.",
    },
    "rank.item": {
        "id": "{position}. {label}\n   tepat waktu {on_time}/{targeted} · lapor {reported}",
        "en": "{position}. {label}\n   on time {on_time}/{targeted} · reported {reported}",
    },
    "rank.mine": {
        "id": "🏅 {unit} di peringkat <b>{position}</b> dari {of} unit bulan ini ({month}).\n"
        "Tepat waktu {on_time} dari {targeted} briefing ({percent}%).",
        "en": "🏅 {unit} is <b>number {position}</b> of {of} {of:unit|units} this month ({month}).\n"
        "On time for {on_time} of {targeted} {targeted:briefing|briefings} ({percent}%).",
    },
    "rank.mine.none": {
        "id": "🏅 Belum ada briefing untuk {unit} yang tenggatnya lewat bulan ini.",
        "en": "🏅 No briefing for {unit} has passed its deadline this month yet.",
    },
    "rank.streak": {
        "id": "🔥 {count} briefing berturut-turut tepat waktu",
        "en": "🔥 {count} {count:briefing|briefings} in a row on time",
    },
    # ---- the weekly digest's compliance section (coordinators) -----------------------
    "digest.compliance.header": {
        "id": "<b>Kepatuhan minggu lalu</b> — {area}",
        "en": "<b>Last week's compliance</b> — {area}",
    },
    "digest.compliance.totals": {
        "id": "Melapor {reported}/{targeted} ({percent}%), tepat waktu {on_time}%",
        "en": "Reported {reported}/{targeted} ({percent}%), on time {on_time}%",
    },
    "digest.compliance.group": {"id": "• {label}: {percent}%", "en": "• {label}: {percent}%"},
    "digest.compliance.missed": {
        "id": "• {label}: {missed} dari {targeted} belum",
        "en": "• {label}: {missed} of {targeted} missing",
    },
    "digest.compliance.all_reported": {
        "id": "Semua unit melapor. 🎉",
        "en": "Every unit reported. 🎉",
    },
    # ---- /brief_kelola ------------------------------------------------------------------
    "kelola.none": {
        "id": "Tidak ada briefing untuk wilayah Anda.",
        "en": "There is no briefing for your area.",
    },
    "kelola.header": {
        "id": "🗂 <b>Briefing wilayah Anda</b> ({total})",
        "en": "🗂 <b>Briefings for your area</b> ({total})",
    },
    "kelola.item": {
        "id": "<b>#{id} {title}</b> · {state}{mine}\ntenggat {deadline}\n{done}/{total} unit sudah melapor",
        "en": "<b>#{id} {title}</b> · {state}{mine}\ndeadline {deadline}\n{done}/{total} {total:unit|units} reported",
    },
    "kelola.closed": {"id": "ditutup", "en": "closed"},
    "kelola.not_mine": {"id": " · dari kabupaten", "en": " · from the regency"},
    "kelola.button.recap": {"id": "📊 Rekap #{id}", "en": "📊 Recap #{id}"},
}
