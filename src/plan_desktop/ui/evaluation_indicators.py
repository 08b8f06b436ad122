"""The 成果指標 table of the evaluation form: rows of name, unit, baseline, target, actual and 達成率.

The whole table is one value: it is validated cell by cell and stored as one
undo step only when every cell is fine. Wrong cells are shown in red with
the reason below the table; their text is remembered per measure and year
(a *draft*) until it is fixed, and nothing is written meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..document.errors import EditError
from ..domain import evaluation as rules
from ..domain.model import Evaluation, Indicator
from .failure_reporter import report_failure
from .widgets import ErrorLabel

ERROR_BRUSH = QBrush(QColor("#fdecea"))
IdRole = Qt.ItemDataRole.UserRole + 20

# Indicator table columns: key, numeric
INDICATOR_COLUMNS = (("name", False), ("unit", False), ("baseline", True), ("target", True), ("actual", True))
RATE_COLUMN = len(INDICATOR_COLUMNS)


class IndicatorEditor(QWidget):
    """Table + add/remove buttons + error line.

    *store(indicators, undo_text)* writes the list as one undo step (may raise
    an ``EditError``); *current()* returns the stored record
    (or None) and *context()* the (measure id, year) the drafts belong to.
    """

    def __init__(self, store: Callable[[list[Indicator], str], object], current: Callable[[], Evaluation | None],
                 context: Callable[[], tuple[str, int] | None], parent=None):
        super().__init__(parent)
        self._store = store
        self._current = current
        self._context = context
        self._drafts: dict[tuple[str, int], list[list[str]]] = {}
        self._loading = False
        self._editable = True
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        t = QTableWidget(0, RATE_COLUMN + 1)
        t.setObjectName("evaluationIndicators")
        self.headers = [self.tr("指標名"), self.tr("単位"), self.tr("基準値"), self.tr("目標値"),
                        self.tr("実績値"), self.tr("達成率")]
        t.setHorizontalHeaderLabels(self.headers)
        h = t.horizontalHeader()
        h.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in range(1, RATE_COLUMN + 1):
            h.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        h.setMinimumSectionSize(36)
        t.verticalHeader().setVisible(False)
        t.setWordWrap(True)
        # Tab leaves the table (arrow keys move between cells): the form stays keyboard-friendly.
        t.setTabKeyNavigation(False)
        t.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        t.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        t.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        t.setToolTip(self.tr("達成率 = 実績値 ÷ 目標値 × 100（目標値が0より大きいときだけ計算します）"))
        t.itemChanged.connect(self._edited)
        self.table = t
        lay.addWidget(t)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("指標を追加"))
        self.add_button.setObjectName("addIndicator")
        self.add_button.clicked.connect(self.add)
        self.remove_button = QPushButton(self.tr("指標を削除"))
        self.remove_button.setObjectName("removeIndicator")
        self.remove_button.clicked.connect(lambda: self.remove())
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        lay.addLayout(row)
        self.error = ErrorLabel()
        self.error.setObjectName("indicatorsError")
        lay.addWidget(self.error)

    # ------------------------------------------------------------- state
    def has_pending_input(self) -> bool:
        """True while some typed value is wrong and therefore not stored yet."""
        return self._context() in self._drafts

    def set_editable(self, editable: bool) -> None:
        self._editable = editable
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers if editable
                                   else QAbstractItemView.EditTrigger.NoEditTriggers)
        self.add_button.setEnabled(editable)
        self.remove_button.setEnabled(editable)

    # ------------------------------------------------------------ loading
    def load(self, e: Evaluation) -> None:
        t = self.table
        draft = self._drafts.get(self._context())
        current = (t.currentRow(), t.currentColumn())
        self._loading = True
        try:
            with QSignalBlocker(t):
                rows = draft if draft is not None else [
                    [i.name, i.unit, rules.format_number(i.baseline), rules.format_number(i.target),
                     rules.format_number(i.actual)] for i in e.indicators]
                ids = [i.id for i in e.indicators]
                t.setRowCount(len(rows))
                for r, texts in enumerate(rows):
                    for c, text in enumerate(texts):
                        item = QTableWidgetItem(text)
                        if INDICATOR_COLUMNS[c][1]:
                            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                        if c == 0 and r < len(ids):
                            item.setData(IdRole, ids[r])
                        t.setItem(r, c, item)
                    rate = rules.achievement_rate(e.indicators[r]) if draft is None and r < len(e.indicators) else None
                    rate_item = QTableWidgetItem(rules.format_rate(rate))
                    rate_item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                    rate_item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                    rate_item.setToolTip(self.tr("実績値 ÷ 目標値 × 100"))
                    t.setItem(r, RATE_COLUMN, rate_item)
            self.fit_height()
            if draft is not None:
                self._mark(self._parse()[1])
            else:
                self.error.show_message("")
            if 0 <= current[0] < t.rowCount():
                t.setCurrentCell(*current)
        finally:
            self._loading = False

    def fit_height(self) -> None:
        """As tall as its rows (at least two): the form scrolls, never the table."""
        t = self.table
        t.resizeRowsToContents()
        header = t.horizontalHeader().sizeHint().height()
        rows = sum(t.rowHeight(r) for r in range(t.rowCount()))
        empty = t.verticalHeader().defaultSectionSize() * max(2 - t.rowCount(), 0)
        t.setFixedHeight(header + rows + empty + 2 * t.frameWidth() + 2)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit_height()  # wrapped names change the row heights

    # ------------------------------------------------------------ parsing
    def texts(self) -> list[list[str]]:
        t = self.table
        out = []
        for r in range(t.rowCount()):
            row = []
            for c in range(RATE_COLUMN):
                item = t.item(r, c)
                row.append(item.text() if item else "")
            out.append(row)
        return out

    def _row_id(self, r: int) -> str | None:
        item = self.table.item(r, 0)
        return item.data(IdRole) if item else None

    def _parse(self) -> tuple[list[Indicator], dict[tuple[int, int], str]]:
        """The indicators the table shows, and problems by (row, column)."""
        problems: dict[tuple[int, int], str] = {}
        indicators = []
        keys = [k for k, _n in INDICATOR_COLUMNS]
        for r, texts in enumerate(self.texts()):
            values: dict = {"name": texts[0].strip(), "unit": texts[1].strip()}
            for c, (key, numeric) in enumerate(INDICATOR_COLUMNS):
                if not numeric:
                    continue
                try:
                    values[key] = rules.parse_number(texts[c])
                except ValueError as exc:
                    problems[(r, c)] = str(exc)
                    values[key] = None
            ind = Indicator(**values)
            if self._row_id(r):
                ind.id = self._row_id(r)
            for p in rules.indicator_problems(ind, "i"):
                problems.setdefault((r, keys.index(p.path.rsplit(".", 1)[-1])), p.message)
            indicators.append(ind)
        return indicators, problems

    def _mark(self, problems: dict[tuple[int, int], str]) -> None:
        t = self.table
        with QSignalBlocker(t):
            for r in range(t.rowCount()):
                for c in range(RATE_COLUMN):
                    item = t.item(r, c)
                    if item is None:
                        item = QTableWidgetItem("")
                        t.setItem(r, c, item)
                    bad = (r, c) in problems
                    item.setBackground(ERROR_BRUSH if bad else QBrush())
                    item.setToolTip(problems.get((r, c), ""))
        lines = [self.tr("{0}行目の{1}: {2}").format(r + 1, self.headers[c], msg)
                 for (r, c), msg in sorted(problems.items())]
        self.error.show_message("\n".join(lines))

    # ------------------------------------------------------------ commits
    def _edited(self, item: QTableWidgetItem) -> None:
        if self._loading or item.column() == RATE_COLUMN:
            return
        self.commit()

    def _write(self, indicators: list[Indicator], text: str) -> bool:
        try:
            self._store(indicators, text)
        except EditError as exc:
            report_failure(self, exc, label=self.error)
            return False
        return True

    def commit(self, text: str | None = None) -> bool:
        """Validate the whole table; store it as one step when every cell is fine."""
        indicators, problems = self._parse()
        self._mark(problems)
        key = self._context()
        if problems:
            if key is not None:
                self._drafts[key] = self.texts()
            return False
        self._drafts.pop(key, None)
        e = self._current()
        if e is not None and e.indicators == indicators:
            return False
        return self._write(indicators, text or self.tr("成果指標の変更"))

    def add(self) -> bool:
        if not self._editable or self.has_pending_input() or self._context() is None:
            return False
        e = self._current()
        current = list(e.indicators) if e else []
        if not self._write([*current, Indicator(name=self.tr("新しい指標"))], self.tr("成果指標の追加")):
            return False
        t = self.table
        t.setCurrentCell(t.rowCount() - 1, 0)
        t.setFocus()
        t.editItem(t.item(t.rowCount() - 1, 0))
        return True

    def remove(self, row: int | None = None) -> bool:
        if not self._editable:
            return False
        row = self.table.currentRow() if row is None else row
        e = self._current()
        if e is None or not 0 <= row < self.table.rowCount():
            return False
        if self.has_pending_input():
            # Removing a half-typed row: the rest of the table decides.
            self.table.removeRow(row)
            return self.commit(self.tr("成果指標の削除"))
        return self._write([i for k, i in enumerate(e.indicators) if k != row], self.tr("成果指標の削除"))
