"""計画 → 次の期間の計画を作成: a wizard over ``domain.next_period``.

Page 1 chooses the earlier and the new period and the options; page 2 is the
draft (include, №, title, viewpoint; merge two rows, add a row, renumber);
finishing applies it through ``PlanDocument.create_next_period``: a backup
first, then one undo step.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from ..domain import groups as G
from ..domain import next_period as N
from ..domain.fiscal import fy_range_label
from .failure_reporter import run_edit
from .screen_fit import fit_to_screen

COL_INCLUDE, COL_NO, COL_TITLE, COL_VIEWPOINT, COL_FROM, COL_NOTE = range(6)


class _PeriodPage(QWizardPage):
    def __init__(self, wizard: NextPeriodWizard):
        super().__init__(wizard)
        self.w = wizard
        self.setTitle(self.tr("期間の選択"))
        doc = wizard.document
        word = doc.data.terms.measure
        self.setSubTitle(self.tr("前の期間の{w}から、次の期間の{w}を作ります。前の期間の{w}はそのまま残ります。").format(w=word))
        self.source = QComboBox()
        self.target = QComboBox()
        for p in doc.data.plan.periods:
            self.source.addItem(f"{p.name}（{fy_range_label(p.fy_start, p.fy_end)}）", p.name)
        self.seed = QCheckBox(self.tr("前の期間の最後の「改善策・次年度の取組」を行動計画の最初の項目にする"))
        self.seed.setChecked(True)
        self.lock = QCheckBox(self.tr("作成後、前の期間の{w}を読み取り専用にする（ロック）").format(w=word))
        self.lock.setChecked(True)
        form = QFormLayout(self)
        form.addRow(self.tr("前の期間:"), self.source)
        form.addRow(self.tr("作成する期間:"), self.target)
        form.addRow(self.seed)
        form.addRow(self.lock)
        closing = "・".join(doc.data.terms.closing_directions) or self.tr("（なし）")
        note = QLabel(self.tr("既定では、最新の「今後の方向性」が{closing}の{w}を除いて引き継ぎます。"
                              "作成の前にバックアップを取り、作成は一度の「元に戻す」で取り消せます。").format(
                                  closing=closing, w=word))
        note.setWordWrap(True)
        form.addRow(note)
        self.source.currentIndexChanged.connect(self._fill_targets)
        self._fill_targets()

    def _fill_targets(self) -> None:
        self.target.clear()
        name = self.source.currentData()
        if name is None:
            return
        for p in N.later_periods(self.w.document.data, name):
            self.target.addItem(f"{p.name}（{fy_range_label(p.fy_start, p.fy_end)}）", p.name)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.target.currentData() is not None

    def validatePage(self) -> bool:
        self.w.rows = N.default_draft(self.w.document.data, self.source.currentData())
        return True


class _DraftPage(QWizardPage):
    def __init__(self, wizard: NextPeriodWizard):
        super().__init__(wizard)
        self.w = wizard
        word = wizard.document.data.terms.measure
        self.setTitle(self.tr("{w}の案").format(w=word))
        self.setSubTitle(self.tr("引き継ぐかどうか、№と名称を確認してください。2行を選んで統合できます。"))
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels([self.tr("作成"), "№", self.tr("名称"), self.tr("所属"),
                                              self.tr("前の期間の{w}").format(w=word), self.tr("備考")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        self.merge_button = QPushButton(self.tr("選んだ2行を統合"))
        self.add_button = QPushButton(self.tr("{w}を追加").format(w=word))
        self.renumber_button = QPushButton(self.tr("番号を振り直す"))
        self.problems = QLabel()
        self.problems.setStyleSheet("color: #c0392b")
        self.problems.setWordWrap(True)
        buttons = QHBoxLayout()
        for b in (self.merge_button, self.add_button, self.renumber_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addWidget(self.table)
        lay.addLayout(buttons)
        lay.addWidget(self.problems)
        self.merge_button.clicked.connect(self.merge_selected)
        self.add_button.clicked.connect(lambda: self.add_row(self.tr("新しい{w}").format(w=word)))
        self.renumber_button.clicked.connect(self.renumber)
        self.table.itemChanged.connect(self._item_changed)

    def initializePage(self) -> None:
        self.fill()

    def fill(self) -> None:
        data = self.w.document.data
        by_id = {m.id: m for m in data.measures}
        t = self.table
        t.blockSignals(True)
        t.setRowCount(len(self.w.rows))
        for r, row in enumerate(self.w.rows):
            inc = QTableWidgetItem()
            inc.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            inc.setCheckState(Qt.CheckState.Checked if row.include else Qt.CheckState.Unchecked)
            t.setItem(r, COL_INCLUDE, inc)
            no = QTableWidgetItem(str(row.no) if row.include else "")
            t.setItem(r, COL_NO, no)
            t.setItem(r, COL_TITLE, QTableWidgetItem(row.title))
            box = QComboBox()
            for node in G.preorder(data):
                box.addItem("\u3000" * node.depth + G.group_heading(data, node.group, short=True), node.group.no)
            box.setCurrentIndex(max(box.findData(row.viewpoint), 0))
            box.currentIndexChanged.connect(lambda _i, key=row.key, b=box: self._set(key, viewpoint=b.currentData()))
            t.setCellWidget(r, COL_VIEWPOINT, box)
            preds = "、".join(f"№{by_id[p].label}" for p in row.predecessor_ids if p in by_id) or self.tr("（新規）")
            for col, text in ((COL_FROM, preds), (COL_NOTE, row.reason)):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                t.setItem(r, col, item)
        t.blockSignals(False)
        self._check()

    def _row_index(self, key: str) -> int:
        return next(i for i, r in enumerate(self.w.rows) if r.key == key)

    def _set(self, key: str, **changes) -> None:
        row = self.w.rows[self._row_index(key)]
        for k, v in changes.items():
            setattr(row, k, v)
        self._check()

    def _item_changed(self, item: QTableWidgetItem) -> None:
        row = self.w.rows[item.row()]
        if item.column() == COL_INCLUDE:
            row.include = item.checkState() == Qt.CheckState.Checked
        elif item.column() == COL_NO:
            try:
                row.no = int(item.text())
            except ValueError:
                row.no = 0
        elif item.column() == COL_TITLE:
            row.title = item.text()
        self._check()

    def _check(self) -> None:
        problems = N.draft_problems(self.w.document.data, self.w.rows)
        self.problems.setText("\n".join(problems))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return not N.draft_problems(self.w.document.data, self.w.rows)

    # -------------------------------------------------------------- actions
    def selected_keys(self) -> list[str]:
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        return [self.w.rows[r].key for r in rows]

    def merge_selected(self) -> bool:
        keys = self.selected_keys()
        if len(keys) != 2:
            QMessageBox.information(self, self.tr("統合"), self.tr("統合する2行を選んでください。"))
            return False
        self.w.rows = N.merge_rows(self.w.rows, keys[0], keys[1])
        self.fill()
        return True

    def add_row(self, title: str, viewpoint: int | None = None) -> None:
        vp = viewpoint if viewpoint is not None else self.w.document.data.viewpoints[0].no
        self.w.rows = N.add_row(self.w.rows, title, vp)
        self.fill()

    def renumber(self) -> None:
        start = max((m.no for m in self.w.document.data.measures), default=0) + 1
        self.w.rows = N.renumber(self.w.rows, start)
        self.fill()


class NextPeriodWizard(QWizard):
    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document
        self.rows: list[N.DraftMeasure] = []
        self.created: list[str] = []
        self.setWindowTitle(self.tr("次の期間の計画を作成"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.period_page = _PeriodPage(self)
        self.draft_page = _DraftPage(self)
        self.addPage(self.period_page)
        self.addPage(self.draft_page)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("作成"))
        fit_to_screen(self, 1100, 760)

    def source(self) -> str | None:
        return self.period_page.source.currentData()

    def target(self) -> str | None:
        return self.period_page.target.currentData()

    def apply(self) -> list[str]:
        """Create the measures (backup first, one undo step); the new ids."""
        self.created = self.document.create_next_period(
            self.source(), self.target(), self.rows, seed_improvements=self.period_page.seed.isChecked(),
            lock_source=self.period_page.lock.isChecked())
        return self.created

    def accept(self) -> None:
        if not run_edit(self, self.apply, title=self.windowTitle()).ok:  # invalid draft, backup or disk: stay open
            return
        self.document.set_period_filter(self.target())
        super().accept()
