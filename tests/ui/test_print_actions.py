"""The 印刷 menu against a minimal main window (dialogs replaced, no real printer)."""

from __future__ import annotations

import copy
import io
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox

from plan_desktop.ui.printing import PrintActions, ReportOptionsDialog, install_print_actions


class FakeMainWindow(QMainWindow):
    """What the print actions need from the main window, and nothing more."""

    measureSelected = Signal(object)

    def __init__(self, data):
        super().__init__()
        self.print_menu = self.menuBar().addMenu("印刷(&P)")
        self.document = SimpleNamespace(data=data, filtered_data=lambda: data)
        self.selected: str | None = None

    def current_measure_id(self):
        return self.selected


@pytest.fixture
def data(seed_data):
    return copy.deepcopy(seed_data)


@pytest.fixture
def win(qtbot, data):
    w = FakeMainWindow(data)
    qtbot.addWidget(w)
    return w


@pytest.fixture
def actions(win, monkeypatch):
    a = install_print_actions(win)
    monkeypatch.setattr(a, "ask_fiscal_year", lambda title: 2024)
    return a


def _text(pdf: bytes) -> str:
    from pypdf import PdfReader

    return "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).replace("\n", "").replace(" ", "")


def test_menu_is_filled(win, actions):
    names = [a.objectName() for a in win.print_menu.actions() if not a.isSeparator()]
    assert names == ["actionPrintSheet", "actionPrintBlank", "actionPrintAllSheets", "actionPrintAllBlank",
                     "actionPrintSchedule", "actionPrintSummary"]
    assert actions.act_sheet.shortcut() == QKeySequence(QKeySequence.StandardKey.Print)
    assert win.print_actions is actions


def test_sheet_actions_follow_the_selection(win, actions, data):
    assert not actions.act_sheet.isEnabled() and not actions.act_blank.isEnabled()
    assert actions.act_all.isEnabled()
    win.selected = data.measures[4].id
    win.measureSelected.emit(win.selected)
    assert actions.act_sheet.isEnabled() and actions.act_blank.isEnabled()


def test_sheet_of_selected_measure_opens_preview(win, actions, data):
    m = data.measures[4]
    win.selected = m.id
    actions.act_sheet.trigger()
    assert actions.last_preview is None  # disabled until the window says a measure is selected
    win.measureSelected.emit(m.id)
    actions.act_sheet.trigger()
    dlg = actions.last_preview
    assert dlg is not None and dlg.isVisible()
    assert dlg.page_count() == 1
    text = _text(dlg.pdf_bytes())
    assert m.title.replace(" ", "") in text and "令和6年度" in text
    dlg.close()


def test_blank_form_of_selected_measure(win, actions, data):
    win.selected = data.measures[0].id
    dlg = actions.print_blank()
    assert "記入用" in _text(dlg.pdf_bytes())
    assert dlg.page_count() == 2
    dlg.close()


def test_no_selection_warns(win, monkeypatch, data):
    a = install_print_actions(win)
    seen = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *args: seen.append(args[2])))
    assert a.print_sheet() is None
    assert "選択してください" in seen[0]


@pytest.mark.slow
def test_batch_preview_shows_the_cover_first_then_every_sheet(win, actions, data, qtbot):
    dlg = actions.print_all()
    assert dlg.is_building() and not dlg.print_button.isEnabled() and not dlg.save_button.isEnabled()
    qtbot.waitUntil(lambda: dlg.page_count() >= 1, timeout=30_000)
    first = dlg.page_count()
    assert dlg.is_building() and first < len(data.measures)  # the cover, shown before the sheets are made
    qtbot.waitUntil(lambda: not dlg.is_building(), timeout=300_000)
    assert dlg.page_count() > len(data.measures) > first
    assert dlg.print_button.isEnabled() and dlg.save_button.isEnabled()
    text = _text(dlg.pdf_bytes())
    assert "目次" in text and "－" not in text.split("目次")[1][:400]  # the contents' page numbers are known
    dlg.close()


