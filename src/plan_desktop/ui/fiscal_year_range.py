"""A plan's years as two spin boxes (first and last fiscal year, Western) with the range
shown in 令和 form beside them: one row shared by the new-plan wizard and 計画の設定."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSpinBox, QWidget

from ..domain.fiscal import fy_label

FIRST_YEAR, LAST_YEAR = 1926, 2200  # 昭和元年 … far enough ahead


class FiscalYearRange(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.fy_start = QSpinBox()
        self.fy_end = QSpinBox()
        self.label = QLabel()
        for s in (self.fy_start, self.fy_end):
            s.setRange(FIRST_YEAR, LAST_YEAR)
            s.valueChanged.connect(self._on_change)
        row.addWidget(self.fy_start)
        row.addWidget(QLabel("～"))
        row.addWidget(self.fy_end)
        row.addWidget(self.label, 1)
        self.show_years()

    def set_years(self, start: int, end: int) -> None:
        """Show *start*–*end* without emitting ``changed``."""
        for spin, value in ((self.fy_start, start), (self.fy_end, end)):
            with QSignalBlocker(spin):
                spin.setValue(value)
        self.show_years()

    def show_years(self) -> None:
        try:
            self.label.setText(f"{fy_label(self.fy_start.value())}～{fy_label(self.fy_end.value())}")
        except ValueError:
            self.label.setText("")

    def _on_change(self, *args) -> None:
        self.show_years()
        self.changed.emit()
