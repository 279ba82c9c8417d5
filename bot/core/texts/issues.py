"""Texts for field issue reports (media monitoring)."""

TEXTS: dict[str, dict[str, str]] = {
    "cmd.isu": {
        "id": "Laporkan isu di media/medsos wilayah Anda",
        "en": "Report an issue seen in your area's media",
    },
    "cmd.isu_daftar": {"id": "Daftar laporan isu yang belum ditangani", "en": "Open issue reports"},
    "issue.ask_evidence": {
        "id": "📡 <b>Laporan isu</b>\nKirim <b>tautan</b> atau <b>tangkapan layar</b> dari yang Anda "
        "temukan: keluhan warga, hoaks tentang pemerintah, isu yang viral. (/batal untuk membatalkan)",
        "en": "📡 <b>Issue report</b>\nSend the <b>link</b> or a <b>screenshot</b> of what you found: "
        "a complaint, a hoax about the government, a viral issue. (/cancel to stop)",
    },
    "issue.bad_link": {
        "id": "Tautan itu tidak bisa dipakai. {reason}\nAtau kirim tangkapan layarnya.",
        "en": "That link cannot be used. {reason}\nOr send a screenshot instead.",
    },
    "issue.ask_description": {
        "id": "Tulis keterangan singkat: apa isinya, di mana, dan seberapa luas tersebar?",
        "en": "Write a short description: what is it about, where, and how widely is it spreading?",
    },
    "issue.ask_urgency": {
        "id": "Pilih tingkat isunya. <b>Darurat</b> langsung dikirim ke koordinator, juga di malam hari.",
        "en": "How urgent is it? <b>Emergency</b> reaches the coordinators at once, also at night.",
    },
    "issue.urgency.biasa": {"id": "Biasa", "en": "Normal"},
    "issue.urgency.penting": {"id": "⚠️ Penting", "en": "⚠️ Important"},
    "issue.urgency.darurat": {"id": "🚨 Darurat", "en": "🚨 Emergency"},
    "issue.problem.empty": {
        "id": "Keterangan tidak boleh kosong.",
        "en": "The description cannot be empty.",
    },
    "issue.problem.too_long": {
        "id": "Terlalu panjang (maksimal {limit} karakter). Persingkat lalu kirim lagi.",
        "en": "Too long (at most {limit} {limit:character|characters}). Shorten it and send it again.",
    },
    "issue.received": {
        "id": "✅ Laporan isu <b>{number}</b> ({urgency}) diterima dan diteruskan ke koordinator. "
        "Anda diberi tahu bila sudah ditangani.",
        "en": "✅ Issue report <b>{number}</b> ({urgency}) received and passed to the coordinators. "
        "You will be told when it is handled.",
    },
    "issue.card": {
        "id": "📡 <b>Laporan isu {number}</b> · {urgency}\nDari: {name} — {unit}\n{at}\n\n"
        "{description}{link}",
        "en": "📡 <b>Issue report {number}</b> · {urgency}\nFrom: {name} — {unit}\n{at}\n\n"
        "{description}{link}",
    },
    "issue.card.link": {"id": "\n🔗 {url}", "en": "\n🔗 {url}"},
    "issue.screenshot_caption": {"id": "Tangkapan layar {number}", "en": "Screenshot {number}"},
    "issue.button.handle": {"id": "✔️ Tandai ditangani", "en": "✔️ Mark handled"},
    "issue.button.handle_number": {"id": "✔️ Tangani {number}", "en": "✔️ Handle {number}"},
    "issue.list.none": {
        "id": "Tidak ada laporan isu yang terbuka di wilayah Anda.",
        "en": "There are no open issue reports in your scope.",
    },
    "issue.list.header": {
        "id": "<b>{count} laporan isu terbuka</b> (tingkat tertinggi dulu)",
        "en": "<b>{count} open issue {count:report|reports}</b> (most urgent first)",
    },
    "issue.list.item": {
        "id": "<b>{number}</b> · {urgency} · {at}\n{unit} — {name}\n{description}{link}",
        "en": "<b>{number}</b> · {urgency} · {at}\n{unit} — {name}\n{description}{link}",
    },
    "issue.ask_note": {
        "id": "Tulis catatan penanganan untuk <b>{number}</b> (misalnya: sudah diklarifikasi di akun "
        "resmi). Catatan ini dikirim ke pelapor.",
        "en": "Write the handling note for <b>{number}</b> (e.g. clarified on the official account). "
        "The reporter gets this note.",
    },
    "issue.already": {
        "id": "{number} sudah ditangani oleh {name}.",
        "en": "{number} was already handled by {name}.",
    },
    "issue.handled": {
        "id": "✔️ <b>{number}</b> ditandai sudah ditangani; pelapor diberi tahu.",
        "en": "✔️ <b>{number}</b> marked handled; the reporter is told.",
    },
    "issue.told": {
        "id": "✔️ Laporan isu <b>{number}</b> Anda sudah ditangani oleh {name}.\nCatatan: <i>{note}</i>",
        "en": "✔️ Your issue report <b>{number}</b> was handled by {name}.\nNote: <i>{note}</i>",
    },
}
