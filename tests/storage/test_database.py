import sqlite3

import pytest

from plan_desktop.storage import database
from plan_desktop.storage.schema import APPLICATION_ID, SCHEMA_VERSION


def test_new_file_is_migrated_and_marked_as_ours(tmp_path):
    db = database.open_database(tmp_path / "new.sqlite")
    assert database.schema_version(db) == SCHEMA_VERSION
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert {"plan", "measures", "schedule", "evaluations", "change_log"} <= set(db.table_names())
    assert database.quick_check(db) == []


def test_reopening_does_not_migrate_again(tmp_path):
    path = tmp_path / "x.sqlite"
    database.open_database(path).close()
    db = database.open_database(path)
    assert database.migrate(db) == []


def test_file_from_a_newer_version_is_refused_naming_both_versions(tmp_path):
    path = tmp_path / "newer.sqlite"
    database.open_database(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    with pytest.raises(database.NewerVersionError) as err:
        database.open_database(path)
    assert str(SCHEMA_VERSION + 5) in str(err.value) and str(SCHEMA_VERSION) in str(err.value)


def test_other_sqlite_file_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(database.NotAPlanFileError):
        database.open_database(path)
    assert path.read_bytes() == before


def test_non_database_file_is_reported_as_damaged(tmp_path):
    path = tmp_path / "junk.sqlite"
    path.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(database.DamagedFileError, match="データベース"):
        database.open_database(path)
    assert path.read_bytes() == b"this is not a database at all" * 100


def test_failed_migration_leaves_file_at_old_version(tmp_path, monkeypatch):
    from plan_desktop.storage import schema

    path = tmp_path / "m.sqlite"
    database.open_database(path).close()

    def broken(db):
        db.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("boom")

    monkeypatch.setattr(database, "MIGRATIONS", [*schema.MIGRATIONS, broken])
    monkeypatch.setattr(database, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with pytest.raises(RuntimeError):
        database.open_database(path)
    monkeypatch.undo()
    db = database.open_database(path)
    assert database.schema_version(db) == SCHEMA_VERSION
    assert "half_done" not in db.table_names()


def test_older_file_opened_read_only_is_migrated_in_memory_and_left_untouched(tmp_path):
    import shutil
    from pathlib import Path

    from plan_desktop.storage.repository import PlanRepository

    v1 = tmp_path / "v1.sqlite"
    shutil.copyfile(Path(__file__).parent / "data" / "plan_v1.sqlite", v1)
    before = v1.read_bytes()
    db = database.open_database(v1, readonly=True)
    assert database.schema_version(db) == SCHEMA_VERSION
    assert len(PlanRepository(db).load().measures) == 35
    assert v1.read_bytes() == before
