"""Data-safety dialogs: damaged file, restore from backup, file in use; File-menu actions.

* :class:`CorruptionDialog` says what is wrong, offers the newest good backup
  and says where the damaged file will be kept;
* :class:`RestoreDialog` lists backups (date, size, kind, content) and
  restores one into the open document, backing up the current state first;
* :func:`ask_open_readonly` is the "another instance has this file open"
  prompt;
* :func:`open_document_safely` strings these together for opening a file;
* :func:`install_safety_actions` adds ファイル → バックアップを作成 /
  バックアップから復元 / データベースの検査 to a main window's ``file_menu``.

Dialogs are driven through their methods in tests; every message box is a
``QMessageBox`` static call so tests can replace it.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..document import file_safety as bk
from ..document.errors import EditError
from ..document.file_safety import (
    AlreadyOpenError,
    DamagedFileError,
    DatabaseOpenError,
    InstanceLock,
    LockUnavailableError,
    ReadOnlyFileError,
)
from ..document.plan_document import PlanDocument
from ..domain.fiscal import datetime_label
from .failure_reporter import report_failure, run_edit
from .screen_fit import fit_to_screen

CONTEXT = "SafetyDialogs"


class SafetyDialogs:
    """Translation context of this module. lupdate files ``SafetyDialogs.tr("…")`` under
    "SafetyDialogs" (a bare ``tr("…")`` would land in an empty context)."""

    @staticmethod
    def tr(text: str) -> str:
        return QCoreApplication.translate(CONTEXT, text)


def format_size(size: int) -> str:
    if size < 1024:
        return SafetyDialogs.tr("{n} バイト").format(n=size)
    if size < 1024 * 1024:
        return SafetyDialogs.tr("{n} KB").format(n=round(size / 1024))
    return SafetyDialogs.tr("{n:.1f} MB").format(n=size / 1024 / 1024)


def format_time(info: bk.BackupInfo) -> str:
    """令和8年11月29日 21:05 — dates in the window are in 令和 form."""
    return datetime_label(info.local_time)


def summary_text(summary: bk.BackupSummary) -> str:
    if not summary.ok:
        return SafetyDialogs.tr("使用できません（{reason}）").format(reason=summary.problem)
    return SafetyDialogs.tr("{word} {m} 件・評価 {e} 件").format(word=summary.measure_word, m=summary.measures or 0,
                                                               e=summary.evaluations or 0)


def reason_text(info: bk.BackupInfo) -> str:
    labels = {
        "manual": SafetyDialogs.tr("手動"), "open": SafetyDialogs.tr("自動（起動時）"), "migration": SafetyDialogs.tr("形式の更新前"),
        "import": SafetyDialogs.tr("読み込み前"), "merge": SafetyDialogs.tr("統合前"), "restore": SafetyDialogs.tr("復元前"),
    }
    return labels.get(info.reason, info.reason)


# ======================================================= damaged file
class CorruptionDialog(QDialog):
    """A damaged plan file: what is wrong, the newest good backup, where the damaged file goes."""

    def __init__(self, db_path: Path, error: DamagedFileError | str, parent: QWidget | None = None,
                 policy: bk.BackupPolicy | None = None):
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.policy = policy
        self.detail = str(error)
        self.backup = bk.newest_good_backup(self.db_path, policy)
        self.damaged_path = bk.damaged_path_for(self.db_path)
        self.result_info: bk.RecoveryResult | None = None
        self.setWindowTitle(SafetyDialogs.tr("ファイルが壊れています"))
        self.setObjectName("corruptionDialog")
        layout = QVBoxLayout(self)
        self.label = QLabel(self.message_text())
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.label)
        buttons = QDialogButtonBox()
        self.restore_button = QPushButton(SafetyDialogs.tr("バックアップから復元"))
        self.restore_button.setEnabled(self.backup is not None)
        self.restore_button.setDefault(self.backup is not None)
        self.cancel_button = QPushButton(SafetyDialogs.tr("復元しない"))
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_button.clicked.connect(self.restore)
        self.cancel_button.clicked.connect(self.reject)
        layout.addWidget(buttons)
        fit_to_screen(self, 560, self.sizeHint().height())

    def message_text(self) -> str:
        parts = [
            SafetyDialogs.tr("計画のファイルを開けませんでした。ファイルの一部が壊れています。"),
            SafetyDialogs.tr("ファイル: {path}").format(path=self.db_path),
            SafetyDialogs.tr("見つかった問題: {detail}").format(detail=self.detail),
        ]
        if self.backup is not None:
            parts.append(SafetyDialogs.tr(
                "最新の正常なバックアップ（{time} 作成、{summary}）から復元できます。"
                "そのバックアップより後に行った変更は、復元後のファイルには含まれません。"
            ).format(time=format_time(self.backup), summary=summary_text(self.backup.summary())))
            parts.append(SafetyDialogs.tr(
                "壊れたファイルは削除も上書きもせず、「{name}」という名前に変えて同じフォルダーに残します。"
            ).format(name=self.damaged_path.name))
        else:
            parts.append(SafetyDialogs.tr(
                "使用できるバックアップが見つかりません（{folder}）。"
                "壊れたファイルは変更せず、そのまま残しています。管理者に相談してください。"
            ).format(folder=bk.backup_folder(self.db_path, self.policy)))
        parts.append(SafetyDialogs.tr("同じフォルダーにある「-journal」で終わるファイルは、削除したり名前を変えたりしないでください。"))
        return "\n\n".join(parts)

    def restore(self) -> bk.RecoveryResult | None:
        """Keep the damaged file aside and restore the offered backup; accept on success."""
        from PySide6.QtWidgets import QMessageBox

        if self.backup is None:
            return None
        try:
            result = bk.recover_from_backup(self.db_path, self.policy, self.backup)
        except EditError as exc:
            report_failure(self, exc, SafetyDialogs.tr("復元できません"))
            return None
        self.result_info = result
        kept = (SafetyDialogs.tr("壊れたファイルは {path} に残しました。").format(path=result.damaged_path)
                if result.damaged_path else "")
        QMessageBox.information(self, SafetyDialogs.tr("復元しました"), SafetyDialogs.tr(
            "{time} のバックアップから復元しました（{summary}）。{kept}"
        ).format(time=format_time(result.restored_from), summary=summary_text(result.summary), kept=kept))
        self.accept()
        return result


# ==================================================== restore dialog
class RestoreDialog(QDialog):
    """Pick a backup of the open document and restore it."""

    COLUMNS = (QT_TRANSLATE_NOOP("SafetyDialogs", "日時"), QT_TRANSLATE_NOOP("SafetyDialogs", "大きさ"),
               QT_TRANSLATE_NOOP("SafetyDialogs", "種類"), QT_TRANSLATE_NOOP("SafetyDialogs", "内容"))

    def __init__(self, document: PlanDocument, parent: QWidget | None = None,
                 policy: bk.BackupPolicy | None = None):
        super().__init__(parent)
        self.document = document
        self.policy = policy or document.backup_policy
        self.result_info: bk.RestoreResult | None = None
        self.setWindowTitle(SafetyDialogs.tr("バックアップから復元"))
        self.setObjectName("restoreDialog")
        layout = QVBoxLayout(self)
        self.note = QLabel(SafetyDialogs.tr(
            "復元するバックアップを選んでください。現在の内容は、復元の前にバックアップとして保存します。"))
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels([SafetyDialogs.tr(c) for c in self.COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox()
        self.restore_button = QPushButton(SafetyDialogs.tr("復元"))
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = QPushButton(SafetyDialogs.tr("閉じる"))
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_button.clicked.connect(self.restore_selected)
        self.close_button.clicked.connect(self.reject)
        layout.addWidget(buttons)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.backups: list[bk.BackupInfo] = []
        self.refresh()
        fit_to_screen(self, 720, 420)

    def refresh(self) -> None:
        self.backups = self.document.backups()
        self.table.setRowCount(len(self.backups))
        for row, info in enumerate(self.backups):
            summary = info.summary()
            cells = (format_time(info), format_size(info.size), reason_text(info), summary_text(summary))
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(str(info.path))
                if not summary.ok:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
                if col == 1:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()
        if not self.backups:
            self.note.setText(SafetyDialogs.tr("このファイルのバックアップはまだありません（{folder}）。").format(
                folder=self.document.backup_folder() or "-"))
        elif self.document.readonly:
            self.note.setText(SafetyDialogs.tr("読み取り専用で開いているため復元できません。"))
        self._update_buttons()

    def row_texts(self, row: int) -> list[str]:
        return [self.table.item(row, c).text() for c in range(self.table.columnCount())]

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)

    def selected_backup(self) -> bk.BackupInfo | None:
        rows = {ix.row() for ix in self.table.selectionModel().selectedRows()}
        return self.backups[min(rows)] if rows else None

    def _update_buttons(self) -> None:
        info = self.selected_backup()
        self.restore_button.setEnabled(info is not None and not self.document.readonly and info.summary().ok)

    def restore_selected(self) -> bool:
        from PySide6.QtWidgets import QMessageBox

        info = self.selected_backup()
        if info is None or self.document.readonly:
            return False
        answer = QMessageBox.question(self, SafetyDialogs.tr("バックアップから復元"), SafetyDialogs.tr(
            "{time} のバックアップ（{summary}）から復元しますか？\n\n"
            "現在の内容は、復元の前にバックアップとして保存します。"
            "「元に戻す」の履歴は消去されます。"
        ).format(time=format_time(info), summary=summary_text(info.summary())))
        if answer != QMessageBox.StandardButton.Yes:
            return False
        restored = run_edit(self, lambda: self.document.restore_backup(info), title=SafetyDialogs.tr("復元できません"))
        if not restored.ok:
            return False
        result = self.result_info = restored.value
        safety = result.previous_state or "-"
        QMessageBox.information(self, SafetyDialogs.tr("復元しました"), SafetyDialogs.tr(
            "{time} のバックアップから復元しました（{summary}）。\n復元前の内容は {safety} に保存しました。"
        ).format(time=format_time(info), summary=summary_text(result.summary), safety=safety))
        self.accept()
        return True


# ================================================= file in use prompt
def ask_open_readonly(parent: QWidget | None, error: AlreadyOpenError) -> bool:
    """'Another instance has this file open — open read-only?' True to open read-only."""
    from PySide6.QtWidgets import QMessageBox

    who = error.owner.describe() if error.owner else SafetyDialogs.tr("別のプログラムが開いています")
    answer = QMessageBox.question(parent, SafetyDialogs.tr("ファイルは使用中です"), SafetyDialogs.tr(
        "このファイルは既に開かれています。\n{who}。\n\n"
        "2か所で同時に編集すると変更が失われるため、ここでは読み取り専用でのみ開けます。"
        "読み取り専用で開きますか？"
    ).format(who=who))
    return answer == QMessageBox.StandardButton.Yes


def _release_with(doc: PlanDocument, lock: InstanceLock) -> None:
    doc.adopt_lock(lock)
    doc.destroyed.connect(lambda *_: lock.release())


def open_document_safely(path: Path, parent: QWidget | None = None, *,
                         policy: bk.BackupPolicy | None = None) -> PlanDocument | None:
    """Open a plan file for the GUI: lock it, offer read-only when it is in use or cannot be
    written, offer recovery when it is damaged. None when the user cancels or it cannot be opened
    (the reason has been shown). The lock is released when the document is closed or destroyed."""
    path = Path(path)
    if not path.exists():
        # Opening must never create a file (SQLite would make an empty database there).
        from PySide6.QtWidgets import QMessageBox  # (its Python type is made on first use)
        QMessageBox.critical(parent, SafetyDialogs.tr("ファイルを開けません"), SafetyDialogs.tr(
            "{path}\n\nファイルが見つかりません。名前と場所を確かめてください。").format(path=path))
        return None
    lock: InstanceLock | None = InstanceLock(path)
    readonly = False
    reason = ""
    try:
        lock.acquire()
    except AlreadyOpenError as exc:
        if not ask_open_readonly(parent, exc):
            return None
        lock, readonly = None, True
        reason = exc.owner.describe() if exc.owner else SafetyDialogs.tr("別のプログラムが開いています")
    except LockUnavailableError as exc:
        from PySide6.QtWidgets import QMessageBox  # (its Python type is made on first use)
        QMessageBox.information(parent, SafetyDialogs.tr("読み取り専用で開きます"), str(exc))
        lock, readonly, reason = None, True, str(exc)
    try:
        while True:
            try:
                try:
                    doc = PlanDocument.open_for_window(path, readonly=readonly, policy=policy, readonly_reason=reason)
                except ReadOnlyFileError as exc:
                    from PySide6.QtWidgets import QMessageBox  # (its Python type is made on first use)
                    QMessageBox.information(parent, SafetyDialogs.tr("読み取り専用で開きます"), SafetyDialogs.tr(
                        "{path}\n\n{reason}。読み取り専用で開きます（表示と印刷はできますが、変更はできません）。"
                        "変更するには、書き込みできる場所にコピーしてから開いてください。").format(path=path, reason=exc.reason))
                    if lock is not None:
                        lock.release()
                    lock, readonly, reason = None, True, exc.reason
                    continue
                break
            except DamagedFileError as exc:
                if readonly:
                    from PySide6.QtWidgets import QMessageBox  # (its Python type is made on first use)
                    QMessageBox.critical(parent, SafetyDialogs.tr("ファイルが壊れています"), str(exc))
                    raise _Cancelled from exc
                dialog = CorruptionDialog(path, exc, parent, policy)
                if dialog.exec() != QDialog.DialogCode.Accepted or dialog.result_info is None:
                    raise _Cancelled from exc
            except (DatabaseOpenError, LookupError, OSError) as exc:
                reason = str(exc) if not isinstance(exc, LookupError) else SafetyDialogs.tr("このファイルには計画が入っていません。")
                from PySide6.QtWidgets import QMessageBox  # (its Python type is made on first use)
                QMessageBox.critical(parent, SafetyDialogs.tr("ファイルを開けません"),
                                     SafetyDialogs.tr("{path}\n\n{reason}").format(path=path, reason=reason))
                raise _Cancelled from exc
    except _Cancelled:
        if lock is not None:
            lock.release()
        return None
    if lock is not None:
        _release_with(doc, lock)
    return doc


class _Cancelled(Exception):
    pass


# ====================================================== file menu
def save_status_text(doc: PlanDocument, refused: int = 0) -> str:
    """Ctrl+S's answer: edits are stored as they are made (*refused*: fields whose typed text is not), last backup."""
    if doc.readonly:
        text = SafetyDialogs.tr("このファイルは読み取り専用で開かれています。編集はできません。")
    elif refused:
        text = SafetyDialogs.tr("赤字で示した欄（{0} か所）は入力を直すまで保存されません。ほかの編集はすべて"
                                "ファイルへ保存されています。").format(refused)
    else:
        text = SafetyDialogs.tr("編集はすべて、入力したときにファイルへ保存されています（保存の操作は要りません）。")
    backups = doc.backups()
    newest = backups[0] if backups else None
    if newest is not None:
        text += SafetyDialogs.tr("最後のバックアップ: {time}").format(time=format_time(newest))
    elif doc.path is not None:
        text += SafetyDialogs.tr("バックアップはまだありません（ファイル → バックアップを作成）。")
    return text


