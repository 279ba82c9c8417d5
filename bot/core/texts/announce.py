"""Texts for announcements (/pengumuman), acknowledgement and the schedule (/jadwal)."""

TEXTS: dict[str, dict[str, str]] = {
    "cmd.pengumuman": {"id": "Kirim pengumuman", "en": "Send an announcement"},
    "cmd.jadwal": {"id": "Pengumuman terjadwal", "en": "Scheduled announcements"},
    # -- what recipients see
    "announce.msg.header": {"id": "📢 <b>PENGUMUMAN</b>", "en": "📢 <b>ANNOUNCEMENT</b>"},
    "announce.msg.header_urgent": {
        "id": "🚨 <b>PENGUMUMAN PENTING</b>",
        "en": "🚨 <b>URGENT ANNOUNCEMENT</b>",
    },
    "announce.msg.signature": {
        "id": "— <b>{name}</b>, {role} {unit}",
        "en": "— <b>{name}</b>, {role}, {unit}",
    },
    "announce.msg.ack_hint": {
        "id": "<i>Tekan tombol di bawah setelah membaca.</i>",
        "en": "<i>Press the button below once you have read this.</i>",
    },
    "announce.button.ack": {"id": "✅ Sudah dibaca", "en": "✅ Mark as read"},
    "announce.ack_recorded": {
        "id": "✅ Terima kasih, tercatat sudah dibaca ({when}).",
        "en": "✅ Thank you, recorded as read ({when}).",
    },
    "announce.ack_already": {
        "id": "Sudah tercatat sebelumnya: Anda membaca pengumuman ini pada {when}.",
        "en": "Already recorded: you read this announcement on {when}.",
    },
    "announce.preview_ack": {
        "id": 'Ini pratinjau. Penerima akan mencatat "Sudah dibaca" dengan tombol ini.',
        "en": 'This is the preview. Recipients record "read" with this button.',
    },
    # -- composing
    "announce.ask_body": {
        "id": "📢 <b>Pengumuman baru</b>\n\nKirim teks pengumuman, atau foto/dokumen dengan "
        "keterangan. Batas Telegram: 4.096 karakter untuk teks, 1.024 untuk keterangan.\n"
        "Ketik /batal untuk membatalkan.",
        "en": "📢 <b>New announcement</b>\n\nSend the text of the announcement, or a photo/document "
        "with a caption. Telegram's limits: 4,096 characters of text, 1,024 of caption.\n"
        "Type /cancel to stop.",
    },
    "announce.too_long": {
        "id": "Teks terlalu panjang: {length} karakter; maksimal {limit} (termasuk judul dan tanda "
        "tangan, batas Telegram 4.096). Persingkat lalu kirim lagi.",
        "en": "The text is too long: {length} {length:character|characters}; at most {limit} (with the header and "
        "signature, Telegram's limit is 4,096). Shorten it and send it again.",
    },
    "announce.too_long_caption": {
        "id": "Keterangan terlalu panjang: {length} karakter; maksimal {limit} (batas Telegram untuk "
        "keterangan foto/dokumen 1.024). Persingkat, atau kirim sebagai teks saja.",
        "en": "The caption is too long: {length} {length:character|characters}; at most {limit} (Telegram's caption limit "
        "is 1,024). Shorten it, or send it as text only.",
    },
    "announce.body_unsupported": {
        "id": "Kirim teks, foto, atau dokumen (dengan keterangan). Ketik /batal untuk membatalkan.",
        "en": "Send a text, a photo or a document (with a caption). Type /cancel to stop.",
    },
    # -- audience
    "announce.ask_audience": {
        "id": "👥 Pilih penerima pengumuman ini.",
        "en": "👥 Choose who receives this announcement.",
    },
    "announce.aud.scope": {"id": "Semua di wilayah saya", "en": "Everyone in my scope"},
    "announce.aud.level": {
        "id": "Per tingkat (OPD, kecamatan, desa/kelurahan)",
        "en": "By level (agencies, districts, villages)",
    },
    "announce.aud.kecamatan": {"id": "Kecamatan tertentu", "en": "Chosen districts"},
    "announce.aud.tag": {"id": "Unit dengan label (mis. 3T)", "en": "Units with a label (e.g. 3T)"},
    "announce.aud.units": {"id": "Pilih unit satu per satu", "en": "Pick units one by one"},
    "announce.ask_levels": {
        "id": "Pilih tingkat (boleh lebih dari satu), lalu tekan <b>Selesai</b>.",
        "en": "Choose the levels (one or more), then press <b>Done</b>.",
    },
    "announce.level.opd": {"id": "Perangkat daerah (OPD)", "en": "Agencies (OPD)"},
    "announce.level.kecamatan": {"id": "Kantor kecamatan", "en": "District offices"},
    "announce.level.village": {"id": "Desa/kelurahan", "en": "Villages"},
    "announce.toggle": {"id": "{mark} {label}", "en": "{mark} {label}"},
    "announce.button.done": {"id": "Selesai ✔", "en": "Done ✔"},
    "announce.choose_one": {"id": "Pilih minimal satu dulu.", "en": "Choose at least one first."},
    "announce.ask_kecamatan": {
        "id": "Pilih kecamatan (beserta desa/kelurahannya), lalu tekan <b>Selesai</b>.\n"
        "Terpilih: {chosen} · halaman {page}/{pages}",
        "en": "Choose the districts (with their villages), then press <b>Done</b>.\n"
        "Chosen: {chosen} · page {page}/{pages}",
    },
    "announce.ask_tag": {
        "id": "Pilih label, atau ketik nama labelnya.",
        "en": "Choose a label, or type its name.",
    },
    "announce.tag_button": {"id": "🏷 {tag}", "en": "🏷 {tag}"},
    "announce.no_tags": {
        "id": "Belum ada unit berlabel di wilayah Anda. Pilih cara lain.",
        "en": "No unit in your scope has a label yet. Choose another way.",
    },
    "announce.tag_unknown": {
        "id": 'Tidak ada unit dengan label "{tag}" di wilayah Anda.',
        "en": 'No unit in your scope has the label "{tag}".',
    },
    "announce.pick_unit": {"id": "🏢 Pilih unit penerima.", "en": "🏢 Choose a receiving unit."},
    "announce.units_chosen": {
        "id": "Unit terpilih:\n{units}\n\nTambah unit lain, atau tekan <b>Selesai</b>.",
        "en": "Chosen units:\n{units}\n\nAdd another unit, or press <b>Done</b>.",
    },
    "announce.button.add_unit": {"id": "➕ Tambah unit", "en": "➕ Add a unit"},
    # -- options and time
    "announce.ask_when": {
        "id": "🕒 Ketik waktu kirimnya (WIB), misalnya <code>besok 07:00</code>, "
        "<code>Senin 08:30</code>, <code>2026-12-01 07:00</code>; atau tekan <b>Kirim sekarang</b>.",
        "en": "🕒 Type the time to send it (WIB), or press <b>Send now</b>, e.g. "
        "<code>tomorrow 07:00</code>, <code>Monday 08:30</code>, <code>2026-12-01 07:00</code>.",
    },
    "announce.button.now": {"id": "Kirim sekarang", "en": "Send now"},
    # -- preview
    "announce.summary": {
        "id": "👀 <b>Pratinjau di atas</b> — persis seperti yang diterima.\n\n"
        "Akan sampai ke <b>{people}</b> orang di <b>{units}</b> unit.",
        "en": "👀 <b>Preview above</b> — exactly as recipients will see it.\n\n"
        "It will reach <b>{people}</b> people in <b>{units}</b> units.",
    },
    "announce.summary_empty_units": {
        "id": "⚠️ {count} unit sasaran belum punya petugas aktif.",
        "en": "⚠️ {count} targeted {count:unit|units} have no active officer yet.",
    },
    "announce.summary_when": {"id": "Waktu: {when}", "en": "When: {when}"},
    "announce.summary_quiet": {
        "id": "🌙 Jatuh pada jam tenang: akan dikirim {when}.",
        "en": "🌙 That is in quiet hours: it will go on {when}.",
    },
    "announce.when_now": {"id": "sekarang", "en": "now"},
    "announce.summary_urgent": {"id": "Mendesak: ya", "en": "Urgent: yes"},
    "announce.summary_normal": {"id": "Mendesak: tidak", "en": "Urgent: no"},
    "announce.summary_ack": {"id": "Konfirmasi baca: ya", "en": "Read confirmation: yes"},
    "announce.summary_no_ack": {"id": "Konfirmasi baca: tidak", "en": "Read confirmation: no"},
    "announce.summary_question": {
        "id": "\nTekan <b>Kirim</b>, atau ubah dulu dengan tombol di bawah. Mendesak: tetap "
        "dikirim pada jam tenang (malam hari). Konfirmasi baca: Anda melihat siapa yang sudah "
        "membaca, per unit.",
        "en": "\nPress <b>Send</b>, or change it first with the buttons below. Urgent: sent "
        "during quiet hours (at night) too. Read confirmation: you see who has read it, per unit.",
    },
    "announce.nobody": {
        "id": "Tidak ada petugas aktif yang akan menerima pengumuman ini. Ubah penerimanya.",
        "en": "No active officer would receive this announcement. Change the audience.",
    },
    "announce.button.send": {"id": "📤 Kirim", "en": "📤 Send"},
    "announce.button.audience": {"id": "👥 Ubah penerima", "en": "👥 Change audience"},
    "announce.button.schedule": {"id": "🕒 Jadwalkan", "en": "🕒 Schedule"},
    "announce.button.reschedule": {"id": "🕒 Ubah waktu", "en": "🕒 Change time"},
    "announce.button.urgent": {"id": "🚨 Jadikan mendesak", "en": "🚨 Make it urgent"},
    "announce.button.not_urgent": {"id": "Tidak mendesak", "en": "Not urgent"},
    "announce.button.no_ack": {"id": "Tanpa konfirmasi baca", "en": "No read confirmation"},
    "announce.button.ack_on": {
        "id": "✅ Minta konfirmasi baca",
        "en": "✅ Ask for read confirmation",
    },
    "announce.button.edit_body": {"id": "✏️ Ubah teks", "en": "✏️ Change the text"},
    "announce.sent": {
        "id": "✅ Pengumuman #{id} sedang dikirim ke {people} orang di {units} unit. "
        "Laporan pengiriman menyusul setelah selesai.",
        "en": "✅ Announcement #{id} is being sent to {people} {people:person|people} in {units} {units:unit|units}. "
        "A delivery report follows when it is done.",
    },
    "announce.scheduled": {
        "id": "🗓 Pengumuman #{id} dijadwalkan {when} untuk {people} orang. Lihat atau ubah dengan /jadwal.",
        "en": "🗓 Announcement #{id} is scheduled for {when}, to {people} {people:person|people}. See or change it with /jadwal.",
    },
    "announce.button.status": {"id": "📋 Siapa yang sudah membaca", "en": "📋 Who has read it"},
    "announce.button.refresh": {"id": "🔄 Perbarui", "en": "🔄 Refresh"},
    # -- who has read
    "announce.status.header": {
        "id": "📋 <b>Konfirmasi baca — Pengumuman #{id}</b>\n<i>{snippet}</i>\n\n"
        "Sudah membaca: <b>{read}</b> dari {people} orang · unit lengkap: {complete} dari {units}\n"
        "Halaman {page}/{pages}\n",
        "en": "📋 <b>Read confirmations — Announcement #{id}</b>\n<i>{snippet}</i>\n\n"
        "Read: <b>{read}</b> of {people} {people:person|people} · complete units: {complete} of {units}\n"
        "Page {page}/{pages}\n",
    },
    "announce.status.unit_done": {
        "id": "✅ {unit} — {read}/{total}",
        "en": "✅ {unit} — {read}/{total}",
    },
    "announce.status.unit_partial": {
        "id": "◐ {unit} — {read}/{total} · belum: {missing}",
        "en": "◐ {unit} — {read}/{total} · not yet: {missing}",
    },
    "announce.status.unit_none": {
        "id": "⏳ {unit} — {read}/{total} · belum: {missing}",
        "en": "⏳ {unit} — {read}/{total} · not yet: {missing}",
    },
    "announce.status.more": {"id": " dan {count} lainnya", "en": " and {count} more"},
    # -- /jadwal
    "schedule.empty": {
        "id": "Tidak ada pengumuman terjadwal yang belum terkirim.",
        "en": "There are no scheduled announcements waiting to be sent.",
    },
    "schedule.header": {
        "id": "🗓 <b>Pengumuman terjadwal</b> ({count})",
        "en": "🗓 <b>Scheduled announcements</b> ({count})",
    },
    "schedule.item": {
        "id": "<b>#{id}</b> · {when} · {people} orang\n<i>{snippet}</i>",
        "en": "<b>#{id}</b> · {when} · {people} {people:person|people}\n<i>{snippet}</i>",
    },
    "schedule.item_sender": {"id": "\noleh {name}", "en": "\nby {name}"},
    "schedule.item_quiet": {
        "id": "\n🌙 jam tenang: terkirim {when}",
        "en": "\n🌙 quiet hours: goes on {when}",
    },
    "schedule.more": {"id": "… dan {count} lainnya.", "en": "… and {count} more."},
    "schedule.button.cancel": {"id": "❌ Batalkan #{id}", "en": "❌ Cancel #{id}"},
    "schedule.button.move": {"id": "🕒 Ubah waktu #{id}", "en": "🕒 Change time #{id}"},
    "schedule.button.confirm": {"id": "Ya, batalkan", "en": "Yes, cancel it"},
    "schedule.confirm_cancel": {
        "id": "Batalkan pengumuman #{id}?\n<i>{snippet}</i>",
        "en": "Cancel announcement #{id}?\n<i>{snippet}</i>",
    },
    "schedule.cancelled": {
        "id": "❌ Pengumuman #{id} dibatalkan. Tidak ada yang menerimanya.",
        "en": "❌ Announcement #{id} was cancelled. Nobody received it.",
    },
    "schedule.too_late": {
        "id": "Pengumuman #{id} sudah mulai terkirim; tidak bisa dibatalkan atau diubah lagi.",
        "en": "Announcement #{id} has started going out; it can no longer be cancelled or moved.",
    },
    "schedule.ask_time": {
        "id": "🕒 Pengumuman #{id} kini dijadwalkan {when}.\nKetik waktu baru (WIB), misalnya "
        "<code>besok 07:00</code> atau <code>sekarang</code>. Ketik /batal untuk membatalkan.",
        "en": "🕒 Announcement #{id} is now scheduled for {when}.\nType the new time (WIB), e.g. "
        "<code>tomorrow 07:00</code> or <code>now</code>. Type /cancel to stop.",
    },
    "schedule.moved": {
        "id": "✅ Pengumuman #{id} dijadwalkan ulang: {when}.",
        "en": "✅ Announcement #{id} rescheduled: {when}.",
    },
}
