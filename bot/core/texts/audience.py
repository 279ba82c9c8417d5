"""Choosing an audience: typing a kecamatan's name in the audience picker."""

TEXTS: dict[str, dict[str, str]] = {
    "audience.search_hint": {
        "id": "<i>Atau ketik nama kecamatan untuk memilihnya beserta desa/kelurahannya.</i>",
        "en": "<i>Or type a district's name to choose it with its villages.</i>",
    },
    "audience.kecamatan_search_hint": {
        "id": "<i>Ketik nama kecamatan untuk mencarinya.</i>",
        "en": "<i>Type a district's name to find it.</i>",
    },
    "audience.kecamatan_found": {
        "id": "Kecamatan yang cocok dengan “{query}”. Tekan satu untuk memilihnya beserta "
        "desa/kelurahannya:",
        "en": "Districts matching “{query}”. Press one to choose it with its villages:",
    },
    "audience.kecamatan_found_toggle": {
        "id": "Kecamatan yang cocok dengan “{query}”. Tandai, lalu tekan <b>Selesai</b>.\n"
        "Terpilih: {chosen}",
        "en": "Districts matching “{query}”. Tick them, then press <b>Done</b>.\nChosen: {chosen}",
    },
    "audience.kecamatan_button": {
        "id": "📍 Kecamatan {name}",
        "en": "📍 {name} district",
    },
    "audience.kecamatan_none": {
        "id": "Tidak ada kecamatan di wilayah Anda yang cocok dengan “{query}”. Ketik nama lain, "
        "atau pilih dari tombol di atas.",
        "en": "No district in your scope matches “{query}”. Type another name, or choose with "
        "the buttons above.",
    },
}
