"""The evaluation mode: go through all measures of a year, one form after the other.

A window of its own (sized to the screen): the year and a department filter
on top; on the left every measure of the year with its state (未作成, 下書き,
所管課確定, 会議確定) and what is still missing (未入力); on the right the
evaluation form with the year's plan beside it and 「前へ」「次へ」「次の未入力へ」
above it (Ctrl+PgUp, Ctrl+PgDown, Ctrl+Shift+PgDown). Moving on stores what
was typed first, then puts the cursor in the first field of the next form.
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..document.plan_document import Changes, ChangeSet, PlanDocument
from ..domain import evaluation as rules
from ..domain.fiscal import current_fiscal_year, fy_label, fy_label_with_western
from ..domain.model import Measure
from .evaluation_workflow_bar import NOT_CREATED_COLOR, STATUS_COLORS
from .safety_dialogs import save_status_text
from .screen_fit import available_area, fit_to_screen

IdRole = Qt.ItemDataRole.UserRole + 30
COL_NO, COL_TITLE, COL_STATUS, COL_MISSING = range(4)
MISSING_COLOR = "#c0392b"


class EvaluationModeWindow(QWidget):
    """``measureChanged(id)`` when the form moves to another measure (the host may follow)."""

    measureChanged = Signal(str)

    def __init__(self, document: PlanDocument, fy: int | None = None, measure_id: str | None = None, parent=None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("evaluationModeWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._doc = document
        years = document.plan.fiscal_years
        if fy is None:
            fy = current_fiscal_year()
        self._fy = min(max(fy, years[0]), years[-1]) if years else fy
        self._build()
        document.changed.connect(self._on_changed)
        self._fill_years()
        self._fill_departments()
        self._fill_list()
        ids = self.listed_ids()
        self.go_to(measure_id if measure_id in ids else (ids[0] if ids else None), focus=False)
        self._update_title()
        area = available_area(parent)
        fit_to_screen(self, area.width(), area.height())

    # ------------------------------------------------------------ building
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 6)
        outer.setSpacing(4)
        top = QHBoxLayout()
        year_label = QLabel(self.tr("年度(&Y)"))
        self.year_combo = QComboBox()
        self.year_combo.setObjectName("modeYear")
        year_label.setBuddy(self.year_combo)
        self.year_combo.activated.connect(lambda i: self.set_fiscal_year(self.year_combo.itemData(i)))
        dept_label = QLabel(self.tr("担当部課(&D)"))
        self.department_combo = QComboBox()
        self.department_combo.setObjectName("modeDepartment")
        self.department_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.department_combo.setMinimumContentsLength(12)
        dept_label.setBuddy(self.department_combo)
        self.department_combo.currentIndexChanged.connect(lambda _i: self._fill_list())
        self.missing_only = QCheckBox(self.tr("未入力のみ(&M)"))
        self.missing_only.setObjectName("modeMissingOnly")
        self.missing_only.toggled.connect(lambda _on: self._fill_list())
        self.progress_label = QLabel()
        self.progress_label.setObjectName("modeProgress")
        for w in (year_label, self.year_combo, dept_label, self.department_combo, self.missing_only):
            top.addWidget(w)
        top.addStretch(1)
        top.addWidget(self.progress_label)
        outer.addLayout(top)
        # What Ctrl+S says (this window has no status bar); hidden again after a while.
        self.save_note = QLabel()
        self.save_note.setObjectName("modeSaveNote")
        self.save_note.setWordWrap(True)
        self.save_note.setStyleSheet("color: #1e6b3a;")
        self.save_note.hide()
        self._save_note_timer = QTimer(self)
        self._save_note_timer.setSingleShot(True)
        self._save_note_timer.timeout.connect(self.save_note.hide)
        outer.addWidget(self.save_note)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        self.list = QTreeWidget()
        self.list.setObjectName("modeMeasureList")
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setAlternatingRowColors(True)
        self.list.setHeaderLabels([self.tr("№"), self._doc.data.terms.measure, self.tr("状態"), self.tr("未入力")])
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        h = self.list.header()
        h.setStretchLastSection(False)
        h.setSectionResizeMode(COL_NO, QHeaderView.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        h.setSectionResizeMode(COL_STATUS, QHeaderView.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(COL_MISSING, QHeaderView.ResizeMode.ResizeToContents)
        self.list.currentItemChanged.connect(self._current_changed)
        split.addWidget(self.list)

        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.setSpacing(2)
        nav = QHBoxLayout()
        self.position_label = QLabel()
        self.position_label.setObjectName("modePosition")
        f = self.position_label.font()
        f.setBold(True)
        self.position_label.setFont(f)
        self.position_label.setTextFormat(Qt.TextFormat.PlainText)
        nav.addWidget(self.position_label, 1)
        self.prev_button = QPushButton(self.tr("← 前へ"))
        self.prev_button.setObjectName("modePrevious")
        self.prev_button.setToolTip(self.tr("前の{word}（Ctrl+PgUp）").format(word=self._doc.data.terms.measure))
        self.prev_button.clicked.connect(self.go_previous)
        self.next_button = QPushButton(self.tr("次へ →"))
        self.next_button.setObjectName("modeNext")
        self.next_button.setToolTip(self.tr("次の{word}（Ctrl+PgDown）").format(word=self._doc.data.terms.measure))
        self.next_button.clicked.connect(self.go_next)
        self.next_missing_button = QPushButton(self.tr("次の未入力へ ⇥"))
        self.next_missing_button.setObjectName("modeNextMissing")
        self.next_missing_button.setToolTip(self.tr("まだ入力が足りない次の{word}（Ctrl+Shift+PgDown）")
                                            .format(word=self._doc.data.terms.measure))
        self.next_missing_button.clicked.connect(self.go_next_missing)
        for b in (self.prev_button, self.next_button, self.next_missing_button):
            b.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            nav.addWidget(b)
        rl.addLayout(nav)
        from .evaluation_panel import EvaluationPanel  # not at import: the main window starts without it

        self.panel = EvaluationPanel(self._doc, placement="beside")
        self.panel.set_year_chooser_visible(False)
        self.panel.set_fiscal_year(self._fy)
        rl.addWidget(self.panel, 1)
        split.addWidget(right)
        split.setStretchFactor(0, 0)
        split.setStretchFactor(1, 1)
        width = available_area(self.parentWidget()).width()
        split.setSizes([max(260, width // 4), width - max(260, width // 4)])
        outer.addWidget(split, 1)
        self.splitter = split

        for keys, slot in ((QKeySequence("Ctrl+PgUp"), self.go_previous), (QKeySequence("Ctrl+PgDown"), self.go_next),
                           (QKeySequence("Ctrl+Shift+PgDown"), self.go_next_missing)):
            sc = QShortcut(keys, self)
            sc.setContext(Qt.ShortcutContext.WindowShortcut)
            sc.activated.connect(slot)
        help_key = QShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents), self)
        help_key.activated.connect(self._open_help)
        save_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        save_key.activated.connect(self.save)

    # ------------------------------------------------------------- filling
    def _fill_years(self) -> None:
        with QSignalBlocker(self.year_combo):
            self.year_combo.clear()
            for fy in self._doc.plan.fiscal_years:
                self.year_combo.addItem(fy_label_with_western(fy), fy)
            self.year_combo.setCurrentIndex(max(self.year_combo.findData(self._fy), 0))

    def _fill_departments(self) -> None:
        keep = self.department_combo.currentData()
        with QSignalBlocker(self.department_combo):
            self.department_combo.clear()
            self.department_combo.addItem(self.tr("すべての担当部課"), None)
            for d in sorted(self._doc.data.departments):
                self.department_combo.addItem(d, d)
            self.department_combo.setCurrentIndex(max(self.department_combo.findData(keep), 0))

    def _measures(self) -> list[Measure]:
        """The measures of the chosen department that run in the year (or already have its evaluation):
        one that ended early is neither listed nor counted as 未入力 in the years after."""
        dept = self.department_combo.currentData()
        fy = self._fy
        return [m for m in self._doc.measures() if (dept is None or dept in m.departments)
                and (m.active_in(fy) or m.evaluation_for(fy) is not None)]

    def _fill_list(self) -> None:
        current = self.panel.measure_id() if hasattr(self, "panel") else None
        measures = self._measures()
        missing_only = self.missing_only.isChecked()
        done = 0
        with QSignalBlocker(self.list):
            self.list.clear()
            for m in measures:
                e = m.evaluation_for(self._fy)
                missing = rules.missing_inputs(e)
                done += not missing
                if missing_only and not missing and m.id != current:
                    continue
                code = e.status if e is not None else None
                status = self._doc.data.terms.status_label(code) if code is not None else self.tr("未作成")
                item = QTreeWidgetItem([m.label, m.display_title.split(" ", 1)[-1], status,
                                        self.tr("未入力") if missing else self.tr("済")])
                item.setData(COL_NO, IdRole, m.id)
                item.setTextAlignment(COL_NO, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                item.setForeground(COL_STATUS, QBrush(QColor(STATUS_COLORS.get(code or "", NOT_CREATED_COLOR))))
                item.setForeground(COL_MISSING, QBrush(QColor(MISSING_COLOR if missing else "#1e8449")))
                item.setToolTip(COL_TITLE, m.display_title)
                if missing:
                    item.setToolTip(COL_MISSING, self.tr("未入力: {0}").format("、".join(missing)))
                self.list.addTopLevelItem(item)
            self._select_in_list(current)
        self.progress_label.setText(self.tr("{0}：入力済み {1} / {2} 件").format(fy_label(self._fy), done, len(measures)))
        self._update_position()

    def _select_in_list(self, measure_id: str | None) -> None:
        for i in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(i)
            if item.data(COL_NO, IdRole) == measure_id:
                with QSignalBlocker(self.list):
                    self.list.setCurrentItem(item)
                self.list.scrollToItem(item)
                return

    # ----------------------------------------------------------- queries
    def fiscal_year(self) -> int:
        return self._fy

    def listed_ids(self) -> list[str]:
        return [self.list.topLevelItem(i).data(COL_NO, IdRole) for i in range(self.list.topLevelItemCount())]

    def current_measure_id(self) -> str | None:
        return self.panel.measure_id()

    # ------------------------------------------------------------ moving
    def set_fiscal_year(self, fy: int) -> None:
        if fy is None or fy == self._fy:
            return
        self._fy = fy
        self.panel.set_fiscal_year(fy)
        with QSignalBlocker(self.year_combo):
            self.year_combo.setCurrentIndex(max(self.year_combo.findData(fy), 0))
        self._fill_list()
        self._update_title()

    def go_to(self, measure_id: str | None, *, focus: bool = True) -> None:
        if measure_id is None:
            self.panel.set_measure(None)
            self._update_position()
            return
        self.panel.set_measure(measure_id)  # stores what was typed in the previous form first
        self._select_in_list(measure_id)
        self._update_position()
        if focus:
            first = self.panel.first_editable_field()
            if first is not None:
                first.setFocus(Qt.FocusReason.OtherFocusReason)
        self.measureChanged.emit(measure_id)

    def _step(self, delta: int) -> bool:
        ids = self.listed_ids()
        if not ids:
            return False
        current = self.panel.measure_id()
        i = ids.index(current) if current in ids else -1
        j = i + delta
        if not 0 <= j < len(ids):
            return False
        self.go_to(ids[j])
        return True

    def go_next(self) -> bool:
        return self._step(+1)

    def go_previous(self) -> bool:
        return self._step(-1)

    def go_next_missing(self) -> bool:
        """The next measure (after the current one, wrapping round) with something still to fill in."""
        self.panel.flush()
        ids = self.listed_ids()
        current = self.panel.measure_id()
        start = ids.index(current) + 1 if current in ids else 0
        for mid in ids[start:] + ids[:start]:
            if mid != current and rules.missing_inputs(self._doc.measure(mid).evaluation_for(self._fy)):
                self.go_to(mid)
                return True
        self.position_label.setText(self.tr("{0}の未入力はありません").format(fy_label(self._fy)))
        return False

    def _current_changed(self, current: QTreeWidgetItem | None, _previous) -> None:
        if current is not None:
            self.go_to(current.data(COL_NO, IdRole), focus=False)

    def _update_position(self) -> None:
        ids = self.listed_ids()
        current = self.panel.measure_id()
        i = ids.index(current) if current in ids else -1
        self.prev_button.setEnabled(i > 0)
        self.next_button.setEnabled(0 <= i < len(ids) - 1)
        m = self.panel.measure()
        self.position_label.setText(f"{i + 1} / {len(ids)}　{m.display_title}" if m is not None and i >= 0
                                    else (m.display_title if m is not None else ""))

    def _update_title(self) -> None:
        self.setWindowTitle(self.tr("評価の入力 — {0}").format(fy_label(self._fy)))

    def _on_changed(self, change: ChangeSet) -> None:
        if change.kind & (Changes.EVALUATION | Changes.PLAN | Changes.ADDED | Changes.REMOVED | Changes.MEASURE):
            if change.kind & Changes.PLAN:
                self._fill_departments()
            self._fill_list()

    def save(self) -> str:
        """Ctrl+S: store what is being typed and say that every edit is in the file (and the last backup)."""
        safety = getattr(self.parentWidget(), "safety_actions", None)
        if safety is not None:
            text = safety.save_status()  # stores this window's typing too
        else:
            self.panel.flush()
            text = save_status_text(self._doc, len(self.panel.binder.refused_keys()))
        self.save_note.setText(text)
        self.save_note.show()
        self._save_note_timer.start(15000)
        return text

    def _open_help(self) -> None:
        open_help = getattr(self.parentWidget(), "open_help", None)
        if callable(open_help):
            open_help("mode")

    def closeEvent(self, event) -> None:
        self.panel.flush()
        super().closeEvent(event)
