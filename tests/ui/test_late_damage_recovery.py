"""The file opened at start-up whose damage only the integrity check finds (every row still reads)
ends as the open of a damaged file ends (ui/late_damage.py): the check runs after the window's
first frame, and when it finds the damage the user gets the open's recovery dialog, with the same
texts and choices; nothing is written to the damaged file, nor a backup of it put in place."""

from __future__ import annotations

import argparse
import datetime as dt
import threading
from pathlib import Path

import pytest
from file_damage import break_foreign_key
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

from plan_desktop import app as app_module
from plan_desktop.document.early_open import prepare_to_open
from plan_desktop.storage import backup as bk
from plan_desktop.storage.database import check_file
from plan_desktop.storage.deferred_check import DeferredCheck
from plan_desktop.storage.lock import lock_path
from plan_desktop.ui import late_damage
from plan_desktop.ui import safety_dialogs as sd


def _add_orphan_page(path: Path) -> None:
    """A page counted in the header that no table uses: only quick_check sees it ("never used")."""
    with open(path, "r+b") as f:
        header = f.read(100)
        page_size = int.from_bytes(header[16:18], "big")
        pages = int.from_bytes(header[28:32], "big")
        f.seek(0, 2)
        f.write(b"\0" * page_size)
        f.seek(28)
        f.write((pages + 1).to_bytes(4, "big"))


DAMAGE = {"foreign key": break_foreign_key, "unused page": _add_orphan_page}


