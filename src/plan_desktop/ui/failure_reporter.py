"""The one way a refused or failed edit reaches the user (Anki's ``CollectionOp.failure``).

Every editor — detail editor, evaluation panel, timeline, community matrix,
dialogs and the main window's own actions — runs its edits through
:func:`run_edit` (or catches :class:`~plan_desktop.document.errors.EditError`
and calls :func:`report_failure`). The document has already made itself
consistent when an ``EditError`` arrives; the editor decides what its field
shows afterwards (the stored value again, or the typed text kept for retry).

What the user sees is decided here only. A refusal of the value typed
(invalid input, read-only file, locked period or evaluation) is shown where
the editor asks for it, usually the red label under the field; a failure to
write (full disk, read-only medium, busy file) and a failed undo/redo (the
file was read again) always get a warning box, because the user must act.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from ..document.errors import EditError, InvalidEditError, StorageFailure

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLabel

T = TypeVar("T")


class FailureReporterText:
    """Translation context of this module: lupdate files ``FailureReporterText.tr("…")`` under
    "FailureReporterText" (a call of a module-level function would not be collected)."""

    @staticmethod
    def tr(text: str) -> str:
        return QCoreApplication.translate("FailureReporterText", text)


def failure_title(error: EditError) -> str:
    if error.reloaded:
        return FailureReporterText.tr("元に戻す・やり直しができませんでした")
    if isinstance(error, StorageFailure):
        return FailureReporterText.tr("保存できません")
    if isinstance(error, InvalidEditError):
        return FailureReporterText.tr("入力内容を確認してください")
    return FailureReporterText.tr("変更できません")


def failure_text(error: EditError) -> str:
    """The Japanese message of *error* (the problems' messages for invalid input, without their paths)."""
    if isinstance(error, InvalidEditError):
        return "\n".join(dict.fromkeys(p.message for p in error.problems))
    return str(error)


def needs_attention(error: EditError) -> bool:
    """True for failures the user must act on, which never stay in a field's label."""
    return isinstance(error, StorageFailure) or error.reloaded


def report_failure(parent: QWidget | None, error: EditError, title: str | None = None, *,
                   label: QLabel | None = None) -> None:
    """Show *error*: in *label* when given, and in a warning box when there is none or the user must act.

    *label* is usually an ``ErrorLabel`` under the field (shown only while it has text).
    """
    from PySide6.QtWidgets import QMessageBox

    text = failure_text(error)
    if label is not None:
        getattr(label, "show_message", label.setText)(text)
    if label is None or needs_attention(error):
        QMessageBox.warning(parent, title or failure_title(error), text)


@dataclass(frozen=True)
class EditOutcome(Generic[T]):
    """The result of an edit run for the user: its value, or the error that refused it."""

    value: T | None = None
    error: EditError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def run_edit(parent: QWidget | None, edit: Callable[[], T], *, title: str | None = None,
             label: QLabel | None = None) -> EditOutcome[T]:
    """Run *edit* (a call of a document method); a refusal or failure is reported, never raised."""
    try:
        return EditOutcome(value=edit())
    except EditError as error:
        report_failure(parent, error, title, label=label)
        return EditOutcome(error=error)


def connect_step_failures(document: Any, parent: QWidget) -> None:
    """Report failed undo/redo steps that the undo stack ran by itself (e.g. from a QUndoView)."""
    document.step_failed.connect(lambda error: report_failure(parent, error))
