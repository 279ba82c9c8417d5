"""Texts of /undang: making an invitation link from the bot."""

TEXTS: dict[str, dict[str, str]] = {
    "cmd.undang": {"id": "Buat tautan undangan", "en": "Make an invitation link"},
    "undang.pick_unit": {
        "id": "<b>Undangan baru</b>\nPilih unitnya.",
        "en": "<b>New invitation</b>\nPick the unit.",
    },
    "undang.pick_role": {
        "id": "Unit: <b>{unit}</b> ✔\n\nPilih peran orang yang diundang.",
        "en": "Unit: <b>{unit}</b> ✔\n\nPick the role of the person you invite.",
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
        "en": "Unit: <b>{unit}</b> ✔\nRole: {role} ✔\nFor: {uses} {uses:person|people} ✔\n\n"
        "<b>Valid for how many days?</b> Choose, or type a number 1–{max}.",
    },
    "undang.days_button": {"id": "{days} hari", "en": "{days} {days:day|days}"},
    "undang.bad_number": {
        "id": "Ketik angka antara 1 dan {max}.",
        "en": "Type a number between 1 and {max}.",
    },
    "undang.created": {
        "id": "✅ <b>Undangan dibuat</b>\nUnit: {unit}\nPeran: {role}\nUntuk: {uses} orang\n"
        "Berlaku sampai: {expires}\n\nTautan:\n{link}\n\n"
        "Teruskan pesan di bawah ini kepada orang yang diundang.",
        "en": "✅ <b>Invitation made</b>\nUnit: {unit}\nRole: {role}\nFor: {uses} {uses:person|people}\n"
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
    "bulk.kecamatan_link": {
        "id": "🔗 Satu tautan untuk semua desa/kelurahan",
        "en": "🔗 One link for every village",
    },
    "bulk.select_villages": {"id": "☑️ Tautan per desa/kelurahan", "en": "☑️ A link per village"},
    "bulk.select_kecamatan": {"id": "☑️ Tautan per kecamatan", "en": "☑️ A link per district"},
    "bulk.select_title": {
        "id": "☑️ <b>Pilih desa/kelurahan</b> yang petugasnya diundang ({picked} dari {total} "
        "dipilih, halaman {page}/{pages}). Setiap unit mendapat tautannya sendiri.",
        "en": "☑️ <b>Pick the villages</b> whose officers you invite ({picked} of {total} "
        "picked, page {page}/{pages}). Each gets a link of its own.",
    },
    "bulk.select_kecamatan_title": {
        "id": "☑️ <b>Pilih kecamatan</b> ({picked} dari {total} dipilih, halaman {page}/{pages})."
        " Setiap kecamatan mendapat satu tautan: petugas yang membukanya memilih "
        "desa/kelurahannya.",
        "en": "☑️ <b>Pick the districts</b> ({picked} of {total} picked, page {page}/{pages}). "
        "Each gets one link: the officers who open it pick their village.",
    },
    "bulk.all": {"id": "Pilih semua", "en": "Pick all"},
    "bulk.make": {"id": "🔗 Buat {count} tautan", "en": "🔗 Make {count} {count:link|links}"},
    "bulk.none_picked": {
        "id": "Pilih dulu paling sedikit satu unit.",
        "en": "Pick at least one unit first.",
    },
    "bulk.made": {
        "id": "✅ {count} tautan dibuat, lihat pesan berikut.",
        "en": "✅ {count} {count:link|links} made, see the next message.",
    },
    "bulk.made_kecamatan": {
        "id": "✅ Tautan kecamatan dibuat, lihat pesan berikut.",
        "en": "✅ The district link is made, see the next message.",
    },
    "bulk.links": {
        "id": "📨 <b>{count} tautan undangan petugas</b> ({uses} orang per unit, berlaku sampai "
        "{expires}). Tekan tombol bagikan untuk mengirim tiap tautan ke grup atau orangnya.",
        "en": "📨 <b>{count} officer invitation {count:link|links}</b> ({uses} {uses:person|people} per unit, valid until "
        "{expires}). Press a share button to send each link to its group or person.",
    },
    "bulk.links_kecamatan": {
        "id": "📨 <b>{count} tautan undangan kecamatan</b> (berlaku sampai {expires}). Petugas "
        "yang membukanya memilih desa/kelurahannya. Tekan tombol bagikan untuk mengirimnya.",
        "en": "📨 <b>{count} district invitation {count:link|links}</b> (valid until {expires}). Officers who "
        "open one pick their village. Press a share button to send it.",
    },
    "bulk.link_line": {"id": "• <b>{unit}</b>: {link}", "en": "• <b>{unit}</b>: {link}"},
    "bulk.share_button": {"id": "📤 Bagikan: {unit}", "en": "📤 Share: {unit}"},
    "bulk.share_text": {
        "id": "Undangan petugas humas {unit}: buka tautan ini di Telegram lalu tekan MULAI.",
        "en": "Invitation for the PR officers of {unit}: open this link in Telegram and press "
        "START.",
    },
    "coverage.button": {
        "id": "📍 Unit tanpa petugas ({count})",
        "en": "📍 Units without an officer ({count})",
    },
    "coverage.title": {
        "id": "📍 <b>{total} unit belum punya petugas aktif</b> (halaman {page}/{pages}). "
        "Tekan Undang untuk membuat tautan undangan petugas unit itu.",
        "en": "📍 <b>{total} {total:unit|units} have no active officer</b> (page {page}/{pages}). "
        "Press Invite to make an officers' invitation link for that unit.",
    },
    "coverage.invite": {"id": "📨 Undang: {unit}", "en": "📨 Invite: {unit}"},
    "coverage.none": {
        "id": "✅ Semua unit di wilayah Anda sudah punya petugas aktif.",
        "en": "✅ Every unit of your area has an active officer.",
    },
    "coverage.link": {
        "id": "📨 Tautan undangan petugas <b>{unit}</b>:\n{link}\n"
        "Tekan tombol di bawah untuk membagikannya.",
        "en": "📨 The officers' invitation link of <b>{unit}</b>:\n{link}\n"
        "Press the button below to share it.",
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
