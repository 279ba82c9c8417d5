"""The recap's figures (db/recap.py) on a hand-built dataset where every number is known.

Briefing 1 (published on START, deadline two days later) targets six units that
count and one that is deactivated afterwards:

- Kel. Pondok Rajeg: a link on time, a second one later          -> on time
- Kel. Karadenan: a rejected link on time, an accepted one late  -> late
- Kel. Pakansari: one link, rejected                             -> rejected only
- Desa Wanaherang: only a draft                                  -> missing
- Desa Bojongkulur: nothing, and only an inactive account         -> missing, no officer
- Kecamatan Citeureup (the kecamatan's own unit): on time        -> on time
- Kel. Harapanjaya: on time, then deactivated                    -> left out

A unit added to Cibinong after publication is not targeted. Briefing 2 (deadline
the week after) targets Pondok Rajeg (late) and Wanaherang (on time); a draft and a
briefing scheduled for later are in no period.
"""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from db import recap, recap_lists
from db import scope as scope_db
from db.connection import Database
from db.officers import Officer, Role
from db.timefmt import to_db
from tests.conftest import START
from tests.factories import (
    BOJONGKULUR,
    CIBINONG,
    CITEUREUP,
    GUNUNGPUTRI,
    KARADENAN,
    PAKANSARI,
    PONDOK_RAJEG,
    REGENCY,
    WANAHERANG,
    create_program,
    insert_officer,
    unit_id_in,
)

WIB = ZoneInfo("Asia/Jakarta")
HARAPANJAYA = "32.01.01.1003"
DEADLINE_1 = START + timedelta(days=2)
DEADLINE_2 = START + timedelta(days=8)
NOW = START + timedelta(days=10)
_URLS = itertools.count(1)


