"""plan-desktop backup / backups / restore / check."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest

from plan_desktop.cli import main
from plan_desktop.storage import backup as bk
from plan_desktop.storage import database
from plan_desktop.storage.lock import InstanceLock
from plan_desktop.storage.repository import PlanRepository
from plan_desktop.storage.schema import SCHEMA_VERSION

sys.path.insert(0, str(__import__("pathlib").Path(__file__).parents[1] / "storage"))
from safety_helpers import damage, digest  # noqa: E402


def _title(path):
    db = database.open_database(path, readonly=True)
    try:
        return PlanRepository(db).load().measures[0].title
    finally:
        db.close()


def _retitle(path, title):
    db = database.open_database(path, backups=False)
    repo = PlanRepository(db)
    m = repo.load().measures[0]
    m.title = title
    repo.save_measure(m)
    db.close()


def test_backup_then_list(db_file, capsys):
    assert main(["backups", "--db", str(db_file)]) == 0
    assert "バックアップはありません" in capsys.readouterr().out
    assert main(["backup", "--db", str(db_file)]) == 0
    out = capsys.readouterr().out
    assert "バックアップを作成しました" in out and "推進事項 35 件・評価 0 件" in out
    assert main(["backups", "--db", str(db_file)]) == 0
    out = capsys.readouterr().out
    info = bk.list_backups(db_file)[0]
    assert f"  1  {info.local_time:%Y-%m-%d %H:%M:%S}" in out and "手動" in out and info.path.name in out


def test_restore_by_number_keeps_the_current_state_first(db_file, capsys):
    original = _title(db_file)
    main(["backup", "--db", str(db_file)])
    _retitle(db_file, "あとで変えた名称")
    assert main(["restore", "--db", str(db_file), "1"]) == 0
    out = capsys.readouterr().out
    assert "から復元しました" in out and "復元前の内容は" in out
    assert _title(db_file) == original
    newest = bk.list_backups(db_file)[0]
    assert newest.reason == "restore"
    db = database.open_database(newest.path, readonly=True)
    assert PlanRepository(db).load().measures[0].title == "あとで変えた名称"
    db.close()


def test_restore_refused_while_another_instance_has_the_file(db_file, capsys):
    info = bk.create_backup(db_file)
    _retitle(db_file, "開いている人の名称")
    with InstanceLock(db_file, heartbeat_seconds=None):
        assert main(["restore", "--db", str(db_file), str(info.path)]) == 1
    err = capsys.readouterr().err
    assert "既に使用中" in err and "閉じてから" in err
    assert _title(db_file) == "開いている人の名称"


def test_restore_of_a_damaged_file_keeps_it_aside(db_file, capsys):
    info = bk.create_backup(db_file)
    damage(db_file)
    damaged = digest(db_file)
    assert main(["restore", "--db", str(db_file), str(info.path)]) == 0
    assert "壊れたファイルは" in capsys.readouterr().out
    assert digest(db_file.with_name("plan.sqlite.damaged")) == damaged
    assert database.check_file(db_file).ok


@pytest.mark.parametrize("spec", ["7", "/no/such/backup.sqlite"])
def test_restore_with_a_bad_backup_argument(db_file, capsys, spec):
    bk.create_backup(db_file)
    before = digest(db_file)
    assert main(["restore", "--db", str(db_file), spec]) == 1
    assert "エラー" in capsys.readouterr().err
    assert digest(db_file) == before


def test_check_ok_is_read_only(db_file, capsys):
    before = digest(db_file)
    assert main(["check", "--db", str(db_file)]) == 0
    assert "問題はありません" in capsys.readouterr().out
    assert digest(db_file) == before
    assert not (db_file.parent / "backups").exists()


def test_check_failures_exit_non_zero_with_a_message(db_file, tmp_path, capsys):
    damaged = tmp_path / "damaged.sqlite"
    damaged.write_bytes(db_file.read_bytes())
    damage(damaged)
    foreign = tmp_path / "foreign.sqlite"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    newer = tmp_path / "newer.sqlite"
    newer.write_bytes(db_file.read_bytes())
    conn = sqlite3.connect(newer)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")
    cases = {empty: "空のファイル", damaged: "壊れて", foreign: "計画ファイルではありません", newer: f"ファイルの形式 {SCHEMA_VERSION + 1}",
             tmp_path: "開けません", tmp_path / "missing.sqlite": "見つかりません"}
    for path, expected in cases.items():
        assert main(["check", "--db", str(path)]) == 1, path
        assert expected in capsys.readouterr().err, path


def test_check_leaves_a_hot_journal_alone(db_file, capsys):
    code = (
        "import sqlite3, os, sys\n"
        "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "c.execute('PRAGMA cache_size = 1')\n"
        "c.execute('BEGIN')\n"
        "for i in range(50): c.execute(\"UPDATE measures SET content = content || 'xxxxxxxxxxxxxxxxxxxxxxxx'\")\n"
        "os._exit(9)\n"  # dies mid-transaction like a kill (no clean-up, no rollback), on Windows too
    )
    subprocess.run([sys.executable, "-c", code, str(db_file)])
    journal = database.journal_path(db_file)
    assert bk.journal_is_hot(db_file)
    before = digest(journal), digest(db_file)
    assert main(["check", "--db", str(db_file)]) == 1
    assert "-journal ファイルは削除しないでください" in capsys.readouterr().err
    assert (digest(journal), digest(db_file)) == before
    # Opening it the normal way rolls the interrupted write back.
    database.open_database(db_file, backups=False).close()
    assert not journal.exists()
    assert main(["check", "--db", str(db_file)]) == 0
