"""The weekly digest's compliance section for coordinators (scheduler/digest_compliance.py)."""

from __future__ import annotations

from bot.devtools.driver import BotDriver
from scheduler.digests import run_due_digests
from tests.factories import (
    BOJONGKULUR,
    GUNUNGPUTRI,
    KARADENAN,
    PONDOK_RAJEG,
    REGENCY,
    WANAHERANG,
    add_officer,
    containing,
    publish,
    report,
    run,
    wib,
)


async def test_coordinators_get_last_weeks_compliance_of_their_scope(bot: BotDriver) -> None:
    central = await add_officer(bot, "Rina Pusat", REGENCY, "coordinator")
    gunungputri = await add_officer(bot, "Koordinator GP", GUNUNGPUTRI, "coordinator")
    ani = await add_officer(bot, "Ani", PONDOK_RAJEG)
    await add_officer(bot, "Budi", WANAHERANG)
    briefing = await publish(
        bot,
        central.telegram_id,
        [PONDOK_RAJEG, KARADENAN, WANAHERANG, BOJONGKULUR],
        deadline=wib(2026, 12, 3, 17) - bot.clock.now(),
    )
    bot.clock.set(wib(2026, 12, 2, 10))
    await report(bot, ani, briefing)
    bot.clock.set(wib(2026, 12, 7, 7, 0))  # Monday
    await run(bot, run_due_digests)
    [regency] = containing(bot, central, "Prioritas pekan ini")
    assert "Kepatuhan minggu lalu — Kabupaten Bogor" in regency
    assert "Melapor 1/4 (25%), tepat waktu 25%" in regency
    assert regency.index("• Kecamatan Gunungputri: 0%") < regency.index("• Kecamatan Cibinong: 50%")
    [kecamatan] = containing(bot, gunungputri, "Prioritas pekan ini")
    assert "Kepatuhan minggu lalu — Kecamatan Gunungputri" in kecamatan
    assert "• Desa Wanaherang: 1 dari 1 belum" in kecamatan
    assert "• Desa Bojongkulur: 1 dari 1 belum" in kecamatan
    assert "Cibinong" not in kecamatan and "Pondok" not in kecamatan
    [officer] = containing(bot, ani, "Prioritas pekan ini")
    assert "Kepatuhan minggu lalu" not in officer
