"""The window keeps up with its file: outside changes are re-read, never overwritten.

:func:`install_file_watch` checks the open document against its file (see
``document.file_sync``) every few seconds and whenever the application gets
the focus back. When another program changed the file, the text being typed
is committed first (an edit always applies to what the file holds now), then
the plan is re-read and the status bar says so. A document opened read-only
says why in the status bar.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication

POLL_MS = 2000
MESSAGE_MS = 20000


class FileWatchText:
    """Translation context of this module: lupdate files ``FileWatchText.tr("…")`` under
    "FileWatchText" (a call of a module-level function would not be collected)."""

    @staticmethod
    def tr(text: str) -> str:
        return QCoreApplication.translate("FileWatchText", text)


class FileWatch(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        app = QApplication.instance()
        if app is not None:
            app.applicationStateChanged.connect(self._state_changed)
        self._attached = None
        signal = getattr(window, "documentChanged", None)
        if signal is not None:
            signal.connect(self.attach)
        self.attach(window.document)

    def attach(self, document) -> None:
        if self._attached is not None:
            with contextlib.suppress(RuntimeError, TypeError):
                self._attached.file_reloaded.disconnect(self._reloaded)
        self._attached = document
        document.file_reloaded.connect(self._reloaded)
        if document.readonly:
            reason = getattr(document, "readonly_reason", "") or FileWatchText.tr("読み取り専用で開いています")
            self.window.statusBar().showMessage(
                FileWatchText.tr("読み取り専用で開いています（{reason}）。変更はできません。").format(reason=reason))

    def _state_changed(self, state) -> None:
        if state == Qt.ApplicationState.ApplicationActive:
            self.check()

    def check(self) -> bool:
        """Re-read the document when its file changed behind our back; True when it did."""
        doc = self.window.document
        if getattr(doc, "closed", False):  # let go (a damaged file being recovered): nothing to follow
            return False
        try:
            if doc.outside_change() is None:
                return False
            editor = getattr(self.window, "editor", None)
            if editor is not None and not doc.readonly:
                editor.commit_pending()  # typed text is applied to the file's current content
            return doc.sync_with_file()
        except Exception as exc:  # noqa: BLE001 - a timer must never raise; say what happened
            self.timer.stop()
            from PySide6.QtWidgets import QMessageBox  # (its Python type is made on first use)
            QMessageBox.warning(self.window, FileWatchText.tr("ファイルを読み込み直せません"), FileWatchText.tr(
                "このファイルはほかのプログラムで変更されましたが、読み込み直せませんでした。\n\n{reason}\n\n"
                "これ以上の変更は保存されない可能性があります。ファイルを開き直してください。").format(reason=exc))
            return False

    def _reloaded(self, message: str) -> None:
        self.window.statusBar().showMessage(message, MESSAGE_MS)


def install_file_watch(window) -> FileWatch:
    watch = FileWatch(window)
    window.file_watch = watch
    return watch
