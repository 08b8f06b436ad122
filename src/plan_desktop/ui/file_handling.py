"""ファイル: new plan, open, save a copy, recent files — the main window's file handling.

Opening goes through :func:`.safety_dialogs.open_document_safely` (the writer
lock, the read-only offer, recovery of damaged files); a new or opened
document replaces the window's through ``MainWindow.switch_document``. The
current file stays open whenever opening or creating another fails.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QSettings
from PySide6.QtWidgets import QMainWindow, QMenu

from ..document.plan_document import PlanDocument
from .failure_reporter import run_edit
from .safety_dialogs import open_document_safely

KEY_LAST_FILE = "files/last"
KEY_RECENT = "files/recent"
MAX_RECENT = 8


def recent_files(settings: QSettings) -> list[str]:
    value = settings.value(KEY_RECENT, [])
    if isinstance(value, str):
        value = [value]
    return [str(v) for v in (value or []) if v]


class FileHandling(QObject):
    """The ファイル menu's file commands for one main window."""

    def __init__(self, window: QMainWindow, settings: QSettings):
        # *window* is the MainWindow (its document, switch_document, set_busy and status bar).
        super().__init__(window)
        self.window = window
        self.settings = settings

    def open_file(self, path: Path) -> bool:
        """Switch to another plan file; on failure the current file stays open."""
        path = Path(path)
        # Locking, the read-only offer and recovery of damaged files all happen here;
        # every refusal has been explained to the user when None comes back.
        doc = open_document_safely(path, self.window)
        if doc is None:
            return False
        self.window.switch_document(doc)
        return True

    def _file_filter(self) -> str:
        return self.tr("計画ファイル (*.sqlite *.db);;すべてのファイル (*)")

    def open_file_dialog(self) -> None:
        from .file_dialogs import ask_open_path

        path = ask_open_path(self.window, self.tr("計画ファイルを開く"), self._file_filter(), self.window.document.path)
        if path is not None:
            self.open_file(path)

    def ask_new_plan(self):
        """The new-plan wizard: a PlanData, EXAMPLE for the bundled plan, or None when cancelled."""
        from .new_plan_wizard import EXAMPLE, NewPlanWizard

        wizard = NewPlanWizard(self._example_title(), self.window)
        if wizard.exec() != NewPlanWizard.DialogCode.Accepted:
            return None
        data = wizard.result_data()
        return EXAMPLE if data is None else data

    def _example_title(self) -> str:
        from ..paths import template_db

        try:
            template = PlanDocument.open(template_db(), readonly=True)
        except Exception:  # noqa: BLE001 - no example offered when the template cannot be read
            return ""
        try:
            return template.data.plan.title
        finally:
            template.close()

    def new_file(self) -> None:
        """ファイル → 新規作成: choose how to start (empty, the bundled example, a file), then where to save."""
        from PySide6.QtWidgets import QMessageBox

        from ..paths import template_db
        from .file_dialogs import ask_save_path
        from .new_plan_wizard import EXAMPLE

        chosen = self.ask_new_plan()
        if chosen is None:
            return
        target = ask_save_path(self.window, self.tr("新しい計画ファイル"), self.tr("新しい計画.sqlite"),
                               self._file_filter(), self.window.document.path)
        if target is None:
            return
        if target.suffix == "":
            target = target.with_suffix(".sqlite")
        if self.window.document.path is not None and target.resolve() == Path(self.window.document.path).resolve():
            QMessageBox.warning(self.window, self.tr("新規作成"), self.tr("開いているファイルと同じ名前は使えません。"))
            return
        self.window.set_busy(True)
        try:
            if chosen == EXAMPLE:
                template = PlanDocument.open(template_db(), readonly=True)
                data = template.data
                template.close()
            else:
                data = chosen
            doc = PlanDocument.create(target, data)
        except Exception as exc:  # noqa: BLE001 - any failure must reach the user, the current file stays open
            QMessageBox.critical(self.window, self.tr("作成できません"), self.tr("{path}\n\n{reason}").format(path=target, reason=exc))
            return
        finally:
            self.window.set_busy(False)
        self.window.switch_document(doc)

    def save_copy_dialog(self) -> None:
        from .file_dialogs import ask_save_path

        p = Path(self.window.document.path or "plan.sqlite")
        path = ask_save_path(self.window, self.tr("別名で保存"), p.stem + self.tr("_コピー") + p.suffix,
                             self._file_filter(), self.window.document.path)
        if path is not None:
            self.save_copy(path)

    def save_copy(self, target: Path) -> bool:
        """Save As: write the open plan to *target* and go on editing *target* (as Office does);
        the original file stays as it was at that moment."""
        from PySide6.QtWidgets import QMessageBox

        if self.window.document.path is not None and Path(target).resolve() == Path(self.window.document.path).resolve():
            QMessageBox.warning(self.window, self.tr("別名で保存"), self.tr("開いているファイル自身には保存できません。"))
            return False
        self.window.set_busy(True)
        try:
            saved = run_edit(self.window, lambda: self.window.document.save_copy(Path(target)),
                             title=self.tr("保存できません"))
        finally:
            self.window.set_busy(False)
        if not saved.ok:
            return False
        original = self.window.document.path
        if not self.open_file(Path(target)):  # e.g. refused by a lock: the copy exists, the original stays open
            self.window.statusBar().showMessage(self.tr("コピーを保存しました: {path}").format(path=target), 8000)
            return True
        self.window.statusBar().showMessage(
            self.tr("{path} に保存し、このファイルを開きました（元のファイル: {original}）").format(
                path=target, original=original or self.tr("（メモリ上）")), 10000)
        return True

    def remember_file(self, path: Path | None) -> None:
        if path is None:
            return
        p = str(Path(path).resolve())
        stored = recent_files(self.settings)
        recent = [p, *(r for r in stored if r != p)][:MAX_RECENT]
        # Only what changes is written: reopening the file opened last (most starts) leaves the
        # settings file alone instead of rewriting it (a locked write) to say the same.
        if recent != stored:
            self.settings.setValue(KEY_RECENT, recent)
        if self.settings.value(KEY_LAST_FILE) != p:
            self.settings.setValue(KEY_LAST_FILE, p)

    def fill_recent_menu(self, menu: QMenu) -> None:
        """Fill *menu* (ファイル → 最近使ったファイル) when it is about to show."""
        menu.clear()
        files = recent_files(self.settings)
        if not files:
            a = menu.addAction(self.tr("（なし）"))
            a.setEnabled(False)
            return
        for i, f in enumerate(files, 1):
            a = menu.addAction(f"&{i} {f}")
            a.setEnabled(Path(f).exists())
            a.triggered.connect(lambda _=False, f=f: self.open_file(Path(f)))
