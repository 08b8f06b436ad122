"""The window and its file: one writable window per file, read-only files, outside changes re-read."""

from __future__ import annotations

import os

from PySide6.QtWidgets import QApplication, QWidget

from plan_desktop.storage import database
from plan_desktop.storage.database import open_database
from plan_desktop.storage.repository import PlanRepository


def _outside_edit(path, no, **fields):
    """Another program writes to the file (ignoring the lock, as a database tool would)."""
    repo = PlanRepository(open_database(path, backups=False))
    try:
        m = repo.load().measure_by_no(no)
        for k, v in fields.items():
            setattr(m, k, v)
        repo.save_measure(m)
    finally:
        repo.db.close()


def test_a_second_window_on_the_same_file_is_read_only(window, db_file, settings, qtbot):
    from plan_desktop.app import create_main_window

    second = create_main_window(db_file, settings)
    qtbot.addWidget(second)
    try:
        assert not window.document.readonly
        assert second.document.readonly and "読み取り専用" in second.windowTitle()
        assert f"プロセス番号 {os.getpid()}" in second.statusBar().currentMessage()
        ed = second.findChild(QWidget, "detailEditor")
        assert ed.title_edit.isReadOnly()
    finally:
        second.document.close()


def test_a_read_only_file_opens_read_only_and_says_so(db_file, settings, qtbot, monkeypatch, no_modal_dialogs):
    from plan_desktop.app import create_main_window

    real_access = os.access
    monkeypatch.setattr(database.os, "access",
                        lambda p, mode, **kw: False if (os.fspath(p) == os.fspath(db_file) and mode & os.W_OK)
                        else real_access(p, mode, **kw))
    w = create_main_window(db_file, settings)
    qtbot.addWidget(w)
    try:
        assert w.document.readonly and "読み取り専用" in w.windowTitle()
        assert "ファイルが読み取り専用です" in w.statusBar().currentMessage()
        ed = w.findChild(QWidget, "detailEditor")
        assert ed.title_edit.isReadOnly() and ed.content_edit.isReadOnly()  # nothing can be typed and lost
        assert not w.act_add.isEnabled()
    finally:
        w.document.close()


def test_the_window_rereads_an_outside_change_and_says_so(window, db_file):
    first = window.document.data.measures[0]
    _outside_edit(db_file, first.no, title="外のプログラムで変えた名称")
    assert window.file_watch.check() is True
    assert window.document.measure(first.id).title == "外のプログラムで変えた名称"
    assert "読み込み直しました" in window.statusBar().currentMessage()
    assert window.file_watch.check() is False


def test_typed_text_survives_an_outside_change_and_both_reach_the_file(window, db_file, reopen, qtbot):
    ed = window.findChild(QWidget, "detailEditor")
    m = window.document.data.measures[2]
    window.select_measure(m.id)
    window.show()
    qtbot.waitExposed(window)
    ed.content_edit.setFocus()
    QApplication.processEvents()
    ed.content_edit.setPlainText("窓で入力中の推進内容")  # typed, not yet committed
    _outside_edit(db_file, m.no, title="外で変えた名称")
    window.file_watch.check()
    stored = reopen(db_file).measure_by_no(m.no)
    assert stored.title == "外で変えた名称"
    assert stored.content == "窓で入力中の推進内容"


def test_undo_after_an_outside_change_does_not_write_the_stale_state_back(window, db_file, reopen):
    doc = window.document
    m = doc.data.measures[0]
    doc.update_measure(m.id, "t", title="窓での変更")
    _outside_edit(db_file, m.no, content="外での変更")
    window.undo()
    stored = reopen(db_file).measure_by_no(m.no)
    assert stored.content == "外での変更" and stored.title == "窓での変更"
