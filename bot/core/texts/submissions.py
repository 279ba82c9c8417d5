"""Texts for reporting posts, drafts for review, the review queue and /laporanku."""

TEXTS: dict[str, dict[str, str]] = {
    "cmd.lapor": {"id": "Laporkan tautan unggahan", "en": "Report the link of a post"},
    "cmd.draf": {"id": "Kirim draf untuk ditinjau", "en": "Send a draft for review"},
    "cmd.laporanku": {"id": "Laporan terakhir unit Anda", "en": "Your unit's latest reports"},
    "cmd.tinjau": {"id": "Tinjau draf dan laporan", "en": "Review drafts and reports"},
    "platform.instagram": {"id": "Instagram", "en": "Instagram"},
    "platform.facebook": {"id": "Facebook", "en": "Facebook"},
    "platform.tiktok": {"id": "TikTok", "en": "TikTok"},
    "platform.x": {"id": "X (Twitter)", "en": "X (Twitter)"},
    "platform.youtube": {"id": "YouTube", "en": "YouTube"},
    "platform.threads": {"id": "Threads", "en": "Threads"},
    "platform.website": {"id": "Situs web", "en": "Website"},
    # ---- why a link is refused, and how to fix it
    "link.problem.not_a_link": {
        "id": "Ini bukan tautan. Buka unggahannya, ketuk <b>Bagikan</b> → <b>Salin tautan</b>, "
        "lalu tempel di sini.",
        "en": "This is not a link. Open the post, tap <b>Share</b> → <b>Copy link</b>, "
        "then paste it here.",
    },
    "link.problem.scheme": {
        "id": "Tautan harus diawali <code>https://</code> (atau <code>http://</code>). "
        "Salin alamat unggahan dari peramban atau tombol <b>Bagikan</b>.",
        "en": "A link must start with <code>https://</code> (or <code>http://</code>). "
        "Copy the post's address from the browser or the <b>Share</b> button.",
    },
    "link.problem.too_long": {
        "id": "Tautan ini terlalu panjang. Salin ulang tautan unggahan dengan tombol <b>Bagikan</b>.",
        "en": "This link is too long. Copy the post's link again with the <b>Share</b> button.",
    },
    "link.problem.shortener": {
        "id": "Ini tautan pendek (bit.ly, s.id, …) yang tidak menunjukkan unggahannya. "
        "Buka tautannya, lalu salin alamat lengkap unggahan dan kirim lagi.",
        "en": "This is a short link (bit.ly, s.id, …) that does not show the post. "
        "Open it, then copy the post's full address and send it again.",
    },
    "link.problem.profile": {
        "id": "Ini tautan ke <b>profil/akun</b> {platform}, bukan ke satu unggahan. "
        "Buka unggahannya, ketuk <b>Bagikan</b> → <b>Salin tautan</b>, lalu kirim lagi.",
        "en": "This links to a {platform} <b>profile/account</b>, not to one post. "
        "Open the post, tap <b>Share</b> → <b>Copy link</b>, then send it again.",
    },
    "link.problem.not_a_post": {
        "id": "Tautan ini tidak menunjuk ke satu unggahan atau artikel {platform} "
        "(misalnya beranda, pencarian atau tagar). Kirim tautan unggahannya sendiri.",
        "en": "This link does not point at one {platform} post or article "
        "(e.g. a home page, a search or a hashtag). Send the link of the post itself.",
    },
    # ---- reporting
    "submit.choose": {
        "id": "📤 <b>Lapor unggahan</b>\nPilih briefingnya, atau <i>Konten mandiri</i> "
        "untuk konten inisiatif unit Anda sendiri.",
        "en": "📤 <b>Report a post</b>\nFor which briefing? Choose <i>Own content</i> "
        "for your unit's own initiative.",
    },
    "submit.choice": {"id": "{mark} {title} · {deadline}", "en": "{mark} {title} · {deadline}"},
    "submit.button.mandiri": {"id": "✳️ Konten mandiri", "en": "✳️ Own content (konten mandiri)"},
    "submit.button.done": {"id": "✔️ Selesai", "en": "✔️ Done"},
    "submit.mandiri": {"id": "Konten mandiri", "en": "Own content"},
    "submit.prompt": {
        "id": "📤 Lapor unggahan untuk <b>{title}</b> (tenggat {deadline}).\n"
        "Tempel tautan unggahan unit Anda — boleh lebih dari satu. "
        "Tangkapan layar boleh menyusul (opsional). Tekan <b>Selesai</b> bila sudah.",
        "en": "📤 Report a post for <b>{title}</b> (deadline {deadline}).\n"
        "Paste the link of your unit's post — more than one is fine. "
        "A screenshot may follow (optional). Press <b>Done</b> when finished.",
    },
    "submit.prompt.mandiri": {
        "id": "📤 Lapor <b>konten mandiri</b>.\nTempel tautan unggahan unit Anda — boleh lebih "
        "dari satu. Tekan <b>Selesai</b> bila sudah.",
        "en": "📤 Report <b>own content</b>.\nPaste the link of your unit's post — more than one "
        "is fine. Press <b>Done</b> when finished.",
    },
    "submit.receipt": {
        "id": "✅ Laporan tercatat — No. <b>{receipt}</b>\n{platform}: {url}\n{timing}{note}",
        "en": "✅ Report recorded — No. <b>{receipt}</b>\n{platform}: {url}\n{timing}{note}",
    },
    "submit.receipt.on_time": {
        "id": "Tepat waktu (tenggat {deadline}).",
        "en": "On time (deadline {deadline}).",
    },
    "submit.receipt.late": {
        "id": "⚠️ Terlambat: tenggat {deadline} sudah lewat. Laporan tetap dicatat.",
        "en": "⚠️ Late: the deadline {deadline} has passed. The report is recorded anyway.",
    },
    "submit.receipt.mandiri": {"id": "Konten mandiri.", "en": "Own content."},
    "submit.receipt.off_channel": {
        "id": "\nℹ️ Briefing ini meminta kanal {channels}; {platform} tetap diterima.",
        "en": "\nℹ️ This briefing asked for {channels}; {platform} is accepted anyway.",
    },
    "submit.refused": {
        "id": "❌ Tidak dicatat: {link}\n{reason}",
        "en": "❌ Not recorded: {link}\n{reason}",
    },
    "submit.refused.not_targeted": {
        "id": "Briefing ini tidak ditujukan untuk unit Anda (atau belum terbit).",
        "en": "This briefing is not for your unit (or not published yet).",
    },
    "submit.refused.closed": {
        "id": "Briefing ini sudah ditutup; laporan tidak diterima lagi. Laporkan sebagai konten "
        "mandiri lewat /lapor bila perlu.",
        "en": "This briefing has been closed; reports are no longer taken. Report it as own "
        "content with /lapor if needed.",
    },
    "submit.refused.duplicate": {
        "id": "Unggahan ini sudah dilaporkan lebih dulu oleh {unit} pada {at}, No. {receipt}. "
        "Satu unggahan hanya dicatat sekali — laporkan unggahan unit Anda sendiri.",
        "en": "This post was already reported by {unit} on {at}, No. {receipt}. "
        "A post is recorded only once — report your own unit's post.",
    },
    "submit.refused.duplicate_race": {
        "id": "Unggahan ini baru saja dilaporkan unit lain. Laporkan unggahan unit Anda sendiri.",
        "en": "Another unit just reported this post. Report your own unit's post.",
    },
    "submit.refused.own_duplicate": {
        "id": "Unggahan ini sudah tercatat untuk {unit} ({at}, No. {receipt}). "
        "Tidak perlu dilaporkan lagi.",
        "en": "This post is already recorded for {unit} ({at}, No. {receipt}). "
        "No need to report it again.",
    },
    "submit.refused.draft_empty": {
        "id": "Draf kosong. Kirim teks, foto, video atau dokumen.",
        "en": "The draft is empty. Send a text, photo, video or document.",
    },
    "submit.refused.draft_too_long": {
        "id": "Draf terlalu panjang: teks maksimal 3.500 karakter, keterangan foto/video/dokumen "
        "maksimal 1.000. Persingkat lalu kirim lagi.",
        "en": "The draft is too long: at most 3,500 characters of text, or 1,000 for the caption "
        "of a photo/video/document. Shorten it and send it again.",
    },
    "submit.refused.note_empty": {
        "id": "Catatan tidak boleh kosong.",
        "en": "The note cannot be empty.",
    },
    "submit.refused.note_too_long": {
        "id": "Catatan terlalu panjang (maksimal {limit} karakter). Persingkat lalu kirim lagi.",
        "en": "The note is too long (at most {limit} {limit:character|characters}). Shorten it and send it again.",
    },
    "submit.more": {
        "id": "Kirim tautan lain, tangkapan layar (opsional), atau tekan <b>Selesai</b>.",
        "en": "Send another link, a screenshot (optional), or press <b>Done</b>.",
    },
    "submit.screenshot.first": {
        "id": "Kirim tautan unggahannya dulu; tangkapan layar menyertai tautan.",
        "en": "Send the post's link first; a screenshot goes with a link.",
    },
    "submit.screenshot.saved": {
        "id": "📸 Tangkapan layar disimpan untuk No. <b>{receipt}</b>.",
        "en": "📸 Screenshot kept with No. <b>{receipt}</b>.",
    },
    "submit.finished": {
        "id": "Selesai. {count} tautan tercatat. Terima kasih! Lihat status di /laporanku.",
        "en": "Done. {count} {count:link|links} recorded. Thank you! See their status with /laporanku.",
    },
    "submit.finished_none": {
        "id": "Selesai. Tidak ada tautan yang tercatat.",
        "en": "Done. No link was recorded.",
    },
    # ---- drafts
    "draft.choose": {
        "id": "📝 <b>Kirim draf untuk ditinjau</b>\nPilih briefingnya.",
        "en": "📝 <b>Send a draft for review</b>\nFor which briefing?",
    },
    "draft.prompt": {
        "id": "Kirim draf untuk <b>{about}</b>: teks, atau foto/video/dokumen dengan keterangan.",
        "en": "Send the draft for <b>{about}</b>: a text, or a photo/video/document with a caption.",
    },
    "draft.unsupported": {
        "id": "Draf harus berupa teks, foto, video atau dokumen.",
        "en": "A draft must be a text, photo, video or document.",
    },
    "draft.received": {
        "id": "📝 Draf diterima — No. <b>{receipt}</b>. Koordinator akan meninjaunya; "
        "Anda diberi tahu hasilnya di sini.",
        "en": "📝 Draft received — No. <b>{receipt}</b>. A coordinator will review it; "
        "you will be told the outcome here.",
    },
    # ---- review
    "review.alert": {
        "id": "📝 {count} draf baru menunggu tinjauan Anda. Buka /tinjau.",
        "en": "📝 {count} new {count:draft waits|drafts wait} for your review. Open /tinjau.",
    },
    "review.empty": {
        "id": "Tidak ada draf atau laporan yang menunggu tinjauan. 👍",
        "en": "Nothing waits for review. 👍",
    },
    "review.end": {
        "id": "Tidak ada lagi setelah ini. Kirim /tinjau untuk mulai dari yang terlama.",
        "en": "Nothing more after this one. Send /tinjau to start again from the oldest.",
    },
    "review.card": {
        "id": "🔎 <b>Tinjauan</b> · {waiting} menunggu\n"
        "No. <b>{receipt}</b> · {what}\n"
        "Dari: {name} — {unit}\n"
        "Untuk: {about}\n"
        "Dikirim: {at}{late}\n\n{body}",
        "en": "🔎 <b>Review</b> · {waiting} waiting\n"
        "No. <b>{receipt}</b> · {what}\n"
        "From: {name} — {unit}\n"
        "For: {about}\n"
        "Sent: {at}{late}\n\n{body}",
    },
    "review.kind.link": {"id": "tautan {platform}", "en": "{platform} link"},
    "review.kind.draft": {"id": "draf", "en": "draft"},
    "review.kind.release": {"id": "rilis pers «{title}»", "en": "press release “{title}”"},
    "review.late": {"id": " (terlambat)", "en": " (late)"},
    "review.button.approve": {"id": "✅ Setujui", "en": "✅ Approve"},
    "review.button.revise": {"id": "✏️ Revisi", "en": "✏️ Revise"},
    "review.button.reject": {"id": "❌ Tolak", "en": "❌ Reject"},
    "review.button.skip": {"id": "Lewati »", "en": "Skip »"},
    "review.button.approve_passed": {
        "id": "✅ Setujui semua tautan yang lolos pemeriksaan ({count})",
        "en": "✅ Approve every link that passed the checks ({count})",
    },
    "review.bulk.confirm": {
        "id": "Setujui <b>{count}</b> tautan yang lolos pemeriksaan otomatis (tautan unggahan "
        "yang sah, belum pernah dilaporkan, di kanal yang diminta briefing, tepat waktu)?\n"
        "Draf dan laporan lain ({others}) tetap ditinjau satu per satu. Petugasnya diberi tahu.",
        "en": "Approve <b>{count}</b> links that passed the automatic checks (a valid post link, "
        "not reported before, on a channel the briefing asked for, in time)?\n"
        "Drafts and other reports ({others}) are still reviewed one by one. Their officers "
        "are told.",
    },
    "review.bulk.yes": {"id": "✅ Ya, setujui {count}", "en": "✅ Yes, approve {count}"},
    "review.bulk.none": {
        "id": "Tidak ada tautan yang lolos pemeriksaan dan menunggu tinjauan.",
        "en": "No link that passed the checks is waiting for review.",
    },
    "review.bulk.cancelled": {
        "id": "Tidak ada yang disetujui.",
        "en": "Nothing was approved.",
    },
    "review.bulk.done": {
        "id": "✅ {count} tautan disetujui; petugasnya diberi tahu.",
        "en": "✅ {count} {count:link|links} approved; their officers are told.",
    },
    "review.bulk.skipped": {
        "id": "ℹ️ {count} dilewati: sudah diputuskan orang lain atau tidak lagi di wilayah Anda.",
        "en": "ℹ️ {count} skipped: already decided by someone else, or no longer in your scope.",
    },
    "review.ask_note": {
        "id": "✏️ Tulis catatan revisi untuk No. <b>{receipt}</b> — apa yang perlu diperbaiki?",
        "en": "✏️ Write the revision note for No. <b>{receipt}</b> — what needs fixing?",
    },
    "review.done.disetujui": {
        "id": "✅ No. <b>{receipt}</b> disetujui; petugas diberi tahu.",
        "en": "✅ No. <b>{receipt}</b> approved; the officer is told.",
    },
    "review.done.perlu_revisi": {
        "id": "✏️ No. <b>{receipt}</b> dikembalikan untuk revisi; petugas diberi tahu beserta catatannya.",
        "en": "✏️ No. <b>{receipt}</b> sent back for revision; the officer is told, with the note.",
    },
    "review.done.ditolak": {
        "id": "❌ No. <b>{receipt}</b> ditolak; petugas diberi tahu.",
        "en": "❌ No. <b>{receipt}</b> rejected; the officer is told.",
    },
    "review.already": {
        "id": "ℹ️ No. <b>{receipt}</b> sudah diputuskan oleh {name}: {status}. Keputusan Anda tidak dicatat.",
        "en": "ℹ️ No. <b>{receipt}</b> was already decided by {name}: {status}. Your decision was not recorded.",
    },
    "review.told.disetujui": {
        "id": "✅ Kiriman No. <b>{receipt}</b> ({about}) <b>disetujui</b> koordinator.{note}",
        "en": "✅ Submission No. <b>{receipt}</b> ({about}) was <b>approved</b> by a coordinator.{note}",
    },
    "review.told.perlu_revisi": {
        "id": "✏️ Kiriman No. <b>{receipt}</b> ({about}) <b>perlu revisi</b>.{note}\n"
        "Perbaiki, lalu kirim lagi dengan /draf.",
        "en": "✏️ Submission No. <b>{receipt}</b> ({about}) <b>needs revision</b>.{note}\n"
        "Fix it, then send it again with /draf.",
    },
    "review.told.disetujui.release": {
        "id": "✅ Rilis pers No. <b>{receipt}</b> ({about}) <b>disetujui</b> koordinator.{note}",
        "en": "✅ Press release No. <b>{receipt}</b> ({about}) was <b>approved</b> by a coordinator.{note}",
    },
    "review.told.perlu_revisi.release": {
        "id": "✏️ Rilis pers No. <b>{receipt}</b> ({about}) <b>perlu revisi</b>.{note}\n"
        "Buka /rilis untuk memperbaikinya: jawaban Anda masih tersimpan.",
        "en": "✏️ Press release No. <b>{receipt}</b> ({about}) <b>needs revision</b>.{note}\n"
        "Open /rilis to fix it: your answers are kept.",
    },
    "review.told.ditolak.release": {
        "id": "❌ Rilis pers No. <b>{receipt}</b> ({about}) <b>ditolak</b> koordinator.{note}",
        "en": "❌ Press release No. <b>{receipt}</b> ({about}) was <b>rejected</b> by a coordinator.{note}",
    },
    "review.told.ditolak": {
        "id": "❌ Kiriman No. <b>{receipt}</b> ({about}) <b>ditolak</b> koordinator.{note}",
        "en": "❌ Submission No. <b>{receipt}</b> ({about}) was <b>rejected</b> by a coordinator.{note}",
    },
    "review.told.note": {"id": "\nCatatan: <i>{note}</i>", "en": "\nNote: <i>{note}</i>"},
    "submission.status.diterima": {"id": "📥 diterima", "en": "📥 received"},
    "submission.status.disetujui": {"id": "✅ disetujui", "en": "✅ approved"},
    "submission.status.perlu_revisi": {"id": "✏️ perlu revisi", "en": "✏️ needs revision"},
    "submission.status.ditolak": {"id": "❌ ditolak", "en": "❌ rejected"},
    # ---- /laporanku
    "myreports.none": {
        "id": "Belum ada laporan dari {unit}. Laporkan unggahan dengan /lapor.",
        "en": "No reports from {unit} yet. Report a post with /lapor.",
    },
    "myreports.header": {
        "id": "<b>{count} laporan terakhir {unit}</b>",
        "en": "<b>The last {count} {count:report|reports} of {unit}</b>",
    },
    "myreports.item": {
        "id": "• <b>{receipt}</b> · {at} · {what} — {about}{late}\n   {status}{note}",
        "en": "• <b>{receipt}</b> · {at} · {what} — {about}{late}\n   {status}{note}",
    },
    "myreports.late": {"id": " (terlambat)", "en": " (late)"},
    "myreports.note": {"id": ": <i>{note}</i>", "en": ": <i>{note}</i>"},
}
