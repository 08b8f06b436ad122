"""Safety dialogs on a minimal main window: backups, restore, check, damaged file, file in use."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMainWindow, QMessageBox

from plan_desktop.document.plan_document import Changes, PlanDocument
from plan_desktop.domain.fiscal import datetime_label
from plan_desktop.storage import backup as bk
from plan_desktop.storage import database
from plan_desktop.storage.lock import InstanceLock, lock_path
from plan_desktop.storage.repository import PlanRepository
from plan_desktop.ui import safety_dialogs as sd

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "storage"))
from safety_helpers import damage, digest  # noqa: E402


class Boxes:
    """Replaces QMessageBox's static calls; records (kind, title, text) and answers questions."""

    def __init__(self, monkeypatch):
        self.calls: list[tuple[str, str, str]] = []
        self.answer = QMessageBox.StandardButton.Yes
        for kind in ("question", "information", "warning", "critical"):
            monkeypatch.setattr(QMessageBox, kind, staticmethod(self._make(kind)))

    def _make(self, kind):
        def box(parent, title, text, *args, **kwargs):
            self.calls.append((kind, title, text))
            return self.answer if kind == "question" else QMessageBox.StandardButton.Ok
        return box

    def kinds(self) -> list[str]:
        return [c[0] for c in self.calls]

    @property
    def last(self) -> tuple[str, str, str]:
        return self.calls[-1]


@pytest.fixture
def boxes(monkeypatch):
    return Boxes(monkeypatch)


def _open_doc(path: Path, readonly: bool = False) -> PlanDocument:
    return PlanDocument(PlanRepository(database.open_database(path, readonly=readonly, backups=False)), path,
                        readonly=readonly)


@pytest.fixture
def plan_doc(qapp, db_file):
    doc = _open_doc(db_file)
    yield doc
    doc.repo.db.close()


class MiniWindow(QMainWindow):
    """What the real main window exposes to us: file_menu, act_quit, document."""

    def __init__(self, document):
        super().__init__()
        self.document = document
        self.file_menu = self.menuBar().addMenu("ファイル(&F)")
        self.file_menu.addAction(QAction("開く", self))
        self.file_menu.addSeparator()
        self.act_quit = QAction("終了(&X)", self)
        self.file_menu.addAction(self.act_quit)


@pytest.fixture
def window(qtbot, plan_doc):
    w = MiniWindow(plan_doc)
    qtbot.addWidget(w)
    return w


def _retitle(doc: PlanDocument, title: str) -> None:
    doc.update_measure(doc.measures()[0].id, "名称", title=title)


# ------------------------------------------------------------------ menu
def test_actions_are_added_to_the_file_menu_before_quit(window):
    safety = sd.install_safety_actions(window)
    texts = [a.text() if not a.isSeparator() else "-" for a in window.file_menu.actions()]
    assert texts == ["開く", "-", "保存(&S)", "バックアップを作成(&B)", "バックアップから復元(&T)…", "データベースの検査(&C)",
                     "-", "終了(&X)"]
    assert window.safety_actions is safety
    assert all(a.isEnabled() for a in (safety.act_backup, safety.act_restore, safety.act_check))


def test_restore_is_disabled_for_a_read_only_document(qtbot, db_file, qapp):
    doc = _open_doc(db_file, readonly=True)
    w = MiniWindow(doc)
    qtbot.addWidget(w)
    safety = sd.install_safety_actions(w)
    assert safety.act_backup.isEnabled() and not safety.act_restore.isEnabled()
    doc.repo.db.close()


def test_create_backup_action(window, boxes, db_file):
    safety = sd.install_safety_actions(window)
    _retitle(window.document, "バックアップ前の編集")
    safety.act_backup.trigger()
    [info] = bk.list_backups(db_file)
    assert info.reason == "manual"
    kind, title, text = boxes.last
    assert (kind, title) == ("information", "バックアップを作成しました")
    assert str(info.path) in text and "推進事項 35 件・評価 0 件" in text
    db = database.open_database(info.path, readonly=True)
    assert PlanRepository(db).load().measures[0].title == "バックアップ前の編集"
    db.close()


