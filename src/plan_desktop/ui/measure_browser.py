"""The measure browser: search box, filters, count and the measure tree (the main window's left pane).

It shows the document's measures through :class:`~.measure_tree_model.MeasureTreeModel`
and :class:`~.measure_filter.MeasureFilterProxy` and says what the user picks
(:attr:`MeasureBrowser.currentMeasureChanged`) and when the set of measures
shown changes (:attr:`MeasureBrowser.visibleMeasuresChanged`, once after a
burst of row signals). It never edits: the window's actions do, through the
document.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ..document.plan_document import Changes, ChangeSet, PlanDocument
from ..domain import groups as G
from ..domain.fiscal import current_fiscal_year, fy_label_with_western
from .first_paint import after_first_paint
from .flow_layout import FlowLayout
from .highlight import CellDelegate, TitleDelegate
from .measure_filter import NOT_SET, READ_AT_ONCE, MeasureFilterProxy
from .measure_tree_model import (
    COL_DEPARTMENT,
    COL_PHASE,
    COL_RATING,
    COL_TITLE,
    KindRole,
    MeasureTreeModel,
    ViewpointNoRole,
)
from .tree_paint_prep import TreePaintPrep

# See MeasureBrowser.__init__.
FETCH_VIEWPORT_AFTER_MS = 1000
# The search texts are prepared in idle time from this long after the tree's first frame.
PREWARM_AFTER_MS = 0


class CountLabel(QLabel):
    """「shown / total 件」 at a fixed size that fits every count up to the total (and the text
    shown while a search waits for parts of the plan not read yet).

    A label whose text changes asks every layout up to the window to run again, and a
    count of other width resizes the search box and repaints the whole window: on each
    search keystroke. At a fixed size the new text is only painted.
    """

    def __init__(self, text_for, searching_text: str = "", parent: QWidget | None = None, *,
                 searching_above: int = 0):
        super().__init__(parent)
        self._text_for = text_for  # (shown, total) -> the label's text
        self._searching_text = searching_text
        self._searching_above = searching_above  # fewer measures in all never show searching_text
        self._sized_for: int | None = None  # the total the size was computed for

    def show_count(self, shown: int, total: int, searching: bool = False) -> None:
        """The count, or while *searching* (more measures may still match) the searching text."""
        if total != self._sized_for:
            # Digits differ in width in a proportional font: the widest of each count's length.
            digits = len(str(total))
            texts = [self._text_for(int(d * digits), total) for d in "0123456789"]
            if total > self._searching_above:
                texts.append(self._searching_text)
            widest = max(texts, key=self.fontMetrics().horizontalAdvance)
            self.setMinimumSize(0, 0)
            self.setMaximumSize(16777215, 16777215)
            self.setText(widest)
            self.setFixedSize(self.sizeHint())
            self._sized_for = total
        self.setText(self._searching_text if searching else self._text_for(shown, total))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._sized_for = None
        super().changeEvent(event)


class MeasureBrowser(QWidget):
    """Search, filters and the tree of one document (:meth:`set_document` for another)."""

    #: The user moved the tree's current row to a measure (its id).
    currentMeasureChanged = Signal(str)
    #: The measures shown (filter, order) changed; emitted once after a burst of row signals.
    visibleMeasuresChanged = Signal()
    searchTermsChanged = Signal(list)  # the folded search terms, for views that mark matches

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("treePane")
        self.document: PlanDocument | None = None
        self.model: MeasureTreeModel | None = None
        self.proxy: MeasureFilterProxy | None = None
        self._last_visible: list[str] = []
        self._visible_check_pending = False
        self._collapsed_viewpoints: set = set()
        self._selecting = False
        self._current_node: tuple | None = None  # the current row's while the rows shown change
        # The measure shown (the window's) while the filter hides its row: its row is the current
        # row again once shown (see _after_rows_change).
        self._hidden_current: tuple | None = None
        self._auto_scroll = True  # the tree's, kept while the rows shown change
        self._viewport: QWidget | None = None  # the tree's, once fetched (see _fetch_viewport)
        self.paint_prep: TreePaintPrep | None = None  # the document's (see set_document)
        self._build()
        # The tree's viewport repaints the rows when only the matches marked in them change; PySide
        # takes ~10 ms to hand it to Python the first time: fetched in idle time, not by a keystroke.
        after_first_paint(self, lambda: self._fetch_viewport(), FETCH_VIEWPORT_AFTER_MS)

    # ================================================================ building
    def _build(self) -> None:
        v = QVBoxLayout(self)
        v.setContentsMargins(6, 6, 0, 6)
        v.setSpacing(4)

        row = QHBoxLayout()
        self.search_box = QLineEdit()
        self.search_box.setObjectName("searchBox")
        self.search_box.setPlaceholderText(self.tr("検索（名称・コード・課題・推進内容・行動計画・担当部課・年度 R6）"))
        self.search_box.setClearButtonEnabled(True)
        row.addWidget(self.search_box, 1)
        self.count_label = CountLabel(lambda shown, total: self.tr("{shown} / {total} 件").format(shown=shown, total=total),
                                      self.tr("検索中…"), searching_above=READ_AT_ONCE)
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.count_label.setObjectName("countLabel")
        row.addWidget(self.count_label)
        v.addLayout(row)

        # The filters wrap onto more lines on a narrow pane instead of cutting their texts short.
        filters = QWidget()
        filters.setObjectName("filterBar")
        flow = FlowLayout(filters, spacing=4)
        self.priority_filter = QCheckBox(self.tr("【重点】のみ"))
        self.priority_filter.setObjectName("priorityFilter")
        flow.addWidget(self.priority_filter)
        self.viewpoint_filter = QComboBox()
        self.viewpoint_filter.setObjectName("viewpointFilter")
        flow.addWidget(self.viewpoint_filter)
        self.department_filter = QComboBox()
        self.department_filter.setObjectName("departmentFilter")
        self.department_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.department_filter.setMinimumContentsLength(10)
        flow.addWidget(self.department_filter)
        self.year_filter = QComboBox()
        self.year_filter.setObjectName("yearFilter")
        self.year_filter.setToolTip(self.tr("工程・評価の列と、評価・取組状況・工程の絞り込みが対象とする年度"))
        flow.addWidget(self.year_filter)
        self.rating_filter = QComboBox()
        self.rating_filter.setObjectName("ratingFilter")
        flow.addWidget(self.rating_filter)
        self.progress_filter = QComboBox()
        self.progress_filter.setObjectName("progressFilter")
        flow.addWidget(self.progress_filter)
        self.phase_filter = QComboBox()
        self.phase_filter.setObjectName("phaseFilter")
        flow.addWidget(self.phase_filter)
        self.clear_filters_button = QPushButton(self.tr("条件をクリア"))
        self.clear_filters_button.setObjectName("clearFilters")
        flow.addWidget(self.clear_filters_button)
        v.addWidget(filters)

        self.tree = QTreeView()
        self.tree.setObjectName("measureTree")
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.tree.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.tree.setDragEnabled(True)
        self.tree.setAcceptDrops(True)
        self.tree.setDropIndicatorShown(True)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.title_delegate = TitleDelegate(lambda: self.proxy.search_terms() if self.proxy is not None else [], self.tree,
                                            model_provider=lambda: self.proxy)
        self.tree.setItemDelegateForColumn(COL_TITLE, self.title_delegate)
        # The other cells of measure rows: texts laid out once, not shaped on every paint.
        self.cell_delegate = CellDelegate(lambda: self.proxy, self.tree)
        for col in (COL_DEPARTMENT, COL_PHASE, COL_RATING):
            self.tree.setItemDelegateForColumn(col, self.cell_delegate)
        v.addWidget(self.tree, 1)

        self.search_box.textChanged.connect(lambda text: self.proxy.update(text=text))
        self.priority_filter.toggled.connect(lambda on: self.proxy.update(priority_only=on))
        self.viewpoint_filter.currentIndexChanged.connect(lambda _i: self.proxy.update(viewpoint=self.viewpoint_filter.currentData()))
        self.department_filter.currentIndexChanged.connect(lambda _i: self.proxy.update(department=self.department_filter.currentData()))
        self.year_filter.currentIndexChanged.connect(self._year_chosen)
        self.rating_filter.currentIndexChanged.connect(lambda _i: self.proxy.update(rating=self.rating_filter.currentData()))
        self.progress_filter.currentIndexChanged.connect(lambda _i: self.proxy.update(progress=self.progress_filter.currentData()))
        self.phase_filter.currentIndexChanged.connect(lambda _i: self.proxy.update(phase=self.phase_filter.currentData()))
        self.clear_filters_button.clicked.connect(self.clear_filters)

    # ============================================================ document
    def set_document(self, document: PlanDocument) -> None:
        """Show *document* (a new model and filter; the filter choices and header survive)."""
        self.document = document
        self._hidden_current = None
        old_model, old_proxy = self.model, self.proxy
        self.model = MeasureTreeModel(document, self)
        self.model.set_fiscal_year(self.default_year())
        self.proxy = MeasureFilterProxy(self.model, self)
        # Filters are set before the view sees the proxy, so the rows are
        # filtered, laid out and expanded once rather than once per criterion.
        self._fill_filter_choices()
        self.proxy.update(period=document.period_filter)
        old_sel = self.tree.selectionModel()
        # A read-only file's rows are neither dragged nor dropped on (every cell of a row: those
        # without an item have QStandardItemModel's own flags, see MeasureFilterProxy).
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.NoDragDrop if document.readonly
                                  else QAbstractItemView.DragDropMode.InternalMove)
        self.tree.setModel(self.proxy)
        for old in (old_sel, old_proxy, old_model):  # the file before's rows, texts and caches go
            if old is not None:
                old.deleteLater()
        header = self.tree.header()
        header.setStretchLastSection(False)
        self.fix_column_modes()
        header.resizeSection(COL_DEPARTMENT, 170)
        self.fit_status_columns()
        self._expand_viewpoints()
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        for sig in (self.proxy.modelReset, self.proxy.rowsChanged):
            # Rows shown change in one go (or a reset): recount once, after them.
            sig.connect(self._schedule_visible_check)
        self.proxy.rowsAboutToChange.connect(self._before_rows_change)
        self.proxy.rowsChanged.connect(self._after_rows_change)
        # A change of the groups (the plan's settings, a reload) makes the rows anew: kept the same way.
        self.proxy.modelAboutToBeReset.connect(lambda: self._before_rows_change(reset=True))
        self.proxy.modelReset.connect(self._after_rows_change)
        self.proxy.criteriaChanged.connect(self.visible_may_have_changed)
        self.proxy.criteriaChanged.connect(lambda: self.searchTermsChanged.emit(self.proxy.search_terms()))
        # A search that waited for parts of the plan ends: the count.
        self.proxy.searchingChanged.connect(self._show_count)
        self.proxy.marksChanged.connect(self._repaint_marks)
        document.changed.connect(self._document_changed)
        document.period_filter_changed.connect(lambda name: self.proxy.update(period=name))
        self.visible_may_have_changed()
        # Once the window is up, prepare the search texts in idle time (see prewarm_search), from the
        # tree's first frame on (a batch per turn: ~0.5 ms each, ~10 ms in all at 2,000 measures).
        proxy = self.proxy
        after_first_paint(self, lambda: self.proxy is proxy and proxy.prewarm_search(), PREWARM_AFTER_MS)
        # And what the tree paints for measures newly in view (their cells, titles laid out ...).
        prep = self.paint_prep = TreePaintPrep(proxy, self.title_delegate, self.tree.isVisible,
                                               (self.cell_delegate, (COL_DEPARTMENT, COL_PHASE, COL_RATING)))
        after_first_paint(self, lambda: self.proxy is proxy and prep.start(), PREWARM_AFTER_MS)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self.paint_prep is not None:
            self.paint_prep.resume()  # (it pauses while the tree is hidden)

    def _fetch_viewport(self) -> None:
        self._viewport = self.tree.viewport()

    def _repaint_marks(self) -> None:
        """Repaint the rows in view (the matches marked in them, or the columns' widths, changed)."""
        if self._viewport is not None:
            self._viewport.update()
        elif self.proxy is not None:
            self.proxy.announce_rows_changed()

    def fix_column_modes(self) -> None:
        """Title stretches, the rest are interactive (header states saved by older versions may
        carry ResizeToContents, which is slow on big plans)."""
        header = self.tree.header()
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        for col in (COL_DEPARTMENT, COL_PHASE, COL_RATING):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)

    def fit_status_columns(self) -> None:
        """Size the 工程 and 評価 columns to their widest possible text.

        The values come from small known sets (phase names, rating letters), so
        measuring them is O(1); ResizeToContents would ask the model for every
        row's text on each layout pass, which costs seconds at 2,000 measures.
        """
        data = self.document.data
        header = self.tree.header()
        fm = self.tree.fontMetrics()
        pad = fm.horizontalAdvance("MM") + 8
        for col, values in ((COL_PHASE, [ph.name for ph in data.phases]),
                            (COL_RATING, [r.letter for r in data.rating_scale])):
            width = max([fm.horizontalAdvance(v) + pad for v in values] + [header.sectionSizeFromContents(col).width()])
            header.resizeSection(col, width)

    def default_year(self) -> int:
        """This fiscal year, or the nearest year of the plan."""
        plan = self.document.plan
        return min(max(current_fiscal_year(), plan.fy_start), plan.fy_end)

    def _document_changed(self, change: ChangeSet) -> None:
        if change.kind & (Changes.PLAN | Changes.ADDED | Changes.REMOVED | Changes.MEASURE):
            departments = sorted(self.document.data.departments)
            shown = [self.department_filter.itemData(i) for i in range(1, self.department_filter.count())]
            if departments != shown or change.kind & Changes.PLAN:
                self._fill_filter_choices()
        self.visible_may_have_changed()

    # ============================================================== filters
    def _fill_filter_choices(self) -> None:
        data = self.document.data
        combos = (self.viewpoint_filter, self.department_filter, self.year_filter, self.rating_filter,
                  self.progress_filter, self.phase_filter)
        keep = {c: c.currentData() for c in combos}
        for c in combos:
            c.blockSignals(True)
        try:
            self.viewpoint_filter.clear()
            self.viewpoint_filter.addItem(self.tr("すべての{level}").format(level=data.terms.level_short(0)), None)
            for node in G.preorder(data):
                # indented by level: the choice keeps everything inside the group
                self.viewpoint_filter.addItem("\u3000" * node.depth + G.group_heading(data, node.group, short=True),
                                              node.group.no)
            self.department_filter.clear()
            self.department_filter.addItem(self.tr("すべての担当部課"), None)
            for d in sorted(data.departments):
                self.department_filter.addItem(d, d)
            self.year_filter.clear()
            for fy in data.plan.fiscal_years:
                self.year_filter.addItem(fy_label_with_western(fy), fy)
            self.rating_filter.clear()
            self.rating_filter.addItem(self.tr("評価：すべて"), None)
            for r in data.rating_scale:
                self.rating_filter.addItem(f"{r.letter} {r.label}", r.letter)
            self.rating_filter.addItem(self.tr("未評価"), NOT_SET)
            self.progress_filter.clear()
            self.progress_filter.addItem(self.tr("取組状況：すべて"), None)
            for p in data.terms.progress_names:
                self.progress_filter.addItem(p, p)
            self.progress_filter.addItem(self.tr("取組状況 未入力"), NOT_SET)
            self.phase_filter.clear()
            self.phase_filter.addItem(self.tr("工程：すべて"), None)
            for ph in data.phases:
                self.phase_filter.addItem(ph.name, ph.name)
            self.phase_filter.addItem(self.tr("工程なし"), NOT_SET)
            for c, value in keep.items():
                i = c.findData(value)
                c.setCurrentIndex(i if i >= 0 else 0)
            if keep[self.year_filter] is None:
                self.year_filter.setCurrentIndex(max(0, self.year_filter.findData(self.model.fiscal_year)))
        finally:
            for c in combos:
                c.blockSignals(False)
        self.proxy.update(
            text=self.search_box.text(), priority_only=self.priority_filter.isChecked(),
            viewpoint=self.viewpoint_filter.currentData(), department=self.department_filter.currentData(),
            fiscal_year=self.year_filter.currentData(), rating=self.rating_filter.currentData(),
            progress=self.progress_filter.currentData(), phase=self.phase_filter.currentData())
        self.model.set_fiscal_year(self.year_filter.currentData() or self.model.fiscal_year)

    def _year_chosen(self, _index: int) -> None:
        fy = self.year_filter.currentData()
        if fy is None:
            return
        self.model.set_fiscal_year(fy)
        self.proxy.update(fiscal_year=fy)

    def clear_filters(self) -> None:
        self.search_box.clear()
        self.priority_filter.setChecked(False)
        for c in (self.viewpoint_filter, self.department_filter, self.rating_filter, self.progress_filter, self.phase_filter):
            c.setCurrentIndex(0)

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def filtered(self) -> bool:
        """True while a criterion hides measures or viewpoints."""
        return self.proxy.criteria.measure_criteria_active() or self.proxy.criteria.viewpoint is not None

    # ============================================================ expanding
    def _group_rows(self, parent: QModelIndex = QModelIndex()):
        """Every group row shown under *parent* (default: the whole tree) at any depth, parents first.

        Found through the model's list of groups, not by visiting rows: a filter
        change calls this twice, and asking each of 2,000 measure rows its kind
        took ~40 ms per keystroke.
        """
        lay = self.model.layout()
        under = self.model.key_of_index(self.proxy.mapToSource(parent)) if parent.isValid() else 0
        for key in range(1, len(lay.nos)):  # keys are in display order, parents first
            k = lay.parent_key[key]
            while k and k != under:
                k = lay.parent_key[k]
            if k != under:
                continue
            ix = self.proxy.group_index_of_key(key)
            if ix.isValid():
                yield ix

    def _expand_viewpoints(self, keep_collapsed: set | frozenset = frozenset()) -> None:
        """Open the group rows at every depth, except those numbered in *keep_collapsed* (measures
        have no children, so this is all of the tree; expandAll would also visit each measure row,
        ~0.1 s at 2,000 measures)."""
        for ix in list(self._group_rows()):
            if ix.data(ViewpointNoRole) not in keep_collapsed and not self.tree.isExpanded(ix):
                self.tree.expand(ix)

    def _before_rows_change(self, reset: bool = False) -> None:
        """The rows shown are about to change (rows removed and inserted, see MeasureFilterProxy;
        or all of them made anew, *reset*): which groups the user collapsed, and the current row."""
        self._collapsed_viewpoints = {ix.data(ViewpointNoRole) for ix in self._group_rows()
                                      if not self.tree.isExpanded(ix)}
        # While rows go, the view moves the current row to a neighbour: not the user's choice.
        self._current_node = self.proxy.node_of(self.tree.currentIndex()) or self._hidden_current
        if reset and self._current_node is not None and self._current_node[0] == "group":
            self._current_node = None  # group keys are positions: another group may hold them after
        self._selecting = True
        # Setting the current row again afterwards must not scroll to it (nor open its group).
        self._auto_scroll = self.tree.hasAutoScroll()
        self.tree.setAutoScroll(False)

    def _after_rows_change(self) -> None:
        """The rows shown changed: the current row stays when still shown (else there is none, and
        the measure shown stays: its row is the current row again once a change shows it), groups
        that come back (or new ones) are expanded, those the user collapsed stay collapsed."""
        try:
            current = self.proxy.index_of_node(self._current_node)
            selection = self.tree.selectionModel()
            if current != self.tree.currentIndex():
                if current.isValid():
                    selection.setCurrentIndex(current, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                              | QItemSelectionModel.SelectionFlag.Rows)
                else:
                    selection.clear()
            self._hidden_current = None if current.isValid() else self._current_node
        finally:
            self._selecting = False
            self._current_node = None
            self.tree.setAutoScroll(self._auto_scroll)
        self._expand_viewpoints(self._collapsed_viewpoints)
        if self.tree.isVisible():
            # Laid out now, not in the next paint: a layout inside the paint asks for another
            # paint of every row (the view updates its viewport at the end of a layout).
            self._lay_out_now()

    def _lay_out_now(self) -> None:
        """Lay the rows out before the paint, header included.

        A layout that shows or hides the vertical scroll bar changes the viewport's width, and the
        header stretches the title to it. Told of that through ``sectionResized``, the view would
        update its geometry and repaint the columns on a zero timer, i.e. after the paint this
        layout asked for: every row in view painted twice. The header's signals are held during
        the layout and the view is told here, before that paint (same widths, one paint).
        """
        header = self.tree.header()
        before = self._geometry()
        blocked = header.blockSignals(True)
        try:
            self.tree.executeDelayedItemsLayout()
            # The view shows or hides its scroll bars in a queued call: now, while the header is held.
            QCoreApplication.sendPostedEvents(self.tree, QEvent.Type.MetaCall)
        finally:
            header.blockSignals(blocked)
        if self._geometry() != before:
            # What the view does on the header's geometriesChanged and sectionResized.
            self.tree.updateGeometries()
            self._repaint_marks()

    def _geometry(self) -> tuple:
        """What decides the viewport's size and the columns' widths: the scroll bars shown (not the
        viewport's size: see _fetch_viewport) and the header's sections."""
        header = self.tree.header()
        return (self.tree.verticalScrollBar().isVisible(), self.tree.horizontalScrollBar().isVisible(),
                [header.sectionSize(c) for c in range(header.count())])

    # ============================================================ selection
    def select_measure(self, measure_id: str) -> bool:
        """Make *measure_id* the tree's current row when it is shown (else clear the selection).

        Does not emit :attr:`currentMeasureChanged`. False when the measure does not exist.
        """
        src = self.model.measure_index(measure_id)
        if not src.isValid():
            return False
        ix = self.proxy.mapFromSource(src)
        self._selecting = True
        try:
            if ix.isValid():
                self.tree.selectionModel().setCurrentIndex(
                    ix, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
                self.tree.scrollTo(ix)
                self._hidden_current = None
            else:  # no current row (not the one before: the keys would move from there)
                self.tree.selectionModel().clear()
                self._hidden_current = ("measure", measure_id)
        finally:
            self._selecting = False
        return True

    def reveal(self, measure_id: str) -> None:
        """Select *measure_id*, clearing the filters first when they hide it (a new or moved measure)."""
        src = self.model.measure_index(measure_id)
        if src.isValid() and not self.proxy.mapFromSource(src).isValid():
            self.clear_filters()
        self.select_measure(measure_id)

    def is_shown(self, measure_id: str) -> bool:
        src = self.model.measure_index(measure_id)
        return src.isValid() and self.proxy.mapFromSource(src).isValid()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._selecting:
            return
        self._hidden_current = None  # the user's choice
        m = self.model.measure_for(self.proxy.mapToSource(current))
        if m is not None:
            self.currentMeasureChanged.emit(m.id)

    def current_viewpoint(self) -> int | None:
        """The group row that is current in the tree, or None when a measure row (or nothing) is."""
        ix = self.tree.currentIndex()
        if ix.isValid() and ix.data(KindRole) == "viewpoint":
            return self.model.group_no_for(self.proxy.mapToSource(ix))
        return None

    def current_is_measure(self) -> bool:
        ix = self.tree.currentIndex()
        return ix.isValid() and ix.data(KindRole) == "measure"

    # ====================================================== visible measures
    def visible_measure_ids(self) -> list[str]:
        return self.proxy.visible_measure_ids()

    def visible_viewpoints(self) -> list[int]:
        """№ of the group rows shown, at every depth, in display order."""
        return self.proxy.visible_group_nos()

    def _schedule_visible_check(self, *args) -> None:
        if not self._visible_check_pending:
            self._visible_check_pending = True
            QTimer.singleShot(0, self.visible_may_have_changed)

    def _show_count(self, *args) -> None:
        self.count_label.show_count(len(self.proxy.visible_measure_ids()), len(self.document.data.measures),
                                    self.proxy.searching())

    def visible_may_have_changed(self, *args) -> None:
        """Recount (the label) and emit :attr:`visibleMeasuresChanged` when the shown measures changed."""
        self._visible_check_pending = False
        ids = self.proxy.visible_measure_ids()
        self._show_count()
        if ids != self._last_visible:
            self._last_visible = ids
            self.visibleMeasuresChanged.emit()