@pytest.mark.parametrize("when", ["between parts", "inside a part"])
def test_batch_preview_can_be_stopped_at_any_time(win, actions, data, qtbot, monkeypatch, when):
    from plan_desktop.reports import progressive

    made: list[int] = []
    real = progressive.sheets_step_by_step

    def watched(*args, **kwargs):
        for step in real(*args, **kwargs):
            made.append(step.done)
            yield step

    monkeypatch.setattr(progressive, "sheets_step_by_step", watched)
    if when == "inside a part":
        from plan_desktop.ui.print_preview import PrintPreviewDialog

        real_progress = PrintPreviewDialog.on_progress
        sheets = {"n": 0}

        def press_stop_at_the_third_sheet(self, done, total):
            sheets["n"] += 1
            if sheets["n"] == 3:
                self.cancel_button.click()  # pressed while that sheet is being laid out
            real_progress(self, done, total)

        monkeypatch.setattr(PrintPreviewDialog, "on_progress", press_stop_at_the_third_sheet)
    dlg = actions.print_all()
    if when == "between parts":
        qtbot.waitUntil(lambda: dlg.page_count() >= 1, timeout=30_000)
        dlg.cancel_button.click()
    qtbot.waitUntil(lambda: not dlg.isVisible(), timeout=60_000)
    assert not dlg.is_building()
    assert made and made[-1] < len(data.measures)  # the rest was never made
    qtbot.wait(50)
    assert made[-1] < len(data.measures)


def test_schedule_and_summary(win, actions, monkeypatch):
    monkeypatch.setattr(actions, "ask_schedule_options", lambda: {"paper": "A3", "fy_from": 2023, "fy_to": 2027})
    dlg = actions.print_schedule()
    size = dlg.document.pagePointSize(0)
    assert size.width() > size.height() and abs(size.width() - 1191) < 3
    text = _text(dlg.pdf_bytes())
    assert "令和5年度" in text and "令和9年度" in text
    dlg.close()
    dlg = actions.print_summary()
    assert "評価結果一覧" in _text(dlg.pdf_bytes())
    dlg.close()


def test_cancelled_question_builds_nothing(win, actions, monkeypatch):
    monkeypatch.setattr(actions, "ask_fiscal_year", lambda title: None)
    monkeypatch.setattr(actions, "ask_schedule_options", lambda: None)
    assert actions.print_all() is None and actions.print_summary() is None and actions.print_schedule() is None


def test_bad_year_is_reported_not_raised(win, actions, monkeypatch):
    seen = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *args: seen.append(args[2])))
    monkeypatch.setattr(actions, "ask_fiscal_year", lambda title: 2050)
    assert actions.print_summary() is None
    assert "計画期間" in seen[0]


def test_prints_the_document_open_now(win, actions, data):
    other = copy.deepcopy(data)
    other.plan.title = "差し替えた計画"
    win.document = SimpleNamespace(data=other, filtered_data=lambda: other)
    dlg = actions.print_summary()
    assert "差し替えた計画" in _text(dlg.pdf_bytes())
    dlg.close()


def test_default_year_is_clamped_to_the_plan(win, monkeypatch, data):
    import plan_desktop.ui.printing as printing

    a = PrintActions(win)
    monkeypatch.setattr(printing, "current_fiscal_year", lambda: 2099)
    assert a.default_fiscal_year() == data.plan.fy_end
    monkeypatch.setattr(printing, "current_fiscal_year", lambda: 1999)
    assert a.default_fiscal_year() == data.plan.fy_start
    a.last_fy = 2025
    assert a.default_fiscal_year() == 2025


def test_options_dialog(qtbot, data):
    years = data.plan.fiscal_years
    d = ReportOptionsDialog("t", years=years, fy=2024)
    qtbot.addWidget(d)
    assert d.values() == {"fy": 2024}
    d = ReportOptionsDialog("t", years=years, paper=True, span=(2022, 2026))
    qtbot.addWidget(d)
    d.paper_combo.setCurrentIndex(1)
    assert d.values() == {"fy_from": 2022, "fy_to": 2026, "paper": "A3"}
    d.from_combo.setCurrentIndex(d.from_combo.findData(2030))
    d._accept()
    assert d.result() != d.DialogCode.Accepted and not d.error.isHidden()


