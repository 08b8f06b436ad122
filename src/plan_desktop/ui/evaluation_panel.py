"""The evaluation form: one measure's evaluation for one fiscal year, beside (or above) that year's plan.

Every field commits when the user leaves it as one undoable document command
(through :class:`~.field_binder.FieldBinder`, shared with the detail editor).
A value that cannot be stored is shown in red with a Japanese message where
it was typed; the typed text stays, is remembered per measure and year while
it is wrong, and nothing is written until it is fixed. A 会議確定 record is
shown read-only (greyed fields, a banner saying where to unlock).

The form fits narrow panes: it is one column that only ever scrolls
vertically, long texts make their fields taller, and the workflow buttons
wrap. From :data:`WIDE_LAYOUT_MIN` pixels on, the year's plan stands beside
the form; below that it is a collapsible box above it.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QPalette, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..document.plan_document import Changes, ChangeSet, PlanDocument
from ..domain import evaluation as rules
from ..domain.fiscal import current_fiscal_year, fy_label, fy_range_label
from ..domain.model import Evaluation, Indicator, Measure
from .date_edit import DateEdit
from .evaluation_indicators import RATE_COLUMN as RATE_COLUMN  # re-exported for callers of the old module
from .evaluation_indicators import IndicatorEditor
from .evaluation_workflow_bar import EvaluationWorkflowBar
from .failure_reporter import run_edit
from .field_binder import FieldBinder
from .widgets import READ_ONLY_STYLE, ElidedLabel, ErrorLabel, GrowingTextEdit

#: From this panel width on, the year's plan stands beside the form.
WIDE_LAYOUT_MIN = 900
#: Below this form width, labels stand above their fields.
LABELS_ABOVE_BELOW = 520
#: The label column is as wide as this text (longer labels wrap).
LABEL_WIDTH_SAMPLE = "今年度の出発点（"


def _swatch(color: str) -> QIcon:
    pm = QPixmap(12, 12)
    pm.fill(QColor(color))
    return QIcon(pm)


class EvaluationPanel(QWidget):
    """Edit one measure's evaluation for a chosen fiscal year.

    Public: ``set_measure(id | None)``, ``measure_id()``, ``set_fiscal_year(fy)``,
    ``fiscal_year()``, ``evaluation()``, the workflow actions
    (``confirm_department``, ``confirm_council``, ``back_to_draft``,
    ``unlock``, ``relock``, ``delete_evaluation``, ``start_from_last_year``),
    ``set_plan_placement("auto" | "beside" | "above")`` and, for tests and
    the host, the widgets in ``texts``, ``combos``, ``dates``,
    ``indicator_table``, ``buttons`` and ``errors``; ``field_order()`` lists
    the input widgets in visual (and Tab) order.
    """

    fiscalYearChanged = Signal(int)
    historyRequested = Signal(str)  # measure id
    modeRequested = Signal(str, int)  # measure id, fiscal year: open the evaluation mode there

    TEXT_FIELDS = ("starting_point", "planned_actions", "achievements", "issues", "improvements", "self_comment",
                   "committee_opinion")

    def __init__(self, document: PlanDocument, parent=None, *, placement: str = "auto"):
        super().__init__(parent)
        self.setObjectName("evaluationPanel")
        self._doc = document
        self._measure_id: str | None = None
        years = document.plan.fiscal_years
        self._fy = min(max(current_fiscal_year(), years[0]), years[-1]) if years else current_fiscal_year()
        self._loading = False
        self._placement = placement
        self._beside: bool | None = None
        self._refused_status: str | None = None  # a refused 確定, re-checked as fields are filled in
        self.texts: dict[str, QPlainTextEdit | QLineEdit] = {}
        self.combos: dict[str, QComboBox] = {}
        self.dates: dict[str, DateEdit] = {}
        self.errors: dict[str, ErrorLabel] = {}
        self.binder = FieldBinder(stored=self._stored, store=self._store, parent=self)
        self._build()
        document.changed.connect(self._on_changed)
        self._load()

    # ------------------------------------------------------------ building
    def _labels(self) -> dict[str, str]:
        """Field labels; the stages' fields are named after the plan's own stages (PlanTerms.stages)."""
        t = self._doc.data.terms
        first = t.stage("first")
        middle = t.stage("middle")
        final = t.stage("final")
        first_name = first.short_name if first else self.tr("所管課")
        return {
            "starting_point": self.tr("今年度の出発点（前年度の課題）"),
            "planned_actions": self.tr("今年度の取組予定（前年度の改善策）"),
            "progress": self.tr("取組状況"),
            "rating": self.tr("進捗評価"),
            "achievements": self.tr("取組実績"),
            "indicators": self.tr("成果指標"),
            "issues": self.tr("課題"),
            "improvements": self.tr("改善策・次年度の取組"),
            "direction": self.tr("今後の方向性"),
            "self_rating": self.tr("{stage}の評価").format(stage=first_name),
            "self_comment": self.tr("{stage}のコメント").format(stage=first_name),
            "self_author": self.tr("記入者"),
            "self_date": self.tr("評価日"),
            "middle_rating": self.tr("{stage}の評価").format(stage=middle.short_name if middle else ""),
            "middle_opinion": self.tr("{stage}の意見").format(stage=middle.name if middle else ""),
            "middle_date": self.tr("評価日"),
            "council_rating": self.tr("{stage}の評価").format(stage=final.short_name if final else ""),
            "committee_opinion": self.tr("{stage}の意見").format(stage=final.name if final else ""),
            "council_date": self.tr("評価日"),
        }

    def _build(self) -> None:
        self.labels = self._labels()
        self._forms: list[QFormLayout] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        outer.setSpacing(4)

        self.bar = EvaluationWorkflowBar({
            "carry": self._on_carry_clicked, "department": self._on_department_clicked,
            "middle": self.confirm_middle, "council": self._on_council_clicked, "draft": self.back_to_draft, "unlock": self._on_unlock_clicked,
            "relock": self.relock, "delete": self._on_delete_clicked,
            "history": lambda: self._measure_id and self.historyRequested.emit(self._measure_id),
            "mode": lambda: self._measure_id and self.modeRequested.emit(self._measure_id, self._fy),
        })
        self.bar.yearChosen.connect(self.set_fiscal_year)
        self.buttons: dict[str, QPushButton] = dict(self.bar.buttons)
        self.year_combo = self.bar.year_combo
        self.status_label = self.bar.status_label
        self.workflow_error = self.bar.workflow_error
        self.lock_banner = self.bar.lock_banner
        outer.addWidget(self.bar)

        # --- the year's plan
        self.plan_box = QGroupBox()
        self.plan_box.setObjectName("evaluationPlanBox")
        self.plan_box.toggled.connect(self._plan_toggled)
        pl = QVBoxLayout(self.plan_box)
        pl.setContentsMargins(6, 4, 6, 6)
        self.plan_view = QTextBrowser()
        self.plan_view.setObjectName("evaluationPlanView")
        self.plan_view.setOpenLinks(False)
        self.plan_view.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # Tab goes through the fields only
        self.plan_view.viewport().installEventFilter(self)
        pl.addWidget(self.plan_view)
        # One line in place of the plan while the box is folded (a short screen keeps room for the fields).
        self.plan_summary = ElidedLabel(mode=Qt.TextElideMode.ElideRight)
        self.plan_summary.setObjectName("evaluationPlanSummary")
        grey = self.plan_summary.palette()  # a palette, not a style sheet: the label follows font changes
        grey.setColor(QPalette.ColorRole.WindowText, QColor("#555"))
        self.plan_summary.setPalette(grey)
        self.plan_summary.hide()
        pl.addWidget(self.plan_summary)
        self._plan_open_chosen: bool | None = None  # the user's own choice (ticked / unticked), kept
        self._plan_auto = False  # True while the panel itself folds or unfolds the box

        # --- the form: one column, scrolls vertically only
        form_host = QWidget()
        form_host.setObjectName("evaluationForm")
        form = QVBoxLayout(form_host)
        form.setContentsMargins(0, 0, 4, 0)
        self.form_layout = form

        start = self.start_box = QGroupBox(self.tr("今年度の出発点"))
        f = self._form(start)
        self._add_text(f, "starting_point", rows=2)
        self._add_text(f, "planned_actions", rows=2)
        form.addWidget(start)

        main = QGroupBox(self.tr("進捗状況の評価"))
        f = self._form(main)
        terms = self._doc.data.terms
        self._add_combo(f, "progress", [(x, x) for x in terms.progress_names], self.tr("（未選択）"))
        self.rating_definition = QLabel()
        self.rating_definition.setObjectName("ratingDefinition")
        self.rating_definition.setWordWrap(True)
        self.rating_definition.setStyleSheet("color: #555;")
        scale_button = QPushButton(self.tr("評価基準…"))
        scale_button.setObjectName("ratingScaleButton")
        scale_button.setToolTip(self.tr("評価の段階（記号・名称・定義・点数）を設定します"))
        scale_button.clicked.connect(self.open_rating_scale_dialog)
        self.buttons["scale"] = scale_button
        self._add_combo(f, "rating", [], self.tr("（未評価）"), beside=scale_button, below=self.rating_definition)
        self._add_text(f, "achievements", rows=3)
        self.indicators = IndicatorEditor(self._store_indicators, self.evaluation, self._draft_key)
        self.indicator_table = self.indicators.table
        self.errors["indicators"] = self.indicators.error
        self.buttons["add_indicator"] = self.indicators.add_button
        self.buttons["remove_indicator"] = self.indicators.remove_button
        f.addRow(self._label("indicators"), self.indicators)
        self._add_text(f, "issues", rows=2)
        self._add_text(f, "improvements", rows=2)
        self._add_combo(f, "direction", [(x, x) for x in terms.direction_names], self.tr("（未選択）"))
        form.addWidget(main)

        dept = self.first_stage_box = QGroupBox()
        f = self._form(dept)
        self._add_combo(f, "self_rating", [], self.tr("（未評価）"))
        self._add_text(f, "self_comment", rows=2)
        author = QLineEdit()
        author.setObjectName("evaluation_self_author")
        self.texts["self_author"] = author
        self._add_row(f, "self_author", author)
        self.binder.bind_line("self_author", author, self.errors["self_author"])
        self._add_date(f, "self_date")
        form.addWidget(dept)

        middle = self.middle_stage_box = QGroupBox()  # only for plans with three stages
        f = self._form(middle)
        self._add_combo(f, "middle_rating", [], self.tr("（未評価）"))
        self._add_text(f, "middle_opinion", rows=2)
        self._add_date(f, "middle_date")
        form.addWidget(middle)

        council = self.final_stage_box = QGroupBox()
        f = self._form(council)
        self._add_combo(f, "council_rating", [], self.tr("（未評価）"))
        self._add_text(f, "committee_opinion", rows=2)
        self._add_date(f, "council_date")
        form.addWidget(council)
        form.addStretch(1)

        scroll = QScrollArea()
        scroll.setObjectName("evaluationScroll")
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(form_host)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll = scroll
        self.form_host = form_host

        split = QSplitter(Qt.Orientation.Horizontal)
        split.setObjectName("evaluationSplitter")
        split.setChildrenCollapsible(False)
        split.addWidget(scroll)
        outer.addWidget(split, 1)
        self.splitter = split
        self.placeholder = QLabel()
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        outer.addWidget(self.placeholder)
        self._place_plan()
        self._set_tab_order()
        for edit in self.texts.values():
            if isinstance(edit, QPlainTextEdit):
                edit.cursorPositionChanged.connect(lambda e=edit: self._keep_cursor_visible(e))

    def _form(self, box: QGroupBox) -> QFormLayout:
        f = QFormLayout(box)
        f.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        f.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        f.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        f.setContentsMargins(8, 6, 8, 6)
        self._forms.append(f)
        return f

    def _label(self, key: str) -> QLabel:
        label = QLabel(self.labels[key])
        label.setObjectName(f"label_{key}")
        label.setWordWrap(True)
        # One label width for the whole form: long labels wrap onto two lines instead of widening it.
        label.setFixedWidth(self._label_width(label))
        return label

    @staticmethod
    def _label_width(label: QLabel) -> int:
        return label.fontMetrics().horizontalAdvance(LABEL_WIDTH_SAMPLE) + 4

    def _add_row(self, f: QFormLayout, key: str, widget: QWidget, below: QWidget | None = None,
                 beside: QWidget | None = None) -> None:
        holder = QWidget()
        lay = QVBoxLayout(holder)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(1)
        if beside is not None:
            row = QHBoxLayout()
            row.setContentsMargins(0, 0, 0, 0)
            row.addWidget(widget, 1)
            row.addWidget(beside)
            lay.addLayout(row)
        else:
            lay.addWidget(widget)
        if below is not None:
            lay.addWidget(below)
        err = ErrorLabel()
        err.setObjectName(f"error_{key}")
        lay.addWidget(err)
        self.errors[key] = err
        label = self._label(key)
        label.setBuddy(widget)
        f.addRow(label, holder)

    def _add_text(self, f: QFormLayout, key: str, rows: int) -> None:
        edit = GrowingTextEdit(min_lines=rows)
        edit.setObjectName(f"evaluation_{key}")
        self.texts[key] = edit
        self._add_row(f, key, edit)
        self.binder.bind_text(key, edit, self.errors[key])

    def _add_combo(self, f: QFormLayout, key: str, items: list[tuple[str, str]], empty: str,
                   below: QWidget | None = None, beside: QWidget | None = None) -> None:
        combo = QComboBox()
        combo.setObjectName(f"evaluation_{key}")
        combo.setProperty("emptyText", empty)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(8)
        combo.addItem(empty, None)
        for text, data in items:
            combo.addItem(text, data)
        self.combos[key] = combo
        self._add_row(f, key, combo, below, beside)
        self.binder.bind_combo(key, combo, self.errors[key])

    def _add_date(self, f: QFormLayout, key: str) -> None:
        d = DateEdit()
        d.setObjectName(f"evaluation_{key}")
        self.dates[key] = d
        self._add_row(f, key, d)
        self.binder.bind_date(key, d, self.errors[key])

    def field_order(self) -> list[QWidget]:
        """The input widgets of the form, top to bottom (the Tab order)."""
        w = self.texts
        c = self.combos
        terms = self._doc.data.terms
        middle = [c["middle_rating"], w["middle_opinion"], self.dates["middle_date"].line] \
            if terms.stage("middle") is not None else []
        final = [c["council_rating"], w["committee_opinion"], self.dates["council_date"].line] \
            if terms.stage("final") is not None else []
        return [w["starting_point"], w["planned_actions"], c["progress"], c["rating"], self.buttons["scale"],
                w["achievements"], self.indicator_table, self.buttons["add_indicator"],
                self.buttons["remove_indicator"], w["issues"], w["improvements"], c["direction"], c["self_rating"],
                w["self_comment"], w["self_author"], self.dates["self_date"].line, *middle, *final]

    def first_editable_field(self) -> QWidget | None:
        """Where the cursor goes when the form comes up (None while it is read-only)."""
        return self.texts["starting_point"] if self.is_editable() else None

    def set_year_chooser_visible(self, visible: bool) -> None:
        """Hide the year row (and the button to the evaluation mode) when the host is that mode."""
        self.bar.set_year_row_visible(visible)
        self.bar.buttons["mode"].setVisible(visible)

    def _set_tab_order(self) -> None:
        chain: list[QWidget] = [self.year_combo, *self.bar.buttons.values(), self.plan_box, *self.field_order()]
        for a, b in zip(chain, chain[1:]):
            QWidget.setTabOrder(a, b)

    # ------------------------------------------------------- plan placement
    def set_plan_placement(self, placement: str) -> None:
        """"beside" the form, "above" it, or "auto" (beside from WIDE_LAYOUT_MIN pixels on)."""
        self._placement = placement
        self._place_plan()

    def plan_beside(self) -> bool:
        return bool(self._beside)

    def _want_beside(self) -> bool:
        if self._placement == "auto":
            return self.width() >= WIDE_LAYOUT_MIN
        return self._placement == "beside"

    def _place_plan(self) -> None:
        beside = self._want_beside()
        if beside == self._beside:
            return
        self._beside = beside
        box = self.plan_box
        if beside:
            box.setCheckable(False)
            self.plan_view.show()
            self.plan_view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
            self.plan_view.setMinimumHeight(0)
            self.plan_view.setMaximumHeight(16777215)
            box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
            self.splitter.insertWidget(0, box)
            self.splitter.setStretchFactor(0, 2)
            self.splitter.setStretchFactor(1, 5)
            total = max(self.splitter.width(), WIDE_LAYOUT_MIN)
            self.splitter.setSizes([total * 2 // 7, total * 5 // 7])
        else:
            box.setCheckable(True)
            self._plan_auto = True
            try:
                box.setChecked(self._plan_open_chosen is not False)
            finally:
                self._plan_auto = False
            # Part of the one scrolling column: as tall as the plan, no scroll bar of its own.
            self.plan_view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            self.form_layout.insertWidget(0, box)
            QTimer.singleShot(0, self, self._fit_plan_view)  # dropped if the panel is deleted first
        box.show()

    def _plan_toggled(self, on: bool) -> None:
        folded = self.plan_box.isCheckable() and not on
        self.plan_view.setVisible(not folded)
        self.plan_summary.setVisible(folded)
        if not self._plan_auto and self.plan_box.isCheckable():
            self._plan_open_chosen = on  # from now on the user's choice, whatever the height

    def plan_folded(self) -> bool:
        """The plan above the form is folded to one summary line."""
        return self.plan_box.isCheckable() and not self.plan_box.isChecked()

    def _fields_room(self) -> int:
        """Height the first three fields of the form take (出発点, 取組予定, 取組状況), from the top of their box."""
        third = self.combos["progress"].parentWidget()
        return third.mapTo(self.form_host, third.rect().bottomLeft()).y() - self.start_box.y() + 8

    def _fold_plan_if_short(self, plan_height: int) -> None:
        """Above the form, on a short screen (laptop, large font), the plan starts folded so that the
        first fields are in view with it; once the user ticks or unticks the box, that choice stays."""
        if self._beside or self._plan_open_chosen is not None or not self.isVisible():
            return
        chrome = self.plan_box.sizeHint().height() - self.plan_box.layout().sizeHint().height() \
            + self.fontMetrics().height()
        fits = plan_height + chrome + self._fields_room() <= self.scroll.viewport().height()
        if self.plan_box.isChecked() != fits:
            self._plan_auto = True
            try:
                self.plan_box.setChecked(fits)
            finally:
                self._plan_auto = False

    def _fit_plan_view(self) -> None:
        if self._beside:
            return
        doc = self.plan_view.document()
        doc.setTextWidth(self.plan_view.viewport().width())
        height = max(int(doc.size().height()) + 2 * self.plan_view.frameWidth() + 4, 40)
        if height != self.plan_view.height() or self.plan_view.minimumHeight() != height:
            self.plan_view.setFixedHeight(height)
        self._fold_plan_if_short(height)

    def eventFilter(self, obj, event) -> bool:
        if obj is self.plan_view.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_plan_view()
        return False

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place_plan()
        self._fit_labels()
        self._fit_plan_view()

    def _fit_labels(self) -> None:
        policy = (QFormLayout.RowWrapPolicy.WrapAllRows if self.scroll.viewport().width() < LABELS_ABOVE_BELOW
                  else QFormLayout.RowWrapPolicy.DontWrapRows)
        for f in self._forms:
            if f.rowWrapPolicy() != policy:
                f.setRowWrapPolicy(policy)

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            for f in self._forms:
                for r in range(f.rowCount()):
                    item = f.itemAt(r, QFormLayout.ItemRole.LabelRole)
                    label = item.widget() if item is not None else None
                    if isinstance(label, QLabel):
                        label.setFixedWidth(self._label_width(label))
            QTimer.singleShot(0, self, self._fit_plan_view)  # dropped if the panel is deleted first

    def _keep_cursor_visible(self, edit: QPlainTextEdit) -> None:
        if not edit.hasFocus():
            return
        r = edit.cursorRect()
        p = edit.viewport().mapTo(self.form_host, r.center())
        self.scroll.ensureVisible(p.x(), p.y(), 0, r.height())

    # ------------------------------------------------------------- queries
    def document(self) -> PlanDocument:
        return self._doc

    def measure_id(self) -> str | None:
        return self._measure_id

    def measure(self) -> Measure | None:
        if self._measure_id is None:
            return None
        try:
            return self._doc.measure(self._measure_id)
        except LookupError:
            return None

    def fiscal_year(self) -> int:
        return self._fy

    def evaluation(self) -> Evaluation | None:
        m = self.measure()
        return m.evaluation_for(self._fy) if m else None

    def is_editable(self) -> bool:
        m = self.measure()
        e = self.evaluation()
        # a year outside the measure's active years is not evaluated (a record kept from before stays editable)
        return (m is not None and not self._doc.readonly and not rules.is_locked(e)
                and (m.active_in(self._fy) or e is not None))

    def error_text(self, key: str) -> str:
        err = self.errors.get(key)
        return err.text() if err is not None and not err.isHidden() else ""

    def has_pending_input(self) -> bool:
        """True while some typed value is wrong and therefore not stored yet."""
        return self.indicators.has_pending_input()

    def _draft_key(self) -> tuple[str, int] | None:
        return (self._measure_id, self._fy) if self._measure_id else None

    # ------------------------------------------------------------- setting
    def set_measure(self, measure_id: str | None) -> None:
        if measure_id == self._measure_id:
            return
        self.flush()
        self._measure_id = measure_id
        self._refused_status = None
        self._load(force=True)

    def set_fiscal_year(self, fy: int) -> None:
        if fy is None or fy == self._fy:
            return
        self.flush()
        self._fy = fy
        self._refused_status = None
        self._load(force=True)
        self.fiscalYearChanged.emit(fy)

    def flush(self) -> None:
        """Commit fields typed into and not yet stored (focus may still be inside)."""
        if self._loading or not self.is_editable():
            return
        self.binder.flush()

    # ------------------------------------------------------------- commits
    def _stored(self, key: str):
        e = self.evaluation()
        return getattr(e if e is not None else Evaluation(fy=self._fy), key)

    def _store(self, key: str, value) -> bool:
        return self._doc.set_evaluation_fields(self._measure_id, self._fy,
                                               self.tr("{0}の変更").format(self.labels[key]), **{key: value})

    def _store_indicators(self, indicators: list[Indicator], text: str) -> bool:
        return self._doc.set_evaluation_fields(self._measure_id, self._fy, text, indicators=indicators)

    def commit_field(self, key: str) -> bool:
        """Store one field as shown in its widget, as one undo step; the problem is shown inline on failure."""
        return self.binder.commit(key)

    def commit_indicators(self, text: str | None = None) -> bool:
        return self.indicators.commit(text)

    def add_indicator(self) -> bool:
        if not self.is_editable():
            return False
        self.flush()
        return self.indicators.add()

    def remove_indicator(self, row: int | None = None) -> bool:
        if not self.is_editable():
            return False
        return self.indicators.remove(row)

    def _run(self, action, status: str | None = None) -> bool:
        """Run a workflow action, showing a refusal above the form."""
        if self._measure_id is None:
            return False
        self.flush()
        if not run_edit(self, action, label=self.workflow_error).ok:
            self._refused_status = status
            return False
        self._refused_status = None
        self.workflow_error.show_message("")
        return True

    def _status(self, status: str) -> bool:
        return self._run(lambda: self._doc.set_evaluation_status(self._measure_id, self._fy, status),
                         status)

    def confirm_department(self) -> bool:
        """Confirm the first stage (with one stage only, this is the final confirmation)."""
        return self._status(self._doc.data.terms.status_codes[1])

    def confirm_middle(self) -> bool:
        return self._status(rules.MIDDLE_CONFIRMED)

    def confirm_council(self) -> bool:
        return self._status(rules.COUNCIL_CONFIRMED)

    def back_to_draft(self) -> bool:
        """One stage back (to 下書き from the first stage)."""
        e = self.evaluation()
        codes = self._doc.data.terms.status_codes
        if e is None or e.status not in codes or e.status == rules.DRAFT:
            return False
        return self._status(codes[codes.index(e.status) - 1])

    def unlock(self, reason: str = "") -> bool:
        return self._run(lambda: self._doc.unlock_evaluation(self._measure_id, self._fy, reason))

    def relock(self) -> bool:
        return self._run(lambda: self._doc.lock_evaluation(self._measure_id, self._fy))

    def delete_evaluation(self) -> bool:
        return self._run(lambda: self._doc.delete_evaluation(self._measure_id, self._fy))

    def start_from_last_year(self) -> bool:
        return self._run(lambda: self._doc.start_evaluation_from_last_year(self._measure_id, self._fy))

    def open_rating_scale_dialog(self) -> None:
        from .rating_scale_dialog import RatingScaleDialog

        RatingScaleDialog(self._doc, self).exec()

    def _recheck_refusal(self) -> None:
        """A refused 確定 says what is still missing, and nothing once it is all there."""
        if self._refused_status is None:
            return
        e = self.evaluation()
        problems = rules.transition_problems(e, self._refused_status, self._doc.data.terms) if e is not None else []
        if e is not None and e.status == self._refused_status:
            problems = []
        if problems:
            self.workflow_error.show_message("\n".join(problems))
        else:
            self._refused_status = None
            self.workflow_error.show_message("")

    # Dialog hooks (tests replace these).
    def ask(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def ask_unlock_reason(self) -> str | None:
        text, ok = QInputDialog.getText(self, self.tr("ロック解除"),
                                        self.tr("{0}の評価のロックを解除します。理由を入力してください（変更履歴に記録されます）。")
                                        .format(self._final_label()))
        return text.strip() if ok else None

    def _final_label(self) -> str:
        return self._doc.data.terms.status_label(rules.COUNCIL_CONFIRMED)

    def _on_council_clicked(self) -> None:
        label = self._final_label()
        if self.ask(label, self.tr("{0}にすると、ロックを解除するまで編集できなくなります。確定しますか？").format(label)):
            self.confirm_council()

    def _on_department_clicked(self) -> None:
        if len(self._doc.data.terms.stages) == 1:  # the only stage: confirming locks, so ask as for the last stage
            self._on_council_clicked_single()
        else:
            self.confirm_department()

    def _on_council_clicked_single(self) -> None:
        label = self._final_label()
        if self.ask(label, self.tr("{0}にすると、ロックを解除するまで編集できなくなります。確定しますか？").format(label)):
            self.confirm_department()

    def _on_unlock_clicked(self) -> None:
        reason = self.ask_unlock_reason()
        if reason is not None:
            self.unlock(reason)

    def _on_delete_clicked(self) -> None:
        if self.ask(self.tr("評価の削除"), self.tr("{0}の評価を削除しますか？（元に戻すことができます）").format(fy_label(self._fy))):
            self.delete_evaluation()

    def _on_carry_clicked(self) -> None:
        e = self.evaluation()
        if e is not None and (e.starting_point or e.planned_actions):
            if not self.ask(self.tr("前年度から開始"),
                            self.tr("今年度の出発点と取組予定を前年度の課題・改善策で置き換えますか？")):
                return
        self.start_from_last_year()

    # ------------------------------------------------------------- loading
    def _on_changed(self, change: ChangeSet) -> None:
        relevant = Changes.EVALUATION | Changes.PLAN | Changes.SCHEDULE | Changes.MEASURE | Changes.REMOVED
        if not change.kind & relevant:
            return
        if change.measure_ids and self._measure_id not in change.measure_ids and not change.kind & Changes.PLAN:
            return
        self._load()

    def _load(self, *, force: bool = False) -> None:
        """Show the stored values; *force* (another measure or year) also replaces typed-in text."""
        self._loading = True
        try:
            self._load_inner(force)
        finally:
            self._loading = False

    def _apply_plan_words(self) -> None:
        """Stage boxes, field labels, option lists and the workflow buttons in the plan's own words."""
        t = self._doc.data.terms
        self.labels = self._labels()
        for key, text in self.labels.items():
            label = self.findChild(QLabel, f"label_{key}")
            if label is not None and label.text() != text:
                label.setText(text)
        first, middle, final = t.stage("first"), t.stage("middle"), t.stage("final")
        self.first_stage_box.setTitle(self.tr("{stage}の自己評価").format(stage=first.name if first else ""))
        self.middle_stage_box.setTitle(self.tr("{stage}の評価").format(stage=middle.name if middle else ""))
        self.final_stage_box.setTitle(self.tr("{stage}の評価").format(stage=final.name if final else ""))
        self.middle_stage_box.setVisible(middle is not None)
        self.final_stage_box.setVisible(final is not None)
        self.placeholder.setText(self.tr("{word}を選択してください").format(word=t.measure))
        for key, names in (("progress", t.progress_names), ("direction", t.direction_names)):
            combo = self.combos[key]
            if [combo.itemData(i) for i in range(1, combo.count())] != names:
                with QSignalBlocker(combo):
                    while combo.count() > 1:
                        combo.removeItem(1)
                    for name in names:
                        combo.addItem(name, name)
        self.bar.set_terms(t)
        if getattr(self, "_tab_stages", None) != len(t.stages):
            self._tab_stages = len(t.stages)
            self._set_tab_order()

    def _load_inner(self, force: bool) -> None:
        doc = self._doc
        self._apply_plan_words()
        m = self.measure()
        if m is None:
            self._measure_id = None
        self.bar.fill_years(doc.plan.fiscal_years, self._clamp_year(), m, doc.data.rating_scale)
        self.splitter.setVisible(m is not None)
        self.placeholder.setVisible(m is None)
        self.binder.set_context(self._draft_key())
        if m is None:
            self.bar.clear()
            for b in self.buttons.values():
                b.setEnabled(False)
            return
        e = m.evaluation_for(self._fy)
        shown = e or Evaluation(fy=self._fy)
        editable = self.is_editable()
        self._fill_scale_combos()
        self._load_plan_view(m)
        self.bar.show_state(m, self._fy, e, readonly=doc.readonly, editable=editable)
        if not m.active_in(self._fy) and e is None:
            self.bar.show_inactive(self.tr("{year}は実施期間外です（評価しません）。実施期間は基本情報で変更できます。")
                                   .format(year=fy_label(self._fy)))
        self.buttons["scale"].setEnabled(not doc.readonly)
        for d in self.dates.values():
            d.set_fiscal_year(self._fy)
        self.binder.load({key: getattr(shown, key) for key in self.binder.fields}, force=force)
        self.binder.set_editable(editable)
        self.form_host.setStyleSheet("" if editable else READ_ONLY_STYLE)
        level = rules.rating_level(doc.data.rating_scale, shown.rating)
        self.rating_definition.setText(level.definition if level else "")
        self.rating_definition.setVisible(bool(level and level.definition))
        self.indicators.load(shown)
        self.indicators.set_editable(editable)
        self._recheck_refusal()

    def _clamp_year(self) -> int:
        years = self._doc.plan.fiscal_years
        if years and not years[0] <= self._fy <= years[-1]:
            self._fy = min(max(self._fy, years[0]), years[-1])
        return self._fy

    def _fill_scale_combos(self) -> None:
        scale = self._doc.data.rating_scale
        colors = rules.rating_colors(scale)
        for key in ("rating", "self_rating", "middle_rating", "council_rating"):
            combo = self.combos[key]
            wanted = [(rules.rating_text(scale, r.letter), r.letter) for r in scale]
            have = [(combo.itemText(i), combo.itemData(i)) for i in range(1, combo.count())]
            if have == wanted:
                continue
            with QSignalBlocker(combo):
                while combo.count() > 1:
                    combo.removeItem(1)
                for r in scale:
                    combo.addItem(_swatch(colors[r.letter]), rules.rating_text(scale, r.letter), r.letter)
                    combo.setItemData(combo.count() - 1, r.definition, Qt.ItemDataRole.ToolTipRole)

    def _load_plan_view(self, m: Measure) -> None:
        fy = self._fy
        self.plan_box.setTitle(self.tr("{0}の計画").format(fy_label(fy)))
        esc = html.escape
        parts = [f"<p><b>{esc(m.display_title)}</b></p>"]
        phase = m.phase_in(fy)
        colors = {p.name: p.color for p in self._doc.data.phases}
        # tr() outside the f-strings: lupdate does not look inside them
        phase_label = self.tr("工程")
        if phase:
            parts.append(f"<p>{esc(phase_label)}: <span style='background:{esc(colors.get(phase, '#888'))};"
                         f"color:white'>&nbsp;{esc(phase)}&nbsp;</span></p>")
        else:
            no_phase = self.tr("（この年度の工程はありません）")
            parts.append(f"<p>{esc(phase_label)}: {esc(no_phase)}</p>")
        blocks = m.blocks_for(fy)
        plan_label = self.tr("年度別行動計画")
        parts.append(f"<p><b>{esc(plan_label)}</b></p>")
        if not blocks:
            no_plan = self.tr("この年度を含む行動計画はありません")
            parts.append(f"<p style='color:#777'>{esc(no_plan)}</p>")
        for b in blocks:
            parts.append(f"<p style='color:#555'>{esc(fy_range_label(b.fy_from, b.fy_to))}</p>")
            for item in b.items:
                parts.append(f"<p style='margin-left:8px; margin-top:2px; margin-bottom:0'>◆ "
                             f"{esc(item.text).replace(chr(10), '<br>')}</p>")
                parts += [f"<p style='margin-left:24px; margin-top:0; margin-bottom:0'>・{esc(sub)}</p>" for sub in item.sub]
        prev = rules.previous_evaluation(m, fy)
        if prev is not None:
            heading = self.tr("{0}の評価").format(fy_label(prev.fy))
            rating = rules.rating_text(self._doc.data.rating_scale, prev.rating) or self.tr("未評価")
            parts.append(f"<hr><p><b>{esc(heading)}</b> {esc(rating)}</p>")
            for label, text in ((self.tr("課題"), prev.issues), (self.tr("改善策・次年度の取組"), prev.improvements)):
                if text:
                    parts.append(f"<p><span style='color:#555'>{esc(label)}</span><br>{esc(text).replace(chr(10), '<br>')}</p>")
        html_text = "".join(parts)
        self.plan_summary.setText(self._plan_summary_text(m))
        if html_text == getattr(self, "_plan_html", None):
            return
        self._plan_html = html_text
        scroll = self.plan_view.verticalScrollBar().value()
        self.plan_view.setHtml(html_text)
        self.plan_view.verticalScrollBar().setValue(scroll)
        self._fit_plan_view()

    def _plan_summary_text(self, m: Measure) -> str:
        """The folded plan in one line: the year's phase, how many items the plan has, the first of them."""
        fy = self._fy
        items = [item for b in m.blocks_for(fy) for item in b.items]
        parts = [self.tr("工程: {phase}").format(phase=m.phase_in(fy) or self.tr("なし"))]
        if items:
            first = items[0].text.splitlines()[0] if items[0].text else ""
            parts.append(self.tr("行動計画 {count} 項目: ◆ {first}").format(count=len(items), first=first))
        else:
            parts.append(self.tr("この年度を含む行動計画はありません"))
        return self.tr("（チェックで表示）") + " " + "　".join(parts)
