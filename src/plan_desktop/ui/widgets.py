"""Small reusable widgets."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFocusEvent, QTextDocument, QTextOption
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QSizePolicy

ERROR_STYLE = "border: 1px solid #c0392b; background-color: #fdecea;"
#: Read-only text fields look read-only (grey), not merely refuse keys.
READ_ONLY_STYLE = ("QPlainTextEdit[readOnly=\"true\"], QLineEdit[readOnly=\"true\"] "
                   "{ background-color: #f2f3f4; color: #4d5656; }")


class CommitTextEdit(QPlainTextEdit):
    """A multi-line editor that reports ``editingFinished`` on focus-out, like QLineEdit."""

    editingFinished = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTabChangesFocus(True)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:  # context menu: still editing
            self.editingFinished.emit()


class GrowingTextEdit(CommitTextEdit):
    """A multi-line field as tall as its text (at least *min_lines*): the form around it
    scrolls, the field itself never shows a scroll bar of its own."""

    def __init__(self, min_lines: int = 2, parent=None):
        super().__init__(parent)
        self._min_lines = min_lines
        self._fitted: tuple[str, int, int] | None = None
        self._height = 0
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().contentsChanged.connect(self._fit)
        self._fit()

    def _text_height(self, width: int) -> int:
        doc = QTextDocument()
        doc.setDefaultFont(self.font())
        doc.setDocumentMargin(self.document().documentMargin())
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        doc.setDefaultTextOption(option)
        doc.setPlainText(self.toPlainText())
        doc.setTextWidth(max(width, 40))
        return int(doc.size().height() + 0.999)

    def _fit(self) -> None:
        width = self.viewport().width()
        key = (self.toPlainText(), width, self.fontMetrics().lineSpacing())
        if key == self._fitted:
            return
        self._fitted = key
        line = self.fontMetrics().lineSpacing()
        margin = int(2 * self.document().documentMargin())
        content = max(self._text_height(width), line * self._min_lines + margin)
        frame = 2 * self.frameWidth() + self.contentsMargins().top() + self.contentsMargins().bottom()
        height = content + frame
        if height != self._height:
            self._height = height
            self.setFixedHeight(height)
            self.updateGeometry()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == event.Type.FontChange:
            self._fitted = None
            self._fit()

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self._height)


class ElidedLabel(QLabel):
    """One line of plain text, shortened with … in the middle when there is not room (file paths);
    it never asks for more width than it gets. The full text is in ``full_text()`` and the tooltip."""

    def __init__(self, parent=None, mode: Qt.TextElideMode = Qt.TextElideMode.ElideMiddle):
        super().__init__(parent)
        self._full = ""
        self._mode = mode
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(40)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt override
        self._full = text
        self._elide()

    def full_text(self) -> str:
        return self._full

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(self._full, self._mode, max(self.width(), 40))
        super().setText(shown)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._elide()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == event.Type.FontChange:
            self._elide()


class ErrorLabel(QLabel):
    """Red inline message under a field; hidden while there is no problem."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet("color: #c0392b;")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))

    def clear_message(self) -> None:
        self.setText("")
        self.hide()
