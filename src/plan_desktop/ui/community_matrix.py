"""Per-community progress (学区別の進捗 in the bundled plan): the community × fiscal-year grid of a per-community measure.

Each status or note edit is one undo step through the document. The grid
follows ``PlanDocument.changed`` (Changes.COMMUNITY) so undo/redo and merges
show at once. Also: the per-measure setting (record per community, options),
the list of communities, export/merge of one community's entries, the PDF.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain import communities as C
from ..domain.communities import as_of_year, matrix_years
from ..domain.fiscal import fy_label
from ..domain.model import Community, CommunitySetup
from .failure_reporter import run_edit
from .file_dialogs import ask_open_path, ask_save_path
from .screen_fit import fit_to_screen

_DONE = "#cdebc5"
_TINTS = ["#fde2c4", "#d6e6f7", "#e4d9f2", "#f7d6e0", "#e0e0e0", "#fff2b3"]
_CID_ROLE = Qt.ItemDataRole.UserRole + 1
_FY_ROLE = Qt.ItemDataRole.UserRole + 2
_STATUS_ROLE = Qt.ItemDataRole.UserRole + 3  # the entered status (the text may be a carried one)


class _StatusDelegate(QStyledItemDelegate):
    """A combo box of the measure's options (plus empty) for a cell."""

    def __init__(self, widget: CommunityMatrixWidget):
        super().__init__(widget)
        self.w = widget

    def createEditor(self, parent, option, index):
        box = QComboBox(parent)
        box.addItem("", None)
        m = self.w.current_measure()
        for o in (m.community.options if m and m.community else []):
            box.addItem(o, o)
        return box

    def setEditorData(self, editor, index):
        i = editor.findData(index.data(_STATUS_ROLE) or None)
        editor.setCurrentIndex(max(i, 0))

    def setModelData(self, editor, model, index):
        item = self.w.table.item(index.row(), index.column())
        self.w.set_cell(item.data(_CID_ROLE), item.data(_FY_ROLE), editor.currentData())


