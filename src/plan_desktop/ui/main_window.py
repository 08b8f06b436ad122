"""The main window: measure browser (left, ui/measure_browser.py), detail editor (centre), timeline dock (bottom).

Tree, editor and timeline never talk to each other about data: they all
follow ``PlanDocument.changed``. The window only relays *selection*
(``measureSelected`` / ``select_measure``) and the tree's filter result
(``visible_measure_ids`` / ``visibleMeasuresChanged``).
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from ..document.plan_document import Changes, ChangeSet, PlanDocument
from ..domain import groups as G
from ..domain.fiscal import current_fiscal_year, fy_label_with_western
from .detail_editor import DetailEditor
from .display_settings import stored_font_size
from .evaluation_mode_action import install_evaluation_mode_action
from .exchange_menu import install_exchange_actions
from .failure_reporter import connect_step_failures, run_edit
from .file_handling import FileHandling
from .file_watch import install_file_watch
from .first_paint import after_first_paint, in_turns
from .help_action import install_help_action
from .measure_browser import MeasureBrowser
from .printing import install_print_actions
from .review_view import install_review_actions
from .safety_dialogs import SafetyDialogs, install_safety_actions
from .screen_fit import available_area, first_window_geometry, is_small_screen
from .timeline import TimelineWidget
from .widgets import ElidedLabel

# The editor marks a search's matches (its tab titles' 「（一致）」, highlights in 課題, 推進内容
# and the action plan) this long after the last change of the terms: a keystroke lays out and
# paints the tree without the editor's tab bar and texts (which lay out the whole window), and
# typing a query marks the editor once, when it pauses, as the timeline follows the rows.
EDITOR_MARKS_DELAY_MS = 150

if TYPE_CHECKING:
    from collections.abc import Callable

    from .dialogs import AboutDialog, SettingsDialog
    from .field_binder import FieldBinder

KEY_GEOMETRY = "window/geometry"
KEY_STATE = "window/state"
# After the first frame is on the screen (and queued layouts have run), the rest of the plan is
# read (in steps of a few ms; ~0.3 s in all at 2,000 measures).
COMPLETE_LOAD_DELAY_MS = 50
# And the database's sqlite-utils wrapper is made, so that the first edit does not wait for it.
PREPARE_FOR_EDITS_DELAY_MS = 100
# And the automatic backup copied at open is checked and put in place, on another thread.
FINISH_BACKUP_DELAY_MS = 200
# And the integrity check that opening the file left for later runs, on another thread (every write
# waits for it): once the window has settled, not in the turns that finish the first frame.
CHECK_FILE_DELAY_MS = 100

KEY_SPLITTER = "window/splitter"
KEY_TREE_HEADER = "window/treeHeader"


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
        self.files = FileHandling(self, settings)
        # The file opened at start-up found damaged after the first frame (ui/late_damage.py): how it
        # is opened again (app.py: as at start-up, with its fallback), the document being recovered,
        # and the application's exit status when that left no file to show.
        self.reopen_after_damage: Callable[[Path], PlanDocument | None] = self._open_again
        self.damage_recovery_for: PlanDocument | None = None
        self.exit_status = 0

        self.browser = MeasureBrowser()
        self.left_pane = self.browser
        self.browser.currentMeasureChanged.connect(self._show_measure)
        self.browser.visibleMeasuresChanged.connect(self.visibleMeasuresChanged)
        # The editor marks what the search found (a match only inside 行動計画 is highlighted there),
        # when the typing pauses (see EDITOR_MARKS_DELAY_MS).
        self._editor_marks_timer = QTimer(self)
        self._editor_marks_timer.setSingleShot(True)
        self._editor_marks_timer.setInterval(EDITOR_MARKS_DELAY_MS)
        self._editor_marks_timer.timeout.connect(self.mark_search_in_editor)
        self.browser.searchTermsChanged.connect(lambda _terms: self._editor_marks_timer.start())
        self.browser.tree.customContextMenuRequested.connect(self._tree_context_menu)
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
        install_evaluation_mode_action(self)
        install_help_action(self)
        self._restore_window_state()

    # ================================================================ building
    # The browser's widgets, by the names the window had before the browser was its own class.
    tree = property(lambda self: self.browser.tree)
    search_box = property(lambda self: self.browser.search_box)
    count_label = property(lambda self: self.browser.count_label)
    priority_filter = property(lambda self: self.browser.priority_filter)
    viewpoint_filter = property(lambda self: self.browser.viewpoint_filter)
    department_filter = property(lambda self: self.browser.department_filter)
    year_filter = property(lambda self: self.browser.year_filter)
    rating_filter = property(lambda self: self.browser.rating_filter)
    progress_filter = property(lambda self: self.browser.progress_filter)
    phase_filter = property(lambda self: self.browser.phase_filter)
    title_delegate = property(lambda self: self.browser.title_delegate)
    model = property(lambda self: self.browser.model)
    proxy = property(lambda self: self.browser.proxy)

    def _build_status_bar(self) -> None:
        sb = self.statusBar()
        # Elided, never wider than the window; hidden while a message is shown so the two never overlap
        # (after a font change Qt could leave it visible under the message).
        self.path_label = ElidedLabel()
        self.path_label.setObjectName("pathLabel")
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.year_label = QLabel()
        self.year_label.setObjectName("fiscalYearLabel")
        sb.addWidget(self.path_label, 1)
        sb.addPermanentWidget(self.year_label)
        sb.messageChanged.connect(lambda message: self.path_label.setVisible(not message))

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
        self.act_new = self._action(self.tr("新規作成(&N)…"), self.files.new_file, K.New, name="actionNew",
                                    tip=self.tr("空の計画・同梱の見本・ファイル（JSON、構成テンプレート）から新しい計画ファイルを作成します"))
        self.act_open = self._action(self.tr("開く(&O)…"), self.files.open_file_dialog, K.Open, name="actionOpen")
        self.act_save_copy = self._action(self.tr("別名で保存(&A)…"), self.files.save_copy_dialog, K.SaveAs,
                                          name="actionSaveCopy",
                                          tip=self.tr("別の名前・場所に保存し、以後はそのファイルを編集します（元のファイルはそのまま残ります）"))
        self.act_quit = self._action(self.tr("終了(&X)"), self.close, K.Quit, name="actionQuit")
        if self.act_quit.shortcut().isEmpty():
            self.act_quit.setShortcut(QKeySequence("Ctrl+Q"))

        self.act_undo = self._action(self.tr("元に戻す(&U)"), self.undo, K.Undo, name="actionUndo")
        self.act_redo = self._action(self.tr("やり直し(&R)"), self.redo,
                                     [QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")], name="actionRedo")
        self.act_add = self._action(self.tr("事項の追加(&I)"), self.add_measure, "Ctrl+Shift+N", name="actionAddMeasure")
        self.act_duplicate = self._action(self.tr("事項の複製(&C)"), self.duplicate_measure, "Ctrl+D", name="actionDuplicateMeasure")
        self.act_delete = self._action(self.tr("事項の削除(&D)…"), self.delete_measure, K.Delete, name="actionDeleteMeasure")
        # Delete must not fire while typing in the editor: only when the tree has focus.
        self.act_delete.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.tree.addAction(self.act_delete)
        self.act_move_up = self._action(self.tr("上へ移動(&M)"), lambda: self.move_current(-1), "Ctrl+Up", name="actionMoveUp")
        self.act_move_down = self._action(self.tr("下へ移動(&W)"), lambda: self.move_current(+1), "Ctrl+Down", name="actionMoveDown")
        for a in (self.act_move_up, self.act_move_down):
            a.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.tree.addAction(a)
        self.act_renumber = self._action(self.tr("番号（№）を振り直す(&N)"), self.renumber, name="actionRenumber",
                                         tip=self.tr("表示順に №1 から番号を振り直します"))
        self.act_edit_title = self._action(self.tr("名称を編集(&T)"), self.edit_title, "F2", name="actionEditTitle")
        # F2 elsewhere keeps its usual meaning (editing an action item in place).
        self.act_edit_title.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.tree.addAction(self.act_edit_title)
        self.act_find = self._action(self.tr("検索(&F)"), self.focus_search, K.Find, name="actionFind")

        self.act_expand = self._action(self.tr("すべて展開(&X)"), lambda: self.tree.expandAll(), name="actionExpandAll")
        self.act_collapse = self._action(self.tr("すべて折りたたむ(&C)"), lambda: self.tree.collapseAll(), name="actionCollapseAll")
        self.act_zoom_in = self._action(self.tr("文字を大きく(&L)"), lambda: self.change_font_size(+1), K.ZoomIn, name="actionZoomIn")
        self.act_zoom_out = self._action(self.tr("文字を小さく(&M)"), lambda: self.change_font_size(-1), K.ZoomOut, name="actionZoomOut")
        self.act_settings = self._action(self.tr("設定(&S)…"), self.show_settings, K.Preferences, name="actionSettings")
        if self.act_settings.shortcut().isEmpty():
            self.act_settings.setShortcut(QKeySequence("Ctrl+,"))
        self.act_overview = self._action(self.tr("評価の概要（ダッシュボード）(&O)…"), self.show_evaluation_overview,
                                         "Ctrl+Shift+O", name="actionEvaluationOverview",
                                         tip=self.tr("年度ごとの評価の集計、着手率、未評価・遅れている事項"))
        self.act_history = self._action(self.tr("評価の履歴(&H)…"), lambda: self.show_evaluation_history(),
                                        "Ctrl+Shift+H", name="actionEvaluationHistory",
                                        tip=self.tr("選択中の事項の全年度の評価を並べて表示します"))
        self.act_rating_scale = self._action(self.tr("評価基準の設定(&S)…"), self.show_rating_scale,
                                             name="actionRatingScale")
        self.act_about = self._action(self.tr("バージョン情報(&A)…"), self.show_about, name="actionAbout")
        self.act_licences = self._action(self.tr("ライセンス(&L)…"), lambda: self.show_about(licence=True), name="actionLicences")
        self.act_about_qt = self._action(self.tr("Qt について(&Q)"), QApplication.aboutQt, name="actionAboutQt")
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
        self.recent_menu.aboutToShow.connect(lambda: self.files.fill_recent_menu(self.recent_menu))
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
        toggle.setText(self.tr("工程表を表示(&T)"))
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
        self._damage_reported: PlanDocument | None = None  # see report_damaged_file
        self.browser.set_document(document)

        old_editor = getattr(self, "editor", None)
        self.editor = DetailEditor(document)
        self.editor.when_evaluation_panel_built(lambda panel: panel.historyRequested.connect(self.show_evaluation_history))
        self.editor.set_search_terms(self.browser.proxy.search_terms())
        self.editor_host.layout().addWidget(self.editor)
        if old_editor is not None:
            old_editor.hide()
            old_editor.deleteLater()

        old_timeline = self.timeline
        self.timeline = TimelineWidget(document)
        self.timeline.measureSelected.connect(self.select_measure)
        if not self.isVisible():  # start-up: the chart is painted right after the first frame
            self.timeline.paint_body_after_first_paint(self)
        self.timeline_dock.setWidget(self.timeline)
        if old_timeline is not None:
            old_timeline.deleteLater()
        if self.browser.filtered():  # the filter kept from the file before (the browser told the old chart)
            self._sync_timeline_rows()

        document.changed.connect(self._document_changed)
        connect_step_failures(document, self)
        document.parts_unreadable.connect(self.report_damaged_file)
        document.period_filter_changed.connect(self._period_chosen)
        stack = document.undo_stack
        stack.canUndoChanged.connect(self.act_undo.setEnabled)
        stack.canRedoChanged.connect(self.act_redo.setEnabled)
        stack.undoTextChanged.connect(self._undo_text_changed)
        stack.redoTextChanged.connect(self._redo_text_changed)
        self.act_undo.setEnabled(stack.canUndo())
        self.act_redo.setEnabled(stack.canRedo())
        for a in (self.act_add, self.act_duplicate, self.act_delete, self.act_move_up, self.act_move_down, self.act_renumber):
            a.setEnabled(not document.readonly)

        self._apply_plan_words()
        self._update_title()
        self._update_status()
        first = self.browser.visible_measure_ids()
        if first:
            self.select_measure(first[0])
        self._report_backup_problem(document)
        # What the first frame did not need of the measures (storage/measure_parts.py) is read
        # right after it, in steps; anything that needs a part earlier reads it on the spot.
        after_first_paint(self, lambda: self.document is document and document.complete_load_in_steps(),
                          COMPLETE_LOAD_DELAY_MS)
        after_first_paint(self, lambda: self.document is document and in_turns(self, document.prepare_for_edits_steps()),
                          PREPARE_FOR_EDITS_DELAY_MS)
        # The integrity check of the file opened at start-up runs on another thread after the first
        # frame (storage/deferred_check.py); writes wait for it, a damaged file ends as the open of a
        # damaged file ends, with the recovery dialog (ui/late_damage.py).
        document.damage_found.connect(self._report_late_damage)
        document.check_undecided.connect(self._check_file_now)
        after_first_paint(self, lambda: self.document is document and document.check_file_in_background(),
                          CHECK_FILE_DELAY_MS)
        # The automatic backup copied at open is checked on another thread (storage/database.py).
        document.backup_failed.connect(self._report_late_backup_problem)
        after_first_paint(self, lambda: self.document is document and document.finish_backup_in_background(),
                          FINISH_BACKUP_DELAY_MS)
        self.documentChanged.emit(document)

    def report_damaged_file(self, error: Exception) -> None:
        """What was read after the first frame is damaged (storage/measure_parts.py: the steps, a row
        painted, a measure shown): the database check names the damage and points to バックアップから
        復元, as opening an eagerly read file offers recovery; never an unexpected error. Once per
        document (a row that cannot be painted fails on every repaint)."""
        from PySide6.QtWidgets import QMessageBox

        if self._damage_reported is self.document:
            return
        self._damage_reported = self.document
        if self.safety_actions.check():
            return
        QMessageBox.warning(self, SafetyDialogs.tr("ファイルが壊れています"), str(error))

    def _report_late_damage(self, error: Exception) -> None:
        """The integrity check after the first frame found the file damaged (queued from its thread):
        the window ends as the open of a damaged file ends, with its recovery dialog (ui/late_damage.py)."""
        from .late_damage import recover_from_late_damage

        document = self.sender()
        if self.document is document:
            recover_from_late_damage(self, document)

    def _check_file_now(self) -> None:
        """That check could not run on its own connection: run it here, on the document's, as the
        open would have (queued from its thread); damage ends as above."""
        from .late_damage import recover_from_late_damage

        document = self.sender()
        if self.document is document and document.check_file_now() is not None:
            recover_from_late_damage(self, document)

    def _open_again(self, path: Path) -> PlanDocument | None:
        """Open *path* as File → Open does (the lock, the check at open, the recovery of a damaged file)."""
        from .safety_dialogs import open_document_safely

        return open_document_safely(path, self)

    def _report_backup_problem(self, document: PlanDocument) -> None:
        """A failed automatic backup is shown in the window (status bar and a warning), never only logged."""
        problem = document.backup_problem
        if not problem:
            return
        from PySide6.QtWidgets import QMessageBox  # (its Python type is made on first use)

        title = self.tr("自動バックアップ")
        self.statusBar().showMessage(problem.splitlines()[0])
        QTimer.singleShot(0, lambda: QMessageBox.warning(self, title, problem))

    def _report_late_backup_problem(self, problem: str) -> None:
        """The automatic backup's check after the first frame failed (queued from its thread)."""
        from PySide6.QtWidgets import QMessageBox

        if self.isVisible() and self.document is self.sender():
            self.statusBar().showMessage(problem.splitlines()[0])
            QMessageBox.warning(self, self.tr("自動バックアップ"), problem)

    def _period_chosen(self, name: str | None) -> None:
        """Another period shown: the editor follows the tree (after the next-period wizard the
        tree shows the new period; the editor must not stay on a measure of the old one)."""
        self.proxy.update(period=name)
        visible = self.proxy.visible_measure_ids()
        current = self.editor.measure_id
        if current not in visible:
            if visible:
                self.select_measure(visible[0])
            else:
                self.editor.set_measure(None)

    def _undo_text_changed(self, what: str) -> None:
        self.act_undo.setText(self.tr("元に戻す: {what}").format(what=what) if what else self.tr("元に戻す(&U)"))

    def _redo_text_changed(self, what: str) -> None:
        self.act_redo.setText(self.tr("やり直し: {what}").format(what=what) if what else self.tr("やり直し(&R)"))

    def _document_changed(self, change: ChangeSet) -> None:
        self._update_title()
        if change.kind & Changes.PLAN:
            self._apply_plan_words()

    def _apply_plan_words(self) -> None:
        """Name the actions with the plan's own word for a measure (推進事項, 事業, …)."""
        word = self.document.data.terms.measure
        self.act_add.setText(self.tr("{word}の追加(&I)").format(word=word))
        self.act_duplicate.setText(self.tr("{word}の複製(&C)").format(word=word))
        self.act_delete.setText(self.tr("{word}の削除(&D)…").format(word=word))
        tip = self.tr("選択中の{word}の全年度の評価を並べて表示します").format(word=word)
        self.act_history.setToolTip(tip)
        self.act_history.setStatusTip(tip)

    # ===================================================== selection contract
    def current_measure_id(self) -> str | None:
        return self.editor.measure_id

    def select_measure(self, measure_id: str | None) -> None:
        """Select *measure_id* in the tree (if shown) and the editor; emits measureSelected."""
        if measure_id is not None and self.browser.select_measure(measure_id):
            self._show_measure(measure_id)

    def mark_search_in_editor(self) -> None:
        """The editor marks the search's current terms now (it follows them EDITOR_MARKS_DELAY_MS
        after the last change)."""
        self._editor_marks_timer.stop()
        self.editor.set_search_terms(self.browser.proxy.search_terms())

    def _show_measure(self, measure_id: str) -> None:
        if self.editor.measure_id == measure_id:
            return
        if self._editor_marks_timer.isActive():
            self.mark_search_in_editor()  # another measure is shown with the current terms at once
        self.editor.set_measure(measure_id)
        self.measureSelected.emit(measure_id)

    def _timeline_follow(self, measure_id: str) -> None:
        if self.timeline is not None:
            self.timeline.select_measure(measure_id)

    def _sync_timeline_rows(self) -> None:
        """The timeline shows the tree's rows: same filter, same order, same viewpoint headers."""
        if self.timeline is None:
            return
        if not self.browser.filtered():
            self.timeline.set_visible_measures(None)
            return
        self.timeline.set_visible_measures(self.browser.visible_measure_ids(), self.browser.visible_viewpoints())

    def visible_measure_ids(self) -> list[str]:
        return self.browser.visible_measure_ids()

    def _selected_measure_id(self) -> str | None:
        return self.editor.measure_id

    def _selected_viewpoint(self) -> int:
        vp = self.browser.current_viewpoint()
        if vp is not None:
            return vp
        mid = self._selected_measure_id()
        if mid is not None:
            return self.document.measure(mid).viewpoint
        return self.document.data.viewpoints[0].no

    # ================================================================ editing
    def _guard(self, fn, *args):
        """Run an edit; a refusal or failure goes to the failure reporter (never a crash, never silent)."""
        return run_edit(self, lambda: fn(*args)).value

    def commit_pending_input(self) -> int:
        """Store what is being typed here and in the evaluation mode window (Ctrl+S, closing).

        Returns how many fields still show typed text that was refused (red, not stored).
        """
        self.editor.commit_pending()
        mode = self._visible_evaluation_mode()
        if mode is not None:
            mode.panel.flush()
        return sum(len(b.refused_keys()) for b in self.input_binders())

    def input_binders(self) -> list[FieldBinder]:
        """The field binders of what can be typed in now: the editor, its evaluation panel, the
        evaluation mode window."""
        binders = [self.editor.binder]
        if self.editor.evaluation_panel_is_built():  # else nothing was typed there
            binders.append(self.editor.evaluation_panel.binder)
        mode = self._visible_evaluation_mode()
        if mode is not None:
            binders.append(mode.panel.binder)
        return binders

    def _visible_evaluation_mode(self):
        mode = getattr(self, "evaluation_mode_window", None)
        with contextlib.suppress(RuntimeError):  # the mode window was closed and deleted
            if mode is not None and mode.isVisible():
                return mode
        return None

    def undo(self) -> None:
        self.editor.commit_pending()  # typed text becomes a step of its own, then is undone
        self._guard(self.document.undo)  # never over changes made outside: the document re-reads first

    def redo(self) -> None:
        self.editor.commit_pending()
        self._guard(self.document.redo)

    def add_measure(self) -> None:
        after = self._selected_measure_id() if self.browser.current_is_measure() else None
        new_id = self._guard(self.document.add_measure, self._selected_viewpoint(), after,
                             self.tr("新しい{word}").format(word=self.document.data.terms.measure))
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
        from PySide6.QtWidgets import QMessageBox

        mid = self._selected_measure_id()
        if mid is None:
            return
        m = self.document.measure(mid)
        answer = QMessageBox.question(
            self, self.tr("{word}の削除").format(word=self.document.data.terms.measure),
            self.tr("{title}\n\nこの{word}を、年度別行動計画・工程・評価とあわせて削除しますか？\n"
                    "（「元に戻す」で取り消せます）").format(title=m.display_title, word=self.document.data.terms.measure),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        # Pick the neighbour to select afterwards (next visible, else previous).
        visible = self.browser.visible_measure_ids()
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
        vps = [n.group.no for n in G.preorder(self.document.data)]  # every group, in the tree's order
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
        """Number the measures 1..n in display order. Display codes are never changed: when some
        measures have one, say so and ask first (the № shows only where there is no code)."""
        from PySide6.QtWidgets import QMessageBox

        coded = [m for m in self.document.data.measures if m.code]
        if coded:
            word = self.document.data.terms.measure
            answer = QMessageBox.question(
                self, self.tr("番号（№）を振り直す"),
                self.tr("表示コードのある{word}が {n} 件あります（例: {example}）。\n"
                        "表示コードは変更せず、表示コードのない{word}の№と内部の番号だけを表示順に振り直します。"
                        "続けますか？").format(word=word, n=len(coded), example=coded[0].code),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return
        self._guard(self.document.renumber)

    def edit_title(self) -> None:
        if self._selected_measure_id() is not None:
            self.editor.focus_title()

    def focus_search(self) -> None:
        self.browser.focus_search()

    def clear_filters(self) -> None:
        self.browser.clear_filters()

    def _reveal(self, measure_id: str) -> None:
        self.browser.reveal(measure_id)  # a new or moved measure must not vanish behind a filter
        self._show_measure(measure_id)

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
    # File → New / Open / Save a copy / recent files: ui/file_handling.py.
    def open_file(self, path: Path) -> bool:
        return self.files.open_file(path)

    def new_file(self) -> None:
        self.files.new_file()

    def save_copy(self, target: Path) -> bool:
        return self.files.save_copy(target)

    def remember_file(self, path: Path | None) -> None:
        self.files.remember_file(path)

    def switch_document(self, doc: PlanDocument) -> None:
        """Show *doc* instead of the current document, which is closed."""
        old = self.document
        with contextlib.suppress(RuntimeError, TypeError):
            old.changed.disconnect(self._document_changed)
        self._attach_document(doc)
        old.close()
        old.deleteLater()
        self.remember_file(doc.path)

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
        from .display_settings import MAX_FONT_PT, MIN_FONT_PT

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
        self.browser.fit_status_columns()
        # Widgets with their own font (headings) follow the application font change.
        for w in app.allWidgets():
            if w.objectName() == "detailHeading":
                hf = f.__class__(f)
                hf.setPointSizeF(pt * 1.25)
                hf.setBold(True)
                w.setFont(hf)

    def show_settings(self) -> SettingsDialog:
        from .dialogs import SettingsDialog  # (with the widgets only the dialogs use: when opened)

        app = QApplication.instance()
        measures = self.document.data.measures
        sample = f"{self.document.data.terms.measure} {measures[0].display_title}" if measures else ""
        dlg = SettingsDialog(self.settings, app.font().pointSize(), self, sample=sample)

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

        dlg = EvaluationOverviewDialog(self.document, self.browser.default_year(), self)
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
        from .dialogs import AboutDialog

        dlg = AboutDialog(self.document.plan.title, self)
        if licence:
            dlg.tabs.setCurrentIndex(dlg.tabs.count() - 1)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.open()
        return dlg

    # ======================================================= window state
    def _restore_window_state(self) -> None:
        s = self.settings
        area = available_area(self)
        geo = s.value(KEY_GEOMETRY)
        if geo is not None:
            self.restoreGeometry(geo)
            self._fit_into(area)  # saved on a bigger screen
        else:
            self.setGeometry(first_window_geometry(area))
            if is_small_screen(area):
                self.setWindowState(Qt.WindowState.WindowMaximized)
        state = s.value(KEY_STATE)
        if state is not None:
            self.restoreState(state)
        split = s.value(KEY_SPLITTER)
        if split is not None:
            self.splitter.restoreState(split)
        else:
            width = min(self.width(), area.width())
            self.splitter.setSizes([width * 47 // 100, width - width * 47 // 100])
        header = s.value(KEY_TREE_HEADER)
        if header is not None:
            self.tree.header().restoreState(header)
            self.browser.fix_column_modes()
        pt = stored_font_size(s)
        if pt:
            self.apply_font_size(pt)
        if state is None:  # after the font: the dock's first height follows the text size
            self.resizeDocks([self.timeline_dock], [self.first_timeline_height(area)], Qt.Orientation.Vertical)

    def first_timeline_height(self, area) -> int:
        """The timeline dock's height when no layout was saved: header, a few rows and the legend at the
        current font — two measure rows on a laptop screen (the editor needs the room), four on a bigger
        one, below the group headings that come before the first measure (a nested plan has one per
        level) — never more than a third of the screen unless even one row needs more."""
        rows = (2 if is_small_screen(area) else 4) + self.timeline.headings_before_first_measure()
        style = self.timeline_dock.style()
        title = self.timeline_dock.fontMetrics().height() + 2 * style.pixelMetric(
            QStyle.PixelMetric.PM_DockWidgetTitleMargin, None, self.timeline_dock) + 4
        wanted = title + self.timeline.height_for_rows(rows)
        one_row = title + self.timeline.height_for_rows(1)
        return max(one_row, min(wanted, area.height() // 3))

    def _fit_into(self, area) -> None:
        """Shrink and move a restored window so that all of it is on the available screen."""
        if self.isMaximized():
            return
        g = self.geometry()
        width, height = min(g.width(), area.width()), min(g.height(), area.height())
        left = max(area.left(), min(g.left(), area.right() + 1 - width))
        top = max(area.top(), min(g.top(), area.bottom() + 1 - height))
        if (left, top, width, height) != (g.left(), g.top(), g.width(), g.height()):
            self.setGeometry(left, top, width, height)

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