def _files_beside(path: Path) -> dict[str, bytes]:
    """The file, its -wal/-shm/-journal and every file of its backup folder, by name."""
    out = {}
    for p in [path, *(path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal"))]:
        if p.exists():
            out[p.name] = p.read_bytes()
    folder = bk.backup_dir(path)
    if folder.exists():
        out.update({f"backups/{p.name}": p.read_bytes() for p in folder.iterdir()})
    return out


def _old_good_backup(path: Path) -> bk.BackupInfo:
    """A good backup two days old: the start-up's open is the day's first and copies a backup."""
    return bk.create_backup(path, now=dt.datetime.now(dt.UTC) - dt.timedelta(days=2))


class Dialogs:
    """CorruptionDialog.exec replaced: records each dialog's texts, then restores or declines."""

    def __init__(self, monkeypatch, restore: bool):
        self.shown: list[dict] = []
        dialogs = self

        def exec_(dialog):
            dialogs.shown.append({"title": dialog.windowTitle(), "text": dialog.message_text(),
                                  "buttons": [dialog.restore_button.text(), dialog.cancel_button.text()],
                                  "restore_enabled": dialog.restore_button.isEnabled(),
                                  "parent": dialog.parentWidget()})
            if restore:
                dialog.restore()
                return dialog.result()
            return QDialog.DialogCode.Rejected

        monkeypatch.setattr(sd.CorruptionDialog, "exec", exec_)


def _start_up(qtbot, db_file, settings):
    """What app.run_gui does: the file is named before the window's modules load, then opened."""
    from plan_desktop.ui.main_window import MainWindow

    prepare_to_open(db_file)
    document = sd.open_document_safely(db_file)
    assert document is not None and document.repo.db.deferred_check is not None
    window = MainWindow(document, settings)
    qtbot.addWidget(window)
    return window


def _open_path_dialog(db_file, monkeypatch) -> dict:
    """The recovery dialog File → Open (or the command line) shows for the same file."""
    dialogs = Dialogs(monkeypatch, restore=False)
    assert sd.open_document_safely(db_file) is None
    return dialogs.shown[-1]


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_declining_the_recovery_closes_the_window_and_changes_no_file(qtbot, db_file, settings, message_boxes,
                                                                      monkeypatch, damage):
    _old_good_backup(db_file)
    DAMAGE[damage](db_file)
    before = _files_beside(db_file)
    dialogs = Dialogs(monkeypatch, restore=False)
    window = _start_up(qtbot, db_file, settings)
    document = window.document
    assert document.repo.db.pending_backup is not None  # the day's backup, copied at open
    window.show()
    qtbot.waitUntil(lambda: bool(dialogs.shown), timeout=30000)
    shown = dialogs.shown[0]
    assert shown["parent"] is window
    assert not window.isVisible() and window.exit_status == 1  # as start-up without a file
    assert document.closed and not lock_path(db_file).exists()
    assert _files_beside(db_file) == before  # the file, no -wal/-shm, no backup of the damaged file
    assert message_boxes == []
    # The same dialog, word for word, as the open of the same file shows.
    expected = _open_path_dialog(db_file, monkeypatch)
    assert {k: v for k, v in shown.items() if k != "parent"} == {k: v for k, v in expected.items() if k != "parent"}
    assert shown["title"] == "ファイルが壊れています" and shown["buttons"] == ["バックアップから復元", "復元しない"]
    assert shown["restore_enabled"] and "最新の正常なバックアップ" in shown["text"]
    assert _files_beside(db_file) == before


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_restoring_shows_the_restored_file_in_the_window_and_keeps_the_damaged_one_aside(
        qtbot, db_file, settings, message_boxes, monkeypatch, damage):
    good = _old_good_backup(db_file)
    DAMAGE[damage](db_file)
    damaged = db_file.read_bytes()
    dialogs = Dialogs(monkeypatch, restore=True)
    window = _start_up(qtbot, db_file, settings)
    damaged_document = window.document
    window.show()
    qtbot.waitUntil(lambda: window.document is not damaged_document, timeout=30000)
    try:
        assert len(dialogs.shown) == 1 and window.isVisible() and window.exit_status == 0
        assert damaged_document.closed
        document = window.document
        assert document.path == db_file and not document.readonly and len(document.measures()) == 35
        assert check_file(db_file).ok
        assert db_file.with_name("plan.sqlite.damaged").read_bytes() == damaged  # renamed, not written
        kinds_titles = [(kind, title) for kind, title, _text in message_boxes]
        assert kinds_titles == [("information", "復元しました")]
        assert good.path.exists()
        document.update_measure(document.measures()[0].id, "名称の変更", title="復元の後")  # writable again
        assert lock_path(db_file).exists()
    finally:
        window.document.close()
    assert not lock_path(db_file).exists()


def test_without_a_backup_the_dialog_says_so_and_nothing_changes(qtbot, db_file, settings, message_boxes,
                                                                 monkeypatch):
    break_foreign_key(db_file)
    before = _files_beside(db_file)
    dialogs = Dialogs(monkeypatch, restore=True)  # the restore button is disabled: nothing happens
    window = _start_up(qtbot, db_file, settings)
    window.show()
    qtbot.waitUntil(lambda: bool(dialogs.shown), timeout=30000)
    assert not dialogs.shown[0]["restore_enabled"]
    assert "使用できるバックアップが見つかりません" in dialogs.shown[0]["text"]
    assert not window.isVisible() and window.exit_status == 1
    assert _files_beside(db_file) == before  # no backup of the damaged file either


def _hold_the_check(monkeypatch) -> threading.Event:
    """The check after the first frame waits for the event (a slow disk): the user can type meanwhile."""
    release = threading.Event()
    real = DeferredCheck._check

    def held(self):
        release.wait(30)
        return real(self)

    monkeypatch.setattr(DeferredCheck, "_check", held)
    return release


def _typing_while_the_check_runs(qtbot, db_file, settings, monkeypatch, *, restore: bool):
    """A damaged file (a good backup beside it) opened at start-up, its check held running, the
    title field focused with its text selected: (files before, dialogs, release, window, field)."""
    _old_good_backup(db_file)
    break_foreign_key(db_file)
    before = _files_beside(db_file)
    dialogs = Dialogs(monkeypatch, restore=restore)
    release = _hold_the_check(monkeypatch)
    window = _start_up(qtbot, db_file, settings)
    window.show()
    qtbot.waitExposed(window)
    check = window.document.repo.db.deferred_check
    qtbot.waitUntil(lambda: check._thread is not None, timeout=30000)  # running, held
    window.activateWindow()
    title = window.editor.title_edit
    title.setFocus()
    title.selectAll()
    return before, dialogs, release, window, title


def test_an_edit_made_while_the_check_runs_is_refused_saying_why_and_its_text_is_shown_again(
        qtbot, db_file, settings, message_boxes, monkeypatch):
    before, dialogs, release, window, title = _typing_while_the_check_runs(qtbot, db_file, settings, monkeypatch,
                                                                           restore=False)
    qtbot.keyClicks(title, "Typed while checking")
    threading.Timer(0.2, release.set).start()  # the disk answers while the edit waits for it
    window.editor.commit_pending()  # the user leaves the field: the edit waits for the check
    # Refused, saying why (the field keeps the text, red), before the recovery dialog.
    assert [(kind, title) for kind, title, _text in message_boxes] == [("warning", "保存できません")]
    assert "壊れています" in message_boxes[0][2]
    qtbot.waitUntil(lambda: bool(dialogs.shown), timeout=30000)
    assert not window.isVisible()
    # Shown again once the window has ended, so that it can be typed into the restored plan.
    kind, box_title, text = message_boxes[-1]
    assert (kind, box_title) == ("information", "保存されなかった入力") and "Typed while checking" in text
    assert _files_beside(db_file) == before


def test_text_being_typed_when_the_damage_is_found_is_tried_refused_and_shown_again(
        qtbot, db_file, settings, message_boxes, monkeypatch):
    before, dialogs, release, window, title = _typing_while_the_check_runs(qtbot, db_file, settings, monkeypatch,
                                                                           restore=True)
    qtbot.keyClicks(title, "Still typing")
    release.set()
    qtbot.waitUntil(lambda: bool(dialogs.shown), timeout=30000)
    titles = [title for _kind, title, _text in message_boxes]
    assert titles == ["保存できません", "復元しました", "保存されなかった入力"]
    assert "Still typing" in message_boxes[-1][2]
    assert window.isVisible() and len(window.document.measures()) == 35
    assert "Still typing" not in [m.title for m in window.document.measures()]
    window.document.close()
    assert before[db_file.name] == db_file.with_name("plan.sqlite.damaged").read_bytes()


def test_an_edit_while_another_dialog_is_open_waits_for_it(qtbot, db_file, settings, message_boxes, monkeypatch):
    """The recovery waits for a dialog the user has open (it may hold the document)."""
    _old_good_backup(db_file)
    break_foreign_key(db_file)
    dialogs = Dialogs(monkeypatch, restore=False)
    window = _start_up(qtbot, db_file, settings)
    other = QDialog(window)
    other.setModal(True)
    window.show()
    other.show()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is other, timeout=30000)
    check = window.document.repo.db.deferred_check
    window.document.check_file_in_background()
    qtbot.waitUntil(lambda: check._finished, timeout=30000)
    qtbot.wait(3 * late_damage.WAIT_FOR_DIALOG_MS)
    assert dialogs.shown == [] and window.isVisible()
    other.close()
    qtbot.waitUntil(lambda: bool(dialogs.shown), timeout=30000)
    assert not window.isVisible()


# ------------------------------------------------------------------ the whole start-up (app.run_gui)
def _run(args, settings, monkeypatch, until=None) -> int:
    """app.run_gui; *until(window)* closes the window once it holds (never hangs: a fuse closes it)."""
    from plan_desktop.ui.main_window import MainWindow

    monkeypatch.setattr(app_module, "default_settings", lambda: settings)

    def windows():
        return [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]

    def poll():
        for w in windows():
            if until is not None and until(w):
                w.close()

    timer = QTimer()
    timer.timeout.connect(poll)
    timer.start(50)
    fuse = QTimer()
    fuse.setSingleShot(True)
    fuse.timeout.connect(lambda: [w.close() for w in windows()])
    fuse.start(60000)
    try:
        return app_module.run_gui(args)
    finally:
        timer.stop()
        fuse.stop()


def _args(db=None):
    return argparse.Namespace(db=db, exit_after_show=False, screenshot=None, lang=None)


def test_start_up_with_a_damaged_file_declined_ends_with_status_1(qapp, db_file, settings, message_boxes,
                                                                  monkeypatch):
    _old_good_backup(db_file)
    break_foreign_key(db_file)
    before = _files_beside(db_file)
    dialogs = Dialogs(monkeypatch, restore=False)
    assert _run(_args(db_file), settings, monkeypatch) == 1
    assert len(dialogs.shown) == 1 and _files_beside(db_file) == before


def test_start_up_with_the_last_file_damaged_falls_back_as_the_open_does(qapp, db_file, tmp_path, settings,
                                                                         message_boxes, monkeypatch):
    """Not named on the command line (the last file): declined, the working copy opens instead."""
    import shutil

    from plan_desktop import paths

    working = tmp_path / "working" / "plan.sqlite"
    working.parent.mkdir()
    shutil.copyfile(db_file, working)
    monkeypatch.setattr(paths, "default_working_db", lambda: working)
    _old_good_backup(db_file)
    break_foreign_key(db_file)
    before = _files_beside(db_file)
    settings.setValue("files/last", str(db_file))
    dialogs = Dialogs(monkeypatch, restore=False)
    seen = []

    def on_working_copy(window) -> bool:
        if window.document.path == working:
            seen.append(window.document.measures())
            return True
        return False

    assert _run(_args(), settings, monkeypatch, until=on_working_copy) == 0
    assert len(dialogs.shown) == 1 and len(seen[0]) == 35
    assert _files_beside(db_file) == before


def test_start_up_with_a_damaged_file_restored_goes_on_with_the_restored_file(qapp, db_file, settings,
                                                                              message_boxes, monkeypatch):
    _old_good_backup(db_file)
    break_foreign_key(db_file)
    damaged = db_file.read_bytes()
    dialogs = Dialogs(monkeypatch, restore=True)
    restored = []

    def on_restored(window) -> bool:
        if window.document.path == db_file and not window.document.closed and dialogs.shown:
            restored.append(check_file(db_file).ok)
            return True
        return False

    assert _run(_args(db_file), settings, monkeypatch, until=on_restored) == 0
    assert restored == [True]
    assert db_file.with_name("plan.sqlite.damaged").read_bytes() == damaged


def test_a_check_that_cannot_run_on_its_own_runs_on_the_documents_connection_and_offers_the_same(
        qtbot, db_file, settings, message_boxes, monkeypatch):
    """The check's own connection could not read the file (busy, an I/O error): the verdict is the
    document connection's, as at open, and the damage ends the same way."""
    _old_good_backup(db_file)
    break_foreign_key(db_file)
    before = _files_beside(db_file)
    dialogs = Dialogs(monkeypatch, restore=False)
    monkeypatch.setattr(DeferredCheck, "_check", lambda self: None)  # could not run
    window = _start_up(qtbot, db_file, settings)
    window.show()
    qtbot.waitUntil(lambda: bool(dialogs.shown), timeout=30000)
    assert "schedule" in dialogs.shown[0]["text"]
    assert not window.isVisible() and window.exit_status == 1
    assert _files_beside(db_file) == before


def test_a_healthy_file_whose_check_could_not_run_on_its_own_passes_it_on_the_documents_connection(
        qtbot, db_file, settings, no_modal_dialogs, monkeypatch):
    monkeypatch.setattr(DeferredCheck, "_check", lambda self: None)
    window = _start_up(qtbot, db_file, settings)
    document = window.document
    try:
        window.show()
        qtbot.waitUntil(lambda: document.repo.db.deferred_check is None, timeout=30000)
        assert window.isVisible() and not document.closed
        document.update_measure(document.measures()[0].id, "名称の変更", title="検査の後")
    finally:
        document.close()
