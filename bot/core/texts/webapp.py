"""Texts of the coordinators' Mini App (bot/webapp/): the menu button, the button under a
recap, and the page itself (served to it as JSON, together with the recap's and the
composer's texts it shares). Page texts are plain text: the page never renders HTML."""

TEXTS: dict[str, dict[str, str]] = {
    "webapp.menu_button": {"id": "📊 Dasbor", "en": "📊 Dashboard"},
    "webapp.open_button": {"id": "📊 Buka dasbor", "en": "📊 Open the dashboard"},
    "webapp.title": {"id": "Dasbor Humas", "en": "Humas dashboard"},
    "webapp.tab.dashboard": {"id": "Dasbor", "en": "Dashboard"},
    "webapp.tab.form": {"id": "Briefing baru", "en": "New briefing"},
    "webapp.loading": {"id": "Memuat…", "en": "Loading…"},
    "webapp.error": {
        "id": "Gagal memuat. Coba lagi sebentar lagi.",
        "en": "Could not load. Try again in a moment.",
    },
    "webapp.denied.auth": {
        "id": "Buka dasbor ini dari Telegram (tombol 📊 Dasbor di chat bot).",
        "en": "Open this dashboard from Telegram (the 📊 Dashboard button in the bot's chat).",
    },
    "webapp.denied.role": {
        "id": "Dasbor ini hanya untuk koordinator.",
        "en": "This dashboard is for coordinators only.",
    },
    "webapp.pick.briefing": {"id": "Briefing", "en": "Briefing"},
    "webapp.pick.period": {"id": "Periode", "en": "Period"},
    "webapp.pick.none": {"id": "Belum ada briefing.", "en": "No briefing yet."},
    "webapp.tile.targeted": {"id": "Sasaran", "en": "Targeted"},
    "webapp.tile.on_time": {"id": "Tepat waktu", "en": "On time"},
    "webapp.tile.late": {"id": "Terlambat", "en": "Late"},
    "webapp.tile.missing": {"id": "Belum lapor", "en": "Missing"},
    "webapp.chart.kecamatan": {"id": "Kepatuhan per kecamatan", "en": "Compliance per kecamatan"},
    "webapp.chart.desa": {"id": "Kepatuhan per desa/kelurahan", "en": "Compliance per village"},
    "webapp.chart.average": {"id": "Rata-rata kabupaten", "en": "Regency average"},
    "webapp.search": {"id": "Cari unit…", "en": "Search units…"},
    "webapp.column.unit": {"id": "Unit", "en": "Unit"},
    "webapp.column.kecamatan": {"id": "Kecamatan", "en": "Kecamatan"},
    "webapp.column.status": {"id": "Status", "en": "Status"},
    "webapp.column.reports": {"id": "Laporan", "en": "Reports"},
    "webapp.column.percent": {"id": "%", "en": "%"},
    "webapp.no_officer": {"id": "belum ada petugas", "en": "no officer yet"},
    "webapp.up": {"id": "← {area}", "en": "← {area}"},
    "webapp.remind": {"id": "🔔 Ingatkan yang belum", "en": "🔔 Remind the missing"},
    "webapp.remind.confirm": {
        "id": "Kirim pengingat ke {units} unit yang belum melapor?",
        "en": "Send a reminder to the {units} {units:unit|units} that have not reported?",
    },
    "webapp.excel": {"id": "⬇️ Excel", "en": "⬇️ Excel"},
    "webapp.excel.sent": {
        "id": "File Excel dikirim ke chat bot.",
        "en": "The Excel file was sent to the bot's chat.",
    },
    "webapp.form.intro": {
        "id": "Isi briefing di sini, lalu tekan Pratinjau: pratinjau dikirim ke chat, "
        "dan briefing diterbitkan dari sana.",
        "en": "Fill in the briefing here, then press Preview: the preview is sent to the "
        "chat, and the briefing is published from there.",
    },
    "webapp.form.program": {"id": "Program", "en": "Programme"},
    "webapp.form.title": {"id": "Judul", "en": "Title"},
    "webapp.form.key_message": {"id": "Pesan kunci", "en": "Key message"},
    "webapp.form.targets": {"id": "Unit sasaran", "en": "Target units"},
    "webapp.form.targets.scope": {"id": "Semua di wilayah saya", "en": "Everyone in my area"},
    "webapp.form.targets.level": {"id": "Menurut tingkat", "en": "By level"},
    "webapp.form.targets.kecamatan": {"id": "Kecamatan tertentu", "en": "Chosen kecamatan"},
    "webapp.form.targets.units": {"id": "Unit tertentu", "en": "Chosen units"},
    "webapp.form.level.opd": {"id": "Perangkat daerah (OPD)", "en": "Agencies (OPD)"},
    "webapp.form.level.kecamatan": {"id": "Kantor kecamatan", "en": "Kecamatan offices"},
    "webapp.form.level.village": {"id": "Desa/kelurahan", "en": "Villages"},
    "webapp.form.deadline": {"id": "Tenggat (WIB)", "en": "Deadline (WIB)"},
    "webapp.form.points": {"id": "Poin (satu per baris)", "en": "Points (one per line)"},
    "webapp.form.formats": {"id": "Format", "en": "Formats"},
    "webapp.form.channels": {"id": "Kanal", "en": "Channels"},
    "webapp.form.hashtags": {"id": "Tagar & akun", "en": "Hashtags & accounts"},
    "webapp.form.tags": {
        "id": "{part} (pisahkan dengan koma)",
        "en": "{part} (separated by commas)",
    },
    "webapp.form.targets.tag": {"id": "Unit dengan label", "en": "Units with a label"},
    "webapp.form.unit_search": {"id": "Cari unit…", "en": "Search units…"},
    "webapp.form.attachments": {
        "id": "Materi (foto, video, PDF, dokumen): paling banyak {limit} berkas, "
        "masing-masing paling besar {size} MB.",
        "en": "Material (photos, videos, PDF, documents): at most {limit} files, "
        "each at most {size} MB.",
    },
    "webapp.form.material_caption": {
        "id": "📎 Materi untuk draf briefing",
        "en": "📎 Material for the briefing draft",
    },
    "webapp.form.material_saved": {
        "id": "Materi disimpan: {count} dari paling banyak {limit}.",
        "en": "Material kept: {count} of at most {limit}.",
    },
    "webapp.form.material_unsupported": {
        "id": "Materi harus berupa foto, video, PDF atau dokumen.",
        "en": "Material must be a photo, video, PDF or document.",
    },
    "webapp.form.material_too_big": {
        "id": "Berkas terlalu besar: paling besar {size} MB.",
        "en": "The file is too big: at most {size} MB.",
    },
    "webapp.form.preview": {"id": "👁 Pratinjau", "en": "👁 Preview"},
    "webapp.form.sent": {
        "id": "Pratinjau dikirim ke chat bot. Terbitkan dari sana.",
        "en": "The preview was sent to the bot's chat. Publish it from there.",
    },
    "webapp.form.required": {"id": "Wajib diisi.", "en": "Required."},
    "webapp.form.invalid": {"id": "Isian tidak sah.", "en": "Not a valid value."},
    "webapp.form.no_programs": {
        "id": "Belum ada program aktif. Minta administrator menambahkannya.",
        "en": "There is no active programme yet. Ask an administrator to add one.",
    },
    "webapp.form.draft_loaded": {
        "id": "Draf Anda yang tersimpan dimuat.",
        "en": "Your saved draft was loaded.",
    },
}
