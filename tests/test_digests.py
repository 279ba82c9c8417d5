"""The weekly priorities digest and the daily coordinator digest: content, timing, catch-up."""

from __future__ import annotations

import logging
from datetime import date, time, timedelta
from pathlib import Path

import pytest

from bot.core.config import ConfigError, load_config
from bot.devtools.driver import BotDriver
from db import issue_reports as issues_db
from db import programs as programs_db
from db import submissions as submissions_db
from db.audit import Actor
from scheduler.digests import run_due_digests
from tests.factories import (
    CIBINONG,
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


async def test_weekly_digest_shows_programs_open_briefings_and_last_weeks_mixed_results(
    bot: BotDriver,
) -> None:
    central = await add_officer(bot, "Rina Pusat", REGENCY, "coordinator")
    ani = await add_officer(bot, "Ani", PONDOK_RAJEG)
    andi = await add_officer(bot, "Andi", PONDOK_RAJEG, language="en")
    budi = await add_officer(bot, "Budi", KARADENAN)
    actor = Actor.officer(central.id, central.telegram_id)
    now = bot.clock.now()
    on_time = await publish(
        bot,
        central.telegram_id,
        [PONDOK_RAJEG],
        title="Posyandu",
        deadline=wib(2026, 12, 2, 17) - now,
    )
    late = await publish(
        bot,
        central.telegram_id,
        [PONDOK_RAJEG, KARADENAN],
        title="Imunisasi",
        deadline=wib(2026, 12, 3, 17) - now,
    )
    missing = await publish(
        bot,
        central.telegram_id,
        [PONDOK_RAJEG],
        title="Stunting",
        deadline=wib(2026, 12, 4, 17) - now,
    )
    upcoming = await publish(
        bot,
        central.telegram_id,
        [PONDOK_RAJEG],
        title="Jalan Desa",
        deadline=wib(2026, 12, 9, 17) - now,
    )
    await programs_db.create(
        bot.db,
        name="Bogor Maju",
        description="",
        priority=2,
        horizon="panjang",
        starts_on=date(2026, 1, 1),
        ends_on=date(2030, 12, 31),
        actor=actor,
        at=now,
    )
    finished = await programs_db.create(
        bot.db,
        name="Program Lama",
        description="",
        priority=1,
        horizon="pendek",
        starts_on=date(2026, 1, 1),
        ends_on=date(2026, 6, 30),
        actor=actor,
        at=now,
    )
    await programs_db.set_status(bot.db, finished.id, "done", actor, now)
    bot.clock.set(wib(2026, 12, 2, 10))
    await report(bot, ani, on_time)
    bot.clock.set(wib(2026, 12, 4, 9))
    await report(bot, ani, late)

    bot.clock.set(wib(2026, 12, 7, 6, 59))  # Monday
    assert await run(bot, run_due_digests) == 0
    bot.clock.set(wib(2026, 12, 7, 7, 0))
    sent = await run(bot, run_due_digests)
    assert sent == 3  # one message per unit with active officers (regency, Pondok Rajeg, Karadenan)
    [text] = containing(bot, ani, "Prioritas pekan ini")
    assert "Senin, 7 Desember 2026" in text and "untuk Kelurahan Pondok Rajeg" in text
    assert text.index("1. Bogor Sehat — jangka menengah") < text.index(
        "2. Bogor Maju — jangka panjang"
    )
    assert "Program Lama" not in text
    assert f"#{upcoming} Jalan Desa — tenggat 9 Des 17.00 WIB" in text
    assert f"#{missing} Stunting — ⚠️ lewat tenggat" in text
    assert "Hasil pekan lalu (Senin, 30 November 2026 – Minggu, 6 Desember 2026)" in text
    assert f"✅ #{on_time} Posyandu — tepat waktu" in text
    assert f"⏰ #{late} Imunisasi — terlambat" in text
    assert f"❌ #{missing} Stunting — tidak melapor" in text
    assert "Ringkasan: 1 tepat waktu · 1 terlambat · 1 tidak melapor" in text
    assert f"#{upcoming}" not in text.split("Hasil pekan lalu")[1]
    [english] = containing(bot, andi, "This week's priorities")
    assert "In short: 1 on time · 1 late · 1 not reported" in english
    [other] = containing(bot, budi, "Prioritas pekan ini")
    assert f"❌ #{late} Imunisasi — tidak melapor" in other and "Posyandu" not in other
    assert "Tidak ada briefing terbuka." not in other and f"#{late} Imunisasi — ⚠️" in other

    assert await run(bot, run_due_digests) == 0, "once per week"
    row = await bot.db.fetchone(
        "SELECT outcome, messages FROM digests_sent WHERE period = '2026-W50'"
    )
    assert row is not None
    assert tuple(row) == ("sent", 3)


async def test_daily_digest_covers_the_coordinators_scope_on_working_days(bot: BotDriver) -> None:
    cibinong = await add_officer(bot, "Dedi Cibinong", CIBINONG, "coordinator")
    ani = await add_officer(bot, "Ani", PONDOK_RAJEG)
    budi = await add_officer(bot, "Budi", KARADENAN)
    wawan = await add_officer(bot, "Wawan", WANAHERANG)
    now = bot.clock.now()
    tomorrow = await publish(
        bot,
        cibinong.telegram_id,
        [PONDOK_RAJEG, KARADENAN, WANAHERANG],
        title="Pasar Murah",
        deadline=wib(2026, 12, 2, 17) - now,
    )
    today = await publish(
        bot,
        cibinong.telegram_id,
        [PONDOK_RAJEG],
        title="Banjir",
        deadline=wib(2026, 12, 1, 12) - now,
    )
    await report(bot, budi, tomorrow)
    await report(bot, wawan, tomorrow)
    await submissions_db.submit_draft(
        bot.db,
        ani,
        tomorrow,
        text="Draf caption",
        media_type=None,
        file_id=None,
        now=bot.clock.now(),
    )
    await submissions_db.submit_draft(
        bot.db,
        wawan,
        None,
        text="Draf lain",
        media_type=None,
        file_id=None,
        now=bot.clock.now(),
    )
    await issues_db.create(
        bot.db,
        ani,
        url="https://www.facebook.com/groups/123/posts/456/",
        screenshot_file_id=None,
        description="Hoaks bansos",
        urgency="darurat",
        now=bot.clock.now(),
    )

    bot.clock.set(wib(2026, 12, 1, 16, 0))
    assert await run(bot, run_due_digests) == 1
    [text] = containing(bot, cibinong, "Ringkasan harian")
    assert "Wilayah: Kecamatan Cibinong" in text
    assert "Laporan hari ini: 1 tautan dari 1 unit" in text
    assert f"#{tomorrow} Pasar Murah — 2 Des 17.00 WIB: 1 dari 2 unit belum melapor" in text
    assert f"#{today} Banjir (tenggat 1 Des 12.00 WIB): 1 unit — Kelurahan Pondok Rajeg" in text
    assert "Draf menunggu tinjauan: 1" in text
    assert "Laporan isu terbuka: 1 (1 darurat)" in text
    for person in (ani, budi, wawan):
        assert not containing(bot, person, "Ringkasan harian"), "coordinators only"

    bot.clock.set(wib(2026, 12, 5, 16, 0))  # Saturday: not a working day
    assert await run(bot, run_due_digests) == 0
    assert len(containing(bot, cibinong, "Ringkasan harian")) == 1


async def test_a_digest_missed_by_less_than_two_hours_is_sent_late_older_ones_skipped(
    bot: BotDriver, caplog: pytest.LogCaptureFixture
) -> None:
    ani = await add_officer(bot, "Ani", PONDOK_RAJEG)
    await bot.stop()
    bot.clock.set(wib(2026, 12, 7, 8, 30))  # down over Monday 07:00, back 1.5 h later
    await bot.start()
    await run(bot, run_due_digests)
    assert len(containing(bot, ani, "Prioritas pekan ini")) == 1

    await bot.stop()
    bot.clock.set(wib(2026, 12, 14, 9, 30))  # the next Monday: back 2.5 h late
    with caplog.at_level(logging.WARNING, logger="scheduler.digests"):
        await bot.start()
        await run(bot, run_due_digests)
    assert len(containing(bot, ani, "Prioritas pekan ini")) == 1
    assert any("weekly digest 2026-W51 skipped" in record.getMessage() for record in caplog.records)
    rows = await bot.db.fetchall(
        "SELECT period, outcome FROM digests_sent WHERE kind = 'weekly' AND period >= '2026-W50'"
        " ORDER BY period"
    )
    assert [tuple(row) for row in rows] == [("2026-W50", "sent"), ("2026-W51", "skipped")]


def test_schedule_settings_are_read_and_mistakes_name_the_key() -> None:
    settings = load_config(
        Path("/nonexistent.toml"),
        schedule={"weekly_digest": "Tue 06:30", "daily_digest": "15:00", "escalation_delay": "30m"},
    )
    assert settings.schedule.weekly_digest == (1, time(6, 30))
    assert settings.schedule.daily_digest == time(15, 0)
    assert settings.schedule.escalation_delay == timedelta(minutes=30)
    for wrong, key in (
        ({"weekly_digest": "senin 07:00"}, "schedule.weekly_digest"),
        ({"weekly_digest": "mon 7am"}, "schedule.weekly_digest"),
        ({"digest_catch_up": "dua jam"}, "schedule.digest_catch_up"),
        ({"max_leave_days": 0}, "schedule.max_leave_days"),
    ):
        with pytest.raises(ConfigError) as caught:
            load_config(Path("/nonexistent.toml"), schedule=wrong)
        assert key in str(caught.value)
