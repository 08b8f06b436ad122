"""Backups and recovery the way Windows behaves: files held by other programs, MAX_PATH.

Windows is emulated: ``os.replace``/``os.rename``/``os.unlink`` raise the
PermissionError (WinError 32) Windows raises for a file another PC or the
antivirus holds (see ``windows_emulation``), and a "no LongPathsEnabled" guard
refuses any path of 260 characters or more that did not go through
``fileops.extended_path`` (the ``\\\\?\\`` form) or a SQLite URI.
"""

from __future__ import annotations

import builtins
import datetime as dt
import errno
import os
import sqlite3

import pytest
from safety_helpers import damage, digest
from windows_emulation import held_files, listing  # noqa: F401 - fixture

from plan_desktop import fileops
from plan_desktop.storage import backup as bk
from plan_desktop.storage import database

NOW = dt.datetime(2026, 4, 1, 8, 30, tzinfo=dt.UTC)


def test_a_backup_the_antivirus_holds_for_a_moment_still_lands(db_file, held_files):
    final = db_file.parent / "backups" / bk._name(db_file, NOW, "manual")
    held_files.hold(final, times=2)
    info = bk.create_backup(db_file, now=NOW)
    assert info.path == final and info.summary().ok
    assert [p.name for p in final.parent.iterdir()] == [final.name]


def test_a_backup_whose_rename_is_refused_is_a_backup_error_and_leaves_no_temporary(db_file, held_files):
    final = db_file.parent / "backups" / bk._name(db_file, NOW, "manual")
    held_files.hold(final)
    with pytest.raises(bk.BackupError) as err:
        bk.create_backup(db_file, now=NOW)
    assert final.name in str(err.value) and "閉じて" in str(err.value)
    assert list(final.parent.iterdir()) == []


def test_the_automatic_backup_failing_on_a_held_file_never_stops_the_open(db_file, held_files):
    folder = db_file.parent / "backups"
    real_replace = fileops.replace

    def refuse_into_backups(src, dst):
        if os.fspath(dst).startswith(os.fspath(folder)):
            held_files.hold(dst)
        real_replace(src, dst)

    import unittest.mock

    with unittest.mock.patch.object(fileops, "replace", refuse_into_backups):
        db = database.open_database(db_file)
    assert db.backup_problem and "閉じて" in db.backup_problem
    db.close()
    assert list(folder.iterdir()) == []


def test_recovery_refused_by_a_held_damaged_file_changes_nothing_and_names_it(db_file, held_files):
    good = bk.create_backup(db_file, now=NOW)
    damage(db_file)
    before = listing(db_file.parent)
    held_files.hold(db_file)  # another PC still has the damaged file open
    with pytest.raises(bk.BackupError) as err:
        bk.recover(db_file)
    message = str(err.value)
    assert "「plan.sqlite」" in message and "閉じて" in message and "そのまま残しています" in message
    assert listing(db_file.parent) == before  # no .damaged, no .restoring.tmp, no temporary
    assert good.summary().ok


def test_recovery_puts_the_damaged_file_back_when_the_restored_copy_cannot_take_its_place(db_file, held_files):
    bk.create_backup(db_file, now=NOW)
    damage(db_file)
    before = digest(db_file)
    real_replace = os.replace

    def refuse_into_db(src, dst, **kw):
        if os.path.abspath(dst) == str(db_file) and fileops.TEMP_NAME.match(os.path.basename(src)):
            raise OSError(errno.EIO, "Input/output error")  # e.g. the share dropped
        return real_replace(src, dst, **kw)

    os.replace = refuse_into_db
    try:
        with pytest.raises(bk.BackupError, match="そのまま残しています"):
            bk.recover(db_file)
    finally:
        os.replace = real_replace
    assert digest(db_file) == before
    assert sorted(p.name for p in db_file.parent.iterdir()) == ["backups", "plan.sqlite"]


def test_the_recovery_dialog_reports_a_held_file_instead_of_crashing(db_file, held_files, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from plan_desktop.ui.safety_dialogs import CorruptionDialog

    bk.create_backup(db_file, now=NOW)
    damage(db_file)
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: shown.append(a[2]))
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    held_files.hold(db_file)
    dlg = CorruptionDialog(db_file, database.DamagedFileError("壊れています", path=db_file))
    qtbot.addWidget(dlg)
    assert dlg.restore() is None
    assert shown and "「plan.sqlite」" in shown[0]