def test_real_main_window(qtbot, db_file, tmp_path, monkeypatch):
    """With the application's own main window, when it is available."""
    from PySide6.QtCore import QSettings

    app_module = pytest.importorskip("plan_desktop.app")
    if not hasattr(app_module, "create_main_window"):
        pytest.skip("main window not available")
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    w = app_module.create_main_window(db_file, settings)
    qtbot.addWidget(w)
    try:
        a = getattr(w, "print_actions", None) or install_print_actions(w)
        assert a.act_sheet in w.print_menu.actions()
        monkeypatch.setattr(a, "ask_fiscal_year", lambda title: 2024)
        first = w.document.data.measures[0]
        w.select_measure(first.id)
        assert w.current_measure_id() == first.id
        dlg = a.print_sheet()
        assert first.title.replace(" ", "") in _text(dlg.pdf_bytes())
        dlg.close()
    finally:
        w.document.close()


def test_printing_follows_the_chosen_period(qapp, db_file):
    from plan_desktop.document.plan_document import PlanDocument
    from plan_desktop.ui.printing import PrintActions

    doc = PlanDocument.open(db_file)
    first = doc.measures()[0]
    doc.update_measure(first.id, "期間", period="後期")
    doc.set_period_filter("前期")
    from PySide6.QtWidgets import QMainWindow, QMenu

    win = QMainWindow()
    win.document = doc
    win.print_menu = QMenu()
    win.current_measure_id = lambda: None
    actions = PrintActions(win)
    assert first.id not in [m.id for m in actions.data.measures]
    assert len(actions.data.measures) == len(doc.measures()) - 1
    doc.set_period_filter(None)
    assert len(actions.data.measures) == len(doc.measures())
    doc.close()


def test_options_dialog_collects_print_settings(qtbot, data):
    import datetime as dt

    years = data.plan.fiscal_years
    d = ReportOptionsDialog("t", years=years, fy=2024, kind="sheets",
                            settings={"meeting": "第1回", "duplex": False, "stamps": ("係長",)})
    qtbot.addWidget(d)
    assert d.meeting_edit.text() == "第1回" and not d.duplex_check.isChecked() and d.stamps_edit.text() == "係長"
    d.meeting_edit.setText("第2回推進協議会")
    d.meeting_date_check.setChecked(True)
    d.meeting_date_edit.set_text("R7.5.20")  # typed as offices write it; shown in 令和 form
    d.document_no_edit.setText("資料3")
    d.all_blocks_check.setChecked(True)
    d.stamps_edit.setText("課長、係長、担当")
    assert d.settings() == {"meeting": "第2回推進協議会", "document_no": "資料3", "meeting_date": dt.date(2025, 5, 20),
                            "duplex": False, "all_blocks": True, "stamps": ("課長", "係長", "担当")}
    d.meeting_date_edit.set_text("2025/13/1")
    d._accept()
    assert d.result() != d.DialogCode.Accepted and "開催日" in d.error.text()
    d.meeting_date_edit.set_value("2025-05-20")
    assert d.meeting_date_edit.text() == "令和7年5月20日"
    d.stamps_edit.setText("一,二,三,四,五,六,七")
    d._accept()
    assert d.result() != d.DialogCode.Accepted and "確認欄" in d.error.text()
    summary = ReportOptionsDialog("t", years=years, fy=2024, kind="summary")
    qtbot.addWidget(summary)
    assert summary.duplex_check is None and not summary.drafts_check.isChecked()
    summary.drafts_check.setChecked(True)
    assert summary.settings()["include_drafts"] is True


def test_print_settings_reach_the_report(win, actions, data, monkeypatch):
    seen = {}

    def builder(*args, options, **kw):
        seen["options"] = options
        return None

    actions.settings = {"meeting": "第2回", "duplex": False, "include_drafts": True, "unknown": 1}
    actions.build(builder)
    o = seen["options"]
    assert o.meeting == "第2回" and o.duplex is False and o.include_drafts is True