@dataclass
class SafetyActions:
    """The window's backup, restore, check (and save-a-copy) actions."""

    window: QWidget
    act_backup: QAction
    act_restore: QAction
    act_check: QAction
    act_save: QAction | None = None

    @property
    def document(self) -> PlanDocument:
        return self.window.document

    def update_enabled(self, *_args) -> None:
        doc = self.document
        has_file = doc is not None and doc.path is not None
        self.act_backup.setEnabled(has_file)
        self.act_restore.setEnabled(has_file and not doc.readonly)
        self.act_check.setEnabled(doc is not None)

    def create_backup(self) -> bk.BackupInfo | None:
        from PySide6.QtWidgets import QMessageBox

        doc = self.document
        if doc.path is None:
            return None
        made = run_edit(self.window, doc.make_backup, title=SafetyDialogs.tr("バックアップを作成できません"))
        if made.value is None:
            return None
        info = made.value
        QMessageBox.information(self.window, SafetyDialogs.tr("バックアップを作成しました"), SafetyDialogs.tr(
            "バックアップを作成しました（{summary}）。\n{path}"
        ).format(summary=summary_text(info.summary()), path=info.path))
        return info

    def save_status(self) -> str:
        """What Ctrl+S says: every edit is already in the file, and when the last backup was made.

        What is being typed right now is stored first, so the message is true when it is shown.
        """
        doc = self.document
        commit = getattr(self.window, "commit_pending_input", None)
        refused = commit() if callable(commit) and not doc.readonly else 0
        text = save_status_text(doc, refused)
        status = getattr(self.window, "statusBar", None)
        if callable(status):
            status().showMessage(text, 15000)
        return text

    def make_restore_dialog(self) -> RestoreDialog:
        return RestoreDialog(self.document, self.window)

    def restore(self) -> bool:
        dialog = self.make_restore_dialog()
        return dialog.exec() == QDialog.DialogCode.Accepted

    def check(self) -> list[str]:
        """Full integrity and foreign-key check of the open file (read-only)."""
        from PySide6.QtWidgets import QMessageBox

        doc = self.document
        problems = doc.integrity_problems()
        if problems:
            shown = "\n".join(problems[:10])
            QMessageBox.warning(self.window, SafetyDialogs.tr("データベースの検査"), SafetyDialogs.tr(
                "ファイルに問題が見つかりました。\n\n{problems}\n\n"
                "これ以上の編集はせず、ファイル → バックアップから復元 で正常なバックアップに戻してください。"
                "同じフォルダーにある「-journal」で終わるファイルは削除しないでください。"
            ).format(problems=shown))
        else:
            counts = doc.row_counts()
            QMessageBox.information(self.window, SafetyDialogs.tr("データベースの検査"), SafetyDialogs.tr(
                "問題は見つかりませんでした（{word} {m} 件、評価 {e} 件）。\n{path}"
            ).format(word=doc.data.terms.measure, m=counts.get("measures", 0), e=counts.get("evaluations", 0), path=doc.path or SafetyDialogs.tr("（メモリ上）")))
        return problems