# ------------------------------------------------------------ long paths
class _NoLongPaths:
    """Windows without LongPathsEnabled: a path of MAX_PATH (260) characters or more fails
    unless it is in the ``\\\\?\\`` form (here: prepared by fileops.extended_path) or a SQLite URI."""

    class Prepared(str):
        pass

    def __init__(self, monkeypatch):
        self.refused: list[str] = []
        self.prepared = 0
        self._real_extended = fileops.extended_path
        monkeypatch.setattr(fileops, "extended_path", self._extended)
        for name in ("stat", "lstat", "replace", "rename", "unlink", "remove", "scandir", "open", "mkdir"):
            monkeypatch.setattr(os, name, self._guard(getattr(os, name)))
        monkeypatch.setattr(builtins, "open", self._guard(builtins.open))
        monkeypatch.setattr(sqlite3, "connect", self._guard_sqlite(sqlite3.connect))

    def _extended(self, path, *, windows=None):
        text = self._real_extended(path, windows=windows)  # on a real Windows: the \\?\ form
        if len(os.fspath(path)) >= 248:
            self.prepared += 1
            return self.Prepared(text)
        return text

    def _check(self, arg):
        if isinstance(arg, (str, os.PathLike)) and not isinstance(arg, int):
            text = os.fspath(arg)
            if isinstance(text, str) and len(text) >= 260 and not isinstance(arg, self.Prepared):
                self.refused.append(text)
                exc = FileNotFoundError(errno.ENAMETOOLONG, "The filename or extension is too long", text)
                exc.winerror = 206
                raise exc

    def _guard(self, real):
        def guarded(*args, **kw):
            for a in args[:2]:
                self._check(a)
            return real(*args, **kw)
        return guarded

    def _guard_sqlite(self, real):
        def guarded(target, *args, **kw):
            if not (isinstance(target, str) and (target.startswith("file:") or target == ":memory:")):
                self._check(target)
            return real(target, *args, **kw)
        return guarded


@pytest.fixture
def deep_db(tmp_path, db_file):
    """A plan at a path of about 225 characters: the backups' names pass 260."""
    folder = tmp_path
    while len(str(folder / "plan.sqlite")) < 225:
        folder = folder / "shared-folder"  # ASCII: SQLite on Linux allows 512 bytes
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "plan.sqlite"
    path.write_bytes(db_file.read_bytes())
    assert len(str(path)) < 248 and len(str(bk.backup_dir(path) / bk._name(path, NOW, "nextperiod"))) >= 260
    return path


def test_backups_of_a_plan_deep_in_folders_never_hand_windows_an_overlong_path(deep_db, monkeypatch):
    guard = _NoLongPaths(monkeypatch)
    info = bk.create_backup(deep_db, now=NOW, reason="nextperiod")
    assert [b.path for b in bk.list_backups(deep_db)] == [info.path]
    assert bk.rotate(deep_db, bk.BackupPolicy(keep_recent=1, keep_monthly=0)) == []
    damage(deep_db)
    result = bk.recover(deep_db)
    assert result.restored_from.path == info.path
    assert guard.refused == [] and guard.prepared > 0


def test_backup_temporaries_are_short(deep_db, monkeypatch):
    made = []
    real = fileops.temp_path
    monkeypatch.setattr(fileops, "temp_path", lambda target: made.append(real(target)) or made[-1])
    info = bk.create_backup(deep_db, now=NOW)
    assert made and all(len(str(t)) < len(str(info.path)) - 25 for t in made)
    assert all(len(str(t)) <= len(str(deep_db)) + len("/backups") + 8 for t in made)


def test_stale_short_temporaries_are_cleaned_but_not_fresh_ones_or_others(db_file):
    folder = db_file.parent / "backups"
    folder.mkdir()
    stale, fresh, other = folder / "~pd0badf00d.tmp", folder / "~pd1badf00d.tmp", folder / "~other.tmp"
    for p in (stale, fresh, other):
        p.write_bytes(b"partial")
    old = dt.datetime.now().timestamp() - 2 * bk.STALE_TMP_SECONDS
    os.utime(stale, (old, old))
    os.utime(other, (old, old))
    bk.create_backup(db_file)
    assert not stale.exists() and fresh.exists() and other.exists()
