"""A failed automatic backup is shown in the window, never only written to a log."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from plan_desktop.storage import backup as bk


def test_a_failed_automatic_backup_shows_in_the_status_bar_and_a_warning(qtbot, db_file, settings, monkeypatch):
    from plan_desktop.app import create_main_window

    # What a shared folder did before UNC URIs: every verification of a new backup failed.
    monkeypatch.setattr(bk, "inspect_backup", lambda path: bk.BackupSummary(False, problem="invalid uri authority"))
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: warnings.append((title, text)))
    w = create_main_window(db_file, settings)
    qtbot.addWidget(w)
    try:
        assert w.statusBar().currentMessage() == (
            "自動バックアップを作成できませんでした: 作成したバックアップの検査に失敗しました（invalid uri authority）")
        qtbot.waitUntil(lambda: bool(warnings))
        title, text = warnings[0]
        assert title == "自動バックアップ" and "invalid uri authority" in text and "計画のファイルは開いています" in text
        assert str(db_file.parent / "backups") in text
    finally:
        w.document.close()
    assert not list((db_file.parent / "backups").glob("*.tmp"))


def test_a_working_automatic_backup_shows_nothing(window):
    assert window.document.backup_problem is None
    assert "バックアップ" not in window.statusBar().currentMessage()