class CommunityMatrixWidget(QWidget):
    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document
        self.measure_box = QComboBox()
        self.setup_button = QPushButton(self.tr("{unit}別の設定…").format(unit=self.document.data.terms.community_unit))
        self.communities_button = QPushButton(self.tr("{unit}の一覧…").format(unit=self.document.data.terms.community_unit))
        self.export_button = QPushButton(self.tr("{unit}の記録を書き出し…").format(unit=self.document.data.terms.community_unit))
        self.merge_button = QPushButton(self.tr("{unit}の記録を取り込み…").format(unit=self.document.data.terms.community_unit))
        self.pdf_button = QPushButton(self.tr("PDF に保存…"))
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.table = QTableWidget()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.SelectedClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.table.setItemDelegate(_StatusDelegate(self))
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("選んだセルの備考（Enter で確定）"))
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("{word}:").format(word=self.document.data.terms.measure)))
        top.addWidget(self.measure_box, 1)
        top.addWidget(self.setup_button)
        top.addWidget(self.communities_button)
        bottom = QHBoxLayout()
        bottom.addWidget(QLabel(self.tr("備考:")))
        bottom.addWidget(self.note, 1)
        bottom.addWidget(self.export_button)
        bottom.addWidget(self.merge_button)
        bottom.addWidget(self.pdf_button)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.summary)
        lay.addWidget(self.table, 1)
        lay.addLayout(bottom)
        self.measure_box.currentIndexChanged.connect(lambda _i: self.refresh_grid())
        self.table.currentCellChanged.connect(lambda *_: self._show_note())
        self.note.returnPressed.connect(self.commit_note)
        self.setup_button.clicked.connect(self.edit_setup)
        self.communities_button.clicked.connect(self.edit_communities)
        self.export_button.clicked.connect(lambda: self.export_package())
        self.merge_button.clicked.connect(lambda: self.merge_package())
        self.pdf_button.clicked.connect(lambda: self.save_pdf())
        document.changed.connect(self._on_changed)
        self.refresh_measures()

    # ------------------------------------------------------------- state
    def current_measure(self):
        mid = self.measure_box.currentData()
        if mid is None:
            return None
        try:
            return self.document.measure(mid)
        except LookupError:
            return None

    def select_measure(self, measure_id: str) -> bool:
        i = self.measure_box.findData(measure_id)
        if i >= 0:
            self.measure_box.setCurrentIndex(i)
        return i >= 0

    def years(self) -> list[int]:
        m = self.current_measure()
        return matrix_years(self.document.data, m) if m else []

    def _on_changed(self, cs) -> None:
        from ..document.plan_document import Changes

        if cs.kind & (Changes.MEASURE | Changes.ADDED | Changes.REMOVED | Changes.PLAN):
            self.refresh_measures()
        elif cs.kind & Changes.COMMUNITY:
            self.refresh_grid()

    def refresh_measures(self) -> None:
        current = self.measure_box.currentData()
        self.measure_box.blockSignals(True)
        self.measure_box.clear()
        for m in C.community_measures(self.document.data):
            self.measure_box.addItem(m.display_title, m.id)
        if current is not None and self.measure_box.findData(current) >= 0:
            self.measure_box.setCurrentIndex(self.measure_box.findData(current))
        self.measure_box.blockSignals(False)
        self.refresh_grid()

    def refresh_grid(self) -> None:
        data = self.document.data
        m = self.current_measure()
        t = self.table
        row, col = t.currentRow(), t.currentColumn()
        t.blockSignals(True)
        t.clear()
        if m is None:
            t.setRowCount(0)
            t.setColumnCount(0)
            self.summary.setText(self.tr("{unit}別の{word}がありません。「{unit}別の設定…」で{word}を選んで設定してください。").format(unit=self.document.data.terms.community_unit, word=self.document.data.terms.measure))
            t.blockSignals(False)
            return
        years = self.years()
        as_of = as_of_year(data, m, years)
        self.summary.setText(f"{fy_label(as_of)}末現在: <b>{C.summary_sentence(data, m, as_of)}</b>")
        t.setColumnCount(len(years))
        t.setRowCount(len(data.communities))
        t.setHorizontalHeaderLabels([f"{fy_label(fy)}\n（{fy}）" for fy in years])
        t.setVerticalHeaderLabels([c.name for c in data.communities])
        setup = m.community
        for r, c in enumerate(data.communities):
            for k, fy in enumerate(years):
                e = C.entry_for(data, m.id, c.id, fy)
                item = QTableWidgetItem()
                item.setData(_CID_ROLE, c.id)
                item.setData(_FY_ROLE, fy)
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if e is not None and (e.status or e.note):
                    item.setData(_STATUS_ROLE, e.status)
                    item.setText((e.status or "") + (" ✎" if e.note else ""))
                    item.setToolTip(e.note)
                    if e.status:
                        tint = _DONE if e.status == setup.done else _TINTS[setup.options.index(e.status) % len(_TINTS)] \
                            if e.status in setup.options else "#ffffff"
                        item.setBackground(QBrush(QColor(tint)))
                else:
                    carried = C.status_as_of(data, m.id, c.id, fy)
                    if carried:
                        item.setText(carried)
                        item.setForeground(QBrush(QColor("#9a9a9a")))
                        item.setToolTip(self.tr("前の年度から引き続き"))
                t.setItem(r, k, item)
        t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        if 0 <= row < t.rowCount() and 0 <= col < t.columnCount():
            t.setCurrentCell(row, col)
        t.blockSignals(False)
        self._show_note()

    def _show_note(self) -> None:
        item = self.table.currentItem()
        m = self.current_measure()
        if item is None or m is None:
            self.note.clear()
            return
        e = C.entry_for(self.document.data, m.id, item.data(_CID_ROLE), item.data(_FY_ROLE))
        self.note.setText(e.note if e else "")

    # ------------------------------------------------------------- edits
    def _run(self, edit):
        return run_edit(self, edit, title=self.tr("{unit}別の進捗").format(unit=self.document.data.terms.community_unit))

    def _warn_write(self, path, exc: OSError) -> None:
        QMessageBox.warning(self, self.tr("{unit}別の進捗").format(unit=self.document.data.terms.community_unit),
                            self.tr("{0} に保存できませんでした: {1}").format(path, exc.strerror or exc))

    def set_cell(self, community_id: str, fy: int, status: str | None, note: str | None = None) -> bool:
        m = self.current_measure()
        if m is None:
            return False
        e = C.entry_for(self.document.data, m.id, community_id, fy)
        if note is None:
            note = e.note if e else ""
        outcome = self._run(lambda: self.document.set_community_entry(m.id, community_id, fy, status, note))
        if not outcome.ok:
            self.refresh_grid()  # the stored cells again
        return bool(outcome.value)

    def commit_note(self) -> bool:
        item = self.table.currentItem()
        m = self.current_measure()
        if item is None or m is None:
            return False
        e = C.entry_for(self.document.data, m.id, item.data(_CID_ROLE), item.data(_FY_ROLE))
        return self.set_cell(item.data(_CID_ROLE), item.data(_FY_ROLE), e.status if e else None, self.note.text())

    def edit_setup(self) -> None:
        dialog = CommunitySetupDialog(self.document, self.measure_box.currentData(), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.select_measure(dialog.measure_id())

    def edit_communities(self) -> None:
        dialog = CommunityListDialog(self.document.data.communities, self, self.document.data.terms.community_unit)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._run(lambda: self.document.set_communities(dialog.communities()))

    def export_package(self, community_id: str | None = None, path: str | None = None) -> int | None:
        data = self.document.data
        if community_id is None:
            item = self.table.currentItem()
            community_id = item.data(_CID_ROLE) if item else (data.communities[0].id if data.communities else None)
        if community_id is None:
            return None
        name = next(c.name for c in data.communities if c.id == community_id)
        if path is None:  # the district's name may hold anything: file_dialogs cleans the suggestion
            unit = self.document.data.terms.community_unit
            path = ask_save_path(self, self.tr("{unit}の記録を書き出し").format(unit=unit), f"{unit}別進捗_{name}.json",
                                 "JSON (*.json)", self.document.path)
            if path is None:
                return None
        return self._run(lambda: self.document.export_community_package(community_id, path)).value

    def merge_package(self, path: str | None = None):
        if path is None:
            path = ask_open_path(self, self.tr("{unit}の記録を取り込み").format(unit=self.document.data.terms.community_unit), "JSON (*.json)",
                                 self.document.path)
            if path is None:
                return None
        outcome = self._run(lambda: self.document.merge_community_package(path)).value
        if outcome is None:
            return None
        QMessageBox.information(self, self.tr("{unit}の記録を取り込み").format(unit=self.document.data.terms.community_unit),
                                self.tr("取り込み {0} 件、こちらが新しいため保持 {1} 件、同じ内容 {2} 件")
                                .format(len(outcome.take), outcome.kept, outcome.unchanged))
        return outcome

    def save_pdf(self, path: str | None = None) -> str | None:
        from ..reports.community_matrix import build_community_matrix

        m = self.current_measure()
        if m is None:
            return None
        result = build_community_matrix(self.document.data, [m])
        if path is None:
            path = ask_save_path(self, self.tr("PDF に保存"), f"{self.document.data.terms.community_unit}別の進捗_№{m.label}.pdf", "PDF (*.pdf)",
                                 self.document.path)
            if path is None:
                return None
        try:
            result.save(path)
        except OSError as exc:  # open in Acrobat: fileops.FileInUseError names the file
            self._warn_write(path, exc)
            return None
        return path


class CommunitySetupDialog(QDialog):
    """Choose a measure and whether (and how) it is recorded per community."""

    def __init__(self, document, measure_id: str | None = None, parent=None):
        super().__init__(parent)
        self.document = document
        self.setWindowTitle(self.tr("{unit}別の設定").format(unit=self.document.data.terms.community_unit))
        self.measure = QComboBox()
        for m in document.data.measures:
            self.measure.addItem(m.display_title, m.id)
        if measure_id is not None:
            self.measure.setCurrentIndex(max(self.measure.findData(measure_id), 0))
        self.enabled = QCheckBox(self.tr("{unit}ごとに進捗を記録する").format(unit=self.document.data.terms.community_unit))
        self.options = QLineEdit()
        self.options.setToolTip(self.tr("選択肢を「、」で区切って入力（例: 未着手、実施中、完了）"))
        self.done_box = QComboBox()
        self.done_text = QLineEdit()
        form = QFormLayout(self)
        form.addRow(self.tr("{word}:").format(word=self.document.data.terms.measure), self.measure)
        form.addRow(self.enabled)
        form.addRow(self.tr("選択肢（「、」区切り）:"), self.options)
        form.addRow(self.tr("達成とみなす選択肢:"), self.done_box)
        form.addRow(self.tr("集計の表現（例: 改訂済み）:"), self.done_text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.measure.currentIndexChanged.connect(self._load)
        self.options.textChanged.connect(self._fill_done)
        self._load()

    def measure_id(self) -> str:
        return self.measure.currentData()

    def _load(self) -> None:
        m = self.document.measure(self.measure_id())
        setup = m.community or CommunitySetup()
        self.enabled.setChecked(m.community is not None)
        self.options.setText("、".join(setup.options))
        self._fill_done()
        self.done_box.setCurrentIndex(max(self.done_box.findData(setup.done), 0))
        self.done_text.setText(setup.done_text)

    def _option_list(self) -> list[str]:
        import re

        return [o.strip() for o in re.split(r"[、,，\n]", self.options.text()) if o.strip()]

    def _fill_done(self) -> None:
        current = self.done_box.currentData()
        self.done_box.clear()
        self.done_box.addItem(self.tr("（なし: 選択肢ごとに集計）"), None)
        for o in self._option_list():
            self.done_box.addItem(o, o)
        i = self.done_box.findData(current)
        self.done_box.setCurrentIndex(i if i >= 0 else 0)

    def setup(self) -> CommunitySetup | None:
        if not self.enabled.isChecked():
            return None
        return CommunitySetup(options=self._option_list(), done=self.done_box.currentData(),
                              done_text=self.done_text.text().strip())

    def accept(self) -> None:
        if run_edit(self, lambda: self.document.set_community_setup(self.measure_id(), self.setup()),
                    title=self.windowTitle()).ok:
            super().accept()


class CommunityListDialog(QDialog):
    """Rename, add, remove and reorder community districts (applied as one undo step)."""

    def __init__(self, communities: list[Community], parent=None, unit: str = "地区"):
        super().__init__(parent)
        self._unit = unit
        self.setWindowTitle(self.tr("{unit}の一覧").format(unit=self._unit))
        self.list = QListWidget()
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        for c in communities:
            self._add(c.name, c.id)
        add = QPushButton(self.tr("追加"))
        remove = QPushButton(self.tr("削除"))
        add.clicked.connect(lambda: self._add(self.tr("新しい{unit}").format(unit=self._unit), None, edit=True))
        remove.clicked.connect(lambda: self.list.takeItem(self.list.currentRow()))
        note = QLabel(self.tr("名前はダブルクリックで変更できます。削除した{unit}の記録も削除されます（元に戻せます）。").format(unit=self._unit))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        side = QVBoxLayout()
        side.addWidget(add)
        side.addWidget(remove)
        side.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(side)
        lay = QVBoxLayout(self)
        lay.addLayout(row)
        lay.addWidget(note)
        lay.addWidget(buttons)
        fit_to_screen(self, 420, 560)

    def _add(self, name: str, cid: str | None, edit: bool = False) -> QListWidgetItem:
        item = QListWidgetItem(name)
        item.setData(Qt.ItemDataRole.UserRole, cid)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        self.list.addItem(item)
        if edit:
            self.list.setCurrentItem(item)
            self.list.editItem(item)
        return item

    def communities(self) -> list[Community]:
        out = []
        for i in range(self.list.count()):
            item = self.list.item(i)
            cid = item.data(Qt.ItemDataRole.UserRole)
            out.append(Community(name=item.text().strip(), id=cid) if cid else Community(name=item.text().strip()))
        return out


class CommunityMatrixDialog(QDialog):
    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("{unit}別の進捗").format(unit=document.data.terms.community_unit))
        self.matrix = CommunityMatrixWidget(document, self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.matrix)
        lay.addWidget(buttons)
        fit_to_screen(self, 1300, 900)