def test_check_action_reports_healthy_and_damaged(window, boxes, db_file):
    safety = sd.install_safety_actions(window)
    assert safety.check() == []
    assert boxes.last == ("information", "データベースの検査",
                          f"問題は見つかりませんでした（推進事項 35 件、評価 0 件）。\n{db_file}")
    conn = sqlite3.connect(db_file)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("INSERT INTO schedule (measure_id, fy, phase_id) VALUES ('gone', 2025, 'x')")
    conn.commit()
    conn.close()
    problems = safety.check()
    assert problems and "schedule" in problems[0]
    kind, _title, text = boxes.last
    assert kind == "warning" and "問題が見つかりました" in text and "バックアップから復元" in text


# --------------------------------------------------------- restore dialog
def test_restore_dialog_lists_date_size_kind_and_content(window, boxes, db_file):
    doc = window.document
    first = bk.create_backup(db_file)
    doc.save_evaluation(doc.measures()[0].id, doc_evaluation(doc))
    second = bk.create_backup(db_file)
    dialog = sd.RestoreDialog(doc, window)
    assert dialog.table.rowCount() == 2
    assert [dialog.table.horizontalHeaderItem(c).text() for c in range(4)] == ["日時", "大きさ", "種類", "内容"]
    newest = dialog.row_texts(0)
    assert newest[0] == datetime_label(second.local_time) and newest[0].startswith("令和")
    assert newest[1].endswith("KB") and newest[2] == "手動"
    assert newest[3] == "推進事項 35 件・評価 1 件"
    assert dialog.row_texts(1)[3] == "推進事項 35 件・評価 0 件"
    assert dialog.selected_backup() is None and not dialog.restore_button.isEnabled()
    dialog.select_row(1)
    assert dialog.selected_backup().path == first.path and dialog.restore_button.isEnabled()


def doc_evaluation(doc):
    from plan_desktop.domain.model import Evaluation

    return Evaluation(fy=doc.plan.fy_start, achievements="実績あり")


def test_restore_dialog_restores_into_the_open_document(window, boxes, db_file):
    doc = window.document
    original = doc.measures()[0].title
    bk.create_backup(db_file)
    _retitle(doc, "復元で消える名称")
    seen = []
    doc.changed.connect(seen.append)
    dialog = sd.RestoreDialog(doc, window)
    dialog.select_row(0)
    assert dialog.restore_selected()
    assert boxes.kinds() == ["question", "information"]
    assert "現在の内容は、復元の前にバックアップとして保存します" in boxes.calls[0][2]
    assert doc.measures()[0].title == original  # the document was reloaded
    assert seen and seen[-1].kind == Changes.ALL and doc.undo_stack.count() == 0
    assert dialog.result() == QDialog.DialogCode.Accepted
    safety = dialog.result_info.safety_backup
    assert str(safety.path) in boxes.last[2]
    db = database.open_database(safety.path, readonly=True)
    assert PlanRepository(db).load().measures[0].title == "復元で消える名称"
    db.close()


def test_restore_dialog_answer_no_changes_nothing(window, boxes, db_file):
    doc = window.document
    bk.create_backup(db_file)
    _retitle(doc, "残る名称")
    boxes.answer = QMessageBox.StandardButton.No
    dialog = sd.RestoreDialog(doc, window)
    dialog.select_row(0)
    assert not dialog.restore_selected()
    assert doc.measures()[0].title == "残る名称"
    assert len(bk.list_backups(db_file)) == 1


def test_restore_dialog_is_read_only_for_a_read_only_document(qtbot, db_file, boxes):
    bk.create_backup(db_file)
    doc = _open_doc(db_file, readonly=True)
    dialog = sd.RestoreDialog(doc)
    qtbot.addWidget(dialog)
    dialog.select_row(0)
    assert not dialog.restore_button.isEnabled()
    assert not dialog.restore_selected() and boxes.calls == []
    assert "読み取り専用" in dialog.note.text()
    doc.repo.db.close()


