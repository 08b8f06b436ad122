"""The file opened at start-up, found damaged after the window's first frame: the open's recovery.

The integrity check of the file a window opens at start-up runs on another thread after the
window's first frame (storage/deferred_check.py); every write waits for it and a damaged file
refuses them all. When the check finds damage, the window ends as the open of a damaged file
ends (:func:`.safety_dialogs.open_document_safely`), not with a window on a file that cannot be
written:

1. what is being typed is tried now, and refused with the usual message naming the damage (so
   nothing typed goes without the user seeing why); the texts refused are kept to show at the end;
2. the file is let go (its connection, lock and the day's backup copied at open, which a damaged
   file never gets: storage/database.py ``finish_backup``); nothing was or is written to it;
3. it is opened again the way File → Open and the command line open it: the check at open finds
   the damage and offers the recovery dialog (:class:`.safety_dialogs.CorruptionDialog`: restore
   the newest good backup, keeping the damaged file aside under another name, or not);
4. the window shows what that open gave: the restored file, or what start-up falls back to when
   the user declines (``MainWindow.reopen_after_damage``, set by app.py); with nothing, the window
   closes and the application ends with status 1, as start-up ends when it cannot open a file.

A dialog or message open when the damage is found (the refusal of an edit, a dialog the user
opened) is left to close first.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from ..document.plan_document import PlanDocument

# While another modal dialog or message is open, look again this often.
WAIT_FOR_DIALOG_MS = 200
EXIT_STATUS_NOT_OPENED = 1  # as app.run_gui when start-up could not open a file


class LateDamageText:
    """Translation context of this module: lupdate files ``LateDamageText.tr("…")`` under
    "LateDamageText" (a call of a module-level function would not be collected)."""

    @staticmethod
    def tr(text: str) -> str:
        return QCoreApplication.translate("LateDamageText", text)


def recover_from_late_damage(window, document: PlanDocument) -> None:
    """*document*, shown in *window*, was found damaged by the check after the first frame: end as
    the open of a damaged file ends (see the module's text). Once per document."""
    if window.document is not document or document.closed or window.damage_recovery_for is document:
        return
    if QApplication.activeModalWidget() is not None:  # e.g. an edit's refusal being read: after it
        QTimer.singleShot(WAIT_FOR_DIALOG_MS, window, lambda: recover_from_late_damage(window, document))
        return
    window.damage_recovery_for = document
    unsaved = _try_typed_input(window)
    path = document.path
    document.close()  # let go: the recovery renames it aside (never while open), the lock with it
    reopened = window.reopen_after_damage(Path(path)) if path is not None else None
    if reopened is None:
        window.exit_status = EXIT_STATUS_NOT_OPENED
        window.close()
    else:
        window.switch_document(reopened)
    if unsaved:
        _show_unsaved(window if reopened is not None else None, unsaved)


def _try_typed_input(window) -> list[str]:
    """Store what is being typed (refused, with the message naming the damage); the texts refused."""
    focus = QApplication.focusWidget()
    if focus is not None and window.isAncestorOf(focus):
        focus.clearFocus()  # its field commits on leaving (as when the window closes)
    window.commit_pending_input()
    texts: list[str] = []
    for binder in window.input_binders():
        for key in binder.refused_keys():
            with contextlib.suppress(RuntimeError):  # a field of a window closed meanwhile
                raw = binder.fields[key].raw()
                if isinstance(raw, str) and raw.strip():
                    texts.append(raw)
    return texts


def _show_unsaved(parent, texts: list[str]) -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.information(parent, LateDamageText.tr("保存されなかった入力"), LateDamageText.tr(
        "次の入力は、壊れたファイルには保存できませんでした。必要なら、もう一度入力してください。\n\n{texts}"
    ).format(texts="\n\n".join(f"「{text}」" for text in texts)))
