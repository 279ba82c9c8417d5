"""Migrations, the connection discipline and the bundled area directory."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

from bot.core.clock import FakeClock
from db import scope
from db import units as units_db
from db.audit import Actor, recent
from db.bootstrap import init_database
from db.connection import Database
from db.migrations import apply_migrations, load_migrations


async def test_migrations_apply_from_empty_then_do_nothing(
    tmp_path: Path, clock: FakeClock
) -> None:
    db = await Database.open(tmp_path / "m.db")
    try:
        first = await apply_migrations(db, clock)
        assert first == [migration.name for migration in load_migrations()]
        assert first[0] == "0001_foundation"
        assert await apply_migrations(db, clock) == []
        recorded = await db.fetchall("SELECT name FROM schema_migrations ORDER BY name")
        assert [row["name"] for row in recorded] == first
    finally:
        await db.close()


async def test_connection_pragmas(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "p.db")
    try:
        assert (await db.fetchval("PRAGMA journal_mode")).lower() == "wal"
        assert await db.fetchval("PRAGMA foreign_keys") == 1
        assert await db.fetchval("PRAGMA busy_timeout") == 5000
    finally:
        await db.close()


async def test_failed_transaction_changes_nothing(db_path: Path) -> None:
    db = await Database.open(db_path)
    try:
        before = await db.fetchval("SELECT count(*) FROM units")
        with pytest.raises(RuntimeError):
            async with db.transaction() as conn:
                await conn.execute(
                    "UPDATE units SET name = 'x' WHERE code = ?", (units_db.REGENCY_CODE,)
                )
                raise RuntimeError("boom")
        assert await db.fetchval("SELECT count(*) FROM units") == before
        regency = await units_db.by_code(db, units_db.REGENCY_CODE)
        assert regency is not None and regency.name == "Kabupaten Bogor"
    finally:
        await db.close()


async def test_area_directory_counts_and_parents(db_path: Path) -> None:
    db = await Database.open(db_path)
    try:
        assert await units_db.counts_by_kind(db) == {
            "kabupaten": 1,
            "kecamatan": 40,
            "desa": 416,
            "kelurahan": 19,
        }
        regency = await units_db.by_code(db, "32.01")
        assert regency is not None and regency.parent_id is None
        orphans = await db.fetchval(
            "SELECT count(*) FROM units c JOIN units p ON p.id = c.parent_id"
            " WHERE NOT ((c.kind = 'kecamatan' AND p.kind = 'kabupaten')"
            " OR (c.kind IN ('desa', 'kelurahan') AND p.kind = 'kecamatan'))"
        )
        assert orphans == 0
        # Every village's parent is the kecamatan whose code prefixes its own.
        mismatched = await db.fetchval(
            "SELECT count(*) FROM units c JOIN units p ON p.id = c.parent_id"
            " WHERE c.kind IN ('desa', 'kelurahan') AND substr(c.code, 1, 8) != p.code"
        )
        assert mismatched == 0
        kelurahan = await db.fetchval(
            "SELECT count(*) FROM units WHERE kind = 'kelurahan' AND substr(code, 10, 1) = '1'"
        )
        assert kelurahan == 19
        cibinong = await units_db.list_units(db, "32.01.01")
        assert cibinong[0].name == "Cibinong" and len(cibinong) > 1
    finally:
        await db.close()


async def test_init_twice_changes_nothing(db_path: Path, clock: FakeClock) -> None:
    db = await Database.open(db_path)
    try:
        dump = await db.fetchall("SELECT * FROM units ORDER BY id")
        audit_before = len(await recent(db, 1000))
        assert await init_database(db, clock, Actor.cli()) == 0
        assert [tuple(row) for row in await db.fetchall("SELECT * FROM units ORDER BY id")] == [
            tuple(row) for row in dump
        ]
        assert len(await recent(db, 1000)) == audit_before
    finally:
        await db.close()


async def test_opd_add_and_import_are_audited(db_path: Path, clock: FakeClock) -> None:
    db = await Database.open(db_path)
    try:
        added, skipped = await units_db.add_opds(
            db, ["Dinas  Kesehatan", "Badan Pendapatan Daerah"], clock.now(), Actor.cli()
        )
        assert [unit.code for unit in added] == ["OPD.001", "OPD.002"] and skipped == []
        names = units_db.read_opd_csv("nama\nDinas Kesehatan\nDinas Pendidikan\n")
        added, skipped = await units_db.add_opds(db, names, clock.now(), Actor.cli())
        assert [unit.name for unit in added] == ["Dinas Pendidikan"]
        assert skipped == ["Dinas Kesehatan"]
        actions = [entry.action for entry in await recent(db, 10)]
        assert actions.count("units.add_opd") == 3
        regency = await units_db.by_code(db, "32.01")
        assert regency is not None
        assert all(unit.parent_id == regency.id for unit in added)
        with pytest.raises(units_db.UnitError):
            units_db.read_opd_csv("a,b\n1,2\n")
        with pytest.raises(units_db.UnitError):
            await units_db.add_opds(db, ["   "], clock.now(), Actor.cli())
    finally:
        await db.close()


async def test_scope_queries(db_path: Path) -> None:
    db = await Database.open(db_path)
    try:
        kecamatan = await units_db.by_code(db, "32.01.01")
        other = await units_db.by_code(db, "32.01.02")
        regency = await units_db.by_code(db, "32.01")
        assert kecamatan is not None and other is not None and regency is not None
        village = (await units_db.children(db, kecamatan.id))[0]
        assert await scope.unit_within(db, kecamatan.id, village.id)
        assert await scope.unit_within(db, regency.id, village.id)
        assert not await scope.unit_within(db, other.id, village.id)
        assert not await scope.unit_within(db, village.id, kecamatan.id)
        units = await units_db.list_units(db)
        assert len(units) == 476
        assert all([await scope.unit_within(db, regency.id, unit.id) for unit in units])
    finally:
        await db.close()


async def test_cancelled_transaction_leaves_the_writer_usable(db_path: Path) -> None:
    import asyncio

    db = await Database.open(db_path)
    try:
        for _ in range(20):
            task = asyncio.create_task(db.execute("UPDATE units SET active = 1 WHERE id = 1"))
            await asyncio.sleep(0)
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        # The writer still writes, on its own and in a transaction, and the reader sees it.
        await db.execute("UPDATE units SET name = 'Kabupaten Bogor (uji)' WHERE id = 1")
        assert await db.fetchval("SELECT name FROM units WHERE id = 1") == "Kabupaten Bogor (uji)"
        async with db.transaction() as conn:
            await conn.execute("UPDATE units SET active = 0 WHERE id = 1")
        assert await db.fetchval("SELECT active FROM units WHERE id = 1") == 0
    finally:
        await db.close()
