"""The open's integrity check, started early on another core (storage/early_check.py).

Same check, same verdict, same place where a damaged file is refused; only
when the file is exactly as it was when the early check began.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from plan_desktop.storage import database, early_check
from plan_desktop.storage.connection import quick_check


def _break_foreign_key(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("INSERT INTO schedule (measure_id, fy, phase_id) VALUES ('gone', 2025, 'x')")
    conn.commit()
    conn.close()


def _check_now(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return quick_check(conn)
    finally:
        conn.close()


def _checks_on_the_spot(monkeypatch) -> list[Path]:
    """Records the opens that ran the check themselves."""
    ran: list[Path] = []
    real = database.quick_check

    def counted(db, **kw):
        ran.append(db)
        return real(db, **kw)

    monkeypatch.setattr(database, "quick_check", counted)
    return ran


def test_an_early_check_finds_what_the_check_at_open_finds(db_file):
    early_check.start(db_file)
    assert early_check.take(db_file) == [] == _check_now(db_file)
    _break_foreign_key(db_file)
    early_check.start(db_file)
    found = early_check.take(db_file)
    assert found and found == _check_now(db_file)
    assert early_check.take(db_file) is None  # a result is used once


def test_the_open_takes_the_early_result_instead_of_checking_again(db_file, monkeypatch):
    ran = _checks_on_the_spot(monkeypatch)
    early_check.start(db_file)
    database.open_database(db_file, backups=False).close()
    assert ran == []
    database.open_database(db_file, backups=False).close()  # no early check: checked as always
    assert len(ran) == 1


def test_a_damaged_file_is_refused_at_open_as_before(db_file, monkeypatch):
    _break_foreign_key(db_file)
    ran = _checks_on_the_spot(monkeypatch)
    early_check.start(db_file)
    with pytest.raises(database.DamagedFileError) as refused:
        database.open_database(db_file, backups=False)
    assert ran == [] and refused.value.problems and "schedule" in refused.value.problems[0]


def test_a_file_written_after_the_early_check_began_is_checked_at_open(db_file, monkeypatch):
    ran = _checks_on_the_spot(monkeypatch)
    early_check.start(db_file)
    early_check._checks[early_check._key(db_file)].join()
    _break_foreign_key(db_file)  # after the early check saw a healthy file
    with pytest.raises(database.DamagedFileError):
        database.open_database(db_file, backups=False)
    assert len(ran) == 1


def test_nothing_is_checked_early_for_a_missing_file_or_one_with_a_journal(tmp_path, db_file):
    missing = tmp_path / "ない.sqlite"
    early_check.start(missing)
    assert early_check.take(missing) is None
    journal = db_file.with_name(db_file.name + "-journal")
    journal.write_bytes(b"")
    try:
        early_check.start(db_file)
        assert early_check.take(db_file) is None
    finally:
        journal.unlink()


def test_a_write_that_keeps_size_and_time_is_still_checked_at_open(db_file, monkeypatch):
    """Where the file time is coarse (FAT, network shares) or set back, a write of the same size can
    leave the file's size and time as they were: SQLite's change counter in the header still moves."""
    import os

    ran = _checks_on_the_spot(monkeypatch)
    before = os.stat(db_file)
    early_check.start(db_file)
    early_check._checks[early_check._key(db_file)].join()
    _break_foreign_key(db_file)
    os.utime(db_file, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(db_file).st_size == before.st_size
    with pytest.raises(database.DamagedFileError):
        database.open_database(db_file, backups=False)
    assert len(ran) == 1


def test_a_file_replaced_after_the_early_check_began_is_checked_at_open(db_file, tmp_path, monkeypatch):
    import os
    import shutil

    ran = _checks_on_the_spot(monkeypatch)
    other = tmp_path / "差し替え.sqlite"
    shutil.copyfile(db_file, other)
    _break_foreign_key(other)
    early_check.start(db_file)
    early_check._checks[early_check._key(db_file)].join()
    os.replace(other, db_file)
    with pytest.raises(database.DamagedFileError):
        database.open_database(db_file, backups=False)
    assert len(ran) == 1
