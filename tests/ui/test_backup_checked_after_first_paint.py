"""The window's automatic backup on open: copied at open, checked on another thread after the first
frame (the check reads every row: ~2 s at 2,000 measures, which the first frame no longer waits for)."""

from __future__ import annotations

from plan_desktop.storage import backup as bk


def _window(qtbot, db_file, settings):
    from plan_desktop.ui.main_window import MainWindow
    from plan_desktop.ui.safety_dialogs import open_document_safely

    document = open_document_safely(db_file)
    assert document is not None
    window = MainWindow(document, settings)
    qtbot.addWidget(window)
    return window


def test_the_window_puts_the_automatic_backup_in_place_after_its_first_frame(qtbot, db_file, settings):
    window = _window(qtbot, db_file, settings)
    try:
        assert bk.list_backups(db_file) == []  # copied, not yet checked
        window.show()
        qtbot.waitUntil(lambda: [b.reason for b in bk.list_backups(db_file)] == ["open"], timeout=30000)
        assert window.document.backup_problem is None
    finally:
        window.document.close()
    assert not list((db_file.parent / "backups").glob("*.tmp"))


def test_a_later_check_that_fails_shows_in_the_status_bar_and_a_warning(qtbot, db_file, settings, monkeypatch,
                                                                        message_boxes):
    monkeypatch.setattr(bk, "inspect_backup", lambda path: bk.BackupSummary(False, problem="invalid uri authority"))
    window = _window(qtbot, db_file, settings)
    try:
        window.show()
        qtbot.waitUntil(lambda: bool(message_boxes), timeout=30000)
        [(kind, title, text)] = message_boxes
        assert (kind, title) == ("warning", "自動バックアップ")
        assert "invalid uri authority" in text and "計画のファイルは開いています" in text
        assert window.statusBar().currentMessage() == (
            "自動バックアップを作成できませんでした: 作成したバックアップの検査に失敗しました（invalid uri authority）")
    finally:
        window.document.close()
    assert not list((db_file.parent / "backups").iterdir())


def test_listing_the_backups_waits_for_the_one_being_checked(qtbot, db_file, settings):
    window = _window(qtbot, db_file, settings)
    try:
        assert [b.reason for b in window.document.backups()] == ["open"]
    finally:
        window.document.close()
