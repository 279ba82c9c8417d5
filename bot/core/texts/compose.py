"""Texts for composing a briefing (/brief_baru): the required steps, the optional parts
added from the preview, copying an earlier briefing, publishing."""

TEXTS: dict[str, dict[str, str]] = {
    "compose.intro": {
        "id": "📝 <b>Briefing baru</b>. Setiap langkah langsung disimpan sebagai draf; "
        "/batal kapan saja, lalu /brief_baru untuk melanjutkan. Bagian pilihan (poin, format, "
        "kanal, tagar, sasaran, materi) ditambahkan dari pratinjau.",
        "en": "📝 <b>New briefing</b>. Every step is saved as a draft right away; "
        "/cancel at any time, then /brief_baru to continue. Optional parts (points, formats, "
        "channels, hashtags, audiences, material) are added from the preview.",
    },
    "compose.no_programs": {
        "id": "Belum ada program strategis aktif. Buat dulu lewat /program.",
        "en": "There is no active strategic program yet. Create one first with /program.",
    },
    "compose.resume": {
        "id": "Anda punya draf briefing <b>{title}</b> yang berhenti di langkah <i>{step}</i>. "
        "Lanjutkan, atau mulai baru (draf itu dibuang)?",
        "en": "You have a draft briefing <b>{title}</b> that stopped at the step <i>{step}</i>. "
        "Continue it, or start afresh (that draft is discarded)?",
    },
    "compose.button.resume": {"id": "▶️ Lanjutkan", "en": "▶️ Continue"},
    "compose.button.fresh": {"id": "🗑 Mulai baru", "en": "🗑 Start afresh"},
    "compose.cancelled": {
        "id": "Dihentikan. Draf tetap tersimpan; ketik /brief_baru untuk melanjutkan.",
        "en": "Stopped. The draft stays saved; type /brief_baru to continue.",
    },
    "compose.gone": {
        "id": "Draf ini sudah tidak ada (diterbitkan atau dibuang). Ketik /brief_baru untuk mulai lagi.",
        "en": "This draft no longer exists (published or discarded). Type /brief_baru to start again.",
    },
    "compose.step": {
        "id": "<i>Langkah {number}/{total}</i>\n",
        "en": "<i>Step {number}/{total}</i>\n",
    },
    "compose.ask_program": {
        "id": "Pilih program strategisnya.",
        "en": "Choose the strategic program.",
    },
    "compose.program_button": {"id": "{priority}. {name}", "en": "{priority}. {name}"},
    "compose.button.copy": {
        "id": "📋 Salin dari briefing sebelumnya",
        "en": "📋 Copy an earlier briefing",
    },
    "compose.ask_copy": {
        "id": "Pilih briefing Anda yang disalin. Semuanya disalin kecuali tenggat; "
        "sesudahnya apa saja bisa diubah dari pratinjau.",
        "en": "Choose which of your briefings to copy. Everything but the deadline is copied; "
        "anything can be changed from the preview afterwards.",
    },
    "compose.copy_button": {"id": "#{id} {title}", "en": "#{id} {title}"},
    "compose.copied": {
        "id": "📋 Disalin dari briefing #{id}.",
        "en": "📋 Copied from briefing #{id}.",
    },
    "compose.ask_title": {
        "id": "Ketik judul briefing (maksimal 120 karakter).",
        "en": "Type the briefing's title (at most 120 characters).",
    },
    "compose.ask_key_message": {
        "id": "🔑 Ketik <b>pesan kunci</b> (narasi tunggal) yang harus disampaikan semua unit "
        "(maksimal 1.500 karakter).",
        "en": "🔑 Type the <b>key message</b> (the single narrative) every unit must convey "
        "(at most 1,500 characters).",
    },
    "compose.ask_targets": {
        "id": "🎯 Pilih unit sasaran briefing ini.",
        "en": "🎯 Choose the units this briefing is for.",
    },
    "compose.targets_chosen": {
        "id": "🎯 Sasaran: {units} unit, {people} petugas aktif saat ini.",
        "en": "🎯 Target: {units} {units:unit|units}, {people} active {people:officer|officers} right now.",
    },
    "compose.ask_deadline": {
        "id": "⏰ Ketik tenggat unggahan, misalnya <code>besok 16:00</code>, <code>Jumat 12:00</code> "
        "atau <code>2026-12-05 16:00</code> (WIB). Tanggal saja berarti pukul 23.59.",
        "en": "⏰ Type the deadline for posts, e.g. <code>tomorrow 16:00</code>, <code>Friday 12:00</code> "
        "or <code>2026-12-05 16:00</code> (WIB). A date alone means 23:59.",
    },
    # -- the optional parts, from the preview
    "compose.part.points": {"id": "Poin", "en": "Points"},
    "compose.part.formats": {"id": "Format", "en": "Formats"},
    "compose.part.channels": {"id": "Kanal", "en": "Channels"},
    "compose.part.hashtags": {"id": "Tagar", "en": "Hashtags"},
    "compose.part.demographic": {"id": "Demografi", "en": "Demographic"},
    "compose.part.geographic": {"id": "Geografi", "en": "Geographic"},
    "compose.part.psychographic": {"id": "Psikografi", "en": "Psychographic"},
    "compose.part.attachments": {"id": "Materi", "en": "Material"},
    "compose.button.add": {"id": "➕ {part}", "en": "➕ {part}"},
    "compose.button.change_part": {"id": "✏️ {part}", "en": "✏️ {part}"},
    "compose.button.back": {"id": "« Kembali", "en": "« Back"},
    "compose.button.clear": {"id": "🗑 Kosongkan", "en": "🗑 Clear"},
    "compose.button.done": {"id": "✅ Selesai", "en": "✅ Done"},
    "compose.part_saved": {
        "id": "✅ {part} disimpan.",
        "en": "✅ {part} saved.",
    },
    "compose.part_cleared": {
        "id": "🗑 {part} dikosongkan.",
        "en": "🗑 {part} cleared.",
    },
    "compose.ask_points": {
        "id": "Ketik poin pendukung, satu per baris (maksimal 10).",
        "en": "Type the supporting points, one per line (at most 10).",
    },
    "compose.ask_formats": {
        "id": "Pilih format yang diminta (boleh lebih dari satu), lalu tekan <b>Selesai</b>.",
        "en": "Choose the formats required (one or more), then press <b>Done</b>.",
    },
    "compose.ask_hashtags": {
        "id": "Ketik tagar dan akun yang perlu disebut, misalnya "
        "<code>#BogorSehat @pemkabbogor</code>.",
        "en": "Type the hashtags and accounts to mention, e.g. "
        "<code>#BogorSehat @pemkabbogor</code>.",
    },
    "compose.ask_channels": {
        "id": "Pilih kanal yang diaktifkan (boleh lebih dari satu), lalu tekan <b>Selesai</b>.",
        "en": "Choose the channels activated (one or more), then press <b>Done</b>.",
    },
    "compose.ask_demographic": {
        "id": "👥 Ketik sasaran <b>demografis</b>: label singkat dipisah koma, misalnya "
        "<code>ibu rumah tangga, 20-40 tahun</code>.",
        "en": "👥 Type the <b>demographic</b> target: short labels separated by commas, e.g. "
        "<code>ibu rumah tangga, 20-40 tahun</code>.",
    },
    "compose.ask_geographic": {
        "id": "👥 Ketik sasaran <b>geografis</b>, misalnya <code>perdesaan, 3T</code>.",
        "en": "👥 Type the <b>geographic</b> target, e.g. <code>perdesaan, 3T</code>.",
    },
    "compose.ask_psychographic": {
        "id": "👥 Ketik sasaran <b>psikografis</b> (gaya hidup, sikap, perilaku), misalnya "
        "<code>aktif di medsos, peduli kesehatan</code>.",
        "en": "👥 Type the <b>psychographic</b> target (lifestyle, attitudes, behaviour), e.g. "
        "<code>aktif di medsos, peduli kesehatan</code>.",
    },
    "compose.ask_attachments": {
        "id": "📎 Kirim materi pendukung — foto, video atau dokumen (tersimpan {count}, "
        "paling banyak {limit}) — lalu tekan <b>Selesai</b>.",
        "en": "📎 Send the material — photos, videos or documents ({count} kept, at most "
        "{limit}) — then press <b>Done</b>.",
    },
    "compose.attachment_saved": {
        "id": "📎 Materi disimpan: {count} dari paling banyak {limit}. Kirim lagi, atau tekan "
        "<b>Selesai</b>.",
        "en": "📎 Material kept: {count} of at most {limit}. Send more, or press <b>Done</b>.",
    },
    "compose.attachment_unsupported": {
        "id": "Materi harus berupa foto, video atau dokumen. Atau tekan Selesai.",
        "en": "Material must be a photo, video or document. Or press Done.",
    },
    "compose.toggle": {"id": "{mark} {label}", "en": "{mark} {label}"},
    # -- preview and publishing
    "compose.preview_follows": {
        "id": "👀 Pratinjau menyusul, persis seperti yang akan diterima petugas:",
        "en": "👀 The preview follows, exactly as officers will receive it:",
    },
    "compose.preview": {
        "id": "☝️ Itulah briefing yang akan diterima {people} petugas di {units} unit.\n"
        "Tenggat: {deadline}.\nTerbitkan sekarang, jadwalkan, atau tambahkan bagian pilihan (➕).",
        "en": "☝️ That is the briefing {people} {people:officer|officers} in {units} {units:unit|units} will receive.\n"
        "Deadline: {deadline}.\nPublish now, schedule it, or add optional parts (➕).",
    },
    "compose.button.publish_now": {"id": "🚀 Terbitkan sekarang", "en": "🚀 Publish now"},
    "compose.button.publish_later": {"id": "🕒 Jadwalkan", "en": "🕒 Schedule"},
    "compose.button.edit": {"id": "✏️ Ubah", "en": "✏️ Edit"},
    "compose.ask_publish_at": {
        "id": "🕒 Ketik waktu terbitnya, misalnya <code>besok 07:00</code> atau "
        "<code>Senin 08:30</code> (WIB).",
        "en": "🕒 Type when to publish it, e.g. <code>tomorrow 07:00</code> or "
        "<code>Monday 08:30</code> (WIB).",
    },
    "compose.ask_edit": {
        "id": "Pilih bagian yang diubah.",
        "en": "Choose the part to change.",
    },
    "compose.published": {
        "id": "✅ Briefing #{id} <b>{title}</b> diterbitkan ke {units} unit ({people} petugas). "
        "Laporan pengiriman menyusul; pantau lewat /brief_kelola.",
        "en": "✅ Briefing #{id} <b>{title}</b> published to {units} {units:unit|units} ({people} {people:officer|officers}). "
        "The delivery report follows; follow it with /brief_kelola.",
    },
    "compose.scheduled": {
        "id": "🕒 Briefing #{id} <b>{title}</b> dijadwalkan terbit {at} untuk {units} unit "
        "({people} petugas).",
        "en": "🕒 Briefing #{id} <b>{title}</b> is scheduled for {at}, to {units} {units:unit|units} "
        "({people} {people:officer|officers}).",
    },
    "compose.stepname.program": {"id": "Program", "en": "Program"},
    "compose.stepname.title": {"id": "Judul", "en": "Title"},
    "compose.stepname.key_message": {"id": "Pesan kunci", "en": "Key message"},
    "compose.stepname.points": {"id": "Poin pendukung", "en": "Supporting points"},
    "compose.stepname.formats": {"id": "Format", "en": "Formats"},
    "compose.stepname.hashtags": {"id": "Tagar & akun", "en": "Hashtags & accounts"},
    "compose.stepname.channels": {"id": "Kanal", "en": "Channels"},
    "compose.stepname.demographic": {"id": "Sasaran demografis", "en": "Demographic target"},
    "compose.stepname.geographic": {"id": "Sasaran geografis", "en": "Geographic target"},
    "compose.stepname.psychographic": {"id": "Sasaran psikografis", "en": "Psychographic target"},
    "compose.stepname.attachments": {"id": "Materi", "en": "Material"},
    "compose.stepname.targets": {"id": "Unit sasaran", "en": "Target units"},
    "compose.stepname.deadline": {"id": "Tenggat", "en": "Deadline"},
    "compose.stepname.preview": {"id": "Pratinjau", "en": "Preview"},
    "compose.problem.empty": {
        "id": "Isinya kosong. Ketik lagi, atau tekan Kembali.",
        "en": "It is empty. Type it again, or press Back.",
    },
    "compose.problem.too_long": {
        "id": "Terlalu panjang: maksimal {limit} karakter (per baris/label). Persingkat lalu kirim lagi.",
        "en": "Too long: at most {limit} {limit:character|characters} (per line/label). Shorten it and send it again.",
    },
    "compose.problem.too_many": {
        "id": "Terlalu banyak: maksimal {limit}. Kurangi lalu kirim lagi.",
        "en": "Too many: at most {limit}. Remove some and send it again.",
    },
    "compose.problem.too_long_total": {
        "id": "Briefing jadi lebih panjang dari batas satu pesan Telegram (4.096 karakter). "
        "Persingkat bagian ini lalu kirim lagi.",
        "en": "The briefing would be longer than one Telegram message (4,096 characters). "
        "Shorten this part and send it again.",
    },
    "compose.problem.deadline_past": {
        "id": "Tenggat harus di masa depan.",
        "en": "The deadline must be in the future.",
    },
    "compose.problem.deadline_before_publish": {
        "id": "Waktu terbit harus sebelum tenggat. Ketik waktu terbit yang lebih awal.",
        "en": "The publishing time must be before the deadline. Type an earlier time.",
    },
    "compose.problem.incomplete": {
        "id": "Draf belum lengkap (program, judul, pesan kunci, unit sasaran dan tenggat wajib diisi).",
        "en": "The draft is not complete (program, title, key message, target units and deadline "
        "are required).",
    },
    "compose.problem.no_units": {
        "id": "Pilihan itu tidak mencakup unit mana pun di wilayah Anda. Pilih cara lain.",
        "en": "That choice covers no unit in your scope. Choose another way.",
    },
    "compose.problem.not_editable": {
        "id": "Draf ini sudah diterbitkan atau dibuang.",
        "en": "This draft was already published or discarded.",
    },
}
