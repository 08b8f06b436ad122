"""The detail editor: a form for every field of one measure.

Field edits are committed on ``editingFinished`` / focus-out (one undo step
per field). Before a commit the candidate measure is validated; a problem
shows in red under the offending field only, the typed text stays in the
field (and is remembered per measure as a draft), and nothing is written.
Every other field keeps working.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QStyledItemDelegate,
    QTabWidget,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..document.plan_document import Changes, ChangeSet, PlanDocument
from ..domain import groups as G
from ..domain.fiscal import fy_label, parse_fy
from ..domain.model import RELATED, STRONG, ActionBlock, ActionItem, Measure, now_iso
from ..domain.periods import lock_message, locked_period_of
from ..domain.text import fold
from ..domain.validation import MAX_MEASURE_NO, Problem, validate_measure
from .failure_reporter import run_edit
from .field_binder import FieldBinder
from .first_paint import after_first_paint, in_turns
from .highlight import HIGHLIGHT_BG, SearchHighlighter, text_matches
from .widgets import ERROR_STYLE, READ_ONLY_STYLE, CommitTextEdit, ErrorLabel

if TYPE_CHECKING:
    from .evaluation_panel import EvaluationPanel

# How long after the first paint the hidden tabs (年度別行動計画's blocks, 進捗評価) are made (the
# first frame comes first; a person cannot reach a tab this soon, and choosing it earlier makes it
# at once).
HIDDEN_TABS_DELAY_MS = 150

ItemIdRole = Qt.ItemDataRole.UserRole + 10


def _problems_under(problems: list[Problem], prefix: str) -> list[Problem]:
    return [p for p in problems if p.path == prefix or p.path.startswith(prefix + ".") or p.path.startswith(prefix + "[")]


def _set_error_style(widget: QWidget, bad: bool) -> None:
    widget.setStyleSheet(ERROR_STYLE if bad else "")


class MultiLineDelegate(QStyledItemDelegate):
    """Edits action items in a multi-line editor so line breaks typed in the plan survive.

    Enter commits, Shift+Enter inserts a line break, Esc cancels.
    """

    def createEditor(self, parent, option, index):
        editor = QPlainTextEdit(parent)
        editor.setTabChangesFocus(True)
        editor.installEventFilter(self)
        return editor

    def setEditorData(self, editor, index) -> None:
        editor.setPlainText(index.data(Qt.ItemDataRole.EditRole) or "")
        editor.selectAll()

    def setModelData(self, editor, model, index) -> None:
        model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor, option, index) -> None:
        r = option.rect
        lines = max(2, (index.data(Qt.ItemDataRole.EditRole) or "").count("\n") + 2)
        r.setHeight(max(r.height(), editor.fontMetrics().lineSpacing() * lines + 8))
        editor.setGeometry(r)

    def eventFilter(self, obj, event) -> bool:
        if isinstance(obj, QPlainTextEdit) and event.type() == QEvent.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
                    event.modifiers() & Qt.KeyboardModifier.ShiftModifier):
                self.commitData.emit(obj)
                self.closeEditor.emit(obj, QStyledItemDelegate.EndEditHint.NoHint)
                return True
        return super().eventFilter(obj, event)


class BlockEditor(QFrame):
    """One 年度別行動計画 block: year range, items and sub-items."""

    def __init__(self, owner: ActionPlanEditor, index: int, block: ActionBlock, readonly: bool):
        super().__init__()
        self.owner = owner
        self.index = index
        self.block = block
        self.setObjectName(f"actionBlock{index}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 6, 8, 8)

        head = QHBoxLayout()
        head.addWidget(QLabel(self.tr("年度")))
        self.from_edit = QLineEdit(fy_label(block.fy_from))
        self.from_edit.setObjectName("blockFromEdit")
        self.to_edit = QLineEdit(fy_label(block.fy_to))
        self.to_edit.setObjectName("blockToEdit")
        completer_words = [fy_label(fy) for fy in owner.plan_years()]
        for edit in (self.from_edit, self.to_edit):
            edit.setCompleter(QCompleter(completer_words, edit))
            edit.setMaximumWidth(130)
            edit.setToolTip(self.tr("例: 令和5年度、R5、2023"))
            edit.setReadOnly(readonly)
        head.addWidget(self.from_edit)
        head.addWidget(QLabel("～"))
        head.addWidget(self.to_edit)
        head.addStretch(1)
        self.up_block = self._tool("▲", self.tr("このブロックを上へ"), lambda: owner.move_block(self.index, -1))
        self.down_block = self._tool("▼", self.tr("このブロックを下へ"), lambda: owner.move_block(self.index, +1))
        self.delete_block = self._tool(self.tr("ブロックを削除"), self.tr("この年度ブロックを項目ごと削除します"),
                                       lambda: owner.delete_block(self.index))
        for b in (self.up_block, self.down_block, self.delete_block):
            b.setEnabled(not readonly)
            head.addWidget(b)
        lay.addLayout(head)
        self.year_error = ErrorLabel()
        self.year_error.setObjectName("blockYearError")
        lay.addWidget(self.year_error)

        self.tree = QTreeWidget()
        self.tree.setObjectName("blockItems")
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(True)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers if readonly else
                                  QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.SelectedClicked)
        self.tree.setItemDelegate(MultiLineDelegate(self.tree))
        self._fill_tree()
        self.tree.itemChanged.connect(self._item_changed)
        lay.addWidget(self.tree)
        self.item_error = ErrorLabel()
        self.item_error.setObjectName("blockItemError")
        lay.addWidget(self.item_error)

        buttons = QHBoxLayout()
        self.add_item_btn = QPushButton(self.tr("項目を追加"))
        self.add_sub_btn = QPushButton(self.tr("細目を追加"))
        self.up_btn = QPushButton(self.tr("上へ"))
        self.down_btn = QPushButton(self.tr("下へ"))
        self.del_btn = QPushButton(self.tr("削除"))
        self.add_item_btn.clicked.connect(lambda: owner.add_item(self.index, self.selected_path()))
        self.add_sub_btn.clicked.connect(lambda: owner.add_sub(self.index, self.selected_path()))
        self.up_btn.clicked.connect(lambda: owner.move_entry(self.index, self.selected_path(), -1))
        self.down_btn.clicked.connect(lambda: owner.move_entry(self.index, self.selected_path(), +1))
        self.del_btn.clicked.connect(lambda: owner.delete_entry(self.index, self.selected_path()))
        for b in (self.add_item_btn, self.add_sub_btn, self.up_btn, self.down_btn, self.del_btn):
            b.setEnabled(not readonly)
            buttons.addWidget(b)
        buttons.addStretch(1)
        lay.addLayout(buttons)

        self.from_edit.editingFinished.connect(lambda: owner.commit_year(self.index, "fy_from", self.from_edit.text()))
        self.to_edit.editingFinished.connect(lambda: owner.commit_year(self.index, "fy_to", self.to_edit.text()))

    def _tool(self, text: str, tip: str, slot) -> QToolButton:
        b = QToolButton()
        b.setText(text)
        b.setToolTip(tip)
        b.clicked.connect(slot)
        return b

    def mark_matches(self, terms: list[str]) -> int:
        """Highlight the items and sub-items that contain a search term; returns how many do."""
        found = 0
        with QSignalBlocker(self.tree):
            for i in range(self.tree.topLevelItemCount()):
                top = self.tree.topLevelItem(i)
                for item in (top, *(top.child(j) for j in range(top.childCount()))):
                    hit = text_matches(item.text(0), terms)
                    found += hit
                    f = item.font(0)
                    f.setBold(hit)
                    item.setFont(0, f)
                    item.setData(0, Qt.ItemDataRole.BackgroundRole, QColor(HIGHLIGHT_BG) if hit else None)
        return found

    def _fill_tree(self) -> None:
        with QSignalBlocker(self.tree):
            self.tree.clear()
            flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable
            for item in self.block.items:
                top = QTreeWidgetItem([item.text])
                top.setFlags(flags)
                top.setData(0, ItemIdRole, item.id)
                for sub in item.sub:
                    child = QTreeWidgetItem([sub])
                    child.setFlags(flags)
                    top.addChild(child)
                self.tree.addTopLevelItem(top)
            self.tree.expandAll()
        rows = sum(1 + len(i.sub) for i in self.block.items)
        self.tree.setMinimumHeight(min(400, 28 + rows * 24))

    def selected_path(self) -> tuple[int, int | None] | None:
        """(item index, sub-item index or None) of the selected entry."""
        cur = self.tree.currentItem()
        if cur is None:
            return None
        parent = cur.parent()
        if parent is None:
            return self.tree.indexOfTopLevelItem(cur), None
        return self.tree.indexOfTopLevelItem(parent), parent.indexOfChild(cur)

    def select_path(self, path: tuple[int, int | None] | None, edit: bool = False) -> None:
        if path is None:
            return
        i, j = path
        if not 0 <= i < self.tree.topLevelItemCount():
            return
        item = self.tree.topLevelItem(i)
        if j is not None:
            if not 0 <= j < item.childCount():
                return
            item = item.child(j)
        self.tree.setCurrentItem(item)
        self.tree.scrollToItem(item)
        if edit:
            self.tree.setFocus()
            self.tree.editItem(item, 0)

    def _item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        parent = item.parent()
        if parent is None:
            path = (self.tree.indexOfTopLevelItem(item), None)
        else:
            path = (self.tree.indexOfTopLevelItem(parent), parent.indexOfChild(item))
        self.owner.commit_entry_text(self.index, path, item.text(0), item)


class ActionPlanEditor(QWidget):
    """The list of 年度別行動計画 blocks of one measure."""

    def __init__(self, editor: DetailEditor):
        super().__init__()
        self.editor = editor
        self.setObjectName("actionPlanEditor")
        self._committed: list[ActionBlock] = []
        self._blocks: list[BlockEditor] = []
        self.readonly = False
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.block_area = QVBoxLayout()
        lay.addLayout(self.block_area)
        row = QHBoxLayout()
        self.add_block_btn = QPushButton(self.tr("年度ブロックを追加"))
        self.add_block_btn.setObjectName("addBlockButton")
        self.add_block_btn.clicked.connect(self.add_block)
        row.addWidget(self.add_block_btn)
        row.addStretch(1)
        lay.addLayout(row)
        self.error = ErrorLabel()
        self.error.setObjectName("actionPlanError")
        lay.addWidget(self.error)
        lay.addStretch(1)

    # The tab is hidden at start-up: the editor fills it with the measure's blocks when it is first
    # needed (see DetailEditor.fill_plan_tab). Reading the blocks is such a need.
    @property
    def blocks(self) -> list[BlockEditor]:
        self.editor.fill_plan_tab()
        return self._blocks

    @property
    def committed(self) -> list[ActionBlock]:
        self.editor.fill_plan_tab()
        return self._committed

    @committed.setter
    def committed(self, blocks: list[ActionBlock]) -> None:
        self._committed = blocks

    def plan_years(self) -> list[int]:
        return self.editor.document.plan.fiscal_years

    def set_blocks(self, blocks: list[ActionBlock], focus: tuple[int, tuple[int, int | None] | None, bool] | None = None) -> None:
        self._committed = copy.deepcopy(blocks)
        for b in self._blocks:
            b.hide()
            b.deleteLater()
        self._blocks = []
        readonly = self.readonly = self.editor.definition_readonly()
        for i, block in enumerate(self._committed):
            w = BlockEditor(self, i, copy.deepcopy(block), readonly)
            w.up_block.setEnabled(not readonly and i > 0)
            w.down_block.setEnabled(not readonly and i < len(self._committed) - 1)
            self._blocks.append(w)
            self.block_area.addWidget(w)
        self.add_block_btn.setEnabled(not readonly)
        self.error.clear_message()
        self.editor.show_search_matches()
        if focus is not None:
            bi, path, edit = focus
            if 0 <= bi < len(self.blocks):
                self.blocks[bi].select_path(path, edit)

    def has_pending_errors(self) -> bool:
        return any(b.year_error.isVisible() or b.item_error.isVisible() for b in self._blocks)

    # ------------------------------------------------------------ commits
    def _commit(self, blocks: list[ActionBlock], text: str, focus=None, *, structural: bool) -> bool:
        # Set first: the document's change signal arrives during the commit, and the
        # editor must recognise the new blocks as its own (no rebuild under the user's hands).
        previous, self.committed = self.committed, copy.deepcopy(blocks)
        ok = self.editor.commit_action_plan(blocks, text)
        if not ok:
            self.committed = previous
        elif structural:
            self.set_blocks(blocks, focus)
        return ok

    def commit_year(self, index: int, key: str, text: str, *, commit: bool = True) -> None:
        w = self.blocks[index]
        edit = w.from_edit if key == "fy_from" else w.to_edit
        draft_key = f"block:{w.block.id}:{key}"
        try:
            fy = parse_fy(text)
        except ValueError as exc:
            self.editor.set_draft(draft_key, text)
            w.year_error.show_message(str(exc))
            _set_error_style(edit, True)
            return
        blocks = copy.deepcopy(self.committed)
        b = blocks[index]
        setattr(b, key, fy)
        b.updated_at = now_iso()
        prefix = f"measure.action_plan[{index}]"
        problems = [p for p in self.editor.problems_with(action_plan=blocks)
                    if p.path in (f"{prefix}.fy_from", f"{prefix}.fy_to")]
        if problems:
            self.editor.set_draft(draft_key, text)
            w.year_error.show_message("\n".join(dict.fromkeys(p.message for p in problems)))
            _set_error_style(edit, True)
            return
        if not commit:  # restoring a draft: show it, never write it behind the user's back
            w.year_error.clear_message()
            _set_error_style(edit, False)
            return
        if getattr(self.committed[index], key) == fy:
            self._clear_year_error(w, edit, draft_key)
            edit.setText(fy_label(fy))
            return
        if self._commit(blocks, self.tr("行動計画の年度の変更"), structural=False):
            w.block = copy.deepcopy(b)
            self._clear_year_error(w, edit, draft_key)
            edit.setText(fy_label(fy))

    def _clear_year_error(self, w: BlockEditor, edit: QLineEdit, draft_key: str) -> None:
        self.editor.drop_draft(draft_key)
        _set_error_style(edit, False)
        other = w.to_edit if edit is w.from_edit else w.from_edit
        if not other.styleSheet():
            w.year_error.clear_message()

    def commit_entry_text(self, index: int, path: tuple[int, int | None], text: str, item: QTreeWidgetItem) -> None:
        w = self.blocks[index]
        blocks = copy.deepcopy(self.committed)
        b = blocks[index]
        i, j = path
        if i >= len(b.items) or (j is not None and j >= len(b.items[i].sub)):
            return
        if j is None:
            b.items[i].text = text
        else:
            b.items[i].sub[j] = text
        b.items[i].updated_at = now_iso()
        prefix = f"measure.action_plan[{index}].items[{i}]"
        target = f"{prefix}.text" if j is None else f"{prefix}.sub[{j}]"
        problems = [p for p in self.editor.problems_with(action_plan=blocks) if p.path == target]
        with QSignalBlocker(w.tree):
            item.setBackground(0, Qt.GlobalColor.transparent)
        w.mark_matches(self.editor.search_terms())
        if problems:
            w.item_error.show_message(problems[0].message)
            with QSignalBlocker(w.tree):
                item.setBackground(0, Qt.GlobalColor.yellow)
            return
        w.item_error.clear_message()
        if self._commit(blocks, self.tr("行動計画の項目の変更"), structural=False):
            w.block = copy.deepcopy(b)

    # ------------------------------------------------------ structure ops
    def add_block(self) -> None:
        years = self.plan_years()
        last = self.committed[-1].fy_to + 1 if self.committed else years[0]
        fy = min(max(last, years[0]), years[-1])
        blocks = copy.deepcopy(self.committed)
        blocks.append(ActionBlock(fy_from=fy, fy_to=fy, items=[ActionItem(text=self.tr("新しい項目"))]))
        self._commit(blocks, self.tr("年度ブロックの追加"), (len(blocks) - 1, (0, None), True), structural=True)

    def delete_block(self, index: int) -> None:
        blocks = copy.deepcopy(self.committed)
        del blocks[index]
        self._commit(blocks, self.tr("年度ブロックの削除"), structural=True)

    def move_block(self, index: int, delta: int) -> None:
        target = index + delta
        if not 0 <= target < len(self.committed):
            return
        blocks = copy.deepcopy(self.committed)
        blocks[index], blocks[target] = blocks[target], blocks[index]
        self._commit(blocks, self.tr("年度ブロックの並べ替え"), (target, None, False), structural=True)

    def add_item(self, index: int, path) -> None:
        blocks = copy.deepcopy(self.committed)
        items = blocks[index].items
        at = path[0] + 1 if path is not None else len(items)
        items.insert(at, ActionItem(text=self.tr("新しい項目")))
        blocks[index].updated_at = now_iso()
        self._commit(blocks, self.tr("行動計画の項目の追加"), (index, (at, None), True), structural=True)

    def add_sub(self, index: int, path) -> None:
        blocks = copy.deepcopy(self.committed)
        items = blocks[index].items
        if not items:
            self.blocks[index].item_error.show_message(self.tr("先に項目を追加してください"))
            return
        i = path[0] if path is not None else len(items) - 1
        subs = items[i].sub
        at = path[1] + 1 if path is not None and path[1] is not None else len(subs)
        subs.insert(at, self.tr("新しい細目"))
        items[i].updated_at = now_iso()
        self._commit(blocks, self.tr("行動計画の細目の追加"), (index, (i, at), True), structural=True)

    def move_entry(self, index: int, path, delta: int) -> None:
        if path is None:
            return
        blocks = copy.deepcopy(self.committed)
        items = blocks[index].items
        i, j = path
        if j is None:
            t = i + delta
            if not 0 <= t < len(items):
                return
            items[i], items[t] = items[t], items[i]
            new_path = (t, None)
        else:
            subs = items[i].sub
            t = j + delta
            if not 0 <= t < len(subs):
                return
            subs[j], subs[t] = subs[t], subs[j]
            items[i].updated_at = now_iso()
            new_path = (i, t)
        self._commit(blocks, self.tr("行動計画の並べ替え"), (index, new_path, False), structural=True)

    def delete_entry(self, index: int, path) -> None:
        if path is None:
            return
        blocks = copy.deepcopy(self.committed)
        items = blocks[index].items
        i, j = path
        if j is None:
            del items[i]
            new_path = (min(i, len(items) - 1), None) if items else None
            text = self.tr("行動計画の項目の削除")
        else:
            del items[i].sub[j]
            items[i].updated_at = now_iso()
            new_path = (i, j - 1) if j > 0 else (i, None)
            text = self.tr("行動計画の細目の削除")
        self._commit(blocks, text, (index, new_path, False), structural=True)


class DetailEditor(QWidget):
    """Form for one measure. ``set_measure(None)`` shows a hint instead."""

    #: emitted after a field was committed (key)
    fieldCommitted = Signal(str)

    def __init__(self, document: PlanDocument, parent=None):
        super().__init__(parent)
        self.setObjectName("detailEditor")
        self._doc = document
        self._measure_id: str | None = None
        self._drafts: dict[tuple[str, str], str] = {}
        self._loading = False
        self._shown_departments: list[str] = []
        self._search_terms: list[str] = []
        self.binder = FieldBinder(stored=self._stored_field, store=self._store_field,
                                  check=self._check_field, parent=self)
        self.binder.committed.connect(self.fieldCommitted)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget()
        outer.addWidget(self.stack)

        self.empty_label = QLabel(self.tr("左の一覧から{word}を選んでください。").format(word=document.data.terms.measure))
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet("color: #666;")
        self.stack.addWidget(self.empty_label)

        page = QWidget()
        page_layout = QVBoxLayout(page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.setSpacing(2)
        # Says why the measure cannot be edited (a locked period) and where to unlock it.
        self.lock_banner = QLabel()
        self.lock_banner.setObjectName("detailLockBanner")
        self.lock_banner.setWordWrap(True)
        self.lock_banner.setStyleSheet("background:#fef5e7;border:1px solid #f0b27a;padding:4px;")
        self.lock_banner.hide()
        page_layout.addWidget(self.lock_banner)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("detailTabs")
        page_layout.addWidget(self.tabs, 1)
        self.stack.addWidget(page)
        self.editor_page = page

        self.heading = QLabel()
        self.heading.setObjectName("detailHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        hf = self.heading.font()
        hf.setPointSizeF(hf.pointSizeF() * 1.25)
        hf.setBold(True)
        self.heading.setFont(hf)

        self._build_basic_tab()
        # 年度別行動計画 is not visible at start-up either: its blocks are made for the measure shown
        # when the tab is first needed (chosen, its blocks read) or shortly after the first paint;
        # from then on, with every measure shown (see fill_plan_tab).
        self._plan_tab_filled = False
        self._build_plan_tab()
        # 進捗評価 is not visible at start-up: its tab holds a placeholder until the panel is first
        # needed (the tab is chosen, ``evaluation_panel`` is read) or, at the latest, shortly after
        # the first paint (see _build_evaluation_panel_after_first_paint).
        self._evaluation_panel: EvaluationPanel | None = None
        self._made_panel: EvaluationPanel | None = None  # made after the first paint, not yet in its tab
        self._evaluation_panel_hooks: list[Callable[[EvaluationPanel], None]] = []
        self._evaluation_placeholder = QWidget()
        self._evaluation_placeholder.setObjectName("evaluationPanelPlaceholder")
        self.tabs.addTab(self._evaluation_placeholder, self.tr("進捗評価"))
        self.tabs.currentChanged.connect(self._tab_chosen)
        # After the first frame, while the user looks at it: make the hidden tabs so that choosing
        # one later is instant (each in its own turn of the event loop: input in between is served).
        after_first_paint(self, self.fill_plan_tab, HIDDEN_TABS_DELAY_MS)
        after_first_paint(self, self._build_evaluation_panel_after_first_paint, HIDDEN_TABS_DELAY_MS)
        document.changed.connect(self._on_changed)
        self.stack.setCurrentWidget(self.empty_label)

    # ---------------------------------------------- the evaluation tab, built on first need
    @property
    def evaluation_panel(self) -> EvaluationPanel:
        """The 進捗評価 tab's panel; built here on first access (so callers never see it missing)."""
        if self._evaluation_panel is None:
            self._build_evaluation_panel()
        assert self._evaluation_panel is not None
        return self._evaluation_panel

    def evaluation_panel_is_built(self) -> bool:
        return self._evaluation_panel is not None

    def when_evaluation_panel_built(self, hook: Callable[[EvaluationPanel], None]) -> None:
        """Call *hook* with the panel once it exists (now, if it already does) - to connect its
        signals without building it before the first paint."""
        if self._evaluation_panel is not None:
            hook(self._evaluation_panel)
        else:
            self._evaluation_panel_hooks.append(hook)

    def _build_evaluation_panel(self) -> None:
        panel = self._made_panel if self._made_panel is not None else self._make_evaluation_panel()
        self._made_panel = None
        self._evaluation_panel = panel
        if self._measure_id is not None:
            panel.set_measure(self._measure_id)
        # The panel scrolls its own form (vertically only): no scroll area around it.
        # It takes the placeholder's place, keeping the tab's index, text and whether it is current.
        index = self.tabs.indexOf(self._evaluation_placeholder)
        current = self.tabs.currentIndex() == index
        text, tip = self.tabs.tabText(index), self.tabs.tabToolTip(index)
        with QSignalBlocker(self.tabs):
            self.tabs.insertTab(index, panel, text)
            self.tabs.setTabToolTip(index, tip)
            if current:
                self.tabs.setCurrentIndex(index)
            self.tabs.removeTab(index + 1)
        self._evaluation_placeholder.deleteLater()
        hooks, self._evaluation_panel_hooks = self._evaluation_panel_hooks, []
        for hook in hooks:
            hook(panel)

    def _tab_chosen(self, index: int) -> None:
        if self._evaluation_panel is None and self.tabs.widget(index) is self._evaluation_placeholder:
            self._build_evaluation_panel()
        elif index == self._plan_tab_index:
            self.fill_plan_tab()

    # ------------------------------------------- the action plan tab, filled on first need
    def plan_tab_is_filled(self) -> bool:
        return self._plan_tab_filled

    def fill_plan_tab(self) -> None:
        """Make the 年度別行動計画 blocks of the measure shown, once; afterwards every measure shown
        fills the tab at once (a no-op then)."""
        if self._plan_tab_filled:
            return
        self._plan_tab_filled = True
        m = self.measure()
        if m is None:
            return
        loading, self._loading = self._loading, True
        try:
            self.action_plan.set_blocks(m.action_plan)
            self._restore_block_drafts()
        finally:
            self._loading = loading

    def _make_evaluation_panel(self) -> EvaluationPanel:
        from .evaluation_panel import EvaluationPanel

        return EvaluationPanel(self._doc)

    def _build_evaluation_panel_after_first_paint(self) -> None:
        """The panel in three turns of the event loop, each ≤ ~35 ms, so that a key typed meanwhile
        waits for one of them only (together ~65 ms): the module and the Python types of the
        widgets it uses (PySide makes them on first use: ~17 ms, see _warm_widget_types), the panel,
        then its measure and its place in the tabs."""
        def warm() -> None:
            if self._evaluation_panel is None:
                _warm_widget_types(self)

        def make() -> None:
            if self._evaluation_panel is None and self._made_panel is None:
                self._made_panel = self._make_evaluation_panel()

        def place() -> None:
            if self._evaluation_panel is None:
                self._build_evaluation_panel()

        if self._evaluation_panel is None:
            in_turns(self, [warm, make, place])

    # ------------------------------------------------------------ building
    def _scroll(self, inner: QWidget) -> QScrollArea:
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setWidget(inner)
        return area

    def _field(self, widget: QWidget, error: ErrorLabel) -> QWidget:
        box = QWidget()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(widget)
        lay.addWidget(error)
        return box

    def _error(self, key: str) -> ErrorLabel:
        e = ErrorLabel()
        e.setObjectName(f"{key}Error")
        self.errors[key] = e
        return e

    def _build_basic_tab(self) -> None:
        self.errors: dict[str, ErrorLabel] = {}
        page = QWidget()
        v = QVBoxLayout(page)
        v.setContentsMargins(12, 10, 12, 10)
        v.addWidget(self.heading)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.setVerticalSpacing(8)
        v.addLayout(form)

        top = QHBoxLayout()
        self.no_edit = QLineEdit()
        self.no_edit.setObjectName("noEdit")
        self.no_edit.setMaximumWidth(80)
        self.no_edit.setToolTip(self.tr("番号（1以上の整数）"))
        top.addWidget(self.no_edit)
        self.priority_check = QCheckBox(self.tr("【重点】"))
        self.priority_check.setObjectName("priorityCheck")
        top.addSpacing(16)
        top.addWidget(self.priority_check)
        top.addStretch(1)
        top_box = QWidget()
        top_box.setLayout(top)
        top.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("№"), self._field(top_box, self._error("no")))
        self.errors["priority"] = self.errors["no"]

        codes = QHBoxLayout()
        codes.setContentsMargins(0, 0, 0, 0)
        self.code_edit = QLineEdit()
        self.code_edit.setObjectName("codeEdit")
        self.code_edit.setMaximumWidth(130)
        self.code_edit.setPlaceholderText(self.tr("（№のまま）"))
        self.code_edit.setToolTip(self.tr("№の代わりに表示するコード（例: 1000101、2-3-1）。空欄なら№を表示します"))
        self.fy_from_edit = QLineEdit()
        self.fy_from_edit.setObjectName("fyFromEdit")
        self.fy_to_edit = QLineEdit()
        self.fy_to_edit.setObjectName("fyToEdit")
        for e in (self.fy_from_edit, self.fy_to_edit):
            e.setMaximumWidth(130)
            e.setPlaceholderText(self.tr("計画期間どおり"))
            e.setToolTip(self.tr("実施する年度（例: 2022、令和4年度、R4）。空欄なら計画期間どおり。"
                                 "実施期間外の年度は評価・集計・印刷の対象になりません"))
        codes.addWidget(QLabel(self.tr("表示コード")))
        codes.addWidget(self.code_edit)
        codes.addSpacing(12)
        codes.addWidget(QLabel(self.tr("実施期間")))
        codes.addWidget(self.fy_from_edit)
        codes.addWidget(QLabel("～"))
        codes.addWidget(self.fy_to_edit)
        codes.addStretch(1)
        code_box = QWidget()
        code_box.setLayout(codes)
        err = self._error("code")
        self.errors["fy_from"] = self.errors["fy_to"] = err
        form.addRow("", self._field(code_box, err))

        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("titleEdit")
        form.addRow(self.tr("名称"), self._field(self.title_edit, self._error("title")))

        self.viewpoint_combo = QComboBox()
        self.viewpoint_combo.setObjectName("viewpointCombo")
        self.viewpoint_field = self._field(self.viewpoint_combo, self._error("viewpoint"))
        form.addRow(self.tr("所属"), self.viewpoint_field)

        dept_box = QWidget()
        dl = QGridLayout(dept_box)
        dl.setContentsMargins(0, 0, 0, 0)
        self.dept_list = QListWidget()
        self.dept_list.setObjectName("departmentList")
        self.dept_list.setMaximumHeight(84)
        self.dept_list.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed)
        dl.addWidget(self.dept_list, 0, 0, 3, 1)
        self.dept_up = QPushButton(self.tr("上へ"))
        self.dept_down = QPushButton(self.tr("下へ"))
        self.dept_remove = QPushButton(self.tr("削除"))
        dl.addWidget(self.dept_up, 0, 1)
        dl.addWidget(self.dept_down, 1, 1)
        dl.addWidget(self.dept_remove, 2, 1)
        self.dept_combo = QComboBox()
        self.dept_combo.setObjectName("departmentCombo")
        self.dept_combo.setEditable(True)
        self.dept_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.dept_combo.lineEdit().setPlaceholderText(self.tr("一覧から選ぶか、新しい部課名を入力"))
        self.dept_add = QPushButton(self.tr("追加"))
        self.dept_add.setObjectName("departmentAdd")
        dl.addWidget(self.dept_combo, 3, 0)
        dl.addWidget(self.dept_add, 3, 1)
        dl.setColumnStretch(0, 1)
        form.addRow(self.tr("担当部課"), self._field(dept_box, self._error("departments")))

        self.proposal_box = QWidget()
        self.proposal_layout = QGridLayout(self.proposal_box)
        self.proposal_layout.setContentsMargins(0, 0, 0, 0)
        self.proposal_combos: dict[int, QComboBox] = {}
        self.proposal_field = self._field(self.proposal_box, self._error("proposals"))
        form.addRow(self.tr("関連"), self.proposal_field)
        self.form = form

        self.issue_edit = CommitTextEdit()
        self.issue_edit.setObjectName("issueEdit")
        self.issue_edit.setMinimumHeight(80)
        self.issue_edit.setMaximumHeight(160)
        form.addRow(self.tr("課題"), self._field(self.issue_edit, self._error("issue")))

        self.content_edit = CommitTextEdit()
        self.content_edit.setObjectName("contentEdit")
        self.content_edit.setMinimumHeight(140)
        form.addRow(self.tr("推進内容"), self._field(self.content_edit, self._error("content")))
        v.addStretch(1)
        self.tabs.addTab(self._scroll(page), self.tr("基本情報"))

        self._highlighters = [SearchHighlighter(self.issue_edit.document()),
                              SearchHighlighter(self.content_edit.document())]
        b = self.binder
        b.bind_line("no", self.no_edit, self.errors["no"], parse=self._parse_no)
        b.bind_line("code", self.code_edit, self.errors["code"], parse=self._parse_code, format=lambda v: v or "")
        b.bind_line("fy_from", self.fy_from_edit, self.errors["code"], parse=self._parse_year, format=self._format_year)
        b.bind_line("fy_to", self.fy_to_edit, self.errors["code"], parse=self._parse_year, format=self._format_year)
        b.bind_line("title", self.title_edit, self.errors["title"])
        b.bind_text("issue", self.issue_edit, self.errors["issue"])
        b.bind_text("content", self.content_edit, self.errors["content"])
        self.priority_check.toggled.connect(self._priority_toggled)
        self.viewpoint_combo.activated.connect(self._viewpoint_chosen)
        self.dept_add.clicked.connect(self.add_department)
        self.dept_combo.lineEdit().returnPressed.connect(self.add_department)
        self.dept_remove.clicked.connect(self.remove_department)
        self.dept_up.clicked.connect(lambda: self.move_department(-1))
        self.dept_down.clicked.connect(lambda: self.move_department(+1))
        self.dept_list.itemChanged.connect(self._department_renamed)

    def _build_plan_tab(self) -> None:
        page = QWidget()
        v = QVBoxLayout(page)
        v.setContentsMargins(12, 10, 12, 10)
        hint = QLabel(self.tr("項目・細目はダブルクリックまたは F2 で編集できます。"))
        hint.setStyleSheet("color: #666;")
        v.addWidget(hint)
        self.action_plan = ActionPlanEditor(self)
        v.addWidget(self.action_plan)
        self._plan_tab_index = self.tabs.addTab(self._scroll(page), self.tr("年度別行動計画"))

    # ------------------------------------------------------------- queries
    @property
    def document(self) -> PlanDocument:
        return self._doc

    @property
    def measure_id(self) -> str | None:
        return self._measure_id

    def measure(self) -> Measure | None:
        if self._measure_id is None:
            return None
        try:
            return self._doc.measure(self._measure_id)
        except LookupError:
            return None

    # -------------------------------------------------------------- search
    def search_terms(self) -> list[str]:
        return list(self._search_terms)

    def set_search_terms(self, terms: list[str]) -> None:
        """The tree's search terms (folded): shown highlighted in 課題, 推進内容 and the action plan."""
        if terms != self._search_terms:
            self._search_terms = list(terms)
            self.show_search_matches()

    def show_search_matches(self) -> None:
        terms = self._search_terms
        for h in self._highlighters:
            h.set_terms(terms)
        m = self.measure()
        if not hasattr(self, "action_plan"):
            in_plan = 0
        elif self._plan_tab_filled:
            in_plan = sum(b.mark_matches(terms) for b in self.action_plan.blocks)
        else:  # the blocks are not made yet: the tab's mark comes from the measure's own text
            in_plan = bool(terms) and m is not None and any(
                text_matches(text, terms) for block in m.action_plan for item in block.items
                for text in (item.text, *item.sub))
        in_basic = bool(terms) and m is not None and any(
            text_matches(t, terms) for t in (m.issue, m.content, *m.departments))
        for index, (base, hit) in enumerate(((self.tr("基本情報"), in_basic),
                                             (self.tr("年度別行動計画"), bool(in_plan)))):
            text = base + (self.tr("（一致）") if hit else "")
            if self.tabs.tabText(index) == text:
                continue  # QTabBar lays out again (up to the window) on every setTabText, even the same text
            self.tabs.setTabText(index, text)
            self.tabs.tabBar().setTabTextColor(index, QColor("#9a6700") if hit else QColor())
            self.tabs.setTabToolTip(index, self.tr("検索語に一致する内容があります") if hit else "")

    def definition_readonly(self) -> bool:
        """The measure's own fields cannot be changed: a read-only file or a locked period."""
        m = self.measure()
        return self._doc.readonly or (m is not None and locked_period_of(self._doc.data, m) is not None)

    def error_text(self, key: str) -> str:
        e = self.errors.get(key)
        return e.text() if e is not None else ""

    def problems_with(self, **changes) -> list[Problem]:
        m = self.measure()
        if m is None:
            return []
        return validate_measure(replace(copy.deepcopy(m), **changes), self._doc.data)

    # -------------------------------------------------------------- drafts
    def set_draft(self, key: str, text: str) -> None:
        if self._measure_id is not None:
            self._drafts[(self._measure_id, key)] = text

    def drop_draft(self, key: str) -> None:
        if self._measure_id is not None:
            self._drafts.pop((self._measure_id, key), None)

    def draft(self, key: str) -> str | None:
        if self._measure_id is None:
            return None
        return self._drafts.get((self._measure_id, key))

    # ------------------------------------------------------------- loading
    def commit_pending(self) -> None:
        """Commit the field being typed in (before undo/redo or a selection change replaces it)."""
        fw = QApplication.focusWidget()
        if isinstance(fw, (QLineEdit, CommitTextEdit)) and self.isAncestorOf(fw) and not self._loading \
                and (self._evaluation_panel is None or not self._evaluation_panel.isAncestorOf(fw)):
            fw.editingFinished.emit()
        if self._evaluation_panel is not None:  # nothing can be typed in a panel not built yet
            self._evaluation_panel.flush()

    def set_measure(self, measure_id: str | None) -> None:
        if measure_id == self._measure_id:
            return
        self.commit_pending()
        self._measure_id = measure_id
        if self.measure() is None:
            self._measure_id = None
            if self._evaluation_panel is not None:
                self._evaluation_panel.set_measure(None)
            self.stack.setCurrentWidget(self.empty_label)
            return
        if self._evaluation_panel is not None:  # else it shows this measure when it is built
            self._evaluation_panel.set_measure(measure_id)
        self.stack.setCurrentWidget(self.editor_page)
        for e in self.errors.values():
            e.clear_message()
        self._load(full=True)

    def _on_changed(self, change: ChangeSet) -> None:
        if self._measure_id is None:
            return
        if self.measure() is None:  # deleted
            self._measure_id = None
            self.stack.setCurrentWidget(self.empty_label)
            return
        if change.kind & Changes.PLAN or not change.measure_ids or self._measure_id in change.measure_ids \
                or change.kind & (Changes.ADDED | Changes.REMOVED):
            self._load(full=False)

    def _load(self, *, full: bool) -> None:
        m = self.measure()
        if m is None:
            return
        self._loading = True
        try:
            period = locked_period_of(self._doc.data, m)
            readonly = self.definition_readonly()
            self.lock_banner.setText(lock_message(period, self._doc.data.terms.measure) if period is not None else "")
            self.lock_banner.setVisible(period is not None)
            self.tabs.widget(0).setStyleSheet(READ_ONLY_STYLE if readonly else "")
            self.tabs.widget(1).setStyleSheet(READ_ONLY_STYLE if readonly else "")
            self.heading.setText(m.display_title)
            self._apply_plan_words()
            self.binder.set_context(m.id)
            self.binder.load({"no": m.no, "title": m.title, "issue": m.issue, "content": m.content, "code": m.code,
                              "fy_from": m.fy_from, "fy_to": m.fy_to}, force=full)
            self.binder.set_editable(not readonly)
            with QSignalBlocker(self.priority_check):
                self.priority_check.setChecked(m.priority)
            self.priority_check.setEnabled(not readonly)
            with QSignalBlocker(self.viewpoint_combo):
                self.viewpoint_combo.clear()
                data = self._doc.data
                for node in G.preorder(data):  # every group, indented by level
                    self.viewpoint_combo.addItem("\u3000" * node.depth + G.group_heading(data, node.group, short=True),
                                                 node.group.no)
                self.viewpoint_combo.setCurrentIndex(self.viewpoint_combo.findData(m.viewpoint))
            self.viewpoint_combo.setEnabled(not readonly)
            self._load_departments(m, readonly, full)
            self._load_proposals(m, readonly)
            if self._plan_tab_filled and (full or m.action_plan != self.action_plan.committed
                                          or readonly != self.action_plan.readonly):
                self.action_plan.set_blocks(m.action_plan)
                self._restore_block_drafts()
            elif not self._plan_tab_filled:  # the tab's own button follows the measure all the same
                self.action_plan.add_block_btn.setEnabled(not readonly)
            self.show_search_matches()
        finally:
            self._loading = False

    def _restore_block_drafts(self) -> None:
        for i, w in enumerate(self.action_plan.blocks):
            for key, edit in (("fy_from", w.from_edit), ("fy_to", w.to_edit)):
                d = self.draft(f"block:{w.block.id}:{key}")
                if d is not None:
                    edit.setText(d)
                    self.action_plan.commit_year(i, key, d, commit=False)

    def _load_departments(self, m: Measure, readonly: bool, full: bool) -> None:
        if not full and self.errors["departments"].text() and self._shown_departments == m.departments:
            return  # keep the refused edit on screen
        self._shown_departments = list(m.departments)
        with QSignalBlocker(self.dept_list):
            self.dept_list.clear()
            for d in m.departments:
                it = QListWidgetItem(d)
                it.setFlags(it.flags() | (Qt.ItemFlag.NoItemFlags if readonly else Qt.ItemFlag.ItemIsEditable))
                self.dept_list.addItem(it)
        current = self.dept_combo.currentText()
        with QSignalBlocker(self.dept_combo):
            self.dept_combo.clear()
            self.dept_combo.addItems([d for d in self._doc.data.departments if d not in m.departments])
            self.dept_combo.setEditText(current)
        for w in (self.dept_up, self.dept_down, self.dept_remove, self.dept_add, self.dept_combo):
            w.setEnabled(not readonly)
        self.errors["departments"].clear_message()

    def _load_proposals(self, m: Measure, readonly: bool) -> None:
        proposals = self._doc.data.proposals
        if sorted(self.proposal_combos) != [p.no for p in proposals]:
            while self.proposal_layout.count():
                w = self.proposal_layout.takeAt(0).widget()
                if w is not None:
                    w.deleteLater()
            self.proposal_combos = {}
            for row, p in enumerate(proposals):
                label = QLabel(self.tr("{ref}　{title}").format(ref=self._doc.data.terms.cross_reference_label(p.no),
                                                                 title=p.title))
                label.setToolTip(p.subtitle or p.title)
                label.setWordWrap(True)
                combo = QComboBox()
                combo.setObjectName(f"proposalCombo{p.no}")
                combo.addItem(self.tr("－（関連なし）"), "")
                combo.addItem(self.tr("◎ 特に関連"), STRONG)
                combo.addItem(self.tr("○ 関連"), RELATED)
                combo.activated.connect(lambda _i, no=p.no: self._proposal_chosen(no))
                self.proposal_layout.addWidget(combo, row, 0)
                self.proposal_layout.addWidget(label, row, 1)
                self.proposal_combos[p.no] = combo
            self.proposal_layout.setColumnStretch(1, 1)
        for no, combo in self.proposal_combos.items():
            with QSignalBlocker(combo):
                combo.setCurrentIndex(combo.findData(m.proposals.get(no, "")))
            combo.setEnabled(not readonly)
        self._set_basic_tab_order()

    def basic_tab_order(self) -> list[QWidget]:
        """The input widgets of 基本情報 top to bottom: the order Tab goes through them."""
        return [self.no_edit, self.priority_check, self.title_edit, self.viewpoint_combo, self.dept_list,
                self.dept_up, self.dept_down, self.dept_remove, self.dept_combo, self.dept_add,
                *self.proposal_combos.values(), self.issue_edit, self.content_edit]

    def _set_basic_tab_order(self) -> None:
        # The 提言 combos are made after the rest: without this, Tab reaches them after 推進内容.
        chain = self.basic_tab_order()
        for a, b in zip(chain, chain[1:]):
            QWidget.setTabOrder(a, b)

    # ------------------------------------------------------------- commits
    def _write(self, key: str, text: str, **changes) -> bool:
        """Commit *changes* as one undo step; show a refusal under the field *key*."""
        m = self.measure()
        if m is None:
            return False
        label = self.errors.get(key, self.action_plan.error)
        if not run_edit(self, lambda: self._doc.update_measure(m.id, text, **changes), label=label).ok:
            return False
        self.fieldCommitted.emit(key)
        return True

    def _stored_field(self, key: str):
        m = self.measure()
        if m is None:
            raise LookupError(key)
        return getattr(m, key)

    def _store_field(self, key: str, value) -> None:
        m = self.measure()
        if m is None:
            raise LookupError(key)
        labels = {"no": self.tr("№の変更"), "title": self.tr("名称の変更"), "issue": self.tr("課題の変更"),
                  "content": self.tr("推進内容の変更"), "code": self.tr("表示コードの変更"),
                  "fy_from": self.tr("実施期間の変更"), "fy_to": self.tr("実施期間の変更")}
        if key in ("fy_from", "fy_to"):
            self._confirm_active_years(m, **{key: value})
        self._doc.update_measure(m.id, labels[key], **{key: value})

    def _confirm_active_years(self, m: Measure, **years) -> None:
        """Say first when evaluations would fall outside the new active years (they are kept, not counted)."""
        from dataclasses import replace as _replace

        from PySide6.QtWidgets import QMessageBox

        after = _replace(m, **years)
        outside = [e.fy for e in m.evaluations if m.active_in(e.fy) and not after.active_in(e.fy)]
        if not outside:
            return
        years_text = "、".join(fy_label(fy) for fy in outside)
        answer = QMessageBox.question(
            self, self.tr("実施期間の変更"),
            self.tr("{years}の評価が実施期間の外になります。評価は消えませんが、集計・一覧・印刷の対象から外れます。"
                    "変更しますか？").format(years=years_text),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            from ..document.errors import InvalidEditError
            from ..domain.problems import Problem

            raise InvalidEditError([Problem(f"measure.{next(iter(years))}",
                                            self.tr("実施期間は変更しませんでした（{years}の評価があります）")
                                            .format(years=years_text))])

    def _check_field(self, key: str, value) -> str:
        """Why *value* cannot be stored in field *key* ('' when it can)."""
        if key == "no":
            for other in self._doc.measures():
                if other.no == value and other.id != self._measure_id:
                    return self.tr("№{no} は既に使われています（{title}）").format(no=value, title=other.title)
        return "\n".join(dict.fromkeys(
            p.message for p in _problems_under(self.problems_with(**{key: value}), f"measure.{key}")))

    def _apply_plan_words(self) -> None:
        """Labels in the plan's own words; the relation row only for a plan with a cross-reference table."""
        data = self._doc.data
        t = data.terms
        self.no_edit.setToolTip(self.tr("{word}の番号（1以上の整数）").format(word=t.measure))
        self.priority_check.setText(self.tr("【重点】{word}").format(word=t.measure))
        flat = G.max_depth(data) <= 1
        label = self.form.labelForField(self.viewpoint_field)
        if label is not None:
            label.setText(t.top_level if flat and t.top_level else self.tr("所属"))
        label = self.form.labelForField(self.proposal_field)
        if label is not None:
            label.setText(self.tr("{ref}との関連").format(ref=t.cross_reference))
        self.form.setRowVisible(self.proposal_field, bool(data.proposals))
        self.empty_label.setText(self.tr("左の一覧から{word}を選んでください。").format(word=t.measure))

    def _parse_code(self, text: str) -> str | None:
        s = text.strip()
        return s or None

    def _parse_year(self, text: str) -> int | None:
        if not text.strip():
            return None
        import re

        western = re.search(r"(\d{4})", fold(text))  # "令和4年度（2022）" as shown, or 2022
        if western:
            return int(western.group(1))
        try:
            return parse_fy(text)
        except ValueError:
            raise ValueError(self.tr("年度は 2022、令和4年度、R4 のように入力してください（空欄は計画期間どおり）")) from None

    def _format_year(self, value: int | None) -> str:
        if value is None:
            return ""
        from ..domain.fiscal import fy_label

        try:
            return f"{fy_label(value)}（{value}）"
        except ValueError:
            return str(value)

    def _parse_no(self, text: str) -> int:
        s = fold(text).strip().lstrip("№").lstrip("no.").strip()
        if not s.isdigit() or not 1 <= int(s) <= MAX_MEASURE_NO:
            raise ValueError(self.tr("№は1～{max}の整数で入力してください").format(max=MAX_MEASURE_NO))
        return int(s)

    def commit_text(self, key: str, text: str) -> bool:
        """Commit title / issue / content as if typed; returns False if refused (the text stays)."""
        return self._commit_typed(key, text)

    def commit_no(self, text: str) -> bool:
        return self._commit_typed("no", text)

    def _commit_typed(self, key: str, text: str) -> bool:
        if self._loading or self.measure() is None:
            return False
        f = self.binder.fields[key]
        if f.raw() != text:
            f.show_raw(text)
        return self.binder.commit(key)

    def _priority_toggled(self, checked: bool) -> None:
        if not self._loading:
            self._write("priority", self.tr("【重点】の変更"), priority=checked)

    def _viewpoint_chosen(self, _index: int) -> None:
        m = self.measure()
        vp = self.viewpoint_combo.currentData()
        if m is None or vp is None or vp == m.viewpoint:
            return
        moved = run_edit(self, lambda: self._doc.move_measure(m.id, vp, len(self._doc.data.measures_in(vp))),
                         label=self.errors["viewpoint"])
        if not moved.ok:
            with QSignalBlocker(self.viewpoint_combo):  # the stored viewpoint again
                self.viewpoint_combo.setCurrentIndex(self.viewpoint_combo.findData(m.viewpoint))
            return
        self.errors["viewpoint"].clear_message()
        self.fieldCommitted.emit("viewpoint")

    def _proposal_chosen(self, no: int) -> None:
        m = self.measure()
        if m is None or self._loading:
            return
        mark = self.proposal_combos[no].currentData()
        props = dict(m.proposals)
        if mark:
            props[no] = mark
        else:
            props.pop(no, None)
        props = dict(sorted(props.items()))
        if props != m.proposals and self._write("proposals", self.tr("{ref}との関連の変更").format(ref=self._doc.data.terms.cross_reference), proposals=props):
            self.errors["proposals"].clear_message()

    # -------------------------------------------------------- departments
    def _commit_departments(self, depts: list[str], text: str) -> bool:
        problems = _problems_under(self.problems_with(departments=depts), "measure.departments")
        if problems:
            self.errors["departments"].show_message("\n".join(dict.fromkeys(p.message for p in problems)))
            return False
        if not self._write("departments", text, departments=depts):
            return False
        self.errors["departments"].clear_message()
        return True

    def add_department(self) -> None:
        m = self.measure()
        if m is None:
            return
        name = self.dept_combo.currentText().strip()
        if not name:
            self.errors["departments"].show_message(self.tr("追加する担当部課名を入力してください"))
            return
        if self._commit_departments([*m.departments, name], self.tr("担当部課の追加")):
            self.dept_combo.setEditText("")
            self.dept_list.setCurrentRow(self.dept_list.count() - 1)

    def remove_department(self) -> None:
        m = self.measure()
        row = self.dept_list.currentRow()
        if m is None or not 0 <= row < len(m.departments):
            return
        depts = list(m.departments)
        del depts[row]
        self._commit_departments(depts, self.tr("担当部課の削除"))

    def move_department(self, delta: int) -> None:
        m = self.measure()
        row = self.dept_list.currentRow()
        if m is None or not 0 <= row < len(m.departments) or not 0 <= row + delta < len(m.departments):
            return
        depts = list(m.departments)
        depts[row], depts[row + delta] = depts[row + delta], depts[row]
        if self._commit_departments(depts, self.tr("担当部課の並べ替え")):
            self.dept_list.setCurrentRow(row + delta)

    def _department_renamed(self, item: QListWidgetItem) -> None:
        m = self.measure()
        if m is None or self._loading:
            return
        depts = [self.dept_list.item(i).text().strip() for i in range(self.dept_list.count())]
        if depts != m.departments:
            self._commit_departments(depts, self.tr("担当部課の変更"))

    # -------------------------------------------------------- action plan
    def commit_action_plan(self, blocks: list[ActionBlock], text: str) -> bool:
        problems = _problems_under(self.problems_with(action_plan=blocks), "measure.action_plan")
        if problems:
            self.action_plan.error.show_message("\n".join(p.message for p in problems))
            return False
        return self._write("action_plan", text, action_plan=copy.deepcopy(blocks))

    # ---------------------------------------------------------- shortcuts
    def focus_title(self) -> None:
        self.tabs.setCurrentIndex(0)
        QTimer.singleShot(0, lambda: (self.title_edit.setFocus(), self.title_edit.selectAll()))


def _warm_widget_types(widget: QWidget) -> None:
    """Have PySide make the Python types of the widget classes now (the first Python call that
    returns a QWidget subclass not met yet, such as ``QAbstractScrollArea.viewport()``, makes
    every one of them: ~17 ms), and import the evaluation panel's module (~8 ms)."""
    from . import evaluation_panel  # noqa: F401

    area = widget.findChild(QAbstractScrollArea)
    if area is not None:
        area.viewport()
