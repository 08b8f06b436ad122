"""The integrity check of the file the window opens at start-up runs after its first frame
(storage/deferred_check.py): the frame no longer waits for a read of the whole file (60-100 ms at
2,000 measures), and a damaged file is still named, with the way back, before anything is written."""

from __future__ import annotations

import sqlite3

import pytest

from plan_desktop.document.early_open import prepare_to_open
from plan_desktop.document.errors import StorageFailure


def _break_foreign_key(path) -> None:
    """Damage only the check finds: every row still reads, so the window shows the plan."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("INSERT INTO schedule (measure_id, fy, phase_id) VALUES ('gone', 2025, 'x')")
    conn.commit()
    conn.close()


def _start_up(qtbot, db_file, settings):
    """What app.run_gui does: the file is named before the window's modules load, then opened."""
    from plan_desktop.ui.main_window import MainWindow
    from plan_desktop.ui.safety_dialogs import open_document_safely

    prepare_to_open(db_file)
    document = open_document_safely(db_file)
    assert document is not None
    window = MainWindow(document, settings)
    qtbot.addWidget(window)
    return window


def test_the_check_waits_for_the_first_frame_then_runs_by_itself(qtbot, db_file, settings, no_modal_dialogs):
    window = _start_up(qtbot, db_file, settings)
    try:
        check = window.document.repo.db.deferred_check
        assert check is not None and check._thread is None  # not begun before the first frame
        window.show()
        qtbot.waitUntil(lambda: check._finished, timeout=30000)
        assert check.result() == []
        first = window.document.measures()[0].id
        window.document.update_measure(first, "名称の変更", title="検査の後")
        assert window.document.repo.db.deferred_check is None
    finally:
        window.document.close()


def test_a_file_opened_later_in_the_same_process_is_checked_at_open(qtbot, db_file, settings, no_modal_dialogs):
    from plan_desktop.ui.safety_dialogs import open_document_safely

    prepare_to_open(db_file)
    first = open_document_safely(db_file)
    assert first is not None and first.repo.db.deferred_check is not None
    first.close()
    again = open_document_safely(db_file)  # File → Open: asked once, at start-up only
    assert again is not None
    try:
        assert again.repo.db.deferred_check is None
    finally:
        again.close()


def test_a_damaged_file_is_named_after_the_first_frame_and_nothing_is_written(qtbot, db_file, settings,
                                                                              message_boxes, monkeypatch):
    """Named with the recovery dialog the open of a damaged file shows (tests/ui/test_late_damage_recovery.py)."""
    from PySide6.QtWidgets import QDialog

    from plan_desktop.ui.safety_dialogs import CorruptionDialog

    shown: list[str] = []

    def decline(dialog):
        shown.append(dialog.message_text())
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(CorruptionDialog, "exec", decline)
    _break_foreign_key(db_file)
    before = db_file.read_bytes()
    window = _start_up(qtbot, db_file, settings)
    document = window.document
    try:
        first = document.measures()[0].id
        with pytest.raises(StorageFailure, match="壊れています"):  # an edit before the report: refused
            document.update_measure(first, "名称の変更", title="壊れたまま")
        window.show()
        qtbot.waitUntil(lambda: bool(shown), timeout=30000)
        assert "schedule" in shown[0] and "ファイルの一部が壊れています" in shown[0]
        assert document.closed and not window.isVisible()
    finally:
        document.close()
    assert db_file.read_bytes() == before