# ----------------------------------------------------------- damaged file
def _damaged_error(path):
    with pytest.raises(database.DamagedFileError) as err:
        database.open_database(path)
    return err.value


def test_corruption_dialog_wording_and_restore(qtbot, db_file, boxes):
    good = bk.create_backup(db_file)
    damage(db_file)
    damaged_bytes = digest(db_file)
    dialog = sd.CorruptionDialog(db_file, _damaged_error(db_file))
    qtbot.addWidget(dialog)
    text = dialog.message_text()
    assert dialog.windowTitle() == "ファイルが壊れています"
    assert "ファイルの一部が壊れています" in text and str(db_file) in text
    assert datetime_label(good.local_time) in text and "推進事項 35 件・評価 0 件" in text
    assert "「plan.sqlite.damaged」という名前に変えて同じフォルダーに残します" in text
    assert "-journal" in text
    assert dialog.restore_button.isEnabled()
    result = dialog.restore()
    assert result is not None and dialog.result() == QDialog.DialogCode.Accepted
    assert digest(db_file.with_name("plan.sqlite.damaged")) == damaged_bytes
    assert database.check_file(db_file).ok
    kind, title, msg = boxes.last
    assert (kind, title) == ("information", "復元しました") and "plan.sqlite.damaged" in msg


def test_corruption_dialog_without_a_backup_offers_nothing_and_changes_nothing(qtbot, db_file, boxes):
    damage(db_file)
    before = digest(db_file)
    dialog = sd.CorruptionDialog(db_file, _damaged_error(db_file))
    qtbot.addWidget(dialog)
    assert not dialog.restore_button.isEnabled()
    assert "使用できるバックアップが見つかりません" in dialog.message_text()
    assert dialog.restore() is None
    assert digest(db_file) == before


def test_corruption_dialog_when_recovery_is_blocked_by_a_journal(qtbot, db_file, boxes):
    bk.create_backup(db_file)
    damage(db_file)
    error = _damaged_error(db_file)
    database.journal_path(db_file).write_bytes(bytes.fromhex("d9d505f920a163d7") + b"\0" * 504)
    before = digest(db_file)
    dialog = sd.CorruptionDialog(db_file, error)
    qtbot.addWidget(dialog)
    assert dialog.restore() is None
    kind, _title, text = boxes.last
    assert kind == "warning" and "-journal" in text  # through the failure reporter
    assert digest(db_file) == before and not db_file.with_name("plan.sqlite.damaged").exists()


# ------------------------------------------------------------ file in use
def test_ask_open_readonly_names_the_owner(db_file, boxes, qapp):
    with InstanceLock(db_file, heartbeat_seconds=None) as held:
        with pytest.raises(sd.AlreadyOpenError) as err:
            InstanceLock(db_file, heartbeat_seconds=None).acquire()
        assert sd.ask_open_readonly(None, err.value) is True
        kind, title, text = boxes.last
        assert (kind, title) == ("question", "ファイルは使用中です")
        assert str(held.owner.pid) in text and "読み取り専用で開きますか" in text
        boxes.answer = QMessageBox.StandardButton.No
        assert sd.ask_open_readonly(None, err.value) is False


def _delete(obj) -> None:
    obj.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_open_document_safely_locks_until_the_document_is_destroyed(db_file, boxes, qapp):
    doc = sd.open_document_safely(db_file)
    assert doc is not None and not doc.readonly and boxes.calls == []
    assert lock_path(db_file).exists()
    doc.repo.db.close()
    _delete(doc)
    assert not lock_path(db_file).exists()


