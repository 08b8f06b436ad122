"""The evaluation tab: one measure's evaluation for one fiscal year, beside that year's plan.

Every field commits on ``editingFinished`` (combo boxes on ``activated``) as
one undoable document command. A value that cannot be stored (an indicator
number that is not a number, a target of 0) is shown in red with a Japanese
message where it was typed; the typed text stays, is remembered per measure
and year while it is wrong, and nothing is written until it is fixed.
A 会議確定 record is shown read-only until it is unlocked.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QDate, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..document.plan_document import ChangeSet, Changes, PlanDocument
from ..domain import evaluation as rules
from ..domain.fiscal import current_fiscal_year, fy_label, fy_label_with_western
from ..domain.model import DIRECTIONS, PROGRESS_STATES, Evaluation, Indicator, Measure
from ..domain.validation import ValidationError
from .widgets import CommitTextEdit, ErrorLabel

ERROR_STYLE = "border: 1px solid #c0392b; background-color: #fdecea;"
ERROR_BRUSH = QBrush(QColor("#fdecea"))
IdRole = Qt.ItemDataRole.UserRole + 20
STATUS_COLORS = {rules.DRAFT: "#7f8c8d", rules.DEPARTMENT_CONFIRMED: "#2471a3", rules.COUNCIL_CONFIRMED: "#1e8449"}

# Indicator table columns: key, header, numeric
INDICATOR_COLUMNS = (("name", "指標名", False), ("unit", "単位", False), ("baseline", "基準値", True),
                     ("target", "目標値", True), ("actual", "実績値", True))
RATE_COLUMN = len(INDICATOR_COLUMNS)


class OptionalDateEdit(QWidget):
    """A date field that may be empty (未設定); ``value()`` is an ISO date or None."""

    editingFinished = Signal()
    _EMPTY = QDate(1900, 1, 1)

    def __init__(self, parent=None):
        super().__init__(parent)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.edit = QDateEdit()
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd")
        self.edit.setMinimumDate(self._EMPTY)
        self.edit.setSpecialValueText(self.tr("未設定"))
        self.edit.setDate(self._EMPTY)
        self.edit.editingFinished.connect(self.editingFinished)
        self.edit.calendarWidget().clicked.connect(lambda _d: self.editingFinished.emit())
        self.era = QLabel()
        self.era.setStyleSheet("color: #555;")
        self.clear_button = QToolButton()
        self.clear_button.setText("×")
        self.clear_button.setToolTip(self.tr("日付を消す"))
        self.clear_button.clicked.connect(self._clear)
        self.edit.dateChanged.connect(self._show_era)
        lay.addWidget(self.edit)
        lay.addWidget(self.clear_button)
        lay.addWidget(self.era)
        lay.addStretch(1)

    def value(self) -> str | None:
        d = self.edit.date()
        return None if d == self._EMPTY else d.toString("yyyy-MM-dd")

    def set_value(self, value: str | None) -> None:
        with QSignalBlocker(self.edit):
            self.edit.setDate(QDate.fromString(value, "yyyy-MM-dd") if value else self._EMPTY)
        self._show_era()

    def set_editable(self, editable: bool) -> None:
        self.edit.setReadOnly(not editable)
        self.clear_button.setEnabled(editable)
        self.edit.setCalendarPopup(editable)

    def _clear(self) -> None:
        if self.value() is not None:
            self.set_value(None)
            self.editingFinished.emit()

    def _show_era(self) -> None:
        from ..domain.fiscal import date_label
        import datetime as _dt

        v = self.value()
        self.era.setText(date_label(_dt.date.fromisoformat(v)) if v else "")


def _swatch(color: str) -> QIcon:
    pm = QPixmap(12, 12)
    pm.fill(QColor(color))
    return QIcon(pm)


class EvaluationPanel(QWidget):
    """Edit one measure's evaluation for a chosen fiscal year.

    Public: ``set_measure(id | None)``, ``measure_id()``, ``set_fiscal_year(fy)``,
    ``fiscal_year()``, ``evaluation()``, the workflow actions
    (``confirm_department``, ``confirm_council``, ``back_to_draft``,
    ``unlock``, ``relock``, ``delete_evaluation``, ``start_from_last_year``)
    and, for tests and the host, the widgets in ``texts``, ``combos``,
    ``dates``, ``indicator_table``, ``buttons`` and ``errors``.
    """

    fiscalYearChanged = Signal(int)
    historyRequested = Signal(str)  # measure id

    TEXT_FIELDS = ("starting_point", "planned_actions", "achievements", "issues", "improvements", "self_comment",
                   "committee_opinion")

    def __init__(self, document: PlanDocument, parent=None):
        super().__init__(parent)
        self.setObjectName("evaluationPanel")
        self._doc = document
        self._measure_id: str | None = None
        years = document.plan.fiscal_years
        self._fy = min(max(current_fiscal_year(), years[0]), years[-1]) if years else current_fiscal_year()
        self._loading = False
        self._table_drafts: dict[tuple[str, int], list[list[str]]] = {}
        self.texts: dict[str, QPlainTextEdit | QLineEdit] = {}
        self.combos: dict[str, QComboBox] = {}
        self.dates: dict[str, OptionalDateEdit] = {}
        self.errors: dict[str, ErrorLabel] = {}
        self.buttons: dict[str, QPushButton] = {}
        self._build()
        document.changed.connect(self._on_changed)
        self._load()

    # ------------------------------------------------------------ building
    def _labels(self) -> dict[str, str]:
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
            "self_rating": self.tr("所管課の評価"),
            "self_comment": self.tr("所管課のコメント"),
            "self_author": self.tr("記入者"),
            "self_date": self.tr("評価日"),
            "council_rating": self.tr("会議の評価"),
            "committee_opinion": self.tr("推進協議会・所長会議の意見"),
            "council_date": self.tr("評価日"),
        }

    def _build(self) -> None:
        self.labels = self._labels()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)

        # --- top bar: year, status, workflow
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("年度")))
        self.year_combo = QComboBox()
        self.year_combo.setObjectName("evaluationYear")
        self.year_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.year_combo.activated.connect(lambda i: self.set_fiscal_year(self.year_combo.itemData(i)))
        bar.addWidget(self.year_combo)
        self.status_label = QLabel()
        self.status_label.setObjectName("evaluationStatus")
        bar.addWidget(self.status_label)
        bar.addStretch(1)
        for key, text, slot, tip in (
            ("carry", self.tr("前年度から開始"), self._on_carry_clicked,
             self.tr("前年度の課題を今年度の出発点に、改善策を今年度の取組予定に引き継ぎます")),
            ("department", self.tr("所管課確定"), self.confirm_department, self.tr("所管課の評価を確定します")),
            ("council", self.tr("会議確定"), self._on_council_clicked,
             self.tr("推進協議会・所長会議の評価で確定し、編集できないようにします")),
            ("draft", self.tr("下書きに戻す"), self.back_to_draft, self.tr("所管課確定を取り消して下書きに戻します")),
            ("unlock", self.tr("ロック解除…"), self._on_unlock_clicked,
             self.tr("会議確定の評価を編集できるようにします（変更履歴に記録されます）")),
            ("relock", self.tr("再ロック"), self.relock, self.tr("会議確定の評価を再び編集できないようにします")),
            ("delete", self.tr("削除"), self._on_delete_clicked, self.tr("この年度の評価を削除します")),
            ("history", self.tr("履歴"), lambda: self._measure_id and self.historyRequested.emit(self._measure_id),
             self.tr("全年度の評価を並べて表示します")),
        ):
            b = QPushButton(text)
            b.setToolTip(tip)
            b.clicked.connect(lambda _=False, s=slot: s())
            self.buttons[key] = b
            bar.addWidget(b)
        outer.addLayout(bar)
        self.workflow_error = ErrorLabel()
        outer.addWidget(self.workflow_error)
        self.lock_banner = QLabel()
        self.lock_banner.setObjectName("evaluationLockBanner")
        self.lock_banner.setWordWrap(True)
        outer.addWidget(self.lock_banner)

        # --- body: plan for the year | form
        split = QSplitter(Qt.Orientation.Horizontal)
        self.plan_box = QGroupBox()
        pl = QVBoxLayout(self.plan_box)
        self.plan_view = QTextBrowser()
        self.plan_view.setObjectName("evaluationPlanView")
        self.plan_view.setOpenLinks(False)
        pl.addWidget(self.plan_view)
        split.addWidget(self.plan_box)

        form_host = QWidget()
        form = QVBoxLayout(form_host)
        form.setContentsMargins(0, 0, 6, 0)

        start = QGroupBox(self.tr("今年度の出発点"))
        f = self._form(start)
        self._add_text(f, "starting_point", rows=2)
        self._add_text(f, "planned_actions", rows=2)
        form.addWidget(start)

        main = QGroupBox(self.tr("進捗状況の評価"))
        f = self._form(main)
        self._add_combo(f, "progress", [(s, s) for s in PROGRESS_STATES], self.tr("（未選択）"))
        self.rating_definition = QLabel()
        self.rating_definition.setWordWrap(True)
        self.rating_definition.setStyleSheet("color: #555;")
        self._add_combo(f, "rating", [], self.tr("（未評価）"), below=self.rating_definition)
        scale_button = QToolButton()
        scale_button.setText(self.tr("評価基準…"))
        scale_button.setToolTip(self.tr("評価の段階（記号・名称・定義・点数）を設定します"))
        scale_button.clicked.connect(self.open_rating_scale_dialog)
        self.buttons["scale"] = scale_button
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        holder_layout = self.combos["rating"].parentWidget().layout()
        holder_layout.removeWidget(self.combos["rating"])
        row.addWidget(self.combos["rating"], 1)
        row.addWidget(scale_button)
        holder_layout.insertLayout(0, row)
        self._add_text(f, "achievements", rows=3)
        f.addRow(self.labels["indicators"], self._build_indicators())
        self._add_text(f, "issues", rows=2)
        self._add_text(f, "improvements", rows=2)
        self._add_combo(f, "direction", [(d, d) for d in DIRECTIONS], self.tr("（未選択）"))
        form.addWidget(main)

        stages = QHBoxLayout()
        dept = QGroupBox(self.tr("所管課の自己評価"))
        f = self._form(dept)
        self._add_combo(f, "self_rating", [], self.tr("（未評価）"))
        self._add_text(f, "self_comment", rows=2)
        author = QLineEdit()
        author.editingFinished.connect(lambda: self.commit_field("self_author", author.text()))
        self._add_row(f, "self_author", author)
        self.texts["self_author"] = author
        self._add_date(f, "self_date")
        council = QGroupBox(self.tr("推進協議会・所長会議の評価"))
        f = self._form(council)
        self._add_combo(f, "council_rating", [], self.tr("（未評価）"))
        self._add_text(f, "committee_opinion", rows=2)
        self._add_date(f, "council_date")
        stages.addWidget(dept)
        stages.addWidget(council)
        form.addLayout(stages)
        form.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(form_host)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.form_host = form_host
        split.addWidget(scroll)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 5)
        split.setSizes([330, 820])
        outer.addWidget(split, 1)
        self.splitter = split
        self.placeholder = QLabel(self.tr("推進事項を選択してください"))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        outer.addWidget(self.placeholder)

    def _form(self, box: QGroupBox) -> QFormLayout:
        f = QFormLayout(box)
        f.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        f.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        return f

    def _add_row(self, f: QFormLayout, key: str, widget: QWidget, below: QWidget | None = None) -> None:
        holder = QWidget()
        lay = QVBoxLayout(holder)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(1)
        lay.addWidget(widget)
        if below is not None:
            lay.addWidget(below)
        err = ErrorLabel()
        lay.addWidget(err)
        self.errors[key] = err
        f.addRow(self.labels[key], holder)

    def _add_text(self, f: QFormLayout, key: str, rows: int) -> None:
        edit = CommitTextEdit()
        edit.setObjectName(f"evaluation_{key}")
        line = edit.fontMetrics().lineSpacing()
        edit.setMinimumHeight(line * rows + 12)
        edit.setMaximumHeight(line * (rows + 1) + 12)
        edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        edit.editingFinished.connect(lambda: self.commit_field(key, edit.toPlainText()))
        self.texts[key] = edit
        self._add_row(f, key, edit)

    def _add_combo(self, f: QFormLayout, key: str, items: list[tuple[str, str]], empty: str,
                   below: QWidget | None = None) -> None:
        combo = QComboBox()
        combo.setObjectName(f"evaluation_{key}")
        combo.setProperty("emptyText", empty)
        combo.addItem(empty, None)
        for text, data in items:
            combo.addItem(text, data)
        combo.activated.connect(lambda i: self.commit_field(key, combo.itemData(i)))
        self.combos[key] = combo
        self._add_row(f, key, combo, below)

    def _add_date(self, f: QFormLayout, key: str) -> None:
        d = OptionalDateEdit()
        d.setObjectName(f"evaluation_{key}")
        d.editingFinished.connect(lambda: self.commit_field(key, d.value()))
        self.dates[key] = d
        self._add_row(f, key, d)

    def _build_indicators(self) -> QWidget:
        holder = QWidget()
        lay = QVBoxLayout(holder)
        lay.setContentsMargins(0, 0, 0, 0)
        t = QTableWidget(0, RATE_COLUMN + 1)
        t.setObjectName("evaluationIndicators")
        self._indicator_headers = [self.tr("指標名"), self.tr("単位"), self.tr("基準値"), self.tr("目標値"),
                                   self.tr("実績値"), self.tr("達成率")]
        t.setHorizontalHeaderLabels(self._indicator_headers)
        h = t.horizontalHeader()
        h.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in range(1, RATE_COLUMN + 1):
            h.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        t.verticalHeader().setVisible(False)
        t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        t.setToolTip(self.tr("達成率 = 実績値 ÷ 目標値 × 100（目標値が0より大きいときだけ計算します）"))
        t.itemChanged.connect(self._indicator_edited)
        self.indicator_table = t
        lay.addWidget(t)
        row = QHBoxLayout()
        self.buttons["add_indicator"] = QPushButton(self.tr("指標を追加"))
        self.buttons["add_indicator"].clicked.connect(self.add_indicator)
        self.buttons["remove_indicator"] = QPushButton(self.tr("指標を削除"))
        self.buttons["remove_indicator"].clicked.connect(self.remove_indicator)
        row.addWidget(self.buttons["add_indicator"])
        row.addWidget(self.buttons["remove_indicator"])
        row.addStretch(1)
        lay.addLayout(row)
        err = ErrorLabel()
        self.errors["indicators"] = err
        lay.addWidget(err)
        return holder

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
        return self.measure() is not None and not self._doc.readonly and not rules.is_locked(self.evaluation())

    def error_text(self, key: str) -> str:
        err = self.errors.get(key)
        return err.text() if err is not None and not err.isHidden() else ""

    def has_pending_input(self) -> bool:
        """True while some typed value is wrong and therefore not stored yet."""
        return self._draft_key() in self._table_drafts

    # ------------------------------------------------------------- setting
    def set_measure(self, measure_id: str | None) -> None:
        if measure_id == self._measure_id:
            return
        self.flush()
        self._measure_id = measure_id
        self._load(force=True)

    def set_fiscal_year(self, fy: int) -> None:
        if fy is None or fy == self._fy:
            return
        self.flush()
        self._fy = fy
        self._load(force=True)
        self.fiscalYearChanged.emit(fy)

    def flush(self) -> None:
        """Commit text fields whose shown text differs from the stored one (focus may still be inside)."""
        if self._loading or not self.is_editable():
            return
        e = self.evaluation() or Evaluation(fy=self._fy)
        for key, w in self.texts.items():
            text = w.toPlainText() if isinstance(w, QPlainTextEdit) else w.text()
            if text != getattr(e, key) and not self.error_text(key):
                self.commit_field(key, text)

    # ------------------------------------------------------------- commits
    def commit_field(self, key: str, value) -> bool:
        """Store one field as one undo step; show the problem inline and keep the input on failure."""
        if self._loading or self._measure_id is None:
            return False
        e = self.evaluation()
        if value == (getattr(e, key) if e is not None else getattr(Evaluation(fy=self._fy), key)):
            self.errors[key].show_message("")
            self._style(key, False)
            self._set_unmodified(key)
            return False
        try:
            done = self._doc.set_evaluation_fields(self._measure_id, self._fy, self.tr("{0}の変更").format(self.labels[key]),
                                                   source=self, **{key: value})
        except ValidationError as exc:
            self.errors[key].show_message("\n".join(p.message for p in exc.problems))
            self._style(key, True)
            return False
        except (PermissionError, ValueError) as exc:
            self.errors[key].show_message(str(exc))
            self._style(key, True)
            return False
        self.errors[key].show_message("")
        self._style(key, False)
        self._set_unmodified(key)
        return done

    def _set_unmodified(self, key: str) -> None:
        w = self.texts.get(key)
        if isinstance(w, QPlainTextEdit):
            w.document().setModified(False)
        elif isinstance(w, QLineEdit):
            w.setModified(False)

    def _is_modified(self, key: str) -> bool:
        """Typed into since it was last loaded or stored."""
        w = self.texts[key]
        return w.document().isModified() if isinstance(w, QPlainTextEdit) else w.isModified()

    def _style(self, key: str, bad: bool) -> None:
        w = self.texts.get(key) or self.combos.get(key) or self.dates.get(key)
        if w is not None:
            w.setStyleSheet(ERROR_STYLE if bad else "")

    def _run(self, action) -> bool:
        """Run a workflow action, showing a refusal above the form."""
        if self._measure_id is None:
            return False
        self.flush()
        try:
            action()
        except (ValidationError, PermissionError, ValueError) as exc:
            self.workflow_error.show_message(str(exc))
            return False
        self.workflow_error.show_message("")
        return True

    def confirm_department(self) -> bool:
        return self._run(lambda: self._doc.set_evaluation_status(self._measure_id, self._fy, rules.DEPARTMENT_CONFIRMED,
                                                                 source=self))

    def confirm_council(self) -> bool:
        return self._run(lambda: self._doc.set_evaluation_status(self._measure_id, self._fy, rules.COUNCIL_CONFIRMED,
                                                                 source=self))

    def back_to_draft(self) -> bool:
        e = self.evaluation()
        target = rules.DRAFT if e is not None and e.status == rules.DEPARTMENT_CONFIRMED else rules.DEPARTMENT_CONFIRMED
        return self._run(lambda: self._doc.set_evaluation_status(self._measure_id, self._fy, target, source=self))

    def unlock(self, reason: str = "") -> bool:
        return self._run(lambda: self._doc.unlock_evaluation(self._measure_id, self._fy, reason, source=self))

    def relock(self) -> bool:
        return self._run(lambda: self._doc.lock_evaluation(self._measure_id, self._fy, source=self))

    def delete_evaluation(self) -> bool:
        return self._run(lambda: self._doc.delete_evaluation(self._measure_id, self._fy, source=self))

    def start_from_last_year(self) -> bool:
        return self._run(lambda: self._doc.start_evaluation_from_last_year(self._measure_id, self._fy, source=self))

    def open_rating_scale_dialog(self) -> None:
        from .rating_scale_dialog import RatingScaleDialog

        RatingScaleDialog(self._doc, self).exec()

    # Dialog hooks (tests replace these).
    def ask(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def ask_unlock_reason(self) -> str | None:
        text, ok = QInputDialog.getText(self, self.tr("ロック解除"),
                                        self.tr("会議確定の評価のロックを解除します。理由を入力してください（変更履歴に記録されます）。"))
        return text.strip() if ok else None

    def _on_council_clicked(self) -> None:
        if self.ask(self.tr("会議確定"), self.tr("会議確定にすると、ロックを解除するまで編集できなくなります。確定しますか？")):
            self.confirm_council()

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

    # ---------------------------------------------------------- indicators
    def _draft_key(self) -> tuple[str, int] | None:
        return (self._measure_id, self._fy) if self._measure_id else None

    def _table_texts(self) -> list[list[str]]:
        t = self.indicator_table
        out = []
        for r in range(t.rowCount()):
            row = []
            for c in range(RATE_COLUMN):
                item = t.item(r, c)
                row.append(item.text() if item else "")
            out.append(row)
        return out

    def _row_id(self, r: int) -> str | None:
        item = self.indicator_table.item(r, 0)
        return item.data(IdRole) if item else None

    def _parse_table(self) -> tuple[list[Indicator], dict[tuple[int, int], str]]:
        """The indicators the table shows, and problems by (row, column)."""
        problems: dict[tuple[int, int], str] = {}
        indicators = []
        for r, texts in enumerate(self._table_texts()):
            values: dict = {"name": texts[0].strip(), "unit": texts[1].strip()}
            for c, (key, header, numeric) in enumerate(INDICATOR_COLUMNS):
                if not numeric:
                    continue
                try:
                    values[key] = rules.parse_number(texts[c])
                except ValueError as exc:
                    problems[(r, c)] = str(exc)
                    values[key] = None
            ind = Indicator(**values)
            if self._row_id(r):
                ind.id = self._row_id(r)
            for p in rules.indicator_problems(ind, "i"):
                key = p.path.rsplit(".", 1)[-1]
                c = [k for k, _h, _n in INDICATOR_COLUMNS].index(key)
                problems.setdefault((r, c), p.message)
            indicators.append(ind)
        return indicators, problems

    def _indicator_edited(self, item: QTableWidgetItem) -> None:
        if self._loading or item.column() == RATE_COLUMN:
            return
        self.commit_indicators()

    def commit_indicators(self, text: str | None = None) -> bool:
        """Validate the whole table; store it as one step when every cell is fine."""
        indicators, problems = self._parse_table()
        self._mark_table(problems)
        if problems:
            self._table_drafts[self._draft_key()] = self._table_texts()
            return False
        self._table_drafts.pop(self._draft_key(), None)
        e = self.evaluation()
        if e is not None and e.indicators == indicators:
            return False
        try:
            return self._doc.set_evaluation_fields(self._measure_id, self._fy, text or self.tr("成果指標の変更"),
                                                   indicators=indicators)
        except (ValidationError, PermissionError, ValueError) as exc:
            self.errors["indicators"].show_message(str(exc))
            return False

    def _mark_table(self, problems: dict[tuple[int, int], str]) -> None:
        t = self.indicator_table
        headers = self._indicator_headers
        with QSignalBlocker(t):
            for r in range(t.rowCount()):
                for c in range(RATE_COLUMN):
                    item = t.item(r, c)
                    if item is None:
                        item = QTableWidgetItem("")
                        t.setItem(r, c, item)
                    bad = (r, c) in problems
                    item.setBackground(ERROR_BRUSH if bad else QBrush())
                    item.setToolTip(problems.get((r, c), ""))
        lines = [self.tr("{0}行目の{1}: {2}").format(r + 1, headers[c], msg)
                 for (r, c), msg in sorted(problems.items())]
        self.errors["indicators"].show_message("\n".join(lines))

    def add_indicator(self) -> bool:
        if not self.is_editable() or self.has_pending_input():
            return False
        e = self.evaluation()
        current = list(e.indicators) if e else []
        ok = self._run(lambda: self._doc.set_evaluation_fields(
            self._measure_id, self._fy, self.tr("成果指標の追加"),
            indicators=[*current, Indicator(name=self.tr("新しい指標"))]))
        if ok:
            t = self.indicator_table
            t.setCurrentCell(t.rowCount() - 1, 0)
            t.editItem(t.item(t.rowCount() - 1, 0))
        return ok

    def remove_indicator(self, row: int | None = None) -> bool:
        if not self.is_editable():
            return False
        row = self.indicator_table.currentRow() if row is None else row
        e = self.evaluation()
        if e is None or not 0 <= row < self.indicator_table.rowCount():
            return False
        if self.has_pending_input():
            # Removing a half-typed row: the rest of the table decides.
            self.indicator_table.removeRow(row)
            return self.commit_indicators(self.tr("成果指標の削除"))
        indicators = [i for k, i in enumerate(e.indicators) if k != row]
        return self._run(lambda: self._doc.set_evaluation_fields(self._measure_id, self._fy, self.tr("成果指標の削除"),
                                                                 indicators=indicators))

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

    def _load_inner(self, force: bool) -> None:
        doc = self._doc
        m = self.measure()
        if m is None:
            self._measure_id = None
        self._fill_years(m)
        self.splitter.setVisible(m is not None)
        self.placeholder.setVisible(m is None)
        for b in self.buttons.values():
            b.setEnabled(False)
        if m is None:
            self.status_label.setText("")
            self.lock_banner.hide()
            self.workflow_error.show_message("")
            return
        e = m.evaluation_for(self._fy)
        shown = e or Evaluation(fy=self._fy)
        locked = rules.is_locked(e)
        editable = self.is_editable()
        self._fill_scale_combos()
        self._load_plan_view(m)

        # status and workflow
        status = e.status if e else self.tr("未作成")
        color = STATUS_COLORS.get(status, "#999999")
        suffix = self.tr("・ロック中") if locked else self.tr("・ロック解除中") if e is not None and e.unlocked else ""
        self.status_label.setText(f"<span style='background:{color};color:white;padding:2px 6px;border-radius:3px'>"
                                  f"&nbsp;{html.escape(status + suffix)}&nbsp;</span>")
        allowed = rules.allowed_statuses(e) if not doc.readonly else []
        self.buttons["department"].setEnabled(rules.DEPARTMENT_CONFIRMED in allowed and e.status == rules.DRAFT)
        self.buttons["council"].setEnabled(rules.COUNCIL_CONFIRMED in allowed)
        self.buttons["draft"].setEnabled(e is not None and not doc.readonly and (
            (e.status == rules.DEPARTMENT_CONFIRMED) or (e.status == rules.COUNCIL_CONFIRMED and e.unlocked)))
        self.buttons["draft"].setText(self.tr("所管課確定に戻す") if e is not None and e.status == rules.COUNCIL_CONFIRMED
                                      else self.tr("下書きに戻す"))
        self.buttons["unlock"].setEnabled(locked and not doc.readonly)
        self.buttons["relock"].setEnabled(e is not None and e.status == rules.COUNCIL_CONFIRMED and e.unlocked
                                          and not doc.readonly)
        self.buttons["delete"].setEnabled(e is not None and editable)
        self.buttons["carry"].setEnabled(editable and rules.previous_evaluation(m, self._fy) is not None)
        self.buttons["history"].setEnabled(True)
        self.buttons["scale"].setEnabled(not doc.readonly)
        self.buttons["add_indicator"].setEnabled(editable)
        self.buttons["remove_indicator"].setEnabled(editable)
        if locked:
            self.lock_banner.setText(self.tr("この評価は会議確定のため編集できません。訂正が必要なときは「ロック解除…」を押してください。"))
            self.lock_banner.setStyleSheet("background:#fef5e7;border:1px solid #f0b27a;padding:4px;")
            self.lock_banner.show()
        elif e is not None and e.unlocked:
            self.lock_banner.setText(self.tr("会議確定の評価のロックを解除して編集しています。訂正が済んだら「再ロック」を押してください。"))
            self.lock_banner.setStyleSheet("background:#fdedec;border:1px solid #e6b0aa;padding:4px;")
            self.lock_banner.show()
        elif doc.readonly:
            self.lock_banner.setText(self.tr("このファイルは読み取り専用で開かれています。"))
            self.lock_banner.setStyleSheet("background:#eaecee;padding:4px;")
            self.lock_banner.show()
        else:
            self.lock_banner.hide()

        # fields
        for key, w in self.texts.items():
            value = getattr(shown, key)
            keep = not force and (self._is_modified(key) or self.error_text(key))  # typed text is never dropped
            if force:
                self.errors[key].show_message("")
                self._style(key, False)
            if isinstance(w, QPlainTextEdit):
                if w.toPlainText() != value and not keep:
                    w.setPlainText(value)
                    w.document().setModified(False)
            elif w.text() != value and not keep:
                w.setText(value)
            w.setReadOnly(not editable)
        for key, combo in self.combos.items():
            value = getattr(shown, key)
            idx = 0 if value is None else combo.findData(value)
            if idx < 0:  # a value not in the list (e.g. a letter removed elsewhere): show it as is
                combo.addItem(str(value), value)
                idx = combo.count() - 1
            combo.setCurrentIndex(idx)
            combo.setEnabled(editable)
        for key, d in self.dates.items():
            d.set_value(getattr(shown, key))
            d.set_editable(editable)
        level = rules.rating_level(doc.data.rating_scale, shown.rating)
        self.rating_definition.setText(level.definition if level else "")
        self.rating_definition.setVisible(bool(level and level.definition))
        self._load_indicators(shown, editable)

    def _fill_years(self, m: Measure | None) -> None:
        years = self._doc.plan.fiscal_years
        if years and not years[0] <= self._fy <= years[-1]:
            self._fy = min(max(self._fy, years[0]), years[-1])
        combo = self.year_combo
        with QSignalBlocker(combo):
            combo.clear()
            for fy in years:
                text = fy_label_with_western(fy)
                e = m.evaluation_for(fy) if m else None
                if e is not None:
                    text += f"  {e.rating or '—'}・{e.status}"
                combo.addItem(text, fy)
            combo.setCurrentIndex(max(combo.findData(self._fy), 0))
        combo.setEnabled(m is not None)

    def _fill_scale_combos(self) -> None:
        scale = self._doc.data.rating_scale
        colors = rules.rating_colors(scale)
        for key in ("rating", "self_rating", "council_rating"):
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

    def _load_indicators(self, e: Evaluation, editable: bool) -> None:
        t = self.indicator_table
        draft = self._table_drafts.get(self._draft_key())
        current = (t.currentRow(), t.currentColumn())
        with QSignalBlocker(t):
            rows = draft if draft is not None else [
                [i.name, i.unit, rules.format_number(i.baseline), rules.format_number(i.target),
                 rules.format_number(i.actual)] for i in e.indicators]
            ids = [i.id for i in e.indicators]
            t.setRowCount(len(rows))
            for r, texts in enumerate(rows):
                for c, text in enumerate(texts):
                    item = QTableWidgetItem(text)
                    if INDICATOR_COLUMNS[c][2]:
                        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                    if c == 0 and r < len(ids):
                        item.setData(IdRole, ids[r])
                    t.setItem(r, c, item)
                rate = rules.achievement_rate(e.indicators[r]) if draft is None and r < len(e.indicators) else None
                rate_item = QTableWidgetItem(rules.format_rate(rate))
                rate_item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                rate_item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                rate_item.setToolTip(self.tr("実績値 ÷ 目標値 × 100"))
                t.setItem(r, RATE_COLUMN, rate_item)
        t.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers if editable
                          else QAbstractItemView.EditTrigger.NoEditTriggers)
        header = t.horizontalHeader().height() or 24
        row_h = t.verticalHeader().defaultSectionSize()
        t.setFixedHeight(header + row_h * max(len(rows), 2) + 6)
        if draft is not None:
            self._mark_table(self._parse_table()[1])
        else:
            self.errors["indicators"].show_message("")
        if 0 <= current[0] < t.rowCount():
            t.setCurrentCell(*current)

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
            from ..domain.fiscal import fy_range_label

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
        scroll = self.plan_view.verticalScrollBar().value()
        self.plan_view.setHtml("".join(parts))
        self.plan_view.verticalScrollBar().setValue(scroll)
