"""A date field that reads what Japanese offices type and shows dates in 令和 form.

Typing 令和6年5月10日, R6.5.10, 2024/5/10, 2024-05-10 or 20240510 (or, within
an evaluated fiscal year, just 5/10) and leaving the field stores 2024-05-10
and shows 令和6年5月10日; an empty field stores nothing (未設定). Text that is
not a date stays in the field and ``problem()`` says why, so the owner can
show the message under the field. The calendar button opens at the field's
date, else today when today belongs to the evaluated year (or the year after,
when evaluations are written), else at the end of the evaluated year.
"""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QPoint, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QToolButton, QVBoxLayout, QWidget

from ..domain.fiscal import current_fiscal_year, date_label, fiscal_year_of, parse_date

if TYPE_CHECKING:
    from PySide6.QtWidgets import QCalendarWidget


class DateEdit(QWidget):
    """``value()`` is an ISO date or None; ``editingFinished`` when the user leaves or picks a day."""

    editingFinished = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._value: str | None = None
        self._problem = ""
        self._fy: int | None = None
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        self.line = QLineEdit()
        self.line.setObjectName("dateText")
        self.line.setPlaceholderText(self.tr("未設定（例: 令和6年5月10日、R6.5.10、2024/5/10）"))
        self.line.setToolTip(self.tr("令和6年5月10日、R6.5.10、2024/5/10、2024-05-10、20240510 のどれでも入力できます。"
                                     "空欄にすると未設定になります。"))
        self.line.setClearButtonEnabled(True)
        self.line.editingFinished.connect(self._finish)
        self.line.textEdited.connect(self._edited)
        self.calendar_button = QToolButton()
        self.calendar_button.setObjectName("dateCalendarButton")
        self.calendar_button.setText(self.tr("カレンダー"))
        self.calendar_button.setToolTip(self.tr("カレンダーから選ぶ"))
        self.calendar_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keyboard users type the date
        self.calendar_button.clicked.connect(self.open_calendar)
        lay.addWidget(self.line, 1)
        lay.addWidget(self.calendar_button)
        self.setFocusProxy(self.line)
        self.popup: QWidget | None = None

    # ------------------------------------------------------------ values
    def value(self) -> str | None:
        """The stored value (the last text that was a date, or None)."""
        return self._value

    def problem(self) -> str:
        """Why the shown text is not a date ('' when it is one, or empty)."""
        return self._problem

    def text(self) -> str:
        return self.line.text()

    def set_value(self, value: str | None) -> None:
        """Show *value* (ISO date or None) in 令和 form; drops a refused text."""
        self._value = value
        self._problem = ""
        self.line.setText(self._label(value))
        self.line.setModified(False)

    def set_text(self, text: str) -> None:
        """Put typed-in text in the field (a remembered refused input); does not commit."""
        self.line.setText(text)
        self._parse(text)

    def reread(self) -> None:
        """Read the text shown now (typed, not yet left): updates ``value()`` and ``problem()``."""
        self._parse(self.line.text())

    def set_fiscal_year(self, fy: int | None) -> None:
        """The evaluated year: bare month/day is read in it and the calendar opens there."""
        self._fy = fy

    def set_editable(self, editable: bool) -> None:
        self.line.setReadOnly(not editable)
        self.line.setClearButtonEnabled(editable)
        self.calendar_button.setEnabled(editable)

    def is_modified(self) -> bool:
        return self.line.isModified()

    @staticmethod
    def _label(value: str | None) -> str:
        return date_label(_dt.date.fromisoformat(value)) if value else ""

    def _parse(self, text: str) -> bool:
        try:
            day = parse_date(text, self._fy)
        except ValueError as exc:
            self._problem = str(exc)
            return False
        self._problem = ""
        self._value = day.isoformat() if day else None
        return True

    # ------------------------------------------------------------ editing
    def _edited(self, text: str) -> None:
        # The clear button empties the field without focus-out: that is a finished edit.
        if not text and not self.line.hasFocus():
            self._finish()

    def _finish(self) -> None:
        if self.line.isReadOnly():
            return
        if self._parse(self.line.text()) and self.line.text() != self._label(self._value):
            self.line.setText(self._label(self._value))
        self.editingFinished.emit()

    # ----------------------------------------------------------- calendar
    def calendar_start(self, today: _dt.date | None = None) -> _dt.date:
        """The day the calendar shows first."""
        if self._value:
            return _dt.date.fromisoformat(self._value)
        today = today or _dt.date.today()
        fy = self._fy
        if fy is None or fiscal_year_of(today) in (fy, fy + 1):
            return today
        return _dt.date(fy + 1, 3, 31) if fy < current_fiscal_year(today) else _dt.date(fy, 4, 1)

    def open_calendar(self) -> QCalendarWidget:
        from PySide6.QtWidgets import QCalendarWidget  # (its Python type is made when first opened)

        if self.popup is not None:
            self.popup.close()
        popup = QWidget(self, Qt.WindowType.Popup)
        popup.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        cal = QCalendarWidget(popup)
        cal.setObjectName("dateCalendar")
        cal.setGridVisible(True)
        start = self.calendar_start()
        cal.setSelectedDate(QDate(start.year, start.month, start.day))
        cal.clicked.connect(lambda d: self._picked(d, popup))
        cal.activated.connect(lambda d: self._picked(d, popup))
        QVBoxLayout(popup).addWidget(cal)
        popup.layout().setContentsMargins(0, 0, 0, 0)
        popup.adjustSize()
        pos = self.mapToGlobal(QPoint(0, self.height()))
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:
            pos.setX(min(pos.x(), screen.right() - popup.width()))
            if pos.y() + popup.height() > screen.bottom():
                pos.setY(self.mapToGlobal(QPoint(0, 0)).y() - popup.height())
        popup.move(pos)
        popup.show()
        cal.setFocus()
        self.popup = popup
        popup.destroyed.connect(lambda *_: setattr(self, "popup", None))
        return cal

    def _picked(self, day: QDate, popup: QWidget) -> None:
        popup.close()
        self.line.setText(date_label(_dt.date(day.year(), day.month(), day.day())))
        self.line.setModified(True)
        self._finish()
