"""An exception escaping a slot or an event handler: logged in the data folder, explained, the plan kept safe."""

from __future__ import annotations

import logging
import sys

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QWidget

from plan_desktop.storage.database import open_database
from plan_desktop.storage.repository import PlanRepository
from plan_desktop.ui.unexpected_errors import (
    LOG_NAME,
    UnexpectedErrorHandler,
    error_log_path,
    install_log_file,
    remove_log_file,
)

pytestmark = pytest.mark.qt_no_exception_capture  # the handler under test replaces pytest-qt's hook


class _Emitter(QObject):
    fire = Signal()


@pytest.fixture
def handler(tmp_path, window):
    shown = []
    h = UnexpectedErrorHandler(lambda: window, tmp_path / "data" / LOG_NAME,
                               show=lambda parent, title, text, details: shown.append((parent, title, text, details)))
    h.shown = shown
    h.install()
    yield h
    h.uninstall()


def _raise_in_a_slot(exc: BaseException) -> None:
    def slot():
        raise exc

    emitter = _Emitter()
    emitter.fire.connect(slot)
    emitter.fire.emit()  # PySide6 hands the exception to sys.excepthook and carries on


def test_an_exception_in_a_slot_is_logged_and_shown_in_japanese(handler, window, qtbot):
    _raise_in_a_slot(RuntimeError("スロットの失敗"))
    log = handler.log_path.read_text(encoding="utf-8")
    assert "RuntimeError: スロットの失敗" in log and "plan_desktop" in log and "Traceback" in log
    qtbot.waitUntil(lambda: bool(handler.shown))
    parent, title, text, details = handler.shown[0]
    assert parent is window and title == "予期しないエラー"
    assert "予期しないエラーが発生しました" in text and "保存されています" in text and str(handler.log_path) in text
    assert "RuntimeError: スロットの失敗" in details
    # The app is still running: the next edit works.
    m = window.document.data.measures[0]
    window.document.update_measure(m.id, "題名", title="エラーの後の編集")
    assert window.document.measure(m.id).title == "エラーの後の編集"


def test_an_exception_in_a_paint_event_is_caught_too(handler, qtbot):
    class Broken(QWidget):
        def paintEvent(self, event):
            raise ValueError("描画の失敗")

    w = Broken()
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: "描画の失敗" in (handler.log_path.read_text(encoding="utf-8")
                                         if handler.log_path.exists() else ""))


def test_a_repeating_error_is_shown_once_and_logged_a_few_times(handler, qtbot):
    for _ in range(10):
        try:
            raise KeyError("毎回の失敗")
        except KeyError:
            sys.excepthook(*sys.exc_info())
    QApplication.processEvents()
    qtbot.waitUntil(lambda: bool(handler.shown))
    QApplication.processEvents()
    assert len(handler.shown) == 1
    assert handler.log_path.read_text(encoding="utf-8").count("KeyError: '毎回の失敗'") == 3


def test_an_unfinished_write_is_rolled_back_and_memory_follows_the_file(handler, window, db_file):
    doc = window.document
    m = doc.data.measures[0]
    original = m.title
    db = doc.repo.db
    db.conn.execute("BEGIN")
    db.conn.execute("UPDATE measures SET title = '書きかけ' WHERE id = ?", (m.id,))
    m.title = "画面だけの変更"  # the failure struck between writing and mirroring
    try:
        raise RuntimeError("途中の失敗")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    assert not db.conn.in_transaction
    assert doc.measure(m.id).title == original
    other = open_database(db_file, readonly=True)
    try:
        assert PlanRepository(other).load().measures[0].title == original
    finally:
        other.close()


def test_the_message_says_when_the_plan_was_re_read(handler, window, qtbot):
    window.document.data.measures[0].title = "画面だけの変更"
    _raise_in_a_slot(RuntimeError("x"))
    qtbot.waitUntil(lambda: bool(handler.shown))
    assert "読み直しました" in handler.shown[0][2]


def test_a_log_that_cannot_be_written_is_said_in_the_message(tmp_path, window, qtbot):
    blocker = tmp_path / "data"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    shown = []
    h = UnexpectedErrorHandler(lambda: window, blocker / LOG_NAME, show=lambda *a: shown.append(a)).install()
    try:
        _raise_in_a_slot(RuntimeError("y"))
        qtbot.waitUntil(lambda: bool(shown))
    finally:
        h.uninstall()
    assert "書き込めませんでした" in shown[0][2] and "RuntimeError: y" in shown[0][3]


def test_the_log_lives_in_the_data_folder_and_collects_warnings(tmp_path, monkeypatch):
    from plan_desktop import paths

    monkeypatch.setattr(paths, "user_data_dir", lambda: tmp_path / "per-user")
    path = error_log_path()
    assert path == tmp_path / "per-user" / LOG_NAME
    handler = install_log_file(path)
    try:
        assert not path.parent.exists()  # nothing is created until there is something to write
        logging.getLogger("plan_desktop.storage.database").warning("automatic backup of %s failed", "計画.sqlite")
        handler.flush()
        assert "automatic backup of 計画.sqlite failed" in path.read_text(encoding="utf-8")
    finally:
        remove_log_file(handler)


def test_uninstall_restores_the_previous_hook(tmp_path):
    before = sys.excepthook
    h = UnexpectedErrorHandler(lambda: None, tmp_path / LOG_NAME, show=lambda *a: None).install(log_warnings=True)
    assert sys.excepthook == h.handle
    h.uninstall()
    assert sys.excepthook is before
    assert not any(isinstance(x, logging.FileHandler) for x in logging.getLogger("plan_desktop").handlers)


def test_the_window_runs_with_the_handler_installed_and_removes_it_at_exit(qapp, db_file, tmp_path, monkeypatch,
                                                                           settings):
    import argparse

    from plan_desktop import app as app_module
    from plan_desktop import paths
    from plan_desktop.ui import main_window

    monkeypatch.setattr(paths, "user_data_dir", lambda: tmp_path / "data")
    monkeypatch.setattr(app_module, "default_settings", lambda: settings)
    seen = []
    monkeypatch.setattr(main_window.MainWindow, "show", lambda self: seen.append(sys.excepthook) or QWidget.show(self))
    before = sys.excepthook
    args = argparse.Namespace(db=db_file, exit_after_show=True, screenshot=None, lang=None)
    assert app_module.run_gui(args) == 0
    assert isinstance(seen[0].__self__, UnexpectedErrorHandler)
    assert seen[0].__self__.log_path == tmp_path / "data" / LOG_NAME
    assert sys.excepthook is before


def test_the_log_folder_is_looked_up_when_the_first_warning_arrives(tmp_path, monkeypatch):
    from plan_desktop import paths

    looked_up = []
    monkeypatch.setattr(paths, "user_data_dir", lambda: looked_up.append(1) or tmp_path / "later")
    h = UnexpectedErrorHandler(lambda: None, None, show=lambda *a: None).install(log_warnings=True)
    try:
        assert looked_up == []  # not while the window starts
        logging.getLogger("plan_desktop.storage.database").warning("automatic backup failed")
        logging.getLogger("plan_desktop.storage.database").warning("and again")
        assert looked_up == [1]
        assert h.log_path == tmp_path / "later" / LOG_NAME
        assert h._log_handler is not None
        h._log_handler.flush()
        log = (tmp_path / "later" / LOG_NAME).read_text(encoding="utf-8")
        assert "automatic backup failed" in log and "and again" in log
    finally:
        h.uninstall()
    assert not any(isinstance(x, logging.FileHandler) for x in logging.getLogger("plan_desktop").handlers)
