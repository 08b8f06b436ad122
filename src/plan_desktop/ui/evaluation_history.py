"""Every year's evaluation of one measure, side by side (fields down, fiscal years across)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..document.plan_document import Changes, ChangeSet, PlanDocument
from ..domain import evaluation as rules
from ..domain.fiscal import date_label, fy_label
from ..domain.model import Evaluation, Measure
from .screen_fit import fit_to_screen

YearRole = Qt.ItemDataRole.UserRole + 30


def _light(color: str) -> QColor:
    c = QColor(color)
    return QColor.fromHsvF(c.hsvHueF(), 0.25, 1.0) if c.hsvHueF() >= 0 else QColor("#eeeeee")


class EvaluationHistoryWidget(QWidget):
    """Read-only comparison of one measure's evaluations.

    Public: ``set_measure(id | None)``, ``set_show_all_years(bool)``,
    ``years()`` (the columns shown), ``cell_text(row_key, fy)``, ``table`` and
    the signal ``fiscalYearActivated(int)`` (double-click on a column).
    """

    fiscalYearActivated = Signal(int)

    def __init__(self, document: PlanDocument, parent=None):
        super().__init__(parent)
        self.setObjectName("evaluationHistory")
        self._doc = document
        self._measure_id: str | None = None
        self._years: list[int] = []
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        top = QHBoxLayout()
        self.title = QLabel()
        self.title.setWordWrap(True)
        f = self.title.font()
        f.setBold(True)
        self.title.setFont(f)
        top.addWidget(self.title, 1)
        self.all_years = QCheckBox(self.tr("評価のない年度も表示"))
        self.all_years.toggled.connect(lambda _on: self._fill())
        top.addWidget(self.all_years)
        lay.addLayout(top)
        self.table = QTableWidget()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setDefaultSectionSize(230)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.cellDoubleClicked.connect(self._activated)
        self.table.horizontalHeader().sectionDoubleClicked.connect(lambda c: self._activated(0, c))
        lay.addWidget(self.table, 1)
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(self.empty)
        document.changed.connect(self._on_changed)
        self._fill()

    def _rows(self) -> list[tuple[str, str]]:
        return [
            ("phase", self.tr("工程")),
            ("status", self.tr("状態")),
            ("progress", self.tr("取組状況")),
            ("rating", self.tr("進捗評価")),
            ("starting_point", self.tr("今年度の出発点")),
            ("planned_actions", self.tr("今年度の取組予定")),
            ("achievements", self.tr("取組実績")),
            ("indicators", self.tr("成果指標")),
            ("issues", self.tr("課題")),
            ("improvements", self.tr("改善策・次年度の取組")),
            ("direction", self.tr("今後の方向性")),
            # one row per stage of the plan, named after it (所管課 / 担当課, 推進協議会・所長会議 / 行政評価委員会)
            *[(key, self.tr("{stage}の評価・意見").format(stage=stage.short_name))
              for key, stage in zip(("self", "middle", "council") if len(self._doc.data.terms.stages) == 3
                                    else ("self", "council"), self._doc.data.terms.stages)],
        ]

    # ------------------------------------------------------------- public
    def set_measure(self, measure_id: str | None) -> None:
        self._measure_id = measure_id
        self._fill()

    def measure_id(self) -> str | None:
        return self._measure_id

    def set_show_all_years(self, on: bool) -> None:
        self.all_years.setChecked(on)

    def years(self) -> list[int]:
        return list(self._years)

    def cell_text(self, row_key: str, fy: int) -> str:
        keys = [k for k, _ in self._rows()]
        item = self.table.item(keys.index(row_key), self._years.index(fy))
        return item.text() if item else ""

    # ------------------------------------------------------------ filling
    def _measure(self) -> Measure | None:
        try:
            return self._doc.measure(self._measure_id) if self._measure_id else None
        except LookupError:
            return None

    def _on_changed(self, change: ChangeSet) -> None:
        if change.measure_ids and self._measure_id not in change.measure_ids and not change.kind & Changes.PLAN:
            return
        self._fill()

    def _activated(self, _row: int, column: int) -> None:
        if 0 <= column < len(self._years):
            self.fiscalYearActivated.emit(self._years[column])

    def _fill(self) -> None:
        m = self._measure()
        t = self.table
        t.clear()
        if m is None:
            self._years = []
            t.setRowCount(0)
            t.setColumnCount(0)
            self.title.setText("")
            self.empty.setText(self.tr("{word}を選択してください").format(word=self._doc.data.terms.measure))
            self.empty.show()
            return
        self.title.setText(self.tr("評価の履歴: {0}").format(m.display_title))
        evaluated = [e.fy for e in m.evaluations]
        self._years = list(self._doc.plan.fiscal_years) if self.all_years.isChecked() else sorted(evaluated)
        self.empty.setText(self.tr("この{word}にはまだ評価がありません").format(word=self._doc.data.terms.measure))
        self.empty.setVisible(not self._years)
        rows = self._rows()
        t.setRowCount(len(rows))
        t.setColumnCount(len(self._years))
        t.setVerticalHeaderLabels([label for _, label in rows])
        t.setHorizontalHeaderLabels([f"{fy_label(fy)}\n（{fy}）" for fy in self._years])
        scale = self._doc.data.rating_scale
        colors = rules.rating_colors(scale)
        for c, fy in enumerate(self._years):
            e = m.evaluation_for(fy)
            for r, (key, _label) in enumerate(rows):
                item = QTableWidgetItem(self._text(key, m, fy, e))
                item.setData(YearRole, fy)
                item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                letter = {"rating": e.rating if e else None, "self": e.self_rating if e else None,
                          "council": e.council_rating if e else None}.get(key)
                if letter in colors:
                    item.setBackground(QBrush(_light(colors[letter])))
                if key in ("rating", "status") and e is not None:
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
                if e is None and key != "phase":
                    item.setForeground(QBrush(QColor("#999999")))
                t.setItem(r, c, item)
        t.resizeRowsToContents()
        for r in range(t.rowCount()):  # breathing room under wrapped text
            t.setRowHeight(r, t.rowHeight(r) + 6)

    def _text(self, key: str, m: Measure, fy: int, e: Evaluation | None) -> str:
        scale = self._doc.data.rating_scale
        if key == "phase":
            return m.phase_in(fy) or ""
        if e is None:
            return self.tr("（評価なし）") if key == "status" else ""
        if key == "status":
            return self._doc.data.terms.status_label(e.status) + (self.tr("（ロック解除中）") if e.unlocked else "")
        if key == "rating":
            return rules.rating_text(scale, e.rating)
        if key in ("progress", "direction"):
            return getattr(e, key) or ""
        if key == "indicators":
            lines = []
            for i in e.indicators:
                nums = f"{rules.format_number(i.actual) or '—'} / {rules.format_number(i.target) or '—'}{i.unit}"
                lines.append(f"{i.name}: {nums}（{rules.format_rate(rules.achievement_rate(i))}）")
            return "\n".join(lines)
        if key == "self":
            parts = [rules.rating_text(scale, e.self_rating), e.self_comment,
                     " ".join(x for x in (e.self_author, self._date(e.self_date)) if x)]
            return "\n".join(p for p in parts if p)
        if key == "council":
            parts = [rules.rating_text(scale, e.council_rating), e.committee_opinion, self._date(e.council_date)]
            return "\n".join(p for p in parts if p)
        if key == "middle":
            parts = [rules.rating_text(scale, e.middle_rating), e.middle_opinion, self._date(e.middle_date)]
            return "\n".join(p for p in parts if p)
        return getattr(e, key)

    @staticmethod
    def _date(value: str | None) -> str:
        import datetime as _dt

        return date_label(_dt.date.fromisoformat(value)) if value else ""


class EvaluationHistoryDialog(QDialog):
    """The history widget in a window; ``fiscalYearActivated`` is passed on."""

    fiscalYearActivated = Signal(int)

    def __init__(self, document: PlanDocument, measure_id: str | None = None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("評価の履歴"))
        fit_to_screen(self, 1000, 700)
        lay = QVBoxLayout(self)
        self.history = EvaluationHistoryWidget(document, self)
        self.history.fiscalYearActivated.connect(self.fiscalYearActivated)
        lay.addWidget(self.history)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        box.rejected.connect(self.reject)
        lay.addWidget(box)
        self.history.set_measure(measure_id)
