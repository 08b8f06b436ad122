"""Damage the structural check cannot see: broken text, wrong value kinds, unreadable stored JSON.

One flipped byte inside a text value leaves SQLite's quick_check happy; the
first read of that row then fails. ``check``, the window's check and every
backup verification read every row and decode every text, and rotation
never lets the last good backup go.
"""

from __future__ import annotations

import datetime as dt
import logging
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest

from plan_desktop.cli import main
from plan_desktop.domain.model import Evaluation
from plan_desktop.storage import backup as bk
from plan_desktop.storage import database
from plan_desktop.storage.integrity import deep_check
from plan_desktop.storage.repository import PlanRepository

sys.path.insert(0, str(Path(__file__).parent))
from safety_helpers import digest  # noqa: E402


@pytest.fixture
def evaluated(db_file):
    db = database.open_database(db_file, backups=False)
    repo = PlanRepository(db)
    m = repo.load().measures[0]
    m.evaluations = [Evaluation(fy=2024, achievements="説明会を3回開催した。" * 20)]
    repo.save_measure(m)
    db.close()
    return db_file


def _sql(path, statement, params=()):
    conn = sqlite3.connect(path)
    conn.execute(statement, params)
    conn.commit()
    conn.close()


def _break_text(path, table="evaluations", column="achievements"):
    """Invalid UTF-8 inside a TEXT value, as one flipped byte makes it."""
    _sql(path, f"UPDATE {table} SET {column} = CAST(X'E8AAACE6FF8E' AS TEXT) "
               f"WHERE rowid = (SELECT min(rowid) FROM {table})")


def test_invalid_utf8_in_a_text_cell_is_found_by_check(evaluated, capsys):
    _break_text(evaluated)
    assert database.quick_check(sqlite3.connect(evaluated)) == []  # what check relied on before
    result = database.check_file(evaluated)
    assert not result.ok and result.damaged
    assert "evaluations" in result.message and "achievements" in result.message and "文字が壊れています" in result.message
    assert main(["check", "--db", str(evaluated)]) == 1
    assert "文字が壊れています" in capsys.readouterr().err


def test_every_table_and_column_is_decoded(evaluated):
    for table, column in (("measures", "content"), ("action_items", "text"), ("change_log", "summary"),
                          ("plan", "notes"), ("departments", "name")):
        copy = evaluated.with_name(f"broken-{table}.sqlite")
        shutil.copyfile(evaluated, copy)
        _break_text(copy, table, column)
        problems = deep_check(sqlite3.connect(copy))
        assert any(table in p and column in p for p in problems), (table, problems)


def test_a_value_of_the_wrong_kind_is_found(evaluated):
    _sql(evaluated, "UPDATE evaluations SET fy = X'07E8'")  # a year that became a blob
    problems = database.check_file(evaluated).problems
    assert any("evaluations" in p and "fy" in p and "種類" in p for p in problems)


def test_stored_json_that_does_not_parse_is_found(evaluated):
    _sql(evaluated, "UPDATE measures SET predecessor_ids = '[\"a\", ' WHERE rowid = 1")
    result = database.check_file(evaluated)
    assert not result.ok and "計画を読み込めません" in result.message


@pytest.mark.parametrize("table, column", [("measures", "updated_at"), ("evaluations", "updated_at"),
                                           ("change_log", "at")])
def test_a_moment_that_no_longer_reads_as_a_date_and_time_is_found(evaluated, table, column):
    """One flipped byte in 2022-01-01T00:00:00+09:00 (seen by bench/damage_harness.py: 00:00:0g)."""
    _sql(evaluated, f"UPDATE {table} SET {column} = '2022-01-01T00:00:0g+09:00' "
                    f"WHERE rowid = (SELECT min(rowid) FROM {table})")
    result = database.check_file(evaluated)
    assert not result.ok and result.damaged
    assert table in result.message and column in result.message and "日時が壊れています" in result.message
    assert not bk.inspect_backup(evaluated).ok


def test_moments_in_every_form_the_app_writes_pass(evaluated):
    for value in ("2024-05-01T09:00:00+09:00", "2024-05-01T09:00:00.123456+09:00", "2024-05-01 09:00:00", ""):
        _sql(evaluated, "UPDATE measures SET updated_at = ? WHERE rowid = 1", (value,))
        assert database.check_file(evaluated).ok, value


def test_a_healthy_file_passes(evaluated):
    assert database.check_file(evaluated).ok
    assert bk.inspect_backup(evaluated).ok


def test_a_backup_of_a_damaged_file_fails_its_verification_and_rotates_nothing(evaluated):
    policy = bk.BackupPolicy(keep_recent=3, keep_monthly=0)
    start = dt.datetime(2024, 4, 1, tzinfo=dt.UTC)
    good = [bk.create_backup(evaluated, policy=policy, now=start + dt.timedelta(hours=i)).path for i in range(3)]
    _break_text(evaluated)
    for i in range(12):
        with pytest.raises(bk.BackupError, match="文字が壊れています"):
            bk.create_backup(evaluated, policy=policy, now=start + dt.timedelta(days=1, hours=i))
    assert [b.path for b in bk.list_backups(evaluated, policy)] == good[::-1]
    assert not list(bk.backup_dir(evaluated, policy).glob("*.tmp"))


def test_rotation_never_lets_the_last_good_backup_go(evaluated):
    """Even when damaged copies (made by an older version that did not see the damage) fill the folder."""
    policy = bk.BackupPolicy(keep_recent=4, keep_monthly=0)
    start = dt.datetime(2024, 4, 1, tzinfo=dt.UTC)
    good = bk.create_backup(evaluated, policy=policy, now=start).path
    damaged_source = evaluated.with_name("damaged.sqlite")
    shutil.copyfile(evaluated, damaged_source)
    _break_text(damaged_source)
    folder = bk.backup_dir(evaluated, policy)
    for i in range(1, 8):
        name = bk._name(evaluated, start + dt.timedelta(hours=i), "open")
        shutil.copyfile(damaged_source, folder / name)
    removed = bk.rotate(evaluated, policy, now=start + dt.timedelta(hours=9))
    kept = [b.path for b in bk.list_backups(evaluated, policy)]
    assert good in kept and good not in removed
    assert len(kept) == 5  # the four newest plus the last good one
    assert bk.newest_good_backup(evaluated, policy).path == good


def test_check_leaves_the_file_unchanged(evaluated):
    _break_text(evaluated)
    before = digest(evaluated)
    database.check_file(evaluated)
    bk.inspect_backup(evaluated)
    assert digest(evaluated) == before


@pytest.mark.slow
def test_damage_harness_finds_no_crash_in_a_few_flips(tmp_path, qapp):
    root = Path(__file__).resolve().parents[2]
    sys.path.insert(0, str(root / "bench"))
    import damage_harness

    result = damage_harness.run(12, seed=15, work=tmp_path)
    assert logging.root.manager.disable == logging.NOTSET  # the harness silences warnings only while it runs
    c = result["counts"]
    assert not c.get("window crashed") and not c.get("check crashed") and not c.get("backup verification crashed")
    assert c.get("detected by check", 0) >= c.get("window refused, recovery offered", 0)
