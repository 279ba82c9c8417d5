"""Texts of /undang: making an invitation link from the bot."""

TEXTS: dict[str, dict[str, str]] = {
    "cmd.undang": {"id": "Buat tautan undangan", "en": "Make an invitation link"},
    "undang.pick_unit": {
        "id": "<b>Undangan baru</b>\nUntuk unit mana?",
        "en": "<b>New invitation</b>\nFor which unit?",
    },
    "undang.pick_role": {
        "id": "Unit: <b>{unit}</b> ✔\n\nSebagai apa orang yang diundang?",
        "en": "Unit: <b>{unit}</b> ✔\n\nWhat will the invited person be?",
    },
    "undang.pick_uses": {
        "id": "Unit: <b>{unit}</b> ✔\nPeran: {role} ✔\n\n<b>Berapa orang</b> boleh memakai tautan ini? "
        "Pilih, atau ketik angka 1–{max}.",
        "en": "Unit: <b>{unit}</b> ✔\nRole: {role} ✔\n\n<b>How many people</b> may use this link? "
        "Choose, or type a number 1–{max}.",
    },
    "undang.pick_days": {
        "id": "Unit: <b>{unit}</b> ✔\nPeran: {role} ✔\nUntuk: {uses} orang ✔\n\n"
        "<b>Berlaku berapa hari?</b> Pilih, atau ketik angka 1–{max}.",
        "en": "Unit: <b>{unit}</b> ✔\nRole: {role} ✔\nFor: {uses} people ✔\n\n"
        "<b>Valid for how many days?</b> Choose, or type a number 1–{max}.",
    },
    "undang.days_button": {"id": "{days} hari", "en": "{days} days"},
    "undang.bad_number": {
        "id": "Ketik angka antara 1 dan {max}.",
        "en": "Type a number between 1 and {max}.",
    },
    "undang.created": {
        "id": "✅ <b>Undangan dibuat</b>\nUnit: {unit}\nPeran: {role}\nUntuk: {uses} orang\n"
        "Berlaku sampai: {expires}\n\nTautan:\n{link}\n\n"
        "Teruskan pesan di bawah ini kepada orang yang diundang.",
        "en": "✅ <b>Invitation made</b>\nUnit: {unit}\nRole: {role}\nFor: {uses} people\n"
        "Valid until: {expires}\n\nLink:\n{link}\n\n"
        "Forward the message below to the people you invite.",
    },
    "undang.forward": {
        "id": "📨 <b>Undangan bergabung ke bot Humas Kabupaten Bogor</b>\n\n"
        "Anda diundang sebagai {role} untuk {unit}.\n"
        "Buka tautan ini di Telegram, lalu tekan <b>MULAI</b> (START):\n{link}\n\n"
        "Berlaku sampai {expires}.",
        "en": "📨 <b>Invitation to join the Humas Kabupaten Bogor bot</b>\n\n"
        "You are invited as {role} for {unit}.\n"
        "Open this link in Telegram, then press <b>START</b>:\n{link}\n\n"
        "Valid until {expires}.",
    },
    "undang.list_button": {
        "id": "📋 Undangan yang berlaku ({count})",
        "en": "📋 Live invitations ({count})",
    },
    "undang.list": {
        "id": "<b>Undangan yang masih berlaku</b> ({total}) — halaman {page}/{pages}\n\n{items}",
        "en": "<b>Invitations still valid</b> ({total}) — page {page}/{pages}\n\n{items}",
    },
    "undang.list_item": {
        "id": "<b>#{id}</b> {unit} · {role}\nsisa {left} dari {uses} · sampai {expires} · "
        "dibuat oleh {creator}",
        "en": "<b>#{id}</b> {unit} · {role}\n{left} of {uses} left · until {expires} · "
        "made by {creator}",
    },
    "undang.list_empty": {
        "id": "Tidak ada undangan yang masih berlaku di wilayah Anda.",
        "en": "No invitation is still valid in your area.",
    },
    "undang.creator_shell": {"id": "admin server", "en": "server admin"},
    "undang.revoke_button": {"id": "🚫 Cabut #{id}", "en": "🚫 Revoke #{id}"},
    "undang.revoked": {
        "id": "✅ Undangan #{id} dicabut; tautannya tidak dapat dipakai lagi.",
        "en": "✅ Invitation #{id} revoked; its link can no longer be used.",
    },
    "undang.revoke_gone": {
        "id": "Undangan #{id} sudah tidak berlaku (dicabut, kedaluwarsa atau habis dipakai).",
        "en": "Invitation #{id} is no longer valid (revoked, expired or used up).",
    },
}
