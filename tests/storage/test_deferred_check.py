"""The open's integrity check left for after the window's first frame (storage/deferred_check.py).

Same check, same verdict; nothing is written to the file before it has passed, and a damaged file
is refused at its first write with the error the open would have raised, the file unchanged.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from file_damage import break_foreign_key

from plan_desktop.domain.model import Measure
from plan_desktop.storage import database
from plan_desktop.storage.backup import BackupPolicy, create_backup, list_backups
from plan_desktop.storage.connection import quick_check
from plan_desktop.storage.repository import PlanRepository


def _check_now(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return quick_check(conn)
    finally:
        conn.close()


def _checks_at_open(monkeypatch) -> list[object]:
    """Records the checks the open ran itself."""
    ran: list[object] = []
    real = database.quick_check

    def counted(db, **kw):
        ran.append(db)
        return real(db, **kw)

    monkeypatch.setattr(database, "quick_check", counted)
    return ran


def _new_measure(repo: PlanRepository) -> Measure:
    data = repo.load()
    return Measure(no=999, title="新しい施策", viewpoint=data.viewpoints[0].no)


def test_the_open_leaves_the_check_for_later_and_the_first_write_waits_for_it(db_file, monkeypatch):
    ran = _checks_at_open(monkeypatch)
    db = database.open_database(db_file, backups=False, check_later=True)
    try:
        assert ran == [] and db.deferred_check is not None
        repo = PlanRepository(db)
        repo.load()  # reading does not wait for it
        assert db.deferred_check is not None
        repo.save_measure(_new_measure(repo))
        assert db.deferred_check is None  # passed before the write
    finally:
        db.close()
    assert database.open_database(db_file, backups=False).deferred_check is None  # by default: at open


def test_a_damaged_file_opens_but_refuses_every_write_and_stays_byte_identical(db_file):
    break_foreign_key(db_file)
    before = db_file.read_bytes()
    expected = _check_now(db_file)
    db = database.open_database(db_file, backups=False, check_later=True)
    try:
        repo = PlanRepository(db)
        measure = _new_measure(repo)
        for _ in range(2):  # the verdict holds for every later write
            with pytest.raises(database.DamagedFileError) as refused:
                repo.save_measure(measure)
            assert refused.value.problems == expected and "schedule" in refused.value.problems[0]
            assert refused.value.path == db_file
        with pytest.raises(database.DamagedFileError):
            db.execute("DELETE FROM change_log")
        with pytest.raises(database.DamagedFileError):
            db["change_log"]  # noqa: B018 - sqlite-utils' table API writes too
    finally:
        db.close()
    assert db_file.read_bytes() == before


def test_the_check_in_the_background_reports_what_the_check_at_open_finds(db_file):
    break_foreign_key(db_file)
    with pytest.raises(database.DamagedFileError) as at_open:
        database.open_database(db_file, backups=False)
    db = database.open_database(db_file, backups=False, check_later=True)
    found: list[database.DamagedFileError] = []
    reported = threading.Event()
    try:
        db.check_in_background(lambda error: (found.append(error), reported.set()))
        assert reported.wait(30)
        assert [e.problems for e in found] == [at_open.value.problems]
        assert str(found[0]) == str(at_open.value)
    finally:
        db.close()


def test_a_healthy_file_checked_in_the_background_reports_nothing_and_takes_writes(db_file):
    db = database.open_database(db_file, backups=False, check_later=True)
    try:
        found: list[object] = []
        check = db.deferred_check
        assert check is not None
        db.check_in_background(found.append)
        assert check.result() == [] and found == []
        repo = PlanRepository(db)
        repo.save_measure(_new_measure(repo))
    finally:
        db.close()


def test_a_file_to_migrate_or_a_new_file_is_checked_at_open(tmp_path, monkeypatch):
    ran = _checks_at_open(monkeypatch)
    new = tmp_path / "新しい計画.sqlite"
    db = database.open_database(new, backups=False, check_later=True)  # migrations write: checked first
    db.close()
    assert len(ran) == 1 and db.deferred_check is None


def test_the_day_s_backup_of_a_damaged_file_is_dropped_as_when_the_open_refused_it(db_file, tmp_path):
    import datetime as dt

    policy = BackupPolicy(max_age=dt.timedelta(0), directory=tmp_path / "backups")  # a backup is always due
    good = create_backup(db_file, policy=policy, reason="manual").path
    break_foreign_key(db_file)
    db = database.open_database(db_file, backups=policy, check_later=True, check_backup_later=True)
    try:
        assert db.pending_backup is not None
        assert db.finish_backup() is None and db.backup_problem is None
        assert [b.path for b in list_backups(db_file, policy)] == [good]
        assert [p.name for p in (tmp_path / "backups").iterdir()] == [good.name]  # no copy left behind
    finally:
        db.close()


def test_closing_stops_a_running_check_without_a_verdict(db_file, monkeypatch):
    import time

    from plan_desktop.storage import deferred_check

    started = threading.Event()
    checks: list[deferred_check.DeferredCheck] = []
    real = deferred_check.quick_check

    def slow(conn, **kw):
        started.set()
        while not checks[0]._cancelled:  # still running when close asks it to stop
            time.sleep(0.005)
        return real(conn, **kw)

    monkeypatch.setattr(deferred_check, "quick_check", slow)
    db = database.open_database(db_file, backups=False, check_later=True)
    assert db.deferred_check is not None
    checks.append(db.deferred_check)
    reports: list[object] = []
    db.check_in_background(reports.append)
    assert started.wait(30)
    db.close()
    check = checks[0]
    assert check._thread is not None and not check._thread.is_alive()
    assert reports == [] and check._verdict is None


def test_a_check_that_cannot_run_on_its_own_connection_is_run_on_the_open_one(db_file, monkeypatch):
    from plan_desktop.storage import deferred_check

    def busy(*_a, **_k):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(deferred_check, "connect", busy)
    break_foreign_key(db_file)
    before = db_file.read_bytes()
    db = database.open_database(db_file, backups=False, check_later=True)
    try:
        with pytest.raises(database.DamagedFileError):
            db.execute("DELETE FROM change_log")
    finally:
        db.close()
    assert db_file.read_bytes() == before


def test_a_check_that_cannot_run_on_its_own_connection_says_so_in_the_background(db_file, monkeypatch):
    """``undecided()`` (the window then runs the check on the open connection), not ``damaged()``."""
    from plan_desktop.storage import deferred_check

    def busy(*_a, **_k):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(deferred_check, "connect", busy)
    break_foreign_key(db_file)
    db = database.open_database(db_file, backups=False, check_later=True)
    damaged: list[object] = []
    undecided = threading.Event()
    try:
        db.check_in_background(damaged.append, undecided.set)
        assert undecided.wait(30) and damaged == []
        found = db.check_now()  # on the open connection: the verdict the open would have given
        assert isinstance(found, database.DamagedFileError) and "schedule" in str(found)
    finally:
        db.close()
