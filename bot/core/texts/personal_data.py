"""Texts of personal data (UU PDP 27/2022): /dataku, and names that cannot be used."""

TEXTS: dict[str, dict[str, str]] = {
    "cmd.dataku": {
        "id": "Data pribadi Anda yang disimpan bot",
        "en": "The personal data the bot holds about you",
    },
    "mydata.catalogue": {
        "id": "<b>Data Anda</b>\nBerkas terlampir ({file}) memuat semua yang disimpan bot tentang "
        "Anda, dengan waktu dalam WIB:\n{lines}\n\nUntuk menghapus data Anda, hubungi "
        "administrator.",
        "en": "<b>Your data</b>\nThe attached file ({file}) holds everything the bot keeps "
        "about you, with times in WIB:\n{lines}\n\nTo have your data erased, contact an "
        "administrator.",
    },
    "mydata.line": {"id": "• {section}: {count}", "en": "• {section}: {count}"},
    "mydata.caption": {
        "id": "Data pribadi Anda (JSON, UTF-8).",
        "en": "Your personal data (JSON, UTF-8).",
    },
    "mydata.nothing": {
        "id": "Bot tidak menyimpan data apa pun tentang akun Telegram Anda.",
        "en": "The bot holds no data about your Telegram account.",
    },
    "mydata.section.profile": {"id": "profil", "en": "profile"},
    "mydata.section.membership": {"id": "unit", "en": "unit"},
    "mydata.section.registrations": {"id": "pendaftaran", "en": "applications"},
    "mydata.section.reports": {"id": "laporan dan draf", "en": "reports and drafts"},
    "mydata.section.issue_reports": {"id": "laporan isu", "en": "issue reports"},
    "mydata.section.decisions_on_registrations": {
        "id": "keputusan atas pendaftaran",
        "en": "decisions on applications",
    },
    "mydata.section.decisions_on_reports": {
        "id": "tinjauan laporan",
        "en": "reviews of reports",
    },
    "mydata.section.decisions_on_issue_reports": {
        "id": "laporan isu yang ditangani",
        "en": "issue reports handled",
    },
    "mydata.section.registration_requests_received": {
        "id": "permintaan persetujuan yang diterima",
        "en": "approval requests received",
    },
    "mydata.section.announcements_sent": {"id": "pengumuman dikirim", "en": "announcements sent"},
    "mydata.section.announcements_acknowledged": {
        "id": "pengumuman yang Anda tandai dibaca",
        "en": "announcements you acknowledged",
    },
    "mydata.section.messages_queued": {"id": "pesan yang Anda kirim", "en": "messages you sent"},
    "mydata.section.messages_received": {
        "id": "pesan yang Anda terima",
        "en": "messages you received",
    },
    "mydata.section.leave": {"id": "cuti", "en": "leave"},
    "mydata.section.review_alerts": {"id": "pemberitahuan tinjauan", "en": "review alerts"},
    "mydata.section.recap_reminders_sent": {
        "id": "pengingat dari rekap",
        "en": "reminders sent from recaps",
    },
    "mydata.section.briefings_written": {"id": "briefing yang ditulis", "en": "briefings written"},
    "mydata.section.programs_created": {"id": "program dibuat", "en": "programmes created"},
    "mydata.section.days_off_declared": {"id": "hari libur ditetapkan", "en": "days off declared"},
    "mydata.section.invitations_created": {"id": "undangan dibuat", "en": "invitations created"},
    "mydata.section.invitation_failures": {
        "id": "tautan undangan tak dikenal",
        "en": "unknown invitation links",
    },
    "mydata.section.invitation_lockout": {
        "id": "penguncian undangan",
        "en": "invitation lockout",
    },
    "mydata.section.audit_log": {"id": "catatan audit", "en": "audit log entries"},
    "name.unusable_profile": {
        "id": "Nama di profil Telegram Anda tidak memuat huruf yang terlihat, jadi tidak dapat "
        "dipakai. Ubah nama profil Anda di Telegram, lalu buka tautan atau kirim /start lagi.",
        "en": "The name in your Telegram profile has no visible letters, so it cannot be used. "
        "Change your profile name in Telegram, then open the link or send /start again.",
    },
}
