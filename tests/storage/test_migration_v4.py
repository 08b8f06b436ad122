"""Schema 4 (plan words, nested groups, codes, active years, middle stage) on copies of files written before it."""

import shutil
from pathlib import Path

import pytest

from plan_desktop.storage import database
from plan_desktop.storage.repository import PlanRepository
from plan_desktop.storage.schema import SCHEMA_VERSION
from plan_desktop.storage.seed import load_seed

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parents[2]
V3_FILE = DATA / "plan_v3.sqlite"  # data/plan.sqlite as shipped with schema 3


def _open(path):
    return PlanRepository(database.open_database(path, backups=False))


@pytest.mark.parametrize("name", ["plan_v3.sqlite", "plan_v1.sqlite"])
def test_bundled_plan_written_before_keeps_its_words_and_data(tmp_path, name):
    path = tmp_path / "old.sqlite"
    shutil.copyfile(DATA / name, path)
    repo = _open(path)
    assert database.schema_version(repo.db) == SCHEMA_VERSION >= 4
    data = repo.load()
    seed = load_seed(ROOT / "resources" / "seed" / "hitachi_plan.json")
    assert data.terms == seed.terms  # the bundled plan looks exactly as before
    assert [(v.no, v.title, v.parent, v.code) for v in data.viewpoints] == [
        (v.no, v.title, None, None) for v in seed.viewpoints]
    assert [m.no for m in data.measures] == list(range(1, 36))
    assert all(m.code is None and m.fy_from is None and m.fy_to is None for m in data.measures)
    if name == "plan_v3.sqlite":
        assert data == seed  # everything else unchanged (the v3 file was built from this seed)


def test_another_plan_written_before_gets_neutral_words(tmp_path):
    path = tmp_path / "old.sqlite"
    shutil.copyfile(V3_FILE, path)
    import sqlite3

    conn = sqlite3.connect(path)
    conn.execute("UPDATE plan SET id = 'another-city'")
    conn.commit()
    conn.close()
    data = _open(path).load()
    assert data.terms.measure == "取組" and data.terms.cross_reference == "関連項目"
    assert len(data.measures) == 35


def test_a_migration_failing_halfway_leaves_version_3(tmp_path, monkeypatch):
    from plan_desktop.storage import bundled

    path = tmp_path / "old.sqlite"
    shutil.copyfile(V3_FILE, path)

    def boom(plan_id):  # after the columns were added, inside the same transaction
        raise RuntimeError("stop")

    monkeypatch.setattr(bundled, "bundled_terms_for", boom)
    with pytest.raises(RuntimeError):
        database.open_database(path, backups=False)
    import sqlite3

    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 3
    assert "terms" not in [r[1] for r in conn.execute("PRAGMA table_info(plan)")]
    conn.close()


def test_template_database_is_current_and_carries_the_seed_words():
    db = database.open_database(ROOT / "data" / "plan.sqlite", readonly=True)
    data = PlanRepository(db).load()
    assert database.schema_version(db) == SCHEMA_VERSION
    assert data.terms.measure == "推進事項" and data.terms.cross_reference == "提言"
