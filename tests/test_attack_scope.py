"""Scope at the moment of decision, attacked: a coordinator moved to another kecamatan while
typing a note, and two managers deciding the same thing at once.

Each case is named after the attack and checks what the person is told and that the
database did not change (a dump of every table, or the rows concerned).
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.core.texts import t
from bot.devtools.driver import BotDriver
from db import issue_reports as issues_db
from db import people as people_db
from db import submissions as submissions_db
from db import units as units_db
from db.audit import Actor
from db.briefings import BriefingError, BriefingProblem
from db.scope import OutOfScope
from scheduler import briefing_lifecycle
from tests.conftest import ADMIN_ID
from tests.factories import CIBINONG, PONDOK_RAJEG, dump, joined, officer, publish, settle

OTHER_KECAMATAN = "32.01.02"  # Kecamatan Gunungputri
CHANGED = t("id", "denied.changed")


async def _move(bot: BotDriver, telegram_id: int, unit_code: str) -> None:
    """The administrator moves the person to another unit (as /petugas does)."""
    await bot.say(ADMIN_ID, "/start")
    person = await officer(bot, telegram_id)
    unit = await units_db.by_code(bot.db, unit_code)
    assert unit is not None
    await people_db.move_unit(bot.db, ADMIN_ID, person.id, unit.id, bot.clock.now())


async def _moved_then_typed(bot: BotDriver, coordinator: int, officer_id: int, text: str) -> None:
    """The coordinator is moved away mid-dialogue, then types ``text``: "changed" is the
    answer, nothing in the database changes and the officer is told nothing."""
    await _move(bot, coordinator, OTHER_KECAMATAN)
    await settle(bot)
    before, told = await dump(bot.db), len(bot.sandbox.messages(officer_id))
    assert joined(await bot.say(coordinator, text)) == CHANGED
    await settle(bot)
    assert await dump(bot.db) == before
    assert len(bot.sandbox.messages(officer_id)) == told


async def _report(bot: BotDriver, reporter: int, briefing_id: int, url: str) -> int:
    made = await submissions_db.report_link(
        bot.db, await officer(bot, reporter), briefing_id, url, bot.clock.now()
    )
    return made.submission.id


async def _issue(bot: BotDriver, reporter: int) -> int:
    made = await issues_db.create(
        bot.db,
        await officer(bot, reporter),
        url="https://www.facebook.com/hoaks/777",
        screenshot_file_id=None,
        description="Kabar bohong soal posyandu",
        urgency="penting",
        now=bot.clock.now(),
    )
    return made.id


async def _audit(bot: BotDriver, prefix: str) -> list[str]:
    rows = await bot.db.fetchall(
        "SELECT action FROM audit_log WHERE action LIKE ? ORDER BY id", (f"{prefix}%",)
    )
    return [row["action"] for row in rows]


async def test_coordinator_moved_mid_revision_note_cannot_record_it(bot: BotDriver) -> None:
    rudi = await bot.join("Rudi", CIBINONG, "coordinator")
    siti = await bot.join("Siti", PONDOK_RAJEG)
    briefing_id = await publish(bot, rudi, [PONDOK_RAJEG])
    await _report(bot, siti, briefing_id, "https://www.instagram.com/p/MOVEDREV1/")
    await bot.say(rudi, "/tinjau")
    assert "catatan revisi" in joined(await bot.press(rudi, "✏️ Revisi"))

    await _moved_then_typed(bot, rudi, siti, "Tambahkan tagar resmi")
    row = await bot.db.fetchone("SELECT status, review_note FROM submissions")
    assert row is not None
    assert (row["status"], row["review_note"]) == ("diterima", None)


async def test_coordinator_moved_mid_rejection_reason_cannot_record_it(bot: BotDriver) -> None:
    """Rejecting takes no typed reason here; the attack is the same: the card stays open
    while the coordinator is moved, and the decision comes afterwards — through the
    button, and through a handler still holding the person as read before the move."""
    rudi = await bot.join("Rudi", CIBINONG, "coordinator")
    siti = await bot.join("Siti", PONDOK_RAJEG)
    briefing_id = await publish(bot, rudi, [PONDOK_RAJEG])
    submission_id = await _report(bot, siti, briefing_id, "https://www.instagram.com/p/MOVEDREJ1/")
    assert "Siti" in joined(await bot.say(rudi, "/tinjau"))
    stale = await officer(bot, rudi)

    await _move(bot, rudi, OTHER_KECAMATAN)
    await settle(bot)
    before = await dump(bot.db)
    assert await bot.press(rudi, "❌ Tolak") == []
    assert bot.sandbox.callback_answers[-1]["text"] == t("id", "denied.scope")
    with pytest.raises(OutOfScope):
        await submissions_db.decide(
            bot.db, stale, submission_id, "ditolak", "Bukan akun resmi", bot.clock.now()
        )
    assert await dump(bot.db) == before
    assert await bot.db.fetchval("SELECT status FROM submissions") == "diterima"


async def test_coordinator_moved_mid_issue_note_cannot_record_it(bot: BotDriver) -> None:
    rudi = await bot.join("Rudi", CIBINONG, "coordinator")
    siti = await bot.join("Siti", PONDOK_RAJEG)
    issue_id = await _issue(bot, siti)
    await bot.say(rudi, "/isu_daftar")
    assert "catatan penanganan" in joined(await bot.press(rudi, f"✔️ Tangani ISU-{issue_id:04d}"))

    await _moved_then_typed(bot, rudi, siti, "Sudah diklarifikasi di akun resmi")
    assert await bot.db.fetchval("SELECT status FROM issue_reports") == "open"


async def test_coordinator_moved_mid_deadline_change_cannot_record_it(bot: BotDriver) -> None:
    rudi = await bot.join("Rudi", CIBINONG, "coordinator")
    await bot.join("Siti", PONDOK_RAJEG)
    briefing_id = await publish(bot, rudi, [PONDOK_RAJEG])
    deadline = await bot.db.fetchval("SELECT deadline FROM briefings WHERE id = ?", (briefing_id,))
    await bot.say(rudi, "/brief_kelola")
    assert "Ketik tenggat baru" in joined(await bot.press(rudi, f"⏰ Tenggat #{briefing_id}"))

    # Rudi wrote this briefing, but it addresses Kecamatan Cibinong's units, not him.
    await _move(bot, rudi, OTHER_KECAMATAN)
    await settle(bot)
    before = await dump(bot.db)
    assert joined(await bot.say(rudi, "besok 16:00")) == CHANGED
    moved = await officer(bot, rudi)
    with pytest.raises(OutOfScope):
        await briefing_lifecycle.change_deadline(
            bot.services,
            briefing_id,
            bot.clock.now() + timedelta(days=3),
            actor=Actor.officer(moved.id, moved.telegram_id),
            now=bot.clock.now(),
        )
    await settle(bot)
    assert await dump(bot.db) == before
    assert (
        await bot.db.fetchval("SELECT deadline FROM briefings WHERE id = ?", (briefing_id,))
        == deadline
    )
    assert "Tidak ada briefing" in joined(await bot.say(rudi, "/brief_kelola"))


async def test_two_managers_closing_one_briefing_second_is_told_already_closed(
    bot: BotDriver,
) -> None:
    rudi = await bot.join("Rudi", CIBINONG, "coordinator")
    dewi = await bot.join("Dewi", units_db.REGENCY_CODE, "coordinator")
    await bot.join("Siti", PONDOK_RAJEG)
    briefing_id = await publish(bot, rudi, [PONDOK_RAJEG], title="Posyandu")
    for who in (rudi, dewi):
        await bot.say(who, "/brief_kelola")
        await bot.press(who, f"🔒 Tutup #{briefing_id}")
    before = {who: len(bot.sandbox.messages(who)) for who in (rudi, dewi)}
    answers = len(bot.sandbox.callback_answers)
    bot.sandbox.press_button(rudi, "🔒 Ya, tutup")
    bot.sandbox.press_button(dewi, "🔒 Ya, tutup")
    await settle(bot)

    told = [
        *(m.plain_text for who in before for m in bot.sandbox.messages(who)[before[who] :]),
        *(answer["text"] for answer in bot.sandbox.callback_answers[answers:] if answer["text"]),
    ]
    closed = [text for text in told if "ditutup: 0/1 unit" in text]
    already = [text for text in told if "sudah ditutup" in text]
    assert len(closed) == 1 and len(already) == 1, told
    assert already[0] in (
        "ℹ️ Briefing Posyandu sudah ditutup. Tidak ada yang diubah.",
        t("id", "manage.problem.not_editable"),
    )
    assert await _audit(bot, "briefing.close") == ["briefing.close"]

    # However the second one arrives, the database refuses it and keeps the first close.
    row = await bot.db.fetchone(
        "SELECT status, closed_at FROM briefings WHERE id = ?", (briefing_id,)
    )
    assert row is not None
    second = await officer(bot, dewi)
    bot.clock.advance(timedelta(minutes=1))
    with pytest.raises(BriefingError) as refused:
        await briefing_lifecycle.close(
            bot.services,
            briefing_id,
            actor=Actor.officer(second.id, second.telegram_id),
            now=bot.clock.now(),
        )
    assert refused.value.problem is BriefingProblem.NOT_EDITABLE
    again = await bot.db.fetchone(
        "SELECT status, closed_at FROM briefings WHERE id = ?", (briefing_id,)
    )
    assert again is not None
    assert tuple(again) == tuple(row) and row["status"] == "closed"
    assert await _audit(bot, "briefing.close") == ["briefing.close"]


async def test_two_deadline_changes_the_second_is_told_already_changed(bot: BotDriver) -> None:
    rudi = await bot.join("Rudi", CIBINONG, "coordinator")
    dewi = await bot.join("Dewi", units_db.REGENCY_CODE, "coordinator")
    await bot.join("Siti", PONDOK_RAJEG)
    briefing_id = await publish(bot, rudi, [PONDOK_RAJEG])
    for who in (rudi, dewi):
        await bot.say(who, "/brief_kelola")
        await bot.press(who, f"⏰ Tenggat #{briefing_id}")
    assert "1 petugas diberi tahu" in joined(await bot.say(rudi, "besok 16:00"))
    await settle(bot)
    before = await dump(bot.db)
    assert joined(await bot.say(dewi, "besok 18:00")) == t("id", "manage.problem.changed")
    await settle(bot)
    assert await dump(bot.db) == before
    assert await _audit(bot, "briefing.deadline") == ["briefing.deadline"]


async def test_approve_vs_reject_race_the_second_is_told_already_decided(bot: BotDriver) -> None:
    rudi = await bot.join("Rudi", CIBINONG, "coordinator")
    dewi = await bot.join("Dewi", units_db.REGENCY_CODE, "coordinator")
    siti = await bot.join("Siti", PONDOK_RAJEG)
    briefing_id = await publish(bot, rudi, [PONDOK_RAJEG])
    await _report(bot, siti, briefing_id, "https://www.instagram.com/p/RACEOKNO1/")
    for who in (rudi, dewi):
        assert "Siti" in joined(await bot.say(who, "/tinjau"))
    assert "disetujui" in joined(await bot.press(rudi, "✅ Setujui"))
    await settle(bot)
    before = await dump(bot.db)
    lost = joined(await bot.press(dewi, "❌ Tolak"))
    assert lost.startswith("ℹ️ No. L0001 sudah diputuskan oleh Rudi: ✅ disetujui."), lost
    await settle(bot)
    assert await dump(bot.db) == before
    assert await bot.db.fetchval("SELECT status FROM submissions") == "disetujui"
    assert await _audit(bot, "submission.") == ["submission.disetujui"]


async def test_two_coordinators_handling_one_issue_the_second_is_told_already_handled(
    bot: BotDriver,
) -> None:
    rudi = await bot.join("Rudi", CIBINONG, "coordinator")
    dewi = await bot.join("Dewi", units_db.REGENCY_CODE, "coordinator")
    siti = await bot.join("Siti", PONDOK_RAJEG)
    issue_id = await _issue(bot, siti)
    for who in (rudi, dewi):
        await bot.say(who, "/isu_daftar")
        await bot.press(who, f"✔️ Tangani ISU-{issue_id:04d}")
    assert "ditandai sudah ditangani" in joined(await bot.say(rudi, "Sudah diklarifikasi"))
    await settle(bot)
    before = await dump(bot.db)
    lost = joined(await bot.say(dewi, "Saya hubungi media"))
    assert lost == f"ISU-{issue_id:04d} sudah ditangani oleh Rudi.", lost
    await settle(bot)
    assert await dump(bot.db) == before
    assert await bot.db.fetchval("SELECT note FROM issue_reports") == "Sudah diklarifikasi"