def install_safety_actions(main_window) -> SafetyActions:
    """Add バックアップを作成 / バックアップから復元 / データベースの検査 to ``main_window.file_menu``.

    Uses ``main_window.document`` (a PlanDocument) at the time each action
    runs, so it follows File → Open. Inserted before 終了 when the window has
    ``act_quit`` in that menu, else appended.
    """
    menu = main_window.file_menu
    act_backup = QAction(SafetyDialogs.tr("バックアップを作成(&B)"), main_window)
    act_backup.setObjectName("actionCreateBackup")
    act_restore = QAction(SafetyDialogs.tr("バックアップから復元(&T)…"), main_window)
    act_restore.setObjectName("actionRestoreBackup")
    act_check = QAction(SafetyDialogs.tr("データベースの検査(&C)"), main_window)
    act_check.setObjectName("actionCheckDatabase")
    # Ctrl+S: people press it out of habit; it says the work is safe instead of doing nothing.
    act_save = QAction(SafetyDialogs.tr("保存(&S)"), main_window)
    act_save.setObjectName("actionSave")
    act_save.setShortcut(QKeySequence(QKeySequence.StandardKey.Save))
    act_save.setStatusTip(SafetyDialogs.tr("編集は自動で保存されています。最後のバックアップの日時を表示します"))
    main_window.addAction(act_save)
    quit_action = getattr(main_window, "act_quit", None)
    before = quit_action if quit_action in menu.actions() else None
    ours = [act_backup, act_restore, act_check]
    save_copy = getattr(main_window, "act_save_copy", None)
    if save_copy is not None and save_copy in menu.actions():
        menu.insertAction(save_copy, act_save)
    else:
        ours.insert(0, act_save)
    if before is not None:
        actions = menu.actions()
        index = actions.index(before)
        if index > 0 and actions[index - 1].isSeparator():
            anchor = actions[index - 1]  # [..., sep, 終了] -> [..., new sep, ours, sep, 終了]
            menu.insertSeparator(anchor)
            menu.insertActions(anchor, ours)
        else:
            menu.insertSeparator(before)
            menu.insertActions(before, ours)
            menu.insertSeparator(before)
    else:
        menu.addSeparator()
        menu.addActions(ours)
    safety = SafetyActions(main_window, act_backup, act_restore, act_check, act_save)
    act_save.triggered.connect(lambda: safety.save_status())
    act_backup.triggered.connect(lambda: safety.create_backup())
    act_restore.triggered.connect(lambda: safety.restore())
    act_check.triggered.connect(lambda: safety.check())
    signal = getattr(main_window, "documentChanged", None)
    if signal is not None:
        with contextlib.suppress(RuntimeError, TypeError):
            signal.connect(safety.update_enabled)
    safety.update_enabled()
    main_window.safety_actions = safety
    return safety