@pytest.fixture
async def db(db_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(db_path)
    yield database
    await database.close()


async def briefing(
    db: Database, author: Officer, title: str, deadline: datetime, status: str, publish_at: datetime
) -> int:
    return await db.execute(
        "INSERT INTO briefings (author_id, title, deadline, status, publish_at, created_at,"
        " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (author.id, title, to_db(deadline), status, to_db(publish_at), to_db(START), to_db(START)),
    )


async def target(db: Database, briefing_id: int, codes: list[str]) -> None:
    for code in codes:
        await db.execute(
            "INSERT INTO assignments (briefing_id, unit_id, opened_at) VALUES (?, ?, ?)",
            (briefing_id, await unit_id_in(db, code), to_db(START)),
        )


async def link(
    db: Database, who: Officer, briefing_id: int, at: datetime, status: str = "diterima"
) -> None:
    number = next(_URLS)
    await db.execute(
        "INSERT INTO submissions (receipt, officer_id, unit_id, briefing_id, kind, url, platform,"
        " status, created_at) VALUES (?, ?, ?, ?, 'link', ?, 'instagram', ?, ?)",
        (
            f"R{number}",
            who.id,
            who.unit_id,
            briefing_id,
            f"https://www.instagram.com/p/Recap{number:04d}/",
            status,
            to_db(at),
        ),
    )


class World:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.people: dict[str, Officer] = {}
        self.b1 = self.b2 = self.later = 0

    async def build(self) -> World:
        db = self.db
        people: tuple[tuple[str, str, Role], ...] = (
            ("Koordinator Kabupaten", REGENCY, "coordinator"),
            ("Koordinator Cibinong", CIBINONG, "coordinator"),
            ("Koordinator Gunungputri", GUNUNGPUTRI, "coordinator"),
            ("Petugas Pondok Rajeg", PONDOK_RAJEG, "officer"),
            ("Petugas Karadenan", KARADENAN, "officer"),
            ("Petugas Pakansari", PAKANSARI, "officer"),
            ("Petugas Wanaherang", WANAHERANG, "officer"),
            ("Petugas Citeureup", CITEUREUP, "officer"),
            ("Petugas Harapanjaya", HARAPANJAYA, "officer"),
        )
        for name, code, role in people:
            self.people[name] = await insert_officer(db, name, code, role)
        await insert_officer(db, "Mantan Bojongkulur", BOJONGKULUR, status="inactive")
        author = self.people["Koordinator Kabupaten"]
        self.b1 = await briefing(db, author, "Vaksinasi", DEADLINE_1, "published", START)
        await target(
            db,
            self.b1,
            [PONDOK_RAJEG, KARADENAN, PAKANSARI, WANAHERANG, BOJONGKULUR, CITEUREUP, HARAPANJAYA],
        )
        before, after = DEADLINE_1 - timedelta(hours=1), DEADLINE_1 + timedelta(hours=1)
        await link(db, self.people["Petugas Pondok Rajeg"], self.b1, before)
        await link(db, self.people["Petugas Pondok Rajeg"], self.b1, after)
        await link(db, self.people["Petugas Karadenan"], self.b1, before, "ditolak")
        await link(db, self.people["Petugas Karadenan"], self.b1, after, "disetujui")
        await link(db, self.people["Petugas Pakansari"], self.b1, before, "ditolak")
        await link(db, self.people["Petugas Citeureup"], self.b1, DEADLINE_1)
        await link(db, self.people["Petugas Harapanjaya"], self.b1, before)
        await db.execute(
            "INSERT INTO submissions (receipt, officer_id, unit_id, briefing_id, kind, draft_text,"
            " created_at) VALUES ('D1', ?, ?, ?, 'draft', 'Draf', ?)",
            (
                self.people["Petugas Wanaherang"].id,
                await unit_id_in(db, WANAHERANG),
                self.b1,
                to_db(before),
            ),
        )
        await db.execute("UPDATE units SET active = 0 WHERE code = ?", (HARAPANJAYA,))
        await db.execute(
            "INSERT INTO units (code, name, kind, parent_id, created_at)"
            " VALUES ('32.01.01.1099', 'Baru', 'kelurahan', ?, ?)",
            (await unit_id_in(db, CIBINONG), to_db(START + timedelta(days=1))),
        )
        self.b2 = await briefing(db, author, "Pasar Murah", DEADLINE_2, "closed", START)
        await target(db, self.b2, [PONDOK_RAJEG, WANAHERANG])
        await link(db, self.people["Petugas Pondok Rajeg"], self.b2, DEADLINE_2 + timedelta(days=1))
        await link(db, self.people["Petugas Wanaherang"], self.b2, DEADLINE_2 - timedelta(days=1))
        draft = await briefing(db, author, "Draf", DEADLINE_2, "draft", START)
        await db.execute("UPDATE briefings SET publish_at = NULL WHERE id = ?", (draft,))
        self.later = await briefing(
            db, author, "Nanti", DEADLINE_2, "scheduled", NOW + timedelta(days=1)
        )
        await target(db, self.later, [PONDOK_RAJEG])
        return self

    def __getitem__(self, name: str) -> Officer:
        return self.people[name]


@pytest.fixture
async def world(db: Database) -> World:
    return await World(db).build()


def statuses(result: recap.Recap) -> dict[str, str]:
    return {unit.unit.name: unit.status for unit in result.units}


async def test_regency_recap_of_one_briefing(db: Database, world: World) -> None:
    result = await recap.briefing_recap(db, world["Koordinator Kabupaten"], world.b1, NOW)
    assert result is not None
    assert result.scope.code == REGENCY
    assert statuses(result) == {
        "Pondok Rajeg": "on_time",
        "Karadenan": "late",
        "Pakansari": "rejected_only",
        "Wanaherang": "missing",
        "Bojongkulur": "missing",
        "Citeureup": "on_time",
    }
    assert result.totals == recap.Counts(
        targeted=6, on_time=2, late=1, missing=2, rejected_only=1, no_officer=1
    )
    assert (result.totals.reported, result.totals.percent) == (3, 50)
    groups = {row.unit.name: row.counts for row in result.groups}
    assert groups == {
        "Cibinong": recap.Counts(targeted=3, on_time=1, late=1, rejected_only=1),
        "Gunungputri": recap.Counts(targeted=2, missing=2, no_officer=1),
        "Citeureup": recap.Counts(targeted=1, on_time=1),
    }
    by_name = {unit.unit.name: unit for unit in result.units}
    assert not by_name["Bojongkulur"].has_active_officer
    assert by_name["Wanaherang"].has_active_officer
    assert by_name["Karadenan"].first_report_at == DEADLINE_1 + timedelta(hours=1)
    assert [(line.status, line.late) for line in by_name["Karadenan"].reports] == [
        ("ditolak", False),
        ("disetujui", True),
    ]
    assert by_name["Wanaherang"].reports == ()
    assert by_name["Pondok Rajeg"].unit.kecamatan_name == "Cibinong"
    assert {unit.unit.name for unit in result.unreported} == {
        "Pakansari",
        "Wanaherang",
        "Bojongkulur",
    }
    assert result.deadline_passed


async def test_kecamatan_coordinator_sees_only_their_desa(db: Database, world: World) -> None:
    result = await recap.briefing_recap(db, world["Koordinator Gunungputri"], world.b1, NOW)
    assert result is not None
    assert result.scope.name == "Gunungputri"
    assert statuses(result) == {"Wanaherang": "missing", "Bojongkulur": "missing"}
    assert [row.unit.name for row in result.groups] == ["Wanaherang", "Bojongkulur"]
    assert result.totals == recap.Counts(targeted=2, missing=2, no_officer=1)
    with pytest.raises(scope_db.OutOfScope):
        await recap.briefing_recap(
            db,
            world["Koordinator Gunungputri"],
            world.b1,
            NOW,
            area_id=await unit_id_in(db, CIBINONG),
        )


async def test_drill_down_and_out_of_reach(db: Database, world: World) -> None:
    cibinong = await unit_id_in(db, CIBINONG)
    result = await recap.briefing_recap(
        db, world["Koordinator Kabupaten"], world.b1, NOW, area_id=cibinong
    )
    assert result is not None
    assert set(statuses(result)) == {"Pondok Rajeg", "Karadenan", "Pakansari"}
    one = await recap.briefing_recap(
        db,
        world["Koordinator Kabupaten"],
        world.b1,
        NOW,
        area_id=await unit_id_in(db, KARADENAN),
    )
    assert one is not None and statuses(one) == {"Karadenan": "late"}
    mine = await recap.briefing_recap(db, world["Petugas Wanaherang"], world.b1, NOW)
    assert mine is not None and statuses(mine) == {"Wanaherang": "missing"}
    # A briefing that targets nobody in scope, and one not published yet, have no recap.
    elsewhere = await briefing(
        db, world["Koordinator Kabupaten"], "Cibinong saja", DEADLINE_2, "published", START
    )
    await target(db, elsewhere, [KARADENAN])
    gunungputri = world["Koordinator Gunungputri"]
    assert await recap.briefing_recap(db, gunungputri, elsewhere, NOW) is None
    assert await recap.briefing_recap(db, world["Koordinator Kabupaten"], world.later, NOW) is None


async def test_before_the_deadline_missing_means_not_yet(db: Database, world: World) -> None:
    early = DEADLINE_1 - timedelta(minutes=30)
    result = await recap.briefing_recap(db, world["Koordinator Kabupaten"], world.b1, early)
    assert result is not None and not result.deadline_passed


async def test_period_recap_and_weeks(db: Database, world: World) -> None:
    start = datetime(2026, 11, 30, 17, 0, tzinfo=UTC)  # Tuesday 1 December, 00:00 WIB
    end = start + timedelta(days=14)
    result = await recap.period_recap(db, world["Koordinator Kabupaten"], start, end, NOW, zone=WIB)
    assert [line.briefing.title for line in result.briefings] == ["Vaksinasi", "Pasar Murah"]
    assert result.totals == recap.Counts(
        targeted=8, on_time=3, late=2, missing=2, rejected_only=1, no_officer=1
    )
    units = {unit.unit.name: unit.counts for unit in result.units}
    assert units["Pondok Rajeg"] == recap.Counts(targeted=2, on_time=1, late=1)
    assert units["Wanaherang"] == recap.Counts(targeted=2, on_time=1, missing=1)
    assert [week.week_start for week in result.weeks] == [date(2026, 11, 30), date(2026, 12, 7)]
    assert [week.counts.targeted for week in result.weeks] == [6, 2]
    assert {unit.unit.name for unit in result.with_missing} == {
        "Pakansari",
        "Wanaherang",
        "Bojongkulur",
    }
    mine = await recap.period_recap(db, world["Koordinator Gunungputri"], start, end, NOW, zone=WIB)
    assert mine.totals == recap.Counts(targeted=3, on_time=1, missing=2, no_officer=1)
    assert {unit.unit.kecamatan_name for unit in mine.units} == {"Gunungputri"}
    links = await recap.period_reports(db, world["Koordinator Cibinong"], start, end, NOW)
    assert len(links) == 6
    assert {line.unit_id for line in links} == {
        await unit_id_in(db, code) for code in (PONDOK_RAJEG, KARADENAN, PAKANSARI)
    }


async def test_an_inactive_viewer_sees_nothing(db: Database, world: World) -> None:
    gone = await insert_officer(db, "Mantan", CIBINONG, "coordinator", status="inactive")
    with pytest.raises(scope_db.OutOfScope):
        await recap.briefing_recap(db, gone, world.b1, NOW)


# ---- db/recap_lists.py ----------------------------------------------------------------


async def test_briefings_to_pick_include_the_regencys(db: Database, world: World) -> None:
    picked, total = await recap_lists.recent_briefings(db, world["Koordinator Gunungputri"], NOW)
    assert ([info.title for info in picked], total) == (["Pasar Murah", "Vaksinasi"], 2)
    page, total = await recap_lists.recent_briefings(
        db, world["Koordinator Gunungputri"], NOW, offset=1, limit=1
    )
    assert ([info.title for info in page], total) == (["Vaksinasi"], 2)
    mine, _ = await recap_lists.recent_briefings(db, world["Petugas Citeureup"], NOW)
    assert [info.title for info in mine] == ["Vaksinasi"]


async def test_running_briefings_are_picked_first_nearest_deadline_first(
    db: Database, world: World
) -> None:
    author = world["Koordinator Kabupaten"]
    far = await briefing(db, author, "Jauh", NOW + timedelta(days=5), "published", START)
    near = await briefing(db, author, "Dekat", NOW + timedelta(hours=3), "published", START)
    await target(db, far, [WANAHERANG])
    await target(db, near, [WANAHERANG])
    picked, total = await recap_lists.recent_briefings(db, world["Koordinator Gunungputri"], NOW)
    assert [info.title for info in picked] == ["Dekat", "Jauh", "Pasar Murah", "Vaksinasi"]
    assert [info.running(NOW) for info in picked] == [True, True, False, False]
    assert total == 4


async def test_a_units_people_and_who_can_be_reached(db: Database, world: World) -> None:
    wanaherang = await unit_id_in(db, WANAHERANG)
    extra = await insert_officer(db, "Andi Blokir", WANAHERANG)
    await db.execute("UPDATE officers SET reachable = 0 WHERE id = ?", (extra.id,))
    people = await recap_lists.unit_people(db, world["Koordinator Gunungputri"], wanaherang, NOW)
    assert [(person.name, person.reachable) for person in people] == [
        ("Andi Blokir", False),
        ("Petugas Wanaherang", True),
    ]
    assert (
        await recap_lists.unit_people(
            db, world["Koordinator Gunungputri"], await unit_id_in(db, BOJONGKULUR), NOW
        )
        == []
    )
    with pytest.raises(scope_db.OutOfScope):
        await recap_lists.unit_people(db, world["Koordinator Cibinong"], wanaherang, NOW)


async def test_ranking_standing_and_streak(db: Database, world: World) -> None:
    start = datetime(2026, 11, 30, 17, 0, tzinfo=UTC)
    end = start + timedelta(days=31)
    ranks = await recap_lists.ranking(db, world["Koordinator Kabupaten"], start, end, NOW, zone=WIB)
    assert [(rank.position, rank.unit.unit.name) for rank in ranks] == [
        (1, "Citeureup"),
        (2, "Pondok Rajeg"),
        (3, "Wanaherang"),
        (4, "Karadenan"),
        (5, "Pakansari"),
        (6, "Bojongkulur"),
    ]
    mine = await recap_lists.ranking(
        db, world["Koordinator Gunungputri"], start, end, NOW, zone=WIB
    )
    assert [rank.unit.unit.name for rank in mine] == ["Wanaherang", "Bojongkulur"]
    standing = await recap_lists.standing(
        db, world["Petugas Wanaherang"], start, end, NOW, zone=WIB
    )
    assert (standing.position, standing.of, standing.streak) == (3, 6, 1)
    assert standing.counts == recap.Counts(targeted=2, on_time=1, missing=1)
    late = await recap_lists.standing(db, world["Petugas Pondok Rajeg"], start, end, NOW, zone=WIB)
    assert late.streak == 0
    # Before briefing 2's deadline only briefing 1 counts.
    early = await recap_lists.standing(
        db, world["Petugas Pondok Rajeg"], start, end, DEADLINE_2 - timedelta(hours=1), zone=WIB
    )
    assert (early.counts, early.streak) == (recap.Counts(targeted=1, on_time=1), 1)


async def test_program_compliance_and_the_regency_rate(db: Database, world: World) -> None:
    program = await create_program(db, world["Koordinator Kabupaten"], START, "Bogor Sehat")
    await db.execute("UPDATE briefings SET program_id = ? WHERE id = ?", (program, world.b1))
    counts = await recap_lists.program_compliance(
        db, world["Koordinator Gunungputri"], [program], NOW
    )
    assert counts == {program: recap.Counts(targeted=2, missing=2, no_officer=1)}
    assert await recap_lists.program_compliance(db, world["Koordinator Gunungputri"], [], NOW) == {}
    assert await recap_lists.regency_rate(db, [world.b1], NOW) == 0.5
    assert await recap_lists.regency_rate(db, [world.later], NOW) == 0.0
