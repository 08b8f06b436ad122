"""Failed edits reach the user through the one failure reporter; nothing typed is lost.

A full disk is made with ``PRAGMA max_page_count``, a read-only file with
``PRAGMA query_only`` on the window's own connection. Message boxes are
recorded by the ``message_boxes`` fixture; any other modal dialog fails.
"""

from __future__ import annotations

from plan_desktop.ui.detail_editor import DetailEditor

LONG_TEXT = "満杯のディスクには書けない長い文章。" * 500  # 9,000 characters: within the field limit, pages more than the disk has


def _fill_disk(doc) -> None:
    db = doc.repo.db
    db.execute("VACUUM")
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages}")


def _editor(window, no):
    ed = window.findChild(DetailEditor, "detailEditor")
    window.select_measure(window.document.data.measure_by_no(no).id)
    return ed


def test_full_disk_while_committing_text_is_reported_and_the_text_stays(window, doc, db_file, reopen,
                                                                         message_boxes):
    """Bug: StorageError (an sqlite3.OperationalError) escaped commit_text as a traceback."""
    ed = _editor(window, 3)
    stored = doc.data.measure_by_no(3).issue
    _fill_disk(doc)
    ed.issue_edit.setPlainText(LONG_TEXT)
    assert ed.commit_text("issue", LONG_TEXT) is False
    assert [(kind, title) for kind, title, _ in message_boxes] == [("warning", "保存できません")]
    assert "空き容量" in message_boxes[0][2]
    assert "空き容量" in ed.error_text("issue")
    assert ed.issue_edit.toPlainText() == LONG_TEXT  # kept for a retry
    assert doc.data.measure_by_no(3).issue == stored and doc.undo_stack.count() == 0
    assert reopen(db_file).measure_by_no(3).issue == stored


def test_full_disk_on_focus_out_is_reported_not_raised(window, doc, qtbot, message_boxes):
    ed = _editor(window, 4)
    _fill_disk(doc)
    ed.content_edit.setPlainText(LONG_TEXT)
    ed.content_edit.editingFinished.emit()  # the way a user commits: through Qt, not a direct call
    assert len(message_boxes) == 1 and ed.content_edit.toPlainText() == LONG_TEXT


def test_read_only_file_on_a_title_edit_keeps_the_typed_title(window, doc, message_boxes):
    ed = _editor(window, 5)
    stored = doc.data.measure_by_no(5).title
    doc.repo.db.execute("PRAGMA query_only = 1")
    ed.title_edit.setText("書けない名称")
    ed.title_edit.editingFinished.emit()
    assert message_boxes and "読み取り専用" in message_boxes[0][2]
    assert ed.title_edit.text() == "書けない名称"
    assert doc.data.measure_by_no(5).title == stored


def test_failed_undo_reloads_says_so_and_shows_the_stored_value(window, doc, db_file, reopen, message_boxes):
    """Bug: a failed undo moved the undo stack's index while the data still held the edit."""
    ed = _editor(window, 6)
    ed.title_edit.setText("取り消せない名称")
    ed.title_edit.editingFinished.emit()
    assert doc.undo_stack.count() == 1
    doc.repo.db.execute("PRAGMA query_only = 1")
    window.undo()
    assert len(message_boxes) == 1
    kind, title, text = message_boxes[0]
    assert kind == "warning" and "読み直しました" in text
    assert doc.undo_stack.count() == 0 and not window.act_undo.isEnabled()
    assert doc.data.measure_by_no(6).title == "取り消せない名称" == reopen(db_file).measure_by_no(6).title
    assert ed.title_edit.text() == "取り消せない名称"


def test_failed_redo_on_a_full_disk_is_reported(window, doc, db_file, reopen, message_boxes):
    ed = _editor(window, 7)
    stored = doc.data.measure_by_no(7).issue
    ed.issue_edit.setPlainText(LONG_TEXT)
    ed.issue_edit.editingFinished.emit()
    window.undo()
    _fill_disk(doc)
    window.redo()
    assert len(message_boxes) == 1 and "空き容量" in message_boxes[0][2]
    assert doc.undo_stack.count() == 0 and not window.act_redo.isEnabled()
    assert doc.data.measure_by_no(7).issue == stored == reopen(db_file).measure_by_no(7).issue
    assert ed.issue_edit.toPlainText() == stored
