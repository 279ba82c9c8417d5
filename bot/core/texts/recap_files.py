"""Texts of the recap's files: the chart, the Excel workbook, the CSV and /laporan_bulanan.

Texts for files (sheet names, column headers, chart labels) are plain text, not HTML.
"""

TEXTS: dict[str, dict[str, str]] = {
    "cmd.laporan_bulanan": {
        "id": "Laporan bulanan: Excel + grafik wilayah Anda",
        "en": "Monthly evidence pack: Excel + chart of your area",
    },
    # ---- buttons
    "rfile.button.chart": {"id": "📊 Grafik", "en": "📊 Chart"},
    "rfile.button.excel": {"id": "⬇️ Excel", "en": "⬇️ Excel"},
    "rfile.button.csv": {"id": "CSV", "en": "CSV"},
    "rfile.button.this_month": {"id": "Bulan ini ({month})", "en": "This month ({month})"},
    "rfile.button.last_month": {"id": "Bulan lalu ({month})", "en": "Last month ({month})"},
    # ---- messages
    "rfile.chart_caption": {
        "id": "📊 <b>{title}</b>\n{scope}",
        "en": "📊 <b>{title}</b>\n{scope}",
    },
    "rfile.excel_caption": {
        "id": "⬇️ Rekap <b>{title}</b> — {scope}\nTekan CSV untuk tabel per unit.",
        "en": "⬇️ Recap of <b>{title}</b> — {scope}\nPress CSV for the per-unit table.",
    },
    "rfile.csv_caption": {
        "id": "Tabel per unit — {scope} (CSV, UTF-8).",
        "en": "Per-unit table — {scope} (CSV, UTF-8).",
    },
    "rfile.period_title": {"id": "{start} – {end}", "en": "{start} – {end}"},
    "rfile.gone": {
        "id": "Rekap ini tidak tersedia lagi untuk wilayah Anda. Tidak ada yang dikirim.",
        "en": "This recap is no longer available for your area. Nothing was sent.",
    },
    "rfile.month_ask": {
        "id": "<b>Laporan bulanan</b> — {scope}\nSatu berkas Excel berisi setiap briefing, "
        "status setiap unit, setiap tautan, dan grafiknya.\n\nPilih bulan, atau ketik mis. "
        "<code>/laporan_bulanan 2026-11</code> atau <code>/laporan_bulanan November 2026</code>.",
        "en": "<b>Monthly evidence pack</b> — {scope}\nOne Excel file with every briefing, "
        "every unit's status, every link and the chart.\n\nChoose a month, or type e.g. "
        "<code>/laporan_bulanan 2026-11</code> or <code>/laporan_bulanan November 2026</code>.",
    },
    "rfile.month_bad": {
        "id": "Bulan tidak dikenali: <i>{text}</i>\nTulis mis. <code>2026-11</code> atau "
        "<code>November 2026</code>. Tidak ada yang dikirim.",
        "en": "Month not recognised: <i>{text}</i>\nWrite e.g. <code>2026-11</code> or "
        "<code>November 2026</code>. Nothing was sent.",
    },
    "rfile.month_future": {
        "id": "{month} belum dimulai; pilih bulan ini atau yang sudah lewat.",
        "en": "{month} has not started yet; choose this month or an earlier one.",
    },
    "rfile.month_empty": {
        "id": "Tidak ada briefing bertenggat pada {month} untuk {scope}.",
        "en": "No briefing was due in {month} for {scope}.",
    },
    "rfile.month_caption": {
        "id": "📁 <b>Laporan bulanan {month}</b> — {scope}\n{briefings} briefing · "
        "{percent}% penugasan dilaporkan · rata-rata kabupaten {average}%",
        "en": "📁 <b>Monthly evidence pack {month}</b> — {scope}\n{briefings} {briefings:briefing|briefings} · "
        "{percent}% of assignments reported · regency average {average}%",
    },
    # ---- the chart
    "rfile.chart.briefing_title": {"id": "Kepatuhan: {title}", "en": "Compliance: {title}"},
    "rfile.chart.period_title": {"id": "Kepatuhan {period}", "en": "Compliance {period}"},
    "rfile.chart.trend_title": {
        "id": "Kepatuhan per minggu {period}",
        "en": "Weekly compliance {period}",
    },
    "rfile.chart.subtitle": {
        "id": "{scope} · dibuat {generated}",
        "en": "{scope} · generated {generated}",
    },
    "rfile.chart.axis_units": {"id": "Unit yang melapor (%)", "en": "Units that reported (%)"},
    "rfile.chart.axis_assignments": {
        "id": "Penugasan yang dilaporkan (%)",
        "en": "Assignments reported (%)",
    },
    "rfile.chart.average": {
        "id": "Rata-rata kabupaten {percent}%",
        "en": "Regency average {percent}%",
    },
    "rfile.chart.more": {"id": "{count} lainnya", "en": "{count} more"},
    "rfile.chart.no_officer": {
        "id": "* termasuk {count} yang belum ada petugas (dihitung belum melapor)",
        "en": "* includes {count} with no officer yet (counted as not reported)",
    },
    "rfile.chart.week": {"id": "Mg {date}", "en": "Wk {date}"},
    "rfile.chart.empty": {
        "id": "Belum ada penugasan untuk digambar",
        "en": "No assignment to draw yet",
    },
    # ---- the workbook: sheets
    "rfile.sheet.summary": {"id": "Ringkasan", "en": "Summary"},
    "rfile.sheet.per_unit": {"id": "Per unit", "en": "Per unit"},
    "rfile.sheet.reports": {"id": "Laporan", "en": "Reports"},
    "rfile.sheet.missing": {"id": "Belum melapor", "en": "Not reported"},
    "rfile.sheet.briefings": {"id": "Briefing", "en": "Briefings"},
    "rfile.sheet.statuses": {"id": "Status per briefing", "en": "Status per briefing"},
    # ---- the workbook: columns and summary items
    "rfile.col.item": {"id": "Keterangan", "en": "Item"},
    "rfile.col.value": {"id": "Nilai", "en": "Value"},
    "rfile.col.code": {"id": "Kode", "en": "Code"},
    "rfile.col.unit": {"id": "Unit", "en": "Unit"},
    "rfile.col.kecamatan": {"id": "Kecamatan", "en": "District"},
    "rfile.col.group_regency": {"id": "Kecamatan / unit", "en": "District / unit"},
    "rfile.col.group_kecamatan": {"id": "Desa / kelurahan", "en": "Village"},
    "rfile.col.status": {"id": "Status", "en": "Status"},
    "rfile.col.has_officer": {"id": "Ada petugas aktif", "en": "Has an active officer"},
    "rfile.col.first_report": {"id": "Laporan pertama (WIB)", "en": "First report (WIB)"},
    "rfile.col.links": {"id": "Jumlah tautan", "en": "Links"},
    "rfile.col.time": {"id": "Waktu (WIB)", "en": "Time (WIB)"},
    "rfile.col.officer": {"id": "Petugas", "en": "Officer"},
    "rfile.col.platform": {"id": "Platform", "en": "Platform"},
    "rfile.col.link": {"id": "Tautan", "en": "Link"},
    "rfile.col.report_status": {"id": "Status laporan", "en": "Report status"},
    "rfile.col.late": {"id": "Terlambat", "en": "Late"},
    "rfile.col.evidence": {"id": "Tangkapan layar", "en": "Screenshot"},
    "rfile.col.targeted": {"id": "Ditargetkan", "en": "Targeted"},
    "rfile.col.on_time": {"id": "Tepat waktu", "en": "On time"},
    "rfile.col.missing": {"id": "Belum melapor", "en": "Not reported"},
    "rfile.col.rejected_only": {"id": "Semua ditolak", "en": "All rejected"},
    "rfile.col.no_officer": {"id": "Belum ada petugas", "en": "No officer yet"},
    "rfile.col.percent": {"id": "Melapor (%)", "en": "Reported (%)"},
    "rfile.col.briefing": {"id": "Briefing", "en": "Briefing"},
    "rfile.col.briefing_id": {"id": "No. briefing", "en": "Briefing no."},
    "rfile.col.title": {"id": "Judul", "en": "Title"},
    "rfile.col.published": {"id": "Terbit (WIB)", "en": "Published (WIB)"},
    "rfile.col.deadline": {"id": "Tenggat (WIB)", "en": "Deadline (WIB)"},
    "rfile.col.briefing_status": {"id": "Status briefing", "en": "Briefing status"},
    "rfile.col.week": {"id": "Minggu mulai", "en": "Week starting"},
    "rfile.sum.scope": {"id": "Wilayah", "en": "Area"},
    "rfile.sum.generated": {"id": "Dibuat (WIB)", "en": "Generated (WIB)"},
    "rfile.sum.start": {"id": "Dari (WIB)", "en": "From (WIB)"},
    "rfile.sum.end": {"id": "Sampai sebelum (WIB)", "en": "Until before (WIB)"},
    "rfile.sum.briefings": {"id": "Jumlah briefing", "en": "Briefings"},
    "rfile.sum.average": {"id": "Rata-rata kabupaten (%)", "en": "Regency average (%)"},
    "rfile.sum.rules": {
        "id": "Aturan hitung: unit melapor bila punya ≥1 tautan yang tidak ditolak; "
        "terlambat bila tautan pertama itu setelah tenggat.",
        "en": "Counting rules: a unit reported when it has ≥1 link that was not rejected; "
        "late when that first link came after the deadline.",
    },
    "rfile.yes": {"id": "Ya", "en": "Yes"},
    "rfile.no": {"id": "Tidak", "en": "No"},
    "rfile.status.on_time": {"id": "Tepat waktu", "en": "On time"},
    "rfile.status.late": {"id": "Terlambat", "en": "Late"},
    "rfile.status.missing": {"id": "Belum melapor", "en": "Not reported"},
    "rfile.status.rejected_only": {"id": "Semua ditolak", "en": "All rejected"},
    "rfile.report.diterima": {"id": "diterima", "en": "received"},
    "rfile.report.disetujui": {"id": "disetujui", "en": "approved"},
    "rfile.report.perlu_revisi": {"id": "perlu revisi", "en": "needs revision"},
    "rfile.report.ditolak": {"id": "ditolak", "en": "rejected"},
    "rfile.briefing.scheduled": {"id": "terjadwal", "en": "scheduled"},
    "rfile.briefing.published": {"id": "terbit", "en": "published"},
    "rfile.briefing.closed": {"id": "ditutup", "en": "closed"},
    # ---- the screenshots next to the shell's pack (humas-bot report, folder bukti/)
    "rfile.evidence.waiting": {
        "id": "belum tersimpan (masih diunduh)",
        "en": "not stored yet (still downloading)",
    },
    "rfile.evidence.too_big": {
        "id": "tidak tersimpan: file terlalu besar",
        "en": "not stored: file too big",
    },
    "rfile.evidence.refused": {
        "id": "tidak tersimpan: ditolak Telegram",
        "en": "not stored: refused by Telegram",
    },
    "rfile.evidence.unrecorded": {
        "id": "tidak tersimpan: tidak tercatat di arsip",
        "en": "not stored: never recorded in the archive",
    },
    "rfile.evidence.lost": {
        "id": "tidak ada lagi di arsip",
        "en": "no longer in the archive",
    },
    "rfile.evidence.unreadable": {
        "id": "tidak terbaca: arsip milik pengguna lain",
        "en": "unreadable: the archive belongs to another user",
    },
    "rfile.evidence.damaged": {
        "id": "rusak di arsip (checksum tidak cocok)",
        "en": "damaged in the archive (checksum mismatch)",
    },
    "rfile.evidence.summary": {
        "id": "bukti: {copied} file disalin, {missing} belum tersimpan",
        "en": "evidence: {copied} {copied:file|files} copied, {missing} not stored",
    },
}
