"""計画の設定: the plan's frame in one dialog (title, years, periods, structure, words, evaluation
options and stages, cross-reference table, communities, phases).

The dialog edits a copy of the frame (``PlanDocument.frame()``); 適用 / OK
hand it to ``PlanDocument.apply_frame`` as one undoable step. While editing,
the line at the bottom says what is wrong (red) or what the change would move
or remove (amber), and applying a change that removes or moves data asks
first. The rating scale keeps its own dialog (評価基準の設定), opened from here.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QSignalBlocker, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..document.plan_document import PlanDocument
from ..domain.model import Community, Period, Phase, Proposal, Viewpoint, new_id
from ..domain.plan_frame import PlanFrame, Renames
from ..domain.terms import MAX_STAGES, DirectionOption, EvaluationStage, Level, ProgressOption
from .failure_reporter import run_edit
from .fiscal_year_range import FiscalYearRange
from .screen_fit import fit_to_screen

OriginRole = Qt.ItemDataRole.UserRole + 60  # the record (or option name) a row started from
GroupNoRole = Qt.ItemDataRole.UserRole + 61


@dataclass(frozen=True)
class Column:
    header: str
    kind: str = "text"  # "text" | "check" | "year" | "int" | "color"
    width: int = 0  # 0: stretch


class ListEditor(QWidget):
    """A small table of rows with 追加 / 削除 / 上へ / 下へ; each row remembers where it came from."""

    def __init__(self, columns: list[Column], *, add_text: str, max_rows: int | None = None,
                 min_rows: int = 0, on_change: Callable[[], None] | None = None, visible_rows: int = 0,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.columns = columns
        self.max_rows = max_rows
        self.min_rows = min_rows
        self._on_change = on_change or (lambda: None)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, len(columns))
        self.table.setHorizontalHeaderLabels([c.header for c in columns])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        h = self.table.horizontalHeader()
        for i, c in enumerate(columns):
            if c.width:
                h.setSectionResizeMode(i, QHeaderView.ResizeMode.Interactive)
                # never narrower than its heading (longer in English than in Japanese)
                heading = h.fontMetrics().horizontalAdvance(c.header) + 2 * h.style().pixelMetric(
                    QStyle.PixelMetric.PM_HeaderMargin) + 8
                self.table.setColumnWidth(i, max(c.width, heading))
            else:
                h.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch)
        self.table.itemChanged.connect(lambda _item: self._on_change())
        self.table.cellDoubleClicked.connect(self._double_clicked)
        if visible_rows:  # short lists: no empty space under the rows
            rh = self.table.verticalHeader().defaultSectionSize()
            self.table.setMaximumHeight(self.table.horizontalHeader().sizeHint().height() + rh * visible_rows + 6)
        lay.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.add_button = QPushButton(add_text)
        self.remove_button = QPushButton(self.tr("削除"))
        self.up_button = QPushButton(self.tr("上へ"))
        self.down_button = QPushButton(self.tr("下へ"))
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button.clicked.connect(self.remove_current)
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(+1))
        for b in (self.add_button, self.remove_button, self.up_button, self.down_button):
            row.addWidget(b)
        row.addStretch(1)
        lay.addLayout(row)
        self._update_buttons()

    # ------------------------------------------------------------ rows
    def add_row(self, values: list | None = None, origin: object = None, *, select: bool = True) -> int:
        if self.max_rows is not None and self.table.rowCount() >= self.max_rows:
            return -1
        values = values if values is not None else [self._blank(c) for c in self.columns]
        with QSignalBlocker(self.table):
            r = self.table.rowCount()
            self.table.insertRow(r)
            for i, (c, v) in enumerate(zip(self.columns, values)):
                self.table.setItem(r, i, self._item(c, v))
            self.table.item(r, 0).setData(OriginRole, origin)
        if select:
            self.table.setCurrentCell(r, 0)
        self._update_buttons()
        self._on_change()
        return r

    def remove_current(self) -> None:
        r = self.table.currentRow()
        if r < 0 or self.table.rowCount() <= self.min_rows:
            return
        self.table.removeRow(r)
        self._update_buttons()
        self._on_change()

    def move_current(self, delta: int) -> None:
        r = self.table.currentRow()
        to = r + delta
        if r < 0 or not 0 <= to < self.table.rowCount():
            return
        with QSignalBlocker(self.table):
            a = [self.table.takeItem(r, c) for c in range(len(self.columns))]
            b = [self.table.takeItem(to, c) for c in range(len(self.columns))]
            for c in range(len(self.columns)):
                self.table.setItem(r, c, b[c])
                self.table.setItem(to, c, a[c])
        self.table.setCurrentCell(to, 0)
        self._on_change()

    def rows(self) -> list[tuple[list, object]]:
        """(values by column, origin) for every row, in order."""
        out = []
        for r in range(self.table.rowCount()):
            values = [self._value(c, self.table.item(r, i)) for i, c in enumerate(self.columns)]
            out.append((values, self.table.item(r, 0).data(OriginRole)))
        return out

    def set_rows(self, rows: list[tuple[list, object]]) -> None:
        with QSignalBlocker(self.table):
            self.table.setRowCount(0)
        for values, origin in rows:
            self.add_row(values, origin, select=False)

    # ----------------------------------------------------------- cells
    def _blank(self, c: Column):
        return {"check": True, "year": 2024, "int": self.table.rowCount() + 1, "color": "#888888"}.get(c.kind, "")

    def _item(self, c: Column, value) -> QTableWidgetItem:
        item = QTableWidgetItem()
        if c.kind == "check":
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if value else Qt.CheckState.Unchecked)
        elif c.kind == "color":
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            item.setText(str(value))
            item.setBackground(QColor(str(value)))
            item.setToolTip(self.tr("ダブルクリックで色を選びます"))
        else:
            item.setText(str(value))
        return item

    def _value(self, c: Column, item: QTableWidgetItem | None):
        if item is None:
            return None
        if c.kind == "check":
            return item.checkState() == Qt.CheckState.Checked
        text = item.text().strip()
        if c.kind in ("year", "int"):
            import unicodedata

            text = unicodedata.normalize("NFKC", text)
            return int(text) if text.lstrip("-").isdigit() else None
        return text if c.kind == "color" else item.text()

    def _double_clicked(self, row: int, col: int) -> None:
        if self.columns[col].kind != "color":
            return
        item = self.table.item(row, col)
        colour = QColorDialog.getColor(QColor(item.text()), self, self.tr("色を選ぶ"))
        if colour.isValid():
            item.setText(colour.name())
            item.setBackground(colour)

    def _update_buttons(self) -> None:
        n = self.table.rowCount()
        self.add_button.setEnabled(self.max_rows is None or n < self.max_rows)
        self.remove_button.setEnabled(n > self.min_rows)


class PlanSettingsDialog(QDialog):
    """Public: ``collect()`` → (PlanFrame, Renames), ``apply()`` (also run by OK / 適用), ``message``,
    the editors (``title_edit``, ``fy_start``, ``levels``, ``groups``, ``stages``, ``progress``,
    ``directions``, ``proposals``, ``communities``, ``phases`` …) and ``tabs``."""

    def __init__(self, document: PlanDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("planSettingsDialog")
        self._doc = document
        self.setWindowTitle(self.tr("計画の設定"))
        self._check_timer = QTimer(self, singleShot=True, interval=150)
        self._check_timer.timeout.connect(self.check)
        lay = QVBoxLayout(self)
        self.tabs = QTabWidget()
        lay.addWidget(self.tabs, 1)
        self._build_basics()
        self._build_structure()
        self._build_evaluation()
        self._build_references()
        self._build_phases()
        self.message = QLabel()
        self.message.setObjectName("settingsMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        lay.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
                                        | QDialogButtonBox.StandardButton.Apply)
        self.buttons.accepted.connect(self._ok)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.Apply).clicked.connect(self.apply)
        self.buttons.button(QDialogButtonBox.StandardButton.Apply).setText(self.tr("適用"))
        lay.addWidget(self.buttons)
        if document.readonly:
            for b in (QDialogButtonBox.StandardButton.Ok, QDialogButtonBox.StandardButton.Apply):
                self.buttons.button(b).setEnabled(False)
        self.load()
        fit_to_screen(self, 960, 820)  # the groups' tree gets the height a laptop screen has

    def _changed(self, *args) -> None:
        self._check_timer.start()

    # ============================================================ building
    def _page(self, title: str) -> QVBoxLayout:
        page = QWidget()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(page)
        self.tabs.addTab(scroll, title)
        v = QVBoxLayout(page)
        return v

    def _line(self, placeholder: str = "") -> QLineEdit:
        e = QLineEdit()
        e.setPlaceholderText(placeholder)
        e.textChanged.connect(self._changed)
        return e

    def _build_basics(self) -> None:
        v = self._page(self.tr("基本"))
        form = QFormLayout()
        self.title_edit = self._line()
        self.title_edit.setObjectName("planTitle")
        self.subtitle_edit = self._line(self.tr("例: 令和４年１月"))
        self.policy_edit = self._line()
        self.policy_sub_edit = self._line()
        form.addRow(self.tr("計画名"), self.title_edit)
        form.addRow(self.tr("副題"), self.subtitle_edit)
        form.addRow(self.tr("基本方針"), self.policy_edit)
        form.addRow(self.tr("基本方針（副）"), self.policy_sub_edit)
        self.years = FiscalYearRange()
        self.years.changed.connect(self._changed)
        self.fy_start, self.fy_end = self.years.fy_start, self.years.fy_end
        form.addRow(self.tr("計画期間（年度、西暦）"), self.years)
        v.addLayout(form)
        box = QGroupBox(self.tr("期間の区切り（前期・後期など）"))
        bl = QVBoxLayout(box)
        self.periods = ListEditor([Column(self.tr("名称")), Column(self.tr("開始年度"), "year", 90),
                                   Column(self.tr("終了年度"), "year", 90)], add_text=self.tr("期間を追加"),
                                  on_change=self._changed, visible_rows=5)
        bl.addWidget(self.periods)
        v.addWidget(box)
        v.addStretch(1)  # the short table and its buttons stay together at the top

    def _build_structure(self) -> None:
        v = self._page(self.tr("構成と名称"))
        form = QFormLayout()
        self.measure_word = self._line(self.tr("例: 事業、施策"))
        self.measure_word.setObjectName("measureWord")
        form.addRow(self.tr("評価する項目の呼び名"), self.measure_word)
        v.addLayout(form)
        box = QGroupBox(self.tr("階層の名称（上の階層から）"))
        bl = QVBoxLayout(box)
        self.levels = ListEditor([Column(self.tr("名称")), Column(self.tr("略称（絞り込み・狭い欄）"), "text", 200)],
                                 add_text=self.tr("階層を追加"), min_rows=1, on_change=self._changed, visible_rows=4)
        bl.addWidget(self.levels)
        v.addWidget(box)
        gbox = QGroupBox(self.tr("グループ"))
        gl = QVBoxLayout(gbox)
        hint = QLabel(self.tr("名称と番号はダブルクリックで変更できます。番号を空にすると内部の番号を表示し、"
                              "「番号なし」にすると番号を表示しません。"
                              "グループを削除すると、中の項目とグループは一つ上のグループに移ります。"))
        hint.setWordWrap(True)
        gl.addWidget(hint)
        self.groups = QTreeWidget()
        self.groups.setObjectName("groupTree")
        self.groups.setColumnCount(3)
        self.groups.setHeaderLabels([self.tr("名称"), self.tr("表示する番号"), self.tr("番号なし")])
        self.groups.header().setStretchLastSection(False)
        self.groups.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.groups.setColumnWidth(1, 140)
        self.groups.setColumnWidth(2, 80)
        self.groups.setMinimumHeight(220)
        self.groups.itemChanged.connect(self._changed)
        gl.addWidget(self.groups, 1)
        row = QHBoxLayout()
        for text, slot in ((self.tr("同じ階層に追加"), lambda: self.add_group(inside=False)),
                           (self.tr("中に追加"), lambda: self.add_group(inside=True)),
                           (self.tr("上へ"), lambda: self.move_group(-1)), (self.tr("下へ"), lambda: self.move_group(+1)),
                           (self.tr("階層を上げる"), self.outdent_group), (self.tr("階層を下げる"), self.indent_group),
                           (self.tr("削除"), self.remove_group)):
            b = QPushButton(text)
            b.clicked.connect(slot)
            row.addWidget(b)
        row.addStretch(1)
        gl.addLayout(row)
        v.addWidget(gbox, 2)

    def _build_evaluation(self) -> None:
        v = self._page(self.tr("評価"))
        box = QGroupBox(self.tr("評価の段階（1～3）"))
        bl = QVBoxLayout(box)
        note = QLabel(self.tr("例: 担当課 → 行政評価委員会、所管課 → 推進会議 → 庁議。最後の段階で確定すると編集できなくなります。"))
        note.setWordWrap(True)
        bl.addWidget(note)
        self.stages = ListEditor([Column(self.tr("段階の名称")), Column(self.tr("略称"), "text", 160),
                                  Column(self.tr("確定後の状態の表示"), "text", 180)],
                                 add_text=self.tr("段階を追加"), max_rows=MAX_STAGES, min_rows=1, on_change=self._changed,
                                 visible_rows=MAX_STAGES)
        bl.addWidget(self.stages)
        v.addWidget(box)
        two = QHBoxLayout()
        pbox = QGroupBox(self.tr("取組状況の選択肢"))
        pl = QVBoxLayout(pbox)
        self.progress = ListEditor([Column(self.tr("選択肢")), Column(self.tr("着手とみなす"), "check", 100)],
                                   add_text=self.tr("追加"), min_rows=1, on_change=self._changed)
        pl.addWidget(self.progress)
        two.addWidget(pbox)
        dbox = QGroupBox(self.tr("今後の方向性の選択肢"))
        dl = QVBoxLayout(dbox)
        self.directions = ListEditor([Column(self.tr("選択肢")), Column(self.tr("終了（次期に引き継がない）"), "check", 170)],
                                     add_text=self.tr("追加"), min_rows=1, on_change=self._changed)
        dl.addWidget(self.directions)
        two.addWidget(dbox)
        v.addLayout(two, 1)
        form = QFormLayout()
        self.start_goal = self._line(self.tr("例: 全{n}項目の取組に着手（{n} は件数。空欄なら目標を表示しません）"))
        form.addRow(self.tr("計画の検証の目標"), self.start_goal)
        v.addLayout(form)
        scale = QPushButton(self.tr("評価基準（A～D など）の設定…"))
        scale.clicked.connect(self._open_rating_scale)
        row = QHBoxLayout()
        row.addWidget(scale)
        row.addStretch(1)
        v.addLayout(row)

    def _build_references(self) -> None:
        v = self._page(self.tr("関連表・地域"))
        box = QGroupBox(self.tr("関連表（各項目との関連を ◎・○ で示す表。使わない場合は空のまま）"))
        bl = QVBoxLayout(box)
        form = QFormLayout()
        self.xref_name = self._line(self.tr("例: SDGs、重点戦略"))
        self.xref_roman = QCheckBox(self.tr("番号をローマ数字で表示する（Ⅰ、Ⅱ、…）"))
        self.xref_roman.toggled.connect(self._changed)
        form.addRow(self.tr("呼び名"), self.xref_name)
        form.addRow("", self.xref_roman)
        bl.addLayout(form)
        self.proposals = ListEditor([Column(self.tr("番号"), "int", 70), Column(self.tr("名称")),
                                     Column(self.tr("略称（表の見出し）"), "text", 200)],
                                    add_text=self.tr("追加"), on_change=self._changed)
        bl.addWidget(self.proposals)
        v.addWidget(box, 1)
        cbox = QGroupBox(self.tr("地域（地域ごとに進捗を記録する場合。使わない場合は空のまま）"))
        cl = QVBoxLayout(cbox)
        form = QFormLayout()
        self.unit_name = self._line(self.tr("例: 地区、校区"))
        form.addRow(self.tr("地域の単位の呼び名"), self.unit_name)
        cl.addLayout(form)
        self.communities = ListEditor([Column(self.tr("名称"))], add_text=self.tr("追加"), on_change=self._changed)
        cl.addWidget(self.communities)
        v.addWidget(cbox, 1)

    def _build_phases(self) -> None:
        v = self._page(self.tr("工程"))
        self.phases = ListEditor([Column(self.tr("工程の区分")), Column(self.tr("色（ダブルクリックで選択）"), "color", 200)],
                                 add_text=self.tr("区分を追加"), on_change=self._changed)
        v.addWidget(self.phases, 1)

    # ============================================================== loading
    def load(self) -> None:
        """Fill every editor from the document's current frame."""
        f = self._doc.frame()
        self._frame = f
        p, t = f.plan, f.terms
        for edit, value in ((self.title_edit, p.title), (self.subtitle_edit, p.subtitle), (self.policy_edit, p.policy),
                            (self.policy_sub_edit, p.policy_sub), (self.measure_word, t.measure),
                            (self.start_goal, t.start_goal), (self.xref_name, t.cross_reference),
                            (self.unit_name, t.community_unit)):
            with QSignalBlocker(edit):
                edit.setText(value)
        self.years.set_years(p.fy_start, p.fy_end)
        with QSignalBlocker(self.xref_roman):
            self.xref_roman.setChecked(t.cross_reference_numerals == "roman")
        self.periods.set_rows([([x.name, x.fy_start, x.fy_end], x) for x in p.periods])
        self.levels.set_rows([([lv.name, lv.short], None) for lv in t.levels])
        self.stages.set_rows([([st.name, st.short, st.confirmed], None) for st in t.stages])
        self.progress.set_rows([([o.name, o.started], o.name) for o in t.progress])
        self.directions.set_rows([([o.name, o.closing], o.name) for o in t.directions])
        self.proposals.set_rows([([x.no, x.title, x.short], x) for x in f.proposals])
        self.communities.set_rows([([x.name], x) for x in f.communities])
        self.phases.set_rows([([x.name, x.color], x) for x in f.phases])
        self._load_groups(f.viewpoints)
        self.message.setText("")

    def _load_groups(self, viewpoints: list[Viewpoint]) -> None:
        with QSignalBlocker(self.groups):
            self.groups.clear()
            items: dict[int, QTreeWidgetItem] = {}
            from ..domain import groups as G
            from ..domain.model import PlanData

            shape = PlanData(plan=self._frame.plan, viewpoints=viewpoints)
            for node in G.preorder(shape):
                v = node.group
                parent = items.get(v.parent) if v.parent is not None else None
                item = self._group_item(v.title, "" if v.code is None else v.code, v.code == "", v.no)
                if parent is not None:
                    parent.addChild(item)
                else:
                    self.groups.addTopLevelItem(item)
                items[v.no] = item
            self.groups.expandAll()

    def _group_item(self, title: str, code: str, unnumbered: bool, no: int | None) -> QTreeWidgetItem:
        item = QTreeWidgetItem([title, code, ""])
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(2, Qt.CheckState.Checked if unnumbered else Qt.CheckState.Unchecked)
        item.setData(0, GroupNoRole, no)
        if no is not None:
            item.setToolTip(0, self.tr("内部の番号: {no}").format(no=no))
        return item

    # =============================================================== groups
    def add_group(self, inside: bool) -> QTreeWidgetItem:
        current = self.groups.currentItem()
        item = self._group_item(self.tr("新しいグループ"), "", False, None)
        if current is None:
            self.groups.addTopLevelItem(item)
        elif inside:
            current.addChild(item)
            current.setExpanded(True)
        else:
            parent = current.parent()
            if parent is None:
                self.groups.insertTopLevelItem(self.groups.indexOfTopLevelItem(current) + 1, item)
            else:
                parent.insertChild(parent.indexOfChild(current) + 1, item)
        self.groups.setCurrentItem(item)
        self.groups.editItem(item, 0)
        self._changed()
        return item

    def _siblings(self, item: QTreeWidgetItem) -> tuple[Callable, Callable, Callable, int]:
        parent = item.parent()
        if parent is None:
            t = self.groups
            return t.takeTopLevelItem, t.insertTopLevelItem, t.topLevelItemCount, t.indexOfTopLevelItem(item)
        return parent.takeChild, parent.insertChild, parent.childCount, parent.indexOfChild(item)

    def move_group(self, delta: int) -> None:
        item = self.groups.currentItem()
        if item is None:
            return
        take, insert, count, i = self._siblings(item)
        to = i + delta
        if not 0 <= to < count():
            return
        expanded = item.isExpanded()
        take(i)
        insert(to, item)
        item.setExpanded(expanded)
        self.groups.setCurrentItem(item)
        self._changed()

    def indent_group(self) -> None:
        """Into the group just above it (as its last subgroup)."""
        item = self.groups.currentItem()
        if item is None:
            return
        take, _insert, _count, i = self._siblings(item)
        if i == 0:
            return
        parent = item.parent()
        above = parent.child(i - 1) if parent is not None else self.groups.topLevelItem(i - 1)
        take(i)
        above.addChild(item)
        above.setExpanded(True)
        self.groups.setCurrentItem(item)
        self._changed()

    def outdent_group(self) -> None:
        """Out of its group, just after it."""
        item = self.groups.currentItem()
        if item is None or item.parent() is None:
            return
        parent = item.parent()
        parent.takeChild(parent.indexOfChild(item))
        grand = parent.parent()
        if grand is None:
            self.groups.insertTopLevelItem(self.groups.indexOfTopLevelItem(parent) + 1, item)
        else:
            grand.insertChild(grand.indexOfChild(parent) + 1, item)
        self.groups.setCurrentItem(item)
        self._changed()

    def remove_group(self) -> None:
        item = self.groups.currentItem()
        if item is None:
            return
        # Subgroups move up to where the group was (the document moves its measures the same way).
        take, insert, _count, i = self._siblings(item)
        take(i)
        for k, child in enumerate(item.takeChildren()):
            insert(i + k, child)
        self._changed()

    # ============================================================ collecting
    def collect(self) -> tuple[PlanFrame, Renames]:
        """The frame as edited, and the renames of options without ids."""
        f = copy.deepcopy(self._frame)
        p = f.plan
        p.title, p.subtitle = self.title_edit.text(), self.subtitle_edit.text()
        p.policy, p.policy_sub = self.policy_edit.text(), self.policy_sub_edit.text()
        p.fy_start, p.fy_end = self.fy_start.value(), self.fy_end.value()
        p.periods = []
        for (name, a, b), origin in self.periods.rows():
            base = origin if isinstance(origin, Period) else None
            p.periods.append(Period(name=name, fy_start=a if a is not None else 0, fy_end=b if b is not None else 0,
                                    id=base.id if base else new_id(), locked=base.locked if base else False))
        t = f.terms
        t.measure = self.measure_word.text().strip()
        t.levels = [Level(name.strip(), short.strip()) for (name, short), _o in self.levels.rows()]
        t.stages = [EvaluationStage(n.strip(), s.strip(), c.strip()) for (n, s, c), _o in self.stages.rows()]
        renames = Renames()
        t.progress = []
        for (name, started), origin in self.progress.rows():
            t.progress.append(ProgressOption(name.strip(), started))
            if origin and origin != name.strip():
                renames.progress[origin] = name.strip()
        t.directions = []
        for (name, closing), origin in self.directions.rows():
            t.directions.append(DirectionOption(name.strip(), closing))
            if origin and origin != name.strip():
                renames.directions[origin] = name.strip()
        t.start_goal = self.start_goal.text().strip()
        t.cross_reference = self.xref_name.text().strip()
        t.cross_reference_numerals = "roman" if self.xref_roman.isChecked() else "arabic"
        t.community_unit = self.unit_name.text().strip()
        f.proposals = []
        for (no, title, short), origin in self.proposals.rows():
            base = origin if isinstance(origin, Proposal) else None
            pr = copy.deepcopy(base) if base else Proposal(no=0, title="")
            pr.no, pr.title, pr.short = no if no is not None else 0, title, short
            f.proposals.append(pr)
        f.communities = []
        for (name,), origin in self.communities.rows():
            base = origin if isinstance(origin, Community) else None
            c = copy.deepcopy(base) if base else Community(name="")
            c.name = name
            f.communities.append(c)
        f.phases = []
        for (name, color), origin in self.phases.rows():
            base = origin if isinstance(origin, Phase) else None
            f.phases.append(Phase(name=name, color=color or "#888888", id=base.id if base else new_id()))
        f.viewpoints = self._collect_groups()
        return f, renames

    def _collect_groups(self) -> list[Viewpoint]:
        old = {v.no: v for v in self._frame.viewpoints}
        taken = {v.no for v in self._frame.viewpoints}

        def stored(item: QTreeWidgetItem):
            yield item.data(0, GroupNoRole)
            for k in range(item.childCount()):
                yield from stored(item.child(k))

        for k in range(self.groups.topLevelItemCount()):
            taken.update(n for n in stored(self.groups.topLevelItem(k)) if n is not None)
        next_no = max(taken, default=0) + 1
        out: list[Viewpoint] = []

        def walk(item: QTreeWidgetItem, parent: int | None) -> None:
            nonlocal next_no
            no = item.data(0, GroupNoRole)
            if no is None:
                no, next_no = next_no, next_no + 1
                item.setData(0, GroupNoRole, no)
            base = copy.deepcopy(old[no]) if no in old else Viewpoint(no, "")
            base.title = item.text(0)
            code = item.text(1).strip()
            base.code = "" if item.checkState(2) == Qt.CheckState.Checked else (code or None)
            base.parent = parent
            out.append(base)
            for k in range(item.childCount()):
                walk(item.child(k), no)

        for k in range(self.groups.topLevelItemCount()):
            walk(self.groups.topLevelItem(k), None)
        return out

    # ============================================================= checking
    def check(self) -> bool:
        """Show what is wrong or what the change would do; True when it can be applied."""
        frame, renames = self.collect()
        change = self._doc.preview_frame(frame, renames)
        if change.problems:
            self.message.setStyleSheet("color: #b03a2e;")
            shown = [str(p.message) for p in change.problems[:6]]
            more = self.tr("\n…ほか {n} 件").format(n=len(change.problems) - 6) if len(change.problems) > 6 else ""
            self.message.setText(self.tr("適用できません:\n") + "\n".join(shown) + more)
            return False
        if change.impacts:
            self.message.setStyleSheet("color: #9a6700;")
            self.message.setText(self.tr("適用すると次のように変わります:\n") + "\n".join(change.impacts[:6]))
        else:
            self.message.setStyleSheet("")
            self.message.setText("")
        return True

    def apply(self) -> bool:
        """Apply the edited frame as one undo step (asking first when data would move or go)."""
        self._check_timer.stop()
        frame, renames = self.collect()
        change = self._doc.preview_frame(frame, renames)
        if not self.check():
            return False
        if change.impacts:
            answer = QMessageBox.question(
                self, self.tr("計画の設定"),
                self.tr("この変更で次のデータが移動・変更・削除されます。\n\n{list}\n\n続けますか？（元に戻す で取り消せます）")
                .format(list="\n".join(change.impacts)),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return False
        outcome = run_edit(self, lambda: self._doc.apply_frame(frame, renames), title=self.tr("計画の設定"),
                           label=self.message)
        if outcome.error is not None:
            return False
        self.load()
        return True

    def _ok(self) -> None:
        if self._doc.readonly or self.apply():
            self.accept()

    def _open_rating_scale(self) -> None:
        from .rating_scale_dialog import RatingScaleDialog

        RatingScaleDialog(self._doc, self).exec()


