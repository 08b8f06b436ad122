"""The 印刷 menu: builds a report from the open plan and shows it in the preview.

``install_print_actions(main_window)`` fills ``main_window.print_menu``. The
window provides ``document`` (a PlanDocument, read at the moment an action is
used, so a newly opened plan is printed) and ``current_measure_id()``.
Reports are built by ``plan_desktop.reports`` — the same code and bytes as
``plan-desktop print`` on the command line.
"""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from ..domain import evaluation as rules
from ..domain.fiscal import current_fiscal_year, fy_label_with_western
from ..reports.settings import DEFAULT_STAMPS, parse_stamps
from .date_edit import DateEdit

if TYPE_CHECKING:  # QtPdf/QtPrintSupport load when the first preview opens, not at start-up
    from .print_preview import PrintPreviewDialog


class ReportOptionsDialog(QDialog):
    """Fiscal year and/or paper and year range for one report, and the print settings:
    the meeting (name, date, 資料番号) for every report; for sheets double-sided
    printing, all action-plan blocks and the 確認欄 boxes; for summaries whether
    unconfirmed ratings are counted. *settings* prefills them (the last ones used)."""

    def __init__(self, title: str, *, years: list[int], fy: int | None = None, paper: bool = False,
                 span: tuple[int, int] | None = None, kind: str = "", settings: dict | None = None, parent=None):
        super().__init__(parent)
        settings = settings or {}
        self.setObjectName("reportOptionsDialog")
        self.setWindowTitle(title)
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.fy_combo = self.from_combo = self.to_combo = self.paper_combo = None
        if fy is not None:
            self.fy_combo = self._years(years, fy)
            form.addRow(self.tr("年度"), self.fy_combo)
        if span is not None:
            self.from_combo = self._years(years, span[0])
            self.to_combo = self._years(years, span[1])
            form.addRow(self.tr("工程の始まり"), self.from_combo)
            form.addRow(self.tr("工程の終わり"), self.to_combo)
        if paper:
            self.paper_combo = QComboBox()
            self.paper_combo.addItem(self.tr("A4 横"), "A4")
            self.paper_combo.addItem(self.tr("A3 横"), "A3")
            form.addRow(self.tr("用紙"), self.paper_combo)
        self.meeting_edit = QLineEdit(settings.get("meeting", ""))
        self.meeting_edit.setObjectName("meetingEdit")
        self.meeting_edit.setMaxLength(60)
        self.meeting_edit.setPlaceholderText(self.tr("例: 第2回推進会議（空欄なら計画名）"))
        form.addRow(self.tr("会議名"), self.meeting_edit)
        self.meeting_date_check = QCheckBox(self.tr("開催日を印刷する"))
        # The app's date field: 令和 form, and what offices type (R7.5.20, 2025/5/20, ...).
        self.meeting_date_edit = DateEdit()
        self.meeting_date_edit.setObjectName("meetingDateEdit")
        day = settings.get("meeting_date")
        self.meeting_date_check.setChecked(day is not None)
        self.meeting_date_edit.set_value((day or _dt.date.today()).isoformat())
        self.meeting_date_edit.setEnabled(day is not None)
        self.meeting_date_check.toggled.connect(self.meeting_date_edit.setEnabled)
        row = QHBoxLayout()
        row.addWidget(self.meeting_date_check)
        row.addWidget(self.meeting_date_edit, 1)
        form.addRow(self.tr("開催日"), row)
        self.document_no_edit = QLineEdit(settings.get("document_no", ""))
        self.document_no_edit.setObjectName("documentNoEdit")
        self.document_no_edit.setMaxLength(20)
        self.document_no_edit.setPlaceholderText(self.tr("例: 資料3"))
        form.addRow(self.tr("資料番号"), self.document_no_edit)
        self.duplex_check = self.all_blocks_check = self.stamps_edit = self.drafts_check = None
        if kind == "sheets":
            self.duplex_check = QCheckBox(self.tr("両面印刷用"))
            self.duplex_check.setToolTip(self.tr("各事項を表面から始めます。裏面が空くときは「（白紙）」と印刷します。"
                                                 "片面印刷ではチェックを外してください。"))
            self.duplex_check.setChecked(settings.get("duplex", True))
            form.addRow(self.tr("両面"), self.duplex_check)
            self.all_blocks_check = QCheckBox(self.tr("すべての期間を印刷（今年度の分を強調）"))
            self.all_blocks_check.setChecked(settings.get("all_blocks", False))
            form.addRow(self.tr("年度別行動計画"), self.all_blocks_check)
            self.stamps_edit = QLineEdit("、".join(settings.get("stamps", DEFAULT_STAMPS)))
            self.stamps_edit.setObjectName("stampsEdit")
            self.stamps_edit.setPlaceholderText(self.tr("例: 課長、係長、担当（空欄なら確認欄なし）"))
            form.addRow(self.tr("確認欄"), self.stamps_edit)
        if kind == "summary":
            self.drafts_check = QCheckBox(self.tr("会議確定前の評価も含める（「案」と表示）"))
            self.drafts_check.setChecked(settings.get("include_drafts", rules.DRAFTS_COUNTED_BY_DEFAULT))
            form.addRow(self.tr("集計"), self.drafts_check)
        lay.addLayout(form)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("あ") * 34)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()
        lay.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("プレビュー"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

    def _years(self, years: list[int], current: int) -> QComboBox:
        combo = QComboBox()
        for y in years:
            combo.addItem(fy_label_with_western(y), y)
        combo.setCurrentIndex(max(combo.findData(current), 0))
        return combo

    def _meeting_date(self) -> _dt.date | None:
        """The 開催日 to print (None: not printed); ValueError (Japanese) when the text is not a date."""
        if not self.meeting_date_check.isChecked():
            return None
        self.meeting_date_edit.reread()
        if self.meeting_date_edit.problem():
            raise ValueError(self.meeting_date_edit.problem())
        value = self.meeting_date_edit.value()
        if value is None:
            raise ValueError(self.tr("日付を入力してください（印刷しないときは「開催日を印刷する」のチェックを外します）"))
        return _dt.date.fromisoformat(value)

    def _accept(self) -> None:
        try:
            self._meeting_date()
        except ValueError as exc:
            self.error.setText(self.tr("開催日: {0}").format(exc))
            self.error.show()
            self.meeting_date_edit.setFocus()
            return
        if self.from_combo is not None and self.from_combo.currentData() > self.to_combo.currentData():
            self.error.setText(self.tr("工程の始まりが終わりより後になっています"))
            self.error.show()
            return
        if self.stamps_edit is not None:
            try:
                parse_stamps(self.stamps_edit.text())
            except ValueError as exc:
                self.error.setText(self.tr("確認欄: {0}").format(exc))
                self.error.show()
                self.stamps_edit.setFocus()
                return
        self.accept()

    def settings(self) -> dict:
        """The print settings chosen, as ``ReportOptions`` field values."""
        out: dict = {"meeting": self.meeting_edit.text().strip(), "document_no": self.document_no_edit.text().strip(),
                     "meeting_date": self._meeting_date()}
        if self.duplex_check is not None:
            out["duplex"] = self.duplex_check.isChecked()
            out["all_blocks"] = self.all_blocks_check.isChecked()
            out["stamps"] = parse_stamps(self.stamps_edit.text())
        if self.drafts_check is not None:
            out["include_drafts"] = self.drafts_check.isChecked()
        return out

    def values(self) -> dict:
        out: dict = {}
        if self.fy_combo is not None:
            out["fy"] = self.fy_combo.currentData()
        if self.from_combo is not None:
            out["fy_from"], out["fy_to"] = self.from_combo.currentData(), self.to_combo.currentData()
        if self.paper_combo is not None:
            out["paper"] = self.paper_combo.currentData()
        return out


class PrintActions(QObject):
    """The actions of the 印刷 menu and what they do."""

    def __init__(self, window):
        super().__init__(window)
        self.setObjectName("printActions")
        self.window = window
        self.last_fy: int | None = None
        # print settings from the last options dialog (meeting, duplex, ...): ReportOptions fields
        self.settings: dict = {}
        self.asking_kind = ""
        self.last_preview: PrintPreviewDialog | None = None

        def action(text: str, slot, name: str, shortcut=None) -> QAction:
            a = QAction(text, window)
            a.setObjectName(name)
            if shortcut is not None:
                a.setShortcut(QKeySequence(shortcut))
            a.triggered.connect(lambda _checked=False: slot())
            return a

        self.act_sheet = action(self.tr("評価シート（選択中の事項）(&S)…"), self.print_sheet, "actionPrintSheet",
                                QKeySequence.StandardKey.Print)
        self.act_blank = action(self.tr("記入用シート（選択中の事項）(&B)…"), self.print_blank, "actionPrintBlank")
        self.act_all = action(self.tr("全事項の評価シート(&A)…"), self.print_all, "actionPrintAllSheets")
        self.act_all_blank = action(self.tr("全事項の記入用シート(&F)…"), self.print_all_blank,
                                    "actionPrintAllBlank")
        self.act_schedule = action(self.tr("一覧及び工程(&O)…"), self.print_schedule, "actionPrintSchedule")
        self.act_summary = action(self.tr("評価結果一覧(&R)…"), self.print_summary, "actionPrintSummary")

        menu = window.print_menu
        menu.addAction(self.act_sheet)
        menu.addAction(self.act_blank)
        menu.addSeparator()
        menu.addAction(self.act_all)
        menu.addAction(self.act_all_blank)
        menu.addSeparator()
        menu.addAction(self.act_schedule)
        menu.addAction(self.act_summary)
        menu.aboutToShow.connect(self.update_actions)
        # keep the Ctrl+P shortcut's enabled state current without opening the menu
        for name in ("measureSelected", "documentChanged"):
            signal = getattr(window, name, None)
            if signal is not None:
                signal.connect(lambda *_: self.update_actions())
        self.update_actions()

    # ------------------------------------------------------------ state
    @property
    def data(self):
        """What is printed: the plan restricted to the period chosen in 計画 → 表示する期間."""
        return self.window.document.filtered_data()

    def current_measure(self):
        mid = self.window.current_measure_id()
        if mid is None:
            return None
        for m in self.data.measures:
            if m.id == mid:
                return m
        return None

    def update_actions(self) -> None:
        has_measure = self.current_measure() is not None
        self.act_sheet.setEnabled(has_measure)
        self.act_blank.setEnabled(has_measure)
        has_any = bool(self.data.measures)
        for a in (self.act_all, self.act_all_blank, self.act_schedule, self.act_summary):
            a.setEnabled(has_any)
        self.act_schedule.setText(self.tr("{word}一覧及び工程(&O)…").format(word=self.data.terms.measure))

    def default_fiscal_year(self) -> int:
        plan = self.data.plan
        fy = self.last_fy if self.last_fy is not None else current_fiscal_year()
        return max(plan.fy_start, min(plan.fy_end, fy))

    # ------------------------------------------------ questions (replaceable in tests)
    def ask_fiscal_year(self, title: str) -> int | None:
        dlg = ReportOptionsDialog(title, years=self.data.plan.fiscal_years, fy=self.default_fiscal_year(),
                                  kind=self.asking_kind, settings=self.settings, parent=self.window)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return None
        self.settings.update(dlg.settings())
        fy = dlg.values()["fy"]
        self.last_fy = fy
        return fy

    def ask_schedule_options(self) -> dict | None:
        from ..reports.common import schedule_years

        years = schedule_years(self.data)
        dlg = ReportOptionsDialog(self.tr("{word}一覧及び工程").format(word=self.data.terms.measure),
                                  years=self.data.plan.fiscal_years,
                                  paper=True, span=(years[0], years[-1]), settings=self.settings, parent=self.window)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return None
        self.settings.update(dlg.settings())
        return dlg.values()

    def show_message(self, kind: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox.warning if kind == "warning" else QMessageBox.critical
        box(self.window, self.tr("印刷"), text)

    # ------------------------------------------------------------ building
    def build(self, builder, *args, batch_label: str | None = None, **kwargs):
        """Run a report builder; a batch gets a progress dialog with 中止. None when cancelled or failed."""
        from PySide6.QtWidgets import QProgressDialog

        from ..reports.base import Cancelled, ReportOptions
        from ..reports.common import SelectionError

        progress = None
        known = set(ReportOptions.__dataclass_fields__)
        options = ReportOptions(**{k: v for k, v in self.settings.items() if k in known})
        if batch_label is not None:
            progress = QProgressDialog(batch_label, self.tr("中止"), 0, 1, self.window)
            progress.setObjectName("printProgress")
            progress.setWindowModality(Qt.WindowModality.WindowModal)
            progress.setMinimumDuration(300)
            progress.setValue(0)

            def step(done: int, total: int) -> None:
                progress.setMaximum(total)
                progress.setValue(done)
                progress.setLabelText(self.tr("{0}（{1} / {2}）").format(batch_label, done, total))
                QCoreApplication.processEvents()
                if progress.wasCanceled():
                    raise Cancelled

            options.progress = step
            self.progress_dialog = progress
        try:
            return builder(*args, options=options, **kwargs)
        except Cancelled:
            return None
        except SelectionError as exc:
            self.show_message("warning", str(exc))
            return None
        except Exception as exc:  # noqa: BLE001 - a failed report must not take the window down
            self.show_message("critical", self.tr("帳票を作成できませんでした: {0}").format(exc))
            return None
        finally:
            if progress is not None:
                progress.reset()
                progress.deleteLater()

    def preview(self, result) -> PrintPreviewDialog | None:
        if result is None:
            return None
        from .print_preview import PrintPreviewDialog

        dlg = PrintPreviewDialog.for_result(result, self.window)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.show()
        self.last_preview = dlg
        return dlg

    # ------------------------------------------------------------ actions
    def _sheet(self, blank: bool) -> PrintPreviewDialog | None:
        from ..reports.sheet import build_sheets

        m = self.current_measure()
        if m is None:
            self.show_message("warning", self.tr("印刷する{word}を選択してください").format(word=self.data.terms.measure))
            return None
        title = self.tr("記入用シート（№{0}）") if blank else self.tr("評価シート（№{0}）")
        self.asking_kind = "sheets"
        fy = self.ask_fiscal_year(title.format(m.label))
        if fy is None:
            return None
        return self.preview(self.build(build_sheets, self.data, fy, [m], blank=blank))

    def print_sheet(self) -> PrintPreviewDialog | None:
        return self._sheet(blank=False)

    def print_blank(self) -> PrintPreviewDialog | None:
        return self._sheet(blank=True)

    def _all(self, blank: bool) -> PrintPreviewDialog | None:
        """A batch: the preview opens at once and shows the sheets as they are made
        (the cover first), with 中止; printing and saving wait for the last sheet."""
        from ..reports.base import ReportOptions
        from ..reports.common import SelectionError, check_fiscal_year
        from ..reports.progressive import sheets_step_by_step
        from .print_preview import PrintPreviewDialog

        title = self.tr("全事項の記入用シート") if blank else self.tr("全事項の評価シート")
        self.asking_kind = "sheets"
        fy = self.ask_fiscal_year(title)
        if fy is None:
            return None
        try:
            check_fiscal_year(self.data, fy)
        except SelectionError as exc:
            self.show_message("warning", str(exc))
            return None
        known = set(ReportOptions.__dataclass_fields__)
        options = ReportOptions(**{k: v for k, v in self.settings.items() if k in known})
        dlg = PrintPreviewDialog(None, title, parent=self.window)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        options.progress = dlg.on_progress
        dlg.show_steps(sheets_step_by_step(self.data, fy, list(self.data.measures), blank=blank, options=options))
        dlg.show()
        self.last_preview = dlg
        return dlg

    def print_all(self) -> PrintPreviewDialog | None:
        return self._all(blank=False)

    def print_all_blank(self) -> PrintPreviewDialog | None:
        return self._all(blank=True)

    def print_schedule(self) -> PrintPreviewDialog | None:
        from ..reports.schedule_overview import build_schedule

        choice = self.ask_schedule_options()
        if choice is None:
            return None
        return self.preview(self.build(build_schedule, self.data, **choice))

    def print_summary(self) -> PrintPreviewDialog | None:
        from ..reports.summary import build_summary

        self.asking_kind = "summary"
        fy = self.ask_fiscal_year(self.tr("評価結果一覧"))
        if fy is None:
            return None
        return self.preview(self.build(build_summary, self.data, fy))


def install_print_actions(main_window) -> PrintActions:
    """Fill ``main_window.print_menu`` with the report actions; returns their owner."""
    actions = PrintActions(main_window)
    main_window.print_actions = actions
    return actions
