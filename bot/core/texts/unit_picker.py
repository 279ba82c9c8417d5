"""Texts of the reusable unit picker (handlers/unit_picker.py)."""

TEXTS: dict[str, dict[str, str]] = {
    "picker.kecamatan_list": {
        "id": "Pilih kecamatan (halaman {page}/{pages}):",
        "en": "Choose a district (page {page}/{pages}):",
    },
    "picker.kecamatan_units": {
        "id": "Kecamatan <b>{name}</b>: pilih unitnya (halaman {page}/{pages}):",
        "en": "<b>{name}</b> district: choose the unit (page {page}/{pages}):",
    },
    "picker.opd_list": {
        "id": "Pilih perangkat daerah (halaman {page}/{pages}):",
        "en": "Choose the agency (page {page}/{pages}):",
    },
    "picker.opd_none": {
        "id": "Belum ada perangkat daerah yang terdaftar.",
        "en": "No agency has been registered yet.",
    },
    "picker.own_unit": {"id": "Unit Anda:", "en": "Your unit:"},
    "picker.search_hint": {
        "id": "<i>Atau ketik sebagian nama desa, kelurahan, kecamatan atau perangkat daerah.</i>",
        "en": "<i>Or type part of the name of a village, district or agency.</i>",
    },
    "picker.search_results": {
        "id": "Unit yang cocok dengan “{query}”:",
        "en": "Units matching “{query}”:",
    },
    "picker.search_more": {
        "id": "\n<i>Masih ada yang lain; ketik nama lebih lengkap.</i>",
        "en": "\n<i>There are more; type more of the name.</i>",
    },
    "picker.search_none": {
        "id": "Tidak ada unit yang cocok dengan “{query}”. Coba ketik nama lain, atau kembali ke daftar.",
        "en": "No unit matches “{query}”. Try another name, or go back to the list.",
    },
    "picker.search_short": {
        "id": "Ketik paling sedikit {count} huruf dari nama unit.",
        "en": "Type at least {count} {count:letter|letters} of the unit's name.",
    },
    "picker.opd_button": {"id": "🏛 Perangkat Daerah (OPD)", "en": "🏛 Agencies (OPD)"},
    "picker.regency_button": {"id": "⭐ {name} (pusat)", "en": "⭐ {name} (central)"},
    "picker.office_button": {"id": "🏢 Kantor Kecamatan {name}", "en": "🏢 {name} district office"},
    "picker.in_kecamatan_suffix": {"id": ", Kecamatan {name}", "en": ", {name} district"},
    "kind_short.desa": {"id": "Desa", "en": "Vil."},
    "kind_short.kelurahan": {"id": "Kel.", "en": "Urb."},
}
