"""The scope rules of db/scope.py, one by one, on the real Kabupaten Bogor directory:
who may act on which unit, "administrator or regency coordinator", the SQL form the
listing queries use, and the re-check a decision makes when it is recorded."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from db import scope
from db import units as units_db
from db.connection import Database
from db.officers import Officer
from tests.factories import insert_officer, unit_id_in

REGENCY = units_db.REGENCY_CODE
KECAMATAN = "32.01.01"  # Cibinong
DESA = "32.01.01.1001"  # Pondok Rajeg, in Cibinong
OTHER_KECAMATAN = "32.01.02"  # Gunungputri
OTHER_DESA = "32.01.02.2001"  # Wanaherang, in Gunungputri


@pytest.fixture
async def db(db_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(db_path)
    yield database
    await database.close()


async def _covered(db: Database, officer: Officer) -> dict[str, bool]:
    units = (REGENCY, KECAMATAN, DESA, OTHER_KECAMATAN, OTHER_DESA)
    return {code: await scope.may_act_on(db, officer, await unit_id_in(db, code)) for code in units}


async def _listed(db: Database, officer: Officer) -> set[int]:
    condition, params = scope.unit_condition(officer, "id")
    rows = await db.fetchall(f"SELECT id FROM units WHERE {condition}", params)
    return {row["id"] for row in rows}


async def test_who_may_act_on_which_unit(db: Database) -> None:
    everywhere = dict.fromkeys((REGENCY, KECAMATAN, DESA, OTHER_KECAMATAN, OTHER_DESA), True)
    nowhere = dict.fromkeys(everywhere, False)
    admin = await insert_officer(db, "Admin", REGENCY, "admin")
    central = await insert_officer(db, "Dewi", REGENCY, "coordinator")
    kecamatan = await insert_officer(db, "Rudi", KECAMATAN, "coordinator")
    village = await insert_officer(db, "Siti", DESA)
    retired = await insert_officer(db, "Dedi", REGENCY, "admin", status="inactive")
    waiting = await insert_officer(db, "Pandu", KECAMATAN, "coordinator", status="pending")

    assert await _covered(db, admin) == everywhere
    assert await _covered(db, central) == everywhere
    assert await _covered(db, kecamatan) == {**nowhere, KECAMATAN: True, DESA: True}
    assert await _covered(db, village) == {**nowhere, DESA: True}
    assert await _covered(db, retired) == nowhere
    assert await _covered(db, waiting) == nowhere
    assert not await scope.may_act_on(db, None, await unit_id_in(db, DESA))

    assert [await scope.sees_everything(db, person) for person in (admin, central)] == [True] * 2
    for person in (kecamatan, village, retired, waiting, None):
        assert not await scope.sees_everything(db, person)


async def test_the_sql_form_lists_the_same_units(db: Database) -> None:
    all_units = {unit.id for unit in await units_db.list_units(db)}
    kecamatan_units = {unit.id for unit in await units_db.list_units(db, KECAMATAN)}
    admin = await insert_officer(db, "Admin", REGENCY, "admin")
    central = await insert_officer(db, "Dewi", REGENCY, "coordinator")
    kecamatan = await insert_officer(db, "Rudi", KECAMATAN, "coordinator")
    village = await insert_officer(db, "Siti", DESA)
    retired = await insert_officer(db, "Dedi", KECAMATAN, "coordinator", status="inactive")

    assert await _listed(db, admin) == all_units
    assert await _listed(db, central) == all_units
    assert await _listed(db, kecamatan) == kecamatan_units and len(kecamatan_units) > 2
    assert await _listed(db, village) == {await unit_id_in(db, DESA)}
    assert await _listed(db, retired) == set()
    for unit in await units_db.list_units(db):
        assert await scope.may_act_on(db, kecamatan, unit.id) == (unit.id in kecamatan_units)


async def test_a_decision_rereads_the_person_when_it_is_recorded(db: Database) -> None:
    rudi = await insert_officer(db, "Rudi", KECAMATAN, "coordinator")
    desa = await unit_id_in(db, DESA)
    assert (await scope.recheck(db, rudi, desa)).unit_id == rudi.unit_id

    # Moved to another kecamatan: the Officer object in hand still says Cibinong.
    await db.execute(
        "UPDATE officers SET unit_id = ? WHERE id = ?",
        (await unit_id_in(db, OTHER_KECAMATAN), rudi.id),
    )
    assert await scope.may_act_on(db, rudi, desa)
    with pytest.raises(scope.OutOfScope):
        await scope.recheck(db, rudi, desa)
    moved = await scope.recheck(db, rudi, await unit_id_in(db, OTHER_DESA))
    assert moved.unit_id == await unit_id_in(db, OTHER_KECAMATAN)

    # Demoted or deactivated: refused anywhere, and inside a transaction as well.
    await db.execute("UPDATE officers SET role = 'officer' WHERE id = ?", (rudi.id,))
    with pytest.raises(scope.OutOfScope):
        await scope.recheck(db, rudi, None)
    await db.execute(
        "UPDATE officers SET role = 'coordinator', status = 'inactive' WHERE id = ?", (rudi.id,)
    )
    async with db.transaction() as conn:
        with pytest.raises(scope.OutOfScope):
            await scope.recheck(conn, rudi, await unit_id_in(db, OTHER_DESA))
