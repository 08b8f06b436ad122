"""Dialogs and menu actions for exchange with Excel/CSV and merging copies (issue 8).

* :class:`ExportDialog` — what to write (workbook, CSV, a department's template), year, encoding;
* :class:`ImportPreviewDialog` — the preview of an import: per measure and
  field new/changed/unchanged, or the problems with sheet/row/column;
* :class:`MergeDialog` — summary of a merge, conflicts side by side with a
  choice per conflict;
* :class:`_ExchangeActions` — what ファイル → エクスポート…/インポート…/別のファイルから取り込み… do
  (the menu entries themselves are made by ``exchange_menu.install_exchange_actions``).

Applying goes through ``PlanDocument.apply_batch`` (a verified backup first,
then one undoable step); refusals and failures go to the failure reporter.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractItemModel, QAbstractTableModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QGuiApplication
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
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ..domain.fiscal import fy_label, fy_label_with_western
from ..exchange.importer import CHANGED, NEW, UNCHANGED, ImportPreview
from ..exchange.merge import (
    ADD,
    CONFLICT,
    DELETE,
    NEWER_HERE,
    OURS,
    TAKE,
    THEIRS,
    MergePlan,
)
from ..exchange.text_diff import excerpts
from .exchange_text import ExchangeDialogs
from .failure_reporter import run_edit
from .file_dialogs import ask_open_path, ask_save_path
from .screen_fit import fit_to_screen

_STATUS_COLORS = {NEW: "#2e7d32", CHANGED: "#b26a00", UNCHANGED: "#757575"}
_CELL_PREVIEW_CHARS = 80


# The conflict reasons of exchange.merge (BOTH_CHANGED, DELETED_THERE, DELETED_HERE), shown translated
# by MergeDialog; listed here so that lupdate collects them.
MERGE_REASONS = (QT_TRANSLATE_NOOP("ExchangeDialogs", "両方で変更されています"),
                 QT_TRANSLATE_NOOP("ExchangeDialogs", "相手で削除され、こちらで変更されています"),
                 QT_TRANSLATE_NOOP("ExchangeDialogs", "こちらで削除され、相手で変更されています"))


def _status_label(status: str) -> str:
    return {NEW: ExchangeDialogs.tr("新規"), CHANGED: ExchangeDialogs.tr("変更"), UNCHANGED: ExchangeDialogs.tr("変更なし")}[status]


def _cell_text(text: str) -> str:
    one_line = text.replace("\n", " ⏎ ")
    return one_line if len(one_line) <= _CELL_PREVIEW_CHARS else one_line[: _CELL_PREVIEW_CHARS - 1] + "…"


class _RowsModel(QAbstractTableModel):
    """A read-only table of strings (full text as tooltip).

    Views over models rather than item widgets: no per-cell calls from
    Python, which keeps large previews fast (and avoids a reference leak of
    ``None`` in void wrapper calls of PySide6 6.12 on Python 3.11).
    """

    def __init__(self, headers: list[str], rows: list[tuple[str, ...]] | None = None, parent=None, *,
                 full_text: bool = False):
        super().__init__(parent)
        self._headers = headers
        self._rows = rows or []
        self._full = full_text  # show whole texts (wrapped) instead of one shortened line

    def set_rows(self, rows: list[tuple[str, ...]]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt override)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        text = self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return text if self._full else _cell_text(text)
        if role == Qt.ItemDataRole.ToolTipRole and text:
            return text
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def row(self, i: int) -> tuple[str, ...]:
        return self._rows[i]


class ImportPreviewModel(QAbstractItemModel):
    """Measures (top level) and their fields (children) with status, before and after."""

    def __init__(self, preview: ImportPreview, parent=None):
        super().__init__(parent)
        self._preview = preview
        self._rows: list[tuple] = []
        # Characters a before/after cell has room for: a changed text is cut around the place the two
        # sides differ within that room (set by the view from its column widths).
        self.excerpt_chars = _CELL_PREVIEW_CHARS
        self.set_only_changes(True)

    def set_excerpt_chars(self, chars: int) -> None:
        chars = max(8, min(chars, _CELL_PREVIEW_CHARS))
        if chars != self.excerpt_chars:
            self.excerpt_chars = chars
            self.layoutChanged.emit()

    def set_only_changes(self, only: bool) -> None:
        self.beginResetModel()
        self._rows = []
        for m in self._preview.measures:
            if only and m.status == UNCHANGED:
                continue
            self._rows.append((m, [f for f in m.fields if not only or f.status != UNCHANGED]))
        self.endResetModel()

    def headers(self) -> list[str]:
        return [ExchangeDialogs.tr("対象・項目"), ExchangeDialogs.tr("状態"), ExchangeDialogs.tr("変更前"), ExchangeDialogs.tr("変更後")]

    # internalId: 0 for a measure, measure row + 1 for its fields
    def index(self, row, column, parent=QModelIndex()):
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index=QModelIndex()):  # also shadows QObject.parent(): the Qt model idiom
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        if not parent.isValid():
            return len(self._rows)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self._rows[parent.row()][1])
        return 0

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 4

    def _cells(self, index) -> tuple[str, str, str, str, str]:
        if index.internalId() == 0:
            m = self._rows[index.row()][0]
            return f"№{m.label} {m.title}", _status_label(m.status), "", "", m.status
        f = self._rows[index.internalId() - 1][1][index.row()]
        return f.label, _status_label(f.status), f.before, f.after, f.status

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        cells = self._cells(index)
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col in (2, 3) and cells[4] == CHANGED and cells[2].strip() and cells[3].strip():
                return excerpts(cells[2], cells[3], width=self.excerpt_chars)[col - 2]  # where they differ
            return _cell_text(cells[col])
        if role == Qt.ItemDataRole.ToolTipRole and col in (2, 3) and cells[col]:
            return cells[col]
        if role == Qt.ItemDataRole.ForegroundRole and col == 1:
            return QBrush(QColor(_STATUS_COLORS[cells[4]]))
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers()[section]
        return None

    def rows(self) -> list[tuple[str, str]]:
        """(label, status label) of every row, depth first; fields indented (for tests)."""
        out = []
        for m, fields in self._rows:
            out.append((f"№{m.label} {m.title}", _status_label(m.status)))
            out += [("  " + f.label, _status_label(f.status)) for f in fields]
        return out


def _problem_rows(preview: ImportPreview) -> list[tuple[str, str, str, str]]:
    from openpyxl.utils import get_column_letter

    rows = []
    for prob in preview.problems:
        w = prob.where
        col = ""
        if w is not None and w.column is not None:
            col = str(w.column) if w.csv else get_column_letter(w.column)
            if w.header:
                col += f"（{w.header}）"
        rows.append((w.sheet if w else "", str(w.row) if w and w.row is not None else "", col, prob.message))
    return rows


def _table_view(name: str, model, *, stretch: int | None = None) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.verticalHeader().setVisible(False)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setWordWrap(True)
    if stretch is not None:
        view.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


# ====================================================================== export
class ExportDialog(QDialog):
    """Choose what to export; the file name is asked for afterwards."""

    XLSX, CSV, TEMPLATE = "xlsx", "csv", "template"

    def __init__(self, data, default_fy: int, parent=None):
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr("エクスポート"))
        form = QFormLayout()
        self.kind = QComboBox()
        self.kind.setObjectName("exportKind")
        self.kind.addItem(self.tr("Excel ブック（{word}・工程・行動計画・評価）").format(word=data.terms.measure), self.XLSX)
        self.kind.addItem(self.tr("CSV（表ごとに1ファイル）"), self.CSV)
        self.kind.addItem(self.tr("評価入力シート（担当部課ごと、Excel）"), self.TEMPLATE)
        form.addRow(self.tr("種類"), self.kind)
        self.fy = QComboBox()
        self.fy.setObjectName("exportYear")
        for fy in data.plan.fiscal_years:
            self.fy.addItem(fy_label_with_western(fy), fy)
        self.fy.setCurrentIndex(max(self.fy.findData(default_fy), 0))
        form.addRow(self.tr("評価の年度"), self.fy)
        self.department = QComboBox()
        self.department.setObjectName("exportDepartment")
        for d in sorted(data.departments):
            self.department.addItem(d, d)
        form.addRow(self.tr("担当部課"), self.department)
        self.encoding = QComboBox()
        self.encoding.setObjectName("exportEncoding")
        self.encoding.addItem(self.tr("UTF-8（BOM 付き、Excel で開けます）"), "utf-8")
        self.encoding.addItem(self.tr("Shift_JIS（cp932、古いソフト向け）"), "cp932")
        form.addRow(self.tr("CSV の文字コード"), self.encoding)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("書き出す…"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.kind.currentIndexChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        kind = self.kind.currentData()
        self.department.setEnabled(kind == self.TEMPLATE)
        self.encoding.setEnabled(kind == self.CSV)

    def choice(self) -> dict:
        return {"kind": self.kind.currentData(), "fy": self.fy.currentData(),
                "department": self.department.currentData(), "encoding": self.encoding.currentData()}


# ====================================================================== import
class ImportPreviewDialog(QDialog):
    """Shows what an import would change; 適用 is only possible without problems."""

    def __init__(self, preview: ImportPreview, parent=None):
        super().__init__(parent)
        self.preview = preview
        self.setObjectName("importPreviewDialog")
        self.setWindowTitle(self.tr("取り込みの確認 — %1").replace("%1", preview.source))
        fit_to_screen(self, 980, 620)
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

        self.problems_model = _RowsModel([self.tr("シート"), self.tr("行"), self.tr("列"), self.tr("内容")],
                                         _problem_rows(preview), self)
        self.problem_table = _table_view("importProblems", self.problems_model, stretch=3)
        layout.addWidget(self.problem_table)

        self.only_changes = QCheckBox(self.tr("変更のある項目だけ表示"))
        self.only_changes.setObjectName("onlyChanges")
        self.only_changes.setChecked(True)
        self.only_changes.toggled.connect(self._apply_filter)
        layout.addWidget(self.only_changes)
        self.model = ImportPreviewModel(preview, self)
        self.tree = QTreeView()
        self.tree.setObjectName("importChanges")
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.header().sectionResized.connect(self._fit_excerpts)
        self.tree.setColumnWidth(0, 300)
        self.tree.setColumnWidth(1, 70)
        self.tree.setColumnWidth(2, 280)
        layout.addWidget(self.tree, 1)

        # Emptying stored text needs a visible confirmation (a blank cell may just be unanswered).
        self.erase_warning = QLabel()
        self.erase_warning.setObjectName("importEraseWarning")
        self.erase_warning.setWordWrap(True)
        self.erase_warning.setStyleSheet("color: #b00020; font-weight: bold;")
        layout.addWidget(self.erase_warning)
        self.allow_erase = QCheckBox(self.tr("これらの項目を空欄にする（入力済みの内容を消す）ことを確認しました"))
        self.allow_erase.setObjectName("allowErase")
        layout.addWidget(self.allow_erase)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.apply_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.apply_button.setText(self.tr("適用"))
        self.apply_button.setObjectName("applyImport")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.allow_erase.toggled.connect(self._update_apply)
        self._summarise()

    def _summarise(self) -> None:
        p = self.preview
        sheets = "・".join(p.sheets) or self.tr("なし")
        if p.problems:
            self.summary.setText(self.tr("「%1」に問題が %2 件あります。直してからもう一度取り込んでください。"
                                         "データベースは変更していません。")
                                 .replace("%1", p.source).replace("%2", str(len(p.problems))))
            self.problem_table.resizeColumnsToContents()
            self.problem_table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
            self.tree.setVisible(False)
            self.only_changes.setVisible(False)
            self.apply_button.setEnabled(False)
            return
        self.problem_table.setVisible(False)
        erased = p.erasures()
        self.erase_warning.setVisible(bool(erased))
        self.allow_erase.setVisible(bool(erased))
        if erased:
            shown = "\n".join(f"№{m.label} {f.label}: {_cell_text(f.before)[:60]}" for m, f in erased[:8])
            more = self.tr("…ほか %1 件").replace("%1", str(len(erased) - 8)) if len(erased) > 8 else ""
            self.erase_warning.setText(
                self.tr("空欄のセルによって、入力済みの内容が消える項目が %1 件あります。"
                        "ほかの課が記入しなかっただけの空欄かもしれません。消してよい場合だけ、下の欄に印を付けてください。")
                .replace("%1", str(len(erased))) + "\n" + shown + ("\n" + more if more else ""))
        c = p.counts()
        if not p.has_changes:
            self.summary.setText(self.tr("「%1」（%2）: 変更はありません。").replace("%1", p.source).replace("%2", sheets))
            self.apply_button.setEnabled(False)
        else:
            self.summary.setText(self.tr("「%1」（%2）: 新規 %3 件、変更 %4 件、変更なし %5 件。"
                                         "適用すると、先にバックアップを作成してから1回の操作として書き込みます（元に戻せます）。")
                                 .replace("%1", p.source).replace("%2", sheets).replace("%3", str(c[NEW]))
                                 .replace("%4", str(c[CHANGED])).replace("%5", str(c[UNCHANGED])))
        notes = [str(w) for w in p.warnings[:5]]
        if p.hidden_rows:
            notes.append(self.tr("非表示の行 %1 行も、表示されている行と同じように取り込みます。")
                         .replace("%1", str(len(p.hidden_rows))))
        if p.kept_as_sent:
            notes.append(self.tr("送付したときのまま変更されていない欄 %1 件は未回答とみなし、"
                                 "いま保存されている内容をそのまま残します。")
                         .replace("%1", str(len(p.kept_as_sent))))
        if notes:
            self.summary.setText(self.summary.text() + "\n" + "\n".join(notes))
        self.tree.expandAll()
        self._update_apply()

    def _update_apply(self, *_args) -> None:
        p = self.preview
        ok = not p.problems and p.has_changes and (not p.erasures() or self.allow_erase.isChecked())
        self.apply_button.setEnabled(ok)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        QTimer.singleShot(0, self._fit_excerpts)  # once the last column has stretched to its new width

    def _fit_excerpts(self, *_args) -> None:
        """How many characters of a changed text the before/after columns show (full-width ones)."""
        if not self.tree.isVisible():
            return  # no widths yet: the first resize on showing sets them
        room = min(self.tree.columnWidth(2), self.tree.columnWidth(3)) - 12
        self.model.set_excerpt_chars(room // max(1, self.tree.fontMetrics().horizontalAdvance("あ")) - 1)

    def _apply_filter(self) -> None:
        only = self.only_changes.isChecked()
        self.model.set_only_changes(only)
        if only:
            self.tree.expandAll()

    def visible_rows(self) -> list[tuple[str, str]]:
        """(measure/field label, status label) of the rows in the view, top to bottom (for tests)."""
        return self.model.rows()


# ====================================================================== merge
class MergeDialog(QDialog):
    """The merge summary; each conflict gets こちら/相手 and the chosen side is written back to the plan."""

    def __init__(self, plan: MergePlan, parent=None):
        super().__init__(parent)
        self.plan = plan
        self.setObjectName("mergeDialog")
        self.setWindowTitle(self.tr("別のファイルから取り込み — %1").replace("%1", plan.source))
        fit_to_screen(self, 1040, 680)
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setObjectName("mergeSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)

        # ---- conflicts, side by side
        conflicts = QWidget()
        cl = QVBoxLayout(conflicts)
        row = QHBoxLayout()
        self.all_ours = QPushButton(self.tr("すべてこちらを残す"))
        self.all_theirs = QPushButton(self.tr("すべて相手を採用"))
        self.all_ours.clicked.connect(lambda: self.choose_all(OURS))
        self.all_theirs.clicked.connect(lambda: self.choose_all(THEIRS))
        row.addWidget(QLabel(self.tr("両方で変更された記録です。どちらを残すか選んでください。")), 1)
        row.addWidget(self.all_ours)
        row.addWidget(self.all_theirs)
        cl.addLayout(row)
        split = QSplitter(Qt.Orientation.Vertical)
        self.conflict_model = _RowsModel([self.tr("対象"), self.tr("内容"), self.tr("採用")],
                                         [(i.label, self._reason(i.reason), "") for i in plan.conflicts], self)
        self.conflict_table = _table_view("mergeConflicts", self.conflict_model, stretch=0)
        split.addWidget(self.conflict_table)
        self.detail_model = _RowsModel([self.tr("項目"), self.tr("こちら"), self.tr("相手")], [], self, full_text=True)
        self.detail = _table_view("mergeConflictDetail", self.detail_model)
        self.detail.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.detail.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        split.addWidget(self.detail)
        cl.addWidget(split, 1)
        self.tabs.addTab(conflicts, self.tr("競合（%1）").replace("%1", str(len(plan.conflicts))))

        # ---- everything else
        others = [i for i in plan.items if i.action in (TAKE, ADD, DELETE, NEWER_HERE)]
        kinds = {TAKE: self.tr("相手の変更"), ADD: self.tr("相手で追加"), DELETE: self.tr("削除"),
                 NEWER_HERE: self.tr("こちらが新しい")}
        self.change_model = _RowsModel([self.tr("内容"), self.tr("対象"), self.tr("項目")],
                                       [(kinds[i.action], i.label, "、".join(f for f, _, _ in i.fields)) for i in others],
                                       self)
        self.change_table = _table_view("mergeChanges", self.change_model, stretch=2)
        self.tabs.addTab(self.change_table, self.tr("取り込む変更（%1）").replace(
            "%1", str(sum(1 for i in others if i.action != NEWER_HERE))))

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.apply_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.apply_button.setText(self.tr("取り込む"))
        self.apply_button.setObjectName("applyMerge")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self._combos: list[QComboBox] = []
        for i, item in enumerate(plan.conflicts):
            combo = QComboBox()
            combo.addItem(self.tr("こちらを残す"), OURS)
            combo.addItem(self.tr("相手を採用"), THEIRS)
            combo.setCurrentIndex(combo.findData(item.choice))
            combo.currentIndexChanged.connect(lambda _=0, it=item, c=combo: setattr(it, "choice", c.currentData()))
            self.conflict_table.setIndexWidget(self.conflict_model.index(i, 2), combo)
            self._combos.append(combo)
        self.conflict_table.resizeColumnToContents(1)
        self.conflict_table.resizeColumnToContents(2)
        self.conflict_table.selectionModel().currentRowChanged.connect(lambda cur, _prev: self.show_conflict(cur.row()))
        self.change_table.resizeColumnToContents(0)
        self.change_table.resizeColumnToContents(1)
        c = plan.counts()
        self.summary.setText(
            self.tr("「%1」と比べました: 相手の変更 %2 件、相手で追加 %3 件、削除 %4 件、こちらが新しい %5 件、競合 %6 件。"
                    "取り込むと、先にバックアップを作成してから1回の操作として書き込みます（元に戻せます）。")
            .replace("%1", plan.source).replace("%2", str(c[TAKE])).replace("%3", str(c[ADD]))
            .replace("%4", str(c[DELETE])).replace("%5", str(c[NEWER_HERE])).replace("%6", str(c[CONFLICT])))
        if not plan.conflicts:
            self.tabs.setCurrentIndex(1)
            self.all_ours.setEnabled(False)
            self.all_theirs.setEnabled(False)
        else:
            self.conflict_table.setCurrentIndex(self.conflict_model.index(0, 0))
            self.show_conflict(0)
        self.apply_button.setEnabled(plan.has_changes)

    def _reason(self, reason: str) -> str:
        return ExchangeDialogs.tr(reason) if reason else ""

    def show_conflict(self, row: int) -> None:
        conflicts = self.plan.conflicts
        rows = list(conflicts[row].fields) if 0 <= row < len(conflicts) else []
        self.detail_model.set_rows(rows)
        self.detail.resizeColumnToContents(0)
        self.detail.resizeRowsToContents()

    def set_choice(self, row: int, choice: str) -> None:
        combo = self._combos[row]
        combo.setCurrentIndex(combo.findData(choice))

    def choose_all(self, choice: str) -> None:
        for row in range(len(self._combos)):
            self.set_choice(row, choice)


# ====================================================================== actions
class _ExchangeActions:
    """The three File-menu actions; they always act on ``main_window.document`` (it changes on File > Open)."""

    # .ods is listed so that a reply saved by LibreOffice can be picked: it gets the plain sentence
    # to save it as .xlsx (exchange/xlsx_scan.py) rather than not showing up at all.
    IMPORT_FILTER = "Excel / CSV (*.xlsx *.xlsm *.csv *.txt *.ods);;Excel (*.xlsx *.xlsm);;CSV (*.csv *.txt)"
    MERGE_FILTER = QT_TRANSLATE_NOOP("ExchangeDialogs", "計画ファイル・変更パッケージ (*.sqlite *.db *.json);;"
                                     "計画ファイル (*.sqlite *.db);;変更パッケージ (*.json)")

    def __init__(self, window):
        self.window = window

    @property
    def doc(self):
        return self.window.document

    def _document_path(self) -> Path | None:
        path = getattr(self.doc, "path", None)
        return Path(path) if path else None

    def _writable(self) -> bool:
        if getattr(self.doc, "readonly", False):
            QMessageBox.warning(self.window, ExchangeDialogs.tr("取り込み"), ExchangeDialogs.tr("このファイルは読み取り専用で開かれているため、取り込めません。"))
            return False
        return True

    # ---------------------------------------------------------------- export
    def export(self) -> None:
        from ..exchange.sheets import default_fiscal_year

        data = self.doc.data
        dlg = ExportDialog(data, default_fiscal_year(data), self.window)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return
        c = dlg.choice()
        title = data.plan.title
        if c["kind"] == ExportDialog.CSV:
            name, filt = f"{title}.csv", "CSV (*.csv)"
        elif c["kind"] == ExportDialog.TEMPLATE:
            name, filt = f"評価入力_{fy_label(c['fy'])}_{c['department']}.xlsx", "Excel (*.xlsx)"
        else:
            name, filt = f"{title}.xlsx", "Excel (*.xlsx)"
        path = ask_save_path(self.window, ExchangeDialogs.tr("エクスポート"), name, filt, self._document_path())
        if path is None:
            return
        self.export_to(path, **c)

    def export_to(self, path: Path, *, kind: str, fy: int, department: str | None = None,
                  encoding: str = "utf-8") -> list[Path]:
        from ..exchange.csv_export import export_csv
        from ..exchange.xlsx_export import ExportError, export_template, export_workbook

        data = self.doc.data
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            if kind == ExportDialog.CSV:
                written = export_csv(data, path, fy=fy, encoding=encoding)
            elif kind == ExportDialog.TEMPLATE:
                export_template(data, department or "", path, fy=fy)
                written = [path]
            else:
                export_workbook(data, path, fy=fy)
                written = [path]
        except (ExportError, OSError) as exc:
            QGuiApplication.restoreOverrideCursor()
            QMessageBox.critical(self.window, ExchangeDialogs.tr("エクスポート"), ExchangeDialogs.tr("書き出せませんでした。") + f"\n{exc}")
            return []
        QGuiApplication.restoreOverrideCursor()
        QMessageBox.information(self.window, ExchangeDialogs.tr("エクスポート"),
                                ExchangeDialogs.tr("書き出しました:") + "\n" + "\n".join(str(p) for p in written))
        return written

    # ---------------------------------------------------------------- import
    def import_(self) -> None:
        if not self._writable():
            return
        path = ask_open_path(self.window, ExchangeDialogs.tr("インポート"), self.IMPORT_FILTER, self._document_path())
        if path is not None:
            self.import_from(path)

    def import_from(self, path: Path, *, dialog_factory=ImportPreviewDialog) -> bool:
        """Preview *path*, and apply it when the user confirms. Returns True when applied."""
        from ..exchange.importer import preview_file

        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            preview = preview_file(self.doc.data, path)
        finally:
            QGuiApplication.restoreOverrideCursor()
        dlg = dialog_factory(preview, self.window)
        if dlg.exec() != QDialog.DialogCode.Accepted or not preview.ok or not preview.has_changes:
            return False
        allow = getattr(dlg, "allow_erase", None)
        if preview.erasures() and not (allow is not None and allow.isChecked()):
            return False  # emptying stored text was not confirmed
        applied = run_edit(self.window, lambda: self.doc.apply_batch(
            preview.batch(), ExchangeDialogs.tr("インポート: %1").replace("%1", path.name), backup="import"),
            title=ExchangeDialogs.tr("インポート"))
        if not applied.ok:
            return False
        c = preview.counts()
        QMessageBox.information(self.window, ExchangeDialogs.tr("インポート"),
                                ExchangeDialogs.tr("取り込みました（新規 %1 件、変更 %2 件）。編集 → 元に戻す で取り消せます。")
                                .replace("%1", str(c[NEW])).replace("%2", str(c[CHANGED])))
        return True

    # ---------------------------------------------------------------- merge
    def merge(self) -> None:
        if not self._writable():
            return
        path = ask_open_path(self.window, ExchangeDialogs.tr("別のファイルから取り込み"),
                             ExchangeDialogs.tr(self.MERGE_FILTER), self._document_path())
        if path is not None:
            self.merge_from(path)

    def merge_from(self, path: Path, *, dialog_factory=MergeDialog) -> bool:
        from ..exchange.merge import MergeError, plan_merge
        from ..exchange.merge_sources import load_source

        title = ExchangeDialogs.tr("別のファイルから取り込み")
        if self.doc.path is not None and Path(path).resolve() == Path(self.doc.path).resolve():
            QMessageBox.warning(self.window, title, ExchangeDialogs.tr("開いているファイル自身は取り込めません。"))
            return False
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            tombstones, our_log = self.doc.merge_records()
            plan = plan_merge(self.doc.data, tombstones, load_source(path), our_log)
        except MergeError as exc:
            QGuiApplication.restoreOverrideCursor()
            QMessageBox.critical(self.window, title, str(exc))
            return False
        QGuiApplication.restoreOverrideCursor()
        if not plan.has_changes:
            QMessageBox.information(self.window, title, ExchangeDialogs.tr("「%1」から取り込む変更はありません。").replace("%1", plan.source))
            return False
        dlg = dialog_factory(plan, self.window)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return False
        try:
            batch = plan.batch(self.doc.data)
        except MergeError as exc:
            QMessageBox.critical(self.window, title, str(exc))
            return False
        if batch.empty:
            return False
        applied = run_edit(self.window, lambda: self.doc.apply_batch(
            batch, ExchangeDialogs.tr("取り込み: %1").replace("%1", plan.source), backup="merge"), title=title)
        if not applied.ok:
            return False
        message = ExchangeDialogs.tr("取り込みました（更新・追加 %1 件、削除 %2 件）。編集 → 元に戻す で取り消せます。") \
            .replace("%1", str(len(batch.upserts))).replace("%2", str(len(batch.deletes)))
        clashes = plan.number_clashes(self.doc.data, batch)
        if clashes:
            message += "\n\n" + "\n".join(clashes)
        QMessageBox.information(self.window, title, message)
        return True
