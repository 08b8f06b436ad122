"""The main window: measure tree + filters (left), detail editor (centre), timeline dock (bottom).

Tree, editor and timeline never talk to each other about data: they all
follow ``PlanDocument.changed``. The window only relays *selection*
(``measureSelected`` / ``select_measure``) and the tree's filter result
(``visible_measure_ids`` / ``visibleMeasuresChanged``).
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ..document.plan_document import ChangeSet, Changes, PlanDocument
from ..domain.fiscal import current_fiscal_year, fy_label_with_western
from ..domain.model import PROGRESS_STATES
from .detail_editor import DetailEditor
from .dialogs import AboutDialog, SettingsDialog, stored_font_size
from .highlight import TitleDelegate
from .measure_filter import NOT_SET, MeasureFilterProxy
from .measure_tree_model import (
    COL_DEPARTMENT,
    COL_PHASE,
    COL_RATING,
    COL_TITLE,
    KindRole,
    MeasureTreeModel,
    ViewpointNoRole,
)
from .exchange_menu import install_exchange_actions
from .failure_reporter import connect_step_failures, run_edit
from .printing import install_print_actions
from .review_view import install_review_actions
from .file_watch import install_file_watch
from .safety_dialogs import install_safety_actions, open_document_safely
from .timeline import TimelineWidget

KEY_GEOMETRY = "window/geometry"
KEY_STATE = "window/state"
KEY_SPLITTER = "window/splitter"
KEY_TREE_HEADER = "window/treeHeader"
KEY_LAST_FILE = "files/last"
KEY_RECENT = "files/recent"
MAX_RECENT = 8


def recent_files(settings: QSettings) -> list[str]:
    value = settings.value(KEY_RECENT, [])
    if isinstance(value, str):
        value = [value]
    return [str(v) for v in (value or []) if v]


class MainWindow(QMainWindow):
    measureSelected = Signal(str)
    visibleMeasuresChanged = Signal()
    documentChanged = Signal(object)  # the new PlanDocument after File > Open / New

    def __init__(self, document: PlanDocument, settings: QSettings, parent=None):
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.settings = settings
        self.document: PlanDocument = document
        self._busy = 0
        self._last_visible: list[str] = []
        self._selecting = False
        self._visible_check_pending = False

        self._build_left_pane()
        self.editor_host = QWidget()
        self.editor_host.setObjectName("editorHost")
        QVBoxLayout(self.editor_host).setContentsMargins(0, 0, 0, 0)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.left_pane)
        self.splitter.addWidget(self.editor_host)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([740, 660])
        self.setCentralWidget(self.splitter)

        self.timeline_dock = QDockWidget(self.tr("工程表"), self)
        self.timeline_dock.setObjectName("timelineDock")
        self.timeline_dock.setAllowedAreas(Qt.DockWidgetArea.BottomDockWidgetArea | Qt.DockWidgetArea.TopDockWidgetArea)
        self.timeline: TimelineWidget | None = None  # made per document in _attach_document
        self.visibleMeasuresChanged.connect(self._sync_timeline_rows)
        self.measureSelected.connect(self._timeline_follow)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.timeline_dock)

        self._build_status_bar()
        self._build_actions()
        self._build_menus()
        self._attach_document(document)
        install_print_actions(self)
        install_exchange_actions(self)
        install_safety_actions(self)
        install_review_actions(self)
        install_file_watch(self)
        self._restore_window_state()

    # ================================================================ building
    def _build_left_pane(self) -> None:
        self.left_pane = QWidget()
        self.left_pane.setObjectName("treePane")
        v = QVBoxLayout(self.left_pane)
        v.setContentsMargins(6, 6, 0, 6)
        v.setSpacing(4)

        row = QHBoxLayout()
        self.search_box = QLineEdit()
        self.search_box.setObjectName("searchBox")
        self.search_box.setPlaceholderText(self.tr("検索（名称・課題・推進内容・行動計画・担当部課）"))
        self.search_box.setClearButtonEnabled(True)
        row.addWidget(self.search_box, 1)
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        row.addWidget(self.count_label)
        v.addLayout(row)

        f1 = QHBoxLayout()
        self.priority_filter = QCheckBox(self.tr("【重点】のみ"))
        self.priority_filter.setObjectName("priorityFilter")
        f1.addWidget(self.priority_filter)
        self.viewpoint_filter = QComboBox()
        self.viewpoint_filter.setObjectName("viewpointFilter")
        f1.addWidget(self.viewpoint_filter, 1)
        self.department_filter = QComboBox()
        self.department_filter.setObjectName("departmentFilter")
        self.department_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.department_filter.setMinimumContentsLength(10)
        f1.addWidget(self.department_filter, 1)
        v.addLayout(f1)

        f2 = QHBoxLayout()
        self.year_filter = QComboBox()
        self.year_filter.setObjectName("yearFilter")
        self.year_filter.setToolTip(self.tr("工程・評価の列と、評価・取組状況・工程の絞り込みが対象とする年度"))
        f2.addWidget(self.year_filter)
        self.rating_filter = QComboBox()
        self.rating_filter.setObjectName("ratingFilter")
        f2.addWidget(self.rating_filter)
        self.progress_filter = QComboBox()
        self.progress_filter.setObjectName("progressFilter")
        f2.addWidget(self.progress_filter)
        self.phase_filter = QComboBox()
        self.phase_filter.setObjectName("phaseFilter")
        f2.addWidget(self.phase_filter)
        self.clear_filters_button = QPushButton(self.tr("条件をクリア"))
        self.clear_filters_button.setObjectName("clearFilters")
        f2.addWidget(self.clear_filters_button)
        f2.addStretch(1)
        v.addLayout(f2)

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
        self.tree.customContextMenuRequested.connect(self._tree_context_menu)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.title_delegate = TitleDelegate(lambda: self.proxy.search_terms() if hasattr(self, "proxy") else [], self.tree)
        self.tree.setItemDelegateForColumn(COL_TITLE, self.title_delegate)
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

    def _build_status_bar(self) -> None:
        sb = self.statusBar()
        self.path_label = QLabel()
        self.path_label.setObjectName("pathLabel")
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.year_label = QLabel()
        self.year_label.setObjectName("fiscalYearLabel")
        sb.addWidget(self.path_label, 1)
        sb.addPermanentWidget(self.year_label)

    def _action(self, text: str, slot, shortcut=None, *, name: str, tip: str = "") -> QAction:
        a = QAction(text, self)
        a.setObjectName(name)
        if shortcut is not None:
            if isinstance(shortcut, (list, tuple)):
                a.setShortcuts([QKeySequence(s) for s in shortcut])
            else:
                a.setShortcut(QKeySequence(shortcut))
        if tip:
            a.setStatusTip(tip)
        a.triggered.connect(slot)
        return a

    def _build_actions(self) -> None:
        K = QKeySequence.StandardKey
        self.act_new = self._action(self.tr("新規作成(&N)…"), self.new_file, K.New, name="actionNew",
                                    tip=self.tr("同梱の計画から新しい計画ファイルを作成します"))
        self.act_open = self._action(self.tr("開く(&O)…"), self.open_file_dialog, K.Open, name="actionOpen")
        self.act_save_copy = self._action(self.tr("別名で保存（コピー）(&A)…"), self.save_copy_dialog, K.SaveAs,
                                          name="actionSaveCopy", tip=self.tr("開いているファイルのコピーを保存します（編集は自動で保存されています）"))
        self.act_quit = self._action(self.tr("終了(&X)"), self.close, K.Quit, name="actionQuit")
        if self.act_quit.shortcut().isEmpty():
            self.act_quit.setShortcut(QKeySequence("Ctrl+Q"))

        self.act_undo = self._action(self.tr("元に戻す(&U)"), self.undo, K.Undo, name="actionUndo")
        self.act_redo = self._action(self.tr("やり直し(&R)"), self.redo,
                                     [QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")], name="actionRedo")
        self.act_add = self._action(self.tr("推進事項の追加(&I)"), self.add_measure, "Ctrl+Shift+N", name="actionAddMeasure")
        self.act_duplicate = self._action(self.tr("推進事項の複製(&C)"), self.duplicate_measure, "Ctrl+D", name="actionDuplicateMeasure")
        self.act_delete = self._action(self.tr("推進事項の削除(&D)…"), self.delete_measure, K.Delete, name="actionDeleteMeasure")
        # Delete must not fire while typing in the editor: only when the tree has focus.
        self.act_delete.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.tree.addAction(self.act_delete)
        self.act_move_up = self._action(self.tr("上へ移動"), lambda: self.move_current(-1), "Ctrl+Up", name="actionMoveUp")
        self.act_move_down = self._action(self.tr("下へ移動"), lambda: self.move_current(+1), "Ctrl+Down", name="actionMoveDown")
        for a in (self.act_move_up, self.act_move_down):
            a.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.tree.addAction(a)
        self.act_renumber = self._action(self.tr("番号（№）を振り直す"), self.renumber, name="actionRenumber",
                                         tip=self.tr("表示順に №1 から番号を振り直します"))
        self.act_edit_title = self._action(self.tr("名称を編集"), self.edit_title, "F2", name="actionEditTitle")
        # F2 elsewhere keeps its usual meaning (editing an action item in place).
        self.act_edit_title.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.tree.addAction(self.act_edit_title)
        self.act_find = self._action(self.tr("検索(&F)"), self.focus_search, K.Find, name="actionFind")

        self.act_expand = self._action(self.tr("すべて展開"), lambda: self.tree.expandAll(), name="actionExpandAll")
        self.act_collapse = self._action(self.tr("すべて折りたたむ"), lambda: self.tree.collapseAll(), name="actionCollapseAll")
        self.act_zoom_in = self._action(self.tr("文字を大きく"), lambda: self.change_font_size(+1), K.ZoomIn, name="actionZoomIn")
        self.act_zoom_out = self._action(self.tr("文字を小さく"), lambda: self.change_font_size(-1), K.ZoomOut, name="actionZoomOut")
        self.act_settings = self._action(self.tr("設定(&S)…"), self.show_settings, K.Preferences, name="actionSettings")
        if self.act_settings.shortcut().isEmpty():
            self.act_settings.setShortcut(QKeySequence("Ctrl+,"))
        self.act_overview = self._action(self.tr("評価の概要（ダッシュボード）(&O)…"), self.show_evaluation_overview,
                                         "Ctrl+Shift+O", name="actionEvaluationOverview",
                                         tip=self.tr("年度ごとの評価の集計、着手率、未評価・遅れている事項"))
        self.act_history = self._action(self.tr("評価の履歴(&H)…"), lambda: self.show_evaluation_history(),
                                        "Ctrl+Shift+H", name="actionEvaluationHistory",
                                        tip=self.tr("選択中の推進事項の全年度の評価を並べて表示します"))
        self.act_rating_scale = self._action(self.tr("評価基準の設定(&S)…"), self.show_rating_scale,
                                             name="actionRatingScale")
        self.act_about = self._action(self.tr("バージョン情報(&A)…"), self.show_about, name="actionAbout")
        self.act_licences = self._action(self.tr("ライセンス(&L)…"), lambda: self.show_about(licence=True), name="actionLicences")
        self.act_about_qt = self._action(self.tr("Qt について"), QApplication.aboutQt, name="actionAboutQt")
        for a in (self.act_new, self.act_open, self.act_save_copy, self.act_quit, self.act_undo, self.act_redo,
                  self.act_add, self.act_duplicate, self.act_find, self.act_zoom_in,
                  self.act_zoom_out, self.act_settings, self.act_renumber):
            self.addAction(a)

    def _build_menus(self) -> None:
        mb = self.menuBar()
        self.file_menu = mb.addMenu(self.tr("ファイル(&F)"))
        self.file_menu.setObjectName("fileMenu")
        self.file_menu.addAction(self.act_new)
        self.file_menu.addAction(self.act_open)
        self.recent_menu = self.file_menu.addMenu(self.tr("最近使ったファイル(&R)"))
        self.recent_menu.setObjectName("recentMenu")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.act_save_copy)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.act_quit)

        self.edit_menu = mb.addMenu(self.tr("編集(&E)"))
        self.edit_menu.setObjectName("editMenu")
        for a in (self.act_undo, self.act_redo):
            self.edit_menu.addAction(a)
        self.edit_menu.addSeparator()
        for a in (self.act_add, self.act_duplicate, self.act_delete):
            self.edit_menu.addAction(a)
        self.edit_menu.addSeparator()
        for a in (self.act_move_up, self.act_move_down, self.act_renumber):
            self.edit_menu.addAction(a)
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.act_edit_title)
        self.edit_menu.addAction(self.act_find)
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.act_rating_scale)

        self.view_menu = mb.addMenu(self.tr("表示(&V)"))
        self.view_menu.setObjectName("viewMenu")
        toggle = self.timeline_dock.toggleViewAction()
        toggle.setText(self.tr("工程表を表示"))
        self.view_menu.addAction(toggle)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.act_overview)
        self.view_menu.addAction(self.act_history)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.act_expand)
        self.view_menu.addAction(self.act_collapse)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.act_zoom_in)
        self.view_menu.addAction(self.act_zoom_out)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.act_settings)

        self.print_menu: QMenu = mb.addMenu(self.tr("印刷(&P)"))
        self.print_menu.setObjectName("printMenu")  # filled by ui.printing.install_print_actions

        self.help_menu = mb.addMenu(self.tr("ヘルプ(&H)"))
        self.help_menu.setObjectName("helpMenu")
        self.help_menu.addAction(self.act_about)
        self.help_menu.addAction(self.act_licences)
        self.help_menu.addAction(self.act_about_qt)

    # ============================================================ document
    def _attach_document(self, document: PlanDocument) -> None:
        self.document = document
        self.model = MeasureTreeModel(document, self)
        fy = self._default_year()
        self.model.set_fiscal_year(fy)
        self.proxy = MeasureFilterProxy(self.model, self)
        # Filters are set before the view sees the proxy, so the rows are
        # filtered, laid out and expanded once rather than once per criterion.
        self._fill_filter_choices()
        self.proxy.update(period=document.period_filter)
        old_sel = self.tree.selectionModel()
        self.tree.setModel(self.proxy)
        if old_sel is not None:
            old_sel.deleteLater()
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        for col in (COL_DEPARTMENT, COL_PHASE, COL_RATING):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(COL_DEPARTMENT, 170)
        self._fit_status_columns()
        self._expand_viewpoints()
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        for sig in (self.proxy.rowsInserted, self.proxy.rowsRemoved, self.proxy.rowsMoved,
                    self.proxy.modelReset, self.proxy.layoutChanged):
            # A filter change arrives as many row signals: recount once, after them.
            sig.connect(self._schedule_visible_check)
        self.proxy.rowsInserted.connect(self._expand_inserted)
        self.proxy.layoutAboutToBeChanged.connect(self._remember_collapsed)
        self.proxy.layoutChanged.connect(self._expand_after_relayout)
        self.proxy.modelReset.connect(lambda: self._expand_viewpoints())
        self.proxy.criteriaChanged.connect(self._visible_may_have_changed)
        self.proxy.criteriaChanged.connect(self.tree.viewport().update)

        old_editor = getattr(self, "editor", None)
        self.editor = DetailEditor(document)
        self.editor.evaluation_panel.historyRequested.connect(self.show_evaluation_history)
        self.editor_host.layout().addWidget(self.editor)
        if old_editor is not None:
            old_editor.hide()
            old_editor.deleteLater()

        old_timeline = self.timeline
        self.timeline = TimelineWidget(document)
        self.timeline.setMinimumHeight(160)
        self.timeline.measureSelected.connect(self.select_measure)
        self.timeline_dock.setWidget(self.timeline)
        if old_timeline is not None:
            old_timeline.deleteLater()

        document.changed.connect(self._document_changed)
        connect_step_failures(document, self)
        document.period_filter_changed.connect(lambda name: self.proxy.update(period=name))
        stack = document.undo_stack
        stack.canUndoChanged.connect(self.act_undo.setEnabled)
        stack.canRedoChanged.connect(self.act_redo.setEnabled)
        stack.undoTextChanged.connect(self._undo_text_changed)
        stack.redoTextChanged.connect(self._redo_text_changed)
        self.act_undo.setEnabled(stack.canUndo())
        self.act_redo.setEnabled(stack.canRedo())
        for a in (self.act_add, self.act_duplicate, self.act_delete, self.act_move_up, self.act_move_down, self.act_renumber):
            a.setEnabled(not document.readonly)

        self._update_title()
        self._update_status()
        self._visible_may_have_changed()
        first = self.proxy.visible_measure_ids()
        if first:
            self.select_measure(first[0])
        # Once the window is up, fold the search texts in idle time (see prewarm_search).
        QTimer.singleShot(300, self.proxy.prewarm_search)
        self._report_backup_problem(document)
        self.documentChanged.emit(document)

    def _report_backup_problem(self, document: PlanDocument) -> None:
        """A failed automatic backup is shown in the window (status bar and a warning), never only logged."""
        problem = document.backup_problem
        if not problem:
            return
        title = self.tr("自動バックアップ")
        self.statusBar().showMessage(self.tr("自動バックアップに失敗しました: {0}").format(problem))
        QTimer.singleShot(0, lambda: QMessageBox.warning(self, title, problem))

    def _fit_status_columns(self) -> None:
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

    def _undo_text_changed(self, what: str) -> None:
        self.act_undo.setText(self.tr("元に戻す: {what}").format(what=what) if what else self.tr("元に戻す(&U)"))

    def _redo_text_changed(self, what: str) -> None:
        self.act_redo.setText(self.tr("やり直し: {what}").format(what=what) if what else self.tr("やり直し(&R)"))

    def _default_year(self) -> int:
        plan = self.document.plan
        return min(max(current_fiscal_year(), plan.fy_start), plan.fy_end)

    def _fill_filter_choices(self) -> None:
        data = self.document.data
        combos = (self.viewpoint_filter, self.department_filter, self.year_filter, self.rating_filter,
                  self.progress_filter, self.phase_filter)
        keep = {c: c.currentData() for c in combos}
        for c in combos:
            c.blockSignals(True)
        try:
            self.viewpoint_filter.clear()
            self.viewpoint_filter.addItem(self.tr("すべての視点"), None)
            for vp in data.viewpoints:
                self.viewpoint_filter.addItem(self.tr("視点{no} {title}").format(no=vp.no, title=vp.title), vp.no)
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
            for p in PROGRESS_STATES:
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

    def _document_changed(self, change: ChangeSet) -> None:
        if change.kind & (Changes.PLAN | Changes.ADDED | Changes.REMOVED) or change.kind & Changes.MEASURE:
            departments = sorted(self.document.data.departments)
            shown = [self.department_filter.itemData(i) for i in range(1, self.department_filter.count())]
            if departments != shown or change.kind & Changes.PLAN:
                self._fill_filter_choices()
        self._update_title()
        self._visible_may_have_changed()

    def _expand_viewpoints(self, keep_collapsed: set | frozenset = frozenset()) -> None:
        """Open the viewpoint rows, except those numbered in *keep_collapsed* (measures have
        no children, so this is all of the tree; expandAll would also visit each measure row,
        ~0.1 s at 2,000 measures)."""
        for r in range(self.proxy.rowCount()):
            ix = self.proxy.index(r, 0)
            if ix.data(ViewpointNoRole) not in keep_collapsed and not self.tree.isExpanded(ix):
                self.tree.expand(ix)

    def _remember_collapsed(self, *args) -> None:
        self._collapsed_viewpoints = {
            self.proxy.index(r, 0).data(ViewpointNoRole) for r in range(self.proxy.rowCount())
            if not self.tree.isExpanded(self.proxy.index(r, 0))}

    def _expand_after_relayout(self, *args) -> None:
        """A big filter change re-lays the rows out at once (see MeasureFilterProxy.set_criteria):
        viewpoints that come back are expanded, as rows inserted one by one are."""
        self._expand_viewpoints(getattr(self, "_collapsed_viewpoints", frozenset()))

    def _expand_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        if not parent.isValid():
            for r in range(first, last + 1):
                self.tree.expand(self.proxy.index(r, 0))

    # ===================================================== selection contract
    def current_measure_id(self) -> str | None:
        return self.editor.measure_id

    def select_measure(self, measure_id: str | None) -> None:
        """Select *measure_id* in the tree (if shown) and the editor; emits measureSelected."""
        if measure_id is None:
            return
        src = self.model.measure_index(measure_id)
        if not src.isValid():
            return
        ix = self.proxy.mapFromSource(src)
        self._selecting = True
        try:
            if ix.isValid():
                self.tree.selectionModel().setCurrentIndex(
                    ix, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
                self.tree.scrollTo(ix)
            else:
                self.tree.selectionModel().clearSelection()
        finally:
            self._selecting = False
        self._show_measure(measure_id)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        src = self.proxy.mapToSource(current)
        m = self.model.measure_for(src)
        if m is not None:
            self._show_measure(m.id)

    def _show_measure(self, measure_id: str) -> None:
        if self.editor.measure_id == measure_id:
            return
        self.editor.set_measure(measure_id)
        self.measureSelected.emit(measure_id)

    def _timeline_follow(self, measure_id: str) -> None:
        if self.timeline is not None:
            self.timeline.select_measure(measure_id)

    def _sync_timeline_rows(self) -> None:
        """The timeline shows the tree's rows: same filter, same order, same viewpoint headers."""
        if self.timeline is None:
            return
        filtered = self.proxy.criteria.measure_criteria_active() or self.proxy.criteria.viewpoint is not None
        if not filtered:
            self.timeline.set_visible_measures(None)
            return
        viewpoints = [self.proxy.index(r, 0).data(ViewpointNoRole) for r in range(self.proxy.rowCount())]
        self.timeline.set_visible_measures(self.visible_measure_ids(), viewpoints)

    def visible_measure_ids(self) -> list[str]:
        return self.proxy.visible_measure_ids()

    def _schedule_visible_check(self, *args) -> None:
        if not self._visible_check_pending:
            self._visible_check_pending = True
            QTimer.singleShot(0, self._visible_may_have_changed)

    def _visible_may_have_changed(self, *args) -> None:
        self._visible_check_pending = False
        ids = self.proxy.visible_measure_ids()
        total = len(self.document.data.measures)
        self.count_label.setText(self.tr("{shown} / {total} 件").format(shown=len(ids), total=total))
        if ids != self._last_visible:
            self._last_visible = ids
            self.visibleMeasuresChanged.emit()

    def _selected_measure_id(self) -> str | None:
        return self.editor.measure_id

    def _selected_viewpoint(self) -> int:
        ix = self.tree.currentIndex()
        if ix.isValid() and ix.data(KindRole) == "viewpoint":
            return self.model.document.data.viewpoints[self.proxy.mapToSource(ix).row()].no
        mid = self._selected_measure_id()
        if mid is not None:
            return self.document.measure(mid).viewpoint
        return self.document.data.viewpoints[0].no

    # ================================================================ editing
    def _guard(self, fn, *args):
        """Run an edit; a refusal or failure goes to the failure reporter (never a crash, never silent)."""
        return run_edit(self, lambda: fn(*args)).value

    def undo(self) -> None:
        self.editor.commit_pending()  # typed text becomes a step of its own, then is undone
        self._guard(self.document.undo)  # never over changes made outside: the document re-reads first

    def redo(self) -> None:
        self.editor.commit_pending()
        self._guard(self.document.redo)

    def add_measure(self) -> None:
        ix = self.tree.currentIndex()
        after = self._selected_measure_id() if ix.isValid() and ix.data(KindRole) == "measure" else None
        new_id = self._guard(self.document.add_measure, self._selected_viewpoint(), after, self.tr("新しい推進事項"))
        if new_id:
            self._reveal(new_id)
            self.editor.focus_title()

    def duplicate_measure(self) -> None:
        mid = self._selected_measure_id()
        if mid is None:
            return
        new_id = self._guard(self.document.duplicate_measure, mid)
        if new_id:
            self._reveal(new_id)

    def delete_measure(self) -> None:
        mid = self._selected_measure_id()
        if mid is None:
            return
        m = self.document.measure(mid)
        answer = QMessageBox.question(
            self, self.tr("推進事項の削除"),
            self.tr("{title}\n\nこの推進事項を、年度別行動計画・工程・評価とあわせて削除しますか？\n"
                    "（「元に戻す」で取り消せます）").format(title=m.display_title),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        # Pick the neighbour to select afterwards (next visible, else previous).
        visible = self.proxy.visible_measure_ids()
        nxt = None
        if mid in visible:
            i = visible.index(mid)
            rest = visible[i + 1:] + visible[:i][::-1]
            nxt = rest[0] if rest else None
        self._guard(self.document.delete_measure, mid)
        if nxt is not None:
            self.select_measure(nxt)

    def move_current(self, delta: int) -> None:
        """Keyboard reordering; past the first/last row the measure moves to the neighbouring viewpoint."""
        mid = self._selected_measure_id()
        if mid is None:
            return
        m = self.document.measure(mid)
        vps = [v.no for v in self.document.data.viewpoints]
        siblings = [x.id for x in self.document.data.measures_in(m.viewpoint)]
        row = siblings.index(mid)
        target = row + delta
        if 0 <= target < len(siblings):
            self._guard(self.document.move_measure, mid, m.viewpoint, target)
        else:
            vi = vps.index(m.viewpoint) + delta
            if not 0 <= vi < len(vps):
                return
            dest = vps[vi]
            self._guard(self.document.move_measure, mid, dest, len(self.document.data.measures_in(dest)) if delta < 0 else 0)
        self._reveal(mid)

    def renumber(self) -> None:
        self._guard(self.document.renumber)

    def edit_title(self) -> None:
        if self._selected_measure_id() is not None:
            self.editor.focus_title()

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def _reveal(self, measure_id: str) -> None:
        src = self.model.measure_index(measure_id)
        if src.isValid() and not self.proxy.mapFromSource(src).isValid():
            self.clear_filters()  # a new or moved measure must not vanish behind a filter
        self.select_measure(measure_id)
        ix = self.proxy.mapFromSource(self.model.measure_index(measure_id))
        if ix.isValid():
            self.tree.selectionModel().setCurrentIndex(
                ix, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            self.tree.scrollTo(ix)

    def _tree_context_menu(self, pos) -> None:
        menu = QMenu(self)
        for a in (self.act_add, self.act_duplicate, self.act_delete, None, self.act_move_up, self.act_move_down,
                  None, self.act_edit_title):
            if a is None:
                menu.addSeparator()
            else:
                menu.addAction(a)
        menu.popup(self.tree.viewport().mapToGlobal(pos))

    # ================================================================= files
    def open_file(self, path: Path) -> bool:
        """Switch to another plan file; on failure the current file stays open."""
        path = Path(path)
        # Locking, the read-only offer and recovery of damaged files all happen here;
        # every refusal has been explained to the user when None comes back.
        doc = open_document_safely(path, self)
        if doc is None:
            return False
        self._switch_document(doc)
        return True

    def _switch_document(self, doc: PlanDocument) -> None:
        old = self.document
        with contextlib.suppress(RuntimeError, TypeError):
            old.changed.disconnect(self._document_changed)
        self._attach_document(doc)
        old.close()
        old.deleteLater()
        self.remember_file(doc.path)

    def _file_filter(self) -> str:
        return self.tr("計画ファイル (*.sqlite *.db);;すべてのファイル (*)")

    def open_file_dialog(self) -> None:
        start = str(self.document.path.parent) if self.document.path else ""
        path, _ = QFileDialog.getOpenFileName(self, self.tr("計画ファイルを開く"), start, self._file_filter())
        if path:
            self.open_file(Path(path))

    def new_file(self) -> None:
        from ..paths import template_db

        start = str(self.document.path.parent / self.tr("新しい計画.sqlite")) if self.document.path else ""
        path, _ = QFileDialog.getSaveFileName(self, self.tr("新しい計画ファイル"), start, self._file_filter())
        if not path:
            return
        target = Path(path)
        if target.suffix == "":
            target = target.with_suffix(".sqlite")
        if self.document.path is not None and target.resolve() == Path(self.document.path).resolve():
            QMessageBox.warning(self, self.tr("新規作成"), self.tr("開いているファイルと同じ名前は使えません。"))
            return
        self.set_busy(True)
        try:
            template = PlanDocument.open(template_db(), readonly=True)
            data = template.data
            template.close()
            doc = PlanDocument.create(target, data)
        except Exception as exc:  # noqa: BLE001 - any failure must reach the user, the current file stays open
            QMessageBox.critical(self, self.tr("作成できません"), self.tr("{path}\n\n{reason}").format(path=target, reason=exc))
            return
        finally:
            self.set_busy(False)
        self._switch_document(doc)

    def save_copy_dialog(self) -> None:
        start = ""
        if self.document.path:
            p = Path(self.document.path)
            start = str(p.with_name(p.stem + self.tr("_コピー") + p.suffix))
        path, _ = QFileDialog.getSaveFileName(self, self.tr("別名で保存（コピー）"), start, self._file_filter())
        if path:
            self.save_copy(Path(path))

    def save_copy(self, target: Path) -> bool:
        if self.document.path is not None and Path(target).resolve() == Path(self.document.path).resolve():
            QMessageBox.warning(self, self.tr("別名で保存"), self.tr("開いているファイル自身には保存できません。"))
            return False
        self.set_busy(True)
        try:
            self.document.save_copy(Path(target))
        except OSError as exc:
            QMessageBox.critical(self, self.tr("保存できません"), self.tr("{path}\n\n{reason}").format(path=target, reason=exc))
            return False
        finally:
            self.set_busy(False)
        self.statusBar().showMessage(self.tr("コピーを保存しました: {path}").format(path=target), 8000)
        return True

    def remember_file(self, path: Path | None) -> None:
        if path is None:
            return
        p = str(Path(path).resolve())
        recent = [r for r in recent_files(self.settings) if r != p]
        recent.insert(0, p)
        self.settings.setValue(KEY_RECENT, recent[:MAX_RECENT])
        self.settings.setValue(KEY_LAST_FILE, p)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = recent_files(self.settings)
        if not files:
            a = self.recent_menu.addAction(self.tr("（なし）"))
            a.setEnabled(False)
            return
        for i, f in enumerate(files, 1):
            a = self.recent_menu.addAction(f"&{i} {f}")
            a.setEnabled(Path(f).exists())
            a.triggered.connect(lambda _=False, f=f: self.open_file(Path(f)))

    # ============================================================ appearance
    def set_busy(self, busy: bool) -> None:
        """Marks the title bar (and cursor) while a long command runs; nests."""
        self._busy += 1 if busy else -1
        self._busy = max(self._busy, 0)
        if busy and self._busy == 1:
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        elif not busy and self._busy == 0:
            QApplication.restoreOverrideCursor()
        self._update_title()

    @contextlib.contextmanager
    def busy(self):
        self.set_busy(True)
        try:
            yield
        finally:
            self.set_busy(False)

    def _update_title(self) -> None:
        doc = self.document
        name = Path(doc.path).name if doc.path else self.tr("（無題）")
        parts = [name, doc.plan.title]
        title = " — ".join(parts)
        if doc.readonly:
            title += self.tr("（読み取り専用）")
        if self._busy:
            title = self.tr("⏳ 処理中… ") + title
        self.setWindowTitle(title)

    def _update_status(self) -> None:
        doc = self.document
        self.path_label.setText(self.tr("ファイル: {path}").format(path=doc.path or self.tr("（メモリ上）")))
        self.path_label.setToolTip(str(doc.path or ""))
        fy = current_fiscal_year()
        self.year_label.setText(self.tr("現在の年度: {year}").format(year=fy_label_with_western(fy)))

    def change_font_size(self, delta: int) -> None:
        from .dialogs import MAX_FONT_PT, MIN_FONT_PT

        app = QApplication.instance()
        pt = app.font().pointSize() + delta
        pt = max(MIN_FONT_PT, min(MAX_FONT_PT, pt))
        self.apply_font_size(pt)
        self.settings.setValue("ui/fontSize", pt)

    def apply_font_size(self, pt: int) -> None:
        app = QApplication.instance()
        if pt <= 0:
            return
        f = app.font()
        if f.pointSize() == pt:
            return
        f.setPointSize(pt)
        app.setFont(f)
        self._fit_status_columns()
        # Widgets with their own font (headings) follow the application font change.
        for w in app.allWidgets():
            if w.objectName() == "detailHeading":
                hf = f.__class__(f)
                hf.setPointSizeF(pt * 1.25)
                hf.setBold(True)
                w.setFont(hf)

    def show_settings(self) -> SettingsDialog:
        app = QApplication.instance()
        dlg = SettingsDialog(self.settings, app.font().pointSize(), self)

        def done(result: int) -> None:
            if result == SettingsDialog.DialogCode.Accepted:
                self.apply_font_size(dlg.font_size())
                if dlg.language_changed():
                    self.statusBar().showMessage(self.tr("表示言語は次回の起動から切り替わります。"), 10000)

        dlg.finished.connect(done)
        dlg.open()
        return dlg

    # ============================================================ evaluation
    def show_evaluation_overview(self):
        from .evaluation_overview import EvaluationOverviewDialog

        dlg = EvaluationOverviewDialog(self.document, self._default_year(), self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.measureActivated.connect(self.select_measure)
        dlg.show()
        return dlg

    def show_evaluation_history(self, measure_id: str | None = None):
        from .evaluation_history import EvaluationHistoryDialog

        measure_id = measure_id or self.current_measure_id()
        if measure_id is None:
            return None
        dlg = EvaluationHistoryDialog(self.document, measure_id, self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.fiscalYearActivated.connect(self.editor.evaluation_panel.set_fiscal_year)
        dlg.show()
        return dlg

    def show_rating_scale(self):
        from .rating_scale_dialog import RatingScaleDialog

        dlg = RatingScaleDialog(self.document, self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.open()
        return dlg

    def show_about(self, licence: bool = False) -> AboutDialog:
        dlg = AboutDialog(self.document.plan.title, self)
        if licence:
            dlg.tabs.setCurrentIndex(dlg.tabs.count() - 1)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.open()
        return dlg

    # ======================================================= window state
    def _restore_window_state(self) -> None:
        s = self.settings
        geo = s.value(KEY_GEOMETRY)
        if geo is not None:
            self.restoreGeometry(geo)
        else:
            self.resize(1400, 900)
        state = s.value(KEY_STATE)
        if state is not None:
            self.restoreState(state)
        else:
            self.resizeDocks([self.timeline_dock], [220], Qt.Orientation.Vertical)
        split = s.value(KEY_SPLITTER)
        if split is not None:
            self.splitter.restoreState(split)
        header = s.value(KEY_TREE_HEADER)
        if header is not None:
            h = self.tree.header()
            h.restoreState(header)
            # States saved by older versions may carry ResizeToContents (slow on big plans).
            h.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
            for col in (COL_DEPARTMENT, COL_PHASE, COL_RATING):
                h.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
        pt = stored_font_size(s)
        if pt:
            self.apply_font_size(pt)

    def save_window_state(self) -> None:
        s = self.settings
        s.setValue(KEY_GEOMETRY, self.saveGeometry())
        s.setValue(KEY_STATE, self.saveState())
        s.setValue(KEY_SPLITTER, self.splitter.saveState())
        s.setValue(KEY_TREE_HEADER, self.tree.header().saveState())
        self.remember_file(self.document.path)
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        # Commit the field being edited (focus-out may not come before the window goes).
        focus = QApplication.focusWidget()
        if focus is not None and self.isAncestorOf(focus):
            focus.clearFocus()
        self.save_window_state()
        super().closeEvent(event)
