"""The automatic backup on open, copied at open and checked later (the window checks it on another
thread after its first frame: the check reads every row, ~2 s at 2,000 measures)."""

from __future__ import annotations

import threading

from plan_desktop.storage import backup as bk
from plan_desktop.storage import database
from plan_desktop.storage.repository import PlanRepository


def _open_later(path):
    return database.open_database(path, require_writable=True, check_backup_later=True)


def _title_in(path):
    db = database.open_database(path, readonly=True)
    try:
        return PlanRepository(db).load().measures[0].title
    finally:
        db.close()


def test_the_backup_checked_later_holds_the_file_as_it_was_opened(db_file):
    before = _title_in(db_file)
    db = _open_later(db_file)
    try:
        assert bk.list_backups(db_file) == []  # only the copy, not yet checked
        assert [p.suffix for p in (db_file.parent / "backups").iterdir()] == [".tmp"]
        repo = PlanRepository(db)
        measure = repo.load().measures[0]
        measure.title = "開いた後の変更"
        repo.save_measure(measure)
        assert db.finish_backup() is None
        [backup] = bk.list_backups(db_file)
        assert backup.reason == "open" and backup.summary().ok
        assert _title_in(backup.path) == before != "開いた後の変更"
        assert not list((db_file.parent / "backups").glob("*.tmp"))
    finally:
        db.close()


def test_closing_puts_the_copied_backup_in_place(db_file):
    _open_later(db_file).close()
    assert [b.reason for b in bk.list_backups(db_file)] == ["open"]
    assert not list((db_file.parent / "backups").glob("*.tmp"))


def test_a_backup_that_fails_its_later_check_is_named_and_leaves_nothing_behind(db_file, monkeypatch):
    db = _open_later(db_file)
    monkeypatch.setattr(bk, "inspect_backup", lambda path: bk.BackupSummary(False, problem="壊れたコピー"))
    try:
        problem = db.finish_backup()
        assert problem is not None and problem == db.backup_problem
        assert problem.splitlines()[0] == "自動バックアップを作成できませんでした: 作成したバックアップの検査に失敗しました（壊れたコピー）"
        assert str(db_file.parent / "backups") in problem
        assert not list((db_file.parent / "backups").iterdir())
    finally:
        db.close()


def test_the_background_check_runs_on_another_thread_and_close_waits_for_it(db_file, monkeypatch):
    started, release = threading.Event(), threading.Event()
    inspect = bk.inspect_backup

    def slow_inspect(path):
        started.set()
        release.wait(30)
        return inspect(path)

    monkeypatch.setattr(bk, "inspect_backup", slow_inspect)
    db = _open_later(db_file)
    reports: list[tuple[str | None, bool]] = []
    db.finish_backup_in_background(lambda problem: reports.append(
        (problem, threading.current_thread() is threading.main_thread())))
    assert started.wait(30)
    assert bk.list_backups(db_file) == []  # still being checked
    threading.Timer(0.05, release.set).start()
    db.close()  # waits for the check, then lets the file go
    assert reports == [(None, False)]
    assert [b.reason for b in bk.list_backups(db_file)] == ["open"]


def test_without_check_later_the_backup_is_checked_at_open_as_before(db_file):
    db = database.open_database(db_file)
    try:
        assert db.pending_backup is None
        assert [b.reason for b in bk.list_backups(db_file)] == ["open"]
    finally:
        db.close()
