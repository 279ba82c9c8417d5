"""Texts for press releases: /rilis, the release itself (``release.doc.*``), /rilis_bank."""

TEXTS: dict[str, dict[str, str]] = {
    "cmd.rilis": {"id": "Susun siaran pers (rilis)", "en": "Write a press release"},
    "cmd.rilis_bank": {
        "id": "Bank rilis: siaran pers yang disetujui",
        "en": "Release bank: approved press releases",
    },
    # ---- the dialogue ----------------------------------------------------------------
    "release.intro": {
        "id": "📰 <b>Siaran pers baru</b>\nSaya tanyakan judul, apa, siapa, kapan, di mana, "
        "mengapa dan bagaimana, lalu kutipan dan foto; rilis disusun dalam format standar. "
        "Setiap jawaban langsung tersimpan (/batal untuk berhenti, /rilis untuk melanjutkan).",
        "en": "📰 <b>New press release</b>\nI ask for the title, what, who, when, where, why "
        "and how, then quotes and photos; the release is assembled in the standard format. "
        "Every answer is saved at once (/cancel to stop, /rilis to continue).",
    },
    "release.step": {
        "id": "<i>Langkah {number} dari {total}</i>\n",
        "en": "<i>Step {number} of {total}</i>\n",
    },
    "release.ask.program": {
        "id": "Rilis ini bagian dari program apa?",
        "en": "Which program does this release belong to?",
    },
    "release.program_button": {"id": "{mark}{name}", "en": "{mark}{name}"},
    "release.button.no_program": {"id": "Tanpa program", "en": "No program"},
    "release.ask.title": {
        "id": "Tulis <b>judul</b> rilis (singkat dan jelas).",
        "en": "Write the release's <b>title</b> (short and clear).",
    },
    "release.ask.what": {
        "id": "<b>Apa</b> yang terjadi? Tulis satu kalimat utama, misalnya "
        "<i>Pemerintah Desa Wanaherang menggelar posyandu serentak</i>.",
        "en": "<b>What</b> happened? Write one main sentence, e.g. "
        "<i>Wanaherang village held a joint health post day</i>.",
    },
    "release.ask.who": {
        "id": "<b>Siapa</b> yang terlibat?",
        "en": "<b>Who</b> took part?",
    },
    "release.ask.happened_at": {
        "id": "<b>Kapan</b>? Misalnya <i>Selasa (1/12/2026) pagi</i>.",
        "en": "<b>When</b>? E.g. <i>Tuesday (1/12/2026) morning</i>.",
    },
    "release.ask.place": {"id": "Di <b>mana</b>?", "en": "<b>Where</b>?"},
    "release.ask.why": {
        "id": "<b>Mengapa</b> kegiatan ini dilakukan? (tujuannya)",
        "en": "<b>Why</b> was it done? (its purpose)",
    },
    "release.ask.how": {
        "id": "<b>Bagaimana</b> jalannya? Setiap baris menjadi satu paragraf.",
        "en": "<b>How</b> did it go? Each line becomes a paragraph.",
    },
    "release.ask.quote": {
        "id": "Tulis <b>kutipan {number}</b>: kata-kata narasumber, tanpa tanda petik.",
        "en": "Write <b>quote {number}</b>: the speaker's words, without quotation marks.",
    },
    "release.ask.speaker": {
        "id": "Siapa <b>nama</b> narasumber kutipan {number}?",
        "en": "What is the <b>name</b> of the speaker of quote {number}?",
    },
    "release.ask.position": {
        "id": "Apa <b>jabatan</b> narasumber kutipan {number}?",
        "en": "What is the <b>position</b> of the speaker of quote {number}?",
    },
    "release.ask.more": {
        "id": "Tambahkan kutipan kedua?",
        "en": "Add a second quote?",
    },
    "release.button.second_quote": {"id": "➕ Kutipan kedua", "en": "➕ Second quote"},
    "release.button.no_second_quote": {
        "id": "Lanjut tanpa kutipan kedua",
        "en": "Go on without one",
    },
    "release.ask.contact": {
        "id": "Tulis <b>kontak humas</b> yang bisa dihubungi wartawan (nomor telepon atau "
        "surel). Nama dan unit Anda dicantumkan otomatis.",
        "en": "Write the <b>humas contact</b> journalists can reach (phone number or e-mail). "
        "Your name and unit are added automatically.",
    },
    "release.ask.photos": {
        "id": "Kirim <b>foto</b> kegiatan (maksimal {limit}; sudah {count}), lalu tekan "
        "<b>Selesai</b> untuk menyusun rilis.",
        "en": "Send <b>photos</b> of the event (at most {limit}; {count} so far), then press "
        "<b>Done</b> to assemble the release.",
    },
    "release.button.keep": {"id": "Tetap: {answer}", "en": "Keep: {answer}"},
    "release.button.skip": {"id": "Lewati", "en": "Skip"},
    "release.button.done": {"id": "✅ Selesai", "en": "✅ Done"},
    "release.photo_saved": {
        "id": "📷 Foto {count}/{limit} tersimpan. Kirim lagi atau tekan <b>Selesai</b>.",
        "en": "📷 Photo {count}/{limit} saved. Send another or press <b>Done</b>.",
    },
    "release.photo_only": {
        "id": "Di langkah ini kirim foto, atau tekan Selesai.",
        "en": "At this step send a photo, or press Done.",
    },
    "release.problem.empty": {
        "id": "Jawaban tidak boleh kosong.",
        "en": "The answer cannot be empty.",
    },
    "release.problem.too_long": {
        "id": "Terlalu panjang (maksimal {limit} karakter). Persingkat lalu kirim lagi.",
        "en": "Too long (at most {limit} {limit:character|characters}). Shorten it and send it again.",
    },
    "release.problem.too_many_photos": {
        "id": "Sudah {limit} foto, batasnya. Tekan Selesai.",
        "en": "That makes {limit} {limit:photo|photos}, the limit. Press Done.",
    },
    "release.problem.not_finished": {
        "id": "Rilis ini belum selesai disusun.",
        "en": "This release is not finished yet.",
    },
    "release.problem.under_review": {
        "id": "Rilis ini sudah dikirim untuk ditinjau (menunggu, disetujui, atau ditolak).",
        "en": "This release was already sent for review (waiting, approved or rejected).",
    },
    "release.resume": {
        "id": "Anda punya rilis yang belum selesai: <b>{title}</b> (langkah {number} dari "
        "{total}). Lanjutkan?",
        "en": "You have an unfinished release: <b>{title}</b> (step {number} of {total}). "
        "Continue it?",
    },
    "release.button.resume": {"id": "▶️ Lanjutkan", "en": "▶️ Continue"},
    "release.button.fresh": {"id": "🗑 Mulai baru", "en": "🗑 Start afresh"},
    "release.revise": {
        "id": "Rilis <b>{title}</b> diminta direvisi. Catatan peninjau: {note}\n"
        "Perbaiki sekarang? Jawaban Anda tetap tersimpan; tekan <b>Tetap</b> untuk yang "
        "tidak berubah.",
        "en": "Release <b>{title}</b> needs a revision. The reviewer's note: {note}\n"
        "Fix it now? Your answers are kept; press <b>Keep</b> for those that stay.",
    },
    "release.button.fix": {"id": "✏️ Perbaiki rilis", "en": "✏️ Fix the release"},
    "release.button.new": {"id": "📰 Rilis baru", "en": "📰 New release"},
    "release.cancelled": {
        "id": "Dihentikan. Rilis tersimpan sebagai draf; /rilis untuk melanjutkan.",
        "en": "Stopped. The release is kept as a draft; /rilis to continue.",
    },
    "release.gone": {
        "id": "Draf rilis ini sudah tidak ada. Mulai lagi dengan /rilis.",
        "en": "This release draft no longer exists. Start again with /rilis.",
    },
    "release.docx_caption": {
        "id": "📄 <b>{title}</b>: siaran pers dalam format Word.",
        "en": "📄 <b>{title}</b>: the press release as a Word file.",
    },
    "release.button.send": {"id": "📨 Kirim untuk ditinjau", "en": "📨 Send for review"},
    "release.sent": {
        "id": "📨 Rilis dikirim ke koordinator untuk ditinjau. Nomor tanda terima: <b>{receipt}</b>.",
        "en": "📨 The release was sent to your coordinators for review. Receipt: <b>{receipt}</b>.",
    },
    # ---- the release itself (written in Indonesian: scheduler/release_document.py) ----
    "release.doc.lead": {
        "id": "{what} pada {when} di {where}. Kegiatan ini melibatkan {who}.",
        "en": "{what} on {when} at {where}. Taking part: {who}.",
    },
    "release.doc.quote": {
        "id": "“{quote},” kata {speaker}, {position}.",
        "en": "“{quote},” said {speaker}, {position}.",
    },
    "release.doc.closing": {
        "id": "Pemerintah Kabupaten Bogor mengajak masyarakat untuk turut mendukung dan "
        "menyebarluaskan informasi ini.",
        "en": "The Bogor Regency Government invites everyone to support and share this "
        "information.",
    },
    "release.doc.closing_program": {
        "id": "Kegiatan ini merupakan bagian dari program {program} Pemerintah Kabupaten Bogor. "
        "Masyarakat diajak untuk turut mendukung dan menyebarluaskan informasi ini.",
        "en": "This is part of the Bogor Regency Government's {program} program. Everyone is "
        "invited to support and share this information.",
    },
    "release.doc.contact": {
        "id": "Narahubung: {name}, Humas {unit}",
        "en": "Contact: {name}, Humas {unit}",
    },
    # ---- the bank ------------------------------------------------------------------------
    "release.bank.title": {
        "id": "📚 <b>Bank rilis</b>: {total} siaran pers disetujui (halaman {page}/{pages})",
        "en": "📚 <b>Release bank</b>: {total} approved press releases (page {page}/{pages})",
    },
    "release.bank.filters": {"id": "Filter: {filters}", "en": "Filter: {filters}"},
    "release.bank.filter.unit": {"id": "unit {name}", "en": "unit {name}"},
    "release.bank.filter.program": {"id": "program {name}", "en": "program {name}"},
    "release.bank.filter.month": {"id": "bulan {month}", "en": "month {month}"},
    "release.bank.empty": {
        "id": "Belum ada rilis yang disetujui di sini.",
        "en": "No approved release here yet.",
    },
    "release.bank.item": {
        "id": "{number}. <b>{title}</b> — {unit}, {date}",
        "en": "{number}. <b>{title}</b> — {unit}, {date}",
    },
    "release.bank.button.open": {"id": "{number}. {title}", "en": "{number}. {title}"},
    "release.bank.button.prev": {"id": "◀️ Sebelumnya", "en": "◀️ Previous"},
    "release.bank.button.next": {"id": "Berikutnya ▶️", "en": "Next ▶️"},
    "release.bank.button.unit": {"id": "🏢 Unit", "en": "🏢 Unit"},
    "release.bank.button.program": {"id": "🗂 Program", "en": "🗂 Program"},
    "release.bank.button.month": {"id": "📅 Bulan", "en": "📅 Month"},
    "release.bank.button.clear": {"id": "✖️ Hapus filter", "en": "✖️ Clear filters"},
    "release.bank.button.back": {"id": "↩️ Kembali", "en": "↩️ Back"},
    "release.bank.choose.unit": {"id": "Rilis dari unit mana?", "en": "Releases of which unit?"},
    "release.bank.choose.program": {
        "id": "Rilis dari program mana?",
        "en": "Releases of which program?",
    },
    "release.bank.choose.month": {"id": "Rilis bulan apa?", "en": "Releases of which month?"},
    "release.bank.none_to_choose": {
        "id": "Belum ada rilis yang disetujui untuk dipilih.",
        "en": "There is no approved release to choose from yet.",
    },
    "release.bank.button.attach": {
        "id": "📎 Lampirkan ke briefing",
        "en": "📎 Attach to a briefing",
    },
    "release.bank.choose_briefing": {
        "id": "Lampirkan <b>{title}</b> sebagai siaran pers ke briefing mana?",
        "en": "Attach <b>{title}</b> as the press release of which briefing?",
    },
    "release.bank.briefing_button": {"id": "📣 {title}", "en": "📣 {title}"},
    "release.bank.no_drafts": {
        "id": "Anda tidak sedang menyusun briefing. Mulai dengan /brief_baru, lalu lampirkan "
        "rilis dari sini.",
        "en": "You are not composing a briefing. Start one with /brief_baru, then attach the "
        "release from here.",
    },
    "release.bank.attached": {
        "id": "📎 Siaran pers dilampirkan ke briefing sebagai materi. /brief_baru untuk melanjutkan.",
        "en": "📎 The press release was attached to the briefing as material. /brief_baru to go on.",
    },
    "release.bank.not_attached": {
        "id": "Tidak bisa dilampirkan: rilis atau briefing itu sudah tidak tersedia untuk Anda.",
        "en": "Could not attach it: that release or briefing is no longer available to you.",
    },
    "release.bank.too_much": {
        "id": "Briefing itu sudah memuat {limit} materi, batasnya.",
        "en": "That briefing already holds {limit} {limit:material|materials}, the limit.",
    },
}
