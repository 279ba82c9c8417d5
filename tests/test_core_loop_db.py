"""The core loop's business rules, without Telegram: programs, briefings, assignments,
submissions, review and issue reports."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from bot.core.clock import FakeClock
from bot.core.links import Problem
from db import assignments as assignments_db
from db import audit, oversight
from db import briefing_management as management
from db import briefings as briefings_db
from db import issue_reports as issues_db
from db import programs as programs_db
from db import submissions as submissions_db
from db import units as units_db
from db.briefings import BriefingError, BriefingProblem
from db.connection import Database
from db.officers import Officer
from db.submissions import SubmissionRefused, SubmitProblem
from db.timefmt import to_db
from tests.factories import (
    CIBINONG,
    KARADENAN,
    PONDOK_RAJEG,
    WANAHERANG,
    actor,
    create_program,
    draft,
    insert_officer,
    unit_id_in,
)


@pytest.fixture
async def db(db_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(db_path)
    yield database
    await database.close()


async def published_briefing(
    db: Database,
    clock: FakeClock,
    author: Officer,
    unit_codes: list[str],
    deadline: timedelta = timedelta(days=2),
    channels: tuple[str, ...] = ("instagram",),
) -> briefings_db.Briefing:
    count = await db.fetchval("SELECT count(*) FROM programs")
    program_id = await create_program(
        db,
        author,
        clock.now(),
        f"Program {count + 1}",
        description="",
        horizon="pendek",
        ends_on=date(2027, 3, 31),
    )
    draft_id = await draft(
        db,
        author,
        clock.now(),
        program_id=program_id,
        title="Vaksinasi",
        key_message="Ayo vaksin",
        channels=list(channels),
        deadline=clock.now() + deadline,
    )
    unit_ids = [await unit_id_in(db, code) for code in unit_codes]
    return await publish(db, draft_id, unit_ids, clock.now(), clock.now(), author)


async def publish(
    db: Database,
    briefing_id: int,
    unit_ids: list[int],
    publish_at: datetime,
    now: datetime,
    author: Officer,
) -> briefings_db.Briefing:
    async with db.transaction() as conn:
        return await briefings_db.publish_in(
            conn,
            briefing_id,
            unit_ids=unit_ids,
            publish_at=publish_at,
            now=now,
            actor=actor(author),
        )


async def test_programs_need_a_unique_name_and_sane_dates(db: Database, clock: FakeClock) -> None:
    admin = await insert_officer(db, "Admin", units_db.REGENCY_CODE, "admin")
    kec = await insert_officer(db, "Kecamatan", CIBINONG, "coordinator")
    central = await insert_officer(db, "Pusat", units_db.REGENCY_CODE, "coordinator")
    assert await programs_db.can_manage(db, admin)
    assert await programs_db.can_manage(db, central)
    assert not await programs_db.can_manage(db, kec)
    made = await programs_db.create(
        db,
        name="  Bogor   Sehat ",
        description="Kesehatan",
        priority=1,
        horizon="menengah",
        starts_on=date(2026, 12, 1),
        ends_on=date(2027, 6, 30),
        actor=actor(admin),
        at=clock.now(),
    )
    assert made.name == "Bogor Sehat" and made.status == "active"
    with pytest.raises(programs_db.ProgramError) as taken:
        await programs_db.create(
            db,
            name="bogor sehat",
            description="",
            priority=2,
            horizon="pendek",
            starts_on=date(2026, 12, 1),
            ends_on=date(2026, 12, 31),
            actor=actor(admin),
            at=clock.now(),
        )
    assert taken.value.problem is programs_db.ProgramProblem.NAME_TAKEN
    with pytest.raises(programs_db.ProgramError):
        programs_db.parse_period("2027-01-01 2026-01-01")
    assert programs_db.parse_period("2026-12-01 s/d 2027-01-31") == (
        date(2026, 12, 1),
        date(2027, 1, 31),
    )
    await programs_db.set_status(db, made.id, "done", actor(admin), clock.now())
    assert await programs_db.list_active(db) == []
    actions = [entry.action for entry in await audit.recent(db)]
    assert "program.create" in actions and "program.done" in actions


async def test_draft_fields_are_checked_and_saved(db: Database, clock: FakeClock) -> None:
    author = await insert_officer(db, "Pusat", units_db.REGENCY_CODE, "coordinator")
    draft = await briefings_db.start_draft(db, author.id, clock.now())
    saved = await briefings_db.save_draft(
        db,
        draft.id,
        clock.now(),
        step="formats",
        title="Judul",
        points=["a", "b"],
        audience_geographic=["3t"],
    )
    assert saved.points == ("a", "b") and saved.audience["geographic"] == ("3t",)
    draft_now = await briefings_db.draft_of(db, author.id)
    assert draft_now is not None and draft_now.step == "formats"
    for _ in range(briefings_db.MAX_ATTACHMENTS):
        await briefings_db.add_attachment(db, draft.id, "photo", "file-x", clock.now())
    with pytest.raises(BriefingError):
        await briefings_db.add_attachment(db, draft.id, "photo", "file-y", clock.now())
    with pytest.raises(BriefingError) as incomplete:
        await publish(db, draft.id, [1], clock.now(), clock.now(), author)
    assert incomplete.value.problem is BriefingProblem.INCOMPLETE
    assert await briefings_db.discard_draft(db, draft.id, author.id)
    assert await briefings_db.draft_of(db, author.id) is None


async def test_publishing_opens_one_assignment_per_unit(db: Database, clock: FakeClock) -> None:
    author = await insert_officer(db, "Kecamatan", CIBINONG, "coordinator")
    siti = await insert_officer(db, "Siti", PONDOK_RAJEG)
    await insert_officer(db, "Budi", KARADENAN)
    await insert_officer(db, "Lain", WANAHERANG)
    briefing = await published_briefing(db, clock, author, [PONDOK_RAJEG, KARADENAN])
    assert briefing.status == "published" and briefing.is_live(clock.now())
    assert {o.full_name for o in await briefings_db.recipients(db, briefing.id)} == {"Siti", "Budi"}
    assert await assignments_db.progress(db, briefing.id) == assignments_db.Progress(2, 0, 0)
    listed = await assignments_db.open_briefings(db, siti.unit_id, clock.now())
    assert [item.unit_status(clock.now()) for item in listed] == ["belum"]


async def test_a_scheduled_briefing_is_invisible_until_its_time(
    db: Database, clock: FakeClock
) -> None:
    author = await insert_officer(db, "Kecamatan", CIBINONG, "coordinator")
    siti = await insert_officer(db, "Siti", PONDOK_RAJEG)
    program = await programs_db.create(
        db,
        name="P",
        description="",
        priority=1,
        horizon="pendek",
        starts_on=date(2026, 12, 1),
        ends_on=date(2026, 12, 31),
        actor=actor(author),
        at=clock.now(),
    )
    draft = await briefings_db.start_draft(db, author.id, clock.now())
    await briefings_db.save_draft(
        db,
        draft.id,
        clock.now(),
        step="preview",
        program_id=program.id,
        title="T",
        key_message="K",
        deadline=clock.now() + timedelta(hours=3),
    )
    with pytest.raises(BriefingError) as late:
        await publish(
            db, draft.id, [siti.unit_id], clock.now() + timedelta(hours=4), clock.now(), author
        )
    assert late.value.problem is BriefingProblem.DEADLINE_BEFORE_PUBLISH
    briefing = await publish(
        db, draft.id, [siti.unit_id], clock.now() + timedelta(hours=1), clock.now(), author
    )
    assert briefing.status == "scheduled"
    assert await assignments_db.open_briefings(db, siti.unit_id, clock.now()) == []
    with pytest.raises(SubmissionRefused) as early:
        await submissions_db.report_link(
            db, siti, briefing.id, "https://instagram.com/p/ABCDEFG", clock.now()
        )
    assert early.value.problem is SubmitProblem.NOT_TARGETED
    clock.advance(timedelta(hours=1))
    assert len(await assignments_db.open_briefings(db, siti.unit_id, clock.now())) == 1


async def test_a_link_closes_the_assignment_on_time_or_late(db: Database, clock: FakeClock) -> None:
    author = await insert_officer(db, "Kecamatan", CIBINONG, "coordinator")
    siti = await insert_officer(db, "Siti", PONDOK_RAJEG)
    budi = await insert_officer(db, "Budi", KARADENAN)
    briefing = await published_briefing(db, clock, author, [PONDOK_RAJEG, KARADENAN])
    on_time = await submissions_db.report_link(
        db, siti, briefing.id, "https://www.instagram.com/p/C7xYz12AbCd/?igsh=abc", clock.now()
    )
    assert on_time.closed_assignment and not on_time.submission.late
    assert on_time.submission.receipt == f"L{on_time.submission.id:04d}"
    assert on_time.submission.url == "https://instagram.com/p/C7xYz12AbCd/"
    second = await submissions_db.report_link(
        db, siti, briefing.id, "https://www.facebook.com/reel/1234567890", clock.now()
    )
    assert not second.closed_assignment and second.submission.off_channel
    clock.advance(timedelta(days=3))
    late = await submissions_db.report_link(
        db, budi, briefing.id, "https://instagram.com/reel/LATEabc123", clock.now()
    )
    assert late.closed_assignment and late.submission.late
    assert await assignments_db.progress(db, briefing.id) == assignments_db.Progress(2, 2, 1)
    statuses = {
        item.title: item.unit_status(clock.now())
        for item in await assignments_db.open_briefings(db, budi.unit_id, clock.now())
    }
    assert statuses == {"Vaksinasi": "sudah_terlambat"}


async def test_duplicates_and_refusals(db: Database, clock: FakeClock) -> None:
    author = await insert_officer(db, "Kecamatan", CIBINONG, "coordinator")
    siti = await insert_officer(db, "Siti", PONDOK_RAJEG)
    budi = await insert_officer(db, "Budi", KARADENAN)
    outsider = await insert_officer(db, "Lain", WANAHERANG)
    briefing = await published_briefing(db, clock, author, [PONDOK_RAJEG, KARADENAN])
    await submissions_db.report_link(
        db, siti, briefing.id, "https://x.com/a/status/123", clock.now()
    )
    with pytest.raises(SubmissionRefused) as dup:
        await submissions_db.report_link(
            db, budi, briefing.id, "https://twitter.com/A/status/123?s=20", clock.now()
        )
    assert dup.value.problem is SubmitProblem.DUPLICATE
    assert dup.value.first is not None and not hasattr(dup.value.first, "officer_name")
    assert dup.value.first.unit_name == "Pondok Rajeg"
    with pytest.raises(SubmissionRefused) as own:
        await submissions_db.report_link(db, siti, None, "https://x.com/a/status/123", clock.now())
    assert own.value.problem is SubmitProblem.OWN_DUPLICATE
    with pytest.raises(SubmissionRefused) as profile:
        await submissions_db.report_link(
            db, budi, briefing.id, "https://instagram.com/desa", clock.now()
        )
    assert profile.value.problem is Problem.PROFILE and profile.value.platform == "instagram"
    with pytest.raises(SubmissionRefused) as stranger:
        await submissions_db.report_link(
            db, outsider, briefing.id, "https://instagram.com/p/OUTSIDER1", clock.now()
        )
    assert stranger.value.problem is SubmitProblem.NOT_TARGETED
    mandiri = await submissions_db.report_link(
        db, outsider, None, "https://instagram.com/p/OUTSIDER1", clock.now()
    )
    assert mandiri.submission.briefing_id is None and not mandiri.closed_assignment
    await management.close(db, briefing.id, actor=actor(author), now=clock.now())
    with pytest.raises(SubmissionRefused) as closed:
        await submissions_db.report_link(
            db, budi, briefing.id, "https://instagram.com/p/NEW1", clock.now()
        )
    assert closed.value.problem is SubmitProblem.CLOSED
    assert await db.fetchval("SELECT count(*) FROM submissions") == 2


async def test_concurrent_reports_of_one_post_keep_one(db: Database, clock: FakeClock) -> None:
    author = await insert_officer(db, "Kecamatan", CIBINONG, "coordinator")
    siti = await insert_officer(db, "Siti", PONDOK_RAJEG)
    budi = await insert_officer(db, "Budi", KARADENAN)
    briefing = await published_briefing(db, clock, author, [PONDOK_RAJEG, KARADENAN])
    results = await asyncio.gather(
        *(
            submissions_db.report_link(
                db, who, briefing.id, "https://youtu.be/dQw4w9WgXcQ", clock.now()
            )
            for who in (siti, budi)
        ),
        return_exceptions=True,
    )
    assert sum(isinstance(result, SubmissionRefused) for result in results) == 1
    assert await db.fetchval("SELECT count(*) FROM submissions") == 1


async def test_review_first_decision_wins_and_rejection_reopens(
    db: Database, clock: FakeClock
) -> None:
    author = await insert_officer(db, "Kecamatan", CIBINONG, "coordinator")
    other_kec = await insert_officer(db, "Kec lain", "32.01.02", "coordinator")
    central = await insert_officer(db, "Pusat", units_db.REGENCY_CODE, "coordinator")
    siti = await insert_officer(db, "Siti", PONDOK_RAJEG)
    briefing = await published_briefing(db, clock, author, [PONDOK_RAJEG])
    report = await submissions_db.report_link(
        db, siti, briefing.id, "https://instagram.com/p/REVIEW1", clock.now()
    )
    clock.advance(timedelta(minutes=1))
    draft = await submissions_db.submit_draft(
        db, siti, briefing.id, text="Draf caption", media_type=None, file_id=None, now=clock.now()
    )
    assert draft.receipt.startswith("D")
    assert await submissions_db.queue_size(db, author) == 2
    assert await submissions_db.queue_size(db, central) == 2
    assert await submissions_db.queue_size(db, other_kec) == 0
    first = await submissions_db.next_in_queue(db, author)
    assert first is not None and first.id == report.submission.id
    after_first = await submissions_db.next_in_queue(db, author, after_id=first.id)
    assert after_first is not None and after_first.id == draft.id
    rejected = await submissions_db.decide(db, author, first.id, "ditolak", None, clock.now())
    assert rejected is not None and rejected.decided
    assert await assignments_db.progress(db, briefing.id) == assignments_db.Progress(1, 0, 0)
    racing = await asyncio.gather(
        submissions_db.decide(db, author, draft.id, "perlu_revisi", "Perbaiki judul", clock.now()),
        submissions_db.decide(db, central, draft.id, "disetujui", None, clock.now()),
    )
    assert sorted(result.decided for result in racing if result) == [False, True]
    loser = next(result for result in racing if result and not result.decided)
    assert loser.reviewer_name in ("Kecamatan", "Pusat")
    assert await submissions_db.queue_size(db, author) == 0


async def test_deadline_change_rejudges_lateness(db: Database, clock: FakeClock) -> None:
    author = await insert_officer(db, "Kecamatan", CIBINONG, "coordinator")
    siti = await insert_officer(db, "Siti", PONDOK_RAJEG)
    briefing = await published_briefing(
        db, clock, author, [PONDOK_RAJEG], deadline=timedelta(hours=1)
    )
    clock.advance(timedelta(hours=2))
    late = await submissions_db.report_link(
        db, siti, briefing.id, "https://instagram.com/p/L8", clock.now()
    )
    assert late.submission.late
    with pytest.raises(BriefingError):
        await management.change_deadline(
            db,
            briefing.id,
            clock.now() - timedelta(minutes=1),
            actor=actor(author),
            now=clock.now(),
        )
    await management.change_deadline(
        db, briefing.id, clock.now() + timedelta(days=1), actor=actor(author), now=clock.now()
    )
    assert await assignments_db.progress(db, briefing.id) == assignments_db.Progress(1, 1, 0)
    changed = await management.change_key_message(
        db, briefing.id, "Pesan baru", actor=actor(author), now=clock.now()
    )
    assert changed.key_message == "Pesan baru"
    entry = (await audit.recent(db))[1]
    assert entry.action == "briefing.deadline" and entry.target == f"briefing:{briefing.id}"


async def test_deadlines_list_next_14_days_and_overdue_in_order(
    db: Database, clock: FakeClock
) -> None:
    author = await insert_officer(db, "Kecamatan", CIBINONG, "coordinator")
    siti = await insert_officer(db, "Siti", PONDOK_RAJEG)
    far = await published_briefing(db, clock, author, [PONDOK_RAJEG], deadline=timedelta(days=20))
    soon = await published_briefing(db, clock, author, [PONDOK_RAJEG], deadline=timedelta(days=3))
    overdue = await published_briefing(
        db, clock, author, [PONDOK_RAJEG], deadline=timedelta(hours=1)
    )
    sooner = await published_briefing(db, clock, author, [PONDOK_RAJEG], deadline=timedelta(days=1))
    clock.advance(timedelta(hours=2))
    listed = await assignments_db.deadlines(db, siti.unit_id, clock.now())
    assert [item.briefing_id for item in listed] == [overdue.id, sooner.id, soon.id]
    assert far.id not in {item.briefing_id for item in listed}
    assert listed[0].unit_status(clock.now()) == "terlambat"


async def test_issue_reports_go_to_the_scope_and_are_handled_once(
    db: Database, clock: FakeClock
) -> None:
    admin = await insert_officer(db, "Admin", units_db.REGENCY_CODE, "admin")
    siti = await insert_officer(db, "Siti", PONDOK_RAJEG)
    # Nobody coordinates yet: the administrators are told.
    assert [o.full_name for o in await oversight.coordinators_over(db, siti.unit_id)] == ["Admin"]
    kec = await insert_officer(db, "Kecamatan", CIBINONG, "coordinator")
    central = await insert_officer(db, "Pusat", units_db.REGENCY_CODE, "coordinator")
    await insert_officer(db, "Kec lain", "32.01.02", "coordinator")
    over = await oversight.coordinators_over(db, siti.unit_id)
    assert [o.full_name for o in over] == ["Kecamatan", "Pusat"]
    nearest = await oversight.coordinators_over(db, siti.unit_id, nearest_only=True)
    assert [o.full_name for o in nearest] == ["Kecamatan"]
    with pytest.raises(issues_db.IssueError):
        await issues_db.create(
            db,
            siti,
            url=None,
            screenshot_file_id=None,
            description="x",
            urgency="biasa",
            now=clock.now(),
        )
    report = await issues_db.create(
        db,
        siti,
        url="https://facebook.com/hoaks",
        screenshot_file_id=None,
        description="Hoaks jalan rusak",
        urgency="darurat",
        now=clock.now(),
    )
    assert report.number == f"ISU-{report.id:04d}"
    assert [r.id for r in await issues_db.open_in_scope(db, kec)] == [report.id]
    assert [r.id for r in await issues_db.open_in_scope(db, admin)] == [report.id]
    done = await issues_db.mark_handled(db, kec, report.id, "Sudah diklarifikasi", clock.now())
    again = await issues_db.mark_handled(db, central, report.id, "Juga", clock.now())
    assert done is not None and done.handled and again is not None and not again.handled
    assert again.handler_name == "Kecamatan" and again.report.note == "Sudah diklarifikasi"
    assert await issues_db.open_in_scope(db, kec) == []
    row = await db.fetchone("SELECT details FROM audit_log WHERE action = 'issue.handled'")
    assert row is not None
    assert json.loads(row["details"]) == {"note": "Sudah diklarifikasi"}
    assert to_db(clock.now())
