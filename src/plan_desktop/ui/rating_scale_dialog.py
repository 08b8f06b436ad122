"""Settings dialog for the plan's rating scale (letters, labels, definitions, points).

Renaming a letter renames it in every evaluation; a letter still used by an
evaluation cannot be removed. Applying is one undoable document command.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ..document.plan_document import PlanDocument
from ..domain import evaluation as rules
from ..domain.model import DEFAULT_RATING_SCALE, RatingLevel
from .failure_reporter import run_edit
from .screen_fit import fit_to_screen

OriginalRole = Qt.ItemDataRole.UserRole + 50
COLUMNS = 4  # letter, label, definition, points


class RatingScaleDialog(QDialog):
    """Public: ``table``, ``add_level()``, ``remove_level(row)``, ``move_level(row, delta)``,
    ``reset_to_default()``, ``levels()``, ``renames()``, ``apply()`` (also run by OK),
    ``error_label``."""

    def __init__(self, document: PlanDocument, parent=None):
        super().__init__(parent)
        self._doc = document
        self.setWindowTitle(self.tr("評価基準の設定"))
        fit_to_screen(self, 820, 380)
        lay = QVBoxLayout(self)
        intro = QLabel(self.tr("進捗評価の段階を設定します。上ほど良い評価です。点数は平均点の計算に使います。"
                               "記号を変えると、その記号の評価もすべて新しい記号になります。"))
        intro.setWordWrap(True)
        lay.addWidget(intro)
        self.table = QTableWidget(0, COLUMNS)
        self.table.setHorizontalHeaderLabels([self.tr("記号"), self.tr("名称"), self.tr("定義"), self.tr("点数")])
        h = self.table.horizontalHeader()
        h.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        h.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        h.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setColumnWidth(1, 200)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.itemChanged.connect(lambda _i: self.error_label.setText(""))
        lay.addWidget(self.table, 1)
        row = QHBoxLayout()
        for text, slot in ((self.tr("段階を追加"), self.add_level), (self.tr("削除"), lambda: self.remove_level()),
                           (self.tr("上へ"), lambda: self.move_level(None, -1)),
                           (self.tr("下へ"), lambda: self.move_level(None, 1)),
                           (self.tr("既定に戻す"), self.reset_to_default)):
            b = QPushButton(text)
            b.clicked.connect(lambda _=False, s=slot: s())
            row.addWidget(b)
        row.addStretch(1)
        lay.addLayout(row)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #c0392b;")
        lay.addWidget(self.error_label)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        lay.addWidget(box)
        for level in document.data.rating_scale:
            self._append(level, original=level.letter)
        if document.readonly:
            self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            box.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)

    # ------------------------------------------------------------ editing
    def _append(self, level: RatingLevel, original: str | None, at: int | None = None) -> None:
        t = self.table
        r = t.rowCount() if at is None else at
        t.insertRow(r)
        values = [level.letter, level.label, level.definition, rules.format_number(level.points)]
        for c, v in enumerate(values):
            item = QTableWidgetItem(v)
            if c == 3:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            t.setItem(r, c, item)
        t.item(r, 0).setData(OriginalRole, original)

    def _row(self, r: int) -> tuple[list[str], str | None]:
        texts = [(self.table.item(r, c).text() if self.table.item(r, c) else "") for c in range(COLUMNS)]
        return texts, self.table.item(r, 0).data(OriginalRole) if self.table.item(r, 0) else None

    def add_level(self) -> None:
        self._append(RatingLevel("", "", "", 0), original=None)
        r = self.table.rowCount() - 1
        self.table.setCurrentCell(r, 0)

    def remove_level(self, row: int | None = None) -> None:
        row = self.table.currentRow() if row is None else row
        if 0 <= row < self.table.rowCount():
            self.table.removeRow(row)

    def move_level(self, row: int | None, delta: int) -> None:
        row = self.table.currentRow() if row is None else row
        target = row + delta
        if not (0 <= row < self.table.rowCount() and 0 <= target < self.table.rowCount()):
            return
        texts, original = self._row(row)
        self.table.removeRow(row)
        self._append(RatingLevel(texts[0], texts[1], texts[2], 0), original, at=target)
        self.table.item(target, 3).setText(texts[3])
        self.table.setCurrentCell(target, 0)

    def reset_to_default(self) -> None:
        """Default A–D; rows whose letter survives keep their identity (no renames)."""
        current = {self._row(r)[0][0].strip(): self._row(r)[1] for r in range(self.table.rowCount())}
        self.table.setRowCount(0)
        for level in DEFAULT_RATING_SCALE:
            self._append(level, original=current.get(level.letter))

    # ------------------------------------------------------------- result
    def levels(self) -> list[RatingLevel]:
        """The scale as edited; raises ValueError (Japanese) for unreadable points."""
        out = []
        for r in range(self.table.rowCount()):
            texts, _ = self._row(r)
            try:
                points = rules.parse_number(texts[3])
            except ValueError as exc:
                raise ValueError(self.tr("{0}行目の点数: {1}").format(r + 1, exc)) from None
            out.append(RatingLevel(texts[0].strip(), texts[1].strip(), texts[2].strip(), points or 0.0))
        return out

    def renames(self) -> dict[str, str]:
        out = {}
        for r in range(self.table.rowCount()):
            texts, original = self._row(r)
            if original is not None and texts[0].strip() != original:
                out[original] = texts[0].strip()
        return out

    def apply(self) -> bool:
        """Validate and store the scale as one undoable step; show problems in the dialog."""
        try:
            levels = self.levels()
        except ValueError as exc:
            self.error_label.setText(str(exc))
            return False
        problems = rules.scale_problems(levels)
        if problems:
            self.error_label.setText("\n".join(self._where(p.path) + p.message for p in problems))
            return False
        if not run_edit(self, lambda: self._doc.set_rating_scale(levels, self.renames()), label=self.error_label).ok:
            return False
        self.error_label.setText("")
        return True

    def _where(self, path: str) -> str:
        if path.startswith("rating_scale["):
            n = int(path[len("rating_scale["):].split("]")[0])
            return self.tr("{0}行目: ").format(n + 1)
        return ""

    def accept(self) -> None:
        if self.apply():
            super().accept()
