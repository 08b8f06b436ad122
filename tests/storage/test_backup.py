"""Backups: verified before they exist, rotated, listed, restored; damaged files recovered."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3

import pytest
from safety_helpers import damage, digest, table_dump

from plan_desktop.domain.model import Evaluation
from plan_desktop.storage import backup as bk
from plan_desktop.storage import database
from plan_desktop.storage.repository import PlanRepository
from plan_desktop.storage.restore import restore_backup
from plan_desktop.storage.schema import SCHEMA_VERSION

UTC = dt.UTC


def _open(path, **kw):
    return database.open_database(path, backups=False, **kw)


def _retitle(path, title):
    db = _open(path)
    repo = PlanRepository(db)
    m = repo.load().measures[0]
    m.title = title
    repo.save_measure(m)
    db.close()


def _first_title(path):
    db = _open(path, readonly=True)
    try:
        return PlanRepository(db).load().measures[0].title
    finally:
        db.close()


# ------------------------------------------------------------------ creating
def test_backup_is_a_checked_copy_beside_the_database(db_file):
    info = bk.create_backup(db_file)
    assert info.path.parent == db_file.parent / "backups"
    assert info.path.name.startswith("plan-") and info.path.name.endswith("-manual.sqlite")
    assert not list(info.path.parent.glob("*.tmp"))
    assert table_dump(info.path) == table_dump(db_file)
    assert info.size == info.path.stat().st_size
    summary = info.summary()
    assert summary.ok and summary.measures == 35 and summary.evaluations == 0
    assert summary.text() == "推進事項 35 件・評価 0 件"
    assert bk.list_backups(db_file)[0].path == info.path


def test_backup_from_the_open_connection_holds_committed_edits(db_file):
    db = _open(db_file)
    repo = PlanRepository(db)
    m = repo.load().measures[0]
    repo.save_evaluation(m.id, Evaluation(fy=m.schedule[0].fy if m.schedule else 2025, achievements="実績"))
    info = db.backup_now()
    db.close()
    assert info.summary().evaluations == 1


def test_backup_refused_inside_a_transaction(db_file):
    db = _open(db_file)
    with db.atomic():
        db.execute("UPDATE plan SET title = 'half'")
        with pytest.raises(bk.BackupError, match="書き込みの途中"):
            bk.create_backup(db_file, source=db)
    db.close()
    assert bk.list_backups(db_file) == []


def test_a_copy_that_fails_its_check_never_appears(db_file, tmp_path):
    foreign = tmp_path / "foreign.sqlite"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    old = bk.create_backup(db_file)
    with pytest.raises(bk.BackupError, match="検査に失敗"):
        bk.create_backup(db_file, source=sqlite3.connect(foreign))
    folder = db_file.parent / "backups"
    assert sorted(p.name for p in folder.iterdir()) == [old.path.name]


def test_stale_tmp_from_a_crash_is_cleaned_but_a_fresh_one_is_left(db_file):
    folder = db_file.parent / "backups"
    folder.mkdir()
    stale = folder / "plan-20200101-000000.000000Z-open.sqlite.tmp"
    fresh = folder / "plan-20200102-000000.000000Z-open.sqlite.tmp"
    unrelated = folder / "notes.tmp"
    for p in (stale, fresh, unrelated):
        p.write_bytes(b"partial")
    old = dt.datetime.now().timestamp() - 2 * bk.STALE_TMP_SECONDS
    os.utime(stale, (old, old))
    os.utime(unrelated, (old, old))
    bk.create_backup(db_file)
    assert not stale.exists() and fresh.exists() and unrelated.exists()


# ----------------------------------------------------------- automatic ones
def test_open_takes_a_daily_backup_only_when_due(db_file):
    database.open_database(db_file).close()
    first = bk.list_backups(db_file)
    assert [b.reason for b in first] == ["open"]
    database.open_database(db_file).close()
    assert bk.list_backups(db_file) == first
    # The newest is two days old: due again.
    first[0].path.rename(first[0].path.with_name(
        bk._name(db_file, dt.datetime.now(UTC) - dt.timedelta(days=2), "open")))
    database.open_database(db_file).close()
    assert [b.reason for b in bk.list_backups(db_file)] == ["open", "open"]


def test_no_automatic_backup_for_new_readonly_or_memory_databases(tmp_path, db_file):
    database.open_database(tmp_path / "new.sqlite").close()
    database.open_database(db_file, readonly=True).close()
    database.open_database(memory=True).close()
    assert not (tmp_path / "backups").exists()


def test_custom_folder_and_policy(db_file, tmp_path):
    policy = bk.BackupPolicy(directory=tmp_path / "elsewhere", max_age=dt.timedelta(hours=1))
    database.open_database(db_file, backups=policy).close()
    assert len(bk.list_backups(db_file, policy)) == 1
    assert not (db_file.parent / "backups").exists()


def _add_migration(monkeypatch, step):
    from plan_desktop.storage import schema

    monkeypatch.setattr(database, "MIGRATIONS", [*schema.MIGRATIONS, step])
    monkeypatch.setattr(database, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    monkeypatch.setattr(bk, "SCHEMA_VERSION", SCHEMA_VERSION + 1)


def test_migration_is_preceded_by_a_backup_of_the_old_version(db_file, monkeypatch):
    _add_migration(monkeypatch, lambda db: db.execute("CREATE TABLE added_in_v2 (x)"))
    db = database.open_database(db_file)
    assert database.schema_version(db) == SCHEMA_VERSION + 1
    db.close()
    reasons = {b.reason: b for b in bk.list_backups(db_file)}
    assert set(reasons) == {"migration"}  # the daily one is not needed right after
    old = reasons["migration"]
    assert old.summary().schema_version == SCHEMA_VERSION
    assert "added_in_v2" not in table_dump(old.path)


def test_migration_refused_when_its_backup_cannot_be_made(db_file, monkeypatch):
    _add_migration(monkeypatch, lambda db: db.execute("CREATE TABLE added_in_v2 (x)"))

    def no_backup(*a, **k):
        raise bk.BackupError("ディスクがいっぱいです")

    monkeypatch.setattr(bk, "create_backup", no_backup)
    before = digest(db_file)
    with pytest.raises(database.DatabaseOpenError, match="更新せずに中止"):
        database.open_database(db_file)
    assert digest(db_file) == before


# ------------------------------------------------------------------ rotation
def test_rotation_keeps_newest_ten_and_one_per_month_for_a_year(db_file):
    now = dt.datetime(2026, 6, 15, 12, 0, tzinfo=UTC)
    made = []
    for days in range(15):  # 15 recent daily backups
        made.append(now - dt.timedelta(days=days, hours=1))
    for months in range(1, 16):  # two per month for 15 earlier months
        for day in (3, 20):
            y, m = divmod(2026 * 12 + 5 - months, 12)
            made.append(dt.datetime(y, m + 1, day, 12, tzinfo=UTC))
    policy = bk.BackupPolicy()
    for when in sorted(made):
        bk.create_backup(db_file, reason="open", now=when, policy=policy)
    kept = [b.created for b in bk.list_backups(db_file)]
    newest_ten = sorted(made, reverse=True)[:10]
    assert set(newest_ten) <= set(kept)
    months = {(c.astimezone().year, c.astimezone().month) for c in kept}
    assert len(months) == 12  # June 2026 back to July 2025
    assert min(months) == (2025, 7)
    assert len(kept) == 10 + 11  # June is already among the newest ten
    for c in kept:
        same_month = [x for x in made if (x.astimezone().year, x.astimezone().month) ==
                      (c.astimezone().year, c.astimezone().month)]
        assert c in newest_ten or c == max(same_month)


def test_rotation_is_configurable_and_deletes_only_our_backups(db_file):
    folder = db_file.parent / "backups"
    folder.mkdir()
    keep_me = [folder / "notes.txt", folder / "other-20200101-000000.000000Z-open.sqlite",
               folder / "plan-copy.sqlite"]
    for p in keep_me:
        p.write_text("x", encoding="utf-8")
    policy = bk.BackupPolicy(keep_recent=2, keep_monthly=0)
    base = dt.datetime(2026, 1, 1, tzinfo=UTC)
    for i in range(5):
        bk.create_backup(db_file, now=base + dt.timedelta(hours=i), policy=policy)
    assert [b.created for b in bk.list_backups(db_file)] == [base + dt.timedelta(hours=4), base + dt.timedelta(hours=3)]
    assert all(p.exists() for p in keep_me)


# --------------------------------------------------------------- restoring
def test_restore_brings_back_the_backup_and_keeps_the_current_state(db_file):
    original = _first_title(db_file)
    chosen = bk.create_backup(db_file)
    _retitle(db_file, "復元前の名称")
    result = restore_backup(chosen, db_file)
    assert _first_title(db_file) == original
    assert result.safety_backup.reason == "restore"
    assert result.summary.measures == 35
    db = _open(result.safety_backup.path, readonly=True)
    assert PlanRepository(db).load().measures[0].title == "復元前の名称"
    db.close()
    assert database.check_file(db_file).ok


def test_restore_into_the_live_connection(db_file):
    chosen = bk.create_backup(db_file)
    db = _open(db_file)
    repo = PlanRepository(db)
    m = repo.load().measures[0]
    original = m.title
    m.title = "変更"
    repo.save_measure(m)
    restore_backup(chosen, db_file, target=db)
    assert repo.load().measures[0].title == original  # same connection sees the restored content
    db.close()


def test_restore_keeps_the_chosen_backup_through_rotation(db_file):
    policy = bk.BackupPolicy(keep_recent=1, keep_monthly=0)
    old = bk.create_backup(db_file, policy=policy, now=dt.datetime(2020, 1, 1, tzinfo=UTC))
    result = restore_backup(old, db_file, policy=policy)
    assert old.path.exists() and result.safety_backup.path.exists()


def test_restore_of_a_damaged_backup_changes_nothing(db_file):
    chosen = bk.create_backup(db_file)
    _retitle(db_file, "今の名称")
    damage(chosen.path)
    before = table_dump(db_file)
    with pytest.raises(bk.BackupError, match="使用できません"):
        restore_backup(chosen, db_file)
    assert table_dump(db_file) == before
    assert [b.reason for b in bk.list_backups(db_file)] == ["manual"]


def _spoil_a_text(path):
    conn = sqlite3.connect(path)
    assert conn.execute("UPDATE measures SET title = CAST(X'E8AAACE6FF8E' AS TEXT) "
                        "WHERE id = (SELECT id FROM measures ORDER BY position DESC LIMIT 1)").rowcount == 1
    conn.commit()
    conn.close()


def test_restore_over_damaged_content_keeps_it_page_by_page_beside_the_file(db_file):
    chosen = bk.create_backup(db_file)
    db = _open(db_file)
    _spoil_a_text(db_file)  # damaged while open, as a part read after the window's first frame finds it
    result = restore_backup(chosen, db_file, target=db)
    db.close()
    assert result.safety_backup is None
    assert result.previous_state == result.damaged_copy == db_file.with_name(db_file.name + ".damaged")
    kept = sqlite3.connect(result.damaged_copy)
    kept.text_factory = bytes
    assert b"\xe8\xaa\xac\xe6\xff\x8e" in {r[0] for r in kept.execute("SELECT title FROM measures")}
    kept.close()
    assert database.check_file(db_file).ok
    assert [b.reason for b in bk.list_backups(db_file)] == ["manual"]


def test_restore_over_healthy_content_refuses_when_its_backup_cannot_be_made(db_file, monkeypatch):
    chosen = bk.create_backup(db_file)
    _retitle(db_file, "今の名称")
    before = table_dump(db_file)

    def no_room(*args, **kwargs):
        raise bk.BackupError("バックアップを作成できませんでした: ディスクがいっぱいです")

    monkeypatch.setattr("plan_desktop.storage.restore.create_backup", no_room)
    with pytest.raises(bk.BackupError, match="ディスクがいっぱい"):
        restore_backup(chosen, db_file)
    assert table_dump(db_file) == before
    assert not db_file.with_name(db_file.name + ".damaged").exists()


def test_restore_of_an_older_version_backup_migrates_it(db_file, monkeypatch):
    chosen = bk.create_backup(db_file)  # version SCHEMA_VERSION
    _add_migration(monkeypatch, lambda db: db.execute("CREATE TABLE added_in_v2 (x)"))
    database.open_database(db_file).close()
    restore_backup(chosen, db_file)
    db = _open(db_file, readonly=True)
    assert database.schema_version(db) == SCHEMA_VERSION + 1 and "added_in_v2" in db.table_names()
    db.close()


# ---------------------------------------------------------------- recovery
def test_damaged_file_is_detected_on_open(db_file):
    bk.create_backup(db_file)
    damage(db_file)
    with pytest.raises(database.DamagedFileError) as err:
        database.open_database(db_file)
    assert "壊れて" in str(err.value)
    assert not database.check_file(db_file).ok


def test_foreign_key_damage_is_reported_with_its_problems(db_file):
    conn = sqlite3.connect(db_file)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("INSERT INTO schedule (measure_id, fy, phase_id) VALUES ('no-such-measure', 2025, 'x')")
    conn.commit()
    conn.close()
    with pytest.raises(database.DamagedFileError) as err:
        database.open_database(db_file)
    assert err.value.problems and "schedule" in err.value.problems[0]
    assert "問題が見つかりました" in str(err.value)


def test_recover_keeps_the_damaged_file_aside_and_restores_the_newest_good_backup(db_file):
    older = bk.create_backup(db_file, now=dt.datetime.now(UTC) - dt.timedelta(days=3))
    _retitle(db_file, "最新のバックアップの名称")
    newest_good = bk.create_backup(db_file, now=dt.datetime.now(UTC) - dt.timedelta(days=2))
    broken_backup = bk.create_backup(db_file, now=dt.datetime.now(UTC) - dt.timedelta(days=1))
    damage(broken_backup.path)
    damage(db_file)
    damaged_bytes = digest(db_file)
    result = bk.recover(db_file)
    assert result.restored_from.path == newest_good.path != older.path
    assert result.damaged_path == db_file.with_name("plan.sqlite.damaged")
    assert digest(result.damaged_path) == damaged_bytes
    assert _first_title(db_file) == "最新のバックアップの名称"
    # Second damage: the first .damaged file is never overwritten.
    damage(db_file)
    second = bk.recover(db_file)
    assert second.damaged_path == db_file.with_name("plan.sqlite.damaged.2")
    assert digest(result.damaged_path) == damaged_bytes


def test_recover_without_a_good_backup_changes_nothing(db_file):
    damage(db_file)
    before = digest(db_file)
    with pytest.raises(bk.BackupError, match="バックアップが見つかりません"):
        bk.recover(db_file)
    assert digest(db_file) == before
    assert not db_file.with_name("plan.sqlite.damaged").exists()


def test_recover_refuses_when_a_hot_journal_is_beside_the_file(db_file):
    bk.create_backup(db_file)
    damage(db_file)
    journal = database.journal_path(db_file)
    journal.write_bytes(bytes.fromhex("d9d505f920a163d7") + b"\0" * 504)
    before = digest(db_file), digest(journal)
    with pytest.raises(bk.RecoveryBlockedError, match="-journal"):
        bk.recover(db_file)
    assert (digest(db_file), digest(journal)) == before
    assert not db_file.with_name("plan.sqlite.damaged").exists()


def test_recover_leaves_a_cold_journal_untouched(db_file):
    bk.create_backup(db_file)
    damage(db_file)
    journal = database.journal_path(db_file)
    journal.write_bytes(b"\0" * 512)  # zeroed header: SQLite ignores it
    bk.recover(db_file)
    assert journal.read_bytes() == b"\0" * 512
    assert database.check_file(db_file).ok


def test_a_locked_file_is_not_mistaken_for_a_damaged_one(db_file, monkeypatch):
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 50)
    other = sqlite3.connect(db_file, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(database.DatabaseOpenError) as err:
            database.open_database(db_file)
        assert not isinstance(err.value, database.DamagedFileError)
        assert "使用中" in str(err.value)
    finally:
        other.execute("ROLLBACK")
        other.close()


# --------------------------------------------------------------- check_file
def test_check_file_reports_version_counts_and_problems(db_file, tmp_path):
    ok = database.check_file(db_file)
    assert ok.ok and ok.counts == {"measures": 35, "evaluations": 0} and "問題はありません" in ok.message
    missing = database.check_file(tmp_path / "none.sqlite")
    assert not missing.ok and "見つかりません" in missing.message
    newer = tmp_path / "newer.sqlite"
    shutil.copyfile(db_file, newer)
    conn = sqlite3.connect(newer)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 3}")
    conn.close()
    res = database.check_file(newer)
    assert not res.ok and str(SCHEMA_VERSION + 3) in res.message and str(SCHEMA_VERSION) in res.message