def test_second_open_is_offered_read_only(db_file, boxes, qapp):
    first = sd.open_document_safely(db_file)
    second = sd.open_document_safely(db_file)
    assert second is not None and second.readonly
    assert boxes.last[1] == "ファイルは使用中です"
    with pytest.raises(PermissionError):
        second.update_measure(second.measures()[0].id, "名称", title="二人目の編集")
    boxes.answer = QMessageBox.StandardButton.No
    assert sd.open_document_safely(db_file) is None
    for d in (first, second):
        d.repo.db.close()
        _delete(d)


def test_open_damaged_file_goes_through_the_corruption_dialog(db_file, boxes, qapp, monkeypatch):
    bk.create_backup(db_file)
    damage(db_file)

    def exec_and_restore(self):
        self.restore()
        return self.result()

    monkeypatch.setattr(sd.CorruptionDialog, "exec", exec_and_restore)
    doc = sd.open_document_safely(db_file)
    assert doc is not None and len(doc.measures()) == 35
    assert db_file.with_name("plan.sqlite.damaged").exists()
    doc.repo.db.close()
    _delete(doc)


def test_open_damaged_file_cancelled_releases_the_lock(db_file, boxes, qapp, monkeypatch):
    bk.create_backup(db_file)
    damage(db_file)
    before = digest(db_file)
    monkeypatch.setattr(sd.CorruptionDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert sd.open_document_safely(db_file) is None
    assert digest(db_file) == before and not lock_path(db_file).exists()


def test_open_foreign_file_shows_why(db_file, tmp_path, boxes, qapp):
    foreign = tmp_path / "foreign.sqlite"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    assert sd.open_document_safely(foreign) is None
    kind, title, text = boxes.last
    assert (kind, title) == ("critical", "ファイルを開けません") and "計画ファイルではありません" in text
    assert not lock_path(foreign).exists()


def test_open_missing_file_says_so_and_creates_nothing(tmp_path, boxes, qapp):
    missing = tmp_path / "typo.sqlite"
    assert sd.open_document_safely(missing) is None
    kind, title, text = boxes.last
    assert (kind, title) == ("critical", "ファイルを開けません") and "ファイルが見つかりません" in text
    assert list(tmp_path.iterdir()) == []


def test_ctrl_s_says_edits_are_saved_and_when_the_last_backup_was_made(window):
    safety = sd.install_safety_actions(window)
    assert safety.act_save.shortcut().matches(QKeySequence(QKeySequence.StandardKey.Save))
    text = safety.save_status()
    assert "保存されています" in text and "保存の操作は要りません" in text
    info = bk.create_backup(window.document.path)
    assert safety.act_save in window.actions()  # the shortcut works wherever the focus is
    safety.act_save.trigger()
    shown = window.statusBar().currentMessage()
    assert "保存されています" in shown and f"最後のバックアップ: {datetime_label(info.local_time)}" in shown


def _break_text(path: Path) -> None:
    """Invalid UTF-8 inside one TEXT value: quick_check still passes, reading the row fails."""
    conn = sqlite3.connect(path)
    conn.execute("UPDATE measures SET content = CAST(X'E8AAACE6FF8E' AS TEXT) WHERE rowid = 1")
    conn.commit()
    conn.close()


def test_a_damaged_text_cell_on_open_offers_recovery(db_file, boxes, qapp, monkeypatch):
    bk.create_backup(db_file)
    _break_text(db_file)
    offered = []

    def exec_and_restore(self):
        offered.append(self.detail)
        self.restore()
        return self.result()

    monkeypatch.setattr(sd.CorruptionDialog, "exec", exec_and_restore)
    doc = sd.open_document_safely(db_file)
    assert offered and "UTF-8" in offered[0]
    assert doc is not None and len(doc.measures()) == 35
    assert db_file.with_name("plan.sqlite.damaged").exists()
    doc.close()
    _delete(doc)


def test_check_action_reports_a_damaged_text_cell(window, boxes, db_file):
    safety = sd.install_safety_actions(window)
    _break_text(db_file)
    problems = safety.check()
    assert problems and "measures" in problems[0] and "文字が壊れています" in problems[0]
    assert boxes.last[0] == "warning"
