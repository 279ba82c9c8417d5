"""Texts of the content tools: suggested captions and their variants, the similarity of a
draft to them, and the automatic checks of reported posts."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    # ---- the composer's part
    "compose.part.caption": {"id": "Caption", "en": "Caption"},
    "compose.stepname.caption": {"id": "Saran caption", "en": "Suggested caption"},
    "compose.stepname.caption_kota": {"id": "Caption kota", "en": "City caption"},
    "compose.stepname.caption_desa": {"id": "Caption desa", "en": "Village caption"},
    "compose.stepname.caption_pinggiran": {"id": "Caption pinggiran", "en": "Suburb caption"},
    "compose.stepname.caption_3t": {"id": "Caption 3T", "en": "3T caption"},
    "caption.ask": {
        "id": "✍️ Kirim <b>saran caption</b> untuk petugas (paling banyak {limit} karakter). "
        "Petugas menerimanya sebagai pesan tersendiri untuk disalin lalu disesuaikan.\n"
        "{marks} diisi nama unit dan kecamatan setiap penerima.",
        "en": "✍️ Send the <b>suggested caption</b> for the officers (at most {limit} "
        "characters). Officers get it as a message of its own to copy and adapt.\n"
        "{marks} are filled with each recipient's unit and kecamatan.",
    },
    "caption.current": {
        "id": "✍️ <b>Saran caption</b> saat ini:\n<blockquote>{caption}</blockquote>\n"
        "Varian per kelas wilayah: {variants}\n\n"
        "Kirim teks baru untuk menggantinya, atau tambahkan varian untuk unit bertag kota, "
        "desa, pinggiran atau 3T (unit lain menerima caption umum). {marks} diisi nama "
        "unit dan kecamatan penerima.",
        "en": "✍️ The current <b>suggested caption</b>:\n<blockquote>{caption}</blockquote>\n"
        "Variants per geographic class: {variants}\n\n"
        "Send a new text to replace it, or add a variant for the units tagged kota, desa, "
        "pinggiran or 3T (other units get the general caption). {marks} are filled with "
        "each recipient's unit and kecamatan.",
    },
    "caption.no_variants": {"id": "belum ada", "en": "none yet"},
    "caption.ask_variant": {
        "id": "✍️ Kirim caption untuk unit kelas <b>{name}</b> (berlabel {tag}), paling banyak "
        "{limit} karakter; {marks} diisi nama unit dan kecamatan penerima.{current}",
        "en": "✍️ Send the caption for the units of class <b>{name}</b> (tagged {tag}), at "
        "most {limit} {limit:character|characters}; {marks} are filled with each recipient's unit and "
        "kecamatan.{current}",
    },
    "caption.variant_current": {
        "id": "\n\nSaat ini:\n<blockquote>{caption}</blockquote>",
        "en": "\n\nCurrently:\n<blockquote>{caption}</blockquote>",
    },
    "caption.button.add": {"id": "➕ {name}", "en": "➕ {name}"},
    "caption.button.change": {"id": "✏️ {name}", "en": "✏️ {name}"},
    "caption.saved": {
        "id": "✅ Saran caption disimpan.",
        "en": "✅ Suggested caption saved.",
    },
    "caption.variant_saved": {
        "id": "✅ Caption {name} disimpan.",
        "en": "✅ {name} caption saved.",
    },
    "caption.variant_cleared": {
        "id": "🗑 Caption {name} dihapus; unitnya menerima caption umum.",
        "en": "🗑 {name} caption removed; its units get the general caption.",
    },
    "caption.class.default": {"id": "Umum", "en": "General"},
    "caption.class.kota": {"id": "Kota", "en": "City"},
    "caption.class.desa": {"id": "Desa", "en": "Village"},
    "caption.class.pinggiran": {"id": "Pinggiran", "en": "Suburb"},
    "caption.class.3t": {"id": "3T", "en": "3T"},
    # ---- what officers and the author see
    "caption.view": {
        "id": "✍️ <b>Saran caption</b> — salin, lalu sesuaikan dengan warga dan gaya akun "
        "Anda (satu narasi, bukan salinan yang sama di semua akun):\n\n{caption}",
        "en": "✍️ <b>Suggested caption</b> — copy it, then adapt it to your residents and "
        "your account's voice (one narrative, not the same copy on every account):\n\n{caption}",
    },
    "caption.preview": {
        "id": "✍️ <b>Saran caption</b> — setiap unit menerima varian kelas wilayahnya "
        "(label unit), dengan {marks} diisi namanya:",
        "en": "✍️ <b>Suggested caption</b> — each unit gets its geographic class's variant "
        "(unit tags), with {marks} filled with its names:",
    },
    "caption.preview.variant": {
        "id": "<b>{name}</b> · {units} unit\n<blockquote>{caption}</blockquote>",
        "en": "<b>{name}</b> · units: {units}\n<blockquote>{caption}</blockquote>",
    },
    # ---- a draft close to the suggested caption
    "draft.similar": {
        "id": "⚠️ Draf ini {percent} sama dengan saran caption briefing. Pedoman humas: "
        "satu narasi, tetapi dengan kata-kata akun Anda sendiri — bukan teks yang sama di "
        "ratusan akun. Sesuaikan dengan warga dan gaya akun Anda sebelum mengunggah.",
        "en": "⚠️ This draft is {percent} the same as the briefing's suggested caption. The "
        "humas guidance: one narrative, but in your account's own words — not the same text "
        "on hundreds of accounts. Adapt it to your residents and your voice before posting.",
    },
    "review.similarity": {
        "id": "Kemiripan dengan saran caption: <b>{percent}</b>{mark}\n",
        "en": "Similarity to the suggested caption: <b>{percent}</b>{mark}\n",
    },
    "review.similarity.high": {"id": " ⚠️ hampir sama", "en": " ⚠️ near-verbatim"},
    # ---- automatic checks of reported posts (links.verify)
    "check.mark.verified": {"id": "✔ terverifikasi", "en": "✔ verified"},
    "check.mark.hashtag_missing": {
        "id": "⚠ tagar tidak ditemukan",
        "en": "⚠ hashtags not found",
    },
    "check.mark.unchecked": {"id": "? tidak dapat diperiksa", "en": "? could not be checked"},
    "review.check": {
        "id": "Pemeriksaan otomatis: {mark}{author}\n",
        "en": "Automatic check: {mark}{author}\n",
    },
    "review.check.author": {"id": " · akun {author}", "en": " · account {author}"},
    "review.button.approve_verified": {
        "id": "✔ Setujui semua yang terverifikasi ({count})",
        "en": "✔ Approve every verified link ({count})",
    },
    "review.bulk.confirm_verified": {
        "id": "Setujui <b>{count}</b> tautan yang terverifikasi (unggahannya ada dan memuat "
        "tagar briefing, di kanal yang diminta, tepat waktu)?\n"
        "Draf dan laporan lain ({others}) tetap ditinjau satu per satu. Petugasnya diberi tahu.",
        "en": "Approve <b>{count}</b> verified {count:link|links} (the post exists and carries "
        "the briefing's hashtags, on a channel it asked for, in time)?\n"
        "Drafts and other reports ({others}) are still reviewed one by one. Their officers "
        "are told.",
    },
    "rfile.col.check": {"id": "Pemeriksaan", "en": "Check"},
    "rekap.unit.report_check": {"id": " · {mark}", "en": " · {mark}"},
}
